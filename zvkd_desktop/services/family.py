"""A youth's family: guardians (involved "from minute one") and siblings in one household.

Siblings can be registered too; linking them puts both in one household. A youth belongs to one
household only, so linking a sibling of a sibling joins the whole family (households merge), and
a household left with a single member dissolves.

Access: a change needs a role that may write and a youth the user may see (for a link: both).
A youth's siblings are listed only when the user may see them too: that a brother or sister is
in the PAD is itself their personal data.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services.access import require_youth_write, youth_ids_filter
from zvkd_desktop.services.audit import record_row
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.validation import UNSET, Unset, clean_phone, clean_text, live_row
from zvkd_desktop.store.models import Guardian, Household, Youth
from zvkd_desktop.store.store import CurrentUser

__all__ = [
    "GuardianRow",
    "SiblingRow",
    "add_guardian",
    "editable_youth",
    "guardian_rows",
    "leave_household",
    "link_siblings",
    "remove_guardian",
    "sibling_rows",
    "unlink_sibling",
    "update_guardian",
]

# field -> (Dutch label with article, maximum length, required)
_GUARDIAN_TEXT: dict[str, tuple[str, int | None, bool]] = {
    "name": ("de naam van de ouder of verzorger", 160, True),
    "relation": ("de relatie", 60, False),
    "address": ("het adres", 240, False),
    "note": ("de notitie", None, False),
}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class GuardianRow:
    id: uuid.UUID
    name: str | None
    relation: str | None
    phone: str | None
    email: str | None
    address: str | None
    note: str | None


@dataclass(frozen=True)
class SiblingRow:
    id: uuid.UUID
    display_name: str
    date_of_birth: dt.date | None


def editable_youth(session: Session, youth_id: uuid.UUID) -> Youth:
    """A live youth whose personal data has not been erased (erased data stays erased)."""
    youth = live_row(session, Youth, youth_id, "de jongere")
    if youth.erased_at is not None:
        raise ValidationError(
            "De persoonsgegevens van deze jongere zijn gewist; ze kunnen niet meer worden "
            "gewijzigd.",
            code="youth_erased",
        )
    return youth


# -- guardians -----------------------------------------------------------------------------------


def _clean_guardian(given: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for field, value in given.items():
        if field in _GUARDIAN_TEXT:
            label, max_length, required = _GUARDIAN_TEXT[field]
            clean[field] = clean_text(
                value,
                field=f"guardian_{field}",
                label=label,
                max_length=max_length,
                required=required,
            )
        elif field == "phone":
            clean[field] = clean_phone(value)
        elif field == "email":
            email = clean_text(value, field="email", label="het e-mailadres", max_length=160)
            if email is not None and not _EMAIL.fullmatch(email):
                raise ValidationError(
                    f"'{email}' is geen e-mailadres. Gebruik de vorm naam@voorbeeld.nl.",
                    code="invalid_email",
                )
            clean[field] = email
        else:
            raise TypeError(f"unknown guardian field {field!r}")
    return clean


def add_guardian(
    ctx: ServiceContext,
    youth_id: uuid.UUID,
    *,
    name: str,
    relation: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    address: str | None = None,
    note: str | None = None,
) -> uuid.UUID:
    fields = _clean_guardian(
        dict(name=name, relation=relation, phone=phone, email=email, address=address, note=note)
    )
    with ctx.store.transaction() as session:
        require_youth_write(session, ctx.user, youth_id)
        editable_youth(session, youth_id)
        guardian = Guardian(id=uuid.uuid4(), youth_id=youth_id, **fields)
        session.add(guardian)
        record_row(session, ctx.user, "create", guardian)
        return guardian.id


def update_guardian(
    ctx: ServiceContext,
    guardian_id: uuid.UUID,
    *,
    name: str | Unset = UNSET,
    relation: str | None | Unset = UNSET,
    phone: str | None | Unset = UNSET,
    email: str | None | Unset = UNSET,
    address: str | None | Unset = UNSET,
    note: str | None | Unset = UNSET,
) -> None:
    """Change only the given fields."""
    given = dict(name=name, relation=relation, phone=phone, email=email, address=address, note=note)
    fields = _clean_guardian({k: v for k, v in given.items() if v is not UNSET})
    with ctx.store.transaction() as session:
        guardian = live_row(session, Guardian, guardian_id, "de ouder of verzorger")
        require_youth_write(session, ctx.user, guardian.youth_id)
        editable_youth(session, guardian.youth_id)
        for field, value in fields.items():
            setattr(guardian, field, value)
        if session.is_modified(guardian):
            record_row(session, ctx.user, "update", guardian)


def remove_guardian(ctx: ServiceContext, guardian_id: uuid.UUID) -> None:
    with ctx.store.transaction() as session:
        guardian = live_row(session, Guardian, guardian_id, "de ouder of verzorger")
        require_youth_write(session, ctx.user, guardian.youth_id)
        guardian.tombstone()
        record_row(session, ctx.user, "delete", guardian)


def guardian_rows(session: Session, youth_id: uuid.UUID) -> tuple[GuardianRow, ...]:
    guardians = session.scalars(
        select(Guardian)
        .where(Guardian.youth_id == youth_id, Guardian.deleted_at.is_(None))
        .order_by(Guardian.created_at)
    )
    return tuple(
        GuardianRow(g.id, g.name, g.relation, g.phone, g.email, g.address, g.note)
        for g in guardians
    )


# -- siblings ------------------------------------------------------------------------------------


def _members(
    session: Session, household_id: uuid.UUID, user: CurrentUser | None = None
) -> list[Youth]:
    """The household's live members; with ``user``, only those that user may see."""
    query = select(Youth).where(Youth.household_id == household_id, Youth.deleted_at.is_(None))
    visible = youth_ids_filter(user) if user is not None else None
    if visible is not None:
        query = query.where(Youth.id.in_(visible))
    return list(session.scalars(query))


def _move(
    session: Session, ctx: ServiceContext, youth: Youth, household_id: uuid.UUID | None
) -> None:
    youth.household_id = household_id
    record_row(session, ctx.user, "update", youth)


def link_siblings(ctx: ServiceContext, youth_a: uuid.UUID, youth_b: uuid.UUID) -> uuid.UUID:
    """Put two youths in one household (merging households when both have one); its id."""
    if youth_a == youth_b:
        raise ValidationError(
            "Een jongere kan niet aan zichzelf worden gekoppeld. Kies een andere jongere.",
            code="same_youth",
        )
    with ctx.store.transaction() as session:
        require_youth_write(session, ctx.user, youth_a)
        require_youth_write(session, ctx.user, youth_b)
        a = live_row(session, Youth, youth_a, "de jongere")
        b = live_row(session, Youth, youth_b, "de jongere")
        if a.household_id is not None and a.household_id == b.household_id:
            raise ValidationError(
                "Deze jongeren zijn al als broer of zus gekoppeld.", code="already_siblings"
            )
        if a.household_id is None and b.household_id is not None:
            a, b = b, a
        if a.household_id is None:
            household = Household(id=uuid.uuid4())
            session.add(household)
            record_row(session, ctx.user, "create", household)
            _move(session, ctx, a, household.id)
        target = a.household_id
        assert target is not None
        if b.household_id is None:
            _move(session, ctx, b, target)
        else:
            old = live_row(session, Household, b.household_id, "het gezin")
            for member in _members(session, old.id):
                _move(session, ctx, member, target)
            old.tombstone()
            record_row(session, ctx.user, "delete", old)
        return target


def leave_household(session: Session, ctx: ServiceContext, youth: Youth) -> None:
    """Take the youth out (inside the caller's transaction); a lone remaining member leaves too."""
    household_id = youth.household_id
    assert household_id is not None
    _move(session, ctx, youth, None)
    rest = _members(session, household_id)
    if len(rest) < 2:
        for member in rest:
            _move(session, ctx, member, None)
        household = session.get(Household, household_id)
        if household is not None and household.deleted_at is None:
            household.tombstone()
            record_row(session, ctx.user, "delete", household)


def unlink_sibling(ctx: ServiceContext, youth_id: uuid.UUID) -> None:
    """The inverse of :func:`link_siblings`, for one youth."""
    with ctx.store.transaction() as session:
        require_youth_write(session, ctx.user, youth_id)
        youth = live_row(session, Youth, youth_id, "de jongere")
        if youth.household_id is None:
            raise ValidationError(
                "Deze jongere is niet als broer of zus gekoppeld.", code="not_linked"
            )
        leave_household(session, ctx, youth)


def sibling_rows(
    session: Session, youth: Youth, user: CurrentUser | None = None
) -> tuple[SiblingRow, ...]:
    """The youth's siblings; with ``user``, only the ones that user may see."""
    if youth.household_id is None:
        return ()
    siblings = [m for m in _members(session, youth.household_id, user) if m.id != youth.id]
    siblings.sort(key=lambda s: (s.birth_year, s.display_name))
    return tuple(SiblingRow(s.id, s.display_name, s.date_of_birth) for s in siblings)
