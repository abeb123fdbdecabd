"""The signals on a real store: each kind starts on its boundary day, from facts as they stood on
the day asked about; and the closable list shows R, E and eligibility for every running case."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import insert

from tests.services.conftest import Partners
from tests.services.factories import CaseRefs, add_case, add_pending_registration, bulk_cases
from zvkd_desktop.domain.signals import SignalKind
from zvkd_desktop.domain.vocabulary import (
    ActionStatus,
    CoachContactKind,
    Decision,
    LifeDomain,
    PoliceContactKind,
)
from zvkd_desktop.services.contacts import (
    add_coach_contact,
    add_police_contact,
    remove_police_contact,
)
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.plans import ActionInput, GoalInput, save_plan
from zvkd_desktop.services.reviews import record_review
from zvkd_desktop.services.settings import set_setting
from zvkd_desktop.services.signals import SignalRow, closable_on, signals_on
from zvkd_desktop.store.models import PoliceContact, Registration

D = dt.date


def signals_of(
    ctx: ServiceContext, on: dt.date, kind: SignalKind, refs: CaseRefs
) -> list[SignalRow]:
    return [s for s in signals_on(ctx, on) if s.kind is kind and s.youth_id == refs.youth_id]


def police(
    ctx: ServiceContext, refs: CaseRefs, day: dt.date, *, negative: bool = True
) -> uuid.UUID:
    return add_police_contact(
        ctx,
        youth_id=refs.youth_id,
        contact_on=day,
        kind=PoliceContactKind.ARREST,
        negative=negative,
    )


@pytest.fixture
def case(ctx: ServiceContext, partners: Partners) -> CaseRefs:
    return add_case(ctx.store, admitted_on=D(2023, 6, 1), coach_id=partners.coach_a.id)


def case_id(refs: CaseRefs) -> uuid.UUID:
    assert refs.case_id is not None
    return refs.case_id


# -- eligible for closure ---------------------------------------------------------------------


def test_eligible_for_closure_from_six_months_and_a_day_after_the_latest_negative_contact(
    ctx: ServiceContext, case: CaseRefs
) -> None:
    police(ctx, case, D(2023, 7, 10))  # R = 10-07-2023, E = 11-01-2024
    police(ctx, case, D(2023, 9, 1), negative=False)  # not negative: does not move R
    removed = police(ctx, case, D(2023, 10, 1))
    remove_police_contact(ctx, removed)  # removed: does not count

    assert signals_of(ctx, D(2024, 1, 10), SignalKind.ELIGIBLE_FOR_CLOSURE, case) == []
    [signal] = signals_of(ctx, D(2024, 1, 11), SignalKind.ELIGIBLE_FOR_CLOSURE, case)
    assert (signal.since, signal.case_id, signal.reason) == (
        D(2024, 1, 11),
        case.case_id,
        "Afsluitbaar sinds 11-01-2024",
    )
    assert (signal.youth_name, signal.coach_name) == ("Sem de Jong", "Fatima el Amrani")


def test_the_policy_period_comes_from_the_settings(ctx: ServiceContext, case: CaseRefs) -> None:
    set_setting(ctx, "policy_months", 3)  # admitted 01-06-2023: E = 02-09-2023
    assert signals_of(ctx, D(2023, 9, 1), SignalKind.ELIGIBLE_FOR_CLOSURE, case) == []
    assert signals_of(ctx, D(2023, 9, 2), SignalKind.ELIGIBLE_FOR_CLOSURE, case)


# -- review overdue ---------------------------------------------------------------------------


def test_review_overdue_from_the_day_after_the_planned_review(
    ctx: ServiceContext, partners: Partners
) -> None:
    refs = add_case(ctx.store, admitted_on=D(2023, 6, 1), next_review_on=D(2024, 1, 5))
    assert signals_of(ctx, D(2024, 1, 5), SignalKind.REVIEW_OVERDUE, refs) == []
    [signal] = signals_of(ctx, D(2024, 1, 6), SignalKind.REVIEW_OVERDUE, refs)
    assert signal.since == D(2024, 1, 6)


def test_a_review_held_late_does_not_hide_that_it_was_overdue_before_it(
    ctx: ServiceContext,
) -> None:
    # planned at admission one review cadence (6 weeks) later: 13-07-2023; held on 20-07-2023
    refs = add_case(ctx.store, admitted_on=D(2023, 6, 1), next_review_on=D(2023, 7, 13))
    record_review(
        ctx, case_id=case_id(refs), reviewed_on=D(2023, 7, 20), progress={}, decisions=None
    )
    [signal] = signals_of(ctx, D(2023, 7, 16), SignalKind.REVIEW_OVERDUE, refs)
    assert signal.since == D(2023, 7, 14)
    assert signals_of(ctx, D(2023, 7, 20), SignalKind.REVIEW_OVERDUE, refs) == []


def test_a_second_review_held_late_is_measured_against_the_first_reviews_plan(
    ctx: ServiceContext,
) -> None:
    refs = add_case(ctx.store, admitted_on=D(2023, 6, 1), next_review_on=D(2023, 7, 13))
    record_review(
        ctx,
        case_id=case_id(refs),
        reviewed_on=D(2023, 7, 13),
        progress={},
        decisions=None,
        next_review_on=D(2023, 9, 1),
    )
    record_review(
        ctx, case_id=case_id(refs), reviewed_on=D(2023, 9, 10), progress={}, decisions=None
    )
    assert signals_of(ctx, D(2023, 9, 1), SignalKind.REVIEW_OVERDUE, refs) == []
    [signal] = signals_of(ctx, D(2023, 9, 5), SignalKind.REVIEW_OVERDUE, refs)
    assert signal.since == D(2023, 9, 2)


# -- no coach contact -------------------------------------------------------------------------


def test_no_coach_contact_more_than_four_weeks_after_the_last_contact_that_reached_the_youth(
    ctx: ServiceContext, case: CaseRefs
) -> None:
    add_coach_contact(
        ctx, case_id=case_id(case), contact_on=D(2023, 12, 1), kind=CoachContactKind.HOME_VISIT
    )
    # an attempt that did not reach the youth is no contact
    add_coach_contact(
        ctx, case_id=case_id(case), contact_on=D(2023, 12, 20), kind=CoachContactKind.NOT_REACHED
    )
    assert signals_of(ctx, D(2023, 12, 29), SignalKind.NO_COACH_CONTACT, case) == []
    [signal] = signals_of(ctx, D(2023, 12, 30), SignalKind.NO_COACH_CONTACT, case)
    assert signal.since == D(2023, 12, 30)
    assert signal.reason == "Laatste contact met coach op 01-12-2023"


# -- registration pending ---------------------------------------------------------------------


def test_a_registration_without_decision_after_fourteen_days(ctx: ServiceContext) -> None:
    refs = add_pending_registration(ctx.store, registered_on=D(2024, 1, 1))
    assert signals_of(ctx, D(2024, 1, 15), SignalKind.REGISTRATION_PENDING, refs) == []
    [signal] = signals_of(ctx, D(2024, 1, 16), SignalKind.REGISTRATION_PENDING, refs)
    assert (signal.since, signal.registration_id, signal.case_id) == (
        D(2024, 1, 16),
        refs.registration_id,
        None,
    )
    assert signal.youth_name == "Noah de Jong"


def test_a_registration_decided_later_was_still_pending_before_its_decision(
    ctx: ServiceContext,
) -> None:
    refs = add_pending_registration(ctx.store, registered_on=D(2023, 12, 1))
    with ctx.store.transaction() as session:
        registration = session.get(Registration, refs.registration_id)
        assert registration is not None
        registration.decision = Decision.NOT_ADMITTED
        registration.decided_on = D(2024, 1, 10)
    assert signals_of(ctx, D(2024, 1, 9), SignalKind.REGISTRATION_PENDING, refs)
    assert signals_of(ctx, D(2024, 1, 10), SignalKind.REGISTRATION_PENDING, refs) == []


# -- new negative police contact --------------------------------------------------------------


def test_a_negative_contact_after_the_last_review_is_new_from_its_day(
    ctx: ServiceContext, case: CaseRefs
) -> None:
    record_review(
        ctx, case_id=case_id(case), reviewed_on=D(2023, 12, 1), progress={}, decisions=None
    )
    police(ctx, case, D(2023, 12, 1))  # on the review day: discussed already
    police(ctx, case, D(2023, 12, 2))
    police(ctx, case, D(2023, 12, 3), negative=False)
    assert signals_of(ctx, D(2023, 12, 1), SignalKind.NEW_POLICE_CONTACT, case) == []
    [signal] = signals_of(ctx, D(2023, 12, 3), SignalKind.NEW_POLICE_CONTACT, case)
    assert signal.since == D(2023, 12, 2)
    assert signal.reason == "Negatief politiecontact op 02-12-2023, na de bespreking van 01-12-2023"


# -- plan action overdue ----------------------------------------------------------------------


def test_an_open_action_of_the_current_plan_is_overdue_the_day_after_its_due_date(
    ctx: ServiceContext, case: CaseRefs
) -> None:
    goal = GoalInput(
        LifeDomain.EDUCATION_WORK,
        "Weer naar school",
        actions=[
            ActionInput("Gesprek met mentor", due_on=D(2023, 12, 1)),
        ],
    )
    save_plan(ctx, case_id(case), [goal], None)
    current = GoalInput(
        LifeDomain.EDUCATION_WORK,
        "Weer naar school",
        actions=[
            ActionInput("Gesprek met mentor", due_on=D(2023, 12, 1), status=ActionStatus.DONE),
            ActionInput("Stageplek zoeken", due_on=D(2024, 1, 10), status=ActionStatus.IN_PROGRESS),
        ],
    )
    save_plan(ctx, case_id(case), [current], None)

    assert signals_of(ctx, D(2024, 1, 10), SignalKind.ACTION_OVERDUE, case) == []
    [signal] = signals_of(ctx, D(2024, 1, 11), SignalKind.ACTION_OVERDUE, case)
    assert signal.since == D(2024, 1, 11)
    assert signal.reason == "1 actie over datum (uiterlijk 10-01-2024)"


# -- turns 27 ---------------------------------------------------------------------------------


def test_turns_27_within_three_months(ctx: ServiceContext) -> None:
    refs = add_case(ctx.store, admitted_on=D(2023, 6, 1), date_of_birth=D(1997, 4, 10))
    assert signals_of(ctx, D(2024, 1, 9), SignalKind.TURNS_27, refs) == []
    [signal] = signals_of(ctx, D(2024, 1, 10), SignalKind.TURNS_27, refs)
    assert (signal.since, signal.reason) == (D(2024, 1, 10), "Wordt 27 op 10-04-2024")


# -- which cases ------------------------------------------------------------------------------


def test_only_cases_running_on_the_day_give_signals(ctx: ServiceContext) -> None:
    closed = add_case(ctx.store, admitted_on=D(2023, 1, 2), closed_on=D(2023, 12, 1))
    later = add_case(ctx.store, admitted_on=D(2024, 1, 10))
    youths = {s.youth_id for s in signals_on(ctx, D(2023, 12, 31))}
    assert closed.youth_id not in youths and later.youth_id not in youths
    assert closed.youth_id in {s.youth_id for s in signals_on(ctx, D(2023, 11, 30))}


def test_a_coachs_list_holds_only_their_cases(ctx: ServiceContext, partners: Partners) -> None:
    mine = add_case(ctx.store, admitted_on=D(2023, 1, 2), coach_id=partners.coach_a.id)
    theirs = add_case(ctx.store, admitted_on=D(2023, 1, 2), coach_id=partners.coach_b.id)
    add_pending_registration(ctx.store, registered_on=D(2023, 11, 1))
    found = signals_on(ctx, D(2024, 1, 15), coach_id=partners.coach_a.id)
    assert found and {s.youth_id for s in found} == {mine.youth_id}
    assert theirs.youth_id not in {s.youth_id for s in found}


# -- closable ---------------------------------------------------------------------------------


def test_closable_shows_r_e_and_the_days_to_go(ctx: ServiceContext, case: CaseRefs) -> None:
    police(ctx, case, D(2023, 8, 31))  # R = 31-08-2023, E = 29-02-2024 + 1 = 01-03-2024
    other = add_case(ctx.store, admitted_on=D(2023, 3, 1))  # E = 02-09-2023

    rows = closable_on(ctx, D(2024, 2, 28))
    assert [row.case_id for row in rows] == [other.case_id, case.case_id]
    mine = rows[1]
    assert (mine.reference_date, mine.eligible_date, mine.eligible, mine.days_to_go) == (
        D(2023, 8, 31),
        D(2024, 3, 1),
        False,
        2,
    )
    assert (rows[0].reference_date, rows[0].eligible, rows[0].days_to_go) == (
        D(2023, 3, 1),
        True,
        0,
    )
    on_e = closable_on(ctx, D(2024, 3, 1))[1]
    assert (on_e.eligible, on_e.days_to_go) == (True, 0)


# -- many cases -------------------------------------------------------------------------------


def test_thousands_of_cases_are_gathered_in_bulk(ctx: ServiceContext) -> None:
    refs = bulk_cases(ctx.store, 5000, admitted_on=D(2023, 1, 2))
    with ctx.store.transaction() as session:
        session.execute(
            insert(PoliceContact),
            [
                {
                    "youth_id": ref.youth_id,
                    "case_id": ref.case_id,
                    "contact_on": D(2023, 12, 1),
                    "kind": PoliceContactKind.NUISANCE,
                    "negative": True,
                }
                for ref in refs[::5]
            ],
        )
    found = signals_on(ctx, D(2024, 1, 15))
    eligible = [s for s in found if s.kind is SignalKind.ELIGIBLE_FOR_CLOSURE]
    assert len(eligible) == 4000
    assert sum(1 for row in closable_on(ctx, D(2024, 1, 15)) if row.eligible) == 4000
    assert sum(1 for s in found if s.kind is SignalKind.NEW_POLICE_CONTACT) == 1000
