"""Case list at 100 000 cases: time per keystroke and per filter switch, against a floor.

Everything goes through the real page (``CasesPage``: search field, filter combos, the proxy and
a shown QTableView, offscreen): a keystroke is timed from the key press until the event loop has
laid out and painted the table again. The floor is measured in the same run on the same
100 000 search keys: one plain list comprehension ``[letter in key for key in keys]``, the least
any search as you type in Python must do. The goal (issue 4) is at most 50 ms per keystroke.

Optionally (``--store-size``) also times the read service ``case_rows()`` on a store filled with
bulk inserts (youths, registrations, cases, police contacts, coach contacts), signals included.

    python -m tests.benchmarks.case_list_bench [--size 100000] [--store-size 0] [--out results.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GOAL_MS = 50.0
TODAY = dt.date(2024, 3, 18)
WORDS = ("jansen", "el amrani", "voorhof", "zoe", "bakker", "fatima", "tanthof", "noor")
"""Typed letter by letter (ASCII: QTest cannot type "ë"; the search ignores accents anyway)."""
PASSWORD = "benchmark wachtwoord"


class Samples:
    """Durations of one kind of step: wall clock (what the user waits) and this process's CPU
    time (what the step costs; steadier on a busy machine shared with other work)."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def time(self, action: Callable[[], object]) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        self.cpu.append(time.process_time() - cpu)
        self.wall.append(time.perf_counter() - wall)

    def __add__(self, other: Samples) -> Samples:
        both = Samples()
        both.wall, both.cpu = self.wall + other.wall, self.cpu + other.cpu
        return both

    def median_ms(self) -> float:
        return round(statistics.median(self.wall) * 1000, 2)

    def cpu_median_ms(self) -> float:
        return round(statistics.median(self.cpu) * 1000, 2)

    def max_ms(self) -> float:
        return round(max(self.wall) * 1000, 2)


def _floor(keys: list[str], runs: int = 21) -> Samples:
    samples = Samples()
    for run in range(runs):
        letter = "aeiosn"[run % 6]
        samples.time(lambda letter=letter: [letter in key for key in keys])
    return samples


def run(size: int = 100_000, store_size: int = 0) -> dict[str, Any]:
    """Measure; returns the figures as a dict (also printed by :func:`main`)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from tests.ui.cases.synthetic import synthetic_rows
    from zvkd_desktop.services.context import ServiceContext
    from zvkd_desktop.store.kdf import TEST_KDF
    from zvkd_desktop.store.store import Store
    from zvkd_desktop.ui.app import configure
    from zvkd_desktop.ui.cases.filtering import CaseIndex
    from zvkd_desktop.ui.cases.model import Column, column_sort_keys
    from zvkd_desktop.ui.cases.page import CasesPage

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    configure(app)
    results: dict[str, Any] = {
        "size": size,
        "goal_ms_per_keystroke": GOAL_MS,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ZVKD_HOME"] = str(Path(tmp) / "home")
        store, _code = Store.create(Path(tmp) / "bench.zvkd", PASSWORD, username="bench",
                                    display_name="Bench", kdf=TEST_KDF)  # fmt: skip
        try:
            rows = synthetic_rows(size, on=TODAY)
            page = CasesPage(ServiceContext(store, today=lambda: TODAY), load=False)
            page.resize(1280, 800)
            page.show()
            app.processEvents()

            def settle() -> None:
                app.processEvents()  # layout and paint the table

            def step(action: Callable[[], object]) -> Callable[[], None]:
                def run_step() -> None:
                    action()
                    settle()

                return run_step

            start = time.perf_counter()
            index = CaseIndex(rows)  # on the loading thread in the program, as are the rows
            index.order(Column.NAME, False, lambda c: column_sort_keys(rows, c))
            results["index_build_ms"] = round((time.perf_counter() - start) * 1000, 1)
            show = Samples()
            show.time(step(lambda: page.set_rows(rows, TODAY, index=index)))
            results["show_loaded_rows_ms"] = show.median_ms()
            page.status_combo.setCurrentIndex(page.status_combo.findText("Alle"))
            settle()
            page.search_edit.setFocus()

            typing, first_letters, backspaces, clears = Samples(), Samples(), Samples(), Samples()
            for word in WORDS:
                for position, letter in enumerate(word):
                    (first_letters if position == 0 else typing).time(
                        step(lambda ch=letter: QTest.keyClicks(page.search_edit, ch))
                    )
                for _ in word:
                    backspaces.time(
                        step(lambda: QTest.keyClick(page.search_edit, Qt.Key.Key_Backspace))
                    )
                QTest.keyClicks(page.search_edit, word)
                settle()
                clears.time(step(lambda: QTest.keyClick(page.search_edit, Qt.Key.Key_Escape)))
            assert page.proxy.shown_count() == size

            switches = Samples()
            combos = [page.status_combo, page.category_combo, page.coach_combo,
                      page.neighbourhood_combo, page.signal_combo]  # fmt: skip
            for combo in combos:
                for position in [*range(1, min(combo.count(), 5)), 0]:
                    switches.time(step(lambda c=combo, p=position: c.setCurrentIndex(p)))

            first_sorts, again_sorts = Samples(), Samples()
            for sorts in (first_sorts, again_sorts):
                for column in (Column.ADMITTED, Column.POLICE_FREE, Column.COACH):
                    sorts.time(
                        step(
                            lambda c=column: page.table.sortByColumn(c, Qt.SortOrder.AscendingOrder)
                        )
                    )
            floor = _floor(page.proxy.case_index.keys)
            page.close()
        finally:
            store.close()

        keystrokes = first_letters + typing + backspaces + clears
        floor_ms = floor.median_ms()
        results.update(
            {
                "load_average": os.getloadavg()[0],
                "floor_ms": floor_ms,
                "floor_cpu_ms": floor.cpu_median_ms(),
                "keystrokes": len(keystrokes.wall),
                "keystroke_median_ms": keystrokes.median_ms(),
                "keystroke_cpu_median_ms": keystrokes.cpu_median_ms(),
                "keystroke_max_ms": keystrokes.max_ms(),
                "keystroke_ratio_to_floor": round(keystrokes.median_ms() / floor_ms, 1),
                "first_letter_median_ms": first_letters.median_ms(),
                "first_letter_max_ms": first_letters.max_ms(),
                "next_letter_median_ms": typing.median_ms(),
                "backspace_median_ms": backspaces.median_ms(),
                "clear_median_ms": clears.median_ms(),
                "filter_switch_median_ms": switches.median_ms(),
                "filter_switch_cpu_median_ms": switches.cpu_median_ms(),
                "filter_switch_max_ms": switches.max_ms(),
                "filter_switch_ratio_to_floor": round(switches.median_ms() / floor_ms, 1),
                "sort_first_median_ms": first_sorts.median_ms(),
                "sort_again_median_ms": again_sorts.median_ms(),
            }
        )
        results["goal_met"] = (
            max(results["keystroke_median_ms"], results["filter_switch_median_ms"]) <= GOAL_MS
        )
        # On a machine shared with other work the wall clock also counts waiting for a core;
        # CPU time is what the keystroke itself costs.
        results["goal_met_cpu"] = (
            max(results["keystroke_cpu_median_ms"], results["filter_switch_cpu_median_ms"])
            <= GOAL_MS
        )
        if store_size:
            results.update(_case_rows_timing(Path(tmp), store_size))
    return results


def _case_rows_timing(folder: Path, count: int) -> dict[str, Any]:
    """Time ``case_rows()`` on a store with ``count`` cases (filled with bulk inserts)."""
    from sqlalchemy import insert

    from zvkd_desktop.domain.vocabulary import (
        Category,
        CoachContactKind,
        Decision,
        OrganisationKind,
        PoliceContactKind,
        ProfessionalRole,
    )
    from zvkd_desktop.services.case_list import case_rows
    from zvkd_desktop.services.context import ServiceContext
    from zvkd_desktop.store.kdf import TEST_KDF
    from zvkd_desktop.store.models import (
        Case,
        CoachContact,
        Organisation,
        PoliceContact,
        Professional,
        Registration,
        Youth,
    )
    from zvkd_desktop.store.store import Store

    rng = random.Random(11)
    store, _code = Store.create(folder / f"cases-{count}.zvkd", PASSWORD, username="bench",
                                display_name="Bench", kdf=TEST_KDF)  # fmt: skip
    try:
        start = time.perf_counter()
        police_id, coaches = uuid.uuid4(), [uuid.uuid4() for _ in range(25)]
        youths, registrations, cases, police, contacts = [], [], [], [], []
        hoods = ["buitenhof", "voorhof", "tanthof", "wippolder", "binnenstad", "unknown"]
        for n in range(count):
            youth, registration, case = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
            born = dt.date(1997 + n % 14, 1 + n % 12, 1 + n % 28)
            admitted = TODAY - dt.timedelta(days=rng.randrange(1, 2500))
            closed = admitted + dt.timedelta(days=rng.randrange(183, 900))
            youths.append({"id": youth, "first_name": f"Jongere{n}", "last_name": "Jansen",
                           "date_of_birth": born, "birth_year": born.year,
                           "neighbourhood": hoods[n % len(hoods)]})  # fmt: skip
            registrations.append({"id": registration, "youth_id": youth,
                                  "registered_on": admitted - dt.timedelta(days=14),
                                  "registrant_id": police_id, "age_at_registration": 16,
                                  "decision": Decision.ADMITTED, "decided_on": admitted})  # fmt: skip
            cases.append({"id": case, "youth_id": youth, "registration_id": registration,
                          "admitted_on": admitted, "category": Category.REGULAR,
                          "coach_id": coaches[n % len(coaches)],
                          "next_review_on": TODAY + dt.timedelta(days=rng.randrange(-20, 40)),
                          "closed_on": closed if closed < TODAY else None})  # fmt: skip
            for _ in range(rng.randrange(0, 4)):
                police.append({"id": uuid.uuid4(), "youth_id": youth, "case_id": case,
                               "contact_on": admitted + dt.timedelta(days=rng.randrange(0, 400)),
                               "kind": PoliceContactKind.NUISANCE,
                               "negative": rng.random() < 0.8})  # fmt: skip
            contacts.append({"id": uuid.uuid4(), "case_id": case, "coach_id": coaches[n % 25],
                             "contact_on": admitted + dt.timedelta(days=rng.randrange(0, 60)),
                             "kind": CoachContactKind.VISIT})  # fmt: skip
        with store.transaction() as session:
            session.add(Organisation(id=police_id, name="Politie", kind=OrganisationKind.POLICE))
            session.add_all(Professional(id=coach, name=f"Coach {i}", role=ProfessionalRole.COACH)
                            for i, coach in enumerate(coaches))  # fmt: skip
            session.flush()
            for model, items in ((Youth, youths), (Registration, registrations), (Case, cases),
                                 (PoliceContact, police), (CoachContact, contacts)):  # fmt: skip
                session.execute(insert(model), items)
        fill_s = time.perf_counter() - start
        ctx = ServiceContext(store, today=lambda: TODAY)
        samples = []
        for _ in range(3):
            start = time.perf_counter()
            loaded = case_rows(ctx, on=TODAY)
            samples.append(time.perf_counter() - start)
        assert len(loaded) == count
    finally:
        store.close()
    return {
        "store_cases": count,
        "store_fill_s": round(fill_s, 1),
        "case_rows_median_s": round(statistics.median(samples), 2),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.case_list_bench")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--store-size", type=int, default=0,
                        help="also time case_rows() on a store with this many cases")  # fmt: skip
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    results = run(args.size, args.store_size)
    text = json.dumps(results, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0 if results["goal_met"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
