"""The 'Gebruikers' tab: who can open the file, in which role, linked to which coach or partner.

Adding, disabling, enabling and resetting change the file's keys (services/users.py) and are not
undoable with Ctrl+Z (see user_dialogs.py). Disabling asks first and says what it does: the user's
slot goes and the data key is renewed, so not even an old copy of the file opens with their
password for anything saved from then on.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from zvkd_desktop.errors import KnownError
from zvkd_desktop.services import users
from zvkd_desktop.services.users import UserRow
from zvkd_desktop.ui.admin.models import user_columns
from zvkd_desktop.ui.admin.prompts import Prompts
from zvkd_desktop.ui.admin.user_dialogs import AddUserDialog, NewPasswordDialog
from zvkd_desktop.ui.registrations.table import (
    ROW_ROLE,
    RowTableModel,
    current_row,
    row_table_view,
)
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.widgets import InlineMessage, busy_cursor

__all__ = ["UsersTab"]


class UsersTab(QWidget):
    def __init__(
        self,
        context: AppContext,
        prompts: Prompts,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.prompts = prompts
        self._stale = True
        self.last_dialog: QDialog | None = None

        intro = QLabel(
            self.tr(
                "Iedere gebruiker opent het bestand met een eigen wachtwoord. Schakel iemand die "
                "niet meer bij de PAD werkt uit: het programma vernieuwt dan de gegevenssleutel, "
                "zodat dat wachtwoord ook op een oude kopie van het bestand niets nieuws meer "
                "opent."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.model: RowTableModel[UserRow] = RowTableModel(user_columns(), self)
        self.view = row_table_view(self.model, self.tr("Gebruikers"), self)
        self.message = InlineMessage(self)
        self.add_button = QPushButton(self.tr("&Toevoegen…"), self)
        self.disable_button = QPushButton(self.tr("&Uitschakelen…"), self)
        self.enable_button = QPushButton(self.tr("&Inschakelen…"), self)
        self.reset_button = QPushButton(self.tr("Wacht&woord opnieuw instellen…"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.disable_button)
        buttons.addWidget(self.enable_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self.add_user)
        self.disable_button.clicked.connect(self.disable_user)
        self.enable_button.clicked.connect(lambda: self.new_password(enable=True))
        self.reset_button.clicked.connect(lambda: self.new_password(enable=False))
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        context.changed.connect(self._data_changed)
        self.reload()

    # -- list -----------------------------------------------------------------------------------

    def reload(self) -> None:
        if self.context.closed:
            return
        self._stale = False
        chosen = self.selected
        try:
            rows = users.list_users(self.context.services)
        except KnownError as error:
            self.message.show_warning(error.message)
            rows = []
        self.model.set_rows(rows)
        if chosen is not None:
            self.select(chosen.id)
        self._update_buttons()

    def select(self, user_id: object) -> None:
        view_model = self.view.model()
        for row in range(view_model.rowCount()):
            index = view_model.index(row, 0)
            found = index.data(ROW_ROLE)
            if found is not None and found.id == user_id:
                self.view.setCurrentIndex(index)
                self.view.selectRow(row)
                return

    @property
    def selected(self) -> UserRow | None:
        return current_row(self.view)  # type: ignore[no-any-return]

    def _update_buttons(self, *_args: object) -> None:
        user = self.selected
        me = self.context.store.user.id
        self.disable_button.setEnabled(user is not None and user.active and user.id != me)
        self.enable_button.setEnabled(user is not None and not user.active)
        self.reset_button.setEnabled(user is not None and user.active)
        if user is not None and user.id == me:
            self.disable_button.setToolTip(self.tr("U kunt uzelf niet uitschakelen."))
        else:
            self.disable_button.setToolTip("")

    def _data_changed(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._stale:
            self.reload()
        super().showEvent(event)

    def _changed(self, text: str) -> None:
        self.context.saved.emit()
        self.context.changed.emit()
        if not self.isVisible():
            self.reload()
        self.message.show_info(text)

    # -- actions --------------------------------------------------------------------------------

    def _run(self, dialog: QDialog) -> None:
        """Open a dialog window-modally without blocking (tests fill in ``last_dialog``)."""
        self.last_dialog = dialog
        dialog.open()

    def add_user(self) -> AddUserDialog:
        dialog = AddUserDialog(self.context, self)
        dialog.accepted.connect(
            lambda: (self._changed(self.tr("{name} is toegevoegd.").format(
                name=dialog.name_edit.text().strip())), self.select(dialog.result_value))
        )  # fmt: skip
        self._run(dialog)
        return dialog

    def new_password(self, *, enable: bool) -> NewPasswordDialog | None:
        user = self.selected
        if user is None:
            return None
        dialog = NewPasswordDialog(self.context, user, self, enable=enable)
        done = (
            self.tr("{name} is weer ingeschakeld.") if enable
            else self.tr("Het wachtwoord van {name} is opnieuw ingesteld.")
        ).format(name=user.display_name)  # fmt: skip
        dialog.accepted.connect(lambda: self._changed(done))
        self._run(dialog)
        return dialog

    def disable_question(self, user: UserRow) -> str:
        return self.tr(
            "{name} ({username}) kan het bestand daarna niet meer openen.\n\n"
            "Het programma vernieuwt meteen de gegevenssleutel: ook met een oude kopie van het "
            "bestand opent het wachtwoord van {name} niets wat vanaf nu wordt opgeslagen. U kunt "
            "{name} later weer inschakelen met een nieuw wachtwoord."
        ).format(name=user.display_name, username=user.username)

    def disable_user(self) -> None:
        user = self.selected
        if user is None or not user.active:
            return
        if not self.prompts.confirm(
            self, self.tr("Gebruiker uitschakelen"), self.disable_question(user),
            self.tr("&Uitschakelen"),
        ):  # fmt: skip
            return
        try:
            with busy_cursor():
                users.disable_user(self.context.services, user.id)
        except KnownError as error:
            self.message.show_warning(error.message)
            return
        self._changed(self.tr("{name} is uitgeschakeld.").format(name=user.display_name))
