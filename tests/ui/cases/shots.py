"""Render the 'Casussen' page to PNG on the demo store, for a visual check (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.cases.shots [/tmp/zvkd-shots] [suffix]
    QT_SCALE_FACTOR=1.5 QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.cases.shots /tmp/zvkd-shots 150

The store lives in a temporary folder that is removed afterwards. Without the demo generator
(``zvkd_desktop.services.demo``) the page shows 10 000 synthetic rows instead.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = dt.date(2024, 3, 18)
SIZE = (1180, 640)
"""About the content area of a maximised window on a 1366 x 768 laptop screen."""


def main(out: Path, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ZVKD_HOME"] = str(Path(tmp) / "home")
        from PySide6.QtWidgets import QApplication

        from zvkd_desktop.services.context import ServiceContext
        from zvkd_desktop.store.kdf import TEST_KDF
        from zvkd_desktop.store.store import Store
        from zvkd_desktop.ui.app import configure
        from zvkd_desktop.ui.cases.page import CasesPage

        app = QApplication.instance() or QApplication([])
        assert isinstance(app, QApplication)
        configure(app)
        out.mkdir(parents=True, exist_ok=True)
        store, _code = Store.create(Path(tmp) / "pad.zvkd", "demo wachtwoord", username="demo",
                                    display_name="Demo", kdf=TEST_KDF)  # fmt: skip
        ctx = ServiceContext(store, today=lambda: TODAY)
        page = CasesPage(ctx, load=False)
        page.resize(*SIZE)
        page.show()
        try:
            from zvkd_desktop.services.demo import fill_demo
        except ImportError:
            from tests.ui.cases.synthetic import synthetic_rows

            page.set_rows(synthetic_rows(10_000, on=TODAY), TODAY)
        else:
            fill_demo(store, TODAY)
            page.reload()
            while page.is_loading:
                app.processEvents()

        def shot(name: str) -> None:
            for _ in range(5):
                app.processEvents()
            path = out / f"{name}{suffix}.png"
            page.grab().save(str(path))
            print(path)

        shot("cases")
        page.table.selectRow(2)
        page.search_edit.setText("de")
        page.signal_combo.setCurrentIndex(1)
        shot("cases-filtered")
        page.reset_filters()
        page.status_combo.setCurrentIndex(2)
        page.table.sortByColumn(7, page.table.horizontalHeader().sortIndicatorOrder())
        shot("cases-all")
        page.close()
        store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/zvkd-shots"),
         f"-{sys.argv[2]}" if len(sys.argv) > 2 else "")  # fmt: skip
