"""Settings and the audit log."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from zvkd_desktop.store.models.base import Base, SyncRow


class Setting(SyncRow, Base):
    """A store-wide setting (policy months, review cadence, retention ...), as JSON."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), unique=True)
    value: Mapped[Any] = mapped_column(JSON)


class AuditEntry(Base):
    """Append-only log entry, hash-chained (``prev_hash`` → ``entry_hash``).

    Not a SyncRow: entries are never updated, so they need no revision or tombstone; ``seq``
    orders them. ``changes`` holds field names with old and new values; values of personal
    fields are blanked when the record they belong to is erased.
    """

    __tablename__ = "audit_entry"
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    id: Mapped[uuid.UUID] = mapped_column(unique=True, default=uuid.uuid4)
    at: Mapped[dt.datetime]
    user_id: Mapped[uuid.UUID | None]
    device_id: Mapped[uuid.UUID | None]
    action: Mapped[str] = mapped_column(String(32))
    table_name: Mapped[str | None] = mapped_column(String(64))
    record_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    case_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    prev_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    entry_hash: Mapped[bytes] = mapped_column(LargeBinary(32))


class AuditSeal(Base):
    """Per audit entry with changes: its salt while the values exist, its commitments once erased.

    The chain hashes one salted commitment per changed field, not the values themselves, so the
    values of an erased person can be blanked while the chain still verifies (see services.audit).
    """

    __tablename__ = "audit_seal"
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    salt: Mapped[bytes | None] = mapped_column(LargeBinary(32))
    commitments: Mapped[Any | None] = mapped_column(JSON)
