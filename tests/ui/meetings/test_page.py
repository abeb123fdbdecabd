"""The 'Kernteam' screen driven as a process director does: plan a meeting, shape the proposed
agenda with the keyboard, run the meeting item by item and print its papers.

The store is the small one of ``tests.services.test_meetings``: Eva's registration, Sem eligible
for closure, Noor with a new police contact, Daan and Liam with a review due, Milan without a
signal. No modal dialog ever opens: the print preview and the save dialog are stand-ins.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from tests.pdftext import pdf_text as read_pdf_text
from tests.services.conftest import FixedClock, Partners
from tests.services.test_access import entries
from tests.services.test_meetings import MEETING_DAY, SmallWorld, small_world
from tests.ui.helpers import click, type_into
from zvkd_desktop.domain.vocabulary import AgendaSection, Category, MeetingStatus
from zvkd_desktop.services import case_views
from zvkd_desktop.services.context import ServiceContext, system_today
from zvkd_desktop.services.meetings import (
    AgendaShows,
    DecisionKind,
    MeetingView,
    get_agenda_shows,
    get_meeting,
)
from zvkd_desktop.services.meetings.joined import joined_context
from zvkd_desktop.ui.main_window import MainWindow
from zvkd_desktop.ui.meetings import MeetingsPage, meetings_page
from zvkd_desktop.ui.meetings.agenda_editor import ITEM_ID_ROLE
from zvkd_desktop.ui.meetings.case_meetings import CaseMeetings
from zvkd_desktop.ui.meetings.common import qdate
from zvkd_desktop.ui.meetings.meeting_list import MeetingListModel
from zvkd_desktop.ui.sections import Section
from zvkd_desktop.ui.settings import GuiSettings


class Papers:
    """Stands in for the print preview and the save-as dialog; records what was asked."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.previews: list[Path] = []
        self.asked: list[str] = []

    def preview(self, printer: QPrinter, parent: QWidget | None) -> QPrintPreviewDialog:
        target = self.folder / f"preview-{len(self.previews)}.pdf"
        self.previews.append(target)
        papers = self

        class ToPdf(QPrintPreviewDialog):
            def exec(self) -> int:
                printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
                printer.setOutputFileName(str(target))
                self.paintRequested.emit(printer)
                return 0

        assert papers is self
        return ToPdf(printer, parent)

    def save_path(self, _parent: QWidget, _caption: str, suggested: str, _filters: str) -> str:
        self.asked.append(suggested)
        return str(self.folder / suggested)


def pdf_text(path: Path) -> str:
    return read_pdf_text(path)


@pytest.fixture
def world(ctx: ServiceContext, partners: Partners) -> SmallWorld:
    with ctx.store.transaction() as session:
        return small_world(joined_context(ctx, session), partners)


@pytest.fixture
def papers(tmp_path: Path) -> Papers:
    return Papers(tmp_path)


@pytest.fixture
def page(qtbot: QtBot, ctx: ServiceContext, world: SmallWorld, papers: Papers) -> MeetingsPage:
    widget = MeetingsPage(ctx, preview_factory=papers.preview, ask_save_path=papers.save_path)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def plan(qtbot: QtBot, page: MeetingsPage) -> MeetingView:
    """Fill in the planning form as a person does and press 'Overleg plannen'."""
    form = page.editor.form
    click(qtbot, page.list.new_button)
    form.date_edit.setDate(qdate(MEETING_DAY))
    type_into(qtbot, form.location_edit, "Stadskantoor")
    form.chair_combo.setCurrentIndex(form.chair_combo.findText("Sanne Bakker"))
    form.organisation_combo.setCurrentIndex(form.organisation_combo.findText("Politie Delft"))
    type_into(qtbot, form.name_edit, "Bas Hoekstra")
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Return)
    click(qtbot, form.submit_button)
    assert page.editor.meeting is not None, page.editor.message.text()
    return page.editor.meeting


def tree_rows(page: MeetingsPage) -> list[tuple[str, str, str]]:
    """(number, youth or text, status) per row of the agenda, in order."""
    return [(row.text(0), row.text(1) or row.text(2), row.text(4))
            for row in page.editor.agenda.item_rows()]  # fmt: skip


def select(qtbot: QtBot, page: MeetingsPage, name: str) -> None:
    """Choose an agenda row and put the keyboard focus on the agenda (back in the window, after
    a dialog closed)."""
    row = next(r for r in page.editor.agenda.item_rows() if name in (r.text(1), r.text(2)))
    page.activateWindow()
    page.editor.agenda.tree.setCurrentItem(row)
    page.editor.agenda.tree.setFocus()
    qtbot.waitUntil(page.editor.agenda.tree.hasFocus)


def test_planning_a_meeting_proposes_its_agenda_from_the_signals(
    qtbot: QtBot, page: MeetingsPage, ctx: ServiceContext
) -> None:
    meeting = plan(qtbot, page)
    assert (meeting.held_on, meeting.location, meeting.chair_name) == (
        MEETING_DAY, "Stadskantoor", "Sanne Bakker")
    assert [a.name for a in meeting.attendees] == ["Bas Hoekstra"]
    assert tree_rows(page) == [("1", "Eva Bakker", ""), ("2", "Sem van der Berg", ""),
                               ("3", "Noor Jansen", ""), ("4", "Daan Visser", ""),
                               ("5", "Liam de Groot", "")]  # fmt: skip
    heads = [page.editor.agenda.tree.topLevelItem(i).text(0) for i in range(len(AgendaSection))]
    assert heads[0] == "Nieuwe aanmeldingen (1)" and heads[3] == "Bespreking gepland of te laat (2)"
    assert "voorgesteld uit de signalen" in page.editor.message.text()
    assert [row.held_on for row in page.list.model.rows] == [MEETING_DAY]
    assert page.editor.status_label.text() == "Status: Gepland"


def test_the_agenda_is_shaped_with_the_keyboard_and_re_proposing_keeps_it(
    qtbot: QtBot, page: MeetingsPage, ctx: ServiceContext, world: SmallWorld
) -> None:
    meeting = plan(qtbot, page)
    agenda = page.editor.agenda
    select(qtbot, page, "Liam de Groot")
    qtbot.keyClick(agenda.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    select(qtbot, page, "Daan Visser")
    qtbot.keyClick(agenda.tree, Qt.Key.Key_Delete)
    type_into(qtbot, agenda.free_edit, "Rondvraag")
    qtbot.keyClick(agenda.free_edit, Qt.Key.Key_Return)
    click(qtbot, agenda.category_button)
    dialog = agenda.case_dialog
    assert dialog is not None and dialog.isVisible()
    type_into(qtbot, dialog.case_combo.lineEdit(), "milan")
    type_into(qtbot, dialog.text_edit, "Contact met een rivaliserende groep")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert agenda.case_dialog is None, dialog.message.text() + agenda.message.text()
    click(qtbot, agenda.propose_button)

    assert tree_rows(page) == [
        ("1", "Eva Bakker", ""), ("2", "Sem van der Berg", ""), ("3", "Noor Jansen", ""),
        ("4", "Liam de Groot", ""), ("", "Daan Visser", "Van de agenda"),
        ("5", "Milan Kok", "Met de hand"), ("6", "Rondvraag", "Met de hand")]  # fmt: skip
    assert agenda.message.text() == "De signalen stellen niets nieuws voor."
    daan = next(r for r in agenda.item_rows() if r.text(1) == "Daan Visser")
    assert daan.font(1).strikeOut()
    # Delete puts a removed item back in its place
    select(qtbot, page, "Daan Visser")
    qtbot.keyClick(agenda.tree, Qt.Key.Key_Delete)
    stored = get_meeting(ctx, meeting.id)
    assert [item.youth_name or item.text for _n, item in stored.agenda] == [
        "Eva Bakker", "Sem van der Berg", "Noor Jansen", "Liam de Groot", "Daan Visser",
        "Milan Kok", "Rondvraag"]  # fmt: skip


def test_the_meeting_list_searches_through_meetings(
    qtbot: QtBot, page: MeetingsPage, ctx: ServiceContext, qtmodeltester: Any
) -> None:
    plan(qtbot, page)
    click(qtbot, page.list.new_button)
    page.editor.form.date_edit.setDate(qdate(MEETING_DAY.replace(day=30)))
    type_into(qtbot, page.editor.form.location_edit, "Buurthuis De Vonk")
    click(qtbot, page.editor.form.submit_button)
    assert [r.location for r in page.list.model.rows] == ["Buurthuis De Vonk", "Stadskantoor"]
    type_into(qtbot, page.list.search_edit, "vonk")
    assert [r.location for r in page.list.model.rows] == ["Buurthuis De Vonk"]
    type_into(qtbot, page.list.search_edit, "niemand")
    assert page.list.model.rows == [] and page.list.empty_label.text() == "Geen overleg gevonden."
    page.list.search_edit.clear()
    page.list.table.selectRow(1)
    assert page.editor.meeting is not None and page.editor.meeting.location == "Stadskantoor"
    qtmodeltester.check(page.list.model)
    qtmodeltester.check(MeetingListModel())


def test_typed_decisions_stay_when_moving_between_items(
    qtbot: QtBot, page: MeetingsPage, clock: FixedClock
) -> None:
    plan(qtbot, page)
    clock.day = MEETING_DAY
    select(qtbot, page, "Sem van der Berg")
    qtbot.keyClick(page.editor.agenda.tree, Qt.Key.Key_F5)
    mode = page.mode
    assert page.stack.currentWidget() is mode
    assert mode.position_label.text() == "Punt 2 van 5 · Afsluitbaar (6-maandenregel)"
    panel = mode.current_panel()
    assert panel is not None
    qtbot.keyClick(panel, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # Af&sluiten
    qtbot.waitUntil(lambda: panel.outcome() is DecisionKind.CLOSE)  # a mnemonic animates a click
    type_into(qtbot, panel.reason_text_edit, "Gaat goed op school")
    qtbot.keyClick(panel.reason_text_edit, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert mode.position_label.text().startswith("Punt 3 van 5")
    qtbot.keyClick(mode.current_panel(), Qt.Key.Key_PageUp)
    assert mode.current_panel() is panel
    assert (panel.outcome(), panel.reason_text_edit.text()) == (DecisionKind.CLOSE, "Gaat goed op school")
    summary = mode.summary.toPlainText()
    assert "Sem van der Berg" in summary and "afsluitbaar sinds 02-09-2023" in summary
    assert "Naar school (Loopt)" in summary


def test_ctrl_enter_records_and_goes_on_and_a_refusal_stays_with_its_reason(
    qtbot: QtBot, page: MeetingsPage, clock: FixedClock, ctx: ServiceContext, world: SmallWorld
) -> None:
    meeting = plan(qtbot, page)
    clock.day = MEETING_DAY
    click(qtbot, page.editor.start_button)
    mode = page.mode
    registration = mode.current_panel()
    assert registration is not None and registration.outcome() is DecisionKind.ADMIT
    registration.admit_category_combo.setCurrentIndex(
        registration.admit_category_combo.findData(Category.RIVAL_YOUTH))
    qtbot.keyClick(registration.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert mode.position_label.text().startswith("Punt 2 van 5"), registration.result.text()
    assert mode.navigator.item(0).toolTip() == "Besloten"
    assert "Opnemen in de categorie Rivaliserende jeugd" in registration.result.text()
    assert not registration.take_button.isEnabled()
    # Daan is not yet eligible on the meeting day: the closure is refused, with the reason
    mode.go(3)
    daan = mode.current_panel()
    assert daan is not None
    daan.choose(DecisionKind.CLOSE)
    qtbot.keyClick(daan.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert mode.position_label.text().startswith("Punt 4 van 5")
    assert "Niet uitgevoerd: Afsluiten" in daan.result.text()
    assert "kan pas vanaf 03-04-2024" in daan.result.text()
    assert mode.navigator.item(3).toolTip() == "Besluit niet uitgevoerd"
    assert case_views.get_case(ctx, world.daan).closed_on is None
    # the director continues instead, with a new coach and an action item
    daan.choose(DecisionKind.CONTINUE)
    daan.coach_box.setChecked(True)
    type_into(qtbot, daan.action_row.description_edit, "Schoolplan bespreken")
    type_into(qtbot, daan.action_row.owner_edit, "Coach")
    click(qtbot, daan.action_row.add_button)
    assert daan.actions_table.rowCount() == 1
    click(qtbot, daan.take_button)
    assert mode.navigator.item(3).toolTip() == "Besloten"
    case = case_views.get_case(ctx, world.daan)
    assert case.coach_name == "Jeroen de Vries" and case.next_review_on == MEETING_DAY.replace(month=2, day=27)
    # Escape goes back to the agenda, which shows what was decided
    qtbot.keyClick(mode.current_panel(), Qt.Key.Key_Escape)
    assert page.stack.currentWidget() is page.editor.parentWidget()
    statuses = dict((name, status) for _n, name, status in tree_rows(page))
    assert statuses["Eva Bakker"] == statuses["Daan Visser"] == "Besloten"
    assert get_meeting(ctx, meeting.id).item(page.editor.agenda.current_item_id()).youth_name  # type: ignore[arg-type]


def test_adjusting_the_plan_asks_the_shell_to_open_it(
    qtbot: QtBot, page: MeetingsPage, clock: FixedClock, world: SmallWorld
) -> None:
    plan(qtbot, page)
    clock.day = MEETING_DAY
    click(qtbot, page.editor.start_button)
    page.mode.go(2)
    panel = page.mode.current_panel()
    assert panel is not None
    qtbot.keyClick(panel, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # Plan van aanpak a&anpassen
    qtbot.waitUntil(lambda: panel.outcome() is DecisionKind.ADJUST_PLAN)
    with qtbot.waitSignal(page.open_plan_requested) as opened:
        click(qtbot, panel.take_button)
    assert opened.args == [world.noor]


def test_the_papers_print_through_the_preview_and_save_as_pdf(
    qtbot: QtBot, page: MeetingsPage, papers: Papers, ctx: ServiceContext
) -> None:
    plan(qtbot, page)
    editor = page.editor
    editor.shows_combo.setCurrentIndex(editor.shows_combo.findData(AgendaShows.INITIALS))
    assert get_agenda_shows(ctx) is AgendaShows.INITIALS
    click(qtbot, editor.agenda_button)
    assert "S. v.d. B." in pdf_text(papers.previews[0])
    click(qtbot, editor.decisions_pdf_button)
    assert papers.asked == ["besluitenlijst-kernteamoverleg-2024-01-16.pdf"]
    text = pdf_text(papers.folder / papers.asked[0])
    assert text.startswith("Besluitenlijst kernteamoverleg PAD") and "Geen besluit vastgelegd" in text
    assert editor.message.text() == "Opgeslagen: besluitenlijst-kernteamoverleg-2024-01-16.pdf"
    printed = [(e.action, e.user_id, e.changes) for e in entries(ctx.store, "print")]
    exported = [(e.action, e.user_id, e.changes) for e in entries(ctx.store, "export")]
    scope = str(editor.meeting.id) if editor.meeting else None
    assert printed == [("print", ctx.user.id,
                        {"kind": "meeting_agenda", "scope": scope, "cases": "all"})]  # fmt: skip
    assert exported == [("export", ctx.user.id, {"kind": "meeting_decisions", "scope": scope,
                                                 "cases": "all", "formats": ["pdf"]})]  # fmt: skip


def test_finishing_the_meeting_fixes_its_agenda(
    qtbot: QtBot, page: MeetingsPage, clock: FixedClock, ctx: ServiceContext
) -> None:
    meeting = plan(qtbot, page)
    clock.day = MEETING_DAY
    click(qtbot, page.editor.start_button)
    click(qtbot, page.mode.finish_button)
    assert page.mode.message.text().startswith("Het overleg is afgerond. Zonder besluit: Eva Bakker")
    click(qtbot, page.mode.back_button)
    assert get_meeting(ctx, meeting.id).status is MeetingStatus.HELD
    assert page.list.model.rows[0].status is MeetingStatus.HELD
    assert not page.editor.agenda.propose_button.isEnabled()
    assert not page.editor.form.submit_button.isEnabled()
    assert page.editor.reopen_button.isEnabled()
    click(qtbot, page.editor.reopen_button)
    assert get_meeting(ctx, meeting.id).status is MeetingStatus.PLANNED


def test_every_item_row_carries_its_id(qtbot: QtBot, page: MeetingsPage) -> None:
    meeting = plan(qtbot, page)
    ids = [row.data(0, ITEM_ID_ROLE) for row in page.editor.agenda.item_rows()]
    assert ids == [item.id for item in meeting.items] and all(isinstance(i, uuid.UUID) for i in ids)


def test_a_case_file_lists_the_meetings_that_discussed_it_and_opens_one(
    qtbot: QtBot, page: MeetingsPage, ctx: ServiceContext, clock: FixedClock, world: SmallWorld
) -> None:
    meeting = plan(qtbot, page)
    clock.day = MEETING_DAY
    click(qtbot, page.editor.start_button)
    page.mode.go(4)
    click(qtbot, page.mode.current_panel().take_button)  # type: ignore[union-attr]
    click(qtbot, page.mode.back_button)
    case_file = CaseMeetings(ctx)
    qtbot.addWidget(case_file)
    case_file.set_case(world.liam)
    entry = case_file.tree.topLevelItem(0)
    assert case_file.tree.topLevelItemCount() == 1 and entry is not None
    assert entry.text(0) == "16-01-2024 (gepland)"
    assert entry.text(1) == "Bespreking gepland of te laat"
    assert entry.text(2) == "Doorgaan. Volgende bespreking op 27-02-2024."
    case_file.set_case(world.milan)
    assert case_file.tree.topLevelItemCount() == 0 and not case_file.empty_label.isHidden()
    case_file.set_case(world.liam)
    with qtbot.waitSignal(case_file.meeting_activated) as opened:
        case_file.tree.itemActivated.emit(case_file.tree.topLevelItem(0), 0)
    assert opened.args == [meeting.id]
    page.open_meeting(meeting.id)
    assert page.list.current_id() == meeting.id and page.editor.meeting is not None


def test_the_section_works_in_the_main_window(
    qtbot: QtBot, ctx: ServiceContext, world: SmallWorld, gui_settings: GuiSettings
) -> None:
    section = Section("core_team", QT_TRANSLATE_NOOP("Sections", "Kernteam"), meetings_page)
    window = MainWindow(ctx.store, settings=gui_settings, sections=[section])
    qtbot.addWidget(window)
    window.show()
    page = window.page("core_team")
    assert isinstance(page, MeetingsPage) and window.windowTitle() == "Kernteam – ZVKD Desktop"
    click(qtbot, page.list.new_button)
    click(qtbot, page.editor.form.submit_button)
    assert window.statusBar().currentMessage() == "Opgeslagen"
    meeting = page.editor.meeting
    assert meeting is not None and meeting.held_on == system_today()  # the shell's real clock
    assert [row.item_count for row in page.list.model.rows] == [len(meeting.agenda)]
    with qtbot.waitSignal(window.context.open_case_requested) as opened:
        page.open_plan_requested.emit(meeting.items[1].case_id)
    assert opened.args == [meeting.items[1].case_id, "plan"]


def test_a_coach_cannot_print_a_meeting_they_may_not_see_and_nothing_is_recorded(
    qtbot: QtBot, ctx: ServiceContext, partners: Partners, world: SmallWorld, papers: Papers
) -> None:
    from tests.services.test_access import add_user, as_user
    from zvkd_desktop.domain.vocabulary import UserRole
    from zvkd_desktop.reports.render.meeting_pdf import Paper
    from zvkd_desktop.services.meetings import add_text_item, plan_meeting
    from zvkd_desktop.ui.meetings.common import Printing

    meeting_id = plan_meeting(ctx, held_on=MEETING_DAY)
    add_text_item(ctx, meeting_id, "Mededelingen")  # nothing of any coach's on it
    coach = as_user(ctx, add_user(ctx.store, "nieuw", UserRole.COACH, None))
    said: list[tuple[str, bool]] = []
    host = QWidget()
    qtbot.addWidget(host)
    printing = Printing(coach, host, preview_factory=papers.preview,
                        ask_save_path=papers.save_path, report=lambda *m: said.append(m))  # fmt: skip
    printing.preview(meeting_id, Paper.AGENDA)
    assert printing.save_pdf(meeting_id, Paper.DECISIONS) is None
    assert [warning for _text, warning in said] == [True, True]
    assert "geen toegang tot dit kernteamoverleg" in said[0][0]
    assert papers.previews == [] and papers.asked == []
    assert entries(ctx.store, "print") == entries(ctx.store, "export") == []
