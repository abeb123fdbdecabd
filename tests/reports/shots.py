"""Render the yearly summary of the demo store for a visual check (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.reports.shots [/tmp/zvkd-shots/yearly] [suffix]

Writes the PDF (and, with poppler's pdftoppm, every page as PNG), the screen's three tabs, the
protected figures, and the four charts as PNG and SVG. The store lives in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = dt.date(2026, 3, 1)


def main(out: Path, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ZVKD_HOME"] = str(Path(tmp) / "home")
        from PySide6.QtWidgets import QApplication

        from tests.conftest import PASSWORD
        from zvkd_desktop.reports.render.pdf import write_pdf
        from zvkd_desktop.reports.yearly.document import make_document
        from zvkd_desktop.reports.yearly.report import load_report
        from zvkd_desktop.services.demo import fill_demo
        from zvkd_desktop.store.kdf import TEST_KDF
        from zvkd_desktop.store.store import Store
        from zvkd_desktop.ui.app import configure
        from zvkd_desktop.ui.yearly.page import YearlyPage

        app = QApplication.instance() or QApplication([])
        configure(app)  # type: ignore[arg-type]
        out.mkdir(parents=True, exist_ok=True)
        store, _ = Store.create(Path(tmp) / "demo.zvkd", PASSWORD, username="coordinator",
                                display_name="Coördinator", kdf=TEST_KDF)
        fill_demo(store, TODAY)
        pdf = write_pdf(out / f"demo-2023{suffix}.pdf",
                        make_document(load_report(store, 2023, TODAY)))
        print(pdf)
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(out / f"demo-2023{suffix}")],
                           check=True)
        page = YearlyPage(store, today=lambda: TODAY)
        page.resize(1280, 900)
        page.show()
        page.year_combo.setCurrentIndex(page.year_combo.findData(2023))

        def shot(name: str) -> None:
            for _ in range(5):
                app.processEvents()
            path = out / f"screen-{name}{suffix}.png"
            page.grab().save(str(path))
            print(path)

        for index, name in enumerate(("figures", "multi-year", "charts")):
            page.tabs.setCurrentIndex(index)
            shot(name)
        for panel in page.charts.panels:
            panel.chart.export_png(out / f"chart-{panel.chart.spec.key}{suffix}.png", 1600)
            panel.chart.export_svg(out / f"chart-{panel.chart.spec.key}{suffix}.svg")
        page.protect_box.setChecked(True)
        page.tabs.setCurrentIndex(0)
        shot("figures-protected")
        page.close()
        store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/zvkd-shots/yearly"),
         f"-{sys.argv[2]}" if len(sys.argv) > 2 else "")
