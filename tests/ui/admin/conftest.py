"""Fixtures of the Beheer tests: a small real store in an AppContext, answers given in advance to
every question the tabs ask (no modal dialog ever waits for a person), and the demo store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.ui.signals.conftest import demo_file  # noqa: F401 - fixture
from zvkd_desktop.services.privacy import ErasurePreviewRow
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.admin.prompts import ExportFormat, Prompts
from zvkd_desktop.ui.sections import AppContext

TODAY = dt.date(2024, 3, 18)


@dataclass
class Answers:
    """What the user will answer, and what they were asked (in order)."""

    export: ExportFormat | None = "csv"
    inzage: bool = True
    save_path: Path | None = None
    folder: Path | None = None
    erase: bool = True
    confirm: bool = True
    asked: list[tuple[str, Any]] = field(default_factory=list)

    def prompts(self) -> Prompts:
        def ask_export(_parent: Any, count: int) -> ExportFormat | None:
            self.asked.append(("export", count))
            return self.export

        def ask_inzage(_parent: Any, name: str) -> bool:
            self.asked.append(("inzage", name))
            return self.inzage

        def save_file(_parent: Any, _title: str, suggested: Path, _filter: str) -> Path | None:
            self.asked.append(("save_file", suggested))
            return self.save_path

        def choose_folder(_parent: Any, _title: str, _start: Path | None) -> Path | None:
            self.asked.append(("folder", None))
            return self.folder

        def confirm_erasure(_parent: Any, rows: Sequence[ErasurePreviewRow]) -> bool:
            self.asked.append(("erase", [row.name for row in rows]))
            return self.erase

        def confirm(_parent: Any, title: str, text: str, _ok: str) -> bool:
            self.asked.append(("confirm", title))
            return self.confirm

        return Prompts(ask_export, ask_inzage, save_file, choose_folder, confirm_erasure, confirm)

    def kinds(self) -> list[str]:
        return [kind for kind, _detail in self.asked]


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def context(new_store: Store) -> Iterator[AppContext]:
    """The coordinator's session on a fresh store, on the demo's fixed day."""
    context = AppContext(new_store, today=lambda: TODAY)
    yield context
    context.closed = True
