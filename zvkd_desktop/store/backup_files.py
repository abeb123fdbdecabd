"""Backups in a folder of the coordinator's choice: byte-for-byte copies of a saved generation.

A backup is the store file exactly as saved: the same envelope, the same key slots, the same
authentication, so it is precisely as safe as the store itself and opens with the same passwords
(those valid when it was made). Its name says which store, when and which generation:
``<store-name>-<yyyymmdd-hhmmss>-g<generation>.zvkd``; the store file a restore replaced is kept
as ``<store-name>.replaced-<yyyymmdd-hhmmss>.zvkd``. Listing reads only each file's head (the
header and its checksum), never the whole file, so a folder of large backups lists quickly.

Why a backup is verified without the data key. :func:`snapshot` saves the store first, and the
store's own save reads the new file back and authenticates every chunk under the data key before
putting it in place. The backup is then written (temp file, fsync, rename, mode 0600) and read
back: it must equal those bytes exactly, and :func:`envelope.parse` must accept its structure and
header checksum independently. Bytes equal to an image whose tags were authenticated a moment
earlier authenticate in the same way, so checking the tags again would prove nothing new; it
would only need the data key outside the StoreFile, which rightly never hands it out.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import struct
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zvkd_desktop.errors import DiskFullError, KnownError, StoreError
from zvkd_desktop.store import envelope
from zvkd_desktop.store.database import Database
from zvkd_desktop.store.lock import StoreLock
from zvkd_desktop.store.models import Base
from zvkd_desktop.store.store import Store

__all__ = [
    "BackupFile",
    "BackupKind",
    "Snapshot",
    "backup_name",
    "describe",
    "keep_aside",
    "list_backups_in",
    "live_counts",
    "newest_made_at",
    "place_backup",
    "prune",
    "read_head",
    "replace_database",
    "replaced_name",
    "require_folder",
    "snapshot",
    "write_copy",
    "write_snapshot",
]

SUFFIX = ".zvkd"
STAMP = "%Y%m%d-%H%M%S"
_BACKUP = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-g(?P<generation>\d+)\.zvkd$")
_REPLACED = re.compile(r"^(?P<stem>.+)\.replaced-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.zvkd$")
_PREFIX = struct.Struct(">8sHI")  # magic | format | header length (envelope.py's layout)


class BackupKind(StrEnum):
    BACKUP = "backup"
    """Made by a backup (by hand, on schedule or with ``zvkd backup``): pruned to the number kept."""
    REPLACED = "replaced"
    """The store file a restore replaced: never pruned, so a restore can itself be undone."""
    OTHER = "other"
    """A store file under another name (copied there by hand): listed, never pruned."""


@dataclass(frozen=True)
class BackupFile:
    """One backup as the list shows it, from its name and head only (no password needed)."""

    path: Path
    store_id: str
    generation: int
    made_at: dt.datetime
    """From the name; the file's modification time for a file named otherwise."""
    size: int
    kind: BackupKind


@dataclass(frozen=True)
class Snapshot:
    """A freshly saved generation's bytes, ready to be written (off the GUI thread if need be)."""

    data: bytes
    store_path: Path
    store_id: str
    generation: int
    taken_at: dt.datetime


def backup_name(store_path: Path, generation: int, at: dt.datetime) -> str:
    return f"{Path(store_path).stem}-{at.strftime(STAMP)}-g{generation}{SUFFIX}"


def replaced_name(store_path: Path, at: dt.datetime) -> str:
    return f"{Path(store_path).stem}.replaced-{at.strftime(STAMP)}{SUFFIX}"


# -- reading heads -------------------------------------------------------------------------------


def read_head(path: Path) -> envelope.Header:
    """The header of a store file, reading only its first bytes (checksum checked, not the MAC)."""
    try:
        with open(path, "rb") as handle:
            prefix = handle.read(_PREFIX.size)
            if len(prefix) == _PREFIX.size and prefix[:8] == envelope.MAGIC:
                length = _PREFIX.unpack(prefix)[2]
                if length <= envelope.MAX_HEADER:
                    prefix += handle.read(length + 64)
    except FileNotFoundError as exc:
        raise StoreError(f"Het bestand {path.name} bestaat niet (meer).", code="missing") from exc
    except OSError as exc:
        raise StoreError(
            f"Het bestand {path.name} is niet leesbaar. Controleer de map en de rechten.",
            code="no_access",
        ) from exc
    # without chunk bytes parse() checks magic, format, header checksum and header fields only
    return envelope.parse(prefix).header


def _stamp(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(text, STAMP)
    except ValueError:
        return None


def describe(path: Path) -> BackupFile:
    """One file's facts; raises a KnownError when it is no (intact) store file."""
    path = Path(path)
    header = read_head(path)
    stat = path.stat()
    kind, made_at = BackupKind.OTHER, None
    for pattern, candidate in ((_BACKUP, BackupKind.BACKUP), (_REPLACED, BackupKind.REPLACED)):
        match = pattern.match(path.name)
        if match and (made_at := _stamp(match["stamp"])) is not None:
            kind = candidate
            break
    if made_at is None:
        made_at = dt.datetime.fromtimestamp(stat.st_mtime).replace(microsecond=0)
    return BackupFile(path, header.store_id, header.generation, made_at, stat.st_size, kind)


def list_backups_in(folder: Path, store_id: str | None = None) -> list[BackupFile]:
    """The store files in ``folder`` (of ``store_id`` only, when given), newest first.

    Files that are no intact store file (another program's, a damaged head, a temp file) are left
    out: they cannot be restored, and this list is what a restore chooses from.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        if entry.name.startswith(".") or entry.suffix != SUFFIX or not entry.is_file():
            continue
        try:
            info = describe(entry)
        except (KnownError, OSError):
            continue
        if store_id is None or info.store_id == store_id:
            found.append(info)
    return sorted(found, key=lambda b: (b.made_at, b.generation), reverse=True)


def newest_made_at(folder: Path, store_path: Path, store_id: str) -> dt.datetime | None:
    """When the newest backup of this store was made, from the names (reads one head or two).

    Called every minute by the scheduler, so it looks at names first and reads a head only to
    make sure a file with the same store name belongs to this very store.
    """
    folder, stem = Path(folder), Path(store_path).stem
    if not folder.is_dir():
        return None
    candidates = []
    for entry in folder.iterdir():
        match = _BACKUP.match(entry.name)
        if match and match["stem"] == stem and (made_at := _stamp(match["stamp"])) is not None:
            candidates.append((made_at, entry))
    for made_at, entry in sorted(candidates, reverse=True):
        try:
            if read_head(entry).store_id == store_id:
                return made_at
        except (KnownError, OSError):
            continue
    return None


# -- writing -------------------------------------------------------------------------------------


def snapshot(store: Store, at: dt.datetime) -> Snapshot:
    """Save the store and take the bytes of that generation, holding the store's lock throughout.

    The save authenticates the new file's every tag under the data key (StoreFile's read-back),
    and no other save can come between it and the read, so the bytes are that verified generation.
    """
    with store.read():
        store.save()
        data = store.path.read_bytes()
        store_id, generation = store.file.store_id, store.generation
    header = envelope.parse(data).header
    if header.store_id != store_id or header.generation != generation:
        raise StoreError(
            "Het gegevensbestand op de schijf is niet de versie die net is opgeslagen. Er is geen "
            "back-up gemaakt; sluit het programma, open het opnieuw en probeer het nog eens.",
            code="backup_source_changed",
        )
    return Snapshot(data, store.path, store_id, generation, at)


def write_copy(data: bytes, target: Path, *, check_format: bool = True) -> None:
    """Write ``data`` to ``target`` so that it is whole or absent: temp file (0600) in the same
    folder, fsync, read back and compare, check the format, rename, fsync the folder."""
    folder = target.parent
    tmp = folder / f".{target.name}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            with memoryview(data) as view:
                offset = 0
                while offset < len(view):
                    written = os.write(fd, view[offset : offset + envelope.CHUNK_SIZE])
                    if written <= 0:
                        raise OSError(errno.EIO, "short write")
                    offset += written
            os.fsync(fd)
        finally:
            os.close(fd)
        written_back = tmp.read_bytes()
        if written_back != data:
            raise OSError(errno.EIO, "read-back differs")
        if check_format:
            envelope.parse(written_back)
        os.replace(tmp, target)
        if os.name != "nt":  # Windows has no directory fsync
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _write_error(folder, exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def require_folder(folder: Path) -> Path:
    """The folder, or a refusal that says it cannot be reached (a disk not plugged in)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise StoreError(
            f"De back-upmap {folder} is niet bereikbaar. Sluit de schijf aan of kies in "
            "Back-ups een andere map.",
            code="backup_folder_missing",
        )
    return folder


def write_snapshot(shot: Snapshot, folder: Path) -> BackupFile:
    """Write a snapshot as a backup into ``folder`` (no database access: may run on any thread)."""
    folder = require_folder(folder)
    target = folder / backup_name(shot.store_path, shot.generation, shot.taken_at)
    write_copy(shot.data, target)
    return describe(target)


def keep_aside(store_path: Path, folder: Path, at: dt.datetime) -> Path:
    """Copy the store file as it is now to ``folder`` as ``<name>.replaced-<stamp>.zvkd``.

    The format is not checked: the file a restore replaces may be the damaged one.
    """
    target = Path(folder) / replaced_name(store_path, at)
    number = 1
    while target.exists():  # two restores in one second: keep both
        number += 1
        target = target.with_name(f"{target.name.removesuffix(SUFFIX)}-{number}{SUFFIX}")
    try:
        data = Path(store_path).read_bytes()
    except OSError as exc:
        raise _write_error(Path(store_path).parent, exc) from exc
    write_copy(data, target, check_format=False)
    return target


def prune(folder: Path, keep: int, store_id: str | None = None) -> list[Path]:
    """Remove the oldest backups beyond ``keep`` per store (only ``store_id``'s when given).

    Only files this program named as backups count and go; a replaced store and files copied in
    by hand are never removed. Returns what was removed.
    """
    if keep < 1:
        raise ValueError("keep at least one backup")
    per_store: dict[str, list[BackupFile]] = {}
    for info in list_backups_in(folder, store_id):
        if info.kind is BackupKind.BACKUP:
            per_store.setdefault(info.store_id, []).append(info)
    removed = []
    for backups in per_store.values():  # newest first already
        for info in backups[keep:]:
            try:
                info.path.unlink()
                removed.append(info.path)
            except OSError:
                continue  # a backup that cannot go now is tried again after the next one
    return removed


def _write_error(folder: Path, exc: OSError) -> StoreError:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFullError(
            f"Er is niet genoeg ruimte in {folder} voor de back-up. Maak ruimte vrij of kies "
            "een andere map.",
            code="backup_disk_full",
        )
    return StoreError(
        f"De back-up kon niet worden geschreven in {folder} ({exc.strerror or 'schrijffout'}). "
        "Controleer of de map bereikbaar en beschrijfbaar is.",
        code="backup_write_failed",
    )


# -- restoring -----------------------------------------------------------------------------------


def replace_database(
    store: Store, payload: bytes, prepare: Callable[[Session], None] | None = None
) -> None:
    """Put ``payload`` (a serialized database) in the place of the store's database and save it
    as the store's next generation, under the store's current key slots.

    Saving it as a new generation keeps generation numbers rising, so the rollback check stays
    meaningful after a restore, and the current slots keep users removed since the backup locked
    out. ``prepare`` runs on the new database before the save (the restore's audit entry goes in
    this way). When the save fails, the old database is put back: memory and disk stay as they
    were. The store's lock is held throughout (through ``Store.read``), so no other thread sees
    the swap half done. (Proposed as ``Store.replace_database``; built here on the public
    ``Store.db``, ``Store.read`` and ``Store.save``.)
    """
    with store.read():
        old, was_unsaved = store.db, store.unsaved
        new = Database(payload, device_id=old.device_id)
        try:
            if prepare is not None:
                with new.session() as session:
                    prepare(session)
                    session.commit()
            store.db = new
            store.save()
        except BaseException:
            store.db, store.unsaved = old, was_unsaved
            new.close()
            raise
        old.close()


def place_backup(store_path: Path, backup_path: Path, at: dt.datetime) -> Path | None:
    """Put a backup in the place of a store file that is damaged or gone, as it is.

    Only for that case: the backup brings its own key slots back with it (a restore into a
    healthy store keeps the current ones, see :func:`replace_database`). The writer lock is held
    while the file is swapped; the file there is kept aside first (returned, None if there was
    none). The caller opens the result with ``allow_rollback=True`` and saves it as a new
    generation, so the generation numbers rise again.
    """
    store_path = Path(store_path)
    store_path.parent.mkdir(parents=True, exist_ok=True)
    data = Path(backup_path).read_bytes()
    lock = StoreLock.acquire(store_path)
    try:
        kept = keep_aside(store_path, store_path.parent, at) if store_path.exists() else None
        write_copy(data, store_path)
    finally:
        lock.release()
    return kept


def live_counts(store: Store) -> dict[str, int]:
    """Rows per table that are not tombstoned: what a person would call "how many there are"."""
    counts = {}
    with store.read() as session:
        for table in Base.metadata.sorted_tables:
            query = select(func.count()).select_from(table)
            if "deleted_at" in table.c:
                query = query.where(table.c.deleted_at.is_(None))
            counts[table.name] = session.scalar(query) or 0
    return counts
