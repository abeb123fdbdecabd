"""'Nieuwe aanmelding': who is registered, by whom, and the four criteria with their notes, with
the criteria check live beside it.

Registering is one undoable edit: a new youth (with an optional guardian) and the registration
are created together, and undone together (the registration withdrawn, the new youth removed).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.domain.criteria import CriteriaAssessment, assess_criteria
from zvkd_desktop.domain.vocabulary import OrganisationKind
from zvkd_desktop.errors import KnownError
from zvkd_desktop.services import family, registrations, youths
from zvkd_desktop.services.partners import list_organisations
from zvkd_desktop.ui.forms import from_qdate, heading_label
from zvkd_desktop.ui.registrations.criteria_panel import CriteriaPanel
from zvkd_desktop.ui.registrations.fields import date_edit, execute_in_dialog
from zvkd_desktop.ui.registrations.youth_picker import YouthPicker
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.widgets import InlineMessage

__all__ = ["NewRegistrationDialog", "Registered"]


@dataclass(frozen=True)
class Registered:
    registration_id: uuid.UUID
    created_youth_id: uuid.UUID | None
    """Set when the dialog created the youth (undo removes it again)."""


class NewRegistrationDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.result_: Registered | None = None
        self.setWindowTitle(self.tr("Nieuwe aanmelding"))
        today = context.today()

        self.youth = YouthPicker(context.services, self)

        registration_box = QGroupBox(self.tr("Aanmelding"), self)
        self.date_edit = date_edit(self, self.tr("Aanmelddatum"), today, maximum=today)
        self.registrant_combo = QComboBox(self)
        self.registrant_combo.setAccessibleName(self.tr("Aanmelder"))
        self.registrant_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.registrant_combo.setMinimumContentsLength(32)
        self.registrant_combo.addItem(self.tr("Kies de aanmelder…"), None)
        police_index = 0
        for organisation in list_organisations(context.services):
            self.registrant_combo.addItem(organisation.name, organisation.id)
            if organisation.kind is OrganisationKind.POLICE and not police_index:
                police_index = self.registrant_combo.count() - 1
        self.registrant_combo.currentTextChanged.connect(self.registrant_combo.setToolTip)
        self.registrant_combo.setCurrentIndex(police_index)  # mostly the police registers
        self.registrant_combo.setToolTip(self.registrant_combo.currentText())
        self.contact_edit = QLineEdit(self)
        self.contact_edit.setAccessibleName(self.tr("Contactpersoon bij de aanmelder"))
        self.contact_edit.setMaxLength(160)
        form = QFormLayout(registration_box)
        form.addRow(self.tr("Aanmel&ddatum:"), self.date_edit)
        form.addRow(self.tr("Aan&melder:"), self.registrant_combo)
        form.addRow(self.tr("&Contactpersoon:"), self.contact_edit)

        criteria_box = QGroupBox(self.tr("Aanmeldcriteria"), self)
        self.police_box = QCheckBox(self.tr("Pol&itiecontacten (strafbare feiten of overlast)"), self)
        self.concerns_box = QCheckBox(self.tr("&Ernstige zorgen van partners over afglijden"), self)
        self.police_note = self._note(self.tr("Toelichting politiecontacten of zorgen"))
        self.domains_box = QCheckBox(self.tr("Problemen op meer dan één &leefgebied"), self)
        self.domains_note = self._note(self.tr("Toelichting leefgebieden"))
        self.chain_box = QCheckBox(self.tr("Samenwerking tussen &ketens nodig"), self)
        self.chain_note = self._note(self.tr("Toelichting samenwerking tussen ketens"))
        self.age_note = self._note(self.tr("Toelichting leeftijd"))
        self.age_note.setPlaceholderText(self.tr("Toelichting leeftijd (alleen als nodig)"))
        criteria = QVBoxLayout(criteria_box)
        criteria.addWidget(QLabel(self.tr("1. Leeftijd 12 tot 27 jaar bij aanmelding (berekend)")))
        criteria.addWidget(self.age_note)
        criteria.addWidget(QLabel(self.tr("2. Politiecontacten of ernstige zorgen:"), self))
        criteria.addWidget(self.police_box)
        criteria.addWidget(self.concerns_box)
        criteria.addWidget(self.police_note)
        criteria.addWidget(QLabel(self.tr("3. Leefgebieden:"), self))
        criteria.addWidget(self.domains_box)
        criteria.addWidget(self.domains_note)
        criteria.addWidget(QLabel(self.tr("4. Samenwerking:"), self))
        criteria.addWidget(self.chain_box)
        criteria.addWidget(self.chain_note)

        self.panel = CriteriaPanel(self)
        body_widget = QWidget(self)
        left = QVBoxLayout()
        left.addWidget(self.youth)
        left.addWidget(registration_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(criteria_box)
        right.addWidget(self.panel, 1)
        body = QHBoxLayout(body_widget)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body_widget)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes field to field, not to the frame
        self.message = InlineMessage(self)
        self.reason_label = QLabel(self)
        self.reason_label.setWordWrap(True)
        self.reason_label.setAccessibleName(self.tr("Wat nog ontbreekt"))
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            self.tr("&Aanmelden"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Annuleren"))
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.register)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(self.tr("Nieuwe aanmelding"), self, 1.2))
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addWidget(self.reason_label, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        order = [
            self.youth.guardian_phone_edit, self.date_edit, self.registrant_combo,
            self.contact_edit, self.age_note, self.police_box, self.concerns_box,
            self.police_note, self.domains_box, self.domains_note, self.chain_box,
            self.chain_note, self.ok_button,
        ]  # fmt: skip
        for before, after in zip(order, order[1:], strict=False):
            self.setTabOrder(before, after)
        self.youth.changed.connect(self.update_state)
        self.date_edit.dateChanged.connect(self.update_state)
        self.registrant_combo.currentIndexChanged.connect(self.update_state)
        for box in (self.police_box, self.concerns_box, self.domains_box, self.chain_box):
            box.toggled.connect(self.update_state)
        body_widget.adjustSize()
        screen = self.screen().availableGeometry()
        self.resize(
            min(max(body_widget.sizeHint().width() + 40, self._char_width() * 120), screen.width()),
            min(body_widget.sizeHint().height() + 160, screen.height() - 40),
        )
        self.update_state()
        self.youth.first_name_edit.setFocus()

    def _char_width(self) -> int:
        return self.fontMetrics().horizontalAdvance("x")

    def _note(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(self.tr("Korte toelichting"))
        return edit

    # -- state -----------------------------------------------------------------------------

    def assessment(self) -> CriteriaAssessment | None:
        dob = self.youth.date_of_birth()
        registered_on = from_qdate(self.date_edit.date())
        if dob is None or dob > registered_on:
            return None
        return assess_criteria(
            date_of_birth=dob,
            registered_on=registered_on,
            police_contacts=self.police_box.isChecked(),
            serious_concerns=self.concerns_box.isChecked(),
            multiple_domains=self.domains_box.isChecked(),
            cross_chain=self.chain_box.isChecked(),
        )

    def problem(self) -> str | None:
        problem = self.youth.problem()
        if problem:
            return problem
        dob = self.youth.date_of_birth()
        if dob is not None and dob > from_qdate(self.date_edit.date()):
            return self.tr("De geboortedatum ligt na de aanmelddatum. Controleer beide datums.")
        if self.registrant_combo.currentData() is None:
            return self.tr("Kies de aanmelder.")
        return None

    def update_state(self) -> None:
        """Follow every keystroke: the live criteria check and whether Aanmelden can be pressed."""
        registered_on = from_qdate(self.date_edit.date())
        dob = self.youth.date_of_birth()
        problem = None
        if dob is not None and dob > registered_on:
            problem = self.tr("De geboortedatum ligt na de aanmelddatum.")
        elif not self.youth.is_new and self.youth.existing() is None:
            problem = self.tr("Kies een jongere om de leeftijd te zien.")
        elif not self.youth.is_new:
            problem = self.youth.problem()
        self.panel.show_assessment(self.assessment(), registered_on, problem)
        reason = self.problem()
        self.ok_button.setEnabled(reason is None)
        self.reason_label.setText(reason or "")

    # -- registering -----------------------------------------------------------------------

    def register(self) -> None:
        if self.problem() is not None:
            return
        ctx = self.context.services
        is_new = self.youth.is_new
        new = self.youth.new_youth() if is_new else None
        existing_id = self.youth.existing_id()
        details = dict(
            registered_on=from_qdate(self.date_edit.date()),
            registrant_id=self.registrant_combo.currentData(),
            registrant_contact=self.contact_edit.text(),
            police_contacts=self.police_box.isChecked(),
            serious_concerns=self.concerns_box.isChecked(),
            police_or_concerns_note=self.police_note.text(),
            multiple_domains=self.domains_box.isChecked(),
            multiple_domains_note=self.domains_note.text(),
            cross_chain=self.chain_box.isChecked(),
            cross_chain_note=self.chain_note.text(),
            age_note=self.age_note.text(),
        )

        def do() -> Registered:
            created: uuid.UUID | None = None
            if new is not None:
                created = youths.create_youth(
                    ctx,
                    first_name=new.first_name,
                    last_name=new.last_name,
                    date_of_birth=new.date_of_birth,
                    neighbourhood=new.neighbourhood,
                    street=new.street,
                    house_number=new.house_number,
                    postcode=new.postcode,
                    city=new.city,
                    phone=new.phone,
                )
            youth_id = created or existing_id
            assert youth_id is not None
            try:
                if new is not None and new.guardian_name:
                    family.add_guardian(
                        ctx,
                        youth_id,
                        name=new.guardian_name,
                        relation=new.guardian_relation,
                        phone=new.guardian_phone,
                    )
                registration_id = registrations.register(ctx, youth_id=youth_id, **details)
            except KnownError:
                if created is not None:
                    youths.remove_youth(ctx, created)  # all or nothing
                raise
            return Registered(registration_id, created)

        def undo(result: Registered) -> None:
            registrations.withdraw_registration(ctx, result.registration_id)
            if result.created_youth_id is not None:
                youths.remove_youth(ctx, result.created_youth_id)

        existing = self.youth.existing()
        if new is not None:
            name = f"{new.first_name} {new.last_name}"
        else:
            name = existing.display_name if existing is not None else ""
        outcome = execute_in_dialog(
            self.context, self, self.message,
            self.tr("Aanmelding van {name}").format(name=name), do, undo,
        )  # fmt: skip
        if outcome.done:
            self.result_ = outcome.result
            self.accept()
