"""Every refusal names what is wrong in Dutch and leaves the store file exactly as it was."""

from __future__ import annotations

import errno
import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from zvkd_desktop.errors import (
    DiskFullError,
    KnownError,
    NewerFormatError,
    NotAStoreError,
    StoreLockedError,
    WrongPasswordError,
)
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.lock import lock_path
from zvkd_desktop.store.models import Youth
from zvkd_desktop.store.store import Store
from zvkd_desktop.store.storefile import FileOps

REPO = Path(__file__).resolve().parents[2]

HOLD_LOCK = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from zvkd_desktop.store.lock import StoreLock
    lock = StoreLock.acquire(Path(sys.argv[1]), user=sys.argv[2])
    print("holding", flush=True)
    sys.stdin.read()  # until the test closes our stdin, or kills us
    """
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    store, _recovery = Store.create(
        folder / "pad.zvkd", PASSWORD, username="coordinator", display_name="Coördinator",
        kdf=TEST_KDF, state_folder=folder / "state",
    )
    with store.transaction() as session:
        session.add(Youth(first_name="Sem", birth_year=2008))
    store.close()
    return store.path


@pytest.fixture
def closed_store(template: Path, store_path: Path) -> Path:
    """A closed store with one youth (a copy of one made once for this module)."""
    store_path.parent.mkdir(parents=True)
    shutil.copyfile(template, store_path)
    return store_path


def _refused(path: Path, kind: type[KnownError], code: str, text: str, **open_args: object) -> KnownError:
    """Store.open must refuse with ``kind``/``code`` and a message containing ``text``."""
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(KnownError) as info:
        Store.open(path, **open_args)  # type: ignore[arg-type]
    error = info.value
    assert type(error) is kind, f"{type(error).__name__}: {error}"
    assert error.code == code
    assert text in error.message, error.message
    if before is not None:
        assert path.read_bytes() == before
    return error


@pytest.fixture
def lock_holder(closed_store: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process (a real one) that opened the store for writing and keeps it."""
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(closed_store), "coach-dewi"],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
            yield holder
        finally:
            if holder.poll() is None:
                holder.kill()


# -- secrets -------------------------------------------------------------------------------------


@pytest.mark.parametrize("username", [None, "coordinator", "iemand-anders"])
def test_a_wrong_password_is_refused(closed_store: Path, username: str | None) -> None:
    _refused(
        closed_store, WrongPasswordError, "wrong_password", "Gebruikersnaam of wachtwoord onjuist",
        password="correct paard batterij!", username=username,
    )


def test_the_right_password_under_another_username_is_refused(closed_store: Path) -> None:
    _refused(
        closed_store, WrongPasswordError, "wrong_password", "wachtwoord onjuist",
        password=PASSWORD, username="coach",
    )


def test_a_wrong_recovery_key_is_refused(closed_store: Path) -> None:
    _refused(
        closed_store, WrongPasswordError, "wrong_recovery_key", "herstelsleutel past niet",
        recovery_code="ABCDE-FGHJK-MNPQR-STVWX-YZ012",
    )


# -- not a store ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        b"",
        b"SQLite format 3\x00" + bytes(100),  # a plaintext database is not a store either
        b"ZVKD",  # the start of the magic only
    ],
    ids=["pdf", "empty", "sqlite", "partial-magic"],
)
def test_a_file_of_another_kind_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "verslag.zvkd"
    path.write_bytes(content)
    _refused(path, NotAStoreError, "not_a_store", "geen ZVKD-bestand", password=PASSWORD)


def test_a_folder_is_refused_as_not_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "map.zvkd"
    folder.mkdir()
    with pytest.raises(NotAStoreError):
        Store.open(folder, password=PASSWORD)
    assert folder.is_dir() and not list(folder.iterdir())


def test_a_folder_is_called_a_folder_not_missing(tmp_path: Path) -> None:
    folder = tmp_path / "map.zvkd"
    folder.mkdir()
    _refused(folder, NotAStoreError, "not_a_store", "map", password=PASSWORD)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    _refused(tmp_path / "weg.zvkd", NotAStoreError, "missing", "weg.zvkd bestaat niet", password=PASSWORD)


def test_a_store_of_a_newer_format_asks_for_an_update(closed_store: Path) -> None:
    data = bytearray(closed_store.read_bytes())
    assert data[8:10] == b"\x00\x02"  # format 2: key pairs per slot, the audit head
    data[8:10] = (3).to_bytes(2, "big")  # the u16 format field
    closed_store.write_bytes(data)
    error = _refused(
        closed_store, NewerFormatError, "newer_format", "nieuwere versie van ZVKD Desktop",
        password=PASSWORD,
    )
    assert "(formaat 3)" in error.message and "Werk het programma bij" in error.message


# -- one writer ----------------------------------------------------------------------------------


def test_a_store_held_by_another_process_is_refused_naming_who_and_where(
    closed_store: Path, lock_holder: subprocess.Popen[str]
) -> None:
    error = _refused(
        closed_store, StoreLockedError, "locked", "al geopend door coach-dewi", password=PASSWORD
    )
    assert f"op {socket.gethostname()}" in error.message
    assert "(sinds " in error.message
    # readers may still look (zvkd verify), and the holder keeps its lock
    Store.open(closed_store, password=PASSWORD, read_only=True).close()
    _refused(closed_store, StoreLockedError, "locked", "coach-dewi", password=PASSWORD)


def test_the_store_opens_once_the_other_process_has_closed_it(
    closed_store: Path, lock_holder: subprocess.Popen[str]
) -> None:
    assert lock_holder.stdin is not None
    lock_holder.stdin.close()  # the holder ends normally (its lock goes with it)
    lock_holder.wait(timeout=10)
    store = Store.open(closed_store, password=PASSWORD)
    assert store._lock is not None  # noqa: SLF001
    store.close()


def test_a_lock_left_by_a_killed_process_is_taken_over(
    closed_store: Path, lock_holder: subprocess.Popen[str]
) -> None:
    lock_holder.kill()  # SIGKILL: the holder cannot clean up
    lock_holder.wait(timeout=10)
    assert "coach-dewi" in lock_path(closed_store).read_text("utf-8")  # its note is still there
    before = closed_store.read_bytes()
    store = Store.open(closed_store, password=PASSWORD)
    try:
        assert store._lock is not None and store._lock.stale_taken_over  # noqa: SLF001
        holder = json.loads(lock_path(closed_store).read_text("utf-8"))
        assert holder["pid"] == os.getpid()
    finally:
        store.close()
    assert closed_store.read_bytes() == before


def test_a_lock_note_without_a_holder_is_stale(closed_store: Path) -> None:
    lock_path(closed_store).write_text('\n{"user": "coach-dewi", "host": "elders", "pid": 1}', "utf-8")
    store = Store.open(closed_store, password=PASSWORD)
    assert store._lock is not None and store._lock.stale_taken_over  # noqa: SLF001
    store.close()
    # a clean close leaves no note, so the next open is not a takeover
    store = Store.open(closed_store, password=PASSWORD)
    assert store._lock is not None and not store._lock.stale_taken_over  # noqa: SLF001
    store.close()


# -- disk full -----------------------------------------------------------------------------------


class FullDisk(FileOps):
    def write(self, fd: int, data: memoryview) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_is_refused_and_the_file_stays(closed_store: Path) -> None:
    store = Store.open(closed_store, password=PASSWORD)
    before = closed_store.read_bytes()
    store.file.ops = FullDisk()
    with pytest.raises(DiskFullError) as info:
        with store.transaction() as session:
            session.add(Youth(first_name="Noah", birth_year=2009))
    store.close()
    assert info.value.code == "disk_full"
    assert "niet genoeg ruimte op de schijf" in info.value.message
    assert closed_store.read_bytes() == before
