"""Recording a review: the date, progress per life domain, the decisions and the next review.

The next review date follows the review date (one review cadence later) until the user picks
another one, so a late entry does not plan the next review in the past.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QScrollArea, QWidget

from zvkd_desktop.domain.vocabulary import LifeDomain
from zvkd_desktop.services import reviews
from zvkd_desktop.services.case_views import CaseDetail
from zvkd_desktop.ui.dialogs.base import ActionDialog, Command
from zvkd_desktop.ui.dialogs.contacts import future_problem
from zvkd_desktop.ui.dialogs.fields import DateEdit, NoteEdit, add_mnemonic, date_text, vocab
from zvkd_desktop.ui.sections import AppContext

__all__ = ["ReviewDialog"]


class ReviewDialog(ActionDialog):
    def __init__(
        self, context: AppContext, case: CaseDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            context,
            self.tr("Bespreking vastleggen – {name}").format(name=case.youth_name),
            self.tr("Vast&leggen"),
            parent,
        )
        self.case = case
        self.cadence = dt.timedelta(weeks=case.review_cadence_weeks)
        today = context.today()
        self.date_edit = DateEdit(today, self)
        self.next_edit = DateEdit(today + self.cadence, self)
        self._next_follows = True
        self.add_row(self.tr("&Besproken op:"), self.date_edit)

        group = QGroupBox(self.tr("Voortgang per leefgebied"), self)
        grid = QGridLayout(group)
        self.progress_edits: dict[LifeDomain, NoteEdit] = {}
        used = set("bslv")  # Besproken op, Besluiten, Vastleggen, Volgende bespreking
        for row, domain in enumerate(LifeDomain):
            edit = NoteEdit(2, group)
            edit.setMaximumHeight(edit.minimumHeight())
            edit.setAccessibleName(self.tr("Voortgang {domain}").format(domain=vocab(domain)))
            label = QLabel(add_mnemonic(vocab(domain), used), group)
            label.setBuddy(edit)
            label.setWordWrap(True)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(edit, row, 1)
            self.progress_edits[domain] = edit
            self.watch(edit)
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(0, self.fontMetrics().horizontalAdvance("x" * 24))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 90)
        scroll = QScrollArea(self)
        scroll.setWidget(group)
        scroll.setWidgetResizable(True)
        # all eight life domains in view where the screen allows, else scrolling
        scroll.setMinimumHeight(
            min(
                group.sizeHint().height() + 2 * scroll.frameWidth(),
                self.fontMetrics().lineSpacing() * 28,
            )
        )
        self.form.addRow(scroll)

        self.decisions_edit = NoteEdit(3, self)
        self.add_row(self.tr("Be&sluiten:"), self.decisions_edit)
        self.add_row(self.tr("&Volgende bespreking:"), self.next_edit)
        self.cadence_label = QLabel(
            self.tr("Standaard {weeks} weken na deze bespreking.").format(
                weeks=case.review_cadence_weeks
            ),
            self,
        )
        self.add_info_row("", self.cadence_label)
        self.date_edit.dateChanged.connect(self._date_changed)
        self.next_edit.dateChanged.connect(self._next_changed)
        self.resize(self.minimumWidth(), self.sizeHint().height())

    def _date_changed(self) -> None:
        if self._next_follows:
            self.next_edit.blockSignals(True)
            self.next_edit.set_value(self.date_edit.value() + self.cadence)
            self.next_edit.blockSignals(False)
            self.revalidate()

    def _next_changed(self) -> None:
        self._next_follows = self.next_edit.value() == self.date_edit.value() + self.cadence

    def problems(self) -> list[tuple[QWidget | None, str]]:
        found: list[tuple[QWidget | None, str]] = []
        day = self.date_edit.value()
        future = future_problem(self.date_edit, day, self.context.today())
        if future:
            found.append(future)
        if day < self.case.admitted_on:
            found.append(
                (
                    self.date_edit,
                    self.tr("De bespreking ligt vóór de opname op {date}.").format(
                        date=date_text(self.case.admitted_on)
                    ),
                )
            )
        if self.next_edit.value() <= day:
            found.append(
                (self.next_edit, self.tr("De volgende bespreking moet na deze bespreking liggen."))
            )
        return found

    def progress(self) -> dict[LifeDomain, str]:
        return {domain: edit.text() for domain, edit in self.progress_edits.items()}

    def command(self) -> Command:
        ctx, case_id = self.context.services, self.case.id
        day, next_day = self.date_edit.value(), self.next_edit.value()
        progress, decisions = self.progress(), self.decisions_edit.text()
        return Command(
            self.tr("Bespreking vastleggen"),
            lambda: reviews.record_review(
                ctx,
                case_id=case_id,
                reviewed_on=day,
                progress=progress,
                decisions=decisions,
                next_review_on=next_day,
            ),
            lambda review_id: reviews.remove_review(ctx, review_id),
        )
