"""Restoring a backup: shown first (date, generation, counts), then put back with nothing lost.

Restoring never copies a backup over a healthy store file. It opens the backup read-only with the
user's password (proving it is intact and theirs), keeps the current store file as
``<name>.replaced-<stamp>.zvkd`` (in the backup folder when there is one, so it is listed and can
itself be restored), and saves the backup's database as the *next* generation of the store under
the store's *current* key slots (``backup_files.replace_database``). So generation numbers keep
rising and the rollback check stays meaningful, and a user removed since the backup stays locked
out. Only when the store file itself is damaged or gone is the backup put in its place as it is,
with its own key slots, and then saved anew (``restore`` with a path).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from zvkd_desktop.errors import (
    DamagedStoreError,
    KnownError,
    NotAStoreError,
    ValidationError,
    WrongPasswordError,
)
from zvkd_desktop.services.audit import record
from zvkd_desktop.services.backups import backup_settings_in, require_coordinator
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.store.backup_files import (
    BackupFile,
    describe,
    keep_aside,
    live_counts,
    place_backup,
    read_head,
    replace_database,
)
from zvkd_desktop.store.models import User
from zvkd_desktop.store.store import CurrentUser, Store

__all__ = [
    "MAIN_TABLES",
    "TABLE_LABELS",
    "BackupPreview",
    "RestoreResult",
    "current_counts",
    "preview_backup",
    "restore",
    "shown_counts",
]

TABLE_LABELS: dict[str, str] = {
    "youth": "Jongeren",
    "pad_case": "Casussen",
    "registration": "Aanmeldingen",
    "police_contact": "Politiecontacten",
    "coach_contact": "Contacten met de coach",
    "review": "Besprekingen",
    "plan_version": "Planversies",
    "meeting": "Overleggen",
    "guardian": "Ouders en verzorgers",
    "household": "Huishoudens",
    "professional": "Professionals",
    "organisation": "Organisaties",
    "app_user": "Gebruikers",
    "setting": "Instellingen",
    "audit_entry": "Regels in het logboek",
    "category_period": "Categorieperiodes",
    "coach_assignment": "Coachtoewijzingen",
    "reopening": "Heropeningen",
    "review_progress": "Voortgang bij besprekingen",
    "plan_goal": "Plandoelen",
    "plan_action": "Planacties",
    "meeting_attendee": "Deelnemers aan overleggen",
    "agenda_item": "Agendapunten",
    "meeting_decision": "Besluiten in overleggen",
    "action_item": "Actiepunten",
}
"""Dutch names of the tables, the ones a person recognises first (preview, CLI)."""

MAIN_TABLES = ("youth", "pad_case", "registration", "police_contact", "coach_contact", "review")
"""Always shown in a preview; the other tables only when they hold something."""


def shown_counts(*counts: dict[str, int]) -> list[tuple[str, str]]:
    """(table, Dutch label) to show for one or more sets of counts, in ``TABLE_LABELS`` order."""
    return [
        (name, label)
        for name, label in TABLE_LABELS.items()
        if name in MAIN_TABLES or any(c.get(name) for c in counts)
    ]


BACKUP_PASSWORD = (
    "Dit wachtwoord opent deze back-up niet. Een back-up opent met het wachtwoord dat gold toen "
    "hij werd gemaakt; probeer dat, of vraag de coördinator."
)


@dataclass(frozen=True)
class BackupPreview:
    """What a restore would bring back, shown before anything is replaced."""

    path: Path
    store_id: str
    generation: int
    made_at: dt.datetime
    counts: dict[str, int]
    """Rows per table that are not removed (tombstoned)."""


@dataclass(frozen=True)
class RestoreResult:
    store_path: Path
    kept: Path | None
    """The replaced store file, kept as a backup (None: there was no file to replace)."""
    generation: int
    """The store's generation after the restore: higher than any before it."""
    backup: BackupFile


@contextmanager
def _open_backup(path: Path, *, password: str, username: str | None) -> Iterator[Store]:
    """The backup opened read-only, with a throwaway generation memory: looking at a backup must
    teach this machine nothing (an older generation is expected here, not a rollback)."""
    with tempfile.TemporaryDirectory(prefix="zvkd-backup-") as state:
        try:
            store = Store.open(
                path,
                password=password,
                username=username,
                read_only=True,
                allow_rollback=True,
                state_folder=Path(state),
            )
        except WrongPasswordError as exc:
            if exc.code == "user_disabled":
                raise
            raise WrongPasswordError(BACKUP_PASSWORD, code="wrong_password") from exc
        try:
            yield store
        finally:
            store.close()


def current_counts(ctx: ServiceContext) -> dict[str, int]:
    """Today's counts, counted as a preview counts the backup's (to show them side by side)."""
    return live_counts(ctx.store)


def preview_backup(
    path: Path | str, *, password: str, username: str | None = None
) -> BackupPreview:
    """Open a backup read-only with the password: its date, generation and counts."""
    info = describe(Path(path))
    with _open_backup(info.path, password=password, username=username) as backup:
        counts = live_counts(backup)
    return BackupPreview(info.path, info.store_id, info.generation, info.made_at, counts)


def _check_same_store(store_id: str, info: BackupFile, allow_other_store: bool) -> None:
    if info.store_id != store_id and not allow_other_store:
        raise ValidationError(
            f"De back-up {info.path.name} hoort bij een ander gegevensbestand. Er is niets "
            "teruggezet; kies een back-up van dit bestand.",
            code="other_store",
        )


def _record_restore(
    session: Session,
    user: CurrentUser,
    info: BackupFile,
    kept: Path | None,
    replaced: int | None,
    users_synced: int = 0,
) -> None:
    record(
        session,
        user,
        "restore",
        changes={
            "backup": info.path.name,
            "backup_generation": info.generation,
            "backup_made_at": info.made_at.isoformat(timespec="seconds"),
            "kept_as": kept.name if kept else None,
            "replaced_generation": replaced,
            "users_synced": users_synced,
        },
    )


def restore(
    target: ServiceContext | Path | str,
    backup_path: Path | str,
    *,
    password: str,
    now: dt.datetime,
    username: str | None = None,
    allow_other_store: bool = False,
) -> RestoreResult:
    """Replace the store's data by a backup's, keeping the current store file as a backup.

    ``target`` is the open store (the GUI) or the store file's path (the CLI: opened here, so
    the writer lock proves nobody else has it open). Refused, with nothing changed: a backup of
    another store (unless ``allow_other_store``), one that is damaged, a password that does not
    open it, a user who is not the coordinator.
    """
    info = describe(Path(backup_path))
    if isinstance(target, ServiceContext):
        require_coordinator(target.user)
        return _restore_into(
            target.store, info, password, target.user.username, now, allow_other_store
        )
    path = Path(target)
    try:
        store = Store.open(path, password=password, username=username)
    except DamagedStoreError:
        return _restore_over(path, info, password, username, now, allow_other_store)
    except NotAStoreError as exc:
        if exc.code != "missing":
            raise
        return _restore_over(path, info, password, username, now, allow_other_store)
    try:
        require_coordinator(store.user)
        return _restore_into(store, info, password, store.user.username, now, allow_other_store)
    finally:
        store.close()


def _restore_into(
    store: Store,
    info: BackupFile,
    password: str,
    username: str,
    now: dt.datetime,
    allow_other_store: bool,
) -> RestoreResult:
    _check_same_store(store.file.store_id, info, allow_other_store)
    with _open_backup(info.path, password=password, username=username) as backup:
        payload, user = backup.db.serialize(), backup.user
    if store.unsaved:
        store.save()  # the copy kept aside must hold every change made so far
    with store.read() as session:
        folder = backup_settings_in(session).folder
        access = _access(session)
    kept = keep_aside(store.path, folder if folder and folder.is_dir() else store.path.parent, now)
    replaced = store.generation

    def prepare(session: Session) -> None:
        synced = _keep_access(session, access)
        _record_restore(session, user, info, kept, replaced, synced)

    replace_database(store, payload, prepare)
    store.user = user  # the same person, as the restored database knows them
    return RestoreResult(store.path, kept, store.generation, info)


_ACCESS_COLUMNS = ("slot_id", "public_key", "disabled_at")
"""Who may unlock, and with which key: these follow the key slots, which a restore keeps."""


def _access(session: Session) -> dict[object, tuple[object, ...]]:
    columns = [getattr(User, name) for name in _ACCESS_COLUMNS]
    return {row[0]: tuple(row[1:]) for row in session.execute(select(User.id, *columns))}


def _keep_access(session: Session, access: dict[object, tuple[object, ...]]) -> int:
    """Give the restored users the access they have now: the header's key slots stay the
    current ones, so a user disabled (or given a new key pair) since the backup must not look
    otherwise in the restored user list. Returns how many users were brought in line."""
    synced = 0
    for user in session.scalars(select(User)):
        now_values = access.get(user.id)
        if now_values is None:
            continue
        if tuple(getattr(user, name) for name in _ACCESS_COLUMNS) != now_values:
            for name, value in zip(_ACCESS_COLUMNS, now_values, strict=True):
                setattr(user, name, value)
            synced += 1
    session.flush()
    return synced


def _restore_over(
    path: Path,
    info: BackupFile,
    password: str,
    username: str | None,
    now: dt.datetime,
    allow_other_store: bool,
) -> RestoreResult:
    """The store file is damaged or gone: put the backup in its place, then save it anew."""
    try:
        current: str | None = read_head(path).store_id
    except KnownError:
        current = None  # damaged beyond its head, or gone: nothing to compare with
    if current is not None:
        _check_same_store(current, info, allow_other_store)
    with _open_backup(info.path, password=password, username=username) as backup:
        require_coordinator(backup.user)
    kept = place_backup(path, info.path, now)
    store = Store.open(path, password=password, username=username, allow_rollback=True)
    try:
        with store.transaction() as session:
            _record_restore(session, store.user, info, kept, None)
        return RestoreResult(path, kept, store.generation, info)
    finally:
        store.close()
