"""A read-only table of frozen rows (registrations, coaches, cases) and its view, set up alike.

Each column says how a row shows (text), sorts (a key, so dates sort as dates) and aligns; the
model keeps the rows themselves so a page can ask which row is selected. Shared by the
Aanmeldingen and Coaches sections so their tables behave the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

__all__ = [
    "ROW_ROLE",
    "SORT_ROLE",
    "ColumnSpec",
    "RowTableModel",
    "current_row",
    "row_table_view",
    "selected_rows",
]

T = TypeVar("T")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ColumnSpec(Generic[T]):
    header: str
    """Already translated."""
    text: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None
    """Defaults to the text, case-folded."""
    right: bool = False
    tooltip: Callable[[T], str] | None = None
    sample: str = ""
    """Typical widest content, to size the column before any data is there."""
    stretch: bool = False
    """This column takes the room left over (else the last column does)."""
    header_tip: str = ""


class RowTableModel(QAbstractTableModel, Generic[T]):
    def __init__(self, columns: Sequence[ColumnSpec[T]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            if column.sort_key is not None:
                return column.sort_key(row)
            return column.text(row).casefold()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.right else Qt.AlignmentFlag.AlignLeft
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        return None

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if role == Qt.ItemDataRole.ToolTipRole and self.columns[section].header_tip:
            return self.columns[section].header_tip
        return None


class _SortProxy(QSortFilterProxyModel):
    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:  # noqa: N802 - Qt override
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:  # None next to a value: empty sorts last
            return a is not None and b is None


def row_table_view(
    model: RowTableModel[Any], accessible_name: str, parent: QWidget, *, multi: bool = False
) -> QTableView:
    """A sortable, row-selecting, read-only view of ``model`` (through a sorting proxy)."""
    proxy = _SortProxy(parent)
    proxy.setSourceModel(model)
    view = QTableView(parent)
    view.setModel(proxy)
    view.setAccessibleName(accessible_name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    stretching = any(column.stretch for column in model.columns)
    header.setStretchLastSection(not stretching)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    metrics = view.fontMetrics()
    for number, column in enumerate(model.columns):
        width = max(
            metrics.horizontalAdvance(column.sample or ""),
            metrics.horizontalAdvance(column.header),
        )
        header.resizeSection(number, width + metrics.horizontalAdvance("xxx"))
        if column.stretch:
            header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    return view


def selected_rows(view: QTableView) -> list[Any]:
    """The rows behind the view's selected lines, in the order shown."""
    selection = view.selectionModel()
    if selection is None:
        return []
    indexes = sorted(selection.selectedRows(), key=lambda index: index.row())
    return [index.data(ROW_ROLE) for index in indexes]


def current_row(view: QTableView) -> Any:
    index = view.currentIndex()
    return index.data(ROW_ROLE) if index.isValid() else None
