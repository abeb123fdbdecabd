"""Open → usable main window on the demo store, key derivation excluded (goal ≤ 0.8 s).

"Usable" means: the store is decrypted, migrated if needed and loaded, the main window is shown
and its first section's page is built and painted. The floor, measured in the same run on the same
file, is what any program must do to get at the data: read the file, authenticate and decrypt it.
The store uses TEST_KDF so the ~0.5 s of Argon2id (deliberate, calibrated) is not counted.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSWORD = "benchmark wachtwoord"
TODAY = dt.date(2026, 11, 25)
RUNS = 7
GOAL_SECONDS = 0.8


def run() -> dict[str, Any]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from zvkd_desktop.services.demo import fill_demo
    from zvkd_desktop.store import envelope, keys
    from zvkd_desktop.store.kdf import TEST_KDF
    from zvkd_desktop.store.store import Store
    from zvkd_desktop.ui.app import configure
    from zvkd_desktop.ui.main_window import MainWindow
    from zvkd_desktop.ui.settings import GuiSettings

    app = QApplication.instance() or QApplication([])
    configure(app)
    with tempfile.TemporaryDirectory(prefix="zvkd-startup-") as tmp:
        os.environ["ZVKD_HOME"] = str(Path(tmp) / "home")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        path = Path(tmp) / "demo.zvkd"
        store, _ = Store.create(path, PASSWORD, username="coordinator", display_name="Coördinator",
                                kdf=TEST_KDF)
        fill_demo(store, TODAY)
        store.close()
        size = path.stat().st_size

        floors, opens = [], []
        for _ in range(RUNS):
            start = time.perf_counter()
            parsed = envelope.parse(path.read_bytes())
            key, _slot = keys.unlock(parsed.header, password=PASSWORD)
            envelope.open_payload(parsed, key)
            floors.append(time.perf_counter() - start)

            start = time.perf_counter()
            store = Store.open(path, password=PASSWORD)
            window = MainWindow(store, settings=GuiSettings(QSettings()))
            window.show()
            app.processEvents()
            window.pages.currentWidget().repaint()
            opens.append(time.perf_counter() - start)
            window.close()
            app.processEvents()
            window.deleteLater()
            app.processEvents()

    floor, median = statistics.median(floors), statistics.median(opens)
    return {
        "benchmark": "open to usable main window (demo store, KDF excluded)",
        "store_bytes": size,
        "runs": RUNS,
        "floor_read_decrypt_s": round(floor, 4),
        "open_to_window_median_s": round(median, 4),
        "ratio_to_floor": round(median / floor, 2),
        "goal_s": GOAL_SECONDS,
        "ok": median <= GOAL_SECONDS,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
