"""Small pieces the Kernteam screens share: dates in Dutch notation, vocabulary labels, and the
printing glue (print preview, PDF) with its dialogs passed in, so tests never block on one."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QTime
from PySide6.QtWidgets import QDateEdit, QFileDialog, QTimeEdit, QWidget

from zvkd_desktop.domain.vocabulary import Labelled
from zvkd_desktop.errors import KnownError
from zvkd_desktop.reports.render.meeting_pdf import (
    Paper,
    PreviewFactory,
    preview_meeting,
    write_meeting_pdf,
)
from zvkd_desktop.services.access_log import record_export, record_print
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.meetings import get_agenda_shows, get_meeting
from zvkd_desktop.ui.widgets import busy_cursor

__all__ = [
    "AskSavePath",
    "Printing",
    "date_edit",
    "label",
    "py_date",
    "qdate",
    "time_edit",
]

AskSavePath = Callable[[QWidget, str, str, str], str]
"""(parent, caption, suggested file name, filters) -> chosen path, or '' when cancelled."""


def qt_save_path(parent: QWidget, caption: str, suggested: str, filters: str) -> str:
    return QFileDialog.getSaveFileName(parent, caption, suggested, filters)[0]


def label(value: Labelled | Enum) -> str:
    """A vocabulary value's Dutch label, through Qt's translation."""
    text = getattr(value, "label", str(value))
    return QCoreApplication.translate("Vocabulary", text)


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def py_date(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def date_edit(parent: QWidget, name: str, day: dt.date | None = None) -> QDateEdit:
    """A date field in the Dutch notation with a calendar to pick from."""
    edit = QDateEdit(parent)
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setCalendarPopup(True)
    edit.setAccessibleName(name)
    if day is not None:
        edit.setDate(qdate(day))
    return edit


def time_edit(parent: QWidget, name: str) -> QTimeEdit:
    edit = QTimeEdit(parent)
    edit.setDisplayFormat("HH:mm")
    edit.setAccessibleName(name)
    edit.setTime(QTime(10, 0))
    return edit


class Printing:
    """Agenda and besluitenlijst of one meeting: print preview or PDF, read fresh each time.

    Each is recorded in the audit log (kind ``Paper.audit_kind``, scope the meeting's id) before
    the preview opens or the file is written; a refused read or recording is said and stops it.
    """

    def __init__(
        self,
        ctx: ServiceContext,
        parent: QWidget,
        *,
        preview_factory: PreviewFactory | None = None,
        ask_save_path: AskSavePath = qt_save_path,
        report: Callable[[str, bool], None],
    ) -> None:
        self.ctx = ctx
        self.parent = parent
        self.preview_factory = preview_factory
        self.ask_save_path = ask_save_path
        self.report = report
        """(message, is_warning): where the outcome is said (an inline message)."""

    def preview(self, meeting_id: uuid.UUID, paper: Paper) -> None:
        try:
            meeting = get_meeting(self.ctx, meeting_id)
            shows = get_agenda_shows(self.ctx)
            record_print(self.ctx, paper.audit_kind, str(meeting_id))
        except KnownError as error:
            self.report(error.message, True)
            return
        if self.preview_factory is None:
            preview_meeting(self.parent, meeting, paper, shows)
        else:
            preview_meeting(self.parent, meeting, paper, shows, self.preview_factory)

    def save_pdf(self, meeting_id: uuid.UUID, paper: Paper) -> Path | None:
        try:
            meeting = get_meeting(self.ctx, meeting_id)
        except KnownError as error:
            self.report(error.message, True)
            return None
        caption = QCoreApplication.translate("Printing", "{paper} opslaan als PDF").format(
            paper=paper.short
        )
        path = self.ask_save_path(self.parent, caption, paper.file_name(meeting),
                                  QCoreApplication.translate("Printing", "PDF-document (*.pdf)"))  # fmt: skip
        if not path:
            return None
        try:
            with busy_cursor():
                record_export(self.ctx, paper.audit_kind, str(meeting_id), formats=["pdf"])
                written = write_meeting_pdf(Path(path), meeting, paper, get_agenda_shows(self.ctx))
        except KnownError as error:
            self.report(error.message, True)
            return None
        self.report(QCoreApplication.translate("Printing", "Opgeslagen: {name}").format(
            name=written.name), False)  # fmt: skip
        return written
