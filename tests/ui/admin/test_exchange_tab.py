"""The Uitwisseling tab: a warned, by default encrypted export that can be cancelled without leaving
a file, and an all-or-nothing import that lists every problem of a refused file."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from tests.conftest import PASSWORD
from tests.services.factories import add_case
from tests.ui.admin.conftest import TODAY, Answers
from tests.ui.helpers import click, tick, type_into
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.exchange import dumps, export_exchange
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.admin.exchange_dialogs import ExchangeQuestions, ExportChoice, ExportDialog
from zvkd_desktop.ui.admin.exchange_tab import ExchangeTab
from zvkd_desktop.ui.sections import AppContext

EXPORT_PASSWORD = "lange winteravond 42"


class Asked:
    """Answers for the tab's own questions, and what it asked."""

    def __init__(self) -> None:
        self.export: ExportChoice | None = ExportChoice(EXPORT_PASSWORD)
        self.open_path: Path | None = None
        self.password: str | None = EXPORT_PASSWORD
        self.asked: list[str] = []

    def questions(self) -> ExchangeQuestions:
        def ask_export(_parent: Any) -> ExportChoice | None:
            self.asked.append("export")
            return self.export

        def open_file(_parent: Any, _title: str, _start: Path, _filter: str) -> Path | None:
            self.asked.append("open")
            return self.open_path

        def ask_password(_parent: Any, _name: str) -> str | None:
            self.asked.append("password")
            return self.password

        return ExchangeQuestions(ask_export, open_file, ask_password)


@pytest.fixture
def asked() -> Asked:
    return Asked()


@pytest.fixture
def filled(context: AppContext) -> AppContext:
    add_case(context.store, admitted_on=dt.date(2023, 5, 1), first_name="Daan")
    add_case(context.store, admitted_on=dt.date(2022, 3, 1), first_name="Lotte",
             closed_on=dt.date(2023, 11, 30))  # fmt: skip
    return context


def make_tab(qtbot: QtBot, context: AppContext, answers: Answers, asked: Asked) -> ExchangeTab:
    tab = ExchangeTab(context, answers.prompts(), questions=asked.questions(), kdf=TEST_KDF)
    qtbot.addWidget(tab)
    tab.resize(900, 600)
    tab.show()
    return tab


@pytest.fixture
def tab(qtbot: QtBot, filled: AppContext, answers: Answers, asked: Asked) -> ExchangeTab:
    return make_tab(qtbot, filled, answers, asked)


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[AppContext]:
    """A second, empty store, as on another computer."""
    store, _recovery = Store.create(tmp_path / "other" / "pad.zvkd", PASSWORD,
                                    username="coordinator", display_name="Coördinator",
                                    kdf=TEST_KDF, state_folder=tmp_path / "other" / "state")  # fmt: skip
    context = AppContext(store, today=lambda: TODAY)
    yield context
    context.closed = True
    store.close()


def export_now(qtbot: QtBot, tab: ExchangeTab) -> None:
    click(qtbot, tab.export_button)
    qtbot.waitUntil(lambda: tab.export_button.isEnabled(), timeout=10_000)


def test_an_encrypted_export_read_into_an_empty_store_gives_the_same_data(
    qtbot: QtBot, tab: ExchangeTab, answers: Answers, asked: Asked, tmp_path: Path,
    filled: AppContext, empty: AppContext,
) -> None:  # fmt: skip
    answers.save_path = tmp_path / "out" / "overdracht"
    (tmp_path / "out").mkdir()
    export_now(qtbot, tab)
    written = tmp_path / "out" / "overdracht.zvkdx"
    assert tab.exported == written
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["overdracht.zvkdx"]
    assert b"Daan" not in written.read_bytes()  # sealed, not readable JSON
    assert "versleuteld" in tab.message.text()

    other = make_tab(qtbot, empty, Answers(), asked)
    asked.open_path = written
    click(qtbot, other.import_button)
    qtbot.waitUntil(lambda: other.report is not None, timeout=10_000)
    assert asked.asked == ["export", "open", "password"]
    assert other.report is not None and other.report.counts["youths"] == 2
    assert other.message.text().startswith("Ingelezen:")
    shown = [
        other.results.topLevelItem(i).text(0) for i in range(other.results.topLevelItemCount())
    ]
    assert "Jongeren" in shown and "Casussen" in shown
    original = dumps(export_exchange(ServiceContext(filled.store, today=filled.today)))
    copy = dumps(export_exchange(ServiceContext(empty.store, today=empty.today)))
    assert copy == original


def test_a_wrong_export_password_is_told_and_changes_nothing(
    qtbot: QtBot, tab: ExchangeTab, answers: Answers, asked: Asked, tmp_path: Path,
    empty: AppContext,
) -> None:  # fmt: skip
    answers.save_path = tmp_path / "overdracht.zvkdx"
    export_now(qtbot, tab)
    other = make_tab(qtbot, empty, Answers(), asked)
    asked.open_path, asked.password = tab.exported, "niet het goede wachtwoord"
    generation = empty.store.generation
    click(qtbot, other.import_button)
    qtbot.waitUntil(lambda: other.import_button.isEnabled(), timeout=10_000)
    assert "Er is niets gewijzigd." in other.message.text() and other.report is None
    assert empty.store.generation == generation


def test_a_plaintext_export_is_written_only_after_the_warning_is_accepted(
    qtbot: QtBot, tab: ExchangeTab, answers: Answers, asked: Asked, tmp_path: Path
) -> None:
    answers.save_path = tmp_path / "leesbaar.json"
    asked.export = None  # declined
    click(qtbot, tab.export_button)
    assert list(tmp_path.glob("*.json")) == [] and ("save_file" not in answers.kinds())
    asked.export = ExportChoice(None)
    export_now(qtbot, tab)
    assert tab.exported == tmp_path / "leesbaar.json"
    assert json.loads(tab.exported.read_text("utf-8"))["youths"][0]["first_name"] in {
        "Daan",
        "Lotte",
    }
    assert "NIET versleuteld" in tab.message.text()


def test_the_warning_dialog_recommends_encryption_and_checks_the_password(qtbot: QtBot) -> None:
    dialog = ExportDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.sealed_radio.isChecked() and not dialog.continue_button.isEnabled()
    type_into(qtbot, dialog.password_edit, "kort")
    assert dialog.reason.text() == "Kies een exportwachtwoord van minstens 10 tekens."
    type_into(qtbot, dialog.password_edit, EXPORT_PASSWORD)
    type_into(qtbot, dialog.repeat_edit, EXPORT_PASSWORD + "!")
    assert dialog.reason.text() == "De twee wachtwoorden zijn niet gelijk."
    type_into(qtbot, dialog.repeat_edit, EXPORT_PASSWORD)
    assert dialog.continue_button.isEnabled() and dialog.choice == ExportChoice(EXPORT_PASSWORD)
    tick(qtbot, dialog.plain_radio)  # type: ignore[arg-type]
    assert dialog.choice == ExportChoice(None) and dialog.plain_warning.isVisibleTo(dialog)
    assert dialog.continue_button.text() == "&Onversleuteld exporteren…"


def test_cancelling_an_export_leaves_no_file(
    qtbot: QtBot, tab: ExchangeTab, answers: Answers, filled: AppContext, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    answers.save_path = folder / "overdracht.zvkdx"
    with filled.store.read():  # the worker waits for the store: the export is still running
        click(qtbot, tab.export_button)
        assert tab.progress is not None
        click(qtbot, tab.progress.findChild(QPushButton))
        assert tab.progress is None
    qtbot.waitUntil(lambda: tab.export_button.isEnabled(), timeout=10_000)
    assert list(folder.iterdir()) == [] and tab.exported is None
    assert tab.message.text() == "De export is geannuleerd. Er is geen exportbestand geschreven."


def test_cancelling_keeps_an_existing_file_of_that_name(
    qtbot: QtBot, tab: ExchangeTab, answers: Answers, tmp_path: Path
) -> None:
    earlier = tmp_path / "overdracht.zvkdx"
    earlier.write_bytes(b"eerder")
    answers.save_path = earlier
    click(qtbot, tab.export_button)
    assert tab.progress is not None
    click(qtbot, tab.progress.findChild(QPushButton))  # the work may be done, not yet delivered
    qtbot.waitUntil(lambda: tab.export_button.isEnabled(), timeout=10_000)
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["overdracht.zvkdx"]
    assert earlier.read_bytes() == b"eerder"


def test_a_malformed_file_lists_every_problem_and_leaves_the_store_unchanged(
    qtbot: QtBot, tab: ExchangeTab, asked: Asked, filled: AppContext, tmp_path: Path
) -> None:
    document = export_exchange(filled.services)
    document["youths"][0]["date_of_birth"] = "31-02-2008"
    document["cases"][0]["youth_id"] = "geen-uuid"
    bad = tmp_path / "kapot.json"
    bad.write_bytes(dumps(document))
    before = filled.store.path.read_bytes()
    asked.open_path = bad
    click(qtbot, tab.import_button)
    qtbot.waitUntil(lambda: bool(tab.problems), timeout=10_000)
    rows = [(tab.results.topLevelItem(i).text(0), tab.results.topLevelItem(i).text(1))
            for i in range(tab.results.topLevelItemCount())]  # fmt: skip
    assert (
        "youths[0].date_of_birth",
        "'31-02-2008' is geen geldige datum (verwacht jjjj-mm-dd)",
    ) in rows
    assert any(place.startswith("cases[0].youth_id") for place, _text in rows)
    assert len(rows) == len(tab.problems) >= 2
    assert "Er is niets gewijzigd." in tab.message.text()
    assert filled.store.path.read_bytes() == before


def test_declining_the_last_question_imports_nothing(
    qtbot: QtBot, tab: ExchangeTab, answers: Answers, asked: Asked, tmp_path: Path,
    empty: AppContext,
) -> None:  # fmt: skip
    answers.save_path = tmp_path / "overdracht.zvkdx"
    export_now(qtbot, tab)
    refusing = Answers(confirm=False)
    other = make_tab(qtbot, empty, refusing, asked)
    asked.open_path = tab.exported
    generation = empty.store.generation
    click(qtbot, other.import_button)
    qtbot.waitUntil(lambda: other.import_button.isEnabled(), timeout=10_000)
    assert refusing.kinds() == ["confirm"]
    assert other.message.text() == "Er is niets ingelezen." and other.report is None
    assert empty.store.generation == generation
