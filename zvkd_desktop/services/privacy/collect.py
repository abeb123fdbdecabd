"""The subject-access data of one youth, read in one session: every row the store holds about
them (tombstoned rows included and marked), as JSON-ready dicts. See inzage for the why."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.neighbourhoods import BY_CODE
from zvkd_desktop.services.meetings.kinds import DecisionKind
from zvkd_desktop.services.meetings.views import describe
from zvkd_desktop.services.privacy.retention import audit_entries_of
from zvkd_desktop.store.models import (
    ActionItem,
    AgendaItem,
    AuditEntry,
    Case,
    CategoryPeriod,
    CoachAssignment,
    CoachContact,
    Guardian,
    Household,
    Meeting,
    MeetingDecision,
    Organisation,
    PlanAction,
    PlanGoal,
    PlanVersion,
    PoliceContact,
    Professional,
    Registration,
    Reopening,
    Review,
    ReviewProgress,
    User,
    Youth,
)

__all__ = ["FORMAT", "VERSION", "collect"]

FORMAT = "zvkd-inzage"
VERSION = 1


def _value(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if hasattr(value, "label"):  # vocabulary enums: the code; the label goes alongside
        return value.value
    return value


def _row(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    """The fields of a row as JSON values, each coded vocabulary value with its Dutch label."""
    data: dict[str, Any] = {}
    for name in fields:
        value = getattr(obj, name)
        data[name] = _value(value)
        if hasattr(value, "label"):
            data[f"{name}_label"] = value.label
    data["removed_at"] = _value(obj.deleted_at)
    return data


def _names(session: Session, model: Any, ids: set[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    label = model.display_name if model is User else model.name
    return dict(session.execute(select(model.id, label).where(model.id.in_(wanted))).all())


def _youth(session: Session, youth: Youth) -> dict[str, Any]:
    data = _row(youth, ("first_name", "last_name", "date_of_birth", "birth_year", "gender",
                        "street", "house_number", "postcode", "city", "phone", "neighbourhood",
                        "notes", "erased_at"))  # fmt: skip
    data["neighbourhood_name"] = BY_CODE.get(youth.neighbourhood, BY_CODE["unknown"]).name
    data["id"] = str(youth.id)
    # the keyed pseudonym is derived from name and date of birth, so it is theirs to see too
    data["pseudonym"] = youth.pseudonym.hex() if youth.pseudonym else None
    return data


def _household(session: Session, youth: Youth) -> dict[str, Any] | None:
    if youth.household_id is None:
        return None
    household = session.get(Household, youth.household_id)
    siblings = session.execute(
        select(Youth.first_name, Youth.last_name, Youth.erased_at)
        .where(Youth.household_id == youth.household_id, Youth.id != youth.id,
               Youth.deleted_at.is_(None))
        .order_by(Youth.birth_year)
    ).all()  # fmt: skip
    return {
        "note": household.note if household else None,
        "siblings": [
            {"name": "(gewist)" if erased else " ".join(p for p in (first, last) if p)}
            for first, last, erased in siblings
        ],
    }


def _registrations(session: Session, youth_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Registration, Organisation.name)
        .join(Organisation, Organisation.id == Registration.registrant_id)
        .where(Registration.youth_id == youth_id)
        .order_by(Registration.registered_on, Registration.created_at)
    ).all()
    result = []
    for registration, registrant in rows:
        data = _row(registration, (
            "registered_on", "registrant_contact", "age_at_registration", "police_contacts",
            "serious_concerns", "police_or_concerns_note", "multiple_domains",
            "multiple_domains_note", "cross_chain", "cross_chain_note", "age_note",
            "is_reregistration", "previous_case_id", "decision", "decided_on", "decision_reason",
            "follow_up"))  # fmt: skip
        data["id"] = str(registration.id)
        data["registrant"] = registrant
        result.append(data)
    return result


def _police_contacts(session: Session, youth_id: uuid.UUID) -> list[dict[str, Any]]:
    contacts = session.scalars(
        select(PoliceContact).where(PoliceContact.youth_id == youth_id)
        .order_by(PoliceContact.contact_on, PoliceContact.created_at)
    )  # fmt: skip
    return [_row(c, ("contact_on", "kind", "negative", "note", "case_id")) for c in contacts]


def _plans(session: Session, case_id: uuid.UUID) -> list[dict[str, Any]]:
    versions = []
    for version in session.scalars(
        select(PlanVersion).where(PlanVersion.case_id == case_id).order_by(PlanVersion.number)
    ):
        data = _row(version, ("number", "saved_at", "author_name", "summary"))
        goals = []
        for goal in session.scalars(
            select(PlanGoal).where(PlanGoal.version_id == version.id).order_by(PlanGoal.position)
        ):
            goal_data = _row(goal, ("life_domain", "description", "status"))
            goal_data["actions"] = [
                _row(a, ("description", "responsible_partner", "due_on", "status"))
                for a in session.scalars(
                    select(PlanAction).where(PlanAction.goal_id == goal.id)
                    .order_by(PlanAction.position)
                )  # fmt: skip
            ]
            goals.append(goal_data)
        data["goals"] = goals
        versions.append(data)
    return versions


def _reviews(session: Session, case_id: uuid.UUID) -> list[dict[str, Any]]:
    result = []
    for review in session.scalars(
        select(Review).where(Review.case_id == case_id).order_by(Review.reviewed_on)
    ):
        data = _row(review, ("reviewed_on", "decisions", "next_review_on"))
        data["progress"] = [
            _row(p, ("life_domain", "progress"))
            for p in session.scalars(
                select(ReviewProgress).where(ReviewProgress.review_id == review.id)
                .order_by(ReviewProgress.created_at)
            )  # fmt: skip
        ]
        result.append(data)
    return result


def _case(session: Session, case: Case) -> dict[str, Any]:
    data = _row(case, (
        "registration_id", "admitted_on", "category", "street_strength", "reoffence_advice",
        "review_cadence_weeks", "next_review_on", "closed_on", "closure_reason",
        "closure_reason_text", "relocation_municipality", "relocation_informed_on", "transferred",
        "handover_note"))  # fmt: skip
    data["id"] = str(case.id)
    periods = list(session.scalars(select(CategoryPeriod).where(
        CategoryPeriod.case_id == case.id).order_by(CategoryPeriod.from_date)))  # fmt: skip
    assignments = list(session.scalars(select(CoachAssignment).where(
        CoachAssignment.case_id == case.id).order_by(CoachAssignment.from_date)))  # fmt: skip
    contacts = list(session.scalars(select(CoachContact).where(
        CoachContact.case_id == case.id).order_by(CoachContact.contact_on)))  # fmt: skip
    people = _names(session, Professional,
                    {case.coach_id, case.process_director_id,
                     *(a.coach_id for a in assignments), *(c.coach_id for c in contacts)})  # fmt: skip
    data["coach"] = people.get(case.coach_id) if case.coach_id else None
    data["process_director"] = (
        people.get(case.process_director_id) if case.process_director_id else None
    )
    data["category_history"] = [_row(p, ("from_date", "category", "note")) for p in periods]
    data["coach_history"] = [
        {**_row(a, ("from_date", "until_date")), "coach": people.get(a.coach_id)}
        for a in assignments
    ]
    data["reopenings"] = [
        _row(r, ("reopened_on", "reason", "undone_closed_on", "undone_reason",
                 "undone_reason_text"))
        for r in session.scalars(select(Reopening).where(Reopening.case_id == case.id)
                                 .order_by(Reopening.reopened_on))
    ]  # fmt: skip
    data["plan_versions"] = _plans(session, case.id)
    data["coach_contacts"] = [
        {**_row(c, ("contact_on", "kind", "note")), "coach": people.get(c.coach_id)}  # type: ignore[arg-type]
        for c in contacts
    ]
    data["reviews"] = _reviews(session, case.id)
    return data


def _meeting_items(
    session: Session, case_ids: list[uuid.UUID], registration_ids: list[uuid.UUID]
) -> list[dict[str, Any]]:
    rows = session.execute(
        select(AgendaItem, Meeting.held_on)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(AgendaItem.case_id.in_(case_ids) | AgendaItem.registration_id.in_(registration_ids))
        .order_by(Meeting.held_on, AgendaItem.position)
    ).all()
    result = []
    for item, held_on in rows:
        data = _row(item, ("section", "text", "case_id", "registration_id", "removed"))
        data["held_on"] = held_on.isoformat()
        data["decisions"] = [
            {**_row(d, ("kind", "payload", "applied", "refusal")), "description": _describe(d)}
            for d in session.scalars(select(MeetingDecision).where(
                MeetingDecision.item_id == item.id).order_by(MeetingDecision.created_at))
        ]  # fmt: skip
        data["actions"] = [
            _row(a, ("description", "owner", "due_on", "done"))
            for a in session.scalars(select(ActionItem).where(ActionItem.item_id == item.id)
                                     .order_by(ActionItem.created_at))
        ]  # fmt: skip
        result.append(data)
    return result


def _describe(decision: MeetingDecision) -> str:
    """The decision in a Dutch sentence, as the meeting screens word it."""
    try:
        kind = DecisionKind(decision.kind)
    except ValueError:
        return decision.kind
    try:
        return describe(kind, decision.payload or {})
    except ValueError:  # an erased or hand-edited payload: the kind still says what it was
        return kind.label


def _audit(session: Session, youth_id: uuid.UUID) -> list[dict[str, Any]]:
    seqs = sorted(audit_entries_of(session, [youth_id]))
    entries: list[AuditEntry] = []
    for start in range(0, len(seqs), 500):
        entries += session.scalars(
            select(AuditEntry).where(AuditEntry.seq.in_(seqs[start : start + 500]))
        )
    entries.sort(key=lambda e: e.seq)
    users = _names(session, User, {e.user_id for e in entries})
    return [
        {
            "seq": e.seq,
            "at": e.at.isoformat(),
            "user": users.get(e.user_id) if e.user_id else None,
            "action": e.action,
            "table": e.table_name,
            "record_id": str(e.record_id) if e.record_id else None,
            "case_id": str(e.case_id) if e.case_id else None,
            "changes": e.changes,
        }
        for e in entries
    ]


def collect(session: Session, youth: Youth, made_on: dt.date, made_by: str) -> dict[str, Any]:
    cases = list(session.scalars(
        select(Case).where(Case.youth_id == youth.id).order_by(Case.admitted_on)))  # fmt: skip
    registrations = _registrations(session, youth.id)
    return {
        "format": FORMAT,
        "version": VERSION,
        "made_on": made_on.isoformat(),
        "made_by": made_by,
        "youth": _youth(session, youth),
        "guardians": [
            _row(g, ("name", "relation", "phone", "email", "address", "note"))
            for g in session.scalars(select(Guardian).where(Guardian.youth_id == youth.id)
                                     .order_by(Guardian.created_at))
        ],  # fmt: skip
        "household": _household(session, youth),
        "registrations": registrations,
        "police_contacts": _police_contacts(session, youth.id),
        "cases": [_case(session, case) for case in cases],
        "meeting_items": _meeting_items(
            session, [c.id for c in cases], [uuid.UUID(r["id"]) for r in registrations]
        ),
        "audit": _audit(session, youth.id),
    }
