"""Small input checks shared by the services, so every refusal reads the same way.

Each helper raises :class:`ValidationError` (or :class:`NotFoundError`) with a Dutch message that
says what is wrong and what to do, and a stable code the tests and the command line can match.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import uuid
from typing import Final, TypeVar

from sqlalchemy.orm import Session

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.errors import NotFoundError, ValidationError
from zvkd_desktop.store.models import SyncRow

RowT = TypeVar("RowT", bound=SyncRow)


class Unset(enum.Enum):
    """The type of :data:`UNSET`."""

    UNSET = "unset"


UNSET: Final = Unset.UNSET
"""Default of the fields of an update service: "leave as it is" (``None`` clears a field)."""

_PHONE = re.compile(r"\+?[0-9 ()\-]+")


def clean_text(
    value: str | None,
    *,
    field: str,
    label: str,
    max_length: int | None = None,
    required: bool = False,
) -> str | None:
    """Strip a text; blank becomes ``None``. ``label`` is the Dutch name with its article."""
    text = value.strip() if value is not None else ""
    if not text:
        if required:
            raise ValidationError(f"Vul {label} in.", code=f"{field}_required")
        return None
    if max_length is not None and len(text) > max_length:
        raise ValidationError(
            f"{label[0].upper()}{label[1:]} is te lang ({len(text)} tekens); het maximum is "
            f"{max_length} tekens.",
            code=f"{field}_too_long",
        )
    return text


def require_text(
    value: str | None, *, field: str, label: str, max_length: int | None = None
) -> str:
    """Like :func:`clean_text` with ``required=True``, typed as ``str``."""
    text = clean_text(value, field=field, label=label, max_length=max_length, required=True)
    assert text is not None
    return text


def not_in_future(day: dt.date, today: dt.date, *, label: str, code: str) -> None:
    """Refuse a date after today: the program records what happened, it does not plan it."""
    if day > today:
        raise ValidationError(
            f"{label[0].upper()}{label[1:]} {format_nl(day)} ligt in de toekomst. Vul een datum "
            f"in tot en met vandaag ({format_nl(today)}).",
            code=code,
        )


def live_row(session: Session, model: type[RowT], row_id: uuid.UUID, label: str) -> RowT:
    """The row with this id that is not tombstoned; ``label`` names it in Dutch ("de jongere")."""
    row = session.get(model, row_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(
            f"{label[0].upper()}{label[1:]} bestaat niet (meer). Vernieuw het overzicht en "
            "probeer het opnieuw.",
            code="not_found",
        )
    return row


def clean_phone(value: str | None, *, field: str = "phone") -> str | None:
    """A phone number as typed (digits, spaces, +, -, parentheses), with at least six digits."""
    phone = clean_text(value, field=field, label="het telefoonnummer", max_length=32)
    if phone is not None and (not _PHONE.fullmatch(phone) or sum(c.isdigit() for c in phone) < 6):
        raise ValidationError(
            f"'{phone}' is geen telefoonnummer. Gebruik cijfers, bijvoorbeeld 06 12345678.",
            code="invalid_phone",
        )
    return phone
