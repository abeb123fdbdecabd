"""A whole core-team meeting in the GUI on the demo store: plan it, check the proposed agenda
against the signals, print the agenda, hold the meeting item by item with the keyboard — one
decision of each kind, two of them stale — and print the decision list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.services.conftest import FixedClock
from tests.services.lifecycle import youth_of
from tests.services.test_meetings import (
    DEMO_MEETING_DAY,
    PLANNED_ON,
    by_section,
    expected_agenda,
)
from tests.ui.helpers import click, type_into
from tests.ui.meetings.test_page import Papers, pdf_text
from zvkd_desktop.domain.vocabulary import AgendaSection, Category, ClosureReason, PoliceContactKind
from zvkd_desktop.services import case_views, cases, contacts, reviews
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.demo import fill_demo
from zvkd_desktop.services.meetings import AgendaShows, DecisionKind, get_meeting, print_name
from zvkd_desktop.store.models import Guardian, Youth
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.meetings import MeetingsPage
from zvkd_desktop.ui.meetings.common import qdate
from zvkd_desktop.ui.meetings.decision_panel import DecisionPanel

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def private_texts(store: Store) -> list[str]:
    """Every address, phone number and note of the demo youths and their guardians."""
    with store.read() as session:
        rows = session.execute(select(Youth.street, Youth.postcode, Youth.phone, Youth.notes)).all()
        guardians = session.execute(select(Guardian.address, Guardian.note, Guardian.phone)).all()
    return sorted({value for row in [*rows, *guardians] for value in row if value and len(value) > 5})


def decide(qtbot: QtBot, page: MeetingsPage, key: Qt.Key, kind: DecisionKind) -> DecisionPanel:
    """Choose a decision with its Alt-letter and record it with Ctrl+Enter."""
    panel = page.mode.current_panel()
    assert panel is not None
    qtbot.keyClick(panel, key, ALT)
    qtbot.waitUntil(lambda: panel.outcome() is kind)
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_Return, CTRL)
    return panel


def go_to(page: MeetingsPage, section: AgendaSection, index: int = 0) -> None:
    items = [i for i, item in enumerate(page.mode.items) if item.section is section]
    page.mode.go(items[index])


def test_a_whole_meeting_on_the_demo_store(qtbot: QtBot, new_store: Store, tmp_path: Path) -> None:
    clock = FixedClock(PLANNED_ON)
    ctx = ServiceContext(new_store, today=clock)
    fill_demo(new_store, PLANNED_ON)
    papers = Papers(tmp_path)
    page = MeetingsPage(ctx, preview_factory=papers.preview, ask_save_path=papers.save_path)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()

    # plan the meeting a week ahead: the agenda is proposed from the signals of its day
    qtbot.keyClick(page.list.search_edit, Qt.Key.Key_N, CTRL)
    form = page.editor.form
    form.date_edit.setDate(qdate(DEMO_MEETING_DAY))
    type_into(qtbot, form.location_edit, "Stadskantoor")
    form.chair_combo.setCurrentIndex(1)
    type_into(qtbot, form.name_edit, "Bas Hoekstra")
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Return)
    click(qtbot, form.submit_button)
    meeting = page.editor.meeting
    assert meeting is not None, page.editor.message.text()
    assert {(i.section, i.case_id or i.registration_id) for i in meeting.items} == expected_agenda(
        ctx, DEMO_MEETING_DAY)
    # by hand: a category change (the data proposes none) and a free item
    agenda = page.editor.agenda
    click(qtbot, agenda.category_button)
    dialog = agenda.case_dialog
    assert dialog is not None
    on_agenda = {item.case_id for item in meeting.items}
    regular = next(r for r in case_views.list_cases(ctx)
                   if r.category is Category.REGULAR and r.id not in on_agenda)  # fmt: skip
    type_into(qtbot, dialog.case_combo.lineEdit(), regular.youth_name)
    type_into(qtbot, dialog.text_edit, "Coach ziet contact met een rivaliserende groep")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    type_into(qtbot, agenda.free_edit, "Mededelingen")
    qtbot.keyClick(agenda.free_edit, Qt.Key.Key_Return)
    meeting = get_meeting(ctx, meeting.id)
    sections = by_section(meeting)
    assert all(sections[section] for section in AgendaSection)
    heads = [agenda.tree.topLevelItem(i).text(0) for i in range(agenda.tree.topLevelItemCount())]
    assert all(not head.endswith("(0)") for head in heads), heads

    click(qtbot, page.editor.agenda_button)
    agenda_text = pdf_text(papers.previews[-1])
    packed = agenda_text.replace(" ", "")  # pdftotext may split "Y." after a wide capital
    for _number, item in meeting.agenda:
        if item.subject != "text":
            name = print_name(item.first_name, item.last_name, AgendaShows.FIRST_NAME_INITIAL)
            assert name.replace(" ", "") in packed
            assert item.youth_name not in agenda_text
    for private in private_texts(new_store):
        assert private not in agenda_text

    # the meeting day: since the agenda, a new police contact for one, a closure for another
    clock.day = DEMO_MEETING_DAY
    eligible, due = sections[AgendaSection.ELIGIBLE_FOR_CLOSURE], sections[AgendaSection.REVIEW_DUE]
    contacts.add_police_contact(ctx, youth_id=youth_of(new_store, eligible[1].case_id),  # type: ignore[arg-type]
                                contact_on=dt.date(2026, 11, 29), kind=PoliceContactKind.ARREST,
                                negative=True)  # fmt: skip
    cases.close_case(ctx, due[0].case_id, closed_on=dt.date(2026, 11, 30),  # type: ignore[arg-type]
                     reason=ClosureReason.OTHER, reason_text="Opgenomen in een instelling")  # fmt: skip

    page.activateWindow()
    agenda.tree.setCurrentItem(agenda.item_rows()[0])
    agenda.tree.setFocus()
    qtbot.waitUntil(agenda.tree.hasFocus)
    qtbot.keyClick(agenda.tree, Qt.Key.Key_F5)
    mode = page.mode
    assert mode.position_label.text() == f"Punt 1 van {len(meeting.agenda)} · Nieuwe aanmeldingen"
    decide(qtbot, page, Qt.Key.Key_O, DecisionKind.ADMIT)  # &Opnemen
    assert mode.current_item() is not None and mode.current_item().id == eligible[0].id  # type: ignore[union-attr]
    decide(qtbot, page, Qt.Key.Key_S, DecisionKind.CLOSE)  # Af&sluiten
    stale = decide(qtbot, page, Qt.Key.Key_S, DecisionKind.CLOSE)
    assert "kan pas vanaf 30-05-2027" in stale.result.text()
    assert mode.current_item().id == eligible[1].id  # type: ignore[union-attr]
    type_into(qtbot, stale.note_edit, "Opnieuw aangehouden")
    decide(qtbot, page, Qt.Key.Key_D, DecisionKind.CONTINUE)  # &Doorgaan
    decide(qtbot, page, Qt.Key.Key_O, DecisionKind.ESCALATE)  # &Opschalen
    go_to(page, AgendaSection.NEW_POLICE_CONTACT)
    with qtbot.waitSignal(page.open_plan_requested):
        decide(qtbot, page, Qt.Key.Key_A, DecisionKind.ADJUST_PLAN)  # a&anpassen
    go_to(page, AgendaSection.REVIEW_DUE)
    closed_meanwhile = decide(qtbot, page, Qt.Key.Key_D, DecisionKind.CONTINUE)
    assert "Deze casus is intussen afgesloten op 30-11-2026" in closed_meanwhile.result.text()
    go_to(page, AgendaSection.REVIEW_DUE, 1)
    coach_panel = mode.current_panel()
    assert coach_panel is not None
    coach_panel.coach_box.setChecked(True)
    new_coach = coach_panel.coach_combo.currentText()
    decide(qtbot, page, Qt.Key.Key_D, DecisionKind.CONTINUE)
    go_to(page, AgendaSection.CATEGORY_CHANGE)
    category_panel = mode.current_panel()
    assert category_panel is not None
    qtbot.keyClick(category_panel, Qt.Key.Key_C, ALT)  # &Categorie wijzigen naar …
    qtbot.waitUntil(category_panel.category_box.isChecked)
    decide(qtbot, page, Qt.Key.Key_D, DecisionKind.CONTINUE)
    go_to(page, AgendaSection.OTHER)
    free = mode.current_panel()
    assert free is not None
    type_into(qtbot, free.action_row.description_edit, "Werkwijze rondsturen")
    type_into(qtbot, free.action_row.owner_edit, "Procesregisseur")
    qtbot.keyClick(free.action_row.description_edit, Qt.Key.Key_Return)
    type_into(qtbot, free.note_edit, "Nieuwe werkwijze besproken")
    qtbot.keyClick(free.note_edit, Qt.Key.Key_Return, CTRL)
    click(qtbot, mode.finish_button)

    # the cases changed through the casework services
    def case(item_id: object) -> case_views.CaseDetail:
        found = next(i for i in meeting.items if i.id == item_id)
        return case_views.get_case(ctx, found.case_id)  # type: ignore[arg-type]

    assert case(eligible[0].id).closure_reason is ClosureReason.POLICE_FREE
    assert case(eligible[0].id).closed_on == DEMO_MEETING_DAY
    assert case(eligible[1].id).closed_on is None
    assert reviews.reviews(ctx, eligible[1].case_id)[0].decisions == (  # type: ignore[arg-type]
        "Kernteamoverleg 01-12-2026: Doorgaan. Opnieuw aangehouden. Volgende bespreking op "
        "12-01-2027.")
    assert case(eligible[2].id).closure_reason is ClosureReason.ESCALATED
    assert case(due[1].id).coach_name == new_coach
    assert case(sections[AgendaSection.CATEGORY_CHANGE][0].id).category is Category.RIVAL_YOUTH
    held = get_meeting(ctx, meeting.id)
    admitted = held.item(sections[AgendaSection.NEW_REGISTRATIONS][0].id)
    assert admitted.outcome is not None and admitted.outcome.kind is DecisionKind.ADMIT

    # the decision list, saved as PDF from the meeting screen
    click(qtbot, mode.decisions_pdf_button)
    text = pdf_text(papers.folder / papers.asked[-1])
    assert text.startswith("Besluitenlijst kernteamoverleg PAD dinsdag 1 december 2026")
    assert "Afsluiten: meer dan 6 maanden niet negatief in beeld bij de politie." in text
    assert "Opschalen naar het Zorg- en Veiligheidshuis Haaglanden" in text
    assert f"Nieuwe coach: {new_coach}." in text
    assert "Categorie wijzigen naar Rivaliserende jeugd." in text
    assert "Niet uitgevoerd: Doorgaan." in text and "Reden: Deze casus is intussen afgesloten" in text
    assert "Werkwijze rondsturen Procesregisseur" in text
    assert "kan pas vanaf" not in text, "a refusal the director answered with a new decision is gone"
    for private in private_texts(new_store):
        assert private not in text
    click(qtbot, mode.back_button)
    assert page.list.model.rows[0].decided_count == 8
