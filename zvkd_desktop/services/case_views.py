"""Read views of cases: one case with its history, case lists, and the closure overview.

The lists gather their facts in a fixed handful of set-based queries (never one per case), so they
stay fast at 100 000 cases. The closure overview feeds ``zvkd case closable``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import aliased

from zvkd_desktop.domain.vocabulary import Category, ClosureReason
from zvkd_desktop.services.access import case_filter, require_case
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.validation import live_row
from zvkd_desktop.store.models import (
    Case,
    CategoryPeriod,
    CoachAssignment,
    Professional,
    Registration,
    Reopening,
    Youth,
)

__all__ = [
    "CaseDetail",
    "CaseRow",
    "CategoryPeriodRow",
    "CoachAssignmentRow",
    "ReopeningRow",
    "get_case",
    "list_cases",
]


@dataclass(frozen=True)
class CategoryPeriodRow:
    id: uuid.UUID
    category: Category
    from_date: dt.date
    note: str | None


@dataclass(frozen=True)
class CoachAssignmentRow:
    id: uuid.UUID
    coach_id: uuid.UUID
    coach_name: str
    from_date: dt.date
    until_date: dt.date | None


@dataclass(frozen=True)
class ReopeningRow:
    id: uuid.UUID
    reopened_on: dt.date
    reason: str | None
    undone_closed_on: dt.date
    undone_reason: ClosureReason
    undone_reason_text: str | None


@dataclass(frozen=True)
class CaseDetail:
    id: uuid.UUID
    youth_id: uuid.UUID
    youth_name: str
    registration_id: uuid.UUID
    registered_on: dt.date
    is_reregistration: bool
    admitted_on: dt.date
    category: Category
    coach_id: uuid.UUID | None
    coach_name: str | None
    process_director_id: uuid.UUID | None
    process_director_name: str | None
    street_strength: bool
    reoffence_advice: str | None
    review_cadence_weeks: int
    next_review_on: dt.date | None
    closed_on: dt.date | None
    closure_reason: ClosureReason | None
    closure_reason_text: str | None
    relocation_municipality: str | None
    relocation_informed_on: dt.date | None
    transferred: bool | None
    handover_note: str | None
    category_periods: tuple[CategoryPeriodRow, ...]
    coach_assignments: tuple[CoachAssignmentRow, ...]
    reopenings: tuple[ReopeningRow, ...]


@dataclass(frozen=True)
class CaseRow:
    id: uuid.UUID
    youth_id: uuid.UUID
    youth_name: str
    admitted_on: dt.date
    category: Category
    coach_name: str | None
    next_review_on: dt.date | None
    closed_on: dt.date | None
    closure_reason: ClosureReason | None


def _name(first: str | None, last: str | None, erased: dt.datetime | None) -> str:
    return "(gewist)" if erased else " ".join(p for p in (first, last) if p)


def get_case(ctx: ServiceContext, case_id: uuid.UUID) -> CaseDetail:
    """One case as its file shows it; refused for a case the user may not see. Opening the
    file in the GUI is recorded with ``access_log.record_view`` (this read records nothing)."""
    with ctx.store.read() as session:
        require_case(session, ctx.user, case_id)
        c = live_row(session, Case, case_id, "de casus")
        periods = session.scalars(
            select(CategoryPeriod)
            .where(CategoryPeriod.case_id == case_id, CategoryPeriod.deleted_at.is_(None))
            .order_by(CategoryPeriod.from_date)
        )
        assignments = session.execute(
            select(CoachAssignment, Professional.name)
            .join(Professional, Professional.id == CoachAssignment.coach_id)
            .where(CoachAssignment.case_id == case_id, CoachAssignment.deleted_at.is_(None))
            .order_by(CoachAssignment.from_date)
        )
        reopenings = session.scalars(
            select(Reopening)
            .where(Reopening.case_id == case_id, Reopening.deleted_at.is_(None))
            .order_by(Reopening.reopened_on, Reopening.created_at)
        )
        registration: Registration = c.registration
        return CaseDetail(
            id=c.id,
            youth_id=c.youth_id,
            youth_name=c.youth.display_name,
            registration_id=c.registration_id,
            registered_on=registration.registered_on,
            is_reregistration=registration.is_reregistration,
            admitted_on=c.admitted_on,
            category=c.category,
            coach_id=c.coach_id,
            coach_name=c.coach.name if c.coach else None,
            process_director_id=c.process_director_id,
            process_director_name=c.process_director.name if c.process_director else None,
            street_strength=c.street_strength,
            reoffence_advice=c.reoffence_advice,
            review_cadence_weeks=c.review_cadence_weeks,
            next_review_on=c.next_review_on,
            closed_on=c.closed_on,
            closure_reason=c.closure_reason,
            closure_reason_text=c.closure_reason_text,
            relocation_municipality=c.relocation_municipality,
            relocation_informed_on=c.relocation_informed_on,
            transferred=c.transferred,
            handover_note=c.handover_note,
            category_periods=tuple(
                CategoryPeriodRow(p.id, p.category, p.from_date, p.note) for p in periods
            ),
            coach_assignments=tuple(
                CoachAssignmentRow(a.id, a.coach_id, name, a.from_date, a.until_date)
                for a, name in assignments
            ),
            reopenings=tuple(
                ReopeningRow(
                    r.id,
                    r.reopened_on,
                    r.reason,
                    r.undone_closed_on,
                    r.undone_reason,
                    r.undone_reason_text,
                )
                for r in reopenings
            ),
        )


def list_cases(
    ctx: ServiceContext, *, running_only: bool = True, youth_id: uuid.UUID | None = None
) -> list[CaseRow]:
    """Cases with youth and coach names in one query, newest admission first; only the cases
    the user may see (the access rule is part of the query)."""
    coach = aliased(Professional)
    query = (
        select(
            Case.id,
            Case.youth_id,
            Youth.first_name,
            Youth.last_name,
            Youth.erased_at,
            Case.admitted_on,
            Case.category,
            coach.name,
            Case.next_review_on,
            Case.closed_on,
            Case.closure_reason,
        )
        .join(Youth, Youth.id == Case.youth_id)
        .outerjoin(coach, coach.id == Case.coach_id)
        .where(Case.deleted_at.is_(None))
        .order_by(Case.admitted_on.desc(), Case.created_at.desc())
    )
    if running_only:
        query = query.where(Case.closed_on.is_(None))
    if youth_id is not None:
        query = query.where(Case.youth_id == youth_id)
    visible = case_filter(ctx.user)
    if visible is not None:
        query = query.where(visible)
    with ctx.store.read() as session:
        return [
            CaseRow(
                case_id,
                y_id,
                _name(first, last, erased),
                admitted,
                category,
                coach_name,
                next_review,
                closed,
                reason,
            )
            for (
                case_id,
                y_id,
                first,
                last,
                erased,
                admitted,
                category,
                coach_name,
                next_review,
                closed,
                reason,
            ) in session.execute(query)
        ]
