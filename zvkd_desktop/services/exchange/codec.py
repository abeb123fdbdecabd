"""Field values to and from their JSON form, with a Dutch explanation for every refusal.

Dates are ``jjjj-mm-dd``, times ``uu:mm:ss``, moments are UTC and written with a trailing ``Z``
(the store keeps them as naive UTC), ids are canonical lowercase UUIDs, enum values are their
English codes, binary values lowercase hexadecimal. The writers always produce exactly one form of
each value, so an export read back and written again is byte-for-byte the same.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import uuid
from typing import Any

from zvkd_desktop.services.exchange.spec import Field

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?")
_TIME = re.compile(r"\d{2}:\d{2}(:\d{2})?")
_HEX = re.compile(r"(?:[0-9a-f]{2})*")


class FieldError(ValueError):
    """A value that does not fit its field; the text is the Dutch explanation."""


def encode(field: Field, value: Any) -> Any:
    if value is None:
        return None
    kind = field.kind
    if kind == "uuid":
        return str(value)
    if kind == "datetime":
        return value.isoformat() + "Z"
    if kind in ("date", "time"):
        return value.isoformat()
    if kind == "enum":
        return value.value if isinstance(value, enum.Enum) else str(value)
    if kind == "hex":
        return bytes(value).hex()
    return value


def json_type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "een geheel getal"
    if isinstance(value, float):
        return "een getal"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een object"
    return type(value).__name__


_EXPECTED = {
    "uuid": "een UUID als tekst",
    "date": "een datum als tekst (jjjj-mm-dd)",
    "datetime": "een tijdstip als tekst (jjjj-mm-ddTuu:mm:ssZ)",
    "time": "een tijd als tekst (uu:mm:ss)",
    "string": "tekst",
    "enum": "tekst",
    "hex": "hexadecimale tekst",
    "int": "een geheel getal",
    "bool": "true of false",
}


def _wrong_type(field: Field, value: Any) -> FieldError:
    return FieldError(f"verwacht {_EXPECTED[field.kind]}, gevonden {json_type_name(value)}")


def decode(field: Field, value: Any) -> Any:
    """The Python value of a JSON value (not None; the caller handles null and missing)."""
    kind = field.kind
    if kind == "json":
        if field.name == "payload" and not isinstance(value, dict):
            raise FieldError(f"verwacht een object, gevonden {json_type_name(value)}")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise _wrong_type(field, value)
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise _wrong_type(field, value)
        return value
    if not isinstance(value, str):
        raise _wrong_type(field, value)
    if kind == "string":
        if field.max_length is not None and len(value) > field.max_length:
            raise FieldError(f"te lang ({len(value)} tekens, hoogstens {field.max_length})")
        return value
    if kind == "enum":
        if value not in field.choices:
            raise FieldError(
                f"'{_clip(value)}' is geen geldige waarde; toegestaan: {', '.join(field.choices)}"
            )
        assert field.enum is not None
        return field.enum(value)
    if kind == "uuid":
        return parse_uuid(value)
    if kind == "date":
        return parse_date(value)
    if kind == "datetime":
        return _parse_datetime(value)
    if kind == "time":
        if not _TIME.fullmatch(value):
            raise FieldError(f"'{_clip(value)}' is geen geldige tijd (verwacht uu:mm:ss)")
        try:
            return dt.time.fromisoformat(value)
        except ValueError as exc:
            raise FieldError(f"'{_clip(value)}' is geen bestaande tijd") from exc
    if kind == "hex":
        if not _HEX.fullmatch(value):
            raise FieldError("geen geldige hexadecimale waarde (kleine letters, even lengte)")
        data = bytes.fromhex(value)
        if field.max_length is not None and len(data) > field.max_length:
            raise FieldError(f"te lang ({len(data)} bytes, hoogstens {field.max_length})")
        return data
    raise AssertionError(kind)


def parse_uuid(value: str) -> uuid.UUID:
    if not _UUID.fullmatch(value):
        raise FieldError(f"'{_clip(value)}' is geen geldige UUID")
    return uuid.UUID(value)


def parse_date(value: str) -> dt.date:
    if not _DATE.fullmatch(value):
        raise FieldError(f"'{_clip(value)}' is geen geldige datum (verwacht jjjj-mm-dd)")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise FieldError(f"'{_clip(value)}' is geen bestaande datum") from exc


def _parse_datetime(value: str) -> dt.datetime:
    if not _DATETIME.fullmatch(value):
        raise FieldError(
            f"'{_clip(value)}' is geen geldig tijdstip (verwacht jjjj-mm-ddTuu:mm:ssZ)"
        )
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise FieldError(f"'{_clip(value)}' is geen bestaand tijdstip") from exc
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
