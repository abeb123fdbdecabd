"""Every table of the summary to XLSX (one sheet per table) and CSV (one file per table).

XLSX cells hold the JSON's values as numbers (``<5`` as text), so they can be recalculated;
CSV follows Dutch Excel: semicolons, decimal commas and a UTF-8 byte order mark.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from zvkd_desktop.errors import KnownError
from zvkd_desktop.reports.yearly.document import ReportDocument
from zvkd_desktop.reports.yearly.tables import Table, display

SHEET_NAMES: dict[str, str] = {
    "registrations": "Aanmeldingen",
    "registrants": "Aanmelders",
    "stock_flow": "Instroom en uitstroom",
    "running_by_category": "Lopend per categorie",
    "closed_by_reason": "Afgesloten per reden",
    "closed_by_registration_year": "Afgesloten per aanmeldjaar",
    "duration": "Duur",
    "moves_reopenings": "Wijzigingen en heropeningen",
    "caseload": "Caseload per coach",
    "neighbourhoods": "Per wijk",
    "areas": "Per gebied",
    "multi_year": "Meerjarenoverzicht",
}
INFO_SHEET = "Toelichting"
HEADER_ROW = 3
"""Row of the column headers on each table sheet; data starts on the next row."""


def sheet_name(table: Table) -> str:
    return SHEET_NAMES.get(table.key, table.key)[:31]


def _write_failed(path: Path, error: OSError) -> KnownError:
    return KnownError(
        f"Het bestand {path.name} kon niet worden geschreven ({error.strerror or error}). "
        "Kies een andere map of sluit het bestand als het nog in een ander programma open staat.",
        code="export_failed",
    )


def _info_sheet(book: Workbook, document: ReportDocument) -> None:
    sheet = book.active
    assert sheet is not None
    sheet.title = INFO_SHEET
    sheet["A1"] = document.title
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = document.subtitle
    sheet["A3"] = document.made_line
    sheet["A5"] = document.intro
    sheet["A5"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[5].height = 15 * (1 + len(document.intro) // 90)
    sheet.column_dimensions["A"].width = 100
    if document.note:
        sheet["A7"] = document.note
        sheet["A7"].alignment = Alignment(wrap_text=True)
        sheet.row_dimensions[7].height = 45


def _table_sheet(book: Workbook, table: Table) -> None:
    sheet = book.create_sheet(sheet_name(table))
    sheet["A1"] = table.title
    sheet["A1"].font = Font(bold=True, size=12)
    bold = Font(bold=True)
    for col, header in enumerate(table.columns, start=1):
        cell = sheet.cell(HEADER_ROW, col, int(header) if header.isdigit() else header)
        cell.font = bold
    for index, row in enumerate(table.rows, start=HEADER_ROW + 1):
        label = sheet.cell(index, 1, ("   " if row.indent else "") + row.label)
        label.font = Font(bold=row.emphasis)
        for col, cell in enumerate(row.cells, start=2):
            target = sheet.cell(index, col, cell.value)
            target.font = Font(bold=row.emphasis)
            target.alignment = Alignment(horizontal="right")
    if table.note:
        sheet.cell(HEADER_ROW + len(table.rows) + 2, 1, table.note)
    width = max([len(table.title) * 0.6, *(len(r.label) + 3 for r in table.rows), 12])
    sheet.column_dimensions["A"].width = min(width, 60)


def write_xlsx(path: Path, document: ReportDocument) -> Path:
    book = Workbook()
    _info_sheet(book, document)
    for table in document.tables:
        _table_sheet(book, table)
    try:
        book.save(path)
    except OSError as error:
        raise _write_failed(path, error) from error
    return path


def _csv_value(value: Any) -> str:
    return "" if value is None else display(value)


def write_csv(folder: Path, document: ReportDocument, *, stem: str | None = None) -> list[Path]:
    """One ``<stem>-<table>.csv`` per table in ``folder``; returns the paths written."""
    stem = stem or f"jaaroverzicht-{document.year}"
    written = []
    for table in document.tables:
        path = Path(folder) / f"{stem}-{table.key.replace('_', '-')}.csv"
        try:
            with path.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle, delimiter=";")
                writer.writerow([table.columns[0] or "Omschrijving", *table.columns[1:]])
                for row in table.rows:
                    writer.writerow([row.label, *(_csv_value(c.value) for c in row.cells)])
        except OSError as error:
            raise _write_failed(path, error) from error
        written.append(path)
    return written
