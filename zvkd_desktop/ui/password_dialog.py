"""Changing one's own password: the old one proves it is you, the new one is typed twice."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.errors import KnownError, WrongPasswordError
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.widgets import InlineMessage, StrengthMeter, busy_cursor


class ChangePasswordDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Wachtwoord wijzigen – ZVKD Desktop"))

        intro = QLabel(
            self.tr(
                "Het nieuwe wachtwoord geldt voor gebruiker {user}. De herstelsleutel blijft "
                "dezelfde."
            ).format(user=store.user.username),
            self,
        )
        intro.setWordWrap(True)
        self.old_edit = self._password_field(self.tr("Huidig wachtwoord"))
        self.new_edit = self._password_field(self.tr("Nieuw wachtwoord"))
        self.repeat_edit = self._password_field(self.tr("Nieuw wachtwoord herhalen"))
        self.strength = StrengthMeter(self)
        self.new_edit.textChanged.connect(self.strength.update_for)
        self.message = InlineMessage(self)

        form = QFormLayout()
        for text, field in (
            (self.tr("&Huidig wachtwoord:"), self.old_edit),
            (self.tr("&Nieuw wachtwoord:"), self.new_edit),
            (self.tr("Nieuw wachtwoord &herhalen:"), self.repeat_edit),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.strength)

        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            self.tr("&Wijzigen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Annuleren"))
        self.ok_button.clicked.connect(self._change)
        cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 55))
        self.old_edit.setFocus()

    def _password_field(self, name: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        return field

    def _change(self) -> None:
        strength = self.strength.update_for(self.new_edit.text())
        if not strength.acceptable:
            self.message.show_warning(
                self.tr("Het nieuwe wachtwoord is te zwak. Zie de tip onder het wachtwoord.")
            )
            self.new_edit.setFocus()
            return
        if self.new_edit.text() != self.repeat_edit.text():
            self.message.show_warning(self.tr("De twee nieuwe wachtwoorden zijn niet gelijk."))
            self.repeat_edit.clear()
            self.repeat_edit.setFocus()
            return
        if self.new_edit.text() == self.old_edit.text():
            self.message.show_warning(self.tr("Het nieuwe wachtwoord is gelijk aan het huidige."))
            self.new_edit.setFocus()
            return
        try:
            with busy_cursor():
                self.store.change_password(self.old_edit.text(), self.new_edit.text())
        except WrongPasswordError as error:
            self.message.show_warning(error.message)
            self.old_edit.clear()
            self.old_edit.setFocus()
            return
        except KnownError as error:
            self.message.show_warning(error.message)
            return
        for field in (self.old_edit, self.new_edit, self.repeat_edit):
            field.clear()
        self.accept()
