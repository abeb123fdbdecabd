"""Who and what a running case is: category, coach, process director and review planning.

Category and coach keep their history (a dated period each); their undo removes the latest
period through the casework core's own inverse (``undo_category_change``, ``undo_coach_change``).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox, QWidget

from zvkd_desktop.domain.vocabulary import Category, ProfessionalRole
from zvkd_desktop.services import cases, partners
from zvkd_desktop.services.case_views import CaseDetail
from zvkd_desktop.services.settings import SETTING_SPECS
from zvkd_desktop.ui.dialogs.base import ActionDialog, Command
from zvkd_desktop.ui.dialogs.contacts import future_problem
from zvkd_desktop.ui.dialogs.fields import DateEdit, NoteEdit, current_enum, date_text, vocab
from zvkd_desktop.ui.sections import AppContext

__all__ = ["CategoryDialog", "CoachDialog", "ProcessDirectorDialog", "ReviewPlanningDialog"]


class _DatedChange(ActionDialog):
    """Shared: a 'from' date that must lie after the last change and not in the future."""

    def _date_problems(self, edit: DateEdit, last: dt.date) -> list[tuple[QWidget | None, str]]:
        found: list[tuple[QWidget | None, str]] = []
        future = future_problem(edit, edit.value(), self.context.today())
        if future:
            found.append(future)
        if edit.value() <= last:
            found.append(
                (edit, self.tr("Kies een ingangsdatum na {date}.").format(date=date_text(last)))
            )
        return found


class CategoryDialog(_DatedChange):
    def __init__(
        self, context: AppContext, case: CaseDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            context,
            self.tr("Categorie wijzigen – {name}").format(name=case.youth_name),
            self.tr("&Wijzigen"),
            parent,
        )
        self.case = case
        current = QLabel(vocab(case.category), self)
        self.category_combo = QComboBox(self)
        for category in Category:
            if category != case.category:
                self.category_combo.addItem(vocab(category), category.value)
        self.date_edit = DateEdit(context.today(), self)
        self.note_edit = NoteEdit(3, self)
        self.add_info_row(self.tr("Huidige categorie:"), current)
        self.add_row(self.tr("&Nieuwe categorie:"), self.category_combo)
        self.add_row(self.tr("&Vanaf:"), self.date_edit)
        self.add_row(self.tr("&Toelichting:"), self.note_edit)
        self.last = max((p.from_date for p in case.category_periods), default=case.admitted_on)

    def problems(self) -> list[tuple[QWidget | None, str]]:
        found = self._date_problems(self.date_edit, self.last)
        if self.category_combo.currentData() is None:
            found.append((self.category_combo, self.tr("Kies de nieuwe categorie.")))
        return found

    def command(self) -> Command:
        ctx, case_id = self.context.services, self.case.id
        category = current_enum(self.category_combo, Category)
        day, note = self.date_edit.value(), self.note_edit.text()
        assert category is not None
        return Command(
            self.tr("Categorie wijzigen"),
            lambda: cases.change_category(ctx, case_id, category, day, note),
            lambda _period: cases.undo_category_change(ctx, case_id),
        )


class CoachDialog(_DatedChange):
    def __init__(
        self, context: AppContext, case: CaseDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            context,
            self.tr("Coach wijzigen – {name}").format(name=case.youth_name),
            self.tr("&Wijzigen"),
            parent,
        )
        self.case = case
        self.coach_combo = QComboBox(self)
        for coach in partners.list_professionals(context.services, role=ProfessionalRole.COACH):
            if coach.id != case.coach_id:
                self.coach_combo.addItem(coach.name, coach.id)
        self.date_edit = DateEdit(context.today(), self)
        self.add_info_row(self.tr("Huidige coach:"), QLabel(case.coach_name or "—", self))
        self.add_row(self.tr("&Nieuwe coach:"), self.coach_combo)
        self.add_row(self.tr("&Vanaf:"), self.date_edit)
        self.last = max((a.from_date for a in case.coach_assignments), default=case.admitted_on)

    def problems(self) -> list[tuple[QWidget | None, str]]:
        found = self._date_problems(self.date_edit, self.last)
        if self.coach_combo.currentData() is None:
            found.append(
                (self.coach_combo, self.tr("Er is geen andere actieve coach om te kiezen."))
            )
        return found

    def command(self) -> Command:
        ctx, case_id = self.context.services, self.case.id
        coach_id, day = self.coach_combo.currentData(), self.date_edit.value()
        return Command(
            self.tr("Coach wijzigen"),
            lambda: cases.change_coach(ctx, case_id, coach_id, day),
            lambda _assignment: cases.undo_coach_change(ctx, case_id),
        )


class ProcessDirectorDialog(ActionDialog):
    def __init__(
        self, context: AppContext, case: CaseDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            context,
            self.tr("Procesregisseur – {name}").format(name=case.youth_name),
            self.tr("&Opslaan"),
            parent,
        )
        self.case = case
        self.director_combo = QComboBox(self)
        self.director_combo.addItem(self.tr("(geen procesregisseur)"), None)
        directors = partners.list_professionals(
            context.services, role=ProfessionalRole.PROCESS_DIRECTOR
        )
        for director in directors:
            self.director_combo.addItem(director.name, director.id)
        if case.process_director_id is not None:
            index = self.director_combo.findData(case.process_director_id)
            if index < 0:  # no longer active: keep showing who it is
                self.director_combo.addItem(
                    case.process_director_name or "?", case.process_director_id
                )
                index = self.director_combo.count() - 1
            self.director_combo.setCurrentIndex(index)
        self.add_row(self.tr("&Procesregisseur:"), self.director_combo)

    def problems(self) -> list[tuple[QWidget | None, str]]:
        if self.director_combo.currentData() == self.case.process_director_id:
            return [(None, self.tr("Kies een andere procesregisseur om te wijzigen."))]
        return []

    def command(self) -> Command:
        ctx, case_id = self.context.services, self.case.id
        new, old = self.director_combo.currentData(), self.case.process_director_id
        return Command(
            self.tr("Procesregisseur wijzigen"),
            lambda: cases.set_process_director(ctx, case_id, new),
            lambda _r: cases.set_process_director(ctx, case_id, old),
        )


class ReviewPlanningDialog(ActionDialog):
    """The case's own review cadence and the date of its next review."""

    def __init__(
        self, context: AppContext, case: CaseDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            context,
            self.tr("Bespreekplanning – {name}").format(name=case.youth_name),
            self.tr("&Opslaan"),
            parent,
        )
        self.case = case
        spec = SETTING_SPECS["review_cadence_weeks"]
        self.cadence_spin = QSpinBox(self)
        self.cadence_spin.setRange(spec.minimum, spec.maximum)
        self.cadence_spin.setValue(case.review_cadence_weeks)
        self.cadence_spin.setSuffix(self.tr(" weken"))
        default_next = case.next_review_on or context.today()
        self.next_edit = DateEdit(default_next, self)
        self.add_row(self.tr("&Bespreken elke:"), self.cadence_spin)
        self.add_row(self.tr("&Volgende bespreking:"), self.next_edit)

    def problems(self) -> list[tuple[QWidget | None, str]]:
        found: list[tuple[QWidget | None, str]] = []
        if self.next_edit.value() < self.case.admitted_on:
            found.append(
                (
                    self.next_edit,
                    self.tr("De volgende bespreking ligt vóór de opname op {date}.").format(
                        date=date_text(self.case.admitted_on)
                    ),
                )
            )
        if (
            self.cadence_spin.value() == self.case.review_cadence_weeks
            and self.next_edit.value() == self.case.next_review_on
        ):
            found.append((None, self.tr("Wijzig de frequentie of de datum om op te slaan.")))
        return found

    def command(self) -> Command:
        ctx, case = self.context.services, self.case
        weeks, day = self.cadence_spin.value(), self.next_edit.value()

        def do() -> None:
            if weeks != case.review_cadence_weeks:
                cases.set_review_cadence(ctx, case.id, weeks)
            if day != case.next_review_on:
                cases.set_next_review(ctx, case.id, day)

        def undo(_result: object) -> None:
            if weeks != case.review_cadence_weeks:
                cases.set_review_cadence(ctx, case.id, case.review_cadence_weeks)
            if day != case.next_review_on and case.next_review_on is not None:
                cases.set_next_review(ctx, case.id, case.next_review_on)

        return Command(self.tr("Bespreekplanning wijzigen"), do, undo)
