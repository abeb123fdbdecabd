"""What every action dialog shares: a form with buddy labels, validation at the field, a refusal
shown inside the dialog, and the undoable run through ``AppContext.execute``.

``AppContext.execute`` shows a refusal in a message box; a dialog wants it inline, next to the
fields the user can still correct. :func:`run_command` therefore calls the service once itself
(a refusal goes to ``on_error`` and nothing lands on the undo stack), then hands ``execute`` a
``do`` that returns that first result without calling the service again, and calls the redo on
later redos. So every edit still goes through ``execute`` exactly once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.errors import KnownError, ValidationError
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.widgets import InlineMessage

__all__ = ["ActionDialog", "Command", "not_undoable", "run_command"]


@dataclass(frozen=True)
class Command:
    """One undoable edit: ``do`` calls a service, ``undo(result)`` its inverse.

    ``redo(result)`` is called on a redo after an undo (for instance ``restore_police_contact``
    instead of adding the contact a second time); without it ``do`` runs again. Its return value
    replaces the result when it is not None.
    """

    text: str
    do: Callable[[], Any]
    undo: Callable[[Any], Any]
    redo: Callable[[Any], Any] | None = None


def not_undoable(message: str) -> Callable[[Any], Any]:
    """An undo that refuses with ``message`` (the stack then drops the command)."""

    def refuse(_result: Any) -> None:
        raise ValidationError(message, code="not_undoable")

    return refuse


def run_command(
    context: AppContext,
    parent: QWidget | None,
    command: Command,
    on_error: Callable[[KnownError], None] | None = None,
) -> tuple[bool, Any]:
    """Run ``command`` undoably; (True, result) when it was done, (False, None) when refused.

    Without ``on_error`` a refusal is shown the way ``execute`` shows it (a message box).
    """
    try:
        first = command.do()
    except KnownError as error:
        if on_error is None:
            from zvkd_desktop.ui.errors import show_known_error

            show_known_error(parent, error)
        else:
            on_error(error)
        return False, None
    state: dict[str, Any] = {"result": first, "pending_first": True}

    def again() -> Any:
        if state.pop("pending_first", False):
            return first
        if command.redo is None:
            state["result"] = command.do()
        else:
            redone = command.redo(state["result"])
            if redone is not None:
                state["result"] = redone
        return state["result"]

    context.execute(parent, command.text, again, command.undo)
    return True, first


def _message_of(error: KnownError) -> str:
    return f"{error.message} {error.hint}" if error.hint else error.message


class ActionDialog(QDialog):
    """A form dialog for one action. Subclasses add rows, list ``problems()``, build ``command()``.

    OK stays disabled while a field has a problem; the first problem is shown under the form and
    every field with a problem carries a warning sign with the reason as tooltip and accessible
    description. A refusal from the services replaces that line until a field changes.
    """

    def __init__(
        self,
        context: AppContext,
        title: str,
        ok_text: str,
        parent: QWidget | None = None,
        *,
        intro: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.result_value: Any = None
        self.setWindowTitle(title)
        self.setModal(True)
        self._markers: dict[QWidget, QLabel] = {}
        self._refused = False

        layout = QVBoxLayout(self)
        if intro:
            self.intro = QLabel(intro, self)
            self.intro.setWordWrap(True)
            layout.addWidget(self.intro)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(self.form)
        self.extra = QVBoxLayout()
        layout.addLayout(self.extra)
        self.message = InlineMessage(self)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.cancel_button: QPushButton = self.buttons.button(
            QDialogButtonBox.StandardButton.Cancel
        )
        self.cancel_button.setText(self.tr("Annuleren"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 64)

    # -- building ---------------------------------------------------------------------------

    def add_row(
        self,
        label: str,
        field: QWidget,
        *,
        accessible: str | None = None,
        form: QFormLayout | None = None,
    ) -> QLabel:
        """A form row: ``label`` (with its &mnemonic) as buddy of ``field``, and a hidden marker.

        ``form`` is the dialog's own form unless a group box has one of its own.
        """
        buddy = QLabel(label, self)
        if label:  # a check box carries its own text and mnemonic
            buddy.setBuddy(field)
        field.setAccessibleName(accessible or label.replace("&", "").rstrip(":"))
        marker = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        marker.setPixmap(icon.pixmap(size, size))
        marker.setAccessibleName(self.tr("Probleem"))
        marker.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field, 1)
        row.addWidget(marker, 0, Qt.AlignmentFlag.AlignTop)
        (form or self.form).addRow(buddy, row)
        self._markers[field] = marker
        self.watch(field)
        return buddy

    def add_info_row(self, label: str, value: QWidget) -> None:
        """A row that only informs (no input): its label is not a buddy."""
        self.form.addRow(QLabel(label, self), value)

    def watch(self, *fields: QWidget) -> None:
        """Revalidate whenever one of ``fields`` changes."""
        for field in fields:
            if isinstance(field, QDateEdit):
                field.dateChanged.connect(self._changed)
            elif isinstance(field, QLineEdit):
                field.textChanged.connect(self._changed)
            elif isinstance(field, QPlainTextEdit):
                field.textChanged.connect(self._changed)
            elif isinstance(field, QComboBox):
                field.currentIndexChanged.connect(self._changed)
            elif isinstance(field, QAbstractButton):
                field.toggled.connect(self._changed)
            elif isinstance(field, QSpinBox):
                field.valueChanged.connect(self._changed)
            elif hasattr(field, "changed"):
                field.changed.connect(self._changed)

    # -- validation ---------------------------------------------------------------------------

    def problems(self) -> list[tuple[QWidget | None, str]]:
        """(field, Dutch reason) for every field that blocks OK; none by default."""
        return []

    def _changed(self, *_args: object) -> None:
        self._refused = False
        self.revalidate()

    def revalidate(self) -> bool:
        problems = self.problems()
        flagged = {field: reason for field, reason in problems if field is not None}
        for field, marker in self._markers.items():
            reason = flagged.get(field)
            marker.setVisible(reason is not None)
            marker.setToolTip(reason or "")
            field.setAccessibleDescription(reason or "")
        if not self._refused:
            if problems:
                self.message.show_info(problems[0][1])
            else:
                self.message.clear()
        self.ok_button.setEnabled(not problems)
        return not problems

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.revalidate()
        super().showEvent(event)

    # -- running ------------------------------------------------------------------------------

    def command(self) -> Command:
        raise NotImplementedError

    def show_refusal(self, error: KnownError) -> None:
        self._refused = True
        self.message.show_warning(_message_of(error))

    def accept(self) -> None:
        if not self.revalidate():
            return
        done, result = run_command(self.context, self, self.command(), self.show_refusal)
        if done:
            self.result_value = result
            super().accept()
