"""Run a read off the GUI thread and hand its result back to a widget on the GUI thread.

The work runs on one Python worker thread (``concurrent.futures``), so background reads queue up
one at a time, as Anki's task manager does. The worker holds no reference to any Qt object: the
callbacks (and through them the receiving widget) wait in a table on the GUI thread, and the
worker only reports "job n finished" through a relay object that lives as long as the
application. Otherwise the worker could drop the last reference to a widget whose window was just
closed and so delete a QWidget outside the GUI thread, which crashes. On the GUI thread the result
is delivered only if the receiver still exists. The store's own lock keeps a background read and
a write from the GUI thread apart.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

__all__ = ["run_in_background"]

T = TypeVar("T")


class _Relay(QObject):
    finished = Signal(int, bool, object)
    """(job, succeeded, result or exception), emitted on the worker thread."""

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.finished.connect(self._deliver)

    @Slot(int, bool, object)
    def _deliver(self, job: int, succeeded: bool, value: Any) -> None:
        receiver, done, failed = _pending.pop(job)
        if shiboken6.isValid(receiver):
            (done if succeeded else failed)(value)


_relay: _Relay | None = None
_pending: dict[int, tuple[QObject, Callable[[Any], None], Callable[[BaseException], None]]] = {}
_jobs = itertools.count()
_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zvkd-read")


def _the_relay() -> _Relay:
    """Made on the GUI thread on first use, owned by the application."""
    global _relay
    if _relay is None or not shiboken6.isValid(_relay):
        _relay = _Relay(QCoreApplication.instance())
    return _relay


def run_in_background(
    receiver: QObject,
    work: Callable[[], T],
    done: Callable[[T], None],
    failed: Callable[[BaseException], None],
) -> None:
    """Run ``work()`` on the worker thread; then ``done(result)`` or ``failed(error)`` on the GUI
    thread, but only while ``receiver`` still exists. Call from the GUI thread. ``work`` must not
    hold Qt objects (it runs, and is released, on the worker thread)."""
    relay = _the_relay()
    job = next(_jobs)
    _pending[job] = (receiver, done, failed)

    def task() -> None:
        try:
            result = work()
        except BaseException as error:  # handed to ``failed`` on the GUI thread
            relay.finished.emit(job, False, error)
        else:
            relay.finished.emit(job, True, result)

    _worker.submit(task)
