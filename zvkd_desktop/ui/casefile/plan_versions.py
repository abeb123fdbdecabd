"""The plan's version history and a side-by-side view of two versions.

The differences come from the domain's ``compare_versions``; this view only marks them: a row that
was removed (left) or added (right) or changed (both sides) gets the palette's highlight mixed
into its background and a word in the last column ("nieuw", "verwijderd", "gewijzigd: status"),
so the marking does not depend on seeing colour. Hovering a changed row shows old → new.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.domain.plan_diff import FIELD_LABELS, DifferenceKind, PlanDifference, PlanView
from zvkd_desktop.domain.vocabulary import Labelled, LifeDomain
from zvkd_desktop.services import plans
from zvkd_desktop.ui.casefile.plan_draft import configure_plan_header, plan_columns
from zvkd_desktop.ui.casefile.tab import add_item, list_view
from zvkd_desktop.ui.casefile.texts import bold, highlight_colour, moment_text, t
from zvkd_desktop.ui.dialogs.fields import date_text, vocab
from zvkd_desktop.ui.sections import AppContext

__all__ = ["PlanVersions"]

_MARK_COLUMN = 3


def _value(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, Labelled):
        return vocab(value)
    if isinstance(value, dt.date):
        return date_text(value)
    return str(value)


def fill_plan_tree(
    tree: QTreeWidget, plan: PlanView
) -> tuple[dict[int, QTreeWidgetItem], dict[tuple[int, int], QTreeWidgetItem]]:
    """The plan grouped by life domain; items by goal index and (goal, action) index."""
    tree.clear()
    goals: dict[int, QTreeWidgetItem] = {}
    actions: dict[tuple[int, int], QTreeWidgetItem] = {}
    for domain in LifeDomain:
        indexes = [i for i, goal in enumerate(plan.goals) if goal.life_domain == domain]
        if not indexes:
            continue
        domain_item = QTreeWidgetItem(tree, [vocab(domain)])
        font = domain_item.font(0)
        font.setBold(True)
        domain_item.setFont(0, font)
        domain_item.setFirstColumnSpanned(True)
        for gi in indexes:
            goal = plan.goals[gi]
            text = goal.description or t("(doel zonder omschrijving)")
            goals[gi] = QTreeWidgetItem(domain_item, [text, vocab(goal.status)])
            goals[gi].setToolTip(0, text)
            for ai, action in enumerate(goal.actions):
                actions[(gi, ai)] = QTreeWidgetItem(
                    goals[gi],
                    [action.description, vocab(action.status), date_text(action.due_on, "")],
                )
                partner = action.responsible_partner or "—"
                actions[(gi, ai)].setToolTip(
                    0,
                    t("{action}\nVerantwoordelijke partner: {partner}").format(
                        action=action.description, partner=partner
                    ),
                )
    tree.expandAll()
    return goals, actions


class PlanVersions(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id: uuid.UUID | None = None
        self.versions = list_view(
            self,
            [t("Versie"), t("Opgeslagen op"), t("Door"), t("Toelichting")],
            t("Versies van het plan"),
        )
        self.versions.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        self.versions.currentItemChanged.connect(self._version_chosen)
        self.old_combo = QComboBox(self)
        self.new_combo = QComboBox(self)
        old_label = QLabel(t("&Vergelijk versie"), self)
        old_label.setBuddy(self.old_combo)
        new_label = QLabel(t("&met versie"), self)
        new_label.setBuddy(self.new_combo)
        self.old_combo.setAccessibleName(t("Oude versie"))
        self.new_combo.setAccessibleName(t("Nieuwe versie"))
        self.old_combo.currentIndexChanged.connect(self.compare)
        self.new_combo.currentIndexChanged.connect(self.compare)
        choose = QHBoxLayout()
        for widget in (old_label, self.old_combo, new_label, self.new_combo):
            choose.addWidget(widget)
        choose.addStretch(1)
        self.summary_label = bold(QLabel(self))
        self.summary_label.setWordWrap(True)
        headers = [*plan_columns()[:3], t("Verschil")]
        self.old_tree = QTreeWidget(self)
        self.new_tree = QTreeWidget(self)
        sides = QSplitter(Qt.Orientation.Horizontal, self)
        for tree, name in ((self.old_tree, t("Oude versie")), (self.new_tree, t("Nieuwe versie"))):
            tree.setHeaderLabels(headers)
            tree.setAccessibleName(name)
            configure_plan_header(tree)
            box = QWidget(sides)
            box_layout = QGridLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            title = bold(QLabel(name, box))
            box_layout.addWidget(title, 0, 0)
            box_layout.addWidget(tree, 1, 0)
            if tree is self.old_tree:
                self.old_title = title
            else:
                self.new_title = title
        sides.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.versions)
        layout.addLayout(choose)
        layout.addWidget(self.summary_label)
        layout.addWidget(sides, 1)

    def load(self, case_id: uuid.UUID) -> None:
        self.case_id = case_id
        rows = plans.plan_versions(self.context.services, case_id)
        self.versions.blockSignals(True)
        self.versions.clear()
        for row in reversed(rows):
            add_item(
                self.versions,
                [
                    str(row.number),
                    moment_text(row.saved_at.replace(tzinfo=dt.UTC)),
                    row.author or "—",
                    row.summary or "",
                ],
                row.number,
            )
        self.versions.blockSignals(False)
        for combo in (self.old_combo, self.new_combo):
            combo.blockSignals(True)
            combo.clear()
            for row in rows:
                combo.addItem(
                    t("{number} ({date})").format(
                        number=row.number, date=date_text(row.saved_at.date())
                    ),
                    row.number,
                )
            combo.blockSignals(False)
        if len(rows) >= 2:
            self.old_combo.setCurrentIndex(len(rows) - 2)
            self.new_combo.setCurrentIndex(len(rows) - 1)
        self.compare()

    def _version_chosen(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            return
        number = item.data(0, Qt.ItemDataRole.UserRole)
        index = self.new_combo.findData(number)
        if index < 0:
            return
        self.new_combo.blockSignals(True)
        self.new_combo.setCurrentIndex(index)
        self.new_combo.blockSignals(False)
        self.old_combo.blockSignals(True)
        self.old_combo.setCurrentIndex(max(0, index - 1))
        self.old_combo.blockSignals(False)
        self.compare()

    def compare(self) -> None:
        self.old_tree.clear()
        self.new_tree.clear()
        old_number, new_number = self.old_combo.currentData(), self.new_combo.currentData()
        if self.case_id is None or old_number is None or new_number is None:
            count = self.new_combo.count()
            self.summary_label.setText(
                t("Er zijn nog geen versies.")
                if count == 0
                else t("Er is één versie; zodra er een tweede is, zijn ze hier te vergelijken.")
            )
            if count == 1 and self.case_id is not None:
                fill_plan_tree(
                    self.new_tree,
                    plans.plan_version(
                        self.context.services, self.case_id, self.new_combo.itemData(0)
                    ),
                )
            return
        ctx = self.context.services
        old = plans.plan_version(ctx, self.case_id, old_number)
        new = plans.plan_version(ctx, self.case_id, new_number)
        self.old_title.setText(t("Versie {number}").format(number=old.number))
        self.new_title.setText(t("Versie {number}").format(number=new.number))
        old_goals, old_actions = fill_plan_tree(self.old_tree, old)
        new_goals, new_actions = fill_plan_tree(self.new_tree, new)
        differences = plans.compare_versions(old, new)
        for difference in differences:
            self._mark(difference, old_goals, old_actions, new_goals, new_actions)
        self.summary_label.setText(self._summary(differences))

    def _mark(
        self,
        d: PlanDifference,
        old_goals: dict,
        old_actions: dict,
        new_goals: dict,
        new_actions: dict,
    ) -> None:
        kind = d.kind
        if kind is DifferenceKind.GOAL_ADDED:
            self._paint(new_goals.get(d.new_goal), t("nieuw"))
        elif kind is DifferenceKind.GOAL_REMOVED:
            self._paint(old_goals.get(d.old_goal), t("verwijderd"), strike=True)
        elif kind is DifferenceKind.ACTION_ADDED:
            self._paint(new_actions.get((d.new_goal, d.new_action)), t("nieuw"))
        elif kind is DifferenceKind.ACTION_REMOVED:
            self._paint(old_actions.get((d.old_goal, d.old_action)), t("verwijderd"), strike=True)
        else:
            label = vocab(FIELD_LABELS.get(d.field or "", d.field or "")).lower()
            tip = t("{field}: {old} → {new}").format(
                field=label, old=_value(d.old), new=_value(d.new)
            )
            if kind is DifferenceKind.GOAL_CHANGED:
                items = (old_goals.get(d.old_goal), new_goals.get(d.new_goal))
            else:
                items = (
                    old_actions.get((d.old_goal, d.old_action)),
                    new_actions.get((d.new_goal, d.new_action)),
                )
            for item in items:
                self._paint(item, t("gewijzigd: {field}").format(field=label), tip=tip)

    def _paint(
        self,
        item: QTreeWidgetItem | None,
        mark: str,
        *,
        strike: bool = False,
        tip: str | None = None,
    ) -> None:
        if item is None:
            return
        brush = QBrush(highlight_colour(self))
        existing = item.text(_MARK_COLUMN)
        item.setText(
            _MARK_COLUMN, f"{existing}, {mark}" if existing and mark not in existing else mark
        )
        for column in range(item.columnCount() or _MARK_COLUMN + 1):
            item.setBackground(column, brush)
            if strike:
                font = item.font(column)
                font.setStrikeOut(True)
                item.setFont(column, font)
        if tip:
            previous = item.toolTip(0)
            item.setToolTip(0, f"{previous}\n{tip}" if previous else tip)
            item.setToolTip(_MARK_COLUMN, item.toolTip(0))

    @staticmethod
    def _summary(differences: list[PlanDifference]) -> str:
        if not differences:
            return t("Geen verschillen tussen deze versies.")
        counts = Counter(d.kind for d in differences)
        parts = [f"{count}× {vocab(kind).lower()}" for kind, count in counts.items()]
        if len(differences) == 1:
            return t("1 verschil: {parts}.").format(parts=", ".join(parts))
        return t("{count} verschillen: {parts}.").format(
            count=len(differences), parts=", ".join(parts)
        )
