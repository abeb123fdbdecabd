"""Shared fixtures: every test gets its own app-data folder and cheap key derivation."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from zvkd_desktop.store.kdf import TEST_KDF  # noqa: E402
from zvkd_desktop.store.store import Store  # noqa: E402

PASSWORD = "correct paard batterij"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The program's own folder (generation memory, device id) lives in the test's tmp dir."""
    home = tmp_path / "zvkd-home"
    monkeypatch.setenv("ZVKD_HOME", str(home))
    return home


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "stores" / "pad.zvkd"


@pytest.fixture
def new_store(store_path: Path) -> Iterator[Store]:
    store, _recovery = Store.create(
        store_path, PASSWORD, username="coordinator", display_name="Coördinator", kdf=TEST_KDF
    )
    try:
        yield store
    finally:
        store.close()
