"""Importing checks the whole file before writing anything: a file with any error is refused with
every problem listed by its path, and the store stays byte-for-byte what it was."""

from __future__ import annotations

import copy
import json
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSWORD
from tests.services.conftest import TODAY, FixedClock
from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.exchange import (
    ExchangeInvalidError,
    check_exchange,
    dumps,
    import_exchange,
)
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.store import Store

Doc = dict[str, Any]


def _id(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"zvkd-test/{name}"))


def _row(key: str, /, **fields: Any) -> Doc:
    return {
        "id": _id(key),
        **fields,
        "created_at": "2022-03-01T10:00:00Z",
        "updated_at": "2022-03-01T10:00:00Z",
        "revision": 1,
        "device_id": None,
        "deleted_at": None,
    }


def base_document() -> Doc:
    """A small valid file: one youth admitted on 08-03-2022 and closed police-free on 01-06-2023
    (last negative police contact 10-05-2022, so eligible from 11-11-2022)."""
    return {
        "format": "zvkd-exchange",
        "version": 1,
        "exported_on": "2024-01-15",
        "organisations": [_row("police", name="Politie Delft", kind="police")],
        "professionals": [
            _row("coach", name="Fatima el Amrani", role="coach", organisation_id=None, active=True),
            _row("coach2", name="Jeroen de Vries", role="coach", organisation_id=None, active=True),
        ],
        "youths": [
            _row(
                "sem",
                first_name="Sem",
                last_name="Jansen",
                date_of_birth="2008-03-01",
                birth_year=2008,
                neighbourhood="voorhof",
            )  # fmt: skip
        ],
        "registrations": [
            _row(
                "reg",
                youth_id=_id("sem"),
                registered_on="2022-03-01",
                registrant_id=_id("police"),
                age_at_registration=14,
                police_contacts=True,
                serious_concerns=False,
                multiple_domains=True,
                cross_chain=True,
                is_reregistration=False,
                decision="admitted",
                decided_on="2022-03-08",
            )  # fmt: skip
        ],
        "cases": [
            _row(
                "case",
                youth_id=_id("sem"),
                registration_id=_id("reg"),
                admitted_on="2022-03-08",
                category="regular",
                coach_id=_id("coach"),
                street_strength=False,
                review_cadence_weeks=6,
                closed_on="2023-06-01",
                closure_reason="police_free",
            )  # fmt: skip
        ],
        "category_periods": [
            _row("period", case_id=_id("case"), category="regular", from_date="2022-03-08")
        ],
        "coach_assignments": [
            _row(
                "assign",
                case_id=_id("case"),
                coach_id=_id("coach"),
                from_date="2022-03-08",
                until_date=None,
            )  # fmt: skip
        ],
        "police_contacts": [
            _row(
                "arrest",
                youth_id=_id("sem"),
                case_id=_id("case"),
                contact_on="2022-05-10",
                kind="arrest",
                negative=True,
            )  # fmt: skip
        ],
        "coach_contacts": [
            _row(
                "visit",
                case_id=_id("case"),
                coach_id=_id("coach"),
                contact_on="2022-04-01",
                kind="home_visit",
            )  # fmt: skip
        ],
    }


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceContext]:
    """One store for the tests that expect a refusal: a refused import never writes (which
    :func:`refused` checks every time), so they can share it instead of each making a store."""
    folder = tmp_path_factory.mktemp("refusals")
    store, _ = Store.create(folder / "pad.zvkd", PASSWORD, username="coordinator",
                            display_name="Coördinator", kdf=TEST_KDF, state_folder=folder / "state")  # fmt: skip
    try:
        yield ServiceContext(store, today=FixedClock(TODAY))
    finally:
        store.close()


@contextmanager
def store_unchanged(store: Store) -> Iterator[None]:
    before, generation = store.path.read_bytes(), store.generation
    yield
    assert store.path.read_bytes() == before
    assert store.generation == generation


def refused(ctx: ServiceContext, source: Any) -> list[str]:
    """Import ``source``, expect the refusal and an unchanged store; the problems as text."""
    with store_unchanged(ctx.store), pytest.raises(ExchangeInvalidError) as info:
        import_exchange(ctx, source)
    assert info.value.code == "exchange_invalid"
    assert isinstance(info.value, ValidationError)
    problems = [str(p) for p in info.value.problems]
    for problem in problems:
        assert problem in info.value.message  # the message lists every problem, one per line
    return problems


def has(problems: list[str], path: str, text: str) -> bool:
    return any(p.startswith(f"{path}: ") and text in p for p in problems)


def test_the_base_document_is_valid(ctx: ServiceContext) -> None:
    report = import_exchange(ctx, base_document())
    assert report.counts["cases"] == 1 and report.warnings == []


# -- the file as a whole -------------------------------------------------------------------------


def test_truncated_json_is_refused_with_line_and_column(shared: ServiceContext) -> None:
    text = dumps(base_document())
    problems = refused(shared, text[: len(text) // 2])
    assert len(problems) == 1
    assert "geen geldige JSON op regel" in problems[0] and "kolom" in problems[0]
    assert "afgekapt" in problems[0]


def test_a_file_that_is_not_json_is_refused(shared: ServiceContext, tmp_path: Path) -> None:
    path = tmp_path / "foto.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert "geen UTF-8-tekst" in refused(shared, path)[0]


def test_a_newer_format_version_is_refused(shared: ServiceContext) -> None:
    document = base_document() | {"version": 2}
    assert has(refused(shared, document), "version", "gemaakt met een nieuwere versie")


def test_another_format_is_refused(shared: ServiceContext) -> None:
    assert has(refused(shared, {"format": "csv", "version": 1}), "format", "geen exportbestand")


def test_a_50_mb_malformed_file_fails_fast_with_a_clear_message(
    shared: ServiceContext, tmp_path: Path
) -> None:
    path = tmp_path / "groot.json"
    with path.open("wb") as handle:
        handle.write(b'{"format": "zvkd-exchange", "version": 1, "youths": [{"notes": "')
        handle.write(b"x" * (50 * 1024 * 1024))  # never closed
    started = time.perf_counter()
    problems = refused(shared, path)
    assert time.perf_counter() - started < 10
    assert problems == [
        "geen geldige JSON op regel 1, kolom 64: een tekst zonder afsluitend aanhalingsteken "
        "begint hier (het bestand lijkt afgekapt)"
    ]


def test_a_file_over_200_mb_is_refused_before_reading(
    shared: ServiceContext, tmp_path: Path
) -> None:
    path = tmp_path / "te-groot.json"
    with path.open("wb") as handle:
        handle.truncate(201 * 1024 * 1024)  # sparse: no disk space used
    assert "hoogstens 200 MB" in refused(shared, path)[0]


def test_a_flood_of_errors_stops_after_500(ctx: ServiceContext) -> None:
    document = base_document()
    document["guardians"] = [{"id": f"g{i}"} for i in range(2000)]
    with pytest.raises(ExchangeInvalidError) as info:
        import_exchange(ctx, document)
    assert len(info.value.problems) == 500
    assert "de controle gestopt" in info.value.message


def test_every_problem_is_listed_at_once(shared: ServiceContext) -> None:
    document = base_document()
    document["youths"][0]["birth_year"] = "2008"
    document["cases"][0]["category"] = "rivals"
    document["police_contacts"][0]["youth_id"] = _id("nobody")
    problems = refused(shared, document)
    assert has(problems, "youths[0].birth_year", "verwacht een geheel getal, gevonden tekst")
    assert has(problems, "cases[0].category", "toegestaan: regular, rival_youth")
    assert has(problems, "police_contacts[0].youth_id", "verwijst naar een jongere die niet")


# -- fields and types ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("collection", "field", "value", "expected"),
    [
        ("youths", "birth_year", True, "verwacht een geheel getal, gevonden true/false"),
        ("registrations", "police_contacts", 1, "verwacht true of false"),
        ("youths", "first_name", 12, "verwacht tekst"),
        ("youths", "id", "123", "'123' is geen geldige UUID"),
        ("youths", "date_of_birth", "01-03-2008", "geen geldige datum (verwacht jjjj-mm-dd)"),
        ("youths", "date_of_birth", "2008-02-30", "geen bestaande datum"),
        ("youths", "updated_at", "2022-03-01 10:00", "geen geldig tijdstip"),
        ("youths", "neighbourhood", "atlantis", "geen bekende wijk"),
        ("youths", "postcode", "2624 AB XYZ", "te lang (11 tekens, hoogstens 8)"),
        ("youths", "pseudonym", "xyz", "geen geldige hexadecimale waarde"),
        ("cases", "closure_reason", "bored", "geen geldige waarde"),
        ("youths", "revision", 0, "moet 1 of hoger zijn"),
    ],
)
def test_wrong_values_are_refused_with_their_path(
    shared: ServiceContext, collection: str, field: str, value: Any, expected: str
) -> None:
    document = base_document()
    document[collection][0][field] = value
    assert has(refused(shared, document), f"{collection}[0].{field}", expected)


def test_a_missing_required_field_is_refused(shared: ServiceContext) -> None:
    document = base_document()
    del document["registrations"][0]["registered_on"]
    document["cases"][0]["admitted_on"] = None
    problems = refused(shared, document)
    assert has(problems, "registrations[0].registered_on", "ontbreekt")
    assert has(problems, "cases[0].admitted_on", "mag niet leeg (null) zijn")


def test_a_collection_that_is_not_a_list_is_refused(shared: ServiceContext) -> None:
    document = base_document() | {"guardians": {"name": "moeder"}}
    assert has(refused(shared, document), "guardians", "verwacht een lijst")


def test_unknown_fields_are_warned_not_fatal(ctx: ServiceContext) -> None:
    document = base_document()
    document["youths"][0]["nickname"] = "Semmie"
    document["comment"] = "handmatig aangepast"
    report = import_exchange(ctx, document)
    warnings = [str(w) for w in report.warnings]
    assert "youths[0].nickname: onbekend veld; wordt genegeerd" in warnings
    assert "comment: onbekend veld; wordt genegeerd" in warnings
    assert report.counts["youths"] == 1


def test_disagreeing_redundant_fields_are_warned_not_fatal(ctx: ServiceContext) -> None:
    document = base_document()
    document["youths"][0]["birth_year"] = 2007
    document["registrations"][0]["age_at_registration"] = 15
    warnings = [str(w) for w in import_exchange(ctx, document).warnings]
    assert "youths[0].birth_year: klopt niet met de geboortedatum (01-03-2008)" in warnings
    assert (
        "registrations[0].age_at_registration: klopt niet met de geboortedatum "
        "(de jongere was toen 14 jaar)"
    ) in warnings


# -- ids and references --------------------------------------------------------------------------


def test_duplicate_ids_within_the_file_are_refused(shared: ServiceContext) -> None:
    document = base_document()
    twin = copy.deepcopy(document["youths"][0])
    document["youths"].append(twin)
    assert has(refused(shared, document), "youths[1].id", "dezelfde id als youths[0]")


def test_ids_already_in_the_store_are_refused(ctx: ServiceContext) -> None:
    import_exchange(ctx, base_document())
    problems = refused(ctx, base_document())
    assert has(problems, "youths[0].id", "bestaat al in de opslag")


def test_dangling_references_are_refused(shared: ServiceContext) -> None:
    document = base_document()
    document["cases"][0]["coach_id"] = _id("ghost")
    document["registrations"][0]["previous_case_id"] = _id("old case")
    problems = refused(shared, document)
    assert has(problems, "cases[0].coach_id", "verwijst naar een professional die niet")
    assert has(problems, "registrations[0].previous_case_id", "verwijst naar een casus die niet")


def test_a_police_contact_on_a_case_of_another_youth_is_refused(shared: ServiceContext) -> None:
    document = base_document()
    document["youths"].append(_row("noah", date_of_birth="2010-06-15", birth_year=2010,
                                   neighbourhood="voorhof"))  # fmt: skip
    document["police_contacts"][0]["youth_id"] = _id("noah")
    assert has(
        refused(shared, document), "police_contacts[0].case_id", "casus van een andere jongere"
    )


def test_duplicate_plan_version_numbers_and_setting_keys_are_refused(
    shared: ServiceContext,
) -> None:
    document = base_document()
    document["plan_versions"] = [
        _row(f"v{i}", case_id=_id("case"), number=1, saved_at="2022-03-20T10:00:00Z", goals=[])
        for i in range(2)
    ]
    document["settings"] = [_row(f"s{i}", key="policy_months", value=6) for i in range(2)]
    problems = refused(shared, document)
    assert has(problems, "plan_versions[1].number", "hetzelfde versienummer als plan_versions[0]")
    assert has(problems, "settings[1].key", "dezelfde instelling als settings[0]")


def test_nested_rows_are_checked_with_their_nested_path(shared: ServiceContext) -> None:
    document = base_document()
    action = _row("act", position=1, status="finished")
    goal = _row("goal", position=1, life_domain="education_work", status="open", actions=[action])
    document["plan_versions"] = [
        _row("v1", case_id=_id("case"), number=1, saved_at="2022-03-20T10:00:00Z", goals=[goal])
    ]
    problems = refused(shared, document)
    assert has(problems, "plan_versions[0].goals[0].actions[0].status", "geen geldige waarde")


# -- dates that contradict each other ------------------------------------------------------------


def test_closure_before_admission_is_refused(shared: ServiceContext) -> None:
    document = base_document()
    document["cases"][0] |= {"closed_on": "2022-03-01", "closure_reason": "other"}
    assert has(
        refused(shared, document), "cases[0].closed_on", "ligt vóór de opnamedatum 08-03-2022"
    )


def test_admission_before_registration_is_refused(shared: ServiceContext) -> None:
    document = base_document()
    document["cases"][0]["admitted_on"] = "2022-02-20"
    document["category_periods"][0]["from_date"] = "2022-02-20"
    document["coach_assignments"][0]["from_date"] = "2022-02-20"
    assert has(
        refused(shared, document), "cases[0].admitted_on", "vóór de aanmelddatum (01-03-2022)"
    )


def test_decision_before_registration_is_refused(shared: ServiceContext) -> None:
    document = base_document()
    document["registrations"][0]["decided_on"] = "2022-02-01"
    assert has(refused(shared, document), "registrations[0].decided_on", "vóór de aanmelddatum")


def test_registration_after_the_closure_of_its_case_is_refused(shared: ServiceContext) -> None:
    document = base_document()
    document["registrations"][0] |= {"registered_on": "2023-07-01", "decided_on": None}
    assert has(
        refused(shared, document),
        "registrations[0].registered_on",
        "na de afsluitdatum van de casus (01-06-2023)",
    )


def test_a_police_contact_before_the_youths_birth_is_refused(shared: ServiceContext) -> None:
    document = base_document()
    document["police_contacts"][0] |= {"contact_on": "2007-12-31", "negative": False}
    assert has(
        refused(shared, document),
        "police_contacts[0].contact_on",
        "vóór de geboortedatum van de jongere (01-03-2008)",
    )


def test_a_deleted_contact_with_a_wrong_date_is_not_a_problem(ctx: ServiceContext) -> None:
    """A tombstone is often exactly the mistake someone removed; it still travels."""
    document = base_document()
    document["police_contacts"][0] |= {"contact_on": "2001-01-01",
                                       "deleted_at": "2022-06-01T12:00:00Z"}  # fmt: skip
    assert import_exchange(ctx, document).counts["police_contacts"] == 1


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2022-03-07", "ligt vóór de opnamedatum van de casus (08-03-2022)"),
        ("2023-06-02", "ligt na de afsluitdatum van de casus (01-06-2023)"),
    ],
)
def test_a_coach_contact_outside_the_case_is_refused(
    shared: ServiceContext, day: str, expected: str
) -> None:
    document = base_document()
    document["coach_contacts"][0]["contact_on"] = day
    assert has(refused(shared, document), "coach_contacts[0].contact_on", expected)


def test_a_category_period_before_admission_is_refused(shared: ServiceContext) -> None:
    document = base_document()
    document["category_periods"][0]["from_date"] = "2022-03-01"
    assert has(refused(shared, document), "category_periods[0].from_date", "vóór de opnamedatum")


def test_overlapping_coach_assignments_are_refused(shared: ServiceContext) -> None:
    document = base_document()
    document["coach_assignments"].append(
        _row("assign2", case_id=_id("case"), coach_id=_id("coach2"), from_date="2022-06-01")
    )
    assert has(
        refused(shared, document),
        "coach_assignments[1].from_date",
        "overlapt met een andere coachperiode",
    )


def test_coach_assignments_may_share_the_handover_day(ctx: ServiceContext) -> None:
    document = base_document()
    document["coach_assignments"][0]["until_date"] = "2022-06-01"
    document["coach_assignments"].append(
        _row("assign2", case_id=_id("case"), coach_id=_id("coach2"), from_date="2022-06-01")
    )
    assert import_exchange(ctx, document).counts["coach_assignments"] == 2


def test_a_reopening_before_the_closure_it_undoes_is_refused(shared: ServiceContext) -> None:
    document = base_document()
    document["reopenings"] = [
        _row(
            "reopen",
            case_id=_id("case"),
            reopened_on="2022-11-30",
            undone_closed_on="2022-12-01",
            undone_reason="other",
        )  # fmt: skip
    ]
    assert has(refused(shared, document), "reopenings[0].reopened_on", "vóór de afsluitdatum")


# -- the criteria and the closure rule -----------------------------------------------------------


def _aged_28(document: Doc) -> Doc:
    document["youths"][0] |= {"date_of_birth": "1994-01-01", "birth_year": 1994}
    document["registrations"][0]["age_at_registration"] = 28
    return document


def test_admitting_a_youth_outside_the_age_range_without_a_reason_is_refused(
    shared: ServiceContext,
) -> None:
    assert has(
        refused(shared, _aged_28(base_document())),
        "registrations[0].decision_reason",
        "de jongere was bij aanmelding 28 jaar (buiten 12 tot 27)",
    )


def test_admitting_a_youth_outside_the_age_range_with_a_written_reason_is_allowed(
    ctx: ServiceContext,
) -> None:
    document = _aged_28(base_document())
    document["registrations"][0]["decision_reason"] = "Broer in de PAD; kernteam besloot samen"
    assert import_exchange(ctx, document).counts["registrations"] == 1


def test_closing_police_free_before_the_eligible_date_is_refused(shared: ServiceContext) -> None:
    document = base_document()
    document["police_contacts"].append(
        _row(
            "nuisance", youth_id=_id("sem"), contact_on="2023-01-10", kind="nuisance", negative=True
        )
    )
    assert has(refused(shared, document), "cases[0].closed_on", "kan pas vanaf 11-07-2023")


def test_closing_for_another_reason_before_the_eligible_date_is_allowed(
    ctx: ServiceContext,
) -> None:
    document = base_document()
    document["police_contacts"].append(
        _row(
            "nuisance", youth_id=_id("sem"), contact_on="2023-01-10", kind="nuisance", negative=True
        )
    )
    document["cases"][0] |= {"closure_reason": "relocation", "relocation_municipality": "Rijswijk"}
    assert import_exchange(ctx, document).counts["cases"] == 1


def test_a_non_negative_police_contact_does_not_move_the_eligible_date(ctx: ServiceContext) -> None:
    document = base_document()
    document["police_contacts"].append(
        _row("witness", youth_id=_id("sem"), contact_on="2023-05-01", kind="other", negative=False)
    )
    assert import_exchange(ctx, document).counts["police_contacts"] == 2


def test_the_closure_rule_uses_the_policy_months_setting_in_the_file(ctx: ServiceContext) -> None:
    document = base_document()
    document["police_contacts"].append(
        _row(
            "nuisance", youth_id=_id("sem"), contact_on="2023-01-10", kind="nuisance", negative=True
        )
    )
    document["settings"] = [_row("policy", key="policy_months", value=3)]  # E = 11-04-2023
    assert import_exchange(ctx, document).counts["settings"] == 1


def test_check_exchange_reports_without_writing(ctx: ServiceContext) -> None:
    with store_unchanged(ctx.store):
        report = check_exchange(ctx, json.dumps(base_document()).encode("utf-8"))
    assert report.counts["youths"] == 1
