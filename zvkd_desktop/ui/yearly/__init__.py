"""The "Jaaroverzicht" section. Register it in ``zvkd_desktop.ui.sections.SECTIONS`` with
``Section("yearly", QT_TRANSLATE_NOOP("Sections", "Jaaroverzicht"), yearly_page)``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from zvkd_desktop.ui.sections import AppContext


def yearly_page(context: AppContext, parent: QWidget | None) -> QWidget:
    """The section factory (pyqtgraph is imported only when the page is first shown).

    The page reads the store again whenever it is shown, and at once when data changes while it
    is on screen (an undo, or an edit in a case window).
    """
    from zvkd_desktop.ui.yearly.page import YearlyPage

    page = YearlyPage(context.store, parent, today=context.today, services=context.services)

    def changed() -> None:
        if not context.closed and page.isVisible():
            page.reload()

    context.changed.connect(changed)
    return page
