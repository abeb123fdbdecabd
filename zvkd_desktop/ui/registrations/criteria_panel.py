"""The criteria check beside a registration: the age on the registration date, each of the four
criteria met or not, and one plain line saying whether admitting would go against them.

It shows ``domain.criteria.assess_criteria`` and nothing of its own, so what the user sees while
typing is exactly what the service will record and check at the decision.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QStyle, QVBoxLayout, QWidget

from zvkd_desktop.domain.criteria import CriteriaAssessment, Criterion
from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.ui.forms import vocab

__all__ = ["CriteriaPanel", "verdict_text"]

_CONTEXT = "CriteriaPanel"


def _t(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def failing_names(assessment: CriteriaAssessment) -> str:
    names = []
    for criterion in assessment.failing:
        if criterion is Criterion.AGE:
            names.append(_t("leeftijd ({age} jaar)").format(age=assessment.age))
        else:
            names.append(vocab(criterion).lower())
    return ", ".join(names)


def verdict_text(assessment: CriteriaAssessment) -> str:
    """One plain sentence: all met, or which fail and what that means for the decision."""
    if assessment.all_met:
        return _t(
            "Aan alle aanmeldcriteria is voldaan. Niet opnemen kan alleen met een schriftelijke "
            "motivering."
        )
    return _t(
        "Niet voldaan: {names}. Opnemen gaat dan tegen de aanmeldcriteria in en kan alleen met "
        "een schriftelijke motivering."
    ).format(names=failing_names(assessment))


class CriteriaPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_t("Toets aan de aanmeldcriteria"), parent)
        self.setAccessibleName(_t("Toets aan de aanmeldcriteria"))
        self.age_label = QLabel(self)
        self.age_label.setWordWrap(True)
        font = self.age_label.font()
        font.setBold(True)
        self.age_label.setFont(font)
        self.icons: dict[Criterion, QLabel] = {}
        self.lines: dict[Criterion, QLabel] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for row, criterion in enumerate(Criterion):
            icon = QLabel(self)
            icon.setAlignment(Qt.AlignmentFlag.AlignTop)
            line = QLabel(self)
            line.setWordWrap(True)
            grid.addWidget(icon, row, 0)
            grid.addWidget(line, row, 1)
            self.icons[criterion] = icon
            self.lines[criterion] = line
        self.verdict_label = QLabel(self)
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setAccessibleName(_t("Uitkomst van de toets"))
        verdict_font = self.verdict_label.font()
        verdict_font.setBold(True)
        self.verdict_label.setFont(verdict_font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.age_label)
        layout.addLayout(grid)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(self.verdict_label)
        layout.addStretch(1)
        self.assessment: CriteriaAssessment | None = None
        self.show_assessment(None, None)

    def show_assessment(
        self, assessment: CriteriaAssessment | None, registered_on: date | None,
        problem: str | None = None,
    ) -> None:
        """``assessment`` None: not enough to go on yet (``problem`` says why, if known)."""
        self.assessment = assessment
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        if assessment is None or registered_on is None:
            self.age_label.setText(problem or _t("Vul de geboortedatum in om de leeftijd te zien."))
            for criterion in Criterion:
                self.icons[criterion].clear()
                self.lines[criterion].setText(vocab(criterion))
            self.verdict_label.setText("")
            return
        self.age_label.setText(
            _t("Leeftijd op de aanmelddatum ({day}): {age} jaar").format(
                day=format_nl(registered_on), age=assessment.age
            )
        )
        for criterion in Criterion:
            met = assessment.met.get(criterion, False)
            icon = (
                QStyle.StandardPixmap.SP_DialogApplyButton
                if met
                else QStyle.StandardPixmap.SP_MessageBoxWarning
            )
            self.icons[criterion].setPixmap(self.style().standardIcon(icon).pixmap(size, size))
            state = _t("voldaan") if met else _t("niet voldaan")
            text = f"{vocab(criterion)}: {state}"
            if criterion is Criterion.AGE and not met:
                text = _t("{label}: niet voldaan ({age} jaar)").format(
                    label=vocab(criterion), age=assessment.age
                )
            self.lines[criterion].setText(text)
            self.lines[criterion].setAccessibleName(text)
        self.verdict_label.setText(verdict_text(assessment))

    def line_text(self, criterion: Criterion) -> str:
        return self.lines[criterion].text()
