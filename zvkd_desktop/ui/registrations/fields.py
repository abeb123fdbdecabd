"""Small pieces the dialogs of Aanmeldingen and Coaches share: date fields and running an edit so
that a refusal is shown *inside* the dialog. (Dates, combo lookup, vocabulary labels and headings
come from ``ui.forms`` and are re-exported here for the modules that import them from here.)

``AppContext.execute`` shows a refusal in a message box. A dialog wants it next to the fields
instead, with the dialog still open; :func:`execute_in_dialog` asks ``execute`` to run the edit
but turns the first refusal into an inline message (redo later still goes through ``execute``'s
own error handling). Everything still goes through ``execute`` and so onto the undo stack.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QDateEdit, QWidget

from zvkd_desktop.errors import KnownError
from zvkd_desktop.ui.forms import DATE_FORMAT, find_data, from_qdate, heading_label, to_qdate
from zvkd_desktop.ui.forms import vocab as label_of
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.undo import Do, Undo
from zvkd_desktop.ui.widgets import InlineMessage

__all__ = [
    "DATE_FORMAT",
    "OptionalDateEdit",
    "Outcome",
    "date_edit",
    "execute_in_dialog",
    "find_data",
    "from_qdate",
    "heading_label",
    "label_of",
    "to_qdate",
]


def date_edit(
    parent: QWidget, accessible_name: str, day: date, *, maximum: date | None = None
) -> QDateEdit:
    """A dd-mm-jjjj date field with a calendar; ``maximum`` keeps future dates out."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setAccessibleName(accessible_name)
    edit.setMinimumDate(QDate(1900, 1, 1))
    if maximum is not None:
        edit.setMaximumDate(to_qdate(maximum))
    edit.setDate(to_qdate(day))
    return edit


class OptionalDateEdit(QDateEdit):
    """A date field that starts empty ("dd-mm-jjjj"), for a date that must never be defaulted
    (a date of birth: a default would give a plausible but wrong age).

    QDateEdit cannot hold "no date", and typing over its special text does not parse. So while
    it is empty and gets the focus it shows ``suggestion`` with the day selected, and typing
    18032013 simply fills in the sections; leaving the field without changing anything makes it
    empty again. :meth:`value` is None until the user set a date.
    """

    EMPTY = QDate(1900, 1, 1)

    def __init__(
        self, parent: QWidget, accessible_name: str, suggestion: date, *, maximum: date
    ) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_FORMAT)
        self.setAccessibleName(accessible_name)
        self.setMinimumDate(self.EMPTY)
        self.setMaximumDate(to_qdate(maximum))
        self.setSpecialValueText(QCoreApplication.translate("OptionalDateEdit", "dd-mm-jjjj"))
        self.setDate(self.EMPTY)
        self._suggestion = to_qdate(suggestion)
        self._seeded = False
        self.dateChanged.connect(self._changed)
        self.calendarWidget().clicked.connect(self._changed)

    def value(self) -> date | None:
        if self._seeded or self.date() == self.EMPTY:
            return None
        return from_qdate(self.date())

    def set_value(self, day: date | None) -> None:
        self._seeded = False
        self.setDate(self.EMPTY if day is None else to_qdate(day))

    def _changed(self) -> None:
        self._seeded = False

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        if self.date() == self.EMPTY:
            self.blockSignals(True)
            self.setDate(self._suggestion)
            self.blockSignals(False)
            self._seeded = True
        super().focusInEvent(event)
        self.setSelectedSection(QDateEdit.Section.DaySection)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        if self._seeded and event.reason() != Qt.FocusReason.PopupFocusReason:
            self.blockSignals(True)
            self.setDate(self.EMPTY)
            self.blockSignals(False)
            self._seeded = False


@dataclass(frozen=True)
class Outcome:
    done: bool
    result: Any = None


class _Refused(Exception):
    def __init__(self, error: KnownError) -> None:
        super().__init__(error.message)
        self.error = error


def execute_in_dialog(
    context: AppContext,
    dialog: QWidget,
    message: InlineMessage,
    text: str,
    do: Do,
    undo: Undo,
) -> Outcome:
    """Run an edit through ``context.execute``; a refusal lands in ``message``, not a box."""
    first = True

    def do_first_inline() -> Any:
        nonlocal first
        if not first:
            return do()  # redo: execute's own handling applies
        first = False
        try:
            return do()
        except KnownError as error:
            raise _Refused(error) from error

    try:
        result = context.execute(dialog, text, do_first_inline, undo)
    except _Refused as refused:
        message.show_warning(str(refused.error))  # the message and its hint
        return Outcome(False)
    if context.closed:
        return Outcome(False)
    message.clear()
    return Outcome(True, result)
