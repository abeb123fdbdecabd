"""The 'Coaches' section: caseload per coach (table and bar chart) and moving cases."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from zvkd_desktop.ui.coaches.page import CoachesPage
from zvkd_desktop.ui.coaches.shots import render_screenshots
from zvkd_desktop.ui.sections import AppContext

__all__ = ["CoachesPage", "coaches_page", "render_screenshots"]


def coaches_page(context: AppContext, parent: QWidget | None) -> QWidget:
    """The section factory for ``ui/sections.py``."""
    return CoachesPage(context, parent)
