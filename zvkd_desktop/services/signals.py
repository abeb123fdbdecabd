"""The signals and the closable-cases list for a day, gathered from the store in bulk.

The rules live in the domain (``domain.signals.compute_signals``, ``domain.closure_rule``); this
module only reads the facts they need, with a handful of set-based queries that return plain
tuples, and groups them in Python. That keeps a 100 000-case store within seconds: no query per
case, no ORM objects.

Facts are read "as of" the day asked about where the store can tell: police and coach contacts,
reviews, registrations and decisions dated after that day are left out, the coach is the one
assigned on that day, and a case reviewed after that day is measured against the next review
planned at its last review before it. What the store cannot tell (a plan action's status on a past
day) is taken as it is now: the current plan version's open actions.

Both lists hold only the cases the user may see (``access.case_filter`` in the running-cases
query). Pending registrations are the intake's work: only a role that sees every case (the
coordinator and process directors) gets their signals.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.closure_rule import closure_status, negative_dates
from zvkd_desktop.domain.signals import (
    CaseFacts,
    PendingRegistrationFacts,
    Signal,
    SignalKind,
    compute_signals,
)
from zvkd_desktop.domain.vocabulary import ActionStatus, CoachContactKind, Decision
from zvkd_desktop.services.access import case_filter, sees_all_cases
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.settings import get_settings_from_session, signal_settings
from zvkd_desktop.store.models import (
    Case,
    CoachAssignment,
    CoachContact,
    PlanAction,
    PlanGoal,
    PlanVersion,
    PoliceContact,
    Professional,
    Registration,
    Review,
    Youth,
)
from zvkd_desktop.store.store import CurrentUser

__all__ = ["ClosableRow", "SignalRow", "closable_on", "signals_on"]

_OPEN_ACTIONS = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


@dataclass(frozen=True)
class SignalRow:
    """A signal with the names the GUI shows next to it.

    It wraps the domain's :class:`Signal` instead of copying its fields: at 100 000 cases the
    copying alone took a noticeable part of a second.
    """

    signal: Signal
    youth_name: str
    coach_name: str | None

    @property
    def kind(self) -> SignalKind:
        return self.signal.kind

    @property
    def kind_label(self) -> str:
        return self.signal.kind.label

    @property
    def since(self) -> date:
        return self.signal.since

    @property
    def reason(self) -> str:
        return self.signal.reason

    @property
    def case_id(self) -> uuid.UUID | None:
        return self.signal.case_id

    @property
    def youth_id(self) -> uuid.UUID:
        return self.signal.youth_id

    @property
    def registration_id(self) -> uuid.UUID | None:
        return self.signal.registration_id

    @property
    def coach_id(self) -> uuid.UUID | None:
        return self.signal.coach_id


@dataclass(frozen=True)
class ClosableRow:
    """Where one running case stands under the closure rule on the day asked about."""

    case_id: uuid.UUID
    youth_id: uuid.UUID
    youth_name: str
    admitted_on: date
    latest_negative_contact: date | None
    reference_date: date
    eligible_date: date
    eligible: bool
    days_to_go: int


def _display_name(first: str | None, last: str | None, erased: object) -> str:
    """Youth.display_name, from columns instead of a loaded object."""
    if erased is not None:
        return "(gewist)"
    return " ".join(filter(None, (first, last)))


def _rows(session: Session, statement: Select[Any]) -> list[tuple[Any, ...]]:
    """The rows of a bulk read exactly as stored: ids as hex text, dates as ISO text, 0/1.

    At 100 000 cases SQLAlchemy's per-value conversion (text to UUID, to date, to bool) costs more
    than the queries themselves, and most values are only grouping keys. So the statement is
    built with SQLAlchemy as usual, rendered with its own literal rendering (the parameters are
    dates and vocabulary values only) and run on the session's connection; each case and youth is
    converted once, by the caller, and only where a value leaves this module.
    """
    sql = statement.compile(
        dialect=session.get_bind().dialect, compile_kwargs={"literal_binds": True}
    )
    driver = session.connection().connection.driver_connection
    assert driver is not None
    return driver.execute(str(sql)).fetchall()


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


class _Ids:
    """Hex text to UUIDs, each converted once."""

    def __init__(self) -> None:
        self._seen: dict[str, uuid.UUID] = {}

    def __call__(self, key: str) -> uuid.UUID:
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = uuid.UUID(key)
        return found

    def optional(self, key: str | None) -> uuid.UUID | None:
        return None if key is None else self(key)


def _running_cases(session: Session, on: date, user: CurrentUser) -> list[tuple[Any, ...]]:
    """(id, youth_id, admitted_on, closed_on, coach_id, next_review_on, cadence weeks,
    date_of_birth, birth_year, first_name, last_name, erased_at) of every case running on
    ``on`` that ``user`` may see, as stored (see :func:`_rows`)."""
    visible = case_filter(user)
    return _rows(
        session,
        select(
            Case.id,
            Case.youth_id,
            Case.admitted_on,
            Case.closed_on,
            Case.coach_id,
            Case.next_review_on,
            Case.review_cadence_weeks,
            Youth.date_of_birth,
            Youth.birth_year,
            Youth.first_name,
            Youth.last_name,
            Youth.erased_at,
        )
        .join(Youth, Youth.id == Case.youth_id)
        .where(
            Case.deleted_at.is_(None),
            Youth.deleted_at.is_(None),
            Case.admitted_on <= on,
            or_(Case.closed_on.is_(None), Case.closed_on > on),
            *([] if visible is None else [visible]),
        ),
    )


def _negative_contacts(session: Session, on: date) -> dict[str, list[date]]:
    """Negative police contact dates per youth key, up to ``on``.

    All of them, not just the latest: the "new contact since the last review" rule needs every
    date. The negative filter is the closure rule's own (``negative_dates``).
    """
    pairs: dict[str, list[tuple[date, bool]]] = defaultdict(list)
    rows = _rows(
        session,
        select(PoliceContact.youth_id, PoliceContact.contact_on, PoliceContact.negative).where(
            PoliceContact.deleted_at.is_(None), PoliceContact.contact_on <= on
        ),
    )
    fromiso = date.fromisoformat
    for youth_key, contact_on, negative in rows:
        pairs[youth_key].append((fromiso(contact_on), bool(negative)))
    return {youth_key: negative_dates(dates) for youth_key, dates in pairs.items()}


@dataclass(frozen=True)
class _ReviewFacts:
    last: dict[str, str]
    """case key → the last review on or before the day (ISO text)"""
    later: set[str]
    """cases reviewed after the day: their current next review date was planned after it"""
    planned_then: dict[str, str | None]
    """for those: the next review planned at their last review on or before the day"""


def _review_facts(session: Session, on: date) -> _ReviewFacts:
    live = Review.deleted_at.is_(None)
    last: dict[str, str] = dict(
        _rows(  # type: ignore[arg-type]
            session,
            select(Review.case_id, func.max(Review.reviewed_on))
            .where(live, Review.reviewed_on <= on)
            .group_by(Review.case_id),
        )
    )
    reviewed_later = select(Review.case_id).where(live, Review.reviewed_on > on)
    later = {key for (key,) in _rows(session, reviewed_later.distinct())}
    planned_then: dict[str, str | None] = {}
    # usually nothing for today; for a day in the past, only the cases reviewed after it
    rows = _rows(
        session,
        select(Review.case_id, Review.next_review_on)
        .where(live, Review.reviewed_on <= on, Review.case_id.in_(reviewed_later))
        .order_by(Review.reviewed_on, Review.created_at),
    )
    for case_key, next_on in rows:
        planned_then[case_key] = next_on  # the last one wins
    return _ReviewFacts(last, later, planned_then)


def _last_coach_contacts(session: Session, on: date) -> dict[str, str]:
    """Per case key, the latest contact (ISO text) that reached the youth: an attempt that did
    not reach them is not contact, so it must not silence the "no coach contact" signal."""
    return dict(
        _rows(  # type: ignore[arg-type]
            session,
            select(CoachContact.case_id, func.max(CoachContact.contact_on))
            .where(
                CoachContact.deleted_at.is_(None),
                CoachContact.contact_on <= on,
                CoachContact.kind != CoachContactKind.NOT_REACHED,
            )
            .group_by(CoachContact.case_id),
        )
    )


def _open_action_due_dates(session: Session) -> dict[str, list[date]]:
    """Due dates of open actions in each case's current (latest live) plan version."""
    current = (
        select(PlanVersion.case_id, func.max(PlanVersion.number).label("number"))
        .where(PlanVersion.deleted_at.is_(None))
        .group_by(PlanVersion.case_id)
        .subquery()
    )
    rows = _rows(
        session,
        select(PlanVersion.case_id, PlanAction.due_on)
        .join(
            current,
            and_(PlanVersion.case_id == current.c.case_id, PlanVersion.number == current.c.number),
        )
        .join(PlanGoal, PlanGoal.version_id == PlanVersion.id)
        .join(PlanAction, PlanAction.goal_id == PlanGoal.id)
        .where(
            PlanVersion.deleted_at.is_(None),
            PlanGoal.deleted_at.is_(None),
            PlanAction.deleted_at.is_(None),
            PlanAction.status.in_(_OPEN_ACTIONS),
            PlanAction.due_on.is_not(None),
        ),
    )
    due: dict[str, list[date]] = defaultdict(list)
    for case_key, due_on in rows:
        due[case_key].append(date.fromisoformat(due_on))
    return due


def _coaches_on(session: Session, on: date) -> dict[str, str | None]:
    """Per case key with a coach history: the coach key assigned on ``on`` (None when none was)."""
    day = on.isoformat()  # ISO text compares like the dates it stands for
    latest: dict[str, tuple[str, str, str | None]] = {}
    coach_of: dict[str, str | None] = {}
    rows = _rows(
        session,
        select(
            CoachAssignment.case_id,
            CoachAssignment.coach_id,
            CoachAssignment.from_date,
            CoachAssignment.until_date,
        ).where(CoachAssignment.deleted_at.is_(None)),
    )
    for case_key, coach_key, from_date, until_date in rows:
        coach_of.setdefault(case_key, None)
        if from_date <= day and (case_key not in latest or from_date >= latest[case_key][0]):
            latest[case_key] = (from_date, coach_key, until_date)
    for case_key, (_from, coach_key, until_date) in latest.items():
        coach_of[case_key] = coach_key if until_date is None or until_date >= day else None
    return coach_of


def _pending_registrations(session: Session, on: date) -> list[tuple[Any, ...]]:
    """(id, youth_id, registered_on, first, last, erased_at) of registrations undecided on ``on``
    (a decision dated after ``on`` had not been taken yet), as stored."""
    return _rows(
        session,
        select(
            Registration.id,
            Registration.youth_id,
            Registration.registered_on,
            Youth.first_name,
            Youth.last_name,
            Youth.erased_at,
        )
        .join(Youth, Youth.id == Registration.youth_id)
        .where(
            Registration.deleted_at.is_(None),
            Youth.deleted_at.is_(None),
            Registration.registered_on <= on,
            or_(
                Registration.decision == Decision.PENDING,
                and_(Registration.decided_on.is_not(None), Registration.decided_on > on),
            ),
        ),
    )


def signals_on(
    ctx: ServiceContext, on: date, *, coach_id: uuid.UUID | None = None
) -> list[SignalRow]:
    """Every signal on ``on`` of the cases the user may see, in the domain's order; with
    ``coach_id`` only that coach's cases (pending registrations have no coach yet, so they are
    left out then, and for every user who does not see all cases)."""
    with_pending = coach_id is None and sees_all_cases(ctx.user)
    with ctx.store.read() as session:
        settings = signal_settings(get_settings_from_session(session))
        running = _running_cases(session, on, ctx.user)
        contacts = _negative_contacts(session, on)
        review_facts = _review_facts(session, on)
        coach_contacts = _last_coach_contacts(session, on)
        actions = _open_action_due_dates(session)
        coaches = _coaches_on(session, on)
        pending_rows = _pending_registrations(session, on) if with_pending else []
        coach_names = dict(session.execute(select(Professional.id, Professional.name)).all())

    ids = _Ids()
    wanted_coach = coach_id.hex if coach_id is not None else None
    # name parts per youth; only the youths that get a signal have their name put together
    names: dict[uuid.UUID, tuple[str | None, str | None, object]] = {}
    facts: list[CaseFacts] = []
    fromiso = date.fromisoformat
    for (
        case_key,
        youth_key,
        admitted_text,
        closed_text,
        case_coach,
        next_review_text,
        cadence_weeks,
        birth_text,
        birth_year,
        first,
        last,
        erased_at,
    ) in running:
        coach = coaches[case_key] if case_key in coaches else case_coach
        if wanted_coach is not None and coach != wanted_coach:
            continue
        youth_id = ids(youth_key)
        names[youth_id] = (first, last, erased_at)
        admitted_on = fromiso(admitted_text)
        if case_key in review_facts.later:
            # the case's current date was planned after ``on``: use the one planned back then,
            # at its last review before ``on`` or, without one, at admission
            if case_key in review_facts.planned_then:
                planned = _day(review_facts.planned_then[case_key])
            else:
                planned = admitted_on + timedelta(weeks=cadence_weeks)
        else:
            planned = _day(next_review_text)
        facts.append(
            CaseFacts(
                case_id=ids(case_key),
                youth_id=youth_id,
                admitted_on=admitted_on,
                closed_on=_day(closed_text),
                date_of_birth=_day(birth_text),
                birth_year=birth_year,
                negative_police_contacts=tuple(contacts.get(youth_key, ())),
                last_review_on=_day(review_facts.last.get(case_key)),
                next_review_on=planned,
                last_coach_contact_on=_day(coach_contacts.get(case_key)),
                open_action_due_dates=tuple(actions.get(case_key, ())),
                coach_id=ids.optional(coach),
            )
        )
    pending: list[PendingRegistrationFacts] = []
    for registration_key, youth_key, registered_text, first, last, erased_at in pending_rows:
        youth_id = ids(youth_key)
        names[youth_id] = (first, last, erased_at)
        pending.append(
            PendingRegistrationFacts(ids(registration_key), youth_id, fromiso(registered_text))
        )

    return [
        SignalRow(
            signal,
            _display_name(*names[signal.youth_id]),
            coach_names.get(signal.coach_id) if signal.coach_id is not None else None,
        )
        for signal in compute_signals(on, facts, pending, settings)
    ]


def closable_on(ctx: ServiceContext, on: date) -> list[ClosableRow]:
    """Every case running on ``on`` (that the user may see) with its R, E and whether it may be
    closed under the rule, the soonest eligible first."""
    with ctx.store.read() as session:
        months = get_settings_from_session(session).policy_months
        running = _running_cases(session, on, ctx.user)
        contacts = _negative_contacts(session, on)
    rows: list[ClosableRow] = []
    for case_key, youth_key, admitted_text, *_case, first, last, erased_at in running:
        admitted_on = date.fromisoformat(admitted_text)
        status = closure_status(admitted_on, contacts.get(youth_key, ()), on=on, months=months)
        rows.append(
            ClosableRow(
                case_id=uuid.UUID(case_key),
                youth_id=uuid.UUID(youth_key),
                youth_name=_display_name(first, last, erased_at),
                admitted_on=admitted_on,
                latest_negative_contact=status.latest_negative_contact,
                reference_date=status.reference_date,
                eligible_date=status.eligible_date,
                eligible=status.is_eligible(on),
                days_to_go=status.days_to_go(on),
            )
        )
    rows.sort(key=lambda row: (row.eligible_date, row.case_id.int))
    return rows
