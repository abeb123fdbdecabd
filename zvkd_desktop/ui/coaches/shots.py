"""Render the 'Coaches' page and its dialogs to PNG (a visual check, and for the README).

Only reads the store: the dialogs are shown filled in but never confirmed, except the refusal
of 'Coach op non-actief', which the service refuses (nothing is written).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel

from zvkd_desktop.ui.coaches.dialogs import AddCoachDialog, DeactivateCoachDialog, TransferDialog
from zvkd_desktop.ui.coaches.page import CoachesPage
from zvkd_desktop.ui.registrations.table import selected_rows
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.signals.shots import PAGE_SIZE, grab

__all__ = ["render_screenshots"]


def render_screenshots(context: AppContext, outdir: Path) -> list[Path]:
    outdir = Path(outdir)
    paths: list[Path] = []
    page = CoachesPage(context)
    page.resize(*PAGE_SIZE)
    busiest = max(page.loads, key=lambda load: load.running, default=None)
    if busiest is not None:
        page.select_coach(busiest.coach_id)
    model = page.case_view.model()
    selection = page.case_view.selectionModel()
    for row in range(min(2, model.rowCount())):
        selection.select(
            model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    paths.append(grab(page, outdir / "coaches.png"))

    rows = selected_rows(page.case_view)
    if busiest is not None and rows:
        transfer = TransferDialog(context, busiest, rows, page.loads, page)
        transfer.coach_combo.setCurrentIndex(1)
        paths.append(grab(transfer, outdir / "transfer.png"))
        transfer.close()
    add = AddCoachDialog(context, page)
    add.name_edit.setText("Priya Ramdin")
    paths.append(grab(add, outdir / "add-coach.png"))
    add.close()
    if busiest is not None:
        deactivate = DeactivateCoachDialog(context, busiest, page)
        deactivate.run()  # refused: the coach still has running cases
        paths.append(grab(deactivate, outdir / "deactivate-refused.png"))
        deactivate.close()
    page.close()
    page.deleteLater()
    return paths
