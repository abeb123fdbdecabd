"""The 'Back-ups' page: where and when backups are made, how many are kept, and restoring one.

The coordinator manages it; other users see the backups and may make one by hand, but change
nothing and restore nothing (the services refuse it as well). Every setting change goes through
``AppContext.execute``, so it is undoable like any other edit.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.errors import KnownError
from zvkd_desktop.services import backups
from zvkd_desktop.services.backups import BackupFile, BackupSettings
from zvkd_desktop.ui.backups.common import Now, kind_label, size_text, system_now, when
from zvkd_desktop.ui.backups.restore_dialog import Confirm, RestoreDialog, ask_confirmation
from zvkd_desktop.ui.backups.scheduler import BackupRunner
from zvkd_desktop.ui.backups.settings_box import ChooseFolder, SettingsBox, choose_folder
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.widgets import InlineMessage

BACKUP_ROLE = Qt.ItemDataRole.UserRole + 1

ChooseFile = Callable[[QWidget, str], str]


def choose_file(parent: QWidget, start: str) -> str:
    return QFileDialog.getOpenFileName(
        parent, parent.tr("Kies een back-up"), start, parent.tr("ZVKD-bestanden (*.zvkd)")
    )[0]


class BackupsPage(QWidget):
    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        now: Now = system_now,
        confirm: Confirm = ask_confirmation,
        pick_folder: ChooseFolder = choose_folder,
        pick_file: ChooseFile = choose_file,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.now = now
        self.confirm = confirm
        self.pick_file = pick_file
        self.manager = context.store.user.role is UserRole.COORDINATOR
        self.settings: BackupSettings = backups.get_backup_settings(context.services)
        self.runner = BackupRunner(context, self)
        self.runner.started.connect(self._backup_started)
        self.runner.finished.connect(self._backup_finished)
        self.runner.failed.connect(self._backup_failed)

        heading = QLabel(self.tr("Back-ups"), self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            self.tr(
                "Een back-up is een kopie van het versleutelde gegevensbestand: net zo veilig als "
                "het bestand zelf, en te openen met het wachtwoord dat gold toen hij werd gemaakt."
            ),
            self,
        )
        intro.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        if not self.manager:
            notice = InlineMessage(self)
            notice.show_info(
                self.tr(
                    "De coördinator kiest waar en wanneer back-ups worden gemaakt en zet ze "
                    "zo nodig terug."
                )
            )
            layout.addWidget(notice)
        self.settings_box = SettingsBox(
            context, self.settings, self, now=now, manager=self.manager, pick_folder=pick_folder
        )
        layout.addWidget(self.settings_box)
        layout.addWidget(self._list_box(), 1)

        context.changed.connect(self.refresh)
        self.refresh()

    # -- building ------------------------------------------------------------------------------

    def _list_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Back-ups in deze map"), self)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(
            [self.tr("Gemaakt op"), self.tr("Versie"), self.tr("Grootte"), self.tr("Soort")]
        )
        self.tree.setAccessibleName(self.tr("Back-ups in de back-upmap"))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(True)
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemActivated.connect(lambda *_: self.restore_selected())
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)

        self.backup_button = QPushButton(self.tr("&Nu een back-up maken"), self)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("&Terugzetten…"), self)
        self.restore_button.clicked.connect(self.restore_selected)
        self.other_button = QPushButton(self.tr("&Ander bestand terugzetten…"), self)
        self.other_button.clicked.connect(self.restore_other)
        self.refresh_button = QPushButton(self.tr("&Vernieuwen"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.other_button.setEnabled(self.manager)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.other_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        self.message = InlineMessage(self)

        layout = QVBoxLayout(box)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        return box

    # -- showing -------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.context.closed:
            return
        self.settings = backups.get_backup_settings(self.context.services)
        self.settings_box.show_settings(self.settings)
        self._show_list()

    def _show_list(self) -> None:
        selected = self.selected_backup()
        self.tree.clear()
        folder = self.settings.folder
        found = backups.list_backups_in(folder, self.context.store.file.store_id) if folder else []
        for info in found:
            item = QTreeWidgetItem(
                [
                    when(info.made_at),
                    str(info.generation),
                    size_text(info.size),
                    kind_label(info.kind),
                ]
            )
            for column in (1, 2):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            item.setData(0, BACKUP_ROLE, info)
            for column in range(4):
                item.setToolTip(column, str(info.path))
            self.tree.addTopLevelItem(item)
            if selected is not None and info.path == selected.path:
                self.tree.setCurrentItem(item)
        if folder is None:
            self.empty_label.setText(self.tr("Kies hierboven een map voor de back-ups."))
        elif not folder.is_dir():
            self.empty_label.setText(
                self.tr("De map {folder} is nu niet bereikbaar.").format(folder=folder)
            )
        elif not found:
            self.empty_label.setText(self.tr("Er staan nog geen back-ups van dit bestand in."))
        self.empty_label.setVisible(not found)
        if found and self.tree.currentItem() is None:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.manager and self.selected_backup() is not None)
        self.backup_button.setEnabled(self.settings.folder is not None and not self.runner.running)

    def selected_backup(self) -> BackupFile | None:
        item = self.tree.currentItem() if hasattr(self, "tree") else None
        return item.data(0, BACKUP_ROLE) if item is not None else None

    def flush(self) -> None:
        """Save a pending change now (the window calls this before it closes the store)."""
        self.settings_box.flush()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.flush()
        super().hideEvent(event)

    # -- backing up and restoring --------------------------------------------------------------

    def backup_now(self) -> None:
        self.flush()
        self.runner.start(self.now())

    def _backup_started(self) -> None:
        self.message.show_info(self.tr("Bezig met de back-up…"))
        self._update_buttons()

    def _backup_finished(self, info: BackupFile) -> None:
        self.message.show_info(self.tr("Back-up gemaakt: {name}.").format(name=info.path.name))
        self.refresh()

    def _backup_failed(self, error: KnownError) -> None:
        self.message.show_warning(error.message)
        self._update_buttons()

    def restore_selected(self) -> RestoreDialog | None:
        backup = self.selected_backup()
        if backup is None or not self.manager:
            return None
        return self._open_restore(backup)

    def restore_other(self) -> RestoreDialog | None:
        start = str(self.settings.folder or self.context.store.path.parent)
        chosen = self.pick_file(self, start)
        if not chosen:
            return None
        try:
            backup = backups.describe_backup(Path(chosen))
        except KnownError as error:
            self.message.show_warning(error.message)
            return None
        return self._open_restore(backup)

    def _open_restore(self, backup: BackupFile) -> RestoreDialog:
        self.flush()
        dialog = RestoreDialog(self.context, backup, self, confirm=self.confirm, now=self.now)
        dialog.accepted.connect(lambda: self._restored(dialog))
        dialog.open()
        return dialog

    def _restored(self, dialog: RestoreDialog) -> None:
        result = dialog.result_
        if result is None:
            return
        kept = result.kept.name if result.kept else ""
        self.message.show_info(
            self.tr(
                "Teruggezet: de gegevens zijn nu die van {made}. Het vorige bestand is bewaard "
                "als {kept}."
            ).format(made=when(result.backup.made_at), kept=kept)
        )
        self.refresh()
