"""The demo set: the 2023 annual report's figures, every domain rule, determinism, signals.

The store is generated once for the module (it takes a few seconds). Figures are counted here with
plain SQL, straight from DOMAIN.md's "Counting for the yearly summary", not with the generator's
own counting, so a mistake in either shows up.
"""

from __future__ import annotations

import calendar
import json
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Date, DateTime, text

from tests.conftest import PASSWORD
from zvkd_desktop.cli.main import main
from zvkd_desktop.domain.signals import (
    CaseFacts,
    PendingRegistrationFacts,
    SignalKind,
    compute_signals,
)
from zvkd_desktop.services.demo import DemoSummary, build_rows, fill_demo
from zvkd_desktop.services.demo.generator import summarise
from zvkd_desktop.services.demo.table import DemoRows
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.models import Base
from zvkd_desktop.store.store import Store

TODAY = date(2026, 11, 25)
POLICE_FREE = ("police_free", "no_contact_police_free")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, DemoSummary]]:
    home = tmp_path_factory.mktemp("zvkd-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ZVKD_HOME", str(home))
        path = tmp_path_factory.mktemp("demo") / "demo.zvkd"
        store, _recovery = Store.create(
            path, PASSWORD, username="coordinator", display_name="Coördinator", kdf=TEST_KDF
        )
        try:
            yield store, fill_demo(store, TODAY)
        finally:
            store.close()


@pytest.fixture(scope="module")
def store(demo: tuple[Store, DemoSummary]) -> Store:
    return demo[0]


def sql(store: Store, query: str, **params: Any) -> list[Any]:
    with store.read() as session:
        return list(session.execute(text(query), params).all())


def one(store: Store, query: str, **params: Any) -> Any:
    return sql(store, query, **params)[0][0]


def day(value: str | date) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def running(store: Store, on: date) -> list[tuple[str, str]]:
    """(case id, category as it stood that day) of the cases running at the end of ``on``."""
    return sql(
        store,
        """
        SELECT c.id, (SELECT p.category FROM category_period p
                      WHERE p.case_id = c.id AND p.from_date <= :on
                      ORDER BY p.from_date DESC LIMIT 1)
        FROM pad_case c
        WHERE c.admitted_on <= :on AND (c.closed_on IS NULL OR c.closed_on > :on)
    """,
        on=on.isoformat(),
    )


def in_year(store: Store, table: str, column: str, year: int, where: str = "1") -> int:
    return one(
        store,
        f"SELECT count(*) FROM {table} WHERE strftime('%Y', {column}) = :y AND {where}",
        y=str(year),
    )


def eligible_date(admitted_on: date, negative_contacts: list[date], closed_on: date) -> date:
    """E = (later of admission and the last negative contact up to closure) + 6 months + 1 day,
    counted here by hand: calendar months, clamped to the end of the month."""
    reference = max([admitted_on, *[d for d in negative_contacts if d <= closed_on]])
    index = reference.month - 1 + 6
    year, month = reference.year + index // 12, index % 12 + 1
    clamped = min(reference.day, calendar.monthrange(year, month)[1])
    return date(year, month, clamped) + timedelta(days=1)


# -- the 2023 annual report -----------------------------------------------------------------------


def test_registrations_2022_and_2023_follow_the_report(store: Store) -> None:
    assert in_year(store, "registration", "registered_on", 2022) == 17
    assert in_year(store, "registration", "registered_on", 2023) == 13
    assert in_year(store, "registration", "registered_on", 2023, "is_reregistration") == 4
    assert (
        in_year(
            store,
            "registration",
            "registered_on",
            2023,
            "decision = 'not_admitted' AND length(follow_up) > 20",
        )
        == 1
    )
    for year in (2022, 2023):
        end = f"{year}-12-31"
        pending = one(
            store,
            "SELECT count(*) FROM registration WHERE registered_on <= :end "
            "AND (decided_on IS NULL OR decided_on > :end)",
            end=end,
        )
        assert pending == 0
        by_police = in_year(
            store,
            "registration r JOIN organisation o ON o.id = r.registrant_id",
            "r.registered_on",
            year,
            "o.kind = 'police'",
        )
        total = in_year(store, "registration", "registered_on", year)
        assert by_police > total / 2, f"most registrations in {year} come from the police"


def test_admissions_and_closures_2022_and_2023_follow_the_report(store: Store) -> None:
    assert in_year(store, "pad_case", "admitted_on", 2023) == 12
    assert in_year(store, "pad_case", "closed_on", 2023) == 14
    assert in_year(store, "pad_case", "closed_on", 2022) == 17
    by_registration_year = sql(
        store,
        """
        SELECT strftime('%Y', r.registered_on) >= '2022', count(*)
        FROM pad_case c JOIN registration r ON r.id = c.registration_id
        WHERE strftime('%Y', c.closed_on) = '2023' GROUP BY 1
    """,
    )
    assert dict(by_registration_year) == {1: 7, 0: 7}
    reasons = dict(
        sql(
            store,
            "SELECT closure_reason, count(*) FROM pad_case "
            "WHERE strftime('%Y', closed_on) = '2023' GROUP BY 1",
        )
    )
    assert max(reasons, key=reasons.__getitem__) == "police_free"
    relocations = sql(
        store,
        "SELECT relocation_municipality, relocation_informed_on, transferred "
        "FROM pad_case WHERE strftime('%Y', closed_on) = '2023' "
        "AND closure_reason = 'relocation'",
    )
    assert len(relocations) >= 2
    assert all(
        place and informed and transferred is not None
        for place, informed, transferred in relocations
    )


def test_running_cases_at_the_end_of_2022_and_2023(store: Store) -> None:
    end_2023 = running(store, date(2023, 12, 31))
    assert len(end_2023) == 34
    assert sum(1 for _, c in end_2023 if c == "regular") == 21
    assert sum(1 for _, c in end_2023 if c == "rival_youth") == 13
    assert len(running(store, date(2022, 12, 31))) == 36  # 34 + 14 - 12


def test_one_case_moved_from_regular_to_rival_youth_in_2023(store: Store) -> None:
    moves = sql(
        store,
        """
        SELECT p.category, (SELECT q.category FROM category_period q WHERE q.case_id = p.case_id
                            AND q.from_date < p.from_date ORDER BY q.from_date DESC LIMIT 1)
        FROM category_period p JOIN pad_case c ON c.id = p.case_id
        WHERE strftime('%Y', p.from_date) = '2023' AND p.from_date > c.admitted_on
    """,
    )
    assert moves == [("rival_youth", "regular")]


def test_stock_flow_identity_holds_every_year(store: Store) -> None:
    for year in range(2017, 2027):
        before = len(running(store, date(year - 1, 12, 31)))
        admitted = in_year(store, "pad_case", "admitted_on", year)
        closed = in_year(store, "pad_case", "closed_on", year)
        assert before + admitted - closed == len(running(store, date(year, 12, 31))), year
        assert 10 <= in_year(store, "registration", "registered_on", year) <= 20, year


def test_the_printed_summary_agrees_with_the_counting(demo: tuple[Store, DemoSummary]) -> None:
    store, summary = demo
    for figures in summary.years:
        end = running(store, date(figures.year, 12, 31))
        assert figures.running_at_end == len(end)
        assert figures.closed == in_year(store, "pad_case", "closed_on", figures.year)
    assert summary.counts["pad_case"] == one(store, "SELECT count(*) FROM pad_case")


# -- the domain rules, case by case -----------------------------------------------------------------


def test_registrations_and_decisions_obey_the_rules(store: Store) -> None:
    rows = sql(
        store,
        """
        SELECT r.registered_on, r.age_at_registration, y.date_of_birth, r.decision, r.decided_on,
               r.decision_reason, r.follow_up, r.is_reregistration, r.previous_case_id,
               r.youth_id, p.youth_id, p.closed_on
        FROM registration r JOIN youth y ON y.id = r.youth_id
        LEFT JOIN pad_case p ON p.id = r.previous_case_id
    """,
    )
    against_criteria = 0
    for (
        registered,
        age,
        born,
        decision,
        decided,
        reason,
        follow_up,
        again,
        previous,
        youth,
        previous_youth,
        previous_closed,
    ) in rows:
        registered, born = day(registered), day(born)
        years = (
            registered.year
            - born.year
            - ((registered.month, registered.day) < (born.month, born.day))
        )
        assert age == years
        if decision == "admitted" and not 12 <= age < 27:
            assert reason and reason.strip(), "admitted against the criteria needs a reason"
            against_criteria += 1
        assert (decided is None) == (decision == "pending")
        if decided is not None:
            assert day(decided) >= registered
        if decision == "not_admitted":
            assert follow_up and follow_up.strip()
        assert again == (previous is not None)
        if again:
            assert previous_youth == youth, "a re-registration is the same youth"
            assert previous_closed is not None and day(previous_closed) <= registered
    assert 1 <= against_criteria <= 2


def test_cases_obey_the_rules(store: Store) -> None:
    cases = sql(
        store,
        """
        SELECT c.id, c.youth_id, c.admitted_on, c.category, c.coach_id, c.closed_on,
               c.closure_reason, c.closure_reason_text, c.relocation_municipality,
               c.relocation_informed_on, c.transferred, r.decision, r.decided_on, c.next_review_on
        FROM pad_case c JOIN registration r ON r.id = c.registration_id
    """,
    )
    negatives: dict[str, list[date]] = {}
    for youth, on in sql(store, "SELECT youth_id, contact_on FROM police_contact WHERE negative"):
        negatives.setdefault(youth, []).append(day(on))
    periods = _grouped(store, "SELECT case_id, from_date, category FROM category_period")
    coaches = _grouped(
        store, "SELECT case_id, from_date, until_date, coach_id FROM coach_assignment"
    )
    closed_police_free = 0
    for (
        case,
        youth,
        admitted,
        category,
        coach,
        closed,
        reason,
        reason_text,
        place,
        informed,
        transferred,
        decision,
        decided,
        next_review,
    ) in cases:
        admitted = day(admitted)
        assert decision == "admitted" and day(decided) == admitted
        history = sorted(periods[case])
        assert day(history[0][0]) == admitted
        assert all(a[0] < b[0] and a[1] != b[1] for a, b in zip(history, history[1:], strict=False))
        assert history[-1][1] == category
        assignments = sorted(coaches[case])
        assert day(assignments[0][0]) == admitted and assignments[-1][1] is None
        for current, following in zip(assignments, assignments[1:], strict=False):
            assert day(current[1]) == day(following[0]) - timedelta(days=1)
        assert assignments[-1][2] == coach
        if closed is None:
            assert reason is None and next_review is not None
            continue
        closed = day(closed)
        assert next_review is None
        last_change = max(day(x[0]) for x in (*history, *assignments))
        assert closed >= last_change >= admitted
        if reason in POLICE_FREE:
            closed_police_free += 1
            assert closed >= eligible_date(admitted, negatives.get(youth, []), closed), case
        if reason == "relocation":
            assert place and informed and transferred is not None
        if reason == "other":
            assert reason_text and reason_text.strip()
    assert closed_police_free > len([c for c in cases if c[5]]) / 2
    overlapping = one(
        store,
        """
        SELECT count(*) FROM pad_case a JOIN pad_case b
            ON a.youth_id = b.youth_id AND a.admitted_on < b.admitted_on
        WHERE a.closed_on IS NULL OR a.closed_on > b.admitted_on
    """,
    )
    assert overlapping == 0, "a youth has one case at a time"


def test_reopenings_undo_closures_that_were_allowed(store: Store) -> None:
    rows = sql(
        store,
        """
        SELECT o.reopened_on, o.undone_closed_on, o.undone_reason, o.reason, c.admitted_on,
               c.closed_on, c.youth_id
        FROM reopening o JOIN pad_case c ON c.id = o.case_id
    """,
    )
    assert 1 <= len(rows) <= 2
    for reopened, undone, reason, why, admitted, closed, youth in rows:
        assert why and day(admitted) <= day(undone) <= day(reopened)
        assert closed is None or day(closed) > day(reopened)
        if reason in POLICE_FREE:
            contacts = [
                day(d)
                for (d,) in sql(
                    store,
                    "SELECT contact_on FROM police_contact WHERE youth_id = :y AND negative",
                    y=youth,
                )
            ]
            assert day(undone) >= eligible_date(day(admitted), contacts, day(undone))


def test_contacts_reviews_and_plans_fit_their_case(store: Store) -> None:
    outside = one(
        store,
        """
        SELECT count(*) FROM coach_contact k JOIN pad_case c ON c.id = k.case_id
        WHERE k.contact_on < c.admitted_on OR k.contact_on > coalesce(c.closed_on, :today)
           OR NOT EXISTS (SELECT 1 FROM coach_assignment a WHERE a.case_id = c.id
                          AND a.coach_id = k.coach_id AND a.from_date <= k.contact_on
                          AND (a.until_date IS NULL OR a.until_date >= k.contact_on))
    """,
        today=TODAY.isoformat(),
    )
    assert outside == 0
    kinds = {k for (k,) in sql(store, "SELECT DISTINCT kind FROM coach_contact")}
    assert kinds == {"visit", "home_visit", "phone", "online", "not_reached"}
    assert one(store, "SELECT count(*) FROM police_contact WHERE NOT negative") > 0
    reviews_outside = one(
        store,
        """
        SELECT count(*) FROM review v JOIN pad_case c ON c.id = v.case_id
        WHERE v.reviewed_on < c.admitted_on OR v.reviewed_on > coalesce(c.closed_on, :today)
    """,
        today=TODAY.isoformat(),
    )
    assert reviews_outside == 0
    stale_next_review = one(
        store,
        """
        SELECT count(*) FROM pad_case c WHERE c.closed_on IS NULL AND c.next_review_on IS NOT
            coalesce((SELECT v.next_review_on FROM review v WHERE v.case_id = c.id
                      ORDER BY v.reviewed_on DESC LIMIT 1), date(c.admitted_on, '+42 days'))
    """,
    )
    assert stale_next_review == 0, "a running case's next review is the one its last review set"
    versions = sql(
        store,
        """
        SELECT c.admitted_on, coalesce(c.closed_on, :today), count(v.id), max(v.number)
        FROM pad_case c LEFT JOIN plan_version v ON v.case_id = c.id GROUP BY c.id
    """,
        today=TODAY.isoformat(),
    )
    for admitted, until, count, highest in versions:
        assert count == (highest or 0) <= 4
        if (day(until) - day(admitted)).days >= 70:
            assert count >= 2
    domains = one(store, "SELECT count(DISTINCT life_domain) FROM plan_goal")
    assert domains == 8
    assert one(store, "SELECT count(*) FROM plan_action WHERE responsible_partner IS NULL") == 0


def test_people_look_like_delft(store: Store) -> None:
    guardians = sql(
        store,
        "SELECT y.id, count(g.id), group_concat(g.relation) FROM youth y "
        "LEFT JOIN guardian g ON g.youth_id = y.id GROUP BY y.id",
    )
    assert all(1 <= n <= 2 for _, n, _ in guardians)
    assert {r for _, _, rels in guardians for r in rels.split(",")} == {
        "moeder",
        "vader",
        "verzorger",
    }
    by_hood = dict(sql(store, "SELECT neighbourhood, count(*) FROM youth GROUP BY 1"))
    west = by_hood["buitenhof"] + by_hood["voorhof"]
    assert west > sum(by_hood.values()) * 0.4, "Delft-West is overrepresented"
    siblings = sql(
        store,
        "SELECT household_id, count(*), count(DISTINCT last_name) FROM youth "
        "WHERE household_id IS NOT NULL GROUP BY 1",
    )
    assert 2 <= len(siblings) <= 8 and all(n >= 2 and names == 1 for _, n, names in siblings)
    assert one(store, "SELECT count(*) FROM youth WHERE pseudonym IS NULL") == 0
    assert 140 <= one(store, "SELECT count(*) FROM youth") <= 165
    coaches = sql(
        store,
        "SELECT p.active FROM professional p JOIN organisation o "
        "ON o.id = p.organisation_id WHERE p.role = 'coach' "
        "AND o.name = 'Delft Support'",
    )
    assert 5 <= len(coaches) <= 6
    assert one(store, "SELECT count(*) FROM professional WHERE role = 'process_director'") == 2
    straatkracht = sql(
        store, "SELECT category, admitted_on, closed_on FROM pad_case WHERE street_strength"
    )
    assert 3 <= len(straatkracht) <= 6
    assert all(
        c == "rival_youth" and (closed is None or closed >= "2023-01-01")
        for c, _, closed in straatkracht
    )


def test_nothing_is_dated_after_the_reference_day(store: Store) -> None:
    plans = {
        ("pad_case", "next_review_on"),
        ("review", "next_review_on"),
        ("plan_action", "due_on"),
    }
    for table in Base.metadata.sorted_tables:
        if table.name in ("audit_entry", "app_user"):
            continue
        for column in table.columns:
            if (table.name, column.name) in plans or column.name == "updated_at":
                continue
            if isinstance(column.type, Date | DateTime):
                latest = one(store, f"SELECT max({column.name}) FROM {table.name}")
                assert latest is None or latest[:10] <= TODAY.isoformat(), (table.name, column)


# -- signals on 31-12-2023 and on the reference day -------------------------------------------------


def _grouped(store: Store, query: str, **params: Any) -> dict[str, list[tuple[Any, ...]]]:
    grouped: dict[str, list[tuple[Any, ...]]] = {}
    for key, *rest in sql(store, query, **params):
        grouped.setdefault(key, []).append(tuple(rest))
    return grouped


def signal_kinds(store: Store, on: date) -> set[SignalKind]:
    """The signals on ``on``, from the facts as they stood that day."""
    iso = on.isoformat()
    negatives = _grouped(store, "SELECT youth_id, contact_on FROM police_contact WHERE negative")
    reviews = _grouped(
        store,
        "SELECT case_id, reviewed_on, next_review_on FROM review "
        "WHERE reviewed_on <= :on ORDER BY reviewed_on",
        on=iso,
    )
    reached = _grouped(
        store,
        "SELECT case_id, max(contact_on) FROM coach_contact "
        "WHERE kind != 'not_reached' AND contact_on <= :on GROUP BY 1",
        on=iso,
    )
    actions = _grouped(
        store,
        """
        SELECT v.case_id, a.due_on FROM plan_action a JOIN plan_goal g ON g.id = a.goal_id
        JOIN plan_version v ON v.id = g.version_id
        WHERE a.status IN ('open', 'in_progress') AND v.number = (
            SELECT max(w.number) FROM plan_version w
            WHERE w.case_id = v.case_id AND date(w.saved_at) <= :on)
    """,
        on=iso,
    )
    facts = []
    for case, youth, admitted, closed, born in sql(
        store,
        "SELECT c.id, c.youth_id, "
        "c.admitted_on, c.closed_on, y.date_of_birth FROM pad_case c "
        "JOIN youth y ON y.id = c.youth_id",
    ):
        held = reviews.get(case, [])
        next_review = (
            day(held[-1][1]) if held and held[-1][1] else day(admitted) + timedelta(weeks=6)
        )
        facts.append(
            CaseFacts(
                case_id=_uuid(case),
                youth_id=_uuid(youth),
                admitted_on=day(admitted),
                closed_on=day(closed) if closed else None,
                date_of_birth=day(born),
                birth_year=day(born).year,
                negative_police_contacts=tuple(day(d) for (d,) in negatives.get(youth, [])),
                last_review_on=day(held[-1][0]) if held else None,
                next_review_on=next_review,
                last_coach_contact_on=day(reached[case][0][0]) if case in reached else None,
                open_action_due_dates=tuple(day(d) for (d,) in actions.get(case, [])),
                coach_id=None,
            )
        )
    pending = [
        PendingRegistrationFacts(_uuid(r), _uuid(y), day(registered))
        for r, y, registered in sql(
            store,
            "SELECT id, youth_id, registered_on FROM registration "
            "WHERE registered_on <= :on AND (decided_on IS NULL "
            "OR decided_on > :on)",
            on=iso,
        )
    ]
    return {signal.kind for signal in compute_signals(on, facts, pending)}


def _uuid(value: str) -> uuid.UUID:
    return uuid.UUID(hex=value)


def test_every_signal_shows_on_the_reference_day(store: Store) -> None:
    assert signal_kinds(store, TODAY) == set(SignalKind)


def test_every_signal_but_pending_shows_on_31_december_2023(store: Store) -> None:
    # the report has no registration without a decision at the end of 2023, so no pending signal
    assert signal_kinds(store, date(2023, 12, 31)) == set(SignalKind) - {
        SignalKind.REGISTRATION_PENDING
    }


# -- determinism ------------------------------------------------------------------------------------


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every demo table, without what belongs to the store or the moment of writing:
    the sync stamps and the keyed pseudonym (its key is the store's own)."""
    skip = {"updated_at", "device_id", "pseudonym"}
    result = {}
    for table in Base.metadata.sorted_tables:
        if table.name in ("audit_entry", "audit_seal", "app_user"):
            continue
        columns = ", ".join(c.name for c in table.columns if c.name not in skip)
        result[table.name] = sql(store, f"SELECT {columns} FROM {table.name} ORDER BY id")
    return result


def test_the_command_makes_the_same_store_again(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    password_file = tmp_path / "password"
    password_file.write_text(PASSWORD + "\n", "utf-8")
    path = tmp_path / "again.zvkd"
    code = main(
        [
            "demo",
            "--store",
            str(path),
            "--password-file",
            str(password_file),
            "--fast-kdf",
            "--today",
            TODAY.isoformat(),
            "--json",
        ]
    )
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["recovery_key"] and printed["years"]["2023"]["running_rival"] == 13
    again = Store.open(path, password=PASSWORD, read_only=True)
    try:
        assert dump(again) == dump(store)
    finally:
        again.close()


def test_the_command_refuses_an_existing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "taken.zvkd"
    path.write_bytes(b"not mine")
    assert main(["demo", "--store", str(path), "--fast-kdf"]) == 2
    assert "bestaat al" in capsys.readouterr().err
    assert path.read_bytes() == b"not mine"


STATE_COLUMNS = {
    # columns that say how things stand on the reference day rather than record a dated event
    "pad_case": {"category", "coach_id", "next_review_on", "reoffence_advice", "closed_on",
                 "closure_reason", "closure_reason_text", "relocation_municipality",
                 "relocation_informed_on", "transferred", "handover_note"},
    "coach_assignment": {"until_date"},
    "youth": {"household_id"},  # a household appears once the second sibling is registered
}  # fmt: skip


@pytest.fixture(scope="module")
def rows_today() -> DemoRows:
    return build_rows(TODAY)


def test_years_before_2026_do_not_depend_on_the_reference_day(rows_today: DemoRows) -> None:
    early, late = date(2026, 3, 16), TODAY
    rows_early, rows_late = build_rows(early), rows_today
    cut = datetime(2026, 1, 1)
    for model, items in rows_late.tables.items():
        table = model.__tablename__  # type: ignore[attr-defined]
        state = STATE_COLUMNS.get(table, set())

        def before_2026(rows: list[dict[str, Any]], state: set[str] = state) -> list[Any]:
            return sorted(
                tuple(sorted((k, str(v)) for k, v in r.items() if k not in state))
                for r in rows
                if r["created_at"] < cut
            )

        assert before_2026(rows_early.tables[model]) == before_2026(items), table
    figures_early = summarise(rows_early, early).years
    figures_late = summarise(rows_late, late).years
    assert [f.year for f in figures_late] == list(range(2017, 2027))
    assert figures_early[:-1] == figures_late[:-1]  # 2017-2025
    assert figures_early[-1] != figures_late[-1]  # 2026 simply goes on


def test_a_store_made_in_mid_2024_is_the_same_history_cut_short(rows_today: DemoRows) -> None:
    on = date(2024, 6, 30)
    rows = build_rows(on)
    for model, items in rows.tables.items():
        for row in items:
            for key, value in row.items():
                if isinstance(value, date) and key not in ("next_review_on", "due_on"):
                    stamp = value.date() if isinstance(value, datetime) else value
                    assert stamp <= on, (model.__tablename__, key)  # type: ignore[attr-defined]
    early = summarise(rows, on).years
    full = summarise(rows_today, TODAY).years
    assert early[:7] == full[:7]  # 2017-2023
