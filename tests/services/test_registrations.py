"""Registrations: the four criteria, the age at registration, re-registration, the decision."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from tests.services.conftest import Partners
from tests.services.lifecycle import admitted_case, audit_entries, new_youth, register, youth_of
from zvkd_desktop.domain.criteria import Criterion
from zvkd_desktop.domain.vocabulary import Category, ClosureReason, Decision, PoliceContactKind
from zvkd_desktop.errors import NotFoundError, ValidationError
from zvkd_desktop.services import case_views, cases
from zvkd_desktop.services import partners as partner_services
from zvkd_desktop.services.audit import verify_chain
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.registration_views import (
    get_registration,
    list_registrations,
    pending_registrations,
)
from zvkd_desktop.services.registrations import (
    decide_admit,
    decide_not_admit,
    restore_registration,
    undo_decision,
    withdraw_registration,
)
from zvkd_desktop.services.settings import set_setting
from zvkd_desktop.store.models import (
    Case,
    CategoryPeriod,
    CoachAssignment,
    PoliceContact,
    Youth,
)

REGISTERED = dt.date(2023, 11, 1)


@pytest.fixture
def youth(ctx: ServiceContext) -> uuid.UUID:
    return new_youth(ctx, date_of_birth=dt.date(2007, 3, 1))


# -- registering ---------------------------------------------------------------------------------


def test_a_registration_records_the_age_on_the_registration_date_and_waits(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    registration_id = register(ctx, partners, youth, dt.date(2023, 2, 28))
    detail = get_registration(ctx, registration_id)
    assert detail.age_at_registration == 15  # 16 only from 1 March
    assert (detail.decision, detail.is_reregistration) == (Decision.PENDING, False)
    assert detail.registrant_name == "Politie Delft"
    assert detail.assessment is not None and detail.assessment.all_met
    (pending,) = pending_registrations(ctx)
    assert (pending.id, pending.days_waiting) == (
        registration_id,
        (ctx.today() - dt.date(2023, 2, 28)).days,
    )
    (entry,) = audit_entries(ctx.store, "registration")
    assert entry.action == "create"
    assert entry.changes["age_at_registration"] == [None, 15]


def test_the_assessment_shows_which_criteria_fail(ctx: ServiceContext, partners: Partners) -> None:
    youth_id = new_youth(ctx, date_of_birth=dt.date(1996, 11, 1))  # 27 on the registration date
    registration_id = register(
        ctx, partners, youth_id, REGISTERED, police_contacts=False, cross_chain=False
    )
    assessment = get_registration(ctx, registration_id).assessment
    assert assessment is not None
    assert assessment.age == 27
    assert assessment.failing == [
        Criterion.AGE,
        Criterion.POLICE_OR_CONCERNS,
        Criterion.CROSS_CHAIN,
    ]


def test_serious_concerns_alone_meet_the_second_criterion(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    registration_id = register(
        ctx, partners, youth, REGISTERED, police_contacts=False, serious_concerns=True
    )
    assessment = get_registration(ctx, registration_id).assessment
    assert assessment is not None and assessment.all_met


def test_a_youth_without_a_date_of_birth_cannot_be_registered(
    ctx: ServiceContext, partners: Partners
) -> None:
    youth_id = new_youth(ctx, date_of_birth=None, birth_year=2007)
    with pytest.raises(ValidationError) as refused:
        register(ctx, partners, youth_id, REGISTERED)
    assert refused.value.code == "date_of_birth_required"


def test_a_registration_in_the_future_is_refused(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    with pytest.raises(ValidationError) as refused:
        register(ctx, partners, youth, ctx.today() + dt.timedelta(days=1))
    assert refused.value.code == "registration_in_future"
    register(ctx, partners, youth, ctx.today())


def test_a_registration_before_the_date_of_birth_is_refused(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    with pytest.raises(ValidationError) as refused:
        register(ctx, partners, youth, dt.date(2007, 2, 1))
    assert refused.value.code == "born_after_registration"


def test_an_unknown_registrant_is_refused(ctx: ServiceContext, youth: uuid.UUID) -> None:
    from zvkd_desktop.services.registrations import register as register_service

    with pytest.raises(NotFoundError):
        register_service(
            ctx,
            youth_id=youth,
            registered_on=REGISTERED,
            registrant_id=uuid.uuid4(),
            police_contacts=True,
            serious_concerns=False,
            multiple_domains=True,
            cross_chain=True,
        )


def test_a_second_registration_while_one_is_pending_is_refused(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    register(ctx, partners, youth, REGISTERED)
    with pytest.raises(ValidationError) as refused:
        register(ctx, partners, youth, REGISTERED + dt.timedelta(days=3))
    assert refused.value.code == "registration_pending_exists"
    assert "01-11-2023" in refused.value.message


def test_a_registration_while_the_youth_has_a_running_case_is_refused(
    ctx: ServiceContext, partners: Partners
) -> None:
    case_id = admitted_case(ctx, partners, admitted_on=dt.date(2023, 3, 1))
    with pytest.raises(ValidationError) as refused:
        register(ctx, partners, youth_of(ctx.store, case_id), REGISTERED)
    assert refused.value.code == "youth_has_running_case"


# -- re-registration -----------------------------------------------------------------------------


def _closed_case(
    ctx: ServiceContext,
    partners: Partners,
    youth_id: uuid.UUID,
    admitted_on: dt.date,
    closed_on: dt.date,
) -> uuid.UUID:
    case_id = admitted_case(ctx, partners, admitted_on=admitted_on, youth_id=youth_id)
    cases.close_case(ctx, case_id, closed_on=closed_on, reason=ClosureReason.ESCALATED)
    return case_id


def test_a_youth_with_an_earlier_closed_case_is_a_re_registration_linked_to_the_latest(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    _closed_case(ctx, partners, youth, dt.date(2021, 1, 15), dt.date(2021, 9, 1))
    latest = _closed_case(ctx, partners, youth, dt.date(2022, 3, 1), dt.date(2022, 12, 1))
    detail = get_registration(ctx, register(ctx, partners, youth, REGISTERED))
    assert (detail.is_reregistration, detail.previous_case_id) == (True, latest)


def test_a_re_registration_is_recognised_after_the_earlier_record_was_erased(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    earlier = _closed_case(ctx, partners, youth, dt.date(2021, 1, 15), dt.date(2021, 9, 1))
    with ctx.store.transaction() as session:  # privacy erasure: the name goes, the pseudonym stays
        old = session.get(Youth, youth)
        assert old is not None and old.pseudonym is not None
        old.first_name = old.last_name = old.date_of_birth = None
        old.erased_at = dt.datetime(2021, 9, 2)
    returning = new_youth(ctx, first_name="SEM", last_name="Berg, van der")
    detail = get_registration(ctx, register(ctx, partners, returning, REGISTERED))
    assert (detail.is_reregistration, detail.previous_case_id) == (True, earlier)


def test_another_youth_with_the_same_name_is_not_a_re_registration(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    _closed_case(ctx, partners, youth, dt.date(2021, 1, 15), dt.date(2021, 9, 1))
    namesake = new_youth(ctx, date_of_birth=dt.date(2008, 6, 6))
    assert not get_registration(
        ctx, register(ctx, partners, namesake, REGISTERED)
    ).is_reregistration


def test_an_earlier_registration_that_was_not_admitted_does_not_make_a_re_registration(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    first = register(ctx, partners, youth, dt.date(2023, 1, 10), cross_chain=False)
    decide_not_admit(ctx, first, decided_on=dt.date(2023, 1, 20), follow_up="Wijkagent volgt")
    assert not get_registration(ctx, register(ctx, partners, youth, REGISTERED)).is_reregistration


def test_a_registration_dated_before_the_earlier_closure_is_refused(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    _closed_case(ctx, partners, youth, dt.date(2023, 1, 15), dt.date(2023, 10, 1))
    with pytest.raises(ValidationError) as refused:
        register(ctx, partners, youth, dt.date(2023, 9, 1))
    assert refused.value.code == "registration_before_previous"


# -- the decision --------------------------------------------------------------------------------


def test_admitting_opens_the_case_with_category_coach_and_review_cadence(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    set_setting(ctx, "review_cadence_weeks", 8)
    registration_id = register(ctx, partners, youth, REGISTERED)
    case_id = decide_admit(
        ctx,
        registration_id,
        decided_on=dt.date(2023, 11, 14),
        category=Category.RIVAL_YOUTH,
        coach_id=partners.coach_a.id,
        process_director_id=partners.director.id,
    )
    case = case_views.get_case(ctx, case_id)
    assert (case.admitted_on, case.category, case.coach_name) == (
        dt.date(2023, 11, 14),
        Category.RIVAL_YOUTH,
        "Fatima el Amrani",
    )
    assert case.process_director_name == "Sanne Bakker"
    assert (case.review_cadence_weeks, case.next_review_on) == (8, dt.date(2024, 1, 9))
    assert [(p.category, p.from_date) for p in case.category_periods] == [
        (Category.RIVAL_YOUTH, dt.date(2023, 11, 14))
    ]
    assert [(a.coach_id, a.from_date, a.until_date) for a in case.coach_assignments] == [
        (partners.coach_a.id, dt.date(2023, 11, 14), None)
    ]
    detail = get_registration(ctx, registration_id)
    assert (detail.decision, detail.decided_on, detail.case_id) == (
        Decision.ADMITTED,
        dt.date(2023, 11, 14),
        case_id,
    )
    assert pending_registrations(ctx) == []
    written = [(e.action, e.table_name, e.case_id) for e in audit_entries(ctx.store)[-4:]]
    assert written == [
        ("decide", "registration", None),
        ("create", "pad_case", case_id),
        ("create", "category_period", case_id),
        ("create", "coach_assignment", case_id),
    ]


def test_the_admission_date_may_differ_from_the_decision_date(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    registration_id = register(ctx, partners, youth, REGISTERED)
    case_id = decide_admit(
        ctx,
        registration_id,
        decided_on=dt.date(2023, 11, 14),
        admitted_on=dt.date(2023, 11, 20),
        category=Category.REGULAR,
        coach_id=partners.coach_a.id,
    )
    assert case_views.get_case(ctx, case_id).admitted_on == dt.date(2023, 11, 20)


@pytest.mark.parametrize(
    ("decided_on", "admitted_on", "code"),
    [
        (dt.date(2023, 10, 31), None, "decision_before_registration"),
        (dt.date(2023, 11, 14), dt.date(2023, 10, 31), "admission_before_registration"),
        (dt.date(2024, 1, 16), None, "decision_in_future"),
        (dt.date(2023, 11, 14), dt.date(2024, 1, 16), "admission_in_future"),
    ],
)
def test_decision_and_admission_dates_must_fall_between_registration_and_today(
    ctx: ServiceContext,
    partners: Partners,
    youth: uuid.UUID,
    decided_on: dt.date,
    admitted_on: dt.date | None,
    code: str,
) -> None:
    registration_id = register(ctx, partners, youth, REGISTERED)
    with pytest.raises(ValidationError) as refused:
        decide_admit(
            ctx,
            registration_id,
            decided_on=decided_on,
            admitted_on=admitted_on,
            category=Category.REGULAR,
            coach_id=partners.coach_a.id,
        )
    assert refused.value.code == code
    assert get_registration(ctx, registration_id).decision == Decision.PENDING


def test_admitting_against_the_criteria_needs_a_written_reason(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    registration_id = register(ctx, partners, youth, REGISTERED, multiple_domains=False)
    with pytest.raises(ValidationError) as refused:
        decide_admit(
            ctx,
            registration_id,
            decided_on=REGISTERED,
            category=Category.REGULAR,
            coach_id=partners.coach_a.id,
            reason="  ",
        )
    assert refused.value.code == "decision_needs_reason"
    assert "Problemen op meer dan één leefgebied" in refused.value.message
    decide_admit(
        ctx,
        registration_id,
        decided_on=REGISTERED,
        category=Category.REGULAR,
        coach_id=partners.coach_a.id,
        reason="Broer zit al in de PAD",
    )
    assert get_registration(ctx, registration_id).decision_reason == "Broer zit al in de PAD"


def test_the_coach_must_be_an_active_coach_and_the_director_a_process_director(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    registration_id = register(ctx, partners, youth, REGISTERED)

    def admit(coach_id: uuid.UUID, director_id: uuid.UUID | None = None) -> None:
        decide_admit(
            ctx,
            registration_id,
            decided_on=REGISTERED,
            category=Category.REGULAR,
            coach_id=coach_id,
            process_director_id=director_id,
        )

    with pytest.raises(ValidationError) as refused:
        admit(partners.director.id)
    assert refused.value.code == "not_a_coach"
    with pytest.raises(ValidationError) as refused:
        admit(partners.coach_a.id, partners.coach_b.id)
    assert refused.value.code == "not_a_process_director"
    partner_services.deactivate_professional(ctx, partners.coach_b.id)
    with pytest.raises(ValidationError) as refused:
        admit(partners.coach_b.id)
    assert refused.value.code == "professional_inactive"


def test_not_admitting_records_the_follow_up_agreed_with_the_registrant(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    registration_id = register(ctx, partners, youth, REGISTERED, cross_chain=False)
    with pytest.raises(ValidationError) as refused:
        decide_not_admit(ctx, registration_id, decided_on=REGISTERED, follow_up=" ")
    assert refused.value.code == "follow_up_required"
    decide_not_admit(
        ctx,
        registration_id,
        decided_on=dt.date(2023, 11, 14),
        follow_up="Sociaal team Voorhof pakt het op",
    )
    detail = get_registration(ctx, registration_id)
    assert (detail.decision, detail.follow_up) == (
        Decision.NOT_ADMITTED,
        "Sociaal team Voorhof pakt het op",
    )
    with ctx.store.read() as session:
        assert session.scalars(select(Case)).first() is None


def test_not_admitting_while_all_criteria_are_met_needs_a_written_reason(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    registration_id = register(ctx, partners, youth, REGISTERED)
    with pytest.raises(ValidationError) as refused:
        decide_not_admit(ctx, registration_id, decided_on=REGISTERED, follow_up="Wijkagent")
    assert refused.value.code == "decision_needs_reason"
    decide_not_admit(
        ctx,
        registration_id,
        decided_on=REGISTERED,
        follow_up="Wijkagent",
        reason="Al in beeld bij Veilig Thuis",
    )


def test_a_decided_registration_cannot_be_decided_again(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    registration_id = register(ctx, partners, youth, REGISTERED, cross_chain=False)
    decide_not_admit(ctx, registration_id, decided_on=REGISTERED, follow_up="Wijkagent")
    with pytest.raises(ValidationError) as refused:
        decide_admit(
            ctx,
            registration_id,
            decided_on=REGISTERED,
            category=Category.REGULAR,
            coach_id=partners.coach_a.id,
            reason="Toch",
        )
    assert refused.value.code == "registration_decided"


# -- undo and withdraw ---------------------------------------------------------------------------


def test_undoing_an_admission_removes_the_untouched_case(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    registration_id = register(ctx, partners, youth, REGISTERED)
    decide_admit(
        ctx,
        registration_id,
        decided_on=REGISTERED,
        category=Category.REGULAR,
        coach_id=partners.coach_a.id,
    )
    undo_decision(ctx, registration_id)
    detail = get_registration(ctx, registration_id)
    assert (detail.decision, detail.decided_on, detail.case_id) == (Decision.PENDING, None, None)
    assert case_views.list_cases(ctx) == []
    with ctx.store.read() as session:
        for model in (Case, CategoryPeriod, CoachAssignment):
            assert all(row.is_deleted for row in session.scalars(select(model)))
        assert verify_chain(session) is None
    assert audit_entries(ctx.store)[-1].action == "undo_decision"
    # and the registration can be decided again
    decide_admit(
        ctx,
        registration_id,
        decided_on=REGISTERED,
        category=Category.RIVAL_YOUTH,
        coach_id=partners.coach_b.id,
    )


def test_an_admission_cannot_be_undone_once_the_case_was_changed(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    registration_id = register(ctx, partners, youth, REGISTERED)
    case_id = decide_admit(
        ctx,
        registration_id,
        decided_on=REGISTERED,
        category=Category.REGULAR,
        coach_id=partners.coach_a.id,
    )
    cases.set_street_strength(ctx, case_id, True)
    with pytest.raises(ValidationError) as refused:
        undo_decision(ctx, registration_id)
    assert refused.value.code == "case_has_history"


def test_an_admission_cannot_be_undone_once_something_was_recorded_on_the_case(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    registration_id = register(ctx, partners, youth, REGISTERED)
    case_id = decide_admit(
        ctx,
        registration_id,
        decided_on=REGISTERED,
        category=Category.REGULAR,
        coach_id=partners.coach_a.id,
    )
    with ctx.store.transaction() as session:
        session.add(
            PoliceContact(
                youth_id=youth,
                case_id=case_id,
                contact_on=dt.date(2023, 12, 1),
                kind=PoliceContactKind.NUISANCE,
            )
        )
    with pytest.raises(ValidationError) as refused:
        undo_decision(ctx, registration_id)
    assert refused.value.code == "case_has_history"


def test_undoing_a_not_admitted_decision_makes_it_pending_again(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    registration_id = register(ctx, partners, youth, REGISTERED, cross_chain=False)
    decide_not_admit(ctx, registration_id, decided_on=REGISTERED, follow_up="Wijkagent")
    undo_decision(ctx, registration_id)
    detail = get_registration(ctx, registration_id)
    assert (detail.decision, detail.follow_up) == (Decision.PENDING, None)
    with pytest.raises(ValidationError) as refused:
        undo_decision(ctx, registration_id)
    assert refused.value.code == "registration_pending"


def test_a_not_admitted_decision_cannot_be_undone_after_a_newer_registration(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    first = register(ctx, partners, youth, dt.date(2023, 6, 1), cross_chain=False)
    decide_not_admit(ctx, first, decided_on=dt.date(2023, 6, 10), follow_up="Wijkagent")
    register(ctx, partners, youth, REGISTERED)
    with pytest.raises(ValidationError) as refused:
        undo_decision(ctx, first)
    assert refused.value.code == "newer_registration_exists"


def test_a_pending_registration_can_be_withdrawn_and_restored(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    registration_id = register(ctx, partners, youth, REGISTERED)
    withdraw_registration(ctx, registration_id)
    assert pending_registrations(ctx) == []
    assert list_registrations(ctx, youth_id=youth) == []
    restore_registration(ctx, registration_id)
    assert [r.id for r in pending_registrations(ctx)] == [registration_id]
    assert [e.action for e in audit_entries(ctx.store, "registration")] == [
        "create",
        "delete",
        "restore",
    ]


def test_a_decided_registration_cannot_be_withdrawn(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    registration_id = register(ctx, partners, youth, REGISTERED, cross_chain=False)
    decide_not_admit(ctx, registration_id, decided_on=REGISTERED, follow_up="Wijkagent")
    with pytest.raises(ValidationError) as refused:
        withdraw_registration(ctx, registration_id)
    assert refused.value.code == "registration_decided"


def test_restoring_is_refused_when_the_youth_was_registered_again_meanwhile(
    ctx: ServiceContext, partners: Partners, youth: uuid.UUID
) -> None:
    withdrawn = register(ctx, partners, youth, REGISTERED)
    withdraw_registration(ctx, withdrawn)
    register(ctx, partners, youth, REGISTERED + dt.timedelta(days=7))
    with pytest.raises(ValidationError) as refused:
        restore_registration(ctx, withdrawn)
    assert refused.value.code == "registration_pending_exists"


def test_the_registration_list_shows_each_decision_and_its_case(
    ctx: ServiceContext, partners: Partners
) -> None:
    case_id = admitted_case(ctx, partners, admitted_on=dt.date(2023, 9, 1))
    other = new_youth(ctx, first_name="Noah")
    register(ctx, partners, other, REGISTERED)
    rows = list_registrations(ctx)
    assert [(r.youth_name, r.decision, r.case_id) for r in rows] == [
        ("Sem van der Berg", Decision.ADMITTED, case_id),
        ("Noah van der Berg", Decision.PENDING, None),
    ]
