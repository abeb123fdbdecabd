"""Declarative base and the columns every synchronisable row carries.

Every row has a UUID key, created/updated timestamps (UTC), a revision counter that SQLAlchemy
increments on each update (and checks, so a stale write fails instead of overwriting), the id of
the device that last changed it, and a tombstone instead of a physical delete. That is what offline
sync with a shared store needs later, so it is here from the first table.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

from sqlalchemy import DateTime, Enum, MetaData, String, Uuid, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, declared_attr, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {uuid.UUID: Uuid(as_uuid=True), dt.datetime: DateTime()}


def enum_type(enum_cls: type[enum.Enum]) -> Enum:
    """Store an enum by its value (the English code), as a plain string column."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class SyncRow:
    """Mixin: the sync columns (see module docstring)."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revision: Mapped[int] = mapped_column(default=1)
    device_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(default=None)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        return {"version_id_col": cls.revision}

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def tombstone(self, when: dt.datetime | None = None) -> None:
        """Mark the row deleted; the row stays so a sync peer learns of the deletion."""
        self.deleted_at = when or utcnow()


def short_text(length: int = 200) -> String:
    return String(length)


@event.listens_for(Session, "before_flush")
def _stamp_sync_columns(session: Session, _ctx: object, _instances: object) -> None:
    """Stamp device and update time on every new or changed row, in one place."""
    device = session.info.get("device_id")
    now = utcnow()
    for obj in session.new:
        if isinstance(obj, SyncRow):
            obj.created_at = obj.created_at or now
            obj.updated_at = now
            obj.device_id = device
    for obj in session.dirty:
        if isinstance(obj, SyncRow) and session.is_modified(obj, include_collections=False):
            obj.updated_at = now
            obj.device_id = device
