"""The 'Back-ups' page driven as the coordinator does: choose a folder, make a backup, restore one
after seeing its date and counts; and the scheduler making backups on its own and at closing.

No modal dialog opens: the folder chooser and the last confirmation are stand-ins that record what
was on screen when they were asked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.services.factories import add_case, add_youth
from tests.ui.helpers import click, type_into
from zvkd_desktop.services import backups
from zvkd_desktop.services.backups import BackupSchedule, Frequency
from zvkd_desktop.store.backup_files import list_backups_in
from zvkd_desktop.store.models import AuditEntry, Youth
from zvkd_desktop.ui.backups import BackupsPage, RestoreDialog, install_backup_scheduler
from zvkd_desktop.ui.main_window import MainWindow
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.settings import GuiSettings

MADE = dt.datetime(2024, 1, 15, 12, 30)
LATER = dt.datetime(2024, 1, 15, 16, 0)


class Confirmation:
    """Stands in for the last question; records the dialog as it was at that moment."""

    def __init__(self, store_path: Path, answer: bool) -> None:
        self.store_path = store_path
        self.answer = answer
        self.seen: dict[str, object] | None = None

    def __call__(self, parent: QWidget, text: str) -> bool:
        assert isinstance(parent, RestoreDialog)
        table = parent.counts
        self.seen = {
            "text": text,
            "made": parent.made_label.text(),
            "counts": {
                table.item(row, 0).text(): (table.item(row, 1).text(), table.item(row, 2).text())
                for row in range(table.rowCount())
            },
            "table_visible": table.isVisible(),
            "store_bytes": self.store_path.read_bytes(),
        }
        return self.answer


def names(context: AppContext) -> list[str]:
    with context.store.read() as session:
        return sorted(session.scalars(select(Youth.first_name)))


@pytest.fixture
def made(context: AppContext, folder: Path) -> backups.BackupFile:
    """Sem and Lotte in a backup of 15-01-2024 12:30; Daan added afterwards."""
    add_case(context.store, admitted_on=dt.date(2023, 9, 1), first_name="Sem")
    add_case(context.store, admitted_on=dt.date(2023, 11, 1), first_name="Lotte")
    backups.set_backup_folder(context.services, folder)
    info = backups.backup_now(context.services, MADE)
    add_youth(context.store, first_name="Daan")
    return info


def open_page(qtbot: QtBot, context: AppContext, confirm: Confirmation, **kwargs) -> BackupsPage:
    page = BackupsPage(context, now=lambda: LATER, confirm=confirm, **kwargs)
    qtbot.addWidget(page)
    page.show()
    return page


def preview(qtbot: QtBot, page: BackupsPage, password: str) -> RestoreDialog:
    click(qtbot, page.restore_button)
    dialog = page.findChild(RestoreDialog)
    assert dialog is not None and dialog.isVisible()
    type_into(qtbot, dialog.password_edit, password)
    click(qtbot, dialog.preview_button)
    return dialog


def test_the_restore_preview_shows_date_and_counts_before_anything_is_replaced(
    qtbot: QtBot, context: AppContext, made: backups.BackupFile
) -> None:
    confirm = Confirmation(context.store.path, answer=True)
    page = open_page(qtbot, context, confirm)
    assert page.tree.topLevelItemCount() == 1
    assert page.tree.topLevelItem(0).text(0) == "15-01-2024 12:30"
    page.settings_box.keep_spin.setValue(5)
    page.flush()
    assert context.undo_stack.count() == 1  # an edit that a restore makes meaningless
    before = context.store.path.read_bytes()

    dialog = preview(qtbot, page, PASSWORD)
    click(qtbot, dialog.restore_button)

    assert confirm.seen is not None
    assert confirm.seen["made"] == "15-01-2024 12:30"
    assert confirm.seen["table_visible"]
    assert confirm.seen["counts"]["Jongeren"] == ("3", "2")  # now, in the backup
    assert confirm.seen["counts"]["Casussen"] == ("2", "2")
    assert "15-01-2024 12:30" in str(confirm.seen["text"])
    assert confirm.seen["store_bytes"] == before  # nothing replaced while asking
    assert names(context) == ["Lotte", "Sem"]
    assert "Teruggezet" in page.message.text() and "pad.replaced-" in page.message.text()
    kinds = [page.tree.topLevelItem(i).text(3) for i in range(page.tree.topLevelItemCount())]
    assert "Vervangen bij terugzetten" in kinds  # the replaced store is listed as a backup
    assert context.undo_stack.count() == 0


def test_declining_the_confirmation_replaces_nothing(
    qtbot: QtBot, context: AppContext, made: backups.BackupFile
) -> None:
    confirm = Confirmation(context.store.path, answer=False)
    page = open_page(qtbot, context, confirm)
    before = context.store.path.read_bytes()
    dialog = preview(qtbot, page, PASSWORD)
    click(qtbot, dialog.restore_button)
    assert confirm.seen is not None and dialog.isVisible()
    assert context.store.path.read_bytes() == before
    assert names(context) == ["Daan", "Lotte", "Sem"]


def test_a_wrong_password_is_said_in_the_dialog_and_restore_stays_off(
    qtbot: QtBot, context: AppContext, made: backups.BackupFile
) -> None:
    confirm = Confirmation(context.store.path, answer=True)
    page = open_page(qtbot, context, confirm)
    dialog = preview(qtbot, page, "niet het wachtwoord")
    assert "toen hij werd gemaakt" in dialog.message.text()
    assert not dialog.restore_button.isEnabled() and not dialog.counts.isVisible()
    click(qtbot, dialog.restore_button)
    assert confirm.seen is None


def test_choosing_a_folder_is_saved_undoably_and_warned_about_inside_the_stores_folder(
    qtbot: QtBot, context: AppContext
) -> None:
    inside = context.store.path.parent / "kopieën"
    inside.mkdir()
    confirm = Confirmation(context.store.path, answer=False)
    page = open_page(qtbot, context, confirm, pick_folder=lambda parent, start: str(inside))
    assert not page.backup_button.isEnabled()  # no folder yet
    click(qtbot, page.settings_box.folder_button)
    assert backups.get_backup_settings(context.services).folder == inside
    assert page.settings_box.folder_edit.text() == str(inside)
    assert "andere schijf" in page.settings_box.folder_warning.text()
    assert page.backup_button.isEnabled()
    context.undo_stack.undo()
    assert backups.get_backup_settings(context.services).folder is None
    assert (
        page.settings_box.folder_edit.text() == "" and page.settings_box.folder_warning.text() == ""
    )


def test_the_schedule_and_number_kept_are_saved_from_the_page(
    qtbot: QtBot, context: AppContext, folder: Path
) -> None:
    page = open_page(qtbot, context, Confirmation(context.store.path, answer=False))
    page.settings_box.frequency_combo.setCurrentIndex(
        page.settings_box.frequency_combo.findData(Frequency.WEEKLY.value)
    )
    assert page.settings_box.day_combo.isVisible()
    page.settings_box.day_combo.setCurrentIndex(0)
    page.settings_box.keep_spin.setValue(4)
    page.flush()
    settings = backups.get_backup_settings(context.services)
    assert settings.schedule == BackupSchedule(Frequency.WEEKLY, dt.time(12, 0), 0)
    assert settings.keep == 4
    page.settings_box.frequency_combo.setCurrentIndex(
        page.settings_box.frequency_combo.findData(Frequency.ON_EXIT.value)
    )
    assert (
        not page.settings_box.time_edit.isVisible() and not page.settings_box.day_combo.isVisible()
    )


def test_backup_now_writes_the_copy_and_lists_it(
    qtbot: QtBot, context: AppContext, folder: Path
) -> None:
    backups.set_backup_folder(context.services, folder)
    page = open_page(qtbot, context, Confirmation(context.store.path, answer=False))
    with qtbot.waitSignal(page.runner.finished, timeout=10_000):
        click(qtbot, page.backup_button)
    assert page.tree.topLevelItemCount() == 1
    assert "Back-up gemaakt" in page.message.text()
    assert "laatste back-up 15-01-2024 16:00" in page.settings_box.status_label.text().lower()
    with context.store.read() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert last is not None and last.action == "backup"


def test_the_scheduler_makes_a_due_backup_once_and_waits_an_hour_after_a_failure(
    qtbot: QtBot, context: AppContext, folder: Path
) -> None:
    clock = [LATER]
    backups.set_backup_folder(context.services, folder)
    scheduler = install_backup_scheduler(context, now=lambda: clock[0])
    with qtbot.waitSignal(scheduler.runner.finished, timeout=10_000):
        assert scheduler.check()
    assert not scheduler.check()  # made today after 12:00: not due again
    assert len(list_backups_in(folder)) == 1

    folder.rename(folder.with_name("losgekoppeld"))  # the disk is gone
    clock[0] = dt.datetime(2024, 1, 16, 12, 0)
    with qtbot.waitSignal(scheduler.runner.failed, timeout=10_000):
        scheduler.check()
    clock[0] += dt.timedelta(minutes=59)
    assert not scheduler.check()
    clock[0] += dt.timedelta(minutes=2)
    with qtbot.waitSignal(scheduler.runner.failed, timeout=10_000):
        scheduler.check()  # tried again after an hour
    scheduler.timer.stop()


def test_bij_afsluiten_makes_a_backup_when_the_main_window_closes(
    qtbot: QtBot, context: AppContext, folder: Path, gui_settings: GuiSettings
) -> None:
    backups.set_backup_folder(context.services, folder)
    backups.set_backup_schedule(context.services, BackupSchedule(Frequency.ON_EXIT))
    window = MainWindow(context.store, settings=gui_settings, sections=[])
    qtbot.addWidget(window)
    install_backup_scheduler(window, now=lambda: LATER)
    window.show()
    assert list_backups_in(folder) == []
    window.close()
    made = list_backups_in(folder)
    assert [b.made_at for b in made] == [LATER]
