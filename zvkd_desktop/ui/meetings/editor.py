"""The right half of the Kernteam screen: one meeting's details, its agenda and its papers.

A new meeting starts here with an empty form; 'Overleg plannen' saves it and proposes the
agenda from the signals at once. From here the meeting starts (F5), and the agenda and decision
list are printed or saved as PDF, with what they show of a youth chosen once for the store.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.domain.vocabulary import MeetingStatus
from zvkd_desktop.errors import KnownError
from zvkd_desktop.reports.render.meeting_pdf import Paper
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.meetings import (
    AgendaShows,
    MeetingView,
    cancel_meeting,
    get_agenda_shows,
    get_meeting,
    plan_meeting,
    propose_agenda,
    reopen_meeting,
    set_agenda_shows,
    update_meeting,
)
from zvkd_desktop.ui.meetings.agenda_editor import AgendaEditor
from zvkd_desktop.ui.meetings.common import Printing, label
from zvkd_desktop.ui.meetings.planning_form import PlanningForm
from zvkd_desktop.ui.widgets import InlineMessage, busy_cursor

__all__ = ["MeetingEditor"]

T = TypeVar("T")


class MeetingEditor(QWidget):
    saved = Signal()
    planned = Signal(object)
    """A new meeting was planned (its id); the list shows it."""
    changed = Signal()
    """Details or status changed: the list refreshes."""
    start_requested = Signal(object)
    """'Overleg starten': the meeting id, and the chosen agenda item (or None)."""

    def __init__(self, ctx: ServiceContext, printing: Printing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.printing = printing
        self.meeting: MeetingView | None = None
        self.form = PlanningForm(ctx, self)
        self.agenda = AgendaEditor(ctx, self)
        self.status_label = QLabel(self)
        self.shows_combo = QComboBox(self)
        self.shows_combo.setAccessibleName(self.tr("Wat een geprinte agenda van een jongere toont"))
        for choice in AgendaShows:
            self.shows_combo.addItem(label(choice), choice)
        shows_label = QLabel(self.tr("Op papier staat een &jongere als:"), self)
        shows_label.setBuddy(self.shows_combo)
        self.agenda_button = QPushButton(self.tr("&Agenda afdrukken…"), self)
        self.agenda_pdf_button = QPushButton(self.tr("Agenda als PD&F…"), self)
        self.decisions_button = QPushButton(self.tr("Besluitenlijst afdr&ukken…"), self)
        self.decisions_pdf_button = QPushButton(self.tr("&Besluitenlijst als PDF…"), self)
        self.start_button = QPushButton(self.tr("Overleg starten"), self)
        self.start_button.setToolTip(self.tr("Het overleg punt voor punt doorlopen, vanaf het gekozen "
                                             "agendapunt (F5)"))
        self.cancel_button = QPushButton(self.tr("Overleg annul&eren"), self)
        self.reopen_button = QPushButton(self.tr("Overleg her&openen"), self)
        self.message = InlineMessage(self)

        details = QGroupBox(self.tr("Gegevens"), self)
        QVBoxLayout(details).addWidget(self.form)
        agenda_box = QGroupBox(self.tr("Agenda"), self)
        QVBoxLayout(agenda_box).addWidget(self.agenda)
        papers = QHBoxLayout()
        papers.addWidget(shows_label)
        papers.addWidget(self.shows_combo)
        papers.addStretch(1)
        for button in (self.agenda_button, self.agenda_pdf_button, self.decisions_button,
                       self.decisions_pdf_button):  # fmt: skip
            papers.addWidget(button)
        meeting_row = QHBoxLayout()
        meeting_row.addWidget(self.status_label)
        meeting_row.addStretch(1)
        for button in (self.cancel_button, self.reopen_button, self.start_button):
            meeting_row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(details)
        layout.addWidget(agenda_box, 1)
        layout.addLayout(papers)
        layout.addWidget(self.message)
        layout.addLayout(meeting_row)

        self.form.submitted.connect(self.submit)
        self.agenda.saved.connect(self.saved)
        self.agenda.saved.connect(self.changed)
        self.shows_combo.currentIndexChanged.connect(self._shows_changed)
        self.agenda_button.clicked.connect(lambda: self._print(Paper.AGENDA))
        self.agenda_pdf_button.clicked.connect(lambda: self._save(Paper.AGENDA))
        self.decisions_button.clicked.connect(lambda: self._print(Paper.DECISIONS))
        self.decisions_pdf_button.clicked.connect(lambda: self._save(Paper.DECISIONS))
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(lambda: self._status(cancel_meeting))
        self.reopen_button.clicked.connect(lambda: self._status(reopen_meeting))
        start = QShortcut(QKeySequence("F5"), self)
        start.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        start.activated.connect(self.start)
        self.show_meeting(None)

    # -- showing ---------------------------------------------------------------------------

    def show_meeting(self, meeting_id: uuid.UUID | None) -> None:
        """A planned meeting's details and agenda, or an empty form for a new meeting."""
        self.meeting = get_meeting(self.ctx, meeting_id) if meeting_id is not None else None
        self.message.clear()
        self._show()

    def reload(self) -> None:
        if self.meeting is not None:
            self.show_meeting(self.meeting.id)

    def _show(self) -> None:
        meeting = self.meeting
        self.form.set_meeting(meeting)
        self.form.set_read_only(meeting is not None and meeting.status != MeetingStatus.PLANNED)
        self.agenda.set_meeting(meeting)
        self.agenda.parentWidget().setEnabled(meeting is not None)  # type: ignore[union-attr]
        has = meeting is not None
        for button in (self.agenda_button, self.agenda_pdf_button, self.decisions_button,
                       self.decisions_pdf_button, self.start_button):  # fmt: skip
            button.setEnabled(has and bool(meeting.items) if meeting else False)
        self.cancel_button.setEnabled(has and meeting.status == MeetingStatus.PLANNED)  # type: ignore[union-attr]
        self.reopen_button.setEnabled(has and meeting.status != MeetingStatus.PLANNED)  # type: ignore[union-attr]
        self.shows_combo.blockSignals(True)
        values = [self.shows_combo.itemData(i) for i in range(self.shows_combo.count())]
        self.shows_combo.setCurrentIndex(values.index(get_agenda_shows(self.ctx)))
        self.shows_combo.blockSignals(False)
        if meeting is None:
            self.status_label.setText(self.tr("Nieuw overleg: vul de gegevens in en kies "
                                              "'Overleg plannen'."))  # fmt: skip
        else:
            self.status_label.setText(self.tr("Status: {status}").format(status=label(meeting.status)))

    # -- changing --------------------------------------------------------------------------

    def _attempt(self, work: Callable[[], T]) -> T | None:
        try:
            with busy_cursor():
                result = work()
        except KnownError as error:
            self.message.show_warning(error.message)
            return None
        self.message.clear()
        self.saved.emit()
        return result

    def submit(self) -> None:
        values = self.form.values()
        if self.meeting is None:
            def plan() -> uuid.UUID:
                meeting_id = plan_meeting(self.ctx, **values)
                propose_agenda(self.ctx, meeting_id)
                return meeting_id

            meeting_id = self._attempt(plan)
            if meeting_id is not None:
                self.show_meeting(meeting_id)
                self.message.show_info(self.tr("Het overleg is gepland en de agenda is "
                                               "voorgesteld uit de signalen."))  # fmt: skip
                self.planned.emit(meeting_id)
            return
        meeting = self.meeting
        if self._attempt(lambda: update_meeting(self.ctx, meeting.id, **values) or True):
            self.reload()
            if values["held_on"] != meeting.held_on:
                self.message.show_info(self.tr("De datum is gewijzigd. Stel de agenda opnieuw "
                                               "voor om de signalen van de nieuwe datum te zien."))  # fmt: skip
            self.changed.emit()

    def _status(self, work: Callable[[ServiceContext, uuid.UUID], None]) -> None:
        if self.meeting is not None:
            meeting_id = self.meeting.id
            if self._attempt(lambda: work(self.ctx, meeting_id) or True):
                self.reload()
                self.changed.emit()

    def _shows_changed(self) -> None:
        choice = self.shows_combo.currentData()
        if choice is not None:
            self._attempt(lambda: set_agenda_shows(self.ctx, choice))

    def start(self) -> None:
        if self.meeting is not None and self.meeting.items:
            self.start_requested.emit((self.meeting.id, self.agenda.current_item_id()))

    def _print(self, paper: Paper) -> None:
        if self.meeting is not None:
            self.printing.preview(self.meeting.id, paper)

    def _save(self, paper: Paper) -> None:
        if self.meeting is not None:
            self.printing.save_pdf(self.meeting.id, paper)
