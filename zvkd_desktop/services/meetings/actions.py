"""Action items agreed on an agenda item: what, who and by when (on the decision list).

They belong to the meeting, not to a case's plan: the owner is a person or partner as written at
the table. Each change is its own small transaction; removing is a tombstone with a restore.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy.orm import Session

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.vocabulary import MeetingStatus
from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services.access import MANAGERS, require_role
from zvkd_desktop.services.audit import record_row
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.validation import clean_text, live_row, require_text
from zvkd_desktop.store.models import ActionItem, AgendaItem, Meeting

__all__ = ["add_action_item", "remove_action_item", "restore_action_item", "set_action_done"]


def _meeting_of(session: Session, item_id: uuid.UUID) -> tuple[AgendaItem, Meeting]:
    item = live_row(session, AgendaItem, item_id, "het agendapunt")
    meeting = live_row(session, Meeting, item.meeting_id, "het kernteamoverleg")
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("Dit overleg is geannuleerd; er kunnen geen acties bij.",
                              code="meeting_cancelled")  # fmt: skip
    return item, meeting


def add_action_item(
    ctx: ServiceContext,
    item_id: uuid.UUID,
    *,
    description: str,
    owner: str | None = None,
    due_on: dt.date | None = None,
) -> uuid.UUID:
    require_role(ctx.user, *MANAGERS)
    what = require_text(description, field="action_description", label="de actie",
                        max_length=500)  # fmt: skip
    who = clean_text(owner, field="action_owner", label="wie de actie uitvoert", max_length=120)
    with ctx.store.transaction() as session:
        item, meeting = _meeting_of(session, item_id)
        if due_on is not None and due_on < meeting.held_on:
            raise ValidationError(
                f"De actie moet uiterlijk {format_nl(due_on)} klaar zijn, maar dat is vóór het "
                f"overleg van {format_nl(meeting.held_on)}. Kies een latere datum.",
                code="action_due_before_meeting",
            )
        row = ActionItem(id=uuid.uuid4(), item_id=item.id, description=what, owner=who,
                         due_on=due_on, done=False)  # fmt: skip
        session.add(row)
        record_row(session, ctx.user, "create", row, case_id=item.case_id)
        return row.id


def set_action_done(ctx: ServiceContext, action_id: uuid.UUID, done: bool) -> None:
    require_role(ctx.user, *MANAGERS)
    with ctx.store.transaction() as session:
        row = live_row(session, ActionItem, action_id, "de actie")
        item, _meeting = _meeting_of(session, row.item_id)
        if row.done != bool(done):
            row.done = bool(done)
            record_row(session, ctx.user, "update", row, case_id=item.case_id)


def remove_action_item(ctx: ServiceContext, action_id: uuid.UUID) -> None:
    require_role(ctx.user, *MANAGERS)
    with ctx.store.transaction() as session:
        row = live_row(session, ActionItem, action_id, "de actie")
        item, _meeting = _meeting_of(session, row.item_id)
        row.tombstone()
        record_row(session, ctx.user, "delete", row, case_id=item.case_id)


def restore_action_item(ctx: ServiceContext, action_id: uuid.UUID) -> None:
    """The inverse of :func:`remove_action_item`."""
    require_role(ctx.user, *MANAGERS)
    with ctx.store.transaction() as session:
        row = session.get(ActionItem, action_id)
        if row is None or row.deleted_at is None:
            raise ValidationError("Deze actie is niet verwijderd.", code="not_removed")
        item, _meeting = _meeting_of(session, row.item_id)
        row.deleted_at = None
        record_row(session, ctx.user, "restore", row, case_id=item.case_id)
