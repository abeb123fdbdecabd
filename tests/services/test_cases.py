"""A running case: dated category moves, coach history, director, Straatkracht, advice, reviews."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from tests.services.conftest import Partners
from tests.services.lifecycle import admitted_case, audit_entries, new_youth
from zvkd_desktop.domain.vocabulary import Category, ClosureReason
from zvkd_desktop.errors import NotFoundError, ValidationError
from zvkd_desktop.services import partners as partner_services
from zvkd_desktop.services.audit import verify_chain
from zvkd_desktop.services.case_views import get_case, list_cases
from zvkd_desktop.services.cases import (
    change_category,
    change_coach,
    close_case,
    set_next_review,
    set_process_director,
    set_reoffence_advice,
    set_review_cadence,
    set_street_strength,
    undo_category_change,
    undo_coach_change,
)
from zvkd_desktop.services.context import ServiceContext

ADMITTED = dt.date(2023, 6, 1)


@pytest.fixture
def case_id(ctx: ServiceContext, partners: Partners) -> uuid.UUID:
    return admitted_case(ctx, partners, admitted_on=ADMITTED)


# -- category ------------------------------------------------------------------------------------


def test_a_category_move_adds_a_dated_period_and_keeps_the_old_one(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    change_category(
        ctx, case_id, Category.RIVAL_YOUTH, dt.date(2023, 9, 1), note="Conflict Voorhof"
    )
    case = get_case(ctx, case_id)
    assert case.category == Category.RIVAL_YOUTH
    assert [(p.category, p.from_date, p.note) for p in case.category_periods] == [
        (Category.REGULAR, ADMITTED, None),
        (Category.RIVAL_YOUTH, dt.date(2023, 9, 1), "Conflict Voorhof"),
    ]
    period_entry, case_entry = audit_entries(ctx.store)[-2:]
    assert (period_entry.action, period_entry.table_name, period_entry.case_id) == (
        "create",
        "category_period",
        case_id,
    )
    assert case_entry.changes == {"category": ["regular", "rival_youth"]}


def test_moving_to_the_category_the_case_already_has_is_refused(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    with pytest.raises(ValidationError) as refused:
        change_category(ctx, case_id, Category.REGULAR, dt.date(2023, 9, 1))
    assert refused.value.code == "same_category"


@pytest.mark.parametrize(
    ("from_date", "code"),
    [
        (dt.date(2023, 5, 31), "category_before_admission"),
        (dt.date(2023, 9, 30), "category_before_last_change"),
        (dt.date(2023, 10, 1), "category_before_last_change"),
        (dt.date(2024, 1, 16), "date_in_future"),
    ],
)
def test_a_category_move_must_follow_admission_and_the_last_move(
    ctx: ServiceContext, case_id: uuid.UUID, from_date: dt.date, code: str
) -> None:
    change_category(ctx, case_id, Category.RIVAL_YOUTH, dt.date(2023, 10, 1))
    with pytest.raises(ValidationError) as refused:
        change_category(ctx, case_id, Category.REGULAR, from_date)
    assert refused.value.code == code


def test_a_category_move_on_a_closed_case_is_refused(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    close_case(ctx, case_id, closed_on=dt.date(2023, 12, 1), reason=ClosureReason.ESCALATED)
    with pytest.raises(ValidationError) as refused:
        change_category(ctx, case_id, Category.RIVAL_YOUTH, dt.date(2023, 9, 1))
    assert refused.value.code == "case_closed"
    assert "01-12-2023" in refused.value.message


def test_undoing_a_category_move_restores_the_previous_category(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    change_category(ctx, case_id, Category.RIVAL_YOUTH, dt.date(2023, 9, 1))
    undo_category_change(ctx, case_id)
    case = get_case(ctx, case_id)
    assert case.category == Category.REGULAR
    assert len(case.category_periods) == 1
    with pytest.raises(ValidationError) as refused:
        undo_category_change(ctx, case_id)
    assert refused.value.code == "nothing_to_undo"


# -- coach ---------------------------------------------------------------------------------------


def test_a_coach_change_ends_the_old_period_the_day_before_and_keeps_it(
    ctx: ServiceContext, partners: Partners, case_id: uuid.UUID
) -> None:
    change_coach(ctx, case_id, partners.coach_b.id, dt.date(2023, 10, 2))
    case = get_case(ctx, case_id)
    assert (case.coach_id, case.coach_name) == (partners.coach_b.id, "Jeroen de Vries")
    assert [(a.coach_name, a.from_date, a.until_date) for a in case.coach_assignments] == [
        ("Fatima el Amrani", ADMITTED, dt.date(2023, 10, 1)),
        ("Jeroen de Vries", dt.date(2023, 10, 2), None),
    ]
    tables = [(e.action, e.table_name) for e in audit_entries(ctx.store)[-3:]]
    assert tables == [
        ("update", "coach_assignment"),
        ("create", "coach_assignment"),
        ("update", "pad_case"),
    ]


def test_the_same_coach_an_inactive_coach_or_a_non_coach_is_refused(
    ctx: ServiceContext, partners: Partners, case_id: uuid.UUID
) -> None:
    day = dt.date(2023, 10, 2)
    with pytest.raises(ValidationError) as refused:
        change_coach(ctx, case_id, partners.coach_a.id, day)
    assert refused.value.code == "same_coach"
    with pytest.raises(ValidationError) as refused:
        change_coach(ctx, case_id, partners.director.id, day)
    assert refused.value.code == "not_a_coach"
    partner_services.deactivate_professional(ctx, partners.coach_b.id)
    with pytest.raises(ValidationError) as refused:
        change_coach(ctx, case_id, partners.coach_b.id, day)
    assert refused.value.code == "professional_inactive"
    with pytest.raises(NotFoundError):
        change_coach(ctx, case_id, uuid.uuid4(), day)


@pytest.mark.parametrize(
    ("from_date", "code"),
    [
        (ADMITTED - dt.timedelta(days=1), "coach_before_admission"),
        (ADMITTED, "coach_before_last_change"),
        (dt.date(2024, 1, 16), "date_in_future"),
    ],
)
def test_a_coach_change_must_start_after_the_current_coach_started(
    ctx: ServiceContext, partners: Partners, case_id: uuid.UUID, from_date: dt.date, code: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        change_coach(ctx, case_id, partners.coach_b.id, from_date)
    assert refused.value.code == code


def test_undoing_a_coach_change_reopens_the_previous_coach(
    ctx: ServiceContext, partners: Partners, case_id: uuid.UUID
) -> None:
    change_coach(ctx, case_id, partners.coach_b.id, dt.date(2023, 10, 2))
    undo_coach_change(ctx, case_id)
    case = get_case(ctx, case_id)
    assert case.coach_id == partners.coach_a.id
    assert [(a.coach_id, a.until_date) for a in case.coach_assignments] == [
        (partners.coach_a.id, None)
    ]
    with pytest.raises(ValidationError) as refused:
        undo_coach_change(ctx, case_id)
    assert refused.value.code == "nothing_to_undo"


# -- the other case fields -----------------------------------------------------------------------


def test_the_process_director_is_set_and_cleared(
    ctx: ServiceContext, partners: Partners, case_id: uuid.UUID
) -> None:
    set_process_director(ctx, case_id, partners.director.id)
    assert get_case(ctx, case_id).process_director_name == "Sanne Bakker"
    with pytest.raises(ValidationError) as refused:
        set_process_director(ctx, case_id, partners.coach_b.id)
    assert refused.value.code == "not_a_process_director"
    set_process_director(ctx, case_id, None)
    assert get_case(ctx, case_id).process_director_id is None


def test_street_strength_and_reoffence_advice_are_recorded_and_audited(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    set_street_strength(ctx, case_id, True)
    set_reoffence_advice(ctx, case_id, "  Taakstraf met begeleiding door de coach ")
    case = get_case(ctx, case_id)
    assert (case.street_strength, case.reoffence_advice) == (
        True,
        "Taakstraf met begeleiding door de coach",
    )
    flag, advice = audit_entries(ctx.store, "pad_case")[-2:]
    assert flag.changes == {"street_strength": [False, True]}
    assert advice.changes == {"reoffence_advice": [None, "Taakstraf met begeleiding door de coach"]}
    set_street_strength(ctx, case_id, True)  # unchanged: nothing written
    assert len(audit_entries(ctx.store, "pad_case")) == 3
    set_reoffence_advice(ctx, case_id, " ")
    assert get_case(ctx, case_id).reoffence_advice is None


def test_the_review_cadence_and_next_review_date_are_set(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    set_review_cadence(ctx, case_id, 4)
    set_next_review(ctx, case_id, dt.date(2024, 2, 1))
    case = get_case(ctx, case_id)
    assert (case.review_cadence_weeks, case.next_review_on) == (4, dt.date(2024, 2, 1))
    with pytest.raises(ValidationError) as refused:
        set_review_cadence(ctx, case_id, 0)
    assert refused.value.code == "setting_out_of_range"
    with pytest.raises(ValidationError) as refused:
        set_next_review(ctx, case_id, dt.date(2023, 5, 1))
    assert refused.value.code == "review_before_admission"


def test_a_closed_case_can_no_longer_be_changed(
    ctx: ServiceContext, partners: Partners, case_id: uuid.UUID
) -> None:
    close_case(ctx, case_id, closed_on=dt.date(2023, 12, 1), reason=ClosureReason.ESCALATED)
    for change in (
        lambda: change_coach(ctx, case_id, partners.coach_b.id, dt.date(2023, 12, 5)),
        lambda: set_street_strength(ctx, case_id, True),
        lambda: set_next_review(ctx, case_id, dt.date(2024, 2, 1)),
    ):
        with pytest.raises(ValidationError) as refused:
            change()
        assert refused.value.code == "case_closed"


def test_the_case_list_shows_running_cases_and_the_chain_stays_intact(
    ctx: ServiceContext, partners: Partners, case_id: uuid.UUID
) -> None:
    noah = new_youth(ctx, first_name="Noah")
    closed = admitted_case(ctx, partners, admitted_on=dt.date(2023, 2, 1), youth_id=noah)
    close_case(ctx, closed, closed_on=dt.date(2023, 8, 2), reason=ClosureReason.POLICE_FREE)
    assert [row.id for row in list_cases(ctx)] == [case_id]
    assert [row.id for row in list_cases(ctx, running_only=False)] == [case_id, closed]
    with ctx.store.read() as session:
        assert verify_chain(session) is None
