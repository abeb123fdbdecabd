"""Fixtures for the yearly summary: the hand-counted store (dataset.py) and its 2023 report.

The hand-counted store file is written once per session; tests that only read it share it
(``hand_file``, ``shared_hand_store``, and the facts, report and JSON built from it). Tests
that change a store get their own (``hand_store``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSWORD
from tests.reports.dataset import fill_hand_counted
from zvkd_desktop.reports.yearly.facts import StoreFacts
from zvkd_desktop.reports.yearly.json_report import report_json
from zvkd_desktop.reports.yearly.queries import load_facts
from zvkd_desktop.reports.yearly.report import YearlyReport, build_report
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.store import Store

MADE_ON = dt.date(2024, 1, 15)


@pytest.fixture
def hand_store(new_store: Store) -> Store:
    fill_hand_counted(new_store)
    return new_store


@pytest.fixture(scope="session")
def hand_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-counted store, closed, on disk (open it read-only: tests share it)."""
    folder: Path = tmp_path_factory.mktemp("hand")
    store, _ = Store.create(folder / "hand.zvkd", PASSWORD, username="coordinator",
                            display_name="Coördinator", kdf=TEST_KDF, state_folder=folder / "home")
    try:
        fill_hand_counted(store)
    finally:
        store.close()
    return folder / "hand.zvkd"


@pytest.fixture(scope="module")
def shared_hand_store(hand_file: Path,
                      tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(hand_file, password=PASSWORD, read_only=True,
                       state_folder=tmp_path_factory.mktemp("home"))
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="session")
def hand_facts(hand_file: Path, tmp_path_factory: pytest.TempPathFactory) -> StoreFacts:
    store = Store.open(hand_file, password=PASSWORD, read_only=True,
                       state_folder=tmp_path_factory.mktemp("home"))
    try:
        return load_facts(store)
    finally:
        store.close()


@pytest.fixture(scope="session")
def hand_report(hand_facts: StoreFacts) -> YearlyReport:
    return build_report(hand_facts, 2023, MADE_ON)


@pytest.fixture(scope="session")
def hand_json(hand_report: YearlyReport) -> dict[str, Any]:
    return report_json(hand_report)
