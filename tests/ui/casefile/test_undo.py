"""Undo and redo in the case window: Ctrl+Z and Ctrl+Shift+Z go through the services' inverses,
and what cannot be undone says so instead of pretending."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from tests.services.conftest import Partners
from tests.ui.casefile.conftest import Admitted
from tests.ui.casefile.drive import click_ok, opened, press, type_date
from zvkd_desktop.domain.vocabulary import Category, ClosureReason
from zvkd_desktop.errors import KnownError
from zvkd_desktop.services import contacts
from zvkd_desktop.services.case_views import get_case
from zvkd_desktop.ui.casefile.window import CaseWindow
from zvkd_desktop.ui.dialogs.fields import select_data
from zvkd_desktop.ui.sections import AppContext

D = dt.date


@pytest.fixture
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Refusals during undo or redo, recorded instead of shown in a (blocking) message box."""
    shown: list[str] = []
    monkeypatch.setattr(
        "zvkd_desktop.ui.errors.show_known_error",
        lambda _parent, error: shown.append(error.message),
    )
    return shown


def police_rows(window: CaseWindow) -> list[str]:
    view = window.police_tab.view
    return [view.topLevelItem(i).text(0) for i in range(view.topLevelItemCount())]


def test_adding_a_police_contact_is_undone_and_redone_by_keyboard(
    qtbot: QtBot, window: CaseWindow, app_context: AppContext, admitted: Admitted
) -> None:
    ctx = app_context.services
    window.show_tab("police")
    before = window.police_tab.eligible_label.text()
    press(qtbot, window, "Ctrl+Shift+P")
    dialog = opened(window)
    type_date(qtbot, dialog.date_edit, D(2023, 11, 20))
    click_ok(qtbot, dialog)
    added = contacts.police_contacts(ctx, admitted.youth_id)
    assert police_rows(window) == ["20-11-2023"]
    assert window.police_tab.eligible_label.text() == "Afsluitbaar vanaf 21-05-2024 (nog 64 dagen)"
    assert window.actions_.undo.text() == "&Ongedaan maken Politiecontact toevoegen"

    press(qtbot, window, "Ctrl+Z")
    assert contacts.police_contacts(ctx, admitted.youth_id) == []
    assert police_rows(window) == []
    assert window.police_tab.eligible_label.text() == before

    press(qtbot, window, "Ctrl+Shift+Z")
    assert contacts.police_contacts(ctx, admitted.youth_id) == added  # the same contact, restored
    assert police_rows(window) == ["20-11-2023"]


def test_a_category_change_is_undone_through_the_casework_core(
    qtbot: QtBot, window: CaseWindow, app_context: AppContext, admitted: Admitted
) -> None:
    press(qtbot, window, "Ctrl+Shift+T")
    dialog = opened(window)
    type_date(qtbot, dialog.date_edit, D(2024, 1, 8))
    click_ok(qtbot, dialog)
    case = get_case(app_context.services, admitted.case_id)
    assert case.category is Category.RIVAL_YOUTH
    assert "Rivaliserende jeugd" in window.header.facts_label.text()
    window.actions_.undo.trigger()
    case = get_case(app_context.services, admitted.case_id)
    assert case.category is Category.REGULAR
    assert [p.category for p in case.category_periods] == [Category.REGULAR]
    window.actions_.redo.trigger()
    assert get_case(app_context.services, admitted.case_id).category is Category.RIVAL_YOUTH


def test_a_coach_change_is_undone_and_the_previous_coach_is_back(
    qtbot: QtBot, window: CaseWindow, app_context: AppContext, partners: Partners
) -> None:
    window.actions_.coach.trigger()
    click_ok(qtbot, opened(window))
    assert window.case is not None and window.case.coach_id == partners.coach_b.id
    window.actions_.undo.trigger()
    assert window.case.coach_id == partners.coach_a.id
    assert [a.until_date for a in window.case.coach_assignments] == [None]


def test_a_closure_is_undone_and_redone_without_counting_as_a_reopening(
    qtbot: QtBot,
    window: CaseWindow,
    app_context: AppContext,
    admitted: Admitted,
    shown_errors: list[str],
) -> None:
    window.actions_.close_case.trigger()
    dialog = opened(window)
    assert "Ctrl+Z" in dialog.intro.text()
    select_data(dialog.reason_combo, ClosureReason.OTHER)
    qtbot.keyClicks(dialog.reason_text_edit, "Verhuisd naar het buitenland")
    click_ok(qtbot, dialog)
    assert get_case(app_context.services, admitted.case_id).closed_on == D(2024, 3, 18)

    window.actions_.undo.trigger()
    case = get_case(app_context.services, admitted.case_id)
    assert case.closed_on is None and case.reopenings == ()  # not a reopening in the figures
    window.actions_.redo.trigger()
    assert get_case(app_context.services, admitted.case_id).closed_on == D(2024, 3, 18)
    assert shown_errors == []


def test_a_refused_undo_is_shown_and_dropped(
    qtbot: QtBot,
    window: CaseWindow,
    app_context: AppContext,
    admitted: Admitted,
    shown_errors: list[str],
) -> None:
    """The data moved on (the contact was removed elsewhere): undo says so plainly."""
    window.actions_.police.trigger()
    click_ok(qtbot, opened(window))
    [contact] = contacts.police_contacts(app_context.services, admitted.youth_id)
    contacts.remove_police_contact(app_context.services, contact.id)
    window.actions_.undo.trigger()
    assert len(shown_errors) == 1 and "bestaat niet (meer)" in shown_errors[0]
    with pytest.raises(KnownError):
        contacts.remove_police_contact(app_context.services, contact.id)
