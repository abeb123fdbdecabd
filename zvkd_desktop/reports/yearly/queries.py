"""Set-based reads of the store into :mod:`.facts`: one SELECT per table, columns as tuples.

Only columns that privacy erasure keeps are read (dates, categories, reasons, registrants, the
neighbourhood, the re-registration flag); never a name, date of birth, address or note of a
youth. Tombstoned rows (``deleted_at``) do not count. Reading columns instead of ORM objects is
what keeps the summary fast on a store a hundred times the demo (see the benchmark).

The facts are those of the cases and registrations the store's user may see
(``services.access``): a coordinator's or process director's summary counts everything, a coach's
only their own cases (those they are or were the coach of) and their youths' registrations. The
rule is a clause in each query, so a coach's summary is as fast as anyone's.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, String, select, type_coerce
from sqlalchemy.orm import Session, aliased

from zvkd_desktop.domain.vocabulary import Category
from zvkd_desktop.reports.yearly.facts import (
    CaseFact,
    CategorySpan,
    CoachSpan,
    RegistrationFact,
    ReopeningFact,
    StoreFacts,
    years_of,
)
from zvkd_desktop.services.access import case_filter, registration_filter
from zvkd_desktop.store.models import (
    Case,
    CategoryPeriod,
    CoachAssignment,
    Organisation,
    Professional,
    Registration,
    Reopening,
    Youth,
)
from zvkd_desktop.store.store import CurrentUser, Store


def _visible(clause: ColumnElement[bool] | None) -> list[ColumnElement[Any]]:
    """The access clause as a list to splat into ``where`` (empty: the user sees all)."""
    return [] if clause is None else [clause]


def _registrations(session: Session, user: CurrentUser) -> tuple[RegistrationFact, ...]:
    rows = session.connection().execute(
        select(
            Registration.registered_on,
            Registration.is_reregistration,
            Registration.decision,
            Registration.decided_on,
            Organisation.name,
            Youth.neighbourhood,
        )
        .join(Organisation, Registration.registrant_id == Organisation.id)
        .join(Youth, Registration.youth_id == Youth.id)
        .where(Registration.deleted_at.is_(None), *_visible(registration_filter(user)))
    )
    return tuple(
        RegistrationFact(on, bool(again), str(decision.value), decided, name, hood or "unknown")
        for on, again, decision, decided, name, hood in rows
    )


def _key(column: object) -> object:
    """A UUID column as its stored text: the facts only compare keys, and turning 60 000 of
    them into uuid.UUID objects was half the time of the whole summary on a large store."""
    return type_coerce(column, String())


def _category_history(session: Session, user: CurrentUser) -> dict[str, list[CategorySpan]]:
    history: dict[str, list[CategorySpan]] = defaultdict(list)
    rows = session.connection().execute(
        select(_key(CategoryPeriod.case_id), CategoryPeriod.from_date, CategoryPeriod.category)
        .where(
            CategoryPeriod.deleted_at.is_(None),
            *_visible(case_filter(user, CategoryPeriod.case_id)),
        )
        .order_by(CategoryPeriod.case_id, CategoryPeriod.from_date, CategoryPeriod.created_at)
    )
    for case_id, from_date, category in rows:
        history[case_id].append(CategorySpan(from_date, str(category.value)))
    return history


def _coach_history(session: Session, user: CurrentUser) -> dict[str, list[CoachSpan]]:
    history: dict[str, list[CoachSpan]] = defaultdict(list)
    rows = session.connection().execute(
        select(
            _key(CoachAssignment.case_id),
            CoachAssignment.from_date,
            CoachAssignment.until_date,
            Professional.name,
        )
        .join(Professional, CoachAssignment.coach_id == Professional.id)
        .where(
            CoachAssignment.deleted_at.is_(None),
            *_visible(case_filter(user, CoachAssignment.case_id)),
        )
        .order_by(CoachAssignment.case_id, CoachAssignment.from_date, CoachAssignment.created_at)
    )
    for case_id, from_date, until_date, name in rows:
        history[case_id].append(CoachSpan(from_date, until_date, name))
    return history


def _cases(session: Session, user: CurrentUser) -> tuple[CaseFact, ...]:
    categories = _category_history(session, user)
    coaches = _coach_history(session, user)
    coach = aliased(Professional)
    rows = session.connection().execute(
        select(
            _key(Case.id),
            Case.admitted_on,
            Case.closed_on,
            Case.closure_reason,
            Case.category,
            Registration.registered_on,
            Youth.neighbourhood,
            coach.name,
        )
        .join(Registration, Case.registration_id == Registration.id)
        .join(Youth, Case.youth_id == Youth.id)
        .outerjoin(coach, Case.coach_id == coach.id)
        .where(Case.deleted_at.is_(None), *_visible(case_filter(user)))
    )
    facts = []
    for case_id, admitted, closed, reason, category, registered, hood, coach_name in rows:
        if closed is not None and closed < admitted:
            closed = admitted  # the same clamp as figures.stock_flow: one truth for every figure
        history = categories.get(case_id)
        if not history:
            history = [CategorySpan(admitted, str(Category(category).value))]
        facts.append(
            CaseFact(
                admitted,
                closed,
                reason.value if reason is not None else None,
                registered.year,
                hood or "unknown",
                tuple(history),
                tuple(coaches.get(case_id, ())),
                coach_name,
            )
        )
    return tuple(facts)


def _reopenings(session: Session, user: CurrentUser) -> tuple[ReopeningFact, ...]:
    rows = session.connection().execute(
        select(Reopening.reopened_on, Reopening.undone_closed_on, Reopening.undone_reason)
        .join(Case, Reopening.case_id == Case.id)
        .where(
            Reopening.deleted_at.is_(None),
            Case.deleted_at.is_(None),
            *_visible(case_filter(user)),
        )
    )
    return tuple(ReopeningFact(on, undone, reason.value) for on, undone, reason in rows)


def load_facts(store: Store) -> StoreFacts:
    """Everything the summary counts that the store's user may see, in one read transaction.

    Making a summary is recorded by the caller (``services.access_log.record_report``), once
    the user asks for it: this read is also what the screen does while the user picks a year.
    """
    user = store.user
    with store.read() as session:
        registrations = _registrations(session, user)
        cases = _cases(session, user)
        reopenings = _reopenings(session, user)
    return StoreFacts(registrations, cases, reopenings, years_of(registrations, cases, reopenings))
