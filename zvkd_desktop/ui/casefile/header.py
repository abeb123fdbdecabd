"""The header over the tabs: who this is and where the case stands, answered at a glance.

Name and age, category, coach and process director, running or closed, the Straatkracht badge,
the next review and the closure rule's verdict, with the most used actions as buttons.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from zvkd_desktop.domain.closure_rule import ClosureStatus
from zvkd_desktop.services.case_views import CaseDetail
from zvkd_desktop.services.youths import YouthDetail
from zvkd_desktop.ui.casefile.texts import age_text, bold, eligibility_text, review_due_text, t
from zvkd_desktop.ui.dialogs.fields import date_text, vocab

__all__ = ["CaseHeader"]


class CaseHeader(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.name_label = bold(QLabel(self), 1.4)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.badge = bold(QLabel(t("Straatkracht"), self))
        self.badge.setAutoFillBackground(True)
        self.badge.setBackgroundRole(QPalette.ColorRole.Highlight)
        self.badge.setForegroundRole(QPalette.ColorRole.HighlightedText)
        self.badge.setContentsMargins(6, 1, 6, 1)
        self.badge.setAccessibleName(t("Doet mee aan Straatkracht"))
        self.status_label = bold(QLabel(self))
        self.facts_label = QLabel(self)
        self.facts_label.setWordWrap(True)
        self.review_label = QLabel(self)
        self.closure_label = QLabel(self)
        self.buttons = QHBoxLayout()
        self.buttons.setContentsMargins(0, 0, 0, 0)

        top = QHBoxLayout()
        top.addWidget(self.name_label)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        top.addWidget(self.status_label)
        grid = QGridLayout(self)
        grid.addLayout(top, 0, 0, 1, 2)
        grid.addWidget(self.facts_label, 1, 0, 1, 2)
        grid.addWidget(self.review_label, 2, 0)
        grid.addWidget(self.closure_label, 2, 1)
        grid.addLayout(self.buttons, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

    def add_button(self, action: QAction, text: str) -> QPushButton:
        """A button for ``action`` (its shortcut in the tooltip; the menu carries the mnemonic)."""
        button = QPushButton(text, self)
        shortcut = action.shortcut().toString(action.shortcut().SequenceFormat.NativeText)
        button.setToolTip(f"{text} ({shortcut})" if shortcut else text)
        button.setAccessibleName(text)
        button.clicked.connect(action.trigger)
        # an action that does not fit the case (closing a closed one) is left out, not greyed
        action.enabledChanged.connect(button.setVisible)
        button.setVisible(action.isEnabled())
        self.buttons.addWidget(button)
        return button

    def finish_buttons(self) -> None:
        self.buttons.addStretch(1)

    def show_case(
        self, case: CaseDetail, youth: YouthDetail, status: ClosureStatus, today: dt.date
    ) -> None:
        self.name_label.setText(case.youth_name)
        self.badge.setVisible(case.street_strength)
        facts = [
            age_text(youth, today),
            vocab(case.category),
            t("coach {name}").format(name=case.coach_name or t("(geen)")),
        ]
        if case.process_director_name:
            facts.append(t("procesregisseur {name}").format(name=case.process_director_name))
        facts.append(t("opgenomen {date}").format(date=date_text(case.admitted_on)))
        self.facts_label.setText(" · ".join(facts))
        if case.closed_on is None:
            self.status_label.setText(t("Lopend"))
            self.review_label.setText(
                t("Volgende bespreking: {when}").format(
                    when=review_due_text(case.next_review_on, today)
                )
            )
            self.closure_label.setText(eligibility_text(status, today))
        else:
            self.status_label.setText(
                t("Afgesloten op {date}").format(date=date_text(case.closed_on))
            )
            reason = vocab(case.closure_reason) if case.closure_reason else ""
            if case.closure_reason_text:
                reason = f"{reason} — {case.closure_reason_text}"
            self.review_label.setText(t("Reden: {reason}").format(reason=reason))
            self.review_label.setWordWrap(True)
            self.closure_label.clear()

    def show_missing(self, message: str) -> None:
        self.name_label.setText(t("Casus niet beschikbaar"))
        self.badge.hide()
        self.status_label.clear()
        self.facts_label.setText(message)
        self.review_label.clear()
        self.closure_label.clear()
