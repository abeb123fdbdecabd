"""Test data written straight into a store: youths, registrations and admitted cases.

Small on purpose: just enough rows for the casework services (plans, contacts, reviews, signals)
to work on, the way an admission leaves them (registration decided, case, first category period,
first coach assignment). ``bulk_cases`` inserts thousands of cases in one statement per table.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.dates import age_on
from zvkd_desktop.domain.vocabulary import Category, ClosureReason, Decision, OrganisationKind
from zvkd_desktop.store.models import (
    Case,
    CategoryPeriod,
    CoachAssignment,
    Organisation,
    Registration,
    Youth,
)
from zvkd_desktop.store.store import Store

BORN = dt.date(2006, 5, 14)


@dataclass(frozen=True)
class CaseRefs:
    youth_id: uuid.UUID
    registration_id: uuid.UUID
    case_id: uuid.UUID | None


def _police(session: Session) -> uuid.UUID:
    """The registrant: the police organisation, created when the store has none yet."""
    found = session.scalar(
        select(Organisation.id).where(Organisation.kind == OrganisationKind.POLICE).limit(1)
    )
    if found is not None:
        return found
    police = Organisation(id=uuid.uuid4(), name="Politie Delft", kind=OrganisationKind.POLICE)
    session.add(police)
    return police.id


def _youth(
    session: Session, youth_id: uuid.UUID | None, first_name: str, date_of_birth: dt.date
) -> Youth:
    if youth_id is not None:
        youth = session.get(Youth, youth_id)
        assert youth is not None
        return youth
    youth = Youth(
        id=uuid.uuid4(),
        first_name=first_name,
        last_name="de Jong",
        date_of_birth=date_of_birth,
        birth_year=date_of_birth.year,
        neighbourhood="buitenhof",
    )
    session.add(youth)
    return youth


def add_youth(store: Store, *, first_name: str = "Sem", date_of_birth: dt.date = BORN) -> uuid.UUID:
    with store.transaction() as session:
        return _youth(session, None, first_name, date_of_birth).id


def add_case(
    store: Store,
    *,
    admitted_on: dt.date,
    youth_id: uuid.UUID | None = None,
    first_name: str = "Sem",
    date_of_birth: dt.date = BORN,
    registered_on: dt.date | None = None,
    coach_id: uuid.UUID | None = None,
    category: Category = Category.REGULAR,
    next_review_on: dt.date | None = None,
    closed_on: dt.date | None = None,
) -> CaseRefs:
    """A youth (new unless ``youth_id``) admitted on ``admitted_on``, registered 14 days earlier."""
    registered_on = registered_on or admitted_on - dt.timedelta(days=14)
    with store.transaction() as session:
        youth = _youth(session, youth_id, first_name, date_of_birth)
        registration = Registration(
            id=uuid.uuid4(),
            youth_id=youth.id,
            registered_on=registered_on,
            registrant_id=_police(session),
            age_at_registration=age_on(youth.date_of_birth or date_of_birth, registered_on),
            police_contacts=True,
            multiple_domains=True,
            cross_chain=True,
            decision=Decision.ADMITTED,
            decided_on=admitted_on,
        )
        case = Case(
            id=uuid.uuid4(),
            youth_id=youth.id,
            registration_id=registration.id,
            admitted_on=admitted_on,
            category=category,
            coach_id=coach_id,
            next_review_on=next_review_on,
            closed_on=closed_on,
            closure_reason=ClosureReason.OTHER if closed_on else None,
            closure_reason_text="Test" if closed_on else None,
        )
        session.add_all([registration, case])
        session.add(CategoryPeriod(case_id=case.id, category=category, from_date=admitted_on))
        if coach_id is not None:
            session.add(CoachAssignment(case_id=case.id, coach_id=coach_id, from_date=admitted_on))
        return CaseRefs(youth.id, registration.id, case.id)


def add_pending_registration(
    store: Store,
    *,
    registered_on: dt.date,
    first_name: str = "Noah",
    date_of_birth: dt.date = BORN,
) -> CaseRefs:
    with store.transaction() as session:
        youth = _youth(session, None, first_name, date_of_birth)
        registration = Registration(
            id=uuid.uuid4(),
            youth_id=youth.id,
            registered_on=registered_on,
            registrant_id=_police(session),
            age_at_registration=age_on(date_of_birth, registered_on),
        )
        session.add(registration)
        return CaseRefs(youth.id, registration.id, None)


def bulk_cases(
    store: Store, count: int, *, admitted_on: dt.date, date_of_birth: dt.date = BORN
) -> list[CaseRefs]:
    """``count`` admitted cases in one INSERT per table (for the many-cases tests)."""
    refs = [CaseRefs(uuid.uuid4(), uuid.uuid4(), uuid.uuid4()) for _ in range(count)]
    registered_on = admitted_on - dt.timedelta(days=14)
    with store.transaction() as session:
        police = _police(session)
        session.execute(
            insert(Youth),
            [
                {
                    "id": ref.youth_id,
                    "first_name": f"Jongere {n}",
                    "date_of_birth": date_of_birth,
                    "birth_year": date_of_birth.year,
                    "neighbourhood": "voorhof",
                }
                for n, ref in enumerate(refs)
            ],
        )
        session.execute(
            insert(Registration),
            [
                {
                    "id": ref.registration_id,
                    "youth_id": ref.youth_id,
                    "registered_on": registered_on,
                    "registrant_id": police,
                    "age_at_registration": age_on(date_of_birth, registered_on),
                    "decision": Decision.ADMITTED,
                    "decided_on": admitted_on,
                }
                for ref in refs
            ],
        )
        session.execute(
            insert(Case),
            [
                {
                    "id": ref.case_id,
                    "youth_id": ref.youth_id,
                    "registration_id": ref.registration_id,
                    "admitted_on": admitted_on,
                    "category": Category.REGULAR,
                }
                for ref in refs
            ],
        )
    return refs
