"""The encrypted store file on disk: unlocking, and saving so that nothing is ever half-written.

A save writes a new generation next to the old one and swaps it in atomically: encrypt → check
room → temp file (same folder, mode 0600, exclusive create) → write → fsync → read back and verify
every tag → keep the previous file as a backup (hard link) → atomic replace → fsync the folder →
prune backups to the last five. A failure at any step leaves the last good file in place and raises
a KnownError; the caller keeps the change in memory and can save again. Only a failure to sync the
folder comes after the new file is in place: the new generation then counts as current, and the
error says so instead of claiming the old file is unchanged. No plaintext byte of the database is
written anywhere: only the sealed image goes to disk.
"""

from __future__ import annotations

import datetime as dt
import errno
import glob
import os
import re
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zvkd_desktop import __version__
from zvkd_desktop.errors import (
    DamagedStoreError,
    DiskFullError,
    NotAStoreError,
    RollbackError,
    SaveFailedError,
    StoreError,
)
from zvkd_desktop.store import envelope, keys
from zvkd_desktop.store.generations import GenerationMemory
from zvkd_desktop.store.kdf import KdfParams, calibrate
from zvkd_desktop.store.keyring import Keyring

KEEP_BACKUPS = 5
VERIFY_FAILED = "controle na het schrijven mislukt"
_BACKUP = re.compile(r"\.gen(\d+)\.bak$")

DISK_FULL = (
    "Er is niet genoeg ruimte op de schijf om op te slaan. Uw wijziging staat nog in het geheugen "
    "en het laatst opgeslagen bestand is ongewijzigd. Maak ruimte vrij en sla opnieuw op."
)
SAVE_FAILED = (
    "Opslaan is mislukt ({detail}). Uw wijziging staat nog in het geheugen en het laatst "
    "opgeslagen bestand is ongewijzigd. Controleer de map en sla opnieuw op."
)
UNCONFIRMED = (
    "Het bestand is opgeslagen, maar het systeem kon niet bevestigen dat het blijvend op de schijf "
    "staat (schrijffout in de map). Sla opnieuw op; lukt dat niet, laat dan de schijf nakijken."
)


class FileOps:
    """The operating-system calls a save makes, one method each, so tests can fail any step."""

    def open_exclusive(self, path: Path) -> int:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        return os.open(path, flags, 0o600)

    def write(self, fd: int, data: memoryview) -> int:
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        os.fsync(fd)

    def close(self, fd: int) -> None:
        os.close(fd)

    def read(self, path: Path) -> bytes:
        return path.read_bytes()

    def link(self, src: Path, dst: Path) -> None:
        """A hard link; where the folder has none (FAT, some shares), a copy put in place whole."""
        try:
            os.link(src, dst)
        except OSError:
            tmp = dst.with_name(f".{dst.name}.{uuid.uuid4().hex[:8]}.tmp")
            try:
                shutil.copy2(src, tmp)
                os.replace(tmp, dst)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise

    def replace(self, src: Path, dst: Path) -> None:
        os.replace(src, dst)

    def fsync_dir(self, folder: Path) -> None:
        if os.name == "nt":  # pragma: no cover - Windows has no directory fsync
            return
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def free_space(self, folder: Path) -> int:
        return shutil.disk_usage(folder).free

    def unlink(self, path: Path) -> None:
        path.unlink(missing_ok=True)


@dataclass(frozen=True)
class BackupInfo:
    generation: int
    path: Path
    modified: dt.datetime


def backup_path(path: Path, generation: int) -> Path:
    return path.with_name(f"{path.name}.gen{generation:06d}.bak")


def list_backups(path: Path) -> list[BackupInfo]:
    """Backups beside ``path``, newest generation first."""
    found = []
    if path.parent.is_dir():
        for entry in path.parent.iterdir():
            if entry.name.startswith(path.name + ".gen"):
                match = _BACKUP.search(entry.name)
                if match:
                    modified = dt.datetime.fromtimestamp(entry.stat().st_mtime)
                    found.append(BackupInfo(int(match.group(1)), entry, modified))
    return sorted(found, key=lambda b: b.generation, reverse=True)


def _read_image(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise NotAStoreError(
            "Het bestand bestaat niet (meer). Kies een ander bestand of maak een nieuw bestand.",
            code="missing",
        ) from exc
    except IsADirectoryError as exc:
        raise NotAStoreError("Dit is een map, geen ZVKD-bestand.", code="not_a_store") from exc
    except PermissionError as exc:
        raise StoreError(
            "Geen toegang tot het bestand. Vraag de beheerder om leesrechten.", code="no_access"
        ) from exc


class StoreFile:
    """An unlocked store file: its keys (in memory) and the header of the last generation."""

    def __init__(
        self,
        path: Path,
        header: envelope.Header,
        keyring: Keyring,
        memory: GenerationMemory,
        *,
        main_generation: int | None,
        ops: FileOps | None = None,
    ) -> None:
        self.path = path
        self.header = header
        self.keyring = keyring
        self.memory = memory
        self.ops = ops or FileOps()
        self._main_generation = main_generation
        self.opened_from_backup: int | None = None

    @property
    def slot(self) -> dict[str, Any]:
        """The key slot this file was unlocked with (or has since been given)."""
        return self.keyring.own_slot

    @property
    def _data_key(self) -> bytes:
        return self.keyring.data_key

    @property
    def generation(self) -> int:
        return self.header.generation

    @property
    def store_id(self) -> str:
        return self.header.store_id

    # -- creating and opening --------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        payload: bytes,
        *,
        password: str,
        username: str,
        user_id: uuid.UUID | None = None,
        slot_id: str | None = None,
        private_key: bytes | None = None,
        kdf: KdfParams | None = None,
        memory: GenerationMemory | None = None,
        ops: FileOps | None = None,
        audit: dict[str, Any] | None = None,
    ) -> tuple[StoreFile, str]:
        """Create a new store file; returns it and the recovery code (shown once).

        The first user's key pair may be made by the caller (``private_key``), so the user row in
        ``payload`` can already name its slot and public key.
        """
        if path.exists():
            raise StoreError(
                "Er bestaat al een bestand met deze naam. Kies een andere naam of map.",
                code="exists",
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        store_id = str(uuid.uuid4())
        keyring, recovery_code = Keyring.create(
            store_id,
            password=password,
            username=username,
            user_id=user_id,
            slot_id=slot_id or keys.new_slot_id(),
            private=private_key,
            kdf=kdf or calibrate(),
        )
        header = envelope.Header(store_id, 0, b"\0" * 32, 0, 0, [], {"created_with": __version__})
        store = cls(path, header, keyring, memory or GenerationMemory(), main_generation=None, ops=ops)
        store.save(payload, audit=audit)
        return store, recovery_code

    @classmethod
    def unlock(
        cls,
        path: Path,
        *,
        password: str | None = None,
        recovery_code: str | None = None,
        username: str | None = None,
        allow_rollback: bool = False,
        generation: int | None = None,
        memory: GenerationMemory | None = None,
        ops: FileOps | None = None,
    ) -> tuple[StoreFile, bytes]:
        """Open the file (or, with ``generation``, one of its backups) and decrypt the database."""
        memory = memory or GenerationMemory()
        source = path if generation is None else backup_path(path, generation)
        parsed = envelope.parse(_read_image(source))
        unlocked = keys.open_slot(
            parsed.header, password=password, recovery_code=recovery_code, username=username
        )
        payload = envelope.open_payload(parsed, unlocked.data_key)  # authenticates the header
        header = parsed.header
        keyring = Keyring.opened(header, unlocked, recovery_code)
        seen = memory.seen(header.store_id)
        if generation is None and header.generation < seen and not allow_rollback:
            raise RollbackError(
                f"Dit bestand is een oudere versie (versie {header.generation}) dan deze computer "
                f"al heeft gezien (versie {seen}). Misschien is het vervangen door een oude kopie: "
                "wat na die versie is vastgelegd, ontbreekt dan. Open het alleen als u zeker weet "
                "dat dit de juiste versie is.",
                code="rollback",
            )
        main_generation = header.generation if generation is None else None
        store = cls(path, header, keyring, memory, main_generation=main_generation, ops=ops)
        store.opened_from_backup = generation
        if generation is None:
            memory.remember(header.store_id, header.generation)
        return store, payload

    @classmethod
    def newest_good_backup(cls, path: Path, **unlock_args: Any) -> tuple[StoreFile, bytes] | None:
        """The newest backup that authenticates with the same secret, or None."""
        for backup in list_backups(path):
            try:
                return cls.unlock(path, generation=backup.generation, **unlock_args)
            except (DamagedStoreError, NotAStoreError, StoreError):
                continue
        return None

    # -- key slots (in memory until the next save) --------------------------------------------

    def slot_for(self, username: str) -> dict[str, Any] | None:
        return self.keyring.slot_for(username)

    def remove_password_slot(self, username: str) -> None:
        """Drop the user's slot. Their password then no longer opens what is saved next, but the
        data key is unchanged: see Keyring.rotate for locking them out of copies too."""
        slot = self.slot_for(username)
        if slot is not None:
            self.keyring.remove(str(slot["id"]))

    def verify_secret(self, *, password: str, username: str) -> bool:
        return self.keyring.verify(username, password)

    def pseudonym_key(self) -> bytes:
        """The key for keyed pseudonyms (HMAC). It lives only inside the encrypted header and
        in memory, and stays the same when the data key is rotated."""
        return self.keyring.pseudonym_key

    # -- saving ----------------------------------------------------------------------------

    def save(self, payload: bytes, *, audit: dict[str, Any] | None = None) -> None:
        """Write ``payload`` as the next generation; see the module docstring for the steps.

        ``audit`` (the audit chain's head, from the store) goes into the authenticated header.
        """
        keyring = self.keyring
        ops = self.ops
        folder = self.path.parent
        generation = (
            max(self.header.generation, self.memory.seen(self.store_id), self._main_generation or 0)
            + 1
        )
        header = envelope.Header(
            self.store_id,
            generation,
            os.urandom(32),
            0,
            0,
            list(keyring.slots),
            {**self.header.extra, "saved_with": __version__},
            audit=audit,
            secrets=keyring.header_secrets(),
        )
        image = envelope.seal(payload, header, keyring.data_key)
        tmp = folder / f".{self.path.name}.{uuid.uuid4().hex[:8]}.tmp"
        try:
            if ops.free_space(folder) < 2 * len(image):
                raise DiskFullError(DISK_FULL, code="disk_full")
            fd = ops.open_exclusive(tmp)
            try:
                self._write_all(fd, image)
                ops.fsync(fd)
            except BaseException:
                try:
                    ops.close(fd)
                except OSError:
                    pass  # the write's own error is the one to report
                raise
            ops.close(fd)
            self._verify_written(tmp, image, keyring.data_key)
            self._keep_previous()
            ops.replace(tmp, self.path)
        except OSError as exc:
            self._discard(tmp)
            raise _save_error(exc) from exc
        except DamagedStoreError as exc:
            self._discard(tmp)
            raise SaveFailedError(
                SAVE_FAILED.format(detail=VERIFY_FAILED), code="save_failed"
            ) from exc
        except BaseException:
            self._discard(tmp)
            raise
        # From here the new generation is the file on disk, so it is the current one, even if the
        # folder cannot be synced: saving again must back it up and go beyond its generation.
        self.header = header
        self._main_generation = generation
        self.opened_from_backup = None
        self.memory.remember(self.store_id, generation)
        try:
            ops.fsync_dir(folder)
        except OSError as exc:
            # The rename may not survive a power cut (the previous generation would be back).
            # The file is not "unchanged", so the usual message would be untrue; say what is
            # known and let the caller keep the change marked unsaved, so saving again syncs.
            raise SaveFailedError(UNCONFIRMED, code="save_unconfirmed") from exc
        self._prune()

    def _write_all(self, fd: int, image: bytearray) -> None:
        with memoryview(image) as view:
            offset = 0
            while offset < len(view):
                written = self.ops.write(fd, view[offset : offset + envelope.CHUNK_SIZE])
                if written <= 0:
                    raise OSError(errno.EIO, "short write")
                offset += written

    def _verify_written(self, tmp: Path, image: bytearray, data_key: bytes) -> None:
        """Read the temp file back: it must equal the image, and every tag must authenticate.

        The comparison proves the disk returned what was sealed; the tags prove the sealed image
        opens under this store's key. Tags are checked without rebuilding the database.
        """
        written = self.ops.read(tmp)
        if written != image:
            raise SaveFailedError(SAVE_FAILED.format(detail=VERIFY_FAILED), code="save_failed")
        envelope.verify_tags(envelope.parse(written), data_key)

    def _keep_previous(self) -> None:
        ops = self.ops
        if self._main_generation is not None and self.path.exists():
            previous = backup_path(self.path, self._main_generation)
            if not previous.exists():
                ops.link(self.path, previous)
        elif self.path.exists():
            # opened from a backup because the main file was damaged: keep the damaged file aside
            ops.link(
                self.path,
                self.path.with_name(f"{self.path.name}.damaged-{uuid.uuid4().hex[:6]}"),
            )

    def _discard(self, tmp: Path) -> None:
        try:
            self.ops.unlink(tmp)
        except OSError:
            pass

    def _prune(self) -> None:
        """Keep the last backups; remove temp files a killed save left (only the writer saves)."""
        strays = self.path.parent.glob(f".{glob.escape(self.path.name)}.*.tmp")
        old = [backup.path for backup in list_backups(self.path)[KEEP_BACKUPS:]]
        for file in [*old, *strays]:
            try:
                file.unlink()
            except OSError:
                pass


def _save_error(exc: OSError) -> StoreError:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFullError(DISK_FULL, code="disk_full")
    detail = (
        "map is alleen-lezen"
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM)
        else "schrijffout"
    )
    return SaveFailedError(SAVE_FAILED.format(detail=detail), code="save_failed")


def read_header(path: Path) -> envelope.Header:
    """The header of a store file without unlocking it (format checks only)."""
    return envelope.parse(_read_image(path)).header


Unlocker = Callable[..., tuple[StoreFile, bytes]]
