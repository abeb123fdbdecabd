"""A store saved with an earlier schema is migrated in memory on open, and nothing is lost."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import inspect, select

from tests.conftest import PASSWORD
from zvkd_desktop.store import migrations
from zvkd_desktop.store.models import Case, Youth
from zvkd_desktop.store.store import Store, pre_migration_copies

FIXTURE = Path(__file__).parents[1] / "fixtures" / "schema-0001.zvkd"


def _copy_fixture(tmp_path: Path) -> Path:
    target = tmp_path / "old.zvkd"
    shutil.copy(FIXTURE, target)
    return target


def test_a_store_of_revision_0001_opens_migrated_with_its_data(tmp_path: Path) -> None:
    path = _copy_fixture(tmp_path)
    original = path.read_bytes()

    store = Store.open(path, password=PASSWORD)
    try:
        assert store.migrated_from == "0001"
        assert store.schema_revision == migrations.head_revision() != "0001"
        with store.read() as session:
            youth = session.scalars(select(Youth)).one()
            case = session.scalars(select(Case)).one()
            indexes = {ix["name"] for ix in inspect(session.connection()).get_indexes("police_contact")}
        assert (youth.first_name, youth.last_name) == ("Milan", "de Groot")
        assert case.youth_id == youth.id
        assert "ix_police_contact_youth_date" in indexes
        # the migrated database was saved as a new generation; the old file is kept aside
        [kept] = pre_migration_copies(path)
        assert kept.read_bytes() == original
        assert path.read_bytes() != original
    finally:
        store.close()


def test_the_pre_migration_copy_goes_after_the_next_successful_open(tmp_path: Path) -> None:
    path = _copy_fixture(tmp_path)
    Store.open(path, password=PASSWORD).close()
    assert pre_migration_copies(path)

    reopened = Store.open(path, password=PASSWORD)
    reopened.close()
    assert reopened.migrated_from is None
    assert pre_migration_copies(path) == []


def test_a_new_store_starts_at_the_newest_revision(new_store: Store) -> None:
    assert new_store.schema_revision == migrations.head_revision()
