"""Fixtures for the Back-ups screens: the service fixtures (a real encrypted store with TEST_KDF,
a fixed clock), an application context on it, and a backup folder in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.services.conftest import FixedClock, clock, ctx  # noqa: F401 - fixtures, reused
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.ui.sections import AppContext


@pytest.fixture
def context(ctx: ServiceContext, clock: FixedClock) -> AppContext:  # noqa: F811 - the fixture
    return AppContext(ctx.store, today=clock)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "back-ups"
    path.mkdir()
    return path
