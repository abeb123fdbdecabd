"""The demo store reproduces the 2023 figures of the annual report (DOMAIN.md), and the screen,
the JSON and the PDF agree on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import PASSWORD
from tests.pdftext import pdf_text
from zvkd_desktop.reports.render.pdf import write_pdf
from zvkd_desktop.reports.yearly.document import make_document
from zvkd_desktop.reports.yearly.json_report import lookup, report_json
from zvkd_desktop.reports.yearly.report import load_report
from zvkd_desktop.reports.yearly.tables import display
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.store import Store

demo = pytest.importorskip("zvkd_desktop.services.demo")

TODAY = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("demo")
    store, _ = Store.create(folder / "demo.zvkd", PASSWORD, username="coordinator",
                            display_name="Coördinator", kdf=TEST_KDF, state_folder=folder / "home")
    try:
        demo.fill_demo(store, TODAY)
        yield store
    finally:
        store.close()


@pytest.fixture(scope="module")
def demo_json(demo_store: Store) -> dict[str, Any]:
    return report_json(load_report(demo_store, 2023, TODAY))


def test_2023_is_the_annual_report(demo_json: dict[str, Any]) -> None:
    reg = demo_json["registrations"]
    assert (reg["total"], reg["reregistrations"], reg["not_admitted"]) == (13, 4, 1)
    assert demo_json["stock_flow"] == {
        "running_at_start": 36, "admitted": 12, "closed": 14, "running_at_end": 34,
    }
    assert [(g["label"], g["count"]) for g in demo_json["closed"]["by_registration_year_group"]] == [
        ("2022–2023", 7), ("2017–2021", 7),
    ]
    assert demo_json["category_moves"]["by_move"]["regular->rival_youth"] == 1
    assert demo_json["running"]["by_category"] == {"regular": 21, "rival_youth": 13}
    assert demo_json["years"]["2022"]["stock_flow"]["running_at_end"] == 36
    by_registrant = demo_json["registrations"]["by_registrant"]
    assert next(iter(by_registrant)).startswith("Politie")  # mostly the police, as in 2022


def test_the_screen_shows_the_json(qtbot: QtBot, demo_store: Store,
                                   demo_json: dict[str, Any]) -> None:
    from zvkd_desktop.ui.yearly.page import YearlyPage

    page = YearlyPage(demo_store, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.year_combo.setCurrentIndex(page.year_combo.findData(2023))
    assert page.document is not None
    views = [*page.table_views.values(), page.multi_year_view]
    compared = 0
    for view in views:
        assert view is not None
        model = view.model()
        table = model.table  # type: ignore[attr-defined]
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells, start=1):
                assert model.index(r, c).data() == display(lookup(demo_json, cell.key))
                compared += 1
    assert compared > 200


def test_the_pdf_shows_the_json(qapp: Any, demo_store: Store, tmp_path: Path) -> None:
    document = make_document(load_report(demo_store, 2023, TODAY))
    path = write_pdf(tmp_path / "demo.pdf", document)
    text = pdf_text(path)
    for line in ("Aanmeldingen 13", "waarvan opnieuw aangemeld 4", "niet opgenomen 1",
                 "Lopend op 31-12-2022 36", "+ opgenomen in 2023 (instroom) 12",
                 "− afgesloten in 2023 (uitstroom) 14", "= lopend op 31-12-2023 34",
                 "Regulier 21", "Rivaliserende jeugd 13", "2022–2023 7", "2017–2021 7",
                 "Van regulier naar rivaliserende jeugd 1"):
        assert line in text
