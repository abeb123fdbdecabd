"""The counting for the yearly summary, exactly as DOMAIN.md ("Counting for the yearly summary").

Pure functions over the plain facts of :mod:`.facts`; no store, no Qt, no clock. Every flow and
stock comes from the same per-case (admitted_on, closed_on) pairs in one pass
(:func:`stock_flow`), so running(end Y-1) + admitted(Y) - closed(Y) = running(end Y) holds by
construction, not by luck.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from zvkd_desktop.domain.neighbourhoods import NEIGHBOURHOODS, area_of
from zvkd_desktop.domain.vocabulary import Category, ClosureReason, Decision
from zvkd_desktop.reports.yearly.facts import CaseFact, RegistrationFact, StoreFacts

Span = tuple[dt.date, dt.date | None]


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


class StockFlow(NamedTuple):
    running_at_start: int
    """Running on 31 December of the year before."""
    admitted: int
    closed: int
    running_at_end: int


def _clamped(admitted_on: dt.date, closed_on: dt.date | None) -> dt.date | None:
    """A closure dated before the admission (a typing error) counts as closed on admission."""
    if closed_on is not None and closed_on < admitted_on:
        return admitted_on
    return closed_on


def stock_flow(spans: Iterable[Span], year: int) -> StockFlow:
    """Stocks and flows of ``year`` from (admitted_on, closed_on) pairs.

    A case takes part in the year when it was admitted by 31 December and not closed before
    1 January. Each such case was either running at the start or admitted in the year, and is
    either closed in the year or running at the end: that is the identity.
    """
    before = year_end(year - 1)
    end = year_end(year)
    at_start = admitted = closed = 0
    for admitted_on, closed_on in spans:
        closed_on = _clamped(admitted_on, closed_on)
        if admitted_on > end or (closed_on is not None and closed_on <= before):
            continue
        if admitted_on <= before:
            at_start += 1
        else:
            admitted += 1
        if closed_on is not None and closed_on <= end:
            closed += 1
    return StockFlow(at_start, admitted, closed, at_start + admitted - closed)


def running_on(spans: Iterable[Span], day: dt.date) -> int:
    """Admitted on or before ``day`` and not closed on or before it (the DOMAIN.md wording)."""
    count = 0
    for admitted_on, closed_on in spans:
        closed_on = _clamped(admitted_on, closed_on)
        if admitted_on <= day and (closed_on is None or closed_on > day):
            count += 1
    return count


class DurationStats(NamedTuple):
    """Days from admission to closure; quartiles by linear interpolation (inclusive method)."""

    count: int
    minimum: float | None
    q1: float | None
    median: float | None
    q3: float | None
    maximum: float | None


def _quantile(ordered: Sequence[int], fraction: float) -> float:
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def duration_stats(days: Iterable[int]) -> DurationStats:
    ordered = sorted(days)
    if not ordered:
        return DurationStats(0, None, None, None, None, None)
    return DurationStats(
        len(ordered),
        float(ordered[0]),
        _quantile(ordered, 0.25),
        _quantile(ordered, 0.5),
        _quantile(ordered, 0.75),
        float(ordered[-1]),
    )


@dataclass(frozen=True)
class RegistrationFigures:
    total: int
    reregistrations: int
    admitted: int
    """Decided 'admitted' on or before 31 December."""
    not_admitted: int
    pending_at_year_end: int
    """No decision yet, or a decision dated after 31 December."""
    by_registrant: dict[str, int]
    by_neighbourhood: dict[str, int]
    by_area: dict[str, int]


@dataclass(frozen=True)
class YearFigures:
    year: int
    registrations: RegistrationFigures
    stock_flow: StockFlow
    closed_by_reason: dict[str, int]
    closed_by_registration_year: dict[int, int]
    duration: DurationStats
    running_by_category: dict[str, int]
    running_by_neighbourhood: dict[str, int]
    running_by_area: dict[str, int]
    category_moves: dict[tuple[str, str], int]
    reopenings: int
    caseload_by_coach: dict[str, int]
    without_coach: int


def _zeroed(keys: Iterable[str], counts: Counter[str]) -> dict[str, int]:
    """Every known key (so tables and JSON keys are stable), then unknown ones that occurred."""
    result = {key: counts.get(key, 0) for key in keys}
    result.update({key: n for key, n in sorted(counts.items()) if key not in result})
    return result


NEIGHBOURHOOD_CODES = tuple(n.code for n in NEIGHBOURHOODS)
AREAS = tuple(dict.fromkeys(n.area for n in NEIGHBOURHOODS))
CATEGORIES = tuple(c.value for c in Category)
REASONS = tuple(r.value for r in ClosureReason)
MOVES = tuple((a, b) for a in CATEGORIES for b in CATEGORIES if a != b)


def _by_area(by_neighbourhood: dict[str, int]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for code, n in by_neighbourhood.items():
        counts[area_of(code)] += n
    return _zeroed(AREAS, counts)


def category_on(case: CaseFact, day: dt.date) -> str:
    """The category as it stood on ``day``: the last period that had started by then."""
    dates = [span.from_date for span in case.categories]
    index = bisect.bisect_right(dates, day) - 1
    return case.categories[max(index, 0)].category


def coach_on(case: CaseFact, day: dt.date) -> str | None:
    """The coach on ``day``: the latest assignment started by then, if it had not ended."""
    if not case.coaches:
        return case.current_coach
    latest = None
    for span in case.coaches:
        if span.from_date <= day:
            latest = span
    if latest is None or (latest.until_date is not None and latest.until_date < day):
        return None
    return latest.coach


@dataclass(frozen=True)
class YearIndex:
    """The facts sorted by year once, so counting ten years does not read every case ten times.

    ``active[Y]`` holds every case admitted by 31 December Y and not closed before 1 January Y:
    exactly the cases :func:`stock_flow` does not skip for Y, so the identity is unaffected.
    """

    registrations: dict[int, list[RegistrationFact]]
    active: dict[int, list[CaseFact]]
    moves: dict[int, Counter[tuple[str, str]]]
    reopenings: Counter[int]

    @classmethod
    def of(cls, facts: StoreFacts, last_year: int | None = None) -> YearIndex:
        last = max([*facts.years, last_year or 0])
        registrations: dict[int, list[RegistrationFact]] = defaultdict(list)
        for registration in facts.registrations:
            registrations[registration.registered_on.year].append(registration)
        active: dict[int, list[CaseFact]] = defaultdict(list)
        moves: dict[int, Counter[tuple[str, str]]] = defaultdict(Counter)
        for case in facts.cases:
            until = max(case.closed_on.year, case.admitted_on.year) if case.closed_on else last
            for year in range(case.admitted_on.year, until + 1):
                active[year].append(case)
            for previous, span in zip(case.categories, case.categories[1:], strict=False):
                if span.category != previous.category:
                    moves[span.from_date.year][(previous.category, span.category)] += 1
        reopenings = Counter(r.reopened_on.year for r in facts.reopenings)
        return cls(registrations, active, moves, reopenings)


def registration_figures(rows: list[RegistrationFact], year: int) -> RegistrationFigures:
    """The registrations dated in ``year`` (``rows``), counted."""
    end = year_end(year)
    decided = Counter(
        r.decision
        for r in rows
        if r.decision != Decision.PENDING and (r.decided_on is None or r.decided_on <= end)
    )
    neighbourhoods = _zeroed(NEIGHBOURHOOD_CODES, Counter(r.neighbourhood for r in rows))
    registrants = Counter(r.registrant for r in rows)
    return RegistrationFigures(
        total=len(rows),
        reregistrations=sum(1 for r in rows if r.is_reregistration),
        admitted=decided[Decision.ADMITTED.value],
        not_admitted=decided[Decision.NOT_ADMITTED.value],
        pending_at_year_end=len(rows) - decided.total(),
        by_registrant=dict(sorted(registrants.items(), key=lambda item: (-item[1], item[0]))),
        by_neighbourhood=neighbourhoods,
        by_area=_by_area(neighbourhoods),
    )


def year_figures(facts: StoreFacts, year: int, index: YearIndex | None = None) -> YearFigures:
    """Every figure of ``year``; pass the same ``index`` when counting many years."""
    index = index or YearIndex.of(facts, year)
    end = year_end(year)
    cases = index.active.get(year, [])
    flows = stock_flow(((c.admitted_on, c.closed_on) for c in cases), year)
    closed = [c for c in cases if c.closed_on is not None and c.closed_on.year == year]
    running = [c for c in cases if c.admitted_on <= end and (c.closed_on is None or c.closed_on > end)]
    moves = index.moves.get(year, Counter())
    coaches = Counter(coach_on(c, end) for c in running)
    without = coaches.pop(None, 0)
    neighbourhoods = _zeroed(NEIGHBOURHOOD_CODES, Counter(c.neighbourhood for c in running))
    return YearFigures(
        year=year,
        registrations=registration_figures(index.registrations.get(year, []), year),
        stock_flow=flows,
        closed_by_reason=_zeroed(REASONS, Counter(c.closure_reason or "other" for c in closed)),
        closed_by_registration_year=dict(sorted(Counter(c.registration_year for c in closed).items())),
        duration=duration_stats((c.closed_on - c.admitted_on).days for c in closed if c.closed_on),
        running_by_category=_zeroed(CATEGORIES, Counter(category_on(c, end) for c in running)),
        running_by_neighbourhood=neighbourhoods,
        running_by_area=_by_area(neighbourhoods),
        category_moves={move: moves.get(move, 0) for move in MOVES}
        | {move: n for move, n in sorted(moves.items()) if move not in MOVES},
        reopenings=index.reopenings[year],
        caseload_by_coach={name: n for name, n in sorted(coaches.items()) if name is not None},
        without_coach=without,
    )
