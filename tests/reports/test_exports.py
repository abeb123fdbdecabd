"""XLSX and CSV carry every table, and every XLSX cell equals the JSON value it shows."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from zvkd_desktop.reports.yearly.document import make_document
from zvkd_desktop.reports.yearly.export_tables import (
    HEADER_ROW,
    INFO_SHEET,
    sheet_name,
    write_csv,
    write_xlsx,
)
from zvkd_desktop.reports.yearly.json_report import lookup
from zvkd_desktop.reports.yearly.report import YearlyReport


@pytest.mark.parametrize("protected", [False, True])
def test_every_xlsx_cell_equals_the_json(hand_report: YearlyReport, tmp_path: Path,
                                         protected: bool) -> None:
    document = make_document(hand_report, protected=protected)
    path = write_xlsx(tmp_path / "jaaroverzicht.xlsx", document)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [INFO_SHEET, *(sheet_name(t) for t in document.tables)]
    assert book[INFO_SHEET]["A1"].value == "Jaaroverzicht 2023"
    checked = 0
    for table in document.tables:
        sheet = book[sheet_name(table)]
        assert sheet["A1"].value == table.title
        for r, row in enumerate(table.rows, start=HEADER_ROW + 1):
            assert sheet.cell(r, 1).value.strip() == row.label
            for c, cell in enumerate(row.cells, start=2):
                assert sheet.cell(r, c).value == lookup(document.data, cell.key), (table.key, row.label)
                checked += 1
    assert checked > 150
    if protected:
        assert book[INFO_SHEET]["A7"].value == document.note


def test_spot_check_of_the_xlsx_against_the_hand_counts(hand_report: YearlyReport,
                                                         tmp_path: Path) -> None:
    book = openpyxl.load_workbook(write_xlsx(tmp_path / "j.xlsx", make_document(hand_report)))
    flows = book["Instroom en uitstroom"]
    assert [flows.cell(r, 2).value for r in range(HEADER_ROW + 1, HEADER_ROW + 5)] == [6, 3, 3, 6]
    multi = book["Meerjarenoverzicht"]
    assert [multi.cell(HEADER_ROW, c).value for c in range(2, 10)] == [
        2017, 2018, 2019, 2020, 2021, 2022, 2023, "2024*"]


def test_one_csv_per_table_for_dutch_excel(hand_report: YearlyReport, tmp_path: Path) -> None:
    document = make_document(hand_report)
    written = write_csv(tmp_path, document)
    assert [p.name for p in written] == [
        f"jaaroverzicht-2023-{t.key.replace('_', '-')}.csv" for t in document.tables]
    raw = (tmp_path / "jaaroverzicht-2023-duration.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    with (tmp_path / "jaaroverzicht-2023-duration.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == ["Omschrijving", "Dagen"]
    assert ["Eerste kwartiel", "377,5"] in rows
    assert ["Mediaan", "467"] in rows
