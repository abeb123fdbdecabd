"""Closing a case and reopening a wrongly closed one.

The close dialog shows the 6-month rule's verdict for the chosen date as the user changes it
(``cases.closure_preview``), and the casework core's own refusal when the chosen reason needs the
police-free period that has not passed yet, so the core team sees the eligible date before
pressing OK. Closure is a person's decision: nothing here closes by itself.

The casework core has no inverse of a closure other than reopening, which is recorded and counted
in the yearly figures. Undo therefore does not silently reopen: it refuses with a message that
points to *Heropenen*, and the dialog says so up front.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from zvkd_desktop.domain.closure_rule import ClosureStatus, check_closure
from zvkd_desktop.domain.vocabulary import ClosureReason
from zvkd_desktop.errors import KnownError, ValidationError
from zvkd_desktop.services import cases
from zvkd_desktop.services.case_views import CaseDetail
from zvkd_desktop.ui.dialogs.base import ActionDialog, Command, not_undoable
from zvkd_desktop.ui.dialogs.contacts import future_problem
from zvkd_desktop.ui.dialogs.fields import DateEdit, NoteEdit, current_enum, date_text, enum_combo
from zvkd_desktop.ui.sections import AppContext

__all__ = ["CloseCaseDialog", "ReopenCaseDialog", "verdict_text"]


def _t(text: str) -> str:
    return QCoreApplication.translate("CaseDialogs", text)


def verdict_text(status: ClosureStatus, on: dt.date) -> str:
    """The rule's verdict for closing on ``on``, as the dialog and the case file word it."""
    if status.is_eligible(on):
        return _t("Voldoet aan de {months}-maandenregel (afsluitbaar sinds {date})").format(
            months=status.months, date=date_text(status.eligible_date)
        )
    days = status.days_to_go(on)
    text = _t("nog 1 dag") if days == 1 else _t("nog {days} dagen").format(days=days)
    return _t("Afsluitbaar vanaf {date} — {to_go}").format(
        date=date_text(status.eligible_date), to_go=text
    )


class CloseCaseDialog(ActionDialog):
    def __init__(
        self, context: AppContext, case: CaseDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            context,
            self.tr("Casus afsluiten – {name}").format(name=case.youth_name),
            self.tr("&Afsluiten"),
            parent,
            intro=self.tr(
                "Afsluiten is een besluit van het kernteam. Een vergissing maakt u direct daarna "
                "ongedaan met Ctrl+Z; later gebruikt u Heropenen."
            ),
        )
        self.case = case
        self.status: ClosureStatus | None = None
        self.date_edit = DateEdit(context.today(), self)
        self.reason_combo = enum_combo(ClosureReason, self)
        self.verdict_label = QLabel(self)
        font = self.verdict_label.font()
        font.setBold(True)
        self.verdict_label.setFont(font)
        self.verdict_label.setAccessibleName(self.tr("Oordeel 6-maandenregel"))
        self.reference_label = QLabel(self)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 80)
        self.add_row(self.tr("Afsluit&datum:"), self.date_edit)
        self.add_info_row(self.tr("6-maandenregel:"), self.verdict_label)
        self.add_info_row("", self.reference_label)
        self.add_row(self.tr("&Reden:"), self.reason_combo)

        self.relocation_box = QGroupBox(self.tr("Verhuizing"), self)
        self.form.addRow(self.relocation_box)
        self.municipality_edit = QLineEdit(self.relocation_box)
        self.municipality_edit.setMaxLength(80)
        self.informed_edit = DateEdit(context.today(), self.relocation_box)
        self.transferred_yes = QRadioButton(self.tr("&Ja"), self.relocation_box)
        self.transferred_no = QRadioButton(self.tr("N&ee"), self.relocation_box)
        self.transferred_group = QButtonGroup(self)
        self.transferred_group.addButton(self.transferred_yes)
        self.transferred_group.addButton(self.transferred_no)
        choice = self.transferred_choice = QWidget(self.relocation_box)
        choice_layout = QHBoxLayout(choice)
        choice_layout.setContentsMargins(0, 0, 0, 0)
        choice_layout.addWidget(self.transferred_yes)
        choice_layout.addWidget(self.transferred_no)
        choice_layout.addStretch(1)
        box_form = QFormLayout(self.relocation_box)
        self.add_row(self.tr("Nieuwe &gemeente:"), self.municipality_edit, form=box_form)
        self.add_row(self.tr("Gemeente geïnformeerd o&p:"), self.informed_edit, form=box_form)
        self.add_row(self.tr("Casus &overgedragen:"), choice, form=box_form)
        self.watch(self.transferred_yes, self.transferred_no)

        self.reason_text_edit = QLineEdit(self)
        self.reason_text_label = self.add_row(self.tr("&Toelichting:"), self.reason_text_edit)
        self.handover_edit = NoteEdit(3, self)
        self.add_row(self.tr("Overdrachts&notitie:"), self.handover_edit)
        self.date_edit.dateChanged.connect(self._update_verdict)
        self.reason_combo.currentIndexChanged.connect(self._reason_changed)
        self._update_verdict()
        self._reason_changed()

    def reason(self) -> ClosureReason:
        reason = current_enum(self.reason_combo, ClosureReason)
        assert reason is not None
        return reason

    def _reason_changed(self) -> None:
        reason = self.reason()
        self.relocation_box.setVisible(reason is ClosureReason.RELOCATION)
        if reason is ClosureReason.OTHER:
            self.reason_text_label.setText(self.tr("&Toelichting (verplicht):"))
        else:
            self.reason_text_label.setText(self.tr("&Toelichting:"))
        self.adjustSize()

    def _update_verdict(self) -> None:
        day = self.date_edit.value()
        try:
            self.status, _allowed = cases.closure_preview(self.context.services, self.case.id, day)
        except KnownError as error:
            self.status = None
            self.verdict_label.setText(error.message)
            self.reference_label.clear()
            return
        self.verdict_label.setText(verdict_text(self.status, day))
        if self.status.latest_negative_contact is not None and (
            self.status.reference_date == self.status.latest_negative_contact
        ):
            basis = self.tr("laatste negatieve politiecontact")
        else:
            basis = self.tr("opnamedatum")
        self.reference_label.setText(
            self.tr("Gerekend vanaf {date} ({basis}).").format(
                date=date_text(self.status.reference_date), basis=basis
            )
        )

    def problems(self) -> list[tuple[QWidget | None, str]]:
        found: list[tuple[QWidget | None, str]] = []
        day = self.date_edit.value()
        today = self.context.today()
        future = future_problem(self.date_edit, day, today)
        if future:
            found.append(future)
        reason = self.reason()
        if self.status is not None:
            try:
                check_closure(reason, day, self.status)
            except ValidationError as refusal:  # the casework core's own words
                found.append((self.reason_combo, refusal.message))
        if reason is ClosureReason.OTHER and not self.reason_text_edit.text().strip():
            found.append((self.reason_text_edit, self.tr("Vul de reden van afsluiten in.")))
        if reason is ClosureReason.RELOCATION:
            if not self.municipality_edit.text().strip():
                found.append(
                    (
                        self.municipality_edit,
                        self.tr("Vul de gemeente in waarheen de jongere verhuist."),
                    )
                )
            informed = future_problem(self.informed_edit, self.informed_edit.value(), today)
            if informed:
                found.append(informed)
            if self.transferred_group.checkedButton() is None:
                found.append(
                    (self.transferred_choice, self.tr("Geef aan of de casus is overgedragen."))
                )
        return found

    def command(self) -> Command:
        ctx, case_id = self.context.services, self.case.id
        reason = self.reason()
        relocation = reason is ClosureReason.RELOCATION
        close = partial(
            cases.close_case,
            ctx,
            case_id,
            closed_on=self.date_edit.value(),
            reason=reason,
            reason_text=self.reason_text_edit.text(),
            relocation_municipality=self.municipality_edit.text() if relocation else None,
            relocation_informed_on=self.informed_edit.value() if relocation else None,
            transferred=self.transferred_yes.isChecked() if relocation else None,
            handover_note=self.handover_edit.text(),
        )
        return Command(
            self.tr("Casus afsluiten"),
            close,
            lambda _result: cases.undo_close_case(ctx, case_id),
        )


class ReopenCaseDialog(ActionDialog):
    def __init__(
        self, context: AppContext, case: CaseDetail, parent: QWidget | None = None
    ) -> None:
        assert case.closed_on is not None
        super().__init__(
            context,
            self.tr("Casus heropenen – {name}").format(name=case.youth_name),
            self.tr("&Heropenen"),
            parent,
            intro=self.tr(
                "Heropen alleen een casus die onterecht is afgesloten (afgesloten op {date}). "
                "Een heropening wordt apart geteld; komt de jongere opnieuw in beeld, meld dan "
                "opnieuw aan."
            ).format(date=date_text(case.closed_on)),
        )
        self.case = case
        self.date_edit = DateEdit(context.today(), self)
        self.reason_edit = NoteEdit(3, self)
        self.add_row(self.tr("&Datum:"), self.date_edit)
        self.add_row(self.tr("&Reden:"), self.reason_edit)

    def problems(self) -> list[tuple[QWidget | None, str]]:
        found: list[tuple[QWidget | None, str]] = []
        day = self.date_edit.value()
        future = future_problem(self.date_edit, day, self.context.today())
        if future:
            found.append(future)
        assert self.case.closed_on is not None
        if day < self.case.closed_on:
            found.append(
                (
                    self.date_edit,
                    self.tr("De datum ligt vóór de afsluiting op {date}.").format(
                        date=date_text(self.case.closed_on)
                    ),
                )
            )
        if not self.reason_edit.text().strip():
            found.append((self.reason_edit, self.tr("Vul de reden van heropenen in.")))
        return found

    def command(self) -> Command:
        ctx, case_id = self.context.services, self.case.id
        day, reason = self.date_edit.value(), self.reason_edit.text()
        return Command(
            self.tr("Casus heropenen"),
            lambda: cases.reopen_case(ctx, case_id, reopened_on=day, reason=reason),
            not_undoable(
                self.tr(
                    "Heropenen kan niet ongedaan worden gemaakt. Sluit de casus zo nodig opnieuw af."
                )
            ),
        )
