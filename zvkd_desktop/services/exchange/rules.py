"""How the rows of an exchange file relate: ids, references and dates that contradict each other.

The file's rows and the store's rows form one world: a registration in the file may belong to a
youth already in the store. Rules that compare dates skip tombstoned rows, because a deleted row
is often exactly the mistake someone removed (a contact entered before the youth's birth); ids and
references are checked for every row, tombstones too, because the database needs them whole.
Where DOMAIN.md has a rule (the closure rule, the registration criteria) it is called, not copied.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from typing import Any

from zvkd_desktop.domain.closure_rule import check_closure, closure_status, negative_dates
from zvkd_desktop.domain.criteria import MAX_AGE_EXCLUSIVE, MIN_AGE, assess_criteria
from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.vocabulary import Decision
from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services.exchange.facts import StoreFacts, Values
from zvkd_desktop.services.exchange.problems import Problems
from zvkd_desktop.services.exchange.validate import ParsedExchange, Row
from zvkd_desktop.services.settings import SETTING_SPECS

NOUNS = {  # with the relative pronoun their article asks for (de … die, het … dat)
    "organisation": "organisatie die",
    "professional": "professional die",
    "household": "huishouden dat",
    "youth": "jongere die",
    "registration": "aanmelding die",
    "pad_case": "casus die",
    "meeting": "overleg dat",
}
_FAR = dt.date.max


class World:
    """The file's rows and the store's rows, looked up the same way."""

    def __init__(self, parsed: ParsedExchange, facts: StoreFacts) -> None:
        self.facts = facts
        self.by_table: dict[str, list[Row]] = defaultdict(list)
        self.file: dict[str, dict[uuid.UUID, Row]] = defaultdict(dict)
        for rows in parsed.rows.values():
            for row in rows:
                table = row.collection.table
                self.by_table[table].append(row)
                if row.id is not None:
                    self.file[table].setdefault(row.id, row)

    def live(self, table: str, row_id: uuid.UUID | None) -> Values | None:
        """A row's values when it exists and is not tombstoned."""
        if row_id is None:
            return None
        row = self.file[table].get(row_id)
        values = row.values if row is not None else self.facts.rows.get(table, {}).get(row_id)
        if values is None or values.get("deleted_at") is not None:
            return None
        return values

    def exists(self, table: str, row_id: uuid.UUID) -> bool:
        return row_id in self.file[table] or row_id in self.facts.ids.get(table, set())

    def live_rows(self, table: str) -> list[Row]:
        return [row for row in self.by_table[table] if not row.deleted]


def check_rules(parsed: ParsedExchange, facts: StoreFacts, problems: Problems) -> None:
    world = World(parsed, facts)
    _ids_and_references(world, problems)
    _unique_keys(world, problems)
    _youths(world, problems)
    _registrations(world, problems)
    _cases(world, _policy_months(world), problems)
    _case_periods(world, problems)
    _contacts(world, problems)
    _settings(world, problems)


def _ids_and_references(world: World, problems: Problems) -> None:
    for table, rows in world.by_table.items():
        first: dict[uuid.UUID, str] = {}
        stored = world.facts.ids.get(table, set())
        for row in rows:
            if row.id is None:
                continue
            if row.id in first:
                problems.error(f"{row.path}.id", f"dezelfde id als {first[row.id]}")
            else:
                first[row.id] = row.path
            if row.id in stored:
                problems.error(
                    f"{row.path}.id",
                    "deze id bestaat al in de opslag (is dit bestand al eens ingelezen?)",
                )
    for rows in world.by_table.values():
        for row in rows:
            for field in row.collection.fields:
                target = row.values.get(field.name)
                if field.ref is None or target is None or world.exists(field.ref, target):
                    continue
                noun = NOUNS.get(field.ref, f"{field.ref} die")
                problems.error(
                    f"{row.path}.{field.name}",
                    f"verwijst naar een {noun} niet in het bestand of de opslag staat ({target})",
                )


def _unique_keys(world: World, problems: Problems) -> None:
    keys: dict[str, str] = {}
    for row in world.by_table["setting"]:
        key = row.values.get("key")
        if key is None:
            continue
        if key in keys:
            problems.error(f"{row.path}.key", f"dezelfde instelling als {keys[key]}")
        elif key in world.facts.setting_keys:
            problems.error(f"{row.path}.key", "deze instelling bestaat al in de opslag")
        keys.setdefault(key, row.path)
    numbers: dict[tuple[Any, Any], str] = {}
    for row in world.by_table["plan_version"]:
        pair = (row.values.get("case_id"), row.values.get("number"))
        if None in pair:
            continue
        if pair in numbers:
            problems.error(f"{row.path}.number", f"hetzelfde versienummer als {numbers[pair]}")
        elif pair in world.facts.plan_numbers:
            problems.error(
                f"{row.path}.number", f"versie {pair[1]} van dit plan bestaat al in de opslag"
            )
        numbers.setdefault(pair, row.path)


def _youths(world: World, problems: Problems) -> None:
    for row in world.live_rows("youth"):
        born, year = row.values.get("date_of_birth"), row.values.get("birth_year")
        if born is not None and year is not None and born.year != year:
            problems.warn(
                f"{row.path}.birth_year", f"klopt niet met de geboortedatum ({format_nl(born)})"
            )


def _registrations(world: World, problems: Problems) -> None:
    closures: dict[uuid.UUID, list[dt.date]] = defaultdict(list)
    for case_id in {*world.file["pad_case"], *world.facts.rows.get("pad_case", {})}:
        case = world.live("pad_case", case_id)
        if case and case.get("closed_on") and case.get("registration_id"):
            closures[case["registration_id"]].append(case["closed_on"])
    for row in world.live_rows("registration"):
        values = row.values
        registered = values.get("registered_on")
        if registered is None:
            continue
        decided = values.get("decided_on")
        if decided is not None and decided < registered:
            problems.error(
                f"{row.path}.decided_on",
                f"ligt vóór de aanmelddatum ({format_nl(registered)})",
            )
        for closed in closures.get(row.id, []):
            if registered > closed:
                problems.error(
                    f"{row.path}.registered_on",
                    f"na de afsluitdatum van de casus ({format_nl(closed)})",
                )
        _registration_age(world, row, registered, problems)


def _registration_age(world: World, row: Row, registered: dt.date, problems: Problems) -> None:
    values = row.values
    youth = world.live("youth", values.get("youth_id"))
    born = youth.get("date_of_birth") if youth else None
    if born is not None and born > registered:
        problems.error(
            f"{row.path}.registered_on",
            f"ligt vóór de geboortedatum van de jongere ({format_nl(born)})",
        )
        return
    if born is not None:
        assessment = assess_criteria(
            date_of_birth=born,
            registered_on=registered,
            police_contacts=bool(values.get("police_contacts")),
            serious_concerns=bool(values.get("serious_concerns")),
            multiple_domains=bool(values.get("multiple_domains")),
            cross_chain=bool(values.get("cross_chain")),
        )
        age, age_ok = assessment.age, assessment.age_ok
        stated = values.get("age_at_registration")
        if stated is not None and stated != age:
            problems.warn(
                f"{row.path}.age_at_registration",
                f"klopt niet met de geboortedatum (de jongere was toen {age} jaar)",
            )
    elif values.get("age_at_registration") is not None:
        age = values["age_at_registration"]
        age_ok = MIN_AGE <= age < MAX_AGE_EXCLUSIVE
    else:
        return
    reason = values.get("decision_reason")
    if values.get("decision") == Decision.ADMITTED and not age_ok and not (reason or "").strip():
        problems.error(
            f"{row.path}.decision_reason",
            f"de jongere was bij aanmelding {age} jaar (buiten {MIN_AGE} tot {MAX_AGE_EXCLUSIVE}); "
            "opnemen kan dan alleen met een schriftelijke motivering",
        )


def _policy_months(world: World) -> int:
    for row in world.live_rows("setting"):
        value = row.values.get("value")
        spec = SETTING_SPECS["policy_months"]
        if row.values.get("key") == "policy_months" and _in_range(
            value, spec.minimum, spec.maximum
        ):
            return int(value)
    return world.facts.policy_months


def _negative_contacts(world: World) -> dict[uuid.UUID, list[dt.date]]:
    pairs: dict[uuid.UUID, list[tuple[dt.date, bool]]] = defaultdict(list)
    for youth_id, contacts in world.facts.police_contacts.items():
        pairs[youth_id].extend((c["contact_on"], c["negative"]) for c in contacts)
    for row in world.live_rows("police_contact"):
        v = row.values
        if v.get("youth_id") and v.get("contact_on") and v.get("negative") is not None:
            pairs[v["youth_id"]].append((v["contact_on"], v["negative"]))
    return {youth_id: negative_dates(found) for youth_id, found in pairs.items()}


def _cases(world: World, months: int, problems: Problems) -> None:
    negatives = _negative_contacts(world)
    for row in world.live_rows("pad_case"):
        v = row.values
        admitted = v.get("admitted_on")
        registration = world.live("registration", v.get("registration_id"))
        if registration is not None:
            registered = registration.get("registered_on")
            if admitted is not None and registered is not None and admitted < registered:
                problems.error(
                    f"{row.path}.admitted_on",
                    f"ligt vóór de aanmelddatum ({format_nl(registered)})",
                )
            if v.get("youth_id") and registration.get("youth_id") not in (None, v["youth_id"]):
                problems.error(
                    f"{row.path}.youth_id", "is een andere jongere dan die van de aanmelding"
                )
            if registration.get("decision") not in (None, Decision.ADMITTED):
                problems.warn(
                    f"{row.path}.registration_id", "de aanmelding staat niet op 'opgenomen'"
                )
        closed, reason = v.get("closed_on"), v.get("closure_reason")
        if closed is not None and reason is None:
            problems.warn(f"{row.path}.closure_reason", "ontbreekt bij een afgesloten casus")
        if closed is None and reason is not None:
            problems.warn(f"{row.path}.closed_on", "ontbreekt terwijl er een afsluitreden is")
        if closed is None or reason is None or admitted is None:
            continue
        status = closure_status(
            admitted, negatives.get(v.get("youth_id"), []), on=closed, months=months
        )
        try:
            check_closure(reason, closed, status)
        except ValidationError as refusal:
            problems.error(f"{row.path}.closed_on", refusal.message)


def _case_periods(world: World, problems: Problems) -> None:
    for row in world.live_rows("category_period"):
        case = world.live("pad_case", row.values.get("case_id"))
        start = row.values.get("from_date")
        admitted = case.get("admitted_on") if case else None
        if start is not None and admitted is not None and start < admitted:
            problems.error(
                f"{row.path}.from_date",
                f"ligt vóór de opnamedatum van de casus ({format_nl(admitted)})",
            )
    periods: dict[uuid.UUID, list[Values]] = defaultdict(list)
    for case_id, stored in world.facts.coach_assignments.items():
        periods[case_id].extend(stored)
    for row in world.live_rows("coach_assignment"):
        v = row.values
        if v.get("from_date") is None or v.get("case_id") is None:
            continue
        if v.get("until_date") is not None and v["until_date"] < v["from_date"]:
            problems.error(
                f"{row.path}.until_date", f"ligt vóór de begindatum ({format_nl(v['from_date'])})"
            )
            continue
        periods[v["case_id"]].append({**v, "path": row.path})
    for entries in periods.values():
        entries.sort(key=lambda e: e["from_date"])
        for i, first in enumerate(entries):
            for second in entries[i + 1 :]:
                if second["from_date"] < (first.get("until_date") or _FAR) and first[
                    "from_date"
                ] < (second.get("until_date") or _FAR):
                    reported, other = (second, first) if second["path"] else (first, second)
                    if reported["path"] is not None:
                        problems.error(
                            f"{reported['path']}.from_date",
                            "overlapt met een andere coachperiode van deze casus (die vanaf "
                            f"{format_nl(other['from_date'])})",
                        )
    for row in world.live_rows("reopening"):
        v = row.values
        if (
            v.get("reopened_on")
            and v.get("undone_closed_on")
            and v["reopened_on"] < v["undone_closed_on"]
        ):
            problems.error(
                f"{row.path}.reopened_on",
                f"ligt vóór de afsluitdatum die wordt teruggedraaid ({format_nl(v['undone_closed_on'])})",
            )


def _contacts(world: World, problems: Problems) -> None:
    for row in world.live_rows("police_contact"):
        v = row.values
        youth = world.live("youth", v.get("youth_id"))
        _not_before_birth(row, youth, problems)
        case = world.live("pad_case", v.get("case_id"))
        if (
            case is not None
            and v.get("youth_id")
            and case.get("youth_id") not in (None, v["youth_id"])
        ):
            problems.error(f"{row.path}.case_id", "is een casus van een andere jongere")
    for row in world.live_rows("coach_contact"):
        day = row.values.get("contact_on")
        case = world.live("pad_case", row.values.get("case_id"))
        if case is None or day is None:
            continue
        admitted = case.get("admitted_on")
        if admitted is not None and day < admitted:
            problems.error(
                f"{row.path}.contact_on",
                f"ligt vóór de opnamedatum van de casus ({format_nl(admitted)})",
            )
        elif case.get("closed_on") is not None and day > case["closed_on"]:
            problems.error(
                f"{row.path}.contact_on",
                f"ligt na de afsluitdatum van de casus ({format_nl(case['closed_on'])})",
            )
        _not_before_birth(row, world.live("youth", case.get("youth_id")), problems)


def _not_before_birth(row: Row, youth: Values | None, problems: Problems) -> None:
    day = row.values.get("contact_on")
    born = youth.get("date_of_birth") if youth else None
    if day is not None and born is not None and day < born:
        problems.error(
            f"{row.path}.contact_on",
            f"ligt vóór de geboortedatum van de jongere ({format_nl(born)})",
        )


def _settings(world: World, problems: Problems) -> None:
    for row in world.live_rows("setting"):
        key, value = row.values.get("key"), row.values.get("value")
        spec = SETTING_SPECS.get(key or "")
        if key is None:
            continue
        if spec is None:
            problems.warn(
                f"{row.path}.key", "onbekende instelling; wordt ingelezen maar niet gebruikt"
            )
        elif not _in_range(value, spec.minimum, spec.maximum):
            problems.warn(
                f"{row.path}.value",
                f"verwacht een geheel getal van {spec.minimum} tot en met {spec.maximum}; "
                "de standaardwaarde blijft gelden",
            )


def _in_range(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
