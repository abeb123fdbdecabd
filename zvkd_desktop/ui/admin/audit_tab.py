"""The 'Auditlog' tab: who did what and when, filtered; the chain check; the export.

Filters apply as they change (a short pause lets typing and stepping through dates settle). The
table shows at most the newest ``DEFAULT_LIMIT`` matching rows; the export has no such cap. The
export asks first (the file leaves the encrypted store), lets the user choose where, and is
recorded in the log by the service.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.errors import KnownError
from zvkd_desktop.services import audit_log
from zvkd_desktop.services.audit_log import DEFAULT_LIMIT, AuditFilter, AuditRow
from zvkd_desktop.ui.admin.models import audit_columns, describe
from zvkd_desktop.ui.admin.prompts import Prompts, documents_folder
from zvkd_desktop.ui.registrations.fields import date_edit, find_data, from_qdate, to_qdate
from zvkd_desktop.ui.registrations.table import RowTableModel, current_row, row_table_view
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.widgets import InlineMessage

__all__ = ["AuditTab"]

APPLY_DELAY_MS = 250

PERIODS: tuple[tuple[str, str], ...] = (
    ("all", "Alles"),
    ("today", "Vandaag"),
    ("week", "Afgelopen 7 dagen"),
    ("month", "Afgelopen 30 dagen"),
    ("year", "Dit jaar"),
    ("custom", "Zelf kiezen"),
)


class AuditTab(QWidget):
    def __init__(
        self, context: AppContext, prompts: Prompts, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.prompts = prompts
        self.rows: list[AuditRow] = []
        self._stale = True
        today = context.today()

        self.period_combo = QComboBox(self)
        for key, text in PERIODS:
            self.period_combo.addItem(self.tr(text), key)
        self.since_edit = date_edit(self, self.tr("Van"), today - dt.timedelta(days=30))
        self.until_edit = date_edit(self, self.tr("Tot en met"), today)
        self.user_combo = QComboBox(self)
        self.user_combo.setAccessibleName(self.tr("Gebruiker"))
        self.action_combo = QComboBox(self)
        self.action_combo.setAccessibleName(self.tr("Handeling"))
        self.reference_edit = QLineEdit(self)
        self.reference_edit.setPlaceholderText(self.tr("eerste 8 tekens of het hele nummer"))
        self.reference_edit.setAccessibleName(self.tr("Nummer van een casus of record"))
        self.reference_edit.setClearButtonEnabled(True)
        self.clear_button = QPushButton(self.tr("Filter leeg&maken"), self)

        box = QGroupBox(self.tr("Filter"), self)
        grid = QGridLayout(box)
        self._add(grid, 0, 0, self.tr("&Periode:"), self.period_combo)
        self._add(grid, 0, 2, self.tr("&Van:"), self.since_edit)
        self._add(grid, 0, 4, self.tr("&Tot en met:"), self.until_edit)
        self._add(grid, 1, 0, self.tr("Gebr&uiker:"), self.user_combo)
        self._add(grid, 1, 2, self.tr("Hande&ling:"), self.action_combo, span=3)
        self._add(grid, 2, 0, self.tr("Casus of &record:"), self.reference_edit, span=3)
        grid.addWidget(self.clear_button, 2, 5)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(5, 1)

        self.count_label = QLabel(self)
        self.count_label.setWordWrap(True)
        self.model: RowTableModel[AuditRow] = RowTableModel(audit_columns(), self)
        self.view = row_table_view(self.model, self.tr("Logboek"), self)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.detail_label = QLabel(self)
        self.detail_label.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.setAccessibleName(self.tr("Gekozen regel"))
        self.message = InlineMessage(self)

        self.case_button = QPushButton(self.tr("Alleen &deze casus"), self)
        self.case_button.setToolTip(
            self.tr("Toont alleen de regels over de casus van de gekozen regel")
        )
        self.verify_button = QPushButton(self.tr("Keten &controleren"), self)
        self.verify_button.setToolTip(
            self.tr("Rekent de keten van het logboek na: is er een regel gewijzigd of verwijderd?")
        )
        self.export_button = QPushButton(self.tr("&Exporteren…"), self)
        self.export_button.setToolTip(
            self.tr("Slaat de gefilterde regels op als CSV of JSON, voor de privacyfunctionaris")
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.case_button)
        buttons.addWidget(self.verify_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self.count_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(APPLY_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        for edit in (self.since_edit, self.until_edit):
            edit.dateChanged.connect(self._later)
        self.user_combo.currentIndexChanged.connect(self._later)
        self.action_combo.currentIndexChanged.connect(self._later)
        self.reference_edit.returnPressed.connect(self.apply_filter)
        self.reference_edit.textChanged.connect(self._reference_typed)
        self.clear_button.clicked.connect(self.clear_filter)
        self.case_button.clicked.connect(self.only_this_case)
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(self.export)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        context.changed.connect(self._data_changed)
        self._period_changed()
        self.reload()

    def _add(
        self, grid: QGridLayout, row: int, column: int, text: str, field: QWidget, span: int = 1
    ) -> None:
        label = QLabel(text, self)
        label.setBuddy(field)
        grid.addWidget(label, row, column)
        grid.addWidget(field, row, column + 1, 1, span)

    # -- filter ---------------------------------------------------------------------------------

    def _later(self, *_args: object) -> None:
        self._timer.start()

    def _reference_typed(self, text: str) -> None:
        if not text.strip():  # cleared (also with the clear button): show everything again
            self._later()

    def _period_changed(self, *_args: object) -> None:
        key = self.period_combo.currentData()
        today = self.context.today()
        starts = {
            "today": today,
            "week": today - dt.timedelta(days=6),
            "month": today - dt.timedelta(days=29),
            "year": today.replace(month=1, day=1),
        }
        custom = key == "custom"
        self.since_edit.setEnabled(custom)
        self.until_edit.setEnabled(custom)
        if key in starts:
            for edit, day in ((self.since_edit, starts[key]), (self.until_edit, today)):
                edit.blockSignals(True)
                edit.setDate(to_qdate(day))
                edit.blockSignals(False)
        self._later()

    def current_filter(self) -> AuditFilter | None:
        """The filter the fields describe; None (with a message) while the number is invalid."""
        since = until = None
        if self.period_combo.currentData() != "all":
            since = from_qdate(self.since_edit.date())
            until = from_qdate(self.until_edit.date())
        reference: uuid.UUID | None = None
        text = self.reference_edit.text().strip()
        if text:
            try:
                reference = audit_log.resolve_reference(self.context.services, text)
            except KnownError as error:
                self.message.show_warning(error.message)
                return None
        return AuditFilter(
            since=since,
            until=until,
            user_id=self.user_combo.currentData(),
            action=self.action_combo.currentData(),
            case_id=reference,
        )

    def apply_filter(self) -> None:
        self._timer.stop()
        if self.context.closed:
            return
        self.message.clear()
        flt = self.current_filter()
        if flt is None:
            self.model.set_rows([])
            self._show_count()
            return
        try:
            rows = audit_log.audit_entries(
                self.context.services,
                since=flt.since,
                until=flt.until,
                user_id=flt.user_id,
                action=flt.action,
                case_id=flt.case_id,
            )
        except KnownError as error:
            self.message.show_warning(error.message)
            rows = []
        self.rows = rows
        self.model.set_rows(rows)
        self._show_count()

    def clear_filter(self) -> None:
        for combo in (self.period_combo, self.user_combo, self.action_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.reference_edit.blockSignals(True)
        self.reference_edit.clear()
        self.reference_edit.blockSignals(False)
        self._period_changed()
        self.apply_filter()

    def only_this_case(self) -> None:
        row = current_row(self.view)
        if row is None or row.case_id is None:
            return
        self.reference_edit.setText(str(row.case_id))
        self.apply_filter()

    def _show_count(self) -> None:
        count = len(self.rows)
        if count >= DEFAULT_LIMIT:
            text = self.tr(
                "De nieuwste {count} regels. Maak het filter nauwer om oudere regels te zien; de "
                "export bevat wel alle regels die aan het filter voldoen."
            ).format(count=count)
        elif count == 1:
            text = self.tr("1 regel")
        else:
            text = self.tr("{count} regels").format(count=count)
        self.count_label.setText(text)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        row = current_row(self.view)
        self.detail_label.setText(
            describe(row) if row is not None else self.tr("Kies een regel voor alle details.")
        )
        self.case_button.setEnabled(row is not None and row.case_id is not None)
        self.export_button.setEnabled(bool(self.rows))

    # -- refresh --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Fill the user and action lists again (keeping the choice), then the rows."""
        if self.context.closed:
            return
        self._stale = False
        try:
            options = audit_log.filter_options(self.context.services)
        except KnownError as error:
            self.message.show_warning(error.message)
            return
        self._fill(self.user_combo, self.tr("Iedereen"), list(options.users))
        self._fill(self.action_combo, self.tr("Alle handelingen"),
                   [(code, self._translated(label)) for code, label in options.actions])  # fmt: skip
        self.apply_filter()

    def _translated(self, label: str) -> str:
        return QCoreApplication.translate("AuditLog", label)

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[Any, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for data, text in items:
            combo.addItem(text, data)
        index = find_data(combo, chosen)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _data_changed(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._stale:
            self.reload()
        super().showEvent(event)

    # -- chain and export -----------------------------------------------------------------------

    def verify(self) -> None:
        try:
            check = audit_log.verify(self.context.services)
        except KnownError as error:
            self.message.show_warning(error.message)
            return
        if check.intact:
            self.message.show_info(
                self.tr(
                    "Het logboek is onveranderd: de keten van alle {count} regels klopt."
                ).format(count=check.entries)
            )
        else:
            self.message.show_warning(
                self.tr(
                    "Het logboek is niet meer intact: vanaf regel {seq} klopt de keten niet. Een "
                    "regel is gewijzigd, verwijderd of verplaatst buiten het programma om. Meld "
                    "dit aan de privacyfunctionaris en bewaar het bestand zoals het is."
                ).format(seq=check.broken_seq)
            )

    def export(self) -> None:
        flt = self.current_filter()
        if flt is None or not self.rows:
            return
        fmt = self.prompts.ask_export(self, len(self.rows))
        if fmt is None:
            return
        kinds = {"csv": self.tr("CSV-bestand (*.csv)"), "json": self.tr("JSON-bestand (*.json)")}
        suggested = documents_folder() / f"logboek-{self.context.today().isoformat()}.{fmt}"
        path = self.prompts.save_file(self, self.tr("Logboek opslaan als"), suggested, kinds[fmt])
        if path is None:
            return
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        try:
            count = audit_log.export_audit(self.context.services, Path(path), fmt=fmt, filters=flt)
        except KnownError as error:
            self.message.show_warning(error.message)
            return
        self.context.saved.emit()
        self.context.changed.emit()  # the export is itself a new line in the log
        self.message.show_info(
            self.tr(
                "{count} regel(s) opgeslagen in {path}. Dit bestand is niet versleuteld."
            ).format(count=count, path=path)
        )
