"""The detail streams of each case: police contacts, coach contacts, reviews and plan versions.

Every stream of every case has its own seeded generator and runs forward in time, so a stream cut
at a later day only grows at its end: what is dated before the reference day never depends on it.
The streams respect the skeleton: no negative police contact in the six months before a
police-free closure (so the closure rule holds), no contact reached in the months before a closure
for lost contact, nothing while a case stood wrongly closed, reviews on meeting days every six
weeks (later when the skeleton postpones them).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from zvkd_desktop.domain.closure_rule import closure_status
from zvkd_desktop.domain.dates import birthday_at_age
from zvkd_desktop.domain.vocabulary import (
    ActionStatus,
    Category,
    ClosureReason,
    CoachContactKind,
    GoalStatus,
    LifeDomain,
    PoliceContactKind,
)
from zvkd_desktop.services.demo import texts
from zvkd_desktop.services.demo.world import (
    DAY,
    ActionPlan,
    CasePlan,
    CoachEvent,
    GoalPlan,
    PlanVersionEvent,
    PoliceEvent,
    RegistrationPlan,
    ReviewEvent,
    World,
)

_NEGATIVE_KINDS = {
    PoliceContactKind.SUSPECT: 0.45,
    PoliceContactKind.ARREST: 0.2,
    PoliceContactKind.NUISANCE: 0.35,
}
_COACH_KINDS = {
    CoachContactKind.VISIT: 0.33,
    CoachContactKind.HOME_VISIT: 0.15,
    CoachContactKind.PHONE: 0.25,
    CoachContactKind.ONLINE: 0.14,
    CoachContactKind.NOT_REACHED: 0.13,
}
CADENCE = timedelta(weeks=6)
STABLE_UNTIL = date(2025, 12, 31)
"""Everything dated up to here is the same whatever the reference day."""


def fill_details(world: World, seed: int) -> None:
    for registration in world.registrations:
        if registration.police_contacts:
            _registration_police(random.Random(f"{seed}/{registration.key}/police"), registration)
    for case in world.cases:
        end = case.closure.on if case.closure else world.horizon
        _case_police(random.Random(f"{seed}/{case.key}/police"), case, end)
        _coach_contacts(random.Random(f"{seed}/{case.key}/coach"), case, end)
        _reviews(random.Random(f"{seed}/{case.key}/reviews"), case, end, world)
        _plans(random.Random(f"{seed}/{case.key}/plans"), case)
        _review_texts(random.Random(f"{seed}/{case.key}/texts"), case)


def _choice(rng: random.Random, weights: dict) -> object:  # type: ignore[type-arg]
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _negative(rng: random.Random, on: date, rival: bool) -> PoliceEvent:
    kind: PoliceContactKind = _choice(rng, _NEGATIVE_KINDS)  # type: ignore[assignment]
    note = rng.choice(texts.POLICE_NOTES[kind])
    if rival and rng.random() < 0.4:
        kind, note = rng.choice(texts.RIVAL_POLICE_NOTES)
    return PoliceEvent(on, kind, True, note)


def _registration_police(rng: random.Random, registration: RegistrationPlan) -> None:
    """The contacts that led to the registration: one shortly before it, maybe earlier ones."""
    day = registration.registered_on
    born = registration.youth.date_of_birth
    start = max(day - timedelta(days=420), birthday_at_age(born, 12))
    if registration.previous_case is not None:
        start = max(start, registration.previous_case.closure.on + timedelta(days=20))  # type: ignore[union-attr]
    if day > STABLE_UNTIL:
        # whether a 2026 registration exists depends on the reference day: keep its contacts
        # out of the years that must not (the youth is unknown to the PAD before it anyway)
        start = max(start, STABLE_UNTIL + DAY)
    trigger = max(day - timedelta(days=rng.randint(3, 90)), start)
    if trigger >= day:
        trigger = day - DAY
    rival = (
        registration.case is not None and registration.case.periods[0][1] is Category.RIVAL_YOUTH
    )
    events = [_negative(rng, trigger, rival)]
    for _ in range(int(rng.random() < 0.6) + int(rng.random() < 0.3)):
        span = (trigger - start).days - 10
        if span > 0:
            events.append(_negative(rng, start + timedelta(days=rng.randrange(span)), rival))
    registration.police = sorted(events, key=lambda e: e.on)


def _case_police(rng: random.Random, case: CasePlan, end: date) -> None:
    quiet = case.quiet_windows()
    events: list[PoliceEvent] = []
    day = case.admitted_on
    while True:
        early = day < case.admitted_on + timedelta(days=180)
        mean = (95 if early else 230) * (
            0.75 if case.category_on(day) is Category.RIVAL_YOUTH else 1
        )
        day += timedelta(days=max(7, int(rng.expovariate(1 / mean))))
        if day > end:
            break
        event = _negative(rng, day, case.category_on(day) is Category.RIVAL_YOUTH)
        if not any(lo <= day <= hi for lo, hi in quiet):
            events.append(event)
    day = case.admitted_on
    while True:
        day += timedelta(days=max(30, int(rng.expovariate(1 / 420))))
        if day > end:
            break
        note = rng.choice(texts.POLICE_NOTES[PoliceContactKind.OTHER])
        events.append(PoliceEvent(day, PoliceContactKind.OTHER, False, note))
    events.extend(case.forced_police)
    case.police = sorted(events, key=lambda e: (e.on, e.note))


def _lost_contact_windows(case: CasePlan) -> list[tuple[date, date]]:
    closures = [case.closure] if case.closure else []
    if case.reopening:
        closures.append(case.reopening.closure)
    return [
        (c.on - timedelta(days=110), c.on)
        for c in closures
        if c.reason is ClosureReason.NO_CONTACT_POLICE_FREE
    ]


def _coach_contacts(rng: random.Random, case: CasePlan, end: date) -> None:
    lost = _lost_contact_windows(case)
    gap = case.gap()
    day = case.admitted_on + timedelta(days=rng.randint(2, 6))
    while day <= end:
        if gap and gap[0] < day < gap[1]:
            day = gap[1] + timedelta(days=rng.randint(1, 4))
            continue
        drifting = any(lo <= day <= hi for lo, hi in lost)
        if drifting:
            kind = CoachContactKind.NOT_REACHED if rng.random() < 0.92 else CoachContactKind.PHONE
        else:
            kind = _choice(rng, _COACH_KINDS)  # type: ignore[assignment]
        if any(lo <= day <= hi for lo, hi in case.unreached):
            kind = CoachContactKind.NOT_REACHED
        case.contacts.append(CoachEvent(day, kind, rng.choice(texts.COACH_NOTES[kind])))
        day += timedelta(days=rng.randint(10, 21) if drifting else rng.randint(6, 16))


def _reviews(rng: random.Random, case: CasePlan, end: date, world: World) -> None:
    """Reviews on meeting days every six weeks; the closing meeting is a review too."""
    cal = world.calendar
    gap = case.gap()
    closing = case.closure.on if case.closure else None
    planned = case.admitted_on + CADENCE
    reviews: list[ReviewEvent] = []
    while True:
        held = cal.on_or_after(planned)
        if rng.random() < 0.04:
            held = cal.on_or_after(held + DAY)  # pushed to the next meeting
        for lo, hi in case.postpone_reviews:
            if lo <= planned <= hi or lo <= held <= hi:
                held = cal.on_or_after(hi + DAY)
        if gap and held >= gap[0]:
            reason = case.reopening.closure.reason.label.lower()  # type: ignore[union-attr]
            reviews.append(ReviewEvent(gap[0], None, texts.REVIEW_CLOSED.format(reason=reason), []))
            reviews.append(ReviewEvent(gap[1], gap[1] + CADENCE, texts.REVIEW_REOPENED, []))
            planned = gap[1] + CADENCE
            gap = None
            continue
        if (closing is not None and held >= closing) or held > end:
            break
        reviews.append(ReviewEvent(held, held + CADENCE, "", []))
        planned = held + CADENCE
    if case.closure is not None:
        reason = case.closure.reason.label.lower()
        reviews.append(
            ReviewEvent(case.closure.on, None, texts.REVIEW_CLOSED.format(reason=reason), [])
        )
    case.reviews = reviews


def _new_goal(rng: random.Random, domain: LifeDomain, on: date) -> GoalPlan:
    goals, actions = texts.PLAN[domain]
    chosen = rng.sample(actions, rng.randint(1, min(3, len(actions))))
    return GoalPlan(
        domain,
        rng.choice(goals),
        GoalStatus.OPEN,
        [
            ActionPlan(text, partner, on + timedelta(days=rng.randint(21, 90)), ActionStatus.OPEN)
            for text, partner in chosen
        ],
    )


def _plans(rng: random.Random, case: CasePlan) -> None:
    """Version 1 soon after admission, version 2 at the first review, at most four in all."""
    first = case.admitted_on + timedelta(days=rng.randint(7, 20))
    domains = list(case.registration.domains)
    if case.registration.police_contacts and LifeDomain.JUSTICE not in domains:
        domains.append(LifeDomain.JUSTICE)
    goals = [_new_goal(rng, d, first) for d in domains[:4]]
    case.plans = [PlanVersionEvent(first, 10, texts.PLAN_SUMMARY_FIRST, goals)]
    case.advice = rng.choice(texts.ADVICE)
    moments = [
        r.on for r in case.reviews if r.next_on is not None and r.on > first + timedelta(days=14)
    ]
    for position, on in enumerate(moments):
        if len(case.plans) >= 4:
            break
        if position == 0 or rng.random() < 0.18:
            case.plans.append(_revise(rng, case.plans[-1], on))


def _revise(rng: random.Random, previous: PlanVersionEvent, on: date) -> PlanVersionEvent:
    goals = []
    for goal in previous.goals:
        actions = []
        for action in goal.actions:
            status, due = action.status, action.due_on
            if status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS) and due < on:
                draw = rng.random()
                if draw < 0.65:
                    status = ActionStatus.DONE
                elif draw < 0.75:
                    status = ActionStatus.CANCELLED
                else:
                    status, due = ActionStatus.IN_PROGRESS, on + timedelta(days=rng.randint(28, 70))
            elif status is ActionStatus.OPEN and rng.random() < 0.5:
                status = ActionStatus.IN_PROGRESS
            actions.append(ActionPlan(action.description, action.partner, due, status))
        if rng.random() < 0.3:
            extra = _new_goal(rng, goal.domain, on).actions[0]
            if all(a.description != extra.description for a in actions):
                actions.append(extra)
        finished = all(a.status in (ActionStatus.DONE, ActionStatus.CANCELLED) for a in actions)
        if finished:
            done = any(a.status is ActionStatus.DONE for a in actions)
            status_goal = GoalStatus.ACHIEVED if done else GoalStatus.NOT_ACHIEVED
        else:
            status_goal = GoalStatus.IN_PROGRESS
        goals.append(GoalPlan(goal.domain, goal.description, status_goal, actions))
    present = {g.domain for g in goals}
    if len(goals) < 5 and rng.random() < 0.35:
        domain = rng.choice([d for d in LifeDomain if d not in present])
        goals.append(_new_goal(rng, domain, on))
    return PlanVersionEvent(on, 14, rng.choice(texts.PLAN_SUMMARY_UPDATE), goals)


def _review_texts(rng: random.Random, case: CasePlan) -> None:
    negatives = [e.on for e in (*case.registration.police, *case.police) if e.negative]
    moves = [start for start, _cat, _note in case.periods[1:]]
    previous = case.admitted_on
    for number, review in enumerate(case.reviews):
        if review.decisions:  # closing and reopening reviews carry their own text
            previous = review.on
            continue
        news = [d for d in negatives if previous < d <= review.on]
        status = closure_status(case.admitted_on, negatives, on=review.on)
        lines = [texts.REVIEW_FIRST if number == 0 else rng.choice(texts.REVIEW_DECISIONS)]
        if news:
            lines.append(texts.REVIEW_NEW_POLICE)
        elif 0 < (status.eligible_date - review.on).days <= 42:
            lines.append(texts.REVIEW_NEARLY_FREE)
        for moved in moves:
            if previous < moved <= review.on:
                label = case.category_on(moved).label.lower()
                lines.append(texts.REVIEW_MOVED.format(category=label))
        review.decisions = " ".join(lines)
        plan = [p for p in case.plans if p.on <= review.on]
        domains = [g.domain for g in plan[-1].goals] if plan else list(case.registration.domains)
        for domain in rng.sample(domains, min(len(domains), rng.randint(1, 3))):
            mood = 2 if news and domain is LifeDomain.JUSTICE else _mood(rng)
            review.progress.append((domain, texts.PROGRESS[domain][mood]))
        previous = review.on


def _mood(rng: random.Random) -> int:
    draw = rng.random()
    return 0 if draw < 0.5 else 1 if draw < 0.85 else 2
