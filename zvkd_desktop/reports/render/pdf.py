"""The printed summary: A4 pages with title, year, date made, the coordinator's text, the tables,
the charts at print resolution, and "Pagina n van m" on every page.

One renderer draws on any paged device: a QPdfWriter for "PDF opslaan…" and the command line,
the QPrinter of the print preview for paper. The document is a QTextDocument laid out in the
device's own pixels (so point sizes and images come out right at any resolution) and paginated
by hand, because QTextDocument.print() would only add a bare page number.
"""

from __future__ import annotations

import html
import os
import sys
from pathlib import Path

from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import (
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
    QTextFormat,
    QTextTable,
)
from PySide6.QtWidgets import QApplication

from zvkd_desktop.errors import KnownError
from zvkd_desktop.reports.render.charts import print_image
from zvkd_desktop.reports.render.pages import millimetres, paged_document, paint_pages
from zvkd_desktop.reports.yearly.chart_data import chart_specs
from zvkd_desktop.reports.yearly.document import ReportDocument
from zvkd_desktop.reports.yearly.tables import Table, display, multi_year_table

RESOLUTION = 300
MARGINS_MM = QMarginsF(18, 15, 18, 12)
MULTI_YEAR_COLUMNS = 10
"""On paper the multi-year table shows the last ten years up to the report year."""


def ensure_app() -> QApplication:
    """A QApplication for rendering; without a GUI running, one on the offscreen platform."""
    app = QApplication.instance()
    if app is None:
        if not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QApplication([sys.argv[0] if sys.argv else "zvkd"])
    assert isinstance(app, QGuiApplication)
    return app  # type: ignore[return-value]


def page_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       MARGINS_MM, QPageLayout.Unit.Millimeter)


def _css_scale(device: QPagedPaintDevice) -> float:
    """Device pixels per HTML pixel: Qt scales HTML pixel sizes (images, padding) by the
    device's DPI over the screen's, so sizes meant in device pixels are divided by this."""
    screen = QGuiApplication.primaryScreen()
    screen_dpi = round(screen.logicalDotsPerInchY()) if screen is not None else 96
    return device.logicalDpiY() / (screen_dpi or 96)


def _table_html(table: Table, pad: int) -> str:
    head = "".join(
        f'<th align="{"left" if i == 0 else "right"}">{html.escape(c)}</th>'
        for i, c in enumerate(table.columns)
    )
    body = []
    for row in table.rows:
        label = html.escape(row.label)
        if row.indent:
            label = "&nbsp;&nbsp;&nbsp;&nbsp;" + label
        cells = "".join(f'<td align="right">{html.escape(display(c.value))}</td>' for c in row.cells)
        weight = ' style="font-weight:bold"' if row.emphasis else ""
        body.append(f"<tr{weight}><td>{label}</td>{cells}</tr>")
    note = f'<p class="note">{html.escape(table.note)}</p>' if table.note else ""
    return (
        f"<h3>{html.escape(table.title)}</h3>"
        f'<table width="100%" cellspacing="0" cellpadding="{pad}" border="1" '
        f'style="border-collapse:collapse; border-color:#999999">'
        f"<thead><tr>{head}</tr></thead>{''.join(body)}</table>{note}"
    )


def _side_by_side(cells: list[str], gutter: int) -> list[str]:
    """Sections in pairs, each pair its own borderless table (a unit :func:`_keep_on_page`
    moves to the next page as a whole)."""
    units = []
    for start in range(0, len(cells), 2):
        pair = cells[start : start + 2] + [""] * (2 - len(cells[start : start + 2]))
        tds = "".join(f'<td width="50%" valign="top">{cell}</td>' for cell in pair)
        units.append(f'<table width="100%" cellspacing="{gutter}" cellpadding="0" border="0">'
                     f"<tr>{tds}</tr></table>")
    return units


def _unit(cell: str) -> str:
    """One full-width section as a unit for :func:`_keep_on_page`."""
    return f'<table width="100%" cellspacing="0" cellpadding="0" border="0"><tr><td>{cell}</td></tr></table>'


def _keep_on_page(doc: QTextDocument) -> None:
    """Start every top-level table that would straddle a page on the next page instead.

    Qt splits a table row over two pages, which would part a heading from its table or a note
    from its numbers; a table taller than a page is left to break.
    """
    page = doc.pageSize().height()
    layout = doc.documentLayout()
    for frame in doc.rootFrame().childFrames():
        if not isinstance(frame, QTextTable):
            continue
        rect = layout.frameBoundingRect(frame)
        first, last = int(rect.top() // page), int((rect.bottom() - 1) // page)
        if first != last and rect.height() < page:
            fmt = frame.format()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            frame.setFormat(fmt)


def build_text_document(document: ReportDocument, device: QPagedPaintDevice,
                        *, charts: bool = True) -> QTextDocument:
    """The whole summary as one QTextDocument laid out for ``device``'s page body."""
    paint = device.pageLayout().paintRectPixels(device.resolution())
    scale = _css_scale(device)
    doc = paged_document(
        device,
        font_points=10,
        style_sheet="h1 { font-size: 20pt; margin-bottom: 0; } h2 { font-size: 14pt; }"
        " h3 { font-size: 10.5pt; margin-top: 6pt; margin-bottom: 3pt; }"
        " th { background-color: #e8e8e8; } td, th { font-size: 9pt; }"
        " p.note { font-size: 8pt; color: #444444; }"
        " p.made { color: #444444; } p.protected { font-size: 9pt; }",
    )
    pad = max(1, round(millimetres(device, 0.7) / scale))
    intro = "".join(f"<p>{html.escape(part)}</p>" for part in document.intro.split("\n") if part.strip())
    parts = [
        f"<h1>{html.escape(document.title)}</h1>",
        f"<p><b>{html.escape(document.subtitle)}</b></p>",
        f'<p class="made">{html.escape(document.made_line)}</p>',
        intro,
    ]
    if document.note:
        parts.append(f'<p class="protected"><i>{html.escape(document.note)}</i></p>')
    data = document.data
    sections = [_table_html(t, pad) for t in document.tables if t.key != "multi_year"]
    gutter = round(millimetres(device, 3) / scale)
    parts.extend(_side_by_side(sections, gutter))
    if charts:
        width = int(paint.width())
        pixels = min(width, round(width * RESOLUTION / device.logicalDpiX()))
        parts.append('<h2 style="page-break-before: always">Grafieken</h2>')
        images = []
        for number, spec in enumerate(chart_specs(data), start=1):
            image = print_image(spec, pixels)  # at most 300 dpi, also on a 1200 dpi printer
            url = QUrl(f"chart-{spec.key}.png")
            doc.addResource(QTextDocument.ResourceType.ImageResource, url, image)
            height = image.height() * width / image.width()
            images.append(f"<h3>Figuur {number}. {html.escape(spec.title)}</h3>"
                          f'<img src="{url.toString()}" width="{round(width / scale)}" '
                          f'height="{round(height / scale)}">')
        parts.extend(_unit(image) for image in images)
    multi = multi_year_table(data, last_years=MULTI_YEAR_COLUMNS)
    parts.append(_unit(_table_html(multi, pad)))
    doc.setHtml("".join(parts))
    _keep_on_page(doc)
    return doc


def render(document: ReportDocument, device: QPagedPaintDevice, *, charts: bool = True) -> int:
    """Paint every page on ``device`` (a QPdfWriter or QPrinter); returns the page count."""
    ensure_app()
    doc = build_text_document(document, device, charts=charts)
    footer = f"{document.title} – {document.subtitle} – {document.made_line}"
    return paint_pages(doc, device, footer)


def write_pdf(path: Path, document: ReportDocument, *, charts: bool = True) -> Path:
    ensure_app()
    path = Path(path)
    try:
        with open(path, "wb"):
            pass  # QPdfWriter reports no errors: find an unwritable place first
    except OSError as error:
        raise KnownError(
            f"Het bestand {path.name} kon niet worden geschreven ({error.strerror or error}). "
            "Kies een andere map of sluit het bestand als het nog in een ander programma open staat.",
            code="export_failed",
        ) from error
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(page_layout())
    writer.setTitle(f"{document.title} – {document.subtitle}")
    writer.setCreator("ZVKD Desktop")
    render(document, writer, charts=charts)
    del writer  # closes the file
    return path
