"""The 'Coaches' section: each PAD-coach with their running cases, a bar chart of caseload, and
moving cases from one coach to another.

It answers the coordinator's questions "who has room for a new case?" and "whose cases go where
when a coach leaves?". Select a coach to see their cases; select cases and press "Casus
overdragen…" to move them (undoable with Ctrl+Z).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.vocabulary import Category
from zvkd_desktop.services.caseload import (
    CoachCaseRow,
    CoachLoad,
    caseload_per_coach,
    cases_of_coach,
)
from zvkd_desktop.ui.coaches.chart import CaseloadChart
from zvkd_desktop.ui.coaches.dialogs import AddCoachDialog, DeactivateCoachDialog, TransferDialog
from zvkd_desktop.ui.forms import chain_tab_order, heading_label, splitter, titled_column, vocab
from zvkd_desktop.ui.registrations.table import (
    ROW_ROLE,
    ColumnSpec,
    RowTableModel,
    current_row,
    row_table_view,
    selected_rows,
)
from zvkd_desktop.ui.sections import AppContext

__all__ = ["CoachesPage"]

_REGULAR = Category.REGULAR
_RIVAL = Category.RIVAL_YOUTH


class CoachesPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._dirty = True
        self.loads: list[CoachLoad] = []
        self.dialog: QDialog | None = None

        self.add_button = QPushButton(self.tr("Coach &toevoegen…"), self)
        self.add_button.clicked.connect(self.add_coach)
        self.deactivate_button = QPushButton(self.tr("Coach op &non-actief…"), self)
        self.deactivate_button.setToolTip(
            self.tr("Kan pas als de coach geen lopende casussen meer heeft")
        )
        self.deactivate_button.clicked.connect(self.deactivate_coach)
        self.inactive_box = QCheckBox(self.tr("Ook non-act&ieve coaches tonen"), self)
        self.inactive_box.toggled.connect(self.refresh)

        self.coach_model: RowTableModel[CoachLoad] = RowTableModel(self._coach_columns(), self)
        self.coach_view = row_table_view(self.coach_model, self.tr("Coaches"), self)
        coach_label = heading_label(self.tr("Co&aches"), self, 1.1)
        coach_label.setBuddy(self.coach_view)
        self.chart = CaseloadChart(self)
        self.chart.setMinimumHeight(self.fontMetrics().height() * 12)
        self.chart.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 40)
        chart_label = heading_label(self.tr("Lopende casussen per coach"), self, 1.1)

        self.case_model: RowTableModel[CoachCaseRow] = RowTableModel(self._case_columns(), self)
        self.case_view = row_table_view(
            self.case_model, self.tr("Casussen van de gekozen coach"), self, multi=True
        )
        self.case_view.activated.connect(lambda _index: self._open_case())
        self.case_label = heading_label(self.tr("&Casussen"), self, 1.1)
        self.case_label.setBuddy(self.case_view)
        self.transfer_button = QPushButton(self.tr("Casus &overdragen…"), self)
        self.transfer_button.setToolTip(
            self.tr("De gekozen casussen krijgen een andere coach (meerdere kiezen met Ctrl of Shift)")
        )
        self.transfer_button.clicked.connect(self.transfer)
        self.open_button = QPushButton(self.tr("Casus o&penen"), self)
        self.open_button.setToolTip(self.tr("Het casusdossier openen (Enter)"))
        self.open_button.clicked.connect(lambda: self._open_case())

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.deactivate_button)
        buttons.addWidget(self.inactive_box)
        buttons.addStretch(1)
        top = splitter(
            Qt.Orientation.Horizontal,
            self,
            titled_column(self, coach_label, self.coach_view),
            titled_column(self, chart_label, self.chart),
        )
        cases_box = QWidget(self)
        cases_layout = QVBoxLayout(cases_box)
        cases_layout.setContentsMargins(0, 0, 0, 0)
        cases_layout.addWidget(self.case_label)
        cases_layout.addWidget(self.case_view, 1)
        case_buttons = QHBoxLayout()
        case_buttons.addWidget(self.transfer_button)
        case_buttons.addWidget(self.open_button)
        case_buttons.addStretch(1)
        cases_layout.addLayout(case_buttons)
        panes = splitter(Qt.Orientation.Vertical, self, top, cases_box)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(self.tr("Coaches"), self))
        layout.addLayout(buttons)
        layout.addWidget(panes, 1)
        chain_tab_order(
            self.add_button,
            self.deactivate_button,
            self.inactive_box,
            self.coach_view,
            self.case_view,
            self.transfer_button,
            self.open_button,
        )

        self.coach_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_cases())
        self.case_view.selectionModel().selectionChanged.connect(self._update_buttons)
        context.changed.connect(self._data_changed)
        self.refresh()

    # -- columns ---------------------------------------------------------------------------

    def _coach_columns(self) -> list[ColumnSpec[CoachLoad]]:
        return [
            ColumnSpec(self.tr("Coach"), lambda c: c.name, sample="Dennis van der Laan",
                       stretch=True),
            ColumnSpec(self.tr("Lopend"), lambda c: str(c.running), lambda c: c.running,
                       right=True, sample="000"),
            ColumnSpec(self.tr("Regulier"), lambda c: str(c.by_category.get(_REGULAR, 0)),
                       lambda c: c.by_category.get(_REGULAR, 0), right=True),
            ColumnSpec(self.tr("Rivaliserend"), lambda c: str(c.by_category.get(_RIVAL, 0)),
                       lambda c: c.by_category.get(_RIVAL, 0), right=True,
                       header_tip=self.tr("Rivaliserende jeugd")),
            ColumnSpec(self.tr("Status"),
                       lambda c: self.tr("actief") if c.active else self.tr("non-actief"),
                       sample="non-actief"),
        ]  # fmt: skip

    def _case_columns(self) -> list[ColumnSpec[CoachCaseRow]]:
        return [
            ColumnSpec(self.tr("Jongere"), lambda r: r.youth_name, sample="Mohammed van den Berg",
                       stretch=True),
            ColumnSpec(self.tr("Categorie"), lambda r: vocab(r.category),
                       sample="Rivaliserende jeugd"),
            ColumnSpec(self.tr("Opgenomen"), lambda r: format_nl(r.admitted_on),
                       lambda r: r.admitted_on, sample="00-00-0000"),
            ColumnSpec(self.tr("Coach sinds"),
                       lambda r: format_nl(r.coach_since) if r.coach_since else "",
                       lambda r: r.coach_since, sample="00-00-0000"),
            ColumnSpec(self.tr("Volgende bespreking"),
                       lambda r: format_nl(r.next_review_on) if r.next_review_on else "",
                       lambda r: r.next_review_on, sample="00-00-0000"),
        ]  # fmt: skip

    # -- data ------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.context.closed:
            return
        self._dirty = False
        chosen = self.current_coach()
        self.loads = caseload_per_coach(
            self.context.services, include_inactive=self.inactive_box.isChecked()
        )
        self.coach_model.set_rows(self.loads)
        self.chart.set_loads(self.loads)
        self.select_coach(chosen.coach_id if chosen else None)
        self._show_cases()

    def _data_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._dirty:
            self.refresh()
        super().showEvent(event)

    def current_coach(self) -> CoachLoad | None:
        return current_row(self.coach_view)

    def select_coach(self, coach_id: object) -> None:
        proxy = self.coach_view.model()
        target = 0
        for row in range(proxy.rowCount()):
            if proxy.index(row, 0).data(ROW_ROLE).coach_id == coach_id:
                target = row
                break
        if proxy.rowCount():
            self.coach_view.selectRow(target)

    def _show_cases(self) -> None:
        coach = self.current_coach()
        rows = cases_of_coach(self.context.services, coach.coach_id) if coach else []
        self.case_model.set_rows(rows)
        if coach is None:
            self.case_label.setText(self.tr("&Casussen"))
        else:
            self.case_label.setText(self.tr("&Casussen van {name} ({count})").format(
                name=coach.name, count=len(rows)))  # fmt: skip
        self._update_buttons()

    def _update_buttons(self) -> None:
        coach = self.current_coach()
        self.deactivate_button.setEnabled(coach is not None and coach.active)
        has_cases = bool(selected_rows(self.case_view))
        self.transfer_button.setEnabled(has_cases)
        self.open_button.setEnabled(has_cases)

    # -- actions ---------------------------------------------------------------------------

    def _show(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def transfer(self) -> TransferDialog | None:
        coach = self.current_coach()
        rows = selected_rows(self.case_view)
        if coach is None or not rows:
            return None
        dialog = TransferDialog(self.context, coach, rows, self.loads, self)
        self._show(dialog)
        return dialog

    def add_coach(self) -> AddCoachDialog:
        dialog = AddCoachDialog(self.context, self)
        dialog.accepted.connect(lambda: self.select_coach(dialog.coach_id))
        self._show(dialog)
        return dialog

    def deactivate_coach(self) -> DeactivateCoachDialog | None:
        coach = self.current_coach()
        if coach is None:
            return None
        dialog = DeactivateCoachDialog(self.context, coach, self)
        self._show(dialog)
        return dialog

    def _open_case(self) -> None:
        row = current_row(self.case_view) or next(iter(selected_rows(self.case_view)), None)
        if row is not None:
            self.context.open_case(row.case_id, "")

