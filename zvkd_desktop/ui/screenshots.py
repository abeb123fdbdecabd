"""``zvkd screenshots OUTDIR``: every main screen and dialog rendered to PNG, headless.

Used by developers to look at what they build and by the README to show it. Everything runs on
a throw-away demo store in a temporary folder (fictional people; removed afterwards, with its
settings): only the PNG files are written to OUTDIR, where the user asked for them.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

PASSWORD = "Koffie met 7 koekjes"
AREAS = ["signals", "cases", "registrations", "casefile", "meetings", "coaches", "yearly",
         "admin", "backups"]  # fmt: skip
"""Packages under zvkd_desktop.ui whose ``render_screenshots(context, outdir)`` adds their own."""


def _settle(app: object, seconds: float = 2.0) -> None:
    import time

    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(int(seconds * 1000))
    deadline = time.monotonic() + seconds / 4
    while time.monotonic() < deadline:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.02)


def _wait_for(app: object, done: Callable[[], bool], seconds: float = 30.0) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.01)


def _renderer(area: str) -> Callable[..., list[Path]] | None:
    """The area's ``render_screenshots``, from its package or its ``shots`` module."""
    for name in (f"zvkd_desktop.ui.{area}", f"zvkd_desktop.ui.{area}.shots"):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        render = getattr(module, "render_screenshots", None)
        if render is not None:
            return render  # type: ignore[no-any-return]
    return None


def render_all(
    outdir: Path,
    *,
    today: dt.date,
    log: Callable[[str], None] = print,
    areas: Sequence[str] = AREAS,
) -> list[Path]:
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zvkd-screens-") as tmp:
        os.environ["ZVKD_HOME"] = str(Path(tmp) / "home")
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication, QWidget

        from zvkd_desktop.services.demo import fill_demo
        from zvkd_desktop.store.kdf import TEST_KDF
        from zvkd_desktop.ui.app import configure
        from zvkd_desktop.ui.crash import CrashDialog, build_report
        from zvkd_desktop.ui.first_run import FirstRunDialog
        from zvkd_desktop.ui.main_window import MainWindow
        from zvkd_desktop.ui.settings import GuiSettings
        from zvkd_desktop.ui.unlock import UnlockDialog

        app = QApplication.instance() or QApplication([])
        assert isinstance(app, QApplication)
        configure(app)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        written: list[Path] = []

        def shot(widget: QWidget, name: str) -> None:
            widget.show()
            for _ in range(5):
                app.processEvents()
            path = outdir / f"{name}.png"
            widget.grab().save(str(path))
            written.append(path)
            log(str(path))

        store_path = Path(tmp) / "Documenten" / "pad.zvkd"
        first = FirstRunDialog(store_path, kdf=TEST_KDF, print_key=lambda *_a: None)
        first.username_edit.setText("j.devries")
        first.display_name_edit.setText("Jan de Vries")
        first.password_edit.setText(PASSWORD)
        first.repeat_edit.setText(PASSWORD)
        shot(first, "first-run")
        first.create_button.click()
        _wait_for(app, lambda: not first.working)  # the key derivation runs on the worker
        shot(first, "first-run-recovery-key")
        store = first.store
        first.accept()
        assert store is not None
        fill_demo(store, today)
        store.close()

        unlock = UnlockDialog(store_path)
        unlock.username_edit.setText("j.devries")
        unlock.password_edit.setText("fout")
        unlock.open_button.click()
        _wait_for(app, lambda: not unlock.working)
        shot(unlock, "unlock-wrong-password")
        unlock.password_edit.setText(PASSWORD)
        unlock.open_button.click()
        _wait_for(app, lambda: not unlock.working)
        store = unlock.store
        assert store is not None

        window = MainWindow(store, settings=GuiSettings(), today=lambda: today)
        window.resize(1280, 800)
        for section in window.sections:
            window.show_section(section.key)
            _settle(app)  # pages that load in the background (Casussen) finish first
            shot(window, f"main-{section.key}")
        for area in areas:
            render = _renderer(area)
            if render is not None:
                extra = {"password": PASSWORD} if area == "backups" else {}
                paths = render(window.context, outdir / area, **extra)
                written.extend(paths)
                for path in paths:
                    log(str(path))
        window.actions_.lock.trigger()
        app.processEvents()
        shot(window, "main-window-locked")
        try:
            raise ValueError("Jansen 12-03-2008 /home/pietje")
        except ValueError as error:
            crash = CrashDialog(build_report(error))
        shot(crash, "crash-report")
        crash.close()
        window.locked = False  # close without asking the password again
        window.close()
        app.processEvents()
    return written
