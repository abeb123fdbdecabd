"""The 'Casussen' section: the case list with search, filters and sorting (see page.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zvkd_desktop.ui.cases.model import CaseTableModel
from zvkd_desktop.ui.cases.page import CasesPage
from zvkd_desktop.ui.cases.proxy import CaseFilterProxy

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from zvkd_desktop.ui.sections import AppContext

__all__ = ["CaseFilterProxy", "CaseTableModel", "CasesPage", "cases_page"]


def cases_page(context: AppContext, parent: QWidget | None) -> CasesPage:
    """The section factory for ``ui/sections.py``: opens a case in its case file, and reloads
    after every change made anywhere in the program."""
    page = CasesPage(context.services, parent)
    page.case_activated.connect(lambda case_id: context.open_case(case_id))
    context.changed.connect(page.data_changed)
    return page
