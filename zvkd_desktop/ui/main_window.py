"""The main window: navigation on the left, the chosen section on the right, the idle lock.

The window owns the open store: closing the window saves what is unsaved and closes the store.
Locking (idle or Ctrl+L) closes every other window, swaps the content for a lock screen and asks
the same user's password again; the store stays open in memory, the data stays hidden.
"""

from __future__ import annotations

import datetime as dt
import platform
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal, qVersion
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop import __version__
from zvkd_desktop.errors import KnownError
from zvkd_desktop.services.context import system_today
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.actions import build_actions
from zvkd_desktop.ui.idle_lock import CHECK_INTERVAL_MS, Clock, IdleWatcher, close_other_windows
from zvkd_desktop.ui.sections import SECTIONS, AppContext, Section
from zvkd_desktop.ui.settings import GuiSettings
from zvkd_desktop.ui.store_settings import read_idle_lock_minutes
from zvkd_desktop.ui.unlock import UnlockDialog

SAVED_MESSAGE_MS = 5_000


class LockScreen(QWidget):
    """Shown instead of the content while locked: nothing from the store is visible."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_LargeIconSize) * 2
        lock_icon = QIcon.fromTheme(QIcon.ThemeIcon.SystemLockScreen)
        if lock_icon.isNull():
            icon.hide()  # the style has no padlock; an unrelated icon would only confuse
        else:
            icon.setPixmap(lock_icon.pixmap(size))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(self.tr("ZVKD Desktop is vergrendeld"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            self.tr("De gegevens zijn verborgen. Vul uw wachtwoord in om verder te werken."), self
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unlock_button = QPushButton(self.tr("&Ontgrendelen…"), self)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(icon)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


class MainWindow(QMainWindow):
    closed = Signal()
    """The window closed for good (store saved and closed)."""

    def __init__(
        self,
        store: Store,
        *,
        settings: GuiSettings | None = None,
        sections: list[Section] | None = None,
        idle_clock: Clock | None = None,
        idle_check_ms: int = CHECK_INTERVAL_MS,
        today: Callable[[], dt.date] = system_today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = AppContext(store, self, today=today)
        self.case_windows: dict[uuid.UUID, QWidget] = {}
        self.erasure_check: Any = None
        """The daily erasure check, installed by the program's launcher (not in tests)."""
        self._reopen_after_unlock: list[tuple[uuid.UUID, str]] = []
        self.settings = settings or GuiSettings()
        self.sections = [
            section
            for section in (SECTIONS if sections is None else sections)
            if section.shown_to(store.user.role)
        ]
        self.locked = False
        self._closed = False
        self.unlock_dialog: UnlockDialog | None = None
        self._pages: dict[str, QWidget] = {}

        self.nav = QListWidget(self)
        self.nav.setAccessibleName(self.tr("Onderdelen"))
        self.nav.setObjectName("navigation")
        for section in self.sections:
            item = QListWidgetItem(section.display_title, self.nav)
            item.setData(Qt.ItemDataRole.UserRole, section.key)
        self.pages = QStackedWidget(self)
        self.content = QSplitter(self)
        self.content.setChildrenCollapsible(False)
        self.content.addWidget(self.nav)
        self.content.addWidget(self.pages)
        self.content.setStretchFactor(0, 0)
        self.content.setStretchFactor(1, 1)
        nav_width = (
            max(self.nav.sizeHintForColumn(0), self.fontMetrics().horizontalAdvance("x" * 16))
            + 2 * self.nav.frameWidth()
            + self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        )
        self.content.setSizes([nav_width, 10 * nav_width])
        self.lock_screen = LockScreen(self)
        self.lock_screen.unlock_button.clicked.connect(self.ask_unlock)
        self.central = QStackedWidget(self)
        self.central.addWidget(self.content)
        self.central.addWidget(self.lock_screen)
        self.setCentralWidget(self.central)

        self.actions_ = build_actions(self)
        self.actions_.lock.triggered.connect(self.lock)
        self.actions_.quit.triggered.connect(self.close)
        self.actions_.about.triggered.connect(self.show_about)
        file_menu = self.menuBar().addMenu(self.tr("&Bestand"))
        file_menu.addAction(self.actions_.lock)
        file_menu.addSeparator()
        file_menu.addAction(self.actions_.quit)
        edit_menu = self.menuBar().addMenu(self.tr("Be&werken"))
        self.undo_action = self.context.undo_stack.createUndoAction(
            self, self.tr("&Ongedaan maken")
        )
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo_action = self.context.undo_stack.createRedoAction(
            self, self.tr("Opnieuw &uitvoeren")
        )
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        if QKeySequence("Ctrl+Shift+Z") not in redo_keys:  # Windows binds only Ctrl+Y
            redo_keys.append(QKeySequence("Ctrl+Shift+Z"))
        self.redo_action.setShortcuts(redo_keys)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.actions_.about)

        self.user_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.user_label)
        self._show_user()
        self.context.saved.connect(self._saved)
        self.context.open_case_requested.connect(self.open_case)

        self.idle = IdleWatcher(
            read_idle_lock_minutes(store),
            check_interval_ms=idle_check_ms,
            parent=self,
            **({"clock": idle_clock} if idle_clock is not None else {}),
        )
        self.idle.idle.connect(self.lock)
        self.context.idle_minutes_changed.connect(self.idle.set_minutes)

        self.nav.currentRowChanged.connect(self._show_section)
        self.nav.setCurrentRow(0)
        self.resize(1280, 800)
        self.settings.restore_window(self, "main")
        self.idle.start()

    @property
    def store(self) -> Store:
        return self.context.store

    # -- sections --------------------------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The page of section ``key``, built on first use."""
        if key not in self._pages:
            section = next(s for s in self.sections if s.key == key)
            page = section.factory(self.context, self.pages)
            self._pages[key] = page
            self.pages.addWidget(page)
            requested = getattr(page, "registration_requested", None)
            if requested is not None:  # a signal about a waiting registration
                requested.connect(self.show_registration)
        return self._pages[key]

    def open_case(self, case_id: uuid.UUID, tab: str = "") -> QWidget | None:
        """Open (or raise) the case file window of a case, at a tab."""
        if self.locked:
            return None
        window = self.case_windows.get(case_id)
        if window is None:
            from zvkd_desktop.services.access_log import record_view
            from zvkd_desktop.ui.casefile.window import CaseWindow

            try:
                record_view(self.context.services, case_id)  # every opening is in the audit log
                window = CaseWindow(self.context, case_id, tab)
            except KnownError as error:  # e.g. no access to this case
                from zvkd_desktop.ui.errors import show_known_error

                show_known_error(self, error)
                return None
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda _=None, cid=case_id: self.case_windows.pop(cid, None))
            self.case_windows[case_id] = window
        elif tab:
            window.show_tab(tab)  # type: ignore[attr-defined]
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def show_registration(self, registration_id: object) -> None:
        """Go to Aanmeldingen with that registration selected (from a signal)."""
        if any(s.key == "registrations" for s in self.sections):
            self.show_section("registrations")
            self.page("registrations").select_registration(registration_id)  # type: ignore[attr-defined]

    def show_section(self, key: str) -> None:
        row = next(i for i, s in enumerate(self.sections) if s.key == key)
        self.nav.setCurrentRow(row)

    def _show_section(self, row: int) -> None:
        if row < 0:
            return
        section = self.sections[row]
        self.pages.setCurrentWidget(self.page(section.key))
        self._update_title()

    def _update_title(self) -> None:
        if self.locked:
            self.setWindowTitle(self.tr("Vergrendeld – ZVKD Desktop"))
            return
        row = self.nav.currentRow()
        title = self.sections[row].display_title if row >= 0 else ""
        self.setWindowTitle(self.tr("{section} – ZVKD Desktop").format(section=title))

    # -- status ----------------------------------------------------------------------------

    def _show_user(self) -> None:
        if self.locked:
            self.user_label.setText(self.tr("Vergrendeld"))
        else:
            self.user_label.setText(
                self.tr("Aangemeld als {name}").format(name=self.store.user.display_name)
            )

    def _saved(self) -> None:
        self.statusBar().showMessage(self.tr("Opgeslagen"), SAVED_MESSAGE_MS)

    # -- locking ---------------------------------------------------------------------------

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        self.idle.pause()
        self._reopen_after_unlock = [
            (case_id, window.current_tab())  # type: ignore[attr-defined]
            for case_id, window in self.case_windows.items()
        ]
        close_other_windows(keep=self)
        self.case_windows.clear()
        self.central.setCurrentWidget(self.lock_screen)
        self.statusBar().clearMessage()
        self.actions_.lock.setEnabled(False)
        self._show_user()
        self._update_title()
        self.ask_unlock()

    def ask_unlock(self) -> None:
        if not self.locked:
            return
        if self.unlock_dialog is not None and self.unlock_dialog.isVisible():
            self.unlock_dialog.raise_()
            self.unlock_dialog.activateWindow()
            return
        self.unlock_dialog = UnlockDialog(self.store.path, relock=self.store, parent=self)
        self.unlock_dialog.accepted.connect(self.unlock)
        self.unlock_dialog.open()

    def unlock(self) -> None:
        self.locked = False
        self.central.setCurrentWidget(self.content)
        self.actions_.lock.setEnabled(True)
        self._show_user()
        self._update_title()
        self.idle.resume()
        if self.erasure_check is not None:
            self.erasure_check.check_today()
        reopen, self._reopen_after_unlock = self._reopen_after_unlock, []
        for case_id, tab in reopen:  # the case files come back where they were
            self.open_case(case_id, tab)
        if self.unlock_dialog is not None:
            self.unlock_dialog.deleteLater()
            self.unlock_dialog = None

    # -- help and closing ------------------------------------------------------------------

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Over ZVKD Desktop"),
            self.tr(
                "<h3>ZVKD Desktop {version}</h3>"
                "<p>Casusregistratie voor de Persoonlijke Aanpak Delft (PAD) van de Zorg- en "
                "Veiligheidskamer Delft. De gegevens staan versleuteld op deze computer.</p>"
                "<p>Licentie: MIT. Gemaakt met Qt {qt} en Python {python}.</p>"
            ).format(version=__version__, qt=qVersion(), python=platform.python_version()),
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self._closed:
            super().closeEvent(event)
            return
        for page in self._pages.values():
            flush = getattr(page, "flush", None)
            if callable(flush):
                flush()  # pages save pending input before the store closes
        if self.store.unsaved and not self._save_before_closing():
            event.ignore()
            return
        self._closed = True
        self.context.closed = True
        self.idle.stop()
        if self.erasure_check is not None:
            self.erasure_check.stop()
        self.settings.save_window(self, "main")
        self.store.close()
        super().closeEvent(event)
        self.closed.emit()

    def _save_before_closing(self) -> bool:
        """True when it is fine to close: saved now, or the user accepts losing the change."""
        try:
            self.store.save()
            return True
        except KnownError as error:
            box = QMessageBox(
                QMessageBox.Icon.Warning, self.tr("Niet opgeslagen"), error.message, parent=self
            )
            box.setInformativeText(
                self.tr("Als u nu afsluit, gaan de niet-opgeslagen wijzigingen verloren.")
            )
            quit_button = box.addButton(
                self.tr("Toch afsluiten"), QMessageBox.ButtonRole.DestructiveRole
            )
            stay = box.addButton(self.tr("Niet afsluiten"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(stay)
            box.exec()
            return box.clickedButton() is quit_button
