"""Driving the case file like a person: typed dates, shortcuts, the dialog that just opened."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QDialog
from pytestqt.qtbot import QtBot

from zvkd_desktop.ui.casefile.window import CaseWindow
from zvkd_desktop.ui.dialogs.fields import DateEdit


def type_date(qtbot: QtBot, edit: DateEdit, day: dt.date) -> None:
    """Type dd mm jjjj into the day section (the edit moves on to the next section by itself)."""
    edit.setFocus()
    edit.setSelectedSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClicks(edit, day.strftime("%d%m%Y"))
    assert edit.value() == day


def press(qtbot: QtBot, window: CaseWindow, shortcut: str) -> None:
    """A keyboard shortcut in the (active) case window."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    sequence = QKeySequence(shortcut)[0]
    qtbot.keyClick(window.focusWidget() or window, sequence.key(), sequence.keyboardModifiers())


def opened(window: CaseWindow) -> Any:
    """The dialog the last action opened (typed loosely: tests reach into its fields)."""
    dialog = window.commands.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def click_ok(qtbot: QtBot, dialog: QDialog) -> None:
    button = dialog.ok_button
    assert button.isEnabled(), dialog.message.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
