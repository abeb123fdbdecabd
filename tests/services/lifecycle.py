"""Test steps through the real services: a youth, a registration, an admitted case.

Unlike ``factories`` (rows written straight into the store), these go through the same services
the GUI calls, so the tests built on them exercise validation, audit and settings as well.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import select

from tests.services.conftest import Partners
from zvkd_desktop.domain.vocabulary import Category, PoliceContactKind
from zvkd_desktop.services import registrations, youths
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.store.models import AuditEntry, Case, PoliceContact
from zvkd_desktop.store.store import Store

BORN = dt.date(2007, 3, 1)


def new_youth(
    ctx: ServiceContext,
    *,
    first_name: str = "Sem",
    last_name: str = "van der Berg",
    date_of_birth: dt.date | None = BORN,
    **fields: object,
) -> uuid.UUID:
    return youths.create_youth(
        ctx,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date_of_birth,
        neighbourhood="buitenhof",
        **fields,  # type: ignore[arg-type]
    )


def register(
    ctx: ServiceContext,
    partners: Partners,
    youth_id: uuid.UUID,
    registered_on: dt.date,
    *,
    police_contacts: bool = True,
    serious_concerns: bool = False,
    multiple_domains: bool = True,
    cross_chain: bool = True,
) -> uuid.UUID:
    """A registration by the police; by default one that meets all four criteria."""
    return registrations.register(
        ctx,
        youth_id=youth_id,
        registered_on=registered_on,
        registrant_id=partners.police.id,
        police_contacts=police_contacts,
        serious_concerns=serious_concerns,
        police_or_concerns_note="Twee aanhoudingen winkeldiefstal",
        multiple_domains=multiple_domains,
        multiple_domains_note="School en thuis",
        cross_chain=cross_chain,
        cross_chain_note="Zorg en justitie nodig",
    )


def admitted_case(
    ctx: ServiceContext,
    partners: Partners,
    *,
    admitted_on: dt.date,
    youth_id: uuid.UUID | None = None,
    category: Category = Category.REGULAR,
) -> uuid.UUID:
    """A youth registered 10 days before ``admitted_on`` and admitted that day with coach A."""
    youth_id = youth_id or new_youth(ctx)
    registration_id = register(ctx, partners, youth_id, admitted_on - dt.timedelta(days=10))
    return registrations.decide_admit(
        ctx,
        registration_id,
        decided_on=admitted_on,
        category=category,
        coach_id=partners.coach_a.id,
    )


def add_police_contacts(
    store: Store, youth_id: uuid.UUID, dates: Sequence[dt.date], *, negative: bool = True
) -> None:
    """Police contacts written directly (their service belongs to the contacts module)."""
    with store.transaction() as session:
        for day in dates:
            session.add(
                PoliceContact(
                    youth_id=youth_id,
                    contact_on=day,
                    kind=PoliceContactKind.ARREST,
                    negative=negative,
                )
            )


def youth_of(store: Store, case_id: uuid.UUID) -> uuid.UUID:
    with store.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case.youth_id


def audit_entries(store: Store, table: str | None = None) -> list[AuditEntry]:
    with store.read() as session:
        query = select(AuditEntry).order_by(AuditEntry.seq)
        if table is not None:
            query = query.where(AuditEntry.table_name == table)
        return list(session.scalars(query))
