"""The idle lock: after the set minutes without input everything personal is hidden and the
same user's password is asked again; input keeps it away; Ctrl+L locks at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.conftest import PASSWORD
from tests.ui.helpers import click, type_into
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.main_window import MainWindow
from zvkd_desktop.ui.settings import GuiSettings
from zvkd_desktop.ui.store_settings import write_idle_lock_minutes


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += minutes * 60


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    store, _code = Store.create(
        store_path, PASSWORD, username="j.devries", display_name="Jan de Vries", kdf=TEST_KDF
    )
    yield store
    store.close()


@pytest.fixture
def window(qtbot: QtBot, store: Store, clock: FakeClock, gui_settings: GuiSettings) -> MainWindow:
    window = MainWindow(store, settings=gui_settings, idle_clock=clock, idle_check_ms=10)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_idle_time_hides_everything_and_asks_the_password_again(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    other = QDialog(window)  # any other window might show personal data
    other.show()

    clock.advance(9)
    qtbot.wait(50)
    assert not window.locked

    clock.advance(1)
    qtbot.waitUntil(lambda: window.locked, timeout=2000)

    assert not other.isVisible()
    assert window.central.currentWidget() is window.lock_screen
    assert not window.content.isVisible()
    assert window.windowTitle() == "Vergrendeld – ZVKD Desktop"
    dialog = window.unlock_dialog
    assert dialog is not None and dialog.isVisible()
    assert "Jan de Vries" in dialog.intro.text()
    assert not dialog.username_edit.isVisible()  # the same user, no choice

    type_into(qtbot, dialog.password_edit, "niet goed")
    click(qtbot, dialog.open_button)
    assert window.locked and dialog.isVisible()
    assert "onjuist" in dialog.message.text()

    type_into(qtbot, dialog.password_edit, PASSWORD)
    click(qtbot, dialog.open_button)
    assert not window.locked
    assert window.central.currentWidget() is window.content
    section = window.sections[window.nav.currentRow()].display_title
    assert window.windowTitle() == f"{section} – ZVKD Desktop"  # back where it was


def test_input_keeps_the_lock_away(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
    clock.advance(9)
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    clock.advance(9)
    qtbot.wait(50)
    assert not window.locked


def test_the_minutes_come_from_the_store(
    qtbot: QtBot, store: Store, clock: FakeClock, gui_settings: GuiSettings
) -> None:
    write_idle_lock_minutes(store, 3)
    window = MainWindow(store, settings=gui_settings, idle_clock=clock, idle_check_ms=10)
    qtbot.addWidget(window)
    window.show()

    clock.advance(3)
    qtbot.waitUntil(lambda: window.locked, timeout=2000)


def test_ctrl_l_locks_at_once_and_cancel_keeps_it_locked(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked
    dialog = window.unlock_dialog
    assert dialog is not None

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert window.locked and not dialog.isVisible()
    assert window.central.currentWidget() is window.lock_screen

    click(qtbot, window.lock_screen.unlock_button)
    assert window.unlock_dialog is not None and window.unlock_dialog.isVisible()
