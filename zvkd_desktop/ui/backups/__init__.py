"""The 'Back-ups' page (folder, schedule, number kept, backups in the folder, restore) and the
scheduler that makes backups while the program runs."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from zvkd_desktop.ui.backups.page import BackupsPage
from zvkd_desktop.ui.backups.restore_dialog import RestoreDialog
from zvkd_desktop.ui.backups.scheduler import (
    BackupRunner,
    BackupScheduler,
    install_backup_scheduler,
)
from zvkd_desktop.ui.backups.shots import render_screenshots
from zvkd_desktop.ui.sections import AppContext

__all__ = [
    "BackupRunner",
    "BackupScheduler",
    "BackupsPage",
    "RestoreDialog",
    "backups_page",
    "install_backup_scheduler",
    "render_screenshots",
]


def backups_page(context: AppContext, parent: QWidget | None) -> QWidget:
    """The section factory for ``ui/sections.py``."""
    return BackupsPage(context, parent)
