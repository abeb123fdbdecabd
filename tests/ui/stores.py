"""Store files in the states the unlock dialog must handle (always with the cheap test KDF)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import PASSWORD
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.store_settings import write_idle_lock_minutes

USERNAME = "coordinator"


def closed_store(path: Path, *, saves: int = 0) -> str:
    """A store file on disk with ``saves`` extra generations; returns its recovery code."""
    store, code = Store.create(
        path, PASSWORD, username=USERNAME, display_name="Coördinator", kdf=TEST_KDF
    )
    try:
        for minutes in range(saves):
            write_idle_lock_minutes(store, 20 + minutes)
    finally:
        store.close()
    return code


def damage(path: Path) -> None:
    """Flip one byte of the encrypted data (a new file: backups are hard links)."""
    data = bytearray(path.read_bytes())
    data[-20] ^= 0xFF
    path.unlink()
    path.write_bytes(bytes(data))


def roll_back(path: Path) -> None:
    """Replace the file by an older copy of itself, after the computer has seen a newer one."""
    old = path.read_bytes()
    store = Store.open(path, password=PASSWORD, username=USERNAME)
    try:
        write_idle_lock_minutes(store, 42)
    finally:
        store.close()
    path.unlink()
    path.write_bytes(old)
