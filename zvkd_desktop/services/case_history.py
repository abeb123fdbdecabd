"""The history of one case, read from the audit log: who changed what, and when.

The case file's *Historie* tab answers "who did this?" without anyone reading raw audit rows. A
case's story is wider than the rows that carry its ``case_id``: the youth's own record, the
guardians, the registration that led to the case and the youth's police contacts (which belong to
the youth, not the case) are part of it too, so those records are gathered first.

Field names and values come back as Dutch source text (enum labels, dd-mm-jjjj dates, people's
names instead of ids); the UI passes the labels through its translation functions. Values that
were blanked by the privacy erasure stay blank.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.neighbourhoods import BY_CODE
from zvkd_desktop.domain.vocabulary import (
    ActionStatus,
    Category,
    ClosureReason,
    CoachContactKind,
    Decision,
    GoalStatus,
    Labelled,
    LifeDomain,
    PoliceContactKind,
)
from zvkd_desktop.services.access import require_case
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.validation import live_row
from zvkd_desktop.store.models import (
    AuditEntry,
    Case,
    Guardian,
    Organisation,
    PoliceContact,
    Professional,
    User,
)

__all__ = [
    "ACTION_LABELS",
    "FIELD_LABELS",
    "TABLE_LABELS",
    "FieldChange",
    "HistoryRow",
    "case_history",
]

ACTION_LABELS: dict[str, str] = {
    "create": "toegevoegd",
    "update": "gewijzigd",
    "delete": "verwijderd",
    "restore": "hersteld",
    "close": "afgesloten",
    "reopen": "heropend",
    "decide": "besluit genomen",
    "undo_decision": "besluit ongedaan gemaakt",
    "deactivate": "gedeactiveerd",
    "reactivate": "weer actief",
}
"""Dutch source text per audit action (the UI translates)."""

TABLE_LABELS: dict[str, str] = {
    "pad_case": "Casus",
    "youth": "Jongere",
    "guardian": "Ouder of verzorger",
    "household": "Gezin",
    "registration": "Aanmelding",
    "police_contact": "Politiecontact",
    "coach_contact": "Contactmoment",
    "review": "Bespreking",
    "review_progress": "Voortgang per leefgebied",
    "plan_version": "Plan van aanpak",
    "plan_goal": "Doel",
    "plan_action": "Actie",
    "category_period": "Categorie",
    "coach_assignment": "Coach",
    "reopening": "Heropening",
    "agenda_item": "Agendapunt",
    "meeting_decision": "Besluit kernteam",
}

FIELD_LABELS: dict[str, str] = {
    "first_name": "Voornaam",
    "last_name": "Achternaam",
    "date_of_birth": "Geboortedatum",
    "birth_year": "Geboortejaar",
    "gender": "Geslacht",
    "street": "Straat",
    "house_number": "Huisnummer",
    "postcode": "Postcode",
    "city": "Woonplaats",
    "phone": "Telefoon",
    "email": "E-mail",
    "address": "Adres",
    "neighbourhood": "Wijk",
    "household_id": "Gezin",
    "notes": "Notities",
    "note": "Notitie",
    "name": "Naam",
    "relation": "Relatie",
    "category": "Categorie",
    "coach_id": "Coach",
    "process_director_id": "Procesregisseur",
    "street_strength": "Straatkracht",
    "reoffence_advice": "Advies bij recidive",
    "review_cadence_weeks": "Bespreekfrequentie (weken)",
    "next_review_on": "Volgende bespreking",
    "admitted_on": "Opgenomen op",
    "closed_on": "Afgesloten op",
    "closure_reason": "Reden van afsluiten",
    "closure_reason_text": "Toelichting bij afsluiten",
    "relocation_municipality": "Nieuwe gemeente",
    "relocation_informed_on": "Gemeente geïnformeerd op",
    "transferred": "Overgedragen",
    "handover_note": "Overdrachtsnotitie",
    "from_date": "Vanaf",
    "until_date": "Tot en met",
    "contact_on": "Datum",
    "kind": "Soort",
    "negative": "Negatief in beeld",
    "reviewed_on": "Besproken op",
    "decisions": "Besluiten",
    "life_domain": "Leefgebied",
    "progress": "Voortgang",
    "number": "Versie",
    "author_name": "Opgesteld door",
    "saved_at": "Opgeslagen op",
    "summary": "Toelichting",
    "description": "Omschrijving",
    "status": "Status",
    "responsible_partner": "Verantwoordelijke partner",
    "due_on": "Uiterlijk",
    "registered_on": "Aanmelddatum",
    "registrant_id": "Aanmelder",
    "registrant_contact": "Contactpersoon aanmelder",
    "age_at_registration": "Leeftijd bij aanmelding",
    "police_contacts": "Politiecontacten",
    "serious_concerns": "Ernstige zorgen",
    "police_or_concerns_note": "Toelichting politie of zorgen",
    "multiple_domains": "Meer dan één leefgebied",
    "multiple_domains_note": "Toelichting leefgebieden",
    "cross_chain": "Ketensamenwerking nodig",
    "cross_chain_note": "Toelichting ketensamenwerking",
    "age_note": "Toelichting leeftijd",
    "is_reregistration": "Opnieuw aangemeld",
    "decision": "Besluit",
    "decided_on": "Besloten op",
    "decision_reason": "Motivering",
    "follow_up": "Vervolgafspraak",
    "reopened_on": "Heropend op",
    "reason": "Reden",
    "undone_closed_on": "Eerdere afsluitdatum",
    "undone_reason": "Eerdere reden van afsluiten",
    "undone_reason_text": "Eerdere toelichting",
    "erased_at": "Persoonsgegevens gewist op",
}
"""Dutch source labels of the fields the history shows; other fields (links, sync columns,
positions, the tombstone itself) are technical and left out."""

_ENUMS: dict[tuple[str | None, str], type[Labelled]] = {
    (None, "category"): Category,
    (None, "closure_reason"): ClosureReason,
    (None, "undone_reason"): ClosureReason,
    (None, "life_domain"): LifeDomain,
    (None, "decision"): Decision,
    ("police_contact", "kind"): PoliceContactKind,
    ("coach_contact", "kind"): CoachContactKind,
    ("plan_goal", "status"): GoalStatus,
    ("plan_action", "status"): ActionStatus,
}
_PROFESSIONAL_FIELDS = {"coach_id", "process_director_id"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    """Dutch source label."""
    old: str
    new: str
    """Old and new value as Dutch text; "" for none (or erased)."""


@dataclass(frozen=True)
class HistoryRow:
    seq: int
    at: dt.datetime
    """When, in UTC (timezone-aware)."""
    user_name: str
    action: str
    action_label: str
    table: str | None
    subject_label: str
    record_id: uuid.UUID | None
    changes: tuple[FieldChange, ...]


def _record_ids(
    case: Case, guardians: Iterable[uuid.UUID], contacts: Iterable[uuid.UUID]
) -> set[uuid.UUID]:
    return {case.youth_id, case.registration_id, *guardians, *contacts}


def case_history(ctx: ServiceContext, case_id: uuid.UUID, *, limit: int = 2000) -> list[HistoryRow]:
    """Every audit entry about the case and its youth's records, newest first."""
    with ctx.store.read() as session:
        require_case(session, ctx.user, case_id)
        case = live_row(session, Case, case_id, "de casus")
        guardians = session.scalars(select(Guardian.id).where(Guardian.youth_id == case.youth_id))
        contacts = session.scalars(
            select(PoliceContact.id).where(
                PoliceContact.youth_id == case.youth_id,
                or_(PoliceContact.case_id.is_(None), PoliceContact.case_id == case.id),
            )
        )
        ids = _record_ids(case, guardians, contacts)
        entries = session.execute(
            select(AuditEntry, User.display_name)
            .outerjoin(User, User.id == AuditEntry.user_id)
            .where(or_(AuditEntry.case_id == case.id, AuditEntry.record_id.in_(ids)))
            .order_by(AuditEntry.seq.desc())
            .limit(limit)
        ).all()
        names = _names(session, [entry for entry, _user in entries])
        return [_row(entry, user, names) for entry, user in entries]


def _names(session: Session, entries: list[AuditEntry]) -> dict[str, str]:
    """Professional and organisation names for the ids the entries mention (one query each)."""
    wanted: set[uuid.UUID] = set()
    for entry in entries:
        for field, values in (entry.changes or {}).items():
            if field in _PROFESSIONAL_FIELDS or field == "registrant_id":
                wanted.update(uuid.UUID(v) for v in values if isinstance(v, str))
    if not wanted:
        return {}
    names = {
        str(row_id): name
        for row_id, name in session.execute(
            select(Professional.id, Professional.name).where(Professional.id.in_(wanted))
        )
    }
    names.update(
        (str(row_id), name)
        for row_id, name in session.execute(
            select(Organisation.id, Organisation.name).where(Organisation.id.in_(wanted))
        )
    )
    return names


def _row(entry: AuditEntry, user: str | None, names: dict[str, str]) -> HistoryRow:
    table = entry.table_name
    changes = tuple(
        FieldChange(
            field,
            FIELD_LABELS[field],
            _value(table, field, values[0], names),
            _value(table, field, values[1], names),
        )
        for field, values in (entry.changes or {}).items()
        if field in FIELD_LABELS and isinstance(values, list) and len(values) == 2
    )
    return HistoryRow(
        seq=entry.seq,
        at=entry.at.replace(tzinfo=dt.UTC),
        user_name=user or "(onbekend)",
        action=entry.action,
        action_label=ACTION_LABELS.get(entry.action, entry.action),
        table=table,
        subject_label=TABLE_LABELS.get(table or "", table or ""),
        record_id=entry.record_id,
        changes=changes,
    )


def _value(table: str | None, field: str, value: object, names: dict[str, str]) -> str:
    """One recorded value as a person reads it."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    enum_cls = _ENUMS.get((table, field)) or _ENUMS.get((None, field))
    if enum_cls is not None:
        try:
            return enum_cls(value).label
        except ValueError:
            return str(value)
    if field == "neighbourhood":
        hood = BY_CODE.get(str(value))
        return hood.name if hood else str(value)
    if field in _PROFESSIONAL_FIELDS or field == "registrant_id":
        return names.get(str(value), "(onbekend)")
    if field == "household_id":
        return "gekoppeld"
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return _date_text(value)
    return str(value)


def _date_text(value: str) -> str:
    try:
        if len(value) == 10:
            return format_nl(dt.date.fromisoformat(value))
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return f"{format_nl(moment.date())} {moment:%H:%M}"
