"""The audit log's hash chain: how an entry is hashed, and whether the chain in a database holds.

Pure hashing over the ``audit_entry`` and ``audit_seal`` tables, here in the store layer because
the store checks the chain itself: every save writes the chain's head into the authenticated
header, and every unlock recomputes the chain and compares (see store.py). services/audit.py
writes the entries (and erases their values) with these same functions, so there is one
definition of an entry's hash.

An entry's hash covers the previous entry's hash and the entry's fields. Its changed values are
not hashed themselves but as a salted commitment per field (``sha256(salt ‖ field ‖ value)``, the
salt in the entry's ``audit_seal`` row), so personal values can be erased later — the salt goes,
the commitments stay — without breaking the chain. Entries written before sealing existed hash
their values directly (services/audit.py ``reseal_legacy`` converts them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from zvkd_desktop.errors import DamagedStoreError
from zvkd_desktop.store.models import AuditEntry, AuditSeal

GENESIS = b"\0" * 32
SEALED = "sealed-v2"
"""Marks a sealed entry's hashed body, so a sealed and a legacy body can never be confused."""

_ENTRY_COLUMNS = (
    AuditEntry.seq,
    AuditEntry.id,
    AuditEntry.at,
    AuditEntry.user_id,
    AuditEntry.action,
    AuditEntry.table_name,
    AuditEntry.record_id,
    AuditEntry.case_id,
    AuditEntry.changes,
    AuditEntry.prev_hash,
    AuditEntry.entry_hash,
)


def json_value(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if hasattr(value, "value"):  # enums
        return value.value
    return value


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), default=json_value)
"""What ``json.dumps(value, sort_keys=True, separators=(",", ":"), default=json_value)`` builds
on every call; made once, because the whole log is hashed at every unlock."""


def canonical(value: Any) -> bytes:
    return _ENCODER.encode(value).encode("utf-8")


def entry_hash(prev_hash: bytes, body: dict[str, Any]) -> bytes:
    return hashlib.sha256(prev_hash + canonical(body)).digest()


def commitment(salt: bytes, field: str, value: Any) -> str:
    """The hex commitment to one field's value under the entry's salt."""
    return hashlib.sha256(salt + canonical([field, value])).hexdigest()


def commitments(salt: bytes, changes: dict[str, Any]) -> dict[str, str]:
    return {field: commitment(salt, field, value) for field, value in changes.items()}


def sealed(done: dict[str, str]) -> dict[str, Any]:
    return {SEALED: done}


def body(entry: Any, hashed_changes: Any) -> dict[str, Any]:
    """What an entry's hash covers; ``entry`` is an AuditEntry or a row with its columns."""
    return {
        "seq": entry.seq,
        "id": str(entry.id),
        "at": entry.at.isoformat(),
        "user_id": str(entry.user_id) if entry.user_id else None,
        "action": entry.action,
        "table": entry.table_name,
        "record_id": str(entry.record_id) if entry.record_id else None,
        "case_id": str(entry.case_id) if entry.case_id else None,
        "changes": hashed_changes,
    }


def has_value(value: Any) -> bool:
    return any(v is not None for v in value) if isinstance(value, list) else value is not None


def hashed_changes(changes: Any, seal: tuple[Any, Any] | None) -> Any:
    """What the chain hashes for an entry's changes; ``False`` when they cannot be right."""
    if changes is None:
        return None if seal is None else False
    if seal is None:
        return changes  # written before sealing existed (see services.audit.reseal_legacy)
    salt, done = seal
    if salt is not None:
        return sealed(commitments(salt, changes))
    erased = isinstance(done, dict) and set(done) == set(changes)
    if not erased or any(has_value(v) for v in changes.values()):
        return False
    return sealed(done)


def seals(session: Session, seqs: Iterable[int] | None = None) -> dict[int, tuple[Any, Any]]:
    """seq → (salt, commitments) for the given entries (all when ``seqs`` is None)."""
    if not inspect(session.connection()).has_table(AuditSeal.__tablename__):
        return {}
    query = select(AuditSeal.seq, AuditSeal.salt, AuditSeal.commitments)
    if seqs is not None:
        wanted = list(seqs)
        found: dict[int, tuple[Any, Any]] = {}
        for start in range(0, len(wanted), 500):
            chunk = query.where(AuditSeal.seq.in_(wanted[start : start + 500]))
            found.update((seq, (salt, done)) for seq, salt, done in session.execute(chunk))
        return found
    return {seq: (salt, done) for seq, salt, done in session.execute(query)}


def verify_chain(session: Session) -> int | None:
    """The seq of the first entry whose hash or link is wrong, or None when the chain is intact.

    This runs at every unlock over the whole log, so it reads the raw column values and builds
    each entry's body from them (:func:`_raw_body`: about twice as fast as ORM values). A raw
    value in any form other than the one SQLAlchemy writes is not trusted: that entry, and any
    entry whose hash does not match this way, is checked again from its ORM values with
    :func:`body` — the one definition — before it counts as broken.
    """
    session.flush()  # the raw read below does not autoflush pending entries
    pending = seals(session)
    prev = GENESIS
    expected_seq = 1
    sha256 = hashlib.sha256
    rows = session.connection().exec_driver_sql(
        "SELECT seq, id, at, user_id, action, table_name, record_id, case_id, changes, "
        "prev_hash, entry_hash FROM audit_entry ORDER BY seq"
    )
    for row in rows:
        seq, prev_hash, stored = row[0], row[9], row[10]
        if seq != expected_seq or prev_hash != prev:
            return int(seq)
        seal = pending.pop(seq, None)
        raw = _raw_body(row, seal)
        if raw is None or stored != sha256(prev + _ENCODER.encode(raw).encode("utf-8")).digest():
            if not _matches_orm(session, seq, prev, seal, stored):
                return int(seq)
        prev = stored
        expected_seq += 1
    if pending:  # a seal whose entry is gone: an entry was removed from the end
        return min(pending)
    return None


_HEX32 = re.compile(r"[0-9a-f]{32}")
_STORED_AT = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")


def _uuid_text(raw: Any) -> str | None:
    """str(uuid) of a Uuid column as SQLAlchemy stores it on SQLite (32 lower-case hex)."""
    if raw is None:
        return None
    if not isinstance(raw, str) or not _HEX32.fullmatch(raw):
        raise ValueError("not a stored uuid")
    return f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}"


def _raw_body(row: Any, seal: tuple[Any, Any] | None) -> dict[str, Any] | None:
    """:func:`body` from raw column values, or None when a value is not in its stored form."""
    _seq, id_, at, user_id, action, table, record_id, case_id, changes = row[:9]
    try:
        if not isinstance(at, str) or not _STORED_AT.fullmatch(at):
            return None
        micro = at[20:]
        hashed = hashed_changes(json.loads(changes) if changes is not None else None, seal)
        if hashed is False or _uuid_text(id_) is None:
            return None
        return {
            "seq": row[0],
            "id": _uuid_text(id_),
            "at": f"{at[:10]}T{at[11:19]}" + ("" if micro == "000000" else f".{micro}"),
            "user_id": _uuid_text(user_id),
            "action": action,
            "table": table,
            "record_id": _uuid_text(record_id),
            "case_id": _uuid_text(case_id),
            "changes": hashed,
        }
    except (ValueError, TypeError):
        return None


def _matches_orm(
    session: Session, seq: int, prev: bytes, seal: tuple[Any, Any] | None, stored: bytes
) -> bool:
    """The reference check of one entry, from the values the ORM reads."""
    try:
        entry = session.execute(select(*_ENTRY_COLUMNS).where(AuditEntry.seq == seq)).one()
        hashed = hashed_changes(entry.changes, seal)
        return hashed is not False and stored == entry_hash(prev, body(entry, hashed))
    except (ValueError, TypeError, AttributeError, LookupError):
        return False  # a value the ORM cannot even read


def chain_head(session: Session) -> bytes:
    last = session.execute(
        select(AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).scalar()
    return last if last is not None else GENESIS


@dataclass(frozen=True)
class ChainHead:
    """The last entry's hash and seq: what the store's header records on every save."""

    head: bytes
    last_seq: int

    def to_json(self) -> dict[str, Any]:
        return {"head": self.head.hex(), "last_seq": self.last_seq}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChainHead:
        return cls(bytes.fromhex(str(data["head"])), int(data["last_seq"]))


def current_head(session: Session) -> ChainHead:
    row = session.execute(
        select(AuditEntry.entry_hash, AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    return ChainHead(row[0], int(row[1])) if row else ChainHead(GENESIS, 0)


@dataclass(frozen=True)
class ChainStatus:
    """The outcome of checking the chain against the head a header recorded."""

    entries: int
    broken_at: int | None  # the first seq whose hash or link is wrong
    recorded: ChainHead | None  # what the header says (None: a format-1 file records nothing)
    actual: ChainHead

    @property
    def head_matches(self) -> bool:
        return self.recorded is None or self.recorded == self.actual

    @property
    def intact(self) -> bool:
        return self.broken_at is None and self.head_matches


def check(session: Session, recorded: ChainHead | None) -> ChainStatus:
    entries = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    return ChainStatus(entries, verify_chain(session), recorded, current_head(session))


# -- the head in the header ------------------------------------------------------------------------

AUDIT_BROKEN = (
    "Het logboek (auditlog) in dit bestand klopt niet vanaf regel {seq}: een regel is gewijzigd, "
    "verwijderd of verplaatst. Er is met het bestand geknoeid of het is beschadigd. Open een "
    "eerdere versie (reservekopie) en laat de coördinator het bestand onderzoeken met 'zvkd verify'."
)
AUDIT_HEAD = (
    "Het logboek (auditlog) in dit bestand sluit niet aan op wat bij het opslaan is vastgelegd "
    "({recorded} regels vastgelegd, {found} gevonden): regels zijn verwijderd of vervangen. Er is "
    "met het bestand geknoeid of het is beschadigd. Open een eerdere versie (reservekopie) en laat "
    "de coördinator het bestand onderzoeken met 'zvkd verify'."
)


def head_of(connection: sqlite3.Connection) -> ChainHead:
    """The head, read on the raw connection: a save may run inside another session's read."""
    row = connection.execute(
        "SELECT entry_hash, seq FROM audit_entry ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    return ChainHead(bytes(row[0]), int(row[1])) if row else ChainHead(GENESIS, 0)


def recorded_head(audit: dict[str, Any] | None) -> ChainHead | None:
    """The head a header recorded; None for a format-1 file, which recorded none."""
    if audit is None:
        return None
    try:
        return ChainHead.from_json(audit)
    except (KeyError, ValueError, TypeError) as exc:  # authenticated, so written that way
        raise DamagedStoreError(
            AUDIT_HEAD.format(recorded="?", found="?"), code="audit_tampered"
        ) from exc


def refuse_broken(session: Session, audit: dict[str, Any] | None) -> None:
    """Refuse (at unlock) a log whose chain breaks or does not end in the recorded head."""
    recorded = recorded_head(audit)
    status = check(session, recorded)
    if status.broken_at is not None:
        raise DamagedStoreError(AUDIT_BROKEN.format(seq=status.broken_at), code="audit_tampered")
    if recorded is not None and not status.head_matches:
        raise DamagedStoreError(
            AUDIT_HEAD.format(recorded=recorded.last_seq, found=status.actual.last_seq),
            code="audit_tampered",
        )
