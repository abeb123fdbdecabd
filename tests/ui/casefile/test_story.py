"""The whole story through the case file, driven like a coach does it.

A youth registered and admitted (the registration screens belong to another part; the services
do that step here) → the case file opens → another coach is assigned → a plan goal and action are
added → a negative police contact is recorded → the Politiecontacten tab shows the eligible date →
closing with the 6-month reason the day before is refused with a message naming the date → on the
date itself it is allowed → the case is closed, no longer running and gone from the signals.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from tests.services.conftest import FixedClock, Partners
from tests.ui.casefile.conftest import Admitted
from tests.ui.casefile.drive import click_ok, opened, press, type_date
from tests.ui.helpers import click
from zvkd_desktop.domain.vocabulary import ClosureReason, LifeDomain, PoliceContactKind
from zvkd_desktop.services import contacts, plans
from zvkd_desktop.services.case_views import get_case, list_cases
from zvkd_desktop.services.signals import signals_on
from zvkd_desktop.ui.casefile.window import CaseWindow
from zvkd_desktop.ui.dialogs.fields import select_data
from zvkd_desktop.ui.sections import AppContext

D = dt.date
CONTACT = D(2023, 9, 14)
"""The negative police contact: R = 14-09-2023, so E = 14-03-2024 + 1 day = 15-03-2024."""
ELIGIBLE = D(2024, 3, 15)


def test_from_admission_to_closure(
    qtbot: QtBot,
    app_context: AppContext,
    admitted: Admitted,
    partners: Partners,
    clock: FixedClock,
) -> None:
    ctx = app_context.services
    clock.day = D(2024, 3, 10)
    window = CaseWindow(app_context, admitted.case_id)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "Daan Visser – Casus – ZVKD Desktop"

    # another coach, through the Casus menu's shortcut
    press(qtbot, window, "Ctrl+Shift+O")
    dialog = opened(window)
    assert dialog.coach_combo.currentText() == "Jeroen de Vries"
    type_date(qtbot, dialog.date_edit, D(2023, 10, 2))
    click_ok(qtbot, dialog)
    assert "coach Jeroen de Vries" in window.header.facts_label.text()
    assert get_case(ctx, admitted.case_id).coach_id == partners.coach_b.id

    # a goal and an action in the plan editor
    window.show_tab("plan")
    editor = window.plan_tab.editor
    click(qtbot, editor.add_goal_button)
    select_data(editor.goal_domain, LifeDomain.EDUCATION_WORK)
    qtbot.keyClicks(editor.goal_description, "Daan gaat weer elke dag naar school")
    click(qtbot, editor.add_action_button)
    qtbot.keyClicks(editor.action_description, "Afspraak met de leerplichtambtenaar")
    qtbot.keyClicks(editor.action_partner, "Leerplicht Delft")
    click(qtbot, editor.save_button)
    plan = plans.current_plan(ctx, admitted.case_id)
    assert plan is not None and plan.number == 1
    assert [g.description for g in plan.goals] == ["Daan gaat weer elke dag naar school"]
    assert [a.description for a in plan.goals[0].actions] == ["Afspraak met de leerplichtambtenaar"]
    assert plan.goals[0].actions[0].responsible_partner == "Leerplicht Delft"
    assert editor.version_label.text().startswith("Versie 1, opgeslagen op")
    assert not editor.dirty

    # a negative police contact
    press(qtbot, window, "Ctrl+Shift+P")
    dialog = opened(window)
    type_date(qtbot, dialog.date_edit, CONTACT)
    select_data(dialog.kind_combo, PoliceContactKind.ARREST)
    assert dialog.negative_box.isChecked()
    qtbot.keyClicks(dialog.note_edit, "Aangehouden bij een vechtpartij")
    click_ok(qtbot, dialog)
    assert [c.contact_on for c in contacts.police_contacts(ctx, admitted.youth_id)] == [CONTACT]

    # the Politiecontacten tab: the eligible date and the days to go
    window.show_tab("police")
    police = window.police_tab
    assert police.eligible_label.text() == "Afsluitbaar vanaf 15-03-2024 (nog 5 dagen)"
    assert "14-09-2023" in police.reference_label.text()
    assert window.header.closure_label.text() == "Afsluitbaar vanaf 15-03-2024 (nog 5 dagen)"

    # a week later: the day before E is refused with the core's message, E itself is allowed
    clock.day = D(2024, 3, 18)
    window.refresh()
    assert police.eligible_label.text() == "Afsluitbaar sinds 15-03-2024"
    click(qtbot, header_button(window, "Afsluiten…"))
    dialog = opened(window)
    assert dialog.reason() is ClosureReason.POLICE_FREE
    type_date(qtbot, dialog.date_edit, ELIGIBLE - dt.timedelta(days=1))
    assert not dialog.ok_button.isEnabled()
    refusal = dialog.message.text()
    assert refusal.startswith("Afsluiten met deze reden kan pas vanaf 15-03-2024")
    assert "nog 1 dag" in refusal
    assert dialog.verdict_label.text() == "Afsluitbaar vanaf 15-03-2024 — nog 1 dag"

    type_date(qtbot, dialog.date_edit, ELIGIBLE)
    assert dialog.message.text() == ""
    assert dialog.verdict_label.text().startswith("Voldoet aan de 6-maandenregel")
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()

    # the case shows closed, is no longer running and has left the signals
    assert window.header.status_label.text() == "Afgesloten op 15-03-2024"
    assert police.eligible_label.text() == "Afgesloten op 15-03-2024"
    assert not window.actions_.close_case.isEnabled()
    assert window.actions_.reopen.isEnabled()
    assert get_case(ctx, admitted.case_id).closure_reason is ClosureReason.POLICE_FREE
    assert admitted.case_id not in {c.id for c in list_cases(ctx, running_only=True)}
    assert all(s.case_id != admitted.case_id for s in signals_on(ctx, clock.day))
    QApplication.processEvents()


def header_button(window: CaseWindow, text: str) -> QPushButton:
    return next(b for b in window.header.findChildren(QPushButton) if b.text() == text)


def test_a_closed_case_offers_reopening_instead_of_closing(
    qtbot: QtBot, window: CaseWindow, app_context: AppContext, admitted: Admitted
) -> None:
    assert header_button(window, "Afsluiten…").isVisible()
    assert not header_button(window, "Heropenen…").isVisible()
    window.actions_.close_case.trigger()
    dialog = opened(window)
    select_data(dialog.reason_combo, ClosureReason.OTHER)
    qtbot.keyClicks(dialog.reason_text_edit, "Jongere is in een instelling geplaatst")
    click_ok(qtbot, dialog)
    assert not header_button(window, "Afsluiten…").isVisible()
    assert header_button(window, "Heropenen…").isVisible()

    click(qtbot, header_button(window, "Heropenen…"))
    dialog = opened(window)
    assert not dialog.ok_button.isEnabled()
    assert dialog.message.text() == "Vul de reden van heropenen in."
    qtbot.keyClicks(dialog.reason_edit, "Plaatsing ging niet door")
    click_ok(qtbot, dialog)
    assert window.header.status_label.text() == "Lopend"
    assert get_case(app_context.services, admitted.case_id).reopenings[0].reason == (
        "Plaatsing ging niet door"
    )
