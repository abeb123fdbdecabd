"""Filling in the registration dialogs the way a person does."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.helpers import click, tick, type_into
from zvkd_desktop.ui.registrations.new_dialog import NewRegistrationDialog
from zvkd_desktop.ui.registrations.page import RegistrationsPage
from zvkd_desktop.ui.sections import AppContext


def open_new_dialog(qtbot: QtBot, page: RegistrationsPage) -> NewRegistrationDialog:
    """Ctrl+N on the page, as the user would."""
    page.pending_view.setFocus()
    qtbot.keyClick(page.pending_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, NewRegistrationDialog)
    assert dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def type_date(qtbot: QtBot, dialog: NewRegistrationDialog, born: dt.date) -> None:
    """Type a date of birth as digits (ddmmjjjj) into the empty field, then leave it."""
    field = dialog.youth.birth_edit
    field.setFocus()
    assert field.hasFocus()
    qtbot.keyClicks(field, born.strftime("%d%m%Y"))
    assert field.value() == born, field.text()


def fill_new_youth(
    qtbot: QtBot,
    dialog: NewRegistrationDialog,
    *,
    first: str = "Dylan",
    last: str = "Verbeek",
    born: dt.date,
    criteria: bool = True,
) -> None:
    picker = dialog.youth
    type_into(qtbot, picker.first_name_edit, first)
    type_into(qtbot, picker.last_name_edit, last)
    type_date(qtbot, dialog, born)
    if criteria:
        tick(qtbot, dialog.police_box)
        type_into(qtbot, dialog.police_note, "Drie registraties overlast")
        tick(qtbot, dialog.domains_box)
        tick(qtbot, dialog.chain_box)


def choose_existing_youth(
    qtbot: QtBot, dialog: NewRegistrationDialog, name: str, youth_id: uuid.UUID
) -> None:
    """Switch to 'Bestaande jongere', search the name and click the right person in the list
    (names repeat; the date of birth beside each tells them apart)."""
    picker = dialog.youth
    click(qtbot, picker.existing_radio)
    type_into(qtbot, picker.search_edit, name)
    for row in range(picker.youth_list.count()):
        item = picker.youth_list.item(row)
        if item.data(Qt.ItemDataRole.UserRole).id == youth_id:
            rect = picker.youth_list.visualItemRect(item)
            qtbot.mouseClick(
                picker.youth_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
            )
            break
    assert picker.existing_id() == youth_id


def make_page(qtbot: QtBot, context: AppContext) -> RegistrationsPage:
    page = RegistrationsPage(context)
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # shortcuts reach only the active window
    return page


__all__ = ["choose_existing_youth", "click", "fill_new_youth", "make_page", "open_new_dialog", "type_date"]
