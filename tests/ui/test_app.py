"""Start-up: the Dutch application set-up, ``run_gui`` end to end, KnownErrors shown plainly."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from zvkd_desktop.errors import DiskFullError
from zvkd_desktop.ui.app import run_gui
from zvkd_desktop.ui.errors import show_known_error
from zvkd_desktop.ui.first_run import FirstRunDialog


def test_the_application_is_dutch_and_named_for_its_data_folder() -> None:
    assert QCoreApplication.organizationName() == "ZVKD"
    assert QCoreApplication.applicationName() == "ZVKD Desktop"
    assert QLocale().language() == QLocale.Language.Dutch
    # Qt's own strings come from qtbase_nl
    assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "&Ja"


def test_run_gui_starts_with_the_first_run_dialog_and_cancel_quits(
    qapp: QApplication, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    seen: list[str] = []

    def cancel_first_run() -> None:
        for widget in qapp.topLevelWidgets():
            if isinstance(widget, FirstRunDialog) and widget.isVisible():
                seen.append(widget.windowTitle())
                widget.cancel_button.click()

    QTimer.singleShot(50, cancel_first_run)
    try:
        assert run_gui(store_path) == 0
    finally:
        qapp.setQuitOnLastWindowClosed(True)
    assert seen == ["Nieuw gegevensbestand – ZVKD Desktop"]
    assert not store_path.exists()


def test_a_known_error_is_a_plain_dutch_warning(qtbot: QtBot) -> None:
    shown: list[tuple[str, str]] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        shown.append((box.windowTitle(), box.text()))
        box.accept()

    QTimer.singleShot(0, read_and_close)
    show_known_error(None, DiskFullError("Er is niet genoeg ruimte op de schijf."))
    assert shown == [("Opslaan mislukt", "Er is niet genoeg ruimte op de schijf.")]
