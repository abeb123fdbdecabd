"""First run: creating the encrypted file and keeping the recovery key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.ui.helpers import click, tick, type_into
from tests.ui.test_unlock import Gate
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.first_run import FirstRunDialog
from zvkd_desktop.ui.recovery_page import recovery_document

STRONG = "koffie met zeven koekjes"
KEY = re.compile(r"^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$")


@pytest.fixture
def printed() -> list[tuple[str, str]]:
    return []


@pytest.fixture
def dialog(qtbot: QtBot, store_path: Path, printed: list[tuple[str, str]]) -> FirstRunDialog:
    dialog = FirstRunDialog(
        store_path,
        kdf=TEST_KDF,
        print_key=lambda _parent, code, name: printed.append((code, name)),
        clipboard_clear_ms=50,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill_in(qtbot: QtBot, dialog: FirstRunDialog, password: str, repeat: str | None = None) -> None:
    type_into(qtbot, dialog.username_edit, "j.devries")
    type_into(qtbot, dialog.display_name_edit, "Jan de Vries")
    type_into(qtbot, dialog.password_edit, password)
    type_into(qtbot, dialog.repeat_edit, password if repeat is None else repeat)


def create(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    """Click "Aanmaken" and wait: the file is made on the background worker."""
    click(qtbot, dialog.create_button)
    qtbot.waitUntil(lambda: not dialog.working, timeout=10_000)


def close_store(dialog: FirstRunDialog) -> None:
    if dialog.store is not None:
        dialog.store.close()


def test_creating_a_store_shows_the_recovery_key_once(
    qtbot: QtBot, dialog: FirstRunDialog, store_path: Path
) -> None:
    fill_in(qtbot, dialog, STRONG)
    create(qtbot, dialog)

    assert store_path.exists()
    assert dialog.pages.currentWidget() is dialog.key_page
    code = dialog.key_page.key_label.text()
    assert KEY.match(code)
    assert dialog.windowTitle() == "Herstelsleutel bewaren – ZVKD Desktop"
    assert not dialog.continue_button.isEnabled()
    assert dialog.store is not None and dialog.store.user.display_name == "Jan de Vries"
    dialog.store.close()
    # the key really opens the file
    Store.open(store_path, recovery_code=code).close()


def test_continuing_needs_the_kept_key_box_ticked(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    fill_in(qtbot, dialog, STRONG)
    create(qtbot, dialog)

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert "herstelsleutel" in dialog.key_page.message.text()

    tick(qtbot, dialog.key_page.kept_box)
    assert dialog.continue_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog.continue_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.key_page.key_label.text() == ""  # the key does not linger in the widget
    close_store(dialog)


def test_a_weak_password_is_refused_inline(
    qtbot: QtBot, dialog: FirstRunDialog, store_path: Path
) -> None:
    fill_in(qtbot, dialog, "zomer2024")
    assert "Zwak" in dialog.strength.label.text()
    create(qtbot, dialog)

    assert "te zwak" in dialog.message.text()
    assert dialog.pages.currentWidget() is dialog.form_page
    assert not store_path.exists()


def test_mismatched_passwords_are_refused_and_the_repeat_cleared(
    qtbot: QtBot, dialog: FirstRunDialog, store_path: Path
) -> None:
    fill_in(qtbot, dialog, STRONG, repeat=STRONG + "!")
    create(qtbot, dialog)

    assert "niet gelijk" in dialog.message.text()
    assert dialog.repeat_edit.text() == ""
    assert dialog.repeat_edit.hasFocus()
    assert not store_path.exists()


def test_an_existing_file_is_never_overwritten(
    qtbot: QtBot, dialog: FirstRunDialog, store_path: Path
) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(b"something else")
    fill_in(qtbot, dialog, STRONG)
    create(qtbot, dialog)

    assert "staat al een bestand" in dialog.message.text()
    assert store_path.read_bytes() == b"something else"


def test_print_gets_the_key_and_copy_clears_the_clipboard_later(
    qtbot: QtBot, dialog: FirstRunDialog, printed: list[tuple[str, str]], store_path: Path
) -> None:
    fill_in(qtbot, dialog, STRONG)
    create(qtbot, dialog)
    code = dialog.key_page.key_label.text()

    click(qtbot, dialog.key_page.print_button)
    assert printed == [(code, store_path.name)]

    click(qtbot, dialog.key_page.copy_button)
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == code
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=2000)
    close_store(dialog)


def test_the_clipboard_is_left_alone_when_it_holds_something_else(
    qtbot: QtBot, dialog: FirstRunDialog
) -> None:
    fill_in(qtbot, dialog, STRONG)
    create(qtbot, dialog)
    click(qtbot, dialog.key_page.copy_button)
    QGuiApplication.clipboard().setText("iets anders")
    qtbot.wait(150)
    assert QGuiApplication.clipboard().text() == "iets anders"
    close_store(dialog)


def test_the_printed_sheet_names_the_key_and_the_file() -> None:
    text = recovery_document("ABCDE-FGHJK-MNPQR-STVWX-YZ012", "pad.zvkd").toPlainText()
    assert "ABCDE-FGHJK-MNPQR-STVWX-YZ012" in text
    assert "pad.zvkd" in text
    assert "veilige plek" in text


def test_cancelling_a_create_gives_the_form_back_and_leaves_no_file(
    qtbot: QtBot, dialog: FirstRunDialog, store_path: Path
) -> None:
    gate = Gate(qtbot)
    gate.hold(dialog)
    fill_in(qtbot, dialog, STRONG)
    click(qtbot, dialog.create_button)
    assert dialog.working and dialog.busy.isVisible()
    assert not dialog.form_page.isEnabled()

    click(qtbot, dialog.cancel_button)
    assert dialog.isVisible() and not dialog.working and dialog.form_page.isEnabled()

    gate.release_and_drain(dialog)  # the abandoned create runs now, and is undone
    assert dialog.store is None
    assert dialog.pages.currentWidget() is dialog.form_page
    assert not store_path.exists()

    fill_in(qtbot, dialog, STRONG)  # the same location works again
    create(qtbot, dialog)
    assert dialog.pages.currentWidget() is dialog.key_page
    close_store(dialog)
