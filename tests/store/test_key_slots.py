"""Key slots under any sequence of password changes, added and removed users and recovery.

Hypothesis draws a sequence of operations; a small model keeps who should get in with what. After
every step: the data written so far is all there, every current password opens the store (as its
user), the recovery key opens it, and every password that was replaced or removed does not.
"""

from __future__ import annotations

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

from tests.conftest import PASSWORD
from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.errors import StoreError, WrongPasswordError
from zvkd_desktop.store.generations import GenerationMemory
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.models import Setting, User
from zvkd_desktop.store.store import Store
from zvkd_desktop.store.storefile import FileOps, StoreFile

COORDINATOR = "coordinator"
OTHERS = ("coach-amira", "coach-bram")

passwords = st.text(min_size=1, max_size=10)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("change"), st.sampled_from((COORDINATOR, *OTHERS)), passwords),
        st.tuples(st.just("add"), st.sampled_from(OTHERS), passwords),
        st.tuples(st.just("remove"), st.sampled_from(OTHERS), st.just("")),
        st.tuples(st.just("recover"), st.just(COORDINATOR), passwords),
    ),
    min_size=1,
    max_size=5,
)


def _same(a: str, b: str) -> bool:
    return unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b)


@dataclass
class Model:
    recovery: str
    passwords: dict[str, str] = field(default_factory=lambda: {COORDINATOR: PASSWORD})
    retired: list[tuple[str, str]] = field(default_factory=list)  # must no longer open
    data: list[str] = field(default_factory=list)  # one Setting per step, all must survive

    def retire(self, username: str) -> None:
        self.retired.append((username, self.passwords.pop(username)))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One store, made once; every example starts from a copy (making one costs ~0.2 s)."""
    folder = tmp_path_factory.mktemp("template")
    store, recovery = Store.create(
        folder / "pad.zvkd", PASSWORD, username=COORDINATOR, display_name="Coördinator",
        kdf=TEST_KDF, state_folder=folder / "state",
    )
    with store.transaction() as session:
        for name in OTHERS:
            session.add(User(username=name, display_name=name, role=UserRole.COACH))
    store.close()
    return store.path, recovery


class NoSyncOps(FileOps):
    """Durability is tested elsewhere (crash and write-failure tests); here fsync only costs time."""

    def fsync(self, fd: int) -> None:
        pass

    def fsync_dir(self, folder: Path) -> None:
        pass


@contextmanager
def _opened(path: Path, state: Path, **secret: str) -> Iterator[Store]:
    store = Store.open(path, state_folder=state, **secret)  # type: ignore[arg-type]
    store.file.ops = NoSyncOps()
    try:
        yield store
    finally:
        store.close()


def _write(store: Store, model: Model) -> None:
    marker = f"stap-{len(model.data)}"
    with store.transaction() as session:
        session.add(Setting(key=marker, value=len(model.data)))
    model.data.append(marker)


def _apply(path: Path, state: Path, model: Model, step: tuple[str, str, str]) -> None:
    action, username, new = step
    if action == "change":
        if username not in model.passwords:
            return
        old = model.passwords[username]
        with _opened(path, state, username=username, password=old) as store:
            assert store.user.username == username
            store.change_password(old, new)
            _write(store, model)
        model.retire(username)
        model.passwords[username] = new
    elif action == "add":  # add a slot, or reset an existing one (the coordinator does it)
        with _opened(path, state, username=COORDINATOR, password=model.passwords[COORDINATOR]) as store:
            store.set_user_password(username, new)
            _write(store, model)
        if username in model.passwords:
            model.retire(username)
        model.passwords[username] = new
    elif action == "remove":
        if username not in model.passwords:
            return
        with _opened(path, state, username=COORDINATOR, password=model.passwords[COORDINATOR]) as store:
            store.file.remove_password_slot(username)
            store.save()
            _write(store, model)
        model.retire(username)
    elif action == "recover":
        with _opened(path, state, recovery_code=model.recovery) as store:
            assert store.user.username == COORDINATOR
            store.set_user_password(COORDINATOR, new)
            _write(store, model)
        model.retire(COORDINATOR)
        model.passwords[COORDINATOR] = new


def _check(path: Path, state: Path, model: Model) -> None:
    """Unlocking (StoreFile) authenticates and decrypts the whole file: enough, and fast."""
    memory = GenerationMemory(state)
    databases = set()
    for username, password in model.passwords.items():
        file, payload = StoreFile.unlock(path, username=username, password=password, memory=memory)
        assert file.slot["label"] == username
        databases.add(payload)
    file, payload = StoreFile.unlock(path, recovery_code=model.recovery, memory=memory)
    databases.add(payload)
    assert len(databases) == 1, "two secrets opened different databases"
    assert _markers(payload) == set(model.data)
    for username, password in model.retired:
        current = model.passwords.get(username)
        if current is not None and _same(current, password):
            continue  # set back to an earlier password: that one opens again, rightly
        with pytest.raises(WrongPasswordError):
            StoreFile.unlock(path, username=username, password=password, memory=memory)


def _markers(payload: bytes) -> set[str]:
    database = sqlite3.connect(":memory:")
    try:
        database.deserialize(payload)
        rows = database.execute("SELECT key FROM setting WHERE key LIKE 'stap-%'").fetchall()
    finally:
        database.close()
    return {key for (key,) in rows}


@settings(
    max_examples=25,
    deadline=None,
    database=None,  # leave no .hypothesis folder behind
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=operations)
def test_slots_keep_the_data_and_admit_exactly_the_current_secrets(
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
        _apply(path, state, model, step)
        _check(path, state, model)
    shutil.rmtree(example)


def test_removing_your_own_slot_is_refused(new_store: Store) -> None:
    with pytest.raises(StoreError) as info:
        new_store.file.remove_password_slot(COORDINATOR)
    assert info.value.code == "own_slot"
    assert "eigen toegang" in info.value.message


def test_a_password_change_rewraps_one_slot_and_leaves_the_data_encryption_alone(
    new_store: Store, store_path: Path
) -> None:
    """Changing a password must not re-encrypt the database: only the slot's wrap changes."""
    before = {slot["id"]: slot for slot in new_store.file.header.slots}
    data_key = new_store.file._data_key  # noqa: SLF001 - the point of the test
    new_store.change_password(PASSWORD, "een heel ander wachtwoord")
    after = {slot["id"]: slot for slot in new_store.file.header.slots}
    assert before.keys() == after.keys()
    changed = [i for i in before if before[i] != after[i]]
    assert len(changed) == 1 and after[changed[0]]["label"] == COORDINATOR
    assert new_store.file._data_key == data_key  # noqa: SLF001
