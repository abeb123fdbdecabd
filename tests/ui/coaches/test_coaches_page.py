"""The Coaches section: the table and the chart show each coach's running cases; moving cases to
another coach changes both, and Ctrl+Z moves them back; a coach with cases cannot be set
inactive, one without can."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QItemSelectionModel, QPointF, Qt
from pytestqt.qtbot import QtBot

from tests.ui.helpers import click, type_into
from tests.ui.signals.demo import TODAY
from zvkd_desktop.services.case_views import get_case, list_cases
from zvkd_desktop.services.caseload import caseload_per_coach, cases_of_coach
from zvkd_desktop.ui.coaches.chart import CaseloadChart
from zvkd_desktop.ui.coaches.dialogs import AddCoachDialog, DeactivateCoachDialog, TransferDialog
from zvkd_desktop.ui.coaches.page import CoachesPage
from zvkd_desktop.ui.registrations.fields import find_data, to_qdate
from zvkd_desktop.ui.registrations.table import selected_rows
from zvkd_desktop.ui.sections import AppContext


def make_page(qtbot: QtBot, context: AppContext) -> CoachesPage:
    page = CoachesPage(context)
    qtbot.addWidget(page)
    page.resize(960, 640)
    page.show()
    qtbot.waitExposed(page)
    return page


def running_per_coach(context: AppContext) -> Counter[str]:
    return Counter(row.coach_name for row in list_cases(context.services) if row.coach_name)


def select_first_cases(page: CoachesPage, count: int) -> None:
    model = page.case_view.model()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    page.case_view.setCurrentIndex(model.index(0, 0))
    for row in range(count):
        page.case_view.selectionModel().select(model.index(row, 0), flags)


def test_the_caseload_service_counts_the_running_cases_of_each_coach(context: AppContext) -> None:
    loads = caseload_per_coach(context.services)
    assert {load.name: load.running for load in loads if load.running} == running_per_coach(context)
    for load in loads:
        assert sum(load.by_category.values()) == load.running
        assert len(cases_of_coach(context.services, load.coach_id)) == load.running


def test_table_and_chart_show_the_caseloads(qtbot: QtBot, context: AppContext) -> None:
    page = make_page(qtbot, context)
    expected = running_per_coach(context)

    assert page.chart.values == dict(expected)
    shown = {row.name: row.running for row in page.coach_model.rows}
    assert shown == dict(expected)
    first = page.coach_view.model().index(0, 1)
    assert first.data() == str(expected[page.coach_view.model().index(0, 0).data()])


def test_hovering_a_bar_says_whose_and_how_many(qtbot: QtBot, context: AppContext) -> None:
    page = make_page(qtbot, context)
    chart: CaseloadChart = page.chart
    name, count = next(iter(chart.values.items()))

    assert chart.text_at(QPointF(0, 1)) == f"{name}: {count} lopende casussen"
    assert chart.text_at(QPointF(0.5, 1)) is None  # between the bars
    assert chart.getPlotItem().getAxis("left").labelText == "Lopende casussen"


def test_choosing_a_coach_lists_their_cases(qtbot: QtBot, context: AppContext) -> None:
    page = make_page(qtbot, context)
    load = page.loads[-1]

    page.coach_view.setFocus()
    page.select_coach(load.coach_id)

    names = sorted(row.youth_name for row in page.case_model.rows)
    assert names == sorted(r.youth_name for r in list_cases(context.services)
                           if r.coach_name == load.name)  # fmt: skip
    assert page.case_label.text() == f"&Casussen van {load.name} ({load.running})"


def test_moving_cases_changes_the_caseload_and_undo_moves_them_back(
    qtbot: QtBot, context: AppContext
) -> None:
    page = make_page(qtbot, context)
    source, target = page.loads[0], page.loads[1]
    before = dict(page.chart.values)
    page.select_coach(source.coach_id)
    select_first_cases(page, 2)
    moved = [row.case_id for row in selected_rows(page.case_view)]
    assert len(moved) == 2
    assert page.transfer_button.isEnabled()

    click(qtbot, page.transfer_button)
    dialog = page.dialog
    assert isinstance(dialog, TransferDialog)
    assert dialog.from_edit.date() == to_qdate(TODAY)
    assert not dialog.ok_button.isEnabled()
    dialog.coach_combo.setCurrentIndex(find_data(dialog.coach_combo, target.coach_id))
    click(qtbot, dialog.ok_button)

    assert not dialog.isVisible()
    after = dict(page.chart.values)
    assert after[source.name] == before[source.name] - 2
    assert after[target.name] == before[target.name] + 2
    assert {get_case(context.services, case_id).coach_id for case_id in moved} == {
        target.coach_id}
    assert page.current_coach() is not None
    assert page.current_coach().coach_id == source.coach_id  # type: ignore[union-attr]

    context.undo_stack.undo()

    assert page.chart.values == before
    assert {get_case(context.services, case_id).coach_id for case_id in moved} == {
        source.coach_id}


def test_a_coach_with_running_cases_cannot_be_set_inactive(
    qtbot: QtBot, context: AppContext
) -> None:
    page = make_page(qtbot, context)
    busy = page.loads[0]
    page.select_coach(busy.coach_id)

    click(qtbot, page.deactivate_button)
    dialog = page.dialog
    assert isinstance(dialog, DeactivateCoachDialog)
    click(qtbot, dialog.ok_button)

    assert dialog.isVisible()
    assert dialog.message.text() == (
        f"{busy.name} is nog coach van {busy.running} lopende casussen. Wijs die eerst een "
        "andere coach toe."
    )
    assert busy.name in page.chart.values


def test_a_new_coach_starts_empty_and_can_be_set_inactive(
    qtbot: QtBot, context: AppContext
) -> None:
    page = make_page(qtbot, context)

    click(qtbot, page.add_button)
    dialog = page.dialog
    assert isinstance(dialog, AddCoachDialog)
    assert not dialog.ok_button.isEnabled()
    type_into(qtbot, dialog.name_edit, "Priya Ramdin")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)

    assert page.chart.values["Priya Ramdin"] == 0
    assert page.current_coach() is not None
    assert page.current_coach().name == "Priya Ramdin"  # type: ignore[union-attr]

    click(qtbot, page.deactivate_button)
    deactivate = page.dialog
    assert isinstance(deactivate, DeactivateCoachDialog)
    click(qtbot, deactivate.ok_button)

    assert "Priya Ramdin" not in page.chart.values
    click(qtbot, page.inactive_box)  # tick "show inactive coaches"
    assert {row.name: row.active for row in page.coach_model.rows}["Priya Ramdin"] is False


def test_the_table_models_are_well_behaved_qt_models(
    qtbot: QtBot, qtmodeltester, context: AppContext  # type: ignore[no-untyped-def]
) -> None:
    page = make_page(qtbot, context)
    qtmodeltester.check(page.coach_model)
    qtmodeltester.check(page.case_model)
    qtmodeltester.check(page.case_view.model())
