"""Police contacts belong to the youth (date, kind, negative yes/no, note) and are linked to the case
running on their date; coach contacts belong to a case and lie between admission and closure."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from tests.services.conftest import TODAY, Partners
from tests.services.factories import BORN, CaseRefs, add_case, add_youth
from zvkd_desktop.domain.vocabulary import CoachContactKind, PoliceContactKind
from zvkd_desktop.errors import NotFoundError, ValidationError
from zvkd_desktop.services.contacts import (
    add_coach_contact,
    add_police_contact,
    coach_contacts,
    police_contacts,
    remove_coach_contact,
    remove_police_contact,
    restore_coach_contact,
    restore_police_contact,
    update_coach_contact,
    update_police_contact,
)
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.store.models import CoachAssignment

ADMITTED = dt.date(2023, 6, 1)
CLOSED = dt.date(2023, 12, 20)


@pytest.fixture
def running(ctx: ServiceContext, partners: Partners) -> CaseRefs:
    return add_case(ctx.store, admitted_on=ADMITTED, coach_id=partners.coach_a.id)


def _case(refs: CaseRefs) -> uuid.UUID:
    assert refs.case_id is not None
    return refs.case_id


# -- police contacts --------------------------------------------------------------------------


def test_a_police_contact_during_a_case_is_linked_to_that_case(
    ctx: ServiceContext, running: CaseRefs
) -> None:
    contact_id = add_police_contact(
        ctx,
        youth_id=running.youth_id,
        contact_on=dt.date(2023, 9, 3),
        kind=PoliceContactKind.ARREST,
        negative=True,
        note="  Winkeldiefstal  ",
    )
    [contact] = police_contacts(ctx, running.youth_id)
    assert contact.id == contact_id
    assert (contact.case_id, contact.kind, contact.negative, contact.note) == (
        running.case_id,
        PoliceContactKind.ARREST,
        True,
        "Winkeldiefstal",
    )


def test_a_police_contact_before_admission_belongs_to_the_youth_only(
    ctx: ServiceContext, running: CaseRefs
) -> None:
    add_police_contact(
        ctx,
        youth_id=running.youth_id,
        contact_on=ADMITTED - dt.timedelta(days=1),
        kind=PoliceContactKind.SUSPECT,
        negative=True,
    )
    [contact] = police_contacts(ctx, running.youth_id)
    assert contact.case_id is None


def test_a_police_contact_on_the_admission_day_belongs_to_the_case(
    ctx: ServiceContext, running: CaseRefs
) -> None:
    add_police_contact(
        ctx,
        youth_id=running.youth_id,
        contact_on=ADMITTED,
        kind=PoliceContactKind.NUISANCE,
        negative=True,
    )
    assert police_contacts(ctx, running.youth_id)[0].case_id == running.case_id


def test_the_police_timeline_is_newest_first(ctx: ServiceContext, running: CaseRefs) -> None:
    for day in (dt.date(2023, 7, 1), dt.date(2024, 1, 2), dt.date(2023, 10, 5)):
        add_police_contact(
            ctx,
            youth_id=running.youth_id,
            contact_on=day,
            kind=PoliceContactKind.OTHER,
            negative=False,
        )
    assert [c.contact_on for c in police_contacts(ctx, running.youth_id)] == [
        dt.date(2024, 1, 2),
        dt.date(2023, 10, 5),
        dt.date(2023, 7, 1),
    ]


def test_a_police_contact_in_the_future_is_refused_and_today_is_allowed(
    ctx: ServiceContext, running: CaseRefs
) -> None:
    with pytest.raises(ValidationError) as refused:
        add_police_contact(
            ctx,
            youth_id=running.youth_id,
            contact_on=TODAY + dt.timedelta(days=1),
            kind=PoliceContactKind.ARREST,
            negative=True,
        )
    assert refused.value.code == "contact_in_future"
    add_police_contact(
        ctx,
        youth_id=running.youth_id,
        contact_on=TODAY,
        kind=PoliceContactKind.ARREST,
        negative=True,
    )


def test_a_police_contact_before_the_youths_birth_is_refused(
    ctx: ServiceContext, running: CaseRefs
) -> None:
    with pytest.raises(ValidationError) as refused:
        add_police_contact(
            ctx,
            youth_id=running.youth_id,
            contact_on=BORN - dt.timedelta(days=1),
            kind=PoliceContactKind.ARREST,
            negative=True,
        )
    assert refused.value.code == "contact_before_birth"
    assert "14-05-2006" in refused.value.message
    assert police_contacts(ctx, running.youth_id) == []


def test_a_police_contact_for_an_unknown_youth_is_not_found(ctx: ServiceContext) -> None:
    with pytest.raises(NotFoundError):
        add_police_contact(
            ctx,
            youth_id=uuid.uuid4(),
            contact_on=TODAY,
            kind=PoliceContactKind.ARREST,
            negative=True,
        )


def test_moving_a_police_contact_to_another_date_moves_its_case_link(
    ctx: ServiceContext, running: CaseRefs
) -> None:
    contact_id = add_police_contact(
        ctx,
        youth_id=running.youth_id,
        contact_on=dt.date(2023, 8, 1),
        kind=PoliceContactKind.SUSPECT,
        negative=True,
    )
    update_police_contact(
        ctx,
        contact_id,
        contact_on=dt.date(2023, 5, 1),
        kind=PoliceContactKind.NUISANCE,
        negative=False,
        note="Was overlast",
    )
    [contact] = police_contacts(ctx, running.youth_id)
    assert (contact.contact_on, contact.kind, contact.negative, contact.case_id, contact.note) == (
        dt.date(2023, 5, 1),
        PoliceContactKind.NUISANCE,
        False,
        None,
        "Was overlast",
    )


def test_removing_a_police_contact_hides_it_and_restoring_brings_it_back(
    ctx: ServiceContext, running: CaseRefs
) -> None:
    contact_id = add_police_contact(
        ctx,
        youth_id=running.youth_id,
        contact_on=dt.date(2023, 8, 1),
        kind=PoliceContactKind.SUSPECT,
        negative=True,
    )
    remove_police_contact(ctx, contact_id)
    assert police_contacts(ctx, running.youth_id) == []
    with pytest.raises(NotFoundError):
        remove_police_contact(ctx, contact_id)

    restore_police_contact(ctx, contact_id)
    assert [c.id for c in police_contacts(ctx, running.youth_id)] == [contact_id]
    with pytest.raises(ValidationError) as refused:
        restore_police_contact(ctx, contact_id)
    assert refused.value.code == "not_removed"


def test_a_youth_without_a_case_can_have_police_contacts(ctx: ServiceContext) -> None:
    youth_id = add_youth(ctx.store)
    add_police_contact(
        ctx,
        youth_id=youth_id,
        contact_on=dt.date(2023, 3, 3),
        kind=PoliceContactKind.NUISANCE,
        negative=True,
    )
    assert police_contacts(ctx, youth_id)[0].case_id is None


# -- coach contacts ---------------------------------------------------------------------------


def test_a_coach_contact_is_with_the_cases_coach_by_default(
    ctx: ServiceContext, running: CaseRefs, partners: Partners
) -> None:
    add_coach_contact(
        ctx,
        case_id=_case(running),
        contact_on=dt.date(2023, 6, 8),
        kind=CoachContactKind.HOME_VISIT,
        note="Kennismaking thuis",
    )
    [contact] = coach_contacts(ctx, _case(running))
    assert (contact.coach_id, contact.coach_name, contact.kind, contact.note) == (
        partners.coach_a.id,
        "Fatima el Amrani",
        CoachContactKind.HOME_VISIT,
        "Kennismaking thuis",
    )


def test_a_backdated_coach_contact_is_with_the_coach_of_that_day(
    ctx: ServiceContext, running: CaseRefs, partners: Partners
) -> None:
    with ctx.store.transaction() as session:
        first = session.scalars(
            select(CoachAssignment).where(CoachAssignment.case_id == running.case_id)
        ).one()
        first.until_date = dt.date(2023, 9, 30)
        session.add(
            CoachAssignment(
                case_id=running.case_id,
                coach_id=partners.coach_b.id,
                from_date=dt.date(2023, 10, 1),
            )
        )
    add_coach_contact(
        ctx, case_id=_case(running), contact_on=dt.date(2023, 9, 15), kind=CoachContactKind.PHONE
    )
    add_coach_contact(
        ctx, case_id=_case(running), contact_on=dt.date(2023, 10, 2), kind=CoachContactKind.PHONE
    )
    assert [c.coach_name for c in coach_contacts(ctx, _case(running))] == [
        "Jeroen de Vries",
        "Fatima el Amrani",
    ]


def test_a_coach_contact_before_admission_is_refused(
    ctx: ServiceContext, running: CaseRefs
) -> None:
    with pytest.raises(ValidationError) as refused:
        add_coach_contact(
            ctx,
            case_id=_case(running),
            contact_on=ADMITTED - dt.timedelta(days=1),
            kind=CoachContactKind.VISIT,
        )
    assert refused.value.code == "contact_before_admission"
    add_coach_contact(ctx, case_id=_case(running), contact_on=ADMITTED, kind=CoachContactKind.VISIT)


def test_a_coach_contact_after_closure_is_refused_and_the_closure_day_is_allowed(
    ctx: ServiceContext,
) -> None:
    closed = add_case(ctx.store, admitted_on=ADMITTED, closed_on=CLOSED)
    with pytest.raises(ValidationError) as refused:
        add_coach_contact(
            ctx,
            case_id=_case(closed),
            contact_on=CLOSED + dt.timedelta(days=1),
            kind=CoachContactKind.ONLINE,
        )
    assert refused.value.code == "contact_after_closure"
    assert "20-12-2023" in refused.value.message
    add_coach_contact(ctx, case_id=_case(closed), contact_on=CLOSED, kind=CoachContactKind.ONLINE)


def test_a_coach_contact_in_the_future_is_refused(ctx: ServiceContext, running: CaseRefs) -> None:
    with pytest.raises(ValidationError) as refused:
        add_coach_contact(
            ctx,
            case_id=_case(running),
            contact_on=TODAY + dt.timedelta(days=1),
            kind=CoachContactKind.PHONE,
        )
    assert refused.value.code == "contact_in_future"


def test_editing_a_coach_contact_checks_the_new_date_and_keeps_the_coach(
    ctx: ServiceContext, running: CaseRefs, partners: Partners
) -> None:
    contact_id = add_coach_contact(
        ctx, case_id=_case(running), contact_on=dt.date(2023, 7, 1), kind=CoachContactKind.PHONE
    )
    with pytest.raises(ValidationError):
        update_coach_contact(
            ctx, contact_id, contact_on=dt.date(2023, 5, 1), kind=CoachContactKind.PHONE
        )
    update_coach_contact(
        ctx,
        contact_id,
        contact_on=dt.date(2023, 7, 2),
        kind=CoachContactKind.NOT_REACHED,
        note="Niet opgenomen",
    )
    [contact] = coach_contacts(ctx, _case(running))
    assert (contact.contact_on, contact.kind, contact.coach_id) == (
        dt.date(2023, 7, 2),
        CoachContactKind.NOT_REACHED,
        partners.coach_a.id,
    )


def test_removing_and_restoring_a_coach_contact(ctx: ServiceContext, running: CaseRefs) -> None:
    contact_id = add_coach_contact(
        ctx, case_id=_case(running), contact_on=dt.date(2023, 7, 1), kind=CoachContactKind.VISIT
    )
    remove_coach_contact(ctx, contact_id)
    assert coach_contacts(ctx, _case(running)) == []
    restore_coach_contact(ctx, contact_id)
    assert [c.id for c in coach_contacts(ctx, _case(running))] == [contact_id]


def test_an_unknown_coach_is_not_found(ctx: ServiceContext, running: CaseRefs) -> None:
    with pytest.raises(NotFoundError):
        add_coach_contact(
            ctx,
            case_id=_case(running),
            contact_on=dt.date(2023, 7, 1),
            kind=CoachContactKind.VISIT,
            coach_id=uuid.uuid4(),
        )
