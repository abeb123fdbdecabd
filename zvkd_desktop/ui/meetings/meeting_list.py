"""The list of meetings on the left of the Kernteam screen: newest first, searchable.

The search goes to the service (``history.list_meetings``), which looks through each meeting's
date, place, people, youths, items, decisions and action items.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.meetings import MeetingRow, list_meetings
from zvkd_desktop.ui.meetings.common import label

__all__ = ["MEETING_ID_ROLE", "MeetingList", "MeetingListModel"]

MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class MeetingListModel(QAbstractTableModel):
    """Columns: date, status, and how many of the items were decided ("3 van 23")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[MeetingRow] = []
        self._headers = [self.tr("Datum"), self.tr("Status"), self.tr("Besloten")]

    def set_rows(self, rows: Sequence[MeetingRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == MEETING_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return format_nl(row.held_on)
            if column == 1:
                return label(row.status)
            return self.tr("{decided} van {items}").format(decided=row.decided_count,
                                                           items=row.item_count)  # fmt: skip
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [row.location or "", row.chair_name or ""]
            if row.refused_count:
                parts.append(self.tr("{n} punt(en) met een niet uitgevoerd besluit").format(
                    n=row.refused_count))  # fmt: skip
            return " · ".join(part for part in parts if part) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class MeetingList(QWidget):
    """Search field, the table of meetings and the 'Nieuw overleg' button."""

    meeting_chosen = Signal(object)
    """A meeting was selected: its id."""
    new_requested = Signal()
    reloaded = Signal()

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Datum, naam, besluit…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Zoeken in overleggen"))
        search_label = QLabel(self.tr("&Zoeken:"), self)
        search_label.setBuddy(self.search_edit)
        self.model = MeetingListModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Overleggen"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.new_button = QPushButton(self.tr("&Nieuw overleg…"), self)
        self.new_button.setToolTip(self.tr("Een kernteamoverleg plannen (Ctrl+N)"))
        self.empty_label = QLabel(self.tr("Nog geen overleggen."), self)
        self.empty_label.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.new_button)

        self.search_edit.textChanged.connect(self.reload)
        self.new_button.clicked.connect(self.new_requested)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

    def reload(self) -> None:
        selected = self.current_id()
        self.model.set_rows(list_meetings(self.ctx, self.search_edit.text()))
        searching = bool(self.search_edit.text().strip())
        self.empty_label.setText(self.tr("Geen overleg gevonden.") if searching
                                 else self.tr("Nog geen overleggen."))  # fmt: skip
        self.empty_label.setVisible(not self.model.rows)
        self.reloaded.emit()
        if selected is not None:
            self.select(selected, emit=False)

    def preferred_width(self) -> int:
        """Wide enough for every column (the status names are long)."""
        table = self.table
        header = table.horizontalHeader()
        width = sum(max(header.sectionSizeHint(column),
                        table.sizeHintForColumn(column) if self.model.rows else 0)
                    for column in range(self.model.columnCount()))  # fmt: skip
        scroll = table.style().pixelMetric(table.style().PixelMetric.PM_ScrollBarExtent)
        margins = self.layout().contentsMargins()
        return (max(width, header.length()) + 2 * table.frameWidth() + scroll + margins.left()
                + margins.right() + 4)  # fmt: skip

    def current_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        value = self.model.data(index, MEETING_ID_ROLE) if index.isValid() else None
        return value if isinstance(value, uuid.UUID) else None

    def select(self, meeting_id: uuid.UUID, *, emit: bool = True) -> bool:
        for row, meeting in enumerate(self.model.rows):
            if meeting.id == meeting_id:
                self.table.blockSignals(not emit)
                self.table.selectionModel().blockSignals(not emit)
                self.table.selectRow(row)
                self.table.selectionModel().blockSignals(False)
                self.table.blockSignals(False)
                return True
        return False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.meeting_chosen.emit(self.model.rows[current.row()].id)
