"""The daily erasure check while the program runs: once at start (unlock), then once per day.

A timer looks every hour whether the day (``context.today()``) changed since the last run, rather
than firing every 24 hours: a laptop that slept over night still runs the check in the morning,
and the check never runs twice on one day. It runs in the background (an erasure compacts and
saves the whole file) and reports in the status bar how many youths were erased; an empty run
writes nothing and says nothing. After an erasure the undo stack is cleared, so that undoing an
earlier edit cannot write a name back into an erased record.

Sessions of other roles skip the check by default (the brief of issue 7: the coordinator's task);
``roles`` widens it — services.privacy.run_due_erasure itself runs for every role.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.errors import KnownError
from zvkd_desktop.services.privacy import ErasureReport, run_due_erasure
from zvkd_desktop.ui.cases.background import run_in_background
from zvkd_desktop.ui.sections import AppContext

__all__ = ["CHECK_INTERVAL_MS", "MESSAGE_MS", "ErasureCheck", "install_erasure_check"]

CHECK_INTERVAL_MS = 60 * 60 * 1000
"""How often the timer looks whether a new day started."""
MESSAGE_MS = 15_000


def _tr(text: str) -> str:
    return QCoreApplication.translate("ErasureCheck", text)


class ErasureCheck(QObject):
    message = Signal(str)
    """A status-bar line (Dutch) after a run that erased something or failed."""
    finished = Signal(object)
    """The ErasureReport of a run (also an empty one)."""

    def __init__(self, context: AppContext, *, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(context)
        self.context = context
        self.last_day: dt.date | None = None
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check_today)

    def start(self) -> None:
        """Run now, then keep looking for a new day."""
        self.check_today()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def check_today(self) -> None:
        """Run unless it already ran today (or is running); call it at unlock as well."""
        if self.context.closed or self.running or self.last_day == self.context.today():
            return
        self.running = True
        self.last_day = self.context.today()
        ctx = self.context.services  # plain Python: the worker holds no Qt object
        run_in_background(self, lambda: run_due_erasure(ctx), self._done, self._failed)

    def _done(self, report: ErasureReport | None) -> None:
        self.running = False
        if report is None or self.context.closed:
            return
        if report.count:
            self.context.undo_stack.clear()
            self.context.saved.emit()
            self.context.changed.emit()
            self.message.emit(
                _tr(
                    "Dagelijkse controle: de persoonsgegevens van {count} jongere(n) zijn gewist "
                    "volgens de bewaartermijn."
                ).format(count=report.count)
            )
        self.finished.emit(report)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        if self.context.closed:
            return  # the window closed the store before a queued run: nothing to report
        if not isinstance(error, KnownError):
            raise error  # a bug: the crash dialog reports it
        if error.code == "read_only":
            return  # a file opened read-only is left alone
        self.last_day = None  # try again at the next tick
        self.message.emit(
            _tr("Dagelijkse controle op te wissen gegevens mislukt: {message}").format(
                message=error.message
            )
        )


def install_erasure_check(
    context: AppContext,
    show_message: Callable[[str, int], None] | None = None,
    *,
    roles: Collection[UserRole] = (UserRole.COORDINATOR,),
    interval_ms: int = CHECK_INTERVAL_MS,
) -> ErasureCheck | None:
    """Start the daily check for this session; None (nothing runs) for the other roles.

    ``show_message(text, milliseconds)`` is typically ``window.statusBar().showMessage``.
    """
    if context.store.user.role not in roles:
        return None
    check = ErasureCheck(context, interval_ms=interval_ms)
    if show_message is not None:
        check.message.connect(lambda text: show_message(text, MESSAGE_MS))
    check.start()
    return check
