"""A save that fails at any step leaves the last good file and keeps the change in memory.

Each test makes one step of a save fail (as a full disk, an I/O error or a read-only folder would)
through a FileOps subclass, then checks what the user relies on: the file on disk is byte for byte
the one before, no temp file is left, the error is the one with the right Dutch message, the store
says there is unsaved work that is still readable, and saving again once the disk works keeps it.
This is what prevents the 0-byte files KeePassXC users report after a full disk.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from zvkd_desktop.errors import DiskFullError, KnownError, SaveFailedError
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.models import Setting, Youth
from zvkd_desktop.store.store import Store
from zvkd_desktop.store.storefile import FileOps, backup_path, read_header

MiB = 1024 * 1024
DISK_FULL_TEXT = "niet genoeg ruimte op de schijf"
SAVE_FAILED_TEXT = "Opslaan is mislukt"
KEPT_TEXT = "Uw wijziging staat nog in het geheugen"


class FailingOps(FileOps):
    """Real file operations, except that ``step`` fails with ``error``.

    For ``write``, the first ``after`` bytes really reach the file (as on a disk that fills up
    part-way), then the write fails; ``short`` makes every write accept at most that many bytes.
    """

    def __init__(
        self, step: str = "", error: int = errno.EIO, *, after: int = 0, short: int = 0
    ) -> None:
        self.step, self.error, self.after, self.short = step, error, after, short
        self.written = 0
        self.calls: list[str] = []

    def _fail(self, step: str) -> None:
        self.calls.append(step)
        if step == self.step:
            raise OSError(self.error, os.strerror(self.error))

    def free_space(self, folder: Path) -> int:
        self._fail("free_space")
        return super().free_space(folder)

    def open_exclusive(self, path: Path) -> int:
        self._fail("open_exclusive")
        return super().open_exclusive(path)

    def write(self, fd: int, data: memoryview) -> int:
        self.calls.append("write")
        if self.short:
            data = data[: self.short]
        if self.step == "write":
            room = self.after - self.written
            if room <= 0:
                raise OSError(self.error, os.strerror(self.error))
            data = data[:room]
        written = super().write(fd, data)
        self.written += written
        return written

    def fsync(self, fd: int) -> None:
        self._fail("fsync")
        super().fsync(fd)

    def close(self, fd: int) -> None:
        if self.step == "close":
            os.close(fd)  # as on Linux: the descriptor is gone even when close reports an error
        self._fail("close")
        super().close(fd)

    def read(self, path: Path) -> bytes:
        self._fail("read")
        return super().read(path)

    def link(self, src: Path, dst: Path) -> None:
        self._fail("link")
        super().link(src, dst)

    def replace(self, src: Path, dst: Path) -> None:
        self._fail("replace")
        super().replace(src, dst)

    def fsync_dir(self, folder: Path) -> None:
        self._fail("fsync_dir")
        super().fsync_dir(folder)


class NoRoomOps(FileOps):
    def free_space(self, folder: Path) -> int:
        return 1024


class ZeroWriteOps(FileOps):
    def write(self, fd: int, data: memoryview) -> int:
        return 0


class GarbledReadOps(FileOps):
    """The disk hands back something other than what was written (one bit off)."""

    def read(self, path: Path) -> bytes:
        data = bytearray(super().read(path))
        data[len(data) // 2] ^= 0x04
        return bytes(data)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of two chunks, so writes can fail beyond the first MiB; made once, copied per test."""
    folder = tmp_path_factory.mktemp("template")
    made, _recovery = Store.create(
        folder / "pad.zvkd", PASSWORD, username="coordinator", display_name="Coördinator",
        kdf=TEST_KDF, state_folder=folder / "state",
    )
    with made.transaction() as session:
        session.add(Setting(key="bijlage", value=os.urandom(450_000).hex()))
    made.close()
    assert made.path.stat().st_size > 1.1 * MiB
    return made.path


@pytest.fixture
def store(template: Path, store_path: Path) -> Iterator[Store]:
    store_path.parent.mkdir(parents=True)
    shutil.copyfile(template, store_path)
    opened = Store.open(store_path, password=PASSWORD)
    yield opened
    opened.close()


def _folder(store: Store) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in store.path.parent.iterdir() if not p.name.endswith(".lock")}


def _add_youth(store: Store, name: str) -> None:
    with store.transaction() as session:
        session.add(Youth(first_name=name, birth_year=2009))


def _names(store: Store) -> list[str]:
    with store.read() as session:
        return list(session.scalars(select(Youth.first_name).order_by(Youth.first_name)))


def _assert_failed_cleanly(
    store: Store, error: KnownError, before: dict[str, bytes], generation: int, *, disk_full: bool
) -> None:
    if disk_full:
        assert type(error) is DiskFullError and error.code == "disk_full"
        assert DISK_FULL_TEXT in error.message
    else:
        assert type(error) is SaveFailedError and error.code == "save_failed"
        assert SAVE_FAILED_TEXT in error.message
    assert KEPT_TEXT in error.message and "ongewijzigd" in error.message
    after = _folder(store)
    assert after[store.path.name] == before[store.path.name], "the store file changed"
    assert not [name for name in after if name.endswith(".tmp")], "a temp file was left"
    # nothing else changed, except that the previous generation may already be kept as a backup
    assert {k: v for k, v in after.items() if k in before} == before
    assert set(after) - set(before) <= {backup_path(store.path, generation).name}
    assert store.unsaved
    assert store.generation == generation


def _fail_then_recover(
    store: Store, ops: FileOps, *, disk_full: bool, action: Callable[[], None] | None = None
) -> None:
    """Make the change under failing ``ops``; check; save again with working ops; reopen."""
    before = _folder(store)
    generation = store.generation
    store.file.ops = ops
    with pytest.raises(KnownError) as info:
        (action or (lambda: _add_youth(store, "Fenna")))()
    _assert_failed_cleanly(store, info.value, before, generation, disk_full=disk_full)
    assert "Fenna" in _names(store), "the change is no longer in memory"

    store.file.ops = FileOps()
    store.save()
    assert not store.unsaved and store.generation == generation + 1
    path = store.path
    store.close()
    reopened = Store.open(path, password=PASSWORD)
    try:
        assert _names(reopened) == ["Fenna"]
    finally:
        reopened.close()


STEPS = ["free_space", "open_exclusive", "fsync", "close", "read", "link", "replace"]


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EIO], ids=["ENOSPC", "EIO"])
@pytest.mark.parametrize("step", STEPS)
def test_a_failing_step_leaves_the_file_and_keeps_the_change(
    store: Store, step: str, error: int
) -> None:
    ops = FailingOps(step, error)
    _fail_then_recover(store, ops, disk_full=error == errno.ENOSPC)
    assert step in ops.calls  # the save really got that far


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EIO], ids=["ENOSPC", "EIO"])
@pytest.mark.parametrize("after", [0, 1, 4095, 4096, MiB, MiB + 17])
def test_a_write_failing_after_some_bytes_leaves_the_file(
    store: Store, after: int, error: int
) -> None:
    ops = FailingOps("write", error, after=after)
    _fail_then_recover(store, ops, disk_full=error == errno.ENOSPC)
    assert ops.written == after


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EIO], ids=["ENOSPC", "EIO"])
@pytest.mark.parametrize("from_end", [1, 16])
def test_a_write_failing_just_before_the_end_leaves_the_file(
    store: Store, from_end: int, error: int
) -> None:
    """The last bytes are the last chunk's tag: a file one byte short must never replace the old."""
    store.file.ops = NoRoomOps()
    with pytest.raises(DiskFullError):
        _add_youth(store, "Fenna")  # unsaved: the size of the next save's image is now fixed
    probe = FailingOps("replace")  # write everything, verify it, then refuse the swap
    store.file.ops = probe
    with pytest.raises(SaveFailedError):
        store.save()
    ops = FailingOps("write", error, after=probe.written - from_end)
    _fail_then_recover(store, ops, disk_full=error == errno.ENOSPC, action=store.save)
    assert ops.written == probe.written - from_end


def test_short_writes_are_completed_not_mistaken_for_failures(store: Store) -> None:
    store.file.ops = FailingOps(short=4093)
    _add_youth(store, "Fenna")
    assert not store.unsaved
    path = store.path
    store.close()
    reopened = Store.open(path, password=PASSWORD)
    assert _names(reopened) == ["Fenna"]
    reopened.close()


def test_a_write_that_makes_no_progress_is_a_failed_save(store: Store) -> None:
    _fail_then_recover(store, ZeroWriteOps(), disk_full=False)


def test_too_little_room_is_refused_before_anything_is_written(store: Store) -> None:
    ops = NoRoomOps()
    _fail_then_recover(store, ops, disk_full=True)


def test_a_read_back_that_differs_from_what_was_written_fails_the_save(store: Store) -> None:
    before = _folder(store)
    generation = store.generation
    store.file.ops = GarbledReadOps()
    with pytest.raises(SaveFailedError) as info:
        _add_youth(store, "Fenna")
    assert "controle na het schrijven mislukt" in info.value.message
    _assert_failed_cleanly(store, info.value, before, generation, disk_full=False)


@pytest.mark.parametrize("error", [errno.EROFS, errno.EACCES], ids=["EROFS", "EACCES"])
def test_a_read_only_folder_is_named_in_the_message(store: Store, error: int) -> None:
    before = _folder(store)
    generation = store.generation
    store.file.ops = FailingOps("open_exclusive", error)
    with pytest.raises(SaveFailedError) as info:
        _add_youth(store, "Fenna")
    assert "map is alleen-lezen" in info.value.message
    _assert_failed_cleanly(store, info.value, before, generation, disk_full=False)


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_real_read_only_folder_fails_the_save_and_keeps_the_change(store: Store) -> None:
    folder = store.path.parent
    before = _folder(store)
    folder.chmod(0o500)
    try:
        with pytest.raises(SaveFailedError) as info:
            _add_youth(store, "Fenna")
    finally:
        folder.chmod(0o700)
    assert "map is alleen-lezen" in info.value.message
    _assert_failed_cleanly(store, info.value, before, store.generation, disk_full=False)


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EIO], ids=["ENOSPC", "EIO"])
def test_a_failed_folder_sync_after_the_swap_says_the_save_is_unconfirmed(
    store: Store, error: int
) -> None:
    """The one step after the new file is in place: the folder's fsync.

    The rename has happened, so the usual "the last saved file is unchanged" would be untrue, and
    "saved" would hide that the rename may not survive a power cut. The store therefore takes the
    new generation as current (the next save backs it up and goes beyond it), raises a
    SaveFailedError with its own code and message, and keeps the change marked unsaved, so the
    user saves again and that save syncs the folder.
    """
    path = store.path
    generation = store.generation
    before = path.read_bytes()
    store.file.ops = FailingOps("fsync_dir", error)
    with pytest.raises(SaveFailedError) as info:
        _add_youth(store, "Fenna")
    assert info.value.code == "save_unconfirmed"
    assert "opgeslagen" in info.value.message and "niet bevestigen" in info.value.message
    assert "ongewijzigd" not in info.value.message
    assert store.unsaved and "Fenna" in _names(store)
    assert store.generation == generation + 1 == read_header(path).generation
    assert backup_path(path, generation).read_bytes() == before
    assert not list(path.parent.glob(".*.tmp"))

    store.file.ops = FileOps()
    store.save()
    assert not store.unsaved and store.generation == generation + 2
    store.close()
    reopened = Store.open(path, password=PASSWORD)  # no rollback warning: nothing went back
    assert _names(reopened) == ["Fenna"]
    reopened.close()


def test_a_failed_password_change_keeps_the_old_password_working(store: Store) -> None:
    path = store.path
    before = path.read_bytes()
    store.file.ops = FailingOps("replace", errno.ENOSPC)
    with pytest.raises(DiskFullError):
        store.change_password(PASSWORD, "nieuw wachtwoord 42")
    assert path.read_bytes() == before
    store.file.ops = FileOps()
    store.close()
    Store.open(path, password=PASSWORD).close()


def test_a_failed_password_change_is_marked_unsaved(store: Store) -> None:
    store.file.ops = FailingOps("replace", errno.ENOSPC)
    with pytest.raises(DiskFullError):
        store.change_password(PASSWORD, "nieuw wachtwoord 42")
    assert store.unsaved  # the new slot is only in memory: closing now would drop it silently
