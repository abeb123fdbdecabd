"""The daily erasure check: once at start, again only when the day changes, in coordinator
sessions; it says in the status bar how many youths were erased."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from tests.ui.admin.conftest import TODAY
from tests.ui.admin.world import erasure_world
from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.services.privacy import ErasureReport
from zvkd_desktop.services.youths import get_youth
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.admin import install_erasure_check
from zvkd_desktop.ui.cases.background import run_in_background
from zvkd_desktop.ui.sections import AppContext


class Day:
    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


def test_at_start_the_due_youths_are_erased_and_the_status_bar_says_how_many(
    qtbot: QtBot, new_store: Store
) -> None:
    world = erasure_world(new_store)
    context = AppContext(new_store, today=lambda: TODAY)
    messages: list[tuple[str, int]] = []
    with qtbot.waitSignal(context.changed, timeout=10_000):
        check = install_erasure_check(context, lambda text, ms: messages.append((text, ms)))
    assert check is not None
    qtbot.waitUntil(lambda: not check.running, timeout=5000)
    assert all(get_youth(context.services, youth).erased for youth in world.closed)
    assert not get_youth(context.services, world.running).erased
    assert len(messages) == 1 and "2 jongere(n)" in messages[0][0]
    check.stop()
    context.closed = True


def test_it_runs_once_a_day_and_again_when_the_day_changes(qtbot: QtBot, new_store: Store) -> None:
    erasure_world(new_store)
    day = Day(dt.date(2023, 12, 15))  # only Sem's case (closed 30-11-2023) is due
    context = AppContext(new_store, today=day)
    reports: list[ErasureReport] = []
    check = install_erasure_check(context, interval_ms=60_000)
    assert check is not None
    check.finished.connect(reports.append)  # delivered on the GUI thread: not missed
    qtbot.waitUntil(lambda: len(reports) == 1, timeout=10_000)
    assert reports[0].count == 1
    check.check_today()  # the same day: nothing runs
    assert not check.running
    day.day = dt.date(2024, 2, 2)  # Lotte's case closed on 01-02-2024
    check.timer.timeout.emit()  # the hourly look
    qtbot.waitUntil(lambda: len(reports) == 2, timeout=10_000)
    assert reports[1].count == 1 and reports[1].on == dt.date(2024, 2, 2)
    check.stop()
    context.closed = True


def test_a_day_with_nothing_due_says_nothing(qtbot: QtBot, new_store: Store) -> None:
    context = AppContext(new_store, today=lambda: TODAY)
    messages: list[object] = []
    check = install_erasure_check(context, lambda text, ms: messages.append(text))
    assert check is not None
    with qtbot.waitSignal(check.finished, timeout=5000) as finished:
        pass
    assert finished.args is not None and finished.args[0].count == 0
    assert messages == []
    check.stop()
    context.closed = True


def test_other_roles_skip_the_check(qtbot: QtBot, new_store: Store) -> None:
    world = erasure_world(new_store)
    new_store.user = dataclasses.replace(new_store.user, role=UserRole.PROCESS_DIRECTOR)
    context = AppContext(new_store, today=lambda: TODAY)
    assert install_erasure_check(context) is None
    qtbot.wait(50)
    assert not get_youth(context.services, world.closed[0]).erased
    context.closed = True


def test_a_run_still_queued_when_the_window_closes_the_store_reports_nothing(
    qtbot: QtBot, new_store: Store
) -> None:
    erasure_world(new_store)
    context = AppContext(new_store, today=lambda: TODAY)
    busy = threading.Event()
    holder = QObject()
    run_in_background(holder, busy.wait, lambda _r: None, lambda _e: None)  # the worker is busy
    messages: list[str] = []
    check = install_erasure_check(context, lambda text, ms: messages.append(text))
    assert check is not None and check.running
    context.closed = True  # what the main window does on closing, before store.close()
    new_store.close()
    busy.set()  # now the queued run meets a closed store
    qtbot.waitUntil(lambda: not check.running, timeout=5000)
    assert messages == []
