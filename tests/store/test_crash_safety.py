"""A save killed at any moment leaves the last committed state, or the one before it.

The test opens the store and forks; the child (modules imported, store open, so a kill cycle costs
milliseconds) commits in a loop, each commit bumping a counter and adding one marker row. Before a
commit it reports ``B n`` through a pipe, after it ``A n``. The test kills it with SIGKILL at a
random moment, then opens the store as the next user would (taking over the stale lock) and checks
that the file holds either the last reported commit or the one that was under way: never anything
else, never a damaged file, and the counter always agrees with the marker rows of the same commits.
"""

from __future__ import annotations

import contextlib
import gc
import os
import random
import signal
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.models import Setting, Youth
from zvkd_desktop.store.store import Store
from zvkd_desktop.store.storefile import KEEP_BACKUPS, list_backups

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(os, "fork"), reason="needs os.fork and SIGKILL"
)

COUNTER = "crash-counter"
BLOB = "x" * 720_000  # just over 1 MiB in all: two chunks, so a kill can fall between them
MARKER = "crash-marker-"


@dataclass
class Cycle:
    committed: int  # the last value the child reported as saved ("A n"), or its start ("R n")
    underway: int  # the value of the commit in progress ("B n"), or ``committed``
    started: bool  # the child had reported its start value before it was killed
    child_error: str | None


def _child(store: Store, report: int) -> NoReturn:
    """Commit forever with the store the parent opened; only SIGKILL ends this."""
    status = 0
    try:
        value = _state(store)[0]
        os.write(report, f"R {value}\n".encode())
        while True:
            value += 1
            os.write(report, f"B {value}\n".encode())
            with store.transaction() as session:
                setting = session.scalars(select(Setting).where(Setting.key == COUNTER)).one()
                setting.value = value
                session.add(Youth(first_name=f"{MARKER}{value}", birth_year=2008))
            os.write(report, f"A {value}\n".encode())
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which fails the test
        status = 1
        with contextlib.suppress(OSError):
            os.write(report, f"E {type(exc).__name__}: {exc}\n".encode())
    finally:
        os._exit(status)  # never back into pytest


def _state(store: Store) -> tuple[int, int]:
    """(counter, number of marker rows): equal in every committed state."""
    database = store.db.connection
    (counter,) = database.execute("SELECT value FROM setting WHERE key = ?", (COUNTER,)).fetchone()
    (markers,) = database.execute(
        "SELECT count(*) FROM youth WHERE first_name LIKE ?", (f"{MARKER}%",)
    ).fetchone()
    return int(counter), int(markers)


def _fork() -> int:
    with warnings.catch_warnings():
        # Python 3.12+ warns about fork in a threaded process; the child only touches the store
        warnings.simplefilter("ignore", DeprecationWarning)
        gc.freeze()  # the child's collector then leaves the parent's objects (and pages) alone
        pid = os.fork()
        if pid:
            gc.unfreeze()
        return pid


def _let_go(store: Store) -> None:
    """Drop the parent's copy of a store a child now holds, without unlocking the child.

    After fork both processes share the locked lock file; releasing it here (what close() does)
    would unlock the child too. Closing only our descriptor leaves the child the sole holder, just
    as if it had opened the store itself, and the kernel frees the lock when the child is killed.
    """
    lock, store._lock = store._lock, None  # noqa: SLF001
    assert lock is not None and lock._handle is not None  # noqa: SLF001
    lock._handle.close()  # noqa: SLF001
    lock._handle = None  # noqa: SLF001
    store.db.close()


def _kill_while_saving(store: Store, rng: random.Random) -> Cycle:
    """Hand the open store to a child that commits in a loop; SIGKILL it at a random moment."""
    read_end, write_end = os.pipe()
    pid = _fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_end)
        _child(store, write_end)
    os.close(write_end)
    _let_go(store)
    try:
        with os.fdopen(read_end, "rb") as pipe:
            time.sleep(rng.uniform(0, 0.025))  # a few saves of ~8 ms: any step of any of them
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            pid = 0
            messages = pipe.read().decode().splitlines()
    finally:
        if pid:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    return _replay(messages)


def _replay(messages: list[str]) -> Cycle:
    committed = underway = -1
    started = False
    error = None
    for line in messages:
        kind, _, value = line.partition(" ")
        if kind == "E":
            error = value
        elif kind in {"R", "A"}:
            committed = underway = int(value)
            started = True
        elif kind == "B":
            underway = int(value)
    return Cycle(committed, underway, started, error)


def _prepare(path: Path) -> None:
    store, _recovery = Store.create(
        path, PASSWORD, username="coordinator", display_name="Coördinator", kdf=TEST_KDF
    )
    with store.transaction() as session:
        session.add(Setting(key=COUNTER, value=0))
        session.add(Setting(key="ballast", value=BLOB))
    store.close()


def _run_kills(path: Path, kills: int, seed: int) -> None:
    rng = random.Random(seed)
    _prepare(path)
    store = Store.open(path, password=PASSWORD)
    try:
        expected = _state(store)[0]
        for kill in range(kills):
            cycle = _kill_while_saving(store, rng)
            assert cycle.child_error is None, f"kill {kill}: the child failed: {cycle.child_error}"
            # reopen as the next user would: the killed child's lock is recognised as stale
            store = Store.open(path, password=PASSWORD)
            assert store._lock is not None and store._lock.stale_taken_over  # noqa: SLF001
            counter, markers = _state(store)
            allowed = {cycle.committed, cycle.underway} if cycle.started else {expected}
            assert counter in allowed, f"kill {kill}: found {counter}, allowed {sorted(allowed)}"
            assert markers == counter, f"kill {kill}: {markers} marker rows for counter {counter}"
            if cycle.started:
                assert cycle.committed >= expected  # the child started from what was checked
            expected = counter

        # the next ordinary save tidies up what the kills left: temp files, surplus backups
        with store.transaction() as session:
            session.add(Youth(first_name="na de crash", birth_year=2008))
    finally:
        store.close()
    folder = path.parent
    assert not sorted(folder.glob("*.tmp")) and not sorted(folder.glob(".*.tmp"))
    assert len(list_backups(path)) <= KEEP_BACKUPS
    store = Store.open(path, password=PASSWORD)
    assert _state(store) == (expected, expected)
    store.close()


def test_two_hundred_kills_always_leave_the_last_or_the_previous_commit(store_path: Path) -> None:
    _run_kills(store_path, kills=200, seed=20240115)


@pytest.mark.slow
def test_a_thousand_kills_always_leave_the_last_or_the_previous_commit(store_path: Path) -> None:
    _run_kills(store_path, kills=1000, seed=1000)
