"""The Auditlog tab: the filters show the right rows, the export only after the warning, the chain
check says what it found."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from tests.ui.admin.conftest import Answers
from tests.ui.admin.world import LogWorld, log_world
from tests.ui.helpers import click, type_into
from zvkd_desktop.services.audit_log import audit_entries
from zvkd_desktop.services.youths import create_youth
from zvkd_desktop.store.models import AuditEntry
from zvkd_desktop.ui.admin.audit_tab import AuditTab
from zvkd_desktop.ui.registrations.fields import find_data, to_qdate
from zvkd_desktop.ui.registrations.table import ROW_ROLE
from zvkd_desktop.ui.sections import AppContext


@pytest.fixture
def world(context: AppContext) -> LogWorld:
    return log_world(context.services)


@pytest.fixture
def tab(qtbot: QtBot, context: AppContext, answers: Answers, world: LogWorld) -> AuditTab:
    tab = AuditTab(context, answers.prompts())
    qtbot.addWidget(tab)
    tab.resize(960, 600)
    tab.show()
    return tab


def shown_seqs(tab: AuditTab) -> list[int]:
    """The sequence numbers in the order the table shows them."""
    model = tab.view.model()
    return [model.index(row, 0).data(ROW_ROLE).seq for row in range(model.rowCount())]


def test_every_entry_is_listed_newest_first_with_who_and_what(
    tab: AuditTab, world: LogWorld, qtmodeltester: object
) -> None:
    assert shown_seqs(tab) == [world.coach_added, world.updated, world.created]
    model = tab.view.model()
    texts = [model.index(1, column).data() for column in range(model.columnCount())]
    assert texts[2:5] == ["Sanne Bakker", "Gewijzigd", f"Jongere {str(world.youth_id)[:8]}"]
    assert texts[5] == "Telefoon"
    assert "0612345678" not in texts  # the values themselves are not shown
    assert tab.count_label.text() == "3 regels"
    qtmodeltester.check(tab.model)  # type: ignore[attr-defined]


def test_user_and_action_filters_narrow_the_rows(
    qtbot: QtBot, tab: AuditTab, world: LogWorld
) -> None:
    tab.user_combo.setCurrentIndex(find_data(tab.user_combo, world.director.id))
    tab.apply_filter()
    assert shown_seqs(tab) == [world.coach_added, world.updated]
    tab.action_combo.setCurrentIndex(find_data(tab.action_combo, "update"))
    tab.apply_filter()
    assert shown_seqs(tab) == [world.updated]
    click(qtbot, tab.clear_button)
    assert shown_seqs(tab) == [world.coach_added, world.updated, world.created]


def test_filters_apply_by_themselves_after_a_short_pause(
    qtbot: QtBot, tab: AuditTab, world: LogWorld
) -> None:
    tab.action_combo.setCurrentIndex(find_data(tab.action_combo, "create"))
    qtbot.waitUntil(lambda: shown_seqs(tab) == [world.coach_added, world.created], timeout=2000)


def test_a_chosen_period_includes_both_days(tab: AuditTab, world: LogWorld) -> None:
    tab.period_combo.setCurrentIndex(find_data(tab.period_combo, "custom"))
    assert tab.since_edit.isEnabled() and tab.until_edit.isEnabled()
    tab.since_edit.setDate(to_qdate(dt.date(2024, 1, 11)))
    tab.until_edit.setDate(to_qdate(dt.date(2024, 1, 12)))
    tab.apply_filter()
    assert shown_seqs(tab) == [world.coach_added, world.updated]
    tab.period_combo.setCurrentIndex(find_data(tab.period_combo, "all"))
    assert not tab.since_edit.isEnabled()
    tab.apply_filter()
    assert len(shown_seqs(tab)) == 3


def test_a_record_number_typed_in_shows_the_rows_about_that_record(
    qtbot: QtBot, tab: AuditTab, world: LogWorld
) -> None:
    type_into(qtbot, tab.reference_edit, str(world.youth_id)[:8])
    qtbot.keyClick(tab.reference_edit, Qt.Key.Key_Return)
    assert shown_seqs(tab) == [world.updated, world.created]
    type_into(qtbot, tab.reference_edit, "xyz")
    qtbot.keyClick(tab.reference_edit, Qt.Key.Key_Return)
    assert shown_seqs(tab) == []
    assert "ten minste de eerste 8 tekens" in tab.message.text()


def test_export_writes_the_csv_only_after_the_warning_and_where_the_user_chose(
    qtbot: QtBot, tab: AuditTab, answers: Answers, world: LogWorld, tmp_path: Path,
    context: AppContext,
) -> None:  # fmt: skip
    tab.user_combo.setCurrentIndex(find_data(tab.user_combo, world.director.id))
    tab.apply_filter()
    answers.save_path = tmp_path / "voor de FG" / "logboek.csv"
    answers.save_path.parent.mkdir()
    click(qtbot, tab.export_button)
    assert answers.kinds() == ["export", "save_file"]
    assert answers.asked[0] == ("export", 2)
    with answers.save_path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert [int(row["volgnummer"]) for row in rows] == [world.coach_added, world.updated]
    assert {row["gebruiker"] for row in rows} == {"Sanne Bakker"}
    assert "niet versleuteld" in tab.message.text()
    exports = audit_entries(context.services, action="export")
    assert len(exports) == 1  # the export is itself on record


def test_export_as_json_adds_the_extension(
    qtbot: QtBot, tab: AuditTab, answers: Answers, world: LogWorld, tmp_path: Path
) -> None:
    answers.export = "json"
    answers.save_path = tmp_path / "logboek"
    click(qtbot, tab.export_button)
    document = json.loads((tmp_path / "logboek.json").read_text("utf-8"))
    assert [r["volgnummer"] for r in document["regels"]] == [
        world.coach_added, world.updated, world.created,
    ]  # fmt: skip


def test_declining_the_warning_writes_nothing_and_asks_for_no_place(
    qtbot: QtBot, tab: AuditTab, answers: Answers, tmp_path: Path, context: AppContext
) -> None:
    answers.export = None
    answers.save_path = tmp_path / "logboek.csv"
    click(qtbot, tab.export_button)
    assert answers.kinds() == ["export"]
    assert not answers.save_path.exists()
    assert audit_entries(context.services, action="export") == []


def test_cancelling_the_file_dialog_writes_nothing(
    qtbot: QtBot, tab: AuditTab, answers: Answers, tmp_path: Path, context: AppContext
) -> None:
    answers.save_path = None
    click(qtbot, tab.export_button)
    assert answers.kinds() == ["export", "save_file"]
    assert audit_entries(context.services, action="export") == []


def test_the_chain_check_reports_intact_then_the_first_changed_entry(
    qtbot: QtBot, context: AppContext, answers: Answers
) -> None:
    for name in ("Noah", "Liam", "Emma"):  # not backdated: the chain is intact
        create_youth(context.services, first_name=name, last_name="Visser", birth_year=2008)
    tab = AuditTab(context, answers.prompts())
    qtbot.addWidget(tab)
    click(qtbot, tab.verify_button)
    assert "de keten van alle 3 regels klopt" in tab.message.text()
    with context.store.transaction() as session:
        session.execute(update(AuditEntry).where(AuditEntry.seq == 2).values(action="delete"))
    click(qtbot, tab.verify_button)
    assert "vanaf regel 2 klopt de keten niet" in tab.message.text()


def test_a_new_entry_elsewhere_shows_up_after_a_change(
    tab: AuditTab, context: AppContext, world: LogWorld
) -> None:
    from zvkd_desktop.services.settings import set_setting

    set_setting(context.services, "retention_months", 2)
    context.changed.emit()
    assert len(shown_seqs(tab)) == 4
