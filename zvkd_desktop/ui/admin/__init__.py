"""The 'Beheer' section (coordinator only): users, audit log, erasure, subject access (inzage);
and the daily erasure check the main window installs."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from zvkd_desktop.ui.admin.erasure_check import ErasureCheck, install_erasure_check
from zvkd_desktop.ui.admin.page import AdminPage
from zvkd_desktop.ui.admin.prompts import Prompts
from zvkd_desktop.ui.admin.shots import render_screenshots
from zvkd_desktop.ui.sections import AppContext

__all__ = [
    "AdminPage",
    "ErasureCheck",
    "Prompts",
    "admin_page",
    "install_erasure_check",
    "render_screenshots",
]


def admin_page(context: AppContext, parent: QWidget | None) -> QWidget:
    """The section factory for ``ui/sections.py``."""
    return AdminPage(context, parent)
