"""Starting the GUI: the application object, Dutch locale and translations, then the first
dialog (first run or unlock) and the main window.

The dialogs are shown non-modally through :class:`Launcher`, so the whole start-up runs inside
one event loop and the tests drive exactly the path a user takes.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtWidgets import QApplication, QDialog

from zvkd_desktop import __version__
from zvkd_desktop.paths import APPLICATION, ORGANISATION
from zvkd_desktop.store.kdf import KdfParams
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.crash import install_excepthook
from zvkd_desktop.ui.first_run import FirstRunDialog
from zvkd_desktop.ui.main_window import MainWindow
from zvkd_desktop.ui.settings import GuiSettings, app_data_mismatch, startup_store_path
from zvkd_desktop.ui.unlock import UnlockDialog

log = logging.getLogger(__name__)

DUTCH = QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)


def translations_dir() -> Path:
    """``resources/translations`` beside the package (source tree) or in a frozen bundle."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "resources" / "translations"


def configure(app: QApplication) -> list[QTranslator]:
    """Names, locale and translators; returns the translators (they must stay referenced)."""
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName(APPLICATION)
    QLocale.setDefault(DUTCH)
    installed = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("qtbase", qt_dir), ("zvkd", str(translations_dir()))):
        translator = QTranslator(app)
        if translator.load(DUTCH, name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


class Launcher(QObject):
    """First-run or unlock dialog, then the main window; ``main_window`` once it is shown."""

    def __init__(
        self,
        store_path: Path | None = None,
        *,
        settings: GuiSettings | None = None,
        kdf: KdfParams | None = None,
        quit_when_done: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._quit_when_done = quit_when_done
        self.settings = settings or GuiSettings()
        self.path = startup_store_path(store_path, self.settings)
        self._kdf = kdf
        self.dialog: FirstRunDialog | UnlockDialog | None = None
        self.main_window: MainWindow | None = None
        self.cancelled = False

    def start(self) -> None:
        if self.path.exists():
            self.dialog = UnlockDialog(self.path)
        else:
            self.dialog = FirstRunDialog(self.path, kdf=self._kdf)
        self.dialog.finished.connect(self._dialog_finished)
        self.dialog.show()

    def _dialog_finished(self, result: int) -> None:
        dialog = self.dialog
        assert dialog is not None
        store: Store | None = dialog.store
        if result != QDialog.DialogCode.Accepted or store is None:
            self.cancelled = True
            if self._quit_when_done:
                QApplication.quit()
            return
        self.settings.set_last_store_path(store.path)
        self.main_window = MainWindow(store, settings=self.settings)
        from zvkd_desktop.ui.backups import install_backup_scheduler

        self.backup_scheduler = install_backup_scheduler(self.main_window)
        from zvkd_desktop.ui.admin import install_erasure_check

        self.main_window.erasure_check = install_erasure_check(
            self.main_window.context, self.main_window.statusBar().showMessage
        )
        if self._quit_when_done:
            self.main_window.closed.connect(QApplication.quit)
        self.main_window.show()
        dialog.deleteLater()
        self.dialog = None


def run_gui(store_path: Path | None = None) -> int:
    """The GUI entry point (``zvkd`` without arguments); returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    translators = configure(app)
    install_excepthook()
    mismatch = app_data_mismatch()
    if mismatch:
        log.warning("data folder mismatch: %s", mismatch)
    app.setQuitOnLastWindowClosed(False)  # the dialog closes before the main window opens
    launcher = Launcher(store_path, quit_when_done=True)
    launcher.start()
    code = app.exec()
    del translators
    return code
