"""The demo world's skeleton: who is registered when, who is admitted, moved and closed.

One seeded ``random.Random`` walks the years 2017-2026 in order, following the plan in ``years``,
so the world never depends on the day it is generated. Each year: registrations (new youths,
siblings, re-registrations of youths whose case was closed), decisions at the next core-team
meeting, admissions (some as rival youth), closures with their reasons, and category moves.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from zvkd_desktop.domain.dates import age_on
from zvkd_desktop.domain.vocabulary import ClosureReason, LifeDomain
from zvkd_desktop.services.demo import people, texts
from zvkd_desktop.services.demo.world import (
    DAY,
    Calendar,
    CasePlan,
    Closure,
    RegistrationPlan,
    World,
    YouthPlan,
)
from zvkd_desktop.services.demo.years import (
    AGED_OUT_BIRTH,
    DIRECTORS,
    DOMAIN_WEIGHTS,
    ESC,
    FIRST_YEAR,
    HORIZON,
    LAST_YEAR,
    OTHER,
    REASON_WEIGHTS,
    REGISTRANT_WEIGHTS,
    REGULAR,
    REL,
    RIVAL,
    SEED,
    STRICT,
    YEARS,
    YearPlan,
)

MAX_HOUSEHOLDS = 6
"""A few families with two children in the PAD, not more."""


class Planner:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.calendar = Calendar(HORIZON + timedelta(days=60))
        self.youths: list[YouthPlan] = []
        self.registrations: list[RegistrationPlan] = []
        self.cases: list[CasePlan] = []
        self.households = 0

    # -- the year loop ----------------------------------------------------------------------

    def run(self) -> World:
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            plan = YEARS[year]
            self._register(year, plan)
            self._admit(year, plan)
            self._close(year, plan)
            self._move(year, plan)
            if plan.target_running is not None:
                end = date(year, 12, 31)
                running = [c for c in self.cases if c.running_on(end)]
                rival = sum(1 for c in running if c.category_on(end) is RIVAL)
                assert (len(running), rival) == (plan.target_running, plan.target_rival), (
                    year,
                    len(running),
                    rival,
                )
        self._admit(LAST_YEAR + 1, YearPlan(0, 0, 0, 0, 0))
        return World(self.calendar, self.youths, self.registrations, self.cases, HORIZON)

    def _register(self, year: int, plan: YearPlan) -> None:
        rng = self.rng
        count = plan.registrations
        last = date(year, 11, 25) if year in STRICT else date(year, 12, 18)
        first = date(year, 1, 3)
        span = (last - first).days
        days = sorted(
            _weekday(first + timedelta(days=int(span * (i + rng.random()) / count)))
            for i in range(count)
        )
        kinds = ["new"] * count
        slots = rng.sample(range(count), plan.reregistrations + plan.not_admitted)
        for slot in slots[: plan.reregistrations]:
            kinds[slot] = "again"
        for slot in slots[plan.reregistrations :]:
            kinds[slot] = "not_admitted"
        registrants = self._registrants(plan, count)
        # one youth in 2022 turns 27 early in 2024; one sibling in 2024 is admitted at 11
        special = next(i for i in range(3, count) if kinds[i] == "new")
        for position, (day, kind) in enumerate(zip(days, kinds, strict=True)):
            marker = None
            if position == special and year in (2022, 2024):
                marker = "aged_out" if year == 2022 else "against_criteria"
            self._registration(year, day, kind, registrants[position], marker)

    def _registrants(self, plan: YearPlan, count: int) -> list[str]:
        if plan.registrants is None:
            return [people.pick(self.rng, REGISTRANT_WEIGHTS) for _ in range(count)]
        fixed = [key for key, n in plan.registrants for _ in range(n)]
        self.rng.shuffle(fixed)
        return fixed

    def _registration(
        self, year: int, day: date, kind: str, registrant: str, marker: str | None
    ) -> None:
        rng = self.rng
        previous = self._reregistration_candidate(day) if kind == "again" else None
        assert previous is not None or kind != "again" or year not in STRICT, year
        youth: YouthPlan
        reason = None
        if previous is not None:
            youth = previous.youth
        else:
            youth = self._new_youth(year, day, marker)
        age = age_on(youth.date_of_birth, day)
        if age < 12:
            reason = texts.AGAINST_CRITERIA_REASON
        if registrant == "probation" and age < 18:
            registrant = "police"
        police = year < 2023 or previous is not None or rng.random() < 0.7
        if age < 12 or (youth.household is not None and year >= 2023 and previous is None):
            police = False
        admitted = kind != "not_admitted"
        domains = tuple(_sample_domains(rng, 1 if not admitted else rng.randint(2, 4)))
        decided = self.calendar.on_or_after(day + timedelta(days=5))
        if rng.random() < 0.2:
            later = self.calendar.on_or_after(decided + DAY)
            if year not in STRICT or later.year == year:
                decided = later
        assert year not in STRICT or decided.year == year
        registration = RegistrationPlan(
            index=len(self.registrations),
            key=f"registration/{len(self.registrations)}",
            youth=youth,
            registered_on=day,
            registrant=registrant,
            registrant_contact=rng.choice(texts.REGISTRANT_CONTACTS[_contact_kind(registrant)]),
            police_contacts=police,
            serious_concerns=not police or rng.random() < 0.3,
            multiple_domains=admitted,
            cross_chain=True,
            domains=domains,
            decided_on=decided,
            admitted=admitted,
            decision_reason=reason if admitted else texts.NOT_ADMITTED_REASON,
            follow_up=None if admitted else rng.choice(texts.NOT_ADMITTED_FOLLOW_UP),
            previous_case=previous,
        )
        self.registrations.append(registration)

    def _new_youth(self, year: int, day: date, marker: str | None) -> YouthPlan:
        rng = self.rng
        index = len(self.youths)
        elder = None
        chance = 0.07 if year >= 2023 else 0.03  # the broadened criteria reach siblings sooner
        if year >= 2018 and rng.random() < chance and self.households < MAX_HOUSEHOLDS:
            elder = self._elder_sibling(day)
        against = marker == "against_criteria"
        if against:
            elder = elder or self._elder_sibling(day)
            assert elder is not None
        if elder is not None:
            if elder.household is None:
                self.households += 1
                elder.household = self.households
            elder_age = age_on(elder.date_of_birth, day)
            age = 11 if against else max(12, elder_age - rng.randint(1, 4))
            youth = people.sibling_of(rng, index, elder, day, age)
        elif marker == "aged_out":
            youth = people.new_youth(rng, index, day, 0, date_of_birth=AGED_OUT_BIRTH)
        else:
            age = people.pick(rng, {str(k): v for k, v in people.AGE_WEIGHTS.items()})
            youth = people.new_youth(rng, index, day, int(age))
        self.youths.append(youth)
        return youth

    def _elder_sibling(self, day: date) -> YouthPlan | None:
        """A youth registered in the last four years who could have a younger sibling."""
        options = [
            r.youth
            for r in self.registrations
            if day - timedelta(days=4 * 365) <= r.registered_on
            and r.youth.street is not None
            and age_on(r.youth.date_of_birth, day) >= 15
            and sum(1 for y in self.youths if y.household and y.household == r.youth.household) < 2
        ]
        options = list({y.index: y for y in options}.values())
        return self.rng.choice(options) if options else None

    def _reregistration_candidate(self, day: date) -> CasePlan | None:
        """The latest closed case of a youth who is out of the PAD and young enough."""
        busy = {
            r.youth.index for r in self.registrations if r.case is None or r.case.closure is None
        }
        latest: dict[int, CasePlan] = {}
        for case in self.cases:
            latest[case.youth.index] = case
        options = [
            case
            for case in latest.values()
            if case.closure is not None
            and case.closure.on <= day - timedelta(days=90)
            and case.youth.index not in busy
            and not case.youth.relocated
            and age_on(case.youth.date_of_birth, day) <= 24
        ]
        if not options:
            return None
        options.sort(key=lambda c: c.index)
        return self.rng.choice(options)

    def _admit(self, year: int, plan: YearPlan) -> None:
        """Open the cases decided in ``year``; some of them are rival youth (from 2021 on)."""
        admitted = [
            r
            for r in self.registrations
            if r.admitted and r.case is None and r.decided_on.year == year
        ]
        young = [
            r
            for r in admitted
            if age_on(r.youth.date_of_birth, r.registered_on) <= 20
            and r.youth.date_of_birth != AGED_OUT_BIRTH
        ]
        rival = set(id(r) for r in self.rng.sample(young, min(plan.rival_admissions, len(young))))
        for registration in admitted:
            category = RIVAL if id(registration) in rival else REGULAR
            index = len(self.cases)
            case = CasePlan(
                index=index,
                key=f"case/{index}",
                registration=registration,
                admitted_on=registration.decided_on,
                periods=[(registration.decided_on, category, None)],
                director=DIRECTORS[index % 2],
            )
            if registration.youth.date_of_birth == AGED_OUT_BIRTH:
                case.protect_until = date(2024, 2, 20)
            registration.case = case
            self.cases.append(case)

    # -- closures -----------------------------------------------------------------------------

    def _close(self, year: int, plan: YearPlan) -> None:
        end = date(year, 12, 31)
        start = date(year, 1, 1)
        running_before = [c for c in self.cases if c.running_on(start - DAY)]
        admitted = [c for c in self.cases if c.admitted_on.year == year]
        pool = [c for c in self.cases if c.closure is None and c.admitted_on <= end]
        count = plan.closures
        if count is None:
            following = YEARS[year + 1]
            carried = sum(
                1
                for r in self.registrations
                if r.admitted and r.case is None and r.decided_on.year == year + 1
            )
            admitted_next = carried + following.registrations - following.not_admitted
            target = following.target_running + following.closures - admitted_next
            count = len(running_before) + len(admitted) - target
        rival_count = plan.rival_closures
        if rival_count is None:
            rival_now = sum(1 for c in pool if c.category_on(end) is RIVAL)
            rival_count = rival_now + plan.to_rival - plan.to_regular - plan.target_rival
        reasons = self._reasons(year, plan, count)
        forced = [c for c in pool if c.protect_until and c.protect_until.year == year]
        for _attempt in range(500):
            picks = self._pick_closures(year, plan, pool, reasons, rival_count, forced)
            if picks is not None:
                break
        else:
            raise RuntimeError(f"demo: no closures fit the plan for {year}")
        for case, closure in picks:
            case.closure = closure
            if closure.reason is REL:
                case.youth.relocated = True

    def _reasons(self, year: int, plan: YearPlan, count: int) -> list[ClosureReason]:
        if plan.reasons is not None:
            return [reason for reason, n in plan.reasons for _ in range(n)]
        return [people.pick(self.rng, REASON_WEIGHTS) for _ in range(count)]  # type: ignore[misc]

    def _pick_closures(
        self,
        year: int,
        plan: YearPlan,
        pool: list[CasePlan],
        reasons: list[ClosureReason],
        rival_count: int,
        forced: list[CasePlan],
    ) -> list[tuple[CasePlan, Closure]] | None:
        rng = self.rng
        last_meeting = self.calendar.between(date(year, 1, 1), date(year, 12, 23))[-1]
        need = {RIVAL: rival_count, REGULAR: len(reasons) - rival_count}
        groups = plan.closed_by_registration
        need_group = {"recent": groups[0], "earlier": groups[1]} if groups else None
        chosen: list[tuple[CasePlan, Closure]] = []
        order = sorted(reasons, key=lambda r: not r.needs_police_free_period)
        for case in forced:  # the youth who turns 27: closed once 27, reason "other"
            order.remove(OTHER if OTHER in order else order[-1])
            chosen.append(
                (
                    case,
                    self._closure(
                        case, OTHER, self.calendar.on_or_after(case.protect_until), aged_out=True
                    ),
                )
            )
            need[case.category_on(date(year, 12, 31))] -= 1
            if need_group:
                need_group[self._group(case, year)] -= 1
        taken = {id(c) for c, _ in chosen}
        for reason in order:
            options = []
            for case in pool:
                if id(case) in taken or case.protect_until and case.protect_until.year > year:
                    continue
                if need[case.category_on(date(year, 12, 31))] <= 0:
                    continue
                if need_group is not None and need_group[self._group(case, year)] <= 0:
                    continue
                earliest = self._earliest_closure(case, reason, year)
                if earliest <= last_meeting:
                    options.append((case, earliest))
            if not options:
                return None
            weights = [1 + (date(year, 7, 1) - c.admitted_on).days / 365 for c, _ in options]
            case, earliest = rng.choices(options, weights=[max(w, 0.3) for w in weights])[0]
            days = self.calendar.between(earliest, last_meeting)
            on = days[int(len(days) * rng.random() ** 1.5)]
            chosen.append((case, self._closure(case, reason, on)))
            taken.add(id(case))
            need[case.category_on(date(year, 12, 31))] -= 1
            if need_group is not None:
                need_group[self._group(case, year)] -= 1
        return chosen

    @staticmethod
    def _group(case: CasePlan, year: int) -> str:
        return "recent" if case.registration.registered_on.year >= year - 1 else "earlier"

    def _earliest_closure(self, case: CasePlan, reason: ClosureReason, year: int) -> date:
        if reason.needs_police_free_period:
            first = case.admitted_on + timedelta(days=190)  # > 6 months, plus the minutes
        else:
            first = case.admitted_on + timedelta(days=75)
        return self.calendar.on_or_after(max(first, date(year, 1, 2)))

    def _closure(
        self, case: CasePlan, reason: ClosureReason, on: date, *, aged_out: bool = False
    ) -> Closure:
        rng = self.rng
        if reason is REL:
            informed = max(case.admitted_on, on - timedelta(days=rng.randrange(0, 12)))
            transferred = rng.random() < 0.7
            return Closure(
                on,
                reason,
                None,
                rng.choice(people.names.MUNICIPALITIES),
                informed,
                transferred,
                texts.HANDOVER if transferred else None,
            )
        if reason is ESC:
            return Closure(on, reason, texts.CLOSURE_ESCALATED)
        if reason is OTHER:
            return Closure(
                on, reason, texts.CLOSURE_AGED_OUT if aged_out else rng.choice(texts.CLOSURE_OTHER)
            )
        return Closure(on, reason)

    # -- category moves ---------------------------------------------------------------------

    def _move(self, year: int, plan: YearPlan) -> None:
        moves = [(REGULAR, RIVAL)] * plan.to_rival + [(RIVAL, REGULAR)] * plan.to_regular
        for source, target in moves:
            days = self.calendar.between(date(year, 2, 1), date(year, 11, 30))
            on = self.rng.choice(days)
            options = [
                c
                for c in self.cases
                if c.category_on(on) is source
                and c.admitted_on <= on - timedelta(days=56)
                and c.closure is None
                and all(start.year != year for start, _, _ in c.periods[1:])
            ]
            case = self.rng.choice(options)
            case.periods.append((on, target, texts.MOVE_NOTES[target.value]))


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += DAY
    return day


def _sample_domains(rng: random.Random, count: int) -> list[LifeDomain]:
    domains = list(DOMAIN_WEIGHTS)
    chosen: list[LifeDomain] = []
    while len(chosen) < count:
        domain = rng.choices(domains, weights=[DOMAIN_WEIGHTS[d] for d in domains])[0]
        if domain not in chosen:
            chosen.append(domain)
    return chosen


def _contact_kind(registrant: str) -> str:
    return {"wss": "youth_probation", "jbw": "youth_probation", "vt": "other"}.get(
        registrant, registrant
    )


def build_skeleton() -> World:
    return Planner().run()
