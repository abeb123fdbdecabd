"""The case list's read service on a real encrypted store: one row per case with the closure rule's
figures as of the day asked about, names, signals, and a fixed handful of queries."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event, update

from tests.services.conftest import Partners
from tests.services.factories import CaseRefs, add_case, bulk_cases
from zvkd_desktop.domain.signals import SignalKind
from zvkd_desktop.domain.vocabulary import Category, PoliceContactKind
from zvkd_desktop.services.case_list import CaseRow, CaseStatus, StatusChoice, case_rows
from zvkd_desktop.services.contacts import add_police_contact
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.settings import set_setting
from zvkd_desktop.store.models import Case, Youth
from zvkd_desktop.store.store import Store

D = dt.date
ON = D(2024, 1, 15)


def police(ctx: ServiceContext, refs: CaseRefs, day: dt.date, *, negative: bool = True) -> None:
    add_police_contact(ctx, youth_id=refs.youth_id, contact_on=day,
                       kind=PoliceContactKind.ARREST, negative=negative)  # fmt: skip


def row_of(rows: list[CaseRow], refs: CaseRefs) -> CaseRow:
    [row] = [row for row in rows if row.case_id == refs.case_id]
    return row


@contextmanager
def counted_queries(store: Store) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(store.db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(store.db.engine, "before_cursor_execute", count)


def test_days_police_free_and_eligible_date_count_from_the_latest_negative_contact(
    ctx: ServiceContext, partners: Partners
) -> None:
    refs = add_case(ctx.store, admitted_on=D(2023, 6, 1), coach_id=partners.coach_a.id,
                    next_review_on=D(2024, 2, 1), date_of_birth=D(2006, 5, 14))  # fmt: skip
    police(ctx, refs, D(2023, 9, 10))
    police(ctx, refs, D(2023, 12, 1), negative=False)  # not negative: the clock keeps running

    row = row_of(case_rows(ctx, on=ON), refs)

    assert row.youth_name == "Sem de Jong"
    assert (row.age, row.age_is_estimate) == (17, False)
    assert (row.neighbourhood, row.neighbourhood_name) == ("buitenhof", "Buitenhof")
    assert (row.coach_id, row.coach_name) == (partners.coach_a.id, "Fatima el Amrani")
    assert row.category is Category.REGULAR
    assert row.latest_police_contact_on == D(2023, 9, 10)
    assert row.reference_date == D(2023, 9, 10)
    assert row.police_free_days == (ON - D(2023, 9, 10)).days == 127
    assert row.eligible_on == D(2024, 3, 11)
    assert row.next_review_on == D(2024, 2, 1)
    assert (row.status, row.closed_on, row.is_running) == (CaseStatus.RUNNING, None, True)


def test_without_police_contact_the_case_is_measured_from_admission_under_the_policy_setting(
    ctx: ServiceContext,
) -> None:
    set_setting(ctx, "policy_months", 3)
    refs = add_case(ctx.store, admitted_on=D(2023, 8, 31))

    row = row_of(case_rows(ctx, on=ON), refs)

    assert (row.reference_date, row.latest_police_contact_on) == (D(2023, 8, 31), None)
    assert row.eligible_on == D(2023, 12, 1)  # 31-08 + 3 months = 30-11, the day after
    assert row.police_free_days == 137


def test_a_closed_case_stops_its_clock_at_the_closure_date(ctx: ServiceContext) -> None:
    refs = add_case(ctx.store, admitted_on=D(2022, 1, 10), closed_on=D(2023, 3, 1))
    police(ctx, refs, D(2022, 5, 2))
    police(ctx, refs, D(2023, 6, 1))  # after closure: the youth's next case, not this one

    row = row_of(case_rows(ctx, on=ON), refs)

    assert (row.status, row.closed_on, row.is_running) == (CaseStatus.CLOSED, D(2023, 3, 1), False)
    assert row.reference_date == D(2022, 5, 2)
    assert row.police_free_days == (D(2023, 3, 1) - D(2022, 5, 2)).days
    assert row.signals == frozenset()


def test_status_is_as_it_stood_on_the_day_asked_about(ctx: ServiceContext) -> None:
    running = add_case(ctx.store, admitted_on=D(2023, 1, 2), first_name="Noah")
    closed_later = add_case(ctx.store, admitted_on=D(2023, 1, 2), closed_on=D(2024, 1, 10),
                            first_name="Liam")  # fmt: skip
    not_yet = add_case(ctx.store, admitted_on=D(2024, 1, 12), first_name="Daan")

    on = D(2024, 1, 9)
    everything = case_rows(ctx, on=on)

    assert {row.case_id for row in everything} == {running.case_id, closed_later.case_id}
    assert row_of(everything, closed_later).status is CaseStatus.RUNNING
    assert row_of(case_rows(ctx, on=ON, status="closed"), closed_later).closed_on == D(2024, 1, 10)
    assert {row.case_id for row in case_rows(ctx, on=ON, status="running")} == {
        running.case_id,
        not_yet.case_id,
    }


def test_rows_are_ordered_by_name_and_removed_cases_are_left_out(ctx: ServiceContext) -> None:
    for name in ("Yara", "amira", "Bram"):
        add_case(ctx.store, admitted_on=D(2023, 5, 1), first_name=name)
    removed = add_case(ctx.store, admitted_on=D(2023, 5, 1), first_name="Weg")
    with ctx.store.transaction() as session:
        session.execute(
            update(Case)
            .where(Case.id == removed.case_id)
            .values(deleted_at=dt.datetime(2024, 1, 1))
        )

    names = [row.youth_name for row in case_rows(ctx, on=ON)]

    assert names == ["amira de Jong", "Bram de Jong", "Yara de Jong"]


def test_an_erased_youth_shows_no_name_and_an_estimated_age(ctx: ServiceContext) -> None:
    refs = add_case(ctx.store, admitted_on=D(2021, 2, 1), closed_on=D(2022, 2, 1),
                    date_of_birth=D(2004, 11, 30))  # fmt: skip
    with ctx.store.transaction() as session:
        session.execute(
            update(Youth)
            .where(Youth.id == refs.youth_id)
            .values(first_name=None, last_name=None, date_of_birth=None,
                    erased_at=dt.datetime(2022, 3, 1))
        )  # fmt: skip

    row = row_of(case_rows(ctx, on=ON), refs)

    assert row.youth_name == "(gewist)"
    assert (row.age, row.age_is_estimate) == (20, True)  # 2024 - 2004; really 19 until 30-11


def test_each_case_carries_the_kinds_of_its_signals(
    ctx: ServiceContext, partners: Partners
) -> None:
    overdue = add_case(ctx.store, admitted_on=D(2023, 1, 2), coach_id=partners.coach_a.id,
                       next_review_on=D(2024, 1, 1), first_name="Noor")  # fmt: skip
    fresh = add_case(ctx.store, admitted_on=D(2024, 1, 8), coach_id=partners.coach_b.id,
                     next_review_on=D(2024, 2, 19), first_name="Eva")  # fmt: skip

    rows = case_rows(ctx, on=ON)

    assert {SignalKind.ELIGIBLE_FOR_CLOSURE, SignalKind.REVIEW_OVERDUE} <= row_of(
        rows, overdue
    ).signals
    assert row_of(rows, fresh).signals == frozenset()


def test_the_list_takes_the_same_few_queries_for_two_cases_as_for_three_hundred(
    ctx: ServiceContext,
) -> None:
    bulk_cases(ctx.store, 2, admitted_on=D(2023, 3, 1))
    with counted_queries(ctx.store) as few:
        assert len(case_rows(ctx, on=ON)) == 2
    bulk_cases(ctx.store, 298, admitted_on=D(2023, 3, 1))
    with counted_queries(ctx.store) as many:
        assert len(case_rows(ctx, on=ON)) == 300

    assert len(many) == len(few) <= 15


def test_a_coach_lists_only_the_cases_they_are_or_were_the_coach_of(
    ctx: ServiceContext, partners: Partners
) -> None:
    from tests.services.test_access import add_user, admit, as_user
    from zvkd_desktop.domain.vocabulary import UserRole
    from zvkd_desktop.services import cases

    of_a = add_case(ctx.store, admitted_on=D(2023, 6, 1), coach_id=partners.coach_a.id,
                    first_name="Amir")  # fmt: skip
    of_b = add_case(ctx.store, admitted_on=D(2023, 6, 1), coach_id=partners.coach_b.id,
                    first_name="Bram")  # fmt: skip
    _y, _r, handed = admit(ctx, partners, "Hugo", partners.coach_a.id, D(2023, 2, 1))
    cases.change_coach(ctx, handed, partners.coach_b.id, D(2023, 9, 1))
    coach_a = as_user(ctx, add_user(ctx.store, "fatima", UserRole.COACH, partners.coach_a.id))
    coach_b = as_user(ctx, add_user(ctx.store, "jeroen", UserRole.COACH, partners.coach_b.id))

    def listed(who: ServiceContext, status: StatusChoice = "all") -> set[uuid.UUID]:
        return {row.case_id for row in case_rows(who, on=ON, status=status)}

    assert listed(coach_a) == {of_a.case_id, handed}  # Hugo's: A was his coach until 01-09
    assert listed(coach_b) == {of_b.case_id, handed}
    assert listed(ctx) == {of_a.case_id, of_b.case_id, handed}
    assert listed(coach_a, "running") == {of_a.case_id, handed}
    hugo = next(row for row in case_rows(coach_a, on=ON) if row.case_id == handed)
    assert hugo.coach_id == partners.coach_b.id  # the row shows who coaches the case now
