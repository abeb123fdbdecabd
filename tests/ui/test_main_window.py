"""The main window: only working sections, the settings section, menus, status and closing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import PASSWORD
from tests.ui.helpers import click, type_into
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.main_window import MainWindow
from zvkd_desktop.ui.password_dialog import ChangePasswordDialog
from zvkd_desktop.ui.sections import SECTIONS, AppContext, Section
from zvkd_desktop.ui.settings import GuiSettings
from zvkd_desktop.ui.settings_page import SettingsPage
from zvkd_desktop.ui.store_settings import read_idle_lock_minutes

NEW_PASSWORD = "thee met drie beschuitjes"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    store, _code = Store.create(
        store_path, PASSWORD, username="j.devries", display_name="Jan de Vries", kdf=TEST_KDF
    )
    yield store
    store.close()


@pytest.fixture
def window(qtbot: QtBot, store: Store, gui_settings: GuiSettings) -> MainWindow:
    window = MainWindow(store, settings=gui_settings)
    qtbot.addWidget(window)
    window.show()
    return window


def nav_titles(window: MainWindow) -> list[str]:
    return [window.nav.item(row).text() for row in range(window.nav.count())]


def test_only_working_sections_are_listed(window: MainWindow) -> None:
    planned = ["Signalen", "Casussen", "Aanmeldingen", "Kernteam", "Coaches", "Jaaroverzicht",
               "Beheer", "Back-ups", "Instellingen"]
    titles = nav_titles(window)
    assert titles == [s.display_title for s in SECTIONS if s.shown_to(window.store.user.role)]
    assert titles == [title for title in planned if title in titles]  # the planned order
    assert "Instellingen" in titles
    assert window.windowTitle() == f"{titles[0]} – ZVKD Desktop"


def test_a_new_section_is_one_registry_entry(
    qtbot: QtBot, store: Store, gui_settings: GuiSettings
) -> None:
    def cases_page(context: AppContext, parent: QWidget | None) -> QWidget:
        return QLabel(f"{context.store.user.username}", parent)

    sections = [Section("cases", "Casussen", cases_page), *SECTIONS]
    window = MainWindow(store, settings=gui_settings, sections=sections)
    qtbot.addWidget(window)

    assert nav_titles(window) == ["Casussen", *[s.display_title for s in SECTIONS
                                                 if s.shown_to(store.user.role)]]
    assert window.pages.currentWidget().text() == "j.devries"
    window.show_section("settings")
    assert isinstance(window.pages.currentWidget(), SettingsPage)


def test_the_settings_section_shows_file_generation_and_user(
    window: MainWindow, store: Store
) -> None:
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    assert page.path_label.text() == str(store.path)
    assert page.generation_label.text() == str(store.generation)
    assert "Jan de Vries" in page.user_label.text()
    assert page.idle_spin.value() == 10


def test_changing_the_idle_minutes_saves_in_the_store_and_says_so(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    before = store.generation
    page.idle_spin.setFocus()
    page.idle_spin.selectAll()
    qtbot.keyClicks(page.idle_spin, "15")
    qtbot.keyClick(page.idle_spin, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: read_idle_lock_minutes(store) == 15, timeout=2000)
    assert store.generation > before
    assert page.generation_label.text() == str(store.generation)
    assert window.statusBar().currentMessage() == "Opgeslagen"
    assert window.idle.timeout_seconds == 15 * 60


def test_changing_the_password(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    dialog = ChangePasswordDialog(store, window)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.old_edit, "fout wachtwoord")
    type_into(qtbot, dialog.new_edit, NEW_PASSWORD)
    type_into(qtbot, dialog.repeat_edit, NEW_PASSWORD)
    click(qtbot, dialog.ok_button)
    assert "huidige wachtwoord is onjuist" in dialog.message.text()
    assert dialog.old_edit.text() == "" and dialog.old_edit.hasFocus()

    qtbot.keyClicks(dialog.old_edit, PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog.ok_button)
    path = store.path
    window.close()
    Store.open(path, password=NEW_PASSWORD, username="j.devries").close()


def test_menus_and_shortcuts(window: MainWindow) -> None:
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Bestand", "Be&werken", "&Help"]
    assert window.undo_action.shortcut() == QKeySequence("Ctrl+Z")
    assert QKeySequence("Ctrl+Shift+Z") in window.redo_action.shortcuts()
    assert window.actions_.lock.shortcut() == QKeySequence("Ctrl+L")
    assert window.actions_.quit.shortcut() == QKeySequence("Ctrl+Q")
    assert window.actions_.about.text() == "&Over ZVKD Desktop"


def test_the_status_bar_names_the_user(window: MainWindow) -> None:
    assert window.user_label.text() == "Aangemeld als Jan de Vries"


def test_closing_saves_only_window_geometry_and_releases_the_store(
    window: MainWindow, store_path: Path, gui_settings: GuiSettings
) -> None:
    gui_settings.set_last_store_path(store_path)
    window.close()

    assert sorted(gui_settings.keys()) == ["main/geometry", "main/state", "store/last_path"]
    # the lock is released: the file opens again
    Store.open(store_path, password=PASSWORD, username="j.devries").close()


def test_a_coach_sees_only_the_sections_of_their_own_work(
    qtbot: QtBot, store: Store, gui_settings: GuiSettings
) -> None:
    import dataclasses

    from zvkd_desktop.domain.vocabulary import UserRole

    store.user = dataclasses.replace(store.user, role=UserRole.COACH)
    window = MainWindow(store, settings=gui_settings)
    qtbot.addWidget(window)
    assert nav_titles(window) == ["Signalen", "Casussen", "Jaaroverzicht", "Instellingen"]
