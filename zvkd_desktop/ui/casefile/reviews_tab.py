"""Besprekingen: the core team's reviews of this case, the next review date and the cadence.

The list shows one line per review; the pane beside it shows the chosen review in full (progress
per life domain, decisions), because that is what is read aloud in the next meeting.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from zvkd_desktop.services import reviews
from zvkd_desktop.services.reviews import ReviewView
from zvkd_desktop.ui.casefile.commands import CaseCommands
from zvkd_desktop.ui.casefile.tab import (
    CaseSnapshot,
    CaseTab,
    add_item,
    button_row,
    list_view,
    selected_data,
)
from zvkd_desktop.ui.casefile.texts import bold, review_due_text, t
from zvkd_desktop.ui.dialogs.fields import date_text, vocab
from zvkd_desktop.ui.sections import AppContext

__all__ = ["ReviewsTab"]


def review_html(review: ReviewView) -> str:
    parts = [
        f"<h3>{html.escape(t('Bespreking van {date}').format(date=date_text(review.reviewed_on)))}</h3>"
    ]
    if review.progress:
        parts.append(f"<p><b>{html.escape(t('Voortgang per leefgebied'))}</b></p><ul>")
        for domain, text in review.progress:
            parts.append(f"<li><b>{html.escape(vocab(domain))}:</b> {html.escape(text)}</li>")
        parts.append("</ul>")
    else:
        parts.append(f"<p>{html.escape(t('Geen voortgang per leefgebied vastgelegd.'))}</p>")
    decisions = review.decisions or t("Geen besluiten vastgelegd.")
    parts.append(
        f"<p><b>{html.escape(t('Besluiten'))}</b><br>"
        f"{html.escape(decisions).replace(chr(10), '<br>')}</p>"
    )
    if review.next_review_on:
        parts.append(
            f"<p>{html.escape(t('Volgende bespreking gepland op {date}.').format(date=date_text(review.next_review_on)))}</p>"
        )
    return "".join(parts)


class ReviewsTab(CaseTab):
    def __init__(
        self, context: AppContext, commands: CaseCommands, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, commands, parent)
        self.next_label = bold(QLabel(self), 1.15)
        self.cadence_label = QLabel(self)
        self.view = list_view(self, [t("Datum"), t("Volgende"), t("Besluiten")], t("Besprekingen"))
        self.view.setWordWrap(False)
        self.detail = QTextBrowser(self)
        self.detail.setAccessibleName(t("Gekozen bespreking"))
        self.detail.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        buttons, (self.record_button, self.planning_button, self.remove_button) = button_row(
            self,
            (t("Bespreking &vastleggen…"), self.commands.record_review),
            (t("Pla&nning wijzigen…"), self.commands.review_planning),
            (t("V&erwijderen"), self.remove),
        )
        self.view.currentItemChanged.connect(self._selection_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.next_label)
        layout.addWidget(self.cadence_label)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self._selection_changed()

    def load(self, snapshot: CaseSnapshot) -> None:
        super().load(snapshot)
        case = snapshot.case
        if snapshot.running:
            self.next_label.setText(
                t("Volgende bespreking: {when}").format(
                    when=review_due_text(case.next_review_on, snapshot.today)
                )
            )
        else:
            self.next_label.setText(
                t("De casus is afgesloten; er worden geen besprekingen meer gepland.")
            )
        self.cadence_label.setText(
            t("Deze casus wordt elke {weeks} weken besproken.").format(
                weeks=case.review_cadence_weeks
            )
        )
        for button in (self.record_button, self.planning_button, self.remove_button):
            button.setVisible(snapshot.running and snapshot.can_write)
        current = selected_data(self.view)
        self.view.clear()
        rows = reviews.reviews(self.context.services, case.id)
        for row in rows:
            first_line = (row.decisions or "").splitlines()[0] if row.decisions else "—"
            item = add_item(
                self.view,
                [date_text(row.reviewed_on), date_text(row.next_review_on), first_line],
                row,
            )
            item.setToolTip(2, row.decisions or "")
            if isinstance(current, ReviewView) and current.id == row.id:
                self.view.setCurrentItem(item)
        if self.view.currentItem() is None and self.view.topLevelItemCount():
            self.view.setCurrentItem(self.view.topLevelItem(0))
        self._selection_changed()

    def _selected(self) -> ReviewView | None:
        data = selected_data(self.view)
        return data if isinstance(data, ReviewView) else None

    def _selection_changed(self, *_args: object) -> None:
        review = self._selected()
        self.remove_button.setEnabled(review is not None)
        if review is None:
            self.detail.setPlainText(
                t("Nog geen besprekingen vastgelegd.") if not self.view.topLevelItemCount() else ""
            )
        else:
            self.detail.setHtml(review_html(review))

    def remove(self) -> None:
        review = self._selected()
        if review is not None:
            self.commands.remove_review(review)
