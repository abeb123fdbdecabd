"""QSettings, for exactly two things: window geometry/state and the last store path.

Nothing else goes here, and never anything personal: all other settings live inside the
encrypted store. Also the check that Qt's AppDataLocation and ``zvkd_desktop.paths`` agree, so
the GUI and the command line find the same default store.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths
from PySide6.QtWidgets import QMainWindow, QWidget

from zvkd_desktop import paths

LAST_STORE_KEY = "store/last_path"


class GuiSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings()

    def last_store_path(self) -> Path | None:
        value = self._settings.value(LAST_STORE_KEY)
        return Path(str(value)) if value else None

    def set_last_store_path(self, path: Path) -> None:
        self._settings.setValue(LAST_STORE_KEY, str(path))

    def restore_window(self, window: QWidget, name: str) -> None:
        geometry = self._settings.value(f"{name}/geometry")
        if isinstance(geometry, QByteArray | bytes):
            window.restoreGeometry(QByteArray(geometry))
        state = self._settings.value(f"{name}/state")
        if isinstance(window, QMainWindow) and isinstance(state, QByteArray | bytes):
            window.restoreState(QByteArray(state))

    def save_window(self, window: QWidget, name: str) -> None:
        self._settings.setValue(f"{name}/geometry", window.saveGeometry())
        if isinstance(window, QMainWindow):
            self._settings.setValue(f"{name}/state", window.saveState())
        self._settings.sync()

    def keys(self) -> list[str]:
        return list(self._settings.allKeys())


def startup_store_path(explicit: Path | None, settings: GuiSettings) -> Path:
    """The store to open: the one asked for, else the last one used if it exists, else default."""
    if explicit is not None:
        return explicit
    last = settings.last_store_path()
    if last is not None and last.exists():
        return last
    return paths.default_store_path()


def app_data_mismatch() -> str | None:
    """None when Qt's AppDataLocation is the folder ``paths`` uses; else a description.

    Needs the application's organisation and application names set (see ``app.configure``).
    ``ZVKD_HOME`` deliberately overrides ``paths``, so it is not compared then.
    """
    if os.environ.get("ZVKD_HOME"):
        return None
    qt_dir = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    ours = paths.app_data_dir()
    if Path(qt_dir) == ours:
        return None
    return f"QStandardPaths.AppDataLocation={qt_dir!r} but zvkd_desktop.paths uses {str(ours)!r}"
