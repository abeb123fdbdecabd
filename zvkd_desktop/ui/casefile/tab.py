"""What the case file's tabs share: the snapshot they show, and small building blocks.

The window reads the case once per refresh (``CaseSnapshot``) and hands it to the header and the
visible tab; a tab reads its own lists (contacts, reviews …) from the services when it loads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from zvkd_desktop.domain.closure_rule import ClosureStatus
from zvkd_desktop.services.case_views import CaseDetail
from zvkd_desktop.services.youths import YouthDetail
from zvkd_desktop.ui.casefile.commands import CaseCommands
from zvkd_desktop.ui.sections import AppContext

__all__ = ["CaseSnapshot", "CaseTab", "button_row", "list_view", "selected_data"]

DATA_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class CaseSnapshot:
    case: CaseDetail
    youth: YouthDetail
    status: ClosureStatus
    """The closure rule as of ``on``: today for a running case, the closure day for a closed one."""
    today: dt.date
    on: dt.date
    can_write: bool = True
    """False for a read-only role (a partner): the edit buttons are hidden."""

    @property
    def running(self) -> bool:
        return self.case.closed_on is None


class CaseTab(QWidget):
    """A tab of the case file; ``load`` shows a snapshot (called when shown and after changes)."""

    def __init__(
        self, context: AppContext, commands: CaseCommands, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.commands = commands
        self.snapshot: CaseSnapshot | None = None
        self.edit_widgets: list[QWidget] = []
        """Buttons that change something: hidden for a read-only role."""

    def load(self, snapshot: CaseSnapshot) -> None:
        self.snapshot = snapshot
        for widget in self.edit_widgets:
            widget.setVisible(snapshot.can_write)

    def has_pending_edits(self) -> bool:
        """Input typed but not yet saved through a service (the window asks before closing)."""
        return False

    def save_pending_edits(self) -> bool:
        """Save the pending input; False when the services refused (the refusal was shown)."""
        return True

    def discard_pending_edits(self) -> None:
        """Forget the pending input (the user chose not to save it)."""


class EditableListTab(CaseTab):
    """A tab whose list rows (of ``row_type``) are edited or removed with two buttons.

    Subclasses set ``view``, ``edit_button``, ``remove_button`` and ``row_type`` and say how a
    row is edited or removed; selection, button state and the slots are the same for all.
    """

    row_type: type
    view: QTreeWidget
    edit_button: QPushButton
    remove_button: QPushButton

    def _selected(self) -> Any:
        data = selected_data(self.view)
        return data if isinstance(data, self.row_type) else None

    def _selection_changed(self, *_args: object) -> None:
        chosen = self._selected() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def edit(self) -> None:
        row = self._selected()
        if row is not None:
            self._edit_row(row)

    def remove(self) -> None:
        row = self._selected()
        if row is not None:
            self._remove_row(row)

    def _edit_row(self, row: Any) -> None:
        raise NotImplementedError

    def _remove_row(self, row: Any) -> None:
        raise NotImplementedError


def list_view(parent: QWidget, headers: list[str], name: str) -> QTreeWidget:
    """A flat, keyboard-friendly list with column headers (one row per item)."""
    view = QTreeWidget(parent)
    view.setHeaderLabels(headers)
    view.setRootIsDecorated(False)
    view.setUniformRowHeights(False)
    view.setAlternatingRowColors(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAccessibleName(name)
    view.setWordWrap(True)
    header = view.header()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    return view


def selected_data(view: QTreeWidget) -> object:
    item = view.currentItem()
    return item.data(0, DATA_ROLE) if item is not None else None


def add_item(view: QTreeWidget, values: list[str], data: object) -> QTreeWidgetItem:
    item = QTreeWidgetItem(view, values)
    item.setData(0, DATA_ROLE, data)
    return item


def button_row(
    parent: QWidget, *buttons: tuple[str, Callable[[], object]]
) -> tuple[QHBoxLayout, list[QPushButton]]:
    """A row of buttons (text with &mnemonic, slot), left aligned."""
    layout = QHBoxLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    made = []
    for text, slot in buttons:
        button = QPushButton(text, parent)
        button.clicked.connect(lambda _checked=False, s=slot: s())
        layout.addWidget(button)
        made.append(button)
    layout.addStretch(1)
    return layout, made
