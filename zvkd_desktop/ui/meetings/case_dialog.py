"""Choosing a case to put on the agenda by hand, or to propose a category change for."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.services.case_views import CaseRow
from zvkd_desktop.ui.meetings.common import label
from zvkd_desktop.ui.widgets import InlineMessage

__all__ = ["CaseItemDialog"]


class CaseItemDialog(QDialog):
    """A searchable list of running cases and a text; the text is required for a category
    change (it is the reason on the agenda)."""

    def __init__(self, rows: list[CaseRow], *, category_change: bool,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.category_change = category_change
        self.setWindowTitle(self.tr("Categoriewijziging voorstellen") if category_change
                            else self.tr("Casus op de agenda zetten"))  # fmt: skip
        self.case_combo = QComboBox(self)
        self.case_combo.setEditable(True)
        self.case_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.case_combo.setAccessibleName(self.tr("Casus"))
        for row in sorted(rows, key=lambda r: r.youth_name.casefold()):
            self.case_combo.addItem(
                self.tr("{name} – {category}, opgenomen {date}").format(
                    name=row.youth_name, category=label(row.category),
                    date=format_nl(row.admitted_on)),
                row.id,
            )  # fmt: skip
        completer = self.case_combo.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.case_combo.setCurrentIndex(-1)
        self.text_edit = QLineEdit(self)
        self.text_edit.setMaxLength(500)
        self.text_edit.setAccessibleName(self.tr("Reden") if category_change else self.tr("Toelichting"))
        hint = QLabel(self.tr("Deze tekst komt op de geprinte agenda: noem geen adressen of "
                              "gevoelige details."), self)  # fmt: skip
        hint.setWordWrap(True)
        self.message = InlineMessage(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Voorstellen") if category_change else self.tr("Toevoegen"))  # fmt: skip
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        form = QFormLayout()
        form.addRow(self.tr("&Casus:"), self.case_combo)
        form.addRow(self.tr("&Reden:") if category_change else self.tr("&Toelichting:"),
                    self.text_edit)  # fmt: skip
        for row, widget in ((0, self.case_combo), (1, self.text_edit)):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                item.widget().setBuddy(widget)  # type: ignore[attr-defined]
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(self.fontMetrics().horizontalAdvance("x") * 70, self.sizeHint().height())

    def case_id(self) -> uuid.UUID | None:
        """The chosen case: the exact entry, or the only one containing what was typed."""
        typed = self.case_combo.currentText().strip()
        index = self.case_combo.findText(typed)
        if index < 0 and typed:
            matches = [row for row in range(self.case_combo.count())
                       if typed.casefold() in self.case_combo.itemText(row).casefold()]  # fmt: skip
            index = matches[0] if len(matches) == 1 else -1
        value = self.case_combo.itemData(index) if index >= 0 else None
        return value if isinstance(value, uuid.UUID) else None

    def text(self) -> str:
        return self.text_edit.text().strip()

    def _accept(self) -> None:
        if self.case_id() is None:
            self.message.show_warning(self.tr("Kies een casus uit de lijst (typ een deel van de "
                                              "naam en kies uit wat verschijnt)."))  # fmt: skip
            self.case_combo.setFocus()
            return
        if self.category_change and not self.text():
            self.message.show_warning(self.tr("Vul de reden van het voorstel in."))
            self.text_edit.setFocus()
            return
        self.accept()
