"""What the meeting screen shows of the case or registration an agenda item is about.

Everything is read through the casework services (case, plan, police and coach contacts,
reviews, the closure rule), as of the meeting day where it matters: the eligible date is the one
the closure will be checked against. Notes are left out: the screen is often shared on a wall
at the meeting, and the decision needs dates and statuses, not the notes behind them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from zvkd_desktop.domain.vocabulary import (
    Category,
    ClosureReason,
    CoachContactKind,
    Decision,
    GoalStatus,
    LifeDomain,
    PoliceContactKind,
)
from zvkd_desktop.services import case_views, cases, contacts, plans, registration_views, reviews
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.meetings.views import AgendaItemView
from zvkd_desktop.services.settings import get_settings

__all__ = [
    "CaseSummary",
    "ContactLine",
    "CriterionLine",
    "GoalLine",
    "PoliceLine",
    "RegistrationSummary",
    "ReviewLine",
    "item_summary",
]

LAST_CONTACTS = 5


@dataclass(frozen=True)
class GoalLine:
    life_domain: LifeDomain
    description: str | None
    status: GoalStatus


@dataclass(frozen=True)
class PoliceLine:
    contact_on: dt.date
    kind: PoliceContactKind
    negative: bool


@dataclass(frozen=True)
class ContactLine:
    contact_on: dt.date
    kind: CoachContactKind
    coach_name: str | None


@dataclass(frozen=True)
class ReviewLine:
    reviewed_on: dt.date
    decisions: str | None
    next_review_on: dt.date | None


@dataclass(frozen=True)
class CaseSummary:
    case_id: uuid.UUID
    youth_name: str
    category: Category
    coach_name: str | None
    process_director_name: str | None
    street_strength: bool
    admitted_on: dt.date
    closed_on: dt.date | None
    closure_reason: ClosureReason | None
    next_review_on: dt.date | None
    default_next_review: dt.date
    """The meeting day plus the case's review cadence: what the next review date starts at."""
    eligible_date: dt.date
    eligible: bool
    latest_negative_contact: dt.date | None
    goals: tuple[GoalLine, ...]
    police: tuple[PoliceLine, ...]
    """Newest first, up to the meeting day."""
    coach_contacts: tuple[ContactLine, ...]
    last_review: ReviewLine | None


@dataclass(frozen=True)
class CriterionLine:
    label: str
    met: bool


@dataclass(frozen=True)
class RegistrationSummary:
    registration_id: uuid.UUID
    youth_name: str
    registered_on: dt.date
    registrant_name: str
    age_at_registration: int
    is_reregistration: bool
    decision: Decision
    criteria: tuple[CriterionLine, ...]
    police: tuple[PoliceLine, ...]
    default_next_review: dt.date


def item_summary(
    ctx: ServiceContext, item: AgendaItemView, on: dt.date
) -> CaseSummary | RegistrationSummary | None:
    """The summary of the item's case or registration as of ``on``; None for a free item."""
    if item.case_id is not None:
        return case_summary(ctx, item.case_id, on)
    if item.registration_id is not None:
        return registration_summary(ctx, item.registration_id, on)
    return None


def _police(ctx: ServiceContext, youth_id: uuid.UUID, on: dt.date) -> tuple[PoliceLine, ...]:
    return tuple(
        PoliceLine(contact.contact_on, contact.kind, contact.negative)
        for contact in contacts.police_contacts(ctx, youth_id)
        if contact.contact_on <= on
    )


def case_summary(ctx: ServiceContext, case_id: uuid.UUID, on: dt.date) -> CaseSummary:
    detail = case_views.get_case(ctx, case_id)
    status = cases.closure_status_of(ctx, case_id, on)
    plan = plans.current_plan(ctx, case_id)
    goals = tuple(GoalLine(g.life_domain, g.description, g.status) for g in plan.goals) if plan else ()
    latest_review = next(iter(reviews.reviews(ctx, case_id)), None)
    return CaseSummary(
        case_id=case_id,
        youth_name=detail.youth_name,
        category=detail.category,
        coach_name=detail.coach_name,
        process_director_name=detail.process_director_name,
        street_strength=detail.street_strength,
        admitted_on=detail.admitted_on,
        closed_on=detail.closed_on,
        closure_reason=detail.closure_reason,
        next_review_on=detail.next_review_on,
        default_next_review=on + dt.timedelta(weeks=detail.review_cadence_weeks),
        eligible_date=status.eligible_date,
        eligible=status.is_eligible(on),
        latest_negative_contact=status.latest_negative_contact,
        goals=goals,
        police=_police(ctx, detail.youth_id, on),
        coach_contacts=tuple(
            ContactLine(c.contact_on, c.kind, c.coach_name)
            for c in contacts.coach_contacts(ctx, case_id)[:LAST_CONTACTS]
        ),
        last_review=ReviewLine(latest_review.reviewed_on, latest_review.decisions,
                               latest_review.next_review_on) if latest_review else None,  # fmt: skip
    )


def registration_summary(
    ctx: ServiceContext, registration_id: uuid.UUID, on: dt.date
) -> RegistrationSummary:
    detail = registration_views.get_registration(ctx, registration_id)
    assessment = detail.assessment
    criteria = (
        tuple(CriterionLine(criterion.label, met) for criterion, met in assessment.met.items())
        if assessment is not None else ()
    )  # fmt: skip
    cadence = get_settings(ctx).review_cadence_weeks
    return RegistrationSummary(
        registration_id=registration_id,
        youth_name=detail.youth_name,
        registered_on=detail.registered_on,
        registrant_name=detail.registrant_name,
        age_at_registration=detail.age_at_registration,
        is_reregistration=detail.is_reregistration,
        decision=detail.decision,
        criteria=criteria,
        police=_police(ctx, detail.youth_id, on),
        default_next_review=on + dt.timedelta(weeks=cadence),
    )
