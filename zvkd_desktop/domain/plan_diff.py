"""The plan van aanpak as plain values, and what changed between two of its versions.

Every save makes a new version with new rows, so goals and actions have no identity that lasts
from one version to the next. To show the core team "what changed" side by side, goals are paired
the way a reader would pair them: within one life domain, first a goal with the very same
description, then the remaining goals in their order. Actions inside a paired goal are paired the
same way. Whatever stays unpaired was added or removed. A goal moved to another life domain
therefore reads as removed there and added here, which is also how the plan shows it.

Pure: no store, no clock. The service layer builds :class:`PlanView` values from the store.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar
from uuid import UUID

from zvkd_desktop.domain.vocabulary import ActionStatus, GoalStatus, Labelled, LifeDomain

__all__ = [
    "FIELD_LABELS",
    "ActionView",
    "DifferenceKind",
    "GoalView",
    "PlanDifference",
    "PlanView",
    "compare_versions",
]


@dataclass(frozen=True)
class ActionView:
    description: str
    responsible_partner: str | None
    due_on: date | None
    status: ActionStatus


@dataclass(frozen=True)
class GoalView:
    life_domain: LifeDomain
    description: str | None
    status: GoalStatus
    actions: tuple[ActionView, ...]


@dataclass(frozen=True)
class PlanView:
    """One saved version of a case's plan; ``goals`` in their saved order."""

    case_id: UUID
    number: int
    author: str | None
    saved_at: datetime
    summary: str | None
    goals: tuple[GoalView, ...]


class DifferenceKind(Labelled):
    GOAL_ADDED = "goal_added", "Doel toegevoegd"
    GOAL_REMOVED = "goal_removed", "Doel verwijderd"
    GOAL_CHANGED = "goal_changed", "Doel gewijzigd"
    ACTION_ADDED = "action_added", "Actie toegevoegd"
    ACTION_REMOVED = "action_removed", "Actie verwijderd"
    ACTION_CHANGED = "action_changed", "Actie gewijzigd"


FIELD_LABELS: dict[str, str] = {
    "description": "Omschrijving",
    "status": "Status",
    "responsible_partner": "Verantwoordelijke partner",
    "due_on": "Uiterlijk",
}
"""Dutch source labels of the fields a difference can name (the UI translates them)."""

_GOAL_FIELDS = ("description", "status")
_ACTION_FIELDS = ("description", "responsible_partner", "due_on", "status")


@dataclass(frozen=True)
class PlanDifference:
    """One difference from version ``a`` (old) to version ``b`` (new).

    The indexes point into ``a.goals`` / ``b.goals`` and into those goals' ``actions``, so the
    side-by-side view can highlight both sides. A changed goal or action gives one difference per
    changed ``field`` with its ``old`` and ``new`` value; added and removed ones have no field.
    """

    kind: DifferenceKind
    life_domain: LifeDomain
    old_goal: int | None
    new_goal: int | None
    old_action: int | None = None
    new_action: int | None = None
    field: str | None = None
    old: object = None
    new: object = None


T = TypeVar("T")


def _pair(
    old: Sequence[T],
    new: Sequence[T],
    group: Callable[[T], Hashable],
    key: Callable[[T], Hashable],
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """(pairs (old, new) in new order, unpaired old, unpaired new): exact key first, then order."""
    free_old = list(range(len(old)))
    matched: dict[int, int] = {}
    for exact in (True, False):
        for j, item in enumerate(new):
            if j in matched:
                continue
            for i in free_old:
                if group(old[i]) == group(item) and (not exact or key(old[i]) == key(item)):
                    matched[j] = i
                    free_old.remove(i)
                    break
    pairs = sorted(((i, j) for j, i in matched.items()), key=lambda pair: pair[1])
    added = [j for j in range(len(new)) if j not in matched]
    return pairs, free_old, added


def _field_changes(
    old: object, new: object, fields: Sequence[str]
) -> list[tuple[str, object, object]]:
    return [
        (name, getattr(old, name), getattr(new, name))
        for name in fields
        if getattr(old, name) != getattr(new, name)
    ]


def compare_versions(a: PlanView, b: PlanView) -> list[PlanDifference]:
    """What changed from ``a`` to ``b``: per goal of ``b`` in order, then the goals ``b`` dropped."""
    differences: list[PlanDifference] = []
    pairs, removed, _added = _pair(
        a.goals, b.goals, lambda g: g.life_domain, lambda g: g.description
    )
    paired_by_new = {j: i for i, j in pairs}
    for j, goal in enumerate(b.goals):
        if j not in paired_by_new:
            differences.append(PlanDifference(DifferenceKind.GOAL_ADDED, goal.life_domain, None, j))
            continue
        i = paired_by_new[j]
        old_goal = a.goals[i]
        for name, old, new in _field_changes(old_goal, goal, _GOAL_FIELDS):
            differences.append(
                PlanDifference(
                    DifferenceKind.GOAL_CHANGED,
                    goal.life_domain,
                    i,
                    j,
                    field=name,
                    old=old,
                    new=new,
                )
            )
        differences.extend(_action_differences(goal.life_domain, i, j, old_goal, goal))
    for i in removed:
        differences.append(
            PlanDifference(DifferenceKind.GOAL_REMOVED, a.goals[i].life_domain, i, None)
        )
    return differences


def _action_differences(
    domain: LifeDomain, i: int, j: int, old_goal: GoalView, new_goal: GoalView
) -> list[PlanDifference]:
    differences: list[PlanDifference] = []
    pairs, removed, _added = _pair(
        old_goal.actions, new_goal.actions, lambda _a: None, lambda a: a.description
    )
    paired_by_new = {n: o for o, n in pairs}
    for n, action in enumerate(new_goal.actions):
        if n not in paired_by_new:
            differences.append(
                PlanDifference(DifferenceKind.ACTION_ADDED, domain, i, j, new_action=n)
            )
            continue
        o = paired_by_new[n]
        for name, old, new in _field_changes(old_goal.actions[o], action, _ACTION_FIELDS):
            differences.append(
                PlanDifference(
                    DifferenceKind.ACTION_CHANGED,
                    domain,
                    i,
                    j,
                    old_action=o,
                    new_action=n,
                    field=name,
                    old=old,
                    new=new,
                )
            )
    for o in removed:
        differences.append(
            PlanDifference(DifferenceKind.ACTION_REMOVED, domain, i, j, old_action=o)
        )
    return differences
