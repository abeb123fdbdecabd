"""Shaping for the reference day itself, so a fresh demo store opens with every kind of signal.

Only the last weeks before ``today`` are touched, and only from 1 January 2026 on, so the years
up to 2025 stay identical whatever day the demo is made: a registration still waiting for a
decision after more than 14 days, a 26-year-old newly admitted who turns 27 within three months,
a review that slipped, a coach who has not reached the youth for over four weeks, and a new
negative police contact since the last review. Cases eligible for closure and plan actions past
their date come about on their own.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from zvkd_desktop.domain.dates import add_months
from zvkd_desktop.domain.vocabulary import Category, LifeDomain, PoliceContactKind
from zvkd_desktop.services.demo import people, texts
from zvkd_desktop.services.demo.staffing import COACHES, shape_candidates
from zvkd_desktop.services.demo.world import DAY, CasePlan, PoliceEvent, RegistrationPlan, World

FIRST_SHAPED_DAY = date(2026, 1, 1)
"""Nothing dated before this day is shaped for 'today'."""


def shape_today(world: World, today: date, seed: int) -> None:
    if today < add_months(FIRST_SHAPED_DAY, 2):
        return  # too early in 2026 to shape the weeks before today without touching 2025
    rng = random.Random(f"{seed}/today/{today.isoformat()}")
    _pending_registration(world, rng, today)
    _turning_27(world, rng, today)
    _slipping_cases(world, rng, today)


def _registration(
    world: World,
    rng: random.Random,
    on: date,
    youth_age: int,
    decided: date,
    registrant: str,
    *,
    date_of_birth: date | None = None,
) -> RegistrationPlan:
    index = len(world.youths)
    youth = people.new_youth(rng, index, on, youth_age, date_of_birth=date_of_birth)
    youth.key = f"youth/today/{index}"
    world.youths.append(youth)
    registration = RegistrationPlan(
        index=len(world.registrations),
        key=f"registration/today/{len(world.registrations)}",
        youth=youth,
        registered_on=on,
        registrant=registrant,
        registrant_contact=rng.choice(texts.REGISTRANT_CONTACTS[registrant]),
        police_contacts=True,
        serious_concerns=False,
        multiple_domains=True,
        cross_chain=True,
        domains=(LifeDomain.JUSTICE, LifeDomain.INCOME_DEBT, LifeDomain.HOUSING),
        decided_on=decided,
        admitted=True,
    )
    world.registrations.append(registration)
    return registration


def _pending_registration(world: World, rng: random.Random, today: date) -> None:
    """Registered 18 days ago by the police; the core team has not decided yet."""
    on = today - timedelta(days=18)
    while on.weekday() >= 5:
        on -= DAY
    _registration(world, rng, on, 16, world.calendar.on_or_after(today + DAY), "police")


def _turning_27(world: World, rng: random.Random, today: date) -> None:
    """A 26-year-old registered by the probation service, admitted, 27 in six weeks."""
    birthday = today + timedelta(days=40)
    on = max(FIRST_SHAPED_DAY + timedelta(days=4), today - timedelta(days=110))
    while on.weekday() >= 5:
        on += DAY
    decided = world.calendar.on_or_after(on + timedelta(days=5))
    if decided > today - timedelta(days=14):
        return
    born = (
        birthday.replace(year=birthday.year - 27)
        if (birthday.month, birthday.day) != (2, 29)
        else date(birthday.year - 27, 2, 28)
    )
    registration = _registration(world, rng, on, 26, decided, "probation", date_of_birth=born)
    index = len(world.cases)
    running = [c for c in world.cases if c.running_on(decided)]
    active = [c.key for c in COACHES if c.start <= decided and (c.end is None or decided <= c.end)]
    load = {key: sum(1 for c in running if c.coach_on(decided) == key) for key in active}
    coach = min(active, key=lambda key: (load[key], key))
    case = CasePlan(
        index=index,
        key=f"case/today/{index}",
        registration=registration,
        admitted_on=decided,
        periods=[(decided, Category.REGULAR, None)],
        director=("director/1", "director/2")[index % 2],
        coaches=[(decided, coach)],
    )
    registration.case = case
    world.cases.append(case)


def _slipping_cases(world: World, rng: random.Random, today: date) -> None:
    candidates = [c for c in shape_candidates(world, today) if c.key.startswith("case/")]
    police_on = today - timedelta(days=3)
    fits = [c for c in candidates if not any(lo <= police_on <= hi for lo, hi in c.quiet_windows())]
    police_case = rng.choice(fits or candidates)
    others = rng.sample([c for c in candidates if c is not police_case], 3)
    window = (today - timedelta(days=41), today - DAY)
    others[0].postpone_reviews.append(window)
    others[1].postpone_reviews.append(window)
    others[2].unreached.append((today - timedelta(days=40), today))
    note = texts.POLICE_NOTES[PoliceContactKind.SUSPECT][1]
    police_case.forced_police.append(PoliceEvent(police_on, PoliceContactKind.SUSPECT, True, note))
    police_case.postpone_reviews.append((police_on, today))
