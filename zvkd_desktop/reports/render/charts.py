"""The summary's bar charts with pyqtgraph: on screen (hover shows the value, PNG/SVG export)
and for print (rendered off screen at print resolution, black on white).

A chart is drawn from a :class:`~zvkd_desktop.reports.yearly.chart_data.ChartSpec`, so screen
and paper show the same numbers as the tables (``<5`` is drawn at 2.5 and hatched).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QImage, QPainter, QPalette
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QGraphicsItem, QToolTip, QWidget

from zvkd_desktop.errors import KnownError
from zvkd_desktop.reports.yearly.chart_data import ChartKind, ChartSpec
from zvkd_desktop.reports.yearly.protect import SMALL, numeric
from zvkd_desktop.reports.yearly.tables import display

BAR_SPAN = 0.8
"""Share of a category's width the bars take; the rest is the gap between categories."""
PRINT_SIZE = (760, 315)
LABEL_CHARS = 34
"""Axis labels longer than about this many characters are elided."""
"""Logical size of a chart on paper; scaled up to the print resolution when exported."""


class BarChart(pg.PlotWidget):
    """One bar chart (grouped, stacked or horizontal) with a value on every bar."""

    def __init__(self, spec: ChartSpec, parent: QWidget | None = None, *,
                 for_print: bool = False, titled: bool = True) -> None:
        if for_print:
            background, foreground = QColor("white"), QColor("black")
        else:
            palette = (parent or QApplication.instance()).palette()  # type: ignore[union-attr]
            background = palette.color(QPalette.ColorRole.Base)
            foreground = palette.color(QPalette.ColorRole.Text)
        super().__init__(parent, background=background)
        self.spec = spec
        self.foreground = foreground
        self.bars: list[tuple[QRectF, str]] = []
        """Every drawn bar in data coordinates with its hover text (for hover and tests)."""
        self.hover_text: str | None = None
        self.setAccessibleName(spec.title)
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(False, False)
        plot.hideButtons()
        if titled:
            plot.setTitle(spec.title, color=foreground, size="11pt")
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(foreground)
            axis.setTextPen(foreground)
        if len(spec.series) > 1:
            legend = plot.addLegend(offset=(10, 5), labelTextColor=foreground,
                                    labelTextSize="9pt", colCount=len(spec.series))
            legend.setBrush(QBrush(background))
            # pyqtgraph keeps legends at screen size; on paper they must grow with the chart
            legend.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, False)
        self._draw()
        self.scene().sigMouseMoved.connect(self._mouse_moved)

    # -- drawing -------------------------------------------------------------------------------

    def _draw(self) -> None:
        spec = self.spec
        plot = self.getPlotItem()
        positions = range(len(spec.categories))
        ticks = [[(float(i), label) for i, label in zip(positions, spec.categories, strict=True)]]
        top = 0.0
        if spec.kind is ChartKind.HORIZONTAL:
            series = spec.series[0]
            rows = [len(spec.categories) - 1 - i for i in positions]  # first category on top
            heights = [numeric(v) for v in series.values]
            self._bars(series.name, series.colour, series.values, rows,
                       [0.0] * len(rows), heights, BAR_SPAN, horizontal=True)
            top = max(heights, default=0.0)
            labels = _elided(spec.categories, self.font())
            axis = plot.getAxis("left")
            axis.setTicks([[(float(r), label) for r, label in zip(rows, labels, strict=True)]])
            axis.setWidth(_label_width(labels, self.font()))
            plot.getAxis("bottom").setLabel(spec.value_label, color=self.foreground.name())
            plot.getAxis("bottom").setTickSpacing(*_count_ticks(top))
            plot.setXRange(0, max(top * 1.2, 4), padding=0)
            plot.setYRange(-0.6, len(rows) - 0.4, padding=0)
            return
        plot.getAxis("bottom").setTicks(ticks)
        plot.getAxis("left").setLabel(spec.value_label, color=self.foreground.name())
        base = [0.0] * len(spec.categories)
        count = len(spec.series)
        for index, series in enumerate(spec.series):
            heights = [numeric(v) for v in series.values]
            if spec.kind is ChartKind.GROUPED:
                width = BAR_SPAN / count
                xs = [i - BAR_SPAN / 2 + width * (index + 0.5) for i in positions]
                self._bars(series.name, series.colour, series.values, xs, [0.0] * len(xs),
                           heights, width)
                top = max([top, *heights])
            else:
                self._bars(series.name, series.colour, series.values, list(positions),
                           list(base), heights, BAR_SPAN)
                base = [b + h for b, h in zip(base, heights, strict=True)]
                top = max([top, *base])
        plot.getAxis("left").setTickSpacing(*_count_ticks(top))
        plot.setXRange(-0.6, len(spec.categories) - 0.4, padding=0)
        plot.setYRange(0, max(top * 1.3, 4), padding=0)

    def _bars(self, name: str, colour: str, values: tuple[Any, ...], centres: list[float],
              starts: list[float], sizes: list[float], width: float, *,
              horizontal: bool = False) -> None:
        brushes = [
            QBrush(QColor(colour), Qt.BrushStyle.BDiagPattern if v == SMALL else Qt.BrushStyle.SolidPattern)
            for v in values
        ]
        pen = pg.mkPen(QColor(colour).darker(130))
        if horizontal:
            item = pg.BarGraphItem(y=centres, x0=starts, width=sizes, height=width, brush=colour,
                                   brushes=brushes, pen=pen, name=name)
        else:
            item = pg.BarGraphItem(x=centres, y0=starts, height=sizes, width=width, brush=colour,
                                   brushes=brushes, pen=pen, name=name)
        self.getPlotItem().addItem(item)
        for value, centre, start, size, category in zip(
            values, centres, starts, sizes, self._categories_for(centres), strict=True
        ):
            text = f"{name}, {category}: {display(value)}"
            if horizontal:
                rect = QRectF(start, centre - width / 2, size, width)
                anchor, pos = (0, 0.5), (start + size, centre)
            else:
                rect = QRectF(centre - width / 2, start, width, size)
                stacked = self.spec.kind is ChartKind.STACKED
                anchor = (0.5, 0.5) if stacked else (0.5, 1)
                pos = (centre, start + size / 2) if stacked else (centre, start + size)
            self.bars.append((rect, text))
            if value in (0, None):
                continue
            label = pg.TextItem(display(value), color=self.foreground, anchor=anchor)
            label.setPos(*pos)
            self.getPlotItem().addItem(label)

    def _categories_for(self, centres: list[float]) -> list[str]:
        count = len(self.spec.categories)
        if self.spec.kind is ChartKind.HORIZONTAL:
            return [self.spec.categories[count - 1 - round(c)] for c in centres]
        return [self.spec.categories[round(c)] for c in centres]

    # -- hover ---------------------------------------------------------------------------------

    def text_at(self, point: QPointF) -> str | None:
        """The hover text of the bar under ``point`` (data coordinates), if any."""
        for rect, text in self.bars:
            if rect.normalized().contains(point):
                return text
        return None

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        view = self.getPlotItem().getViewBox()
        text = self.text_at(view.mapSceneToView(scene_pos))
        self.hover_text = text
        if text is None:
            QToolTip.hideText()
            return
        QToolTip.showText(self.mapToGlobal(self.mapFromScene(scene_pos)), text, self)

    # -- export --------------------------------------------------------------------------------

    def export_png(self, path: Path, width: int | None = None) -> Path:
        exporter = ImageExporter(self.getPlotItem())
        if width:
            exporter.parameters()["width"] = int(width)
        exporter.export(str(path))
        return Path(path)

    def export_svg(self, path: Path) -> Path:
        """Vector SVG through Qt's own generator (pyqtgraph's SVG exporter trips over the
        legend and hatched bars)."""
        source = self.viewport().rect()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(source.size())
        generator.setViewBox(source)
        generator.setResolution(self.logicalDpiX())  # text sized as on screen (default: 72 dpi)
        generator.setTitle(self.spec.title)
        generator.setDescription("ZVKD Desktop – jaaroverzicht")
        painter = QPainter(generator)
        try:
            self.render(painter, QRectF(source), source)
        finally:
            painter.end()
        if not Path(path).is_file():
            raise KnownError(f"Het bestand {Path(path).name} kon niet worden geschreven.",
                             code="export_failed")
        return Path(path)

    def image(self, width: int) -> QImage:
        exporter = ImageExporter(self.getPlotItem())
        exporter.parameters()["width"] = int(width)
        image = exporter.export(toBytes=True)
        assert isinstance(image, QImage)
        return image


def _count_ticks(top: float) -> tuple[float, float]:
    """Whole-number ticks (counts have no halves): 1, 2, 5, 10, 20, 50, ... apart."""
    steps = (m * 10**e for e in range(7) for m in (1, 2, 5))
    step = next(s for s in steps if top / s <= 8)
    return float(step), float(step)


def _elided(labels: tuple[str, ...], font: QFont) -> tuple[str, ...]:
    """Long names (a police unit's full name) shortened on the axis; the hover shows them whole."""
    metrics = QFontMetrics(font)
    width = metrics.horizontalAdvance("x") * LABEL_CHARS
    return tuple(metrics.elidedText(label, Qt.TextElideMode.ElideRight, width) for label in labels)


def _label_width(labels: tuple[str, ...], font: QFont) -> int:
    metrics = QFontMetrics(font)
    return max((metrics.horizontalAdvance(label) for label in labels), default=40) + 16


def print_image(spec: ChartSpec, width_px: int, size: tuple[int, int] = PRINT_SIZE) -> QImage:
    """The chart black on white at ``width_px`` wide, for a printed page (needs a QApplication).

    The scene is drawn through the view straight onto a large image, so text, legend and bars
    all scale alike and stay sharp (pyqtgraph's own exporter leaves the legend at screen size).
    The title is left out: the document prints it as text above the image (searchable).
    """
    chart = BarChart(spec, for_print=True, titled=False)
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    chart.resize(*size)
    chart.show()
    QApplication.processEvents()
    try:
        source = chart.viewport().rect()
        height = round(width_px * source.height() / source.width())
        image = QImage(width_px, height, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        chart.render(painter, QRectF(0, 0, width_px, height), source)
        painter.end()
        return image
    finally:
        chart.close()
        chart.deleteLater()
