"""Which youths are due for erasure, and the preview of what will go.

The chamber's policy is in its annual report: once a case is closed and the process director's
monitoring stops, "daarna wissen we de privacygegevens". The AVG says the same in general
(art. 5(1)(e), storage limitation: keep personal data no longer than needed for the purpose).
So the default retention after closure is 0 months (services.settings ``retention_months``); a
chamber that wants time to undo a wrongly closed case sets a few months.

A youth is due on ``on`` when, counting only what is not tombstoned:
- they have no running case and no registration waiting for a decision, and
- their involvement has ended: the latest of their cases' closure dates, the decision dates of
  their not-admitted registrations and the dates their withdrawn registrations were withdrawn
  (or the date the youth record itself was removed), and
- that end date plus ``retention_months`` calendar months (domain.dates.add_months: clamped to
  the month's end) lies on or before ``on``, and
- their data has not been erased yet.
A youth entered but never registered is not due: that record is still being worked on (and
``youths.remove_youth`` removes it; a removed record is due like any other).

The preview names every youth due, so only a coordinator may ask for it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.dates import add_months
from zvkd_desktop.domain.vocabulary import Decision, UserRole
from zvkd_desktop.services.access import require_role
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.privacy.scope import (
    GROUPS,
    PARTS,
    column,
    owned,
    payload_texts,
    subject_of,
)
from zvkd_desktop.services.settings import get_settings_from_session
from zvkd_desktop.store.models import AuditEntry, Case, MeetingDecision, Registration, Youth

__all__ = [
    "ErasureItem",
    "ErasurePreviewRow",
    "due_for_erasure",
    "due_youth_ids",
    "erasure_due_on",
    "preview",
]

CHUNK = 400
"""Youths per batch of set-based statements (SQLite's bound-parameter limit is far above)."""


@dataclass(frozen=True)
class ErasureItem:
    """One line of what will go: a stable key, a Dutch label, the fields and how many values."""

    key: str
    label: str
    fields: tuple[str, ...]
    count: int


@dataclass(frozen=True)
class ErasurePreviewRow:
    """A youth due for erasure. The name is shown so the coordinator sees who; it is the last
    time the program shows it."""

    youth_id: uuid.UUID
    name: str
    birth_year: int
    ended_on: dt.date
    """The end of the youth's involvement (closure, decision not to admit, withdrawal)."""
    due_on: dt.date
    """``ended_on`` plus the retention period."""
    items: tuple[ErasureItem, ...]

    @property
    def total(self) -> int:
        return sum(item.count for item in self.items)


def erasure_due_on(ended_on: dt.date, retention_months: int) -> dt.date:
    return add_months(ended_on, retention_months)


def chunks(ids: Sequence[uuid.UUID]) -> Iterable[Sequence[uuid.UUID]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _ended(session: Session) -> tuple[dict[uuid.UUID, dt.date], set[uuid.UUID]]:
    """Per youth not yet erased: the end of their involvement, and the youths with open work."""
    ended: dict[uuid.UUID, dt.date] = {}
    busy: set[uuid.UUID] = set()

    def later(youth_id: uuid.UUID, day: dt.date | None) -> None:
        if day is not None and (youth_id not in ended or day > ended[youth_id]):
            ended[youth_id] = day

    not_erased = Youth.erased_at.is_(None)
    for youth_id, closed, running in session.execute(
        select(Case.youth_id, func.max(Case.closed_on), func.count(Case.id) - func.count(Case.closed_on))
        .join(Youth, Youth.id == Case.youth_id)
        .where(Case.deleted_at.is_(None), not_erased)
        .group_by(Case.youth_id)
    ):
        later(youth_id, closed)
        if running:
            busy.add(youth_id)
    for youth_id, decision, decided, withdrawn in session.execute(
        select(Registration.youth_id, Registration.decision, Registration.decided_on,
               Registration.deleted_at)
        .join(Youth, Youth.id == Registration.youth_id)
        .where(not_erased, or_(Registration.decision != Decision.ADMITTED,
                               Registration.deleted_at.is_not(None)))
    ):  # fmt: skip
        if withdrawn is not None:
            later(youth_id, withdrawn.date())
        elif decision == Decision.PENDING:
            busy.add(youth_id)
        else:
            later(youth_id, decided)
    for youth_id, removed in session.execute(
        select(Youth.id, Youth.deleted_at).where(not_erased, Youth.deleted_at.is_not(None))
    ):
        later(youth_id, removed.date())
    return ended, busy


def due_youth_ids(session: Session, on: dt.date) -> list[tuple[uuid.UUID, dt.date, dt.date]]:
    """(youth id, ended on, due on) of every youth due for erasure on ``on``, oldest first."""
    months = get_settings_from_session(session).retention_months
    ended, busy = _ended(session)
    due = [
        (youth_id, end, erasure_due_on(end, months))
        for youth_id, end in ended.items()
        if youth_id not in busy
    ]
    return sorted((row for row in due if row[2] <= on), key=lambda row: (row[1], str(row[0])))


def _has_value(value: object) -> bool:
    return any(v is not None for v in value) if isinstance(value, list) else value is not None


def audit_entries_of(session: Session, youth_ids: Sequence[uuid.UUID]) -> dict[int, uuid.UUID]:
    """seq → youth of every audit entry about a record of these youths."""
    entries: dict[int, uuid.UUID] = {}
    for part in PARTS:
        record_ids = owned(part.model, youth_ids, part.model.id).subquery()
        rows = session.execute(
            select(record_ids.c.subject_id, AuditEntry.seq).join(
                AuditEntry, AuditEntry.record_id == record_ids.c.id
            )
        )
        entries.update((seq, youth_id) for youth_id, seq in rows)
    cases = owned(Case, youth_ids, Case.id).subquery()
    rows = session.execute(
        select(cases.c.subject_id, AuditEntry.seq).join(AuditEntry, AuditEntry.case_id == cases.c.id)
    )
    entries.update((seq, youth_id) for youth_id, seq in rows)
    return entries


def _audit_counts(session: Session, youth_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Per youth: the audit entries about their records that still hold values."""
    entries = audit_entries_of(session, youth_ids)
    counts: dict[uuid.UUID, int] = defaultdict(int)
    seqs = sorted(entries)
    for start in range(0, len(seqs), 500):
        rows = session.execute(
            select(AuditEntry.seq, AuditEntry.changes).where(
                AuditEntry.seq.in_(seqs[start : start + 500])
            )
        )
        for seq, changes in rows:
            if changes and any(_has_value(v) for v in changes.values()):
                counts[entries[seq]] += 1
    return counts


def _group_counts(
    session: Session, youth_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, dict[str, int]]:
    counts: dict[uuid.UUID, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for group in GROUPS:
        for model, fields in group.columns:
            if group.key == "guardians":  # people, not fields: count the guardians
                present = or_(*(column(model, f).is_not(None) for f in fields))
                query = owned(model, youth_ids, func.count(model.id)).where(present)
            else:
                query = owned(model, youth_ids, *(func.count(column(model, f)) for f in fields))
            for youth_id, *numbers in session.execute(query.group_by(subject_of(model))):
                counts[youth_id][group.key] += sum(numbers)
    for youth_id, payload in session.execute(
        owned(MeetingDecision, youth_ids, MeetingDecision.payload)
    ):
        counts[youth_id]["meeting_texts"] += payload_texts(payload)
    return counts


def preview(session: Session, due: Sequence[tuple[uuid.UUID, dt.date, dt.date]]) -> list[
    ErasurePreviewRow
]:
    """The preview rows of these youths, in a fixed number of queries per batch."""
    rows: list[ErasurePreviewRow] = []
    for batch in chunks([youth_id for youth_id, _end, _due in due]):
        counts = _group_counts(session, batch)
        audit = _audit_counts(session, batch)
        people = {
            youth_id: (first, last, year, household)
            for youth_id, first, last, year, household in session.execute(
                select(Youth.id, Youth.first_name, Youth.last_name, Youth.birth_year,
                       Youth.household_id).where(Youth.id.in_(list(batch)))
            )
        }  # fmt: skip
        for youth_id, end, due_on in (row for row in due if row[0] in set(batch)):
            first, last, year, household = people[youth_id]
            items = [
                ErasureItem(
                    group.key,
                    group.label,
                    tuple(f for _model, fields in group.columns for f in fields),
                    counts[youth_id][group.key],
                )
                for group in GROUPS
            ]
            items.append(
                ErasureItem("household", "Koppeling met broers en zussen", ("household_id",),
                            int(household is not None))
            )  # fmt: skip
            items.append(
                ErasureItem("audit_values", "Oude en nieuwe waarden in het logboek",
                            ("changes",), audit.get(youth_id, 0))
            )  # fmt: skip
            name = " ".join(p for p in (first, last) if p) or "(naam onbekend)"
            rows.append(
                ErasurePreviewRow(youth_id, name, year, end, due_on,
                                  tuple(i for i in items if i.count))
            )  # fmt: skip
    return rows


def due_for_erasure(ctx: ServiceContext, on: dt.date) -> list[ErasurePreviewRow]:
    """The youths due for erasure on ``on``, each with what will go. Writes nothing."""
    require_role(ctx.user, UserRole.COORDINATOR)
    with ctx.store.read() as session:
        return preview(session, due_youth_ids(session, on))
