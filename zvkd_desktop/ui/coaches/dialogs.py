"""The Coaches section's dialogs: move cases to another coach, add a coach, set one inactive.

Each runs one undoable edit through the services; a refusal (a coach who still has running
cases, a date before the current coach started) is shown inside the dialog, which stays open.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.domain.vocabulary import OrganisationKind, ProfessionalRole
from zvkd_desktop.errors import KnownError
from zvkd_desktop.services import cases, partners
from zvkd_desktop.services.caseload import CoachCaseRow, CoachLoad
from zvkd_desktop.ui.forms import from_qdate, heading_label
from zvkd_desktop.ui.registrations.fields import date_edit, execute_in_dialog
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.widgets import InlineMessage

__all__ = ["AddCoachDialog", "DeactivateCoachDialog", "TransferDialog"]


class _EditDialog(QDialog):
    """Title, body, inline message, a reason line and OK/Annuleren: the shape all three share."""

    def __init__(self, context: AppContext, title: str, ok_text: str, parent: QWidget | None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.body = QVBoxLayout()
        self.message = InlineMessage(self)
        self.reason_label = QLabel(self)
        self.reason_label.setWordWrap(True)
        self.reason_label.setAccessibleName(self.tr("Wat nog ontbreekt"))
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Annuleren"))
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.run)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(title, self, 1.2))
        layout.addLayout(self.body, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 60)

    def problem(self) -> str | None:
        return None

    def update_state(self) -> None:
        problem = self.problem()
        self.ok_button.setEnabled(problem is None)
        self.reason_label.setText(problem or "")
        self.reason_label.setVisible(problem is not None)

    def run(self) -> None:
        raise NotImplementedError


class TransferDialog(_EditDialog):
    """'Casus overdragen': the selected cases get another coach from a date (today by default)."""

    def __init__(
        self,
        context: AppContext,
        from_coach: CoachLoad,
        rows: Sequence[CoachCaseRow],
        coaches: Sequence[CoachLoad],
        parent: QWidget | None = None,
    ) -> None:
        title = (
            QCoreApplication.translate("TransferDialog", "Casus overdragen")
            if len(rows) == 1
            else QCoreApplication.translate("TransferDialog", "Casussen overdragen")
        )
        super().__init__(
            context, title, QCoreApplication.translate("TransferDialog", "&Overdragen"), parent
        )
        self.rows = list(rows)
        self.from_coach = from_coach
        if len(rows) == 1:
            text = self.tr(
                "{names} krijgt een nieuwe coach in plaats van {coach}. In de geschiedenis van de "
                "casus blijft {coach} coach tot de dag vóór de ingangsdatum."
            )
        else:
            text = self.tr(
                "{names} krijgen een nieuwe coach in plaats van {coach}. In de geschiedenis van de "
                "casussen blijft {coach} coach tot de dag vóór de ingangsdatum."
            )
        names = [row.youth_name for row in rows]
        joined = (
            names[0] if len(names) == 1
            else self.tr("{first} en {last}").format(first=", ".join(names[:-1]), last=names[-1])
        )  # fmt: skip
        intro = QLabel(text.format(names=joined, coach=from_coach.name), self)
        intro.setWordWrap(True)
        self.coach_combo = QComboBox(self)
        self.coach_combo.setAccessibleName(self.tr("Nieuwe coach"))
        self.coach_combo.addItem(self.tr("Kies een coach…"), None)
        for coach in coaches:
            if coach.active and coach.coach_id != from_coach.coach_id:
                self.coach_combo.addItem(
                    self.tr("{name} (nu {count})").format(name=coach.name, count=coach.running),
                    coach.coach_id,
                )
        today = context.today()
        self.from_edit = date_edit(self, self.tr("Nieuwe coach vanaf"), today, maximum=today)
        form = QFormLayout()
        form.addRow(self.tr("&Nieuwe coach:"), self.coach_combo)
        form.addRow(self.tr("&Ingangsdatum:"), self.from_edit)
        self.body.addWidget(intro)
        self.body.addLayout(form)
        self.coach_combo.currentIndexChanged.connect(self.update_state)
        self.update_state()

    def problem(self) -> str | None:
        if self.coach_combo.currentData() is None:
            return self.tr("Kies de nieuwe coach.")
        return None

    def run(self) -> None:
        if self.problem() is not None:
            return
        ctx = self.context.services
        coach_id: uuid.UUID = self.coach_combo.currentData()
        from_date = from_qdate(self.from_edit.date())
        case_ids = [row.case_id for row in self.rows]

        def do() -> list[uuid.UUID]:
            done: list[uuid.UUID] = []
            try:
                for case_id in case_ids:
                    cases.change_coach(ctx, case_id, coach_id, from_date)
                    done.append(case_id)
            except KnownError:
                for case_id in reversed(done):  # all cases or none
                    cases.undo_coach_change(ctx, case_id)
                raise
            return done

        def undo(done: list[uuid.UUID]) -> None:
            for case_id in reversed(done):
                cases.undo_coach_change(ctx, case_id)

        new_name = self.coach_combo.currentText().split(" (")[0]
        text = (
            self.tr("{name} overdragen aan {coach}").format(name=self.rows[0].youth_name,
                                                            coach=new_name)
            if len(self.rows) == 1
            else self.tr("{count} casussen overdragen aan {coach}").format(
                count=len(self.rows), coach=new_name)
        )  # fmt: skip
        if execute_in_dialog(self.context, self, self.message, text, do, undo).done:
            self.accept()


class AddCoachDialog(_EditDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("AddCoachDialog", "Coach toevoegen"),
            QCoreApplication.translate("AddCoachDialog", "&Toevoegen"),
            parent,
        )
        self.coach_id: uuid.UUID | None = None
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(self.tr("Naam van de coach"))
        self.name_edit.setMaxLength(120)
        self.organisation_combo = QComboBox(self)
        self.organisation_combo.setAccessibleName(self.tr("Organisatie"))
        self.organisation_combo.addItem(self.tr("(geen)"), None)
        default = 0
        for organisation in partners.list_organisations(context.services):
            self.organisation_combo.addItem(organisation.name, organisation.id)
            if organisation.kind is OrganisationKind.DELFT_SUPPORT and not default:
                default = self.organisation_combo.count() - 1  # PAD-coaches work there
        self.organisation_combo.setCurrentIndex(default)
        form = QFormLayout()
        form.addRow(self.tr("&Naam:"), self.name_edit)
        form.addRow(self.tr("&Organisatie:"), self.organisation_combo)
        self.body.addLayout(form)
        self.name_edit.textChanged.connect(self.update_state)
        self.update_state()

    def problem(self) -> str | None:
        if not self.name_edit.text().strip():
            return self.tr("Vul de naam van de coach in.")
        return None

    def run(self) -> None:
        if self.problem() is not None:
            return
        ctx = self.context.services
        name = self.name_edit.text()
        organisation_id = self.organisation_combo.currentData()
        outcome = execute_in_dialog(
            self.context, self, self.message,
            self.tr("Coach {name} toevoegen").format(name=name.strip()),
            lambda: partners.add_professional(ctx, name=name, role=ProfessionalRole.COACH,
                                              organisation_id=organisation_id),
            lambda coach_id: partners.deactivate_professional(ctx, coach_id),
        )  # fmt: skip
        if outcome.done:
            self.coach_id = outcome.result
            self.accept()


class DeactivateCoachDialog(_EditDialog):
    """Asks before setting a coach to inactive; the service refuses while they have cases."""

    def __init__(self, context: AppContext, coach: CoachLoad, parent: QWidget | None = None):
        super().__init__(
            context,
            QCoreApplication.translate("DeactivateCoachDialog", "Coach op non-actief zetten"),
            QCoreApplication.translate("DeactivateCoachDialog", "&Op non-actief zetten"),
            parent,
        )
        self.coach = coach
        text = QLabel(
            self.tr(
                "{name} verdwijnt uit de keuzelijsten voor nieuwe casussen. De casussen die "
                "{name} eerder had, houden de naam in hun geschiedenis."
            ).format(name=coach.name),
            self,
        )
        text.setWordWrap(True)
        self.body.addWidget(text)
        self.update_state()

    def run(self) -> None:
        ctx = self.context.services
        coach_id = self.coach.coach_id
        outcome = execute_in_dialog(
            self.context, self, self.message,
            self.tr("{name} op non-actief").format(name=self.coach.name),
            lambda: partners.deactivate_professional(ctx, coach_id),
            lambda _result: partners.reactivate_professional(ctx, coach_id),
        )  # fmt: skip
        if outcome.done:
            self.accept()
