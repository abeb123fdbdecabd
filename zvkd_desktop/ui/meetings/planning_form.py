"""The planning form of a meeting: date, time, place, chair and the people at the table."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from zvkd_desktop.domain.vocabulary import ProfessionalRole
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.meetings import AttendeeInput, MeetingView
from zvkd_desktop.services.partners import list_organisations, list_professionals
from zvkd_desktop.ui.meetings.common import date_edit, py_date, qdate, time_edit

__all__ = ["PlanningForm"]

_ATTENDEE_ROLE = Qt.ItemDataRole.UserRole + 1


class PlanningForm(QWidget):
    submitted = Signal()
    """'Overleg plannen' or 'Opslaan' was pressed."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.date_edit = date_edit(self, self.tr("Datum"), ctx.today())
        self.time_box = QCheckBox(self.tr("Aan&vang:"), self)
        self.time_box.setChecked(True)
        self.time_edit = time_edit(self, self.tr("Aanvang"))
        self.time_box.toggled.connect(self.time_edit.setEnabled)
        self.location_edit = QLineEdit(self)
        self.location_edit.setAccessibleName(self.tr("Plaats"))
        self.location_edit.setMaxLength(120)
        self.chair_combo = QComboBox(self)
        self.chair_combo.setAccessibleName(self.tr("Voorzitter"))
        self.attendee_list = QListWidget(self)
        self.attendee_list.setAccessibleName(self.tr("Deelnemers"))
        self.organisation_combo = QComboBox(self)
        self.organisation_combo.setAccessibleName(self.tr("Organisatie van de deelnemer"))
        self.organisation_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.organisation_combo.setMinimumContentsLength(20)
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(self.tr("Naam van de deelnemer"))
        self.name_edit.setPlaceholderText(self.tr("Naam"))
        self.name_edit.setMaxLength(120)
        self.add_attendee_button = QPushButton(self.tr("&Toevoegen"), self)
        self.remove_attendee_button = QPushButton(self.tr("Deelnemer weg&halen"), self)
        self.submit_button = QPushButton(self.tr("Overleg &plannen"), self)
        self.submit_button.setDefault(False)

        self.attendee_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 6)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        when = QHBoxLayout()
        when.addWidget(self.date_edit)
        when.addSpacing(self.fontMetrics().horizontalAdvance("xx"))
        when.addWidget(self.time_box)
        when.addWidget(self.time_edit)
        grid.addWidget(self._buddy(self.tr("&Datum:"), self.date_edit), 0, 0)
        grid.addLayout(when, 0, 1)
        grid.addWidget(self._buddy(self.tr("P&laats:"), self.location_edit), 0, 2)
        grid.addWidget(self.location_edit, 0, 3)
        grid.addWidget(self._buddy(self.tr("Voo&rzitter:"), self.chair_combo), 1, 0)
        grid.addWidget(self.chair_combo, 1, 1)
        grid.addWidget(self._buddy(self.tr("Deelne&mers:"), self.name_edit), 2, 0,
                       Qt.AlignmentFlag.AlignTop)  # fmt: skip
        grid.addWidget(self.attendee_list, 2, 1, 1, 3)
        adding = QHBoxLayout()
        adding.addWidget(self.organisation_combo, 2)
        adding.addWidget(self.name_edit, 2)
        adding.addWidget(self.add_attendee_button)
        adding.addWidget(self.remove_attendee_button)
        grid.addLayout(adding, 3, 1, 1, 3)
        grid.addWidget(self.submit_button, 4, 3, Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(3, 1)

        self.add_attendee_button.clicked.connect(self.add_attendee)
        self.name_edit.returnPressed.connect(self.add_attendee)
        self.remove_attendee_button.clicked.connect(self.remove_attendee)
        self.submit_button.clicked.connect(self.submitted)
        self.fill_choices()

    def fill_choices(self) -> None:
        """Chairs (process directors first) and organisations, as the store has them now."""
        chair = self.chair_combo.currentData()
        self.chair_combo.clear()
        self.chair_combo.addItem(self.tr("(geen)"), None)
        people = list_professionals(self.ctx)
        people.sort(key=lambda p: (p.role != ProfessionalRole.PROCESS_DIRECTOR, p.name.casefold()))
        for person in people:
            self.chair_combo.addItem(person.name, person.id)
        self._choose(self.chair_combo, chair)
        self.organisation_combo.clear()
        self.organisation_combo.addItem(self.tr("(organisatie)"), None)
        for organisation in list_organisations(self.ctx):
            self.organisation_combo.addItem(organisation.name, organisation.id)

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    @staticmethod
    def _choose(combo: QComboBox, value: Any) -> None:
        values = [combo.itemData(i) for i in range(combo.count())]
        combo.setCurrentIndex(values.index(value) if value in values else 0)

    def _add_row(self, name: str, organisation_id: uuid.UUID | None, organisation: str | None) -> None:
        text = f"{name} ({organisation})" if organisation else name
        item = QListWidgetItem(text, self.attendee_list)
        item.setData(_ATTENDEE_ROLE, (name, organisation_id))

    def add_attendee(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            self.name_edit.setFocus()
            return
        organisation_id = self.organisation_combo.currentData()
        organisation = self.organisation_combo.currentText() if organisation_id else None
        self._add_row(name, organisation_id, organisation)
        self.name_edit.clear()
        self.name_edit.setFocus()

    def remove_attendee(self) -> None:
        row = self.attendee_list.currentRow()
        if row >= 0:
            self.attendee_list.takeItem(row)

    def set_meeting(self, meeting: MeetingView | None) -> None:
        """Show a meeting's details, or an empty form (today, 10:00) for a new one."""
        self.fill_choices()
        self.attendee_list.clear()
        if meeting is None:
            self.date_edit.setDate(qdate(self.ctx.today()))
            self.time_box.setChecked(True)
            self.location_edit.clear()
            self.chair_combo.setCurrentIndex(0)
            self.submit_button.setText(self.tr("Overleg &plannen"))
            return
        self.date_edit.setDate(qdate(meeting.held_on))
        self.time_box.setChecked(meeting.starts_at is not None)
        if meeting.starts_at is not None:
            self.time_edit.setTime(self.time_edit.time().fromString(
                meeting.starts_at.strftime("%H:%M"), "HH:mm"))  # fmt: skip
        self.location_edit.setText(meeting.location or "")
        self._choose(self.chair_combo, meeting.chair_id)
        for attendee in meeting.attendees:
            self._add_row(attendee.name, attendee.organisation_id, attendee.organisation_name)
        self.submit_button.setText(self.tr("Gegevens &opslaan"))

    def values(self) -> dict[str, Any]:
        """The form as the keyword arguments of ``plan_meeting`` / ``update_meeting``."""
        time = self.time_edit.time()
        attendees = []
        for row in range(self.attendee_list.count()):
            name, organisation_id = self.attendee_list.item(row).data(_ATTENDEE_ROLE)
            attendees.append(AttendeeInput(name, organisation_id))
        return {
            "held_on": py_date(self.date_edit.date()),
            "starts_at": dt.time(time.hour(), time.minute()) if self.time_box.isChecked() else None,
            "location": self.location_edit.text(),
            "chair_id": self.chair_combo.currentData(),
            "attendees": attendees,
        }

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.date_edit, self.time_box, self.time_edit, self.location_edit,
                       self.chair_combo, self.organisation_combo, self.name_edit,
                       self.add_attendee_button, self.remove_attendee_button, self.submit_button):  # fmt: skip
            widget.setEnabled(not read_only)
        if not read_only:
            self.time_edit.setEnabled(self.time_box.isChecked())
