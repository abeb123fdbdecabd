"""No plaintext byte of the database reaches the disk: not in the store, its backups, or elsewhere.

A unique marker goes into a youth's name and notes and through several saves, a password change
and a reopen; then every file the program could have written (the store's folder, the program's
own folder, and whatever changed in the system temp folder meanwhile) is searched for it, in UTF-8
and UTF-16-LE. The search itself is checked on a file that does contain a marker.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select

from tests.conftest import PASSWORD
from zvkd_desktop.store.models import Household, Youth
from zvkd_desktop.store.store import Store

BLOCK = 1024 * 1024


def _files(folder: Path, since: float) -> Iterator[Path]:
    """Regular files under ``folder`` modified since ``since``; no links followed, no FIFOs."""
    for root, _dirs, names in os.walk(folder, onerror=lambda _error: None):
        for name in names:
            path = Path(root) / name
            try:
                info = path.lstat()
            except OSError:
                continue  # gone meanwhile
            if stat.S_ISREG(info.st_mode) and info.st_mtime >= since:
                yield path


def _contains(path: Path, needles: list[bytes]) -> bool:
    overlap = max(len(n) for n in needles) - 1
    try:
        with path.open("rb") as file:
            tail = b""
            while block := file.read(BLOCK):
                window = tail + block
                if any(needle in window for needle in needles):
                    return True
                tail = window[-overlap:]
    except OSError:
        return False  # unreadable (another user's, or removed while reading)
    return False


def _hits(folders: list[Path], marker: str, since: float) -> list[Path]:
    needles = [marker.encode("utf-8"), marker.encode("utf-16-le")]
    seen: set[Path] = set()
    found = []
    for folder in folders:
        for path in _files(folder, since):
            if path not in seen and _contains(path, needles):
                found.append(path)
            seen.add(path)
    return found


def test_the_search_finds_a_marker_where_there_is_one(tmp_path: Path) -> None:
    since = time.time() - 1
    marker = f"ZVKDMARKER-{uuid.uuid4()}"
    (tmp_path / "utf8.txt").write_text(f"naam: {marker}", "utf-8")
    (tmp_path / "utf16.txt").write_bytes(("x" * (BLOCK - 7) + marker).encode("utf-16-le"))
    assert sorted(p.name for p in _hits([tmp_path], marker, since)) == ["utf16.txt", "utf8.txt"]


def test_a_marker_written_through_the_store_is_nowhere_on_disk(
    new_store: Store, store_path: Path, isolated_home: Path
) -> None:
    since = time.time() - 1
    marker = f"ZVKDMARKER-{uuid.uuid4()}"
    with new_store.transaction() as session:
        session.add(Youth(first_name=marker, last_name="Jansen", birth_year=2008,
                          notes=f"Gesprek gehad; {marker} belt terug."))
    for generation in range(4):  # several generations, so backups hold it too
        with new_store.transaction() as session:
            youth = session.scalars(select(Youth)).one()
            youth.notes = f"{youth.notes}\nNotitie {generation}: {marker}"
            youth.household = youth.household or Household(note=f"gezin van {marker}")
    new_store.change_password(PASSWORD, "nieuw wachtwoord 7")
    new_store.close()
    reopened = Store.open(store_path, password="nieuw wachtwoord 7")
    with reopened.read() as session:
        assert session.scalars(select(Youth.first_name)).one() == marker  # it is really stored
    database = reopened.db.connection
    assert database.execute("PRAGMA temp_store").fetchone() == (2,)  # MEMORY
    assert database.execute("PRAGMA journal_mode").fetchone() == ("memory",)
    reopened.close()

    folders = [store_path.parent, isolated_home, Path(tempfile.gettempdir())]
    assert len(Store.list_backups(store_path)) >= 4
    assert _hits(folders, marker, since) == []

    beside = sorted(p.name for p in store_path.parent.iterdir())
    leftovers = [n for n in beside if n.endswith(("-journal", "-wal", "-shm", ".tmp"))]
    assert leftovers == [], beside
