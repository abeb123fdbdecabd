"""The meeting screen: one agenda item at a time, built for speed during a live meeting.

Left the agenda as a list (with a mark per item: decided, refused), in the middle what the team
needs to know about the youth, on the right the decision panel. Keyboard:

- Alt+Right or Page Down: next item; Alt+Left or Page Up: previous item (what was typed stays);
- Ctrl+Enter: record the decision (and go on to the next item when all of it was applied);
- Escape: back to the agenda.

Every recorded decision goes to the casework services at once (``take_decisions``, one
transaction per item); a refusal stays on the screen with its reason.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QKeySequence, QPainter, QPalette, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.domain.vocabulary import MeetingStatus, ProfessionalRole
from zvkd_desktop.errors import KnownError
from zvkd_desktop.reports.render.meeting_pdf import Paper
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.meetings import (
    AgendaItemView,
    DecisionKind,
    MeetingView,
    add_action_item,
    finish_meeting,
    get_meeting,
    remove_action_item,
    take_decisions,
    withdraw_decisions,
)
from zvkd_desktop.services.meetings.summary import item_summary
from zvkd_desktop.services.partners import list_professionals
from zvkd_desktop.ui.meetings.common import Printing, label
from zvkd_desktop.ui.meetings.decision_panel import DecisionPanel
from zvkd_desktop.ui.meetings.summary_view import SummaryView, summary_html
from zvkd_desktop.ui.widgets import InlineMessage, busy_cursor

__all__ = ["MeetingMode"]

T = TypeVar("T")


class MeetingMode(QWidget):
    saved = Signal()
    back_requested = Signal()
    open_plan_requested = Signal(object)
    """A case's plan should open (adjust the plan): the case id. The shell connects it."""

    def __init__(self, ctx: ServiceContext, printing: Printing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.printing = printing
        self.meeting: MeetingView | None = None
        self.items: list[AgendaItemView] = []
        self.index = -1
        self.panels: dict[uuid.UUID, DecisionPanel] = {}

        self.title = QLabel(self)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.position_label = QLabel(self)
        self.position_label.setAccessibleName(self.tr("Agendapunt"))
        self.navigator = QListWidget(self)
        self.navigator.setAccessibleName(self.tr("Agendapunten"))
        self.navigator.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigator.setTextElideMode(Qt.TextElideMode.ElideRight)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.navigator.setIconSize(QSize(size, size))
        self._open_icon = _open_circle(size, self.palette().color(QPalette.ColorRole.PlaceholderText))
        self.summary = SummaryView(self)
        self.panel_stack = QStackedWidget(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.panel_stack)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.summary)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 4)
        em = self.fontMetrics().horizontalAdvance("x")
        self.splitter.setSizes([em * 24, em * 50, em * 62])
        self.splitter.setChildrenCollapsible(False)

        self.previous_button = QPushButton(self.tr("Vorige"), self)
        self.previous_button.setToolTip(self.tr("Vorig agendapunt (Alt+Links of Page Up)"))
        self.next_button = QPushButton(self.tr("Volgende"), self)
        self.next_button.setToolTip(self.tr("Volgend agendapunt (Alt+Rechts of Page Down)"))
        style = self.style()
        self.previous_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.next_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        self.plan_button = QPushButton(self.tr("&Plan van aanpak openen"), self)
        self.decisions_button = QPushButton(self.tr("Besluitenlijst afdr&ukken…"), self)
        self.decisions_pdf_button = QPushButton(self.tr("Besluitenlijst als PD&F…"), self)
        self.finish_button = QPushButton(self.tr("Overleg afrond&en"), self)
        self.back_button = QPushButton(self.tr("Terug naar de a&genda"), self)
        self.back_button.setToolTip(self.tr("Terug naar de agenda (Esc)"))
        self.message = InlineMessage(self)

        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.position_label)
        bottom = QHBoxLayout()
        for button in (self.previous_button, self.next_button, self.plan_button):
            bottom.addWidget(button)
        bottom.addStretch(1)
        for button in (self.decisions_button, self.decisions_pdf_button, self.finish_button,
                       self.back_button):  # fmt: skip
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

        self.previous_button.clicked.connect(lambda: self.go(self.index - 1))
        self.next_button.clicked.connect(lambda: self.go(self.index + 1))
        self.plan_button.clicked.connect(self._open_plan)
        self.decisions_button.clicked.connect(self._print_decisions)
        self.decisions_pdf_button.clicked.connect(self._save_decisions)
        self.finish_button.clicked.connect(self.finish)
        self.back_button.clicked.connect(self.back_requested)
        self.navigator.currentRowChanged.connect(self._row_chosen)
        for keys, slot in (("Alt+Right", lambda: self.go(self.index + 1)),
                           ("PgDown", lambda: self.go(self.index + 1)),
                           ("Alt+Left", lambda: self.go(self.index - 1)),
                           ("PgUp", lambda: self.go(self.index - 1)),
                           ("Ctrl+Return", self.take), ("Ctrl+Enter", self.take),
                           ("Escape", self.back_requested.emit)):  # fmt: skip
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- starting and moving ---------------------------------------------------------------

    def start(self, meeting_id: uuid.UUID, item_id: uuid.UUID | None = None) -> None:
        """Open the meeting at ``item_id`` (or its first item). Panels typed in earlier during
        this session are kept."""
        meeting = get_meeting(self.ctx, meeting_id)
        if self.meeting is None or self.meeting.id != meeting_id:
            self.panels.clear()
            while self.panel_stack.count():
                self.panel_stack.removeWidget(self.panel_stack.widget(0))
        self.meeting = meeting
        self.coaches = list_professionals(self.ctx, role=ProfessionalRole.COACH)
        self.directors = list_professionals(self.ctx, role=ProfessionalRole.PROCESS_DIRECTOR)
        self.items = [item for _number, item in meeting.agenda]
        self.title.setText(self.tr("Kernteamoverleg {date}").format(date=meeting.title_date))
        self.navigator.blockSignals(True)
        self.navigator.clear()
        for number, item in meeting.agenda:
            QListWidgetItem(f"{number}. {self._name(item)}", self.navigator)
            self._mark(number - 1)
        self.navigator.blockSignals(False)
        self._fit_navigator()
        self.message.clear()
        self.finish_button.setEnabled(meeting.status == MeetingStatus.PLANNED)
        if not self.items:
            self.message.show_info(self.tr("Er staan geen punten op de agenda."))
            self.index = -1
            self._update_buttons()
            return
        ids = [item.id for item in self.items]
        self.go(ids.index(item_id) if item_id in ids else 0)

    def _fit_navigator(self) -> None:
        """The agenda list as wide as its longest name (within reason); the rest to the panels."""
        metrics = self.navigator.fontMetrics()
        icon = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        longest = max((metrics.horizontalAdvance(self.navigator.item(row).text())
                       for row in range(self.navigator.count())), default=0)  # fmt: skip
        em = metrics.horizontalAdvance("x")
        wanted = min(max(longest + icon + em * 4, em * 20), em * 36)
        sizes = self.splitter.sizes()
        rest = max(sum(sizes) - wanted, em * 60)
        self.splitter.setSizes([wanted, rest * 3 // 7, rest - rest * 3 // 7])

    def _name(self, item: AgendaItemView) -> str:
        if item.subject == "text":
            return item.text or ""
        return item.youth_name

    def _mark(self, row: int) -> None:
        item = self.items[row]
        entry = self.navigator.item(row)
        style = self.style()
        if item.outcome is not None and not item.refusals:
            entry.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton))
            entry.setToolTip(self.tr("Besloten"))
        elif item.refusals:
            entry.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
            entry.setToolTip(self.tr("Besluit niet uitgevoerd"))
        else:
            entry.setIcon(self._open_icon)
            entry.setToolTip(self.tr("Nog geen besluit"))

    def current_item(self) -> AgendaItemView | None:
        return self.items[self.index] if 0 <= self.index < len(self.items) else None

    def current_panel(self) -> DecisionPanel | None:
        item = self.current_item()
        return self.panels.get(item.id) if item is not None else None

    def go(self, index: int) -> None:
        if not self.items or self.meeting is None:
            return
        index = max(0, min(len(self.items) - 1, index))
        self.index = index
        item = self.items[index]
        with busy_cursor():
            summary = item_summary(self.ctx, item, self.meeting.held_on)
        panel = self.panels.get(item.id)
        if panel is None:
            panel = DecisionPanel(item, summary, self.meeting.held_on, self.coaches, self.directors,
                                  self.panel_stack)  # fmt: skip
            panel.take_requested.connect(self.take)
            panel.withdraw_requested.connect(self.withdraw)
            panel.add_action_requested.connect(self.add_action)
            panel.remove_action_requested.connect(self.remove_action)
            self.panels[item.id] = panel
            self.panel_stack.addWidget(panel)
        self.panel_stack.setCurrentWidget(panel)
        self.summary.setHtml(summary_html(item, summary, self.meeting.held_on))
        self.position_label.setText(self.tr("Punt {n} van {total} · {section}").format(
            n=index + 1, total=len(self.items), section=label(item.section)))  # fmt: skip
        self.navigator.blockSignals(True)
        self.navigator.setCurrentRow(index)
        self.navigator.blockSignals(False)
        self._update_buttons()
        panel.focus_first()

    def _row_chosen(self, row: int) -> None:
        if row >= 0 and row != self.index:
            self.go(row)

    def _update_buttons(self) -> None:
        item = self.current_item()
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(0 <= self.index < len(self.items) - 1)
        self.plan_button.setEnabled(item is not None and item.case_id is not None)

    # -- deciding --------------------------------------------------------------------------

    def _attempt(self, panel: DecisionPanel, work: Callable[[], T]) -> T | None:
        try:
            with busy_cursor():
                result = work()
        except KnownError as error:
            panel.show_error(error.message)
            return None
        self.saved.emit()
        return result

    def _replace(self, item: AgendaItemView) -> None:
        """Show an item as the store has it now (after a decision or an action)."""
        index = next(i for i, known in enumerate(self.items) if known.id == item.id)
        self.items[index] = item
        self.panels[item.id].set_item(item)
        self._mark(index)
        if index == self.index and self.meeting is not None:
            summary = item_summary(self.ctx, item, self.meeting.held_on)
            self.summary.setHtml(summary_html(item, summary, self.meeting.held_on))

    def _refresh(self, item_id: uuid.UUID) -> None:
        if self.meeting is not None:
            self._replace(get_meeting(self.ctx, self.meeting.id).item(item_id))

    def take(self) -> None:
        item, panel = self.current_item(), self.current_panel()
        if item is None or panel is None or not panel.take_button.isEnabled():
            return
        decided = panel.decisions()
        result = self._attempt(panel, lambda: take_decisions(self.ctx, item.id, decided))
        if result is None:
            return
        self._replace(result)
        if decided.outcome == DecisionKind.ADJUST_PLAN and item.case_id is not None:
            self.open_plan_requested.emit(item.case_id)
        elif not result.refusals and self.index < len(self.items) - 1:
            self.go(self.index + 1)

    def withdraw(self) -> None:
        item, panel = self.current_item(), self.current_panel()
        if item is None or panel is None:
            return
        if self._attempt(panel, lambda: withdraw_decisions(self.ctx, item.id) or True):
            self._refresh(item.id)

    def add_action(self) -> None:
        item, panel = self.current_item(), self.current_panel()
        if item is None or panel is None:
            return
        row = panel.action_row
        if not row.description_edit.text().strip():
            row.description_edit.setFocus()
            return
        added = self._attempt(panel, lambda: add_action_item(
            self.ctx, item.id, description=row.description_edit.text(),
            owner=row.owner_edit.text(), due_on=row.due_on()))  # fmt: skip
        if added is not None:
            row.clear()
            self._refresh(item.id)
            row.description_edit.setFocus()

    def remove_action(self, action_id: uuid.UUID) -> None:
        item, panel = self.current_item(), self.current_panel()
        if item is not None and panel is not None and self._attempt(
                panel, lambda: remove_action_item(self.ctx, action_id) or True):  # fmt: skip
            self._refresh(item.id)

    def finish(self) -> None:
        if self.meeting is None:
            return
        meeting_id = self.meeting.id
        open_items = [item for item in self.items if item.outcome is None]
        try:
            finish_meeting(self.ctx, meeting_id)
        except KnownError as error:
            self.message.show_warning(error.message)
            return
        self.saved.emit()
        self.meeting = get_meeting(self.ctx, meeting_id)
        self.finish_button.setEnabled(False)
        text = self.tr("Het overleg is afgerond.")
        if open_items:
            text += " " + self.tr("Zonder besluit: {names}.").format(
                names=", ".join(self._name(item) for item in open_items))  # fmt: skip
        self.message.show_info(text)

    # -- printing and the plan -------------------------------------------------------------

    def _print_decisions(self) -> None:
        if self.meeting is not None:
            self.printing.preview(self.meeting.id, Paper.DECISIONS)

    def _save_decisions(self) -> None:
        if self.meeting is not None:
            self.printing.save_pdf(self.meeting.id, Paper.DECISIONS)

    def _open_plan(self) -> None:
        item = self.current_item()
        if item is not None and item.case_id is not None:
            self.open_plan_requested.emit(item.case_id)


def _open_circle(size: int, color: QColor) -> QIcon:
    """An open circle: the mark of an item without a decision yet."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(color)
    margin = max(2, size // 5)
    painter.drawEllipse(margin, margin, size - 2 * margin - 1, size - 2 * margin - 1)
    painter.end()
    return QIcon(pixmap)
