"""The world as table rows on the reference day: what a coordinator would have entered by then.

Everything dated after ``today`` is left out, and what depends on the day is worked out as the
services would have left it: a decision taken later leaves the registration pending, a closure
later leaves the case running, a coach change later leaves the current period open, a reopening
later leaves the wrong closure standing. Ids are UUID5 of a stable key, so the same world gives the
same ids on every run (and on every day, for what existed already).
"""

from __future__ import annotations

from datetime import date, datetime

from zvkd_desktop.domain.dates import age_on
from zvkd_desktop.domain.vocabulary import Decision, OrganisationKind, ProfessionalRole
from zvkd_desktop.services.demo import texts
from zvkd_desktop.services.demo.case_rows import case_rows, closure_on
from zvkd_desktop.services.demo.staffing import COACHES, DIRECTOR_NAMES
from zvkd_desktop.services.demo.table import MODEL_ORDER, DemoRows, at, rid
from zvkd_desktop.services.demo.world import (
    CasePlan,
    Closure,
    PoliceEvent,
    RegistrationPlan,
    World,
    YouthPlan,
)
from zvkd_desktop.store.models import (
    Guardian,
    Household,
    Organisation,
    PoliceContact,
    Professional,
    Registration,
    Youth,
)

START = datetime(2017, 1, 2, 9, 0)

ORGANISATIONS: dict[str, tuple[str, OrganisationKind]] = {
    "police": ("Politie eenheid Den Haag – basisteam Delft-Midden-Delfland",
               OrganisationKind.POLICE),
    "wss": ("William Schrikker Stichting – jeugdreclassering", OrganisationKind.YOUTH_PROBATION),
    "jbw": ("Jeugdbescherming west – jeugdreclassering", OrganisationKind.YOUTH_PROBATION),
    "probation": ("Reclassering Nederland", OrganisationKind.PROBATION),
    "delft_support": ("Delft Support", OrganisationKind.DELFT_SUPPORT),
    "social_team": ("Sociaal Team Delft", OrganisationKind.SOCIAL_TEAM),
    "school/grotius": ("Grotius College", OrganisationKind.SCHOOL),
    "school/isw": ("ISW", OrganisationKind.SCHOOL),
    "school/stanislas": ("Stanislascollege", OrganisationKind.SCHOOL),
    "school/lyceum": ("Lyceum Delft", OrganisationKind.SCHOOL),
    "school/roc": ("ROC Mondriaan", OrganisationKind.SCHOOL),
    "vt": ("Veilig Thuis Haaglanden", OrganisationKind.OTHER),
    "municipality": ("Gemeente Delft – Leerplicht", OrganisationKind.MUNICIPALITY),
    "chamber": ("Zorg- en Veiligheidskamer Delft", OrganisationKind.CHAMBER),
    "zvhh": ("Zorg- en Veiligheidshuis Haaglanden", OrganisationKind.OTHER),
}  # fmt: skip
_SECONDARY_SCHOOLS = ("school/grotius", "school/isw", "school/stanislas", "school/lyceum")


def world_rows(world: World, today: date) -> DemoRows:
    rows = DemoRows({model: [] for model in MODEL_ORDER})
    _partners(rows, today)
    registrations = [r for r in world.registrations if r.registered_on <= today]
    youths = {r.youth.index: r.youth for r in registrations}
    members: dict[int, list[int]] = {}
    for youth in youths.values():
        if youth.household is not None:
            members.setdefault(youth.household, []).append(youth.index)
    households = {h for h, m in members.items() if len(m) >= 2}
    first_seen = {}
    for registration in sorted(registrations, key=lambda r: r.registered_on, reverse=True):
        first_seen[registration.youth.index] = registration.registered_on
    for household in sorted(households):
        elder = youths[members[household][0]]
        since = max(first_seen[i] for i in members[household])
        rows.add(
            Household,
            {
                "id": rid(f"household/{household}"),
                "created_at": at(since, 10),
                "note": texts.HOUSEHOLD_NOTE.format(name=elder.last_name),
            },
        )
    for youth in sorted(youths.values(), key=lambda y: first_seen[y.index]):
        _youth(rows, youth, first_seen[youth.index], households)
    cases = [c for c in world.cases if c.admitted_on <= today]
    closed_on = {c.index: closure_on(c, today) for c in cases}
    for registration in registrations:
        _registration(rows, registration, today)
    for case in cases:
        case_rows(rows, case, today)
    by_youth: dict[str, list[tuple[CasePlan, Closure | None]]] = {}
    for case in cases:
        by_youth.setdefault(case.youth.key, []).append((case, closed_on[case.index]))
    sources = [(r.key, r.youth, r.police) for r in registrations]
    sources += [(c.key, c.youth, c.police) for c in cases]
    for key, youth, events in sources:
        for number, event in enumerate(events):
            if event.on <= today:
                _police(rows, f"{key}/police/{number}", youth, event, by_youth.get(youth.key, []))
    return rows


def _partners(rows: DemoRows, today: date) -> None:
    for key, (name, kind) in ORGANISATIONS.items():
        rows.add(
            Organisation,
            {"id": rid(f"organisation/{key}"), "created_at": START, "name": name, "kind": kind},
        )
    for coach in (c for c in COACHES if c.start <= today):
        rows.add(
            Professional,
            {
                "id": rid(coach.key),
                "created_at": at(coach.start),
                "name": coach.name,
                "role": ProfessionalRole.COACH,
                "organisation_id": rid("organisation/delft_support"),
                "active": coach.end is None or coach.end >= today,
            },
        )
    for key, name in DIRECTOR_NAMES.items():
        rows.add(
            Professional,
            {
                "id": rid(key),
                "created_at": START,
                "name": name,
                "role": ProfessionalRole.PROCESS_DIRECTOR,
                "organisation_id": rid("organisation/chamber"),
                "active": True,
            },
        )


def _youth(rows: DemoRows, youth: YouthPlan, since: date, households: set[int]) -> None:
    rows.add(
        Youth,
        {
            "id": rid(youth.key),
            "created_at": at(since, 9, 30),
            "first_name": youth.first_name,
            "last_name": youth.last_name,
            "date_of_birth": youth.date_of_birth,
            "birth_year": youth.date_of_birth.year,
            "gender": youth.gender,
            "street": youth.street,
            "house_number": youth.house_number,
            "postcode": youth.postcode,
            "city": "Delft" if youth.street else None,
            "phone": youth.phone,
            "neighbourhood": youth.neighbourhood,
            "household_id": rid(f"household/{youth.household}")
            if youth.household in households
            else None,
            "notes": youth.notes,
        },
    )
    for number, guardian in enumerate(youth.guardians):
        rows.add(
            Guardian,
            {
                "id": rid(f"{youth.key}/guardian/{number}"),
                "created_at": at(since, 9, 40),
                "youth_id": rid(youth.key),
                "name": guardian.name,
                "relation": guardian.relation,
                "phone": guardian.phone,
                "email": guardian.email,
                "address": guardian.address,
            },
        )


def _registrant(registration: RegistrationPlan) -> str:
    if registration.registrant != "school":
        return registration.registrant
    if age_on(registration.youth.date_of_birth, registration.registered_on) >= 17:
        return "school/roc"
    return _SECONDARY_SCHOOLS[registration.index % len(_SECONDARY_SCHOOLS)]


def _registration(rows: DemoRows, registration: RegistrationPlan, today: date) -> None:
    r = registration
    index = r.index
    age = age_on(r.youth.date_of_birth, r.registered_on)
    decided = r.decided_on <= today
    labels = ", ".join(d.label.lower() for d in r.domains)
    if r.police_contacts and r.police:
        note = r.police[-1].note[0].lower() + r.police[-1].note[1:]
        police_note = texts.POLICE_CRITERION[index % 2].format(note=note)
    else:
        police_note = texts.CONCERNS_CRITERION[index % len(texts.CONCERNS_CRITERION)]
    domains_text = texts.DOMAINS_CRITERION if r.multiple_domains else texts.ONE_DOMAIN_CRITERION
    rows.add(
        Registration,
        {
            "id": rid(r.key),
            "created_at": at(r.registered_on, 10),
            "youth_id": rid(r.youth.key),
            "registered_on": r.registered_on,
            "registrant_id": rid(f"organisation/{_registrant(r)}"),
            "registrant_contact": r.registrant_contact,
            "age_at_registration": age,
            "police_contacts": r.police_contacts,
            "serious_concerns": r.serious_concerns,
            "police_or_concerns_note": police_note,
            "multiple_domains": r.multiple_domains,
            "multiple_domains_note": domains_text.format(domains=labels),
            "cross_chain": r.cross_chain,
            "cross_chain_note": texts.CROSS_CHAIN_CRITERION[
                index % len(texts.CROSS_CHAIN_CRITERION)
            ],
            "age_note": f"Jongere is bij aanmelding {age} jaar." if age < 12 else None,
            "is_reregistration": r.previous_case is not None,
            "previous_case_id": rid(r.previous_case.key) if r.previous_case else None,
            "decision": (Decision.ADMITTED if r.admitted else Decision.NOT_ADMITTED)
            if decided
            else Decision.PENDING,
            "decided_on": r.decided_on if decided else None,
            "decision_reason": r.decision_reason if decided else None,
            "follow_up": r.follow_up if decided else None,
        },
    )


def _police(
    rows: DemoRows,
    key: str,
    youth: YouthPlan,
    event: PoliceEvent,
    cases: list[tuple[CasePlan, Closure | None]],
) -> None:
    """A youth's police contact, linked to the case running that day (closure day included)."""
    case_id = None
    for case, closure in cases:
        if case.admitted_on <= event.on and (closure is None or event.on <= closure.on):
            case_id = rid(case.key)
    rows.add(
        PoliceContact,
        {
            "id": rid(key),
            "created_at": at(event.on, 15),
            "youth_id": rid(youth.key),
            "case_id": case_id,
            "contact_on": event.on,
            "kind": event.kind,
            "negative": event.negative,
            "note": event.note,
        },
    )
