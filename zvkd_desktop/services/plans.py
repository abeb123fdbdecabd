"""The plan van aanpak: every save is a new version; earlier versions stay readable.

A version is never edited in place: ``save_plan`` writes a whole new version (goals and actions
copied from the input, not from the previous rows), so a side-by-side comparison of any two
versions shows exactly what the core team saw at the time. Version numbers only go up: undoing a
save tombstones that version, and the next save gets a fresh number rather than reusing the
removed one (the old number stays in the audit log and in the sync history).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.plan_diff import (
    ActionView,
    DifferenceKind,
    GoalView,
    PlanDifference,
    PlanView,
    compare_versions,
)
from zvkd_desktop.domain.vocabulary import ActionStatus, GoalStatus, LifeDomain
from zvkd_desktop.errors import NotFoundError, ValidationError
from zvkd_desktop.services.access import require_case, require_case_write
from zvkd_desktop.services.audit import record_row
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.validation import clean_text, live_row
from zvkd_desktop.store.models import Case, PlanAction, PlanGoal, PlanVersion, utcnow

__all__ = [
    "ActionInput",
    "ActionView",
    "DifferenceKind",
    "GoalInput",
    "GoalView",
    "PlanDifference",
    "PlanVersionRow",
    "PlanView",
    "compare_versions",
    "current_plan",
    "plan_version",
    "plan_versions",
    "remove_plan_version",
    "save_plan",
]

_PARTNER_LENGTH = 120
E = TypeVar("E", bound=Enum)


@dataclass(frozen=True)
class ActionInput:
    description: str | None
    responsible_partner: str | None = None
    due_on: date | None = None
    status: ActionStatus = ActionStatus.OPEN


@dataclass(frozen=True)
class GoalInput:
    life_domain: LifeDomain
    description: str | None
    status: GoalStatus = GoalStatus.OPEN
    actions: Sequence[ActionInput] = ()


@dataclass(frozen=True)
class PlanVersionRow:
    number: int
    author: str | None
    saved_at: datetime
    summary: str | None


def _enum(enum_cls: type[E], value: object, code: str, label: str) -> E:
    try:
        return enum_cls(value)
    except ValueError:
        raise ValidationError(
            f"'{value}' is geen geldige {label}. Kies een waarde uit de lijst.", code=code
        ) from None


def _normalise(goals: Sequence[GoalInput], admitted_on: date) -> tuple[GoalView, ...]:
    """The plan as it will be stored, or a refusal naming the first goal or action that is wrong."""
    normalised: list[GoalView] = []
    for goal in goals:
        domain = _enum(LifeDomain, goal.life_domain, "unknown_life_domain", "leefgebied")
        description = clean_text(goal.description, field="goal_description", label="het doel")
        status = _enum(GoalStatus, goal.status, "unknown_goal_status", "status van een doel")
        named = f"het doel '{description}'" if description else "een doel"
        actions: list[ActionView] = []
        for number, action in enumerate(goal.actions, start=1):
            text = clean_text(action.description, field="action_description", label="de actie")
            if text is None:
                raise ValidationError(
                    f"Actie {number} bij {named} ({domain.label}) heeft geen omschrijving. "
                    "Beschrijf wat er gedaan wordt, of verwijder de actie.",
                    code="action_description_required",
                )
            if action.due_on is not None and action.due_on < admitted_on:
                raise ValidationError(
                    f"De actie '{text}' moet uiterlijk {format_nl(action.due_on)} klaar zijn, "
                    f"maar dat is vóór de opname op {format_nl(admitted_on)}. Kies een datum "
                    "op of na de opnamedatum.",
                    code="action_due_before_admission",
                )
            partner = clean_text(
                action.responsible_partner,
                field="responsible_partner",
                label="de verantwoordelijke partner",
                max_length=_PARTNER_LENGTH,
            )
            action_status = _enum(
                ActionStatus, action.status, "unknown_action_status", "status van een actie"
            )
            actions.append(ActionView(text, partner, action.due_on, action_status))
        if description is None and not actions:
            raise ValidationError(
                f"Een doel bij {domain.label} heeft geen omschrijving en geen acties. Vul het "
                "doel in of verwijder het.",
                code="goal_empty",
            )
        normalised.append(GoalView(domain, description, status, tuple(actions)))
    return tuple(normalised)


def _running_case(session: Session, case_id: uuid.UUID) -> Case:
    case = live_row(session, Case, case_id, "de casus")
    if case.closed_on is not None:
        raise ValidationError(
            f"Deze casus is afgesloten op {format_nl(case.closed_on)}; het plan van aanpak kan "
            "niet meer worden gewijzigd. Heropen de casus eerst als dat nodig is.",
            code="case_closed",
        )
    return case


def _live_versions(session: Session, case_id: uuid.UUID) -> list[PlanVersion]:
    """The case's versions that are not tombstoned, oldest first, with goals and actions loaded."""
    return list(
        session.scalars(
            select(PlanVersion)
            .where(PlanVersion.case_id == case_id, PlanVersion.deleted_at.is_(None))
            .order_by(PlanVersion.number)
            .options(selectinload(PlanVersion.goals).selectinload(PlanGoal.actions))
        )
    )


def _view(version: PlanVersion) -> PlanView:
    goals = tuple(
        GoalView(
            goal.life_domain,
            goal.description,
            goal.status,
            tuple(
                ActionView(a.description or "", a.responsible_partner, a.due_on, a.status)
                for a in goal.actions
                if a.deleted_at is None
            ),
        )
        for goal in version.goals
        if goal.deleted_at is None
    )
    return PlanView(
        version.case_id,
        version.number,
        version.author_name,
        version.saved_at,
        version.summary,
        goals,
    )


def save_plan(
    ctx: ServiceContext, case_id: uuid.UUID, goals: Sequence[GoalInput], summary: str | None
) -> int:
    """Save the plan as a new version and return its number.

    Refused: a closed case, an action without a description, a due date before admission, and a
    plan identical to the current version (a version that changes nothing only clutters the
    history the core team compares).
    """
    with ctx.store.transaction() as session:
        require_case_write(session, ctx.user, case_id)
        case = _running_case(session, case_id)
        content = _normalise(goals, case.admitted_on)
        note = clean_text(summary, field="summary", label="de toelichting")
        versions = _live_versions(session, case_id)
        current = _view(versions[-1]).goals if versions else ()
        if content == current:
            raise ValidationError(
                "Het plan van aanpak is niet gewijzigd, dus er is geen nieuwe versie opgeslagen.",
                code="plan_unchanged",
            )
        # the highest number ever used, tombstoned versions included: numbers are never reused
        last = session.scalar(
            select(func.max(PlanVersion.number)).where(PlanVersion.case_id == case_id)
        )
        version = PlanVersion(
            id=uuid.uuid4(),
            case_id=case_id,
            number=(last or 0) + 1,
            author_id=ctx.user.id,
            author_name=ctx.user.display_name,
            saved_at=utcnow(),
            summary=note,
        )
        session.add(version)
        record_row(session, ctx.user, "create", version, case_id=case_id)
        for position, goal in enumerate(content):
            goal_row = PlanGoal(
                id=uuid.uuid4(),
                version_id=version.id,
                position=position,
                life_domain=goal.life_domain,
                description=goal.description,
                status=goal.status,
            )
            session.add(goal_row)
            record_row(session, ctx.user, "create", goal_row, case_id=case_id)
            for action_position, action in enumerate(goal.actions):
                action_row = PlanAction(
                    id=uuid.uuid4(),
                    goal_id=goal_row.id,
                    position=action_position,
                    description=action.description,
                    responsible_partner=action.responsible_partner,
                    due_on=action.due_on,
                    status=action.status,
                )
                session.add(action_row)
                record_row(session, ctx.user, "create", action_row, case_id=case_id)
        return version.number


def remove_plan_version(ctx: ServiceContext, case_id: uuid.UUID, number: int) -> None:
    """Undo a save: tombstone the current version, so the one before it is current again.

    Only the current version can be removed; removing an older one would rewrite the history
    that later versions were based on.
    """
    with ctx.store.transaction() as session:
        require_case_write(session, ctx.user, case_id)
        _running_case(session, case_id)
        versions = _live_versions(session, case_id)
        if not versions or versions[-1].number != number:
            if not any(v.number == number for v in versions):
                raise NotFoundError(
                    f"Versie {number} van het plan van aanpak bestaat niet (meer).",
                    code="not_found",
                )
            raise ValidationError(
                f"Alleen de huidige versie ({versions[-1].number}) van het plan van aanpak kan "
                f"worden verwijderd, niet versie {number}.",
                code="plan_version_not_latest",
            )
        version = versions[-1]
        for goal in version.goals:
            for action in goal.actions:
                if action.deleted_at is None:
                    action.tombstone()
                    record_row(session, ctx.user, "delete", action, case_id=case_id)
            if goal.deleted_at is None:
                goal.tombstone()
                record_row(session, ctx.user, "delete", goal, case_id=case_id)
        version.tombstone()
        record_row(session, ctx.user, "delete", version, case_id=case_id)


def current_plan(ctx: ServiceContext, case_id: uuid.UUID) -> PlanView | None:
    """The case's current plan, or None before the first save."""
    with ctx.store.read() as session:
        require_case(session, ctx.user, case_id)
        live_row(session, Case, case_id, "de casus")
        versions = _live_versions(session, case_id)
        return _view(versions[-1]) if versions else None


def plan_versions(ctx: ServiceContext, case_id: uuid.UUID) -> list[PlanVersionRow]:
    """The version history, oldest first (numbers may skip where a save was undone)."""
    with ctx.store.read() as session:
        require_case(session, ctx.user, case_id)
        live_row(session, Case, case_id, "de casus")
        rows = session.execute(
            select(
                PlanVersion.number,
                PlanVersion.author_name,
                PlanVersion.saved_at,
                PlanVersion.summary,
            )
            .where(PlanVersion.case_id == case_id, PlanVersion.deleted_at.is_(None))
            .order_by(PlanVersion.number)
        ).all()
        return [PlanVersionRow(*row) for row in rows]


def plan_version(ctx: ServiceContext, case_id: uuid.UUID, number: int) -> PlanView:
    with ctx.store.read() as session:
        require_case(session, ctx.user, case_id)
        live_row(session, Case, case_id, "de casus")
        for version in _live_versions(session, case_id):
            if version.number == number:
                return _view(version)
        raise NotFoundError(
            f"Versie {number} van het plan van aanpak bestaat niet (meer).", code="not_found"
        )
