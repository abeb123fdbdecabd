"""The printed papers of a core-team meeting: the agenda (before) and the besluitenlijst (after).

A4, Dutch, the meeting date and "Vertrouwelijk" in every footer with "Pagina n van m". They
leave the program, so they show only what their readers need: a youth as the store's setting
allows (first name and initial, or initials: ``naming.print_name``), the category, the coach, why
the item is on the agenda and what was decided. Addresses and notes cannot appear: the meeting
view these papers are made from does not hold them.

One renderer draws on any paged device: a QPdfWriter for "PDF opslaan…", the QPrinter of the
print preview for paper. As the yearly summary does (``pdf.py``), the document is a QTextDocument
laid out in the device's own pixels and paginated by hand, so the footer is ours.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from PySide6.QtGui import (
    QPagedPaintDevice,
    QPdfWriter,
    QTextDocument,
    QTextFormat,
    QTextTable,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.vocabulary import AgendaSection
from zvkd_desktop.errors import KnownError
from zvkd_desktop.reports.render.pages import paged_document, paint_pages
from zvkd_desktop.reports.render.pdf import RESOLUTION, ensure_app, page_layout
from zvkd_desktop.services.meetings.naming import AgendaShows, print_name
from zvkd_desktop.services.meetings.views import AgendaItemView, MeetingView

__all__ = [
    "Paper",
    "PreviewFactory",
    "paper_html",
    "preview_meeting",
    "render_meeting",
    "write_meeting_pdf",
]

MIN_ROOM = 0.15
"""A section starts on a new page when less than this part of a page is left for it."""
_DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december")  # fmt: skip
_SHOWS_NOTE = {
    AgendaShows.FIRST_NAME_INITIAL: "Jongeren staan vermeld met voornaam en initiaal.",
    AgendaShows.INITIALS: "Jongeren staan vermeld met hun initialen.",
}


class Paper(StrEnum):
    AGENDA = "agenda"
    DECISIONS = "besluitenlijst"

    @property
    def title(self) -> str:
        return ("Agenda kernteamoverleg PAD" if self is Paper.AGENDA
                else "Besluitenlijst kernteamoverleg PAD")  # fmt: skip

    @property
    def short(self) -> str:
        return "Agenda" if self is Paper.AGENDA else "Besluitenlijst"

    @property
    def audit_kind(self) -> str:
        """What the audit log calls a print or export of this paper."""
        return "meeting_agenda" if self is Paper.AGENDA else "meeting_decisions"

    def file_name(self, meeting: MeetingView) -> str:
        return f"{self.value}-kernteamoverleg-{meeting.held_on.isoformat()}.pdf"


def long_date(meeting: MeetingView) -> str:
    """'dinsdag 1 december 2026, 10:00 uur' (no locale needed, the papers are Dutch)."""
    day = meeting.held_on
    text = f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{text}, {meeting.starts_at:%H:%M} uur" if meeting.starts_at else text


def _e(text: str | None) -> str:
    return html.escape(text or "")


def _header(meeting: MeetingView, paper: Paper, shows: AgendaShows) -> list[str]:
    where = f" · {_e(meeting.location)}" if meeting.location else ""
    parts = [f"<h1>{paper.title}</h1>", f'<p class="meta"><b>{_e(long_date(meeting))}</b>{where}</p>']
    if meeting.chair_name:
        parts.append(f'<p class="meta">Voorzitter: {_e(meeting.chair_name)}</p>')
    if meeting.attendees:
        people = ", ".join(
            _e(a.name) + (f" ({_e(a.organisation_name)})" if a.organisation_name else "")
            for a in meeting.attendees
        )
        label = "Genodigden" if paper is Paper.AGENDA else "Aanwezig"
        parts.append(f'<p class="meta">{label}: {people}</p>')
    parts.append(
        '<p class="confidential">Vertrouwelijk: alleen voor de deelnemers aan het '
        "kernteamoverleg. Niet verspreiden; na gebruik vernietigen. "
        f"{_SHOWS_NOTE[shows]}</p>"
    )
    return parts


def _who(item: AgendaItemView, shows: AgendaShows) -> str:
    if item.subject == "text":
        return ""
    return _e(print_name(item.first_name, item.last_name, shows, erased=item.erased))


def _why(item: AgendaItemView) -> str:
    return _e(item.agenda_text)


def _decided(item: AgendaItemView) -> str:
    applied = sorted((d for d in item.decisions if d.applied), key=lambda d: not d.is_outcome)
    lines = [_e(d.summary) for d in applied]
    lines += [f"<i>Niet uitgevoerd:</i> {_e(d.summary)} <i>Reden: {_e(d.refusal)}</i>"
              for d in item.refusals]  # fmt: skip
    return "<br>".join(lines) if lines else "<i>Geen besluit vastgelegd.</i>"


def _section_table(
    section: AgendaSection,
    numbered: list[tuple[int, AgendaItemView]],
    paper: Paper,
    shows: AgendaShows,
) -> str:
    """One section as one table; the section's title is its first header row, so it repeats on
    a following page and never stays behind alone at the bottom of one."""
    if paper is Paper.AGENDA:
        head = ("<th width=\"5%\">Nr.</th><th width=\"13%\">Jongere</th>"
                "<th width=\"20%\">Categorie</th><th width=\"40%\">Waarom op de agenda</th>"
                "<th width=\"22%\">Coach</th>")  # fmt: skip
        columns = 5
    else:
        head = ("<th width=\"5%\">Nr.</th><th width=\"14%\">Jongere</th>"
                "<th width=\"81%\">Besluit</th>")  # fmt: skip
        columns = 3
    rows = []
    for number, item in numbered:
        if item.subject == "text":
            body = _e(item.text) if paper is Paper.AGENDA else (
                f"<b>{_e(item.text)}</b><br>{_decided(item)}")  # fmt: skip
            rows.append(f'<tr><td>{number}</td><td colspan="{columns - 1}">{body}</td></tr>')
        elif paper is Paper.AGENDA:
            category = _e(item.category.label) if item.category else "nieuw"
            rows.append(f"<tr><td>{number}</td><td>{_who(item, shows)}</td><td>{category}</td>"
                        f"<td>{_why(item)}</td><td>{_e(item.coach_name) or '–'}</td></tr>")  # fmt: skip
        else:
            rows.append(f"<tr><td>{number}</td><td>{_who(item, shows)}</td>"
                        f"<td>{_decided(item)}</td></tr>")  # fmt: skip
    return (
        '<table width="100%" cellspacing="0" cellpadding="4" border="1" class="items">'
        f'<thead><tr><th colspan="{columns}" class="section" align="left">'
        f"{_e(section.label)}</th></tr><tr>{head}</tr></thead>{''.join(rows)}</table>"
    )


def _actions_table(meeting: MeetingView, shows: AgendaShows) -> str:
    rows = []
    for number, item in meeting.agenda:
        who = _who(item, shows)
        for action in item.actions:
            due = format_nl(action.due_on) if action.due_on else "–"
            label = f"{number}" + (f" ({who})" if who else "")
            rows.append(f"<tr><td>{label}</td><td>{_e(action.description)}</td>"
                        f"<td>{_e(action.owner) or '–'}</td><td>{due}</td></tr>")  # fmt: skip
    if not rows:
        return ""
    return (
        '<table width="100%" cellspacing="0" cellpadding="4" border="1" class="items">'
        '<thead><tr><th colspan="4" class="section" align="left">Actiepunten</th></tr>'
        '<tr><th width="16%">Punt</th><th width="48%">Actie</th><th width="20%">Wie</th>'
        f'<th width="16%">Uiterlijk</th></tr></thead>{"".join(rows)}</table>'
    )


def paper_html(meeting: MeetingView, paper: Paper, shows: AgendaShows) -> str:
    """The paper's body as HTML (the footer is drawn per page by :func:`render_meeting`)."""
    parts = _header(meeting, paper, shows)
    agenda = meeting.agenda
    if not agenda:
        parts.append("<p><i>Er staan geen punten op de agenda.</i></p>")
    for section in AgendaSection:
        numbered = [(number, item) for number, item in agenda if item.section is section]
        if numbered:
            parts.append(_section_table(section, numbered, paper, shows))
            parts.append("<p></p>")
    if paper is Paper.DECISIONS:
        parts.append(_actions_table(meeting, shows))
    return "".join(parts)


def _keep_on_page(doc: QTextDocument) -> None:
    """Start a section on the next page when only its heading and a row or two would fit at the
    bottom of this one; a longer section simply continues, its heading repeated."""
    page = doc.pageSize().height()
    layout = doc.documentLayout()
    for frame in doc.rootFrame().childFrames():
        if not isinstance(frame, QTextTable):
            continue
        rect = layout.frameBoundingRect(frame)
        first = int(rect.top() // page)
        room = (first + 1) * page - rect.top()
        if int((rect.bottom() - 1) // page) != first and room < page * MIN_ROOM:
            fmt = frame.format()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            frame.setFormat(fmt)
            layout.documentSize()  # lay out again before measuring the next table


def _document(meeting: MeetingView, paper: Paper, shows: AgendaShows,
              device: QPagedPaintDevice) -> QTextDocument:  # fmt: skip
    doc = paged_document(
        device,
        font_points=10,
        style_sheet=(
        "h1 { font-size: 17pt; margin-bottom: 4pt; } p.meta { margin: 0; }"
        " p.confidential { font-size: 8.5pt; color: #444444; margin-top: 6pt; margin-bottom: 10pt; }"
        " table.items { border-color: #999999; border-collapse: collapse; }"
        " th { background-color: #e8e8e8; font-size: 9pt; text-align: left; }"
        " th.section { background-color: #d0d0d0; font-size: 10.5pt; }"
        " td { font-size: 9pt; vertical-align: top; }"
        ),
    )
    doc.setHtml(paper_html(meeting, paper, shows))
    _keep_on_page(doc)
    return doc


def render_meeting(meeting: MeetingView, paper: Paper, shows: AgendaShows,
                   device: QPagedPaintDevice) -> int:  # fmt: skip
    """Paint every page on ``device`` (a QPdfWriter or QPrinter); returns the page count."""
    ensure_app()
    doc = _document(meeting, paper, shows, device)
    left = f"Vertrouwelijk · {paper.short} kernteamoverleg {format_nl(meeting.held_on)}"
    return paint_pages(doc, device, left)


def write_meeting_pdf(path: Path, meeting: MeetingView, paper: Paper, shows: AgendaShows) -> Path:
    ensure_app()
    path = Path(path)
    try:
        with open(path, "wb"):
            pass  # QPdfWriter reports no errors: find an unwritable place first
    except OSError as error:
        raise KnownError(
            f"Het bestand {path.name} kon niet worden geschreven ({error.strerror or error}). "
            "Kies een andere map of sluit het bestand als het nog in een ander programma open "
            "staat.",
            code="export_failed",
        ) from error
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(page_layout())
    writer.setTitle(f"{paper.title} {format_nl(meeting.held_on)}")
    writer.setCreator("ZVKD Desktop")
    render_meeting(meeting, paper, shows, writer)
    del writer  # closes the file
    return path


PreviewFactory = Callable[[QPrinter, QWidget | None], QPrintPreviewDialog]
"""(printer, parent) -> a print preview dialog; tests pass one that does not block."""


def preview_meeting(
    parent: QWidget | None,
    meeting: MeetingView,
    paper: Paper,
    shows: AgendaShows,
    factory: PreviewFactory = QPrintPreviewDialog,
) -> QPrintPreviewDialog:
    """Show the print preview of a paper (from which the user prints); returns the dialog."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    printer.setDocName(f"{paper.title} {format_nl(meeting.held_on)}")
    dialog = factory(printer, parent)
    dialog.setWindowTitle(f"Afdrukvoorbeeld {paper.short.lower()} {format_nl(meeting.held_on)}")
    dialog.paintRequested.connect(lambda device: render_meeting(meeting, paper, shows, device))
    dialog.exec()
    return dialog
