"""What each tab of the case file shows, and the links it offers to other case files."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.services.conftest import FixedClock, Partners
from tests.ui.casefile.conftest import Admitted, register_and_admit
from tests.ui.casefile.drive import click_ok, opened, type_date
from tests.ui.helpers import click
from zvkd_desktop.domain.vocabulary import (
    ActionStatus,
    Category,
    ClosureReason,
    GoalStatus,
    LifeDomain,
    PoliceContactKind,
)
from zvkd_desktop.services import cases, contacts, family, plans, registrations, youths
from zvkd_desktop.services.case_views import get_case
from zvkd_desktop.services.plans import ActionInput, GoalInput
from zvkd_desktop.ui.casefile.window import CaseWindow
from zvkd_desktop.ui.dialogs.fields import select_data
from zvkd_desktop.ui.sections import AppContext

D = dt.date


def rows(view, column: int = 0) -> list[str]:  # noqa: ANN001 - a QTreeWidget
    return [view.topLevelItem(i).text(column) for i in range(view.topLevelItemCount())]


def test_police_contacts_newest_first_with_negative_ones_marked(
    window: CaseWindow, app_context: AppContext, admitted: Admitted
) -> None:
    ctx = app_context.services
    for day, negative in ((D(2023, 6, 2), True), (D(2023, 12, 1), False), (D(2023, 10, 3), True)):
        contacts.add_police_contact(
            ctx,
            youth_id=admitted.youth_id,
            contact_on=day,
            kind=PoliceContactKind.NUISANCE,
            negative=negative,
        )
    window.refresh()
    window.show_tab("police")
    tab = window.police_tab
    assert rows(tab.view) == ["01-12-2023", "03-10-2023", "02-06-2023"]
    assert rows(tab.view, 1) == ["Neutraal", "Negatief", "Negatief"]
    assert rows(tab.view, 3) == ["deze casus", "deze casus", "vóór de opname"]
    assert tab.view.topLevelItem(1).font(0).bold()
    assert not tab.view.topLevelItem(0).font(0).bold()
    # R = 03-10-2023 (the neutral contact does not count), E = 04-04-2024; today 18-03-2024
    assert tab.eligible_label.text() == "Afsluitbaar vanaf 04-04-2024 (nog 17 dagen)"
    assert tab.count_label.text() == "3 politiecontacten, waarvan 2 negatief"


def test_removing_a_police_contact_from_the_list_is_undoable(
    qtbot: QtBot, window: CaseWindow, app_context: AppContext, admitted: Admitted
) -> None:
    contacts.add_police_contact(
        app_context.services,
        youth_id=admitted.youth_id,
        contact_on=D(2024, 2, 2),
        kind=PoliceContactKind.ARREST,
        negative=True,
    )
    window.refresh()
    window.show_tab("police")
    tab = window.police_tab
    assert not tab.remove_button.isEnabled()
    tab.view.setCurrentItem(tab.view.topLevelItem(0))
    click(qtbot, tab.remove_button)
    assert rows(tab.view) == []
    app_context.undo_stack.undo()
    assert rows(tab.view) == ["02-02-2024"]


def test_the_registration_tab_shows_criteria_and_links_the_earlier_case(
    qtbot: QtBot,
    app_context: AppContext,
    admitted: Admitted,
    partners: Partners,
    clock: FixedClock,
) -> None:
    ctx = app_context.services
    cases.close_case(
        ctx, admitted.case_id, closed_on=D(2024, 3, 2), reason=ClosureReason.POLICE_FREE
    )
    clock.day = D(2024, 6, 3)
    again = registrations.register(
        ctx,
        youth_id=admitted.youth_id,
        registered_on=D(2024, 6, 1),
        registrant_id=partners.police.id,
        police_contacts=False,
        serious_concerns=True,
        multiple_domains=True,
        cross_chain=False,
    )
    new_case = registrations.decide_admit(
        ctx,
        again,
        decided_on=D(2024, 6, 3),
        category=Category.REGULAR,
        coach_id=partners.coach_b.id,
        reason="Toch opnemen: ketens werken al samen",
    )
    window = CaseWindow(app_context, new_case, "registration")
    qtbot.addWidget(window)
    tab = window.registration_tab
    assert tab.values["again"].text() == "ja, na een eerdere casus"
    assert rows(tab.criteria, 1) == ["Voldaan", "Voldaan", "Voldaan", "Niet voldaan"]
    assert "Niet voldaan: Samenwerking tussen ketens nodig" in tab.criteria_summary.text()
    assert tab.values["reason"].text() == "Toch opnemen: ketens werken al samen"
    assert rows(tab.cases) == ["01-09-2023"]
    assert rows(tab.cases, 3) == ["eerdere casus (deze aanmelding is een heraanmelding)"]
    with qtbot.waitSignal(app_context.open_case_requested) as opening:
        tab.cases.setCurrentItem(tab.cases.topLevelItem(0))
        click(qtbot, tab.open_button)
    assert opening.args == [admitted.case_id, "registration"]


def test_a_siblings_case_file_opens_from_the_person_tab(
    qtbot: QtBot,
    window: CaseWindow,
    app_context: AppContext,
    admitted: Admitted,
    partners: Partners,
) -> None:
    sister = register_and_admit(app_context.services, partners, first_name="Lotte")
    family.link_siblings(app_context.services, admitted.youth_id, sister.youth_id)
    family.add_guardian(
        app_context.services, admitted.youth_id, name="Ingrid Visser", relation="moeder"
    )
    window.refresh()
    tab = window.person_tab
    assert rows(tab.guardians) == ["Ingrid Visser"]
    assert rows(tab.siblings) == ["Lotte Visser"]
    assert rows(tab.siblings, 2) == ["lopend sinds 01-09-2023"]
    tab.siblings.setCurrentItem(tab.siblings.topLevelItem(0))
    with qtbot.waitSignal(app_context.open_case_requested) as opening:
        click(qtbot, tab.open_sibling_button)
    assert opening.args == [sister.case_id, "person"]


def test_the_plan_editor_saves_versions_and_the_history_compares_them(
    qtbot: QtBot, window: CaseWindow, app_context: AppContext, admitted: Admitted
) -> None:
    ctx = app_context.services
    goal = GoalInput(
        LifeDomain.HOUSING,
        "Een eigen kamer",
        GoalStatus.OPEN,
        (ActionInput("Inschrijven bij de woningcorporatie"),),
    )
    plans.save_plan(ctx, admitted.case_id, [goal], "Eerste plan")
    window.refresh()
    window.show_tab("plan")
    editor = window.plan_tab.editor
    assert rows(editor.tree) == ["Huisvesting"]
    action = editor.tree.topLevelItem(0).child(0).child(0)
    editor.tree.setCurrentItem(action)
    select_data(editor.action_status, ActionStatus.DONE)
    assert editor.dirty and editor.save_button.isEnabled()
    qtbot.keyClicks(editor.summary_edit, "Ingeschreven")
    click(qtbot, editor.save_button)
    assert [v.number for v in plans.plan_versions(ctx, admitted.case_id)] == [1, 2]

    history = window.plan_tab.history
    window.plan_tab.pages.setCurrentWidget(history)
    assert history.summary_label.text() == "1 verschil: 1× actie gewijzigd."
    changed = history.new_tree.topLevelItem(0).child(0).child(0)
    assert changed.text(3) == "gewijzigd: status"
    assert changed.toolTip(0).endswith("status: Open → Afgerond")

    app_context.undo_stack.undo()  # the save is undone: version 2 is gone again
    assert [v.number for v in plans.plan_versions(ctx, admitted.case_id)] == [1]


def test_an_empty_action_is_refused_inside_the_editor(
    qtbot: QtBot, window: CaseWindow, app_context: AppContext, admitted: Admitted
) -> None:
    window.show_tab("plan")
    editor = window.plan_tab.editor
    click(qtbot, editor.add_goal_button)
    qtbot.keyClicks(editor.goal_description, "Werk vinden")
    click(qtbot, editor.add_action_button)
    click(qtbot, editor.save_button)
    assert editor.message.text().startswith("Actie 1 bij het doel 'Werk vinden'")
    assert editor.dirty  # the draft is still there to correct
    assert plans.current_plan(app_context.services, admitted.case_id) is None
    click(qtbot, editor.discard_button)
    assert not window.pending_tabs()


def test_closing_the_window_with_an_unsaved_plan_asks_and_saves(
    qtbot: QtBot, window: CaseWindow, app_context: AppContext, admitted: Admitted
) -> None:
    window.show_tab("plan")
    editor = window.plan_tab.editor
    click(qtbot, editor.add_goal_button)
    qtbot.keyClicks(editor.goal_description, "Schulden in beeld")

    def answer_save() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        next(b for b in box.buttons() if b.text() == "&Opslaan").click()

    QTimer.singleShot(0, answer_save)
    assert window.close()
    plan = plans.current_plan(app_context.services, admitted.case_id)
    assert plan is not None and plan.goals[0].description == "Schulden in beeld"


def test_closing_the_window_can_be_cancelled_to_keep_typing(
    qtbot: QtBot, window: CaseWindow, app_context: AppContext
) -> None:
    window.show_tab("plan")
    advice = window.plan_tab.advice
    qtbot.keyClicks(advice.edit, "Taakstraf")

    def answer_cancel() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        next(b for b in box.buttons() if b.text() == "&Annuleren").click()

    QTimer.singleShot(0, answer_cancel)
    assert not window.close()
    assert window.isVisible() and advice.edit.toPlainText() == "Taakstraf"
    advice.discard()


def test_the_reoffence_advice_is_saved_and_undoable(
    qtbot: QtBot, window: CaseWindow, app_context: AppContext, admitted: Admitted
) -> None:
    window.show_tab("plan")
    advice = window.plan_tab.advice
    qtbot.keyClicks(advice.edit, "Taakstraf met begeleiding")
    click(qtbot, advice.save_button)
    assert window.case is not None and window.case.reoffence_advice == "Taakstraf met begeleiding"
    assert not advice.dirty
    app_context.undo_stack.undo()
    assert window.case.reoffence_advice is None
    assert advice.edit.toPlainText() == ""


def test_coach_contacts_and_the_last_contact(
    qtbot: QtBot, window: CaseWindow, app_context: AppContext, admitted: Admitted
) -> None:
    window.show_tab("contacts")
    tab = window.contacts_tab
    assert tab.summary_label.text() == "Nog geen contactmomenten vastgelegd."
    click(qtbot, tab.add_button)
    dialog = opened(window)
    type_date(qtbot, dialog.date_edit, D(2024, 3, 11))
    click_ok(qtbot, dialog)
    assert tab.summary_label.text() == (
        "Laatste contact: 11-03-2024 (7 dagen geleden), 1 contactmomenten in totaal."
    )
    assert rows(tab.view, 2) == ["Fatima el Amrani"]


def test_reviews_and_the_next_review_date(
    qtbot: QtBot, window: CaseWindow, app_context: AppContext
) -> None:
    window.show_tab("reviews")
    tab = window.reviews_tab
    assert tab.next_label.text() == "Volgende bespreking: 13-10-2023 (157 dagen te laat)"
    press_review = window.actions_.review
    press_review.trigger()
    dialog = opened(window)
    qtbot.keyClicks(dialog.decisions_edit, "Doorgaan zoals afgesproken")
    click_ok(qtbot, dialog)
    assert tab.next_label.text() == "Volgende bespreking: 29-04-2024 (over 42 dagen)"
    assert rows(tab.view) == ["18-03-2024"]
    assert "Doorgaan zoals afgesproken" in tab.detail.toPlainText()


def test_the_history_names_who_changed_what_in_dutch(
    qtbot: QtBot, window: CaseWindow, app_context: AppContext, admitted: Admitted
) -> None:
    window.actions_.coach.trigger()
    click_ok(qtbot, opened(window))
    youths.update_youth(app_context.services, admitted.youth_id, phone="06 12345678")
    window.show_tab("history")
    tab = window.history_tab
    top = tab.view.topLevelItem(0)
    assert (top.text(1), top.text(2)) == ("Coördinator", "Jongere gewijzigd")
    assert top.text(3) == "Telefoon: 06 12345678"
    whats = rows(tab.view, 2)
    assert "Casus gewijzigd" in whats and "Aanmelding besluit genomen" in whats
    changes = [tab.view.topLevelItem(i).text(3) for i in range(len(whats))]
    assert "Coach: Fatima el Amrani → Jeroen de Vries" in changes
    tab.search_edit.setText("jeroen")
    assert tab.count_label.text().endswith(f"van {len(whats)} wijzigingen")


def test_when_the_screen_locks_pending_input_is_saved_without_asking(
    qtbot: QtBot, window: CaseWindow, app_context: AppContext, admitted: Admitted
) -> None:
    """The main window sets ``locked`` and then closes every other window: no question box (no
    one is there to answer it, and the data must disappear), the advice is saved."""
    main = QWidget()
    qtbot.addWidget(main)
    main.locked = True
    window.show_tab("plan")
    advice = window.plan_tab.advice
    qtbot.keyClicks(advice.edit, "Taakstraf")
    assert window.close()
    assert not window.isVisible()
    assert get_case(app_context.services, admitted.case_id).reoffence_advice == "Taakstraf"
