"""The demo store for the GUI tests of Signalen, Aanmeldingen and Coaches.

Generating it takes a few seconds, so it is made once per test session and each test opens its
own copy (opening with the test KDF is cheap). Also runnable, to render every screen of the three
sections to PNG for a visual check:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.signals.demo [/tmp/zvkd-shots]
    QT_SCALE_FACTOR=1.5 QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.signals.demo /tmp/zvkd-shots-150
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

from tests.conftest import PASSWORD
from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.store import Store

TODAY = dt.date(2024, 3, 18)
"""The day the demo store stands on; every test's clock."""
USERNAME = "coordinator"

_made: list[Path] = []


def demo_store_file(folder: Path) -> Path:
    """A closed demo store in ``folder``; made once per process and reused after that (the
    three sections' tests share it)."""
    if _made and _made[0].is_file():
        return _made[0]
    from zvkd_desktop.services.demo import fill_demo

    path = folder / "demo.zvkd"
    store, _code = Store.create(
        path,
        PASSWORD,
        username=USERNAME,
        display_name="Coördinator",
        kdf=TEST_KDF,
        state_folder=folder / "state",
    )
    try:
        fill_demo(store, TODAY)
    finally:
        store.close()
    _made[:] = [path]
    return path


def open_copy(source: Path, target: Path) -> Store:
    """Open a private copy of the demo store (the program folder is the test's own)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return Store.open(target, password=PASSWORD, username=USERNAME)


def act_as_coach(store: Store, coach_id: object) -> None:
    """Let the store's user be a PAD-coach with this professional record."""
    store.user = dataclasses.replace(
        store.user, role=UserRole.COACH, professional_id=coach_id
    )


def main(out: Path) -> None:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ZVKD_HOME"] = str(Path(tmp) / "home")
        from PySide6.QtWidgets import QApplication

        from zvkd_desktop.ui.app import configure
        from zvkd_desktop.ui.sections import AppContext

        app = QApplication.instance() or QApplication([])
        assert isinstance(app, QApplication)
        configure(app)
        store = open_copy(demo_store_file(Path(tmp)), Path(tmp) / "work" / "pad.zvkd")
        context = AppContext(store, today=lambda: TODAY)
        try:
            from zvkd_desktop.ui import coaches, registrations, signals

            paths = signals.render_screenshots(context, out / "signals")
            paths += registrations.render_screenshots(context, out / "registrations")
            paths += coaches.render_screenshots(context, out / "coaches")
            for path in paths:
                print(path)
        finally:
            context.closed = True
            store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/zvkd-shots"))
