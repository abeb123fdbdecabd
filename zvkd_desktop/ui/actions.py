"""Every main-window action, built in one place, with the platform's standard keys where they exist.

Shortcuts without a standard key go through translation, so a translator can adapt them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def _t(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


def _standard_or(key: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's binding for ``key``; Windows has none for some (Quit), so a fallback."""
    bindings = QKeySequence.keyBindings(key)
    return bindings or [QKeySequence(fallback)]


@dataclass(frozen=True)
class Actions:
    lock: QAction
    quit: QAction
    about: QAction


def build_actions(parent: QWidget) -> Actions:
    lock = QAction(_t("&Vergrendelen"), parent)
    lock.setShortcut(QKeySequence(_t("Ctrl+L")))
    lock.setStatusTip(_t("Verberg alle gegevens tot u uw wachtwoord opnieuw invult"))

    quit_ = QAction(_t("&Afsluiten"), parent)
    quit_.setShortcuts(_standard_or(QKeySequence.StandardKey.Quit, _t("Ctrl+Q")))
    quit_.setMenuRole(QAction.MenuRole.QuitRole)
    quit_.setStatusTip(_t("ZVKD Desktop afsluiten"))

    about = QAction(_t("&Over ZVKD Desktop"), parent)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    return Actions(lock=lock, quit=quit_, about=about)
