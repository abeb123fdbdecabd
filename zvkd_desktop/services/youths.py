"""Youths: create, edit, remove, and the views the screens show (with guardians and siblings).

Every youth with a name and a date of birth carries a keyed pseudonym (domain.pseudonym), kept
current on every edit: it is what recognises a re-registration once the name has been erased.
The same pseudonym also stops a second record for a youth who is already in the store, which
would split their history and hide a re-registration.

Access: a youth is visible with a case or registration the user may see (``access``); the list
and search apply that rule in their query, a single read or change refuses any other youth.
Creating and removing a youth is intake work (coordinator or process director).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.dates import age_on, format_nl
from zvkd_desktop.domain.neighbourhoods import BY_CODE
from zvkd_desktop.domain.pseudonym import pseudonym
from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services.access import (
    MANAGERS,
    require_role,
    require_youth,
    require_youth_write,
    youth_filter,
)
from zvkd_desktop.services.audit import record_row
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.family import (
    GuardianRow,
    SiblingRow,
    editable_youth,
    guardian_rows,
    leave_household,
    sibling_rows,
)
from zvkd_desktop.services.validation import (
    UNSET,
    Unset,
    clean_phone,
    clean_text,
    live_row,
    not_in_future,
)
from zvkd_desktop.store.models import Guardian, Registration, Youth

__all__ = [
    "YouthDetail",
    "YouthRow",
    "create_youth",
    "get_youth",
    "list_youths",
    "remove_youth",
    "update_youth",
]

# field -> (Dutch label with article, maximum length, required)
_YOUTH_TEXT: dict[str, tuple[str, int | None, bool]] = {
    "first_name": ("de voornaam", 80, True),
    "last_name": ("de achternaam", 120, True),
    "gender": ("het geslacht", 16, False),
    "street": ("de straat", 120, False),
    "house_number": ("het huisnummer", 16, False),
    "city": ("de woonplaats", 80, False),
    "notes": ("de notities", None, False),
}
_POSTCODE = re.compile(r"(\d{4})\s*([A-Za-z]{2})")


@dataclass(frozen=True)
class YouthRow:
    id: uuid.UUID
    display_name: str
    date_of_birth: dt.date | None
    birth_year: int
    neighbourhood: str


@dataclass(frozen=True)
class YouthDetail:
    id: uuid.UUID
    first_name: str | None
    last_name: str | None
    display_name: str
    date_of_birth: dt.date | None
    birth_year: int
    gender: str | None
    street: str | None
    house_number: str | None
    postcode: str | None
    city: str | None
    phone: str | None
    neighbourhood: str
    neighbourhood_name: str
    area: str
    notes: str | None
    household_id: uuid.UUID | None
    erased: bool
    guardians: tuple[GuardianRow, ...]
    siblings: tuple[SiblingRow, ...]


# -- validation ----------------------------------------------------------------------------------


def _clean_youth(given: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """Each given field checked and normalised on its own (cross-field checks come after)."""
    clean: dict[str, Any] = {}
    for field, value in given.items():
        if field in _YOUTH_TEXT:
            label, max_length, required = _YOUTH_TEXT[field]
            clean[field] = clean_text(
                value, field=field, label=label, max_length=max_length, required=required
            )
        elif field == "postcode":
            code = clean_text(value, field="postcode", label="de postcode", max_length=8)
            if code is not None:
                match = _POSTCODE.fullmatch(code)
                if match is None:
                    raise ValidationError(
                        f"'{code}' is geen postcode. Gebruik vier cijfers en twee letters, "
                        "bijvoorbeeld 2622 AB.",
                        code="invalid_postcode",
                    )
                code = f"{match[1]} {match[2].upper()}"
            clean[field] = code
        elif field == "phone":
            clean[field] = clean_phone(value)
        elif field == "neighbourhood":
            if value not in BY_CODE:
                raise ValidationError(
                    f"'{value}' is geen bekende wijk van Delft. Kies een wijk uit de lijst "
                    "(of 'Onbekend / buiten Delft').",
                    code="unknown_neighbourhood",
                )
            clean[field] = value
        elif field == "date_of_birth":
            if value is not None:
                not_in_future(value, today, label="de geboortedatum", code="birth_in_future")
                if value.year < 1900:
                    raise ValidationError(
                        f"De geboortedatum {format_nl(value)} klopt niet. Controleer het jaar.",
                        code="invalid_date_of_birth",
                    )
            clean[field] = value
        elif field == "birth_year":
            if value is not None and not 1900 <= value <= today.year:
                raise ValidationError(
                    f"Het geboortejaar {value} klopt niet. Vul een jaar in tot en met "
                    f"{today.year}.",
                    code="invalid_birth_year",
                )
            clean[field] = value
        else:
            raise TypeError(f"unknown youth field {field!r}")
    return clean


def _birth_year(dob: dt.date | None, given_year: int | None, current_year: int | None) -> int:
    """The birth year: from the date of birth when known, else given or kept (always set)."""
    if dob is not None:
        if given_year is not None and given_year != dob.year:
            raise ValidationError(
                f"Het geboortejaar {given_year} past niet bij de geboortedatum "
                f"{format_nl(dob)}. Laat het geboortejaar leeg of corrigeer een van beide.",
                code="birth_year_mismatch",
            )
        return dob.year
    year = given_year if given_year is not None else current_year
    if year is None:
        raise ValidationError(
            "Vul de geboortedatum in, of ten minste het geboortejaar.", code="birth_year_required"
        )
    return year


def _refresh_pseudonym(session: Session, key: bytes, youth: Youth) -> None:
    """Recompute the pseudonym; refuse when another live record already has it."""
    if youth.date_of_birth is None:
        youth.pseudonym = None
        return
    value = pseudonym(key, youth.first_name, youth.last_name, youth.date_of_birth)
    query = select(Youth.id).where(
        Youth.pseudonym == value, Youth.deleted_at.is_(None), Youth.erased_at.is_(None)
    )
    if youth.id is not None:
        query = query.where(Youth.id != youth.id)
    with session.no_autoflush:
        duplicate = session.scalars(query).first()
    if duplicate is not None:
        raise ValidationError(
            f"Er staat al een jongere met deze naam en geboortedatum "
            f"({format_nl(youth.date_of_birth)}) in het bestand. Open die jongere in plaats van "
            "een tweede te maken.",
            code="youth_exists",
        )
    youth.pseudonym = value


# -- youths --------------------------------------------------------------------------------------


def create_youth(
    ctx: ServiceContext,
    *,
    first_name: str,
    last_name: str,
    date_of_birth: dt.date | None = None,
    birth_year: int | None = None,
    gender: str | None = None,
    street: str | None = None,
    house_number: str | None = None,
    postcode: str | None = None,
    city: str | None = None,
    phone: str | None = None,
    neighbourhood: str = "unknown",
    notes: str | None = None,
) -> uuid.UUID:
    fields = _clean_youth(
        dict(
            first_name=first_name,
            last_name=last_name,
            date_of_birth=date_of_birth,
            birth_year=birth_year,
            gender=gender,
            street=street,
            house_number=house_number,
            postcode=postcode,
            city=city,
            phone=phone,
            neighbourhood=neighbourhood,
            notes=notes,
        ),
        ctx.today(),
    )
    fields["birth_year"] = _birth_year(date_of_birth, birth_year, None)
    require_role(ctx.user, *MANAGERS)
    key = ctx.store.file.pseudonym_key()
    with ctx.store.transaction() as session:
        youth = Youth(**fields)
        _refresh_pseudonym(session, key, youth)
        youth.id = uuid.uuid4()
        session.add(youth)
        record_row(session, ctx.user, "create", youth)
        return youth.id


def update_youth(
    ctx: ServiceContext,
    youth_id: uuid.UUID,
    *,
    first_name: str | Unset = UNSET,
    last_name: str | Unset = UNSET,
    date_of_birth: dt.date | None | Unset = UNSET,
    birth_year: int | None | Unset = UNSET,
    gender: str | None | Unset = UNSET,
    street: str | None | Unset = UNSET,
    house_number: str | None | Unset = UNSET,
    postcode: str | None | Unset = UNSET,
    city: str | None | Unset = UNSET,
    phone: str | None | Unset = UNSET,
    neighbourhood: str | Unset = UNSET,
    notes: str | None | Unset = UNSET,
) -> None:
    """Change only the given fields. A new date of birth also corrects the recorded ages."""
    given = {
        key: value
        for key, value in dict(
            first_name=first_name,
            last_name=last_name,
            date_of_birth=date_of_birth,
            birth_year=birth_year,
            gender=gender,
            street=street,
            house_number=house_number,
            postcode=postcode,
            city=city,
            phone=phone,
            neighbourhood=neighbourhood,
            notes=notes,
        ).items()
        if value is not UNSET
    }
    fields = _clean_youth(given, ctx.today())
    key = ctx.store.file.pseudonym_key()
    with ctx.store.transaction() as session:
        require_youth_write(session, ctx.user, youth_id)
        youth = editable_youth(session, youth_id)
        dob = fields.get("date_of_birth", youth.date_of_birth)
        fields["birth_year"] = _birth_year(dob, fields.get("birth_year"), youth.birth_year)
        new_ages: list[tuple[Registration, int]] = []
        if "date_of_birth" in fields and dob is not None and dob != youth.date_of_birth:
            new_ages = _ages_for_new_birth_date(session, youth_id, dob)
        for field, value in fields.items():
            setattr(youth, field, value)
        _refresh_pseudonym(session, key, youth)
        if not session.is_modified(youth):
            return
        record_row(session, ctx.user, "update", youth)
        for registration, age in new_ages:
            registration.age_at_registration = age
            if session.is_modified(registration):
                record_row(session, ctx.user, "update", registration)


def _ages_for_new_birth_date(
    session: Session, youth_id: uuid.UUID, dob: dt.date
) -> list[tuple[Registration, int]]:
    """Each registration of the youth with its corrected age; refused if born after one."""
    registrations = list(
        session.scalars(
            select(Registration).where(
                Registration.youth_id == youth_id, Registration.deleted_at.is_(None)
            )
        )
    )
    for registration in registrations:
        if dob > registration.registered_on:
            raise ValidationError(
                f"De geboortedatum {format_nl(dob)} ligt na de aanmelding van "
                f"{format_nl(registration.registered_on)}. Controleer de geboortedatum.",
                code="born_after_registration",
            )
    return [(r, age_on(dob, r.registered_on)) for r in registrations]


def remove_youth(ctx: ServiceContext, youth_id: uuid.UUID) -> None:
    """The inverse of :func:`create_youth`: only for a youth who was never registered."""
    require_role(ctx.user, *MANAGERS)
    with ctx.store.transaction() as session:
        youth = live_row(session, Youth, youth_id, "de jongere")
        registered = session.scalar(
            select(func.count(Registration.id)).where(
                Registration.youth_id == youth_id, Registration.deleted_at.is_(None)
            )
        )
        if registered:
            raise ValidationError(
                "Deze jongere is al aangemeld en kan daarom niet worden verwijderd.",
                code="youth_has_registrations",
            )
        if youth.household_id is not None:
            leave_household(session, ctx, youth)
        for guardian in session.scalars(
            select(Guardian).where(Guardian.youth_id == youth_id, Guardian.deleted_at.is_(None))
        ):
            guardian.tombstone()
            record_row(session, ctx.user, "delete", guardian)
        youth.tombstone()
        record_row(session, ctx.user, "delete", youth)


# -- views ---------------------------------------------------------------------------------------


def get_youth(ctx: ServiceContext, youth_id: uuid.UUID) -> YouthDetail:
    with ctx.store.read() as session:
        require_youth(session, ctx.user, youth_id)
        youth = live_row(session, Youth, youth_id, "de jongere")
        hood = BY_CODE.get(youth.neighbourhood, BY_CODE["unknown"])
        return YouthDetail(
            id=youth.id,
            first_name=youth.first_name,
            last_name=youth.last_name,
            display_name=youth.display_name,
            date_of_birth=youth.date_of_birth,
            birth_year=youth.birth_year,
            gender=youth.gender,
            street=youth.street,
            house_number=youth.house_number,
            postcode=youth.postcode,
            city=youth.city,
            phone=youth.phone,
            neighbourhood=youth.neighbourhood,
            neighbourhood_name=hood.name,
            area=hood.area,
            notes=youth.notes,
            household_id=youth.household_id,
            erased=youth.erased_at is not None,
            guardians=guardian_rows(session, youth.id),
            siblings=sibling_rows(session, youth, ctx.user),
        )


def list_youths(
    ctx: ServiceContext, *, search: str | None = None, limit: int = 500
) -> list[YouthRow]:
    """Youths by name, for pickers; ``search`` matches a part of the first or last name. Only
    the youths the user may see."""
    query = (
        select(
            Youth.id,
            Youth.first_name,
            Youth.last_name,
            Youth.erased_at,
            Youth.date_of_birth,
            Youth.birth_year,
            Youth.neighbourhood,
        )
        .where(Youth.deleted_at.is_(None))
        .order_by(func.lower(Youth.last_name), func.lower(Youth.first_name))
        .limit(limit)
    )
    text = (search or "").strip()
    if text:
        pattern = f"%{text.replace('%', '').replace('_', '')}%"
        query = query.where(or_(Youth.first_name.ilike(pattern), Youth.last_name.ilike(pattern)))
    visible = youth_filter(ctx.user)
    if visible is not None:
        query = query.where(visible)
    with ctx.store.read() as session:
        return [
            YouthRow(
                id=row_id,
                display_name="(gewist)" if erased else " ".join(p for p in (first, last) if p),
                date_of_birth=dob,
                birth_year=year,
                neighbourhood=hood,
            )
            for row_id, first, last, erased, dob, year, hood in session.execute(query)
        ]
