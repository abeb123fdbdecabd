"""Withdrawing an item's decisions: each undone through the casework's own inverse service.

A review is removed (which puts the case's next review date back), a category or coach change is
undone (only while it is still the latest), a closure is reopened (the reopening records the
closure it undid), and an admission or non-admission goes back to pending. All of an item's
decisions are withdrawn in one transaction, newest first; when one can no longer be undone,
nothing changes and its service's reason is the refusal.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services import case_views, cases, registrations, reviews
from zvkd_desktop.services.access import MANAGERS, require_role
from zvkd_desktop.services.audit import record_row
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.meetings.joined import joined_context
from zvkd_desktop.services.meetings.kinds import DecisionKind
from zvkd_desktop.services.meetings.wording import describe
from zvkd_desktop.services.validation import live_row
from zvkd_desktop.store.models import AgendaItem, Meeting, MeetingDecision

__all__ = ["withdraw_decisions"]


def _undo(jctx: ServiceContext, session: Session, item: AgendaItem, row: MeetingDecision,
          on: dt.date) -> None:  # fmt: skip
    kind, payload = DecisionKind(row.kind), dict(row.payload or {})
    case_id = item.case_id
    if kind in (DecisionKind.CHANGE_CATEGORY, DecisionKind.CHANGE_COACH):
        assert case_id is not None
        detail = case_views.get_case(jctx, case_id)
        latest = (detail.category_periods if kind == DecisionKind.CHANGE_CATEGORY
                  else detail.coach_assignments)[-1].id  # fmt: skip
        if str(latest) != payload.get("period_id", payload.get("assignment_id")):
            raise ValidationError(
                f"'{describe(kind, payload)}' kan niet worden ingetrokken: daarna is de "
                "categorie of coach nog eens gewijzigd. Trek die wijziging eerst in.",
                code="changed_since",
            )
        undo = (cases.undo_category_change if kind == DecisionKind.CHANGE_CATEGORY
                else cases.undo_coach_change)  # fmt: skip
        undo(jctx, case_id)
    elif kind in (DecisionKind.CONTINUE, DecisionKind.ADJUST_PLAN, DecisionKind.CLOSE,
                  DecisionKind.ESCALATE):  # fmt: skip
        assert case_id is not None
        reviews.remove_review(jctx, uuid.UUID(payload["review_id"]))
        if kind in (DecisionKind.CLOSE, DecisionKind.ESCALATE):
            cases.reopen_case(jctx, case_id, reopened_on=jctx.today(),
                              reason=f"Besluit van het kernteamoverleg van {format_nl(on)} "
                                     "ingetrokken")  # fmt: skip
    elif kind in (DecisionKind.ADMIT, DecisionKind.NOT_ADMIT):
        assert item.registration_id is not None
        registrations.undo_decision(jctx, item.registration_id)


def withdraw_decisions(ctx: ServiceContext, item_id: uuid.UUID) -> None:
    """Undo every decision of an item, newest first, through the inverse services; refused as a
    whole (nothing changes) when one of them can no longer be undone."""
    require_role(ctx.user, *MANAGERS)
    with ctx.store.transaction() as session:
        item = live_row(session, AgendaItem, item_id, "het agendapunt")
        meeting = live_row(session, Meeting, item.meeting_id, "het kernteamoverleg")
        rows = list(session.scalars(
            select(MeetingDecision)
            .where(MeetingDecision.item_id == item_id, MeetingDecision.deleted_at.is_(None))
            .order_by(MeetingDecision.created_at)))  # fmt: skip
        if not rows:
            raise ValidationError("Over dit agendapunt is nog niets besloten.",
                                  code="nothing_to_withdraw")  # fmt: skip
        for row in rows:
            row.tombstone()
            record_row(session, ctx.user, "delete", row, case_id=item.case_id)
        jctx = joined_context(ctx, session)
        for row in reversed(rows):
            if row.applied:
                _undo(jctx, session, item, row, meeting.held_on)
