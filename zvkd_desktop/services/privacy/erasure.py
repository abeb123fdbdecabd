"""Erasure after closure: blank a youth's personal data, keep what the yearly figures count.

One transaction per run. Every personal column of the youth and of everything hanging off them
(scope.PARTS: guardians, registrations, cases, plans, contacts, reviews, meeting items) is
nulled, tombstoned rows included, because a tombstone still holds its values; guardians are
tombstoned as well. The youth leaves their household (a household left with one member
dissolves, and then its note goes too). The audit log keeps its entries and field names, but
their values are erased (services.audit.erase_values), so the chain still verifies.

What stays is what the yearly summary and the re-registration check need: dates, categories,
reasons, registrants, neighbourhood, birth year, the re-registration link, coach history, and the
keyed pseudonym (domain.pseudonym), which recognises the same person at a new registration
without keeping their name.

SQLite keeps deleted content in free space inside its pages until it is overwritten, so after the
commit the in-memory database is rebuilt with VACUUM before the store is saved: the saved file
holds no trace of the erased values. (The store's older generations are earlier, encrypted copies
and go as new saves replace them; see resources/privacy.md.)

Choosing whom to erase (:func:`erase`, the "run now") is the coordinator's. The daily check
(:func:`run_due_erasure`) runs for whoever unlocks the store: it chooses nothing, it applies the
retention setting, and waiting for a coordinator to log in would keep data past its term.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.vocabulary import Decision, UserRole
from zvkd_desktop.errors import NotFoundError, ValidationError
from zvkd_desktop.services.access import require_role
from zvkd_desktop.services.audit import erase_values, record, reseal_legacy
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.family import leave_household
from zvkd_desktop.services.privacy.retention import (
    audit_entries_of,
    chunks,
    due_youth_ids,
    preview,
)
from zvkd_desktop.services.privacy.scope import PARTS, Part, clean_payload, column, owned
from zvkd_desktop.services.validation import not_in_future
from zvkd_desktop.store.models import (
    AuditEntry,
    Case,
    Guardian,
    Household,
    MeetingDecision,
    Registration,
    Youth,
    utcnow,
)
from zvkd_desktop.store.store import Store

__all__ = ["ErasedYouth", "ErasureReport", "erase", "run_due_erasure"]


@dataclass(frozen=True)
class ErasedYouth:
    youth_id: uuid.UUID
    counts: dict[str, int]
    """Preview key (``name``, ``plan_texts``, ``audit_values`` ...) → values erased."""


@dataclass(frozen=True)
class ErasureReport:
    """What an erasure did, in counts only: after it, there are no names left to show."""

    on: dt.date
    youths: tuple[ErasedYouth, ...] = ()
    audit_entries: int = 0
    """Audit entries whose values were erased."""
    compacted: bool = True
    """The database was rebuilt (VACUUM), so no erased value lingers in free space."""
    resealed: int = 0
    """Audit entries from before sealing existed that were sealed first (once per store)."""
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.youths)


# -- refusals ------------------------------------------------------------------------------------


def _name(youth: Youth) -> str:
    return " ".join(p for p in (youth.first_name, youth.last_name) if p) or "Deze jongere"


def _check(session: Session, youth_ids: Sequence[uuid.UUID], on: dt.date) -> None:
    """Refuse the whole run when one youth cannot be erased (nothing changes then)."""
    youths = {y.id: y for y in session.scalars(select(Youth).where(Youth.id.in_(youth_ids)))}
    for youth_id in youth_ids:
        youth = youths.get(youth_id)
        if youth is None:
            raise NotFoundError(
                "Een van de gekozen jongeren bestaat niet (meer). Vernieuw het overzicht en "
                "probeer het opnieuw.",
                code="not_found",
            )
        if youth.erased_at is not None:
            raise ValidationError(
                "De gegevens van een van de gekozen jongeren zijn al gewist. Vernieuw het "
                "overzicht en probeer het opnieuw.",
                code="youth_already_erased",
            )
    for youth_id, admitted, closed in session.execute(
        select(Case.youth_id, Case.admitted_on, Case.closed_on).where(
            Case.youth_id.in_(youth_ids),
            Case.deleted_at.is_(None),
            or_(Case.closed_on.is_(None), Case.closed_on > on),
        )
    ):
        who = _name(youths[youth_id])
        if closed is None:
            raise ValidationError(
                f"{who} heeft een lopende casus (opgenomen op {format_nl(admitted)}). Sluit de "
                "casus eerst af; pas daarna kunnen de gegevens worden gewist.",
                code="youth_has_running_case",
            )
        raise ValidationError(
            f"De casus van {who} is afgesloten op {format_nl(closed)}, na de wisdatum "
            f"{format_nl(on)}. Kies een wisdatum op of na de afsluiting.",
            code="closed_after_erasure_date",
        )
    pending = session.execute(
        select(Registration.youth_id, Registration.registered_on).where(
            Registration.youth_id.in_(youth_ids),
            Registration.deleted_at.is_(None),
            Registration.decision == Decision.PENDING,
        )
    ).first()
    if pending is not None:
        raise ValidationError(
            f"{_name(youths[pending[0]])} heeft een aanmelding van "
            f"{format_nl(pending[1])} die nog op een besluit wacht. Neem eerst een besluit of "
            "trek de aanmelding in; pas daarna kunnen de gegevens worden gewist.",
            code="registration_pending",
        )


# -- the erasure itself --------------------------------------------------------------------------


def _leave_households(
    session: Session, ctx: ServiceContext, batch: Sequence[uuid.UUID]
) -> list[uuid.UUID]:
    """Take the youths out of their households; the ids of households that dissolved."""
    dissolved = []
    for youth in session.scalars(
        select(Youth).where(Youth.id.in_(batch), Youth.household_id.is_not(None))
    ):
        household_id = youth.household_id
        if household_id is None:  # left already: a sibling before them dissolved the household
            continue
        leave_household(session, ctx, youth)
        household = session.get(Household, household_id)
        if household is not None and household.deleted_at is not None:
            household.note = None  # shared with no one any more: it goes with the youth
            dissolved.append(household.id)
    session.flush()
    return dissolved


def _blank_part(session: Session, part: Part, batch: Sequence[uuid.UUID], now: dt.datetime) -> None:
    """One set-based UPDATE: the part's personal columns to NULL for the batch's rows."""
    table = part.model.__table__  # type: ignore[attr-defined]
    ids = owned(part.model, batch, part.model.id).subquery()
    values: dict[str, object] = {name: None for name in part.erased}
    touched = [column(part.model, name).is_not(None) for name in part.erased]
    if part.model is Youth:
        values["erased_at"] = now
        touched = []  # every youth of the batch: erased_at marks them all
    if part.model is Guardian:
        values["deleted_at"] = func.coalesce(table.c.deleted_at, now)
        touched.append(table.c.deleted_at.is_(None))
    statement = (
        update(table)
        .where(table.c.id.in_(select(ids.c.id)))
        .values(
            **values,
            revision=table.c.revision + 1,
            updated_at=now,
            device_id=session.info.get("device_id"),
        )
    )
    if touched:
        statement = statement.where(or_(*touched))
    session.execute(statement)


def _clean_payloads(session: Session, batch: Sequence[uuid.UUID], now: dt.datetime) -> None:
    table = MeetingDecision.__table__
    for _youth_id, decision_id, payload in session.execute(
        owned(MeetingDecision, batch, MeetingDecision.id, MeetingDecision.payload)
    ):
        cleaned = clean_payload(payload)
        if cleaned != payload:
            session.execute(
                update(table)
                .where(table.c.id == decision_id)
                .values(payload=cleaned, revision=table.c.revision + 1, updated_at=now)
            )


def _audit_entries(
    session: Session, batch: Sequence[uuid.UUID], households: Iterable[uuid.UUID]
) -> list[AuditEntry]:
    seqs = set(audit_entries_of(session, batch))
    dissolved = list(households)
    if dissolved:
        seqs.update(
            session.scalars(select(AuditEntry.seq).where(AuditEntry.record_id.in_(dissolved)))
        )
    ordered = sorted(seqs)
    entries: list[AuditEntry] = []
    for start in range(0, len(ordered), 500):
        entries += session.scalars(
            select(AuditEntry).where(AuditEntry.seq.in_(ordered[start : start + 500]))
        )
    return entries


def _compact(store: Store) -> bool:
    """Rebuild the in-memory database so freed pages keep no erased value (outside a
    transaction: VACUUM refuses to run inside one)."""
    try:
        store.db.connection.execute("VACUUM")
    except sqlite3.Error:
        return False
    return True


def erase(ctx: ServiceContext, youth_ids: Iterable[uuid.UUID], *, on: dt.date) -> ErasureReport:
    """Erase the personal data of these youths as of ``on`` (one transaction, then VACUUM).

    Refused as a whole when one of them has a running case, a case closed after ``on``, a
    registration waiting for a decision, or was erased already; and for an ``on`` after today
    (erasing early because of a mistyped date cannot be undone). Only a coordinator erases.
    """
    require_role(ctx.user, UserRole.COORDINATOR)
    return _erase(ctx, youth_ids, on=on)


def _erase(ctx: ServiceContext, youth_ids: Iterable[uuid.UUID], *, on: dt.date) -> ErasureReport:
    not_in_future(on, ctx.today(), label="de wisdatum", code="erasure_in_future")
    ids = list(dict.fromkeys(youth_ids))
    if not ids:
        return ErasureReport(on)
    now = utcnow()
    with ctx.store.transaction() as session:
        _check(session, ids, on)
        resealed = reseal_legacy(session, ctx.user)
        counts = {
            row.youth_id: {item.key: item.count for item in row.items}
            for row in preview(session, [(youth_id, on, on) for youth_id in ids])
        }
        erased_entries = 0
        for batch in chunks(ids):
            households = _leave_households(session, ctx, batch)
            for part in PARTS:
                if part.erased or part.model is Youth:
                    _blank_part(session, part, batch, now)
            _clean_payloads(session, batch, now)
            erased_entries += erase_values(session, _audit_entries(session, batch, households))
        for youth_id in ids:
            record(
                session,
                ctx.user,
                "erase",
                table=Youth.__tablename__,
                record_id=youth_id,
                changes={"on": on.isoformat(), "counts": counts.get(youth_id, {})},
            )
        session.commit()
        compacted = _compact(ctx.store)
    totals: dict[str, int] = {}
    for youth_counts in counts.values():
        for key, number in youth_counts.items():
            totals[key] = totals.get(key, 0) + number
    return ErasureReport(
        on=on,
        youths=tuple(ErasedYouth(youth_id, counts.get(youth_id, {})) for youth_id in ids),
        audit_entries=erased_entries,
        compacted=compacted,
        resealed=resealed,
        totals=totals,
    )


def run_due_erasure(ctx: ServiceContext) -> ErasureReport:
    """The daily check (at unlock, and ``zvkd erase --due --yes``): erase everyone due today.

    Nothing due, nothing written: the store is not saved for an empty run. Runs for every role
    (see the module docstring); a read-only store is left alone by the caller.
    """
    on = ctx.today()
    with ctx.store.read() as session:
        due = [youth_id for youth_id, _ended, _due in due_youth_ids(session, on)]
    return _erase(ctx, due, on=on)
