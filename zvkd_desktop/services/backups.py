"""Backups: where (a folder the coordinator chooses), when (a schedule), how many, made now.

A backup is a byte-for-byte copy of a freshly saved generation of the store file (see
``store.backup_files``), so it is encrypted and authenticated exactly as the store is. The three
settings are store rows (``Setting`` keys ``backup_folder``, ``backup_schedule``, ``backup_keep``),
read and written here because ``services.settings`` only knows whole-number settings;
``get_settings_from_session`` skips keys it does not know, so they live side by side. The schedule
itself (pure) is in ``services.backup_schedule``, restoring in ``services.backup_restore``.

No clock is read here: ``now`` is always a parameter (the GUI and the CLI pass the real time).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services.access import require_role
from zvkd_desktop.services.audit import record, record_row
from zvkd_desktop.services.backup_schedule import (
    WEEKDAYS,
    BackupSchedule,
    Frequency,
    is_due,
    next_due,
)
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.store.backup_files import (
    BackupFile,
    BackupKind,
    Snapshot,
    describe,
    list_backups_in,
    newest_made_at,
    prune,
    require_folder,
    snapshot,
    write_snapshot,
)
from zvkd_desktop.store.models import Setting
from zvkd_desktop.store.store import CurrentUser

__all__ = [
    "DEFAULT_KEEP",
    "MAX_KEEP",
    "MIN_KEEP",
    "WEEKDAYS",
    "BackupFile",
    "BackupKind",
    "BackupSchedule",
    "BackupSettings",
    "Frequency",
    "Snapshot",
    "backup_now",
    "backup_settings_in",
    "checked_keep",
    "describe_backup",
    "due",
    "folder_warning",
    "get_backup_settings",
    "is_due",
    "last_backup_at",
    "list_backups_in",
    "next_due",
    "prune",
    "record_backup",
    "require_coordinator",
    "set_backup_folder",
    "set_backup_keep",
    "set_backup_schedule",
    "take_snapshot",
    "target_folder",
    "write_snapshot",
]

FOLDER_KEY = "backup_folder"
SCHEDULE_KEY = "backup_schedule"
KEEP_KEY = "backup_keep"
DEFAULT_KEEP = 10
MIN_KEEP, MAX_KEEP = 1, 100


@dataclass(frozen=True)
class BackupSettings:
    folder: Path | None
    schedule: BackupSchedule
    keep: int


# -- settings ------------------------------------------------------------------------------------


def require_coordinator(user: CurrentUser) -> None:
    """Backup settings and restoring are the coordinator's (making a backup is anyone's)."""
    require_role(user, UserRole.COORDINATOR)


def _values(session: Session) -> dict[str, Any]:
    rows = session.execute(
        select(Setting.key, Setting.value).where(
            Setting.key.in_((FOLDER_KEY, SCHEDULE_KEY, KEEP_KEY)), Setting.deleted_at.is_(None)
        )
    )
    return dict(rows.all())


def backup_settings_in(session: Session) -> BackupSettings:
    """The settings inside another transaction; an unusable stored value is the default."""
    values = _values(session)
    folder = values.get(FOLDER_KEY)
    try:
        schedule = BackupSchedule.parse(values[SCHEDULE_KEY])
    except (KeyError, ValidationError):
        schedule = BackupSchedule()
    keep = values.get(KEEP_KEY)
    if not (isinstance(keep, int) and MIN_KEEP <= keep <= MAX_KEEP):
        keep = DEFAULT_KEEP
    return BackupSettings(
        Path(folder) if isinstance(folder, str) and folder else None, schedule, keep
    )


def describe_backup(path: Path) -> BackupFile:
    """A backup's facts from its name and head (no password); refuses what is no store file."""
    return describe(Path(path))


def get_backup_settings(ctx: ServiceContext) -> BackupSettings:
    with ctx.store.read() as session:
        return backup_settings_in(session)


def _store_value(ctx: ServiceContext, key: str, value: Any) -> BackupSettings:
    """Write one setting row (None: back to the default), audited, in one transaction."""
    with ctx.store.transaction() as session:
        row = session.scalars(select(Setting).where(Setting.key == key)).first()
        if value is None:
            if row is not None and row.deleted_at is None:
                row.tombstone()
                record_row(session, ctx.user, "delete", row)
        elif row is None:
            row = Setting(key=key, value=value)
            session.add(row)
            record_row(session, ctx.user, "create", row)
        elif row.deleted_at is not None or row.value != value:
            row.deleted_at = None
            row.value = value
            record_row(session, ctx.user, "update", row)
        return backup_settings_in(session)


def set_backup_folder(ctx: ServiceContext, folder: str | Path | None) -> BackupSettings:
    """Choose the folder (None or "": no backups). It must exist and be writable now."""
    require_coordinator(ctx.user)
    if folder is None or not str(folder).strip():
        return _store_value(ctx, FOLDER_KEY, None)
    path = Path(str(folder).strip()).expanduser()
    if not path.is_absolute():
        raise ValidationError(
            f"Kies een volledige map (bijvoorbeeld D:\\Back-ups), niet '{folder}'.",
            code="backup_folder_relative",
        )
    if not path.is_dir():
        raise ValidationError(
            f"De map {path} bestaat niet of is niet bereikbaar. Kies een bestaande map.",
            code="backup_folder_missing",
        )
    if not os.access(path, os.W_OK | os.X_OK):
        raise ValidationError(
            f"In de map {path} mag dit programma niet schrijven. Kies een andere map of vraag "
            "de beheerder om schrijfrechten.",
            code="backup_folder_read_only",
        )
    return _store_value(ctx, FOLDER_KEY, str(path))


def set_backup_schedule(ctx: ServiceContext, schedule: BackupSchedule | str) -> BackupSettings:
    require_coordinator(ctx.user)
    if isinstance(schedule, str):
        schedule = BackupSchedule.parse(schedule)
    if not 0 <= schedule.weekday <= 6:
        raise ValidationError("Kies een dag van maandag tot en met zondag.", code="bad_weekday")
    schedule = replace(schedule, at=schedule.at.replace(second=0, microsecond=0, tzinfo=None))
    return _store_value(ctx, SCHEDULE_KEY, schedule.to_text())


def checked_keep(keep: int | str) -> int:
    text = str(keep).strip()
    if isinstance(keep, bool) or not text.isdigit() or not MIN_KEEP <= int(text) <= MAX_KEEP:
        raise ValidationError(
            f"Aantal back-ups om te bewaren: '{keep}' kan niet. Kies {MIN_KEEP} tot en met "
            f"{MAX_KEEP}.",
            code="bad_backup_keep",
        )
    return int(text)


def set_backup_keep(ctx: ServiceContext, keep: int | str) -> BackupSettings:
    require_coordinator(ctx.user)
    return _store_value(ctx, KEEP_KEY, checked_keep(keep))


def folder_warning(store_path: Path, folder: Path | None) -> str | None:
    """A warning (not a refusal) when the backups would sit beside the store they protect."""
    if folder is None:
        return None
    home = Path(store_path).resolve().parent
    target = Path(folder).resolve()
    if target == home or home in target.parents:
        return (
            "Deze map ligt in de map van het gegevensbestand zelf. Gaat die schijf verloren of "
            "raakt de map beschadigd, dan zijn de back-ups ook weg. Kies liever een andere "
            "schijf of een netwerkmap."
        )
    return None


# -- making a backup -----------------------------------------------------------------------------


def target_folder(ctx: ServiceContext, folder: Path | str | None = None) -> Path:
    """``folder`` when given, else the chosen one; refused when there is none or it cannot be
    reached now (checked before the store is saved for a snapshot, so a failure costs nothing)."""
    if folder is not None and str(folder).strip():
        return require_folder(Path(folder))
    chosen = get_backup_settings(ctx).folder
    if chosen is None:
        raise ValidationError(
            "Er is nog geen back-upmap gekozen. Kies er een onder Back-ups (of geef een map op).",
            code="no_backup_folder",
        )
    return require_folder(chosen)


def take_snapshot(ctx: ServiceContext, now: dt.datetime) -> Snapshot:
    """Save the store and take that generation's bytes (the part that needs the database)."""
    return snapshot(ctx.store, now)


def record_backup(ctx: ServiceContext, info: BackupFile) -> None:
    """Put the backup on record in the audit log (its own transaction, so its own save)."""
    with ctx.store.transaction() as session:
        record(
            session,
            ctx.user,
            "backup",
            changes={
                "file": info.path.name,
                "folder": str(info.path.parent),
                "generation": info.generation,
            },
        )


def backup_now(
    ctx: ServiceContext,
    now: dt.datetime,
    *,
    folder: Path | str | None = None,
    keep: int | None = None,
) -> BackupFile:
    """Make a backup now into ``folder`` (default: the chosen one), then keep the newest ``keep``
    (default: the setting). The GUI runs the same three steps with the file work off its thread."""
    target = target_folder(ctx, folder)
    kept = checked_keep(keep) if keep is not None else get_backup_settings(ctx).keep
    shot = take_snapshot(ctx, now)
    info = write_snapshot(shot, target)
    record_backup(ctx, info)
    prune(target, kept, shot.store_id)
    return info


def last_backup_at(ctx: ServiceContext, folder: Path | None = None) -> dt.datetime | None:
    folder = folder or get_backup_settings(ctx).folder
    if folder is None:
        return None
    return newest_made_at(folder, ctx.store.path, ctx.store.file.store_id)


def due(ctx: ServiceContext, now: dt.datetime, *, exiting: bool = False) -> bool:
    """Is a scheduled backup due? Never without a chosen folder. Cheap: reads file names."""
    settings = get_backup_settings(ctx)
    if settings.folder is None or settings.schedule.frequency is Frequency.OFF:
        return False
    last = newest_made_at(settings.folder, ctx.store.path, ctx.store.file.store_id)
    return is_due(settings.schedule, last, now, exiting=exiting)
