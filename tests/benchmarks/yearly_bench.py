"""The yearly summary over the ten-year demo store and over a synthetic store 100 times as large.

What is timed ("summary"): reading the facts from the store (queries.load_facts), counting every
year of the store (the multi-year view, year Y included) and building the documented JSON,
i.e. everything ``zvkd report --json`` and the screen do before drawing. Goals (issue 6):
at most 100 ms on the demo store, at most 2 s on the 100x store (medians).

Two floors, measured in the same run on the same in-memory database, make the figures
comparable across machines:

* ``count_floor``: ``SELECT count(*)`` of each table the summary reads;
* ``fetch_floor``: the raw sqlite3 fetch of exactly the columns the summary reads, as tuples,
  without SQLAlchemy, dates as text: the least any implementation in Python must do.

The 100x store repeats the demo's people and casework rows (registrations, cases, category and
coach history, reopenings, youths and households, partners and coaches) 100 times under new ids; contacts,
reviews and plans are left out because the summary never reads them.

    python -c "from tests.benchmarks.yearly_bench import run; import json; print(json.dumps(run(), indent=2))"
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from zvkd_desktop.reports.yearly.json_report import report_json
from zvkd_desktop.reports.yearly.queries import load_facts
from zvkd_desktop.reports.yearly.report import build_report
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.models import (
    Case,
    CategoryPeriod,
    CoachAssignment,
    Household,
    Organisation,
    Professional,
    Registration,
    Reopening,
    Youth,
)
from zvkd_desktop.store.store import Store

TODAY = dt.date(2026, 3, 1)
YEAR = 2023
GOAL_DEMO_MS = 100.0
GOAL_LARGE_MS = 2000.0
SCALE = 100
COPIED = (Organisation, Professional, Household, Youth, Registration, Case, CategoryPeriod, CoachAssignment,
          Reopening)
TABLES = tuple(model.__tablename__ for model in COPIED)  # type: ignore[attr-defined]
FETCHES = (
    "SELECT r.registered_on, r.is_reregistration, r.decision, r.decided_on, o.name, y.neighbourhood"
    " FROM registration r JOIN organisation o ON o.id = r.registrant_id"
    " JOIN youth y ON y.id = r.youth_id WHERE r.deleted_at IS NULL",
    "SELECT c.id, c.admitted_on, c.closed_on, c.closure_reason, c.category, r.registered_on,"
    " y.neighbourhood, p.name FROM pad_case c JOIN registration r ON r.id = c.registration_id"
    " JOIN youth y ON y.id = c.youth_id LEFT JOIN professional p ON p.id = c.coach_id"
    " WHERE c.deleted_at IS NULL",
    "SELECT case_id, from_date, category FROM category_period WHERE deleted_at IS NULL"
    " ORDER BY case_id, from_date, created_at",
    "SELECT a.case_id, a.from_date, a.until_date, p.name FROM coach_assignment a"
    " JOIN professional p ON p.id = a.coach_id WHERE a.deleted_at IS NULL"
    " ORDER BY a.case_id, a.from_date, a.created_at",
    "SELECT r.reopened_on, r.undone_closed_on, r.undone_reason FROM reopening r"
    " JOIN pad_case c ON c.id = r.case_id WHERE r.deleted_at IS NULL AND c.deleted_at IS NULL",
)


def _median_ms(action: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return round(statistics.median(samples) * 1000, 2)


def _summary(store: Store) -> dict[str, Any]:
    return report_json(build_report(load_facts(store), YEAR, TODAY))


def _count_floor(store: Store) -> None:
    connection = store.db.connection
    for table in TABLES:
        connection.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608 - fixed names


def _fetch_floor(store: Store) -> None:
    connection = store.db.connection
    for sql in FETCHES:
        connection.execute(sql).fetchall()


def _copies(rows: dict[type, list[dict[str, Any]]], scale: int) -> dict[type, list[dict[str, Any]]]:
    """``scale`` copies of the rows, every UUID (key or reference) replaced per copy."""
    out: dict[type, list[dict[str, Any]]] = {model: [] for model in COPIED}
    for copy in range(scale):
        ids: dict[uuid.UUID, uuid.UUID] = {}

        def new(value: Any, ids: dict[uuid.UUID, uuid.UUID] = ids) -> Any:
            if isinstance(value, uuid.UUID):
                return ids.setdefault(value, uuid.uuid4())
            return value

        for model in COPIED:
            out[model].extend({key: new(value) for key, value in row.items()}
                              for row in rows.get(model, []))
        del copy
    return out


def _store(folder: Path, name: str, scale: int) -> tuple[Store, dict[str, int]]:
    from zvkd_desktop.services.demo import build_rows, fill_demo

    store, _ = Store.create(folder / f"{name}.zvkd", "benchmark wachtwoord", username="bench",
                            display_name="Benchmark", kdf=TEST_KDF, state_folder=folder / "home")
    if scale == 1:
        fill_demo(store, TODAY)
    else:
        tables = _copies(build_rows(TODAY).tables, scale)
        with store.transaction() as session:
            for model in COPIED:
                if tables[model]:
                    session.execute(insert(model.__table__), tables[model])  # type: ignore[attr-defined]
    counts = {table: n for table, n in store.row_counts().items() if table in TABLES}
    return store, counts


def measure(folder: Path, name: str, scale: int, runs: int) -> dict[str, Any]:
    store, counts = _store(folder, name, scale)
    try:
        data = _summary(store)  # warm up, and a sanity check
        assert data["year"] == YEAR
        summary = _median_ms(lambda: _summary(store), runs)
        count_floor = _median_ms(lambda: _count_floor(store), runs)
        fetch_floor = _median_ms(lambda: _fetch_floor(store), runs)
        facts = load_facts(store)
        reading = _median_ms(lambda: load_facts(store), runs)
        counting = _median_ms(lambda: build_report(facts, YEAR, TODAY), runs)
    finally:
        store.close()
    return {
        "rows": counts,
        "years": len(data["years"]),
        "runs": runs,
        "summary_ms": summary,
        "reading_ms": reading,
        "counting_ms": counting,
        "count_floor_ms": count_floor,
        "fetch_floor_ms": fetch_floor,
        "ratio_to_fetch_floor": round(summary / fetch_floor, 1) if fetch_floor else None,
        "ratio_to_count_floor": round(summary / count_floor, 1) if count_floor else None,
    }


def run() -> dict[str, Any]:
    """Both measurements with their goals; ``ok`` when both goals are met."""
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("ZVKD_HOME", str(Path(tmp) / "home"))
        demo = measure(Path(tmp), "demo", 1, runs=21)
        large = measure(Path(tmp), "x100", SCALE, runs=5)
    demo["goal_ms"], large["goal_ms"] = GOAL_DEMO_MS, GOAL_LARGE_MS
    demo["ok"] = demo["summary_ms"] <= GOAL_DEMO_MS
    large["ok"] = large["summary_ms"] <= GOAL_LARGE_MS
    return {
        "benchmark": "yearly_summary",
        "year": YEAR,
        "demo": demo,
        f"x{SCALE}": large,
        "ok": demo["ok"] and large["ok"],
        "note": "summary = load_facts + every year counted + JSON; medians; floors measured in "
                "the same run (see tests/benchmarks/yearly_bench.py)",
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2, ensure_ascii=False))
