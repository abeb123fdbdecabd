"""The search field, the five filters and the count above the case table.

Everything the user chooses here is one :class:`~zvkd_desktop.ui.cases.filtering.Criteria`,
sent on every keystroke and every choice (``criteria_changed``); the page hands it to the proxy.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from zvkd_desktop.domain.signals import SignalKind
from zvkd_desktop.domain.vocabulary import Category
from zvkd_desktop.ui.cases.filtering import ANY_SIGNAL, NO_COACH, Criteria, StatusFilter

__all__ = ["FilterBar"]

_CASE_SIGNALS = [kind for kind in SignalKind if kind is not SignalKind.REGISTRATION_PENDING]
_COMBO_CHARACTERS = 14


class FilterBar(QWidget):
    criteria_changed = Signal(object)
    """The search text or a filter changed: the new Criteria."""
    leave_search = Signal()
    """Down or Enter in the search field: go to the cases found."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Zoek op naam, coach of wijk…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Zoeken"))
        self.search_edit.setToolTip(
            self.tr("Typ een deel van een naam; hoofdletters en accenten maken niet uit (Ctrl+F)")
        )
        self.search_edit.installEventFilter(self)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(self.tr("Aantal getoonde casussen"))
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.status_combo = self._combo(self.tr("Status"))
        for text, value in ((self.tr("Lopend"), StatusFilter.RUNNING),
                            (self.tr("Afgesloten"), StatusFilter.CLOSED),
                            (self.tr("Alle"), StatusFilter.ALL)):  # fmt: skip
            self.status_combo.addItem(text, value)
        self.category_combo = self._combo(self.tr("Categorie"))
        self.category_combo.addItem(self.tr("Alle categorieën"), None)
        for category in Category:
            self.category_combo.addItem(_label(category), category)
        self.coach_combo = self._combo(self.tr("Coach"))
        self.neighbourhood_combo = self._combo(self.tr("Wijk"))
        self.signal_combo = self._combo(self.tr("Signaal"))
        self.signal_combo.addItem(self.tr("Alle casussen"), None)
        self.signal_combo.addItem(self.tr("Met een signaal"), ANY_SIGNAL)
        for kind in _CASE_SIGNALS:
            self.signal_combo.addItem(_label(kind), kind)
        self.fill_choices({}, {})
        self.reset_button = QPushButton(self.tr("&Filters wissen"), self)
        self.reset_button.setToolTip(self.tr("Zoekterm wissen en alle lopende casussen tonen"))
        self.reset_button.clicked.connect(self.reset)
        self.reset_button.setEnabled(False)
        self._layout()

        self.search_edit.textChanged.connect(self._changed)
        for combo in self.combos():
            combo.currentIndexChanged.connect(self._changed)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        # a fixed minimum, not the longest item: new coach names must not move the layout
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(_COMBO_CHARACTERS)
        return combo

    def combos(self) -> list[QComboBox]:
        return [self.status_combo, self.category_combo, self.coach_combo,
                self.neighbourhood_combo, self.signal_combo]  # fmt: skip

    def _layout(self) -> None:
        """Search on top, the five filters in a grid of equal columns under it."""
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        search_label = QLabel(self.tr("&Zoeken:"), self)
        search_label.setBuddy(self.search_edit)
        grid.addWidget(search_label, 0, 0)
        grid.addWidget(self.search_edit, 0, 1, 1, 5)
        grid.addWidget(self.count_label, 0, 6)
        labels = (self.tr("&Status:"), self.tr("Ca&tegorie:"), self.tr("C&oach:"),
                  self.tr("&Wijk:"), self.tr("Si&gnaal:"))  # fmt: skip
        for position, (text, combo) in enumerate(zip(labels, self.combos(), strict=True)):
            row, pair = divmod(position, 3)
            label = QLabel(text, self)
            label.setBuddy(combo)
            grid.addWidget(label, 1 + row, 2 * pair)
            grid.addWidget(combo, 1 + row, 2 * pair + 1)
        grid.addWidget(self.reset_button, 2, 5, Qt.AlignmentFlag.AlignLeft)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 2)
        grid.setColumnStretch(6, 1)
        grid.setHorizontalSpacing(self.fontMetrics().horizontalAdvance("x") * 2)
        chain = [self.search_edit, *self.combos(), self.reset_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- what is chosen --------------------------------------------------------------------

    def criteria(self) -> Criteria:
        # Item data comes back from Qt as a plain str for str-based enums (Category, SignalKind).
        category = self.category_combo.currentData()
        signal = self.signal_combo.currentData()
        return Criteria(
            search=self.search_edit.text(),
            status=self.status_combo.currentData(),
            category=Category(category) if category is not None else None,
            coach=self.coach_combo.currentData(),
            neighbourhood=self.neighbourhood_combo.currentData(),
            signal=SignalKind(signal) if isinstance(signal, str) else signal,
        )

    def _changed(self) -> None:
        criteria = self.criteria()
        self.reset_button.setEnabled(criteria != Criteria())
        self.criteria_changed.emit(criteria)

    def fill_choices(self, coaches: dict[uuid.UUID, str], neighbourhoods: dict[str, str]) -> None:
        """The coaches and wijken that occur in the cases, keeping the current choices."""
        by_name = sorted(((name, key) for key, name in coaches.items()),
                         key=lambda item: item[0].casefold())  # fmt: skip
        self._refill(self.coach_combo, [(self.tr("Alle coaches"), None),
                                        (self.tr("Zonder coach"), NO_COACH), *by_name])  # fmt: skip
        hoods = sorted(((name, code) for code, name in neighbourhoods.items()),
                       key=lambda item: item[0].casefold())  # fmt: skip
        self._refill(self.neighbourhood_combo, [(self.tr("Alle wijken"), None), *hoods])

    def _refill(self, combo: QComboBox, items: list[tuple[str, Any]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, value in items:
            combo.addItem(text, value)
        # compared in Python: Qt's findData does not see two equal UUID objects as equal
        values = [combo.itemData(position) for position in range(combo.count())]
        combo.setCurrentIndex(values.index(current) if current in values else 0)
        combo.blockSignals(False)
        if combo.currentData() != current:
            self._changed()

    def reset(self) -> None:
        """Back to every running case: no search text, no filters (one change, not six)."""
        for widget in (self.search_edit, *self.combos()):
            widget.blockSignals(True)
        self.search_edit.clear()
        for combo in self.combos():
            combo.setCurrentIndex(0)
        for widget in (self.search_edit, *self.combos()):
            widget.blockSignals(False)
        self._changed()

    def show_count(self, shown: int, total: int, *, loading: bool) -> None:
        if loading and total == 0:
            self.count_label.setText(self.tr("Casussen laden…"))
            return
        locale = QLocale()
        if total == 1:
            text = self.tr("{shown} van 1 casus").format(shown=locale.toString(shown))
        else:
            all_ = locale.toString(total)
            text = self.tr("{shown} van {total} casussen").format(
                shown=locale.toString(shown), total=all_
            )
            # Room for the longest count of this total, so a new count while typing never
            # moves the fields: that relayout would resize and repaint the whole table.
            widest = self.tr("{shown} van {total} casussen").format(shown=all_, total=all_)
            self.count_label.setMinimumWidth(
                self.count_label.fontMetrics().horizontalAdvance(widest)
            )
        self.count_label.setText(text)

    # -- keyboard --------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """In the search field, Down or Enter goes to the cases found; Escape clears the text."""
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.leave_search.emit()
                return True
            if key == Qt.Key.Key_Escape and self.search_edit.text():
                self.search_edit.clear()
                return True
        return super().eventFilter(watched, event)


def _label(value: Category | SignalKind) -> str:
    return QCoreApplication.translate("Vocabulary", value.label)
