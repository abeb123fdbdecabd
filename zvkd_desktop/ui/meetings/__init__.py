"""The 'Kernteam' section: planning core-team meetings, their agenda, the meeting itself."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from zvkd_desktop.ui.meetings.case_meetings import CaseMeetings
from zvkd_desktop.ui.meetings.page import MeetingsPage
from zvkd_desktop.ui.sections import AppContext

__all__ = ["CaseMeetings", "MeetingsPage", "meetings_page"]


def meetings_page(context: AppContext, parent: QWidget | None) -> QWidget:
    """The section factory for ``ui/sections.py``.

    Every decision changes cases, so a save here is a change for the other pages and the case
    windows too; 'plan van aanpak aanpassen' opens the case file on its plan tab; a change made
    elsewhere (an undo, a case window) shows when the section is looked at.
    """
    page = MeetingsPage(context.services, parent)
    page.saved.connect(context.saved)
    page.saved.connect(context.changed)
    page.open_plan_requested.connect(lambda case_id: context.open_case(case_id, "plan"))

    def changed_elsewhere() -> None:
        if not context.closed and page.isVisible():
            page.refresh()

    context.changed.connect(changed_elsewhere)
    return page
