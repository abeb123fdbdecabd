"""The youth's own details, the guardians and the siblings.

Edits send only the fields that changed, and undo sends those fields' old values back, so an undo
never overwrites a field somebody else changed meanwhile in another window.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QListWidgetItem, QWidget

from zvkd_desktop.domain.neighbourhoods import NEIGHBOURHOODS
from zvkd_desktop.services import family, youths
from zvkd_desktop.services.family import GuardianRow
from zvkd_desktop.services.youths import YouthDetail
from zvkd_desktop.ui.dialogs.base import ActionDialog, Command, not_undoable
from zvkd_desktop.ui.dialogs.fields import NoteEdit, OptionalDateEdit, date_text, select_data, vocab
from zvkd_desktop.ui.sections import AppContext

__all__ = [
    "GuardianDialog",
    "SiblingDialog",
    "YouthDialog",
    "remove_guardian_command",
    "unlink_sibling_command",
]


def _t(text: str) -> str:
    return QCoreApplication.translate("CaseDialogs", text)


_POSTCODE = re.compile(r"\d{4}\s*[A-Za-z]{2}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?[0-9 ()\-]+")


def _line(parent: QWidget, value: str | None, max_length: int) -> QLineEdit:
    edit = QLineEdit(value or "", parent)
    edit.setMaxLength(max_length)
    return edit


def _phone_problem(edit: QLineEdit) -> str | None:
    text = edit.text().strip()
    if text and (not _PHONE.fullmatch(text) or sum(c.isdigit() for c in text) < 6):
        return edit.tr("Een telefoonnummer bestaat uit cijfers, bijvoorbeeld 06 12345678.")
    return None


class YouthDialog(ActionDialog):
    def __init__(
        self, context: AppContext, youth: YouthDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            context, self.tr("Gegevens van de jongere wijzigen"), self.tr("&Opslaan"), parent
        )
        self.youth = youth
        self.first_edit = _line(self, youth.first_name, 80)
        self.last_edit = _line(self, youth.last_name, 120)
        self.birth_edit = OptionalDateEdit(self.tr("bekend:"), self)
        self.birth_edit.set_value(youth.date_of_birth, dt.date(youth.birth_year, 1, 1))
        self.gender_edit = _line(self, youth.gender, 16)
        self.street_edit = _line(self, youth.street, 120)
        self.number_edit = _line(self, youth.house_number, 16)
        self.postcode_edit = _line(self, youth.postcode, 8)
        self.city_edit = _line(self, youth.city, 80)
        self.phone_edit = _line(self, youth.phone, 32)
        self.hood_combo = QComboBox(self)
        for hood in NEIGHBOURHOODS:
            self.hood_combo.addItem(vocab(hood.name), hood.code)
        select_data(self.hood_combo, youth.neighbourhood)
        self.notes_edit = NoteEdit(3, self)
        self.notes_edit.setPlainText(youth.notes or "")
        self.add_row(self.tr("&Voornaam:"), self.first_edit)
        self.add_row(self.tr("&Achternaam:"), self.last_edit)
        self.add_row(self.tr("&Geboortedatum:"), self.birth_edit)
        self.add_row(self.tr("Ge&slacht:"), self.gender_edit)
        self.add_row(self.tr("S&traat:"), self.street_edit)
        self.add_row(self.tr("&Huisnummer:"), self.number_edit)
        self.add_row(self.tr("&Postcode:"), self.postcode_edit)
        self.add_row(self.tr("&Woonplaats:"), self.city_edit)
        self.add_row(self.tr("Tele&foon:"), self.phone_edit)
        self.add_row(self.tr("W&ijk:"), self.hood_combo)
        self.add_row(self.tr("&Notities:"), self.notes_edit)

    def values(self) -> dict[str, Any]:
        return dict(
            first_name=self.first_edit.text().strip(),
            last_name=self.last_edit.text().strip(),
            date_of_birth=self.birth_edit.value(),
            gender=self.gender_edit.text().strip() or None,
            street=self.street_edit.text().strip() or None,
            house_number=self.number_edit.text().strip() or None,
            postcode=self.postcode_edit.text().strip() or None,
            city=self.city_edit.text().strip() or None,
            phone=self.phone_edit.text().strip() or None,
            neighbourhood=self.hood_combo.currentData(),
            notes=self.notes_edit.text().strip() or None,
        )

    def changes(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(new values, old values) of the fields that changed."""
        new, old = {}, {}
        for field, value in self.values().items():
            before = getattr(self.youth, field)
            if value != before:
                new[field], old[field] = value, before
        return new, old

    def problems(self) -> list[tuple[QWidget | None, str]]:
        found: list[tuple[QWidget | None, str]] = []
        if not self.first_edit.text().strip():
            found.append((self.first_edit, self.tr("Vul de voornaam in.")))
        if not self.last_edit.text().strip():
            found.append((self.last_edit, self.tr("Vul de achternaam in.")))
        birth = self.birth_edit.value()
        if birth is not None and birth > self.context.today():
            found.append((self.birth_edit, self.tr("De geboortedatum ligt in de toekomst.")))
        postcode = self.postcode_edit.text().strip()
        if postcode and not _POSTCODE.fullmatch(postcode):
            found.append(
                (
                    self.postcode_edit,
                    self.tr("Een postcode is vier cijfers en twee letters, bijvoorbeeld 2622 AB."),
                )
            )
        phone = _phone_problem(self.phone_edit)
        if phone:
            found.append((self.phone_edit, phone))
        if not found and not self.changes()[0]:
            found.append((None, self.tr("Er is nog niets gewijzigd.")))
        return found

    def command(self) -> Command:
        ctx, youth_id = self.context.services, self.youth.id
        new, old = self.changes()
        return Command(
            self.tr("Gegevens van de jongere wijzigen"),
            lambda: youths.update_youth(ctx, youth_id, **new),
            lambda _r: youths.update_youth(ctx, youth_id, **old),
        )


class GuardianDialog(ActionDialog):
    """Add a guardian (``existing`` None) or edit one."""

    def __init__(
        self,
        context: AppContext,
        youth_id: uuid.UUID,
        existing: GuardianRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        adding = existing is None
        super().__init__(
            context,
            self.tr("Ouder of verzorger toevoegen")
            if adding
            else self.tr("Ouder of verzorger wijzigen"),
            self.tr("&Toevoegen") if adding else self.tr("&Opslaan"),
            parent,
        )
        self.youth_id = youth_id
        self.existing = existing
        self.name_edit = _line(self, existing.name if existing else "", 160)
        self.relation_edit = _line(self, existing.relation if existing else "", 60)
        self.relation_edit.setPlaceholderText(self.tr("bijvoorbeeld moeder, vader, voogd"))
        self.phone_edit = _line(self, existing.phone if existing else "", 32)
        self.email_edit = _line(self, existing.email if existing else "", 160)
        self.address_edit = _line(self, existing.address if existing else "", 240)
        self.note_edit = NoteEdit(3, self)
        self.note_edit.setPlainText((existing.note or "") if existing else "")
        self.add_row(self.tr("&Naam:"), self.name_edit)
        self.add_row(self.tr("&Relatie:"), self.relation_edit)
        self.add_row(self.tr("Tele&foon:"), self.phone_edit)
        self.add_row(self.tr("&E-mail:"), self.email_edit)
        self.add_row(self.tr("&Adres:"), self.address_edit)
        self.add_row(self.tr("N&otitie:"), self.note_edit)

    def values(self) -> dict[str, Any]:
        return dict(
            name=self.name_edit.text().strip(),
            relation=self.relation_edit.text().strip() or None,
            phone=self.phone_edit.text().strip() or None,
            email=self.email_edit.text().strip() or None,
            address=self.address_edit.text().strip() or None,
            note=self.note_edit.text().strip() or None,
        )

    def problems(self) -> list[tuple[QWidget | None, str]]:
        found: list[tuple[QWidget | None, str]] = []
        if not self.name_edit.text().strip():
            found.append((self.name_edit, self.tr("Vul de naam van de ouder of verzorger in.")))
        phone = _phone_problem(self.phone_edit)
        if phone:
            found.append((self.phone_edit, phone))
        email = self.email_edit.text().strip()
        if email and not _EMAIL.fullmatch(email):
            found.append(
                (self.email_edit, self.tr("Een e-mailadres heeft de vorm naam@voorbeeld.nl."))
            )
        return found

    def command(self) -> Command:
        ctx, youth_id, values = self.context.services, self.youth_id, self.values()
        if self.existing is None:
            return Command(
                self.tr("Ouder of verzorger toevoegen"),
                lambda: family.add_guardian(ctx, youth_id, **values),
                lambda guardian_id: family.remove_guardian(ctx, guardian_id),
            )
        old = self.existing
        restore = partial(
            family.update_guardian,
            ctx,
            old.id,
            name=old.name or "",
            relation=old.relation,
            phone=old.phone,
            email=old.email,
            address=old.address,
            note=old.note,
        )
        return Command(
            self.tr("Ouder of verzorger wijzigen"),
            lambda: family.update_guardian(ctx, old.id, **values),
            lambda _r: restore(),
        )


def remove_guardian_command(
    context: AppContext, youth_id: uuid.UUID, guardian: GuardianRow
) -> Command:
    """Removing a guardian; undo adds the same person back (as a new record)."""
    ctx = context.services
    holder = {"id": guardian.id}
    values = dict(
        relation=guardian.relation,
        phone=guardian.phone,
        email=guardian.email,
        address=guardian.address,
        note=guardian.note,
    )

    def undo(_result: object) -> None:
        holder["id"] = family.add_guardian(ctx, youth_id, name=guardian.name or "", **values)

    return Command(
        _t("Ouder of verzorger verwijderen"),
        lambda: family.remove_guardian(ctx, holder["id"]),
        undo,
    )


class SiblingDialog(ActionDialog):
    """Link a brother or sister: search the youths by name and pick one."""

    def __init__(
        self, context: AppContext, youth: YouthDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            context,
            self.tr("Broer of zus koppelen"),
            self.tr("&Koppelen"),
            parent,
            intro=self.tr("Zoek de broer of zus op naam. Broers en zussen komen in één gezin."),
        )
        self.youth = youth
        self.excluded = {youth.id, *(s.id for s in youth.siblings)}
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Typ een deel van de naam…"))
        self.search_edit.setClearButtonEnabled(True)
        self.result_list = QListWidget(self)
        self.result_list.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.add_row(self.tr("&Zoeken:"), self.search_edit)
        self.add_row(self.tr("&Jongere:"), self.result_list)
        self.result_list.currentItemChanged.connect(self._changed)
        self.search_edit.textChanged.connect(self._search)
        self._search()

    def _search(self) -> None:
        self.result_list.clear()
        text = self.search_edit.text().strip()
        if not text:
            return
        for row in youths.list_youths(self.context.services, search=text, limit=50):
            if row.id in self.excluded:
                continue
            born = date_text(row.date_of_birth) if row.date_of_birth else str(row.birth_year)
            item = QListWidgetItem(f"{row.display_name} ({born})", self.result_list)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
        if self.result_list.count():
            self.result_list.setCurrentRow(0)

    def chosen(self) -> uuid.UUID | None:
        item = self.result_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def problems(self) -> list[tuple[QWidget | None, str]]:
        if self.chosen() is None:
            return [(self.result_list, self.tr("Zoek en kies de broer of zus."))]
        return []

    def command(self) -> Command:
        ctx, own = self.context.services, self.youth
        other = self.chosen()
        assert other is not None
        other_household = youths.get_youth(ctx, other).household_id
        if own.household_id is not None and other_household is not None:
            undo = not_undoable(
                self.tr(
                    "Twee gezinnen zijn samengevoegd; dat kan niet automatisch worden teruggedraaid. "
                    "Ontkoppel zo nodig de broers en zussen een voor een."
                )
            )
        else:
            newcomer = other if own.household_id is not None else own.id
            undo = lambda _r: family.unlink_sibling(ctx, newcomer)  # noqa: E731
        return Command(
            self.tr("Broer of zus koppelen"), lambda: family.link_siblings(ctx, own.id, other), undo
        )


def unlink_sibling_command(
    context: AppContext, youth_id: uuid.UUID, sibling_id: uuid.UUID
) -> Command:
    ctx = context.services
    return Command(
        _t("Broer of zus ontkoppelen"),
        lambda: family.unlink_sibling(ctx, sibling_id),
        lambda _r: family.link_siblings(ctx, youth_id, sibling_id),
    )
