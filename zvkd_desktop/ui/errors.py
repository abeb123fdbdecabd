"""Showing a KnownError: plainly, in Dutch, as the user's problem to solve and not as a crash."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from zvkd_desktop.errors import (
    DiskFullError,
    KnownError,
    SaveFailedError,
    StoreError,
    ValidationError,
)


def known_error_title(error: KnownError) -> str:
    if isinstance(error, SaveFailedError | DiskFullError):
        return QCoreApplication.translate("KnownError", "Opslaan mislukt")
    if isinstance(error, ValidationError):
        return QCoreApplication.translate("KnownError", "Niet mogelijk")
    if isinstance(error, StoreError):
        return QCoreApplication.translate("KnownError", "Probleem met het gegevensbestand")
    return QCoreApplication.translate("KnownError", "Let op")


def show_known_error(parent: QWidget | None, error: KnownError) -> None:
    """A warning box with the error's Dutch message (and hint); no traceback, no code."""
    box = QMessageBox(QMessageBox.Icon.Warning, known_error_title(error), error.message, parent=parent)
    if error.hint:
        box.setInformativeText(error.hint)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.button(QMessageBox.StandardButton.Ok).setText(QCoreApplication.translate("KnownError", "OK"))
    box.exec()
