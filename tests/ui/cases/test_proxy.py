"""The case list's filter proxy: Qt's model checks while filtering and sorting, exactly the right
rows for each search and filter at 10 000 cases, sorting by dates and numbers, and the selection
following its case."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.ui.cases.synthetic import COACHES, synthetic_rows
from zvkd_desktop.domain.signals import SignalKind
from zvkd_desktop.domain.vocabulary import Category
from zvkd_desktop.services.case_list import CaseRow
from zvkd_desktop.ui.cases.filtering import ANY_SIGNAL, NO_COACH, Criteria, StatusFilter, fold
from zvkd_desktop.ui.cases.model import CASE_ID_ROLE, CaseTableModel, Column
from zvkd_desktop.ui.cases.proxy import CaseFilterProxy

ON = dt.date(2024, 1, 15)
ALL = Criteria(status=StatusFilter.ALL)


@pytest.fixture(scope="module")
def ten_thousand() -> list[CaseRow]:
    return synthetic_rows(10_000, on=ON)


def proxy_over(rows: list[CaseRow], criteria: Criteria = ALL) -> CaseFilterProxy:
    model = CaseTableModel()
    model.set_rows(rows, ON)
    proxy = CaseFilterProxy(model)
    proxy.setSourceModel(model)
    proxy.set_criteria(criteria)
    return proxy


def shown_ids(proxy: CaseFilterProxy) -> list[uuid.UUID]:
    return [proxy.index(r, 0).data(CASE_ID_ROLE) for r in range(proxy.rowCount())]


def ids_where(rows: list[CaseRow], test: Callable[[CaseRow], bool]) -> set[uuid.UUID]:
    return {row.case_id for row in rows if test(row)}


def test_the_proxy_passes_qts_model_checks_while_filtering_and_sorting(
    qtmodeltester: ModelTester,
) -> None:
    proxy = proxy_over(synthetic_rows(120, on=ON))
    qtmodeltester.check(proxy)
    for text in ("j", "ja", "jan", "", "zz-nothing", "buitenhof"):
        proxy.set_search(text)
    proxy.update_criteria(search="", status=StatusFilter.RUNNING, category=Category.REGULAR)
    proxy.sort(Column.ADMITTED, Qt.SortOrder.DescendingOrder)
    proxy.sort(Column.AGE, Qt.SortOrder.AscendingOrder)
    proxy.update_criteria(signal=ANY_SIGNAL)
    proxy.sourceModel().set_rows(synthetic_rows(50, on=ON, seed=2), ON)  # type: ignore[attr-defined]
    assert proxy.rowCount() > 0


def found_by(text: str, row: CaseRow) -> bool:
    """The search rule spelled out: every word in the name, the coach or the wijk."""
    fields = [fold(row.youth_name), fold(row.coach_name or ""), fold(row.neighbourhood_name)]
    return all(any(word in field for field in fields) for word in fold(text).split())


def test_at_10000_cases_a_search_shows_exactly_the_cases_whose_name_coach_or_wijk_match(
    ten_thousand: list[CaseRow],
) -> None:
    proxy = proxy_over(ten_thousand)
    for text in ("Zoe", "ZOË", "  el amr ", "tanthof", "çel", "Celik"):
        proxy.set_search(text)
        expected = ids_where(ten_thousand, lambda row, t=text: found_by(t, row))  # type: ignore[misc]
        assert expected and len(expected) < len(ten_thousand), text
        assert set(shown_ids(proxy)) == expected, text
        assert proxy.shown_count() == len(expected)
    assert ids_where(ten_thousand, lambda row: found_by("celik", row)) == ids_where(
        ten_thousand, lambda row: "Çelik" in row.youth_name
    )


def test_every_word_of_the_search_must_match_and_backspacing_restores_the_rows(
    ten_thousand: list[CaseRow],
) -> None:
    proxy = proxy_over(ten_thousand)
    proxy.set_search("noor buitenhof")
    expected = ids_where(
        ten_thousand, lambda r: "noor" in fold(r.youth_name) and r.neighbourhood == "buitenhof"
    )
    assert set(shown_ids(proxy)) == expected and expected
    typed = ""
    for letter in "mila":
        typed += letter
        proxy.set_search(typed)
    mila = set(shown_ids(proxy))
    proxy.set_search("mil")
    proxy.set_search("mila")
    assert (
        set(shown_ids(proxy))
        == mila
        == ids_where(ten_thousand, lambda r: "mila" in fold(r.youth_name))
    )
    proxy.set_search("")
    assert proxy.rowCount() == 10_000


@pytest.mark.parametrize(
    ("criteria", "test"),
    [
        (Criteria(), lambda r: r.is_running),
        (Criteria(status=StatusFilter.CLOSED), lambda r: not r.is_running),
        (Criteria(category=Category.RIVAL_YOUTH), lambda r: r.is_running and r.category is Category.RIVAL_YOUTH),
        (ALL.__class__(status=StatusFilter.ALL, coach=COACHES[3][0]), lambda r: r.coach_id == COACHES[3][0]),
        (Criteria(status=StatusFilter.ALL, coach=NO_COACH), lambda r: r.coach_id is None),
        (Criteria(status=StatusFilter.ALL, neighbourhood="voorhof"), lambda r: r.neighbourhood == "voorhof"),
        (Criteria(signal=ANY_SIGNAL), lambda r: r.is_running and bool(r.signals)),
        (Criteria(signal=SignalKind.REVIEW_OVERDUE), lambda r: SignalKind.REVIEW_OVERDUE in r.signals),
        (
            Criteria(search="de", category=Category.REGULAR, coach=COACHES[0][0], neighbourhood="buitenhof"),
            lambda r: r.is_running and r.category is Category.REGULAR and r.coach_id == COACHES[0][0]
            and r.neighbourhood == "buitenhof"
            and ("de" in fold(r.youth_name) or "de" in fold(r.coach_name or "")),
        ),
    ],
    ids=["running", "closed", "category", "coach", "no-coach", "wijk", "any-signal", "signal", "combined"],
)  # fmt: skip
def test_at_10000_cases_each_filter_shows_exactly_the_right_cases(
    ten_thousand: list[CaseRow], criteria: Criteria, test: Callable[[CaseRow], bool]
) -> None:
    proxy = proxy_over(ten_thousand, criteria)
    expected = ids_where(ten_thousand, test)
    assert expected, "the synthetic rows must give every filter something to find"
    assert sorted(shown_ids(proxy)) == sorted(expected)


def test_sorting_by_a_date_column_sorts_by_date_with_empty_dates_last(
    ten_thousand: list[CaseRow],
) -> None:
    proxy = proxy_over(ten_thousand)
    proxy.sort(Column.NEXT_REVIEW, Qt.SortOrder.AscendingOrder)
    dates = [proxy.case_row(r).next_review_on for r in range(proxy.rowCount())]
    present = [d for d in dates if d is not None]
    assert present == sorted(present) and None in dates
    assert dates[len(present) :] == [None] * (len(dates) - len(present))

    proxy.sort(Column.ADMITTED, Qt.SortOrder.DescendingOrder)
    admitted = [proxy.case_row(r).admitted_on for r in range(proxy.rowCount())]
    assert admitted == sorted(admitted, reverse=True)


def test_sorting_by_a_number_column_sorts_numerically_and_keeps_the_filter(
    ten_thousand: list[CaseRow],
) -> None:
    proxy = proxy_over(ten_thousand, Criteria(category=Category.REGULAR))
    proxy.sort(Column.POLICE_FREE, Qt.SortOrder.AscendingOrder)
    days = [proxy.case_row(r).police_free_days for r in range(proxy.rowCount())]
    assert days == sorted(days) and days[0] < 100 < days[-1]  # 99 < 100 < 1000, not as text
    assert all(proxy.case_row(r).category is Category.REGULAR for r in range(proxy.rowCount()))
    proxy.sort(Column.POLICE_FREE, Qt.SortOrder.DescendingOrder)
    descending = [proxy.case_row(r).police_free_days for r in range(proxy.rowCount())]
    assert descending == sorted(days, reverse=True)


def test_equal_values_keep_the_name_order_in_both_directions() -> None:
    rows = sorted(synthetic_rows(500, on=ON), key=lambda r: fold(r.youth_name))
    proxy = proxy_over(rows)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        proxy.sort(Column.CATEGORY, order)
        for category in Category:
            names = [fold(proxy.case_row(r).youth_name) for r in range(proxy.rowCount())
                     if proxy.case_row(r).category is category]  # fmt: skip
            assert names == sorted(names)


def test_a_sort_keeps_the_selected_case_selected_where_it_moved_to(qtbot: QtBot) -> None:
    rows = synthetic_rows(2000, on=ON)
    proxy = proxy_over(rows)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    chosen = rows[1234]
    row = shown_ids(proxy).index(chosen.case_id)
    view.selectionModel().setCurrentIndex(
        proxy.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )

    proxy.sort(Column.ELIGIBLE, Qt.SortOrder.DescendingOrder)

    current = view.currentIndex()
    assert current.row() != row
    assert current.data(CASE_ID_ROLE) == chosen.case_id
    assert view.selectionModel().isRowSelected(current.row())


def test_a_filter_starts_the_list_afresh_and_finds_a_case_s_new_row() -> None:
    rows = synthetic_rows(2000, on=ON)
    proxy = proxy_over(rows)
    chosen = next(r for r in rows if r.youth_name.startswith("Noor"))
    with_reset: list[str] = []
    proxy.modelReset.connect(lambda: with_reset.append("reset"))

    proxy.set_search("noor")

    assert with_reset == ["reset"]
    assert proxy.index(proxy.row_of_case(chosen.case_id), 0).data(CASE_ID_ROLE) == chosen.case_id
    proxy.set_search("zzz")
    assert proxy.row_of_case(chosen.case_id) == -1
