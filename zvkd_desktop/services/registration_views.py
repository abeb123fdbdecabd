"""Read views of registrations: the list (pending ones first of all) and one with its criteria.

One joined query per list, so the registration screens stay fast however many there are. Both
hold only what the user may see (``access.registration_filter``): everything for a coordinator or
process director, the registrations of their own youths for a coach.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import Row, Select, select

from zvkd_desktop.domain.criteria import CriteriaAssessment
from zvkd_desktop.domain.vocabulary import Decision
from zvkd_desktop.services.access import registration_filter, require_registration
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.registrations import assess_registration
from zvkd_desktop.services.validation import live_row
from zvkd_desktop.store.models import Case, Organisation, Registration, Youth

__all__ = [
    "RegistrationDetail",
    "RegistrationRow",
    "get_registration",
    "list_registrations",
    "pending_registrations",
]


@dataclass(frozen=True)
class RegistrationRow:
    id: uuid.UUID
    youth_id: uuid.UUID
    youth_name: str
    registered_on: dt.date
    registrant_name: str
    age_at_registration: int
    is_reregistration: bool
    decision: Decision
    decided_on: dt.date | None
    case_id: uuid.UUID | None
    days_waiting: int
    """Days since registration as of today; only meaningful while pending."""


@dataclass(frozen=True)
class RegistrationDetail:
    id: uuid.UUID
    youth_id: uuid.UUID
    youth_name: str
    registered_on: dt.date
    registrant_id: uuid.UUID
    registrant_name: str
    registrant_contact: str | None
    age_at_registration: int
    police_contacts: bool
    serious_concerns: bool
    police_or_concerns_note: str | None
    multiple_domains: bool
    multiple_domains_note: str | None
    cross_chain: bool
    cross_chain_note: str | None
    age_note: str | None
    is_reregistration: bool
    previous_case_id: uuid.UUID | None
    decision: Decision
    decided_on: dt.date | None
    decision_reason: str | None
    follow_up: str | None
    case_id: uuid.UUID | None
    assessment: CriteriaAssessment | None
    """``None`` once the date of birth is erased (the stored age still says how old)."""


def _youth_name(first: str | None, last: str | None, erased: dt.datetime | None) -> str:
    return "(gewist)" if erased else " ".join(p for p in (first, last) if p)


def _row_query() -> Select[tuple[object, ...]]:
    return (
        select(
            Registration.id,
            Registration.youth_id,
            Youth.first_name,
            Youth.last_name,
            Youth.erased_at,
            Registration.registered_on,
            Organisation.name,
            Registration.age_at_registration,
            Registration.is_reregistration,
            Registration.decision,
            Registration.decided_on,
            Case.id,
        )
        .join(Youth, Youth.id == Registration.youth_id)
        .join(Organisation, Organisation.id == Registration.registrant_id)
        .outerjoin(Case, (Case.registration_id == Registration.id) & Case.deleted_at.is_(None))
        .where(Registration.deleted_at.is_(None))
        .order_by(Registration.registered_on, Registration.created_at)
    )


def _to_row(row: Row[tuple[object, ...]], today: dt.date) -> RegistrationRow:
    (
        reg_id,
        youth_id,
        first,
        last,
        erased,
        registered_on,
        registrant,
        age,
        rereg,
        decision,
        decided_on,
        case_id,
    ) = row
    return RegistrationRow(
        id=reg_id,
        youth_id=youth_id,
        youth_name=_youth_name(first, last, erased),
        registered_on=registered_on,
        registrant_name=registrant,
        age_at_registration=age,
        is_reregistration=rereg,
        decision=decision,
        decided_on=decided_on,
        case_id=case_id,
        days_waiting=max(0, (today - registered_on).days),
    )


def list_registrations(
    ctx: ServiceContext, *, youth_id: uuid.UUID | None = None, decision: Decision | None = None
) -> list[RegistrationRow]:
    query = _row_query()
    if youth_id is not None:
        query = query.where(Registration.youth_id == youth_id)
    if decision is not None:
        query = query.where(Registration.decision == decision)
    visible = registration_filter(ctx.user)
    if visible is not None:
        query = query.where(visible)
    today = ctx.today()
    with ctx.store.read() as session:
        return [_to_row(row, today) for row in session.execute(query)]


def pending_registrations(ctx: ServiceContext) -> list[RegistrationRow]:
    """Registrations waiting for a decision, oldest first."""
    return list_registrations(ctx, decision=Decision.PENDING)


def get_registration(ctx: ServiceContext, registration_id: uuid.UUID) -> RegistrationDetail:
    with ctx.store.read() as session:
        require_registration(session, ctx.user, registration_id)
        r = live_row(session, Registration, registration_id, "de aanmelding")
        youth = session.get(Youth, r.youth_id)
        assert youth is not None
        case_id = session.scalar(
            select(Case.id).where(Case.registration_id == r.id, Case.deleted_at.is_(None))
        )
        assessment = assess_registration(youth, r) if youth.date_of_birth is not None else None
        return RegistrationDetail(
            id=r.id,
            youth_id=r.youth_id,
            youth_name=youth.display_name,
            registered_on=r.registered_on,
            registrant_id=r.registrant_id,
            registrant_name=r.registrant.name,
            registrant_contact=r.registrant_contact,
            age_at_registration=r.age_at_registration,
            police_contacts=r.police_contacts,
            serious_concerns=r.serious_concerns,
            police_or_concerns_note=r.police_or_concerns_note,
            multiple_domains=r.multiple_domains,
            multiple_domains_note=r.multiple_domains_note,
            cross_chain=r.cross_chain,
            cross_chain_note=r.cross_chain_note,
            age_note=r.age_note,
            is_reregistration=r.is_reregistration,
            previous_case_id=r.previous_case_id,
            decision=r.decision,
            decided_on=r.decided_on,
            decision_reason=r.decision_reason,
            follow_up=r.follow_up,
            case_id=case_id,
            assessment=assessment,
        )
