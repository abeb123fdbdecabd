"""Deciding on a registration: admit (which opens a case, offered to be opened at once) or not
admit (with the follow-up agreed with the registrant); a decision against the criteria needs a
reason; every decision is undoable."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from tests.ui.helpers import click
from tests.ui.registrations.helpers import fill_new_youth, make_page, open_new_dialog
from tests.ui.signals.demo import TODAY
from zvkd_desktop.domain.criteria import Criterion
from zvkd_desktop.domain.vocabulary import Category, Decision, OrganisationKind, ProfessionalRole
from zvkd_desktop.services import registrations, youths
from zvkd_desktop.services.case_views import get_case
from zvkd_desktop.services.partners import list_organisations, list_professionals
from zvkd_desktop.services.registration_views import get_registration, pending_registrations
from zvkd_desktop.ui.registrations.decide_dialog import DecideDialog
from zvkd_desktop.ui.registrations.fields import find_data
from zvkd_desktop.ui.registrations.page import RegistrationsPage
from zvkd_desktop.ui.sections import AppContext


def register(context: AppContext, *, born: dt.date, all_criteria: bool) -> uuid.UUID:
    ctx = context.services
    police = next(o for o in list_organisations(ctx) if o.kind is OrganisationKind.POLICE)
    youth_id = youths.create_youth(
        ctx, first_name="Noa", last_name="Hendriks", date_of_birth=born
    )
    return registrations.register(
        ctx, youth_id=youth_id, registered_on=TODAY - dt.timedelta(days=3),
        registrant_id=police.id, police_contacts=True, serious_concerns=False,
        multiple_domains=True, cross_chain=all_criteria,
    )  # fmt: skip


def open_decide(qtbot: QtBot, page: RegistrationsPage, registration_id: uuid.UUID) -> DecideDialog:
    """Select the registration in the pending list and press Enter."""
    assert page.select_registration(registration_id)
    qtbot.keyClick(page.pending_view, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, DecideDialog) and dialog.isVisible()
    return dialog


def type_text(qtbot: QtBot, edit: QPlainTextEdit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClicks(edit, text)


def a_coach(context: AppContext) -> uuid.UUID:
    return list_professionals(context.services, role=ProfessionalRole.COACH)[0].id


def test_register_then_admit_opens_a_case_that_can_be_opened_at_once(
    qtbot: QtBot, context: AppContext
) -> None:
    page = make_page(qtbot, context)
    new = open_new_dialog(qtbot, page)
    fill_new_youth(qtbot, new, first="Sem", last="Jacobs", born=dt.date(2007, 9, 12))
    click(qtbot, new.ok_button)
    [pending] = pending_registrations(context.services)
    assert pending.youth_name == "Sem Jacobs"

    page.pending_view.setFocus()
    dialog = open_decide(qtbot, page, pending.id)
    assert dialog.reason_label.text() == "&Motivering (mag leeg blijven):"
    assert dialog.missing_label.text() == "Kies de coach."
    coach_id = a_coach(context)
    dialog.coach_combo.setCurrentIndex(find_data(dialog.coach_combo, coach_id))
    dialog.category_combo.setCurrentIndex(find_data(dialog.category_combo, Category.RIVAL_YOUTH))
    click(qtbot, dialog.ok_button)

    assert not dialog.isVisible()
    detail = get_registration(context.services, pending.id)
    assert detail.decision is Decision.ADMITTED
    assert detail.case_id is not None
    case = get_case(context.services, detail.case_id)
    assert (case.coach_id, case.category, case.admitted_on) == (
        coach_id, Category.RIVAL_YOUTH, TODAY)
    assert page.pending_model.rows == []
    assert [row.youth_name for row in page.recent_model.rows][:1] == ["Sem Jacobs"]
    assert page.notice.text() == "Sem Jacobs is opgenomen; de casus is aangemaakt."
    assert page.open_case_button.isVisible()
    with qtbot.waitSignal(context.open_case_requested, timeout=1000) as opened:
        click(qtbot, page.open_case_button)
    assert opened.args == [detail.case_id, ""]


def test_undo_of_an_admission_puts_the_registration_back(
    qtbot: QtBot, context: AppContext
) -> None:
    registration_id = register(context, born=dt.date(2008, 1, 1), all_criteria=True)
    page = make_page(qtbot, context)
    dialog = open_decide(qtbot, page, registration_id)
    dialog.coach_combo.setCurrentIndex(1)
    click(qtbot, dialog.ok_button)
    case_id = get_registration(context.services, registration_id).case_id
    assert case_id is not None

    context.undo_stack.undo()

    detail = get_registration(context.services, registration_id)
    assert (detail.decision, detail.case_id) == (Decision.PENDING, None)
    assert [row.id for row in page.pending_model.rows] == [registration_id]
    assert not page.open_case_button.isVisible()  # the case it offered is gone


def test_not_admitting_requires_the_follow_up_with_the_registrant(
    qtbot: QtBot, context: AppContext
) -> None:
    registration_id = register(context, born=dt.date(2008, 1, 1), all_criteria=False)
    page = make_page(qtbot, context)
    dialog = open_decide(qtbot, page, registration_id)

    click(qtbot, dialog.not_admit_radio)

    assert not dialog.ok_button.isEnabled()
    assert dialog.missing_label.text() == "Vul de vervolgafspraak met de aanmelder in."
    type_text(qtbot, dialog.follow_up_edit, "Wijkagent blijft in contact met de ouders")
    assert dialog.ok_button.isEnabled()  # criteria not met: not admitting needs no reason
    click(qtbot, dialog.ok_button)

    detail = get_registration(context.services, registration_id)
    assert detail.decision is Decision.NOT_ADMITTED
    assert detail.follow_up == "Wijkagent blijft in contact met de ouders"
    assert page.notice.text() == "Noa Hendriks is niet opgenomen."
    assert page.recent_model.rows[0].decision is Decision.NOT_ADMITTED


def test_not_admitting_while_all_criteria_are_met_needs_a_reason(
    qtbot: QtBot, context: AppContext
) -> None:
    registration_id = register(context, born=dt.date(2008, 1, 1), all_criteria=True)
    dialog = open_decide(qtbot, make_page(qtbot, context), registration_id)
    click(qtbot, dialog.not_admit_radio)
    type_text(qtbot, dialog.follow_up_edit, "Sociaal team pakt het op")

    assert not dialog.ok_button.isEnabled()
    assert dialog.missing_label.text() == (
        "Vul de motivering in: dit besluit gaat tegen de aanmeldcriteria in."
    )
    type_text(qtbot, dialog.reason_edit, "Lopende hulp is voldoende")
    assert dialog.ok_button.isEnabled()


def test_admitting_against_the_criteria_needs_a_reason(qtbot: QtBot, context: AppContext) -> None:
    eleven = TODAY.replace(year=TODAY.year - 11) - dt.timedelta(days=30)
    registration_id = register(context, born=eleven, all_criteria=True)
    dialog = open_decide(qtbot, make_page(qtbot, context), registration_id)
    dialog.coach_combo.setCurrentIndex(1)

    assert dialog.panel.line_text(Criterion.AGE) == "Leeftijd 12 tot 27 jaar: niet voldaan (11 jaar)"
    assert dialog.reason_label.text() == (
        "&Motivering (verplicht: dit besluit gaat tegen de aanmeldcriteria in):"
    )
    assert not dialog.ok_button.isEnabled()
    type_text(qtbot, dialog.reason_edit, "Oudere broer in de PAD; gezinsaanpak")
    click(qtbot, dialog.ok_button)

    detail = get_registration(context.services, registration_id)
    assert detail.decision is Decision.ADMITTED
    assert detail.decision_reason == "Oudere broer in de PAD; gezinsaanpak"


def test_a_decision_taken_meanwhile_is_refused_inside_the_dialog(
    qtbot: QtBot, context: AppContext
) -> None:
    registration_id = register(context, born=dt.date(2008, 1, 1), all_criteria=True)
    dialog = open_decide(qtbot, make_page(qtbot, context), registration_id)
    registrations.decide_not_admit(  # someone else, a moment earlier
        context.services, registration_id, decided_on=TODAY, follow_up="x", reason="y"
    )
    dialog.coach_combo.setCurrentIndex(1)

    click(qtbot, dialog.ok_button)

    assert dialog.isVisible()
    assert dialog.message.text().startswith("Over deze aanmelding is al besloten")
