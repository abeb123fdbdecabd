"""The plan per year: how many registrations, closures and moves, and the report's targets.

The years 2022 and 2023 follow the chamber's 2023 annual report exactly; the other years are
plausible (10-20 registrations a year, similar closures). Running counts are never planned
directly: they follow from admissions and closures, so the stock-flow identity holds by
construction. Where the report fixes a running count, the closures are chosen to arrive there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zvkd_desktop.domain.vocabulary import Category, ClosureReason, LifeDomain

SEED = 20170110
FIRST_YEAR = 2017
LAST_YEAR = 2026
HORIZON = date(2027, 12, 31)
"""Detail streams of cases still running run to here; the reference day cuts them."""

REGULAR, RIVAL = Category.REGULAR, Category.RIVAL_YOUTH
PF, NCPF = ClosureReason.POLICE_FREE, ClosureReason.NO_CONTACT_POLICE_FREE
REL, ESC, OTHER = ClosureReason.RELOCATION, ClosureReason.ESCALATED, ClosureReason.OTHER


@dataclass(frozen=True)
class YearPlan:
    registrations: int
    not_admitted: int
    reregistrations: int
    closures: int | None  # None: chosen so the next year's report figures come out
    rival_admissions: int
    to_rival: int = 0
    to_regular: int = 0
    rival_closures: int | None = None  # None: chosen to reach target_rival
    target_running: int | None = None
    target_rival: int | None = None
    registrants: tuple[tuple[str, int], ...] | None = None
    reasons: tuple[tuple[ClosureReason, int], ...] | None = None
    closed_by_registration: tuple[int, int] | None = None  # (registered Y-1..Y, earlier)


YEARS: dict[int, YearPlan] = {
    2017: YearPlan(19, 1, 0, 2, 0, rival_closures=0),
    2018: YearPlan(18, 1, 1, 9, 0, rival_closures=0),
    2019: YearPlan(17, 1, 1, 12, 0, rival_closures=0),
    2020: YearPlan(16, 1, 1, 13, 0, rival_closures=0),
    2021: YearPlan(19, 1, 2, None, 6, to_rival=3, rival_closures=0),
    # the 2023 annual report: 17 registrations and 17 closures in 2022; 36 running at its end
    # (34 + 14 - 12, since the report's own figures do not reconcile), 11 of them rival youth
    2022: YearPlan(
        17, 1, 2, 17, 5, to_rival=1, target_running=36, target_rival=11,
        registrants=(("police", 10), ("wss", 2), ("social_team", 2), ("school", 2), ("jbw", 1)),
        reasons=((PF, 9), (NCPF, 3), (REL, 3), (ESC, 1), (OTHER, 1)),
    ),
    # 13 registrations (4 again, 1 not admitted), 12 admitted, 14 closed (7 registered in
    # 2022-2023, 7 in 2017-2021), 1 move to rival youth, 34 running: 21 regular, 13 rival youth
    2023: YearPlan(
        13, 1, 4, 14, 4, to_rival=1, target_running=34, target_rival=13,
        registrants=(("police", 8), ("wss", 1), ("social_team", 2), ("school", 1), ("vt", 1)),
        reasons=((PF, 8), (NCPF, 2), (REL, 3), (OTHER, 1)),
        closed_by_registration=(7, 7),
    ),
    2024: YearPlan(15, 1, 2, 14, 4, to_rival=1, rival_closures=4),
    2025: YearPlan(16, 1, 2, 15, 3, to_regular=1, rival_closures=4),
    2026: YearPlan(14, 1, 1, 13, 3, to_rival=1, rival_closures=3),
}  # fmt: skip
STRICT = {year for year, plan in YEARS.items() if plan.target_running is not None}
"""Years whose registrations are all decided within the year (none pending at 31 December)."""

REGISTRANT_WEIGHTS = {
    "police": 0.6,
    "wss": 0.08,
    "jbw": 0.04,
    "social_team": 0.09,
    "school": 0.1,
    "vt": 0.03,
    "municipality": 0.03,
    "probation": 0.03,
}
REASON_WEIGHTS = {PF: 0.6, NCPF: 0.12, REL: 0.13, ESC: 0.05, OTHER: 0.1}
DOMAIN_WEIGHTS = {
    LifeDomain.EDUCATION_WORK: 9,
    LifeDomain.JUSTICE: 8,
    LifeDomain.FAMILY: 7,
    LifeDomain.FRIENDS_LEISURE: 7,
    LifeDomain.HEALTH: 4,
    LifeDomain.INCOME_DEBT: 4,
    LifeDomain.HOUSING: 2,
    LifeDomain.ONLINE_LIFE: 3,
}
DIRECTORS = ("director/1", "director/2")
AGED_OUT_BIRTH = date(1997, 2, 18)
"""A youth admitted in 2022 who turns 27 early in 2024: the 'turns 27' signal at 2023-12-31."""
