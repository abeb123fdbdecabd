"""Restoring a backup: see its date, generation and counts next to today's, then confirm.

Nothing is replaced before the user has seen what the backup holds and confirmed it: opening the
backup needs the password valid when it was made, so the counts appear only after "Bekijken".
The confirmation is injectable (``confirm``), so a test can check what is on screen at the very
moment the question is asked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.errors import KnownError
from zvkd_desktop.services.backup_restore import (
    BackupPreview,
    RestoreResult,
    current_counts,
    preview_backup,
    restore,
    shown_counts,
)
from zvkd_desktop.services.backups import BackupFile
from zvkd_desktop.ui.backups.common import Now, system_now, when
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.widgets import InlineMessage, busy_cursor

Confirm = Callable[[QWidget, str], bool]


def confirmation_box(parent: QWidget, text: str) -> tuple[QMessageBox, QAbstractButton]:
    """The last question before replacing, with "Niet terugzetten" as the safe default."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("RestoreDialog", "Back-up terugzetten"),
        text,
        parent=parent,
    )
    yes = box.addButton(
        QCoreApplication.translate("RestoreDialog", "&Terugzetten"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    no = box.addButton(
        QCoreApplication.translate("RestoreDialog", "&Niet terugzetten"),
        QMessageBox.ButtonRole.RejectRole,
    )
    box.setDefaultButton(no)
    return box, yes


def ask_confirmation(parent: QWidget, text: str) -> bool:
    box, yes = confirmation_box(parent, text)
    box.exec()
    return box.clickedButton() is yes


class RestoreDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        backup: BackupFile,
        parent: QWidget | None = None,
        *,
        confirm: Confirm = ask_confirmation,
        now: Now = system_now,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.backup = backup
        self.confirm = confirm
        self.now = now
        self.preview: BackupPreview | None = None
        self.result_: RestoreResult | None = None
        self.setWindowTitle(self.tr("Back-up terugzetten"))

        intro = QLabel(
            self.tr(
                "Bekijk eerst wat deze back-up bevat. Er wordt pas iets vervangen als u op "
                "Terugzetten klikt en dat bevestigt; het huidige bestand wordt dan eerst bewaard."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.file_label = self._value(backup.path.name)
        self.made_label = self._value(when(backup.made_at))
        self.generation_label = self._value(str(backup.generation))
        facts = QFormLayout()
        facts.addRow(self.tr("Bestand:"), self.file_label)
        facts.addRow(self.tr("Gemaakt op:"), self.made_label)
        facts.addRow(self.tr("Versie:"), self.generation_label)

        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Wachtwoord van de back-up"))
        password_label = QLabel(self.tr("&Wachtwoord:"), self)
        password_label.setBuddy(self.password_edit)
        self.preview_button = QPushButton(self.tr("&Bekijken"), self)
        self.preview_button.setAutoDefault(True)
        self.preview_button.clicked.connect(self.show_preview)
        self.password_edit.returnPressed.connect(self.show_preview)
        self.password_edit.textEdited.connect(self._password_changed)
        password_row = QHBoxLayout()
        password_row.addWidget(self.password_edit, 1)
        password_row.addWidget(self.preview_button)
        password_help = QLabel(
            self.tr("Het wachtwoord dat u had toen deze back-up werd gemaakt."), self
        )
        password_help.setWordWrap(True)
        facts.addRow(password_label, password_row)
        facts.addRow("", password_help)

        self.counts = QTableWidget(0, 3, self)
        self.counts.setHorizontalHeaderLabels(
            [self.tr("Onderdeel"), self.tr("Nu"), self.tr("In de back-up")]
        )
        self.counts.setAccessibleName(self.tr("Aantallen nu en in de back-up"))
        self.counts.verticalHeader().hide()
        self.counts.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.counts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counts.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.counts.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.counts.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.counts.hide()

        self.message = InlineMessage(self)
        self.buttons = QDialogButtonBox(self)
        self.restore_button = self.buttons.addButton(
            self.tr("&Terugzetten…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(False)
        self.restore_button.setAutoDefault(False)
        cancel = self.buttons.addButton(
            self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole
        )
        cancel.setAutoDefault(False)
        self.restore_button.clicked.connect(self.restore)
        cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(facts)
        layout.addWidget(self.counts, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().horizontalAdvance("x") * 84, self.sizeHint().height())

        if backup.store_id != context.store.file.store_id:
            self.message.show_warning(
                self.tr(
                    "Deze back-up hoort bij een ander gegevensbestand en kan hier niet worden "
                    "teruggezet. Kies een back-up van dit bestand."
                )
            )
            self.password_edit.setEnabled(False)
            self.preview_button.setEnabled(False)

    def _value(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _password_changed(self) -> None:
        """A preview holds for the password it was made with only."""
        self.restore_button.setEnabled(False)

    def show_preview(self) -> None:
        if not self.password_edit.text():
            self.message.show_warning(self.tr("Vul het wachtwoord in."))
            return
        try:
            with busy_cursor():
                preview = preview_backup(
                    self.backup.path,
                    password=self.password_edit.text(),
                    username=self.context.store.user.username,
                )
                current = current_counts(self.context.services)
        except KnownError as error:
            self.message.show_warning(error.message)
            self.password_edit.selectAll()
            self.password_edit.setFocus()
            return
        self.preview = preview
        self.made_label.setText(when(preview.made_at))
        self.generation_label.setText(
            self.tr("{backup} (het bestand is nu bij versie {now})").format(
                backup=preview.generation, now=self.context.store.generation
            )
        )
        rows = shown_counts(current, preview.counts)
        self.counts.setRowCount(len(rows))
        for row, (name, label) in enumerate(rows):
            self.counts.setItem(row, 0, QTableWidgetItem(label))
            for column, value in ((1, current.get(name, 0)), (2, preview.counts.get(name, 0))):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.counts.setItem(row, column, item)
        shown_rows = min(len(rows), 12)
        self.counts.setMinimumHeight(
            self.counts.horizontalHeader().height()
            + sum(self.counts.rowHeight(row) for row in range(shown_rows))
            + 2 * self.counts.frameWidth()
        )
        self.counts.show()
        self.message.show_info(
            self.tr(
                "Terugzetten vervangt alle huidige gegevens door die van {made}. Het huidige "
                "bestand wordt eerst als back-up bewaard, zodat u ook dit kunt terugdraaien."
            ).format(made=when(preview.made_at))
        )
        self.restore_button.setEnabled(True)
        self.restore_button.setDefault(True)
        self.restore_button.setFocus()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def confirmation_text(self) -> str:
        assert self.preview is not None
        return self.tr(
            "Alle gegevens vervangen door de back-up van {made} (versie {generation})? Wat daarna "
            "is vastgelegd, staat dan alleen nog in de bewaarde kopie van het huidige bestand."
        ).format(made=when(self.preview.made_at), generation=self.preview.generation)

    def restore(self) -> None:
        if self.preview is None or not self.restore_button.isEnabled():
            return
        if not self.confirm(self, self.confirmation_text()):
            return
        try:
            with busy_cursor():
                result = restore(
                    self.context.services,
                    self.backup.path,
                    password=self.password_edit.text(),
                    now=self.now(),
                )
        except KnownError as error:
            self.message.show_warning(error.message)
            return
        self.password_edit.clear()
        self.result_ = result
        # every undo step refers to data that is gone now
        self.context.undo_stack.clear()
        self.context.saved.emit()
        self.context.changed.emit()
        self.accept()
