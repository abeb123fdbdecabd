"""The yearly figures of a generated demo set, counted as DOMAIN.md's yearly summary counts them.

Used for the summary ``zvkd demo`` prints, so whoever makes a demo store sees at once that 2022
and 2023 match the annual report. The reports layer counts from the store itself; the demo tests
count with plain SQL; this counts from the rows before they are written.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from zvkd_desktop.domain.vocabulary import Category, ClosureReason, Decision
from zvkd_desktop.store.models import Case, CategoryPeriod, Organisation, Registration


@dataclass(frozen=True)
class YearFigures:
    year: int
    registrations: int
    reregistrations: int
    not_admitted: int
    pending_at_end: int
    by_registrant: dict[str, int]
    admitted: int
    closed: int
    closed_registered_recently: int  # registered in Y-1 or Y
    closed_by_reason: dict[ClosureReason, int]
    moves_to_rival: int
    moves_to_regular: int
    running_at_end: int
    running_regular: int
    running_rival: int
    running_at_start: int = 0

    @property
    def closed_registered_earlier(self) -> int:
        return self.closed - self.closed_registered_recently


@dataclass(frozen=True)
class DemoSummary:
    today: date
    counts: dict[str, int]
    years: tuple[YearFigures, ...] = field(default_factory=tuple)

    def year(self, year: int) -> YearFigures:
        return next(y for y in self.years if y.year == year)


def year_figures(tables: dict[type[Any], list[dict[str, Any]]], years: range) -> list[YearFigures]:
    registrations = tables[Registration]
    cases = tables[Case]
    organisations = {row["id"]: row["name"] for row in tables[Organisation]}
    registered_on = {row["id"]: row["registered_on"] for row in registrations}
    periods: dict[Any, list[tuple[date, Category]]] = {}
    for row in sorted(tables[CategoryPeriod], key=lambda r: r["from_date"]):
        periods.setdefault(row["case_id"], []).append((row["from_date"], row["category"]))
    result: list[YearFigures] = []
    for year in years:
        end = date(year, 12, 31)
        regs = [r for r in registrations if r["registered_on"].year == year]
        pending = [
            r
            for r in registrations
            if r["registered_on"] <= end and (r["decided_on"] is None or r["decided_on"] > end)
        ]
        closed = [c for c in cases if c["closed_on"] and c["closed_on"].year == year]
        running = [
            c
            for c in cases
            if c["admitted_on"] <= end and (c["closed_on"] is None or c["closed_on"] > end)
        ]
        categories = [_category_on(periods[c["id"]], end) for c in running]
        moves: Counter[Category] = Counter()
        for history in periods.values():
            for (_, before), (start, after) in zip(history, history[1:], strict=False):
                if start.year == year and before != after:
                    moves[after] += 1
        start = date(year - 1, 12, 31)
        result.append(
            YearFigures(
                year=year,
                registrations=len(regs),
                reregistrations=sum(1 for r in regs if r["is_reregistration"]),
                not_admitted=sum(1 for r in regs if r["decision"] == Decision.NOT_ADMITTED),
                pending_at_end=len(pending),
                by_registrant=dict(Counter(organisations[r["registrant_id"]] for r in regs)),
                admitted=sum(1 for c in cases if c["admitted_on"].year == year),
                closed=len(closed),
                closed_registered_recently=sum(
                    1 for c in closed if registered_on[c["registration_id"]].year >= year - 1
                ),
                closed_by_reason=dict(Counter(c["closure_reason"] for c in closed)),
                moves_to_rival=moves[Category.RIVAL_YOUTH],
                moves_to_regular=moves[Category.REGULAR],
                running_at_end=len(running),
                running_regular=categories.count(Category.REGULAR),
                running_rival=categories.count(Category.RIVAL_YOUTH),
                running_at_start=sum(
                    1
                    for c in cases
                    if c["admitted_on"] <= start
                    and (c["closed_on"] is None or c["closed_on"] > start)
                ),
            )
        )
    return result


def _category_on(history: list[tuple[date, Category]], day: date) -> Category:
    current = history[0][1]
    for start, category in history:
        if start <= day:
            current = category
    return current
