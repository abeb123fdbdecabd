"""'Besluit over de aanmelding': admit (category, coach, process director, admission date) or not
admit (the follow-up agreed with the registrant), with the criteria check in view.

A decision against the criteria needs a written reason; the dialog says so before the user
presses the button, and the service checks it again (``domain.criteria.check_decision``).
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.vocabulary import Category, ProfessionalRole
from zvkd_desktop.services import registrations
from zvkd_desktop.services.partners import list_professionals
from zvkd_desktop.services.registration_views import RegistrationDetail, get_registration
from zvkd_desktop.ui.forms import from_qdate, heading_label, to_qdate, vocab
from zvkd_desktop.ui.registrations.criteria_panel import CriteriaPanel
from zvkd_desktop.ui.registrations.fields import date_edit, execute_in_dialog
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.widgets import InlineMessage

__all__ = ["DecideDialog"]


class DecideDialog(QDialog):
    def __init__(
        self, context: AppContext, registration_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.registration_id = registration_id
        self.case_id: uuid.UUID | None = None
        """After admitting: the new case."""
        self.admitted = False
        detail = get_registration(context.services, registration_id)
        self.detail = detail
        today = context.today()
        self.setWindowTitle(self.tr("Besluit over de aanmelding van {name}").format(
            name=detail.youth_name))  # fmt: skip

        summary = QLabel(self._summary(detail), self)
        summary.setWordWrap(True)
        self.panel = CriteriaPanel(self)
        self.panel.show_assessment(detail.assessment, detail.registered_on)
        notes = self._notes(detail)
        if notes:
            panel_layout = self.panel.layout()
            assert isinstance(panel_layout, QVBoxLayout)
            panel_layout.insertWidget(panel_layout.count() - 1, notes)  # above the stretch

        self.admit_radio = QRadioButton(self.tr("&Opnemen"), self)
        self.not_admit_radio = QRadioButton(self.tr("&Niet opnemen"), self)
        choice = QButtonGroup(self)
        choice.addButton(self.admit_radio)
        choice.addButton(self.not_admit_radio)
        self.admit_radio.setChecked(True)
        self.decided_edit = date_edit(self, self.tr("Besluitdatum"), today, maximum=today)
        self.decided_edit.setMinimumDate(to_qdate(detail.registered_on))

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._admit_page(detail, today))
        self.stack.addWidget(self._not_admit_page())

        self.reason_edit = self._text_edit(self.tr("Motivering"))
        self.reason_label = QLabel(self)
        self.reason_label.setBuddy(self.reason_edit)
        self.reason_label.setWordWrap(True)

        decision_box = QGroupBox(self.tr("Besluit"), self)
        radios = QHBoxLayout()
        radios.addWidget(self.admit_radio)
        radios.addWidget(self.not_admit_radio)
        radios.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("&Besluitdatum:"), self.decided_edit)
        self._align_labels(form)
        box_layout = QVBoxLayout(decision_box)
        box_layout.addLayout(radios)
        box_layout.addLayout(form)
        box_layout.addWidget(self.stack)
        box_layout.addWidget(self.reason_label)
        box_layout.addWidget(self.reason_edit)

        self.message = InlineMessage(self)
        self.missing_label = QLabel(self)
        self.missing_label.setWordWrap(True)
        self.missing_label.setAccessibleName(self.tr("Wat nog ontbreekt"))
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            self.tr("Besluit &vastleggen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Annuleren"))
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.decide)
        self.buttons.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addWidget(summary)
        left.addWidget(decision_box, 1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(self.panel, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(self.windowTitle(), self, 1.2))
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addWidget(self.missing_label, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        self.admit_radio.toggled.connect(self.update_state)
        for combo in (self.coach_combo, self.category_combo):
            combo.currentIndexChanged.connect(self.update_state)
        self.reason_edit.textChanged.connect(self.update_state)
        self.follow_up_edit.textChanged.connect(self.update_state)
        self.decided_edit.dateChanged.connect(self._decided_changed)
        self.resize(self.fontMetrics().horizontalAdvance("x") * 120, self.sizeHint().height())
        self.update_state()
        self.admit_radio.setFocus()

    # -- building --------------------------------------------------------------------------

    def _summary(self, detail: RegistrationDetail) -> str:
        lines = [
            self.tr("Aangemeld op {day} door {registrant}").format(
                day=format_nl(detail.registered_on), registrant=detail.registrant_name
            )
            + (f" ({detail.registrant_contact})" if detail.registrant_contact else "")
            + ".",
            self.tr("Leeftijd bij aanmelding: {age} jaar.").format(age=detail.age_at_registration),
        ]
        if detail.is_reregistration:
            lines.append(
                self.tr("Opnieuw aangemeld: deze jongere had eerder een PAD-casus die is afgesloten.")
            )
        return "\n".join(lines)

    def _notes(self, detail: RegistrationDetail) -> QLabel | None:
        notes = [
            (self.tr("Leeftijd"), detail.age_note),
            (self.tr("Politie of zorgen"), detail.police_or_concerns_note),
            (self.tr("Leefgebieden"), detail.multiple_domains_note),
            (self.tr("Ketens"), detail.cross_chain_note),
        ]
        text = "\n".join(f"{name}: {note}" for name, note in notes if note)
        if not text:
            return None
        label = QLabel(self.tr("Toelichting van de aanmelder:") + "\n" + text, self)
        label.setWordWrap(True)
        return label

    def _align_labels(self, decision_form: QFormLayout) -> None:
        """The decision date and the admission fields sit in two forms; line their fields up."""
        labels = [decision_form.labelForField(self.decided_edit)] + [
            self._admit_form.labelForField(field)
            for field in (self.category_combo, self.coach_combo, self.director_combo,
                          self.admitted_edit)
        ]  # fmt: skip
        width = max(label.sizeHint().width() for label in labels if label is not None)
        for label in labels:
            if label is not None:
                label.setMinimumWidth(width)

    def _text_edit(self, name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setAccessibleName(name)
        edit.setTabChangesFocus(True)
        edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        return edit

    def _admit_page(self, detail: RegistrationDetail, today: date) -> QWidget:
        page = QWidget(self)
        self.category_combo = QComboBox(page)
        self.category_combo.setAccessibleName(self.tr("Categorie"))
        for category in Category:
            self.category_combo.addItem(vocab(category), category)
        self.coach_combo = QComboBox(page)
        self.coach_combo.setAccessibleName(self.tr("Coach"))
        self.coach_combo.addItem(self.tr("Kies een coach…"), None)
        for coach in list_professionals(self.context.services, role=ProfessionalRole.COACH):
            self.coach_combo.addItem(coach.name, coach.id)
        self.director_combo = QComboBox(page)
        self.director_combo.setAccessibleName(self.tr("Procesregisseur"))
        self.director_combo.addItem(self.tr("(nog niet bekend)"), None)
        for director in list_professionals(
            self.context.services, role=ProfessionalRole.PROCESS_DIRECTOR
        ):
            self.director_combo.addItem(director.name, director.id)
        self.admitted_edit = date_edit(page, self.tr("Opnamedatum"), today, maximum=today)
        self.admitted_edit.setMinimumDate(to_qdate(detail.registered_on))
        form = self._admit_form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&Categorie:"), self.category_combo)
        form.addRow(self.tr("Coac&h:"), self.coach_combo)
        form.addRow(self.tr("&Procesregisseur:"), self.director_combo)
        form.addRow(self.tr("Opname&datum:"), self.admitted_edit)
        return page

    def _not_admit_page(self) -> QWidget:
        page = QWidget(self)
        self.follow_up_edit = self._text_edit(self.tr("Vervolgafspraak met de aanmelder"))
        self.follow_up_edit.setPlaceholderText(
            self.tr("Bijvoorbeeld: de wijkagent houdt contact; het sociaal team biedt hulp aan")
        )
        label = QLabel(self.tr("Vervol&gafspraak met de aanmelder (verplicht):"), page)
        label.setBuddy(self.follow_up_edit)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.follow_up_edit)
        layout.addStretch(1)
        return page

    # -- state -----------------------------------------------------------------------------

    @property
    def admit(self) -> bool:
        return self.admit_radio.isChecked()

    def against_criteria(self) -> bool:
        """Does the chosen decision go against the criteria (so a reason is required)?"""
        assessment = self.detail.assessment
        if assessment is None:
            return False  # date of birth erased: the service decides
        return assessment.all_met != self.admit

    def _decided_changed(self) -> None:
        # the admission follows the decision date until the user sets it apart
        self.admitted_edit.setDate(self.decided_edit.date())
        self.update_state()

    def problem(self) -> str | None:
        if self.admit and self.coach_combo.currentData() is None:
            return self.tr("Kies de coach.")
        if not self.admit and not self.follow_up_edit.toPlainText().strip():
            return self.tr("Vul de vervolgafspraak met de aanmelder in.")
        if self.against_criteria() and not self.reason_edit.toPlainText().strip():
            return self.tr("Vul de motivering in: dit besluit gaat tegen de aanmeldcriteria in.")
        return None

    def update_state(self) -> None:
        self.stack.setCurrentIndex(0 if self.admit else 1)
        if self.against_criteria():
            self.reason_label.setText(
                self.tr("&Motivering (verplicht: dit besluit gaat tegen de aanmeldcriteria in):")
            )
        else:
            self.reason_label.setText(self.tr("&Motivering (mag leeg blijven):"))
        problem = self.problem()
        self.ok_button.setEnabled(problem is None)
        self.missing_label.setText(problem or "")

    # -- deciding --------------------------------------------------------------------------

    def decide(self) -> None:
        if self.problem() is not None:
            return
        ctx = self.context.services
        registration_id = self.registration_id
        decided_on = from_qdate(self.decided_edit.date())
        reason = self.reason_edit.toPlainText()
        name = self.detail.youth_name
        if self.admit:
            category = self.category_combo.currentData()
            coach_id = self.coach_combo.currentData()
            director_id = self.director_combo.currentData()
            admitted_on = from_qdate(self.admitted_edit.date())

            def do() -> uuid.UUID:
                return registrations.decide_admit(
                    ctx, registration_id, decided_on=decided_on, admitted_on=admitted_on,
                    category=category, coach_id=coach_id, process_director_id=director_id,
                    reason=reason,
                )  # fmt: skip

            text = self.tr("{name} opnemen").format(name=name)
        else:
            follow_up = self.follow_up_edit.toPlainText()

            def do() -> None:  # type: ignore[misc]
                registrations.decide_not_admit(
                    ctx, registration_id, decided_on=decided_on, follow_up=follow_up, reason=reason
                )

            text = self.tr("{name} niet opnemen").format(name=name)

        outcome = execute_in_dialog(
            self.context, self, self.message, text, do,
            lambda _result: registrations.undo_decision(ctx, registration_id),
        )  # fmt: skip
        if outcome.done:
            self.admitted = self.admit
            self.case_id = outcome.result if self.admit else None
            self.accept()
