"""The 'Inzage' tab: everything the store holds about one youth, as PDF and/or JSON (AVG art. 15).

The coordinator finds the youth by name, picks the formats and a folder, is warned that the files
leave the encrypted store, and the overview is written in the background (the PDF takes a moment
for a long file). The service records the inzage in the audit log.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.neighbourhoods import BY_CODE
from zvkd_desktop.errors import KnownError
from zvkd_desktop.services.privacy import write_inzage
from zvkd_desktop.services.youths import YouthRow, list_youths
from zvkd_desktop.ui.admin.prompts import Prompts
from zvkd_desktop.ui.admin.work import run_with_progress
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.widgets import InlineMessage, shorten_path

__all__ = ["InzageTab"]

SEARCH_DELAY_MS = 250
MAX_LISTED = 200
NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class InzageTab(QWidget):
    def __init__(
        self, context: AppContext, prompts: Prompts, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.prompts = prompts
        self.folder: Path | None = None
        self.written: list[Path] = []

        intro = QLabel(
            self.tr(
                "Een jongere of ouder heeft het recht om te zien wat er over de jongere is "
                "vastgelegd (AVG, artikel 15). Maak hier een overzicht van alle gegevens, inclusief "
                "het logboek over het dossier: als leesbare PDF en/of als JSON."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("voornaam of achternaam"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Zoek een jongere op naam"))
        self.youth_list = QListWidget(self)
        self.youth_list.setAccessibleName(self.tr("Gevonden jongeren"))
        self.more_label = QLabel(
            self.tr("Er zijn meer jongeren gevonden dan hier staan: typ meer letters van de naam."),
            self,
        )
        self.more_label.setWordWrap(True)
        self.more_label.hide()
        self.pdf_box = QCheckBox(self.tr("&PDF (leesbaar overzicht)"), self)
        self.json_box = QCheckBox(self.tr("&JSON (machineleesbaar)"), self)
        self.pdf_box.setChecked(True)
        self.json_box.setChecked(True)
        self.folder_label = QLabel(self.tr("(nog geen map gekozen)"), self)
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_button = QPushButton(self.tr("Map &kiezen…"), self)
        self.make_button = QPushButton(self.tr("Overzicht &maken…"), self)
        self.reason = InlineMessage(self)
        self.result_message = InlineMessage(self)

        search_label = QLabel(self.tr("&Zoek jongere:"), self)
        search_label.setBuddy(self.search_edit)
        formats = QHBoxLayout()
        formats.addWidget(self.pdf_box)
        formats.addWidget(self.json_box)
        formats.addStretch(1)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.folder_button)
        form = QFormLayout()
        form.addRow(search_label, self.search_edit)
        form.addRow("", self.youth_list)
        form.addRow("", self.more_label)
        form.addRow(self.tr("Formaat:"), formats)
        form.addRow(self.tr("Opslaan in:"), folder_row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.make_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form, 1)
        layout.addWidget(self.reason)
        layout.addLayout(buttons)
        layout.addWidget(self.result_message)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.search_edit.textChanged.connect(lambda _text: self._timer.start())
        self.youth_list.currentRowChanged.connect(self._update)
        self.pdf_box.toggled.connect(self._update)
        self.json_box.toggled.connect(self._update)
        self.folder_button.clicked.connect(self.choose_folder)
        self.make_button.clicked.connect(self.make)
        self.search()

    # -- choosing -------------------------------------------------------------------------------

    def search(self) -> None:
        self._timer.stop()
        if self.context.closed:
            return
        rows = list_youths(self.context.services, search=self.search_edit.text(), limit=MAX_LISTED)
        chosen = self.youth_id
        self.youth_list.clear()
        for row in rows:
            item = QListWidgetItem(self._describe(row), self.youth_list)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setData(NAME_ROLE, row.display_name)
            if row.id == chosen:
                self.youth_list.setCurrentItem(item)
        if len(rows) == 1:
            self.youth_list.setCurrentRow(0)
        self.more_label.setVisible(len(rows) >= MAX_LISTED)
        self._update()

    def _describe(self, row: YouthRow) -> str:
        born = format_nl(row.date_of_birth) if row.date_of_birth else str(row.birth_year)
        hood = BY_CODE.get(row.neighbourhood)
        return f"{row.display_name} — {born} — {hood.name if hood else row.neighbourhood}"

    @property
    def youth_id(self) -> uuid.UUID | None:
        item = self.youth_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def choose_folder(self) -> None:
        folder = self.prompts.choose_folder(
            self, self.tr("Map voor het inzageoverzicht"), self.folder
        )
        if folder is not None:
            self.set_folder(folder)

    def set_folder(self, folder: Path) -> None:
        self.folder = Path(folder)
        width = self.folder_label.fontMetrics().horizontalAdvance("x") * 60
        self.folder_label.setText(shorten_path(self.folder, self.folder_label, width))
        self.folder_label.setToolTip(str(self.folder))
        self._update()

    def problem(self) -> str:
        if self.youth_id is None:
            return self.tr("Zoek en kies een jongere.")
        if not (self.pdf_box.isChecked() or self.json_box.isChecked()):
            return self.tr("Kies PDF, JSON of allebei.")
        if self.folder is None:
            return self.tr("Kies de map waarin het overzicht komt.")
        return ""

    def _update(self, *_args: object) -> None:
        problem = self.problem()
        if problem:
            self.reason.show_info(problem)
        else:
            self.reason.clear()
        self.make_button.setEnabled(not problem)

    # -- making ---------------------------------------------------------------------------------

    def make(self) -> None:
        youth_id, folder = self.youth_id, self.folder
        if self.problem() or youth_id is None or folder is None or self.context.closed:
            return
        item = self.youth_list.currentItem()
        name = item.data(NAME_ROLE) if item is not None else ""
        if not self.prompts.ask_inzage(self, name):
            return
        ctx = self.context.services
        pdf, json = self.pdf_box.isChecked(), self.json_box.isChecked()
        self.result_message.clear()
        self.make_button.setEnabled(False)
        run_with_progress(
            self,
            self.tr("Inzageoverzicht maken…"),
            lambda: write_inzage(ctx, youth_id, folder, pdf=pdf, json=json),
            self._written,
            self._failed,
        )

    def _written(self, paths: list[Path]) -> None:
        self.written = list(paths)
        self._update()
        self.context.saved.emit()
        self.context.changed.emit()  # the inzage is a new line in the audit log
        self.result_message.show_info(
            self.tr(
                "Opgeslagen in {folder}: {files}. Deze bestanden zijn niet versleuteld; geef ze "
                "veilig door en verwijder ze daarna."
            ).format(folder=self.folder or "", files=", ".join(path.name for path in self.written))
        )

    def _failed(self, error: BaseException) -> None:
        self._update()
        if not isinstance(error, KnownError):
            raise error  # a bug: the crash dialog reports it
        self.result_message.show_warning(error.message)
