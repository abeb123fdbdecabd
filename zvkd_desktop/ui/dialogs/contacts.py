"""Adding and editing a police contact (per youth) and a coach contact (per case).

A negative police contact moves the case's eligible date; the dialog says so next to the check
box, because that is the consequence a coach needs to know before pressing OK.
"""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from zvkd_desktop.domain.vocabulary import CoachContactKind, PoliceContactKind, ProfessionalRole
from zvkd_desktop.services import contacts, partners
from zvkd_desktop.services.contacts import CoachContactView, PoliceContactView
from zvkd_desktop.ui.dialogs.base import ActionDialog, Command
from zvkd_desktop.ui.dialogs.fields import (
    DateEdit,
    NoteEdit,
    current_enum,
    date_text,
    enum_combo,
)
from zvkd_desktop.ui.sections import AppContext

__all__ = ["CoachContactDialog", "PoliceContactDialog", "future_problem"]


def future_problem(field: QWidget, day: dt.date, today: dt.date) -> tuple[QWidget, str] | None:
    """The field problem of a date after today (the program records, it does not plan)."""
    if day > today:
        text = QCoreApplication.translate(
            "CaseDialogs",
            "De datum ligt in de toekomst. Vul een datum in tot en met vandaag ({today}).",
        )
        return field, text.format(today=date_text(today))
    return None


class PoliceContactDialog(ActionDialog):
    """Add (``existing`` None) or edit a police contact of the youth."""

    def __init__(
        self,
        context: AppContext,
        youth_id: uuid.UUID,
        existing: PoliceContactView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        adding = existing is None
        super().__init__(
            context,
            self.tr("Politiecontact toevoegen") if adding else self.tr("Politiecontact wijzigen"),
            self.tr("&Toevoegen") if adding else self.tr("&Opslaan"),
            parent,
            intro=self.tr(
                "Een negatief politiecontact (verdachte, aanhouding of overlast) zet de "
                "6-maandenregel opnieuw in gang."
            ),
        )
        self.youth_id = youth_id
        self.existing = existing
        today = context.today()
        self.date_edit = DateEdit(existing.contact_on if existing else today, self)
        self.kind_combo = enum_combo(
            PoliceContactKind, self, selected=existing.kind if existing else None
        )
        self.negative_box = QCheckBox(
            self.tr("&Negatief in beeld (telt voor de 6-maandenregel)"), self
        )
        self.negative_box.setChecked(existing.negative if existing else True)
        self.note_edit = NoteEdit(3, self)
        if existing and existing.note:
            self.note_edit.setPlainText(existing.note)
        self.add_row(self.tr("&Datum:"), self.date_edit)
        self.add_row(self.tr("&Soort:"), self.kind_combo)
        self.add_row("", self.negative_box, accessible=self.tr("Negatief in beeld"))
        self.add_row(self.tr("N&otitie:"), self.note_edit)

    def problems(self) -> list[tuple[QWidget | None, str]]:
        found = future_problem(self.date_edit, self.date_edit.value(), self.context.today())
        return [found] if found else []

    def command(self) -> Command:
        ctx, youth_id = self.context.services, self.youth_id
        kind = current_enum(self.kind_combo, PoliceContactKind)
        assert kind is not None
        day, negative, note = (
            self.date_edit.value(),
            self.negative_box.isChecked(),
            self.note_edit.text(),
        )
        if self.existing is None:
            return Command(
                self.tr("Politiecontact toevoegen"),
                lambda: contacts.add_police_contact(
                    ctx, youth_id=youth_id, contact_on=day, kind=kind, negative=negative, note=note
                ),
                lambda contact_id: contacts.remove_police_contact(ctx, contact_id),
                lambda contact_id: contacts.restore_police_contact(ctx, contact_id),
            )
        old = self.existing
        return Command(
            self.tr("Politiecontact wijzigen"),
            lambda: contacts.update_police_contact(
                ctx, old.id, contact_on=day, kind=kind, negative=negative, note=note
            ),
            lambda _result: contacts.update_police_contact(
                ctx,
                old.id,
                contact_on=old.contact_on,
                kind=old.kind,
                negative=old.negative,
                note=old.note,
            ),
        )


class CoachContactDialog(ActionDialog):
    """Add or edit a contact moment; the coach defaults to the case's coach on that day."""

    def __init__(
        self,
        context: AppContext,
        case_id: uuid.UUID,
        existing: CoachContactView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        adding = existing is None
        super().__init__(
            context,
            self.tr("Contactmoment toevoegen") if adding else self.tr("Contactmoment wijzigen"),
            self.tr("&Toevoegen") if adding else self.tr("&Opslaan"),
            parent,
        )
        self.case_id = case_id
        self.existing = existing
        self.date_edit = DateEdit(existing.contact_on if existing else context.today(), self)
        self.kind_combo = enum_combo(
            CoachContactKind, self, selected=existing.kind if existing else None
        )
        self.coach_combo = QComboBox(self)
        self.coach_combo.addItem(
            self.tr("De coach van de casus op die dag")
            if adding
            else self.tr("Ongewijzigd ({name})").format(name=existing.coach_name or "—"),
            None,
        )
        for coach in partners.list_professionals(context.services, role=ProfessionalRole.COACH):
            self.coach_combo.addItem(coach.name, coach.id)
        self.note_edit = NoteEdit(3, self)
        if existing and existing.note:
            self.note_edit.setPlainText(existing.note)
        self.add_row(self.tr("&Datum:"), self.date_edit)
        self.add_row(self.tr("&Soort contact:"), self.kind_combo)
        self.add_row(self.tr("&Coach:"), self.coach_combo)
        self.add_row(self.tr("N&otitie:"), self.note_edit)

    def problems(self) -> list[tuple[QWidget | None, str]]:
        found = future_problem(self.date_edit, self.date_edit.value(), self.context.today())
        return [found] if found else []

    def command(self) -> Command:
        ctx, case_id = self.context.services, self.case_id
        kind = current_enum(self.kind_combo, CoachContactKind)
        assert kind is not None
        day, note = self.date_edit.value(), self.note_edit.text()
        coach_id: uuid.UUID | None = self.coach_combo.currentData()
        if self.existing is None:
            return Command(
                self.tr("Contactmoment toevoegen"),
                lambda: contacts.add_coach_contact(
                    ctx, case_id=case_id, contact_on=day, kind=kind, note=note, coach_id=coach_id
                ),
                lambda contact_id: contacts.remove_coach_contact(ctx, contact_id),
                lambda contact_id: contacts.restore_coach_contact(ctx, contact_id),
            )
        old = self.existing
        return Command(
            self.tr("Contactmoment wijzigen"),
            lambda: contacts.update_coach_contact(
                ctx, old.id, contact_on=day, kind=kind, note=note, coach_id=coach_id
            ),
            lambda _result: contacts.update_coach_contact(
                ctx,
                old.id,
                contact_on=old.contact_on,
                kind=old.kind,
                note=old.note,
                coach_id=old.coach_id,
            ),
        )
