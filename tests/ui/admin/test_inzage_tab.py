"""The Inzage tab: find the youth, choose formats and a folder, be warned, get the files there."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.admin.conftest import Answers
from tests.ui.helpers import click, tick, type_into
from zvkd_desktop.services.audit_log import audit_entries
from zvkd_desktop.services.youths import create_youth
from zvkd_desktop.ui.admin.inzage_tab import InzageTab
from zvkd_desktop.ui.sections import AppContext


@pytest.fixture
def noah(context: AppContext) -> uuid.UUID:
    create_youth(context.services, first_name="Liam", last_name="Bakker", birth_year=2007)
    return create_youth(context.services, first_name="Noah", last_name="Visser",
                        date_of_birth=dt.date(2008, 2, 3), neighbourhood="voorhof")  # fmt: skip


@pytest.fixture
def tab(qtbot: QtBot, context: AppContext, answers: Answers, noah: uuid.UUID) -> InzageTab:
    tab = InzageTab(context, answers.prompts())
    qtbot.addWidget(tab)
    tab.resize(900, 600)
    tab.show()
    return tab


def find(qtbot: QtBot, tab: InzageTab, text: str) -> None:
    type_into(qtbot, tab.search_edit, text)
    qtbot.waitUntil(lambda: tab.youth_list.count() == 1, timeout=2000)


def test_the_button_says_what_is_missing_until_youth_format_and_folder_are_chosen(
    qtbot: QtBot, tab: InzageTab, answers: Answers, tmp_path: Path
) -> None:
    assert not tab.make_button.isEnabled()
    assert tab.reason.text() == "Zoek en kies een jongere."
    find(qtbot, tab, "viss")
    assert tab.youth_list.item(0).text() == "Noah Visser — 03-02-2008 — Voorhof"
    assert tab.reason.text() == "Kies de map waarin het overzicht komt."
    answers.folder = tmp_path
    click(qtbot, tab.folder_button)
    assert tab.make_button.isEnabled()
    tick(qtbot, tab.pdf_box)
    tick(qtbot, tab.json_box)
    assert tab.reason.text() == "Kies PDF, JSON of allebei." and not tab.make_button.isEnabled()


def test_the_overview_is_written_to_the_chosen_folder_after_the_warning(
    qtbot: QtBot, tab: InzageTab, answers: Answers, tmp_path: Path, context: AppContext,
    noah: uuid.UUID,
) -> None:  # fmt: skip
    folder = tmp_path / "inzage"
    answers.folder = folder
    find(qtbot, tab, "Noah")
    click(qtbot, tab.folder_button)
    click(qtbot, tab.make_button)
    assert answers.asked[-1] == ("inzage", "Noah Visser")
    qtbot.waitUntil(lambda: len(tab.written) == 2, timeout=20_000)
    assert sorted(path.suffix for path in folder.iterdir()) == [".json", ".pdf"]
    pdf = next(folder.glob("*.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF")
    data = json.loads(next(folder.glob("*.json")).read_text("utf-8"))
    assert data["youth"]["id"] == str(noah)
    assert "Noah" in json.dumps(data, ensure_ascii=False)
    assert "niet versleuteld" in tab.result_message.text()
    assert [row.record_id for row in audit_entries(context.services, action="inzage")] == [noah]


def test_only_the_chosen_format_is_written(
    qtbot: QtBot, tab: InzageTab, answers: Answers, tmp_path: Path
) -> None:
    answers.folder = tmp_path / "alleen-json"
    find(qtbot, tab, "Noah")
    click(qtbot, tab.folder_button)
    tick(qtbot, tab.pdf_box)
    click(qtbot, tab.make_button)
    qtbot.waitUntil(lambda: len(tab.written) == 1, timeout=10_000)
    assert [path.suffix for path in (tmp_path / "alleen-json").iterdir()] == [".json"]


def test_declining_the_warning_writes_nothing(
    qtbot: QtBot, tab: InzageTab, answers: Answers, tmp_path: Path, context: AppContext
) -> None:
    answers.folder = tmp_path / "inzage"
    answers.inzage = False
    find(qtbot, tab, "Noah")
    click(qtbot, tab.folder_button)
    click(qtbot, tab.make_button)
    assert not (tmp_path / "inzage").exists()
    assert audit_entries(context.services, action="inzage") == []
