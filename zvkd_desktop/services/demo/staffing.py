"""After the skeleton: coaches on every case, Straatkracht, two wrong closures that were undone,
and the shaping that makes 31 December 2023 show every signal.

Coaches are assigned in date order with the whole history known (admissions, closures, one coach
leaving in 2020, the extra coach of 2023), always to the coach with the fewest running cases, as a
team leader would. Like the skeleton, nothing here depends on the reference day.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from zvkd_desktop.domain.vocabulary import Category, ClosureReason, PoliceContactKind
from zvkd_desktop.services.demo import names, texts
from zvkd_desktop.services.demo.world import (
    DAY,
    CasePlan,
    Closure,
    PoliceEvent,
    ReopeningPlan,
    World,
    earliest_police_free,
)


@dataclass(frozen=True)
class Coach:
    key: str
    name: str
    start: date
    end: date | None


COACHES = (
    Coach("coach/1", "Anouk Verschoor", date(2017, 1, 1), None),
    Coach("coach/2", "Youssef El Khatib", date(2017, 1, 1), None),
    Coach("coach/3", "Marieke de Groot", date(2017, 1, 1), date(2020, 6, 30)),
    Coach("coach/4", "Dennis van der Laan", date(2019, 1, 1), None),
    Coach("coach/5", "Samira Bouzid", date(2020, 7, 1), None),
    # the extra PAD coach the 2023 report mentions, for the broadened target group
    Coach("coach/6", "Kevin Tjon A Fat", date(2023, 3, 1), None),
)
DIRECTOR_NAMES = {"director/1": "Ilse Verhoeven", "director/2": "Hamid Azarkan"}
REBALANCE_ON = date(2023, 3, 7)
SCENARIO_DAY = date(2023, 12, 31)


def staff(world: World, seed: int) -> None:
    rng = random.Random(f"{seed}/staffing")
    _reopenings(world, rng)
    _assign_coaches(world, rng)
    _street_strength(world, rng)
    _shape_signals(world, rng, SCENARIO_DAY, police_on=date(2023, 12, 27))


def _active(day: date) -> list[Coach]:
    return [c for c in COACHES if c.start <= day and (c.end is None or day <= c.end)]


def _assign_coaches(world: World, rng: random.Random) -> None:
    events: list[tuple[date, int, int, str]] = []
    for case in world.cases:
        events.append((case.admitted_on, 2, case.index, "admit"))
        if case.closure is not None:
            events.append((case.closure.on, 0, case.index, "close"))
            span = (case.closure.on - case.admitted_on).days
            if span > 150 and rng.random() < 0.09:
                change = case.admitted_on + timedelta(days=60 + rng.randrange(0, span - 120))
                events.append((change, 3, case.index, "change"))
    events.append((COACHES[2].end + DAY, 1, -1, "depart"))  # type: ignore[operator]
    events.append((REBALANCE_ON, 1, -1, "rebalance"))
    events.sort()
    load: dict[str, set[int]] = {c.key: set() for c in COACHES}
    by_index = {case.index: case for case in world.cases}

    def least(day: date, exclude: str | None = None) -> str:
        options = [c.key for c in _active(day) if c.key != exclude]
        fewest = min(len(load[k]) for k in options)
        return rng.choice([k for k in options if len(load[k]) == fewest])

    def move(case: CasePlan, day: date, coach: str) -> None:
        load[case.coaches[-1][1]].discard(case.index)
        case.coaches.append((day, coach))
        load[coach].add(case.index)

    for day, _order, index, kind in events:
        if kind == "admit":
            case = by_index[index]
            coach = least(day)
            case.coaches.append((day, coach))
            load[coach].add(index)
        elif kind == "close":
            load[by_index[index].coaches[-1][1]].discard(index)
        elif kind == "change":
            case = by_index[index]
            gap = case.gap()
            if case.coaches[-1][0] < day and not (gap and gap[0] <= day <= gap[1]):
                move(case, day, least(day, exclude=case.coaches[-1][1]))
        elif kind == "depart":
            for moved in sorted(load[COACHES[2].key]):
                move(by_index[moved], day, least(day, exclude=COACHES[2].key))
        else:  # the extra coach takes over four cases from the busiest colleagues
            for _ in range(4):
                busiest = max((c.key for c in _active(day)), key=lambda k: (len(load[k]), k))
                options = sorted(i for i in load[busiest] if by_index[i].coaches[-1][0] < day)
                move(by_index[rng.choice(options)], day, COACHES[5].key)


def _street_strength(world: World, rng: random.Random) -> None:
    """A few rival-youth cases take part in the Straatkracht pilot (from 2023 on)."""
    mid_2023 = date(2023, 6, 1)
    rival = [c for c in world.cases if all(cat is Category.RIVAL_YOUTH for _, cat, _ in c.periods)]
    running = [c for c in rival if c.running_on(mid_2023)]
    later = [c for c in rival if c.admitted_on.year in (2024, 2025)]
    for case in rng.sample(running, 3) + rng.sample(later, 2):
        case.street_strength = True


def _reopenings(world: World, rng: random.Random) -> None:
    """Two closures that were wrong and undone: a move that fell through, a lost contact."""
    cal = world.calendar
    first = [
        c
        for c in world.cases
        if c.closure and c.closure.on.year == 2019 and (c.closure.on - c.admitted_on).days > 420
    ]
    case = rng.choice(first)
    undone_on = rng.choice(
        cal.between(case.admitted_on + timedelta(days=240), case.closure.on - timedelta(days=150))
    )  # type: ignore[union-attr]
    closure = Closure(
        undone_on,
        ClosureReason.RELOCATION,
        None,
        rng.choice(names.MUNICIPALITIES),
        undone_on - timedelta(days=3),
        False,
    )
    case.reopening = ReopeningPlan(
        closure, cal.on_or_after(undone_on + timedelta(days=21)), texts.REOPEN_RELOCATION
    )
    second = [
        c
        for c in world.cases
        if c.admitted_on.year in (2023, 2024)
        and (c.closure is None or c.closure.on >= date(2026, 3, 1))
        and earliest_police_free(c.admitted_on) <= date(2025, 4, 1)
    ]
    case = rng.choice(second)
    start = max(date(2025, 3, 1), earliest_police_free(case.admitted_on) + timedelta(days=60))
    undone_on = rng.choice(cal.between(start, date(2025, 9, 30)))
    case.reopening = ReopeningPlan(
        Closure(undone_on, ClosureReason.NO_CONTACT_POLICE_FREE),
        cal.on_or_after(undone_on + timedelta(days=14)),
        texts.REOPEN_NO_CONTACT,
    )


def shape_candidates(world: World, day: date) -> list[CasePlan]:
    """Cases that run on ``day``, have run for twelve weeks and were not wrongly closed then."""
    result = []
    for case in world.cases:
        gap = case.gap()
        if (
            case.running_on(day)
            and case.admitted_on <= day - timedelta(days=84)
            and not (gap and gap[0] - timedelta(days=60) <= day <= gap[1] + timedelta(days=60))
        ):
            result.append(case)
    return result


def _shape_signals(world: World, rng: random.Random, day: date, *, police_on: date) -> None:
    """Make ``day`` show the signals a coordinator should see (see scenarios for 'today')."""
    candidates = shape_candidates(world, day)
    fits = [c for c in candidates if not any(lo <= police_on <= hi for lo, hi in c.quiet_windows())]
    police_case = rng.choice(fits)
    others = rng.sample([c for c in candidates if c is not police_case], 3)
    others[0].postpone_reviews.append((day - timedelta(days=41), day - DAY))
    others[1].postpone_reviews.append((day - timedelta(days=41), day - DAY))
    others[2].unreached.append((day - timedelta(days=40), day))
    police_case.forced_police.append(
        PoliceEvent(
            police_on,
            PoliceContactKind.NUISANCE,
            True,
            texts.POLICE_NOTES[PoliceContactKind.NUISANCE][0],
        )
    )
    police_case.postpone_reviews.append((police_on, day))
