"""The case window: its title, tabs and header, and that every tab shows the case it belongs to."""

from __future__ import annotations

import dataclasses

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.casefile.conftest import Admitted
from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.services import access, registrations
from zvkd_desktop.ui.casefile.window import TAB_KEYS, CaseWindow
from zvkd_desktop.ui.sections import AppContext


def test_the_window_is_titled_with_the_youths_name(window: CaseWindow) -> None:
    assert window.windowTitle() == "Daan Visser – Casus – ZVKD Desktop"


def test_every_tab_can_be_shown_by_key(window: CaseWindow) -> None:
    for key in TAB_KEYS:
        window.show_tab(key)
        assert window.current_tab() == key


def test_a_window_opens_at_the_asked_tab(
    qtbot: QtBot, app_context: AppContext, admitted: Admitted
) -> None:
    window = CaseWindow(app_context, admitted.case_id, "police")
    qtbot.addWidget(window)
    assert window.current_tab() == "police"
    assert window.case_id == admitted.case_id


def test_a_case_that_disappears_elsewhere_is_shown_as_unavailable(
    window: CaseWindow, app_context: AppContext, admitted: Admitted
) -> None:
    """The admission is undone in the Aanmeldingen section while this window is open."""
    app_context.execute(
        None,
        "Besluit ongedaan maken",
        lambda: registrations.undo_decision(app_context.services, admitted.registration_id),
        lambda _r: None,
    )
    assert window.windowTitle() == "Casus niet beschikbaar – ZVKD Desktop"
    assert window.header.name_label.text() == "Casus niet beschikbaar"
    assert "bestaat niet (meer)" in window.header.facts_label.text()
    assert not window.tab_widget.isEnabled()
    assert not window.actions_.police.isEnabled()
    assert not window.actions_.close_case.isEnabled()


def test_the_header_answers_the_coachs_questions(window: CaseWindow) -> None:
    header = window.header
    assert header.name_label.text() == "Daan Visser"
    assert header.facts_label.text() == (
        "16 jaar · Regulier · coach Fatima el Amrani · procesregisseur Sanne Bakker · "
        "opgenomen 01-09-2023"
    )
    assert header.status_label.text() == "Lopend"
    assert header.review_label.text() == "Volgende bespreking: 13-10-2023 (157 dagen te laat)"
    assert header.closure_label.text() == "Afsluitbaar sinds 02-03-2024"
    assert not header.badge.isVisible()
    window.actions_.street_strength.trigger()
    assert header.badge.isVisible()


def test_a_read_only_partner_sees_the_case_but_no_way_to_change_it(
    qtbot: QtBot, app_context: AppContext, admitted: Admitted, monkeypatch: pytest.MonkeyPatch
) -> None:
    partner = dataclasses.replace(app_context.store.user, role=UserRole.PARTNER)
    monkeypatch.setattr(app_context.store, "user", partner)
    for check in ("can_see_case", "can_see_youth", "can_see_registration"):  # on an agenda
        monkeypatch.setattr(access, check, lambda *_args: True)
    window = CaseWindow(app_context, admitted.case_id, "police")
    qtbot.addWidget(window)
    window.show()
    assert window.header.name_label.text() == "Daan Visser"
    assert not any(a.isEnabled() for a in (window.actions_.police, window.actions_.close_case,
                                            window.actions_.youth, window.actions_.coach))  # fmt: skip
    assert not window.police_tab.add_button.isVisible()
    window.show_tab("plan")
    assert not window.plan_tab.editor.add_goal_button.isEnabled()
    assert window.plan_tab.editor.version_label.text().endswith("U heeft alleen leesrechten.")
    window.show_tab("person")
    assert not window.person_tab.edit_youth_button.isVisible()
