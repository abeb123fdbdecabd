"""A store without any registration yet still gives a summary: zeros, not an error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from zvkd_desktop.reports.render.pdf import write_pdf
from zvkd_desktop.reports.yearly.document import make_document
from zvkd_desktop.reports.yearly.json_report import report_json
from zvkd_desktop.reports.yearly.report import load_report
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.yearly.page import YearlyPage

TODAY = dt.date(2025, 2, 1)


def test_an_empty_store_counts_zeros(new_store: Store) -> None:
    data = report_json(load_report(new_store, 2024, TODAY))
    assert list(data["years"]) == ["2024"]
    assert data["registrations"]["total"] == 0
    assert data["stock_flow"] == {"running_at_start": 0, "admitted": 0, "closed": 0,
                                  "running_at_end": 0}
    assert data["closed"]["duration_days"]["median"] is None
    assert data["caseload"] == {"by_coach": {}, "without_coach": 0}


def test_an_empty_store_shows_and_prints(qtbot: QtBot, new_store: Store, tmp_path: Path) -> None:
    page = YearlyPage(new_store, today=lambda: TODAY)
    qtbot.addWidget(page)
    assert page.year == 2024
    assert page.document is not None
    assert len(page.charts.panels) == 4
    path = write_pdf(tmp_path / "leeg.pdf", make_document(load_report(new_store, 2024, TODAY)))
    assert path.read_bytes().startswith(b"%PDF")
