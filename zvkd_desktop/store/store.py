"""The store facade: one encrypted file, its in-memory database, the writer lock and the user.

Every committed transaction is persisted at once (``transaction()``): there is no save button to
forget. When persisting fails (disk full, folder gone), the change stays committed in memory,
``unsaved`` is set and the KnownError propagates; ``save()`` tries again. All database work goes
through one re-entrant lock, so there is never more than one writer.

Key changes (a user's slot, a new data key, a new recovery key) are made inside a transaction
and saved with it; when the transaction fails they are undone with it. Every save records the
audit chain's head in the authenticated header, and every open recomputes the chain and compares
(audit_chain.py): an entry removed, edited or reordered is refused as tampering.
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
from zvkd_desktop.store import audit_chain, keys, migrations
from zvkd_desktop.store.database import Database
from zvkd_desktop.store.envelope import FORMAT_VERSION
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
        self._session: Session | None = None  # the transaction under way, if any

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
            private, public = keys.new_key_pair()
            slot_id = keys.new_slot_id()
            user = User(
                id=uuid.uuid4(),
                username=username.strip(),
                display_name=display_name.strip() or username.strip(),
                role=UserRole.COORDINATOR,
                slot_id=slot_id,
                public_key=public,
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
                user_id=current.id,
                slot_id=slot_id,
                private_key=private,
                kdf=kdf,
                memory=memory,
                audit=audit_chain.head_of(database.connection).to_json(),
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
        audit_check: bool = True,
    ) -> Store:
        """Unlock and load a store. With ``generation``, open that backup (saving goes to ``path``).

        A broken audit chain is refused (DamagedStoreError, code ``audit_tampered``); only a
        read-only open may skip that check (``audit_check=False``), to investigate with
        :meth:`audit_status` which entry breaks.
        """
        if not audit_check and not read_only:
            raise ValueError("only a read-only open may skip the audit check")
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
            try:
                migrated_from = migrations.upgrade(database.engine)
                if audit_check:
                    with database.session() as session:
                        audit_chain.refuse_broken(session, file.header.audit)
                user = _find_user(database, file.slot)
            except BaseException:
                database.close()
                raise
            migrated = migrated_from != migrations.head_revision()
            store = cls(
                file, database, lock, user, migrated_from=migrated_from if migrated else None
            )
            if not read_only:
                store._bring_up_to_date(password, migrated, migrated_from, generation)
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

    def _bring_up_to_date(
        self, password: str | None, migrated: bool, migrated_from: str | None,
        generation: int | None,
    ) -> None:
        """Save at once what opening changed: a migrated schema, a format-1 file, a format-1
        key slot of the opener (given a key pair now that the password is at hand)."""
        old_format = self.file.header.format_version < FORMAT_VERSION
        if migrated:
            _keep_pre_migration_copy(self.path, migrated_from)
        elif old_format:
            _keep_pre_migration_copy(self.path, f"format{self.file.header.format_version}")
        if password is not None and keys.is_legacy(self.file.slot):
            with self.transaction() as session:
                row = session.get(User, self.user.id)
                assert row is not None
                self.set_user_key(session, row, password)
        elif migrated or old_format or self.file.keyring.upgraded:
            self.save()
        elif generation is None:
            _drop_pre_migration_copies(self.path)

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
            keys_before = self.file.keyring.snapshot()
            outer, self._session = self._session, session
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                self.file.keyring.restore(keys_before)  # key changes go with the transaction
                raise
            finally:
                self._session = outer
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
            head = audit_chain.head_of(self.db.connection)
            self.file.save(self.db.serialize(), audit=head.to_json())
            self.unsaved = False

    def _require_writable(self) -> None:
        if self._lock is None:
            raise StoreError("Dit bestand is alleen-lezen geopend.", code="read_only")

    # -- passwords and keys ------------------------------------------------------------------

    def change_password(self, old: str, new: str) -> None:
        """Rewrap this user's key slot; the data key and the data stay as they are."""
        with self._mutex:
            if not self.file.verify_secret(password=old, username=self.user.username):
                raise WrongPasswordError(
                    "Het huidige wachtwoord is onjuist.", code="wrong_password"
                )
            own = self.file.slot
            mine = self.file.slot_for(self.user.username)
            if mine is not None and own["id"] == mine["id"] and not keys.is_legacy(own):
                self.file.keyring.rewrap_own(new)
                self.save()
            else:  # opened with the recovery key, or a format-1 slot: a new key pair
                self.set_user_password(self.user.username, new)

    def verify_password(self, password: str) -> bool:
        """Does ``password`` open this user's key slot? (the idle lock asks again)"""
        return self.file.verify_secret(password=password, username=self.user.username)

    def set_user_password(self, username: str, password: str) -> None:
        """Give a user a new key pair under ``password`` (recovery, and tests; the users service
        does this for the coordinator with :meth:`set_user_key`, audited)."""
        with self.transaction() as session:
            user = session.scalars(
                select(User).where(func.lower(User.username) == username.strip().lower())
            ).first()
            if user is None:
                raise StoreError(f"Er is geen gebruiker '{username}'.", code="unknown_user")
            self.set_user_key(session, user, password)

    def set_user_key(self, session: Session, user: User, password: str) -> None:
        """Give ``user`` a NEW key pair whose private key ``password`` wraps, with the current
        data key sealed to it; their previous slot (if any) goes. Saved with the transaction."""
        self._require_transaction(session)
        slot, public = self.file.keyring.set_user(
            user.id, user.username, password, slot_id=user.slot_id
        )
        user.slot_id = str(slot["id"])
        user.public_key = public

    def remove_user_key(self, session: Session, user: User) -> None:
        """Remove the user's slot (their password no longer opens what is saved next). Only
        :meth:`rotate_data_key` also keeps them out of copies of files saved from now on."""
        self._require_transaction(session)
        ring = self.file.keyring
        slot = ring.slot_of_user(user.id) or ring.slot_for(user.username)
        if slot is not None:
            ring.remove(str(slot["id"]))
        user.slot_id = None
        user.public_key = None

    def rotate_data_key(self, session: Session) -> None:
        """A new random data key for the whole file, sealed to every active user's public key
        and the recovery key; no password needed. Slots of users disabled (or gone) in the
        database are dropped. The transaction's save re-encrypts everything under the new key,
        so a removed user's old password — or slot, from a copied file — cannot open it."""
        self._require_transaction(session)
        session.flush()
        active = session.execute(
            select(User.id, User.username).where(
                User.disabled_at.is_(None), User.deleted_at.is_(None)
            )
        ).all()
        self.file.keyring.rotate({user_id: name for user_id, name in active})

    def replace_recovery_key(self, session: Session) -> str:
        """A new recovery key (shown once by the caller); the old one stops working with the
        transaction's save."""
        self._require_transaction(session)
        return self.file.keyring.replace_recovery()

    def key_slot_ids(self) -> set[str]:
        """The ids of the user slots in the file (which users can unlock it)."""
        return {
            str(slot["id"]) for slot in self.file.keyring.slots if slot["kind"] == keys.PASSWORD
        }

    def _require_transaction(self, session: Session) -> None:
        if session is not self._session:
            raise RuntimeError("key changes belong inside this store's transaction()")

    # -- the audit chain ---------------------------------------------------------------------

    def audit_status(self) -> audit_chain.ChainStatus:
        """The audit chain checked against the head the last saved header recorded."""
        with self.read() as session:
            return audit_chain.check(session, audit_chain.recorded_head(self.file.header.audit))

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
        elif slot.get("user_id"):
            user = session.get(User, uuid.UUID(str(slot["user_id"])))
        else:
            user = session.scalars(select(User).where(User.username == slot.get("label"))).first()
        if user is None or user.disabled_at is not None:
            raise WrongPasswordError(
                "Deze gebruiker heeft geen toegang (meer). Vraag de coördinator om toegang.",
                code="user_disabled",
            )
        return _current(user)
