"""Read views of a meeting: its details, attendees and agenda with decisions and action items.

One meeting is read with a fixed handful of queries (items, the cases and registrations they
name, decisions, action items), never one per item. Items come in agenda order: by section in
the fixed order of ``AgendaSection``, then by position; removed items are included (the editor
shows them struck through) but get no number.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.vocabulary import AgendaSection, Category, MeetingStatus
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.meetings.kinds import CASE_OUTCOMES, REGISTRATION_OUTCOMES, DecisionKind
from zvkd_desktop.services.meetings.visibility import item_filter, require_meeting
from zvkd_desktop.services.meetings.wording import describe
from zvkd_desktop.services.validation import live_row
from zvkd_desktop.store.models import (
    ActionItem,
    AgendaItem,
    AuditEntry,
    Case,
    Meeting,
    MeetingAttendee,
    MeetingDecision,
    Organisation,
    Professional,
    Registration,
    Youth,
)
from zvkd_desktop.store.store import CurrentUser

__all__ = [
    "ActionItemView",
    "AgendaItemView",
    "AttendeeView",
    "DecisionView",
    "MeetingView",
    "SECTION_ORDER",
    "describe",
    "get_meeting",
    "meeting_view",
]

SECTION_ORDER = {section: index for index, section in enumerate(AgendaSection)}
PROPOSE_ACTION = "propose_agenda"
"""The audit action of a (re-)proposal; items created after the latest one are 'new'."""


@dataclass(frozen=True)
class AttendeeView:
    id: uuid.UUID
    organisation_id: uuid.UUID | None
    organisation_name: str | None
    name: str


@dataclass(frozen=True)
class DecisionView:
    id: uuid.UUID
    kind: DecisionKind
    payload: Mapping[str, Any]
    applied: bool
    refusal: str | None

    @property
    def summary(self) -> str:
        return describe(self.kind, self.payload)

    @property
    def is_outcome(self) -> bool:
        return self.kind in CASE_OUTCOMES or self.kind in REGISTRATION_OUTCOMES


@dataclass(frozen=True)
class ActionItemView:
    id: uuid.UUID
    item_id: uuid.UUID
    description: str | None
    owner: str | None
    due_on: dt.date | None
    done: bool


@dataclass(frozen=True)
class AgendaItemView:
    id: uuid.UUID
    position: int
    section: AgendaSection
    case_id: uuid.UUID | None
    registration_id: uuid.UUID | None
    youth_id: uuid.UUID | None
    first_name: str | None
    last_name: str | None
    erased: bool
    category: Category | None
    coach_name: str | None
    registrant_name: str | None
    text: str | None
    added_by_hand: bool
    removed: bool
    is_new: bool
    decisions: tuple[DecisionView, ...]
    actions: tuple[ActionItemView, ...]

    @property
    def youth_name(self) -> str:
        """The full name, for the screen (printed papers use ``naming.print_name``)."""
        if self.erased:
            return "(gewist)"
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def agenda_text(self) -> str:
        """Why the item is on the agenda, as the agenda shows it: the signals' reasons or the text
        written for it; a proposed category change says which way."""
        text = self.text or ""
        if self.section is AgendaSection.CATEGORY_CHANGE and self.category is not None:
            other = next(c for c in Category if c is not self.category)
            proposal = f"Voorstel: naar {other.label.lower()}."
            return f"{proposal} {text}" if text else proposal
        return text

    @property
    def subject(self) -> str:
        """'case', 'registration' or 'text' (a free item)."""
        if self.case_id is not None:
            return "case"
        return "registration" if self.registration_id is not None else "text"

    @property
    def has_applied_decision(self) -> bool:
        return any(decision.applied for decision in self.decisions)

    @property
    def outcome(self) -> DecisionView | None:
        """The applied main decision (continue, close, admit ...), if any."""
        return next((d for d in self.decisions if d.applied and d.is_outcome), None)

    @property
    def refusals(self) -> tuple[DecisionView, ...]:
        return tuple(d for d in self.decisions if not d.applied and d.refusal)


@dataclass(frozen=True)
class MeetingView:
    id: uuid.UUID
    held_on: dt.date
    starts_at: dt.time | None
    location: str | None
    chair_id: uuid.UUID | None
    chair_name: str | None
    status: MeetingStatus
    attendees: tuple[AttendeeView, ...]
    items: tuple[AgendaItemView, ...]

    @property
    def agenda(self) -> list[tuple[int, AgendaItemView]]:
        """The items still on the agenda with their number (1, 2, ...), in agenda order."""
        return list(enumerate((item for item in self.items if not item.removed), start=1))

    def item(self, item_id: uuid.UUID) -> AgendaItemView:
        return next(item for item in self.items if item.id == item_id)

    @property
    def title_date(self) -> str:
        when = format_nl(self.held_on)
        return f"{when}, {self.starts_at:%H:%M} uur" if self.starts_at else when


def get_meeting(ctx: ServiceContext, meeting_id: uuid.UUID) -> MeetingView:
    """The meeting as ``ctx.user`` may read it: a coach or partner is refused a meeting they
    neither attend nor have a case on, and gets only the items they may see (``visibility``)."""
    with ctx.store.read() as session:
        require_meeting(session, ctx.user, meeting_id)
        return meeting_view(session, meeting_id, ctx.user)


def meeting_view(
    session: Session, meeting_id: uuid.UUID, user: CurrentUser | None = None
) -> MeetingView:
    """The meeting as :class:`MeetingView`, inside another service's session; with ``user``,
    only the items that user may read (the caller checked the meeting itself)."""
    meeting = live_row(session, Meeting, meeting_id, "het kernteamoverleg")
    chair = session.get(Professional, meeting.chair_id) if meeting.chair_id else None
    attendees = tuple(
        AttendeeView(row_id, org_id, org_name, name)
        for row_id, org_id, org_name, name in session.execute(
            select(
                MeetingAttendee.id,
                MeetingAttendee.organisation_id,
                Organisation.name,
                MeetingAttendee.name,
            )
            .outerjoin(Organisation, Organisation.id == MeetingAttendee.organisation_id)
            .where(MeetingAttendee.meeting_id == meeting_id, MeetingAttendee.deleted_at.is_(None))
            .order_by(MeetingAttendee.created_at, MeetingAttendee.name)
        )
    )
    return MeetingView(
        id=meeting.id,
        held_on=meeting.held_on,
        starts_at=meeting.starts_at,
        location=meeting.location,
        chair_id=meeting.chair_id,
        chair_name=chair.name if chair is not None else None,
        status=meeting.status,
        attendees=attendees,
        items=tuple(_items(session, meeting_id, user)),
    )


def _items(
    session: Session, meeting_id: uuid.UUID, user: CurrentUser | None
) -> list[AgendaItemView]:
    query = select(AgendaItem).where(
        AgendaItem.meeting_id == meeting_id, AgendaItem.deleted_at.is_(None)
    )
    visible = None if user is None else item_filter(user)
    if visible is not None:
        query = query.where(visible)
    items = list(session.scalars(query))
    items.sort(key=lambda item: (SECTION_ORDER[item.section], item.position))
    ids = [item.id for item in items]
    cases = _case_facts(session, {i.case_id for i in items if i.case_id})
    registrations = _registration_facts(
        session, {i.registration_id for i in items if i.registration_id and not i.case_id}
    )
    decisions: dict[uuid.UUID, list[DecisionView]] = defaultdict(list)
    for row in session.scalars(
        select(MeetingDecision)
        .where(MeetingDecision.item_id.in_(ids), MeetingDecision.deleted_at.is_(None))
        .order_by(MeetingDecision.created_at)
    ):
        decisions[row.item_id].append(
            DecisionView(row.id, DecisionKind(row.kind), dict(row.payload or {}), row.applied,
                         row.refusal)  # fmt: skip
        )
    actions: dict[uuid.UUID, list[ActionItemView]] = defaultdict(list)
    for row in session.scalars(
        select(ActionItem)
        .where(ActionItem.item_id.in_(ids), ActionItem.deleted_at.is_(None))
        .order_by(ActionItem.created_at)
    ):
        actions[row.item_id].append(
            ActionItemView(row.id, row.item_id, row.description, row.owner, row.due_on, row.done)
        )
    new = _new_item_ids(session, meeting_id, [i.id for i in items if not i.added_by_hand])
    views = []
    for item in items:
        if item.case_id is not None:
            youth_id, first, last, erased, category, coach, registrant = cases[item.case_id]
        elif item.registration_id is not None:
            youth_id, first, last, erased, registrant = registrations[item.registration_id]
            category, coach = None, None
        else:
            youth_id = first = last = category = coach = registrant = None
            erased = False
        views.append(
            AgendaItemView(
                id=item.id,
                position=item.position,
                section=item.section,
                case_id=item.case_id,
                registration_id=item.registration_id,
                youth_id=youth_id,
                first_name=first,
                last_name=last,
                erased=erased,
                category=category,
                coach_name=coach,
                registrant_name=registrant,
                text=item.text,
                added_by_hand=item.added_by_hand,
                removed=item.removed,
                is_new=item.id in new,
                decisions=tuple(decisions.get(item.id, ())),
                actions=tuple(actions.get(item.id, ())),
            )
        )
    return views


def _case_facts(session: Session, case_ids: set[uuid.UUID]) -> dict[uuid.UUID, tuple[Any, ...]]:
    rows = session.execute(
        select(
            Case.id,
            Youth.id,
            Youth.first_name,
            Youth.last_name,
            Youth.erased_at,
            Case.category,
            Professional.name,
            Organisation.name,
        )
        .join(Youth, Youth.id == Case.youth_id)
        .join(Registration, Registration.id == Case.registration_id)
        .join(Organisation, Organisation.id == Registration.registrant_id)
        .outerjoin(Professional, Professional.id == Case.coach_id)
        .where(Case.id.in_(case_ids))
    )
    return {
        case_id: (youth_id, first, last, erased is not None, category, coach, registrant)
        for case_id, youth_id, first, last, erased, category, coach, registrant in rows
    }


def _registration_facts(
    session: Session, registration_ids: set[uuid.UUID]
) -> dict[uuid.UUID, tuple[Any, ...]]:
    rows = session.execute(
        select(
            Registration.id,
            Youth.id,
            Youth.first_name,
            Youth.last_name,
            Youth.erased_at,
            Organisation.name,
        )
        .join(Youth, Youth.id == Registration.youth_id)
        .join(Organisation, Organisation.id == Registration.registrant_id)
        .where(Registration.id.in_(registration_ids))
    )
    return {
        reg_id: (youth_id, first, last, erased is not None, registrant)
        for reg_id, youth_id, first, last, erased, registrant in rows
    }


def _new_item_ids(
    session: Session, meeting_id: uuid.UUID, proposed: list[uuid.UUID]
) -> set[uuid.UUID]:
    """Proposed items added by the latest re-proposal (none after the first proposal).

    The model has no column for it, so the audit log tells: each proposal is logged before the
    items it adds, so an item whose creation comes after the latest proposal entry is new.
    """
    proposals = list(
        session.scalars(
            select(AuditEntry.seq)
            .where(AuditEntry.action == PROPOSE_ACTION, AuditEntry.record_id == meeting_id)
            .order_by(AuditEntry.seq.desc())
            .limit(2)
        )
    )
    if len(proposals) < 2 or not proposed:
        return set()
    latest = proposals[0]
    return set(
        session.scalars(
            select(AuditEntry.record_id).where(
                AuditEntry.table_name == AgendaItem.__tablename__,
                AuditEntry.action == "create",
                AuditEntry.record_id.in_(proposed),
                AuditEntry.seq > latest,
            )
        )
    )
