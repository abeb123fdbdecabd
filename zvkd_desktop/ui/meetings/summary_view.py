"""The left half of the meeting screen: who the item is about and what the team needs to know.

For a case: category, coach, admission, the closure rule as of the meeting day (the eligible
date the closure will be checked against), the plan's goals with their status, the police
timeline, the last coach contacts and the last review's decisions. For a registration: the
registrant, the age at registration and the four criteria. Plain HTML in a QTextBrowser, so it
scrolls, scales with the font and can be read by a screen reader.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser, QWidget

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.services.meetings import AgendaItemView
from zvkd_desktop.services.meetings.summary import CaseSummary, RegistrationSummary
from zvkd_desktop.ui.meetings.common import label

__all__ = ["POLICE_SHOWN", "SummaryView", "summary_html"]

POLICE_SHOWN = 6
"""The newest police contacts shown; the eligible date above says what the older ones mean."""


def _t(text: str) -> str:
    return QCoreApplication.translate("MeetingSummary", text)


def _e(text: str | None) -> str:
    return html.escape(text or "")


def _table(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td>{key}</td><td>&nbsp;&nbsp;</td><td>{value}</td></tr>" for key, value in rows)
    return f'<table cellspacing="0" cellpadding="1">{cells}</table>'


def _case_html(summary: CaseSummary, on: dt.date) -> list[str]:
    eligible = format_nl(summary.eligible_date)
    if summary.eligible:
        rule = _t("<b>afsluitbaar</b> sinds {date}").format(date=eligible)
    else:
        rule = _t("afsluitbaar vanaf {date}").format(date=eligible)
    latest = (format_nl(summary.latest_negative_contact) if summary.latest_negative_contact
              else _t("geen"))  # fmt: skip
    facts = [
        (_t("Categorie"), _e(label(summary.category))),
        (_t("Coach"), _e(summary.coach_name or _t("geen"))),
        (_t("Opgenomen"), format_nl(summary.admitted_on)),
        (_t("6-maandenregel"), rule + _t(" (laatste negatief politiecontact: {date})").format(date=latest)),
        (_t("Volgende bespreking"),
         format_nl(summary.next_review_on) if summary.next_review_on else _t("niet gepland")),
    ]  # fmt: skip
    if summary.closed_on is not None:
        facts.append((_t("Afgesloten"), f"<b>{format_nl(summary.closed_on)}</b>"))
    parts = [_table(facts), f"<h3>{_t('Plan van aanpak')}</h3>"]
    if summary.goals:
        parts.append("<ul>" + "".join(
            f"<li>{_e(label(goal.life_domain))}: {_e(goal.description or '–')} "
            f"<i>({_e(label(goal.status))})</i></li>" for goal in summary.goals) + "</ul>")  # fmt: skip
    else:
        parts.append(f"<p>{_t('Nog geen plan van aanpak.')}</p>")
    parts.append(f"<h3>{_t('Politiecontacten')}</h3>")
    if summary.police:
        shown = summary.police[:POLICE_SHOWN]
        parts.append("<ul>" + "".join(
            f"<li>{format_nl(p.contact_on)}: {_e(label(p.kind))}"
            + ("" if p.negative else _t(" (niet negatief)")) + "</li>" for p in shown) + "</ul>")  # fmt: skip
        if len(summary.police) > len(shown):
            parts.append(f"<p><i>{_t('… en {n} eerdere (in het dossier).').format(n=len(summary.police) - len(shown))}</i></p>")
    else:
        parts.append(f"<p>{_t('Geen politiecontacten.')}</p>")
    parts.append(f"<h3>{_t('Laatste contacten met de coach')}</h3>")
    if summary.coach_contacts:
        parts.append("<ul>" + "".join(
            f"<li>{format_nl(c.contact_on)}: {_e(label(c.kind))}"
            + (f" ({_e(c.coach_name)})" if c.coach_name else "") + "</li>"
            for c in summary.coach_contacts) + "</ul>")  # fmt: skip
    else:
        parts.append(f"<p>{_t('Geen contacten vastgelegd.')}</p>")
    parts.append(f"<h3>{_t('Vorige bespreking')}</h3>")
    review = summary.last_review
    if review is not None:
        parts.append(f"<p>{format_nl(review.reviewed_on)}: {_e(review.decisions or _t('geen besluiten vastgelegd'))}</p>")
    else:
        parts.append(f"<p>{_t('Nog niet besproken.')}</p>")
    return parts


def _registration_html(summary: RegistrationSummary) -> list[str]:
    facts = [
        (_t("Aangemeld"), format_nl(summary.registered_on)),
        (_t("Aanmelder"), _e(summary.registrant_name)),
        (_t("Leeftijd bij aanmelding"), str(summary.age_at_registration)),
        (_t("Besluit"), _e(label(summary.decision))),
    ]
    if summary.is_reregistration:
        facts.append((_t("Let op"), _t("opnieuw aangemeld")))
    parts = [_table(facts), f"<h3>{_t('Aanmeldcriteria')}</h3><ul>"]
    for criterion in summary.criteria:
        mark = _t("voldaan") if criterion.met else f"<b>{_t('niet voldaan')}</b>"
        parts.append(f"<li>{_e(QCoreApplication.translate('Vocabulary', criterion.label))}: {mark}</li>")
    parts.append("</ul>")
    parts.append(f"<h3>{_t('Politiecontacten')}</h3>")
    if summary.police:
        parts.append("<ul>" + "".join(f"<li>{format_nl(p.contact_on)}: {_e(label(p.kind))}</li>"
                                      for p in summary.police) + "</ul>")  # fmt: skip
    else:
        parts.append(f"<p>{_t('Geen politiecontacten.')}</p>")
    return parts


def summary_html(item: AgendaItemView, summary: CaseSummary | RegistrationSummary | None,
                 on: dt.date) -> str:  # fmt: skip
    if item.subject == "text":
        return f"<h2>{_e(item.text)}</h2><p>{_t('Vrij agendapunt.')}</p>"
    title = f"<h2>{_e(item.youth_name)}</h2>"
    why = f"<p><i>{_e(item.agenda_text)}</i></p>" if item.agenda_text else ""
    if isinstance(summary, CaseSummary):
        return title + why + "".join(_case_html(summary, on))
    if isinstance(summary, RegistrationSummary):
        return title + why + "".join(_registration_html(summary))
    return title + why


class SummaryView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setAccessibleName(self.tr("Samenvatting"))
