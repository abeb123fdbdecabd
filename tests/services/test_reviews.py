"""Reviews: each case has a review cadence (default 6 weeks) and a next review date; a review
records its date, progress per life domain, decisions and the next review date."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from tests.services.conftest import TODAY, Partners
from tests.services.factories import CaseRefs, add_case
from zvkd_desktop.domain.vocabulary import LifeDomain
from zvkd_desktop.errors import NotFoundError, ValidationError
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.reviews import record_review, remove_review, reviews
from zvkd_desktop.store.models import Case, Meeting

ADMITTED = dt.date(2023, 9, 1)
FIRST_PLANNED = dt.date(2023, 10, 13)  # admission + 6 weeks, as planned at admission
PROGRESS = {
    LifeDomain.EDUCATION_WORK: "Gaat weer naar school, 2 keer te laat",
    LifeDomain.FAMILY: "  ",
    LifeDomain.JUSTICE: "Taakstraf afgerond",
}


@pytest.fixture
def case_id(ctx: ServiceContext, partners: Partners) -> uuid.UUID:
    refs: CaseRefs = add_case(
        ctx.store, admitted_on=ADMITTED, coach_id=partners.coach_a.id, next_review_on=FIRST_PLANNED
    )
    assert refs.case_id is not None
    return refs.case_id


def next_review(ctx: ServiceContext, case_id: uuid.UUID) -> dt.date | None:
    with ctx.store.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case.next_review_on


def test_a_review_plans_the_next_one_a_review_cadence_later(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    review_id = record_review(
        ctx,
        case_id=case_id,
        reviewed_on=dt.date(2023, 10, 12),
        progress=PROGRESS,
        decisions="Schoolgesprek over 2 weken",
    )
    [review] = reviews(ctx, case_id)
    assert review.id == review_id
    assert review.next_review_on == dt.date(2023, 11, 23)
    assert next_review(ctx, case_id) == dt.date(2023, 11, 23)
    assert review.progress == (
        (LifeDomain.EDUCATION_WORK, "Gaat weer naar school, 2 keer te laat"),
        (LifeDomain.JUSTICE, "Taakstraf afgerond"),
    )
    assert review.decisions == "Schoolgesprek over 2 weken"


def test_the_cadence_is_the_cases_own(ctx: ServiceContext, case_id: uuid.UUID) -> None:
    with ctx.store.transaction() as session:
        case = session.get(Case, case_id)
        assert case is not None
        case.review_cadence_weeks = 4
    record_review(
        ctx, case_id=case_id, reviewed_on=dt.date(2023, 10, 12), progress={}, decisions=None
    )
    assert next_review(ctx, case_id) == dt.date(2023, 11, 9)


def test_an_explicit_next_review_date_is_kept(ctx: ServiceContext, case_id: uuid.UUID) -> None:
    record_review(
        ctx,
        case_id=case_id,
        reviewed_on=dt.date(2023, 10, 12),
        progress={},
        decisions=None,
        next_review_on=dt.date(2023, 10, 26),
    )
    assert next_review(ctx, case_id) == dt.date(2023, 10, 26)


def test_a_next_review_on_or_before_the_review_is_refused(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    reviewed_on = dt.date(2023, 10, 12)
    with pytest.raises(ValidationError) as refused:
        record_review(
            ctx,
            case_id=case_id,
            reviewed_on=reviewed_on,
            progress={},
            decisions=None,
            next_review_on=reviewed_on,
        )
    assert refused.value.code == "next_review_not_after_review"
    assert reviews(ctx, case_id) == []
    assert next_review(ctx, case_id) == FIRST_PLANNED


def test_a_review_in_the_future_is_refused_and_today_is_allowed(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    with pytest.raises(ValidationError) as refused:
        record_review(
            ctx,
            case_id=case_id,
            reviewed_on=TODAY + dt.timedelta(days=1),
            progress={},
            decisions=None,
        )
    assert refused.value.code == "review_in_future"
    record_review(ctx, case_id=case_id, reviewed_on=TODAY, progress={}, decisions=None)


def test_a_review_before_admission_is_refused(ctx: ServiceContext, case_id: uuid.UUID) -> None:
    with pytest.raises(ValidationError) as refused:
        record_review(
            ctx,
            case_id=case_id,
            reviewed_on=ADMITTED - dt.timedelta(days=1),
            progress={},
            decisions=None,
        )
    assert refused.value.code == "review_before_admission"


def test_a_closed_case_can_be_reviewed_up_to_its_closure_day_but_not_after(
    ctx: ServiceContext,
) -> None:
    closed_on = dt.date(2023, 12, 20)
    refs = add_case(ctx.store, admitted_on=ADMITTED, closed_on=closed_on)
    assert refs.case_id is not None
    with pytest.raises(ValidationError) as refused:
        record_review(
            ctx,
            case_id=refs.case_id,
            reviewed_on=closed_on + dt.timedelta(days=1),
            progress={},
            decisions=None,
        )
    assert refused.value.code == "review_after_closure"
    record_review(
        ctx, case_id=refs.case_id, reviewed_on=closed_on, progress={}, decisions="Afsluiten"
    )
    [review] = reviews(ctx, refs.case_id)
    assert review.next_review_on is None  # a closed case is not planned again
    assert next_review(ctx, refs.case_id) is None


def test_an_unknown_life_domain_is_refused(ctx: ServiceContext, case_id: uuid.UUID) -> None:
    with pytest.raises(ValidationError) as refused:
        record_review(
            ctx,
            case_id=case_id,
            reviewed_on=dt.date(2023, 10, 12),
            progress={"sport": "Voetbalt weer"},  # type: ignore[dict-item]
            decisions=None,
        )
    assert refused.value.code == "unknown_life_domain"


def test_a_review_at_a_meeting_needs_an_existing_meeting(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    with pytest.raises(NotFoundError):
        record_review(
            ctx,
            case_id=case_id,
            reviewed_on=dt.date(2023, 10, 12),
            progress={},
            decisions=None,
            meeting_id=uuid.uuid4(),
        )
    with ctx.store.transaction() as session:
        meeting = Meeting(held_on=dt.date(2023, 10, 12))
        session.add(meeting)
    record_review(
        ctx,
        case_id=case_id,
        reviewed_on=dt.date(2023, 10, 12),
        progress={},
        decisions=None,
        meeting_id=meeting.id,
    )
    assert reviews(ctx, case_id)[0].meeting_id == meeting.id


def test_a_review_entered_late_does_not_move_the_plan_of_a_later_review(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    record_review(
        ctx, case_id=case_id, reviewed_on=dt.date(2023, 11, 23), progress={}, decisions=None
    )
    record_review(
        ctx, case_id=case_id, reviewed_on=dt.date(2023, 10, 12), progress={}, decisions=None
    )
    assert next_review(ctx, case_id) == dt.date(2024, 1, 4)
    assert [r.reviewed_on for r in reviews(ctx, case_id)] == [
        dt.date(2023, 11, 23),
        dt.date(2023, 10, 12),
    ]


def test_removing_the_only_review_restores_the_date_planned_before_it(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    review_id = record_review(
        ctx, case_id=case_id, reviewed_on=dt.date(2023, 10, 12), progress=PROGRESS, decisions=None
    )
    remove_review(ctx, review_id)
    assert reviews(ctx, case_id) == []
    assert next_review(ctx, case_id) == FIRST_PLANNED


def test_removing_the_latest_review_restores_the_plan_of_the_one_before(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    record_review(
        ctx, case_id=case_id, reviewed_on=dt.date(2023, 10, 12), progress={}, decisions=None
    )
    latest = record_review(
        ctx, case_id=case_id, reviewed_on=dt.date(2023, 11, 23), progress={}, decisions=None
    )
    remove_review(ctx, latest)
    assert next_review(ctx, case_id) == dt.date(2023, 11, 23)


def test_removing_an_earlier_review_keeps_the_plan_of_the_latest(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    earlier = record_review(
        ctx, case_id=case_id, reviewed_on=dt.date(2023, 10, 12), progress={}, decisions=None
    )
    record_review(
        ctx, case_id=case_id, reviewed_on=dt.date(2023, 11, 23), progress={}, decisions=None
    )
    remove_review(ctx, earlier)
    assert next_review(ctx, case_id) == dt.date(2024, 1, 4)
    assert [r.reviewed_on for r in reviews(ctx, case_id)] == [dt.date(2023, 11, 23)]
    with pytest.raises(NotFoundError):
        remove_review(ctx, earlier)
