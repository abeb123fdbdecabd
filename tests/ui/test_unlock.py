"""Unlocking at start: the right password opens the main window; every failure is answered
in the dialog, in Dutch, without a traceback."""

from __future__ import annotations

import getpass
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import PASSWORD
from tests.ui.helpers import click, tick, type_into
from tests.ui.stores import USERNAME, closed_store, damage, roll_back
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.app import Launcher
from zvkd_desktop.ui.cases.background import run_in_background
from zvkd_desktop.ui.main_window import MainWindow
from zvkd_desktop.ui.settings import GuiSettings
from zvkd_desktop.ui.unlock import UnlockDialog


class Answers:
    """Stands in for the confirmation boxes; records what the user was told."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, _parent: QWidget, text: str) -> bool:
        self.asked.append(text)
        return self.answer


@pytest.fixture
def dialog_for(qtbot: QtBot) -> Iterator[Callable[..., UnlockDialog]]:
    opened: list[UnlockDialog] = []

    def make(path: Path, **kwargs: object) -> UnlockDialog:
        dialog = UnlockDialog(path, **kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        dialog.show()
        opened.append(dialog)
        return dialog

    yield make
    for dialog in opened:
        if dialog.store is not None:
            dialog.store.close()


def log_in(
    qtbot: QtBot, dialog: UnlockDialog, password: str = PASSWORD, *, wait: bool = True
) -> None:
    type_into(qtbot, dialog.username_edit, USERNAME)
    type_into(qtbot, dialog.password_edit, password)
    click(qtbot, dialog.open_button)
    if wait:
        wait_for_answer(qtbot, dialog)


def wait_for_answer(qtbot: QtBot, dialog: UnlockDialog) -> None:
    """The file opens on the background worker; the dialog answers when that is done."""
    qtbot.waitUntil(lambda: not dialog.working, timeout=10_000)


class Gate:
    """Holds the background worker busy until released, so a test can act while work waits."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.open = threading.Event()
        self.passed: list[bool] = []

    def hold(self, receiver: QWidget) -> None:
        run_in_background(receiver, lambda: self.open.wait(10), self.passed.append, print)

    def release_and_drain(self, receiver: QWidget) -> None:
        """Let the held work and everything queued behind it finish, results delivered."""
        self.open.set()
        drained: list[bool] = []
        run_in_background(receiver, lambda: True, drained.append, print)
        self.qtbot.waitUntil(lambda: drained == [True], timeout=10_000)


def test_the_right_password_opens_the_main_window(
    qtbot: QtBot, store_path: Path, gui_settings: GuiSettings
) -> None:
    closed_store(store_path)
    launcher = Launcher(store_path, settings=gui_settings)
    launcher.start()
    assert isinstance(launcher.dialog, UnlockDialog)
    qtbot.addWidget(launcher.dialog)

    log_in(qtbot, launcher.dialog, wait=False)
    qtbot.waitUntil(lambda: launcher.main_window is not None, timeout=10_000)

    window = launcher.main_window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.store.user.username == USERNAME
    assert gui_settings.last_store_path() == store_path
    window.close()


def test_no_store_yet_starts_the_first_run_dialog(
    qtbot: QtBot, store_path: Path, gui_settings: GuiSettings
) -> None:
    from zvkd_desktop.ui.first_run import FirstRunDialog

    launcher = Launcher(store_path, settings=gui_settings)
    launcher.start()
    assert isinstance(launcher.dialog, FirstRunDialog)
    qtbot.addWidget(launcher.dialog)
    assert launcher.dialog.path_edit.text() == str(store_path)


def test_a_wrong_password_is_answered_in_dutch_and_the_dialog_stays(
    qtbot: QtBot, store_path: Path, dialog_for
) -> None:
    closed_store(store_path)
    dialog = dialog_for(store_path)

    log_in(qtbot, dialog, "niet het wachtwoord")

    assert dialog.isVisible()
    assert dialog.store is None
    assert "wachtwoord onjuist" in dialog.message.text()
    assert dialog.password_edit.text() == ""
    assert dialog.password_edit.hasFocus()

    log_in(qtbot, dialog)  # and a second try works
    assert dialog.store is not None


def test_a_store_in_use_names_who_holds_it(
    qtbot: QtBot, new_store: Store, store_path: Path, dialog_for
) -> None:
    dialog = dialog_for(store_path)

    log_in(qtbot, dialog)

    assert dialog.store is None
    assert "al geopend door" in dialog.message.text()
    assert getpass.getuser() in dialog.message.text()


def test_the_recovery_key_opens_the_store(qtbot: QtBot, store_path: Path, dialog_for) -> None:
    code = closed_store(store_path)
    dialog = dialog_for(store_path)

    tick(qtbot, dialog.use_recovery)
    assert dialog.recovery_edit.isVisible() and not dialog.password_edit.isVisible()
    type_into(qtbot, dialog.recovery_edit, code.lower())
    click(qtbot, dialog.open_button)
    wait_for_answer(qtbot, dialog)

    assert dialog.store is not None and dialog.store.user.username == USERNAME


def test_a_wrong_recovery_key_is_refused(qtbot: QtBot, store_path: Path, dialog_for) -> None:
    closed_store(store_path)
    dialog = dialog_for(store_path)

    tick(qtbot, dialog.use_recovery)
    type_into(qtbot, dialog.recovery_edit, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")
    click(qtbot, dialog.open_button)
    wait_for_answer(qtbot, dialog)

    assert dialog.store is None
    assert "herstelsleutel past niet" in dialog.message.text()


def test_a_damaged_file_offers_the_newest_good_backup_and_says_what_is_lost(
    qtbot: QtBot, store_path: Path, dialog_for
) -> None:
    closed_store(store_path, saves=2)
    damage(store_path)
    confirm = Answers(True)
    dialog = dialog_for(store_path, confirm_backup=confirm)

    log_in(qtbot, dialog)

    assert len(confirm.asked) == 1
    assert "beschadigd" in confirm.asked[0]
    assert "gaat verloren" in confirm.asked[0]
    assert dialog.store is not None
    assert dialog.store.file.opened_from_backup is not None


def test_declining_the_backup_leaves_the_dialog_open(
    qtbot: QtBot, store_path: Path, dialog_for
) -> None:
    closed_store(store_path, saves=1)
    damage(store_path)
    dialog = dialog_for(store_path, confirm_backup=Answers(False))

    log_in(qtbot, dialog)

    assert dialog.store is None and dialog.isVisible()
    assert "beschadigd" in dialog.message.text()


def test_an_older_copy_needs_an_explicit_open_anyway(
    qtbot: QtBot, store_path: Path, dialog_for
) -> None:
    closed_store(store_path, saves=1)
    roll_back(store_path)
    refuse = Answers(False)
    dialog = dialog_for(store_path, confirm_rollback=refuse)

    log_in(qtbot, dialog)
    assert dialog.store is None
    assert "oudere versie" in refuse.asked[0]
    assert "oudere versie" in dialog.message.text()

    dialog._confirm_rollback = Answers(True)
    log_in(qtbot, dialog)
    assert dialog.store is not None


def test_opening_shows_progress_and_locks_the_form(
    qtbot: QtBot, store_path: Path, dialog_for
) -> None:
    closed_store(store_path)
    dialog = dialog_for(store_path)
    gate = Gate(qtbot)
    gate.hold(dialog)

    log_in(qtbot, dialog, wait=False)
    assert dialog.working and dialog.busy.isVisible()
    assert dialog.busy.label.text() == "Bezig met openen…"
    assert not dialog.password_edit.isEnabled() and not dialog.open_button.isEnabled()

    gate.release_and_drain(dialog)
    assert dialog.store is not None and not dialog.isVisible()


def test_cancelling_an_open_gives_the_form_back_and_releases_the_file(
    qtbot: QtBot, store_path: Path, dialog_for
) -> None:
    closed_store(store_path)
    dialog = dialog_for(store_path)
    gate = Gate(qtbot)
    gate.hold(dialog)

    log_in(qtbot, dialog, wait=False)
    click(qtbot, dialog.cancel_button)

    # at once, while the open still waits on the worker
    assert dialog.isVisible() and not dialog.working and not dialog.busy.isVisible()
    assert dialog.password_edit.isEnabled() and dialog.open_button.isEnabled()

    gate.release_and_drain(dialog)  # the abandoned open runs now
    assert dialog.store is None and dialog.isVisible()
    Store.open(store_path, username=USERNAME, password=PASSWORD).close()  # the lock is free

    log_in(qtbot, dialog)  # and the dialog still works
    assert dialog.store is not None


def test_closing_the_dialog_during_an_open_keeps_nothing_open(
    qtbot: QtBot, store_path: Path, dialog_for
) -> None:
    closed_store(store_path)
    dialog = dialog_for(store_path)
    gate = Gate(qtbot)
    gate.hold(dialog)

    log_in(qtbot, dialog, wait=False)
    dialog.reject()
    assert not dialog.isVisible()

    gate.release_and_drain(dialog)
    assert dialog.store is None
    Store.open(store_path, username=USERNAME, password=PASSWORD).close()
