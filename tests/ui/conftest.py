"""GUI test set-up: offscreen Qt, the app configured as in ``run_gui``, QSettings in tmp.

The root conftest already puts the program's own folder (ZVKD_HOME) in the test's tmp dir; here
QSettings is redirected too, so no test ever reads or writes the real user's settings.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from zvkd_desktop.ui.app import configure  # noqa: E402
from zvkd_desktop.ui.settings import GuiSettings  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def configured_app(qapp: QApplication) -> QApplication:
    configure(qapp)
    return qapp


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "qsettings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(folder / "sys"))
    yield folder


@pytest.fixture
def gui_settings(isolated_qsettings: Path) -> GuiSettings:
    return GuiSettings()


@pytest.fixture(autouse=True)
def close_leftover_windows(qapp: QApplication) -> Iterator[None]:
    """A test that fails half-way must not leave windows (or open stores) behind."""
    yield
    for widget in qapp.topLevelWidgets():
        if widget.isVisible():
            widget.close()
