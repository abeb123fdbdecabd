"""'Nieuwe aanmelding': the criteria check follows the input live, and registering puts the
youth on the pending list (undoable), or shows the service's refusal inside the dialog."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.helpers import tick, type_into
from tests.ui.registrations.helpers import (
    choose_existing_youth,
    click,
    fill_new_youth,
    make_page,
    open_new_dialog,
)
from tests.ui.signals.demo import TODAY
from zvkd_desktop.domain.criteria import Criterion
from zvkd_desktop.services.case_views import list_cases
from zvkd_desktop.services.registration_views import get_registration, pending_registrations
from zvkd_desktop.services.youths import list_youths
from zvkd_desktop.ui.sections import AppContext


def years_before(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year - years)


def test_the_criteria_check_follows_the_date_of_birth(qtbot: QtBot, context: AppContext) -> None:
    page = make_page(qtbot, context)
    dialog = open_new_dialog(qtbot, page)
    panel = dialog.panel
    assert panel.age_label.text() == "Vul de geboortedatum in om de leeftijd te zien."

    eleven = years_before(TODAY, 12) + dt.timedelta(days=1)  # turns 12 tomorrow
    fill_new_youth(qtbot, dialog, born=eleven)

    assert panel.age_label.text() == "Leeftijd op de aanmelddatum (18-03-2024): 11 jaar"
    assert panel.line_text(Criterion.AGE) == "Leeftijd 12 tot 27 jaar: niet voldaan (11 jaar)"
    assert panel.line_text(Criterion.POLICE_OR_CONCERNS).endswith(": voldaan")
    assert panel.verdict_label.text().startswith("Niet voldaan: leeftijd (11 jaar).")
    assert "tegen de aanmeldcriteria" in panel.verdict_label.text()

    dialog.youth.birth_edit.set_value(years_before(TODAY, 12))  # 12 today

    assert panel.age_label.text().endswith(": 12 jaar")
    assert panel.line_text(Criterion.AGE) == "Leeftijd 12 tot 27 jaar: voldaan"
    assert panel.verdict_label.text().startswith("Aan alle aanmeldcriteria is voldaan.")


def test_each_criterion_box_changes_the_check_at_once(qtbot: QtBot, context: AppContext) -> None:
    dialog = open_new_dialog(qtbot, make_page(qtbot, context))
    fill_new_youth(qtbot, dialog, born=dt.date(2008, 6, 1))
    assert dialog.panel.assessment is not None and dialog.panel.assessment.all_met

    tick(qtbot, dialog.chain_box)  # untick

    assert dialog.panel.line_text(Criterion.CROSS_CHAIN) == (
        "Samenwerking tussen ketens nodig: niet voldaan"
    )
    assert "samenwerking tussen ketens nodig" in dialog.panel.verdict_label.text()


def test_registering_is_refused_until_name_and_date_of_birth_are_there(
    qtbot: QtBot, context: AppContext
) -> None:
    dialog = open_new_dialog(qtbot, make_page(qtbot, context))
    assert not dialog.ok_button.isEnabled()
    assert dialog.reason_label.text() == "Vul de voornaam in."
    type_into(qtbot, dialog.youth.first_name_edit, "Dylan")
    type_into(qtbot, dialog.youth.last_name_edit, "Verbeek")
    assert dialog.reason_label.text() == "Vul de geboortedatum in."

    dialog.youth.birth_edit.setFocus()  # entering and leaving without typing leaves it empty
    dialog.contact_edit.setFocus()
    assert dialog.youth.birth_edit.value() is None
    assert not dialog.ok_button.isEnabled()


def test_register_puts_the_youth_on_the_pending_list_and_undo_takes_it_off(
    qtbot: QtBot, context: AppContext
) -> None:
    page = make_page(qtbot, context)
    dialog = open_new_dialog(qtbot, page)
    fill_new_youth(qtbot, dialog, born=dt.date(2008, 6, 1))
    type_into(qtbot, dialog.youth.guardian_name_edit, "Mariska Verbeek")
    assert dialog.ok_button.isEnabled()

    click(qtbot, dialog.ok_button)

    assert not dialog.isVisible()
    pending = pending_registrations(context.services)
    assert [row.youth_name for row in pending] == ["Dylan Verbeek"]
    assert [row.youth_name for row in page.pending_model.rows] == ["Dylan Verbeek"]
    assert page.notice.text() == "Dylan Verbeek is aangemeld op 18-03-2024."
    detail = get_registration(context.services, pending[0].id)
    assert (detail.police_contacts, detail.police_or_concerns_note) == (
        True, "Drie registraties overlast")
    assert detail.age_at_registration == 15

    context.undo_stack.undo()

    assert pending_registrations(context.services) == []
    assert page.pending_model.rows == []
    assert list_youths(context.services, search="Verbeek") == []  # the new youth went too
    context.undo_stack.redo()
    assert [row.youth_name for row in pending_registrations(context.services)] == ["Dylan Verbeek"]


def test_a_refusal_of_the_service_is_shown_in_the_dialog(qtbot: QtBot, context: AppContext) -> None:
    running = list_cases(context.services)[0]  # a youth with a running case cannot be registered
    page = make_page(qtbot, context)
    dialog = open_new_dialog(qtbot, page)
    choose_existing_youth(qtbot, dialog, running.youth_name, running.youth_id)

    click(qtbot, dialog.ok_button)

    assert dialog.isVisible()
    assert "al een lopende casus" in dialog.message.text()
    assert pending_registrations(context.services) == []
    assert context.undo_stack.count() == 0


def test_a_youth_with_an_earlier_closed_case_is_a_reregistration(
    qtbot: QtBot, context: AppContext
) -> None:
    running = {row.youth_id for row in list_cases(context.services)}
    closed = [
        row for row in list_cases(context.services, running_only=False)
        if row.closed_on is not None and row.youth_id not in running
        and row.youth_name != "(gewist)"
    ]  # fmt: skip
    assert closed, "the demo store has youths whose case was closed and not yet erased"
    youth = closed[0]
    page = make_page(qtbot, context)
    dialog = open_new_dialog(qtbot, page)
    choose_existing_youth(qtbot, dialog, youth.youth_name, youth.youth_id)

    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Space)

    assert not dialog.isVisible()
    assert "heraanmelding" in page.notice.text()
    assert [row.is_reregistration for row in page.pending_model.rows] == [True]


def test_tab_goes_through_the_registration_in_reading_order(
    qtbot: QtBot, context: AppContext
) -> None:
    dialog = open_new_dialog(qtbot, make_page(qtbot, context))
    fill_new_youth(qtbot, dialog, born=dt.date(2008, 6, 1), criteria=False)
    assert dialog.ok_button.isEnabled()  # a disabled button is skipped by Tab
    dialog.contact_edit.setFocus()
    seen = []
    for _ in range(9):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        seen.append(dialog.focusWidget())
    assert seen == [
        dialog.age_note, dialog.police_box, dialog.concerns_box, dialog.police_note,
        dialog.domains_box, dialog.domains_note, dialog.chain_box, dialog.chain_note,
        dialog.ok_button,
    ]  # fmt: skip
