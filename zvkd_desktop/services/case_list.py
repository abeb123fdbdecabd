"""The case list ("Casussen"): one flat row per case with everything the list shows and filters on.

Built for 100 000 cases: four set-based queries that return plain tuples (cases with their youth,
coach names, the latest police contact per case and flag, and the signals service's own bulk
read), then one pass in Python. No ORM objects, no query per case. Ids are read as their stored
hex text and turned into UUIDs once per case (the ORM's conversion of every id column was a third
of the time), and a row is a NamedTuple: a frozen dataclass with 19 fields takes ten times as
long to create, which at 100 000 rows is more than a second.

Every figure is "as of ``on``": a case admitted after ``on`` is left out, a case closed after
``on`` was still running then. For a closed case the clock stops at its closure date: days
police-free and the eligible date are as they stood on that day, because a police contact after
closure belongs to the youth's next case (a re-registration), not to this one.

Need-to-know: a coach's list holds only the cases they are or were the coach of, a partner's the
cases of their meetings (``access.case_filter``, inside the same set-based query).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, datetime
from typing import Literal, NamedTuple

from sqlalchemy import String, or_, select, type_coerce
from sqlalchemy.sql.elements import ColumnElement

from zvkd_desktop.domain.closure_rule import closure_status, negative_dates
from zvkd_desktop.domain.dates import age_on
from zvkd_desktop.domain.neighbourhoods import BY_CODE
from zvkd_desktop.domain.signals import SignalKind
from zvkd_desktop.domain.vocabulary import Category, Labelled
from zvkd_desktop.services import access
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.settings import get_settings_from_session
from zvkd_desktop.services.signals import signals_on
from zvkd_desktop.store.models import Case, PoliceContact, Professional, Youth

__all__ = ["CaseRow", "CaseStatus", "StatusChoice", "case_rows"]

StatusChoice = Literal["running", "closed", "all"]
_UNKNOWN_HOOD = BY_CODE["unknown"]
_NO_SIGNALS: frozenset[SignalKind] = frozenset()


class CaseStatus(Labelled):
    RUNNING = "running", "Lopend"
    CLOSED = "closed", "Afgesloten"


_RUNNING, _CLOSED = CaseStatus.RUNNING, CaseStatus.CLOSED
_CATEGORIES = {category.value: category for category in Category}


class CaseRow(NamedTuple):
    """One case as the case list shows it on the day it was built for (immutable).

    ``age_is_estimate`` is set when only the birth year is known (after erasure, or never
    recorded): the age may then be one year too high. ``signals`` holds the kinds of the signals
    the case has on that day (only running cases have any).
    """

    case_id: uuid.UUID
    youth_id: uuid.UUID
    youth_name: str
    age: int | None
    age_is_estimate: bool
    neighbourhood: str
    neighbourhood_name: str
    category: Category
    coach_id: uuid.UUID | None
    coach_name: str | None
    admitted_on: date
    latest_police_contact_on: date | None
    reference_date: date
    police_free_days: int
    eligible_on: date
    next_review_on: date | None
    status: CaseStatus
    closed_on: date | None
    signals: frozenset[SignalKind]

    @property
    def is_running(self) -> bool:
        return self.status is CaseStatus.RUNNING


def case_rows(ctx: ServiceContext, *, on: date, status: StatusChoice = "all") -> list[CaseRow]:
    """The cases admitted on or before ``on`` (running, closed or all, as they stood on ``on``),
    ordered by youth name and then admission date."""
    if status not in ("running", "closed", "all"):
        raise ValueError(f"case_rows: unknown status {status!r}")
    running_on: ColumnElement[bool] = or_(Case.closed_on.is_(None), Case.closed_on > on)
    conditions: list[ColumnElement[bool]] = [
        Case.deleted_at.is_(None),
        Youth.deleted_at.is_(None),
        Case.admitted_on <= on,
    ]
    if status == "running":
        conditions.append(running_on)
    elif status == "closed":
        conditions.append(Case.closed_on <= on)
    visible = access.case_filter(ctx.user)
    if visible is not None:
        conditions.append(visible)
    contact_conditions: list[ColumnElement[bool]] = [
        PoliceContact.deleted_at.is_(None),
        PoliceContact.contact_on <= on,
    ]
    of_visible_youths = access.youth_filter(ctx.user, PoliceContact.youth_id)
    if of_visible_youths is not None:
        contact_conditions.append(of_visible_youths)

    with ctx.store.read() as session:
        months = get_settings_from_session(session).policy_months
        # Core, not the ORM's result loading: plain tuples, about twice as fast at this size.
        connection = session.connection()
        cases = connection.execute(
            select(_hex(Case.id), _hex(Case.youth_id), Case.admitted_on, Case.closed_on,
                   _text(Case.category), _hex(Case.coach_id), Case.next_review_on,
                   Youth.first_name, Youth.last_name, Youth.erased_at, Youth.date_of_birth,
                   Youth.birth_year, Youth.neighbourhood)
            .join(Youth, Youth.id == Case.youth_id)
            .where(*conditions)
        ).all()  # fmt: skip
        coaches: dict[str | None, tuple[uuid.UUID | None, str | None]] = {None: (None, None)}
        for coach_hex, coach_name in connection.execute(
            select(_hex(Professional.id), Professional.name)
        ):
            coaches[coach_hex] = (uuid.UUID(hex=coach_hex), coach_name)
        # Every police contact up to ``on``, per youth: a case's own cut-off (its closure date)
        # is applied by ``closure_status(on=...)``. Grouping per case in SQL instead took
        # seconds at 100 000 cases.
        pairs: dict[str, list[tuple[date, bool]]] = defaultdict(list)
        for youth_hex, contact_on, negative in connection.execute(
            select(
                _hex(PoliceContact.youth_id), PoliceContact.contact_on, PoliceContact.negative
            ).where(*contact_conditions)
        ):
            pairs[youth_hex].append((contact_on, bool(negative)))
    negatives = {youth_hex: negative_dates(found) for youth_hex, found in pairs.items()}

    signals = _signal_kinds(ctx, on) if status != "closed" else {}
    rows: list[CaseRow] = []
    append = rows.append
    for (case_hex, youth_hex, admitted_on, closed_on, category, coach_hex, next_review_on, first,
         last, erased_at, date_of_birth, birth_year, hood_code) in cases:  # fmt: skip
        closed = closed_on is not None and closed_on <= on
        last_day = closed_on if closed else on
        rule = closure_status(admitted_on, negatives.get(youth_hex, ()), on=last_day, months=months)
        age, estimate = _age(date_of_birth, birth_year, erased_at, on)
        hood = BY_CODE.get(hood_code, _UNKNOWN_HOOD)
        coach_id, coach_name = coaches.get(coach_hex) or (uuid.UUID(hex=coach_hex), None)
        append(
            CaseRow(
                case_id=uuid.UUID(hex=case_hex),
                youth_id=uuid.UUID(hex=youth_hex),
                youth_name=_display_name(first, last, erased_at),
                age=age,
                age_is_estimate=estimate,
                neighbourhood=hood.code,
                neighbourhood_name=hood.name,
                category=_CATEGORIES[category],
                coach_id=coach_id,
                coach_name=coach_name,
                admitted_on=admitted_on,
                latest_police_contact_on=rule.latest_negative_contact,
                reference_date=rule.reference_date,
                police_free_days=(last_day - rule.reference_date).days,
                eligible_on=rule.eligible_date,
                next_review_on=next_review_on,
                status=_CLOSED if closed else _RUNNING,
                closed_on=closed_on if closed else None,
                signals=_NO_SIGNALS if closed else signals.get(case_hex, _NO_SIGNALS),
            )
        )
    rows.sort(key=_name_then_admission)
    return rows


def _text(column: ColumnElement[Category]) -> ColumnElement[str]:
    """An enum column as its stored code (looked up in a dict: faster than the ORM's check)."""
    return type_coerce(column, String)


def _hex(column: ColumnElement[uuid.UUID | None]) -> ColumnElement[str]:
    """An id column as its stored hex text (turned into a UUID only where the row needs one)."""
    return type_coerce(column, String)


def _signal_kinds(ctx: ServiceContext, on: date) -> dict[str, frozenset[SignalKind]]:
    """The signal kinds per case (by hex id) on ``on``, from the signals service (the one
    source of them)."""
    kinds: dict[str, set[SignalKind]] = defaultdict(set)
    for signal in signals_on(ctx, on):
        if signal.case_id is not None:
            kinds[signal.case_id.hex].add(signal.kind)
    return {case_hex: frozenset(found) for case_hex, found in kinds.items()}


def _display_name(first: str | None, last: str | None, erased_at: datetime | None) -> str:
    """Youth.display_name, from columns instead of a loaded object."""
    if erased_at is not None:
        return "(gewist)"
    if first and last:
        return f"{first} {last}"
    return first or last or ""


def _age(
    date_of_birth: date | None, birth_year: int, erased_at: datetime | None, on: date
) -> tuple[int | None, bool]:
    """(age on ``on``, whether it is an estimate from the birth year alone)."""
    if erased_at is None and date_of_birth is not None:
        return (age_on(date_of_birth, on), False) if on >= date_of_birth else (None, False)
    years = on.year - birth_year
    return (years, True) if years >= 0 else (None, True)


def _name_then_admission(row: CaseRow) -> tuple[str, date]:
    return (row.youth_name.casefold(), row.admitted_on)
