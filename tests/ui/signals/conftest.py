"""A private copy of the demo store per test, in an AppContext with the demo's fixed 'today'."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.signals.demo import TODAY, demo_store_file, open_copy
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.sections import AppContext


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_store_file(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def demo_store(demo_file: Path, tmp_path: Path) -> Iterator[Store]:
    store = open_copy(demo_file, tmp_path / "pad.zvkd")
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def context(demo_store: Store) -> Iterator[AppContext]:
    context = AppContext(demo_store, today=lambda: TODAY)
    yield context
    context.closed = True
