"""A store keeps what was written: create, write, close, reopen, read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from zvkd_desktop.errors import NotAStoreError, StoreLockedError, WrongPasswordError
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.models import Household, Youth
from zvkd_desktop.store.store import Store


def _add_youth(store: Store, first_name: str) -> None:
    with store.transaction() as session:
        session.add(Youth(first_name=first_name, last_name="Jansen", birth_year=2008,
                          date_of_birth=dt.date(2008, 3, 1), neighbourhood="buitenhof"))


def test_written_rows_survive_close_and_reopen(new_store: Store, store_path: Path) -> None:
    _add_youth(new_store, "Sem")
    generation = new_store.generation
    new_store.close()

    reopened = Store.open(store_path, password=PASSWORD)
    try:
        with reopened.read() as session:
            youth = session.scalars(select(Youth)).one()
        assert (youth.first_name, youth.date_of_birth) == ("Sem", dt.date(2008, 3, 1))
        assert reopened.generation == generation
        assert reopened.user.username == "coordinator"
    finally:
        reopened.close()


def test_every_row_carries_sync_columns(new_store: Store) -> None:
    _add_youth(new_store, "Sem")
    with new_store.transaction() as session:
        youth = session.scalars(select(Youth)).one()
        youth.household = Household()
    with new_store.read() as session:
        youth = session.scalars(select(Youth)).one()
        assert youth.revision == 2
        assert youth.device_id is not None
        assert youth.updated_at >= youth.created_at
        assert youth.deleted_at is None


def test_each_commit_is_a_new_generation_with_backups(new_store: Store, store_path: Path) -> None:
    first = new_store.generation
    for name in ("Sem", "Noah", "Liam", "Mila", "Yara", "Daan", "Fenna"):
        _add_youth(new_store, name)
    assert new_store.generation == first + 7
    backups = Store.list_backups(store_path)
    assert [b.generation for b in backups] == list(range(new_store.generation - 1, new_store.generation - 6, -1))


def test_wrong_password_is_refused_and_file_unchanged(new_store: Store, store_path: Path) -> None:
    new_store.close()
    before = store_path.read_bytes()
    with pytest.raises(WrongPasswordError) as info:
        Store.open(store_path, password="fout")
    assert "wachtwoord onjuist" in info.value.message
    assert store_path.read_bytes() == before


def test_recovery_key_unlocks(store_path: Path) -> None:
    store, recovery = Store.create(store_path, PASSWORD, username="anna", display_name="Anna", kdf=TEST_KDF)
    store.close()
    reopened = Store.open(store_path, recovery_code=recovery.lower().replace("-", " "))
    assert reopened.user.username == "anna"
    reopened.set_user_password("anna", "nieuw wachtwoord 123")
    reopened.close()
    Store.open(store_path, password="nieuw wachtwoord 123").close()
    with pytest.raises(WrongPasswordError):
        Store.open(store_path, password=PASSWORD)


def test_not_a_store_file(tmp_path: Path) -> None:
    other = tmp_path / "brief.zvkd"
    other.write_bytes(b"%PDF-1.7 not a store")
    with pytest.raises(NotAStoreError) as info:
        Store.open(other, password=PASSWORD)
    assert "geen ZVKD-bestand" in info.value.message
    assert other.read_bytes() == b"%PDF-1.7 not a store"


def test_second_writer_is_refused_with_the_holder_named(new_store: Store, store_path: Path) -> None:
    with pytest.raises(StoreLockedError) as info:
        Store.open(store_path, password=PASSWORD)
    assert "al geopend door" in info.value.message
    # a reader (zvkd verify) may still look
    Store.open(store_path, password=PASSWORD, read_only=True).close()
