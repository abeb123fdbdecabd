"""Backups: a copy of a saved generation in a chosen folder, kept N deep, restored with nothing lost.

The schedule is tested at its edges with fixed datetimes; everything else on a real encrypted
store (TEST_KDF) in tmp_path.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.services.factories import add_case, add_youth
from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.errors import (
    DamagedStoreError,
    PermissionDeniedError,
    StoreLockedError,
    ValidationError,
    WrongPasswordError,
)
from zvkd_desktop.services import backups, users
from zvkd_desktop.services.audit import verify_chain
from zvkd_desktop.services.backup_restore import preview_backup, restore
from zvkd_desktop.services.backup_schedule import BackupSchedule, Frequency, is_due, next_due
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.store.backup_files import BackupKind, list_backups_in, prune
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.models import AuditEntry, Base, User, Youth
from zvkd_desktop.store.store import Store

NOW = dt.datetime(2024, 1, 15, 12, 30, 0)
OTHER_PASSWORD = "Zomerse fietstocht langs de Schie"
MONDAY = dt.datetime(2024, 1, 15, 0, 0)  # 15-01-2024 is a Monday


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "back-ups"
    path.mkdir()
    return path


def tables(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order."""
    with store.read() as session:
        return {
            table.name: [
                tuple(row)
                for row in session.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in Base.metadata.sorted_tables
        }


def fill(ctx: ServiceContext) -> None:
    add_case(ctx.store, admitted_on=dt.date(2023, 9, 1), first_name="Sem")
    add_case(ctx.store, admitted_on=dt.date(2023, 11, 1), first_name="Lotte")
    backups.set_backup_keep(ctx, 5)


# -- the schedule (pure) -------------------------------------------------------------------------

DAILY_NOON = BackupSchedule(Frequency.DAILY, dt.time(12, 0))
FRIDAY_FIVE = BackupSchedule(Frequency.WEEKLY, dt.time(17, 0), weekday=4)


def test_a_daily_backup_is_due_from_its_minute_on_and_not_a_minute_before() -> None:
    yesterday_noon = dt.datetime(2024, 1, 14, 12, 0)
    assert not is_due(DAILY_NOON, yesterday_noon, dt.datetime(2024, 1, 15, 11, 59, 59))
    assert is_due(DAILY_NOON, yesterday_noon, dt.datetime(2024, 1, 15, 12, 0))


def test_a_daily_backup_made_at_or_after_the_moment_is_not_due_again_that_day() -> None:
    made = dt.datetime(2024, 1, 15, 12, 0)
    assert not is_due(DAILY_NOON, made, dt.datetime(2024, 1, 15, 23, 59))
    assert is_due(DAILY_NOON, made, dt.datetime(2024, 1, 16, 12, 0))


def test_a_missed_daily_moment_is_made_up_at_the_next_start() -> None:
    """The program was closed at noon; the next morning the backup is due at once."""
    assert is_due(DAILY_NOON, dt.datetime(2024, 1, 14, 11, 0), dt.datetime(2024, 1, 15, 9, 0))
    assert not is_due(DAILY_NOON, dt.datetime(2024, 1, 14, 12, 5), dt.datetime(2024, 1, 15, 9, 0))


def test_without_any_backup_a_timed_schedule_is_due_at_once() -> None:
    assert is_due(DAILY_NOON, None, NOW)
    assert is_due(FRIDAY_FIVE, None, NOW)


def test_a_weekly_backup_is_due_on_its_weekday_and_time_and_waits_a_week() -> None:
    friday_five = dt.datetime(2024, 1, 19, 17, 0)
    last = dt.datetime(2024, 1, 12, 17, 0)  # the Friday before
    assert not is_due(FRIDAY_FIVE, last, friday_five - dt.timedelta(seconds=1))
    assert is_due(FRIDAY_FIVE, last, friday_five)
    assert not is_due(FRIDAY_FIVE, friday_five, dt.datetime(2024, 1, 26, 16, 59))
    assert is_due(FRIDAY_FIVE, friday_five, dt.datetime(2024, 1, 26, 17, 0))


def test_a_weekly_backup_missed_on_friday_is_made_up_on_monday() -> None:
    made_a_week_earlier = dt.datetime(2024, 1, 5, 17, 0)  # then missed Friday 12-01
    assert is_due(FRIDAY_FIVE, made_a_week_earlier, MONDAY.replace(hour=8))
    assert not is_due(FRIDAY_FIVE, dt.datetime(2024, 1, 12, 17, 0), MONDAY.replace(hour=8))


def test_on_exit_is_due_only_when_closing_and_closing_never_triggers_a_timed_schedule() -> None:
    on_exit = BackupSchedule(Frequency.ON_EXIT)
    assert not is_due(on_exit, None, NOW)
    assert is_due(on_exit, NOW, NOW, exiting=True)
    assert not is_due(DAILY_NOON, None, NOW, exiting=True)


def test_off_is_never_due() -> None:
    off = BackupSchedule(Frequency.OFF)
    assert not is_due(off, None, NOW) and not is_due(off, None, NOW, exiting=True)


def test_next_due_is_the_next_moment_or_now_when_overdue() -> None:
    made = dt.datetime(2024, 1, 15, 12, 0)
    assert next_due(DAILY_NOON, made, NOW) == dt.datetime(2024, 1, 16, 12, 0)
    assert next_due(DAILY_NOON, None, NOW) == NOW
    assert next_due(BackupSchedule(Frequency.ON_EXIT), made, NOW) is None


def test_schedules_are_stored_as_text_and_read_back() -> None:
    for schedule in (
        DAILY_NOON,
        FRIDAY_FIVE,
        BackupSchedule(Frequency.ON_EXIT),
        BackupSchedule(Frequency.OFF),
    ):
        assert BackupSchedule.parse(schedule.to_text()).to_text() == schedule.to_text()
    for bad in ("", "hourly", "daily 25:00", "weekly 7 12:00", "daily"):
        with pytest.raises(ValidationError) as refused:
            BackupSchedule.parse(bad)
        assert refused.value.code == "bad_backup_schedule"


# -- settings ------------------------------------------------------------------------------------


def test_settings_default_to_no_folder_daily_at_noon_and_ten_kept(ctx: ServiceContext) -> None:
    settings = backups.get_backup_settings(ctx)
    assert settings.folder is None and settings.keep == 10
    assert settings.schedule == DAILY_NOON


def test_the_coordinator_sets_folder_schedule_and_number_kept(
    ctx: ServiceContext, folder: Path
) -> None:
    backups.set_backup_folder(ctx, folder)
    backups.set_backup_schedule(ctx, FRIDAY_FIVE)
    settings = backups.set_backup_keep(ctx, "3")
    assert (settings.folder, settings.schedule, settings.keep) == (folder, FRIDAY_FIVE, 3)
    assert backups.get_backup_settings(ctx) == settings
    assert backups.set_backup_folder(ctx, None).folder is None


def test_a_folder_that_is_relative_or_missing_and_a_keep_out_of_range_are_refused(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    for bad, code in (
        ("back-ups", "backup_folder_relative"),
        (tmp_path / "nergens", "backup_folder_missing"),
    ):
        with pytest.raises(ValidationError) as refused:
            backups.set_backup_folder(ctx, bad)
        assert refused.value.code == code
    for keep in (0, 101, "tien"):
        with pytest.raises(ValidationError):
            backups.set_backup_keep(ctx, keep)


def test_a_folder_inside_the_stores_own_folder_is_allowed_with_a_warning(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    inside = ctx.store.path.parent / "kopieën"
    assert "andere schijf" in (backups.folder_warning(ctx.store.path, inside) or "")
    assert backups.folder_warning(ctx.store.path, tmp_path / "elders") is None


def test_only_the_coordinator_changes_backup_settings_or_restores(
    ctx: ServiceContext, folder: Path
) -> None:
    director = ServiceContext(_reopen_as(ctx, "regisseur", UserRole.PROCESS_DIRECTOR))
    try:
        with pytest.raises(PermissionDeniedError):
            backups.set_backup_folder(director, folder)
        info = backups.backup_now(director, NOW, folder=folder)  # a backup is no privilege
        with pytest.raises(PermissionDeniedError):
            restore(director, info.path, password=OTHER_PASSWORD, now=NOW)
    finally:
        director.store.close()


def _reopen_as(ctx: ServiceContext, username: str, role: UserRole) -> Store:
    users.add_user(
        ctx, username=username, display_name=username.title(), role=role, password=OTHER_PASSWORD
    )
    path = ctx.store.path
    ctx.store.close()
    return Store.open(path, password=OTHER_PASSWORD, username=username)


# -- making backups ------------------------------------------------------------------------------


def test_a_backup_is_the_saved_store_file_byte_for_byte_named_private_and_on_record(
    ctx: ServiceContext, folder: Path
) -> None:
    fill(ctx)
    info = backups.backup_now(ctx, NOW, folder=folder)
    assert info.path.name == f"pad-20240115-123000-g{info.generation}.zvkd"
    assert info.kind is BackupKind.BACKUP and info.store_id == ctx.store.file.store_id
    if os.name != "nt":
        assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    # the store moved on by one save (the audit entry); the backup is the generation before it
    assert ctx.store.generation == info.generation + 1
    assert Store.list_backups(ctx.store.path)[0].path.read_bytes() == info.path.read_bytes()
    with ctx.store.read() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert last is not None and last.action == "backup"
    assert last.changes == {
        "file": info.path.name,
        "folder": str(folder),
        "generation": info.generation,
    }


def test_without_a_chosen_folder_backup_now_says_to_choose_one(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as refused:
        backups.backup_now(ctx, NOW)
    assert refused.value.code == "no_backup_folder"


def test_keeping_n_removes_the_oldest_backups_of_this_store_only(
    ctx: ServiceContext, folder: Path
) -> None:
    backups.set_backup_folder(ctx, folder)
    backups.set_backup_keep(ctx, 3)
    stranger = folder / "iets-anders.zvkd"
    stranger.write_bytes(b"geen back-up")
    made = [backups.backup_now(ctx, NOW + dt.timedelta(days=day)) for day in range(5)]
    left = list_backups_in(folder, ctx.store.file.store_id)
    assert [b.path for b in left] == [b.path for b in reversed(made[2:])]
    assert stranger.exists()
    assert prune(folder, 1) == [made[3].path, made[2].path]


def test_due_follows_the_schedule_and_the_newest_backup_in_the_folder(
    ctx: ServiceContext, folder: Path
) -> None:
    assert not backups.due(ctx, NOW)  # no folder chosen: never due
    backups.set_backup_folder(ctx, folder)
    assert backups.due(ctx, NOW)  # never made one
    backups.backup_now(ctx, NOW)
    assert not backups.due(ctx, NOW + dt.timedelta(hours=23))
    assert backups.due(ctx, dt.datetime(2024, 1, 16, 12, 0))
    assert backups.last_backup_at(ctx) == NOW


# -- restoring -----------------------------------------------------------------------------------


def test_a_backup_restores_to_identical_data_and_the_replaced_store_is_kept(
    ctx: ServiceContext, folder: Path
) -> None:
    fill(ctx)
    backups.set_backup_folder(ctx, folder)
    expected = tables(ctx.store)
    info = backups.backup_now(ctx, NOW)
    add_youth(ctx.store, first_name="Daan")  # work done after the backup
    backups.set_backup_keep(ctx, 7)
    before_restore = ctx.store.path.read_bytes()
    generation_before = ctx.store.generation

    result = restore(ctx, info.path, password=PASSWORD, now=NOW + dt.timedelta(hours=2))

    restored = tables(ctx.store)
    log = ("audit_entry", "audit_seal")
    for name, rows in expected.items():
        if name not in log:
            assert restored[name] == rows, name
    # the log is the backup's log, then one entry for the restore itself
    for name in log:
        assert restored[name][: len(expected[name])] == expected[name], name
    with ctx.store.read() as session:
        actions = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))
        assert actions[len(expected["audit_entry"]) :] == ["restore"]
        assert verify_chain(session) is None
    # saved as a new, higher generation: a normal open (no allow_rollback) works
    assert result.generation > generation_before
    assert result.kept is not None and result.kept.read_bytes() == before_restore
    assert result.kept.parent == folder and result.kept.name.startswith("pad.replaced-")
    path = ctx.store.path
    ctx.store.close()
    reopened = Store.open(path, password=PASSWORD)
    try:
        assert tables(reopened)["youth"] == expected["youth"]
    finally:
        reopened.close()
    kept = preview_backup(result.kept, password=PASSWORD)
    assert kept.counts["youth"] == 3  # the kept store still has Daan


def test_the_preview_shows_date_generation_and_counts_without_changing_anything(
    ctx: ServiceContext, folder: Path
) -> None:
    fill(ctx)
    info = backups.backup_now(ctx, NOW, folder=folder)
    before = ctx.store.path.read_bytes()
    preview = preview_backup(info.path, password=PASSWORD)
    assert (preview.made_at, preview.generation) == (NOW, info.generation)
    assert preview.counts["youth"] == 2 and preview.counts["pad_case"] == 2
    assert ctx.store.path.read_bytes() == before


def test_a_backup_of_another_store_is_refused_unless_allowed(
    ctx: ServiceContext, folder: Path, tmp_path: Path
) -> None:
    other, _ = Store.create(
        tmp_path / "ander" / "ander.zvkd",
        PASSWORD,
        username="coordinator",
        display_name="C",
        kdf=TEST_KDF,
    )
    try:
        add_youth(other, first_name="Vreemd")
        foreign = backups.backup_now(ServiceContext(other), NOW, folder=folder)
    finally:
        other.close()
    before = ctx.store.path.read_bytes()
    with pytest.raises(ValidationError) as refused:
        restore(ctx, foreign.path, password=PASSWORD, now=NOW)
    assert refused.value.code == "other_store"
    assert ctx.store.path.read_bytes() == before and list_backups_in(folder) == [foreign]
    store_id = ctx.store.file.store_id
    restore(ctx, foreign.path, password=PASSWORD, now=NOW, allow_other_store=True)
    with ctx.store.read() as session:
        assert list(session.scalars(select(Youth.first_name))) == ["Vreemd"]
    assert ctx.store.file.store_id == store_id  # the data came over; the file stays this store


def test_a_corrupted_backup_is_refused_and_the_store_is_untouched(
    ctx: ServiceContext, folder: Path
) -> None:
    fill(ctx)
    info = backups.backup_now(ctx, NOW, folder=folder)
    before = ctx.store.path.read_bytes()
    data = bytearray(info.path.read_bytes())
    data[-40] ^= 0x01  # one bit in the last encrypted chunk
    info.path.write_bytes(bytes(data))
    with pytest.raises(DamagedStoreError):
        restore(ctx, info.path, password=PASSWORD, now=NOW)
    data = bytearray(info.path.read_bytes())
    data[30] ^= 0x01  # one bit in the header: the file no longer even lists
    info.path.write_bytes(bytes(data))
    with pytest.raises(DamagedStoreError):
        restore(ctx, info.path, password=PASSWORD, now=NOW)
    assert ctx.store.path.read_bytes() == before
    assert [b.kind for b in list_backups_in(folder)] == []


def test_a_password_that_does_not_open_the_backup_says_which_password_it_needs(
    ctx: ServiceContext, folder: Path
) -> None:
    info = backups.backup_now(ctx, NOW, folder=folder)
    before = ctx.store.path.read_bytes()
    with pytest.raises(WrongPasswordError) as refused:
        restore(ctx, info.path, password="fout wachtwoord", now=NOW)
    assert "toen hij werd gemaakt" in refused.value.message
    assert ctx.store.path.read_bytes() == before


def test_restoring_by_path_is_refused_while_the_store_is_open_elsewhere(
    ctx: ServiceContext, folder: Path
) -> None:
    info = backups.backup_now(ctx, NOW, folder=folder)
    before = ctx.store.path.read_bytes()
    with pytest.raises(StoreLockedError):
        restore(ctx.store.path, info.path, password=PASSWORD, now=NOW)
    assert ctx.store.path.read_bytes() == before


def test_a_damaged_store_file_is_replaced_by_the_backup_and_saved_anew(
    ctx: ServiceContext, folder: Path
) -> None:
    fill(ctx)
    expected = tables(ctx.store)["youth"]
    info = backups.backup_now(ctx, NOW, folder=folder)
    add_youth(ctx.store, first_name="Daan")
    path, generation = ctx.store.path, ctx.store.generation
    ctx.store.close()
    damaged = bytearray(path.read_bytes())
    damaged[-40] ^= 0x01
    path.write_bytes(bytes(damaged))
    result = restore(path, info.path, password=PASSWORD, now=NOW)
    assert result.kept is not None and result.kept.read_bytes() == bytes(damaged)
    assert result.generation > generation
    reopened = Store.open(path, password=PASSWORD)  # no rollback warning
    try:
        assert tables(reopened)["youth"] == expected
    finally:
        reopened.close()


def test_a_user_disabled_after_the_backup_stays_locked_out_after_restoring_it(
    ctx: ServiceContext, folder: Path
) -> None:
    director_id = users.add_user(
        ctx,
        username="regisseur",
        display_name="Regisseur",
        role=UserRole.PROCESS_DIRECTOR,
        password=OTHER_PASSWORD,
    )
    info = backups.backup_now(ctx, NOW, folder=folder)  # the director could open this copy
    users.disable_user(ctx, director_id)  # removes the slot and rotates the data key
    restore(ctx, info.path, password=PASSWORD, now=NOW)
    with ctx.store.read() as session:
        director = session.get(User, director_id)
        assert director is not None and director.disabled_at is not None
        assert director.slot_id is None
    path = ctx.store.path
    ctx.store.close()
    with pytest.raises(WrongPasswordError):
        Store.open(path, password=OTHER_PASSWORD, username="regisseur", read_only=True)
    Store.open(path, password=PASSWORD, username="coordinator", read_only=True).close()


def test_a_store_file_that_is_gone_is_brought_back_from_the_backup(
    ctx: ServiceContext, folder: Path
) -> None:
    fill(ctx)
    info = backups.backup_now(ctx, NOW, folder=folder)
    path = ctx.store.path
    ctx.store.close()
    path.unlink()
    result = restore(path, info.path, password=PASSWORD, now=NOW)
    assert result.kept is None and result.generation > info.generation
    reopened = Store.open(path, password=PASSWORD)
    try:
        assert reopened.row_counts()["youth"] == 2
    finally:
        reopened.close()
