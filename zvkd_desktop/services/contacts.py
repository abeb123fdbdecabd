"""Police contacts (per youth) and coach contacts (per case).

A police contact belongs to the youth, not to a case: a negative contact from before admission
still counts for the closure rule, and one after closure may matter for a re-registration. The
case it happened during is derived from the date (never typed in), so it cannot disagree with the
case's admission and closure dates. A coach contact belongs to one case and must fall within it.

Removing is a tombstone; ``restore_*`` is its inverse, so the GUI can undo either way.

Access: police contacts follow the youth (``require_youth``), coach contacts their case
(``require_case``); every change also needs a role that may write.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.vocabulary import CoachContactKind, PoliceContactKind
from zvkd_desktop.errors import NotFoundError, ValidationError
from zvkd_desktop.services.access import (
    require_case,
    require_case_write,
    require_youth,
    require_youth_write,
)
from zvkd_desktop.services.audit import record_row
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.validation import clean_text, live_row, not_in_future
from zvkd_desktop.store.models import (
    Case,
    CoachAssignment,
    CoachContact,
    PoliceContact,
    Professional,
    Youth,
)

__all__ = [
    "CoachContactView",
    "PoliceContactView",
    "add_coach_contact",
    "add_police_contact",
    "coach_contacts",
    "police_contacts",
    "remove_coach_contact",
    "remove_police_contact",
    "restore_coach_contact",
    "restore_police_contact",
    "update_coach_contact",
    "update_police_contact",
]


@dataclass(frozen=True)
class PoliceContactView:
    id: uuid.UUID
    youth_id: uuid.UUID
    case_id: uuid.UUID | None
    contact_on: date
    kind: PoliceContactKind
    negative: bool
    note: str | None


@dataclass(frozen=True)
class CoachContactView:
    id: uuid.UUID
    case_id: uuid.UUID
    coach_id: uuid.UUID | None
    coach_name: str | None
    contact_on: date
    kind: CoachContactKind
    note: str | None


K = TypeVar("K", PoliceContactKind, CoachContactKind)


def _kind(enum_cls: type[K], value: object) -> K:
    try:
        return enum_cls(value)
    except ValueError:
        raise ValidationError(
            f"'{value}' is geen geldige soort contact. Kies een soort uit de lijst.",
            code="unknown_contact_kind",
        ) from None


# -- police contacts --------------------------------------------------------------------------


def _check_police_date(youth: Youth, contact_on: date, today: date) -> None:
    not_in_future(
        contact_on, today, label="de datum van het politiecontact", code="contact_in_future"
    )
    born = youth.date_of_birth or date(youth.birth_year, 1, 1)
    if contact_on < born:
        when = format_nl(youth.date_of_birth) if youth.date_of_birth else str(youth.birth_year)
        raise ValidationError(
            f"Het politiecontact op {format_nl(contact_on)} ligt vóór de geboorte van de "
            f"jongere ({when}). Controleer de datum.",
            code="contact_before_birth",
        )


def _case_on(session: Session, youth_id: uuid.UUID, day: date) -> uuid.UUID | None:
    """The youth's case that was running on ``day`` (closure day included), if any."""
    return session.scalar(
        select(Case.id)
        .where(
            Case.youth_id == youth_id,
            Case.deleted_at.is_(None),
            Case.admitted_on <= day,
            (Case.closed_on.is_(None)) | (Case.closed_on >= day),
        )
        .order_by(Case.admitted_on.desc())
        .limit(1)
    )


def add_police_contact(
    ctx: ServiceContext,
    *,
    youth_id: uuid.UUID,
    contact_on: date,
    kind: PoliceContactKind,
    negative: bool,
    note: str | None = None,
) -> uuid.UUID:
    """Record a police contact; refused when dated in the future or before the youth's birth."""
    with ctx.store.transaction() as session:
        require_youth_write(session, ctx.user, youth_id)
        youth = live_row(session, Youth, youth_id, "de jongere")
        contact_kind = _kind(PoliceContactKind, kind)
        _check_police_date(youth, contact_on, ctx.today())
        contact = PoliceContact(
            id=uuid.uuid4(),
            youth_id=youth_id,
            case_id=_case_on(session, youth_id, contact_on),
            contact_on=contact_on,
            kind=contact_kind,
            negative=bool(negative),
            note=clean_text(note, field="note", label="de notitie"),
        )
        session.add(contact)
        record_row(session, ctx.user, "create", contact, case_id=contact.case_id)
        return contact.id


def update_police_contact(
    ctx: ServiceContext,
    contact_id: uuid.UUID,
    *,
    contact_on: date,
    kind: PoliceContactKind,
    negative: bool,
    note: str | None = None,
) -> None:
    """Replace a contact's fields (the edit form sends them all); the case follows the date."""
    with ctx.store.transaction() as session:
        contact = live_row(session, PoliceContact, contact_id, "het politiecontact")
        require_youth_write(session, ctx.user, contact.youth_id)
        youth = live_row(session, Youth, contact.youth_id, "de jongere")
        contact_kind = _kind(PoliceContactKind, kind)
        _check_police_date(youth, contact_on, ctx.today())
        contact.contact_on = contact_on
        contact.kind = contact_kind
        contact.negative = bool(negative)
        contact.note = clean_text(note, field="note", label="de notitie")
        contact.case_id = _case_on(session, contact.youth_id, contact_on)
        record_row(session, ctx.user, "update", contact, case_id=contact.case_id)


def remove_police_contact(ctx: ServiceContext, contact_id: uuid.UUID) -> None:
    with ctx.store.transaction() as session:
        contact = live_row(session, PoliceContact, contact_id, "het politiecontact")
        require_youth_write(session, ctx.user, contact.youth_id)
        contact.tombstone()
        record_row(session, ctx.user, "delete", contact, case_id=contact.case_id)


def restore_police_contact(ctx: ServiceContext, contact_id: uuid.UUID) -> None:
    """Undo a removal (the inverse of :func:`remove_police_contact`)."""
    with ctx.store.transaction() as session:
        contact = _removed_row(session, PoliceContact, contact_id, "het politiecontact")
        require_youth_write(session, ctx.user, contact.youth_id)
        youth = live_row(session, Youth, contact.youth_id, "de jongere")
        _check_police_date(youth, contact.contact_on, ctx.today())
        contact.deleted_at = None
        contact.case_id = _case_on(session, contact.youth_id, contact.contact_on)
        record_row(session, ctx.user, "restore", contact, case_id=contact.case_id)


def police_contacts(ctx: ServiceContext, youth_id: uuid.UUID) -> list[PoliceContactView]:
    """The youth's police timeline, newest first."""
    with ctx.store.read() as session:
        require_youth(session, ctx.user, youth_id)
        live_row(session, Youth, youth_id, "de jongere")
        rows = session.execute(
            select(
                PoliceContact.id,
                PoliceContact.youth_id,
                PoliceContact.case_id,
                PoliceContact.contact_on,
                PoliceContact.kind,
                PoliceContact.negative,
                PoliceContact.note,
            )
            .where(PoliceContact.youth_id == youth_id, PoliceContact.deleted_at.is_(None))
            .order_by(PoliceContact.contact_on.desc(), PoliceContact.created_at.desc())
        ).all()
        return [PoliceContactView(*row) for row in rows]


# -- coach contacts ---------------------------------------------------------------------------


def _check_coach_date(case: Case, contact_on: date, today: date) -> None:
    not_in_future(contact_on, today, label="de datum van het contact", code="contact_in_future")
    if contact_on < case.admitted_on:
        raise ValidationError(
            f"Het contact op {format_nl(contact_on)} ligt vóór de opname op "
            f"{format_nl(case.admitted_on)}. Een contactmoment hoort binnen de casus.",
            code="contact_before_admission",
        )
    if case.closed_on is not None and contact_on > case.closed_on:
        raise ValidationError(
            f"Het contact op {format_nl(contact_on)} ligt na de afsluiting van de casus op "
            f"{format_nl(case.closed_on)}. Een contactmoment hoort binnen de casus.",
            code="contact_after_closure",
        )


def _coach_on(session: Session, case: Case, day: date) -> uuid.UUID | None:
    """The coach assigned on ``day`` (a backdated contact was with the coach of that day)."""
    coach = session.scalar(
        select(CoachAssignment.coach_id)
        .where(
            CoachAssignment.case_id == case.id,
            CoachAssignment.deleted_at.is_(None),
            CoachAssignment.from_date <= day,
            (CoachAssignment.until_date.is_(None)) | (CoachAssignment.until_date >= day),
        )
        .order_by(CoachAssignment.from_date.desc())
        .limit(1)
    )
    return coach if coach is not None else case.coach_id


def _checked_coach(session: Session, coach_id: uuid.UUID) -> uuid.UUID:
    live_row(session, Professional, coach_id, "de coach")
    return coach_id


def add_coach_contact(
    ctx: ServiceContext,
    *,
    case_id: uuid.UUID,
    contact_on: date,
    kind: CoachContactKind,
    note: str | None = None,
    coach_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Record a contact moment; without ``coach_id`` it is the case's coach on that day."""
    with ctx.store.transaction() as session:
        require_case_write(session, ctx.user, case_id)
        case = live_row(session, Case, case_id, "de casus")
        contact_kind = _kind(CoachContactKind, kind)
        _check_coach_date(case, contact_on, ctx.today())
        coach = (
            _checked_coach(session, coach_id)
            if coach_id is not None
            else _coach_on(session, case, contact_on)
        )
        contact = CoachContact(
            id=uuid.uuid4(),
            case_id=case_id,
            coach_id=coach,
            contact_on=contact_on,
            kind=contact_kind,
            note=clean_text(note, field="note", label="de notitie"),
        )
        session.add(contact)
        record_row(session, ctx.user, "create", contact, case_id=case_id)
        return contact.id


def update_coach_contact(
    ctx: ServiceContext,
    contact_id: uuid.UUID,
    *,
    contact_on: date,
    kind: CoachContactKind,
    note: str | None = None,
    coach_id: uuid.UUID | None = None,
) -> None:
    """Replace a contact's fields; without ``coach_id`` the recorded coach stays."""
    with ctx.store.transaction() as session:
        contact = live_row(session, CoachContact, contact_id, "het contactmoment")
        require_case_write(session, ctx.user, contact.case_id)
        case = live_row(session, Case, contact.case_id, "de casus")
        contact_kind = _kind(CoachContactKind, kind)
        _check_coach_date(case, contact_on, ctx.today())
        if coach_id is not None:
            contact.coach_id = _checked_coach(session, coach_id)
        contact.contact_on = contact_on
        contact.kind = contact_kind
        contact.note = clean_text(note, field="note", label="de notitie")
        record_row(session, ctx.user, "update", contact, case_id=case.id)


def remove_coach_contact(ctx: ServiceContext, contact_id: uuid.UUID) -> None:
    with ctx.store.transaction() as session:
        contact = live_row(session, CoachContact, contact_id, "het contactmoment")
        require_case_write(session, ctx.user, contact.case_id)
        contact.tombstone()
        record_row(session, ctx.user, "delete", contact, case_id=contact.case_id)


def restore_coach_contact(ctx: ServiceContext, contact_id: uuid.UUID) -> None:
    """Undo a removal (the inverse of :func:`remove_coach_contact`)."""
    with ctx.store.transaction() as session:
        contact = _removed_row(session, CoachContact, contact_id, "het contactmoment")
        require_case_write(session, ctx.user, contact.case_id)
        case = live_row(session, Case, contact.case_id, "de casus")
        _check_coach_date(case, contact.contact_on, ctx.today())
        contact.deleted_at = None
        record_row(session, ctx.user, "restore", contact, case_id=contact.case_id)


def coach_contacts(ctx: ServiceContext, case_id: uuid.UUID) -> list[CoachContactView]:
    """The case's contact moments, newest first, with the coach's name."""
    with ctx.store.read() as session:
        require_case(session, ctx.user, case_id)
        live_row(session, Case, case_id, "de casus")
        rows = session.execute(
            select(
                CoachContact.id,
                CoachContact.case_id,
                CoachContact.coach_id,
                Professional.name,
                CoachContact.contact_on,
                CoachContact.kind,
                CoachContact.note,
            )
            .outerjoin(Professional, Professional.id == CoachContact.coach_id)
            .where(CoachContact.case_id == case_id, CoachContact.deleted_at.is_(None))
            .order_by(CoachContact.contact_on.desc(), CoachContact.created_at.desc())
        ).all()
        return [CoachContactView(*row) for row in rows]


R = TypeVar("R", PoliceContact, CoachContact)


def _removed_row(session: Session, model: type[R], row_id: uuid.UUID, label: str) -> R:
    """A tombstoned row to restore; refused when it does not exist or was never removed."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(f"{label[0].upper()}{label[1:]} bestaat niet.", code="not_found")
    if row.deleted_at is None:
        raise ValidationError(
            f"{label[0].upper()}{label[1:]} is niet verwijderd; er is niets te herstellen.",
            code="not_removed",
        )
    return row
