"""The signals as a tree: (for a coach) "Mijn caseload" and "Overige signalen", then one group per
signal kind with its count, then the signals themselves.

Grouping is plain Python over the service's rows (:func:`group_signals`), so the counts on screen
are exactly the lengths of the lists the service returned; the Qt model only shows them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.signals import SignalKind
from zvkd_desktop.services.signals import SignalRow

__all__ = [
    "SIGNAL_ROLE",
    "TAB_FOR_KIND",
    "Column",
    "Group",
    "Section",
    "SignalTreeModel",
    "group_signals",
]

SIGNAL_ROLE = Qt.ItemDataRole.UserRole + 1
"""On every cell of a signal's row: its :class:`SignalRow`; on group rows: None."""
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
"""On a kind group's first cell: the :class:`SignalKind`."""

TAB_FOR_KIND: dict[SignalKind, str] = {
    SignalKind.ELIGIBLE_FOR_CLOSURE: "police",
    SignalKind.REVIEW_OVERDUE: "reviews",
    SignalKind.NO_COACH_CONTACT: "contacts",
    SignalKind.NEW_POLICE_CONTACT: "police",
    SignalKind.ACTION_OVERDUE: "plan",
    SignalKind.TURNS_27: "person",
}
"""The case-file tab where a signal can be dealt with (pending registrations open elsewhere)."""

_CONTEXT = "SignalTreeModel"


class Column(IntEnum):
    YOUTH = 0
    REASON = 1
    SINCE = 2
    COACH = 3


HEADERS = {
    Column.YOUTH: QT_TRANSLATE_NOOP(_CONTEXT, "Jongere"),
    Column.REASON: QT_TRANSLATE_NOOP(_CONTEXT, "Reden"),
    Column.SINCE: QT_TRANSLATE_NOOP(_CONTEXT, "Sinds"),
    Column.COACH: QT_TRANSLATE_NOOP(_CONTEXT, "Coach"),
}


@dataclass(frozen=True)
class Group:
    kind: SignalKind
    rows: tuple[SignalRow, ...]


@dataclass(frozen=True)
class Section:
    """A block of groups; ``title`` is None when there is only one block (no extra level)."""

    title: str | None
    groups: tuple[Group, ...]

    @property
    def count(self) -> int:
        return sum(len(group.rows) for group in self.groups)


def _groups(rows: Sequence[SignalRow]) -> tuple[Group, ...]:
    """One group per kind that occurs, in the domain's kind order, rows in the service's order."""
    by_kind: dict[SignalKind, list[SignalRow]] = {}
    for row in rows:
        by_kind.setdefault(row.kind, []).append(row)
    return tuple(Group(kind, tuple(by_kind[kind])) for kind in SignalKind if kind in by_kind)


def group_signals(
    rows: Sequence[SignalRow],
    *,
    own_coach_id: uuid.UUID | None = None,
    coach_filter: uuid.UUID | None = None,
) -> list[Section]:
    """The tree's content.

    With ``own_coach_id`` (the user is a coach) their own caseload comes first and everything else
    after it, so nothing is hidden but their work is on top. With ``coach_filter`` only that
    coach's cases remain; pending registrations have no coach and drop out, as in the service.
    """
    if coach_filter is not None:
        rows = [row for row in rows if row.coach_id == coach_filter]
    if own_coach_id is None:
        return [Section(None, _groups(rows))]
    own = [row for row in rows if row.coach_id == own_coach_id]
    others = [row for row in rows if row.coach_id != own_coach_id]
    return [
        Section(QCoreApplication.translate(_CONTEXT, "Mijn caseload"), _groups(own)),
        Section(QCoreApplication.translate(_CONTEXT, "Overige signalen"), _groups(others)),
    ]


def kind_label(kind: SignalKind) -> str:
    return QCoreApplication.translate("vocabulary", kind.label)


class SignalTreeModel(QStandardItemModel):
    """Read-only tree of :class:`Section` / :class:`Group` / signal rows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sections: list[Section] = []
        self.setHorizontalHeaderLabels(
            [QCoreApplication.translate(_CONTEXT, HEADERS[column]) for column in Column]
        )

    def set_sections(self, sections: list[Section], on: date) -> None:
        self.sections = sections
        self.removeRows(0, self.rowCount())
        root = self.invisibleRootItem()
        for section in sections:
            if section.title is None:
                self._add_groups(root, section, on)
                continue
            item = self._heading(f"{section.title} ({section.count})", scale=1.1)
            root.appendRow([item, *self._fillers()])
            self._add_groups(item, section, on)
            if not section.groups:
                empty = QStandardItem(
                    QCoreApplication.translate(_CONTEXT, "Geen signalen op {day}").format(
                        day=format_nl(on)
                    )
                )
                empty.setEditable(False)
                empty.setSelectable(False)
                item.appendRow([empty, *self._fillers()])

    def _add_groups(self, parent: QStandardItem, section: Section, on: date) -> None:
        for group in section.groups:
            heading = self._heading(f"{kind_label(group.kind)} ({len(group.rows)})")
            heading.setData(group.kind, KIND_ROLE)
            parent.appendRow([heading, *self._fillers()])
            for row in group.rows:
                heading.appendRow(self._signal_row(row))

    @staticmethod
    def _heading(text: str, scale: float = 1.0) -> QStandardItem:
        item = QStandardItem(text)
        item.setEditable(False)
        font = QFont(item.font())
        font.setBold(True)
        if scale != 1.0 and font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * scale)
        item.setFont(font)
        item.setData(text, Qt.ItemDataRole.AccessibleTextRole)
        return item

    @staticmethod
    def _fillers() -> list[QStandardItem]:
        fillers = []
        for _ in range(len(Column) - 1):
            item = QStandardItem()
            item.setEditable(False)
            fillers.append(item)
        return fillers

    @staticmethod
    def _signal_row(row: SignalRow) -> list[QStandardItem]:
        texts = {
            Column.YOUTH: row.youth_name,
            Column.REASON: row.reason,
            Column.SINCE: format_nl(row.since),
            Column.COACH: row.coach_name or QCoreApplication.translate(_CONTEXT, "—"),
        }
        items = []
        for column in Column:
            item = QStandardItem(texts[column])
            item.setEditable(False)
            item.setData(row, SIGNAL_ROLE)
            if column is Column.REASON:
                item.setToolTip(row.reason)
            items.append(item)
        return items

    def signal_at(self, index: QModelIndex) -> SignalRow | None:
        if not index.isValid():
            return None
        value = index.siblingAtColumn(0).data(SIGNAL_ROLE)
        return value if isinstance(value, SignalRow) else None

    def group_counts(self) -> dict[tuple[str | None, SignalKind], int]:
        """(section title, kind) → count as shown: for tests and the summary line."""
        return {
            (section.title, group.kind): len(group.rows)
            for section in self.sections
            for group in section.groups
        }
