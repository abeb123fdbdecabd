"""The 'Casussen' page driven like a person does: it loads a real encrypted store in the
background, narrows down as you type and choose filters, counts what it shows, sorts on a header
click, and opens a case with Enter or a double-click."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from tests.services.conftest import Partners
from tests.services.factories import add_case
from tests.ui.cases.synthetic import COACHES, synthetic_rows
from tests.ui.helpers import click
from zvkd_desktop.domain.vocabulary import Category
from zvkd_desktop.errors import StoreError
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.store.models import Youth
from zvkd_desktop.ui.cases import cases_page
from zvkd_desktop.ui.cases import page as page_module
from zvkd_desktop.ui.cases.model import CASE_ID_ROLE, Column
from zvkd_desktop.ui.cases.page import CasesPage
from zvkd_desktop.ui.sections import AppContext

D = dt.date


@dataclass
class Cases:
    noor: uuid.UUID
    liam: uuid.UUID
    eva: uuid.UUID


@pytest.fixture
def cases(ctx: ServiceContext, partners: Partners) -> Cases:
    """Noor (coach A, review overdue), Liam (coach B, rival youth, Voorhof), Eva (closed)."""
    noor = add_case(ctx.store, admitted_on=D(2023, 9, 1), first_name="Noor",
                    coach_id=partners.coach_a.id, next_review_on=D(2024, 1, 2))  # fmt: skip
    liam = add_case(ctx.store, admitted_on=D(2023, 12, 1), first_name="Liam",
                    coach_id=partners.coach_b.id, category=Category.RIVAL_YOUTH,
                    next_review_on=D(2024, 2, 1))  # fmt: skip
    eva = add_case(ctx.store, admitted_on=D(2022, 5, 1), first_name="Eva",
                   coach_id=partners.coach_a.id, closed_on=D(2023, 6, 1))  # fmt: skip
    with ctx.store.transaction() as session:
        session.execute(
            update(Youth).where(Youth.id == liam.youth_id).values(neighbourhood="voorhof")
        )
    assert noor.case_id and liam.case_id and eva.case_id
    return Cases(noor.case_id, liam.case_id, eva.case_id)


@pytest.fixture
def page(qtbot: QtBot, ctx: ServiceContext, cases: Cases) -> CasesPage:
    page = CasesPage(ctx, load=False)
    qtbot.addWidget(page)
    page.resize(1100, 500)
    page.show()
    qtbot.waitExposed(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
    return page


def shown(page: CasesPage) -> list[str]:
    proxy = page.proxy
    return [proxy.index(row, Column.NAME).data() for row in range(proxy.rowCount())]


def choose(combo: QComboBox, text: str) -> None:
    position = combo.findText(text)
    assert position >= 0, f"{text!r} is not a choice"
    combo.setCurrentIndex(position)


def test_loading_shows_a_busy_indicator_then_the_running_cases_and_their_count(
    qtbot: QtBot, ctx: ServiceContext, cases: Cases
) -> None:
    page = CasesPage(ctx, load=False)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10_000) as loaded:
        page.reload()
        assert page.busy.isVisible() and page.is_loading
        assert page.count_label.text() == "Casussen laden…"

    assert loaded.args == [3]
    assert not page.busy.isVisible()
    assert shown(page) == ["Liam de Jong", "Noor de Jong"]
    assert page.count_label.text() == "2 van 3 casussen"


def test_typing_in_the_search_field_narrows_the_list_letter_by_letter(
    qtbot: QtBot, page: CasesPage
) -> None:
    qtbot.keyClicks(page.search_edit, "no")
    assert shown(page) == ["Noor de Jong"]
    assert page.count_label.text() == "1 van 3 casussen"

    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "jeroen")  # coach B's name
    assert shown(page) == ["Liam de Jong"]

    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "VOORHOF")
    assert shown(page) == ["Liam de Jong"]


def test_the_filters_offer_what_occurs_and_show_exactly_the_matching_cases(page: CasesPage) -> None:
    coaches = [page.coach_combo.itemText(i) for i in range(page.coach_combo.count())]
    assert coaches == ["Alle coaches", "Zonder coach", "Fatima el Amrani", "Jeroen de Vries"]
    hoods = [page.neighbourhood_combo.itemText(i) for i in range(page.neighbourhood_combo.count())]
    assert hoods == ["Alle wijken", "Buitenhof", "Voorhof"]

    choose(page.status_combo, "Alle")
    assert shown(page) == ["Eva de Jong", "Liam de Jong", "Noor de Jong"]
    choose(page.coach_combo, "Fatima el Amrani")
    assert shown(page) == ["Eva de Jong", "Noor de Jong"]
    choose(page.status_combo, "Afgesloten")
    assert shown(page) == ["Eva de Jong"]
    assert page.count_label.text() == "1 van 3 casussen"

    page.reset_filters()
    choose(page.category_combo, "Rivaliserende jeugd")
    assert shown(page) == ["Liam de Jong"]
    page.reset_filters()
    choose(page.neighbourhood_combo, "Buitenhof")
    assert shown(page) == ["Noor de Jong"]
    page.reset_filters()
    choose(page.signal_combo, "Bespreking te laat")
    assert shown(page) == ["Noor de Jong"]
    choose(page.coach_combo, "Zonder coach")
    assert shown(page) == []
    assert page.count_label.text() == "0 van 3 casussen"


def test_filters_wissen_brings_back_every_running_case(qtbot: QtBot, page: CasesPage) -> None:
    assert not page.reset_button.isEnabled()
    qtbot.keyClicks(page.search_edit, "noor")
    choose(page.category_combo, "Regulier")
    assert page.reset_button.isEnabled()

    click(qtbot, page.reset_button)

    assert page.search_edit.text() == "" and page.category_combo.currentIndex() == 0
    assert shown(page) == ["Liam de Jong", "Noor de Jong"]
    assert not page.reset_button.isEnabled()


def test_enter_on_the_selected_case_opens_it(qtbot: QtBot, page: CasesPage, cases: Cases) -> None:
    page.table.setFocus()
    page.table.selectRow(1)  # Noor
    with qtbot.waitSignal(page.case_activated) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [cases.noor]
    assert page.current_case_id() == cases.noor


def test_a_double_click_opens_the_case(qtbot: QtBot, page: CasesPage, cases: Cases) -> None:
    rect = page.table.visualRect(page.proxy.index(0, Column.COACH))
    viewport = page.table.viewport()
    with qtbot.waitSignal(page.case_activated) as opened:
        # QTest's double-click is only the second click: the view needs the first press too
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [cases.liam]


def test_ctrl_f_goes_to_search_and_down_goes_to_the_first_case_found(
    qtbot: QtBot, page: CasesPage, cases: Cases
) -> None:
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search_edit.hasFocus()

    qtbot.keyClicks(page.search_edit, "noor")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    assert page.current_case_id() == cases.noor

    page.search_edit.setFocus()
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Escape)
    assert page.search_edit.text() == ""


def test_clicking_a_header_sorts_by_that_column_and_again_reverses_it(
    qtbot: QtBot, page: CasesPage
) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(Column.ADMITTED) + header.sectionSize(Column.ADMITTED) // 2
    position = header.rect().center()
    position.setX(x)

    def click_header() -> None:
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)

    click_header()
    assert shown(page) == ["Noor de Jong", "Liam de Jong"]  # admitted 01-09 before 01-12
    click_header()
    assert shown(page) == ["Liam de Jong", "Noor de Jong"]


def test_the_selected_case_stays_selected_through_a_search_and_goes_when_hidden(
    qtbot: QtBot, page: CasesPage, cases: Cases
) -> None:
    assert page.select_case(cases.noor)
    qtbot.keyClicks(page.search_edit, "noor")  # two rows become one: the list starts afresh
    assert shown(page) == ["Noor de Jong"]
    assert page.current_case_id() == cases.noor
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "liam")
    assert page.current_case_id() is None
    assert not page.select_case(cases.noor)


def test_a_reload_keeps_the_filters_and_the_selected_case(
    qtbot: QtBot, page: CasesPage, cases: Cases
) -> None:
    choose(page.coach_combo, "Fatima el Amrani")
    page.table.selectRow(0)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
    assert page.coach_combo.currentText() == "Fatima el Amrani"
    assert page.current_case_id() == cases.noor


def test_at_10000_cases_the_page_filters_shows_and_counts_exactly_the_right_rows(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    rows = synthetic_rows(10_000, on=D(2024, 1, 15))
    page = CasesPage(ctx, load=False)
    qtbot.addWidget(page)
    page.set_rows(rows, D(2024, 1, 15))
    coach_id, coach_name = COACHES[5]

    choose(page.status_combo, "Alle")
    choose(page.coach_combo, coach_name)
    qtbot.keyClicks(page.search_edit, "sa")

    proxy = page.proxy
    expected = {r.case_id for r in rows if r.coach_id == coach_id and "sa" in r.youth_name.lower()}
    assert {proxy.index(i, 0).data(CASE_ID_ROLE) for i in range(proxy.rowCount())} == expected
    assert page.count_label.text() == f"{len(expected)} van 10.000 casussen"


def test_a_refused_load_is_shown_plainly_on_the_page(
    qtbot: QtBot, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise StoreError("Dit bestand is alleen-lezen geopend.", code="read_only")

    monkeypatch.setattr(page_module, "case_rows", refuse)
    page = CasesPage(ctx, load=False)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.load_failed, timeout=10_000):
        page.reload()
    assert page.message.text() == "Dit bestand is alleen-lezen geopend."
    assert not page.is_loading


def test_as_a_section_it_opens_cases_through_the_shell_and_reloads_after_changes(
    qtbot: QtBot, ctx: ServiceContext, cases: Cases
) -> None:
    context = AppContext(ctx.store, today=ctx.today)
    page = cases_page(context, None)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.is_loading, timeout=10_000)
    page.table.setFocus()
    page.table.selectRow(0)  # Liam
    with qtbot.waitSignal(context.open_case_requested) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [cases.liam, ""]

    add_case(ctx.store, admitted_on=D(2024, 1, 3), first_name="Amira")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        context.changed.emit()
    assert shown(page) == ["Amira de Jong", "Liam de Jong", "Noor de Jong"]


def test_a_change_while_hidden_is_loaded_when_the_page_is_shown_again(
    qtbot: QtBot, page: CasesPage, ctx: ServiceContext
) -> None:
    page.hide()
    add_case(ctx.store, admitted_on=D(2024, 1, 3), first_name="Amira")
    page.data_changed()
    assert not page.is_loading
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    assert "Amira de Jong" in shown(page)
