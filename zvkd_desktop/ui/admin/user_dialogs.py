"""Adding a user, and giving a user a new password (a reset, or switching a user back on).

These are key changes, not data edits: each gives the user a new key pair under the new password
(services/users.py). They are not on the undo stack — Ctrl+Z must never hand an account back
or take one away — so the dialogs call the service directly, with the form's usual checks at the
fields and a refusal shown inside the dialog. The passwords are cleared from the fields as soon as
they are used and never logged.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QWidget

from zvkd_desktop.domain.vocabulary import ProfessionalRole, UserRole
from zvkd_desktop.errors import KnownError
from zvkd_desktop.services import users
from zvkd_desktop.services.partners import list_organisations, list_professionals
from zvkd_desktop.ui.dialogs.base import ActionDialog
from zvkd_desktop.ui.registrations.fields import label_of
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.widgets import StrengthMeter, busy_cursor

__all__ = ["AddUserDialog", "NewPasswordDialog"]


def _tr(text: str) -> str:
    """For the texts a dialog needs before its QObject exists (``self.tr`` is not usable yet)."""
    return QCoreApplication.translate("UserDialogs", text)


class _PasswordDialog(ActionDialog):
    """An ActionDialog that runs its service call directly (not undoable) and has passwords."""

    def _add_passwords(self) -> None:
        self.password_edit = self._password_field()
        self.repeat_edit = self._password_field()
        self.strength = StrengthMeter(self)
        self.password_edit.textChanged.connect(self.strength.update_for)
        self.add_row(self.tr("Nieuw &wachtwoord:"), self.password_edit)
        self.add_row(self.tr("Wachtwoord &herhalen:"), self.repeat_edit)
        self.form.addRow("", self.strength)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 72)
        hint = QLabel(
            self.tr(
                "Geef het wachtwoord persoonlijk of telefonisch door, niet per e-mail. De gebruiker "
                "kan het daarna zelf wijzigen onder Instellingen."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.extra.addWidget(hint)

    def _password_field(self) -> QLineEdit:
        field = QLineEdit(self)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def password_problems(self, username: str) -> list[tuple[QWidget | None, str]]:
        password = self.password_edit.text()
        if len(password) < users.MIN_PASSWORD:
            return [(self.password_edit,
                     self.tr("Kies een wachtwoord van minstens {n} tekens.").format(
                         n=users.MIN_PASSWORD))]  # fmt: skip
        if username and password.strip().casefold() == username.strip().casefold():
            return [(self.password_edit,
                     self.tr("Het wachtwoord mag niet gelijk zijn aan de gebruikersnaam."))]  # fmt: skip
        if not self.strength.update_for(password).acceptable:
            return [(self.password_edit,
                     self.tr("Dit wachtwoord is te zwak. Zie de tip onder het wachtwoord."))]  # fmt: skip
        if self.repeat_edit.text() != password:
            return [(self.repeat_edit, self.tr("De twee wachtwoorden zijn niet gelijk."))]
        return []

    def run(self) -> Any:
        raise NotImplementedError

    def accept(self) -> None:
        if not self.revalidate() or self.context.closed:
            return
        try:
            # a new key pair under the password: the key derivation takes a moment
            with busy_cursor():
                self.result_value = self.run()
        except KnownError as error:
            self.show_refusal(error)
            return
        self.password_edit.clear()
        self.repeat_edit.clear()
        QDialog.accept(self)

    def reject(self) -> None:
        self.password_edit.clear()
        self.repeat_edit.clear()
        super().reject()


class AddUserDialog(_PasswordDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            context,
            _tr("Gebruiker toevoegen"),
            _tr("&Toevoegen"),
            parent,
            intro=_tr(
                "Iedere gebruiker heeft een eigen gebruikersnaam en wachtwoord. Wat iemand ziet, "
                "hangt af van de rol: een PAD-coach ziet alleen de eigen casussen, een partner "
                "alleen de casussen van de kernteamoverleggen waarbij de partner aanwezig is."
            ),
        )
        self.username_edit = QLineEdit(self)
        self.username_edit.setPlaceholderText(self.tr("bijvoorbeeld j.devries"))
        self.name_edit = QLineEdit(self)
        self.role_combo = QComboBox(self)
        for role in UserRole:
            self.role_combo.addItem(label_of(role), role.value)  # Qt keeps str, not the enum
        self.role_combo.setCurrentIndex(list(UserRole).index(UserRole.COACH))
        self.link_combo = QComboBox(self)
        self.add_row(self.tr("&Gebruikersnaam:"), self.username_edit)
        self.add_row(self.tr("&Naam:"), self.name_edit, accessible=self.tr("Naam van de gebruiker"))
        self.add_row(self.tr("&Rol:"), self.role_combo)
        self.link_label = self.add_row(self.tr("&Coach:"), self.link_combo)
        self._add_passwords()
        self.role_combo.currentIndexChanged.connect(self._role_changed)
        self._role_changed()

    @property
    def role(self) -> UserRole:
        return UserRole(self.role_combo.currentData())

    def _role_changed(self, *_args: object) -> None:
        """The link list follows the role: a coach, a process director, or an organisation."""
        ctx = self.context.services
        taken = {row.professional_id for row in users.list_users(ctx) if row.active}
        combo = self.link_combo
        combo.blockSignals(True)
        combo.clear()
        role = self.role
        if role is UserRole.COACH:
            self.link_label.setText(self.tr("&Coach:"))
            combo.addItem(self.tr("(kies de coach)"), None)
            for row in list_professionals(ctx, role=ProfessionalRole.COACH):
                if row.id not in taken:  # one professional, one user
                    combo.addItem(row.name, row.id)
        elif role is UserRole.PROCESS_DIRECTOR:
            self.link_label.setText(self.tr("&Procesregisseur:"))
            combo.addItem(self.tr("(geen)"), None)
            for row in list_professionals(ctx, role=ProfessionalRole.PROCESS_DIRECTOR):
                if row.id not in taken:
                    combo.addItem(row.name, row.id)
        elif role is UserRole.PARTNER:
            self.link_label.setText(self.tr("&Organisatie:"))
            combo.addItem(self.tr("(kies de organisatie)"), None)
            for org in list_organisations(ctx):
                combo.addItem(org.name, org.id)
        else:
            self.link_label.setText(self.tr("Gekoppeld &aan:"))
            combo.addItem(self.tr("(niet nodig voor een coördinator)"), None)
        combo.setEnabled(combo.count() > 1)
        combo.setAccessibleName(self.link_label.text().replace("&", "").rstrip(":"))
        combo.blockSignals(False)
        self.revalidate()

    def _link(self) -> tuple[uuid.UUID | None, uuid.UUID | None]:
        link_id = self.link_combo.currentData()
        if link_id is None:
            return None, None
        return (None, link_id) if self.role is UserRole.PARTNER else (link_id, None)

    def problems(self) -> list[tuple[QWidget | None, str]]:
        problems: list[tuple[QWidget | None, str]] = []
        username = self.username_edit.text().strip()
        if not username:
            problems.append((self.username_edit, self.tr("Vul een gebruikersnaam in.")))
        elif " " in username:
            problems.append((self.username_edit,
                             self.tr("Een gebruikersnaam heeft geen spaties (bijvoorbeeld j.devries).")))  # fmt: skip
        if not self.name_edit.text().strip():
            problems.append((self.name_edit, self.tr("Vul de naam van de gebruiker in.")))
        if self.link_combo.currentData() is None:
            if self.role is UserRole.COACH and self.link_combo.count() == 1:
                problems.append((self.link_combo,
                                 self.tr("Elke coach heeft al een gebruiker. Voeg een nieuwe coach "
                                         "eerst toe onder Coaches.")))  # fmt: skip
            elif self.role is UserRole.COACH:
                problems.append((self.link_combo, self.tr("Kies de coach die deze gebruiker is.")))
            elif self.role is UserRole.PARTNER:
                problems.append((self.link_combo,
                                 self.tr("Kies de organisatie van deze partner.")))  # fmt: skip
        return problems + self.password_problems(username)

    def run(self) -> uuid.UUID:
        professional_id, organisation_id = self._link()
        return users.add_user(
            self.context.services,
            username=self.username_edit.text().strip(),
            display_name=self.name_edit.text().strip(),
            role=self.role,
            password=self.password_edit.text(),
            professional_id=professional_id,
            organisation_id=organisation_id,
        )


class NewPasswordDialog(_PasswordDialog):
    """A new password for one user: a reset, or switching a disabled user back on."""

    def __init__(
        self,
        context: AppContext,
        user: users.UserRow,
        parent: QWidget | None = None,
        *,
        enable: bool = False,
    ) -> None:
        if enable:
            title = _tr("Gebruiker weer inschakelen")
            ok_text = _tr("&Inschakelen")
            intro = _tr(
                "{name} ({username}) kan het bestand weer openen met het nieuwe wachtwoord "
                "hieronder. Het oude wachtwoord werkt niet meer."
            ).format(name=user.display_name, username=user.username)
        else:
            title = _tr("Wachtwoord opnieuw instellen")
            ok_text = _tr("&Instellen")
            intro = _tr(
                "{name} ({username}) opent het bestand voortaan met het nieuwe wachtwoord "
                "hieronder. Het oude wachtwoord opent niets meer wat vanaf nu wordt opgeslagen."
            ).format(name=user.display_name, username=user.username)
        super().__init__(context, title, ok_text, parent, intro=intro)
        self.user = user
        self.enable = enable
        self._add_passwords()

    def problems(self) -> list[tuple[QWidget | None, str]]:
        return self.password_problems(self.user.username)

    def run(self) -> None:
        call: Callable[..., None] = users.enable_user if self.enable else users.reset_password
        call(self.context.services, self.user.id, self.password_edit.text())
