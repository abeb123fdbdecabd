"""Unlocking: opening the data file at start, and unlocking again after the idle lock.

Every environment failure is answered in the dialog itself, in Dutch, without a traceback: a
wrong password clears the field and puts the cursor back; a file in use names who holds it; a
damaged file offers the newest backup that still opens, saying plainly what is lost; a file older
than this computer has seen needs an explicit "Toch openen".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.errors import (
    DamagedStoreError,
    KnownError,
    RollbackError,
    WrongPasswordError,
)
from zvkd_desktop.paths import STORE_SUFFIX
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.forms import chain_tab_order, heading_label
from zvkd_desktop.ui.widgets import InlineMessage, busy_cursor, shorten_path

Confirm = Callable[[QWidget, str], bool]
"""(parent, Dutch explanation) → the user's yes or no; injectable so tests answer directly."""


def ask_open_backup(parent: QWidget, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, _t("Bestand beschadigd"), text, parent=parent)
    yes = box.addButton(_t("Reservekopie openen"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_t("Annuleren"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes


def ask_open_despite_rollback(parent: QWidget, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, _t("Oudere versie van het bestand"), text,
                      parent=parent)
    box.addButton(_t("Toch openen"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(_t("Annuleren"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is not cancel and box.clickedButton() is not None


def _t(text: str) -> str:
    return QCoreApplication.translate("UnlockDialog", text)


def verify_password(store: Store, password: str) -> bool:
    """Whether ``password`` is the unlocked user's; the store stays open (idle lock).

    TODO(services): a ``Store.verify_password`` would keep ``store.file`` private.
    """
    return store.verify_password(password)


class UnlockDialog(QDialog):
    """Open a store (``store`` after Accepted) or, with ``relock``, re-check its user."""

    def __init__(
        self,
        path: Path,
        *,
        relock: Store | None = None,
        confirm_backup: Confirm = ask_open_backup,
        confirm_rollback: Confirm = ask_open_despite_rollback,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.store: Store | None = relock
        self._relock = relock
        self._confirm_backup = confirm_backup
        self._confirm_rollback = confirm_rollback

        if relock is None:
            self.setWindowTitle(self.tr("Gegevensbestand openen – ZVKD Desktop"))
            heading_text = self.tr("Gegevensbestand openen")
        else:
            self.setWindowTitle(self.tr("Ontgrendelen – ZVKD Desktop"))
            heading_text = self.tr("ZVKD Desktop is vergrendeld")
        heading = heading_label(heading_text, self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        if relock is not None:
            self.intro.setText(
                self.tr("Vul het wachtwoord van {name} ({username}) in om verder te werken.").format(
                    name=relock.user.display_name, username=relock.user.username
                )
            )
        else:
            self.intro.hide()

        self.path_label = QLabel(self)
        self.path_label.setAccessibleName(self.tr("Gegevensbestand"))
        self.other_button = QPushButton(self.tr("Ander &bestand…"), self)
        self.other_button.setAccessibleName(self.tr("Ander gegevensbestand kiezen"))
        self.other_button.clicked.connect(self._choose_file)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_label, 1)
        path_row.addWidget(self.other_button)

        self.username_edit = QLineEdit(self)
        self.username_edit.setAccessibleName(self.tr("Gebruikersnaam"))
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Wachtwoord"))
        self.recovery_edit = QLineEdit(self)
        self.recovery_edit.setAccessibleName(self.tr("Herstelsleutel"))
        self.recovery_edit.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.use_recovery = QCheckBox(self.tr("&Herstelsleutel gebruiken"), self)
        self.use_recovery.setToolTip(
            self.tr("Wachtwoord vergeten? Open het bestand met de herstelsleutel.")
        )
        self.use_recovery.toggled.connect(self._toggle_recovery)

        self.username_label = QLabel(self.tr("&Gebruikersnaam:"), self)
        self.username_label.setBuddy(self.username_edit)
        self.password_label = QLabel(self.tr("&Wachtwoord:"), self)
        self.password_label.setBuddy(self.password_edit)
        self.recovery_label = QLabel(self.tr("&Sleutel:"), self)
        self.recovery_label.setBuddy(self.recovery_edit)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Bestand:"), path_row)
        form.addRow(self.username_label, self.username_edit)
        form.addRow(self.password_label, self.password_edit)
        form.addRow(self.recovery_label, self.recovery_edit)
        form.addRow("", self.use_recovery)
        self._form = form

        self.message = InlineMessage(self)
        self.buttons = QDialogButtonBox(self)
        self.open_button = self.buttons.addButton(
            self.tr("&Openen") if relock is None else self.tr("&Ontgrendelen"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.open_button.setDefault(True)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Annuleren"))
        self.open_button.clicked.connect(self._open)
        cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(heading)
        layout.addWidget(self.intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 60))
        self._show_path()
        self._toggle_recovery(False)
        if relock is not None:
            self.username_edit.setText(relock.user.username)
            self.username_edit.setReadOnly(True)
            self.other_button.hide()
            form.setRowVisible(self.username_edit, False)
            form.setRowVisible(self.use_recovery, False)
            self.password_edit.setFocus()
        else:
            self.username_edit.setFocus()
        chain_tab_order(
            self.username_edit,
            self.password_edit,
            self.recovery_edit,
            self.use_recovery,
            self.other_button,
        )

    # -- presentation ----------------------------------------------------------------------

    def _show_path(self) -> None:
        width = self.fontMetrics().horizontalAdvance("x" * 45)
        self.path_label.setText(shorten_path(self.path, self.path_label, width))
        self.path_label.setToolTip(str(self.path))
        self.path_label.setAccessibleDescription(str(self.path))

    def _toggle_recovery(self, on: bool) -> None:
        self._form.setRowVisible(self.password_edit, not on)
        self._form.setRowVisible(self.recovery_edit, on)
        self._form.setRowVisible(self.username_edit, not on and self._relock is None)
        self.message.clear()
        (self.recovery_edit if on else self.password_edit).setFocus()

    def _choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Gegevensbestand kiezen"),
            str(self.path.parent),
            self.tr("ZVKD-gegevensbestand (*{suffix})").format(suffix=STORE_SUFFIX),
        )
        if chosen:
            self.path = Path(chosen)
            self._show_path()
            self.message.clear()

    # -- opening ---------------------------------------------------------------------------

    def _secret(self) -> dict[str, str | None]:
        if self.use_recovery.isChecked():
            return {"recovery_code": self.recovery_edit.text()}
        return {
            "password": self.password_edit.text(),
            "username": self.username_edit.text().strip() or None,
        }

    def _open(self) -> None:
        self.message.clear()
        if self._relock is not None:
            self._check_relock()
            return
        if not self.use_recovery.isChecked() and not self.username_edit.text().strip():
            self.message.show_warning(self.tr("Vul uw gebruikersnaam in."))
            self.username_edit.setFocus()
            return
        try:
            with busy_cursor():
                self.store = Store.open(self.path, **self._secret())
        except WrongPasswordError as error:
            self._wrong_secret(error.message)
        except DamagedStoreError as error:
            self._offer_backup(error)
        except RollbackError as error:
            self._offer_rollback(error)
        except KnownError as error:
            self.message.show_warning(error.message)
        else:
            self._forget_secret()
            self.accept()

    def _check_relock(self) -> None:
        assert self._relock is not None
        with busy_cursor():
            ok = verify_password(self._relock, self.password_edit.text())
        if not ok:
            self._wrong_secret(self.tr("Dit wachtwoord is onjuist. Controleer ook Caps Lock."))
            return
        self._forget_secret()
        self.accept()

    def _wrong_secret(self, text: str) -> None:
        self.message.show_warning(text)
        if self.use_recovery.isChecked():
            self.recovery_edit.selectAll()
            self.recovery_edit.setFocus()
        else:
            self.password_edit.clear()
            self.password_edit.setFocus()

    def _forget_secret(self) -> None:
        self.password_edit.clear()
        self.recovery_edit.clear()

    def _offer_backup(self, error: DamagedStoreError) -> None:
        backups = Store.list_backups(self.path)
        if not backups:
            self.message.show_warning(
                error.message + " " + self.tr("Er is geen reservekopie naast dit bestand.")
            )
            return
        newest = backups[0].modified.strftime("%d-%m-%Y %H:%M")
        text = self.tr(
            "{problem}\n\nEr is een reservekopie van {when}. Wilt u de nieuwste reservekopie "
            "openen die nog in orde is? Let op: wat na die reservekopie is vastgelegd, gaat "
            "verloren. Het beschadigde bestand blijft apart bewaard."
        ).format(problem=error.message, when=newest)
        if not self._confirm_backup(self, text):
            self.message.show_warning(error.message)
            return
        try:
            with busy_cursor():
                self.store = Store.open_newest_backup(self.path, **self._secret())
        except KnownError as failure:
            self.message.show_warning(failure.message)
            return
        self._forget_secret()
        self.accept()

    def _offer_rollback(self, error: RollbackError) -> None:
        if not self._confirm_rollback(self, error.message):
            self.message.show_warning(error.message)
            return
        try:
            with busy_cursor():
                self.store = Store.open(self.path, allow_rollback=True, **self._secret())
        except KnownError as failure:
            self.message.show_warning(failure.message)
            return
        self._forget_secret()
        self.accept()
