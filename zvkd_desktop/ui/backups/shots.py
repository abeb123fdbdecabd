"""Render the 'Back-ups' page and the restore dialog to PNG (a visual check, and for the README).

Backups need a folder: a temporary one is chosen for the pictures and three backups are made in
it, with one youth added after the oldest (so the preview shows a difference) and removed again
afterwards; the folder setting is put back as it was (the audit log records every step). Meant for the demo store. With ``password`` the restore preview (counts side by side)
and the confirmation are rendered too; without it only the dialog before "Bekijken".
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.services import backups, youths
from zvkd_desktop.ui.backups.page import BackupsPage
from zvkd_desktop.ui.backups.restore_dialog import RestoreDialog, confirmation_box
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.signals.shots import PAGE_SIZE, grab

__all__ = ["render_screenshots"]


def render_screenshots(
    context: AppContext, outdir: Path, *, password: str | None = None
) -> list[Path]:
    outdir = Path(outdir)
    ctx = context.services
    if context.store.user.role is not UserRole.COORDINATOR:
        page = BackupsPage(context)
        page.resize(*PAGE_SIZE)
        paths = [grab(page, outdir / "backups-page-not-coordinator.png")]
        page.close()
        return paths
    before = backups.get_backup_settings(ctx).folder
    noon = dt.datetime.combine(context.today(), dt.time(12, 30))
    with tempfile.TemporaryDirectory(prefix="zvkd-shots-") as tmp:
        folder = Path(tmp) / "Back-ups PAD"
        folder.mkdir()
        try:
            backups.set_backup_folder(ctx, folder)
            for days in (2, 1, 0):
                backups.backup_now(ctx, noon - dt.timedelta(days=days, minutes=days * 17))
                if days == 2:  # so the oldest backup differs from today in the preview
                    added = youths.create_youth(
                        ctx, first_name="Jayden", last_name="Koster",
                        date_of_birth=context.today().replace(year=context.today().year - 15),
                        neighbourhood="voorhof",
                    )  # fmt: skip
            try:
                return _render(context, outdir, password, noon + dt.timedelta(hours=3))
            finally:
                youths.remove_youth(ctx, added)
        finally:
            backups.set_backup_folder(ctx, before)


def _render(
    context: AppContext, outdir: Path, password: str | None, now: dt.datetime
) -> list[Path]:
    paths = []
    page = BackupsPage(context, now=lambda: now)
    page.resize(*PAGE_SIZE)
    paths.append(grab(page, outdir / "backups-page.png"))

    box = page.settings_box
    box.frequency_combo.blockSignals(True)  # shown, not saved
    box.frequency_combo.setCurrentIndex(
        box.frequency_combo.findData(backups.Frequency.WEEKLY.value)
    )
    box.frequency_combo.blockSignals(False)
    box._show_schedule_parts(backups.Frequency.WEEKLY)
    paths.append(grab(page, outdir / "backups-page-weekly.png"))
    page.refresh()

    oldest = page.tree.topLevelItem(page.tree.topLevelItemCount() - 1)
    page.tree.setCurrentItem(oldest)
    dialog = RestoreDialog(context, page.selected_backup(), page, now=lambda: now)
    paths.append(grab(dialog, outdir / "restore-dialog.png"))
    dialog.password_edit.setText("niet het goede wachtwoord")
    dialog.show_preview()
    paths.append(grab(dialog, outdir / "restore-dialog-wrong-password.png"))
    if password is not None:
        dialog.password_edit.setText(password)
        dialog.show_preview()
        paths.append(grab(dialog, outdir / "restore-dialog-preview.png"))
        box, _yes = confirmation_box(dialog, dialog.confirmation_text())
        paths.append(grab(box, outdir / "restore-confirmation.png"))
        box.close()
    dialog.close()
    page.close()
    return paths
