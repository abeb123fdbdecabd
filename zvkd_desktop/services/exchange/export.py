"""Writing the exchange file: the whole store's PAD data as one deterministic JSON document.

Deterministic on purpose: rows are ordered by natural keys with the id breaking ties, keys appear
in a fixed order, and every value has exactly one written form. Then export → import into an
empty store → export gives the same bytes, which is the simplest proof that nothing was lost.
Tombstones are exported too, so a sync peer learns of deletions. The audit log, users and key
material are never part of it.

Only a coordinator exports. The file is the whole store by design (the round trip above, and an
import elsewhere, need every row a meeting or a registration refers to); a coach's or partner's
share of it would be a different document that no import could take. A written export is
recorded in the audit log (``access_log.record_export``, kind "exchange") before the file is
written, so no export leaves unrecorded.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.errors import KnownError
from zvkd_desktop.services.access import require_role
from zvkd_desktop.services.access_log import record_export
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.exchange.codec import encode
from zvkd_desktop.services.exchange.spec import (
    FORMAT,
    VERSION,
    Collection,
    all_collections,
    collections,
)
from zvkd_desktop.store import sealed
from zvkd_desktop.store.kdf import KdfParams

Record = dict[str, Any]


def export_exchange(ctx: ServiceContext) -> dict[str, Any]:
    """The exchange document of the whole store (see resources/exchange-format.md)."""
    require_role(ctx.user, UserRole.COORDINATOR)
    with ctx.store.read() as session:
        grouped = {c.path: _rows_by_parent(session, c) for c in all_collections()}
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_on": ctx.today().isoformat(),
    }
    for collection in collections():
        document[collection.key] = _encode(
            collection, grouped[collection.path].get(None, []), grouped
        )
    return document


def dumps(document: dict[str, Any]) -> bytes:
    """The one written form of a document: UTF-8, two-space indent, keys in the given order."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_export(
    ctx: ServiceContext,
    path: Path,
    *,
    password: str | None,
    kdf: KdfParams | None = None,
) -> Path:
    """Write the export; with a password sealed in the store's envelope (suffix .zvkdx).

    Returns the path written: a sealed export always gets the .zvkdx suffix, so it is never
    mistaken for readable JSON. The file is created owner-only (0600) and swapped in atomically,
    so an interrupted export never leaves half a file of personal data behind under its name.
    """
    payload = dumps(export_exchange(ctx))
    path = Path(path)
    if password is not None:
        path = path.with_suffix(sealed.SUFFIX)
        payload = sealed.seal_export(payload, password, kdf=kdf)
    record_export(ctx, "exchange", "all", formats=["zvkdx" if password is not None else "json"])
    _write_private(path, payload)
    return path


def _rows_by_parent(session: Session, collection: Collection) -> dict[Any, list[Any]]:
    """All rows of a table (tombstones too) in one query, grouped by their parent's id."""
    table = collection.model.__table__  # type: ignore[attr-defined]
    grouped: dict[Any, list[Any]] = defaultdict(list)
    for row in session.execute(select(table)).mappings():
        grouped[row[collection.parent_field] if collection.parent_field else None].append(row)
    return grouped


def _encode(
    collection: Collection, rows: list[Any], grouped: dict[str, dict[Any, list[Any]]]
) -> list[Record]:
    out: list[Record] = []
    for row in sorted(rows, key=lambda r: _sort_key(collection, r)):
        record = {f.name: encode(f, row[f.name]) for f in collection.fields}
        for child in collection.children:
            record[child.key] = _encode(child, grouped[child.path].get(row["id"], []), grouped)
        out.append(record)
    return out


def _sort_key(collection: Collection, row: Any) -> tuple[Any, ...]:
    key: list[Any] = []
    for name in (*collection.order, "id"):
        value = row[name]
        if value is None:
            key.append((0, ""))
        else:
            value = value.value if hasattr(value, "value") else value
            key.append((1, str(value) if isinstance(value, uuid.UUID) else value))
    return tuple(key)


def _write_private(path: Path, payload: bytes) -> None:
    folder = path.parent
    tmp = folder / f".{path.name}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise KnownError(
            f"Het exportbestand kon niet worden geschreven ({exc.strerror or 'schrijffout'}). "
            "Kies een andere map en probeer opnieuw.",
            code="export_write_failed",
        ) from exc
