"""Input widgets the dialogs and the case file share: Dutch dates, vocabulary combos, notes.

Dates are always typed and shown as dd-mm-jjjj with a calendar popup; a QDateEdit cannot hold an
impossible date (31-02), so the dialogs only have to check the rules (not in the future, not
before admission). Vocabulary labels go through the "vocabulary" translation context
(:func:`vocab` lives in ``ui.forms``, shared with the other sections, and is re-exported here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import Enum
from typing import TypeVar

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.vocabulary import Labelled
from zvkd_desktop.ui.forms import DATE_FORMAT, find_data, vocab

__all__ = [
    "DateEdit",
    "NoteEdit",
    "OptionalDateEdit",
    "add_mnemonic",
    "current_enum",
    "date_text",
    "enum_combo",
    "select_data",
    "vocab",
]

L = TypeVar("L", bound=Labelled)
_FIRST_DAY = dt.date(1900, 1, 1)
_LAST_DAY = dt.date(2199, 12, 31)


def add_mnemonic(text: str, used: set[str]) -> str:
    """``text`` with a mnemonic on its first letter not in ``used`` (which it then adds)."""
    for index, char in enumerate(text):
        if char.isalpha() and char.lower() not in used:
            used.add(char.lower())
            return f"{text[:index]}&{text[index:]}"
    return text


def date_text(day: dt.date | None, empty: str = "—") -> str:
    return format_nl(day) if day is not None else empty


class DateEdit(QDateEdit):
    """A date typed as dd-mm-jjjj, with a calendar; ``value()`` is a Python date."""

    def __init__(self, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_FORMAT)
        self.setDateRange(QDate(_FIRST_DAY), QDate(_LAST_DAY))
        self.setDate(QDate(day))
        self.setToolTip(self.tr("Datum als dd-mm-jjjj, of kies met Alt+Omlaag in de kalender"))

    def value(self) -> dt.date:
        day = self.date().toPython()
        assert isinstance(day, dt.date)
        return day

    def set_value(self, day: dt.date) -> None:
        self.setDate(QDate(day))


class OptionalDateEdit(QWidget):
    """A date that may be left out: a check box switches the date on ("Uiterlijk" in the plan)."""

    changed = Signal()

    def __init__(self, check_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(check_text, self)
        self.edit = DateEdit(dt.date(2000, 1, 1), self)
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)

    def value(self) -> dt.date | None:
        return self.edit.value() if self.check.isChecked() else None

    def set_value(self, day: dt.date | None, default: dt.date) -> None:
        self.check.setChecked(day is not None)
        self.edit.set_value(day or default)


class NoteEdit(QPlainTextEdit):
    """A few lines of free text; Tab moves on (a note never needs a tab character)."""

    def __init__(self, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 2 * self.frameWidth() + 8
        self.setMinimumHeight(height)
        self.setMaximumHeight(height * 2)

    def text(self) -> str:
        return self.toPlainText()


def enum_combo(
    members: Iterable[L], parent: QWidget | None = None, *, selected: L | None = None
) -> QComboBox:
    """A combo with the translated labels of ``members``; each item's data is the member's value
    (Qt turns a StrEnum into a plain str; read it back with :func:`current_enum`)."""
    combo = QComboBox(parent)
    for member in members:
        combo.addItem(vocab(member), member.value)
    if selected is not None:
        select_data(combo, selected)
    return combo


def current_enum(combo: QComboBox, enum_cls: type[L]) -> L | None:
    data = combo.currentData()
    return enum_cls(data) if data is not None else None


def select_data(combo: QComboBox, value: object) -> bool:
    """Select the item whose data is ``value`` (or an enum's value); False when there is none."""
    alternatives = (value.value,) if isinstance(value, Enum) else ()
    index = find_data(combo, value, *alternatives)
    if index < 0:
        return False
    combo.setCurrentIndex(index)
    return True
