"""What every printed paper shares: a QTextDocument laid out in the device's own pixels with room
for a footer, and painting it page by page with that footer ("Vertrouwelijk" or the title on the
left, "Pagina n van m" on the right).

QTextDocument.print() would only add a bare page number, so the papers paginate by hand; this is
that one piece of hand pagination, used by the yearly summary (``pdf.py``), the inzage overview
(``inzage_pdf.py``) and the meeting papers (``meeting_pdf.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QPagedPaintDevice,
    QPainter,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication

from zvkd_desktop.errors import KnownError

__all__ = ["FOOTER_MM", "FOOTER_POINTS", "millimetres", "paged_document", "paint_pages"]

FOOTER_MM = 9.0
"""The strip below the text that holds the footer."""
FOOTER_POINTS = 8.0
DEVICE_REFUSED = "Het document kon niet worden gemaakt: het apparaat weigert."


def millimetres(device: QPagedPaintDevice, mm: float) -> float:
    """``mm`` in ``device`` pixels."""
    return mm / 25.4 * device.logicalDpiY()


def paged_document(
    device: QPagedPaintDevice, *, font_points: int, style_sheet: str
) -> QTextDocument:
    """An empty document laid out for ``device``: its pages are the page body above the footer.

    The caller sets the HTML; the default font is the application's family at ``font_points``.
    """
    paint = device.pageLayout().paintRectPixels(device.resolution())
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    doc.setDefaultFont(QFont(QApplication.font().family(), font_points))
    doc.setPageSize(QSizeF(paint.width(), paint.height() - millimetres(device, FOOTER_MM)))
    doc.setDefaultStyleSheet(style_sheet)
    return doc


def paint_pages(
    doc: QTextDocument,
    device: QPagedPaintDevice,
    footer_left: str,
    *,
    refusal: str = DEVICE_REFUSED,
) -> int:
    """Paint every page of ``doc`` on ``device`` with ``footer_left`` and "Pagina n van m" in the
    footer; returns the page count. ``refusal`` is the message when the device cannot be painted.
    """
    paint = device.pageLayout().paintRectPixels(device.resolution())
    body = doc.pageSize()
    footer = QRectF(0, body.height(), paint.width(), paint.height() - body.height())
    pages = doc.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        raise KnownError(refusal, code="render_failed")
    try:
        footer_font = QFont(doc.defaultFont())
        footer_font.setPointSizeF(FOOTER_POINTS)
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.setClipRect(QRectF(0, 0, body.width(), body.height()))
            painter.translate(0, -page * body.height())
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, page * body.height(), body.width(), body.height())
            doc.documentLayout().draw(painter, context)
            painter.restore()
            painter.setFont(footer_font)
            painter.drawText(footer, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                             footer_left)  # fmt: skip
            painter.drawText(footer, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                             f"Pagina {page + 1} van {pages}")  # fmt: skip
    finally:
        painter.end()
    return pages
