"""The page that shows the recovery key exactly once, and helps the user keep it.

The key is the only way back in when the password is lost, so the page insists: it can be
printed or copied, and the user must confirm they kept it before going on. A copied key does not
linger on the clipboard: it is cleared after 30 seconds if it is still there.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.ui.widgets import InlineMessage

CLIPBOARD_CLEAR_MS = 30_000

PrintKey = Callable[[QWidget, str, str], None]
"""(parent, recovery key, store file name) → prints; injectable so tests never open a dialog."""


def recovery_document(code: str, file_name: str) -> QTextDocument:
    """The printed sheet: the key, which file it opens, and what to do with it."""
    title = QCoreApplication.translate("RecoveryPrint", "Herstelsleutel ZVKD Desktop")
    for_file = QCoreApplication.translate("RecoveryPrint", "Voor het bestand:")
    printed_on = QCoreApplication.translate("RecoveryPrint", "Afgedrukt op:")
    advice = QCoreApplication.translate(
        "RecoveryPrint",
        "Met deze sleutel opent u het bestand als het wachtwoord kwijt is. Bewaar dit papier op "
        "een veilige plek, niet bij de computer. Iedereen die deze sleutel heeft, kan de "
        "gegevens lezen.",
    )
    today = dt.date.today().strftime("%d-%m-%Y")
    esc = html.escape
    body = (
        f"<h2>{esc(title)}</h2>"
        f"<p>{esc(for_file)} <b>{esc(file_name)}</b><br>{esc(printed_on)} {today}</p>"
        f"<p style='font-family: monospace; font-size: 20pt'>{esc(code)}</p>"
        f"<p>{esc(advice)}</p>"
    )
    document = QTextDocument()
    document.setHtml(body)
    return document


def print_with_dialog(parent: QWidget, code: str, file_name: str) -> None:
    """The real printing path: the system print dialog, then the sheet."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("RecoveryPrint", "Herstelsleutel afdrukken"))
    if dialog.exec() == QPrintDialog.DialogCode.Accepted:
        recovery_document(code, file_name).print_(printer)


def clear_clipboard_later(text: str, delay_ms: int = CLIPBOARD_CLEAR_MS) -> None:
    """Clear the clipboard after ``delay_ms`` if it still holds ``text`` (and only then)."""
    clipboard = QGuiApplication.clipboard()

    def clear() -> None:
        if clipboard.text() == text:
            clipboard.clear()

    # The application is the timer's context, so closing the dialog does not cancel the clearing.
    QTimer.singleShot(delay_ms, QCoreApplication.instance(), clear)


class RecoveryKeyPage(QWidget):
    """Shows the key; ``confirmed`` says whether the user ticked that they kept it."""

    confirmed_changed = Signal(bool)

    def __init__(
        self,
        *,
        print_key: PrintKey = print_with_dialog,
        clipboard_clear_ms: int = CLIPBOARD_CLEAR_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._print_key = print_key
        self._clear_ms = clipboard_clear_ms
        self._code = ""
        self._file_name = ""

        heading = QLabel(self.tr("Bewaar uw herstelsleutel"), self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        explanation = QLabel(
            self.tr(
                "Het gegevensbestand is aangemaakt. Met deze herstelsleutel opent u het als u uw "
                "wachtwoord kwijt bent. De sleutel wordt maar één keer getoond: druk hem af of "
                "schrijf hem over, en bewaar hem op een veilige plek, niet bij de computer."
            ),
            self,
        )
        explanation.setWordWrap(True)

        self.key_label = QLabel(self)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(font.pointSizeF(), mono.pointSizeF()) * 1.4)
        mono.setWeight(QFont.Weight.DemiBold)
        self.key_label.setFont(mono)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextFormat(Qt.TextFormat.PlainText)
        self.key_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.key_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.key_label.setAccessibleName(self.tr("Herstelsleutel"))
        frame = QFrame(self)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame_layout = QVBoxLayout(frame)
        frame_layout.addWidget(self.key_label)

        self.print_button = QPushButton(self.tr("&Afdrukken…"), self)
        self.copy_button = QPushButton(self.tr("&Kopiëren"), self)
        self.copy_button.setToolTip(
            self.tr("Kopieert de sleutel; na 30 seconden wordt het klembord weer leeggemaakt.")
        )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)

        self.message = InlineMessage(self)
        self.kept_box = QCheckBox(self.tr("Ik heb de &herstelsleutel bewaard"), self)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addSpacing(8)
        layout.addWidget(frame)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.kept_box)

        self.print_button.clicked.connect(self._print)
        self.copy_button.clicked.connect(self._copy)
        self.kept_box.toggled.connect(self.confirmed_changed)
        QWidget.setTabOrder(self.key_label, self.print_button)
        QWidget.setTabOrder(self.print_button, self.copy_button)
        QWidget.setTabOrder(self.copy_button, self.kept_box)

    def set_key(self, code: str, file_name: str) -> None:
        self._code = code
        self._file_name = file_name
        self.key_label.setText(code)

    @property
    def confirmed(self) -> bool:
        return self.kept_box.isChecked()

    def forget_key(self) -> None:
        """Drop the key from the widgets once the page is done with."""
        self._code = ""
        self.key_label.clear()

    def _print(self) -> None:
        self._print_key(self, self._code, self._file_name)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self._code)
        clear_clipboard_later(self._code, self._clear_ms)
        self.message.show_info(
            self.tr("Gekopieerd. Na 30 seconden wordt het klembord weer leeggemaakt.")
        )
