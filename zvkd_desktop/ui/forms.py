"""Building blocks every section's forms and pages share: dd-mm-jjjj dates, vocabulary labels,
finding a combo item by its data, headings, and the column-and-splitter layout of a page.

One place, so the sections cannot drift apart again: ``QComboBox.findData`` compares Python
objects by identity, so every lookup by data goes through :func:`find_data`, which compares by
value (a UUID read again from the store is a new object).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QLabel, QSplitter, QVBoxLayout, QWidget

from zvkd_desktop.domain.vocabulary import Labelled

__all__ = [
    "DATE_FORMAT",
    "chain_tab_order",
    "find_data",
    "from_qdate",
    "heading_label",
    "splitter",
    "titled_column",
    "to_qdate",
    "vocab",
]

DATE_FORMAT = "dd-MM-yyyy"


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def vocab(member: Labelled | str) -> str:
    """The translated Dutch label of a vocabulary member (or of a Dutch source label)."""
    label = member.label if isinstance(member, Labelled) else member
    return QCoreApplication.translate("vocabulary", label)


def find_data(combo: QComboBox, value: object, *alternatives: object) -> int:
    """The index of the first item whose data equals ``value`` or one of ``alternatives``
    (-1 if none), compared by value, not by identity as ``QComboBox.findData`` does."""
    wanted = (value, *alternatives)
    for index in range(combo.count()):
        data = combo.itemData(index)
        if any(data == candidate for candidate in wanted):
            return index
    return -1


def heading_label(text: str, parent: QWidget, scale: float = 1.3) -> QLabel:
    """A bold heading ``scale`` times the normal size (1.3 for a page or dialog, 1.1 for a part)."""
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def titled_column(parent: QWidget, title: QWidget, content: QWidget) -> QWidget:
    """``title`` above ``content`` without margins: one pane of a page's splitter."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(title)
    layout.addWidget(content)
    return box


def splitter(orientation: Qt.Orientation, parent: QWidget, *panes: QWidget) -> QSplitter:
    """A splitter over ``panes`` none of which can be dragged shut (and then be hard to find)."""
    split = QSplitter(orientation, parent)
    split.setChildrenCollapsible(False)
    for pane in panes:
        split.addWidget(pane)
    return split


def chain_tab_order(*widgets: QWidget) -> None:
    """Tab moves through ``widgets`` in the order given."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)
