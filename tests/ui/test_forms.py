"""The shared form helpers: a combo item is found by the value of its data, not by identity."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from zvkd_desktop.domain.vocabulary import Category
from zvkd_desktop.ui.dialogs.fields import select_data
from zvkd_desktop.ui.forms import find_data, from_qdate, to_qdate


def test_a_uuid_read_again_finds_its_item(qtbot: QtBot) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    first, second = uuid.uuid4(), uuid.uuid4()
    combo.addItem("Eerste", first)
    combo.addItem("Tweede", second)
    again = uuid.UUID(str(second))  # equal, but another object
    assert find_data(combo, again) == 1
    assert find_data(combo, uuid.uuid4()) == -1


def test_an_alternative_value_is_found_at_the_first_item_matching_either(qtbot: QtBot) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItem("a", "a")
    combo.addItem("b", "b")
    assert find_data(combo, "b", "a") == 0
    assert find_data(combo, "x", "b") == 1


def test_select_data_selects_an_enum_by_its_stored_value(qtbot: QtBot) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    for category in Category:
        combo.addItem(category.label, category.value)  # Qt keeps the str, not the enum
    last = list(Category)[-1]
    assert select_data(combo, last)
    assert combo.currentIndex() == len(Category) - 1
    assert not select_data(combo, "geen categorie")
    assert combo.currentIndex() == len(Category) - 1


def test_a_date_survives_the_round_trip_through_qdate() -> None:
    assert from_qdate(to_qdate(date(2013, 3, 18))) == date(2013, 3, 18)
