"""Planning a core-team meeting: date, time, place, chair and attendees; held, cancelled, removed.

A meeting is planned, then held (``finish_meeting``) or cancelled. While planned, its details
and agenda can change (``agenda.py``); once held, the agenda is fixed but decisions can still be
entered afterwards, and ``reopen_meeting`` undoes the finish. Removing a meeting is a tombstone,
refused once a decision of it has changed a case.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.vocabulary import MeetingStatus
from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services.access import MANAGERS, require_role
from zvkd_desktop.services.audit import record_row
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.validation import clean_text, live_row, require_text
from zvkd_desktop.store.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    MeetingAttendee,
    MeetingDecision,
    Organisation,
    Professional,
    SyncRow,
)

__all__ = [
    "AttendeeInput",
    "cancel_meeting",
    "editable_meeting",
    "finish_meeting",
    "plan_meeting",
    "remove_meeting",
    "reopen_meeting",
    "restore_meeting",
    "update_meeting",
]


@dataclass(frozen=True)
class AttendeeInput:
    """Someone at the table: their name and, usually, the partner organisation they represent."""

    name: str
    organisation_id: uuid.UUID | None = None


def editable_meeting(session: Session, meeting_id: uuid.UUID) -> Meeting:
    """A meeting whose details and agenda may still change: planned, not held or cancelled."""
    meeting = live_row(session, Meeting, meeting_id, "het kernteamoverleg")
    if meeting.status == MeetingStatus.HELD:
        raise ValidationError(
            f"Het overleg van {format_nl(meeting.held_on)} is afgerond; de agenda ligt vast. "
            "Heropen het overleg als er nog iets aan moet veranderen.",
            code="meeting_held",
        )
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(
            f"Het overleg van {format_nl(meeting.held_on)} is geannuleerd. Zet het eerst terug "
            "als het toch doorgaat.",
            code="meeting_cancelled",
        )
    return meeting


def _details(
    session: Session,
    held_on: dt.date,
    location: str | None,
    chair_id: uuid.UUID | None,
    attendees: Sequence[AttendeeInput],
    except_id: uuid.UUID | None,
) -> tuple[str | None, list[tuple[uuid.UUID | None, str]]]:
    """Checked location and attendees; refuses a second meeting on the same day."""
    place = clean_text(location, field="location", label="de plaats", max_length=120)
    if chair_id is not None:
        live_row(session, Professional, chair_id, "de voorzitter")
    people: list[tuple[uuid.UUID | None, str]] = []
    for attendee in attendees:
        name = require_text(
            attendee.name, field="attendee_name", label="de naam van de deelnemer", max_length=120
        )
        if attendee.organisation_id is not None:
            live_row(session, Organisation, attendee.organisation_id, "de organisatie")
        if (attendee.organisation_id, name) in people:
            raise ValidationError(
                f"{name} staat twee keer in de lijst van deelnemers.", code="attendee_twice"
            )
        people.append((attendee.organisation_id, name))
    same_day = select(Meeting.id).where(Meeting.held_on == held_on, Meeting.deleted_at.is_(None))
    if except_id is not None:
        same_day = same_day.where(Meeting.id != except_id)
    if session.scalar(same_day) is not None:
        raise ValidationError(
            f"Er is al een kernteamoverleg op {format_nl(held_on)}. Kies een andere datum of "
            "open dat overleg.",
            code="meeting_on_same_day",
        )
    return place, people


def plan_meeting(
    ctx: ServiceContext,
    *,
    held_on: dt.date,
    starts_at: dt.time | None = None,
    location: str | None = None,
    chair_id: uuid.UUID | None = None,
    attendees: Sequence[AttendeeInput] = (),
) -> uuid.UUID:
    """Plan a meeting (without agenda: ``agenda.propose_agenda`` proposes one)."""
    require_role(ctx.user, *MANAGERS)
    with ctx.store.transaction() as session:
        place, people = _details(session, held_on, location, chair_id, attendees, None)
        meeting = Meeting(
            id=uuid.uuid4(),
            held_on=held_on,
            starts_at=starts_at,
            location=place,
            chair_id=chair_id,
            status=MeetingStatus.PLANNED,
        )
        session.add(meeting)
        record_row(session, ctx.user, "create", meeting)
        for organisation_id, name in people:
            row = MeetingAttendee(
                id=uuid.uuid4(), meeting_id=meeting.id, organisation_id=organisation_id, name=name
            )
            session.add(row)
            record_row(session, ctx.user, "create", row)
        return meeting.id


def update_meeting(
    ctx: ServiceContext,
    meeting_id: uuid.UUID,
    *,
    held_on: dt.date,
    starts_at: dt.time | None = None,
    location: str | None = None,
    chair_id: uuid.UUID | None = None,
    attendees: Sequence[AttendeeInput] = (),
) -> None:
    """Replace the details (the form sends them all). Attendees who stay keep their row.

    A new date changes what the signals propose: propose the agenda again afterwards.
    """
    require_role(ctx.user, *MANAGERS)
    with ctx.store.transaction() as session:
        meeting = editable_meeting(session, meeting_id)
        place, people = _details(session, held_on, location, chair_id, attendees, meeting_id)
        meeting.held_on = held_on
        meeting.starts_at = starts_at
        meeting.location = place
        meeting.chair_id = chair_id
        if session.is_modified(meeting):
            record_row(session, ctx.user, "update", meeting)
        current = list(
            session.scalars(
                select(MeetingAttendee).where(
                    MeetingAttendee.meeting_id == meeting_id, MeetingAttendee.deleted_at.is_(None)
                )
            )
        )
        kept = {(row.organisation_id, row.name) for row in current}
        for row in current:
            if (row.organisation_id, row.name) not in people:
                row.tombstone()
                record_row(session, ctx.user, "delete", row)
        for organisation_id, name in people:
            if (organisation_id, name) not in kept:
                row = MeetingAttendee(
                    id=uuid.uuid4(), meeting_id=meeting_id, organisation_id=organisation_id,
                    name=name,
                )  # fmt: skip
                session.add(row)
                record_row(session, ctx.user, "create", row)


def _set_status(ctx: ServiceContext, meeting_id: uuid.UUID, status: MeetingStatus) -> None:
    """Planned → held or cancelled, and back to planned (see the three services below)."""
    require_role(ctx.user, *MANAGERS)
    with ctx.store.transaction() as session:
        if status == MeetingStatus.PLANNED:
            meeting = live_row(session, Meeting, meeting_id, "het kernteamoverleg")
            if meeting.status == MeetingStatus.PLANNED:
                raise ValidationError("Dit overleg is niet afgerond of geannuleerd.",
                                      code="meeting_planned")  # fmt: skip
        else:
            meeting = editable_meeting(session, meeting_id)
        if status == MeetingStatus.HELD and meeting.held_on > ctx.today():
            raise ValidationError(
                f"Het overleg is gepland op {format_nl(meeting.held_on)}; het kan pas op die dag "
                "worden afgerond.",
                code="meeting_in_future",
            )
        if status == MeetingStatus.CANCELLED and any(
            isinstance(row, MeetingDecision) and row.applied and row.deleted_at is None
            for row in _meeting_rows(session, meeting_id)
        ):
            raise ValidationError(
                "Dit overleg kan niet worden geannuleerd: er zijn al besluiten van uitgevoerd in "
                "de casussen.",
                code="meeting_has_decisions",
            )
        meeting.status = status
        record_row(session, ctx.user, "update", meeting)


def finish_meeting(ctx: ServiceContext, meeting_id: uuid.UUID) -> None:
    """The meeting was held: its agenda is fixed from now on."""
    _set_status(ctx, meeting_id, MeetingStatus.HELD)


def cancel_meeting(ctx: ServiceContext, meeting_id: uuid.UUID) -> None:
    """The meeting does not take place; it stays in the history as cancelled."""
    _set_status(ctx, meeting_id, MeetingStatus.CANCELLED)


def reopen_meeting(ctx: ServiceContext, meeting_id: uuid.UUID) -> None:
    """Back to planned: the inverse of :func:`finish_meeting` and :func:`cancel_meeting`."""
    _set_status(ctx, meeting_id, MeetingStatus.PLANNED)


def _meeting_rows(session: Session, meeting_id: uuid.UUID) -> list[SyncRow]:
    """The meeting's attendees, items, decisions and action items (tombstoned ones too)."""
    items = list(session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)))
    item_ids = [item.id for item in items]
    rows: list[SyncRow] = [
        *session.scalars(select(MeetingAttendee).where(MeetingAttendee.meeting_id == meeting_id)),
        *items,
        *session.scalars(select(MeetingDecision).where(MeetingDecision.item_id.in_(item_ids))),
        *session.scalars(select(ActionItem).where(ActionItem.item_id.in_(item_ids))),
    ]
    return rows


def remove_meeting(ctx: ServiceContext, meeting_id: uuid.UUID) -> None:
    """Tombstone a meeting with everything on it; refused once a decision changed a case."""
    require_role(ctx.user, *MANAGERS)
    with ctx.store.transaction() as session:
        meeting = live_row(session, Meeting, meeting_id, "het kernteamoverleg")
        rows = _meeting_rows(session, meeting_id)
        if any(isinstance(r, MeetingDecision) and r.applied and r.deleted_at is None
               for r in rows):  # fmt: skip
            raise ValidationError(
                "Dit overleg kan niet worden verwijderd: er zijn besluiten van uitgevoerd in de "
                "casussen. Trek die besluiten eerst in, of annuleer het overleg.",
                code="meeting_has_decisions",
            )
        meeting.tombstone()
        for row in rows:
            if row.deleted_at is None:
                row.deleted_at = meeting.deleted_at
                record_row(session, ctx.user, "delete", row)
        record_row(session, ctx.user, "delete", meeting)


def restore_meeting(ctx: ServiceContext, meeting_id: uuid.UUID) -> None:
    """The inverse of :func:`remove_meeting`: the rows it removed come back, and only those."""
    require_role(ctx.user, *MANAGERS)
    with ctx.store.transaction() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None or meeting.deleted_at is None:
            raise ValidationError("Dit overleg is niet verwijderd.", code="meeting_not_removed")
        _details(session, meeting.held_on, meeting.location, None, (), meeting_id)
        removed_at = meeting.deleted_at
        meeting.deleted_at = None
        record_row(session, ctx.user, "restore", meeting)
        for row in _meeting_rows(session, meeting_id):
            if row.deleted_at == removed_at:
                row.deleted_at = None
                record_row(session, ctx.user, "restore", row)
