"""The plan van aanpak as the editor holds it before saving: goals and actions as plain drafts.

Kept apart from the widgets so the editor and the version view share the columns and texts, and so
the conversion to the plans service's input stays in one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtWidgets import QHeaderView, QTreeWidget

from zvkd_desktop.domain.plan_diff import PlanView
from zvkd_desktop.domain.vocabulary import ActionStatus, GoalStatus, LifeDomain
from zvkd_desktop.services.plans import ActionInput, GoalInput
from zvkd_desktop.ui.casefile.texts import t

__all__ = [
    "ActionDraft",
    "GoalDraft",
    "action_text",
    "configure_plan_header",
    "drafts_of",
    "goal_inputs",
    "goal_text",
    "plan_columns",
]


def plan_columns() -> list[str]:
    return [t("Leefgebied, doel of actie"), t("Status"), t("Uiterlijk"), t("Verantwoordelijke")]


def configure_plan_header(tree: QTreeWidget) -> None:
    """The description takes the room; status, date and partner are as wide as they need."""
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, tree.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setMinimumSectionSize(tree.fontMetrics().horizontalAdvance("x" * 6))


@dataclass
class ActionDraft:
    description: str = ""
    partner: str = ""
    due_on: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN


@dataclass
class GoalDraft:
    domain: LifeDomain
    description: str = ""
    status: GoalStatus = GoalStatus.OPEN
    actions: list[ActionDraft] = field(default_factory=list)


def drafts_of(plan: PlanView | None) -> list[GoalDraft]:
    if plan is None:
        return []
    return [
        GoalDraft(
            goal.life_domain,
            goal.description or "",
            goal.status,
            [
                ActionDraft(a.description, a.responsible_partner or "", a.due_on, a.status)
                for a in goal.actions
            ],
        )
        for goal in plan.goals
    ]


def goal_text(goal: GoalDraft) -> str:
    return goal.description.strip() or t("(doel zonder omschrijving)")


def action_text(action: ActionDraft) -> str:
    return action.description.strip() or t("(actie zonder omschrijving)")


def goal_inputs(goals: list[GoalDraft]) -> list[GoalInput]:
    """The draft as the plans service takes it, goals in the life domains' fixed order."""
    order = {domain: index for index, domain in enumerate(LifeDomain)}
    ordered = sorted(goals, key=lambda goal: order[goal.domain])  # stable: keeps order
    return [
        GoalInput(
            goal.domain,
            goal.description,
            goal.status,
            tuple(
                ActionInput(a.description, a.partner or None, a.due_on, a.status)
                for a in goal.actions
            ),
        )
        for goal in ordered
    ]
