"""The audit log: who changed what, when — append-only and hash-chained, and erasable.

Every service records its change here inside its own transaction, so a change and its log entry
commit together or not at all. Each entry's hash covers the previous entry's hash, so removing,
editing or reordering an entry breaks the chain (``verify_chain``).

Values are recorded per field, and personal values must be erased later together with the record
they belong to (privacy erasure) — without breaking the chain. So the chain does not hash the
values themselves but a *commitment* per field: ``sha256(salt ‖ field ‖ value)`` under a random
32-byte salt of the entry, kept in the ``audit_seal`` row of the entry. Erasing an entry's values
(:func:`erase_values`) stores the commitments, deletes the salt and nulls the values: the chain
still verifies, and the commitments reveal nothing, because without the salt even a value with
few possibilities (a date of birth) cannot be tried. Entries written before sealing existed hash
their values directly; :func:`reseal_legacy` converts them once (see its docstring).

The hashing itself lives in ``zvkd_desktop.store.audit_chain``: the store checks the chain at
every unlock and records its head in the authenticated header on every save, so the store layer
needs the very same definition of an entry's hash. This module writes and erases entries with it.
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    delete,
    func,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.orm import Session

from zvkd_desktop.store import audit_chain
from zvkd_desktop.store.audit_chain import GENESIS, chain_head, commitment, entry_hash, verify_chain
from zvkd_desktop.store.models import AuditEntry, AuditSeal, SyncRow
from zvkd_desktop.store.models.base import utcnow
from zvkd_desktop.store.store import CurrentUser

__all__ = [
    "GENESIS",
    "SEALS",
    "chain_head",
    "changes_of",
    "commitment",
    "entry_hash",
    "erase_values",
    "record",
    "record_row",
    "reseal_legacy",
    "verify_chain",
]

_SKIP = {"id", "created_at", "updated_at", "revision", "device_id"}
_json_value = audit_chain.json_value
_canonical = audit_chain.canonical
_commitments = audit_chain.commitments
_body = audit_chain.body
_sealed = audit_chain.sealed
_has_value = audit_chain.has_value

SEALS = AuditSeal.__table__
"""Per audit entry with changes: its salt while the values exist, its commitments once erased
(migration 0003; every store is migrated before a service sees it)."""


def _seals(session: Session, seqs: Iterable[int] | None = None) -> dict[int, tuple[Any, Any]]:
    """seq → (salt, commitments) for the given entries (all when ``seqs`` is None)."""
    return audit_chain.seals(session, seqs)


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
    changes = json.loads(_canonical(changes)) if changes else None  # as the JSON column keeps it
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
        changes=changes,
        prev_hash=last.entry_hash if last else GENESIS,
    )
    salt = secrets.token_bytes(32) if changes else None
    hashed = _sealed(_commitments(salt, changes)) if salt and changes else None
    entry.entry_hash = entry_hash(entry.prev_hash, _body(entry, hashed))
    session.add(entry)
    session.flush()
    if salt is not None:
        session.execute(insert(SEALS).values(seq=entry.seq, salt=salt, commitments=None))
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


def _hashed_changes(entry: AuditEntry, seal: tuple[Any, Any] | None) -> Any:
    """What the chain hashes for the entry's changes; ``False`` when they cannot be right."""
    return audit_chain.hashed_changes(entry.changes, seal)


# -- erasure -------------------------------------------------------------------------------------


def _blank(value: Any) -> Any:
    return [None] * len(value) if isinstance(value, list) else None


def erase_values(session: Session, entries: Iterable[AuditEntry]) -> int:
    """Null every value of these entries, keeping field names and a verifiable chain.

    The commitments replace the salt, so the chain verifies exactly as before; nothing that is
    left can give a value back. Returns how many entries had values to erase. Call
    :func:`reseal_legacy` first: an unsealed entry cannot be erased without breaking the chain.
    """
    todo = [e for e in entries if e.changes and any(_has_value(v) for v in e.changes.values())]
    seals = _seals(session, (e.seq for e in todo))
    for entry in todo:
        salt = seals.get(entry.seq, (None, None))[0]
        if salt is None:
            raise RuntimeError(f"audit entry {entry.seq} has no salt: reseal_legacy() first")
        assert entry.changes is not None
        done = _commitments(salt, entry.changes)
        entry.changes = {field: _blank(value) for field, value in entry.changes.items()}
        session.execute(
            update(SEALS).where(SEALS.c.seq == entry.seq).values(salt=None, commitments=done)
        )
    session.flush()
    return len(todo)


def reseal_legacy(session: Session, user: CurrentUser | None) -> int:
    """Seal entries written before sealing existed; returns how many were sealed (0: none).

    Their hashes cover their values directly, so sealing changes their hash and every hash after
    it: the chain is rebuilt from the first unsealed entry on, after checking it is intact (a
    broken chain is never "repaired" this way). A ``reseal`` entry records the old head, so the
    rebuild is itself on record.
    """
    # an entry without changes holds JSON null, which SQL does not see as NULL
    unsealed = select(AuditEntry.seq).where(func.json_type(AuditEntry.changes) != "null")
    unsealed = unsealed.where(AuditEntry.seq.not_in(select(SEALS.c.seq)))
    if session.scalar(unsealed.limit(1)) is None:
        return 0  # the usual case, answered without reading the log
    seals = _seals(session)
    entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
    legacy = [e for e in entries if e.changes is not None and e.seq not in seals]
    if not legacy:
        return 0
    if verify_chain(session) is not None:
        raise RuntimeError("the audit chain is broken; it is not resealed")
    old_head = entries[-1].entry_hash
    prev = GENESIS
    for entry in entries:
        if entry.seq >= legacy[0].seq:
            if entry.changes is not None and entry.seq not in seals:
                salt = secrets.token_bytes(32)
                session.execute(delete(SEALS).where(SEALS.c.seq == entry.seq))
                session.execute(insert(SEALS).values(seq=entry.seq, salt=salt, commitments=None))
                seals[entry.seq] = (salt, None)
            entry.prev_hash = prev
            hashed = _hashed_changes(entry, seals.get(entry.seq))
            entry.entry_hash = entry_hash(prev, _body(entry, hashed))
        prev = entry.entry_hash
    session.flush()
    record(session, user, "reseal", changes={"entries": len(legacy), "old_head": old_head.hex()})
    return len(legacy)
