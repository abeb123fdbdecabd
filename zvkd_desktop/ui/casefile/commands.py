"""Every casework action of one case file: open its dialog, or run a small edit directly.

Dialogs are opened window-modal and non-blocking (``open``), so the menu, the header buttons and
the tabs share one path and the tests drive the same dialog a person sees (``self.dialog``).
Removals need no confirmation box: they are undoable with Ctrl+Z like every other edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QWidget

from zvkd_desktop.errors import KnownError
from zvkd_desktop.services import cases, contacts, reviews
from zvkd_desktop.services.case_views import CaseDetail
from zvkd_desktop.services.contacts import CoachContactView, PoliceContactView
from zvkd_desktop.services.family import GuardianRow, SiblingRow
from zvkd_desktop.services.reviews import ReviewView
from zvkd_desktop.services.youths import YouthDetail
from zvkd_desktop.ui.casefile.texts import t
from zvkd_desktop.ui.dialogs.assignment import (
    CategoryDialog,
    CoachDialog,
    ProcessDirectorDialog,
    ReviewPlanningDialog,
)
from zvkd_desktop.ui.dialogs.base import Command, run_command
from zvkd_desktop.ui.dialogs.closure import CloseCaseDialog, ReopenCaseDialog
from zvkd_desktop.ui.dialogs.contacts import CoachContactDialog, PoliceContactDialog
from zvkd_desktop.ui.dialogs.person import (
    GuardianDialog,
    SiblingDialog,
    YouthDialog,
    remove_guardian_command,
    unlink_sibling_command,
)
from zvkd_desktop.ui.dialogs.review import ReviewDialog
from zvkd_desktop.ui.sections import AppContext

__all__ = ["CaseCommands"]


class CaseCommands(QObject):
    dialog_opened = Signal(object)
    """A dialog was opened (the QDialog): the tests and the screenshots pick it up here."""

    def __init__(
        self,
        context: AppContext,
        window: QWidget,
        current: Callable[[], tuple[CaseDetail | None, YouthDetail | None]],
    ) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self._current = current
        self.dialog: QDialog | None = None

    # -- plumbing ---------------------------------------------------------------------------

    def _case(self) -> CaseDetail | None:
        return self._current()[0]

    def _youth(self) -> YouthDetail | None:
        return self._current()[1]

    def _open(self, dialog: QDialog) -> QDialog:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.reject()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(lambda _code, d=dialog: self._finished(d))
        self.dialog = dialog
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def _finished(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def run(self, command: Command, on_error: Callable[[KnownError], None] | None = None) -> bool:
        """Run ``command`` undoably; a refusal goes to ``on_error`` (default: a message box)."""
        done, _result = run_command(self.context, self.window, command, on_error)
        return done

    # -- contacts -----------------------------------------------------------------------------

    def add_police_contact(self) -> QDialog | None:
        case = self._case()
        if case is None:
            return None
        return self._open(PoliceContactDialog(self.context, case.youth_id, None, self.window))

    def edit_police_contact(self, contact: PoliceContactView) -> QDialog:
        return self._open(PoliceContactDialog(self.context, contact.youth_id, contact, self.window))

    def remove_police_contact(self, contact: PoliceContactView) -> bool:
        ctx = self.context.services
        return self.run(
            Command(
                t("Politiecontact verwijderen"),
                lambda: contacts.remove_police_contact(ctx, contact.id),
                lambda _r: contacts.restore_police_contact(ctx, contact.id),
            )
        )

    def add_coach_contact(self) -> QDialog | None:
        case = self._case()
        if case is None:
            return None
        return self._open(CoachContactDialog(self.context, case.id, None, self.window))

    def edit_coach_contact(self, contact: CoachContactView) -> QDialog:
        return self._open(CoachContactDialog(self.context, contact.case_id, contact, self.window))

    def remove_coach_contact(self, contact: CoachContactView) -> bool:
        ctx = self.context.services
        return self.run(
            Command(
                t("Contactmoment verwijderen"),
                lambda: contacts.remove_coach_contact(ctx, contact.id),
                lambda _r: contacts.restore_coach_contact(ctx, contact.id),
            )
        )

    # -- reviews ------------------------------------------------------------------------------

    def record_review(self) -> QDialog | None:
        case = self._case()
        return self._open(ReviewDialog(self.context, case, self.window)) if case else None

    def remove_review(self, review: ReviewView) -> bool:
        """Removing a review for good (the services keep no way to restore one)."""
        ctx = self.context.services
        progress = dict(review.progress)

        holder = {"id": review.id}

        def undo(_result: object) -> None:
            holder["id"] = reviews.record_review(
                ctx,
                case_id=review.case_id,
                reviewed_on=review.reviewed_on,
                progress=progress,
                decisions=review.decisions,
                next_review_on=review.next_review_on,
                meeting_id=review.meeting_id,
            )

        return self.run(
            Command(
                t("Bespreking verwijderen"), lambda: reviews.remove_review(ctx, holder["id"]), undo
            )
        )

    def review_planning(self) -> QDialog | None:
        case = self._case()
        return self._open(ReviewPlanningDialog(self.context, case, self.window)) if case else None

    # -- the case -----------------------------------------------------------------------------

    def change_category(self) -> QDialog | None:
        case = self._case()
        return self._open(CategoryDialog(self.context, case, self.window)) if case else None

    def change_coach(self) -> QDialog | None:
        case = self._case()
        return self._open(CoachDialog(self.context, case, self.window)) if case else None

    def set_process_director(self) -> QDialog | None:
        case = self._case()
        return self._open(ProcessDirectorDialog(self.context, case, self.window)) if case else None

    def set_street_strength(self, flag: bool) -> bool:
        case = self._case()
        if case is None or case.street_strength == flag:
            return False
        ctx, case_id = self.context.services, case.id
        text = t("Straatkracht aanzetten") if flag else t("Straatkracht uitzetten")
        return self.run(
            Command(
                text,
                lambda: cases.set_street_strength(ctx, case_id, flag),
                lambda _r: cases.set_street_strength(ctx, case_id, not flag),
            )
        )

    def set_reoffence_advice(
        self, text: str, on_error: Callable[[KnownError], None] | None = None
    ) -> bool:
        case = self._case()
        if case is None:
            return False
        ctx, case_id, old = self.context.services, case.id, case.reoffence_advice
        return self.run(
            Command(
                t("Advies bij recidive wijzigen"),
                lambda: cases.set_reoffence_advice(ctx, case_id, text),
                lambda _r: cases.set_reoffence_advice(ctx, case_id, old),
            ),
            on_error,
        )

    def close_case(self) -> QDialog | None:
        case = self._case()
        return self._open(CloseCaseDialog(self.context, case, self.window)) if case else None

    def reopen_case(self) -> QDialog | None:
        case = self._case()
        if case is None or case.closed_on is None:
            return None
        return self._open(ReopenCaseDialog(self.context, case, self.window))

    # -- person and family ----------------------------------------------------------------------

    def edit_youth(self) -> QDialog | None:
        youth = self._youth()
        return self._open(YouthDialog(self.context, youth, self.window)) if youth else None

    def add_guardian(self) -> QDialog | None:
        youth = self._youth()
        return (
            self._open(GuardianDialog(self.context, youth.id, None, self.window)) if youth else None
        )

    def edit_guardian(self, guardian: GuardianRow) -> QDialog | None:
        youth = self._youth()
        if youth is None:
            return None
        return self._open(GuardianDialog(self.context, youth.id, guardian, self.window))

    def remove_guardian(self, guardian: GuardianRow) -> bool:
        youth = self._youth()
        if youth is None:
            return False
        return self.run(remove_guardian_command(self.context, youth.id, guardian))

    def link_sibling(self) -> QDialog | None:
        youth = self._youth()
        return self._open(SiblingDialog(self.context, youth, self.window)) if youth else None

    def unlink_sibling(self, sibling: SiblingRow) -> bool:
        youth = self._youth()
        if youth is None:
            return False
        return self.run(unlink_sibling_command(self.context, youth.id, sibling.id))
