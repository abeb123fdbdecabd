"""Render the case file and its dialogs on the demo store, for a visual check (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.casefile.shots [/tmp/zvkd-shots/casefile]
    QT_SCALE_FACTOR=1.5 QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.casefile.shots /tmp/zvkd-shots/casefile-150

The store lives in a temporary folder that is removed afterwards. A few edits are made through
the services first, so the Historie tab has something to show (the demo set has no audit trail).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = dt.date(2024, 3, 18)


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ZVKD_HOME"] = str(Path(tmp) / "home")
        from PySide6.QtWidgets import QApplication

        from tests.ui.casefile.story import make_history
        from zvkd_desktop.services.demo import fill_demo
        from zvkd_desktop.store.kdf import TEST_KDF
        from zvkd_desktop.store.store import Store
        from zvkd_desktop.ui.app import configure
        from zvkd_desktop.ui.casefile.shots import pick_case, render_screenshots
        from zvkd_desktop.ui.sections import AppContext

        app = QApplication.instance() or QApplication([])
        assert isinstance(app, QApplication)
        configure(app)
        store, _code = Store.create(
            Path(tmp) / "pad.zvkd",
            "demo wachtwoord",
            username="demo",
            display_name="Marieke Jansen",
            kdf=TEST_KDF,
        )
        fill_demo(store, TODAY)
        context = AppContext(store, today=lambda: TODAY)
        case_id = pick_case(context)
        assert case_id is not None
        make_history(context.services, case_id)
        for path in render_screenshots(context, out):
            print(path)
        context.closed = True
        store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/zvkd-shots/casefile"))
