"""Decisions in words: how a decision reads in a case's review list, on screen and on paper."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.vocabulary import Category, ClosureReason
from zvkd_desktop.services.meetings.kinds import DecisionKind

__all__ = ["describe"]


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else f"{text}."


def describe(kind: DecisionKind, payload: Mapping[str, Any]) -> str:
    """A decision in one or two Dutch sentences, as the review list and decision list show it.

    Only what was decided: dates, categories, reasons, the coach's name and the text the core
    team wrote for the decision — never a case note or an address.
    """
    note = _sentence(payload.get("note") or "")
    next_on = _day(payload.get("next_review_on"))
    parts: list[str] = []
    if kind == DecisionKind.CONTINUE:
        parts = ["Doorgaan.", note]
    elif kind == DecisionKind.ADJUST_PLAN:
        parts = [f"Plan van aanpak aanpassen: {note}" if note else "Plan van aanpak aanpassen."]
    elif kind == DecisionKind.CLOSE:
        reason = ClosureReason(payload.get("reason", ClosureReason.OTHER.value))
        parts = [f"Afsluiten: {reason.label.lower()}.",
                 _sentence(payload.get("reason_text") or ""), note]  # fmt: skip
    elif kind == DecisionKind.ESCALATE:
        parts = ["Opschalen naar het Zorg- en Veiligheidshuis Haaglanden; de casus wordt "
                 "afgesloten.", note]  # fmt: skip
    elif kind == DecisionKind.ADMIT:
        category = Category(payload.get("category", Category.REGULAR.value)).label
        coach = payload.get("coach_name") or "?"
        parts = [f"Opnemen in de categorie {category}, coach {coach}.", note]
        if payload.get("reason"):
            parts.append(f"Motivering: {_sentence(payload['reason'])}")
        if next_on:
            parts.append(f"Eerste bespreking op {format_nl(next_on)}.")
        return " ".join(part for part in parts if part)
    elif kind == DecisionKind.NOT_ADMIT:
        parts = [f"Niet opnemen. Vervolg met de aanmelder: "
                 f"{_sentence(payload.get('follow_up') or '?')}", note]  # fmt: skip
        if payload.get("reason"):
            parts.append(f"Motivering: {_sentence(payload['reason'])}")
    elif kind == DecisionKind.CHANGE_CATEGORY:
        category = Category(payload.get("category", Category.REGULAR.value)).label
        parts = [f"Categorie wijzigen naar {category}."]
    elif kind == DecisionKind.CHANGE_COACH:
        parts = [f"Nieuwe coach: {payload.get('coach_name') or '?'}."]
    elif kind == DecisionKind.NOTE:
        parts = [note or "Besproken."]
    if next_on and kind in (DecisionKind.CONTINUE, DecisionKind.ADJUST_PLAN):
        parts.append(f"Volgende bespreking op {format_nl(next_on)}.")
    return " ".join(part for part in parts if part)
