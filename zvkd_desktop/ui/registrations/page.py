"""The 'Aanmeldingen' section: register a youth, see who waits for a decision, and decide.

The pending list is the core team's to-do list for registrations (oldest first, with the days
waiting); the recent decisions below it show what was decided in the last 90 days, so a mistake
made last week is easy to find. Every edit is undoable (Ctrl+Z).
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.vocabulary import Decision
from zvkd_desktop.services import registrations
from zvkd_desktop.services.registration_views import (
    RegistrationRow,
    get_registration,
    list_registrations,
    pending_registrations,
)
from zvkd_desktop.ui.forms import chain_tab_order, heading_label, splitter, titled_column, vocab
from zvkd_desktop.ui.registrations.decide_dialog import DecideDialog
from zvkd_desktop.ui.registrations.new_dialog import NewRegistrationDialog
from zvkd_desktop.ui.registrations.table import (
    ColumnSpec,
    RowTableModel,
    current_row,
    row_table_view,
)
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.widgets import InlineMessage

__all__ = ["RECENT_DAYS", "RegistrationsPage"]

RECENT_DAYS = 90


class RegistrationsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._dirty = True
        self.last_case_id: uuid.UUID | None = None
        self.dialog: QDialog | None = None

        self.new_button = QPushButton(self.tr("&Nieuwe aanmelding…"), self)
        self.new_button.setToolTip(self.tr("Een jongere aanmelden (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_registration)
        self.decide_button = QPushButton(self.tr("&Besluit nemen…"), self)
        self.decide_button.setToolTip(self.tr("Opnemen of niet opnemen (Enter)"))
        self.decide_button.clicked.connect(self.decide_selected)
        self.withdraw_button = QPushButton(self.tr("Aanmelding &intrekken…"), self)
        self.withdraw_button.setToolTip(
            self.tr("De aanmelder trekt de aanmelding in, of ze is per vergissing ingevoerd")
        )
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.new_registration)

        self.notice = InlineMessage(self)
        self.open_case_button = QPushButton(self.tr("Casus &openen"), self)
        self.open_case_button.clicked.connect(self.open_last_case)
        self.open_case_button.hide()

        self.pending_model: RowTableModel[RegistrationRow] = RowTableModel(
            self._pending_columns(), self
        )
        self.pending_view = row_table_view(
            self.pending_model, self.tr("Aanmeldingen die wachten op een besluit"), self
        )
        self.pending_view.activated.connect(lambda _index: self.decide_selected())
        self.pending_label = heading_label("", self, 1.1)
        self.pending_label.setBuddy(self.pending_view)
        self.recent_model: RowTableModel[RegistrationRow] = RowTableModel(
            self._recent_columns(), self
        )
        self.recent_view = row_table_view(
            self.recent_model, self.tr("Besluiten van de afgelopen 90 dagen"), self
        )
        self.recent_view.activated.connect(self._open_recent)
        self.recent_label = heading_label("", self, 1.1)
        self.recent_label.setBuddy(self.recent_view)

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.decide_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        notice_row = QHBoxLayout()
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.open_case_button)
        lists = splitter(
            Qt.Orientation.Vertical,
            self,
            titled_column(self, self.pending_label, self.pending_view),
            titled_column(self, self.recent_label, self.recent_view),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(self.tr("Aanmeldingen"), self))
        layout.addLayout(buttons)
        layout.addLayout(notice_row)
        layout.addWidget(lists, 1)
        chain_tab_order(
            self.new_button,
            self.decide_button,
            self.withdraw_button,
            self.open_case_button,
            self.pending_view,
            self.recent_view,
        )

        selection = self.pending_view.selectionModel()
        selection.selectionChanged.connect(self._update_buttons)
        context.changed.connect(self._data_changed)
        self.refresh()

    # -- columns ---------------------------------------------------------------------------

    def _pending_columns(self) -> list[ColumnSpec[RegistrationRow]]:
        return [
            ColumnSpec(self.tr("Jongere"), lambda r: r.youth_name, sample="Mohammed van den Berg",
                       stretch=True),
            ColumnSpec(self.tr("Leeftijd"), lambda r: str(r.age_at_registration),
                       lambda r: r.age_at_registration, right=True, sample="00",
                       header_tip=self.tr("Leeftijd op de aanmelddatum")),
            ColumnSpec(self.tr("Aangemeld op"), lambda r: format_nl(r.registered_on),
                       lambda r: r.registered_on, sample="00-00-0000"),
            ColumnSpec(self.tr("Dagen wachtend"), lambda r: str(r.days_waiting),
                       lambda r: r.days_waiting, right=True, sample="000"),
            ColumnSpec(self.tr("Opnieuw"),
                       lambda r: self.tr("ja") if r.is_reregistration else "",
                       lambda r: r.is_reregistration,
                       header_tip=self.tr("Opnieuw aangemeld: had eerder een PAD-casus")),
            ColumnSpec(self.tr("Aanmelder"), lambda r: r.registrant_name,
                       tooltip=lambda r: r.registrant_name, sample="Jeugdreclassering (WSG)",
                       stretch=True),
        ]  # fmt: skip

    def _recent_columns(self) -> list[ColumnSpec[RegistrationRow]]:
        return [
            ColumnSpec(self.tr("Jongere"), lambda r: r.youth_name, sample="Mohammed van den Berg",
                       stretch=True),
            ColumnSpec(self.tr("Besluit"), lambda r: vocab(r.decision), sample="Niet opgenomen"),
            ColumnSpec(self.tr("Besluitdatum"),
                       lambda r: format_nl(r.decided_on) if r.decided_on else "",
                       lambda r: r.decided_on, sample="00-00-0000"),
            ColumnSpec(self.tr("Aangemeld op"), lambda r: format_nl(r.registered_on),
                       lambda r: r.registered_on, sample="00-00-0000"),
            ColumnSpec(self.tr("Opnieuw"),
                       lambda r: self.tr("ja") if r.is_reregistration else "",
                       lambda r: r.is_reregistration,
                       header_tip=self.tr("Opnieuw aangemeld: had eerder een PAD-casus")),
            ColumnSpec(self.tr("Aanmelder"), lambda r: r.registrant_name,
                       tooltip=lambda r: r.registrant_name, sample="Jeugdreclassering (WSG)",
                       stretch=True),
        ]  # fmt: skip

    # -- data ------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.context.closed:
            return
        self._dirty = False
        ctx = self.context.services
        selected = current_row(self.pending_view)
        pending = pending_registrations(ctx)
        since = self.context.today() - timedelta(days=RECENT_DAYS)
        recent = [
            row
            for row in list_registrations(ctx)
            if row.decision is not Decision.PENDING
            and row.decided_on is not None
            and row.decided_on >= since
        ]
        recent.sort(key=lambda row: (row.decided_on, row.registered_on), reverse=True)
        self.pending_model.set_rows(pending)
        self.recent_model.set_rows(recent)
        self.pending_view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self.recent_view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.pending_label.setText(self.tr("&Wachten op een besluit ({count})").format(
            count=len(pending)))  # fmt: skip
        self.recent_label.setText(self.tr("Besluiten van de &afgelopen {days} dagen ({count})").format(
            days=RECENT_DAYS, count=len(recent)))  # fmt: skip
        if selected is not None:
            self.select_registration(selected.id, focus=False)
        elif pending:
            self.pending_view.selectRow(0)
        self._update_buttons()

    def _data_changed(self) -> None:
        # what the notice said may no longer hold (an undo); a new notice follows a new edit
        self.notice.clear()
        self.open_case_button.hide()
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._dirty:
            self.refresh()
        super().showEvent(event)

    def _update_buttons(self) -> None:
        has = current_row(self.pending_view) is not None
        self.decide_button.setEnabled(has)
        self.withdraw_button.setEnabled(has)

    def select_registration(self, registration_id: uuid.UUID, *, focus: bool = True) -> bool:
        """Select a pending registration (the Signalen page sends the user here)."""
        if self._dirty:
            self.refresh()
        proxy = self.pending_view.model()
        for row in range(proxy.rowCount()):
            index = proxy.index(row, 0)
            if self.pending_model.rows[proxy.mapToSource(index).row()].id == registration_id:  # type: ignore[attr-defined]
                self.pending_view.setCurrentIndex(index)
                self.pending_view.selectRow(row)
                if focus:
                    self.pending_view.setFocus()
                return True
        return False

    # -- actions ---------------------------------------------------------------------------

    def new_registration(self) -> NewRegistrationDialog:
        dialog = NewRegistrationDialog(self.context, self)
        dialog.accepted.connect(lambda: self._registered(dialog))
        self._show_dialog(dialog)
        return dialog

    def decide_selected(self) -> DecideDialog | None:
        row = current_row(self.pending_view)
        if row is None:
            return None
        dialog = DecideDialog(self.context, row.id, self)
        dialog.accepted.connect(lambda: self._decided(dialog))
        self._show_dialog(dialog)
        return dialog

    def _show_dialog(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def withdraw_selected(self) -> None:
        row = current_row(self.pending_view)
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Aanmelding intrekken"),
            self.tr("De aanmelding van {name} van {day} intrekken? Dit kan met Ctrl+Z ongedaan "
                    "worden gemaakt.").format(name=row.youth_name, day=format_nl(row.registered_on)),
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        ctx = self.context.services
        self.context.execute(
            self, self.tr("Aanmelding van {name} intrekken").format(name=row.youth_name),
            lambda: registrations.withdraw_registration(ctx, row.id),
            lambda _result: registrations.restore_registration(ctx, row.id),
        )  # fmt: skip

    def _registered(self, dialog: NewRegistrationDialog) -> None:
        result = dialog.result_
        if result is None:
            return
        detail = get_registration(self.context.services, result.registration_id)
        text = self.tr("{name} is aangemeld op {day}.").format(
            name=detail.youth_name, day=format_nl(detail.registered_on)
        )
        if detail.is_reregistration:
            text += " " + self.tr(
                "Let op: dit is een heraanmelding. De jongere had eerder een PAD-casus die is "
                "afgesloten."
            )
        self._notify(text, case_id=None)
        self.select_registration(result.registration_id)

    def _decided(self, dialog: DecideDialog) -> None:
        name = dialog.detail.youth_name
        if dialog.admitted and dialog.case_id is not None:
            self._notify(self.tr("{name} is opgenomen; de casus is aangemaakt.").format(name=name),
                         case_id=dialog.case_id)  # fmt: skip
        else:
            self._notify(self.tr("{name} is niet opgenomen.").format(name=name), case_id=None)

    def _notify(self, text: str, *, case_id: uuid.UUID | None) -> None:
        self.notice.show_info(text)
        self.last_case_id = case_id
        self.open_case_button.setVisible(case_id is not None)
        if case_id is not None:
            self.open_case_button.setFocus()

    def open_last_case(self) -> None:
        if self.last_case_id is not None:
            self.context.open_case(self.last_case_id, "")

    def _open_recent(self, index: QModelIndex) -> None:
        row = current_row(self.recent_view) if index.isValid() else None
        if row is not None and row.case_id is not None:
            self.context.open_case(row.case_id, "registration")
