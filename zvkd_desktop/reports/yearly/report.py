"""The yearly summary as one object: the figures of year Y and of every year in the store.

Everything downstream (the JSON, the tables of the screen, PDF, XLSX and CSV, the charts) is
built from :func:`~zvkd_desktop.reports.yearly.json_report.report_json` of this object, so the
screen, the documents and the command line cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zvkd_desktop.reports.yearly.facts import StoreFacts
from zvkd_desktop.reports.yearly.figures import YearFigures, YearIndex, year_figures
from zvkd_desktop.reports.yearly.groups import YearGroup, default_groups
from zvkd_desktop.reports.yearly.queries import load_facts
from zvkd_desktop.store.store import Store


@dataclass(frozen=True)
class YearlyReport:
    year: int
    made_on: dt.date
    groups: tuple[YearGroup, ...]
    """How the closed cases are grouped by registration year (the user's choice)."""
    store_first_year: int | None
    """The first registration year in the store: fills in an open-ended group's label."""
    figures: YearFigures
    series: tuple[YearFigures, ...]
    """Every year from the store's first to its last (and Y), oldest first: the multi-year view."""

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(f.year for f in self.series)


def default_year(years: tuple[int, ...], today: dt.date) -> int:
    """The last complete year: what a coordinator prints in January."""
    wanted = today.year - 1
    if not years or years[0] <= wanted <= years[-1]:
        return wanted
    return years[-1] if years[-1] < wanted else years[0]


def build_report(
    facts: StoreFacts,
    year: int,
    made_on: dt.date,
    groups: tuple[YearGroup, ...] | None = None,
) -> YearlyReport:
    span = set(facts.years) | {year}
    index = YearIndex.of(facts, max(span))
    series = tuple(year_figures(facts, y, index) for y in range(min(span), max(span) + 1))
    figures = next(f for f in series if f.year == year)
    return YearlyReport(
        year=year,
        made_on=made_on,
        groups=groups or default_groups(year),
        store_first_year=facts.first_registration_year,
        figures=figures,
        series=series,
    )


def load_report(
    store: Store,
    year: int,
    made_on: dt.date,
    groups: tuple[YearGroup, ...] | None = None,
) -> YearlyReport:
    return build_report(load_facts(store), year, made_on, groups)
