"""The four charts of the summary, each with "PNG opslaan…" and "SVG opslaan…"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from zvkd_desktop.reports.render.charts import BarChart
from zvkd_desktop.reports.yearly.chart_data import ChartSpec

AskSavePath = Callable[[QWidget, str, str, str], str]
"""(parent, caption, suggested path, filter) -> chosen path or '' (QFileDialog.getSaveFileName)."""
RecordExport = Callable[[str, str], bool]
"""(chart key, "png"/"svg") -> whether the export was recorded in the audit log (write only then)."""


def _recorded(_key: str, _format: str) -> bool:
    return True

PNG_WIDTH = 1600
"""Exported PNGs are wide enough for a slide or a printed page."""


class ChartPanel(QWidget):
    """One chart with its export buttons."""

    def __init__(self, spec: ChartSpec, ask_save_path: AskSavePath, stem: str,
                 on_saved: Callable[[Path], None], parent: QWidget | None = None,
                 record: RecordExport = _recorded) -> None:
        super().__init__(parent)
        self.chart = BarChart(spec, self)
        self._record = record
        self.chart.setMinimumHeight(260)
        self._ask = ask_save_path
        self._stem = stem
        self._on_saved = on_saved
        self.png_button = QPushButton(self.tr("PNG opslaan…"), self)
        self.png_button.setAccessibleName(self.tr("Grafiek '{title}' als PNG opslaan").format(
            title=spec.title))
        self.svg_button = QPushButton(self.tr("SVG opslaan…"), self)
        self.svg_button.setAccessibleName(self.tr("Grafiek '{title}' als SVG opslaan").format(
            title=spec.title))
        self.png_button.clicked.connect(self.save_png)
        self.svg_button.clicked.connect(self.save_svg)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.png_button)
        buttons.addWidget(self.svg_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chart, 1)
        layout.addLayout(buttons)

    def save_png(self) -> None:
        path = self._ask(self, self.tr("Grafiek opslaan als PNG"), f"{self._stem}.png",
                         self.tr("PNG-afbeelding (*.png)"))
        if path and self._record(self.chart.spec.key, "png"):
            self._on_saved(self.chart.export_png(Path(path), PNG_WIDTH))

    def save_svg(self) -> None:
        path = self._ask(self, self.tr("Grafiek opslaan als SVG"), f"{self._stem}.svg",
                         self.tr("SVG-afbeelding (*.svg)"))
        if path and self._record(self.chart.spec.key, "svg"):
            self._on_saved(self.chart.export_svg(Path(path)))


class ChartsTab(QWidget):
    def __init__(self, ask_save_path: AskSavePath, on_saved: Callable[[Path], None],
                 parent: QWidget | None = None, *, record: RecordExport = _recorded) -> None:
        super().__init__(parent)
        self._record = record
        self._ask = ask_save_path
        self._on_saved = on_saved
        self.panels: list[ChartPanel] = []
        self.grid = QGridLayout(self)

    def show_specs(self, specs: list[ChartSpec], year: int) -> None:
        for panel in self.panels:
            self.grid.removeWidget(panel)
            panel.hide()  # deleteLater waits for the event loop; never show a stale chart
            panel.deleteLater()
        self.panels = []
        for index, spec in enumerate(specs):
            stem = f"jaaroverzicht-{year}-{spec.key.replace('_', '-')}"
            panel = ChartPanel(spec, self._ask, stem, self._on_saved, self, self._record)
            self.grid.addWidget(panel, index // 2, index % 2)
            self.panels.append(panel)
