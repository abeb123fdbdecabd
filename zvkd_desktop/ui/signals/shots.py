"""Render the 'Signalen' page to PNG for a visual check and for the README (not a test)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QWidget

from zvkd_desktop.domain.vocabulary import ProfessionalRole, UserRole
from zvkd_desktop.services.partners import list_professionals
from zvkd_desktop.ui.registrations.fields import find_data
from zvkd_desktop.ui.sections import AppContext

__all__ = ["grab", "render_screenshots"]

PAGE_SIZE = (960, 640)
"""About the page area of a 1200 x 760 main window: the size a user typically has."""


def grab(widget: QWidget, path: Path) -> Path:
    """Show, let the layouts settle, save a PNG of exactly what the user would see."""
    widget.show()
    app = QApplication.instance()
    for _ in range(5):
        if app is not None:
            app.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(path))
    return path


def render_screenshots(context: AppContext, outdir: Path) -> list[Path]:
    """The page as a coordinator sees it, filtered to one coach, and as that coach sees it.

    Only reads the store. The coach view borrows the open store's user for a moment with the
    coach role (nothing is written meanwhile) and puts it back.
    """
    from zvkd_desktop.ui.signals.page import SignalsPage

    outdir = Path(outdir)
    paths: list[Path] = []
    page = SignalsPage(context)
    page.resize(*PAGE_SIZE)
    paths.append(grab(page, outdir / "signals.png"))
    coaches = list_professionals(context.services, role=ProfessionalRole.COACH)
    if coaches:
        busiest = max(
            coaches, key=lambda coach: sum(1 for row in page.rows if row.coach_id == coach.id)
        )
        page.coach_combo.setCurrentIndex(find_data(page.coach_combo, busiest.id))
        paths.append(grab(page, outdir / "signals-one-coach.png"))
        page.close()
        page.deleteLater()

        store = context.store
        user = store.user
        store.user = dataclasses.replace(user, role=UserRole.COACH, professional_id=busiest.id)
        try:
            coach_page = SignalsPage(context)
        finally:
            store.user = user
        coach_page.resize(*PAGE_SIZE)
        paths.append(grab(coach_page, outdir / "signals-coach.png"))
        coach_page.close()
        coach_page.deleteLater()
    else:
        page.close()
        page.deleteLater()

    empty = SignalsPage(context)
    empty.resize(*PAGE_SIZE)
    empty.date_edit.setDate(QDate(2000, 1, 1))  # before the PAD began: no signals
    paths.append(grab(empty, outdir / "signals-empty.png"))
    empty.close()
    empty.deleteLater()
    return paths
