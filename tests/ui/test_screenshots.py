"""``zvkd screenshots`` renders the shell and every section on a demo store, headless."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QApplication

from zvkd_desktop.ui.screenshots import render_all
from zvkd_desktop.ui.sections import SECTIONS


def test_the_shell_and_every_section_are_rendered(qapp: QApplication, tmp_path: Path) -> None:
    out = tmp_path / "screens"
    written = render_all(out, today=dt.date(2024, 3, 18), log=lambda _p: None, areas=())
    names = {path.name for path in written}
    expected = {"first-run.png", "first-run-recovery-key.png", "unlock-wrong-password.png",
                "main-window-locked.png", "crash-report.png"}  # fmt: skip
    expected |= {f"main-{section.key}.png" for section in SECTIONS}  # the creator coordinates
    assert expected <= names
    assert all(path.stat().st_size > 1000 for path in written)  # real pictures, not blanks
    assert {p.name for p in out.iterdir()} == names  # only the pictures asked for
