"""The idle lock: after N minutes without input, hide every window with personal data.

An application-wide event filter notes the time of each user input; a timer compares it with the
timeout. The clock is injectable so tests move time instead of waiting. While locked, the watcher
is paused; unlocking (the same user's password) restarts it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QWidget

Clock = Callable[[], float]

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.Shortcut,
    }
)

CHECK_INTERVAL_MS = 5_000


class IdleWatcher(QObject):
    """Emits ``idle`` once when no input came for ``timeout_seconds``; ``resume()`` re-arms it."""

    idle = Signal()

    def __init__(
        self,
        minutes: int,
        *,
        clock: Clock = time.monotonic,
        check_interval_ms: int = CHECK_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.timeout_seconds = minutes * 60.0
        self._last_input = clock()
        self._armed = False
        self._timer = QTimer(self)
        self._timer.setInterval(check_interval_ms)
        self._timer.timeout.connect(self.check)

    def set_minutes(self, minutes: int) -> None:
        self.timeout_seconds = minutes * 60.0

    def start(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.resume()

    def stop(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()
        self._armed = False

    def pause(self) -> None:
        self._armed = False
        self._timer.stop()

    def resume(self) -> None:
        self._last_input = self._clock()
        self._armed = True
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in INPUT_EVENTS:
            self._last_input = self._clock()
        return False

    def check(self) -> None:
        if self._armed and self._clock() - self._last_input >= self.timeout_seconds:
            self.pause()
            self.idle.emit()


def close_other_windows(keep: QWidget) -> None:
    """Close every visible top-level window except ``keep``: dialogs are rejected, others closed.

    Any window may show personal data, so none is left open; unsaved input in a dialog is lost,
    as it would be on a locked screen anyway.
    """
    for widget in QApplication.topLevelWidgets():
        if widget is keep or not widget.isVisible():
            continue
        if isinstance(widget, QDialog):
            widget.done(QDialog.DialogCode.Rejected)
            widget.hide()
        else:
            widget.close()
