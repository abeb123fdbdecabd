"""The plain facts the yearly summary counts: only what privacy erasure keeps.

Erasure removes names, dates of birth, addresses and notes; it keeps dates, categories, reasons,
registrants, the neighbourhood, the birth year and the re-registration link. These tuples carry
nothing else, so a figure cannot depend on erased data (and erasure cannot change a figure).
Plain tuples also keep the counting fast and testable without a store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple


class RegistrationFact(NamedTuple):
    registered_on: dt.date
    is_reregistration: bool
    decision: str
    """A :class:`~zvkd_desktop.domain.vocabulary.Decision` value."""
    decided_on: dt.date | None
    registrant: str
    """The registering organisation's name (an organisation, never a person)."""
    neighbourhood: str


class CategorySpan(NamedTuple):
    from_date: dt.date
    category: str


class CoachSpan(NamedTuple):
    from_date: dt.date
    until_date: dt.date | None
    """Inclusive, as the casework services write it."""
    coach: str
    """The coach's name: staff, not a youth, so it may be shown."""


class CaseFact(NamedTuple):
    admitted_on: dt.date
    closed_on: dt.date | None
    """The current closure only; closures undone by a reopening are in :class:`ReopeningFact`."""
    closure_reason: str | None
    registration_year: int
    neighbourhood: str
    categories: tuple[CategorySpan, ...]
    """Sorted by date; never empty (the case's own category stands in for a missing history)."""
    coaches: tuple[CoachSpan, ...]
    """Sorted by date; may be empty, then ``current_coach`` is the best knowledge."""
    current_coach: str | None


class ReopeningFact(NamedTuple):
    reopened_on: dt.date
    undone_closed_on: dt.date
    undone_reason: str


@dataclass(frozen=True)
class StoreFacts:
    registrations: tuple[RegistrationFact, ...] = ()
    cases: tuple[CaseFact, ...] = ()
    reopenings: tuple[ReopeningFact, ...] = ()
    years: tuple[int, ...] = field(default=())
    """Every calendar year with a registration, admission, closure, move or reopening."""

    @property
    def first_registration_year(self) -> int | None:
        if not self.registrations and not self.cases:
            return None
        years = [r.registered_on.year for r in self.registrations]
        years += [c.registration_year for c in self.cases]
        return min(years)


def years_of(
    registrations: tuple[RegistrationFact, ...],
    cases: tuple[CaseFact, ...],
    reopenings: tuple[ReopeningFact, ...],
) -> tuple[int, ...]:
    """The contiguous run of years from the first to the last dated event (gaps included)."""
    seen: set[int] = {r.registered_on.year for r in registrations}
    for case in cases:
        seen.add(case.admitted_on.year)
        if case.closed_on is not None:
            seen.add(case.closed_on.year)
        seen.update(span.from_date.year for span in case.categories[1:])
    seen.update(r.reopened_on.year for r in reopenings)
    if not seen:
        return ()
    return tuple(range(min(seen), max(seen) + 1))
