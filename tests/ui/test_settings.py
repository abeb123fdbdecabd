"""QSettings holds only geometry and the last store path; Qt and ``paths`` agree on the folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths

from zvkd_desktop import paths
from zvkd_desktop.ui.settings import GuiSettings, app_data_mismatch, startup_store_path


def test_qt_app_data_location_is_the_folder_paths_uses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZVKD_HOME", raising=False)
    qt_dir = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    assert Path(qt_dir) == paths.app_data_dir()
    assert app_data_mismatch() is None


def test_the_start_path_prefers_the_asked_then_the_last_existing_then_the_default(
    tmp_path: Path, gui_settings: GuiSettings
) -> None:
    asked = tmp_path / "asked.zvkd"
    last = tmp_path / "last.zvkd"
    assert startup_store_path(asked, gui_settings) == asked
    gui_settings.set_last_store_path(last)
    assert startup_store_path(None, gui_settings) == paths.default_store_path()  # gone
    last.write_bytes(b"x")
    assert startup_store_path(None, gui_settings) == last
