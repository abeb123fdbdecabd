"""The audit log: who changed what, when — append-only and hash-chained.

Every service records its change here inside its own transaction, so a change and its log entry
commit together or not at all. Each entry's hash covers the previous entry's hash, so removing,
editing or reordering an entry breaks the chain (``verify_chain``). Values are recorded per field;
personal values are blanked later together with the record they belong to (privacy erasure).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from zvkd_desktop.store.models import AuditEntry, SyncRow
from zvkd_desktop.store.models.base import utcnow
from zvkd_desktop.store.store import CurrentUser

GENESIS = b"\0" * 32
_SKIP = {"id", "created_at", "updated_at", "revision", "device_id"}


def _json_value(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if hasattr(value, "value"):  # enums
        return value.value
    return value


def entry_hash(prev_hash: bytes, body: dict[str, Any]) -> bytes:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=_json_value)
    return hashlib.sha256(prev_hash + canonical.encode("utf-8")).digest()


def _body(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "id": str(entry.id),
        "at": entry.at.isoformat(),
        "user_id": str(entry.user_id) if entry.user_id else None,
        "action": entry.action,
        "table": entry.table_name,
        "record_id": str(entry.record_id) if entry.record_id else None,
        "case_id": str(entry.case_id) if entry.case_id else None,
        "changes": entry.changes,
    }


def changes_of(obj: SyncRow) -> dict[str, list[Any]]:
    """Field → [old, new] for a new or modified row (call before the session flushes it)."""
    state = inspect(obj)
    changes: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in _SKIP:
            continue
        history = state.attrs[key].history
        if state.transient or state.pending:
            value = getattr(obj, key)
            if value is not None:
                changes[key] = [None, _json_value(value)]
        elif history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            changes[key] = [_json_value(old), _json_value(new)]
    return changes


def record(
    session: Session,
    user: CurrentUser | None,
    action: str,
    *,
    table: str | None = None,
    record_id: uuid.UUID | None = None,
    case_id: uuid.UUID | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the chain (same transaction as the change it describes)."""
    last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).first()
    entry = AuditEntry(
        seq=(last.seq + 1) if last else 1,
        id=uuid.uuid4(),
        at=utcnow().replace(microsecond=0),
        user_id=user.id if user else None,
        device_id=session.info.get("device_id"),
        action=action,
        table_name=table,
        record_id=record_id,
        case_id=case_id,
        changes=changes or None,
        prev_hash=last.entry_hash if last else GENESIS,
    )
    entry.entry_hash = entry_hash(entry.prev_hash, _body(entry))
    session.add(entry)
    session.flush()
    return entry


def record_row(
    session: Session,
    user: CurrentUser | None,
    action: str,
    obj: SyncRow,
    *,
    case_id: uuid.UUID | None = None,
) -> AuditEntry:
    """Record a new or changed ORM row with its field changes; flushes the row first for its id."""
    changes = changes_of(obj)
    if obj.id is None:
        obj.id = uuid.uuid4()
    return record(
        session,
        user,
        action,
        table=obj.__tablename__,  # type: ignore[attr-defined]
        record_id=obj.id,
        case_id=case_id,
        changes=changes,
    )


def verify_chain(session: Session) -> int | None:
    """The seq of the first entry whose hash or link is wrong, or None when the chain is intact."""
    prev = GENESIS
    expected_seq = 1
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
        if entry.seq != expected_seq or entry.prev_hash != prev:
            return entry.seq
        if entry.entry_hash != entry_hash(prev, _body(entry)):
            return entry.seq
        prev = entry.entry_hash
        expected_seq += 1
    return None


def chain_head(session: Session) -> bytes:
    last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).first()
    return last.entry_hash if last else GENESIS
