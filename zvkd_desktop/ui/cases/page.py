"""The 'Casussen' section: every case in one table, with search as you type and filters.

A coach or process director asks "which cases need me?": the table shows per case who it is,
where it stands under the closure rule and when it is reviewed next; the filters narrow it to a
coach, a neighbourhood or a signal, and Enter (or a double-click) opens the case.

Loading reads the store in the background (``background.run_in_background``), so a large store
never freezes the window; filtering and sorting work on the loaded rows (``proxy.py``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.errors import KnownError
from zvkd_desktop.services.case_list import CaseRow, case_rows
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.ui.cases.background import run_in_background
from zvkd_desktop.ui.cases.filter_bar import FilterBar
from zvkd_desktop.ui.cases.filtering import CaseIndex
from zvkd_desktop.ui.cases.model import CASE_ID_ROLE, CaseTableModel, Column, column_sort_keys
from zvkd_desktop.ui.cases.proxy import CaseFilterProxy

__all__ = ["CasesPage"]

_COLUMN_SAMPLES = {
    Column.NAME: "Abdullah Gebremedhin",
    Column.AGE: "ca. 27",
    Column.NEIGHBOURHOOD: "Voordijkshoorn",
    Column.CATEGORY: "Rivaliserende jeugd",
    Column.COACH: "Dennis van der Meulen",
    Column.ADMITTED: "00-00-0000",
    Column.POLICE_FREE: "0.000",
    Column.ELIGIBLE: "00-00-0000",
    Column.NEXT_REVIEW: "00-00-0000",
}
_CELL_PADDING_EM = 0.3
"""Room left and right in every cell, so a right-aligned number does not touch the next column."""


class CasesPage(QWidget):
    case_activated = Signal(object)
    """A case was opened (Enter or double-click): its id (uuid.UUID)."""
    loaded = Signal(int)
    """New rows are in the table: how many cases were loaded."""
    load_failed = Signal(str)

    def __init__(
        self, ctx: ServiceContext, parent: QWidget | None = None, *, load: bool = True
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.on: date | None = None
        self.is_loading = False
        self._load_generation = 0
        self._reload_after = False
        """A change came in while loading: load once more when this load is done."""
        self._stale = False
        """A change came in while hidden: load when shown again."""

        self.model = CaseTableModel(self)
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filters = FilterBar(self)
        # the filter bar's controls, under the names a test or the shell reaches for
        self.search_edit = self.filters.search_edit
        self.count_label = self.filters.count_label
        self.status_combo = self.filters.status_combo
        self.category_combo = self.filters.category_combo
        self.coach_combo = self.filters.coach_combo
        self.neighbourhood_combo = self.filters.neighbourhood_combo
        self.signal_combo = self.filters.signal_combo
        self.reset_button = self.filters.reset_button

        self.table = self._build_table()
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # no known end: a moving bar
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(self.fontMetrics().horizontalAdvance("x" * 16))
        self.busy.setAccessibleName(self.tr("Casussen laden"))
        self.busy_label = QLabel(self.tr("Casussen laden…"), self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()

        bottom = QHBoxLayout()
        bottom.addWidget(self.busy)
        bottom.addWidget(self.busy_label)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        QWidget.setTabOrder(self.reset_button, self.table)

        self._set_busy(False)
        self._kept_case: uuid.UUID | None = None
        self.proxy.modelAboutToBeReset.connect(self._keep_selection)
        self.proxy.modelReset.connect(self._restore_selection)
        self.proxy.rows_changed.connect(self._update_count)
        self.filters.criteria_changed.connect(self.proxy.set_criteria)
        self.filters.leave_search.connect(self._focus_table)
        self.table.activated.connect(self._activated)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.filters.focus_search)
        self._update_count()
        if load:
            self.reload()

    # -- the table -------------------------------------------------------------------------

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("case_table")
        table.setAccessibleName(self.tr("Casussen"))
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        table.setStyleSheet(f"QTableView::item {{ padding: 0 {self._cell_padding()}px; }}")
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 2 * self._row_padding())
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self._size_columns(header)
        table.setSortingEnabled(True)
        table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        return table

    def _cell_padding(self) -> int:
        return round(_CELL_PADDING_EM * self.fontMetrics().height())

    def _row_padding(self) -> int:
        return max(3, self.fontMetrics().height() // 4)

    def _size_columns(self, header: QHeaderView) -> None:
        """Widths from the font, so the columns fit at any scale without measuring 100 000 rows."""
        metrics = self.fontMetrics()
        style = self.style()
        frame = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        cell = 2 * (self._cell_padding() + frame) + 2
        title_room = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + metrics.height()
        icon = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 2 * frame
        bold_font = self.font()
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)  # closable dates and overdue reviews are bold
        for column, sample in _COLUMN_SAMPLES.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            text = bold if column in (Column.ELIGIBLE, Column.NEXT_REVIEW) else metrics
            width = max(
                text.horizontalAdvance(sample) + cell + (icon if column == Column.NAME else 0),
                max(metrics.horizontalAdvance(line) for line in title.split("\n")) + title_room,
            )
            header.resizeSection(column, width)

    # -- loading ---------------------------------------------------------------------------

    def data_changed(self) -> None:
        """The store changed (an edit, undo or redo): reload now if shown, else when shown.

        At 100 000 cases a load takes seconds of background work, so changes that arrive while
        one runs are gathered into a single further load.
        """
        if not self.isVisible():
            self._stale = True
        elif self.is_loading:
            self._reload_after = True
        else:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._stale:
            self._stale = False
            self.reload()
        super().showEvent(event)

    def flush(self) -> None:
        """The window is about to close the store: results of a load under way are dropped."""
        self._load_generation += 1
        self._reload_after = False
        self._set_busy(False)

    def reload(self) -> None:
        """Read the cases again (in the background); the filters and selection stay."""
        self._reload_after = False
        self._load_generation += 1
        generation = self._load_generation
        on = self.ctx.today()
        ctx = self.ctx
        column = self.proxy.sort_column()
        descending = self.proxy.sort_order() == Qt.SortOrder.DescendingOrder
        self._set_busy(True)

        def load() -> tuple[list[CaseRow], CaseIndex]:
            """On the loading thread: the rows, their index and the shown sort order."""
            rows = case_rows(ctx, on=on, status="all")
            index = CaseIndex(rows)
            if column >= 0:
                index.order(column, descending, lambda c: column_sort_keys(rows, c))
            return rows, index

        run_in_background(
            self,
            load,
            lambda loaded: self._loaded(generation, *loaded, on),
            lambda error: self._failed(generation, error),
        )

    def set_rows(
        self, rows: Sequence[CaseRow], on: date, *, index: CaseIndex | None = None
    ) -> None:
        """Show these rows (what a load does when it finishes; tests and benchmarks use it)."""
        self.on = on
        self.model.set_rows(rows, on, index=index)
        found = self.proxy.case_index
        self.filters.fill_choices(found.coaches, found.neighbourhoods)
        self.message.hide()

    def _loaded(self, generation: int, rows: list[CaseRow], index: CaseIndex, on: date) -> None:
        if generation != self._load_generation:
            return  # a newer load is under way
        self._set_busy(False)
        self.set_rows(rows, on, index=index)
        self.loaded.emit(len(rows))
        if self._reload_after:
            self.reload()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._load_generation:
            return
        self._set_busy(False)
        if isinstance(error, KnownError):
            text = error.message
        else:
            text = self.tr("De casussen konden niet worden geladen. Probeer het opnieuw of sluit "
                           "het programma en open het bestand opnieuw.")  # fmt: skip
        self.message.setText(text)
        self.message.show()
        self.load_failed.emit(text)
        if not isinstance(error, KnownError):
            raise error  # a bug: the crash handler reports it

    def _set_busy(self, busy: bool) -> None:
        self.is_loading = busy
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        self._update_count()

    def _update_count(self) -> None:
        self.filters.show_count(
            self.proxy.shown_count(), self.proxy.total_count(), loading=self.is_loading
        )

    # -- filters, selection and opening ----------------------------------------------------

    def reset_filters(self) -> None:
        self.filters.reset()

    def focus_search(self) -> None:
        self.filters.focus_search()

    def _focus_table(self) -> None:
        if self.proxy.rowCount() == 0:
            return
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def current_case_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        value = self.proxy.data(index, CASE_ID_ROLE)
        return value if isinstance(value, uuid.UUID) else None

    def select_case(self, case_id: uuid.UUID) -> bool:
        """Select and show a case's row if it is shown; False when the filters hide it."""
        row = self.proxy.row_of_case(case_id)
        if row < 0:
            return False
        index = self.proxy.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _keep_selection(self) -> None:
        self._kept_case = self.current_case_id()

    def _restore_selection(self) -> None:
        """After the proxy reset (new rows, or a filter): the same case again, if still shown."""
        kept, self._kept_case = self._kept_case, None
        if kept is not None:
            self.select_case(kept)

    def _activated(self, index: Any) -> None:
        case_id = self.proxy.data(index, CASE_ID_ROLE)
        if isinstance(case_id, uuid.UUID):
            self.case_activated.emit(case_id)
