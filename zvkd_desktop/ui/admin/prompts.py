"""The questions the Beheer tabs ask before something irreversible or risky happens.

Each question is a plain function on :class:`Prompts`, so the tabs can be driven in tests with
answers given in advance (never a modal dialog that waits for a person), while the program asks
with the real dialogs below. Two kinds of question matter here:

- a file is about to leave the encrypted store (the log export, an inzage): the user must know
  that whoever can open that folder can read it, and choose the place themselves;
- personal data is about to be erased: that cannot be undone, not even with Ctrl+Z, so the
  dialog names who and asks for an explicit tick before the button works.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.services.privacy import ErasurePreviewRow

__all__ = [
    "ErasureConfirmDialog",
    "ExportFormat",
    "LeavingStoreDialog",
    "Prompts",
    "confirm_box",
    "documents_folder",
    "export_warning",
    "inzage_warning",
]

ExportFormat = Literal["csv", "json"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("AdminPrompts", text)


def documents_folder() -> Path:
    return Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        or Path.home()
    )


def _warning_icon(parent: QWidget) -> QLabel:
    icon = QLabel(parent)
    size = parent.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
    pixmap = parent.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
    icon.setPixmap(pixmap)
    icon.setAlignment(Qt.AlignmentFlag.AlignTop)
    return icon


def _wrapped(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class LeavingStoreDialog(QDialog):
    """'This file leaves the encrypted store': what that means, and (for the log) which format."""

    def __init__(
        self,
        title: str,
        what: str,
        parent: QWidget | None = None,
        *,
        choose_format: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.what = _wrapped(what, self)
        self.warning = _wrapped(
            self.tr(
                "Het bestand komt buiten het versleutelde gegevensbestand te staan. Iedereen die "
                "bij die map kan, kan het lezen. Kies daarom zelf een veilige plek (bijvoorbeeld "
                "een versleutelde schijf of een afgeschermde netwerkmap), geef het alleen aan wie "
                "het nodig heeft, en verwijder het zodra het niet meer nodig is."
            ),
            self,
        )
        text = QVBoxLayout()
        text.addWidget(self.what)
        text.addWidget(self.warning)
        self.csv_radio = QRadioButton(self.tr("&CSV (voor een spreadsheet)"), self)
        self.json_radio = QRadioButton(self.tr("&JSON (machineleesbaar)"), self)
        formats = QButtonGroup(self)
        formats.addButton(self.csv_radio)
        formats.addButton(self.json_radio)
        self.csv_radio.setChecked(True)
        if choose_format:
            text.addSpacing(6)
            text.addWidget(_wrapped(self.tr("Bestandsformaat:"), self))
            text.addWidget(self.csv_radio)
            text.addWidget(self.json_radio)
        else:
            self.csv_radio.hide()
            self.json_radio.hide()
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
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 70)

    @property
    def format(self) -> ExportFormat:
        return "json" if self.json_radio.isChecked() else "csv"


class ErasureConfirmDialog(QDialog):
    """Names who will be erased and asks for a tick that says: I know this cannot be undone."""

    def __init__(self, rows: Sequence[ErasurePreviewRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Persoonsgegevens definitief wissen"))
        self.setModal(True)
        total = sum(row.total for row in rows)
        intro = _wrapped(
            self.tr(
                "U staat op het punt de persoonsgegevens van {count} jongere(n) te wissen "
                "({total} gegevens): namen, geboortedatums (het jaar blijft), adressen, ouders en "
                "verzorgers, notities, teksten van plannen en besprekingen, en de oude en nieuwe "
                "waarden in het logboek."
            ).format(count=len(rows), total=self.locale().toString(total)),
            self,
        )
        stays = _wrapped(
            self.tr(
                "Wat blijft: datums, categorieën, redenen, aanmelders, wijk en geboortejaar. De "
                "cijfers van het jaaroverzicht veranderen niet."
            ),
            self,
        )
        self.names = QListWidget(self)
        self.names.setAccessibleName(self.tr("Jongeren van wie de gegevens worden gewist"))
        self.names.addItems([f"{row.name} ({row.birth_year})" for row in rows])
        lines = min(max(len(rows), 3), 8)
        row_height = max(self.names.sizeHintForRow(0), self.fontMetrics().height())
        self.names.setFixedHeight(row_height * lines + 2 * self.names.frameWidth())
        self.irreversible = _wrapped(
            self.tr("Dit kan niet ongedaan worden gemaakt, ook niet met 'Ongedaan maken'."), self
        )
        backups = _wrapped(
            self.tr(
                "Reservekopieën van vóór het wissen bevatten de gegevens nog, tot ze volgens de "
                "bewaarinstelling van de reservekopieën worden opgeruimd."
            ),
            self,
        )
        font = self.irreversible.font()
        font.setBold(True)
        self.irreversible.setFont(font)
        self.understood = QCheckBox(
            self.tr("Ik &begrijp dat deze gegevens daarna niet meer terug te halen zijn"), self
        )
        text = QVBoxLayout()
        text.addWidget(intro)
        text.addWidget(self.names)
        text.addWidget(stays)
        text.addWidget(self.irreversible)
        text.addWidget(backups)
        text.addWidget(self.understood)
        top = QHBoxLayout()
        top.addWidget(_warning_icon(self))
        top.addLayout(text, 1)
        self.buttons = QDialogButtonBox(self)
        self.erase_button = QPushButton(self.tr("Definitief &wissen"), self)
        self.buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.cancel_button = self.buttons.addButton(
            self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.erase_button.setEnabled(False)
        self.erase_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        self.understood.toggled.connect(self.erase_button.setEnabled)
        self.erase_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 72)

    def accept(self) -> None:
        if self.understood.isChecked():  # Enter on a focused button must not skip the tick
            super().accept()


# -- the real questions --------------------------------------------------------------------------


def export_warning(parent: QWidget, count: int) -> LeavingStoreDialog:
    return LeavingStoreDialog(
        _tr("Logboek exporteren"),
        _tr(
            "U exporteert {count} regel(s) van het logboek voor de privacyfunctionaris: wie, "
            "wanneer, welke handeling, welk soort gegevens en welke velden. De oude en nieuwe "
            "waarden zelf gaan niet mee."
        ).format(count=count),
        parent,
        choose_format=True,
    )


def inzage_warning(parent: QWidget, name: str) -> LeavingStoreDialog:
    return LeavingStoreDialog(
        _tr("Inzageoverzicht maken"),
        _tr(
            "U maakt een overzicht van alles wat over {name} is vastgelegd, inclusief het "
            "logboek over het dossier. Het maken wordt zelf ook in het logboek vastgelegd."
        ).format(name=name),
        parent,
    )


def _ask_export(parent: QWidget, count: int) -> ExportFormat | None:
    dialog = export_warning(parent, count)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.format if accepted else None


def _ask_inzage(parent: QWidget, name: str) -> bool:
    return inzage_warning(parent, name).exec() == QDialog.DialogCode.Accepted


def _save_file(parent: QWidget, title: str, suggested: Path, filter_text: str) -> Path | None:
    path, _chosen = QFileDialog.getSaveFileName(parent, title, str(suggested), filter_text)
    return Path(path) if path else None


def _choose_folder(parent: QWidget, title: str, start: Path | None) -> Path | None:
    path = QFileDialog.getExistingDirectory(parent, title, str(start or documents_folder()))
    return Path(path) if path else None


def _confirm_erasure(parent: QWidget, rows: Sequence[ErasurePreviewRow]) -> bool:
    return ErasureConfirmDialog(rows, parent).exec() == QDialog.DialogCode.Accepted


def confirm_box(parent: QWidget, title: str, text: str, ok_text: str) -> QMessageBox:
    """A question with an OK button named for the action and Annuleren as the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.addButton(ok_text, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(_tr("Annuleren"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    return box


def _confirm(parent: QWidget, title: str, text: str, ok_text: str) -> bool:
    box = confirm_box(parent, title, text, ok_text)
    box.exec()
    clicked = box.clickedButton()
    return clicked is not None and box.buttonRole(clicked) == QMessageBox.ButtonRole.AcceptRole


@dataclass
class Prompts:
    """Every question the tabs ask; tests pass their own answers."""

    ask_export: Callable[[QWidget, int], ExportFormat | None] = field(default=_ask_export)
    """(parent, row count) → the chosen format after the 'leaves the store' warning, or None."""
    ask_inzage: Callable[[QWidget, str], bool] = field(default=_ask_inzage)
    """(parent, youth's name) → go ahead after the 'leaves the store' warning."""
    save_file: Callable[[QWidget, str, Path, str], Path | None] = field(default=_save_file)
    """(parent, title, suggested path, filter) → where to write, or None."""
    choose_folder: Callable[[QWidget, str, Path | None], Path | None] = field(
        default=_choose_folder
    )
    confirm_erasure: Callable[[QWidget, Sequence[ErasurePreviewRow]], bool] = field(
        default=_confirm_erasure
    )
    confirm: Callable[[QWidget, str, str, str], bool] = field(default=_confirm)
    """(parent, title, text, OK text) → yes; for the smaller questions (disable a user)."""
