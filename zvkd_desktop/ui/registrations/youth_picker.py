"""Who is registered: an existing youth found by name, or a new youth typed in.

The picker only collects input and says what is still missing (:meth:`YouthPicker.problem`); the
dialog creates the youth through the services when the user registers.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.neighbourhoods import BY_CODE, NEIGHBOURHOODS
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.youths import YouthRow, list_youths
from zvkd_desktop.ui.registrations.fields import OptionalDateEdit

__all__ = ["NewYouth", "YouthPicker"]

_POSTCODE = re.compile(r"\d{4}\s*[A-Za-z]{2}")


@dataclass(frozen=True)
class NewYouth:
    first_name: str
    last_name: str
    date_of_birth: date
    neighbourhood: str
    street: str | None
    house_number: str | None
    postcode: str | None
    city: str | None
    phone: str | None
    guardian_name: str | None
    guardian_relation: str | None
    guardian_phone: str | None


def _text(edit: QLineEdit) -> str | None:
    return edit.text().strip() or None


class YouthPicker(QGroupBox):
    changed = Signal()
    """The chosen youth or the typed data changed: the criteria check must follow."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Jongere"), parent)
        self.ctx = ctx
        self.existing_radio = QRadioButton(self.tr("&Bestaande jongere"), self)
        self.new_radio = QRadioButton(self.tr("Nie&uwe jongere"), self)
        group = QButtonGroup(self)
        group.addButton(self.existing_radio)
        group.addButton(self.new_radio)
        self.new_radio.setChecked(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._existing_page())
        self.stack.addWidget(self._new_page())
        self.stack.setCurrentIndex(1)
        radios = QHBoxLayout()
        radios.addWidget(self.new_radio)
        radios.addWidget(self.existing_radio)
        radios.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(radios)
        layout.addWidget(self.stack)
        self.existing_radio.toggled.connect(self._mode_changed)

    # -- building --------------------------------------------------------------------------

    def _existing_page(self) -> QWidget:
        page = QWidget(self)
        self.search_edit = QLineEdit(page)
        self.search_edit.setPlaceholderText(self.tr("Typ een deel van de voor- of achternaam"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Zoek een jongere op naam"))
        search_label = QLabel(self.tr("&Zoeken:"), page)
        search_label.setBuddy(self.search_edit)
        self.youth_list = QListWidget(page)
        self.youth_list.setAccessibleName(self.tr("Gevonden jongeren"))
        self.youth_list.setMinimumHeight(self.fontMetrics().height() * 7)
        row = QHBoxLayout()
        row.addWidget(search_label)
        row.addWidget(self.search_edit, 1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.youth_list)
        self.search_edit.textChanged.connect(self.search)
        self.youth_list.currentItemChanged.connect(lambda *_: self.changed.emit())
        return page

    def _line(self, page: QWidget, name: str, max_length: int) -> QLineEdit:
        edit = QLineEdit(page)
        edit.setAccessibleName(name)
        edit.setMaxLength(max_length)
        edit.textChanged.connect(lambda _text: self.changed.emit())
        return edit

    @staticmethod
    def _buddy(page: QWidget, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, page)
        label.setBuddy(widget)
        return label

    def _new_page(self) -> QWidget:
        page = QWidget(self)
        self.first_name_edit = self._line(page, self.tr("Voornaam"), 80)
        self.last_name_edit = self._line(page, self.tr("Achternaam"), 120)
        today = self.ctx.today()
        self.birth_edit = OptionalDateEdit(
            page, self.tr("Geboortedatum"), date(today.year - 16, 1, 1), maximum=today
        )
        self.birth_edit.setToolTip(self.tr("Typ bijvoorbeeld 03022009, of kies in de kalender"))
        self.birth_edit.dateChanged.connect(lambda _day: self.changed.emit())
        self.neighbourhood_combo = QComboBox(page)
        self.neighbourhood_combo.setAccessibleName(self.tr("Wijk"))
        for hood in NEIGHBOURHOODS:
            self.neighbourhood_combo.addItem(hood.name, hood.code)
        self.neighbourhood_combo.setCurrentIndex(self.neighbourhood_combo.findData("unknown"))
        self.street_edit = self._line(page, self.tr("Straat"), 120)
        self.house_number_edit = self._line(page, self.tr("Huisnummer"), 16)
        self.house_number_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000 bis"))
        self.postcode_edit = self._line(page, self.tr("Postcode"), 8)
        self.postcode_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000 XXXX"))
        self.postcode_warning = QAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning), "", self
        )
        self.city_edit = self._line(page, self.tr("Woonplaats"), 80)
        self.city_edit.setText("Delft")
        self.phone_edit = self._line(page, self.tr("Telefoonnummer"), 32)
        self.guardian_name_edit = self._line(page, self.tr("Naam ouder of verzorger"), 160)
        self.guardian_relation_edit = self._line(page, self.tr("Relatie"), 60)
        self.guardian_relation_edit.setPlaceholderText(self.tr("bijv. moeder"))
        self.guardian_phone_edit = self._line(page, self.tr("Telefoonnummer ouder"), 32)

        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&Voornaam:"), self.first_name_edit)
        form.addRow(self.tr("Ac&hternaam:"), self.last_name_edit)
        form.addRow(self.tr("&Geboortedatum:"), self.birth_edit)
        form.addRow(self.tr("&Wijk:"), self.neighbourhood_combo)
        address = QHBoxLayout()
        address.addWidget(self.street_edit, 1)
        address.addWidget(self.house_number_edit)
        form.addRow(self._buddy(page, self.tr("&Straat en nr.:"), self.street_edit), address)
        place = QHBoxLayout()
        place.addWidget(self.postcode_edit)
        place.addWidget(self.city_edit, 1)
        form.addRow(self._buddy(page, self.tr("&Postcode, plaats:"), self.postcode_edit), place)
        form.addRow(self.tr("&Telefoon:"), self.phone_edit)
        guardian = QLabel(self.tr("Ouder of verzorger (mag later):"), page)
        font = guardian.font()
        font.setBold(True)
        guardian.setFont(font)
        form.addRow(guardian)
        form.addRow(self.tr("&Naam:"), self.guardian_name_edit)
        relation = QHBoxLayout()
        relation.addWidget(self.guardian_relation_edit, 1)
        phone_label = QLabel(self.tr("Tele&foon:"), page)
        phone_label.setBuddy(self.guardian_phone_edit)
        relation.addWidget(phone_label)
        relation.addWidget(self.guardian_phone_edit, 1)
        form.addRow(
            self._buddy(page, self.tr("&Relatie:"), self.guardian_relation_edit), relation
        )
        self.postcode_edit.textChanged.connect(self._check_postcode)
        return page

    # -- behaviour -------------------------------------------------------------------------

    def _mode_changed(self) -> None:
        existing = self.existing_radio.isChecked()
        self.stack.setCurrentIndex(0 if existing else 1)
        if existing:
            self.search(self.search_edit.text())
            self.search_edit.setFocus()
        else:
            self.first_name_edit.setFocus()
        self.changed.emit()

    def search(self, text: str) -> None:
        """Every word typed must occur in the name, so "Jurensley Statia" finds him too."""
        self.youth_list.clear()
        words = text.casefold().split()
        found = list_youths(self.ctx, search=max(words, key=len, default=""), limit=300)
        found = [row for row in found if all(w in row.display_name.casefold() for w in words)]
        for row in found[:100]:
            born = format_nl(row.date_of_birth) if row.date_of_birth else str(row.birth_year)
            hood = BY_CODE.get(row.neighbourhood, BY_CODE["unknown"]).name
            item = QListWidgetItem(
                self.tr("{name} (geboren {born}, {hood})").format(
                    name=row.display_name, born=born, hood=hood
                ),
                self.youth_list,
            )
            item.setData(Qt.ItemDataRole.UserRole, row)
        if self.youth_list.count() == 1:
            self.youth_list.setCurrentRow(0)
        self.changed.emit()

    def _check_postcode(self, text: str) -> None:
        bad = bool(text.strip()) and not _POSTCODE.fullmatch(text.strip())
        if bad and self.postcode_warning not in self.postcode_edit.actions():
            self.postcode_edit.addAction(
                self.postcode_warning, QLineEdit.ActionPosition.TrailingPosition
            )
        elif not bad:
            self.postcode_edit.removeAction(self.postcode_warning)
        tip = self.tr("Vier cijfers en twee letters, bijvoorbeeld 2622 AB") if bad else ""
        self.postcode_warning.setToolTip(tip)
        self.postcode_edit.setToolTip(tip)

    # -- answers ---------------------------------------------------------------------------

    @property
    def is_new(self) -> bool:
        return self.new_radio.isChecked()

    def existing(self) -> YouthRow | None:
        item = self.youth_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def existing_id(self) -> uuid.UUID | None:
        row = self.existing()
        return None if row is None else row.id

    def date_of_birth(self) -> date | None:
        if self.is_new:
            return self.birth_edit.value()
        row = self.existing()
        return None if row is None else row.date_of_birth

    def problem(self) -> str | None:
        """What is missing or wrong before registering, in one sentence; None when all is fine."""
        if not self.is_new:
            row = self.existing()
            if row is None:
                return self.tr("Kies de jongere in de lijst, of kies 'Nieuwe jongere'.")
            if row.date_of_birth is None:
                return self.tr(
                    "Van deze jongere is geen geboortedatum bekend. Vul die eerst in bij de "
                    "jongere: de leeftijd bij aanmelding is een criterium."
                )
            return None
        if not self.first_name_edit.text().strip():
            return self.tr("Vul de voornaam in.")
        if not self.last_name_edit.text().strip():
            return self.tr("Vul de achternaam in.")
        if self.date_of_birth() is None:
            return self.tr("Vul de geboortedatum in.")
        if (
            self.guardian_relation_edit.text().strip() or self.guardian_phone_edit.text().strip()
        ) and not self.guardian_name_edit.text().strip():
            return self.tr(
                "Vul de naam van de ouder of verzorger in, of laat de velden van de ouder leeg."
            )
        postcode = self.postcode_edit.text().strip()
        if postcode and not _POSTCODE.fullmatch(postcode):
            return self.tr("De postcode klopt niet: vier cijfers en twee letters, bijv. 2622 AB.")
        return None

    def new_youth(self) -> NewYouth:
        dob = self.date_of_birth()
        assert dob is not None
        return NewYouth(
            first_name=self.first_name_edit.text().strip(),
            last_name=self.last_name_edit.text().strip(),
            date_of_birth=dob,
            neighbourhood=self.neighbourhood_combo.currentData(),
            street=_text(self.street_edit),
            house_number=_text(self.house_number_edit),
            postcode=_text(self.postcode_edit),
            city=_text(self.city_edit),
            phone=_text(self.phone_edit),
            guardian_name=_text(self.guardian_name_edit),
            guardian_relation=_text(self.guardian_relation_edit),
            guardian_phone=_text(self.guardian_phone_edit),
        )
