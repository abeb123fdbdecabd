"""The filtering and sorting layer between the case table model and its view.

A flat proxy that holds the list of shown source rows itself, instead of a
``QSortFilterProxyModel``. Measured with a QTableView attached at 100 000 rows (PySide6 6.12):
a ``QSortFilterProxyModel`` that calls a Python ``filterAcceptsRow`` doing only a list lookup takes
110–180 ms per filter change, and 3.3 s when the change removes every other row (one
rowsRemoved per gap); one sort by a number column through ``data()`` took 23 s. Here a change is
worked out in bulk by :class:`~zvkd_desktop.ui.cases.filtering.CaseIndex` and announced in one
signal: a reset for a filter, a layout change for a sort (see ``_refilter``). Qt 6.9's
``beginFilterChange``/``endFilterChange`` belong to ``QSortFilterProxyModel`` and do not apply.

Only :class:`~zvkd_desktop.ui.cases.model.CaseTableModel` can be the source: the proxy reads its
rows and whole-column sort keys directly rather than cell by cell.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from zvkd_desktop.services.case_list import CaseRow
from zvkd_desktop.ui.cases.filtering import CaseIndex, Criteria
from zvkd_desktop.ui.cases.model import COLUMN_COUNT, ITEM_FLAGS, CaseTableModel

__all__ = ["CaseFilterProxy"]

AnyIndex = QModelIndex | QPersistentModelIndex


class CaseFilterProxy(QAbstractProxyModel):
    rows_changed = Signal()
    """The set or order of the shown rows changed (after every filter, search, sort or load)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model: CaseTableModel | None = None
        self._index = CaseIndex([])
        self._criteria = Criteria()
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._rows: list[int] = []
        self._shown = np.arange(0)
        self._inverse: np.ndarray | None = None
        self._case_rows: list[CaseRow] = []
        self._cells: dict[int, Any] = {}
        self._columns = 0
        self._connections: list[Any] = []

    # -- what to show ----------------------------------------------------------------------

    @property
    def criteria(self) -> Criteria:
        return self._criteria

    def set_criteria(self, criteria: Criteria) -> None:
        if criteria != self._criteria:
            self._criteria = criteria
            self._refilter()

    def update_criteria(self, **changes: Any) -> None:
        """Change some criteria, e.g. ``update_criteria(search="jan")``."""
        self.set_criteria(replace(self._criteria, **changes))

    def set_search(self, text: str) -> None:
        self.update_criteria(search=text)

    @property
    def case_index(self) -> CaseIndex:
        """The arrays behind the filters (the page reads the coaches and wijken it lists)."""
        return self._index

    def shown_count(self) -> int:
        return len(self._rows)

    def total_count(self) -> int:
        return self._index.size

    def source_rows(self) -> list[int]:
        """The shown source rows, in display order (a copy)."""
        return list(self._rows)

    def case_row(self, proxy_row: int) -> CaseRow:
        return self._case_rows[self._rows[proxy_row]]

    # -- source ----------------------------------------------------------------------------

    def setSourceModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802
        if model is not None and not isinstance(model, CaseTableModel):
            raise TypeError("CaseFilterProxy works only on a CaseTableModel")
        self.beginResetModel()
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections = []
        super().setSourceModel(model)
        self._model = model
        if model is not None:
            # Any structural change of the source is taken as a reset: the model only resets.
            for about in (
                model.modelAboutToBeReset,
                model.rowsAboutToBeInserted,
                model.rowsAboutToBeRemoved,
                model.layoutAboutToBeChanged,
                model.columnsAboutToBeInserted,
                model.columnsAboutToBeRemoved,
            ):
                self._connect(about, self._source_about_to_change)
            for done in (
                model.modelReset,
                model.rowsInserted,
                model.rowsRemoved,
                model.layoutChanged,
                model.columnsInserted,
                model.columnsRemoved,
            ):
                self._connect(done, self._source_changed)
            self._connect(model.dataChanged, self._source_data_changed)
            self._connect(model.headerDataChanged, self.headerDataChanged)
        self._rebuild()
        self.endResetModel()
        self.rows_changed.emit()

    def _connect(self, signal: Any, slot: Any) -> None:
        signal.connect(slot)
        self._connections.append((signal, slot))

    def _source_about_to_change(self, *_args: object) -> None:
        self.beginResetModel()

    def _source_changed(self, *_args: object) -> None:
        self._rebuild()
        self.endResetModel()
        self.rows_changed.emit()

    def _source_data_changed(self, *_args: object) -> None:
        """A row's facts changed in place: its search key or filters may have too."""
        self._index = CaseIndex(self._case_rows)
        self._refilter()
        if self._rows:
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _rebuild(self) -> None:
        self._case_rows = self._model.rows if self._model is not None else []
        self._cells = self._model.cells if self._model is not None else {}
        self._columns = COLUMN_COUNT if self._model is not None else 0
        prepared = self._model.prepared_index if self._model is not None else None
        self._index = prepared if prepared is not None else CaseIndex(self._case_rows)
        self._show(self._visible())

    def _visible(self) -> np.ndarray:
        sort_keys = self._model.sort_keys if self._model is not None else None
        return self._index.visible(
            self._criteria,
            column=self._sort_column,
            descending=self._sort_order == Qt.SortOrder.DescendingOrder,
            sort_keys=sort_keys,
        )

    def _refilter(self) -> None:
        """Recompute the shown rows and tell the views.

        A new order of the same rows (a sort) is a layout change, which keeps the views'
        selection and current row. A different set of rows (a filter) is a reset: at 100 000
        rows Qt's handling of a layout change whose row count changes cost 20–40 ms more per
        keystroke than a reset, and a reset also scrolls back to the top, which is what a new
        search should do. The page puts the selected case back (``modelReset``).
        """
        shown = self._visible()
        if np.array_equal(shown, self._shown):
            return
        if len(shown) != len(self._shown):
            self.beginResetModel()
            self._show(shown)
            self.endResetModel()
            self.rows_changed.emit()
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old_rows = self._rows
        self._show(shown)
        if persistent:
            inverse = self._inverse_map()
            moved = []
            for index in persistent:
                row = int(inverse[old_rows[index.row()]])
                moved.append(self.index(row, index.column()) if row >= 0 else QModelIndex())
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
        self.rows_changed.emit()

    def _show(self, shown: np.ndarray) -> None:
        self._shown = shown
        self._rows = shown.tolist()  # a list: indexing it per cell is faster than an array
        self._inverse = None

    def row_of_case(self, case_id: uuid.UUID) -> int:
        """The shown row of a case; -1 when the filters hide it or it is not loaded."""
        source_row = self._index.row_of(case_id)
        return -1 if source_row is None else int(self._inverse_map()[source_row])

    def _inverse_map(self) -> np.ndarray:
        """Source row → shown row (-1 when hidden), made when first needed after a change."""
        if self._inverse is None:
            inverse = np.full(self._index.size, -1, dtype=np.intp)
            inverse[self._shown] = np.arange(len(self._shown))
            self._inverse = inverse
        return self._inverse

    # -- QAbstractProxyModel ---------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if (column, order) == (self._sort_column, self._sort_order):
            return
        self._sort_column = (
            column if self._model is None or column < self._model.columnCount() else -1
        )
        self._sort_order = order
        self._refilter()

    def sort_column(self) -> int:
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def mapToSource(self, proxy_index: AnyIndex) -> QModelIndex:  # noqa: N802
        if not proxy_index.isValid() or self._model is None:
            return QModelIndex()
        return self._model.index(self._rows[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: AnyIndex) -> QModelIndex:  # noqa: N802
        if not source_index.isValid() or source_index.model() is not self._model:
            return QModelIndex()
        row = int(self._inverse_map()[source_index.row()])
        return self.index(row, source_index.column()) if row >= 0 else QModelIndex()

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if 0 <= row < len(self._rows) and 0 <= column < self._columns and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def parent(self, child: AnyIndex | None = None) -> Any:  # type: ignore[override]
        if child is None:
            return super().parent()  # QObject.parent()
        return QModelIndex()

    def sibling(self, row: int, column: int, index: AnyIndex) -> QModelIndex:
        return self.index(row, column)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._columns

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and bool(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The hot path of every repaint (about 7 calls per visible cell): kept to the minimum.
        getter = self._cells.get(role)
        if getter is None or not index.isValid():
            return None
        return getter(self._case_rows[self._rows[index.row()]], index.column())

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return ITEM_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and self._model is not None:
            return self._model.headerData(section, orientation, role)
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._rows):
            return str(section + 1)
        return None
