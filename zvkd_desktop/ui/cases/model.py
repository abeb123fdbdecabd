"""The case list as a Qt table model: one row per :class:`CaseRow`, ten columns, Dutch text.

Display text is made when a view asks for it (only the visible cells), never for all rows up
front. :data:`SORT_ROLE` gives the raw value of a cell (dates as dates, numbers as numbers, text
folded), and :meth:`CaseTableModel.sort_keys` gives the same order for a whole column at once, for
the proxy, which must not ask cell by cell at 100 000 rows. "Empty" (no coach, no next review)
sorts after every value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.signals import SignalKind
from zvkd_desktop.domain.vocabulary import Labelled
from zvkd_desktop.services.case_list import CaseRow
from zvkd_desktop.ui.cases.filtering import CaseIndex, fold

__all__ = ["CASE_ID_ROLE", "SORT_ROLE", "CaseTableModel", "Column"]

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 2

_CONTEXT = "CaseTableModel"
_EMPTY_LAST = 1 << 40
"""Sort key of an empty number or date: after every real one."""
_TEXT_LAST = "\U0010ffff"

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    AGE = 1
    NEIGHBOURHOOD = 2
    CATEGORY = 3
    COACH = 4
    ADMITTED = 5
    POLICE_FREE = 6
    ELIGIBLE = 7
    NEXT_REVIEW = 8
    STATUS = 9


HEADERS = {
    Column.NAME: QT_TRANSLATE_NOOP(_CONTEXT, "Naam"),
    Column.AGE: QT_TRANSLATE_NOOP(_CONTEXT, "Leeftijd"),
    Column.NEIGHBOURHOOD: QT_TRANSLATE_NOOP(_CONTEXT, "Wijk"),
    Column.CATEGORY: QT_TRANSLATE_NOOP(_CONTEXT, "Categorie"),
    Column.COACH: QT_TRANSLATE_NOOP(_CONTEXT, "Coach"),
    Column.ADMITTED: QT_TRANSLATE_NOOP(_CONTEXT, "Opgenomen"),
    Column.POLICE_FREE: QT_TRANSLATE_NOOP(_CONTEXT, "Dagen\npolitievrij"),
    Column.ELIGIBLE: QT_TRANSLATE_NOOP(_CONTEXT, "Afsluitbaar\nvanaf"),
    Column.NEXT_REVIEW: QT_TRANSLATE_NOOP(_CONTEXT, "Volgende\nbespreking"),
    Column.STATUS: QT_TRANSLATE_NOOP(_CONTEXT, "Status"),
}
HEADER_TIPS = {
    Column.AGE: QT_TRANSLATE_NOOP(_CONTEXT, "Leeftijd in jaren op de dag van de lijst"),
    Column.POLICE_FREE: QT_TRANSLATE_NOOP(
        _CONTEXT,
        "Dagen sinds de opname of sinds het laatste negatieve politiecontact, als dat later was",
    ),
    Column.ELIGIBLE: QT_TRANSLATE_NOOP(
        _CONTEXT,
        "Vanaf deze datum mag de casus worden afgesloten omdat de jongere lang genoeg niet "
        "negatief in beeld is bij de politie",
    ),
    Column.NEXT_REVIEW: QT_TRANSLATE_NOOP(_CONTEXT, "Wanneer het kernteam de casus weer bespreekt"),
}
COLUMN_COUNT = len(Column)
ITEM_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
# Worked out once: a view asks every visible cell for its alignment on every repaint, and
# combining Qt flags in Python costs more than the rest of the cell.
_ALIGNMENTS = tuple(
    int(
        (Qt.AlignmentFlag.AlignRight if column in (Column.AGE, Column.POLICE_FREE)
         else Qt.AlignmentFlag.AlignLeft)
        | Qt.AlignmentFlag.AlignVCenter
    )
    for column in Column
)  # fmt: skip


def _t(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _label(value: Labelled) -> str:
    """A vocabulary label through translation (the labels are Dutch source strings)."""
    return QCoreApplication.translate("Vocabulary", value.label)


def raw_value(row: CaseRow, column: int) -> Any:
    """The value a column sorts on (:data:`SORT_ROLE`)."""
    match column:
        case Column.NAME:
            return fold(row.youth_name)
        case Column.AGE:
            return row.age
        case Column.NEIGHBOURHOOD:
            return fold(row.neighbourhood_name)
        case Column.CATEGORY:
            return fold(_label(row.category))
        case Column.COACH:
            return fold(row.coach_name) if row.coach_name else None
        case Column.ADMITTED:
            return row.admitted_on
        case Column.POLICE_FREE:
            return row.police_free_days
        case Column.ELIGIBLE:
            return row.eligible_on
        case Column.NEXT_REVIEW:
            return row.next_review_on
        case Column.STATUS:
            return row.closed_on  # running (no closure date) after every closed case
    return None


def _sort_key(value: Any) -> Any:
    if value is None:
        return _EMPTY_LAST
    if isinstance(value, date):
        return value.toordinal()
    return value


def _text_sort_key(value: str | None) -> str:
    return _TEXT_LAST if value is None else value


def column_sort_keys(rows: Sequence[CaseRow], column: int) -> list[Any]:
    """One comparable key per row for ``column`` (no Qt objects: usable on the loading thread)."""
    if column in (Column.NAME, Column.NEIGHBOURHOOD, Column.CATEGORY, Column.COACH):
        return [_text_sort_key(raw_value(row, column)) for row in rows]
    return [_sort_key(raw_value(row, column)) for row in rows]


class CaseTableModel(QAbstractTableModel):
    """Rows of :class:`CaseRow`, as they were on the day ``on`` they were built for."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseRow] = []
        self.prepared_index: CaseIndex | None = None
        self.on: date = date.min
        self._locale = QLocale()
        self._bold: QFont | None = None
        self._signal_icon: QIcon | None = None
        self._blank_icon = QIcon()
        # keyed by plain int: Qt passes the role as an int, and the view asks ~7 roles per cell
        self.cells: dict[int, Callable[[CaseRow, int], Any]] = {
            int(Qt.ItemDataRole.DisplayRole): self._display,
            int(Qt.ItemDataRole.ToolTipRole): self._tooltip,
            int(Qt.ItemDataRole.AccessibleTextRole): self._accessible,
            int(Qt.ItemDataRole.TextAlignmentRole): self._alignment,
            int(Qt.ItemDataRole.FontRole): self._font,
            int(Qt.ItemDataRole.DecorationRole): self._decoration,
            int(SORT_ROLE): raw_value,
            int(CASE_ID_ROLE): lambda row, _column: row.case_id,
        }
        """Per role, the function (row, column) -> value that :meth:`data` uses."""

    # -- content ---------------------------------------------------------------------------

    def set_rows(
        self, rows: Sequence[CaseRow], on: date, *, index: CaseIndex | None = None
    ) -> None:
        """Show ``rows`` (as they were on ``on``). ``index``: their search and filter index, if
        it was already built off the GUI thread; the proxy builds it otherwise."""
        self.beginResetModel()
        self._rows = list(rows)
        self.prepared_index = index if index is not None and index.size == len(rows) else None
        self.on = on
        self._locale = QLocale()
        self.endResetModel()

    @property
    def rows(self) -> list[CaseRow]:
        return self._rows

    def row_at(self, row: int) -> CaseRow:
        return self._rows[row]

    def sort_keys(self, column: int) -> list[Any]:
        """One comparable key per row for ``column``, in the order :data:`SORT_ROLE` gives."""
        return column_sort_keys(self._rows, column)

    # -- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return ITEM_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, column: int, role: int) -> Any:
        """``data`` without a QModelIndex (the proxy calls this directly)."""
        getter = self.cells.get(role)
        if getter is None or not 0 <= row < len(self._rows):
            return None
        return getter(self._rows[row], column)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return _t(HEADERS[column])  # long titles on two lines, so the date columns stay narrow
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _t(HEADERS[column]).replace("\n", " ")
        if role == Qt.ItemDataRole.ToolTipRole and column in HEADER_TIPS:
            return _t(HEADER_TIPS[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(None, column)
        return None

    # -- cells -----------------------------------------------------------------------------

    def _display(self, row: CaseRow, column: int) -> str:
        match column:
            case Column.NAME:
                return row.youth_name
            case Column.AGE:
                if row.age is None:
                    return ""
                return _t("ca. {age}").format(age=row.age) if row.age_is_estimate else str(row.age)
            case Column.NEIGHBOURHOOD:
                return row.neighbourhood_name
            case Column.CATEGORY:
                return _label(row.category)
            case Column.COACH:
                return row.coach_name or "–"
            case Column.ADMITTED:
                return format_nl(row.admitted_on)
            case Column.POLICE_FREE:
                return self._locale.toString(row.police_free_days)
            case Column.ELIGIBLE:
                return format_nl(row.eligible_on)
            case Column.NEXT_REVIEW:
                return format_nl(row.next_review_on) if row.next_review_on else ""
            case Column.STATUS:
                if row.closed_on is None:
                    return _label(row.status)
                return _t("Afgesloten {date}").format(date=format_nl(row.closed_on))
        return ""

    def _tooltip(self, row: CaseRow, column: int) -> str | None:
        match column:
            case Column.NAME:
                return self._signals_text(row) or None
            case Column.AGE if row.age_is_estimate:
                return _t("Alleen het geboortejaar is bekend; de leeftijd kan een jaar lager zijn.")
            case Column.COACH if row.coach_name is None:
                return _t("Nog geen coach toegewezen")
            case Column.POLICE_FREE:
                return self._police_free_text(row)
            case Column.ELIGIBLE:
                return self._eligible_text(row)
            case Column.NEXT_REVIEW if self._review_overdue(row):
                return _t("Te laat: de bespreking was gepland op {date}").format(
                    date=format_nl(row.next_review_on)  # type: ignore[arg-type]
                )
        return None

    def _accessible(self, row: CaseRow, column: int) -> str:
        """What a screen reader says: dates written out, the signals with the name."""
        match column:
            case Column.NAME:
                signals = self._signals_text(row)
                return f"{row.youth_name}, {signals}" if signals else row.youth_name
            case Column.ADMITTED | Column.ELIGIBLE | Column.NEXT_REVIEW:
                value = raw_value(row, column)
                return self._long_date(value) if value else _t("geen datum")
            case Column.POLICE_FREE:
                return _t("{days} dagen").format(days=row.police_free_days)
            case Column.STATUS if row.closed_on is not None:
                return _t("Afgesloten op {date}").format(date=self._long_date(row.closed_on))
        return self._display(row, column)

    def _alignment(self, _row: CaseRow | None, column: int) -> int:
        return _ALIGNMENTS[column]

    def _font(self, row: CaseRow, column: int) -> QFont | None:
        """Bold where the core team can act: closable now, or a review that is overdue."""
        if (column == Column.ELIGIBLE and row.is_running and row.eligible_on <= self.on) or (
            column == Column.NEXT_REVIEW and self._review_overdue(row)
        ):
            if self._bold is None:
                self._bold = QFont(QApplication.font())
                self._bold.setBold(True)
            return self._bold
        return None

    def _decoration(self, row: CaseRow, column: int) -> QIcon | None:
        """A warning sign before the name of a case with signals; an empty one of the same size
        otherwise, so every name starts at the same place."""
        if column != Column.NAME:
            return None
        if self._signal_icon is None:
            style = QApplication.style()
            self._signal_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            size = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
            blank = QPixmap(size, size)
            blank.fill(Qt.GlobalColor.transparent)
            self._blank_icon = QIcon(blank)
        return self._signal_icon if row.signals else self._blank_icon

    # -- texts -----------------------------------------------------------------------------

    def _review_overdue(self, row: CaseRow) -> bool:
        return row.is_running and row.next_review_on is not None and row.next_review_on < self.on

    def _signals_text(self, row: CaseRow) -> str:
        if not row.signals:
            return ""
        labels = [_label(kind) for kind in SignalKind if kind in row.signals]
        return _t("Signalen: {list}").format(list=", ".join(labels))

    def _police_free_text(self, row: CaseRow) -> str:
        if row.latest_police_contact_on is not None and row.reference_date != row.admitted_on:
            since = _t("sinds het laatste negatieve politiecontact op {date}")
        else:
            since = _t("sinds de opname op {date}")
        text = since.format(date=format_nl(row.reference_date))
        if row.closed_on is not None:
            return _t("Tot de afsluiting op {closed}, {since}").format(
                closed=format_nl(row.closed_on), since=text
            )
        return _t("Politievrij {since}").format(since=text)

    def _eligible_text(self, row: CaseRow) -> str:
        eligible = format_nl(row.eligible_on)
        if row.closed_on is not None:
            return _t("Afgesloten op {date}").format(date=format_nl(row.closed_on))
        if row.eligible_on <= self.on:
            return _t("Afsluitbaar sinds {date}").format(date=eligible)
        days = (row.eligible_on - self.on).days
        if days == 1:
            return _t("Afsluitbaar vanaf {date} (nog 1 dag)").format(date=eligible)
        return _t("Afsluitbaar vanaf {date} (nog {days} dagen)").format(date=eligible, days=days)

    def _long_date(self, value: date) -> str:
        return self._locale.toString(QDate(value.year, value.month, value.day), "d MMMM yyyy")
