"""Render the case file and every casework dialog to PNG, for a visual check and the README.

``render_screenshots`` only reads: it picks a case with much to show (several plan versions,
police contacts, reviews, siblings), opens its window at every tab and opens each dialog filled
in as a user would, without pressing OK. Nothing is written to the store.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from zvkd_desktop.domain.vocabulary import ClosureReason, LifeDomain
from zvkd_desktop.services import contacts, plans, reviews, youths
from zvkd_desktop.services.case_views import list_cases
from zvkd_desktop.services.signals import closable_on
from zvkd_desktop.ui.casefile.window import TAB_KEYS, CaseWindow
from zvkd_desktop.ui.dialogs.closure import CloseCaseDialog, ReopenCaseDialog
from zvkd_desktop.ui.dialogs.contacts import PoliceContactDialog
from zvkd_desktop.ui.dialogs.fields import select_data
from zvkd_desktop.ui.dialogs.person import SiblingDialog
from zvkd_desktop.ui.dialogs.review import ReviewDialog
from zvkd_desktop.ui.sections import AppContext

__all__ = ["pick_case", "render_screenshots"]


def pick_case(context: AppContext) -> uuid.UUID | None:
    """The running case with the most to show (plan versions, contacts, reviews, siblings)."""
    ctx = context.services
    best: tuple[int, uuid.UUID] | None = None
    for row in closable_on(ctx, context.today()):
        score = (
            3 * min(len(plans.plan_versions(ctx, row.case_id)), 3)
            + min(len(contacts.police_contacts(ctx, row.youth_id)), 6)
            + min(len(reviews.reviews(ctx, row.case_id)), 4)
            + 4 * min(len(youths.get_youth(ctx, row.youth_id).siblings), 1)
            + 2 * (not row.eligible)
        )
        if best is None or score > best[0]:
            best = (score, row.case_id)
    return best[1] if best else None


def _settle() -> None:
    app = QApplication.instance()
    for _ in range(4):
        if app is not None:
            app.processEvents()


def _shot(widget: QWidget, outdir: Path, name: str, made: list[Path]) -> None:
    widget.show()
    _settle()
    path = outdir / f"{name}.png"
    widget.grab().save(str(path))
    made.append(path)


def render_screenshots(context: AppContext, outdir: Path) -> list[Path]:
    """Every tab of a realistic case file and every casework dialog, as PNG files in ``outdir``."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    case_id = pick_case(context)
    if case_id is None:
        return made
    window = CaseWindow(context, case_id)
    window.resize(1180, 820)
    try:
        for key in TAB_KEYS:
            window.show_tab(key)
            if key == "history":  # unfold the newest changes: field by field, old → new
                view = window.history_tab.view
                for index in range(min(2, view.topLevelItemCount())):
                    view.expandItem(view.topLevelItem(index))
            _shot(window, outdir, f"casefile-{key}", made)
        plan = window.plan_tab
        window.show_tab("plan")
        plan.pages.setCurrentIndex(1)
        _shot(window, outdir, "casefile-plan-versions", made)
        plan.pages.setCurrentIndex(2)
        _shot(window, outdir, "casefile-plan-advice", made)
        plan.pages.setCurrentIndex(0)
        editor = plan.editor
        if editor.tree.topLevelItemCount():
            goal = editor.tree.topLevelItem(0).child(0)
            editor.tree.setCurrentItem(goal.child(0) if goal.childCount() else goal)
        window.show_tab("plan")
        _shot(window, outdir, "casefile-plan-action", made)
        _dialogs(context, window, outdir, made)
        _closed_case(context, outdir, made)
    finally:
        window.close()
        window.deleteLater()
    return made


def _dialogs(context: AppContext, window: CaseWindow, outdir: Path, made: list[Path]) -> None:
    commands = window.commands
    today = context.today()
    dialog = commands.add_police_contact()
    assert isinstance(dialog, PoliceContactDialog)
    dialog.kind_combo.setCurrentIndex(2)
    dialog.note_edit.setPlainText("Melding overlast bij het winkelcentrum, met twee vrienden.")
    _shot(dialog, outdir, "dialog-police-contact", made)
    dialog.date_edit.set_value(today + dt.timedelta(days=3))
    _shot(dialog, outdir, "dialog-police-contact-invalid", made)
    dialog.reject()
    rows = contacts.police_contacts(context.services, window.youth.id) if window.youth else []
    if rows:
        edit = commands.edit_police_contact(rows[0])
        _shot(edit, outdir, "dialog-police-contact-edit", made)
        edit.reject()
    for name, opener in (
        ("dialog-coach-contact", commands.add_coach_contact),
        ("dialog-category", commands.change_category),
        ("dialog-coach", commands.change_coach),
        ("dialog-process-director", commands.set_process_director),
        ("dialog-review-planning", commands.review_planning),
        ("dialog-youth", commands.edit_youth),
        ("dialog-guardian", commands.add_guardian),
    ):
        other = opener()
        if other is not None:
            _shot(other, outdir, name, made)
            other.reject()

    review = commands.record_review()
    assert isinstance(review, ReviewDialog)
    edits = review.progress_edits
    edits[LifeDomain.EDUCATION_WORK].setPlainText("Gaat weer naar school; twee keer verzuimd.")
    edits[LifeDomain.FAMILY].setPlainText("Moeder is betrokken, vader nog niet bereikt.")
    review.decisions_edit.setPlainText("Coach zoekt contact met vader. Volgende keer JR erbij.")
    _shot(review, outdir, "dialog-review", made)
    review.reject()

    sibling = commands.link_sibling()
    assert isinstance(sibling, SiblingDialog)
    sibling.search_edit.setText("de")
    _shot(sibling, outdir, "dialog-sibling", made)
    sibling.reject()

    close = commands.close_case()
    assert isinstance(close, CloseCaseDialog)
    status = close.status
    if status is not None:
        day = min(today, status.eligible_date - dt.timedelta(days=1))
        close.date_edit.set_value(max(day, window.case.admitted_on if window.case else day))
    _shot(close, outdir, "dialog-close-refused", made)
    select_data(close.reason_combo, ClosureReason.RELOCATION)
    close.municipality_edit.setText("Rijswijk")
    close.transferred_yes.setChecked(True)
    _shot(close, outdir, "dialog-close-relocation", made)
    close.reject()
    _eligible_close(context, outdir, made)


def _eligible_close(context: AppContext, outdir: Path, made: list[Path]) -> None:
    """The close dialog for a case that may close under the 6-month rule today."""
    eligible = [r for r in closable_on(context.services, context.today()) if r.eligible]
    if not eligible:
        return
    window = CaseWindow(context, eligible[0].case_id, "police")
    window.resize(1180, 820)
    _shot(window, outdir, "casefile-police-eligible", made)
    dialog = window.commands.close_case()
    assert isinstance(dialog, CloseCaseDialog)
    select_data(dialog.reason_combo, ClosureReason.POLICE_FREE)
    dialog.handover_edit.setPlainText(
        "Overdracht aan het sociaal team Buitenhof; moeder weet ervan."
    )
    _shot(dialog, outdir, "dialog-close-allowed", made)
    dialog.reject()
    window.close()
    window.deleteLater()


def _closed_case(context: AppContext, outdir: Path, made: list[Path]) -> None:
    closed = [c for c in list_cases(context.services, running_only=False) if c.closed_on]
    if not closed:
        return
    window = CaseWindow(context, closed[0].id, "police")
    window.resize(1180, 820)
    _shot(window, outdir, "casefile-closed", made)
    dialog = window.commands.reopen_case()
    if isinstance(dialog, ReopenCaseDialog):
        dialog.reason_edit.setPlainText(
            "Afgesloten in de verkeerde casus; besproken in het kernteam."
        )
        _shot(dialog, outdir, "dialog-reopen", made)
        dialog.reject()
    window.close()
    window.deleteLater()
