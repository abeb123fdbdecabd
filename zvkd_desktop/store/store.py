"""The store facade: one encrypted file, its in-memory database, the writer lock and the user.

Every committed transaction is persisted at once (``transaction()``): there is no save button to
forget. When persisting fails (disk full, folder gone), the change stays committed in memory,
``unsaved`` is set and the KnownError propagates; ``save()`` tries again. All database work goes
through one re-entrant lock, so there is never more than one writer.
"""

from __future__ import annotations

import shutil
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.errors import (
    DamagedStoreError,
    NotAStoreError,
    StoreError,
    WrongPasswordError,
)
from zvkd_desktop.store import migrations
from zvkd_desktop.store.database import Database
from zvkd_desktop.store.generations import GenerationMemory, device_id
from zvkd_desktop.store.kdf import KdfParams
from zvkd_desktop.store.lock import StoreLock
from zvkd_desktop.store.models import Base, User
from zvkd_desktop.store.storefile import BackupInfo, StoreFile, list_backups


@dataclass(frozen=True)
class CurrentUser:
    """Who unlocked the store; services record this as the author of every change."""

    id: uuid.UUID
    username: str
    display_name: str
    role: UserRole
    professional_id: uuid.UUID | None


class Store:
    def __init__(
        self,
        file: StoreFile,
        database: Database,
        lock: StoreLock | None,
        user: CurrentUser,
        *,
        migrated_from: str | None = None,
    ) -> None:
        self.file = file
        self.db = database
        self._lock = lock
        self.user = user
        self.migrated_from = migrated_from
        self.unsaved = False
        self._mutex = threading.RLock()

    # -- lifecycle -------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        password: str,
        *,
        username: str,
        display_name: str,
        kdf: KdfParams | None = None,
        state_folder: Path | None = None,
    ) -> tuple[Store, str]:
        """Create a store with its first user (a coordinator); returns it and the recovery code."""
        path = Path(path)
        if not username.strip():
            raise StoreError("Vul een gebruikersnaam in.", code="username_required")
        if path.exists():
            raise StoreError(
                "Er bestaat al een bestand met deze naam. Kies een andere naam of map.",
                code="exists",
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = StoreLock.acquire(path)
        try:
            device = device_id(state_folder)
            database = Database(None, device_id=device)
            migrations.upgrade(database.engine)
            user = User(
                username=username.strip(),
                display_name=display_name.strip() or username.strip(),
                role=UserRole.COORDINATOR,
            )
            with database.session() as session:
                session.add(user)
                session.commit()
                current = _current(user)
            memory = GenerationMemory(state_folder)
            file, recovery = StoreFile.create(
                path,
                database.serialize(),
                password=password,
                username=current.username,
                kdf=kdf,
                memory=memory,
            )
        except BaseException:
            lock.release()
            raise
        store = cls(file, database, lock, current)
        return store, recovery

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        password: str | None = None,
        recovery_code: str | None = None,
        username: str | None = None,
        allow_rollback: bool = False,
        generation: int | None = None,
        read_only: bool = False,
        state_folder: Path | None = None,
    ) -> Store:
        """Unlock and load a store. With ``generation``, open that backup (saving goes to ``path``)."""
        path = Path(path)
        if path.is_dir():
            raise NotAStoreError("Dit is een map, geen ZVKD-bestand.", code="not_a_store")
        if not path.is_file():
            raise NotAStoreError(
                f"Het bestand {path.name} bestaat niet (meer). Kies een ander bestand of maak een "
                "nieuw bestand.",
                code="missing",
            )
        lock = None if read_only else StoreLock.acquire(path)
        try:
            file, payload = StoreFile.unlock(
                path,
                password=password,
                recovery_code=recovery_code,
                username=username,
                allow_rollback=allow_rollback,
                generation=generation,
                memory=GenerationMemory(state_folder),
            )
            database = Database(payload, device_id=device_id(state_folder))
            migrated_from = migrations.upgrade(database.engine)
            migrated = migrated_from != migrations.head_revision()
            user = _find_user(database, file.slot)
            store = cls(
                file, database, lock, user, migrated_from=migrated_from if migrated else None
            )
            if not read_only:
                if migrated:
                    _keep_pre_migration_copy(path, migrated_from)
                    store.save()
                elif generation is None:
                    _drop_pre_migration_copies(path)
            return store
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    @staticmethod
    def list_backups(path: Path) -> list[BackupInfo]:
        return list_backups(Path(path))

    @classmethod
    def open_newest_backup(cls, path: Path, **kwargs: object) -> Store:
        """After a DamagedStoreError: the newest backup that authenticates with the same secret."""
        last_error: Exception | None = None
        for backup in list_backups(Path(path)):
            try:
                return cls.open(path, generation=backup.generation, **kwargs)  # type: ignore[arg-type]
            except (DamagedStoreError, WrongPasswordError) as exc:
                last_error = exc
        raise DamagedStoreError(
            "Geen enkele reservekopie van dit bestand is bruikbaar. Neem contact op met de "
            "coördinator voor een back-up uit een andere map.",
            code="no_good_backup",
        ) from last_error

    def close(self) -> None:
        with self._mutex:
            self.db.close()
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    # -- data access -----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit, then persist the new generation to disk."""
        with self._mutex:
            self._require_writable()
            session = self.db.session()
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
            finally:
                session.close()
            self.unsaved = True
            self.save()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._mutex:
            session = self.db.session()
            try:
                yield session
            finally:
                session.close()  # rolls back the connection; loaded objects stay readable

    def save(self) -> None:
        """Persist the in-memory database (again); raises a KnownError if the disk refuses."""
        with self._mutex:
            self._require_writable()
            self.unsaved = True  # until the new generation is confirmed on disk
            self.file.save(self.db.serialize())
            self.unsaved = False

    def _require_writable(self) -> None:
        if self._lock is None:
            raise StoreError("Dit bestand is alleen-lezen geopend.", code="read_only")

    # -- passwords -------------------------------------------------------------------------

    def change_password(self, old: str, new: str) -> None:
        """Rewrap this user's key slot; the data key and the data stay as they are."""
        with self._mutex:
            if not self.file.verify_secret(password=old, username=self.user.username):
                raise WrongPasswordError(
                    "Het huidige wachtwoord is onjuist.", code="wrong_password"
                )
            self.file.set_password_slot(self.user.username, new)
            self.save()

    def verify_password(self, password: str) -> bool:
        """Does ``password`` open this user's key slot? (the idle lock asks again)"""
        return self.file.verify_secret(password=password, username=self.user.username)

    def set_user_password(self, username: str, password: str) -> None:
        """Add or reset another user's slot (coordinator work; the service checks the role)."""
        with self._mutex:
            self.file.set_password_slot(username, password)
            self.save()

    # -- facts -----------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def generation(self) -> int:
        return self.file.generation

    @property
    def schema_revision(self) -> str | None:
        return migrations.current_revision(self.db.engine)

    def row_counts(self) -> dict[str, int]:
        counts = {}
        with self.read() as session:
            for table in Base.metadata.sorted_tables:
                counts[table.name] = session.scalar(select(func.count()).select_from(table)) or 0
        return counts


def pre_migration_copies(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.pre-migration-*.bak"))


def _keep_pre_migration_copy(path: Path, revision: str | None) -> None:
    """Keep the encrypted file as it was before migrating, until the next successful open."""
    target = path.with_name(f"{path.name}.pre-migration-{revision or 'new'}.bak")
    if not target.exists():
        shutil.copy2(path, target)


def _drop_pre_migration_copies(path: Path) -> None:
    for copy in pre_migration_copies(path):
        copy.unlink(missing_ok=True)


def _current(user: User) -> CurrentUser:
    return CurrentUser(user.id, user.username, user.display_name, user.role, user.professional_id)


def _find_user(database: Database, slot: dict[str, object]) -> CurrentUser:
    with database.session() as session:
        if slot.get("kind") == "recovery":
            user = session.scalars(
                select(User).where(User.role == UserRole.COORDINATOR, User.disabled_at.is_(None))
            ).first()
        else:
            user = session.scalars(select(User).where(User.username == slot.get("label"))).first()
        if user is None or user.disabled_at is not None:
            raise WrongPasswordError(
                "Deze gebruiker heeft geen toegang (meer). Vraag de coördinator om toegang.",
                code="user_disabled",
            )
        return _current(user)
