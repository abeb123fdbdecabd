"""The exchange file carries the whole store: export → import into an empty store → export again
gives the same bytes; sealed exports need their password; the schema covers every field written."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD
from tests.services.conftest import TODAY, FixedClock, Partners
from zvkd_desktop.domain.vocabulary import (
    ActionStatus,
    AgendaSection,
    Category,
    ClosureReason,
    CoachContactKind,
    Decision,
    GoalStatus,
    LifeDomain,
    MeetingStatus,
    OrganisationKind,
    PoliceContactKind,
    ProfessionalRole,
)
from zvkd_desktop.errors import DamagedStoreError, ValidationError, WrongPasswordError
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.exchange import (
    SCHEMA_PATH,
    build_schema,
    dumps,
    export_exchange,
    import_exchange,
    verify_round_trip,
    write_export,
)
from zvkd_desktop.services.exchange.spec import all_collections
from zvkd_desktop.store import models as m
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.sealed import open_export
from zvkd_desktop.store.store import Store

EXPORT_PASSWORD = "export wachtwoord 2024"


def _at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day)


def fill_varied_store(store: Store, partners: Partners) -> None:
    """Rows in every exchanged table, tombstones and changed rows included, dates consistent."""
    d = dt.date.fromisoformat
    with store.transaction() as s:
        gone_org = m.Organisation(name="Opgeheven stichting", kind=OrganisationKind.OTHER)
        gone_org.tombstone(_at("2023-01-02T09:00:00"))
        family = m.Household(note="Twee broers in de PAD")
        sem = m.Youth(first_name="Sem", last_name="Jansen", date_of_birth=d("2008-03-01"),
                      birth_year=2008, gender="m", street="Papsouwselaan", house_number="12a",
                      postcode="2624AB", city="Delft", phone="0612345678", neighbourhood="voorhof",
                      household=family, notes="Zit op het Grotius College")  # fmt: skip
        noah = m.Youth(first_name="Noah", last_name="Jansen", date_of_birth=d("2010-06-15"),
                       birth_year=2010, neighbourhood="voorhof", household=family)  # fmt: skip
        erased = m.Youth(birth_year=1999, neighbourhood="buitenhof", pseudonym=bytes(range(32)),
                         erased_at=_at("2019-09-01T10:00:00"))  # fmt: skip
        mother = m.Guardian(youth=sem, name="Anja Jansen", relation="moeder", phone="0611111111",
                            email="anja@example.org", address="Papsouwselaan 12a", note="Betrokken")  # fmt: skip
        old_guardian = m.Guardian(youth=noah, name="Fout ingevoerd")
        old_guardian.tombstone(_at("2023-03-01T12:00:00"))
        s.add_all([gone_org, family, sem, noah, erased, mother, old_guardian])
        s.flush()

        r1 = m.Registration(youth=sem, registered_on=d("2022-03-01"), registrant=partners.police,
                            registrant_contact="wijkagent De Boer", age_at_registration=14,
                            police_contacts=True, police_or_concerns_note="Twee aanhoudingen",
                            multiple_domains=True, multiple_domains_note="School en gezin",
                            cross_chain=True, cross_chain_note="Zorg en straf", age_note="14 jaar",
                            decision=Decision.ADMITTED, decided_on=d("2022-03-08"))  # fmt: skip
        r2 = m.Registration(youth=noah, registered_on=d("2023-02-01"), registrant=partners.school,
                            age_at_registration=12, serious_concerns=True,
                            decision=Decision.NOT_ADMITTED, decided_on=d("2023-02-14"),
                            decision_reason="Eén leefgebied", follow_up="Schoolmaatschappelijk werk")  # fmt: skip
        r_old = m.Registration(youth=erased, registered_on=d("2018-01-10"),
                               registrant=partners.youth_probation, age_at_registration=18,
                               police_contacts=True, multiple_domains=True, cross_chain=True,
                               decision=Decision.ADMITTED, decided_on=d("2018-01-20"))  # fmt: skip
        r_gone = m.Registration(youth=noah, registered_on=d("2022-12-01"), registrant=partners.police,
                                age_at_registration=12)  # fmt: skip
        r_gone.tombstone(_at("2022-12-02T08:00:00"))
        s.add_all([r1, r2, r_old, r_gone])
        s.flush()
        c1 = m.Case(youth=sem, registration=r1, admitted_on=d("2022-03-08"),
                    category=Category.RIVAL_YOUTH, coach=partners.coach_b,
                    process_director=partners.director, street_strength=True,
                    reoffence_advice="Werkstraf met begeleiding", review_cadence_weeks=6,
                    next_review_on=d("2023-05-01"), closed_on=d("2023-06-01"),
                    closure_reason=ClosureReason.POLICE_FREE, handover_note="Naar wijkteam")  # fmt: skip
        c_old = m.Case(youth=erased, registration=r_old, admitted_on=d("2018-01-20"),
                       category=Category.REGULAR, closed_on=d("2019-03-01"),
                       closure_reason=ClosureReason.RELOCATION, relocation_municipality="Rijswijk",
                       relocation_informed_on=d("2019-02-20"), transferred=True)  # fmt: skip
        s.add_all([c1, c_old])
        s.flush()
        r3 = m.Registration(youth=sem, registered_on=d("2023-09-01"), registrant=partners.police,
                            age_at_registration=15, police_contacts=True, is_reregistration=True,
                            previous_case_id=c1.id)  # fmt: skip
        s.add(r3)
        s.add_all([
            m.CategoryPeriod(case=c1, category=Category.REGULAR, from_date=d("2022-03-08")),
            m.CategoryPeriod(case=c1, category=Category.RIVAL_YOUTH, from_date=d("2022-09-01"),
                             note="Betrokken bij groepsconflict"),
            m.CategoryPeriod(case=c_old, category=Category.REGULAR, from_date=d("2018-01-20")),
            m.CoachAssignment(case=c1, coach=partners.coach_a, from_date=d("2022-03-08"),
                              until_date=d("2022-08-31")),
            m.CoachAssignment(case=c1, coach=partners.coach_b, from_date=d("2022-09-01")),
            m.Reopening(case_id=c1.id, reopened_on=d("2022-12-15"), reason="Nieuw incident gemist",
                        undone_closed_on=d("2022-12-01"), undone_reason=ClosureReason.OTHER,
                        undone_reason_text="Doelen behaald"),
        ])  # fmt: skip
        v1 = m.PlanVersion(case_id=c1.id, number=1, author_id=store.user.id, author_name="Coördinator",
                           saved_at=_at("2022-03-20T14:05:11.250000"), summary="Eerste plan")  # fmt: skip
        goal = m.PlanGoal(version=v1, position=1, life_domain=LifeDomain.EDUCATION_WORK,
                          description="Weer naar school", status=GoalStatus.IN_PROGRESS)  # fmt: skip
        family_goal = m.PlanGoal(version=v1, position=2, life_domain=LifeDomain.FAMILY,
                                 description="Rust thuis")  # fmt: skip
        s.add_all([v1, goal, family_goal])
        s.flush()
        s.add_all([
            m.PlanAction(goal=goal, position=1, description="Gesprek met mentor",
                         responsible_partner="Grotius College", due_on=d("2022-04-15"),
                         status=ActionStatus.DONE),
            m.PlanAction(goal=goal, position=2, description="Leerplicht inschakelen"),
        ])  # fmt: skip
        v2 = m.PlanVersion(case_id=c1.id, number=2, author_name="Fatima el Amrani",
                           saved_at=_at("2022-09-02T09:00:00"))  # fmt: skip
        s.add(v2)
        s.flush()
        goal2 = m.PlanGoal(version=v2, position=1, life_domain=LifeDomain.FRIENDS_LEISURE,
                           description="Andere vrienden", status=GoalStatus.OPEN)  # fmt: skip
        s.add(goal2)
        s.flush()
        dropped = m.PlanAction(goal=goal2, position=1, description="Voetbalclub",
                               status=ActionStatus.CANCELLED)  # fmt: skip
        dropped.tombstone(_at("2022-09-03T10:00:00"))
        s.add(dropped)
        wrong_contact = m.PoliceContact(youth_id=sem.id, contact_on=d("2001-01-01"),
                                        kind=PoliceContactKind.OTHER, note="Verkeerde jongere")  # fmt: skip
        wrong_contact.tombstone(_at("2022-06-01T12:00:00"))
        s.add_all([
            m.PoliceContact(youth_id=sem.id, case_id=c1.id, contact_on=d("2022-05-10"),
                            kind=PoliceContactKind.ARREST, note="Winkeldiefstal"),
            m.PoliceContact(youth_id=sem.id, contact_on=d("2023-10-01"), kind=PoliceContactKind.NUISANCE),
            m.PoliceContact(youth_id=noah.id, contact_on=d("2023-01-20"), kind=PoliceContactKind.OTHER,
                            negative=False, note="Getuige"),
            wrong_contact,
            m.CoachContact(case_id=c1.id, coach_id=partners.coach_a.id, contact_on=d("2022-04-01"),
                           kind=CoachContactKind.HOME_VISIT, note="Kennismaking thuis"),
            m.CoachContact(case_id=c1.id, coach_id=partners.coach_b.id, contact_on=d("2022-10-01"),
                           kind=CoachContactKind.NOT_REACHED),
        ])  # fmt: skip
        meeting = m.Meeting(held_on=d("2022-06-01"), starts_at=dt.time(14, 30),
                            location="Stadskantoor", chair_id=partners.director.id,
                            status=MeetingStatus.HELD)  # fmt: skip
        s.add(meeting)
        s.flush()
        item = m.AgendaItem(meeting=meeting, position=2, section=AgendaSection.REVIEW_DUE,
                            case_id=c1.id, text="Voortgang Sem")  # fmt: skip
        s.add_all([
            m.MeetingAttendee(meeting=meeting, organisation_id=partners.police.id, name="Wijkagent",
                              user_id=store.user.id),
            m.AgendaItem(meeting=meeting, position=1, section=AgendaSection.NEW_REGISTRATIONS,
                         registration_id=r1.id, added_by_hand=True, removed=True),
            item,
        ])  # fmt: skip
        s.flush()
        review = m.Review(case_id=c1.id, meeting_id=meeting.id, reviewed_on=d("2022-06-01"),
                          decisions="Doorgaan", next_review_on=d("2022-07-13"))  # fmt: skip
        s.add(review)
        s.flush()
        s.add_all([
            m.MeetingDecision(item=item, kind="next_review",
                              payload={"next_review_on": "2022-07-13", "weeks": 6}, applied=True),
            m.ActionItem(item_id=item.id, description="Leerplicht bellen", owner="Coach",
                         due_on=d("2022-06-08"), done=True),
            m.ReviewProgress(review=review, life_domain=LifeDomain.JUSTICE, progress="Geen nieuwe feiten"),
            m.ReviewProgress(review=review, life_domain=LifeDomain.EDUCATION_WORK, progress=None),
            m.Setting(key="policy_months", value=6),
            m.Setting(key="review_cadence_weeks", value=8),
        ])  # fmt: skip
    with store.transaction() as s:  # a second revision of one row
        youth = s.scalars(select(m.Youth).where(m.Youth.first_name == "Sem")).one()
        youth.phone = "0687654321"


def add_partners(store: Store) -> Partners:
    """The partner organisations and professionals of tests/services/conftest.py's ``partners``."""
    with store.transaction() as s:
        police = m.Organisation(name="Politie Delft", kind=OrganisationKind.POLICE)
        probation = m.Organisation(
            name="Jeugdreclassering (WSG)", kind=OrganisationKind.YOUTH_PROBATION
        )
        support = m.Organisation(name="Delft Support", kind=OrganisationKind.DELFT_SUPPORT)
        school = m.Organisation(name="Grotius College", kind=OrganisationKind.SCHOOL)
        coach_a = m.Professional(
            name="Fatima el Amrani", role=ProfessionalRole.COACH, organisation=support
        )
        coach_b = m.Professional(
            name="Jeroen de Vries", role=ProfessionalRole.COACH, organisation=support
        )
        director = m.Professional(name="Sanne Bakker", role=ProfessionalRole.PROCESS_DIRECTOR)
        s.add_all([police, probation, support, school, coach_a, coach_b, director])
    return Partners(police, probation, support, school, coach_a, coach_b, director)


def make_varied_store(path: Path) -> Store:
    """A new store at ``path`` (its state beside it) filled by :func:`fill_varied_store`."""
    store, _ = Store.create(path, PASSWORD, username="coordinator", display_name="Coördinator",
                            kdf=TEST_KDF, state_folder=path.parent / "state")  # fmt: skip
    fill_varied_store(store, add_partners(store))
    return store


@pytest.fixture(scope="module")
def varied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceContext]:
    """One varied store for the whole module: the tests only read it (imports go elsewhere)."""
    store = make_varied_store(tmp_path_factory.mktemp("varied") / "pad.zvkd")
    try:
        yield ServiceContext(store, today=FixedClock(TODAY))
    finally:
        store.close()


@pytest.fixture
def empty_ctx(tmp_path: Path, clock: FixedClock) -> Iterator[ServiceContext]:
    store, _ = Store.create(tmp_path / "other" / "empty.zvkd", PASSWORD, username="coordinator",
                            display_name="Coördinator", kdf=TEST_KDF)  # fmt: skip
    try:
        yield ServiceContext(store, today=clock)
    finally:
        store.close()


def _row_count(store: Store, model: type[m.SyncRow]) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_every_exchanged_table_is_in_the_varied_store(varied: ServiceContext) -> None:
    for collection in all_collections():
        assert _row_count(varied.store, collection.model) > 0, collection.path


def test_export_import_export_gives_identical_bytes(
    varied: ServiceContext, empty_ctx: ServiceContext
) -> None:
    first = dumps(export_exchange(varied))
    report = import_exchange(empty_ctx, first)
    second = dumps(export_exchange(empty_ctx))
    assert second == first
    assert report.counts["plan_versions.goals.actions"] == 3
    assert report.counts["meetings.agenda_items.decisions"] == 1
    assert report.warnings == []


def test_tombstones_and_sync_columns_are_exported(varied: ServiceContext) -> None:
    document = export_exchange(varied)
    assert document["format"] == "zvkd-exchange" and document["version"] == 1
    assert document["exported_on"] == TODAY.isoformat()
    gone = [o for o in document["organisations"] if o["deleted_at"] is not None]
    assert [o["name"] for o in gone] == ["Opgeheven stichting"]
    assert gone[0]["deleted_at"] == "2023-01-02T09:00:00Z"
    sem = next(y for y in document["youths"] if y["first_name"] == "Sem")
    assert sem["revision"] == 2 and sem["device_id"] is not None
    assert list(sem)[:2] == ["id", "first_name"]
    assert list(sem)[-5:] == ["created_at", "updated_at", "revision", "device_id", "deleted_at"]
    erased = next(y for y in document["youths"] if y["erased_at"] is not None)
    assert erased["pseudonym"] == bytes(range(32)).hex()


def test_the_audit_log_and_users_are_not_exported(varied: ServiceContext) -> None:
    text = dumps(export_exchange(varied)).decode("utf-8")
    assert "audit" not in text
    assert str(varied.user.id) not in text  # author_id and attendee user_id refer to accounts
    assert "coordinator" not in text


def test_export_orders_rows_by_natural_keys(varied: ServiceContext) -> None:
    document = export_exchange(varied)
    registered = [r["registered_on"] for r in document["registrations"]]
    assert registered == sorted(registered)
    positions = [i["position"] for i in document["meetings"][0]["agenda_items"]]
    assert positions == [1, 2]


def test_import_keeps_sync_columns_and_writes_one_audit_entry(
    varied: ServiceContext, empty_ctx: ServiceContext
) -> None:
    document = export_exchange(varied)
    generation = empty_ctx.store.generation
    import_exchange(empty_ctx, document)
    assert empty_ctx.store.generation == generation + 1  # one transaction, one save
    with empty_ctx.store.read() as session:
        sem = session.scalars(select(m.Youth).where(m.Youth.first_name == "Sem")).one()
        original = next(y for y in document["youths"] if y["first_name"] == "Sem")
        assert str(sem.device_id) == original["device_id"]
        assert sem.updated_at.isoformat() + "Z" == original["updated_at"]
        entries = session.scalars(select(m.AuditEntry)).all()
    assert [e.action for e in entries] == ["import"]
    assert entries[0].changes is not None and entries[0].changes["counts"]["youths"] == 3


def test_import_adds_to_a_store_that_already_holds_other_rows(
    varied: ServiceContext, empty_ctx: ServiceContext
) -> None:
    with empty_ctx.store.transaction() as s:
        s.add(m.Organisation(name="Gemeente Delft", kind=OrganisationKind.MUNICIPALITY))
    import_exchange(empty_ctx, export_exchange(varied))
    assert _row_count(empty_ctx.store, m.Organisation) == 6


def test_the_same_file_twice_is_refused_as_duplicate_ids(
    varied: ServiceContext, empty_ctx: ServiceContext
) -> None:
    document = export_exchange(varied)
    import_exchange(empty_ctx, document)
    with pytest.raises(ValidationError) as info:
        import_exchange(empty_ctx, document)
    assert "organisations[0].id: deze id bestaat al in de opslag" in info.value.message


def test_round_trip_helper_for_the_demo_store(varied: ServiceContext, tmp_path: Path) -> None:
    result = verify_round_trip(varied, tmp_path)
    assert result.identical and result.first_difference_line is None
    assert result.rows > 40
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("zvkd-roundtrip-")]


# -- sealed export -------------------------------------------------------------------------------


def test_sealed_export_round_trips_with_its_password(
    varied: ServiceContext, empty_ctx: ServiceContext, tmp_path: Path
) -> None:
    written = write_export(varied, tmp_path / "pad.json", password=EXPORT_PASSWORD, kdf=TEST_KDF)
    assert written.suffix == ".zvkdx"
    raw = written.read_bytes()
    assert b"Jansen" not in raw and b'zvkd-exchange",' not in raw
    import_exchange(empty_ctx, written, password=EXPORT_PASSWORD)
    assert dumps(export_exchange(empty_ctx)) == dumps(export_exchange(varied))


def test_sealed_export_with_a_wrong_password_is_refused_and_nothing_written(
    varied: ServiceContext, empty_ctx: ServiceContext, tmp_path: Path
) -> None:
    written = write_export(varied, tmp_path / "pad.zvkdx", password=EXPORT_PASSWORD, kdf=TEST_KDF)
    before = empty_ctx.store.path.read_bytes()
    with pytest.raises(WrongPasswordError) as info:
        import_exchange(empty_ctx, written, password="niet het wachtwoord")
    assert info.value.code == "wrong_export_password"
    with pytest.raises(WrongPasswordError) as missing:
        import_exchange(empty_ctx, written)
    assert missing.value.code == "export_password_required"
    assert empty_ctx.store.path.read_bytes() == before


def test_a_tampered_sealed_export_is_refused(varied: ServiceContext, tmp_path: Path) -> None:
    written = write_export(varied, tmp_path / "pad.zvkdx", password=EXPORT_PASSWORD, kdf=TEST_KDF)
    data = bytearray(written.read_bytes())
    data[-5] ^= 0x01
    with pytest.raises(DamagedStoreError):
        open_export(bytes(data), EXPORT_PASSWORD)


def test_a_store_file_is_not_taken_for_a_sealed_export(varied: ServiceContext) -> None:
    with pytest.raises(ValidationError) as info:
        open_export(varied.store.path.read_bytes(), PASSWORD)
    assert info.value.code == "not_an_export"


def test_plaintext_export_is_owner_only(varied: ServiceContext, tmp_path: Path) -> None:
    written = write_export(varied, tmp_path / "pad.json", password=None)
    assert written == tmp_path / "pad.json"
    assert json.loads(written.read_text("utf-8"))["format"] == "zvkd-exchange"
    assert written.stat().st_mode & 0o077 == 0


# -- the JSON Schema -----------------------------------------------------------------------------


def _schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text("utf-8"))


def test_shipped_schema_is_the_schema_the_code_describes() -> None:
    schema = _schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema == build_schema()


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref is None:
        return node
    assert ref.startswith("#/$defs/")
    return schema["$defs"][ref.removeprefix("#/$defs/")]


_TYPES = {"object": dict, "array": list, "string": str, "integer": int, "boolean": bool,
          "null": type(None)}  # fmt: skip


def _conforms(schema: dict[str, Any], node: dict[str, Any], value: Any, path: str) -> None:
    """The subset of JSON Schema this schema uses: enough to check an export against it."""
    node = _resolve(schema, node)
    if "const" in node:
        assert value == node["const"], path
    if "enum" in node:
        assert value in node["enum"], path
    if "type" in node:
        types = node["type"] if isinstance(node["type"], list) else [node["type"]]
        assert any(
            isinstance(value, _TYPES[t]) and not (t == "integer" and isinstance(value, bool))
            for t in types
        ), path
    if isinstance(value, str) and "maxLength" in node:
        assert len(value) <= node["maxLength"], path
    if isinstance(value, dict) and "properties" in node:  # free JSON (a payload) has none
        for key in node.get("required", []):
            assert key in value, f"{path}.{key} required"
        for key, item in value.items():
            assert key in node.get("properties", {}), f"{path}.{key} missing from the schema"
            _conforms(schema, node["properties"][key], item, f"{path}.{key}")
    if isinstance(value, list):
        for index, item in enumerate(value):
            _conforms(schema, node["items"], item, f"{path}[{index}]")


def test_every_key_the_exporter_writes_is_in_the_schema(varied: ServiceContext) -> None:
    schema = _schema()
    document = export_exchange(varied)
    for collection in all_collections():
        if "." not in collection.path:
            assert collection.key in schema["properties"]
    _conforms(schema, schema, json.loads(dumps(document)), "$")


def test_every_ref_in_the_schema_resolves() -> None:
    schema = _schema()
    text = json.dumps(schema)
    for name in schema["$defs"]:
        assert f'"#/$defs/{name}"' in text
    for collection in all_collections():
        assert collection.path.replace(".", "_") in schema["$defs"]


def test_format_documentation_names_every_field() -> None:
    doc = (Path(__file__).parents[2] / "resources" / "exchange-format.md").read_text("utf-8")
    for collection in all_collections():
        assert f"`{collection.path}`" in doc, collection.path
        section = doc.split(f"`{collection.path}`", 1)[1]
        for field in collection.fields:
            assert f"`{field.name}`" in section, f"{collection.path}.{field.name}"


def test_an_empty_store_exports_every_collection_empty(empty_ctx: ServiceContext) -> None:
    document = export_exchange(empty_ctx)
    assert [key for key, value in document.items() if value != []] == [
        "format",
        "version",
        "exported_on",
    ]
    assert len(document) == 3 + len([c for c in all_collections() if "." not in c.path])
