"""Small widgets the dialogs share: an inline message, a password-strength hint, a busy cursor.

Colours always come from the system palette and the style's own icons, so the program follows
light, dark and high-contrast themes without any hard-coded colour.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.ui.password_strength import Strength, StrengthHint, hint


class InlineMessage(QWidget):
    """A warning or information line inside a dialog, hidden while there is nothing to say.

    Inline instead of a message box: the user sees the problem next to the field it concerns and
    can correct it without dismissing anything.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icon = QLabel(self)
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._icon)
        layout.addWidget(self.label, 1)
        self.setAccessibleName(self.tr("Melding"))
        self.hide()

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    def show_warning(self, text: str) -> None:
        self._show(QStyle.StandardPixmap.SP_MessageBoxWarning, text)

    def show_info(self, text: str) -> None:
        self._show(QStyle.StandardPixmap.SP_MessageBoxInformation, text)

    def clear(self) -> None:
        self.label.clear()
        self.hide()

    def _show(self, icon: QStyle.StandardPixmap, text: str) -> None:
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self._icon.setPixmap(self.style().standardIcon(icon).pixmap(size, size))
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.show()


class StrengthMeter(QWidget):
    """Shows 'Zwak' / 'Redelijk' / 'Sterk' and one line of advice, updated on every keystroke."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, int(Strength.STRONG))
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(self.fontMetrics().height() // 2 + 2)
        self.bar.setAccessibleName(self.tr("Sterkte van het wachtwoord"))
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.bar)
        layout.addWidget(self.label)
        # room for two lines, so the dialog does not jump while the user types
        self.label.setMinimumHeight(self.label.fontMetrics().lineSpacing() * 2)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.current: StrengthHint = hint("")
        self.update_for("")

    def update_for(self, password: str) -> StrengthHint:
        self.current = hint(password)
        self.bar.setValue(int(self.current.strength))
        if self.current.strength is Strength.EMPTY:
            self.label.setText(self.current.advice)
        else:
            self.label.setText(
                self.tr("Sterkte: {label}. {advice}").format(
                    label=self.current.label, advice=self.current.advice
                )
            )
        self.bar.setAccessibleDescription(self.current.label)
        return self.current


def shorten_path(path: Path, widget: QWidget, width: int) -> str:
    """The path as a person reads it: home folder as '~', the middle elided to fit ``width``."""
    text = str(path)
    home = str(Path.home())
    if text.startswith(home + "/") or text.startswith(home + "\\"):
        text = "~" + text[len(home) :]
    return QFontMetrics(widget.font()).elidedText(text, Qt.TextElideMode.ElideMiddle, width)


@contextlib.contextmanager
def busy_cursor() -> Iterator[None]:
    """A wait cursor around short work that blocks the GUI (one key derivation, ~0.5 s).

    Longer work (opening or creating a store, exports) runs on the background worker instead.
    """
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    QApplication.processEvents()  # paint the "busy" state before blocking
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()
