"""Small worlds for the Beheer tests, made through the real services (so the audit log is real)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select, update

from tests.services.factories import add_case, add_pending_registration
from zvkd_desktop.domain.vocabulary import ProfessionalRole, UserRole
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.partners import add_professional
from zvkd_desktop.services.youths import create_youth, update_youth
from zvkd_desktop.store.models import AuditEntry, User
from zvkd_desktop.store.store import CurrentUser, Store


def add_plain_user(store: Store, username: str, display_name: str, role: UserRole) -> User:
    """A user row without a key slot: enough to act as them in the log."""
    with store.transaction() as session:
        user = User(id=uuid.uuid4(), username=username, display_name=display_name, role=role)
        session.add(user)
    return user


def act_as(store: Store, user: User) -> CurrentUser:
    """Let the open store's user be ``user``; returns who it was."""
    before = store.user
    store.user = dataclasses.replace(
        before, id=user.id, username=user.username, display_name=user.display_name,
        role=user.role,
    )  # fmt: skip
    return before


def last_seq(store: Store) -> int:
    with store.read() as session:
        seq = session.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1))
    assert seq is not None
    return seq


def backdate(store: Store, days: dict[int, dt.date]) -> None:
    """Put log entries (seq → day) at noon (local) on their day: the log stamps the real clock.
    This breaks the hash chain, which these tests do not look at."""
    with store.transaction() as session:
        for seq, day in days.items():
            noon = dt.datetime.combine(day, dt.time(12)).astimezone().astimezone(dt.UTC)
            session.execute(
                update(AuditEntry).where(AuditEntry.seq == seq).values(at=noon.replace(tzinfo=None))
            )


@dataclass
class LogWorld:
    director: User
    youth_id: uuid.UUID
    created: int
    """Seq of the coordinator's 'youth created' (10-01-2024)."""
    updated: int
    """Seq of the director's phone change (11-01-2024)."""
    coach_added: int
    """Seq of the director's new coach (12-01-2024)."""


def log_world(ctx: ServiceContext) -> LogWorld:
    store = ctx.store
    director = add_plain_user(store, "s.bakker", "Sanne Bakker", UserRole.PROCESS_DIRECTOR)
    youth_id = create_youth(ctx, first_name="Noah", last_name="Visser",
                            date_of_birth=dt.date(2008, 2, 3), neighbourhood="buitenhof")  # fmt: skip
    created = last_seq(store)
    me = act_as(store, director)
    try:
        update_youth(ctx, youth_id, phone="0612345678")
        updated = last_seq(store)
        add_professional(ctx, name="Fatima el Amrani", role=ProfessionalRole.COACH)
        coach_added = last_seq(store)
    finally:
        store.user = me
    backdate(store, {created: dt.date(2024, 1, 10), updated: dt.date(2024, 1, 11),
                     coach_added: dt.date(2024, 1, 12)})  # fmt: skip
    return LogWorld(director, youth_id, created, updated, coach_added)


@dataclass
class ErasureWorld:
    closed: list[uuid.UUID]
    """Youths whose case closed before today: due for erasure (retention 0 months)."""
    running: uuid.UUID
    pending: uuid.UUID


def erasure_world(store: Store) -> ErasureWorld:
    first = add_case(store, admitted_on=dt.date(2022, 3, 1), first_name="Sem",
                     closed_on=dt.date(2023, 11, 30))  # fmt: skip
    second = add_case(store, admitted_on=dt.date(2022, 6, 1), first_name="Lotte",
                      date_of_birth=dt.date(2007, 9, 9), closed_on=dt.date(2024, 2, 1))  # fmt: skip
    running = add_case(store, admitted_on=dt.date(2023, 5, 1), first_name="Daan",
                       date_of_birth=dt.date(2008, 1, 1))  # fmt: skip
    pending = add_pending_registration(store, registered_on=dt.date(2024, 3, 1),
                                       first_name="Mila", date_of_birth=dt.date(2009, 4, 4))  # fmt: skip
    return ErasureWorld([first.youth_id, second.youth_id], running.youth_id, pending.youth_id)
