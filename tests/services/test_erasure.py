"""Erasure after closure (DOMAIN.md "Privacy"): who is due, the preview, the refusals, and an
erasure that leaves no personal value in the database, every yearly figure unchanged, the audit
chain intact and a returning youth recognisable."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.services.conftest import TODAY, FixedClock
from tests.services.privacy_scan import kept_text, leftovers, personal_values
from tests.services.privacy_world import World, make_world_store, open_copy
from zvkd_desktop.domain.vocabulary import OrganisationKind
from zvkd_desktop.errors import KnownError
from zvkd_desktop.reports.yearly.json_report import report_json
from zvkd_desktop.reports.yearly.queries import load_facts
from zvkd_desktop.reports.yearly.report import build_report
from zvkd_desktop.services import registrations, youths
from zvkd_desktop.services.audit import GENESIS, SEALS, entry_hash, verify_chain
from zvkd_desktop.services.case_views import list_cases
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.privacy import due_for_erasure, erase, run_due_erasure
from zvkd_desktop.services.privacy.scope import PARTS, SYNC_COLUMNS
from zvkd_desktop.services.settings import set_setting
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.models import AuditEntry, Base, Guardian, Organisation, Registration, Youth
from zvkd_desktop.store.store import Store

D = dt.date


@pytest.fixture(scope="module")
def world_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    return make_world_store(tmp_path_factory.mktemp("world"))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TODAY)


@pytest.fixture
def world(world_file: tuple[Path, World]) -> World:
    return world_file[1]


@pytest.fixture
def ctx(world_file: tuple[Path, World], tmp_path: Path, clock: FixedClock) -> Iterator[ServiceContext]:
    context = open_copy(world_file[0], tmp_path / "copy", clock)
    try:
        yield context
    finally:
        context.store.close()


def due_ids(ctx: ServiceContext, on: dt.date) -> set[uuid.UUID]:
    return {row.youth_id for row in due_for_erasure(ctx, on)}


def yearly_figures(store: Store) -> dict[int, dict[str, Any]]:
    facts = load_facts(store)
    return {year: report_json(build_report(facts, year, TODAY)) for year in facts.years}


def chain_ok(store: Store) -> bool:
    with store.read() as session:
        return verify_chain(session) is None


# -- who is due ----------------------------------------------------------------------------------


def test_with_the_default_retention_a_youth_is_due_from_the_day_their_case_closed(
    ctx: ServiceContext, world: World
) -> None:
    assert world.sem not in due_ids(ctx, D(2023, 10, 30))
    assert world.sem in due_ids(ctx, D(2023, 10, 31))
    assert world.lotte in due_ids(ctx, D(2023, 6, 20))  # not admitted: due from the decision
    assert world.daan not in due_ids(ctx, D(2023, 12, 30))
    assert due_ids(ctx, D(2024, 1, 15)) == set(world.closed)


def test_a_running_case_or_a_pending_registration_is_never_due(
    ctx: ServiceContext, world: World
) -> None:
    far = due_ids(ctx, D(2040, 1, 1))
    assert world.noor not in far and world.mila not in far


def test_the_retention_period_counts_calendar_months_clamped_to_the_month_end(
    ctx: ServiceContext, world: World
) -> None:
    set_setting(ctx, "retention_months", 2)
    assert world.sem not in due_ids(ctx, D(2023, 12, 30))  # closed 31-10 + 2 months = 31-12
    assert world.sem in due_ids(ctx, D(2023, 12, 31))
    assert world.daan not in due_ids(ctx, D(2024, 2, 28))  # closed 31-12 + 2 = 29-02 (leap)
    assert world.daan in due_ids(ctx, D(2024, 2, 29))


def test_the_preview_shows_who_and_what_goes_and_writes_nothing(
    ctx: ServiceContext, world: World
) -> None:
    generation = ctx.store.generation
    [row] = [r for r in due_for_erasure(ctx, TODAY) if r.youth_id == world.sem]
    assert (row.name, row.birth_year, row.ended_on) == ("Sem Verhoeckx", 2007, D(2023, 10, 31))
    counts = {item.key: item.count for item in row.items}
    assert counts["name"] == 2 and counts["date_of_birth"] == 1 and counts["guardians"] == 2
    assert counts["address"] == 4 and counts["police_notes"] == 2 and counts["coach_notes"] == 2
    for key in ("registration_notes", "case_texts", "plan_texts", "review_texts",
                "meeting_texts", "household", "audit_values"):  # fmt: skip
        assert counts[key] > 0, key
    assert "first_name" in next(i for i in row.items if i.key == "name").fields
    assert ctx.store.generation == generation


# -- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "code"),
    [("noor", "youth_has_running_case"), ("mila", "registration_pending")],
)
def test_erasing_a_youth_with_open_work_is_refused_and_changes_nothing(
    ctx: ServiceContext, world: World, who: str, code: str
) -> None:
    generation = ctx.store.generation
    with pytest.raises(KnownError) as refused:
        erase(ctx, [world.sem, getattr(world, who)], on=TODAY)
    assert refused.value.code == code
    assert ctx.store.generation == generation
    assert youths.get_youth(ctx, world.sem).first_name == "Sem"


def test_erasing_before_the_case_closed_and_erasing_twice_are_refused(
    ctx: ServiceContext, world: World
) -> None:
    with pytest.raises(KnownError) as early:
        erase(ctx, [world.daan], on=D(2023, 12, 30))
    assert early.value.code == "closed_after_erasure_date"
    erase(ctx, [world.daan], on=TODAY)
    with pytest.raises(KnownError) as again:
        erase(ctx, [world.daan], on=TODAY)
    assert again.value.code == "youth_already_erased"


# -- the erasure ---------------------------------------------------------------------------------


def test_erasure_leaves_no_personal_value_in_the_decrypted_database(
    ctx: ServiceContext, world: World
) -> None:
    values = personal_values(ctx.store, world.closed)
    kept = kept_text(ctx.store, world.closed)
    for known in ("Verhoeckx-Bakhuis", "06 1234 5678", "Kwikstaartlaan", "Oudshoorn-Mahabier",
                  "Zoetermeer", "Karim", "01-03-2007", "2007-03-01", "Kampstra"):  # fmt: skip
        assert any(known in value for value in values), known  # the scan looks for these
    erase(ctx, world.closed, on=TODAY)
    searched, found = leftovers(ctx.store, values, kept)
    assert searched > 100
    assert found == []


def test_erasure_keeps_every_yearly_figure(ctx: ServiceContext, world: World) -> None:
    before = yearly_figures(ctx.store)
    erase(ctx, world.closed, on=TODAY)
    assert yearly_figures(ctx.store) == before


def test_what_stays_of_an_erased_youth_is_what_the_figures_need(
    ctx: ServiceContext, world: World
) -> None:
    erase(ctx, [world.sem], on=TODAY)
    sem = youths.get_youth(ctx, world.sem)
    assert sem.erased and sem.display_name == "(gewist)"
    assert (sem.first_name, sem.date_of_birth, sem.street, sem.phone) == (None, None, None, None)
    assert (sem.birth_year, sem.neighbourhood) == (2007, "voorhof")
    assert sem.guardians == ()  # tombstoned
    with ctx.store.read() as session:
        guardians = session.scalars(select(Guardian).where(Guardian.youth_id == world.sem)).all()
        assert len(guardians) == 2
        assert all(g.deleted_at is not None and g.name is None for g in guardians)
        assert session.get(Youth, world.sem).pseudonym is not None  # type: ignore[union-attr]
    noor = youths.get_youth(ctx, world.noor)  # the sibling keeps her data; the link goes
    assert (noor.first_name, noor.street, noor.household_id) == ("Noortje", "Papsouwselaan", None)


def test_the_audit_chain_verifies_after_erasure_and_still_detects_tampering(
    ctx: ServiceContext, world: World
) -> None:
    erase(ctx, world.closed, on=TODAY)
    assert chain_ok(ctx.store)
    with ctx.store.read() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.record_id == world.sem).order_by(AuditEntry.seq)
        ).all()
        created = entries[0]
        assert created.action == "create" and created.changes is not None
        assert "first_name" in created.changes
        assert all(value == [None, None] for value in created.changes.values())
        erased = entries[-1]
        assert erased.action == "erase" and set(erased.changes or {}) == {"on", "counts"}
        assert all(isinstance(n, int) for n in (erased.changes or {})["counts"].values())
        noor_entry = session.scalars(
            select(AuditEntry.seq).where(AuditEntry.record_id == world.noor)
        ).first()
    db = ctx.store.db.connection
    db.execute("UPDATE audit_entry SET changes = json_set(changes, '$.first_name', "
               "json('[null, \"Sem\"]')) WHERE seq = ?", (created.seq,))  # fmt: skip
    assert not chain_ok(ctx.store)  # a value put back into an erased entry
    db.execute("UPDATE audit_entry SET changes = json_remove(changes, '$.first_name') "
               "WHERE seq = ?", (created.seq,))  # fmt: skip
    assert not chain_ok(ctx.store)  # a field name taken out
    db.execute("UPDATE audit_entry SET changes = json_set(changes, '$.first_name', "
               "json('[null, null]')) WHERE seq = ?", (created.seq,))  # fmt: skip
    assert chain_ok(ctx.store)
    db.execute("UPDATE audit_entry SET changes = json_set(changes, '$.first_name', "
               "json('[null, \"Nora\"]')) WHERE seq = ?", (noor_entry,))  # fmt: skip
    assert not chain_ok(ctx.store)  # an entry that was not erased is as protected as before


def test_a_re_registration_after_erasure_is_recognised_without_the_name(
    ctx: ServiceContext, world: World, clock: FixedClock
) -> None:
    erase(ctx, [world.sem], on=TODAY)
    clock.day = D(2024, 3, 1)
    again = youths.create_youth(ctx, first_name="sem", last_name="VERHOECKX",
                                date_of_birth=D(2007, 3, 1), neighbourhood="voorhof")  # fmt: skip
    registration_id = registrations.register(
        ctx, youth_id=again, registered_on=D(2024, 3, 1), registrant_id=world.police,
        police_contacts=True, serious_concerns=False, multiple_domains=True, cross_chain=True,
    )  # fmt: skip
    with ctx.store.read() as session:
        registration = session.get(Registration, registration_id)
        assert registration is not None
        assert registration.is_reregistration is True
        assert registration.previous_case_id == world.sem_case


def test_run_due_erasure_erases_who_is_due_today_and_then_finds_nothing(
    ctx: ServiceContext, world: World
) -> None:
    report = run_due_erasure(ctx)
    assert {y.youth_id for y in report.youths} == set(world.closed)
    assert report.compacted and report.audit_entries > 0 and report.totals["name"] == 6
    generation = ctx.store.generation
    assert run_due_erasure(ctx).count == 0
    assert ctx.store.generation == generation  # an empty run writes nothing


def test_entries_written_before_sealing_are_sealed_once_and_then_erasable(
    ctx: ServiceContext, world: World
) -> None:
    """A store from before the commitments: its chain hashes the values themselves."""
    with ctx.store.transaction() as session:
        session.execute(SEALS.delete())
        prev = GENESIS
        for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
            entry.prev_hash = prev
            entry.entry_hash = entry_hash(prev, {
                "seq": entry.seq, "id": str(entry.id), "at": entry.at.isoformat(),
                "user_id": str(entry.user_id) if entry.user_id else None,
                "action": entry.action, "table": entry.table_name,
                "record_id": str(entry.record_id) if entry.record_id else None,
                "case_id": str(entry.case_id) if entry.case_id else None,
                "changes": entry.changes,
            })  # fmt: skip
            prev = entry.entry_hash
    assert chain_ok(ctx.store)
    values = personal_values(ctx.store, world.closed)
    kept = kept_text(ctx.store, world.closed)
    report = erase(ctx, world.closed, on=TODAY)
    assert report.resealed > 0
    assert chain_ok(ctx.store)
    assert leftovers(ctx.store, values, kept)[1] == []
    with ctx.store.read() as session:
        assert session.scalar(select(AuditEntry.action).order_by(AuditEntry.seq.desc())
                              .where(AuditEntry.action == "reseal")) == "reseal"  # fmt: skip


def test_the_database_is_rebuilt_so_no_erased_value_lingers_in_free_space(
    ctx: ServiceContext, world: World
) -> None:
    """Builds of SQLite without SECURE_DELETE (Python's own on Windows, for one) leave an updated
    value's old bytes in the page's free space; this one is made to behave like them."""
    ctx.store.db.connection.execute("PRAGMA secure_delete=OFF")
    values = personal_values(ctx.store, world.closed)
    kept = kept_text(ctx.store, world.closed)
    report = erase(ctx, world.closed, on=TODAY)
    assert report.compacted
    assert leftovers(ctx.store, values, kept)[1] == []
    path = ctx.store.path  # and the saved file holds the same, rebuilt database
    ctx.store.close()
    reopened = Store.open(path, password=PASSWORD)
    try:
        assert leftovers(reopened, values, kept)[1] == []
    finally:
        reopened.close()


def test_a_removed_youth_record_is_due_and_erased_like_any_other(
    ctx: ServiceContext, world: World
) -> None:
    """A record removed before any registration is a tombstone that still holds the data."""
    extra = youths.create_youth(ctx, first_name="Jesse", last_name="Wijnberg",
                                date_of_birth=D(2008, 1, 2), phone="06 4455 6677",
                                neighbourhood="tanthof")  # fmt: skip
    youths.remove_youth(ctx, extra)
    assert extra not in due_ids(ctx, D(2020, 1, 1))  # due from the day it was removed
    assert extra in due_ids(ctx, D(2100, 1, 1))
    erase(ctx, [extra], on=TODAY)
    assert b"Wijnberg" not in ctx.store.db.serialize()


# -- the map of what is personal -----------------------------------------------------------------


def test_every_column_of_a_youths_file_is_either_erased_or_kept() -> None:
    for part in PARTS:
        columns = {c.name for c in part.model.__table__.columns}  # type: ignore[attr-defined]
        assert not set(part.erased) & set(part.kept), part.model.__name__
        assert columns == set(part.erased) | set(part.kept) | SYNC_COLUMNS, part.model.__name__


def test_every_table_that_hangs_off_a_youth_is_in_the_map() -> None:
    links = {"youth_id", "case_id", "registration_id", "review_id", "version_id", "goal_id",
             "item_id"}  # fmt: skip
    mapped = {part.model.__tablename__ for part in PARTS}  # type: ignore[attr-defined]
    for table in Base.metadata.sorted_tables:
        if table.name != AuditEntry.__tablename__ and links & set(table.columns.keys()):
            assert table.name in mapped, table.name



# -- the demo store ------------------------------------------------------------------------------


def test_erasure_on_the_demo_store_leaves_nothing_personal_and_every_figure_unchanged(
    tmp_path: Path,
) -> None:
    demo = pytest.importorskip("zvkd_desktop.services.demo")
    today = D(2026, 3, 1)
    store, _ = Store.create(tmp_path / "demo.zvkd", PASSWORD, username="coordinator",
                            display_name="Coördinator", kdf=TEST_KDF)  # fmt: skip
    try:
        store.db.connection.execute("PRAGMA secure_delete=OFF")  # as some SQLite builds have it
        demo.fill_demo(store, today)
        ctx = ServiceContext(store, today=lambda: today)
        due = [row.youth_id for row in due_for_erasure(ctx, today)]
        assert len(due) > 50
        returning = next(y for y in due if list_cases(ctx, running_only=False, youth_id=y))
        person = youths.get_youth(ctx, returning)
        last_case = max(list_cases(ctx, running_only=False, youth_id=returning),
                        key=lambda c: c.closed_on or D.min)  # fmt: skip
        values = personal_values(store, due)
        kept = kept_text(store, due)
        before = yearly_figures(store)

        report = erase(ctx, due, on=today)

        assert report.count == len(due) and report.compacted
        assert yearly_figures(store) == before
        searched, found = leftovers(store, values, kept)
        assert searched > 1000
        assert found == []
        assert chain_ok(store)
        again = youths.create_youth(ctx, first_name=person.first_name or "",
                                    last_name=person.last_name or "",
                                    date_of_birth=person.date_of_birth,
                                    neighbourhood=person.neighbourhood)  # fmt: skip
        registration_id = registrations.register(
            ctx, youth_id=again, registered_on=today, registrant_id=_police_of(store),
            police_contacts=True, serious_concerns=False, multiple_domains=True,
            cross_chain=True,
        )  # fmt: skip
        with store.read() as session:
            registration = session.get(Registration, registration_id)
            assert registration is not None and registration.is_reregistration
            assert registration.previous_case_id == last_case.id
    finally:
        store.close()


def _police_of(store: Store) -> uuid.UUID:
    with store.read() as session:
        found = session.scalar(
            select(Organisation.id).where(Organisation.kind == OrganisationKind.POLICE).limit(1)
        )
    assert found is not None
    return found
