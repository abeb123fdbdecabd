"""A case's rows on the reference day: the case itself as it stands, and its dated history."""

from __future__ import annotations

from datetime import date, timedelta

from zvkd_desktop.services.demo.staffing import DIRECTOR_NAMES
from zvkd_desktop.services.demo.table import DemoRows, at, rid
from zvkd_desktop.services.demo.world import (
    DAY,
    CasePlan,
    Closure,
    PlanVersionEvent,
    ReviewEvent,
)
from zvkd_desktop.store.models import (
    Case,
    CategoryPeriod,
    CoachAssignment,
    CoachContact,
    PlanAction,
    PlanGoal,
    PlanVersion,
    Reopening,
    Review,
    ReviewProgress,
)


def closure_on(case: CasePlan, today: date) -> Closure | None:
    """The closure standing on ``today``: the final one, or a wrong one not yet undone."""
    if case.closure is not None and case.closure.on <= today:
        return case.closure
    if case.reopening and case.reopening.closure.on <= today < case.reopening.reopened_on:
        return case.reopening.closure
    return None


def case_rows(rows: DemoRows, case: CasePlan, today: date) -> None:
    closure = closure_on(case, today)
    reviews = [r for r in case.reviews if r.on <= today]
    plans = [p for p in case.plans if p.on <= today]
    next_review = None
    if closure is None:
        planned = [r.next_on for r in reviews if r.next_on is not None]
        next_review = planned[-1] if planned else case.admitted_on + timedelta(weeks=6)
    coaches = [(start, coach) for start, coach in case.coaches if start <= today]
    rows.add(
        Case,
        {
            "id": rid(case.key),
            "created_at": at(case.admitted_on, 11),
            "youth_id": rid(case.youth.key),
            "registration_id": rid(case.registration.key),
            "admitted_on": case.admitted_on,
            "category": case.category_on(today),
            "coach_id": rid(coaches[-1][1]),
            "process_director_id": rid(case.director),
            "street_strength": case.street_strength,
            "reoffence_advice": case.advice if plans else None,
            "review_cadence_weeks": 6,
            "next_review_on": next_review,
            "closed_on": closure.on if closure else None,
            "closure_reason": closure.reason if closure else None,
            "closure_reason_text": closure.text if closure else None,
            "relocation_municipality": closure.municipality if closure else None,
            "relocation_informed_on": closure.informed_on if closure else None,
            "transferred": closure.transferred if closure else None,
            "handover_note": closure.handover if closure else None,
        },
    )
    for number, (start, category, note) in enumerate(case.periods):
        if start <= today:
            rows.add(
                CategoryPeriod,
                {
                    "id": rid(f"{case.key}/category/{number}"),
                    "created_at": at(start, 11),
                    "case_id": rid(case.key),
                    "category": category,
                    "from_date": start,
                    "note": note,
                },
            )
    for number, (start, coach) in enumerate(coaches):
        following = coaches[number + 1][0] if number + 1 < len(coaches) else None
        rows.add(
            CoachAssignment,
            {
                "id": rid(f"{case.key}/coach/{number}"),
                "created_at": at(start, 11),
                "case_id": rid(case.key),
                "coach_id": rid(coach),
                "from_date": start,
                "until_date": following - DAY if following else None,
            },
        )
    if case.reopening and case.reopening.reopened_on <= today:
        undone = case.reopening.closure
        rows.add(
            Reopening,
            {
                "id": rid(f"{case.key}/reopening"),
                "created_at": at(case.reopening.reopened_on, 11),
                "case_id": rid(case.key),
                "reopened_on": case.reopening.reopened_on,
                "reason": case.reopening.reason,
                "undone_closed_on": undone.on,
                "undone_reason": undone.reason,
                "undone_reason_text": undone.text,
            },
        )
    for number, contact in enumerate(case.contacts):
        if contact.on <= today:
            rows.add(
                CoachContact,
                {
                    "id": rid(f"{case.key}/contact/{number}"),
                    "created_at": at(contact.on, 16),
                    "case_id": rid(case.key),
                    "coach_id": rid(case.coach_on(contact.on)),
                    "contact_on": contact.on,
                    "kind": contact.kind,
                    "note": contact.note,
                },
            )
    _reviews_and_plans(rows, case, reviews, plans)


def _reviews_and_plans(
    rows: DemoRows, case: CasePlan, reviews: list[ReviewEvent], plans: list[PlanVersionEvent]
) -> None:
    for number, review in enumerate(reviews):
        key = f"{case.key}/review/{number}"
        rows.add(
            Review,
            {
                "id": rid(key),
                "created_at": at(review.on, 12),
                "case_id": rid(case.key),
                "reviewed_on": review.on,
                "decisions": review.decisions,
                "next_review_on": review.next_on,
            },
        )
        for position, (domain, text) in enumerate(review.progress):
            rows.add(
                ReviewProgress,
                {
                    "id": rid(f"{key}/progress/{position}"),
                    "created_at": at(review.on, 12),
                    "review_id": rid(key),
                    "life_domain": domain,
                    "progress": text,
                },
            )
    for number, version in enumerate(plans, start=1):
        key = f"{case.key}/plan/{number}"
        saved = at(version.on, version.hour)
        rows.add(
            PlanVersion,
            {
                "id": rid(key),
                "created_at": saved,
                "case_id": rid(case.key),
                "number": number,
                "author_id": None,
                "author_name": DIRECTOR_NAMES[case.director],
                "saved_at": saved,
                "summary": version.summary,
            },
        )
        for g, goal in enumerate(version.goals, start=1):
            goal_key = f"{key}/goal/{g}"
            rows.add(
                PlanGoal,
                {
                    "id": rid(goal_key),
                    "created_at": saved,
                    "version_id": rid(key),
                    "position": g,
                    "life_domain": goal.domain,
                    "description": goal.description,
                    "status": goal.status,
                },
            )
            for a, action in enumerate(goal.actions, start=1):
                rows.add(
                    PlanAction,
                    {
                        "id": rid(f"{goal_key}/action/{a}"),
                        "created_at": saved,
                        "goal_id": rid(goal_key),
                        "position": a,
                        "description": action.description,
                        "responsible_partner": action.partner,
                        "due_on": action.due_on,
                        "status": action.status,
                    },
                )
