"""Caseload per coach as a pyqtgraph bar chart: one bar per coach, the number on top, the value
on hover, colours from the system palette (so it reads in light and dark themes alike)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetrics, QPalette, QResizeEvent
from PySide6.QtWidgets import QToolTip, QWidget

from zvkd_desktop.services.caseload import CoachLoad

__all__ = ["CaseloadChart"]

BAR_WIDTH = 0.6
_CONTEXT = "CaseloadChart"


def _t(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def hover_text(name: str, running: int) -> str:
    if running == 1:
        return _t("{name}: 1 lopende casus").format(name=name)
    return _t("{name}: {count} lopende casussen").format(name=name, count=running)


def short_names(names: list[str]) -> list[str]:
    """First names, as a team says them, where those are unique; the full name otherwise."""
    firsts = [name.split(" ")[0] for name in names]
    return [
        first if firsts.count(first) == 1 else name
        for first, name in zip(firsts, names, strict=True)
    ]


class CaseloadChart(pg.PlotWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        palette = parent.palette() if parent is not None else QPalette()
        self.background = palette.color(QPalette.ColorRole.Base)
        self.foreground = palette.color(QPalette.ColorRole.Text)
        self.bar_colour = palette.color(QPalette.ColorRole.Highlight)
        super().__init__(parent, background=self.background)
        self.setAccessibleName(_t("Caseload per coach"))
        self.bars: list[tuple[QRectF, str]] = []
        self.values: dict[str, int] = {}
        """Coach name → running cases, as drawn (for tests and the accessible description)."""
        self.hover_text: str | None = None
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(False, False)
        plot.hideButtons()
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(self.foreground)
            axis.setTextPen(self.foreground)
        plot.getAxis("left").setLabel(_t("Lopende casussen"), color=self.foreground.name())
        plot.getAxis("bottom").setLabel(_t("Coach"), color=self.foreground.name())
        self.scene().sigMouseMoved.connect(self._mouse_moved)
        self.set_loads([])

    def set_loads(self, loads: Sequence[CoachLoad]) -> None:
        plot = self.getPlotItem()
        plot.clear()
        self.bars = []
        self.values = {load.name: load.running for load in loads}
        positions = list(range(len(loads)))
        heights = [float(load.running) for load in loads]
        if loads:
            item = pg.BarGraphItem(
                x=positions, height=heights, width=BAR_WIDTH,
                brush=self.bar_colour, pen=pg.mkPen(self.bar_colour.darker(130)),
            )  # fmt: skip
            plot.addItem(item)
        for position, load in zip(positions, loads, strict=True):
            rect = QRectF(position - BAR_WIDTH / 2, 0, BAR_WIDTH, max(load.running, 0.2))
            self.bars.append((rect, hover_text(load.name, load.running)))
            label = pg.TextItem(str(load.running), color=self.foreground, anchor=(0.5, 1))
            label.setPos(position, load.running)
            plot.addItem(label)
        self._loads = list(loads)
        self._set_ticks()
        top = max(heights, default=0.0)
        step = max(1, math.ceil(top / 5))
        plot.getAxis("left").setTickSpacing(step, step)
        plot.setXRange(-0.6, max(len(loads), 1) - 0.4, padding=0)
        plot.setYRange(0, max(top * 1.25, 4), padding=0)
        self.setAccessibleDescription(
            "; ".join(hover_text(load.name, load.running) for load in loads)
        )

    def _set_ticks(self) -> None:
        """Names under their bars: whole when they fit a bar's room, else elided (hover and the
        table beside the chart give the whole name)."""
        count = max(len(self._loads), 1)
        room = max((self.width() - 80) // count - 6, 40)
        metrics = QFontMetrics(self.font())
        names = [load.name for load in self._loads]
        if any(metrics.horizontalAdvance(name) > room for name in names):
            names = short_names(names)
        ticks = [
            (float(position), metrics.elidedText(name, Qt.TextElideMode.ElideRight, room))
            for position, name in enumerate(names)
        ]
        self.getPlotItem().getAxis("bottom").setTicks([ticks])

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if hasattr(self, "_loads"):
            self._set_ticks()

    # -- hover -----------------------------------------------------------------------------

    def text_at(self, point: QPointF) -> str | None:
        for rect, text in self.bars:
            if rect.contains(point):
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
