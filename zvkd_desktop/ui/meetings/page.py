"""The 'Kernteam' section: the meetings on the left, the chosen one on the right, and the
meeting screen that takes over the whole section while the meeting runs.

The shell registers it in ``ui/sections.py``; the page needs a ServiceContext (the store and
today's date) and reports every saved change through ``saved``. The print preview and the
save-as dialog are parameters, so the tests drive the page without a modal dialog.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QSplitter, QStackedWidget, QVBoxLayout, QWidget

from zvkd_desktop.reports.render.meeting_pdf import PreviewFactory
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.ui.meetings.common import AskSavePath, Printing, qt_save_path
from zvkd_desktop.ui.meetings.editor import MeetingEditor
from zvkd_desktop.ui.meetings.meeting_list import MeetingList
from zvkd_desktop.ui.meetings.meeting_mode import MeetingMode

__all__ = ["MeetingsPage"]


class MeetingsPage(QWidget):
    saved = Signal()
    """A change was saved (the shell shows 'Opgeslagen')."""
    open_plan_requested = Signal(object)
    """A case's plan should open (the decision 'plan van aanpak aanpassen'): the case id."""

    def __init__(
        self,
        ctx: ServiceContext,
        parent: QWidget | None = None,
        *,
        preview_factory: PreviewFactory | None = None,
        ask_save_path: AskSavePath = qt_save_path,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.printing = Printing(ctx, self, preview_factory=preview_factory,
                                 ask_save_path=ask_save_path, report=self._report)  # fmt: skip
        self.list = MeetingList(ctx, self)
        self.editor = MeetingEditor(ctx, self.printing, self)
        self.mode = MeetingMode(ctx, self.printing, self)
        self.browser = QSplitter(self)
        self.browser.addWidget(self.list)
        self.browser.addWidget(self.editor)
        self.browser.setStretchFactor(0, 0)
        self.browser.setStretchFactor(1, 1)
        self.browser.setChildrenCollapsible(False)
        em = self.fontMetrics().horizontalAdvance("x")
        self.browser.setSizes([em * 40, em * 110])
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.browser)
        self.stack.addWidget(self.mode)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

        self.list.reloaded.connect(self._fit_list)
        self.list.meeting_chosen.connect(self.editor.show_meeting)
        self.list.new_requested.connect(self.new_meeting)
        self.editor.planned.connect(self._planned)
        self.editor.changed.connect(self.list.reload)
        self.editor.start_requested.connect(lambda pair: self.start_meeting(*pair))
        self.mode.back_requested.connect(self.back_to_agenda)
        for source in (self.editor, self.mode):
            source.saved.connect(self.saved)
        self.mode.open_plan_requested.connect(self.open_plan_requested)
        for keys, slot in ((QKeySequence(QKeySequence.StandardKey.New), self.new_meeting),
                           (QKeySequence(QKeySequence.StandardKey.Find), self.focus_search)):  # fmt: skip
            shortcut = QShortcut(keys, self.browser)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.list.reload()

    def _fit_list(self) -> None:
        """Give the meeting list the room its columns need (it grows, it never shrinks)."""
        sizes = self.browser.sizes()
        wanted = self.list.preferred_width()
        if sizes[0] < wanted and sum(sizes) > wanted:
            self.browser.setSizes([wanted, sum(sizes) - wanted])

    def _report(self, text: str, warning: bool) -> None:
        target = self.mode.message if self.stack.currentWidget() is self.mode else self.editor.message
        (target.show_warning if warning else target.show_info)(text)

    def new_meeting(self) -> None:
        self.list.table.clearSelection()
        self.editor.show_meeting(None)
        self.editor.form.date_edit.setFocus()

    def focus_search(self) -> None:
        self.list.search_edit.setFocus()
        self.list.search_edit.selectAll()

    def _planned(self, meeting_id: uuid.UUID) -> None:
        self.list.reload()
        self.list.select(meeting_id, emit=False)

    def open_meeting(self, meeting_id: uuid.UUID) -> None:
        """Show a meeting (as a click in the list does); for the shell and the case file."""
        self.back_to_agenda()
        self.list.reload()
        if not self.list.select(meeting_id):
            self.editor.show_meeting(meeting_id)

    def start_meeting(self, meeting_id: uuid.UUID, item_id: uuid.UUID | None = None) -> None:
        self.mode.start(meeting_id, item_id)
        self.stack.setCurrentWidget(self.mode)

    def back_to_agenda(self) -> None:
        if self.stack.currentWidget() is self.mode:
            item = self.mode.current_item()
            self.stack.setCurrentWidget(self.browser)
            self.editor.reload()
            self.list.reload()
            if item is not None:
                self.editor.agenda.select_item(item.id)

    def refresh(self) -> None:
        """Read the list and the chosen meeting again (not during a meeting: what was typed in
        the decision panels stays; each item is read afresh when it is shown)."""
        if self.stack.currentWidget() is self.browser:
            self.list.reload()
            self.editor.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Back on the section after working elsewhere: counts and agendas may have changed."""
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()
