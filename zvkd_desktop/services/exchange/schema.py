"""The JSON Schema (draft 2020-12) of the exchange file, built from the same spec as the code.

The shipped file ``exchange-schema.v1.json`` is this function's output; a test keeps the two
equal. Regenerate after a format change with
``python -m zvkd_desktop.services.exchange.schema``. Unknown fields are allowed by the schema
(the importer warns about them), so a file from a later minor change still validates.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from zvkd_desktop.services.exchange.descriptions import COLLECTIONS, describe
from zvkd_desktop.services.exchange.spec import FORMAT, VERSION, Collection, Field, collections

SCHEMA_PATH = Path(__file__).with_name(f"exchange-schema.v{VERSION}.json")

_BASE: dict[str, dict[str, Any]] = {
    "uuid": {
        "type": "string",
        "format": "uuid",
        "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
    },
    "date": {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    "datetime": {
        "type": "string",
        "format": "date-time",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})?$",
    },
    "time": {"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}(:[0-9]{2})?$"},
    "string": {"type": "string"},
    "int": {"type": "integer"},
    "bool": {"type": "boolean"},
    "hex": {"type": "string", "pattern": "^([0-9a-f]{2})*$"},
    "json": {},
}
_REF_NAMES = {c.table: c.key for c in collections()}


def _field_schema(collection: Collection, field: Field) -> dict[str, Any]:
    schema: dict[str, Any] = {"description": describe(collection.table, field.name)}
    base = dict(_BASE.get(field.kind, {}))
    if field.kind == "enum":
        base = {"type": "string", "enum": field.choices}
    if field.kind == "string" and field.max_length:
        base["maxLength"] = field.max_length
    if field.kind == "hex" and field.max_length:
        base["maxLength"] = 2 * field.max_length
    if field.kind == "int" and field.name in ("revision",):
        base["minimum"] = 1
    if field.kind == "json" and field.name == "payload":
        base = {"type": "object"}
    if field.ref:
        schema["description"] += f" Refers to the id of a row in {_REF_NAMES[field.ref]}."
    if field.nullable and field.kind != "json":
        if "enum" in base:
            base["enum"] = [*base["enum"], None]
        base["type"] = [base["type"], "null"]
    schema.update(base)
    return schema


def _collection_schema(collection: Collection, defs: dict[str, Any]) -> str:
    name = collection.path.replace(".", "_")
    properties: dict[str, Any] = {f.name: _field_schema(collection, f) for f in collection.fields}
    for child in collection.children:
        properties[child.key] = {
            "type": "array",
            "description": COLLECTIONS[child.path],
            "items": {"$ref": f"#/$defs/{_collection_schema(child, defs)}"},
        }
    defs[name] = {
        "type": "object",
        "description": COLLECTIONS[collection.path],
        "required": [f.name for f in collection.fields if not f.nullable],
        "properties": properties,
    }
    return name


def build_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    properties: dict[str, Any] = {
        "format": {"const": FORMAT, "description": "Always 'zvkd-exchange'."},
        "version": {
            "const": VERSION,
            "description": "Format version; a newer version is refused by older programs.",
        },
        "exported_on": {
            "type": "string",
            "format": "date",
            "description": "The day the export was made.",
        },
    }
    for collection in collections():
        properties[collection.key] = {
            "type": "array",
            "description": COLLECTIONS[collection.path],
            "items": {"$ref": f"#/$defs/{_collection_schema(collection, defs)}"},
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:zvkd:exchange:v{VERSION}",
        "title": f"ZVKD Desktop exchange file, version {VERSION}",
        "description": "The whole store's PAD data; see resources/exchange-format.md.",
        "type": "object",
        "required": ["format", "version", "exported_on"],
        "properties": properties,
        "$defs": defs,
    }


def schema_text() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":  # pragma: no cover - a developer's regeneration step
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(SCHEMA_PATH)
