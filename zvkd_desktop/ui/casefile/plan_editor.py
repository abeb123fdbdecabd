"""The plan van aanpak editor: goals and their actions per life domain, saved as a new version.

The plan is edited as a draft in memory (a tree grouped by life domain, with a form for the chosen
goal or action) and saved in one go through ``plans.save_plan``, which makes a new version; undo
removes that version again. Until it is saved the draft is "pending": the window asks before it
closes, and a refresh never overwrites it.
"""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.domain.plan_diff import PlanView
from zvkd_desktop.domain.vocabulary import ActionStatus, GoalStatus, LifeDomain
from zvkd_desktop.services import plans
from zvkd_desktop.services.plans import GoalInput
from zvkd_desktop.ui.casefile.plan_draft import (
    ActionDraft,
    GoalDraft,
    action_text,
    configure_plan_header,
    drafts_of,
    goal_inputs,
    goal_text,
    plan_columns,
)
from zvkd_desktop.ui.casefile.tab import button_row
from zvkd_desktop.ui.casefile.texts import moment_text, t
from zvkd_desktop.ui.dialogs.base import Command, run_command
from zvkd_desktop.ui.dialogs.fields import (
    NoteEdit,
    OptionalDateEdit,
    current_enum,
    date_text,
    enum_combo,
    select_data,
    vocab,
)
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.widgets import InlineMessage

__all__ = ["PlanEditor"]

ROLE = Qt.ItemDataRole.UserRole


def _top_form(page: QWidget) -> QFormLayout:
    """A form at the top of ``page`` whose fields take the full width."""
    outer = QVBoxLayout(page)
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    outer.addLayout(form)
    outer.addStretch(1)
    return form


class PlanEditor(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id: uuid.UUID | None = None
        self.running = True
        self.goals: list[GoalDraft] = []
        self.dirty = False
        self.version_label = QLabel(self)
        self.version_label.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(plan_columns())
        self.tree.setAccessibleName(t("Doelen en acties per leefgebied"))
        self.tree.setAlternatingRowColors(True)
        configure_plan_header(self.tree)
        self.tree.currentItemChanged.connect(self._selected)

        self.forms = QStackedWidget(self)
        self.empty_page = QLabel(
            t("Kies een doel of actie om het te wijzigen, of voeg een doel toe."), self
        )
        self.empty_page.setWordWrap(True)
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.forms.addWidget(self.empty_page)
        self._build_goal_form()
        self._build_action_form()

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.forms)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([650, 350])
        splitter.setChildrenCollapsible(False)

        self.summary_edit = QLineEdit(self)
        self.summary_edit.setPlaceholderText(t("Bijvoorbeeld: besproken in het kernteam van …"))
        summary_label = QLabel(t("Toelic&hting bij deze versie:"), self)
        summary_label.setBuddy(self.summary_edit)
        self.summary_edit.setAccessibleName(t("Toelichting bij deze versie"))
        self.summary_edit.textChanged.connect(lambda _text: self._set_dirty())
        edit_row, (self.add_goal_button, self.add_action_button, self.remove_button) = button_row(
            self,
            (t("Doel &toevoegen"), self.add_goal),
            (t("Act&ie toevoegen"), self.add_action),
            (t("V&erwijderen"), self.remove_selected),
        )
        save_row, (self.save_button, self.discard_button) = button_row(
            self,
            (t("Op&slaan als nieuwe versie"), self.save),
            (t("Wijzigingen verwerpe&n"), self.discard),
        )
        self.save_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_button.setToolTip(t("Het plan opslaan als nieuwe versie (Ctrl+S)"))
        self.message = InlineMessage(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.version_label)
        layout.addLayout(edit_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(summary_label)
        layout.addWidget(self.summary_edit)
        layout.addWidget(self.message)
        layout.addLayout(save_row)
        self._update_buttons()

    # -- forms --------------------------------------------------------------------------------

    def _build_goal_form(self) -> None:
        page = QWidget(self)
        form = _top_form(page)
        self.goal_domain = enum_combo(LifeDomain, page)
        self.goal_description = NoteEdit(3, page)
        self.goal_status = enum_combo(GoalStatus, page)
        for label, widget in (
            (t("Lee&fgebied:"), self.goal_domain),
            (t("O&mschrijving:"), self.goal_description),
            (t("Stat&us:"), self.goal_status),
        ):
            buddy = QLabel(label, page)
            buddy.setBuddy(widget)
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
            form.addRow(buddy, widget)
        self.goal_domain.currentIndexChanged.connect(self._goal_domain_changed)
        self.goal_description.textChanged.connect(self._goal_edited)
        self.goal_status.currentIndexChanged.connect(self._goal_edited)
        self.goal_page = page
        self.forms.addWidget(page)

    def _build_action_form(self) -> None:
        page = QWidget(self)
        form = _top_form(page)
        self.action_description = NoteEdit(3, page)
        self.action_partner = QLineEdit(page)
        self.action_partner.setMaxLength(120)
        self.action_due = OptionalDateEdit(t("afgesproken:"), page)
        self.action_status = enum_combo(ActionStatus, page)
        for label, widget in (
            (t("O&mschrijving:"), self.action_description),
            (t("Verantwoordelijke &partner:"), self.action_partner),
            (t("Uiter&lijk klaar:"), self.action_due),
            (t("Stat&us:"), self.action_status),
        ):
            buddy = QLabel(label, page)
            buddy.setBuddy(widget)
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
            form.addRow(buddy, widget)
        self.action_description.textChanged.connect(self._action_edited)
        self.action_partner.textChanged.connect(self._action_edited)
        self.action_due.changed.connect(self._action_edited)
        self.action_status.currentIndexChanged.connect(self._action_edited)
        self.action_page = page
        self.forms.addWidget(page)

    # -- loading ------------------------------------------------------------------------------

    def load(
        self, case_id: uuid.UUID, plan: PlanView | None, running: bool, can_write: bool = True
    ) -> None:
        """Show the saved plan, unless the user is editing a draft (that stays)."""
        self.case_id = case_id
        self.running = running and can_write  # "running" here: the plan may be edited
        if plan is None and not can_write:
            self.version_label.setText(t("Er is nog geen plan van aanpak opgeslagen."))
        elif plan is None:
            self.version_label.setText(
                t(
                    "Er is nog geen plan van aanpak opgeslagen. Voeg per "
                    "leefgebied doelen en acties toe."
                )
            )
        else:
            self.version_label.setText(
                t("Versie {number}, opgeslagen op {when} door {author}.").format(
                    number=plan.number,
                    when=moment_text(plan.saved_at.replace(tzinfo=dt.UTC)),
                    author=plan.author or t("onbekend"),
                )
            )
        if not running:
            note = t("De casus is afgesloten; het plan kan niet meer worden gewijzigd.")
        elif not can_write:
            note = t("U heeft alleen leesrechten.")
        else:
            note = ""
        if note:
            self.version_label.setText(f"{self.version_label.text()} {note}")
        if self.dirty:
            return
        self.goals = drafts_of(plan)
        self._rebuild()
        self._update_buttons()

    def _rebuild(self, select: tuple[int, int | None] | None = None) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        chosen: QTreeWidgetItem | None = None
        for domain in LifeDomain:
            indexes = [i for i, goal in enumerate(self.goals) if goal.domain == domain]
            if not indexes:
                continue
            domain_item = QTreeWidgetItem(self.tree, [vocab(domain)])
            domain_item.setData(0, ROLE, ("domain", domain.value))
            font = domain_item.font(0)
            font.setBold(True)
            domain_item.setFont(0, font)
            domain_item.setFirstColumnSpanned(True)
            for gi in indexes:
                goal = self.goals[gi]
                goal_item = QTreeWidgetItem(domain_item, [goal_text(goal), vocab(goal.status)])
                goal_item.setToolTip(0, goal_text(goal))
                goal_item.setData(0, ROLE, ("goal", gi))
                if select == (gi, None):
                    chosen = goal_item
                for ai, action in enumerate(goal.actions):
                    action_item = QTreeWidgetItem(goal_item, self._action_columns(action))
                    action_item.setToolTip(0, action_text(action))
                    action_item.setData(0, ROLE, ("action", gi, ai))
                    if select == (gi, ai):
                        chosen = action_item
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        else:
            self._selected(None)

    @staticmethod
    def _action_columns(action: ActionDraft) -> list[str]:
        return [
            action_text(action),
            vocab(action.status),
            date_text(action.due_on, ""),
            action.partner,
        ]

    # -- selection and edits ------------------------------------------------------------------

    def _key(self, item: QTreeWidgetItem | None = None) -> tuple:
        item = item if item is not None else self.tree.currentItem()
        return tuple(item.data(0, ROLE)) if item is not None else ()

    def _selected(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        key = self._key(item) if item is not None else ()
        if key and key[0] == "goal":
            goal = self.goals[key[1]]
            for widget in (self.goal_domain, self.goal_description, self.goal_status):
                widget.blockSignals(True)
            select_data(self.goal_domain, goal.domain)
            self.goal_description.setPlainText(goal.description)
            select_data(self.goal_status, goal.status)
            for widget in (self.goal_domain, self.goal_description, self.goal_status):
                widget.blockSignals(False)
            self.forms.setCurrentWidget(self.goal_page)
        elif key and key[0] == "action":
            action = self.goals[key[1]].actions[key[2]]
            for widget in (
                self.action_description,
                self.action_partner,
                self.action_due,
                self.action_status,
            ):
                widget.blockSignals(True)
            self.action_description.setPlainText(action.description)
            self.action_partner.setText(action.partner)
            self.action_due.set_value(action.due_on, self.context.today())
            select_data(self.action_status, action.status)
            for widget in (
                self.action_description,
                self.action_partner,
                self.action_due,
                self.action_status,
            ):
                widget.blockSignals(False)
            self.forms.setCurrentWidget(self.action_page)
        else:
            self.forms.setCurrentWidget(self.empty_page)
        self._update_buttons()

    def _set_dirty(self) -> None:
        self.dirty = True
        self.message.clear()
        self._update_buttons()

    def _goal_edited(self) -> None:
        key = self._key()
        if not key or key[0] != "goal":
            return
        goal = self.goals[key[1]]
        goal.description = self.goal_description.toPlainText()
        goal.status = current_enum(self.goal_status, GoalStatus) or goal.status
        item = self.tree.currentItem()
        item.setText(0, goal_text(goal))
        item.setText(1, vocab(goal.status))
        self._set_dirty()

    def _goal_domain_changed(self) -> None:
        key = self._key()
        if not key or key[0] != "goal":
            return
        domain = current_enum(self.goal_domain, LifeDomain)
        if domain is None or domain == self.goals[key[1]].domain:
            return
        self.goals[key[1]].domain = domain
        self._set_dirty()
        self._rebuild(select=(key[1], None))
        self.goal_domain.setFocus()

    def _action_edited(self) -> None:
        key = self._key()
        if not key or key[0] != "action":
            return
        action = self.goals[key[1]].actions[key[2]]
        action.description = self.action_description.toPlainText()
        action.partner = self.action_partner.text()
        action.due_on = self.action_due.value()
        action.status = current_enum(self.action_status, ActionStatus) or action.status
        for column, text in enumerate(self._action_columns(action)):
            self.tree.currentItem().setText(column, text)
        self._set_dirty()

    def add_goal(self) -> None:
        key = self._key()
        if key and key[0] == "domain":
            domain = LifeDomain(key[1])
        elif key:
            domain = self.goals[key[1]].domain
        else:
            domain = LifeDomain.EDUCATION_WORK
        self.goals.append(GoalDraft(domain))
        self._set_dirty()
        self._rebuild(select=(len(self.goals) - 1, None))
        self.goal_description.setFocus()

    def add_action(self) -> None:
        key = self._key()
        if not key or key[0] == "domain":
            return
        goal = self.goals[key[1]]
        goal.actions.append(ActionDraft())
        self._set_dirty()
        self._rebuild(select=(key[1], len(goal.actions) - 1))
        self.action_description.setFocus()

    def remove_selected(self) -> None:
        key = self._key()
        if not key or key[0] == "domain":
            return
        if key[0] == "goal":
            del self.goals[key[1]]
            select = None
        else:
            del self.goals[key[1]].actions[key[2]]
            select = (key[1], None)
        self._set_dirty()
        self._rebuild(select=select)

    def _update_buttons(self) -> None:
        running = self.running
        key = self._key()
        self.add_goal_button.setEnabled(running)
        self.add_action_button.setEnabled(running and bool(key) and key[0] != "domain")
        self.remove_button.setEnabled(running and bool(key) and key[0] != "domain")
        self.save_button.setEnabled(running and self.dirty)
        self.discard_button.setEnabled(self.dirty)
        for widget in (self.goal_page, self.action_page, self.summary_edit):
            widget.setEnabled(running)

    # -- saving -------------------------------------------------------------------------------

    def goal_inputs(self) -> list[GoalInput]:
        return goal_inputs(self.goals)

    def save(self) -> bool:
        case_id = self.case_id
        if not self.dirty or case_id is None:
            return True
        ctx = self.context.services
        goals, summary = self.goal_inputs(), self.summary_edit.text()
        command = Command(
            t("Plan van aanpak opslaan"),
            lambda: plans.save_plan(ctx, case_id, goals, summary),
            lambda number: plans.remove_plan_version(ctx, case_id, number),
        )
        self.dirty = False  # the refresh after the save must load the new version
        done, _number = run_command(self.context, self, command, self._refused)
        if done:
            self.summary_edit.blockSignals(True)
            self.summary_edit.clear()
            self.summary_edit.blockSignals(False)
            self._update_buttons()
        return done

    def _refused(self, error: object) -> None:
        self.dirty = True
        self.message.show_warning(getattr(error, "message", str(error)))
        self._update_buttons()

    def discard(self) -> None:
        self.dirty = False
        self.summary_edit.blockSignals(True)
        self.summary_edit.clear()
        self.summary_edit.blockSignals(False)
        self.message.clear()
        if self.case_id is not None:
            self.load(
                self.case_id, plans.current_plan(self.context.services, self.case_id), self.running
            )
