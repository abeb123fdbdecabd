"""Render the shell's windows to PNG for a visual check (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.shots [/tmp/zvkd-shots] [suffix]
    QT_SCALE_FACTOR=1.5 QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.shots /tmp/zvkd-shots 150

Everything (store, settings, program folder) lives in a temporary folder that is removed after.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out: Path, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ZVKD_HOME"] = str(Path(tmp) / "home")
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from zvkd_desktop.store.kdf import TEST_KDF
        from zvkd_desktop.ui.app import configure
        from zvkd_desktop.ui.crash import CrashDialog, build_report
        from zvkd_desktop.ui.first_run import FirstRunDialog
        from zvkd_desktop.ui.main_window import MainWindow
        from zvkd_desktop.ui.settings import GuiSettings
        from zvkd_desktop.ui.unlock import UnlockDialog

        app = QApplication.instance() or QApplication([])
        configure(app)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        out.mkdir(parents=True, exist_ok=True)

        def shot(widget, name: str) -> None:
            widget.show()
            for _ in range(5):
                app.processEvents()
            path = out / f"{name}{suffix}.png"
            widget.grab().save(str(path))
            print(path)

        store_path = Path(tmp) / "Documenten" / "pad.zvkd"
        first = FirstRunDialog(store_path, kdf=TEST_KDF, print_key=lambda *a: None)
        first.username_edit.setText("j.devries")
        first.display_name_edit.setText("Jan de Vries")
        first.password_edit.setText("zomer2024")
        first.repeat_edit.setText("zomer2024")
        first.create_button.click()
        shot(first, "first-run-form-weak")
        first.password_edit.setText("Koffie met 7 koekjes")
        first.repeat_edit.setText("Koffie met 7 koekjes")
        first.message.clear()
        shot(first, "first-run-form")
        first.create_button.click()
        shot(first, "first-run-key")
        first.key_page.copy_button.click()
        first.key_page.kept_box.setChecked(True)
        shot(first, "first-run-key-copied")
        store = first.store
        first.accept()
        assert store is not None
        store.close()

        unlock = UnlockDialog(store_path)
        unlock.username_edit.setText("j.devries")
        unlock.password_edit.setText("fout")
        unlock.open_button.click()
        shot(unlock, "unlock-wrong-password")
        unlock.use_recovery.setChecked(True)
        shot(unlock, "unlock-recovery")
        unlock.use_recovery.setChecked(False)
        unlock.username_edit.setText("j.devries")
        unlock.password_edit.setText("Koffie met 7 koekjes")
        unlock.open_button.click()
        store = unlock.store
        assert store is not None

        window = MainWindow(store, settings=GuiSettings())
        shot(window, "main-window")
        window.actions_.lock.trigger()
        app.processEvents()
        shot(window, "main-window-locked")
        assert window.unlock_dialog is not None
        shot(window.unlock_dialog, "relock-dialog")
        window.unlock_dialog.password_edit.setText("Koffie met 7 koekjes")
        window.unlock_dialog.open_button.click()

        unlock2 = UnlockDialog(store_path)
        unlock2.username_edit.setText("j.devries")
        unlock2.password_edit.setText("Koffie met 7 koekjes")
        unlock2.open_button.click()
        shot(unlock2, "unlock-locked")
        unlock2.close()

        try:
            raise ValueError("Jansen 12-03-2008 /home/pietje")
        except ValueError as error:
            crash = CrashDialog(build_report(error))
        shot(crash, "crash")
        crash.close()
        window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/zvkd-shots"),
         f"-{sys.argv[2]}" if len(sys.argv) > 2 else "")
