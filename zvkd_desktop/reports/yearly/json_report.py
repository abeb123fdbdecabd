"""The documented JSON of the yearly summary (resources/yearly-report-json.md).

The keys are a promise to scripts: add keys, never rename or remove them without raising
``version``. Counts are integers; with small-number protection a count may also be the string
``"<5"`` (see :mod:`.protect`).
"""

from __future__ import annotations

import json
from typing import Any

from zvkd_desktop.domain.neighbourhoods import NEIGHBOURHOODS
from zvkd_desktop.domain.vocabulary import Category, ClosureReason
from zvkd_desktop.reports.yearly.figures import DurationStats, YearFigures, year_end
from zvkd_desktop.reports.yearly.groups import YearGroup, default_groups, grouped_counts
from zvkd_desktop.reports.yearly.protect import NOTE, THRESHOLD, Counter, counter
from zvkd_desktop.reports.yearly.report import YearlyReport

FORMAT = "zvkd-yearly-report"
VERSION = 1
MOVE_SEPARATOR = "->"


def _counts(values: dict[Any, int], count: Counter) -> dict[str, Any]:
    return {str(key): count(n) for key, n in values.items()}


def _duration(stats: DurationStats, count: Counter, protected: bool) -> dict[str, Any]:
    hidden = protected and 0 < stats.count < THRESHOLD
    values = {
        "min": stats.minimum,
        "q1": stats.q1,
        "median": stats.median,
        "q3": stats.q3,
        "max": stats.maximum,
    }
    return {"count": count(stats.count)} | {
        key: None if hidden or value is None else round(value, 1) for key, value in values.items()
    }


def figures_json(
    figures: YearFigures,
    groups: tuple[YearGroup, ...],
    *,
    store_first_year: int | None,
    protected: bool = False,
) -> dict[str, Any]:
    """One year's figures; the same shape at the top level and under ``years``."""
    c = counter(protected)
    reg = figures.registrations
    flows = figures.stock_flow
    closed_groups = grouped_counts(
        figures.closed_by_registration_year,
        groups,
        store_first=store_first_year,
        report_year=figures.year,
    )
    return {
        "year": figures.year,
        "year_end": year_end(figures.year).isoformat(),
        "registrations": {
            "total": c(reg.total),
            "reregistrations": c(reg.reregistrations),
            "admitted": c(reg.admitted),
            "not_admitted": c(reg.not_admitted),
            "pending_at_year_end": c(reg.pending_at_year_end),
            "by_registrant": _counts(reg.by_registrant, c),
            "by_neighbourhood": _counts(reg.by_neighbourhood, c),
            "by_area": _counts(reg.by_area, c),
        },
        "stock_flow": {
            "running_at_start": c(flows.running_at_start),
            "admitted": c(flows.admitted),
            "closed": c(flows.closed),
            "running_at_end": c(flows.running_at_end),
        },
        "closed": {
            "total": c(flows.closed),
            "by_reason": _counts(figures.closed_by_reason, c),
            "by_registration_year": _counts(figures.closed_by_registration_year, c),
            "by_registration_year_group": [
                {
                    "label": label,
                    "first": group.first if group else None,
                    "last": group.last if group else None,
                    "count": c(n),
                }
                for group, label, n in closed_groups
            ],
            "duration_days": _duration(figures.duration, c, protected),
        },
        "running": {
            "total": c(flows.running_at_end),
            "by_category": _counts(figures.running_by_category, c),
            "by_neighbourhood": _counts(figures.running_by_neighbourhood, c),
            "by_area": _counts(figures.running_by_area, c),
        },
        "category_moves": {
            "total": c(sum(figures.category_moves.values())),
            "by_move": {
                f"{a}{MOVE_SEPARATOR}{b}": c(n) for (a, b), n in figures.category_moves.items()
            },
        },
        "reopenings": {"total": c(figures.reopenings)},
        "caseload": {
            "by_coach": _counts(figures.caseload_by_coach, c),
            "without_coach": c(figures.without_coach),
        },
    }


def labels() -> dict[str, dict[str, str]]:
    """The Dutch labels of the codes used as keys, for scripts that print them."""
    return {
        "category": {c.value: c.label for c in Category},
        "closure_reason": {r.value: r.label for r in ClosureReason},
        "neighbourhood": {n.code: n.name for n in NEIGHBOURHOODS},
    }


def report_json(report: YearlyReport, *, protected: bool = False) -> dict[str, Any]:
    """The whole summary: metadata, year Y's figures at the top level, every year under 'years'."""
    top = figures_json(
        report.figures, report.groups, store_first_year=report.store_first_year,
        protected=protected,
    )
    years = {
        str(f.year): figures_json(
            f, default_groups(f.year), store_first_year=report.store_first_year,
            protected=protected,
        )
        for f in report.series
    }
    return (
        {
            "format": FORMAT,
            "version": VERSION,
            "made_on": report.made_on.isoformat(),
            "protected": protected,
            "protection_note": NOTE if protected else None,
            "registration_year_groups": [
                {"first": g.first, "last": g.last} for g in report.groups
            ],
        }
        | top
        | {"years": years, "labels": labels()}
    )


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def lookup(data: dict[str, Any], path: tuple[str | int, ...]) -> Any:
    """The value at ``path`` (keys and list indexes), as tables refer to it."""
    value: Any = data
    for part in path:
        value = value[part]
    return value
