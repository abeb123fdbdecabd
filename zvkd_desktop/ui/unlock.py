"""Unlocking: opening the data file at start, and unlocking again after the idle lock.

Every environment failure is answered in the dialog itself, in Dutch, without a traceback: a
wrong password clears the field and puts the cursor back; a file in use names who holds it; a
damaged file offers the newest backup that still opens, saying plainly what is lost; a file older
than this computer has seen needs an explicit "Toch openen".

Opening runs on the background worker (the key derivation alone takes about half a second; a
large file takes longer to decrypt and migrate) while the dialog shows that it is busy. "Annuleren"
gives the form back at once; the abandoned open still finishes on the worker and its store is
closed straight away, so the lock file is released and nothing stays in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt
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
    QProgressBar,
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
from zvkd_desktop.ui.cases.background import run_in_background
from zvkd_desktop.ui.forms import chain_tab_order, heading_label
from zvkd_desktop.ui.widgets import InlineMessage, busy_cursor, shorten_path

Confirm = Callable[[QWidget, str], bool]
"""(parent, Dutch explanation) → the user's yes or no; injectable so tests answer directly."""

T = TypeVar("T")


class Ticket:
    """One piece of background work the dialog may abandon; holds no Qt object (the worker
    reads it). A plain bool flag is enough: only the GUI thread sets it, only once."""

    def __init__(self) -> None:
        self.abandoned = False


_DISCARDED = object()


def run_abandonable(
    receiver: QObject,
    work: Callable[[], T],
    done: Callable[[T], None],
    failed: Callable[[BaseException], None],
    discard: Callable[[T], None],
) -> Ticket:
    """``run_in_background``, but the result of abandoned work is handed to ``discard`` instead.

    Whatever the work made (an open store holding the lock file) must never be left behind, also
    not when the receiving dialog was closed meanwhile: so the callbacks are registered on the
    application, not on ``receiver``, and ``discard`` runs on the worker as soon as the work sees
    it was abandoned (before the next queued job, which may open the same file), or on the GUI
    thread when the abandoning came later. ``work`` and ``discard`` must not hold Qt objects.
    """
    ticket = Ticket()

    def guarded() -> Any:
        result = work()
        if ticket.abandoned:
            discard(result)
            return _DISCARDED
        return result

    def on_done(result: Any) -> None:
        if result is _DISCARDED:
            return
        if ticket.abandoned or not shiboken6.isValid(receiver):
            discard(result)
            return
        done(result)

    def on_failed(error: BaseException) -> None:
        if not ticket.abandoned and shiboken6.isValid(receiver):
            failed(error)

    app = QCoreApplication.instance()
    assert app is not None
    run_in_background(app, guarded, on_done, on_failed)
    return ticket


def close_store(store: Store) -> None:
    """Discard an abandoned open: close at once, releasing the lock file."""
    store.close()


class BusyIndicator(QWidget):
    """A label and an endless progress bar: the store gives no percentage while it opens."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(text, self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self.hide()


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
    """Whether ``password`` is the unlocked user's; the store stays open (idle lock)."""
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
        self._ticket: Ticket | None = None  # the open under way, if any

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
        self.busy = BusyIndicator(self.tr("Bezig met openen…"), self)
        self.buttons = QDialogButtonBox(self)
        self.open_button = self.buttons.addButton(
            self.tr("&Openen") if relock is None else self.tr("&Ontgrendelen"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.open_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("Annuleren"))
        self.open_button.clicked.connect(self._open)
        self.cancel_button.clicked.connect(self._cancel)

        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(heading)
        layout.addWidget(self.intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
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

    @property
    def working(self) -> bool:
        """Whether an open is running on the worker (the form is locked meanwhile)."""
        return self._ticket is not None

    def _start(self, work: Callable[[], Store], failed: Callable[[BaseException], None]) -> None:
        """Open on the worker; ``work`` gets no Qt object, only the path and the secret."""
        self._set_working(True)
        self._ticket = run_abandonable(self, work, self._opened, self._finish(failed), close_store)

    def _finish(
        self, failed: Callable[[BaseException], None]
    ) -> Callable[[BaseException], None]:
        def handle(error: BaseException) -> None:
            self._set_working(False)
            failed(error)

        return handle

    def _set_working(self, on: bool) -> None:
        if not on:
            self._ticket = None
        for widget in (
            self.username_edit, self.password_edit, self.recovery_edit, self.use_recovery,
            self.other_button, self.open_button,
        ):
            widget.setEnabled(not on)
        self.busy.setVisible(on)
        if on:
            self.cancel_button.setFocus()

    def _cancel(self) -> None:
        """While opening: give the form back at once; otherwise close the dialog."""
        if self._ticket is None:
            self.reject()
            return
        self._ticket.abandoned = True
        self._set_working(False)
        (self.recovery_edit if self.use_recovery.isChecked() else self.password_edit).setFocus()

    def reject(self) -> None:
        """Escape or the close button during an open abandons it too: nothing stays open."""
        if self._ticket is not None:
            self._ticket.abandoned = True
            self._set_working(False)
        super().reject()

    def _opened(self, store: Store) -> None:
        self._set_working(False)
        self.store = store
        self._forget_secret()
        self.accept()

    def _open(self) -> None:
        if self.working:
            return
        self.message.clear()
        if self._relock is not None:
            self._check_relock()
            return
        if not self.use_recovery.isChecked() and not self.username_edit.text().strip():
            self.message.show_warning(self.tr("Vul uw gebruikersnaam in."))
            self.username_edit.setFocus()
            return
        path, secret = self.path, self._secret()
        self._start(lambda: Store.open(path, **secret), self._open_failed)

    def _open_failed(self, error: BaseException) -> None:
        if isinstance(error, WrongPasswordError):
            self._wrong_secret(error.message)
        elif isinstance(error, DamagedStoreError):
            self._offer_backup(error)
        elif isinstance(error, RollbackError):
            self._offer_rollback(error)
        else:
            self._show_failure(error)

    def _show_failure(self, error: BaseException) -> None:
        if not isinstance(error, KnownError):
            raise error  # a bug: Qt hands it to the excepthook, as before
        self.message.show_warning(error.message)

    def _check_relock(self) -> None:
        """On the GUI thread, with a busy cursor: the store is already open and only one key
        derivation (about half a second) runs, so there is nothing large to wait for or cancel."""
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
        path, secret = self.path, self._secret()
        self._start(lambda: Store.open_newest_backup(path, **secret), self._show_failure)

    def _offer_rollback(self, error: RollbackError) -> None:
        if not self._confirm_rollback(self, error.message):
            self.message.show_warning(error.message)
            return
        path, secret = self.path, self._secret()
        self._start(
            lambda: Store.open(path, allow_rollback=True, **secret),  # type: ignore[arg-type]
            self._show_failure,
        )
