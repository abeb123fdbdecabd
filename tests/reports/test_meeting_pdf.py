"""The printed papers of a core-team meeting: the agenda before, the besluitenlijst after.

A4, Dutch, meeting date, 'Vertrouwelijk' and 'Pagina n van m' in the footer; youths by first
name and initial (or initials, as the store's setting says), never an address or a note — the
store these tests print from has both, on every youth, contact and registration.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from pathlib import Path

import pytest
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from tests.pdftext import pdf_page_texts
from tests.pdftext import pdf_text as read_pdf_text
from tests.services import conftest as service_fixtures
from tests.services.conftest import FixedClock, Partners
from tests.services.test_meetings import (
    CONTACT_NOTE,
    MEETING_DAY,
    POLICE_NOTE,
    STREET,
    YOUTH_NOTE,
    SmallWorld,
    item_of,
    planned,
    small_world,
)
from zvkd_desktop.domain.vocabulary import AgendaSection, ClosureReason, PoliceContactKind
from zvkd_desktop.reports.render.meeting_pdf import (
    Paper,
    paper_html,
    preview_meeting,
    write_meeting_pdf,
)
from zvkd_desktop.services import contacts
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.meetings import (
    AgendaShows,
    Closure,
    DecisionKind,
    ItemDecisions,
    MeetingView,
    add_action_item,
    add_text_item,
    get_meeting,
    propose_category_change,
    remove_item,
    take_decisions,
)
from zvkd_desktop.services.meetings.joined import joined_context

clock = service_fixtures.clock
ctx = service_fixtures.ctx
partners = service_fixtures.partners
"""The service tests' fixtures (a real encrypted store, a fixed clock, partners), reused."""

NEVER_PRINTED = [
    "van der Berg", "Jansen", "Visser", "de Groot", STREET, "2624 AB", YOUTH_NOTE, POLICE_NOTE,
    CONTACT_NOTE,
    # the registration's criteria notes (tests.services.lifecycle.register)
    "Twee aanhoudingen winkeldiefstal", "School en thuis", "Zorg en justitie nodig",
]  # fmt: skip


def pdf_text(path: Path) -> str:
    return read_pdf_text(path)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def meeting(ctx: ServiceContext, partners: Partners) -> tuple[uuid.UUID, SmallWorld]:
    with ctx.store.transaction() as session:
        world = small_world(joined_context(ctx, session), partners)
    meeting_id = planned(ctx, partners)
    propose_category_change(ctx, meeting_id, world.milan, "Contact met een rivaliserende groep")
    add_text_item(ctx, meeting_id, "Rondvraag")
    remove_item(ctx, item_of(get_meeting(ctx, meeting_id), world.daan).id)
    return meeting_id, world


def test_the_agenda_lists_the_items_by_section_and_nothing_personal(
    ctx: ServiceContext, meeting: tuple[uuid.UUID, SmallWorld], tmp_path: Path
) -> None:
    view = get_meeting(ctx, meeting[0])
    path = write_meeting_pdf(tmp_path / Paper.AGENDA.file_name(view), view, Paper.AGENDA,
                             AgendaShows.FIRST_NAME_INITIAL)  # fmt: skip
    assert path.name == "agenda-kernteamoverleg-2024-01-16.pdf"
    text = flat(pdf_text(path))
    assert text.startswith("Agenda kernteamoverleg PAD dinsdag 16 januari 2024, 10:00 uur · Stadskantoor")
    assert "Voorzitter: Sanne Bakker" in text
    assert "Genodigden: Bas Hoekstra (Politie Delft)" in text
    assert "Vertrouwelijk · Agenda kernteamoverleg 16-01-2024 Pagina 1 van 1" in text
    for section in AgendaSection:
        assert section.label in text
    for line in (
        "1 Eva B. nieuw Aangemeld op 10-01-2024; aanmelder: Politie Delft",
        "2 Sem v.d. B. Regulier Afsluitbaar sinds 02-09-2023; Bespreking was gepland op 12-04-2023 "
        "Fatima el Amrani",
        "4 Liam d. G. Regulier Bespreking gepland op 16-01-2024",
        "5 Milan K. Regulier Voorstel: naar rivaliserende jeugd. Contact met een rivaliserende groep",
        "6 Rondvraag",
    ):
        assert line in text
    assert "Daan" not in text, "an item taken off the agenda is not printed"
    for private in NEVER_PRINTED:
        assert private not in text


def test_the_decision_list_has_the_decisions_the_refusals_and_the_action_items(
    ctx: ServiceContext, meeting: tuple[uuid.UUID, SmallWorld], clock: FixedClock,
    tmp_path: Path,
) -> None:
    meeting_id, world = meeting
    view = get_meeting(ctx, meeting_id)
    clock.day = MEETING_DAY
    contacts.add_police_contact(ctx, youth_id=item_of(view, world.sem).youth_id,  # type: ignore[arg-type]
                                contact_on=dt.date(2024, 1, 15), kind=PoliceContactKind.NUISANCE,
                                negative=True, note=POLICE_NOTE)  # fmt: skip
    take_decisions(ctx, item_of(view, world.sem).id, ItemDecisions(
        DecisionKind.CLOSE, closure=Closure(ClosureReason.POLICE_FREE)))  # fmt: skip
    take_decisions(ctx, item_of(view, world.liam).id, ItemDecisions(
        DecisionKind.CONTINUE, note="Stage loopt goed", next_review_on=dt.date(2024, 2, 27)))  # fmt: skip
    add_action_item(ctx, item_of(view, world.liam).id, description="Stageverslag opvragen",
                    owner="Coach", due_on=dt.date(2024, 2, 1))  # fmt: skip
    view = get_meeting(ctx, meeting_id)

    path = write_meeting_pdf(tmp_path / "besluiten.pdf", view, Paper.DECISIONS, AgendaShows.INITIALS)
    text = flat(pdf_text(path))
    assert text.startswith("Besluitenlijst kernteamoverleg PAD dinsdag 16 januari 2024")
    assert "Aanwezig: Bas Hoekstra (Politie Delft)" in text
    assert "Vertrouwelijk · Besluitenlijst kernteamoverleg 16-01-2024 Pagina 1 van 1" in text
    assert ("2 S. v.d. B. Niet uitgevoerd: Afsluiten: meer dan 6 maanden niet negatief in beeld bij "
            "de politie. Reden: Afsluiten met deze reden kan pas vanaf 16-07-2024") in text
    assert ("4 L. d. G. Doorgaan. Stage loopt goed. Volgende bespreking op 27-02-2024.") in text
    assert "1 E.B. Geen besluit vastgelegd." in text
    assert "Actiepunten Punt Actie Wie Uiterlijk 4 (L. d. G.) Stageverslag opvragen Coach 01-02-2024" in text
    assert "Sem" not in text and "Liam" not in text, "the setting asks for initials only"
    for private in NEVER_PRINTED:
        assert private not in text


def _long(view: MeetingView, copies: int) -> MeetingView:
    """The same items many times over: an agenda that needs several pages."""
    items = [dataclasses.replace(item, id=uuid.uuid4(), position=n * 100 + item.position)
             for n in range(copies) for item in view.items]  # fmt: skip
    return dataclasses.replace(view, items=tuple(items))


def test_a_long_agenda_runs_over_pages_with_numbers_and_the_section_heading_repeated(
    ctx: ServiceContext, meeting: tuple[uuid.UUID, SmallWorld], tmp_path: Path
) -> None:
    view = _long(get_meeting(ctx, meeting[0]), 20)
    pages = pdf_page_texts(write_meeting_pdf(tmp_path / "lang.pdf", view, Paper.AGENDA,
                                             AgendaShows.FIRST_NAME_INITIAL))  # fmt: skip
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Vertrouwelijk · Agenda kernteamoverleg 16-01-2024 Pagina {number} van {len(pages)}" in flat(page)
        assert "Nr. Jongere Categorie Waarom op de agenda Coach" in flat(page)
    assert "120 Rondvraag" in flat(" ".join(pages))


def test_the_html_escapes_what_people_typed(ctx: ServiceContext, meeting: tuple[uuid.UUID, SmallWorld]) -> None:
    add_text_item(ctx, meeting[0], "<b>Rondvraag</b> & afsluiting")
    html = paper_html(get_meeting(ctx, meeting[0]), Paper.AGENDA, AgendaShows.INITIALS)
    assert "&lt;b&gt;Rondvraag&lt;/b&gt; &amp; afsluiting" in html


class PreviewToPdf(QPrintPreviewDialog):
    """The print preview, but 'shown' by painting onto a PDF file instead of blocking."""

    def __init__(self, printer: QPrinter, parent: QWidget | None, target: Path) -> None:
        super().__init__(printer, parent)
        self.printer_ = printer
        self.target = target

    def exec(self) -> int:
        self.printer_.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer_.setOutputFileName(str(self.target))
        self.paintRequested.emit(self.printer_)
        return 0


def test_the_print_preview_paints_the_paper_on_a4(
    qapp: object, ctx: ServiceContext, meeting: tuple[uuid.UUID, SmallWorld], tmp_path: Path
) -> None:
    view = get_meeting(ctx, meeting[0])
    target = tmp_path / "preview.pdf"
    dialog = preview_meeting(None, view, Paper.AGENDA, AgendaShows.FIRST_NAME_INITIAL,
                             lambda printer, parent: PreviewToPdf(printer, parent, target))  # fmt: skip
    assert dialog.windowTitle() == "Afdrukvoorbeeld agenda 16-01-2024"
    assert isinstance(dialog, PreviewToPdf)
    assert dialog.printer_.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
    text = flat(pdf_text(target))
    assert "Agenda kernteamoverleg PAD" in text and "Sem v.d. B." in text
    dialog.deleteLater()
