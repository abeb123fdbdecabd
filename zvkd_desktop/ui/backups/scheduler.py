"""Making backups while the program runs: by hand, every minute's check, and when closing.

A backup has three steps. Saving the store and taking that generation's bytes, and putting the
backup on record in the audit log, touch the database: they stay on the GUI thread, where every
other database call is made. Writing the copy (possibly to a slow network folder), reading it back
and pruning touch files only: they run on a one-thread pool, so the window never freezes on them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox

from zvkd_desktop.errors import KnownError
from zvkd_desktop.services import backups
from zvkd_desktop.services.backups import BackupFile, Snapshot
from zvkd_desktop.ui.backups.common import Now, system_now
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.widgets import busy_cursor

CHECK_INTERVAL_MS = 60_000
RETRY_AFTER = dt.timedelta(hours=1)
"""After a failed scheduled backup (folder not reachable), wait this long before trying again."""
STATUS_MS = 15_000


class _JobSignals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _WriteJob(QRunnable):
    """Write, read back, verify and prune: files only, never the database."""

    def __init__(self, shot: Snapshot, folder: Path, keep: int) -> None:
        super().__init__()
        self.shot, self.folder, self.keep = shot, folder, keep
        self.signals = _JobSignals()

    def run(self) -> None:
        try:
            info = backups.write_snapshot(self.shot, self.folder)
            backups.prune(self.folder, self.keep, self.shot.store_id)
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread, raised there
            self.signals.failed.emit(error)
            return
        self.signals.done.emit(info)


class BackupRunner(QObject):
    """Makes one backup at a time; ``finished`` or ``failed`` arrives on the GUI thread."""

    started = Signal()
    finished = Signal(object)
    """The BackupFile made (already on record in the audit log)."""
    failed = Signal(object)
    """The KnownError that stopped it (nothing half-written is left behind)."""

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.running = False
        self._job: _WriteJob | None = None

    def start(self, now: dt.datetime) -> bool:
        """Begin a backup into the chosen folder; False when one runs already or it failed."""
        if self.running or self.context.closed:
            return False
        ctx = self.context.services
        try:
            folder = backups.target_folder(ctx)
            keep = backups.get_backup_settings(ctx).keep
            shot = backups.take_snapshot(ctx, now)
        except KnownError as error:
            self.failed.emit(error)
            return False
        self.running = True
        self.started.emit()
        self._job = _WriteJob(shot, folder, keep)
        self._job.setAutoDelete(False)
        self._job.signals.done.connect(self._done)
        self._job.signals.failed.connect(self._failed)
        self.pool.start(self._job)
        self.context.saved.emit()  # the snapshot saved the store
        return True

    def wait(self) -> None:
        """Let a running write finish and deliver its result (before the store closes)."""
        if self.running:
            self.pool.waitForDone()
            QCoreApplication.processEvents()

    def _done(self, info: BackupFile) -> None:
        self.running = False
        if self.context.closed:
            return
        try:
            backups.record_backup(self.context.services, info)
        except KnownError as error:
            self.failed.emit(error)
            return
        self.context.saved.emit()
        self.finished.emit(info)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        if not isinstance(error, KnownError):
            raise error  # a bug: the crash dialog, not a message
        self.failed.emit(error)


class BackupScheduler(QObject):
    """Checks every minute whether a backup is due, and makes it; "bij afsluiten" at closing."""

    def __init__(
        self,
        context: AppContext,
        parent: QObject | None = None,
        *,
        now: Now = system_now,
        interval_ms: int = CHECK_INTERVAL_MS,
        window: QMainWindow | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.now = now
        self.window = window
        self.runner = BackupRunner(context, self)
        self.runner.failed.connect(self._failed)
        self.runner.finished.connect(self._finished)
        self.failed_at: dt.datetime | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()

    def check(self) -> bool:
        """Start a backup when one is due (and the last failure is an hour ago); True if started."""
        if self.context.closed or self.runner.running:
            return False
        now = self.now()
        if self.failed_at is not None and now - self.failed_at < RETRY_AFTER:
            return False
        try:
            if not backups.due(self.context.services, now):
                return False
        except KnownError:
            return False
        return self.runner.start(now)

    def on_exit(self) -> None:
        """The window is closing: finish a running backup, then make the "bij afsluiten" one."""
        self.timer.stop()
        self.runner.wait()
        if self.context.closed:
            return
        now = self.now()
        try:
            if not backups.due(self.context.services, now, exiting=True):
                return
            with busy_cursor():
                backups.backup_now(self.context.services, now)
        except KnownError as error:
            QMessageBox.warning(
                self.window,
                self.tr("Back-up niet gemaakt"),
                self.tr("De back-up bij het afsluiten is niet gemaakt: {error}").format(
                    error=error.message
                ),
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.on_exit()
            # the window may still refuse to close (an unsaved change the user keeps)
            QTimer.singleShot(0, self._resume)
        return False

    def _resume(self) -> None:
        if not self.context.closed:
            self.timer.start()

    def _status(self, text: str) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage(text, STATUS_MS)

    def _failed(self, error: KnownError) -> None:
        self.failed_at = self.now()
        self._status(self.tr("Back-up mislukt: {error}").format(error=error.message))

    def _finished(self, info: BackupFile) -> None:
        self.failed_at = None
        self._status(self.tr("Back-up gemaakt: {name}").format(name=info.path.name))


def install_backup_scheduler(
    target: QMainWindow | AppContext, *, now: Now = system_now
) -> BackupScheduler:
    """Start scheduled backups for the open store (the lead calls this for the main window).

    With the main window, failures and successes show in its status bar and "bij afsluiten"
    backups are made when it closes (an event filter, before its closeEvent closes the store).
    """
    if isinstance(target, AppContext):
        scheduler = BackupScheduler(target, target, now=now)
    else:
        context = target.context  # type: ignore[attr-defined]
        scheduler = BackupScheduler(context, target, now=now, window=target)
        target.installEventFilter(scheduler)
    scheduler.start()
    return scheduler
