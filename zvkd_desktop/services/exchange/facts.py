"""What the import needs to know about the rows already in the store, gathered set-based.

An import may add to a store that already holds data: its rows may refer to youths or cases
there, and must not reuse their ids. These few column queries (no ORM objects, no query per row)
give the checks the same view of stored rows as of the file's rows.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from zvkd_desktop.services.exchange.spec import all_collections
from zvkd_desktop.services.settings import get_settings_from_session
from zvkd_desktop.store import models as m

Values = dict[str, Any]


@dataclass
class StoreFacts:
    ids: dict[str, set[uuid.UUID]] = field(default_factory=dict)  # by table
    rows: dict[str, dict[uuid.UUID, Values]] = field(default_factory=dict)  # by table, by id
    police_contacts: dict[uuid.UUID, list[Values]] = field(default_factory=dict)  # by youth
    coach_assignments: dict[uuid.UUID, list[Values]] = field(default_factory=dict)  # by case
    setting_keys: set[str] = field(default_factory=set)
    plan_numbers: set[tuple[uuid.UUID, int]] = field(default_factory=set)
    policy_months: int = 6


_LOOKUP_COLUMNS: dict[type[m.SyncRow], tuple[str, ...]] = {
    m.Youth: ("date_of_birth", "deleted_at"),
    m.Registration: ("youth_id", "registered_on", "decision", "deleted_at"),
    m.Case: ("youth_id", "registration_id", "admitted_on", "closed_on", "deleted_at"),
}


def gather(session: Session) -> StoreFacts:
    facts = StoreFacts()
    for collection in all_collections():
        table = collection.model.__table__  # type: ignore[attr-defined]
        facts.ids[collection.table] = set(session.scalars(select(table.c.id)))
    for model, names in _LOOKUP_COLUMNS.items():
        table = model.__table__  # type: ignore[attr-defined]
        columns = [table.c.id, *(table.c[name] for name in names)]
        facts.rows[table.name] = {
            row[0]: dict(zip(names, row[1:], strict=True))
            for row in session.execute(select(*columns))
        }
    police: dict[uuid.UUID, list[Values]] = defaultdict(list)
    for youth_id, contact_on, negative in session.execute(
        select(
            m.PoliceContact.youth_id, m.PoliceContact.contact_on, m.PoliceContact.negative
        ).where(m.PoliceContact.deleted_at.is_(None))
    ):
        police[youth_id].append({"contact_on": contact_on, "negative": negative})
    facts.police_contacts = dict(police)
    coaches: dict[uuid.UUID, list[Values]] = defaultdict(list)
    for case_id, from_date, until_date in session.execute(
        select(
            m.CoachAssignment.case_id, m.CoachAssignment.from_date, m.CoachAssignment.until_date
        ).where(m.CoachAssignment.deleted_at.is_(None))
    ):
        coaches[case_id].append({"from_date": from_date, "until_date": until_date, "path": None})
    facts.coach_assignments = dict(coaches)
    facts.setting_keys = set(session.scalars(select(m.Setting.key)))
    facts.plan_numbers = {
        (case_id, number)
        for case_id, number in session.execute(select(m.PlanVersion.case_id, m.PlanVersion.number))
    }
    facts.policy_months = get_settings_from_session(session).policy_months
    return facts
