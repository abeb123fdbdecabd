"""The 'Instellingen' section: which file is open, who you are, the idle lock, your password."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.ui.password_dialog import ChangePasswordDialog
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.store_settings import (
    MAX_IDLE_LOCK_MINUTES,
    MIN_IDLE_LOCK_MINUTES,
    read_idle_lock_minutes,
    write_idle_lock_minutes,
)

SAVE_DELAY_MS = 700
"""Wait for the spin box to settle, so stepping 10 → 15 saves once, not five times."""


class SettingsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        store = context.store

        heading = QLabel(self.tr("Instellingen"), self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)

        file_box = QGroupBox(self.tr("Gegevensbestand"), self)
        self.path_label = self._value(str(store.path))
        self.generation_label = self._value(str(store.generation))
        file_form = QFormLayout(file_box)
        file_form.addRow(self.tr("Bestand:"), self.path_label)
        self.generation_label.setToolTip(self.tr("Wordt bij elke keer opslaan één hoger."))
        file_form.addRow(self.tr("Bestandsversie:"), self.generation_label)

        user_box = QGroupBox(self.tr("Uw gegevens"), self)
        user = store.user
        self.user_label = self._value(
            self.tr("{name} (gebruikersnaam {username})").format(
                name=user.display_name, username=user.username
            )
        )
        self.role_label = self._value(user.role.label)
        self.password_button = QPushButton(self.tr("&Wachtwoord wijzigen…"), self)
        self.password_button.clicked.connect(self.change_password)
        button_row = QHBoxLayout()
        button_row.addWidget(self.password_button)
        button_row.addStretch(1)
        user_form = QFormLayout(user_box)
        user_form.addRow(self.tr("Gebruiker:"), self.user_label)
        user_form.addRow(self.tr("Rol:"), self.role_label)
        user_form.addRow("", button_row)

        lock_box = QGroupBox(self.tr("Beveiliging"), self)
        self.idle_spin = QSpinBox(self)
        self.idle_spin.setRange(MIN_IDLE_LOCK_MINUTES, MAX_IDLE_LOCK_MINUTES)
        self.idle_spin.setSuffix(self.tr(" minuten"))
        self.idle_spin.setValue(read_idle_lock_minutes(store))
        self.idle_spin.setAccessibleName(self.tr("Vergrendelen na aantal minuten zonder activiteit"))
        idle_label = QLabel(self.tr("&Vergrendelen na:"), self)
        idle_label.setBuddy(self.idle_spin)
        idle_help = QLabel(
            self.tr(
                "Na zoveel minuten zonder muis- of toetsenbordgebruik verbergt het programma alle "
                "gegevens en vraagt het opnieuw om uw wachtwoord."
            ),
            self,
        )
        idle_help.setWordWrap(True)
        lock_form = QFormLayout(lock_box)
        lock_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        lock_form.addRow(idle_label, self.idle_spin)
        lock_form.addRow(idle_help)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(file_box)
        layout.addWidget(user_box)
        layout.addWidget(lock_box)
        layout.addStretch(1)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_idle_minutes)
        self.idle_spin.valueChanged.connect(lambda _value: self._save_timer.start())
        self.idle_spin.editingFinished.connect(self.save_idle_minutes)
        context.saved.connect(self._refresh_generation)
        QWidget.setTabOrder(self.password_button, self.idle_spin)

    def _value(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def flush(self) -> None:
        """Save a pending change now (the window calls this before it closes the store)."""
        if self._save_timer.isActive():
            self.save_idle_minutes()

    def save_idle_minutes(self) -> None:
        self._save_timer.stop()
        if self.context.closed:
            return
        minutes = self.idle_spin.value()
        if self.context.save(self, lambda store: write_idle_lock_minutes(store, minutes)):
            self.context.idle_minutes_changed.emit(read_idle_lock_minutes(self.context.store))

    def change_password(self) -> None:
        dialog = ChangePasswordDialog(self.context.store, self)
        dialog.accepted.connect(self.context.saved)
        dialog.open()

    def _refresh_generation(self) -> None:
        self.generation_label.setText(str(self.context.store.generation))

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.flush()
        super().hideEvent(event)
