"""Rotating the data key: a coordinator alone locks a removed user out of every later save.

Each user's password wraps their own private key and the data key is sealed to their public key,
so a rotation needs nobody's password. What it proves, and what it cannot: a copy of the file
made BEFORE a user was removed still opens with that user's old password (they could read that
data anyway); no file saved AFTER the removal opens with their password, their old slot, their
private key or the old data key.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
import unicodedata
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.store.test_key_slots import NoSyncOps
from tests.store.test_write_failures import FailingOps
from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.errors import DamagedStoreError, DiskFullError, StoreError, WrongPasswordError
from zvkd_desktop.services import users
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.store import envelope, keys
from zvkd_desktop.store.generations import GenerationMemory
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.models import Setting, User, utcnow
from zvkd_desktop.store.store import Store
from zvkd_desktop.store.storefile import StoreFile

COORDINATOR = "coordinator"
OTHERS = ("amira", "bram", "cor")
FIXTURE = Path(__file__).parents[1] / "fixtures" / "schema-0001.zvkd"


def _same(a: str, b: str) -> bool:
    return unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b)


@contextmanager
def _opened(path: Path, state: Path, **secret: str) -> Iterator[Store]:
    store = Store.open(path, state_folder=state, **secret)  # type: ignore[arg-type]
    store.file.ops = NoSyncOps()
    try:
        yield store
    finally:
        store.close()


def _add(store: Store, username: str, password: str) -> uuid.UUID:
    return users.add_user(
        ServiceContext(store), username=username, display_name=username.title(),
        role=UserRole.PROCESS_DIRECTOR, password=password,
    )


def _user_id(store: Store, username: str) -> uuid.UUID:
    with store.read() as session:
        return session.scalars(select(User.id).where(User.username == username)).one()


def _write(store: Store, marker: str) -> None:
    with store.transaction() as session:
        session.add(Setting(key=marker, value=1))


def _markers(payload: bytes) -> set[str]:
    database = sqlite3.connect(":memory:")
    try:
        database.deserialize(payload)
        rows = database.execute("SELECT key FROM setting WHERE key LIKE 'stap-%'").fetchall()
    finally:
        database.close()
    return {key for (key,) in rows}


def _unlock(path: Path, state: Path, **secret: str | bool) -> tuple[StoreFile, bytes]:
    return StoreFile.unlock(path, memory=GenerationMemory(state), **secret)  # type: ignore[arg-type]


# -- a removed user --------------------------------------------------------------------------------


@pytest.fixture
def three_users(store_path: Path, tmp_path: Path) -> tuple[Path, Path, str]:
    """A store with the coordinator, amira and bram; returns (path, state folder, recovery)."""
    state = tmp_path / "state"
    store, recovery = Store.create(
        store_path, PASSWORD, username=COORDINATOR, display_name="Coördinator", kdf=TEST_KDF,
        state_folder=state,
    )
    try:
        _add(store, "amira", "amira wachtwoord")
        _add(store, "bram", "bram wachtwoord")
        _write(store, "stap-voor")
    finally:
        store.close()
    return store_path, state, recovery


def test_a_removed_users_password_opens_no_file_saved_after_the_removal(
    three_users: tuple[Path, Path, str], tmp_path: Path
) -> None:
    path, state, recovery = three_users
    before = tmp_path / "kopie-van-voor.zvkd"
    shutil.copyfile(path, before)  # what amira could have copied while she was a user
    old_file, _payload = _unlock(before, state, username="amira", password="amira wachtwoord")
    amira_slot, amira_private, old_key = old_file.slot, old_file.keyring.own_private, old_file._data_key

    with _opened(path, state, username=COORDINATOR, password=PASSWORD) as store:
        users.disable_user(ServiceContext(store), _user_id(store, "amira"))
        _write(store, "stap-na")

    # her password no longer opens the store, and every other secret still does
    with pytest.raises(WrongPasswordError):
        _unlock(path, state, username="amira", password="amira wachtwoord")
    with pytest.raises(WrongPasswordError):
        _unlock(path, state, password="amira wachtwoord")
    for secret in (
        {"username": COORDINATOR, "password": PASSWORD},
        {"username": "bram", "password": "bram wachtwoord"},
        {"recovery_code": recovery},
    ):
        assert _markers(_unlock(path, state, **secret)[1]) == {"stap-voor", "stap-na"}

    # the honest limit: the copy made before the removal still opens with her old password
    # (on a machine that saw a later version, only after the rollback warning)
    opened = _unlock(
        before, state, username="amira", password="amira wachtwoord", allow_rollback=True
    )
    assert _markers(opened[1]) == {"stap-voor"}

    # nothing she kept from it opens the new file: not the old data key ...
    parsed = envelope.parse(path.read_bytes())
    with pytest.raises(DamagedStoreError):
        envelope.open_payload(parsed, old_key)
    # ... not her old slot put into the new header (its sealed key is the old data key) ...
    assert keys.try_slot(amira_slot, "amira wachtwoord", parsed.header.store_id).data_key == old_key
    # ... and not her private key: nothing in the new file is sealed to it any more
    assert amira_private is not None
    assert keys.b64(keys.public_of(amira_private)) not in {s["public"] for s in parsed.header.slots}
    for slot in parsed.header.slots:
        with pytest.raises(DamagedStoreError):
            keys.open_data_key(slot, amira_private, parsed.header.store_id)


def test_disabling_rotates_the_data_key_and_keeps_the_pseudonym_key(
    three_users: tuple[Path, Path, str],
) -> None:
    path, state, _recovery = three_users
    with _opened(path, state, username=COORDINATOR, password=PASSWORD) as store:
        data_key, pseudonym_key = store.file._data_key, store.file.pseudonym_key()
        users.disable_user(ServiceContext(store), _user_id(store, "bram"))
        assert store.file._data_key != data_key
        assert store.file.pseudonym_key() == pseudonym_key  # re-registrations stay recognisable
    reopened, _payload = _unlock(path, state, username="amira", password="amira wachtwoord")
    assert reopened.pseudonym_key() == pseudonym_key


def test_a_failed_save_leaves_the_file_as_it_was_and_the_rotation_can_be_saved_later(
    three_users: tuple[Path, Path, str],
) -> None:
    path, state, _recovery = three_users
    with _opened(path, state, username=COORDINATOR, password=PASSWORD) as store:
        before = path.read_bytes()
        store.file.ops = FailingOps("write", errno.ENOSPC)
        with pytest.raises(DiskFullError):
            users.disable_user(ServiceContext(store), _user_id(store, "amira"))
        assert path.read_bytes() == before
        assert store.unsaved
        # on disk nothing changed: amira's password still opens the file as it is there
        _unlock(path, state, username="amira", password="amira wachtwoord")
        store.file.ops = NoSyncOps()
        store.save()
    with pytest.raises(WrongPasswordError):
        _unlock(path, state, username="amira", password="amira wachtwoord")


def test_key_changes_are_undone_with_a_transaction_that_fails(
    three_users: tuple[Path, Path, str],
) -> None:
    path, state, _recovery = three_users
    with _opened(path, state, username=COORDINATOR, password=PASSWORD) as store:
        slots, data_key, before = list(store.file.keyring.slots), store.file._data_key, path.read_bytes()
        with pytest.raises(RuntimeError, match="halverwege"):
            with store.transaction() as session:
                amira = session.get(User, _user_id(store, "amira"))
                assert amira is not None
                store.remove_user_key(session, amira)
                store.rotate_data_key(session)
                raise RuntimeError("halverwege")
        assert store.file.keyring.slots == slots and store.file._data_key == data_key
        assert path.read_bytes() == before
    _unlock(path, state, username="amira", password="amira wachtwoord")


def test_rotation_seals_the_new_key_only_to_users_active_in_the_database(
    three_users: tuple[Path, Path, str],
) -> None:
    """A slot whose user is disabled in the database (a restored backup can do that) does not
    get the new key, even when nobody removed the slot itself."""
    path, state, _recovery = three_users
    with _opened(path, state, username=COORDINATOR, password=PASSWORD) as store:
        with store.transaction() as session:
            bram = session.get(User, _user_id(store, "bram"))
            assert bram is not None
            bram.disabled_at = utcnow()
            store.rotate_data_key(session)
    with pytest.raises(WrongPasswordError):
        _unlock(path, state, username="bram", password="bram wachtwoord")
    _unlock(path, state, username="amira", password="amira wachtwoord")


def test_key_changes_outside_a_transaction_are_a_bug(new_store: Store) -> None:
    with new_store.read() as session:
        with pytest.raises(RuntimeError):
            new_store.rotate_data_key(session)


# -- format 1 ----------------------------------------------------------------------------------


def test_a_format_1_store_is_brought_to_format_2_and_rotates_after_a_new_recovery_key(
    tmp_path: Path,
) -> None:
    path = tmp_path / "oud.zvkd"
    shutil.copyfile(FIXTURE, path)
    state = tmp_path / "state"
    old_header = envelope.parse(path.read_bytes()).header
    assert old_header.format_version == 1 and all(keys.is_legacy(s) for s in old_header.slots)

    with _opened(path, state, password=PASSWORD) as store:
        legacy_pseudonym = store.file.pseudonym_key()
        header = envelope.parse(path.read_bytes()).header  # saved at once, as format 2
        assert header.format_version == 2 and header.audit is not None
        assert not keys.is_legacy(store.file.slot)  # the opener's slot got its key pair
        # the recovery slot still wraps the data key itself: it cannot follow a rotation
        with pytest.raises(StoreError) as refused:
            users.rotate_data_key(ServiceContext(store))
        assert refused.value.code == "legacy_recovery_key"
        assert "nieuwe herstelsleutel" in refused.value.message
        code = users.new_recovery_key(ServiceContext(store))
        users.rotate_data_key(ServiceContext(store))
        assert store.file.pseudonym_key() == legacy_pseudonym

    for secret in ({"password": PASSWORD}, {"recovery_code": code}):
        file, _payload = _unlock(path, state, **secret)
        assert file.pseudonym_key() == legacy_pseudonym


def test_opening_with_a_format_1_recovery_key_gives_it_a_key_pair(
    store_path: Path, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    store, _code = Store.create(
        store_path, PASSWORD, username=COORDINATOR, display_name="Coördinator", kdf=TEST_KDF,
        state_folder=state,
    )
    code = keys.new_recovery_code()
    old_style = keys.make_slot(  # as format 1 wrote it: the data key wrapped by the code itself
        store.file._data_key, code, kind=keys.RECOVERY, slot_id=keys.RECOVERY_SLOT_ID,
        label="herstelsleutel", store_id=store.file.store_id, kdf=TEST_KDF,
    )
    store.file.keyring.slots = [s for s in store.file.keyring.slots if s["kind"] != keys.RECOVERY]
    store.file.keyring.slots.append(old_style)
    store.save()
    store.close()

    with _opened(store_path, state, recovery_code=code) as reopened:
        recovery = next(s for s in reopened.file.keyring.slots if s["kind"] == keys.RECOVERY)
        assert not keys.is_legacy(recovery)
        saved = envelope.parse(store_path.read_bytes()).header.slots  # saved at once
        assert recovery in saved
        users.rotate_data_key(ServiceContext(reopened))  # no longer refused
    _unlock(store_path, state, recovery_code=code)
    _unlock(store_path, state, username=COORDINATOR, password=PASSWORD)


# -- any sequence of user changes ----------------------------------------------------------------


passwords = st.text(min_size=10, max_size=14).filter(
    lambda p: p.strip().casefold() not in (COORDINATOR, *OTHERS)  # the service refuses those
)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.sampled_from(OTHERS), passwords),
        st.tuples(st.just("disable"), st.sampled_from(OTHERS), st.just("")),
        st.tuples(st.just("enable"), st.sampled_from(OTHERS), passwords),
        st.tuples(st.just("reset"), st.sampled_from(OTHERS), passwords),
        st.tuples(st.just("change"), st.sampled_from((COORDINATOR, *OTHERS)), passwords),
        st.tuples(st.just("rotate"), st.just(COORDINATOR), st.just("")),
    ),
    min_size=1,
    max_size=5,
)


@dataclass
class Model:
    recovery: str
    passwords: dict[str, str] = field(default_factory=lambda: {COORDINATOR: PASSWORD})
    disabled: set[str] = field(default_factory=set)
    retired: list[tuple[str, str]] = field(default_factory=list)  # must no longer open
    old_keys: list[bytes] = field(default_factory=list)  # data keys replaced by a rotation
    data: list[str] = field(default_factory=list)

    def retire(self, username: str) -> None:
        self.retired.append((username, self.passwords.pop(username)))


def _step(path: Path, state: Path, model: Model, step: tuple[str, str, str]) -> None:
    action, username, new = step
    if action == "change":
        if username not in model.passwords:
            return
        secret = {"username": username, "password": model.passwords[username]}
    else:
        secret = {"username": COORDINATOR, "password": model.passwords[COORDINATOR]}
    with _opened(path, state, **secret) as store:
        ctx = ServiceContext(store)
        key_before = store.file._data_key
        known = username in model.passwords or username in model.disabled
        rotates = False
        if action == "add" and not known:
            _add(store, username, new)
            model.passwords[username] = new
        elif action == "disable" and username in model.passwords:
            users.disable_user(ctx, _user_id(store, username))
            model.retire(username)
            model.disabled.add(username)
            rotates = True
        elif action == "enable" and username in model.disabled:
            users.enable_user(ctx, _user_id(store, username), new)
            model.disabled.discard(username)
            model.passwords[username] = new
        elif action == "reset" and username in model.passwords:
            users.reset_password(ctx, _user_id(store, username), new)
            model.retire(username)
            model.passwords[username] = new
        elif action == "change":
            store.change_password(model.passwords[username], new)
            model.retire(username)
            model.passwords[username] = new
        elif action == "rotate":
            users.rotate_data_key(ctx)
            rotates = True
        marker = f"stap-{len(model.data)}"
        _write(store, marker)
        model.data.append(marker)
        # only disabling and rotating change the data key; passwords never need it to
        assert (store.file._data_key != key_before) == rotates
        if rotates:
            model.old_keys.append(key_before)


def _check(path: Path, state: Path, model: Model) -> None:
    payloads = set()
    for username, password in model.passwords.items():
        file, payload = _unlock(path, state, username=username, password=password)
        assert file.slot["label"] == username
        payloads.add(payload)
    payloads.add(_unlock(path, state, recovery_code=model.recovery)[1])
    assert len(payloads) == 1, "two secrets opened different databases"
    assert _markers(payloads.pop()) == set(model.data)
    for username, password in model.retired:
        current = model.passwords.get(username)
        if current is not None and _same(current, password):
            continue  # set back to an earlier password: that one opens again, rightly
        with pytest.raises(WrongPasswordError):
            _unlock(path, state, username=username, password=password)
    parsed = envelope.parse(path.read_bytes())
    for old_key in model.old_keys:
        with pytest.raises(DamagedStoreError):
            envelope.open_payload(parsed, old_key)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("template")
    store, recovery = Store.create(
        folder / "pad.zvkd", PASSWORD, username=COORDINATOR, display_name="Coördinator",
        kdf=TEST_KDF, state_folder=folder / "state",
    )
    store.close()
    return store.path, recovery


@settings(
    max_examples=25,
    deadline=None,
    database=None,  # leave no .hypothesis folder behind
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=operations)
def test_a_coordinator_alone_rotates_and_every_remaining_secret_keeps_working(
    template: tuple[Path, str], tmp_path: Path, steps: list[tuple[str, str, str]]
) -> None:
    source, recovery = template
    example = tmp_path / uuid.uuid4().hex[:8]
    example.mkdir()
    path = example / "pad.zvkd"
    shutil.copyfile(source, path)
    state = example / "state"
    model = Model(recovery)
    for step in steps:
        _step(path, state, model, step)
        _check(path, state, model)
    shutil.rmtree(example)
