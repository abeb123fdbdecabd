"""Subject access (inzage): everything the store holds about one youth — and nothing about anyone
else — as data, JSON and a readable PDF, each export itself on record in the audit log."""

from __future__ import annotations

import datetime as dt
import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.pdftext import pdf_text as read_pdf_text
from tests.services.conftest import TODAY, FixedClock
from tests.services.privacy_world import World, make_world_store, open_copy
from zvkd_desktop.errors import KnownError
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.privacy import erase, inzage_export, resolve_youth_id, write_inzage
from zvkd_desktop.store.models import AuditEntry

OTHER_YOUTHS = ("Lotte", "Kampstra", "Daan", "Oudshoorn", "Mila", "Zwetsloot")


@pytest.fixture(scope="module")
def world_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    return make_world_store(tmp_path_factory.mktemp("world"))


@pytest.fixture
def world(world_file: tuple[Path, World]) -> World:
    return world_file[1]


@pytest.fixture
def ctx(world_file: tuple[Path, World], tmp_path: Path) -> Iterator[ServiceContext]:
    context = open_copy(world_file[0], tmp_path / "copy", FixedClock(TODAY))
    try:
        yield context
    finally:
        context.store.close()


def pdf_text(path: Path) -> str:
    return read_pdf_text(path)


def test_the_export_holds_everything_the_store_has_about_the_youth(
    ctx: ServiceContext, world: World
) -> None:
    data = inzage_export(ctx, world.sem)
    assert (data["format"], data["made_on"]) == ("zvkd-inzage", "2024-01-15")
    youth = data["youth"]
    assert (youth["first_name"], youth["last_name"], youth["date_of_birth"]) == (
        "Sem", "Verhoeckx", "2007-03-01")  # fmt: skip
    assert youth["phone"] == "06 8765 4321" and youth["neighbourhood_name"] == "Voorhof"
    assert [g["name"] for g in data["guardians"]] == ["Anouk Verhoeckx-Bakhuis", "Ruud Verhoeckx"]
    assert data["household"]["siblings"] == [{"name": "Noortje Verhoeckx"}]  # the name only
    [registration] = data["registrations"]
    assert registration["registrant"] == "Politie Delft"
    assert registration["decision_label"] == "Opgenomen"
    assert [c["contact_on"] for c in data["police_contacts"]] == ["2021-11-04", "2022-03-17"]
    [case] = data["cases"]
    assert [p["category"] for p in case["category_history"]] == ["regular", "rival_youth"]
    assert [a["coach"] for a in case["coach_history"]] == ["Fatima el Amrani", "Jeroen de Vries"]
    assert [v["number"] for v in case["plan_versions"]] == [1, 2]
    assert len(case["coach_contacts"]) == 2
    assert len(case["reviews"]) == 2  # one recorded by hand, one by the meeting's decision
    assert case["handover_note"].startswith("Overdracht aan het Sociaal Team")
    [item] = data["meeting_items"]
    assert item["text"] == "Sem: zorgen over de nieuwe vriendengroep"
    assert item["actions"][0]["description"] == "Oom Karim Verhoeckx uitnodigen"
    assert "Coach regelt gesprek met de oom van Sem" in item["decisions"][0]["description"]


def test_the_export_holds_the_audit_entries_about_the_youths_records(
    ctx: ServiceContext, world: World
) -> None:
    data = inzage_export(ctx, world.sem)
    audit = data["audit"]
    created = next(e for e in audit if e["table"] == "youth" and e["action"] == "create")
    assert created["changes"]["first_name"] == [None, "Sem"]
    phone = next(e for e in audit if e["table"] == "youth" and e["action"] == "update")
    assert phone["changes"]["phone"] == ["06 1234 5678", "06 8765 4321"]
    tables = {e["table"] for e in audit}
    assert {"guardian", "registration", "pad_case", "plan_goal", "police_contact",
            "coach_contact", "review", "agenda_item", "action_item"} <= tables  # fmt: skip
    assert [e["seq"] for e in audit] == sorted(e["seq"] for e in audit)


def test_the_export_holds_nothing_about_anyone_else(ctx: ServiceContext, world: World) -> None:
    dumped = json.dumps(inzage_export(ctx, world.sem), ensure_ascii=False)
    for name in OTHER_YOUTHS:
        assert name not in dumped
    assert "Noortje vertelt over haar broer" not in dumped  # the sister's own file
    assert "2009-11-23" not in dumped  # the sister's date of birth


def test_every_export_is_recorded_in_the_audit_log_and_lists_itself(
    ctx: ServiceContext, world: World
) -> None:
    data = inzage_export(ctx, world.sem)
    with ctx.store.read() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert last is not None
    assert (last.action, last.record_id, last.changes) == ("inzage", world.sem, {"formats": ["data"]})
    assert data["audit"][-1]["seq"] == last.seq and data["audit"][-1]["user"] == "Coördinator"


def test_write_inzage_writes_a_readable_pdf_and_the_json_where_asked(
    ctx: ServiceContext, world: World, tmp_path: Path
) -> None:
    folder = tmp_path / "inzage"
    written = write_inzage(ctx, world.sem, folder, pdf=True, json=True)
    assert sorted(p.suffix for p in written) == [".json", ".pdf"]
    assert all(p.parent == folder for p in written)
    assert all("Sem" not in p.name and "Verhoeckx" not in p.name for p in written)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in written)
    data = json.loads(next(p for p in written if p.suffix == ".json").read_text("utf-8"))
    assert any(e["action"] == "inzage" and e["changes"] == {"formats": ["pdf", "json"]}
               for e in data["audit"])  # fmt: skip
    text = pdf_text(next(p for p in written if p.suffix == ".pdf"))
    assert "Inzageverzoek – overzicht van vastgelegde gegevens" in text
    assert "Gemaakt op 15-01-2024" in text
    assert "Sem" in text and "Verhoeckx" in text and "01-03-2007" in text
    assert "04-11-2021" in text and "17-03-2022" in text  # the police contacts
    assert "Aangehouden bij de Jumbo Papsouwselaan" in text
    assert "Vertrouwelijk" in text and "Pagina 1 van" in text
    for name in OTHER_YOUTHS:
        assert name not in text


def test_the_export_of_an_erased_youth_shows_what_is_kept_and_no_erased_value(
    ctx: ServiceContext, world: World, tmp_path: Path
) -> None:
    erase(ctx, [world.sem], on=TODAY)
    data = inzage_export(ctx, world.sem)
    youth = data["youth"]
    assert (youth["first_name"], youth["date_of_birth"], youth["birth_year"]) == (None, None, 2007)
    assert youth["erased_at"] is not None
    assert data["cases"][0]["closed_on"] == "2023-10-31"
    assert data["police_contacts"][0]["note"] is None
    assert data["household"] is None
    created = next(e for e in data["audit"] if e["table"] == "youth" and e["action"] == "create")
    assert created["changes"]["first_name"] == [None, None]
    [path] = write_inzage(ctx, world.sem, tmp_path / "out", pdf=True, json=False)
    text = pdf_text(path)
    assert "Verhoeckx" not in text and "04-11-2021" in text


def test_an_export_needs_a_format_and_an_existing_youth(
    ctx: ServiceContext, world: World, tmp_path: Path
) -> None:
    folder = tmp_path / "uit"
    with pytest.raises(KnownError) as no_format:
        write_inzage(ctx, world.sem, folder, pdf=False, json=False)
    assert no_format.value.code == "no_format"
    with pytest.raises(KnownError) as missing:
        inzage_export(ctx, world.sem.__class__(int=1))
    assert missing.value.code == "not_found"
    assert not folder.exists()


def test_a_youth_is_found_by_the_start_of_their_number(ctx: ServiceContext, world: World) -> None:
    assert resolve_youth_id(ctx, str(world.sem)) == world.sem
    assert resolve_youth_id(ctx, str(world.sem)[:8].upper()) == world.sem
    with pytest.raises(KnownError) as short:
        resolve_youth_id(ctx, str(world.sem)[:5])
    assert short.value.code == "invalid_youth_id"
    with pytest.raises(KnownError) as unknown:
        resolve_youth_id(ctx, "ffffffff-ffff")
    assert unknown.value.code in ("youth_not_found", "youth_ambiguous")


def test_the_export_date_is_the_injected_day(ctx: ServiceContext, world: World) -> None:
    context = ServiceContext(ctx.store, today=lambda: dt.date(2025, 2, 3))
    assert inzage_export(context, world.sem)["made_on"] == "2025-02-03"
