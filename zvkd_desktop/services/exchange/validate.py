"""Reading an exchange file into checked rows: syntax, version, fields, types and values.

This is the first half of the import's "check everything before writing anything": it turns the
document into rows of Python values and records every problem with its path. The second half
(rules.py) checks how rows relate: ids, references and dates that contradict each other.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from zvkd_desktop.domain.neighbourhoods import BY_CODE
from zvkd_desktop.services.exchange.codec import FieldError, decode, json_type_name, parse_date
from zvkd_desktop.services.exchange.problems import Problems
from zvkd_desktop.services.exchange.spec import (
    FORMAT,
    TOP_LEVEL_KEYS,
    VERSION,
    Collection,
    collections,
)

_JSON_MESSAGES = {
    "Expecting value": "hier wordt een waarde verwacht",
    "Expecting ',' delimiter": "hier wordt een komma verwacht",
    "Expecting ':' delimiter": "hier wordt een dubbele punt verwacht",
    "Expecting property name enclosed in double quotes": (
        "hier wordt een veldnaam tussen dubbele aanhalingstekens verwacht"
    ),
    "Unterminated string starting at": "een tekst zonder afsluitend aanhalingsteken begint hier",
    "Extra data": "na het einde van het document staan nog tekens",
    "Invalid control character at": "ongeldig stuurteken in een tekst",
    "Invalid \\escape": "ongeldige escape (\\) in een tekst",
    "Invalid \\uXXXX escape": "ongeldige \\u-escape in een tekst",
}


@dataclass
class Row:
    """One row of the file: where it is, its decoded values, and which collection it belongs to."""

    collection: Collection
    path: str
    values: dict[str, Any]

    @property
    def id(self) -> Any:
        return self.values.get("id")

    @property
    def deleted(self) -> bool:
        return self.values.get("deleted_at") is not None


@dataclass
class ParsedExchange:
    exported_on: dt.date | None
    rows: dict[str, list[Row]]  # by collection path ("plan_versions.goals"), file order


def parse_json(raw: bytes, problems: Problems) -> Any:
    """The JSON document, or None after recording why it is not one (with line and column)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.error(
            "",
            f"het bestand is geen UTF-8-tekst (onleesbare byte op positie {exc.start}); is dit "
            "wel een exportbestand van ZVKD Desktop?",
        )
        return None
    stripped = text.lstrip()
    if not stripped.startswith("{"):
        problems.error(
            "",
            "het bestand begint niet met een JSON-object ('{'); is dit wel een exportbestand van "
            "ZVKD Desktop?",
        )
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        explanation = _JSON_MESSAGES.get(exc.msg, exc.msg)
        at_end = exc.msg.startswith("Unterminated string") or not text[exc.pos :].strip()
        hint = " (het bestand lijkt afgekapt)" if at_end else ""
        problems.error(
            "",
            f"geen geldige JSON op regel {exc.lineno}, kolom {exc.colno}: {explanation}{hint}",
        )
    except RecursionError:
        problems.error("", "geen geldige JSON: te diep geneste lijsten of objecten")
    return None


def check_document(document: Any, problems: Problems) -> ParsedExchange | None:
    """Check the envelope fields and every row; None when the file is not an exchange file."""
    if not isinstance(document, dict):
        problems.error("", f"verwacht een JSON-object, gevonden {json_type_name(document)}")
        return None
    if document.get("format") != FORMAT:
        found = document.get("format")
        problems.error(
            "format",
            f"verwacht '{FORMAT}', gevonden {_show(found)}: dit is geen exportbestand van "
            "ZVKD Desktop",
        )
        return None
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        problems.error("version", f"verwacht een geheel getal, gevonden {_show(version)}")
        return None
    if version > VERSION:
        problems.error(
            "version",
            f"dit bestand is gemaakt met een nieuwere versie van ZVKD Desktop (formaatversie "
            f"{version}; deze versie leest tot en met {VERSION}). Werk het programma bij.",
        )
        return None
    if version < 1:
        problems.error("version", f"onbekende formaatversie {version}")
        return None
    exported_on = _exported_on(document.get("exported_on"), problems)
    known = set(TOP_LEVEL_KEYS) | {c.key for c in collections()}
    for key in document:
        if key not in known:
            problems.warn(key, "onbekend veld; wordt genegeerd")
    rows: dict[str, list[Row]] = {}
    for collection in collections():
        _check_list(
            document.get(collection.key, []), collection, collection.key, None, rows, problems
        )
    return ParsedExchange(exported_on, rows)


def _exported_on(value: Any, problems: Problems) -> dt.date | None:
    if value is None:
        problems.error("exported_on", "ontbreekt")
        return None
    if not isinstance(value, str):
        problems.error("exported_on", f"verwacht een datum als tekst, gevonden {_show(value)}")
        return None
    try:
        return parse_date(value)
    except FieldError as exc:
        problems.error("exported_on", str(exc))
        return None


def _check_list(
    items: Any,
    collection: Collection,
    path: str,
    parent_id: Any,
    rows: dict[str, list[Row]],
    problems: Problems,
) -> None:
    bucket = rows.setdefault(collection.path, [])
    if not isinstance(items, list):
        problems.error(path, f"verwacht een lijst, gevonden {json_type_name(items)}")
        return
    for index, item in enumerate(items):
        item_path = f"{path}[{index}]"
        if not isinstance(item, dict):
            problems.error(item_path, f"verwacht een object, gevonden {json_type_name(item)}")
            continue
        row = _check_row(item, collection, item_path, problems)
        if collection.parent_field is not None:
            row.values[collection.parent_field] = parent_id
        bucket.append(row)
        for child in collection.children:
            _check_list(
                item.get(child.key, []), child, f"{item_path}.{child.key}", row.id, rows, problems
            )


def _check_row(item: dict[str, Any], collection: Collection, path: str, problems: Problems) -> Row:
    values: dict[str, Any] = {}
    for spec_field in collection.fields:
        field_path = f"{path}.{spec_field.name}"
        if spec_field.name not in item or item[spec_field.name] is None:
            if spec_field.nullable:
                values[spec_field.name] = None
            elif spec_field.name not in item:
                problems.error(field_path, "ontbreekt")
            else:
                problems.error(field_path, "mag niet leeg (null) zijn")
            continue
        try:
            values[spec_field.name] = decode(spec_field, item[spec_field.name])
        except FieldError as exc:
            problems.error(field_path, str(exc))
    known = {f.name for f in collection.fields} | {c.key for c in collection.children}
    for key in item:
        if key not in known:
            problems.warn(f"{path}.{key}", "onbekend veld; wordt genegeerd")
    if collection.table == "youth" and values.get("neighbourhood") not in (None, *BY_CODE):
        problems.error(
            f"{path}.neighbourhood",
            f"'{values['neighbourhood']}' is geen bekende wijk; toegestaan: {', '.join(BY_CODE)}",
        )
    if values.get("revision") is not None and values["revision"] < 1:
        problems.error(f"{path}.revision", "moet 1 of hoger zijn")
    return Row(collection, path, values)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value[:40]}'"
    if value is None:
        return "niets"
    return json_type_name(value)
