"""The printed summary: A4, title, year, date made, page numbers, the coordinator's text, every
table's figures and the charts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter
from PySide6.QtWidgets import QApplication

from tests.pdftext import pdf_pages, pdf_text
from zvkd_desktop.reports.render.pdf import (
    MULTI_YEAR_COLUMNS,
    build_text_document,
    page_layout,
    write_pdf,
)
from zvkd_desktop.reports.yearly.document import make_document
from zvkd_desktop.reports.yearly.report import YearlyReport
from zvkd_desktop.reports.yearly.tables import display, multi_year_table

INTRO = "Dit jaar stond in het teken van de verbrede aanmeldcriteria."


def _pdftotext(path: Path) -> str:
    return pdf_text(path)


def test_the_pdf_text_contains_title_text_figures_and_page_numbers(
    qapp: QApplication, hand_report: YearlyReport, tmp_path: Path
) -> None:
    document = make_document(hand_report, intro=INTRO)
    path = write_pdf(tmp_path / "jaaroverzicht-2023.pdf", document)
    assert path.read_bytes().startswith(b"%PDF")
    text = _pdftotext(path)
    flat = " ".join(text.split())
    assert "Jaaroverzicht 2023" in flat
    assert "Gemaakt op 15-01-2024" in flat
    assert INTRO in flat
    pages = pdf_pages(path)
    assert pages >= 3 and f"Pagina 1 van {pages}" in flat and f"Pagina {pages} van {pages}" in flat
    for table in document.tables:
        assert " ".join(table.title.split()) in flat
    assert "Lopend op 31-12-2022 6" in flat
    assert "+ opgenomen in 2023 (instroom) 3" in flat
    assert "− afgesloten in 2023 (uitstroom) 3" in flat
    assert "= lopend op 31-12-2023 6" in flat
    assert "Mediaan 467" in flat and "Eerste kwartiel 377,5" in flat
    assert "Nog geen besluit".lower() in flat.lower()
    assert "Figuur 1. Instroom en uitstroom per jaar" in flat
    assert "Figuur 4. Aanmeldingen in 2023 per aanmelder" in flat
    assert path.read_bytes().count(b"/Subtype /Image") >= 4  # the four charts


def test_every_figure_is_in_the_document_text(qapp: QApplication, hand_report: YearlyReport,
                                               tmp_path: Path) -> None:
    """Without poppler too: the laid-out document holds every table cell."""
    document = make_document(hand_report)
    writer = QPdfWriter(str(tmp_path / "unused.pdf"))
    writer.setPageLayout(page_layout())
    text = build_text_document(document, writer, charts=False).toPlainText()
    printed = [t for t in document.tables if t.key != "multi_year"]
    printed.append(multi_year_table(document.data, last_years=MULTI_YEAR_COLUMNS))
    assert printed[-1].columns[-1] == "2023"  # on paper: up to the report year
    for table in printed:
        assert table.title in text
        for row in table.rows:
            assert row.label in text
            for cell in row.cells:
                assert display(cell.value) in text


def test_a4_portrait_with_margins() -> None:
    layout = page_layout()
    assert layout.pageSize().id() == QPageSize.PageSizeId.A4
    assert layout.orientation() == QPageLayout.Orientation.Portrait
    assert layout.margins(QPageLayout.Unit.Millimeter) == QMarginsF(18, 15, 18, 12)


def test_a_protected_pdf_says_so_and_shows_no_small_numbers(
    qapp: QApplication, hand_report: YearlyReport, tmp_path: Path
) -> None:
    document = make_document(hand_report, protected=True)
    text = " ".join(_pdftotext(write_pdf(tmp_path / "a.pdf", document, charts=False)).split())
    assert "Kleine aantallen afgeschermd" in text
    assert "Lopend op 31-12-2022 5" in text and "+ opgenomen in 2023 (instroom) <5" in text
    assert "Mediaan –" in text
