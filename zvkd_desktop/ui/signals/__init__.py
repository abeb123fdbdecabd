"""The 'Signalen' section (the start screen): the day's signals grouped by kind, with counts."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.signals.page import SignalsPage
from zvkd_desktop.ui.signals.shots import render_screenshots

__all__ = ["SignalsPage", "render_screenshots", "signals_page"]


def signals_page(context: AppContext, parent: QWidget | None) -> QWidget:
    """The section factory for ``ui/sections.py``."""
    return SignalsPage(context, parent)
