"""Comparing two plan versions side by side: goals are paired within their life domain, by the
same description first and then in order; what stays unpaired was added or removed."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from zvkd_desktop.domain.plan_diff import (
    ActionView,
    DifferenceKind,
    GoalView,
    PlanDifference,
    PlanView,
    compare_versions,
)
from zvkd_desktop.domain.vocabulary import ActionStatus, GoalStatus, LifeDomain

SCHOOL = LifeDomain.EDUCATION_WORK
FAMILY = LifeDomain.FAMILY


def action(
    description: str,
    *,
    partner: str | None = "Delft Support",
    due: date | None = None,
    status: ActionStatus = ActionStatus.OPEN,
) -> ActionView:
    return ActionView(description, partner, due, status)


def goal(
    domain: LifeDomain,
    description: str | None,
    *actions: ActionView,
    status: GoalStatus = GoalStatus.OPEN,
) -> GoalView:
    return GoalView(domain, description, status, tuple(actions))


def version(number: int, *goals: GoalView) -> PlanView:
    return PlanView(UUID(int=1), number, "Coördinator", datetime(2024, 1, number), None, goals)


BASE = version(
    1,
    goal(SCHOOL, "Weer naar school", action("Gesprek met mentor", due=date(2024, 2, 1))),
    goal(FAMILY, "Rust thuis", action("Gezinsgesprek")),
)


def test_identical_versions_have_no_differences() -> None:
    assert compare_versions(BASE, version(2, *BASE.goals)) == []


def test_a_new_goal_is_added_at_its_position() -> None:
    new = version(2, *BASE.goals, goal(LifeDomain.HOUSING, "Eigen kamer"))
    assert compare_versions(BASE, new) == [
        PlanDifference(DifferenceKind.GOAL_ADDED, LifeDomain.HOUSING, None, 2)
    ]


def test_a_dropped_goal_is_removed() -> None:
    new = version(2, BASE.goals[0])
    assert compare_versions(BASE, new) == [
        PlanDifference(DifferenceKind.GOAL_REMOVED, FAMILY, 1, None)
    ]


def test_a_reworded_goal_in_the_same_life_domain_is_changed_with_old_and_new_text() -> None:
    reworded = goal(SCHOOL, "Startkwalificatie halen", *BASE.goals[0].actions)
    new = version(2, reworded, BASE.goals[1])
    assert compare_versions(BASE, new) == [
        PlanDifference(
            DifferenceKind.GOAL_CHANGED,
            SCHOOL,
            0,
            0,
            field="description",
            old="Weer naar school",
            new="Startkwalificatie halen",
        )
    ]


def test_a_goal_status_change_names_the_field() -> None:
    achieved = goal(FAMILY, "Rust thuis", *BASE.goals[1].actions, status=GoalStatus.ACHIEVED)
    [difference] = compare_versions(BASE, version(2, BASE.goals[0], achieved))
    assert (difference.kind, difference.field) == (DifferenceKind.GOAL_CHANGED, "status")
    assert (difference.old, difference.new) == (GoalStatus.OPEN, GoalStatus.ACHIEVED)


def test_a_goal_moved_to_another_life_domain_reads_as_removed_and_added() -> None:
    moved = goal(LifeDomain.FRIENDS_LEISURE, "Rust thuis", *BASE.goals[1].actions)
    kinds = [
        (d.kind, d.life_domain) for d in compare_versions(BASE, version(2, BASE.goals[0], moved))
    ]
    assert kinds == [
        (DifferenceKind.GOAL_ADDED, LifeDomain.FRIENDS_LEISURE),
        (DifferenceKind.GOAL_REMOVED, FAMILY),
    ]


def test_reordering_goals_pairs_them_by_description_not_position() -> None:
    two_school_goals = version(1, goal(SCHOOL, "Weer naar school"), goal(SCHOOL, "Bijbaan vinden"))
    swapped = version(2, goal(SCHOOL, "Bijbaan vinden"), goal(SCHOOL, "Weer naar school"))
    assert compare_versions(two_school_goals, swapped) == []


def test_removing_the_first_of_two_goals_removes_that_one_only() -> None:
    two_school_goals = version(1, goal(SCHOOL, "Weer naar school"), goal(SCHOOL, "Bijbaan vinden"))
    assert compare_versions(two_school_goals, version(2, goal(SCHOOL, "Bijbaan vinden"))) == [
        PlanDifference(DifferenceKind.GOAL_REMOVED, SCHOOL, 0, None)
    ]


def test_action_changes_name_each_changed_field() -> None:
    changed = goal(
        SCHOOL,
        "Weer naar school",
        action(
            "Gesprek met mentor",
            partner="Grotius College",
            due=date(2024, 3, 1),
            status=ActionStatus.DONE,
        ),
    )
    differences = compare_versions(BASE, version(2, changed, BASE.goals[1]))
    assert [(d.kind, d.field, d.old, d.new) for d in differences] == [
        (DifferenceKind.ACTION_CHANGED, "responsible_partner", "Delft Support", "Grotius College"),
        (DifferenceKind.ACTION_CHANGED, "due_on", date(2024, 2, 1), date(2024, 3, 1)),
        (DifferenceKind.ACTION_CHANGED, "status", ActionStatus.OPEN, ActionStatus.DONE),
    ]
    assert {(d.old_goal, d.new_goal, d.old_action, d.new_action) for d in differences} == {
        (0, 0, 0, 0)
    }


def test_actions_added_and_removed_within_a_goal() -> None:
    new_family = goal(
        FAMILY, "Rust thuis", action("Opvoedondersteuning aanvragen"), action("Gezinsgesprek")
    )
    assert compare_versions(BASE, version(2, BASE.goals[0], new_family)) == [
        PlanDifference(DifferenceKind.ACTION_ADDED, FAMILY, 1, 1, new_action=0)
    ]
    without = goal(FAMILY, "Rust thuis")
    assert compare_versions(BASE, version(2, BASE.goals[0], without)) == [
        PlanDifference(DifferenceKind.ACTION_REMOVED, FAMILY, 1, 1, old_action=0)
    ]


def test_comparing_backwards_swaps_added_and_removed() -> None:
    new = version(2, *BASE.goals, goal(LifeDomain.HOUSING, "Eigen kamer"))
    assert [d.kind for d in compare_versions(new, BASE)] == [DifferenceKind.GOAL_REMOVED]
