"""The questions of the 'Uitwisseling' tab: the export warning with its password choice, the file
and password prompts, and a progress dialog that can be cancelled. Tests replace them through
:class:`ExchangeQuestions`, so none of them opens in a test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.services.users import MIN_PASSWORD
from zvkd_desktop.ui.admin.prompts import _warning_icon, _wrapped
from zvkd_desktop.ui.widgets import InlineMessage

__all__ = [
    "COLLECTION_LABELS",
    "ExchangeQuestions",
    "ExportChoice",
    "ExportDialog",
    "cancellable_progress",
    "password_dialog",
]


def exchange_tr(text: str) -> str:
    return QCoreApplication.translate("ExchangeTab", text)


COLLECTION_LABELS = {
    "organisations": "Organisaties",
    "professionals": "Professionals",
    "households": "Gezinnen",
    "youths": "Jongeren",
    "guardians": "Ouders en verzorgers",
    "registrations": "Aanmeldingen",
    "cases": "Casussen",
    "category_periods": "Categorieperiodes",
    "coach_assignments": "Coachtoewijzingen",
    "reopenings": "Heropeningen",
    "plan_versions": "Versies van plannen van aanpak",
    "plan_versions.goals": "Doelen in plannen",
    "plan_versions.goals.actions": "Acties bij doelen",
    "police_contacts": "Politiecontacten",
    "coach_contacts": "Contacten met de coach",
    "reviews": "Besprekingen",
    "reviews.progress": "Voortgang per leefgebied",
    "meetings": "Kernteamoverleggen",
    "meetings.attendees": "Aanwezigen bij overleggen",
    "meetings.agenda_items": "Agendapunten",
    "meetings.agenda_items.decisions": "Besluiten bij agendapunten",
    "meetings.agenda_items.action_items": "Actiepunten bij agendapunten",
    "settings": "Instellingen",
}


@dataclass(frozen=True)
class ExportChoice:
    """What the warning dialog settled: a password for a sealed file, or None for plain JSON."""

    password: str | None


class ExportDialog(QDialog):
    """The warning before an export, with the choice between a sealed file and readable JSON."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Gegevens exporteren"))
        self.setModal(True)
        what = _wrapped(
            self.tr(
                "U exporteert alle PAD-gegevens van dit bestand: jongeren, gezinnen, aanmeldingen, "
                "casussen, plannen, politiecontacten, besprekingen en overleggen. Het logboek, de "
                "gebruikers en de sleutels gaan niet mee. De export wordt in het logboek vastgelegd."
            ),
            self,
        )
        warning = _wrapped(
            self.tr(
                "Het exportbestand komt buiten het versleutelde gegevensbestand te staan. Versleutel "
                "het daarom met een eigen wachtwoord, geef dat wachtwoord apart door (niet in "
                "dezelfde e-mail), en verwijder het bestand zodra het niet meer nodig is."
            ),
            self,
        )
        self.sealed_radio = QRadioButton(
            self.tr("&Versleutelen met een eigen wachtwoord (aanbevolen)"), self
        )
        self.plain_radio = QRadioButton(self.tr("&Onversleuteld als JSON-bestand"), self)
        group = QButtonGroup(self)
        group.addButton(self.sealed_radio)
        group.addButton(self.plain_radio)
        self.sealed_radio.setChecked(True)
        self.password_edit = self._password_field(self.tr("Exportwachtwoord"))
        self.repeat_edit = self._password_field(self.tr("Exportwachtwoord herhalen"))
        password_label = QLabel(self.tr("Export&wachtwoord:"), self)
        password_label.setBuddy(self.password_edit)
        repeat_label = QLabel(self.tr("&Herhalen:"), self)
        repeat_label.setBuddy(self.repeat_edit)
        passwords = QFormLayout()
        passwords.setContentsMargins(24, 0, 0, 0)
        passwords.addRow(password_label, self.password_edit)
        passwords.addRow(repeat_label, self.repeat_edit)
        self.plain_warning = _wrapped(
            self.tr(
                "Let op: het exportbestand is dan NIET versleuteld. Het bevat persoonsgegevens van "
                "jongeren (namen, adressen, politiecontacten, notities) die iedereen met het bestand "
                "kan lezen. Bewaar het bestand niet langer dan nodig en mail het niet."
            ),
            self,
        )
        font = self.plain_warning.font()
        font.setBold(True)
        self.plain_warning.setFont(font)
        self.reason = InlineMessage(self)

        text = QVBoxLayout()
        for widget in (what, warning, self.sealed_radio):
            text.addWidget(widget)
        text.addLayout(passwords)
        text.addWidget(self.plain_radio)
        text.addWidget(self.plain_warning)
        text.addWidget(self.reason)
        top = QHBoxLayout()
        top.addWidget(_warning_icon(self))
        top.addLayout(text, 1)
        self.buttons = QDialogButtonBox(self)
        self.continue_button = QPushButton(self.tr("&Doorgaan…"), self)
        self.buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(
            self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 72)
        for signal in (self.sealed_radio.toggled, self.password_edit.textChanged,
                       self.repeat_edit.textChanged):  # fmt: skip
            signal.connect(self._update)
        self._update()

    def _password_field(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAccessibleName(name)
        return edit

    def problem(self) -> str:
        if not self.sealed_radio.isChecked():
            return ""
        if len(self.password_edit.text()) < MIN_PASSWORD:
            return self.tr("Kies een exportwachtwoord van minstens {n} tekens.").format(
                n=MIN_PASSWORD
            )
        if self.repeat_edit.text() != self.password_edit.text():
            return self.tr("De twee wachtwoorden zijn niet gelijk.")
        return ""

    def _update(self, *_args: object) -> None:
        sealed = self.sealed_radio.isChecked()
        self.password_edit.setEnabled(sealed)
        self.repeat_edit.setEnabled(sealed)
        if self.plain_warning.isHidden() == (not sealed):
            self.plain_warning.setVisible(not sealed)
            self.adjustSize()  # make room for the warning (or give it back)
        self.continue_button.setText(
            self.tr("&Doorgaan…") if sealed else self.tr("&Onversleuteld exporteren…")
        )
        problem = self.problem()
        if problem:
            self.reason.show_info(problem)
        else:
            self.reason.clear()
        self.continue_button.setEnabled(not problem)

    @property
    def choice(self) -> ExportChoice:
        return ExportChoice(self.password_edit.text() if self.sealed_radio.isChecked() else None)

    def accept(self) -> None:
        if not self.problem():  # Enter must not skip the checks
            super().accept()

    def done(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            self.password_edit.clear()
            self.repeat_edit.clear()
        super().done(result)


def cancellable_progress(parent: QWidget, text: str) -> QProgressDialog:
    """A busy indicator with an Annuleren button (work.progress_dialog has none)."""
    dialog = QProgressDialog(text, exchange_tr("Annuleren"), 0, 0, parent)
    dialog.setWindowTitle(text.rstrip("…"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setAccessibleName(text)
    dialog.setMinimumWidth(dialog.fontMetrics().horizontalAdvance("x") * 45)
    return dialog


def _ask_export(parent: QWidget) -> ExportChoice | None:
    dialog = ExportDialog(parent)
    return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None


def _open_file(parent: QWidget, title: str, start: Path, filter_text: str) -> Path | None:
    path, _chosen = QFileDialog.getOpenFileName(parent, title, str(start), filter_text)
    return Path(path) if path else None


def password_dialog(parent: QWidget, name: str) -> QInputDialog:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(exchange_tr("Versleuteld exportbestand"))
    dialog.setLabelText(
        exchange_tr("{name} is versleuteld.\nGeef het wachtwoord dat bij de export is gekozen:").format(
            name=name
        )
    )
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setOkButtonText(exchange_tr("&Openen"))
    dialog.setCancelButtonText(exchange_tr("Annuleren"))
    dialog.setMinimumWidth(dialog.fontMetrics().horizontalAdvance("x") * 50)
    return dialog


def _ask_password(parent: QWidget, name: str) -> str | None:
    dialog = password_dialog(parent, name)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.textValue() if accepted and dialog.textValue() else None


@dataclass
class ExchangeQuestions:
    """The questions only this tab asks; tests pass their own answers."""

    ask_export: Callable[[QWidget], ExportChoice | None] = field(default=_ask_export)
    """(parent) → the choice after the warning, or None when declined."""
    open_file: Callable[[QWidget, str, Path, str], Path | None] = field(default=_open_file)
    """(parent, title, start folder, filter) → the file to import, or None."""
    ask_password: Callable[[QWidget, str], str | None] = field(default=_ask_password)
    """(parent, file name) → the export password of a sealed file, or None."""
