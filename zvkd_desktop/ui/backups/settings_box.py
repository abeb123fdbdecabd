"""The 'Waar en wanneer' part of the Back-ups page: the folder, the schedule and how many to keep.

Each change is saved as one undoable step through ``AppContext.execute``; the schedule and the
number wait until the user stops stepping (``SAVE_DELAY_MS``), so 10 → 15 is one step, not five.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTime, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.services import backups
from zvkd_desktop.services.backups import (
    MAX_KEEP,
    MIN_KEEP,
    BackupSchedule,
    BackupSettings,
    Frequency,
)
from zvkd_desktop.ui.backups.common import Now, when
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.widgets import InlineMessage

SAVE_DELAY_MS = 700

ChooseFolder = Callable[[QWidget, str], str]


def choose_folder(parent: QWidget, start: str) -> str:
    return QFileDialog.getExistingDirectory(parent, parent.tr("Kies de back-upmap"), start)


class SettingsBox(QGroupBox):
    def __init__(
        self,
        context: AppContext,
        settings: BackupSettings,
        parent: QWidget | None = None,
        *,
        now: Now,
        manager: bool,
        pick_folder: ChooseFolder = choose_folder,
    ) -> None:
        super().__init__(QCoreApplication.translate("SettingsBox", "Waar en wanneer"), parent)
        self.context = context
        self.settings = settings
        self.now = now
        self.manager = manager
        self.pick_folder = pick_folder

        self.folder_edit = QLineEdit(self)
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setPlaceholderText(self.tr("Nog geen map gekozen"))
        self.folder_edit.setAccessibleName(self.tr("Back-upmap"))
        self.folder_button = QPushButton(self.tr("&Kiezen…"), self)
        self.folder_button.clicked.connect(self.choose_folder)
        folder_label = QLabel(self.tr("&Map:"), self)
        folder_label.setBuddy(self.folder_button)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)
        self.folder_warning = InlineMessage(self)

        self.frequency_combo = QComboBox(self)
        for frequency in Frequency:
            self.frequency_combo.addItem(
                QCoreApplication.translate("vocabulary", frequency.label), frequency.value
            )
        self.frequency_combo.setAccessibleName(self.tr("Wanneer een back-up wordt gemaakt"))
        self.day_combo = QComboBox(self)
        days = (
            self.tr("op maandag"),
            self.tr("op dinsdag"),
            self.tr("op woensdag"),
            self.tr("op donderdag"),
            self.tr("op vrijdag"),
            self.tr("op zaterdag"),
            self.tr("op zondag"),
        )
        for day, name in enumerate(days):
            self.day_combo.addItem(name, day)
        self.day_combo.setAccessibleName(self.tr("Dag van de week"))
        self.time_edit = QTimeEdit(self)
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(self.tr("Tijdstip"))
        self.time_prefix = QLabel(self.tr("om"), self)
        schedule_label = QLabel(self.tr("&Schema:"), self)
        schedule_label.setBuddy(self.frequency_combo)
        schedule_row = QHBoxLayout()
        for widget in (self.frequency_combo, self.day_combo, self.time_prefix, self.time_edit):
            schedule_row.addWidget(widget)
        schedule_row.addStretch(1)

        self.keep_spin = QSpinBox(self)
        self.keep_spin.setRange(MIN_KEEP, MAX_KEEP)
        self.keep_spin.setSuffix(self.tr(" back-ups"))
        self.keep_spin.setAccessibleName(self.tr("Aantal back-ups dat bewaard blijft"))
        keep_label = QLabel(self.tr("&Bewaren:"), self)
        keep_label.setBuddy(self.keep_spin)
        keep_help = QLabel(self.tr("de oudste gaan weg zodra er meer zijn"), self)
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep_spin)
        keep_row.addWidget(keep_help)
        keep_row.addStretch(1)

        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        folder_field = QVBoxLayout()
        folder_field.addLayout(folder_row)
        folder_field.addWidget(self.folder_warning)
        form = QFormLayout(self)
        form.addRow(folder_label, folder_field)
        form.addRow(schedule_label, schedule_row)
        form.addRow(keep_label, keep_row)
        form.addRow(self.tr("Status:"), self.status_label)

        for widget in (self.frequency_combo, self.day_combo):
            widget.currentIndexChanged.connect(self._schedule_edited)
        self.time_edit.timeChanged.connect(self._schedule_edited)
        self.keep_spin.valueChanged.connect(self._schedule_edited)
        self.keep_spin.editingFinished.connect(self.save_schedule)
        for widget in (
            self.folder_button,
            self.frequency_combo,
            self.day_combo,
            self.time_edit,
            self.keep_spin,
        ):
            widget.setEnabled(manager)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_schedule)

    def show_settings(self, settings: BackupSettings) -> None:
        self.settings = settings
        widgets = (self.frequency_combo, self.day_combo, self.time_edit, self.keep_spin)
        for widget in widgets:
            widget.blockSignals(True)
        self.folder_edit.setText(str(settings.folder) if settings.folder else "")
        self.frequency_combo.setCurrentIndex(
            self.frequency_combo.findData(settings.schedule.frequency.value)
        )
        self.day_combo.setCurrentIndex(settings.schedule.weekday)
        self.time_edit.setTime(QTime(settings.schedule.at.hour, settings.schedule.at.minute))
        self.keep_spin.setValue(settings.keep)
        for widget in widgets:
            widget.blockSignals(False)
        self._show_schedule_parts(settings.schedule.frequency)
        warning = backups.folder_warning(self.context.store.path, settings.folder)
        if warning:
            self.folder_warning.show_warning(warning)
        else:
            self.folder_warning.clear()
        self._show_status()

    def _show_schedule_parts(self, frequency: Frequency) -> None:
        timed = frequency in (Frequency.DAILY, Frequency.WEEKLY)
        self.day_combo.setVisible(frequency is Frequency.WEEKLY)
        self.time_prefix.setVisible(timed)
        self.time_edit.setVisible(timed)

    def _show_status(self) -> None:
        settings = self.settings
        if settings.folder is None:
            self.status_label.setText(
                self.tr("Er worden nog geen back-ups gemaakt: kies eerst een map.")
            )
            return
        now = self.now()
        last = backups.last_backup_at(self.context.services, settings.folder)
        parts = [
            self.tr("laatste back-up {when}").format(when=when(last))
            if last
            else self.tr("nog geen back-up in deze map")
        ]
        following = backups.next_due(settings.schedule, last, now)
        if settings.schedule.frequency is Frequency.ON_EXIT:
            parts.append(self.tr("de volgende bij het afsluiten"))
        elif settings.schedule.frequency is Frequency.OFF:
            parts.append(self.tr("alleen met de hand"))
        elif following is not None:
            parts.append(
                self.tr("de volgende binnen een minuut")
                if following <= now
                else self.tr("de volgende {when}").format(when=when(following))
            )
        text = "; ".join(parts)
        self.status_label.setText(text[:1].upper() + text[1:] + ".")

    def choose_folder(self) -> None:
        current = self.settings.folder
        start = str(current) if current else str(self.context.store.path.parent)
        chosen = self.pick_folder(self, start)
        if not chosen or (current is not None and Path(chosen) == current):
            return
        ctx = self.context.services
        self.context.execute(
            self,
            self.tr("Back-upmap kiezen"),
            lambda: backups.set_backup_folder(ctx, chosen),
            lambda _result: backups.set_backup_folder(ctx, current),
        )

    def _schedule_edited(self) -> None:
        self._show_schedule_parts(Frequency(self.frequency_combo.currentData()))
        self._save_timer.start()

    def edited_schedule(self) -> BackupSchedule:
        time = self.time_edit.time()
        return BackupSchedule(
            self.frequency_combo.currentData(),
            dt.time(time.hour(), time.minute()),
            self.day_combo.currentData(),
        )

    def save_schedule(self) -> None:
        """Save the schedule and the number kept, each as one undoable step when it changed."""
        self._save_timer.stop()
        if self.context.closed or not self.manager:
            return
        ctx = self.context.services
        old = self.settings
        schedule, keep = self.edited_schedule(), self.keep_spin.value()
        if schedule.to_text() != old.schedule.to_text():
            self.context.execute(
                self,
                self.tr("Back-upschema wijzigen"),
                lambda: backups.set_backup_schedule(ctx, schedule),
                lambda _result: backups.set_backup_schedule(ctx, old.schedule),
            )
        if keep != old.keep:
            self.context.execute(
                self,
                self.tr("Aantal back-ups wijzigen"),
                lambda: backups.set_backup_keep(ctx, keep),
                lambda _result: backups.set_backup_keep(ctx, old.keep),
            )
        # what is stored now (a refused value goes back to the stored one)
        self.show_settings(backups.get_backup_settings(ctx))

    def flush(self) -> None:
        """Save a pending change now (the window calls this before it closes the store)."""
        if self._save_timer.isActive():
            self.save_schedule()
