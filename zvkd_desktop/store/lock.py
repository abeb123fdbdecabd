"""One writer per store: an OS file lock on ``<store>.lock``, with who holds it written inside.

The operating system releases the lock when the holding process dies, so a lock file left by a
crash is recognised as stale simply because nobody holds the OS lock any more, and is taken over;
two processes racing for a stale lock cannot both win. The file names a user, machine and time,
never anything from the store.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import sys
from pathlib import Path
from typing import IO, Any

from zvkd_desktop.errors import StoreLockedError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def lock_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".lock")


def _holder_text(info: dict[str, Any]) -> str:
    since = info.get("since", "?")
    try:
        since = dt.datetime.fromisoformat(since).strftime("%d-%m-%Y %H:%M")
    except (TypeError, ValueError):
        pass
    return f"{info.get('user', '?')} op {info.get('host', '?')} (sinds {since})"


class StoreLock:
    """Held for as long as a store is open for writing."""

    def __init__(self, path: Path, handle: IO[bytes], stale_taken_over: bool) -> None:
        self.path = path
        self._handle: IO[bytes] | None = handle
        self.stale_taken_over = stale_taken_over

    @classmethod
    def acquire(cls, store_path: Path, *, user: str | None = None) -> StoreLock:
        path = lock_path(store_path)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        handle = os.fdopen(fd, "r+b")
        if not _try_lock(handle):
            try:
                handle.seek(1)
                info = json.loads(handle.read().decode("utf-8") or "{}")
            except (ValueError, OSError):
                info = {}
            handle.close()
            raise StoreLockedError(
                f"Dit bestand is al geopend door {_holder_text(info)}. "
                "Sluit het programma daar af, of wacht tot die persoon klaar is.",
                code="locked",
            )
        handle.seek(0)
        stale = bool(handle.read().strip())  # a holder's description without a holder: a crash
        info = {
            "user": user or getpass.getuser(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": dt.datetime.now().isoformat(timespec="seconds"),
        }
        # byte 0 is the locked byte on Windows; the holder's description follows it
        handle.seek(0)
        handle.truncate()
        handle.write(b"\n" + json.dumps(info).encode("utf-8"))
        handle.flush()
        return cls(path, handle, stale_taken_over=stale)

    def release(self) -> None:
        if self._handle is None:
            return
        handle, self._handle = self._handle, None
        try:
            handle.seek(0)
            handle.truncate()
            _unlock(handle)
        finally:
            # The file stays: unlinking it would let a waiter lock the old inode while a newcomer
            # locks a new file, and both would think they are the only writer.
            handle.close()

    def __del__(self) -> None:  # pragma: no cover - safety net only
        if getattr(self, "_handle", None) is not None:
            self.release()
