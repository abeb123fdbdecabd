"""'Besproken in het kernteam': the meetings that discussed one case, for the case's file.

The case file (another section) embeds this list; a double-click or Enter on a meeting asks the
shell to open it in the Kernteam section (``meeting_activated``).
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.meetings import meetings_for_case
from zvkd_desktop.ui.meetings.common import label

__all__ = ["CaseMeetings"]

_MEETING_ROLE = Qt.ItemDataRole.UserRole + 1


class CaseMeetings(QWidget):
    meeting_activated = Signal(object)
    """The id of the meeting to open."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(self.tr("Besproken in het kernteam"))
        self.tree.setHeaderLabels([self.tr("Overleg"), self.tr("Onderdeel"), self.tr("Besluiten")])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.empty_label = QLabel(self.tr("Nog niet besproken in een kernteamoverleg."), self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label)
        self.tree.itemActivated.connect(self._activated)

    def set_case(self, case_id: uuid.UUID) -> None:
        self.tree.clear()
        rows = meetings_for_case(self.ctx, case_id)
        for row in rows:
            status = "" if row.status.value == "held" else f" ({label(row.status).lower()})"
            entry = QTreeWidgetItem(self.tree, [
                format_nl(row.held_on) + status, label(row.section),
                "\n".join(row.decisions) or self.tr("Geen besluit vastgelegd")])  # fmt: skip
            entry.setData(0, _MEETING_ROLE, row.meeting_id)
        self.empty_label.setVisible(not rows)

    def _activated(self, entry: QTreeWidgetItem, _column: int) -> None:
        self.meeting_activated.emit(entry.data(0, _MEETING_ROLE))
