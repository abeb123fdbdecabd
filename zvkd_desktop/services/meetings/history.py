"""Past (and planned) meetings: the list, a search through them, and a case's meetings.

A chamber holds a meeting every few weeks, so even twenty years are a few hundred meetings: the
search gathers each meeting's words (date, place, chair, attendees, the youths on the agenda,
the items' texts, decisions and action items) with a fixed handful of queries and matches them in
Python, ignoring case and accents, every word of the query somewhere in the meeting.

A coach or a partner lists only the meetings ``visibility`` lets them read, and their search and
counts look only at the items they may see: a youth's name on someone else's item finds nothing.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.vocabulary import AgendaSection, MeetingStatus
from zvkd_desktop.services.access import require_case
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.meetings.kinds import DecisionKind
from zvkd_desktop.services.meetings.visibility import item_filter, meeting_filter
from zvkd_desktop.services.meetings.wording import describe
from zvkd_desktop.services.validation import live_row
from zvkd_desktop.store.models import (
    ActionItem,
    AgendaItem,
    Case,
    Meeting,
    MeetingAttendee,
    MeetingDecision,
    Professional,
    Registration,
    Youth,
)

__all__ = ["CaseMeetingRow", "MeetingRow", "list_meetings", "meetings_for_case"]


@dataclass(frozen=True)
class MeetingRow:
    id: uuid.UUID
    held_on: dt.date
    starts_at: dt.time | None
    location: str | None
    chair_name: str | None
    status: MeetingStatus
    item_count: int
    decided_count: int
    """Items with an applied decision."""
    refused_count: int
    """Items with a refused decision and none applied."""


@dataclass(frozen=True)
class CaseMeetingRow:
    """A meeting that discussed a case (or decided on the registration that opened it)."""

    meeting_id: uuid.UUID
    held_on: dt.date
    status: MeetingStatus
    item_id: uuid.UUID
    section: AgendaSection
    decisions: tuple[str, ...]
    """The decisions as sentences; refused ones start with 'Niet uitgevoerd:'."""


def _fold(text: str) -> str:
    """Lower case without accents: 'Yıldız' and 'yildiz', 'Coördinator' and 'coordinator'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ı", "i"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _where(query: Select[Any], clause: ColumnElement[bool] | None) -> Select[Any]:
    return query if clause is None else query.where(clause)


def list_meetings(ctx: ServiceContext, search: str | None = None) -> list[MeetingRow]:
    """Every meeting the user may read, newest first; with ``search``, those where every word
    of it occurs (in what the user may read of them)."""
    words = [_fold(word) for word in (search or "").split()]
    with ctx.store.read() as session:
        meetings = session.execute(_where(
            select(Meeting.id, Meeting.held_on, Meeting.starts_at, Meeting.location,
                   Professional.name, Meeting.status)
            .outerjoin(Professional, Professional.id == Meeting.chair_id)
            .where(Meeting.deleted_at.is_(None))
            .order_by(Meeting.held_on.desc()),
            meeting_filter(ctx.user),
        )).all()  # fmt: skip
        items = session.execute(_where(
            select(AgendaItem.id, AgendaItem.meeting_id, AgendaItem.removed, AgendaItem.text,
                   Youth.first_name, Youth.last_name)
            .outerjoin(Case, Case.id == AgendaItem.case_id)
            .outerjoin(Registration, Registration.id == AgendaItem.registration_id)
            .outerjoin(Youth, or_(Youth.id == Case.youth_id, Youth.id == Registration.youth_id))
            .where(AgendaItem.deleted_at.is_(None)),
            item_filter(ctx.user),
        )).all()  # fmt: skip
        decisions = session.execute(
            select(MeetingDecision.item_id, MeetingDecision.kind, MeetingDecision.payload,
                   MeetingDecision.applied, MeetingDecision.refusal)
            .where(MeetingDecision.deleted_at.is_(None))
        ).all()  # fmt: skip
        attendees = session.execute(
            select(MeetingAttendee.meeting_id, MeetingAttendee.name)
            .where(MeetingAttendee.deleted_at.is_(None))
        ).all()  # fmt: skip
        actions = session.execute(
            select(ActionItem.item_id, ActionItem.description, ActionItem.owner)
            .where(ActionItem.deleted_at.is_(None))
        ).all()  # fmt: skip

    words_of: dict[uuid.UUID, list[str]] = defaultdict(list)
    meeting_of: dict[uuid.UUID, uuid.UUID] = {}
    items_of: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    counts: dict[uuid.UUID, int] = defaultdict(int)
    for item_id, meeting_id, removed, text, first, last in items:
        meeting_of[item_id] = meeting_id
        items_of[meeting_id].add(item_id)
        if removed:
            continue
        counts[meeting_id] += 1
        words_of[meeting_id].extend(part for part in (text, first, last) if part)
    applied_items: set[uuid.UUID] = set()
    refused_items: set[uuid.UUID] = set()
    for item_id, kind, payload, applied, refusal in decisions:
        (applied_items if applied else refused_items).add(item_id)
        if item_id in meeting_of:
            words_of[meeting_of[item_id]].append(describe(DecisionKind(kind), payload or {}))
            if refusal:
                words_of[meeting_of[item_id]].append(refusal)
    for meeting_id, name in attendees:
        words_of[meeting_id].append(name)
    for item_id, description, owner in actions:
        if item_id in meeting_of:
            words_of[meeting_of[item_id]].extend(part for part in (description, owner) if part)

    rows = []
    for meeting_id, held_on, starts_at, location, chair, status in meetings:
        if words:
            haystack = _fold(" ".join([format_nl(held_on), location or "", chair or "",
                                       status.label, *words_of[meeting_id]]))  # fmt: skip
            if not all(word in haystack for word in words):
                continue
        mine = items_of[meeting_id]
        rows.append(MeetingRow(
            id=meeting_id, held_on=held_on, starts_at=starts_at, location=location,
            chair_name=chair, status=status, item_count=counts[meeting_id],
            decided_count=len(mine & applied_items),
            refused_count=len((mine & refused_items) - applied_items),
        ))  # fmt: skip
    return rows


def meetings_for_case(ctx: ServiceContext, case_id: uuid.UUID) -> list[CaseMeetingRow]:
    """The meetings that discussed this case, newest first — including the one that admitted
    it (an item about its registration). Removed items do not count: they were not discussed."""
    with ctx.store.read() as session:
        require_case(session, ctx.user, case_id)
        case = live_row(session, Case, case_id, "de casus")
        rows = session.execute(
            select(Meeting.id, Meeting.held_on, Meeting.status, AgendaItem.id, AgendaItem.section)
            .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
            .where(
                Meeting.deleted_at.is_(None),
                AgendaItem.deleted_at.is_(None),
                AgendaItem.removed.is_(False),
                or_(AgendaItem.case_id == case_id,
                    AgendaItem.registration_id == case.registration_id),
            )
            .order_by(Meeting.held_on.desc())
        ).all()  # fmt: skip
        decisions: dict[uuid.UUID, list[str]] = defaultdict(list)
        for item_id, kind, payload, applied, refusal in session.execute(
            select(MeetingDecision.item_id, MeetingDecision.kind, MeetingDecision.payload,
                   MeetingDecision.applied, MeetingDecision.refusal)
            .where(MeetingDecision.item_id.in_([row[3] for row in rows]),
                   MeetingDecision.deleted_at.is_(None))
            .order_by(MeetingDecision.created_at)
        ):  # fmt: skip
            text = describe(DecisionKind(kind), payload or {})
            decisions[item_id].append(text if applied else f"Niet uitgevoerd: {text} ({refusal})")
    return [
        CaseMeetingRow(meeting_id, held_on, status, item_id, section, tuple(decisions[item_id]))
        for meeting_id, held_on, status, item_id, section in rows
    ]
