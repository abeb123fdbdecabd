"""The plan van aanpak: every saved change is a new version with author and time; earlier versions
stay readable and can be compared side by side."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from tests.services.conftest import Partners
from tests.services.factories import add_case
from zvkd_desktop.domain.vocabulary import ActionStatus, GoalStatus, LifeDomain
from zvkd_desktop.errors import NotFoundError, ValidationError
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.plans import (
    ActionInput,
    DifferenceKind,
    GoalInput,
    compare_versions,
    current_plan,
    plan_version,
    plan_versions,
    remove_plan_version,
    save_plan,
)
from zvkd_desktop.store.models import AuditEntry, Case

ADMITTED = dt.date(2023, 11, 1)

SCHOOL = GoalInput(
    LifeDomain.EDUCATION_WORK,
    "Weer elke dag naar school",
    actions=[
        ActionInput("Gesprek met mentor plannen", "Grotius College", dt.date(2024, 2, 1)),
        ActionInput("Huiswerkbegeleiding regelen", "Delft Support", None),
    ],
)
FAMILY = GoalInput(LifeDomain.FAMILY, "Minder ruzie thuis", actions=[ActionInput("Gezinsgesprek")])


@pytest.fixture
def case_id(ctx: ServiceContext, partners: Partners) -> uuid.UUID:
    refs = add_case(ctx.store, admitted_on=ADMITTED, coach_id=partners.coach_a.id)
    assert refs.case_id is not None
    return refs.case_id


def test_the_first_save_is_version_1_with_author_and_goals_in_order(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    assert current_plan(ctx, case_id) is None
    assert save_plan(ctx, case_id, [SCHOOL, FAMILY], "Eerste plan") == 1

    plan = current_plan(ctx, case_id)
    assert plan is not None
    assert (plan.number, plan.author, plan.summary) == (1, "Coördinator", "Eerste plan")
    assert [(g.life_domain, g.description) for g in plan.goals] == [
        (LifeDomain.EDUCATION_WORK, "Weer elke dag naar school"),
        (LifeDomain.FAMILY, "Minder ruzie thuis"),
    ]
    assert [(a.description, a.responsible_partner, a.due_on) for a in plan.goals[0].actions] == [
        ("Gesprek met mentor plannen", "Grotius College", dt.date(2024, 2, 1)),
        ("Huiswerkbegeleiding regelen", "Delft Support", None),
    ]


def test_every_saved_change_is_a_new_version_and_earlier_versions_stay_readable(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    save_plan(ctx, case_id, [SCHOOL], None)
    done = GoalInput(
        SCHOOL.life_domain,
        SCHOOL.description,
        GoalStatus.IN_PROGRESS,
        [
            ActionInput(
                "Gesprek met mentor plannen",
                "Grotius College",
                dt.date(2024, 2, 1),
                ActionStatus.DONE,
            ),
            SCHOOL.actions[1],
        ],
    )
    assert save_plan(ctx, case_id, [done, FAMILY], "Gesprek gevoerd; gezin erbij") == 2

    assert [(row.number, row.author, row.summary) for row in plan_versions(ctx, case_id)] == [
        (1, "Coördinator", None),
        (2, "Coördinator", "Gesprek gevoerd; gezin erbij"),
    ]
    first = plan_version(ctx, case_id, 1)
    assert [g.description for g in first.goals] == ["Weer elke dag naar school"]
    assert first.goals[0].actions[0].status is ActionStatus.OPEN

    differences = compare_versions(first, plan_version(ctx, case_id, 2))
    assert [(d.kind, d.field) for d in differences] == [
        (DifferenceKind.GOAL_CHANGED, "status"),
        (DifferenceKind.ACTION_CHANGED, "status"),
        (DifferenceKind.GOAL_ADDED, None),
    ]


def test_saving_an_unchanged_plan_is_refused(ctx: ServiceContext, case_id: uuid.UUID) -> None:
    save_plan(ctx, case_id, [SCHOOL, FAMILY], None)
    with pytest.raises(ValidationError) as refused:
        save_plan(ctx, case_id, [SCHOOL, FAMILY], "Nogmaals opgeslagen")
    assert refused.value.code == "plan_unchanged"
    assert len(plan_versions(ctx, case_id)) == 1


def test_an_empty_first_plan_is_unchanged_too(ctx: ServiceContext, case_id: uuid.UUID) -> None:
    with pytest.raises(ValidationError) as refused:
        save_plan(ctx, case_id, [], None)
    assert refused.value.code == "plan_unchanged"


def test_an_action_without_description_is_refused(ctx: ServiceContext, case_id: uuid.UUID) -> None:
    goal = GoalInput(LifeDomain.HOUSING, "Eigen kamer", actions=[ActionInput("   ")])
    with pytest.raises(ValidationError) as refused:
        save_plan(ctx, case_id, [goal], None)
    assert refused.value.code == "action_description_required"
    assert "Eigen kamer" in refused.value.message
    assert current_plan(ctx, case_id) is None


def test_a_goal_without_description_or_actions_is_refused(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    with pytest.raises(ValidationError) as refused:
        save_plan(ctx, case_id, [GoalInput(LifeDomain.HEALTH, " ")], None)
    assert refused.value.code == "goal_empty"


def test_a_due_date_before_admission_is_refused_and_the_day_of_admission_is_allowed(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    before = GoalInput(
        LifeDomain.JUSTICE,
        "Taakstraf afronden",
        actions=[ActionInput("Uren maken", due_on=ADMITTED - dt.timedelta(days=1))],
    )
    with pytest.raises(ValidationError) as refused:
        save_plan(ctx, case_id, [before], None)
    assert refused.value.code == "action_due_before_admission"
    assert "31-10-2023" in refused.value.message and "01-11-2023" in refused.value.message

    on_admission = GoalInput(
        LifeDomain.JUSTICE,
        "Taakstraf afronden",
        actions=[ActionInput("Uren maken", due_on=ADMITTED)],
    )
    assert save_plan(ctx, case_id, [on_admission], None) == 1


def test_the_plan_of_a_closed_case_cannot_change(ctx: ServiceContext, partners: Partners) -> None:
    refs = add_case(ctx.store, admitted_on=ADMITTED, closed_on=dt.date(2024, 1, 10))
    assert refs.case_id is not None
    with pytest.raises(ValidationError) as refused:
        save_plan(ctx, refs.case_id, [SCHOOL], None)
    assert refused.value.code == "case_closed"
    assert "10-01-2024" in refused.value.message


def test_a_missing_case_is_not_found(ctx: ServiceContext) -> None:
    with pytest.raises(NotFoundError):
        save_plan(ctx, uuid.uuid4(), [SCHOOL], None)
    with pytest.raises(NotFoundError):
        current_plan(ctx, uuid.uuid4())


def test_undoing_a_save_makes_the_previous_version_current_and_numbers_are_not_reused(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    save_plan(ctx, case_id, [SCHOOL], None)
    save_plan(ctx, case_id, [SCHOOL, FAMILY], None)

    remove_plan_version(ctx, case_id, 2)
    plan = current_plan(ctx, case_id)
    assert plan is not None and plan.number == 1
    with pytest.raises(NotFoundError):
        plan_version(ctx, case_id, 2)

    assert save_plan(ctx, case_id, [SCHOOL, FAMILY], "Opnieuw") == 3
    assert [row.number for row in plan_versions(ctx, case_id)] == [1, 3]


def test_only_the_current_version_can_be_removed(ctx: ServiceContext, case_id: uuid.UUID) -> None:
    save_plan(ctx, case_id, [SCHOOL], None)
    save_plan(ctx, case_id, [SCHOOL, FAMILY], None)
    with pytest.raises(ValidationError) as refused:
        remove_plan_version(ctx, case_id, 1)
    assert refused.value.code == "plan_version_not_latest"


def test_saving_records_who_did_it(ctx: ServiceContext, case_id: uuid.UUID) -> None:
    save_plan(ctx, case_id, [SCHOOL], None)
    with ctx.store.read() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.case_id == case_id).order_by(AuditEntry.seq)
        ).all()
        assert [(e.table_name, e.action) for e in entries] == [
            ("plan_version", "create"),
            ("plan_goal", "create"),
            ("plan_action", "create"),
            ("plan_action", "create"),
        ]
        assert {e.user_id for e in entries} == {ctx.user.id}
        assert session.get(Case, case_id) is not None
