"""The demo world as plain data: youths, registrations and cases with their dated events.

The planner (``skeleton``) fills these in without any notion of "today"; the detail streams
(``details``) add contacts, reviews and plans; ``rows`` cuts everything at the reference day and
turns it into table rows. Keeping the world free of the database makes the generator easy to test
and makes "the same world, cut at another day" a one-line comparison.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta

from zvkd_desktop.domain.dates import add_months
from zvkd_desktop.domain.vocabulary import (
    ActionStatus,
    Category,
    ClosureReason,
    CoachContactKind,
    GoalStatus,
    LifeDomain,
    PoliceContactKind,
)

DAY = timedelta(days=1)
FIRST_MEETING = date(2017, 1, 10)
"""The first core-team meeting of the PAD (a Tuesday); the team meets every other week."""


class Calendar:
    """The core team's meeting days: every other Tuesday, none over Christmas.

    Decisions (admission, closure, category moves) and reviews happen in meetings, so they all
    fall on these days, as they would in the real minutes.
    """

    def __init__(self, until: date) -> None:
        days: list[date] = []
        day = FIRST_MEETING
        while day <= until:
            if not ((day.month == 12 and day.day >= 24) or (day.month == 1 and day.day == 1)):
                days.append(day)
            day += timedelta(days=14)
        self.days = days

    def on_or_after(self, day: date) -> date:
        index = bisect.bisect_left(self.days, day)
        if index == len(self.days):
            return self.days[-1] + timedelta(days=14 * (1 + (day - self.days[-1]).days // 14))
        return self.days[index]

    def between(self, first: date, last: date) -> list[date]:
        """Meeting days from ``first`` to ``last``, both included."""
        lo = bisect.bisect_left(self.days, first)
        hi = bisect.bisect_right(self.days, last)
        return self.days[lo:hi]


def police_free_cutoff(closure: date, months: int = 6) -> date:
    """The latest day a negative contact may fall on for a police-free closure on ``closure``.

    The closure rule allows the closure from E = R + months + 1 day; this is the largest R with
    E <= closure, found by stepping around the calendar arithmetic rather than inverting it
    (month-end clamping makes the inverse ambiguous).
    """
    last = closure - DAY
    day = add_months(last, -months)
    while add_months(day + DAY, months) <= last:
        day += DAY
    while add_months(day, months) > last:
        day -= DAY
    return day


def earliest_police_free(admitted_on: date, months: int = 6) -> date:
    return add_months(admitted_on, months) + DAY


@dataclass
class GuardianPlan:
    name: str
    relation: str
    phone: str | None
    email: str | None
    address: str | None


@dataclass
class YouthPlan:
    index: int
    key: str
    background: str
    gender: str
    first_name: str
    last_name: str
    date_of_birth: date
    neighbourhood: str
    street: str | None
    house_number: str | None
    postcode: str | None
    phone: str | None
    guardians: list[GuardianPlan] = field(default_factory=list)
    household: int | None = None
    notes: str | None = None
    relocated: bool = False


@dataclass
class Closure:
    on: date
    reason: ClosureReason
    text: str | None = None
    municipality: str | None = None
    informed_on: date | None = None
    transferred: bool | None = None
    handover: str | None = None


@dataclass
class ReopeningPlan:
    closure: Closure
    reopened_on: date
    reason: str


@dataclass
class RegistrationPlan:
    index: int
    key: str
    youth: YouthPlan
    registered_on: date
    registrant: str
    registrant_contact: str
    police_contacts: bool
    serious_concerns: bool
    multiple_domains: bool
    cross_chain: bool
    domains: tuple[LifeDomain, ...]
    decided_on: date
    admitted: bool
    decision_reason: str | None = None
    follow_up: str | None = None
    previous_case: CasePlan | None = None
    case: CasePlan | None = None
    police: list[PoliceEvent] = field(default_factory=list)  # the contacts that led to it


@dataclass
class PoliceEvent:
    on: date
    kind: PoliceContactKind
    negative: bool
    note: str


@dataclass
class CoachEvent:
    on: date
    kind: CoachContactKind
    note: str


@dataclass
class ReviewEvent:
    on: date
    next_on: date | None
    decisions: str
    progress: list[tuple[LifeDomain, str]]


@dataclass
class ActionPlan:
    description: str
    partner: str
    due_on: date
    status: ActionStatus


@dataclass
class GoalPlan:
    domain: LifeDomain
    description: str
    status: GoalStatus
    actions: list[ActionPlan]


@dataclass
class PlanVersionEvent:
    on: date
    hour: int
    summary: str
    goals: list[GoalPlan]


@dataclass
class CasePlan:
    index: int
    key: str
    registration: RegistrationPlan
    admitted_on: date
    periods: list[tuple[date, Category, str | None]]
    director: str
    coaches: list[tuple[date, str]] = field(default_factory=list)
    closure: Closure | None = None
    reopening: ReopeningPlan | None = None
    street_strength: bool = False
    protect_until: date | None = None
    # shaping for the signals on fixed days (see scenarios): reviews planned inside a window are
    # held after it, coach contacts inside a window do not reach the youth, forced police contacts
    postpone_reviews: list[tuple[date, date]] = field(default_factory=list)
    unreached: list[tuple[date, date]] = field(default_factory=list)
    forced_police: list[PoliceEvent] = field(default_factory=list)
    # detail streams (see details)
    police: list[PoliceEvent] = field(default_factory=list)
    contacts: list[CoachEvent] = field(default_factory=list)
    reviews: list[ReviewEvent] = field(default_factory=list)
    plans: list[PlanVersionEvent] = field(default_factory=list)
    advice: str | None = None

    @property
    def youth(self) -> YouthPlan:
        return self.registration.youth

    def category_on(self, day: date) -> Category:
        current = self.periods[0][1]
        for start, category, _note in self.periods:
            if start <= day:
                current = category
        return current

    def running_on(self, day: date) -> bool:
        return self.admitted_on <= day and (self.closure is None or self.closure.on > day)

    def coach_on(self, day: date) -> str:
        current = self.coaches[0][1]
        for start, coach in self.coaches:
            if start <= day:
                current = coach
        return current

    def gap(self) -> tuple[date, date] | None:
        """The days the case stood wrongly closed, before it was reopened."""
        if self.reopening is None:
            return None
        return (self.reopening.closure.on, self.reopening.reopened_on)

    def quiet_windows(self) -> list[tuple[date, date]]:
        """Periods without negative police contacts, so every police-free closure is valid."""
        windows = []
        closures = [self.closure] if self.closure else []
        if self.reopening:
            closures.append(self.reopening.closure)
        for closure in closures:
            if closure.reason.needs_police_free_period:
                windows.append((police_free_cutoff(closure.on) + DAY, closure.on))
        return windows


@dataclass
class World:
    calendar: Calendar
    youths: list[YouthPlan]
    registrations: list[RegistrationPlan]
    cases: list[CasePlan]
    horizon: date
