"""How the case file words dates, ages and the closure rule, in one place for all tabs.

The closure rule's own arithmetic stays in the casework core (``cases.closure_status_of``); this
module only turns its answer into the sentences a coach reads at a glance.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from zvkd_desktop.domain.closure_rule import ClosureStatus
from zvkd_desktop.domain.dates import age_on
from zvkd_desktop.services.youths import YouthDetail
from zvkd_desktop.ui.dialogs.fields import date_text

__all__ = [
    "age_text",
    "bold",
    "days_text",
    "eligibility_text",
    "highlight_colour",
    "moment_text",
    "review_due_text",
    "t",
]


def t(text: str) -> str:
    return QCoreApplication.translate("CaseFile", text)


def days_text(days: int) -> str:
    return t("1 dag") if days == 1 else t("{days} dagen").format(days=days)


def eligibility_text(status: ClosureStatus, on: dt.date) -> str:
    """'Afsluitbaar vanaf 14-03-2024 (nog 23 dagen)' or 'Afsluitbaar sinds 01-02-2024'."""
    if status.is_eligible(on):
        return t("Afsluitbaar sinds {date}").format(date=date_text(status.eligible_date))
    return t("Afsluitbaar vanaf {date} (nog {days})").format(
        date=date_text(status.eligible_date), days=days_text(status.days_to_go(on))
    )


def age_text(youth: YouthDetail, on: dt.date) -> str:
    if youth.date_of_birth is not None and youth.date_of_birth <= on:
        return t("{age} jaar").format(age=age_on(youth.date_of_birth, on))
    return t("ca. {age} jaar").format(age=on.year - youth.birth_year)


def review_due_text(next_review: dt.date | None, today: dt.date) -> str:
    if next_review is None:
        return t("niet gepland")
    days = (next_review - today).days
    if days == 0:
        return t("{date} (vandaag)").format(date=date_text(next_review))
    if days > 0:
        return t("{date} (over {days})").format(date=date_text(next_review), days=days_text(days))
    return t("{date} ({days} te laat)").format(date=date_text(next_review), days=days_text(-days))


def moment_text(at: dt.datetime) -> str:
    """A UTC moment in local time as dd-mm-jjjj uu:mm."""
    local = at.astimezone()
    return f"{date_text(local.date())} {local:%H:%M}"


def bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def highlight_colour(widget: QWidget, strength: float = 0.3) -> QColor:
    """The palette's highlight mixed into its base: a marking that works in light and dark."""
    palette = widget.palette()
    base = palette.color(QPalette.ColorRole.Base)
    mark = palette.color(QPalette.ColorRole.Highlight)
    return QColor(
        round(base.red() + (mark.red() - base.red()) * strength),
        round(base.green() + (mark.green() - base.green()) * strength),
        round(base.blue() + (mark.blue() - base.blue()) * strength),
    )
