"""The agenda of a planned meeting: proposed from the signals, then shaped by hand.

``propose_agenda`` may run any number of times. It adds what the signals propose and is not yet
on the agenda (those items show as new), refreshes the reasons of proposed items, and drops a
proposed item whose reason went away (a registration decided meanwhile) unless it was removed
by hand or has a decision. What the director did by hand stays: a removed item stays removed
(``removed`` is a flag, so the proposal recognises it), a hand-added item stays, and the order
stays, because positions are never renumbered — a new item simply goes to the end of its section.

Items are ordered by section (the fixed order of ``AgendaSection``) and within a section by
position; positions are unique within a meeting (the exchange file matches items on them).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.vocabulary import AgendaSection
from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services.access import MANAGERS, require_role
from zvkd_desktop.services.audit import record, record_row
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.meetings.planning import editable_meeting
from zvkd_desktop.services.meetings.proposal import proposals_on
from zvkd_desktop.services.meetings.views import PROPOSE_ACTION
from zvkd_desktop.services.validation import live_row, require_text
from zvkd_desktop.store.models import AgendaItem, Case, Meeting, MeetingDecision

__all__ = [
    "ProposalResult",
    "add_case_item",
    "add_text_item",
    "move_item",
    "propose_agenda",
    "propose_category_change",
    "remove_item",
    "restore_item",
]

_TEXT_LENGTH = 500


@dataclass(frozen=True)
class ProposalResult:
    added: tuple[uuid.UUID, ...]
    """New items (the editor marks them)."""
    dropped: tuple[uuid.UUID, ...]
    """Proposed items whose reason went away."""


def _items(session: Session, meeting_id: uuid.UUID) -> list[AgendaItem]:
    return list(
        session.scalars(
            select(AgendaItem).where(
                AgendaItem.meeting_id == meeting_id, AgendaItem.deleted_at.is_(None)
            )
        )
    )


def _next_position(session: Session, meeting_id: uuid.UUID) -> int:
    last = session.scalar(
        select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id)
    )
    return 0 if last is None else last + 1


def _has_decision(session: Session, item_id: uuid.UUID, *, applied_only: bool) -> bool:
    query = select(MeetingDecision.id).where(
        MeetingDecision.item_id == item_id, MeetingDecision.deleted_at.is_(None)
    )
    if applied_only:
        query = query.where(MeetingDecision.applied.is_(True))
    return session.scalar(query.limit(1)) is not None


def propose_agenda(ctx: ServiceContext, meeting_id: uuid.UUID) -> ProposalResult:
    """(Re-)propose the agenda from the signals as of the meeting day (see module docstring)."""
    require_role(ctx.user, *MANAGERS)
    with ctx.store.read() as session:
        held_on = editable_meeting(session, meeting_id).held_on
    proposals = proposals_on(ctx, held_on)
    with ctx.store.transaction() as session:
        meeting = editable_meeting(session, meeting_id)
        if meeting.held_on != held_on:
            raise ValidationError("De datum van het overleg is intussen gewijzigd. Stel de "
                                  "agenda opnieuw voor.", code="meeting_changed")  # fmt: skip
        items = _items(session, meeting_id)
        by_subject: dict[uuid.UUID, list[AgendaItem]] = {}
        for item in items:
            subject = item.case_id or item.registration_id
            if subject is not None:
                by_subject.setdefault(subject, []).append(item)
        record(session, ctx.user, PROPOSE_ACTION, table=Meeting.__tablename__,
               record_id=meeting_id, changes={"held_on": held_on.isoformat()})  # fmt: skip
        added: list[uuid.UUID] = []
        position = _next_position(session, meeting_id)
        for proposal in proposals:
            existing = by_subject.get(proposal.subject)
            if existing:
                for item in existing:
                    if not item.added_by_hand and item.text != proposal.text:
                        item.text = proposal.text
                        record_row(session, ctx.user, "update", item)
                continue
            item = AgendaItem(
                id=uuid.uuid4(),
                meeting_id=meeting_id,
                position=position,
                section=proposal.section,
                case_id=proposal.case_id,
                registration_id=proposal.registration_id,
                text=proposal.text,
                added_by_hand=False,
                removed=False,
            )
            position += 1
            session.add(item)
            record_row(session, ctx.user, "create", item, case_id=item.case_id)
            added.append(item.id)
        wanted = {proposal.subject for proposal in proposals}
        dropped: list[uuid.UUID] = []
        for item in items:
            subject = item.case_id or item.registration_id
            if (item.added_by_hand or item.removed or subject is None or subject in wanted
                    or _has_decision(session, item.id, applied_only=False)):  # fmt: skip
                continue
            item.tombstone()
            record_row(session, ctx.user, "delete", item, case_id=item.case_id)
            dropped.append(item.id)
        return ProposalResult(tuple(added), tuple(dropped))


def _on_agenda(session: Session, meeting_id: uuid.UUID, case_id: uuid.UUID) -> list[AgendaItem]:
    return [item for item in _items(session, meeting_id) if item.case_id == case_id]


def _refuse_twice(items: list[AgendaItem]) -> None:
    for item in items:
        if not item.removed:
            raise ValidationError(
                f"Deze casus staat al op de agenda, onder '{item.section.label}'. Een casus "
                "wordt één keer per overleg besproken; neem het daar mee.",
                code="case_on_agenda",
            )


def _running_on(session: Session, case_id: uuid.UUID, on: date) -> Case:
    case = live_row(session, Case, case_id, "de casus")
    if case.admitted_on > on or (case.closed_on is not None and case.closed_on < on):
        raise ValidationError(
            f"Deze casus loopt niet op {format_nl(on)}, de dag van het overleg.",
            code="case_not_running",
        )
    return case


def _add(
    ctx: ServiceContext,
    session: Session,
    meeting: Meeting,
    section: AgendaSection,
    case_id: uuid.UUID | None,
    text: str | None,
) -> uuid.UUID:
    item = AgendaItem(
        id=uuid.uuid4(),
        meeting_id=meeting.id,
        position=_next_position(session, meeting.id),
        section=section,
        case_id=case_id,
        text=text,
        added_by_hand=True,
        removed=False,
    )
    session.add(item)
    record_row(session, ctx.user, "create", item, case_id=case_id)
    return item.id


def add_case_item(
    ctx: ServiceContext, meeting_id: uuid.UUID, case_id: uuid.UUID, text: str | None = None
) -> uuid.UUID:
    """Put a case on the agenda by hand (under 'Overige punten').

    A case that was taken off this agenda is put back instead, in its own section.
    """
    require_role(ctx.user, *MANAGERS)
    note = None if text is None or not text.strip() else require_text(
        text, field="item_text", label="de toelichting", max_length=_TEXT_LENGTH)  # fmt: skip
    with ctx.store.transaction() as session:
        meeting = editable_meeting(session, meeting_id)
        _running_on(session, case_id, meeting.held_on)
        existing = _on_agenda(session, meeting_id, case_id)
        _refuse_twice(existing)
        if existing:
            item = existing[0]
            item.removed = False
            record_row(session, ctx.user, "restore", item, case_id=case_id)
            return item.id
        return _add(ctx, session, meeting, AgendaSection.OTHER, case_id, note)


def add_text_item(ctx: ServiceContext, meeting_id: uuid.UUID, text: str) -> uuid.UUID:
    """A free item (announcements, a theme, the round of questions)."""
    require_role(ctx.user, *MANAGERS)
    subject = require_text(text, field="item_text", label="de tekst van het agendapunt",
                           max_length=_TEXT_LENGTH)  # fmt: skip
    with ctx.store.transaction() as session:
        meeting = editable_meeting(session, meeting_id)
        return _add(ctx, session, meeting, AgendaSection.OTHER, None, subject)


def propose_category_change(
    ctx: ServiceContext, meeting_id: uuid.UUID, case_id: uuid.UUID, reason: str
) -> uuid.UUID:
    """Propose moving a case to the other category ('Voorstel categoriewijziging').

    The store holds no fact that proposes it (see ``proposal``), so a person does, with the
    reason (it is printed on the agenda, so it names no more than the agenda may).
    """
    require_role(ctx.user, *MANAGERS)
    why = require_text(reason, field="item_text", label="de reden van het voorstel",
                       max_length=_TEXT_LENGTH)  # fmt: skip
    with ctx.store.transaction() as session:
        meeting = editable_meeting(session, meeting_id)
        case = _running_on(session, case_id, meeting.held_on)
        if case.closed_on is not None:
            raise ValidationError(
                f"Deze casus is afgesloten op {format_nl(case.closed_on)}; de categorie kan niet "
                "meer wijzigen.",
                code="case_closed",
            )
        existing = _on_agenda(session, meeting_id, case_id)
        _refuse_twice(existing)
        return _add(ctx, session, meeting, AgendaSection.CATEGORY_CHANGE, case_id, why)


def _editable_item(session: Session, item_id: uuid.UUID) -> AgendaItem:
    item = live_row(session, AgendaItem, item_id, "het agendapunt")
    editable_meeting(session, item.meeting_id)
    return item


def remove_item(ctx: ServiceContext, item_id: uuid.UUID) -> None:
    """Take an item off the agenda; it stays removed when the agenda is proposed again."""
    require_role(ctx.user, *MANAGERS)
    with ctx.store.transaction() as session:
        item = _editable_item(session, item_id)
        if _has_decision(session, item_id, applied_only=True):
            raise ValidationError(
                "Over dit agendapunt is al besloten; het kan niet meer van de agenda. Trek het "
                "besluit eerst in.",
                code="item_has_decision",
            )
        if not item.removed:
            item.removed = True
            record_row(session, ctx.user, "update", item, case_id=item.case_id)


def restore_item(ctx: ServiceContext, item_id: uuid.UUID) -> None:
    """Put a removed item back in its old place (the inverse of :func:`remove_item`)."""
    require_role(ctx.user, *MANAGERS)
    with ctx.store.transaction() as session:
        item = _editable_item(session, item_id)
        if item.removed:
            item.removed = False
            record_row(session, ctx.user, "update", item, case_id=item.case_id)


def move_item(ctx: ServiceContext, item_id: uuid.UUID, steps: int) -> bool:
    """Move an item up (negative) or down within its section; False when it is already at the
    edge. Its own inverse: moving back by ``-steps``."""
    require_role(ctx.user, *MANAGERS)
    with ctx.store.transaction() as session:
        item = _editable_item(session, item_id)
        section = sorted(
            (other for other in _items(session, item.meeting_id) if other.section == item.section),
            key=lambda other: other.position,
        )
        index = section.index(item)
        target = max(0, min(len(section) - 1, index + steps))
        if target == index:
            return False
        section.insert(target, section.pop(index))
        positions = sorted(other.position for other in section)
        for other, position in zip(section, positions, strict=True):
            if other.position != position:
                other.position = position
                record_row(session, ctx.user, "update", other, case_id=other.case_id)
        return True
