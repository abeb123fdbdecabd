"""The Wissen tab: the retention setting, the preview of who is due, and the erasure that happens
only after the explicit confirmation — of exactly those youths, not undoable."""

from __future__ import annotations

import uuid

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.admin.conftest import TODAY, Answers
from tests.ui.admin.world import ErasureWorld, erasure_world
from tests.ui.helpers import click
from zvkd_desktop.services.privacy import erase
from zvkd_desktop.services.settings import get_settings
from zvkd_desktop.services.youths import get_youth
from zvkd_desktop.ui.admin.erasure_tab import ErasureTab
from zvkd_desktop.ui.sections import AppContext


@pytest.fixture
def world(context: AppContext) -> ErasureWorld:
    return erasure_world(context.store)


@pytest.fixture
def tab(qtbot: QtBot, context: AppContext, answers: Answers, world: ErasureWorld) -> ErasureTab:
    tab = ErasureTab(context, answers.prompts())
    qtbot.addWidget(tab)
    tab.resize(960, 640)
    tab.show()
    return tab


def names(context: AppContext, youth_id: uuid.UUID) -> tuple[str | None, str | None]:
    youth = get_youth(context.services, youth_id)
    return youth.first_name, youth.last_name


def listed(tab: ErasureTab) -> list[str]:
    return [tab.tree.topLevelItem(i).text(0) for i in range(tab.tree.topLevelItemCount())]


def test_nothing_is_listed_or_erasable_before_the_check(tab: ErasureTab) -> None:
    assert listed(tab) == []
    assert not tab.erase_button.isEnabled()


def test_the_check_lists_the_due_youths_and_what_goes_per_youth(
    qtbot: QtBot, tab: ErasureTab
) -> None:
    click(qtbot, tab.check_button)
    assert listed(tab) == ["Sem de Jong", "Lotte de Jong"]  # closed cases; not the running one
    first = tab.tree.topLevelItem(0)
    assert first.text(2) == "30-11-2023"
    goes = [first.child(i).text(0) for i in range(first.childCount())]
    assert "Naam" in goes and "Geboortedatum (het geboortejaar blijft)" in goes
    assert "2 jongere(n)" in tab.summary_label.text()
    assert tab.erase_button.isEnabled()


def test_erasing_after_confirmation_blanks_exactly_the_listed_youths(
    qtbot: QtBot, tab: ErasureTab, answers: Answers, context: AppContext, world: ErasureWorld
) -> None:
    click(qtbot, tab.check_button)
    click(qtbot, tab.erase_button)
    assert answers.asked == [("erase", ["Sem de Jong", "Lotte de Jong"])]
    qtbot.waitUntil(lambda: tab.last_report is not None, timeout=10_000)
    for youth_id in world.closed:
        assert names(context, youth_id) == (None, None)
        assert get_youth(context.services, youth_id).erased
    assert names(context, world.running) == ("Daan", "de Jong")
    assert names(context, world.pending) == ("Mila", "de Jong")
    assert listed(tab) == [] and not tab.erase_button.isEnabled()
    assert "2 jongere(n) gewist" in tab.result_message.text()


def test_the_erasure_is_not_undoable_and_clears_earlier_undo_steps(
    qtbot: QtBot, tab: ErasureTab, context: AppContext
) -> None:
    tab.months_spin.setValue(1)
    click(qtbot, tab.save_button)
    tab.months_spin.setValue(0)
    click(qtbot, tab.save_button)
    assert context.undo_stack.count() == 2
    click(qtbot, tab.check_button)
    click(qtbot, tab.erase_button)
    qtbot.waitUntil(lambda: tab.last_report is not None, timeout=10_000)
    assert context.undo_stack.count() == 0


def test_declining_the_confirmation_erases_nothing(
    qtbot: QtBot, tab: ErasureTab, answers: Answers, context: AppContext, world: ErasureWorld
) -> None:
    answers.erase = False
    click(qtbot, tab.check_button)
    click(qtbot, tab.erase_button)
    assert names(context, world.closed[0]) == ("Sem", "de Jong")
    assert tab.last_report is None
    assert listed(tab) == ["Sem de Jong", "Lotte de Jong"]


def test_a_refused_run_erases_no_one_and_says_why(
    qtbot: QtBot, tab: ErasureTab, context: AppContext, world: ErasureWorld
) -> None:
    click(qtbot, tab.check_button)
    erase(context.services, [world.closed[0]], on=TODAY)  # meanwhile, elsewhere
    click(qtbot, tab.erase_button)
    qtbot.waitUntil(lambda: tab.result_message.text() != "", timeout=10_000)
    assert "al gewist" in tab.result_message.text()
    assert "Er is niets gewist" in tab.result_message.text()
    assert names(context, world.closed[1]) == ("Lotte", "de Jong")


def test_a_longer_retention_period_is_saved_undoably_and_changes_who_is_due(
    qtbot: QtBot, tab: ErasureTab, context: AppContext
) -> None:
    assert tab.months_spin.value() == 0 and not tab.save_button.isEnabled()
    tab.months_spin.setValue(3)
    click(qtbot, tab.save_button)
    assert get_settings(context.services).retention_months == 3
    click(qtbot, tab.check_button)
    assert listed(tab) == ["Sem de Jong"]  # Lotte's case closed on 01-02-2024: due from 01-05
    context.undo_stack.undo()
    assert get_settings(context.services).retention_months == 0
    assert tab.months_spin.value() == 0
