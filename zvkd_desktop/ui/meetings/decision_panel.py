"""The decision panel of one agenda item in the meeting screen.

Built for a live meeting: the choices are radio buttons with Alt-letters, the next review date
is already filled in (the meeting day plus the case's cadence), Tab walks through the fields and
Ctrl+Enter records the decision. One panel lives per item for the whole meeting, so what was
typed stays when the director goes to another item and back. After recording, the panel shows
what was done and, in a warning, what the casework refused and why.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.vocabulary import Category, ClosureReason
from zvkd_desktop.services.meetings import (
    Admission,
    AgendaItemView,
    Closure,
    DecisionKind,
    ItemDecisions,
)
from zvkd_desktop.services.meetings.summary import CaseSummary, RegistrationSummary
from zvkd_desktop.services.partners import ProfessionalRow
from zvkd_desktop.ui.meetings.common import date_edit, label, py_date, qdate
from zvkd_desktop.ui.widgets import InlineMessage

__all__ = ["ActionInputRow", "DecisionPanel"]

_CLOSE_REASONS = [r for r in ClosureReason if r is not ClosureReason.ESCALATED]


class ActionInputRow(QWidget):
    """Description, owner and (optional) due date of a new action item, with 'Toevoegen'."""

    def __init__(self, on: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.description_edit = QLineEdit(self)
        self.description_edit.setAccessibleName(self.tr("Nieuwe actie"))
        self.description_edit.setPlaceholderText(self.tr("Wat moet er gebeuren?"))
        self.owner_edit = QLineEdit(self)
        self.owner_edit.setAccessibleName(self.tr("Wie"))
        self.owner_edit.setPlaceholderText(self.tr("Wie"))
        self.due_edit = date_edit(self, self.tr("Uiterlijk"))
        self.due_edit.setMinimumDate(qdate(on - dt.timedelta(days=1)))
        self.due_edit.setSpecialValueText(self.tr("geen datum"))
        self.due_edit.setDate(self.due_edit.minimumDate())
        self.add_button = QPushButton(self.tr("Actie toe&voegen"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.description_edit, 3)
        layout.addWidget(self.owner_edit, 1)
        layout.addWidget(self.due_edit)
        layout.addWidget(self.add_button)

    def due_on(self) -> dt.date | None:
        day = self.due_edit.date()
        return None if day == self.due_edit.minimumDate() else py_date(day)

    def clear(self) -> None:
        self.description_edit.clear()
        self.owner_edit.clear()
        self.due_edit.setDate(self.due_edit.minimumDate())


class DecisionPanel(QWidget):
    take_requested = Signal()
    withdraw_requested = Signal()
    add_action_requested = Signal()
    remove_action_requested = Signal(object)
    """The id of the action item to remove."""

    def __init__(
        self,
        item: AgendaItemView,
        summary: CaseSummary | RegistrationSummary | None,
        on: dt.date,
        coaches: list[ProfessionalRow],
        directors: list[ProfessionalRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.item = item
        self.on = on
        self.outcome_group = QButtonGroup(self)
        self.outcome_buttons: dict[DecisionKind, QRadioButton] = {}
        box = QGroupBox(self.tr("Besluit"), self)
        outcomes = QVBoxLayout(box)
        if item.subject == "case":
            choices = [(DecisionKind.CONTINUE, self.tr("&Doorgaan")),
                       (DecisionKind.ADJUST_PLAN, self.tr("Plan van aanpak a&anpassen")),
                       (DecisionKind.CLOSE, self.tr("Af&sluiten")),
                       (DecisionKind.ESCALATE, self.tr("&Opschalen naar het Zorg- en Veiligheidshuis"))]  # fmt: skip
        elif item.subject == "registration":
            choices = [(DecisionKind.ADMIT, self.tr("&Opnemen")),
                       (DecisionKind.NOT_ADMIT, self.tr("&Niet opnemen")),
                       (DecisionKind.NOTE, self.tr("Later &besluiten"))]  # fmt: skip
        else:
            choices = [(DecisionKind.NOTE, self.tr("&Besproken"))]
        for kind, text in choices:
            button = QRadioButton(text, box)
            self.outcome_group.addButton(button)
            self.outcome_buttons[kind] = button
            outcomes.addWidget(button)
        next(iter(self.outcome_buttons.values())).setChecked(True)
        box.setVisible(item.subject != "text")

        default_next = summary.default_next_review if summary is not None else on + dt.timedelta(weeks=6)
        self.next_review_edit = date_edit(self, self.tr("Volgende bespreking"), default_next)
        self.next_review_edit.setMinimumDate(qdate(on + dt.timedelta(days=1)))
        # a case that goes on: category and coach
        current = summary.category if isinstance(summary, CaseSummary) else None
        self.other_category = next((c for c in Category if c is not current), Category.RIVAL_YOUTH)
        self.category_box = QCheckBox(self.tr("&Categorie wijzigen naar {category}").format(
            category=label(self.other_category).lower()), self)  # fmt: skip
        self.coach_box = QCheckBox(self.tr("Coach &wisselen naar:"), self)
        self.coach_combo = self._people(coaches, self.tr("Nieuwe coach"),
                                        exclude=summary.coach_name if isinstance(summary, CaseSummary) else None)  # fmt: skip
        self.coach_combo.setEnabled(False)
        self.coach_box.toggled.connect(self.coach_combo.setEnabled)
        # closing
        self.reason_combo = QComboBox(self)
        self.reason_combo.setAccessibleName(self.tr("Reden van afsluiten"))
        self.reason_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.reason_combo.setMinimumContentsLength(24)
        for reason in _CLOSE_REASONS:
            self.reason_combo.addItem(label(reason), reason)
        self.reason_text_edit = QLineEdit(self)
        self.reason_text_edit.setAccessibleName(self.tr("Toelichting bij de reden"))
        self.municipality_edit = QLineEdit(self)
        self.municipality_edit.setAccessibleName(self.tr("Nieuwe gemeente"))
        self.informed_edit = date_edit(self, self.tr("Gemeente geïnformeerd op"), on)
        self.transferred_box = QCheckBox(self.tr("Casus overgedragen aan de nieuwe gemeente"), self)
        # registrations
        self.admit_category_combo = QComboBox(self)
        self.admit_category_combo.setAccessibleName(self.tr("Categorie"))
        for category in Category:
            self.admit_category_combo.addItem(label(category), category)
        self.admit_coach_combo = self._people(coaches, self.tr("Coach"))
        self.director_combo = self._people(directors, self.tr("Procesregisseur"), optional=True)
        self.motivation_edit = QLineEdit(self)
        self.motivation_edit.setAccessibleName(self.tr("Motivering"))
        self.motivation_edit.setPlaceholderText(self.tr("Nodig bij een besluit tegen de criteria in"))
        self.follow_up_edit = QLineEdit(self)
        self.follow_up_edit.setAccessibleName(self.tr("Vervolgafspraak met de aanmelder"))
        # always
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setAccessibleName(self.tr("Toelichting bij het besluit"))
        self.note_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        self.actions_table = QTableWidget(0, 3, self)
        self.actions_table.setAccessibleName(self.tr("Actiepunten"))
        self.actions_table.setHorizontalHeaderLabels([self.tr("Actie"), self.tr("Wie"), self.tr("Uiterlijk")])
        self.actions_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.actions_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.actions_table.verticalHeader().hide()
        self.actions_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.actions_table.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.action_row = ActionInputRow(on, self)
        self.remove_action_button = QPushButton(self.tr("Actie weg&halen"), self)
        self.result = InlineMessage(self)
        self.take_button = QPushButton(self.tr("Besluit vast&leggen"), self)
        self.take_button.setToolTip(self.tr("Het besluit vastleggen en uitvoeren (Ctrl+Enter)"))
        self.withdraw_button = QPushButton(self.tr("Besluit &intrekken"), self)

        self.form = QFormLayout()
        self.form.addRow(self.tr("Volgende bespreking:"), self.next_review_edit)
        self.form.addRow("", self.category_box)
        self.coach_row = QHBoxLayout()
        self.coach_row.addWidget(self.coach_box)
        self.coach_row.addWidget(self.coach_combo, 1)
        self.form.addRow("", self.coach_row)
        self.form.addRow(self.tr("Reden:"), self.reason_combo)
        self.form.addRow(self.tr("Toelichting reden:"), self.reason_text_edit)
        self.form.addRow(self.tr("Gemeente:"), self.municipality_edit)
        self.form.addRow(self.tr("Geïnformeerd op:"), self.informed_edit)
        self.form.addRow("", self.transferred_box)
        self.form.addRow(self.tr("Categorie:"), self.admit_category_combo)
        self.form.addRow(self.tr("Coach:"), self.admit_coach_combo)
        self.form.addRow(self.tr("Procesregisseur:"), self.director_combo)
        self.form.addRow(self.tr("Vervolg:"), self.follow_up_edit)
        self.form.addRow(self.tr("Motivering:"), self.motivation_edit)
        self.form.addRow(self.tr("&Toelichting:"), self.note_edit)
        buddy = self.form.itemAt(self.form.rowCount() - 1, QFormLayout.ItemRole.LabelRole)
        if buddy is not None and buddy.widget() is not None:
            buddy.widget().setBuddy(self.note_edit)  # type: ignore[attr-defined]
        actions_box = QGroupBox(self.tr("Actiepunten"), self)
        actions_layout = QVBoxLayout(actions_box)
        actions_layout.addWidget(self.actions_table)
        actions_layout.addWidget(self.action_row)
        actions_layout.addWidget(self.remove_action_button, 0, Qt.AlignmentFlag.AlignLeft)
        buttons = QHBoxLayout()
        buttons.addWidget(self.take_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addLayout(self.form)
        layout.addWidget(actions_box)
        layout.addWidget(self.result)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.outcome_group.buttonToggled.connect(lambda *_: self._show_fields())
        self.reason_combo.currentIndexChanged.connect(lambda *_: self._show_fields())
        self.take_button.clicked.connect(self.take_requested)
        self.withdraw_button.clicked.connect(self.withdraw_requested)
        self.action_row.add_button.clicked.connect(self.add_action_requested)
        self.action_row.description_edit.returnPressed.connect(self.add_action_requested)
        self.remove_action_button.clicked.connect(self._remove_action)
        self.set_item(item)

    def _people(self, people: list[ProfessionalRow], name: str, *, optional: bool = False,
                exclude: str | None = None) -> QComboBox:  # fmt: skip
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(16)
        if optional:
            combo.addItem(self.tr("(geen)"), None)
        for person in people:
            if person.name != exclude:
                combo.addItem(person.name, person.id)
        return combo

    # -- state -----------------------------------------------------------------------------

    def outcome(self) -> DecisionKind:
        for kind, button in self.outcome_buttons.items():
            if button.isChecked():
                return kind
        return DecisionKind.NOTE

    def choose(self, kind: DecisionKind) -> None:
        self.outcome_buttons[kind].setChecked(True)

    def _inputs(self) -> list[QWidget]:
        return [*self.outcome_buttons.values(), self.next_review_edit, self.category_box,
                self.coach_box, self.coach_combo, self.reason_combo, self.reason_text_edit,
                self.municipality_edit, self.informed_edit, self.transferred_box,
                self.admit_category_combo, self.admit_coach_combo, self.director_combo,
                self.follow_up_edit, self.motivation_edit, self.note_edit]  # fmt: skip

    def _rows(self) -> dict[QWidget | QHBoxLayout, bool]:
        outcome = self.outcome()
        goes_on = outcome in (DecisionKind.CONTINUE, DecisionKind.ADJUST_PLAN)
        closing = outcome == DecisionKind.CLOSE
        relocation = closing and self.reason_combo.currentData() == ClosureReason.RELOCATION
        admit = outcome == DecisionKind.ADMIT
        return {
            self.next_review_edit: goes_on or admit,
            self.category_box: goes_on,
            self.coach_row: goes_on,
            self.reason_combo: closing,
            self.reason_text_edit: closing,
            self.municipality_edit: relocation,
            self.informed_edit: relocation,
            self.transferred_box: relocation,
            self.admit_category_combo: admit,
            self.admit_coach_combo: admit,
            self.director_combo: admit,
            self.follow_up_edit: outcome == DecisionKind.NOT_ADMIT,
            self.motivation_edit: outcome in (DecisionKind.ADMIT, DecisionKind.NOT_ADMIT),
        }

    def _show_fields(self) -> None:
        for widget, visible in self._rows().items():
            self.form.setRowVisible(widget, visible)
        label_item = self.form.labelForField(self.next_review_edit)
        if label_item is not None:
            label_item.setText(self.tr("Eerste bespreking:") if self.outcome() == DecisionKind.ADMIT  # type: ignore[attr-defined]
                               else self.tr("Volgende bespreking:"))  # fmt: skip

    def decisions(self) -> ItemDecisions:
        """The panel as the input of ``take_decisions``."""
        outcome = self.outcome()
        note = self.note_edit.toPlainText()
        if outcome in (DecisionKind.CONTINUE, DecisionKind.ADJUST_PLAN):
            return ItemDecisions(
                outcome, note=note, next_review_on=py_date(self.next_review_edit.date()),
                new_category=self.other_category if self.category_box.isChecked() else None,
                new_coach_id=self.coach_combo.currentData() if self.coach_box.isChecked() else None,
            )  # fmt: skip
        if outcome == DecisionKind.CLOSE:
            reason: ClosureReason = self.reason_combo.currentData()
            moved = reason == ClosureReason.RELOCATION
            return ItemDecisions(outcome, note=note, closure=Closure(
                reason, self.reason_text_edit.text(),
                relocation_municipality=self.municipality_edit.text() if moved else None,
                relocation_informed_on=py_date(self.informed_edit.date()) if moved else None,
                transferred=self.transferred_box.isChecked() if moved else None))  # fmt: skip
        if outcome == DecisionKind.ADMIT:
            return ItemDecisions(outcome, note=note,
                                 next_review_on=py_date(self.next_review_edit.date()),
                                 admission=Admission(Category(self.admit_category_combo.currentData()),
                                                     self.admit_coach_combo.currentData(),
                                                     self.director_combo.currentData(),
                                                     self.motivation_edit.text() or None))  # fmt: skip
        if outcome == DecisionKind.NOT_ADMIT:
            return ItemDecisions(outcome, note=note, follow_up=self.follow_up_edit.text(),
                                 reason=self.motivation_edit.text() or None)  # fmt: skip
        return ItemDecisions(outcome, note=note)

    def set_item(self, item: AgendaItemView) -> None:
        """Show the item's decisions and action items; lock the choices once decided."""
        self.item = item
        decided = item.outcome is not None
        for widget in self._inputs():
            widget.setEnabled(not decided)
        if not decided:
            self.coach_combo.setEnabled(self.coach_box.isChecked())
        self.take_button.setEnabled(not decided)
        self.withdraw_button.setEnabled(bool(item.decisions))
        self._show_fields()
        self.actions_table.setRowCount(len(item.actions))
        for row, action in enumerate(item.actions):
            values: list[Any] = [action.description, action.owner or "",
                                 format_nl(action.due_on) if action.due_on else ""]  # fmt: skip
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, action.id)
                self.actions_table.setItem(row, column, cell)
        self.show_result()

    def show_result(self) -> None:
        item = self.item
        applied = [d.summary for d in sorted((d for d in item.decisions if d.applied),
                                             key=lambda d: not d.is_outcome)]  # fmt: skip
        refused = [self.tr("Niet uitgevoerd: {decision}\nReden: {reason}").format(
            decision=d.summary, reason=d.refusal) for d in item.refusals]  # fmt: skip
        if refused:
            self.result.show_warning("\n".join([*refused, *applied]))
        elif applied:
            self.result.show_info(self.tr("Vastgelegd: {decisions}").format(decisions=" ".join(applied)))
        else:
            self.result.clear()

    def show_error(self, text: str) -> None:
        self.result.show_warning(text)

    def _remove_action(self) -> None:
        row = self.actions_table.currentRow()
        cell = self.actions_table.item(row, 0) if row >= 0 else None
        if cell is not None:
            self.remove_action_requested.emit(cell.data(Qt.ItemDataRole.UserRole))

    def focus_first(self) -> None:
        checked = self.outcome_group.checkedButton()
        (checked or self.note_edit).setFocus(Qt.FocusReason.OtherFocusReason)
