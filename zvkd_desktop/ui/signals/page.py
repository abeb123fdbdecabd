"""The 'Signalen' section, the start screen: what needs attention on a day, grouped by kind.

It answers a coach's first question of the day ("what must I do?") at a glance: their own
caseload on top, every group with its count, and Enter or a double-click goes straight to the tab
of the case file where the signal is dealt with. The date can be moved to prepare a meeting
("which signals will there be on Tuesday?").
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.signals import SignalKind
from zvkd_desktop.domain.vocabulary import ProfessionalRole, UserRole
from zvkd_desktop.services.partners import list_professionals
from zvkd_desktop.services.signals import SignalRow, signals_on
from zvkd_desktop.ui.registrations.fields import find_data, from_qdate, to_qdate
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.signals.model import (
    TAB_FOR_KIND,
    Column,
    SignalTreeModel,
    group_signals,
)

__all__ = ["SignalsPage"]


class SignalsPage(QWidget):
    registration_requested = Signal(object)
    """A pending registration was opened: its id (uuid.UUID); the shell shows 'Aanmeldingen'."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.rows: list[SignalRow] = []
        self._dirty = True
        user = context.store.user
        self.own_coach_id: uuid.UUID | None = (
            user.professional_id if user.role == UserRole.COACH else None
        )

        heading = QLabel(self.tr("Signalen"), self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)

        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd-MM-yyyy")
        self.date_edit.setDate(to_qdate(context.today()))
        self.date_edit.setAccessibleName(self.tr("Signalen op datum"))
        self.date_edit.setToolTip(
            self.tr("Kies een andere dag, bijvoorbeeld om een kernteamoverleg voor te bereiden")
        )
        date_label = QLabel(self.tr("Signalen &op:"), self)
        date_label.setBuddy(self.date_edit)
        self.today_button = QPushButton(self.tr("&Vandaag"), self)
        self.today_button.setToolTip(self.tr("Terug naar de signalen van vandaag"))
        self.today_button.clicked.connect(self.show_today)

        self.coach_combo = QComboBox(self)
        self.coach_combo.setAccessibleName(self.tr("Coach"))
        self.coach_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        coach_label = QLabel(self.tr("&Coach:"), self)
        coach_label.setBuddy(self.coach_combo)
        self._fill_coaches()
        if self.own_coach_id is not None:
            # a coach's own caseload is already on top; the filter is for directors
            coach_label.hide()
            self.coach_combo.hide()

        self.summary_label = QLabel(self)
        self.summary_label.setAccessibleName(self.tr("Aantal signalen"))

        self.model = SignalTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("signal_tree")
        self.tree.setAccessibleName(self.tr("Signalen"))
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.activated.connect(self.open_index)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.REASON, QHeaderView.ResizeMode.Stretch)
        for column in (Column.YOUTH, Column.SINCE, Column.COACH):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        metrics = self.fontMetrics()
        header.resizeSection(Column.YOUTH, metrics.horizontalAdvance("Mohammed van den Berg") * 3 // 2)
        header.resizeSection(Column.SINCE, metrics.horizontalAdvance("00-00-00000"))
        header.resizeSection(Column.COACH, metrics.horizontalAdvance("Dennis van der Laan00"))

        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        empty_font = QFont(self.empty_label.font())
        empty_font.setPointSizeF(empty_font.pointSizeF() * 1.2)
        self.empty_label.setFont(empty_font)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty_label)

        self.hint = hint = QLabel(
            self.tr("Dubbelklik of druk op Enter om de casus te openen op het juiste tabblad."),
            self,
        )
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # quiet, from the palette

        bar = QHBoxLayout()
        bar.addWidget(date_label)
        bar.addWidget(self.date_edit)
        bar.addWidget(self.today_button)
        bar.addSpacing(metrics.horizontalAdvance("xxxx"))
        bar.addWidget(coach_label)
        bar.addWidget(self.coach_combo)
        bar.addStretch(1)
        bar.addWidget(self.summary_label)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(hint)
        self.setTabOrder(self.date_edit, self.today_button)
        self.setTabOrder(self.today_button, self.coach_combo)
        self.setTabOrder(self.coach_combo, self.tree)

        self.date_edit.dateChanged.connect(lambda _day: self.refresh())
        self.coach_combo.currentIndexChanged.connect(lambda _index: self._show_rows())
        context.changed.connect(self._data_changed)
        self.refresh()

    # -- data ------------------------------------------------------------------------------

    @property
    def on(self) -> date:
        return from_qdate(self.date_edit.date())

    def _fill_coaches(self) -> None:
        current = self.coach_combo.currentData()
        self.coach_combo.blockSignals(True)
        self.coach_combo.clear()
        self.coach_combo.addItem(self.tr("Alle coaches"), None)
        for coach in list_professionals(self.context.services, role=ProfessionalRole.COACH):
            self.coach_combo.addItem(coach.name, coach.id)
        found = find_data(self.coach_combo, current)
        self.coach_combo.setCurrentIndex(max(found, 0))
        self.coach_combo.blockSignals(False)

    def refresh(self) -> None:
        """Read the signals of the chosen day again (one service call) and show them."""
        if self.context.closed:
            return
        self._dirty = False
        self.rows = signals_on(self.context.services, self.on)
        self._show_rows()

    def _data_changed(self) -> None:
        if self.isVisible():
            self._fill_coaches()
            self.refresh()
        else:
            self._dirty = True  # refresh once, when shown again

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._dirty:
            self._fill_coaches()
            self.refresh()
        super().showEvent(event)

    def show_today(self) -> None:
        self.date_edit.setDate(to_qdate(self.context.today()))

    def _show_rows(self) -> None:
        coach_filter = self.coach_combo.currentData() if self.own_coach_id is None else None
        sections = group_signals(
            self.rows, own_coach_id=self.own_coach_id, coach_filter=coach_filter
        )
        self.model.set_sections(sections, self.on)
        self.tree.expandAll()
        root = QModelIndex()
        self._span_headings(root)
        total = sum(section.count for section in sections)
        day = format_nl(self.on)
        if total == 0:
            self.empty_label.setText(self.tr("Geen signalen op {day}").format(day=day))
            self.stack.setCurrentWidget(self.empty_label)
        else:
            self.stack.setCurrentWidget(self.tree)
        self.hint.setVisible(total > 0)
        self.summary_label.setVisible(total > 0)
        if total == 1:
            self.summary_label.setText(self.tr("1 signaal op {day}").format(day=day))
        else:
            self.summary_label.setText(
                self.tr("{count} signalen op {day}").format(count=total, day=day)
            )
        first = self._first_signal(root)
        if first is not None:
            self.tree.setCurrentIndex(first)

    def _span_headings(self, parent: QModelIndex) -> None:
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            if self.model.signal_at(index) is None:
                self.tree.setFirstColumnSpanned(row, parent, True)
                self._span_headings(index)

    def _first_signal(self, parent: QModelIndex) -> QModelIndex | None:
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            if self.model.signal_at(index) is not None:
                return index
            found = self._first_signal(index)
            if found is not None:
                return found
        return None

    # -- opening ---------------------------------------------------------------------------

    def open_index(self, index: QModelIndex) -> None:
        """Open what the signal is about: the case at the right tab, or the registration."""
        row = self.model.signal_at(index)
        if row is None:
            return
        if row.kind is SignalKind.REGISTRATION_PENDING:
            if row.registration_id is not None:
                self.registration_requested.emit(row.registration_id)
            return
        if row.case_id is not None:
            self.context.open_case(row.case_id, TAB_FOR_KIND[row.kind])
