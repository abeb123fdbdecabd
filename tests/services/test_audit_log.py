"""The audit log as the coordinator reads it: filters, the export for the privacy officer, the chain
check — and nobody but the coordinator gets to read it."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, update

from zvkd_desktop.domain.vocabulary import ProfessionalRole, UserRole
from zvkd_desktop.errors import PermissionDeniedError, ValidationError
from zvkd_desktop.services import audit_log
from zvkd_desktop.services.audit_log import AuditFilter, audit_entries, export_audit, verify
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.partners import add_professional
from zvkd_desktop.services.settings import set_setting
from zvkd_desktop.services.youths import create_youth, update_youth
from zvkd_desktop.store.models import AuditEntry, User
from zvkd_desktop.store.store import Store


def _add_user(store: Store, username: str, display_name: str, role: UserRole) -> User:
    with store.transaction() as session:
        user = User(id=uuid.uuid4(), username=username, display_name=display_name, role=role)
        session.add(user)
    return user


def _act_as(store: Store, user: User) -> None:
    store.user = dataclasses.replace(
        store.user, id=user.id, username=user.username, display_name=user.display_name,
        role=user.role,
    )  # fmt: skip


def _backdate(store: Store, days: dict[int, dt.date]) -> None:
    """Put entries (seq → day) at local noon on another day: the log stamps the real clock.
    (Test data only: it breaks the hash chain, which these tests do not look at.)"""
    with store.transaction() as session:
        for seq, day in days.items():
            session.execute(
                update(AuditEntry).where(AuditEntry.seq == seq).values(at=_noon_utc(day))
            )


def _last_seq(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1))


def _noon_utc(day: dt.date) -> dt.datetime:
    local_noon = dt.datetime.combine(day, dt.time(12)).astimezone()
    return local_noon.astimezone(dt.UTC).replace(tzinfo=None)


@dataclasses.dataclass
class World:
    coordinator: User
    director: User
    youth_id: uuid.UUID
    coach_id: uuid.UUID
    seqs: dict[str, int]


@pytest.fixture
def world(ctx: ServiceContext, new_store: Store) -> World:
    """Three days of work by two people: a youth added and corrected, a coach added, a setting."""
    me = new_store.user
    with new_store.read() as session:
        coordinator = session.get(User, me.id)
    assert coordinator is not None
    director = _add_user(new_store, "s.bakker", "Sanne Bakker", UserRole.PROCESS_DIRECTOR)
    seqs: dict[str, int] = {}

    youth_id = create_youth(ctx, first_name="Noah", last_name="Visser",
                            date_of_birth=dt.date(2008, 2, 3), neighbourhood="buitenhof")  # fmt: skip
    seqs["youth_created"] = _last_seq(new_store)

    _act_as(new_store, director)
    update_youth(ctx, youth_id, phone="0612345678")
    seqs["youth_updated"] = _last_seq(new_store)
    coach_id = add_professional(ctx, name="Fatima el Amrani", role=ProfessionalRole.COACH)
    seqs["coach_added"] = _last_seq(new_store)

    _act_as(new_store, coordinator)
    set_setting(ctx, "retention_months", 3)
    seqs["setting"] = _last_seq(new_store)
    _backdate(new_store, {seqs["youth_created"]: dt.date(2024, 1, 10),
                          seqs["youth_updated"]: dt.date(2024, 1, 11),
                          seqs["coach_added"]: dt.date(2024, 1, 11),
                          seqs["setting"]: dt.date(2024, 1, 12)})  # fmt: skip
    return World(coordinator, director, youth_id, coach_id, seqs)


def _seqs(rows: list[audit_log.AuditRow]) -> list[int]:
    return [row.seq for row in rows]


def test_without_filters_every_entry_comes_newest_first_with_names_and_dutch_labels(
    ctx: ServiceContext, world: World
) -> None:
    rows = audit_entries(ctx)
    assert _seqs(rows) == sorted(world.seqs.values(), reverse=True)
    update_row = next(r for r in rows if r.seq == world.seqs["youth_updated"])
    assert update_row.user_name == "Sanne Bakker"
    assert update_row.action_label == "Gewijzigd"
    assert update_row.subject_label == "Jongere"
    assert update_row.record_id == world.youth_id
    assert update_row.fields == ("phone",)
    assert update_row.field_labels == ("Telefoon",)
    assert update_row.at.tzinfo is not None


def test_the_period_is_inclusive_on_both_days(ctx: ServiceContext, world: World) -> None:
    day = dt.date(2024, 1, 11)
    assert set(_seqs(audit_entries(ctx, since=day, until=day))) == {
        world.seqs["youth_updated"],
        world.seqs["coach_added"],
    }
    assert _seqs(audit_entries(ctx, since=dt.date(2024, 1, 12))) == [world.seqs["setting"]]
    assert _seqs(audit_entries(ctx, until=dt.date(2024, 1, 10))) == [world.seqs["youth_created"]]


def test_filters_by_user_action_and_record_and_all_together(
    ctx: ServiceContext, world: World
) -> None:
    by_director = audit_entries(ctx, user_id=world.director.id)
    assert set(_seqs(by_director)) == {world.seqs["youth_updated"], world.seqs["coach_added"]}
    created = audit_entries(ctx, action="create")
    assert world.seqs["youth_created"] in _seqs(created)
    assert world.seqs["youth_updated"] not in _seqs(created)
    about_youth = audit_entries(ctx, record_id=world.youth_id)
    assert set(_seqs(about_youth)) == {world.seqs["youth_created"], world.seqs["youth_updated"]}
    assert _seqs(
        audit_entries(ctx, user_id=world.director.id, action="create", since=dt.date(2024, 1, 11))
    ) == [world.seqs["coach_added"]]
    assert audit_entries(ctx, user_id=world.coordinator.id, action="update",
                         record_id=world.youth_id) == []  # fmt: skip


def test_a_reversed_period_is_refused(ctx: ServiceContext, world: World) -> None:
    with pytest.raises(ValidationError) as refused:
        audit_entries(ctx, since=dt.date(2024, 1, 12), until=dt.date(2024, 1, 10))
    assert refused.value.code == "period_reversed"


def test_a_number_from_the_log_resolves_from_its_first_eight_characters(
    ctx: ServiceContext, world: World
) -> None:
    assert audit_log.resolve_reference(ctx, str(world.youth_id)[:8]) == world.youth_id
    assert audit_log.resolve_reference(ctx, str(world.youth_id).upper()) == world.youth_id
    with pytest.raises(ValidationError):
        audit_log.resolve_reference(ctx, "abc")


def test_filter_options_list_the_users_and_the_actions_that_occur(
    ctx: ServiceContext, world: World
) -> None:
    options = audit_log.filter_options(ctx)
    assert (world.director.id, "Sanne Bakker") in options.users
    assert dict(options.actions) == {"create": "Toegevoegd", "update": "Gewijzigd"}


@pytest.mark.parametrize("role", [UserRole.PROCESS_DIRECTOR, UserRole.COACH, UserRole.PARTNER])
def test_only_the_coordinator_reads_verifies_or_exports_the_log(
    ctx: ServiceContext, new_store: Store, world: World, role: UserRole, tmp_path: Path
) -> None:
    new_store.user = dataclasses.replace(new_store.user, role=role)
    calls = [
        lambda: audit_entries(ctx),
        lambda: audit_log.filter_options(ctx),
        lambda: verify(ctx),
        lambda: audit_log.resolve_reference(ctx, str(world.youth_id)),
        lambda: export_audit(ctx, tmp_path / "log.csv", fmt="csv", filters=AuditFilter()),
    ]
    for call in calls:
        with pytest.raises(PermissionDeniedError):
            call()
    assert not (tmp_path / "log.csv").exists()


def test_verify_finds_the_first_entry_that_was_edited(
    ctx: ServiceContext, new_store: Store
) -> None:
    for name in ("Noah", "Liam", "Emma"):
        create_youth(ctx, first_name=name, last_name="Visser", birth_year=2008)
    check = verify(ctx)
    assert check.intact and check.entries == 3
    with new_store.transaction() as session:
        session.execute(update(AuditEntry).where(AuditEntry.seq == 2).values(action="delete"))
    check = verify(ctx)
    assert not check.intact
    assert check.broken_seq == 2


def test_the_csv_export_holds_the_filtered_rows_without_values_and_is_itself_logged(
    ctx: ServiceContext, world: World, tmp_path: Path
) -> None:
    path = tmp_path / "logboek.csv"
    count = export_audit(ctx, path, fmt="csv", filters=AuditFilter(user_id=world.director.id))
    assert count == 2
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert [int(r["volgnummer"]) for r in rows] == [
        world.seqs["coach_added"],
        world.seqs["youth_updated"],
    ]
    assert rows[1]["gebruiker"] == "Sanne Bakker"
    assert rows[1]["veldnamen"] == "phone"
    text = path.read_text("utf-8-sig")
    assert "0612345678" not in text and "Visser" not in text  # values stay inside the store
    logged = audit_entries(ctx, action="export")
    assert len(logged) == 1
    assert logged[0].user_id == world.coordinator.id
    assert logged[0].detail == "logboek, csv, 2"


def test_the_json_export_holds_every_matching_row_and_the_filter(
    ctx: ServiceContext, world: World, tmp_path: Path
) -> None:
    path = tmp_path / "logboek.json"
    since = dt.date(2024, 1, 11)
    assert export_audit(ctx, path, fmt="json", filters=AuditFilter(since=since)) == 3
    document = json.loads(path.read_text("utf-8"))
    assert document["aantal"] == 3
    assert document["filters"] == {"since": "2024-01-11"}
    assert {r["volgnummer"] for r in document["regels"]} == {
        world.seqs["youth_updated"],
        world.seqs["coach_added"],
        world.seqs["setting"],
    }


def test_an_export_that_cannot_be_written_is_not_logged(
    ctx: ServiceContext, world: World, tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    with pytest.raises(Exception) as failed:
        export_audit(ctx, blocked / "logboek.csv", fmt="csv", filters=AuditFilter())
    assert getattr(failed.value, "code", None) == "export_failed"
    assert audit_entries(ctx, action="export") == []
