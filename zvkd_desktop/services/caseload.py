"""Caseload: how many running cases each PAD-coach has, and which.

"Running" means what ``partners.deactivate_professional`` counts (not closed, not removed), so a
coach shown with 0 cases is exactly a coach who may be set to inactive. Two grouped queries, no
per-coach or per-case query, whatever the size of the store.

Counts follow the access rule: a coordinator or process director sees every coach's load; a
coach (or partner) sees only the cases they may see, so a coach sees their own load and, for a
case they handed over, its new coach — never the rest of another coach's caseload.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from zvkd_desktop.domain.vocabulary import Category, ProfessionalRole
from zvkd_desktop.services.access import case_filter
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.store.models import Case, CoachAssignment, Organisation, Professional, Youth

__all__ = ["CoachCaseRow", "CoachLoad", "caseload_per_coach", "cases_of_coach"]


@dataclass(frozen=True)
class CoachLoad:
    coach_id: uuid.UUID
    name: str
    organisation_name: str | None
    active: bool
    running: int
    by_category: dict[Category, int]


@dataclass(frozen=True)
class CoachCaseRow:
    case_id: uuid.UUID
    youth_id: uuid.UUID
    youth_name: str
    category: Category
    admitted_on: dt.date
    coach_since: dt.date | None
    """Start of the current coach's period on this case."""
    next_review_on: dt.date | None


def _running() -> list[object]:
    return [Case.closed_on.is_(None), Case.deleted_at.is_(None)]


def caseload_per_coach(ctx: ServiceContext, *, include_inactive: bool = False) -> list[CoachLoad]:
    """Every active coach (also those without cases), by name; inactive ones on request, and
    always when they still have running cases (so no case is ever out of sight)."""
    visible = case_filter(ctx.user)
    conditions = [*_running(), Case.coach_id.is_not(None)]
    if visible is not None:
        conditions.append(visible)
    with ctx.store.read() as session:
        counts: dict[uuid.UUID, dict[Category, int]] = {}
        for coach_id, category, number in session.execute(
            select(Case.coach_id, Case.category, func.count(Case.id))
            .where(*conditions)
            .group_by(Case.coach_id, Case.category)
        ):
            counts.setdefault(coach_id, {})[category] = number
        coaches = session.execute(
            select(Professional.id, Professional.name, Organisation.name, Professional.active)
            .outerjoin(Organisation, Organisation.id == Professional.organisation_id)
            .where(Professional.role == ProfessionalRole.COACH, Professional.deleted_at.is_(None))
            .order_by(func.lower(Professional.name))
        ).all()
    loads = []
    for coach_id, name, organisation, active in coaches:
        by_category = counts.get(coach_id, {})
        if not active and not include_inactive and not by_category:
            continue
        if visible is not None and not by_category and coach_id != ctx.user.professional_id:
            continue  # another coach's load is not this user's to see
        loads.append(
            CoachLoad(coach_id, name, organisation, active, sum(by_category.values()), by_category)
        )
    return loads


def cases_of_coach(ctx: ServiceContext, coach_id: uuid.UUID) -> list[CoachCaseRow]:
    """The running cases this coach coaches now, by youth name (those the user may see)."""
    since = (
        select(CoachAssignment.case_id, func.max(CoachAssignment.from_date).label("from_date"))
        .where(
            CoachAssignment.coach_id == coach_id,
            CoachAssignment.until_date.is_(None),
            CoachAssignment.deleted_at.is_(None),
        )
        .group_by(CoachAssignment.case_id)
        .subquery()
    )
    conditions = [*_running(), Case.coach_id == coach_id]
    visible = case_filter(ctx.user)
    if visible is not None:
        conditions.append(visible)
    with ctx.store.read() as session:
        rows = session.execute(
            select(
                Case.id,
                Case.youth_id,
                Youth.first_name,
                Youth.last_name,
                Youth.erased_at,
                Case.category,
                Case.admitted_on,
                since.c.from_date,
                Case.next_review_on,
            )
            .join(Youth, Youth.id == Case.youth_id)
            .outerjoin(since, since.c.case_id == Case.id)
            .where(*conditions)
            .order_by(func.lower(Youth.last_name), func.lower(Youth.first_name))
        ).all()
    return [
        CoachCaseRow(
            case_id=case_id,
            youth_id=youth_id,
            youth_name="(gewist)" if erased else " ".join(p for p in (first, last) if p),
            category=category,
            admitted_on=admitted_on,
            coach_since=from_date,
            next_review_on=next_review_on,
        )
        for (case_id, youth_id, first, last, erased, category, admitted_on, from_date,
             next_review_on) in rows  # fmt: skip
    ]
