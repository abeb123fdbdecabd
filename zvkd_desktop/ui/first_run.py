"""First start: create the encrypted data file, then show its recovery key once.

Two pages in one dialog. The first asks where the file goes, who the first user is and a
password (typed twice, with a live strength hint; weak or mismatched passwords are refused
inline). The second shows the recovery key and will not let the user go on before they confirm
they kept it: after this dialog the key is never shown again.

Creating runs on the background worker (the key derivation takes about half a second) while the
dialog shows it is busy. "Annuleren" gives the form back at once; the abandoned file is closed and
removed when the worker is done with it, so the same location can be used again.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.errors import KnownError
from zvkd_desktop.paths import STORE_SUFFIX
from zvkd_desktop.store.kdf import KdfParams
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.forms import chain_tab_order, heading_label
from zvkd_desktop.ui.recovery_page import (
    CLIPBOARD_CLEAR_MS,
    PrintKey,
    RecoveryKeyPage,
    print_with_dialog,
)
from zvkd_desktop.ui.unlock import BusyIndicator, Ticket, run_abandonable
from zvkd_desktop.ui.widgets import InlineMessage, StrengthMeter

USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$")

Created = tuple[Store, str, Path]
"""The new store, its recovery code and where it was written."""


def discard_created(created: Created) -> None:
    """Undo an abandoned create: the file did not exist before (checked), so it is ours."""
    store, _code, path = created
    store.close()
    path.unlink(missing_ok=True)


class FirstRunDialog(QDialog):
    """Creates a store; after ``exec()`` returns Accepted, ``store`` is open and unlocked."""

    def __init__(
        self,
        default_path: Path,
        *,
        kdf: KdfParams | None = None,
        print_key: PrintKey = print_with_dialog,
        clipboard_clear_ms: int = CLIPBOARD_CLEAR_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self._kdf = kdf
        self._ticket: Ticket | None = None  # the create under way, if any
        self.setWindowTitle(self.tr("Nieuw gegevensbestand – ZVKD Desktop"))

        self.pages = QStackedWidget(self)
        self.form_page = self._build_form(default_path)
        self.key_page = RecoveryKeyPage(
            print_key=print_key, clipboard_clear_ms=clipboard_clear_ms, parent=self
        )
        self.pages.addWidget(self.form_page)
        self.pages.addWidget(self.key_page)
        self.busy = BusyIndicator(self.tr("Bezig met aanmaken en versleutelen…"), self)

        self.buttons = QDialogButtonBox(self)
        self.create_button = self.buttons.addButton(
            self.tr("&Aanmaken"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("Annuleren"))
        self.continue_button = self.buttons.addButton(
            self.tr("&Verder"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.continue_button.hide()
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        self.cancel_button.clicked.connect(self._cancel)
        self.continue_button.clicked.connect(self._continue)
        self.key_page.confirmed_changed.connect(self.continue_button.setEnabled)

        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(self.pages)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.username_edit.setFocus()

    # -- page 1 ----------------------------------------------------------------------------

    def _build_form(self, default_path: Path) -> QWidget:
        page = QWidget(self)
        heading = heading_label(self.tr("Welkom bij ZVKD Desktop"), page)
        intro = QLabel(
            self.tr(
                "Er is nog geen gegevensbestand. Maak er nu een aan. Het bestand wordt "
                "versleuteld: alleen met uw wachtwoord of met de herstelsleutel is het te openen."
            ),
            page,
        )
        intro.setWordWrap(True)

        self.path_edit = QLineEdit(str(default_path), page)
        self.path_edit.setAccessibleName(self.tr("Locatie van het gegevensbestand"))
        self.path_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 50))
        self.browse_button = QPushButton(self.tr("&Bladeren…"), page)
        self.browse_button.setAccessibleName(self.tr("Locatie kiezen"))
        self.browse_button.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)

        self.username_edit = QLineEdit(page)
        self.username_edit.setAccessibleName(self.tr("Gebruikersnaam"))
        self.username_edit.setPlaceholderText(self.tr("bijvoorbeeld j.devries"))
        self.display_name_edit = QLineEdit(page)
        self.display_name_edit.setAccessibleName(self.tr("Volledige naam"))
        self.display_name_edit.setPlaceholderText(self.tr("bijvoorbeeld Jan de Vries"))
        self.password_edit = QLineEdit(page)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Wachtwoord"))
        self.repeat_edit = QLineEdit(page)
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit.setAccessibleName(self.tr("Wachtwoord herhalen"))
        self.strength = StrengthMeter(page)
        self.password_edit.textChanged.connect(self.strength.update_for)
        self.message = InlineMessage(page)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._buddy(self.tr("&Gebruikersnaam:"), self.username_edit, page),
                    self.username_edit)
        form.addRow(self._buddy(self.tr("&Volledige naam:"), self.display_name_edit, page),
                    self.display_name_edit)
        form.addRow(self._buddy(self.tr("&Wachtwoord:"), self.password_edit, page),
                    self.password_edit)
        form.addRow(self._buddy(self.tr("&Herhaal wachtwoord:"), self.repeat_edit, page),
                    self.repeat_edit)
        form.addRow("", self.strength)
        # The location comes last: the default is right for almost everyone.
        form.addRow(self._buddy(self.tr("&Opslaan in:"), self.path_edit, page), path_row)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)

        chain_tab_order(
            self.username_edit,
            self.display_name_edit,
            self.password_edit,
            self.repeat_edit,
            self.path_edit,
            self.browse_button,
        )
        return page

    @staticmethod
    def _buddy(text: str, widget: QWidget, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setBuddy(widget)
        return label

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Locatie van het gegevensbestand"),
            self.path_edit.text(),
            self.tr("ZVKD-gegevensbestand (*{suffix})").format(suffix=STORE_SUFFIX),
        )
        if chosen:
            self.path_edit.setText(chosen)

    def _chosen_path(self) -> Path:
        path = Path(self.path_edit.text().strip()).expanduser()
        return path if path.suffix else path.with_suffix(STORE_SUFFIX)

    def _refusal(self) -> tuple[str, QWidget] | None:
        """Why the form cannot be used yet, and which field to fix, or None."""
        if not self.path_edit.text().strip():
            return self.tr("Kies een locatie voor het gegevensbestand."), self.path_edit
        if self._chosen_path().exists():
            return (
                self.tr("Op deze locatie staat al een bestand. Kies een andere naam of map."),
                self.path_edit,
            )
        if not USERNAME.match(self.username_edit.text().strip()):
            return (
                self.tr(
                    "Kies een gebruikersnaam van 2 tot 64 tekens: letters, cijfers, punt, "
                    "streepje of liggend streepje, zonder spaties."
                ),
                self.username_edit,
            )
        if not self.display_name_edit.text().strip():
            return self.tr("Vul uw volledige naam in."), self.display_name_edit
        strength = self.strength.update_for(self.password_edit.text())
        if not strength.acceptable:
            return (
                self.tr("Dit wachtwoord is te zwak. Zie de tip onder het wachtwoord."),
                self.password_edit,
            )
        if self.password_edit.text() != self.repeat_edit.text():
            return (
                self.tr("De twee wachtwoorden zijn niet gelijk. Typ het wachtwoord nog eens."),
                self.repeat_edit,
            )
        return None

    def _create(self) -> None:
        refusal = self._refusal()
        if refusal is not None:
            text, field = refusal
            self.message.show_warning(text)
            if field is self.repeat_edit:
                self.repeat_edit.clear()
            field.setFocus()
            return
        path = self._chosen_path()
        password = self.password_edit.text()
        username = self.username_edit.text().strip()
        display_name = self.display_name_edit.text().strip()
        kdf = self._kdf

        def create() -> Created:
            store, code = Store.create(
                path, password, username=username, display_name=display_name, kdf=kdf
            )
            return store, code, path

        self.message.clear()
        self._set_working(True)
        self._ticket = run_abandonable(
            self, create, self._created, self._create_failed, discard_created
        )

    @property
    def working(self) -> bool:
        """Whether the file is being made on the worker (the form is locked meanwhile)."""
        return self._ticket is not None

    def _set_working(self, on: bool) -> None:
        if not on:
            self._ticket = None
        self.form_page.setEnabled(not on)
        self.create_button.setEnabled(not on)
        self.busy.setVisible(on)
        if on:
            self.cancel_button.setFocus()

    def _abandon(self) -> None:
        assert self._ticket is not None
        self._ticket.abandoned = True
        self._set_working(False)

    def _cancel(self) -> None:
        """While creating: give the form back at once; otherwise close the dialog."""
        if self._ticket is None:
            self.reject()
            return
        self._abandon()
        self.password_edit.setFocus()

    def _created(self, created: Created) -> None:
        self._set_working(False)
        store, code, path = created
        self.store = store
        self.password_edit.clear()
        self.repeat_edit.clear()
        self._show_key(code, path.name)

    def _create_failed(self, error: BaseException) -> None:
        self._set_working(False)
        if isinstance(error, KnownError):
            self.message.show_warning(error.message)
        elif isinstance(error, OSError):
            self.message.show_warning(
                self.tr("Het bestand kan hier niet worden aangemaakt. Kies een andere map.")
            )
            self.path_edit.setFocus()
        else:
            raise error  # a bug: Qt hands it to the excepthook, as before

    # -- page 2 ----------------------------------------------------------------------------

    def _show_key(self, code: str, file_name: str) -> None:
        self.key_page.set_key(code, file_name)
        self.pages.setCurrentWidget(self.key_page)
        self.setWindowTitle(self.tr("Herstelsleutel bewaren – ZVKD Desktop"))
        self.create_button.hide()
        self.cancel_button.hide()
        self.continue_button.show()
        self.continue_button.setEnabled(False)
        self.continue_button.setDefault(True)
        self.key_page.key_label.setFocus()

    def _continue(self) -> None:
        if self.key_page.confirmed:
            self.key_page.forget_key()
            self.accept()

    def reject(self) -> None:
        """Escape or the close button may not skip the key page: the key would be lost.
        During a create they abandon it, like "Annuleren", and close."""
        if self._ticket is not None:
            self._abandon()
        if self.store is not None and not self.key_page.confirmed:
            self.key_page.message.show_warning(
                self.tr("Bewaar eerst de herstelsleutel en vink aan dat u dat gedaan hebt.")
            )
            return
        if self.store is not None:
            self._continue()
            return
        super().reject()
