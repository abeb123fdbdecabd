"""Every action of the case file is reachable by keyboard: the menus carry distinct mnemonics,
the frequent actions have shortcuts, no shortcut is claimed twice, and the tabs have Ctrl+1 … 7."""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from tests.ui.casefile.drive import opened, press
from zvkd_desktop.ui.casefile.window import TAB_KEYS, CaseWindow


def menu_actions(window: CaseWindow) -> dict[str, list[QAction]]:
    return {
        menu.title(): [a for a in menu.actions() if not a.isSeparator()]
        for menu in (action.menu() for action in window.menuBar().actions())
        if menu is not None
    }


def mnemonic(text: str) -> str | None:
    found = re.search(r"&(\w)", text)
    return found.group(1).lower() if found else None


def test_every_menu_entry_has_its_own_mnemonic(window: CaseWindow) -> None:
    menus = menu_actions(window)
    assert list(menus) == ["&Casus", "Be&werken", "&Ga naar"]
    for title, actions in menus.items():
        letters = [mnemonic(a.text()) for a in actions]
        assert None not in letters, title
        assert len(set(letters)) == len(letters), (title, letters)


def test_the_frequent_actions_have_shortcuts_and_none_is_claimed_twice(window: CaseWindow) -> None:
    a = window.actions_
    assert a.police.shortcut().toString() == "Ctrl+Shift+P"
    assert a.coach_contact.shortcut().toString() == "Ctrl+Shift+C"
    assert a.review.shortcut().toString() == "Ctrl+Shift+B"
    assert a.undo.shortcut().toString() == "Ctrl+Z"
    assert a.redo.shortcut().toString() == "Ctrl+Shift+Z"
    keys = [k.toString() for action in window.findChildren(QAction) for k in action.shortcuts()]
    assert [k for k, n in Counter(keys).items() if n > 1] == []


def test_ctrl_and_a_number_goes_to_a_tab(qtbot: QtBot, window: CaseWindow) -> None:
    for number, key in enumerate(TAB_KEYS, start=1):
        press(qtbot, window, f"Ctrl+{number}")
        assert window.current_tab() == key


def test_dialog_labels_are_buddies_with_mnemonics(qtbot: QtBot, window: CaseWindow) -> None:
    from PySide6.QtWidgets import QLabel

    for action in (
        window.actions_.police,
        window.actions_.coach_contact,
        window.actions_.review,
        window.actions_.category,
        window.actions_.coach,
        window.actions_.close_case,
        window.actions_.youth,
        window.actions_.guardian,
    ):
        action.trigger()
        dialog = opened(window)
        labels = [lbl for lbl in dialog.findChildren(QLabel) if lbl.buddy() is not None]
        assert labels, action.text()
        for label in labels:
            assert mnemonic(label.text()), (action.text(), label.text())
            assert label.buddy().accessibleName(), label.text()
        letters = [mnemonic(lbl.text()) for lbl in labels if lbl.isVisible()]
        assert len(set(letters)) == len(letters), (action.text(), letters)
        dialog.reject()
