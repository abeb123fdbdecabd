"""Historie: every change to this case from the audit log — who, when, what.

One line per change with a short summary; unfold it (→ or double-click) for each field's old and
new value. A search field narrows the list to a person, a subject or a value.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.services.case_history import FieldChange, HistoryRow, case_history
from zvkd_desktop.ui.casefile.commands import CaseCommands
from zvkd_desktop.ui.casefile.tab import CaseSnapshot, CaseTab, list_view
from zvkd_desktop.ui.casefile.texts import moment_text, t
from zvkd_desktop.ui.dialogs.fields import vocab
from zvkd_desktop.ui.sections import AppContext

__all__ = ["HistoryTab", "change_text"]

_SUMMARY_FIELDS = 2
_SEARCH_ROLE = Qt.ItemDataRole.UserRole


def change_text(change: FieldChange) -> str:
    label = vocab(change.label)
    if not change.old:
        return t("{field}: {new}").format(field=label, new=change.new or "—")
    return t("{field}: {old} → {new}").format(field=label, old=change.old, new=change.new or "—")


def _summary(row: HistoryRow) -> str:
    if row.action in ("delete", "restore") or not row.changes:
        return ""
    parts = [change_text(c) for c in row.changes[:_SUMMARY_FIELDS]]
    more = len(row.changes) - _SUMMARY_FIELDS
    if more > 0:
        parts.append(t("en nog {count}").format(count=more))
    return "; ".join(parts)


class HistoryTab(CaseTab):
    def __init__(
        self, context: AppContext, commands: CaseCommands, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, commands, parent)
        self.intro = QLabel(
            t("Elke wijziging aan deze casus, de jongere en het gezin, de nieuwste bovenaan."), self
        )
        self.intro.setWordWrap(True)
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(t("Zoek op persoon, onderwerp of waarde…"))
        self.search_edit.setClearButtonEnabled(True)
        search_label = QLabel(t("&Zoeken:"), self)
        search_label.setBuddy(self.search_edit)
        self.search_edit.setAccessibleName(t("Zoeken in de historie"))
        self.view: QTreeWidget = list_view(
            self, [t("Wanneer"), t("Wie"), t("Wat"), t("Wijziging")], t("Historie")
        )
        self.view.setRootIsDecorated(True)
        self.count_label = QLabel(self)
        self.search_edit.textChanged.connect(self._filter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search_edit, 1)
        layout.addLayout(search_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self.rows: list[HistoryRow] = []

    def load(self, snapshot: CaseSnapshot) -> None:
        super().load(snapshot)
        self.rows = case_history(self.context.services, snapshot.case.id)
        self.view.clear()
        for entry in self.rows:
            what = t("{subject} {action}").format(
                subject=vocab(entry.subject_label), action=vocab(entry.action_label)
            )
            item = QTreeWidgetItem(
                self.view, [moment_text(entry.at), entry.user_name, what, _summary(entry)]
            )
            search = [what, entry.user_name, moment_text(entry.at)]
            for change in entry.changes:
                text = change_text(change)
                QTreeWidgetItem(item, ["", "", "", text])
                search.append(text)
            item.setData(0, _SEARCH_ROLE, " ".join(search).casefold())
        self._filter()

    def _filter(self) -> None:
        needle = self.search_edit.text().strip().casefold()
        shown = 0
        for index in range(self.view.topLevelItemCount()):
            item = self.view.topLevelItem(index)
            hidden = bool(needle) and needle not in str(item.data(0, _SEARCH_ROLE))
            item.setHidden(hidden)
            shown += not hidden
        if needle:
            self.count_label.setText(
                t("{shown} van {total} wijzigingen").format(shown=shown, total=len(self.rows))
            )
        else:
            self.count_label.setText(t("{total} wijzigingen").format(total=len(self.rows)))
