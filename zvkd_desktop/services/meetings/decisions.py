"""Decisions on agenda items, written back to the cases through the casework services.

One call of :func:`take_decisions` is one agenda item and one transaction: the decision rows and
every change they make to the case commit together (``joined``). Each decision is applied by the
casework service that owns it, as of the meeting day ``D``:

- continue / adjust the plan: ``reviews.record_review`` on ``D`` with the next review date;
- change category / coach: ``cases.change_category`` / ``cases.change_coach`` from ``D``;
- close: ``cases.close_case`` with ``closed_on = D`` (so the closure rule is checked against the
  meeting day), escalate: the same with ``ClosureReason.ESCALATED``; both add the review of ``D``;
- admit / not admit: ``registrations.decide_admit`` / ``decide_not_admit`` decided on ``D``.

A decision that no longer fits the data — the case was closed meanwhile, a new police contact
moved the eligible date, the registration was decided elsewhere — is refused by its service. It
is not applied; the service's Dutch message is kept as the decision's ``refusal`` for the
director, and the item's other decisions still apply. Every case discussed gets its next review
date: a review with it when the case goes on, the service's default (the case's cadence) when
none is given. ``withdrawal.withdraw_decisions`` undoes them through the inverse services.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.vocabulary import Category, ClosureReason, MeetingStatus
from zvkd_desktop.errors import KnownError, ValidationError
from zvkd_desktop.services import cases, registrations, reviews
from zvkd_desktop.services.access import MANAGERS, require_role
from zvkd_desktop.services.audit import record_row
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.meetings.joined import joined_context
from zvkd_desktop.services.meetings.kinds import (
    CASE_OUTCOMES,
    EXTRAS,
    REGISTRATION_OUTCOMES,
    DecisionKind,
)
from zvkd_desktop.services.meetings.views import AgendaItemView, describe, meeting_view
from zvkd_desktop.services.validation import clean_text, live_row
from zvkd_desktop.store.models import AgendaItem, Case, Meeting, MeetingDecision, Professional

__all__ = ["Admission", "Closure", "ItemDecisions", "take_decisions"]

_RESULT_KEYS = ("review_id", "period_id", "assignment_id", "case_id")


@dataclass(frozen=True)
class Closure:
    reason: ClosureReason
    text: str | None = None
    relocation_municipality: str | None = None
    relocation_informed_on: dt.date | None = None
    transferred: bool | None = None


@dataclass(frozen=True)
class Admission:
    category: Category
    coach_id: uuid.UUID
    process_director_id: uuid.UUID | None = None
    reason: str | None = None
    """Needed when admitting against the criteria."""


@dataclass(frozen=True)
class ItemDecisions:
    """What the core team decided on one agenda item (the meeting screen's decision panel)."""

    outcome: DecisionKind
    note: str | None = None
    next_review_on: dt.date | None = None
    new_category: Category | None = None
    new_coach_id: uuid.UUID | None = None
    closure: Closure | None = None
    admission: Admission | None = None
    follow_up: str | None = None
    reason: str | None = None
    """Why not admitted although the criteria are met."""


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _check_fits(item: AgendaItem, decided: ItemDecisions) -> None:
    """Refuse input that cannot be right whatever the data (nothing is recorded then)."""
    outcome = DecisionKind(decided.outcome)
    allowed = (CASE_OUTCOMES if item.case_id else
               REGISTRATION_OUTCOMES if item.registration_id else (DecisionKind.NOTE,))  # fmt: skip
    if outcome not in allowed:
        raise ValidationError(
            f"'{outcome.label}' past niet bij dit agendapunt. Kies een van: "
            f"{', '.join(kind.label for kind in allowed)}.",
            code="decision_does_not_fit",
        )
    extras = decided.new_category is not None or decided.new_coach_id is not None
    if extras and outcome not in (DecisionKind.CONTINUE, DecisionKind.ADJUST_PLAN):
        raise ValidationError(
            "Categorie of coach wijzigen kan alleen bij een casus die doorgaat.",
            code="extras_need_continue",
        )
    if outcome == DecisionKind.CLOSE and (
        decided.closure is None or decided.closure.reason == ClosureReason.ESCALATED
    ):
        raise ValidationError(
            "Kies de reden van afsluiten (voor opschalen: kies 'Opschalen').",
            code="closure_reason_required",
        )
    if outcome == DecisionKind.ADMIT and decided.admission is None:
        raise ValidationError("Kies bij opnemen de categorie en de coach.",
                              code="admission_required")  # fmt: skip
    if outcome == DecisionKind.NOT_ADMIT and not (decided.follow_up or "").strip():
        raise ValidationError(
            "Vul in wat met de aanmelder is afgesproken over het vervolg.",
            code="follow_up_required",
        )


def _planned(
    session: Session, item: AgendaItem, decided: ItemDecisions, on: dt.date
) -> list[tuple[DecisionKind, dict[str, Any]]]:
    """(kind, payload) of each decision, in the order they are applied."""
    note = clean_text(decided.note, field="decision_note", label="de toelichting")
    planned: list[tuple[DecisionKind, dict[str, Any]]] = []
    if decided.new_category is not None:
        planned.append((DecisionKind.CHANGE_CATEGORY,
                        {"category": Category(decided.new_category).value}))  # fmt: skip
    if decided.new_coach_id is not None:
        coach = session.get(Professional, decided.new_coach_id)
        planned.append((DecisionKind.CHANGE_COACH, {
            "coach_id": str(decided.new_coach_id), "coach_name": coach.name if coach else None}))  # fmt: skip
    outcome = DecisionKind(decided.outcome)
    payload: dict[str, Any] = {"note": note}
    if outcome in (DecisionKind.CONTINUE, DecisionKind.ADJUST_PLAN):
        next_on = decided.next_review_on
        if next_on is None:
            case = live_row(session, Case, item.case_id, "de casus")  # type: ignore[arg-type]
            next_on = on + dt.timedelta(weeks=case.review_cadence_weeks)
        if next_on <= on:
            raise ValidationError(
                f"De volgende bespreking ({format_nl(next_on)}) moet na het overleg van "
                f"{format_nl(on)} liggen.",
                code="next_review_not_after_meeting",
            )
        payload["next_review_on"] = next_on.isoformat()
    elif outcome == DecisionKind.CLOSE:
        closure = decided.closure
        assert closure is not None
        payload.update(
            reason=ClosureReason(closure.reason).value,
            reason_text=clean_text(closure.text, field="closure_reason_text",
                                   label="de reden van afsluiten"),  # fmt: skip
            relocation_municipality=closure.relocation_municipality,
            relocation_informed_on=_iso(closure.relocation_informed_on),
            transferred=closure.transferred,
        )
    elif outcome == DecisionKind.ADMIT:
        admission = decided.admission
        assert admission is not None
        coach = session.get(Professional, admission.coach_id)
        payload.update(
            category=Category(admission.category).value,
            coach_id=str(admission.coach_id),
            coach_name=coach.name if coach else None,
            process_director_id=str(admission.process_director_id)
            if admission.process_director_id else None,
            reason=clean_text(admission.reason, field="decision_reason", label="de motivering"),
            next_review_on=_iso(decided.next_review_on),
        )
    elif outcome == DecisionKind.NOT_ADMIT:
        payload.update(follow_up=(decided.follow_up or "").strip(),
                       reason=clean_text(decided.reason, field="decision_reason",
                                         label="de motivering"))  # fmt: skip
    planned.append((outcome, payload))
    return planned


def _core(payload: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in payload.items() if key not in _RESULT_KEYS}


def _supersede(
    ctx: ServiceContext,
    session: Session,
    item: AgendaItem,
    planned: list[tuple[DecisionKind, dict[str, Any]]],
) -> list[tuple[DecisionKind, dict[str, Any]]]:
    """Leave out what this item already has applied; refuse a change of an applied decision;
    tombstone earlier refused decisions (the new ones replace them)."""
    existing = list(session.scalars(select(MeetingDecision).where(
        MeetingDecision.item_id == item.id, MeetingDecision.deleted_at.is_(None))))  # fmt: skip
    applied = {DecisionKind(row.kind): row for row in existing if row.applied}
    outcomes = {kind for kind in applied if kind not in EXTRAS}
    remaining = []
    for kind, payload in planned:
        done = applied.get(kind)
        if done is not None and _core(dict(done.payload or {})) == payload:
            continue
        if done is not None or (kind not in EXTRAS and outcomes):
            raise ValidationError(
                "Over dit agendapunt is al een ander besluit genomen en uitgevoerd. Trek dat "
                "besluit eerst in om het te wijzigen.",
                code="item_already_decided",
            )
        remaining.append((kind, payload))
    for row in existing:
        if not row.applied:
            row.tombstone()
            record_row(session, ctx.user, "delete", row, case_id=item.case_id)
    return remaining


def _running(session: Session, case_id: uuid.UUID) -> Case:
    case = live_row(session, Case, case_id, "de casus")
    if case.closed_on is not None:
        raise ValidationError(
            f"Deze casus is intussen afgesloten op {format_nl(case.closed_on)}. Het besluit is "
            "niet uitgevoerd; heropen de casus als het toch moet.",
            code="case_closed",
        )
    return case


def _review(
    jctx: ServiceContext, item: AgendaItem, on: dt.date, summary: str, next_on: dt.date | None
) -> dict[str, Any]:
    assert item.case_id is not None
    review_id = reviews.record_review(jctx, case_id=item.case_id, reviewed_on=on, progress={},
                                      decisions=summary, next_review_on=next_on,
                                      meeting_id=item.meeting_id)  # fmt: skip
    return {"review_id": str(review_id)}


def _apply(
    jctx: ServiceContext,
    session: Session,
    item: AgendaItem,
    kind: DecisionKind,
    payload: dict[str, Any],
    summary: Callable[[], str],
    on: dt.date,
) -> dict[str, Any]:
    """Apply one decision through its casework service; returns ids for the payload."""
    case_id = item.case_id
    if kind == DecisionKind.CHANGE_CATEGORY:
        assert case_id is not None
        period = cases.change_category(jctx, case_id, Category(payload["category"]), on,
                                       note=f"Besluit kernteamoverleg {format_nl(on)}")  # fmt: skip
        return {"period_id": str(period)}
    if kind == DecisionKind.CHANGE_COACH:
        assert case_id is not None
        return {"assignment_id": str(
            cases.change_coach(jctx, case_id, uuid.UUID(payload["coach_id"]), on))}  # fmt: skip
    if kind in (DecisionKind.CONTINUE, DecisionKind.ADJUST_PLAN):
        assert case_id is not None
        _running(session, case_id)
        return _review(jctx, item, on, summary(), dt.date.fromisoformat(payload["next_review_on"]))
    if kind in (DecisionKind.CLOSE, DecisionKind.ESCALATE):
        assert case_id is not None
        escalate = kind == DecisionKind.ESCALATE
        informed = payload.get("relocation_informed_on")
        cases.close_case(
            jctx,
            case_id,
            closed_on=on,
            reason=ClosureReason.ESCALATED if escalate else ClosureReason(payload["reason"]),
            reason_text=payload.get("note") if escalate else payload.get("reason_text"),
            relocation_municipality=payload.get("relocation_municipality"),
            relocation_informed_on=dt.date.fromisoformat(informed) if informed else None,
            transferred=payload.get("transferred"),
        )
        return _review(jctx, item, on, summary(), None)
    registration_id = item.registration_id
    if kind == DecisionKind.ADMIT:
        assert registration_id is not None
        director = payload.get("process_director_id")
        new_case = registrations.decide_admit(
            jctx, registration_id, decided_on=on, admitted_on=on,
            category=Category(payload["category"]), coach_id=uuid.UUID(payload["coach_id"]),
            process_director_id=uuid.UUID(director) if director else None,
            reason=payload.get("reason"),
        )  # fmt: skip
        first = session.get(Case, new_case)
        assert first is not None
        chosen = payload.get("next_review_on")
        if chosen and dt.date.fromisoformat(chosen) != first.next_review_on:
            # only a date other than the cadence's touches the new case (which keeps the
            # admission undoable while nothing else happened in the case)
            cases.set_next_review(jctx, new_case, dt.date.fromisoformat(chosen))
        payload["next_review_on"] = _iso(first.next_review_on)
        return {"case_id": str(new_case)}
    if kind == DecisionKind.NOT_ADMIT:
        assert registration_id is not None
        registrations.decide_not_admit(jctx, registration_id, decided_on=on,
                                       follow_up=payload["follow_up"], reason=payload.get("reason"))  # fmt: skip
    return {}


def _decidable(session: Session, item_id: uuid.UUID, today: dt.date) -> tuple[AgendaItem, Meeting]:
    item = live_row(session, AgendaItem, item_id, "het agendapunt")
    meeting = live_row(session, Meeting, item.meeting_id, "het kernteamoverleg")
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("Dit overleg is geannuleerd; er kunnen geen besluiten bij.",
                              code="meeting_cancelled")  # fmt: skip
    if item.removed:
        raise ValidationError("Dit punt is van de agenda gehaald. Zet het eerst terug.",
                              code="item_removed")  # fmt: skip
    if meeting.held_on > today:
        raise ValidationError(
            f"Het overleg is op {format_nl(meeting.held_on)}. Besluiten worden vastgelegd op of "
            "na die dag.",
            code="meeting_in_future",
        )
    return item, meeting


def take_decisions(ctx: ServiceContext, item_id: uuid.UUID, decided: ItemDecisions) -> AgendaItemView:
    """Record and apply the decisions on one item (see module docstring); returns the item with
    its decisions, each applied or with its refusal."""
    require_role(ctx.user, *MANAGERS)
    with ctx.store.transaction() as session:
        item, meeting = _decidable(session, item_id, ctx.today())
        _check_fits(item, decided)
        on = meeting.held_on
        planned = _supersede(ctx, session, item, _planned(session, item, decided, on))
        rows = []
        for kind, payload in planned:
            row = MeetingDecision(id=uuid.uuid4(), item_id=item.id, kind=kind.value,
                                  payload=payload, applied=False)  # fmt: skip
            session.add(row)
            record_row(session, ctx.user, "create", row, case_id=item.case_id)
            rows.append((row, kind, payload))
        jctx = joined_context(ctx, session)
        done: list[tuple[DecisionKind, str]] = []

        def summary() -> str:
            """The review's text: the outcome first, then what changed with it."""
            ordered = sorted(done, key=lambda pair: pair[0] in EXTRAS)
            return f"Kernteamoverleg {format_nl(on)}: " + " ".join(text for _k, text in ordered)

        for row, kind, payload in rows:
            payload = dict(payload)
            done.append((kind, describe(kind, payload)))
            try:
                with session.begin_nested():
                    result = _apply(jctx, session, item, kind, payload, summary, on)
            except KnownError as refusal:
                done.pop()
                row.refusal = refusal.message
                record_row(session, ctx.user, "refuse", row, case_id=item.case_id)
                continue
            row.payload = {**payload, **result}
            row.applied = True
            record_row(session, ctx.user, "apply", row, case_id=item.case_id)
        return meeting_view(session, meeting.id).item(item.id)
