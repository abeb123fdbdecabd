"""The Gebruikers tab: add a user linked to their coach, disable (after a question), enable and
reset with a new password — each through the real key changes of services/users.py."""

from __future__ import annotations

import uuid

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import PASSWORD
from tests.ui.admin.conftest import Answers
from tests.ui.helpers import click, type_into
from zvkd_desktop.domain.vocabulary import ProfessionalRole, UserRole
from zvkd_desktop.errors import WrongPasswordError
from zvkd_desktop.services import users
from zvkd_desktop.services.partners import add_professional
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.admin.user_dialogs import AddUserDialog, NewPasswordDialog
from zvkd_desktop.ui.admin.users_tab import UsersTab
from zvkd_desktop.ui.registrations.fields import find_data
from zvkd_desktop.ui.registrations.table import ROW_ROLE
from zvkd_desktop.ui.sections import AppContext

COACH_PASSWORD = "Fietsen langs de Schie 12"


@pytest.fixture
def coach_id(context: AppContext) -> uuid.UUID:
    return add_professional(context.services, name="Fatima el Amrani", role=ProfessionalRole.COACH)


@pytest.fixture
def tab(qtbot: QtBot, context: AppContext, answers: Answers, coach_id: uuid.UUID) -> UsersTab:
    tab = UsersTab(context, answers.prompts())
    qtbot.addWidget(tab)
    tab.resize(960, 600)
    tab.show()
    return tab


def fill_in(qtbot: QtBot, dialog: AddUserDialog, coach_id: uuid.UUID, password: str) -> None:
    type_into(qtbot, dialog.username_edit, "f.elamrani")
    type_into(qtbot, dialog.name_edit, "Fatima el Amrani")
    dialog.role_combo.setCurrentIndex(find_data(dialog.role_combo, UserRole.COACH.value))
    dialog.link_combo.setCurrentIndex(find_data(dialog.link_combo, coach_id))
    type_into(qtbot, dialog.password_edit, password)
    type_into(qtbot, dialog.repeat_edit, password)


def row_of(tab: UsersTab, username: str) -> users.UserRow:
    return next(row for row in tab.model.rows if row.username == username)


def add_coach_user(qtbot: QtBot, tab: UsersTab, coach_id: uuid.UUID) -> users.UserRow:
    dialog = tab.add_user()
    fill_in(qtbot, dialog, coach_id, COACH_PASSWORD)
    click(qtbot, dialog.ok_button)
    assert dialog.result() == AddUserDialog.DialogCode.Accepted
    return row_of(tab, "f.elamrani")


def opens_with(store: Store, username: str, password: str) -> bool:
    """Does this password open the file as it is saved now (a read-only second look)?"""
    try:
        Store.open(store.path, password=password, username=username, read_only=True).close()
    except WrongPasswordError:
        return False
    return True


def test_the_list_shows_role_link_and_status(tab: UsersTab, context: AppContext) -> None:
    me = row_of(tab, context.store.user.username)
    model = tab.view.model()
    texts = [model.index(0, column).data() for column in range(model.columnCount())]
    assert texts == [me.display_name, me.username, "Coördinator", "", "Actief"]
    tab.select(me.id)
    assert not tab.disable_button.isEnabled()  # never yourself


def test_a_coach_user_is_added_linked_to_their_coach_and_can_open_the_file(
    qtbot: QtBot, tab: UsersTab, coach_id: uuid.UUID, context: AppContext
) -> None:
    added = add_coach_user(qtbot, tab, coach_id)
    assert added.role is UserRole.COACH and added.professional_id == coach_id
    assert added.can_unlock
    model = tab.view.model()
    shown = [model.index(r, 3).data() for r in range(model.rowCount())]
    assert "Fatima el Amrani" in shown
    assert "toegevoegd" in tab.message.text()
    assert opens_with(context.store, "f.elamrani", COACH_PASSWORD)


def test_ok_waits_for_a_strong_repeated_password_and_the_coach(
    qtbot: QtBot, tab: UsersTab, coach_id: uuid.UUID
) -> None:
    dialog = tab.add_user()
    fill_in(qtbot, dialog, coach_id, "kort")
    assert not dialog.ok_button.isEnabled()
    assert "minstens 10 tekens" in dialog.message.text()
    type_into(qtbot, dialog.password_edit, COACH_PASSWORD)
    type_into(qtbot, dialog.repeat_edit, COACH_PASSWORD + "!")
    assert dialog.message.text() == "De twee wachtwoorden zijn niet gelijk."
    type_into(qtbot, dialog.repeat_edit, COACH_PASSWORD)
    dialog.link_combo.setCurrentIndex(0)
    assert dialog.message.text() == "Kies de coach die deze gebruiker is."
    dialog.link_combo.setCurrentIndex(1)
    assert dialog.ok_button.isEnabled()
    dialog.reject()


def test_a_refusal_of_the_service_stays_inside_the_open_dialog(
    qtbot: QtBot, tab: UsersTab, context: AppContext, coach_id: uuid.UUID
) -> None:
    dialog = tab.add_user()
    fill_in(qtbot, dialog, coach_id, COACH_PASSWORD)
    type_into(qtbot, dialog.username_edit, context.store.user.username)
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert "Er is al een gebruiker" in dialog.message.text()
    dialog.reject()


def test_disabling_asks_first_and_then_locks_the_user_out(
    qtbot: QtBot, tab: UsersTab, answers: Answers, coach_id: uuid.UUID, context: AppContext
) -> None:
    added = add_coach_user(qtbot, tab, coach_id)
    tab.select(added.id)
    answers.confirm = False
    click(qtbot, tab.disable_button)
    assert row_of(tab, "f.elamrani").active
    answers.confirm = True
    click(qtbot, tab.disable_button)
    assert answers.kinds()[-2:] == ["confirm", "confirm"]
    disabled = row_of(tab, "f.elamrani")
    assert not disabled.active and not disabled.can_unlock
    assert (
        tab.view.model()
        .index(find_row(tab, disabled.id), 4)
        .data()
        .startswith("Uitgeschakeld sinds")
    )
    assert tab.enable_button.isEnabled() and not tab.reset_button.isEnabled()
    assert not opens_with(context.store, "f.elamrani", COACH_PASSWORD)
    assert opens_with(context.store, context.store.user.username, PASSWORD)


def find_row(tab: UsersTab, user_id: uuid.UUID) -> int:
    model = tab.view.model()
    return next(
        r for r in range(model.rowCount()) if model.index(r, 0).data(ROW_ROLE).id == user_id
    )


def test_enabling_and_resetting_give_a_new_password(
    qtbot: QtBot, tab: UsersTab, coach_id: uuid.UUID, context: AppContext
) -> None:
    added = add_coach_user(qtbot, tab, coach_id)
    users.disable_user(context.services, added.id)
    context.changed.emit()
    tab.select(added.id)
    dialog = tab.new_password(enable=True)
    assert isinstance(dialog, NewPasswordDialog)
    type_into(qtbot, dialog.password_edit, "Nieuwe fiets op de Markt 3")
    type_into(qtbot, dialog.repeat_edit, "Nieuwe fiets op de Markt 3")
    click(qtbot, dialog.ok_button)
    assert row_of(tab, "f.elamrani").active
    assert opens_with(context.store, "f.elamrani", "Nieuwe fiets op de Markt 3")

    tab.select(added.id)
    reset = tab.new_password(enable=False)
    assert isinstance(reset, NewPasswordDialog)
    type_into(qtbot, reset.password_edit, "Haring met uitjes 2024")
    type_into(qtbot, reset.repeat_edit, "Haring met uitjes 2024")
    click(qtbot, reset.ok_button)
    assert reset.password_edit.text() == ""  # not kept in the widget
    assert opens_with(context.store, "f.elamrani", "Haring met uitjes 2024")
    assert not opens_with(context.store, "f.elamrani", "Nieuwe fiets op de Markt 3")
