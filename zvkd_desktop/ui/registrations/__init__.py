"""The 'Aanmeldingen' section: new registrations with a live criteria check, and decisions."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from zvkd_desktop.ui.registrations.page import RegistrationsPage
from zvkd_desktop.ui.registrations.shots import render_screenshots
from zvkd_desktop.ui.sections import AppContext

__all__ = ["RegistrationsPage", "registrations_page", "render_screenshots"]


def registrations_page(context: AppContext, parent: QWidget | None) -> QWidget:
    """The section factory for ``ui/sections.py``."""
    return RegistrationsPage(context, parent)
