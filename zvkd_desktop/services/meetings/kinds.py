"""The meeting's own vocabularies: what a decision on an agenda item can be.

The codes are stored (``MeetingDecision.kind``) and exchanged, so they never change; the labels
are Dutch source strings the UI passes through Qt's translation functions.
"""

from __future__ import annotations

from zvkd_desktop.domain.vocabulary import Labelled

__all__ = ["CASE_OUTCOMES", "EXTRAS", "REGISTRATION_OUTCOMES", "DecisionKind"]


class DecisionKind(Labelled):
    CONTINUE = "continue", "Doorgaan"
    ADJUST_PLAN = "adjust_plan", "Plan van aanpak aanpassen"
    CLOSE = "close", "Afsluiten"
    ESCALATE = "escalate", "Opschalen naar het Zorg- en Veiligheidshuis"
    ADMIT = "admit", "Opnemen"
    NOT_ADMIT = "not_admit", "Niet opnemen"
    CHANGE_CATEGORY = "change_category", "Categorie wijzigen"
    CHANGE_COACH = "change_coach", "Coach wisselen"
    NOTE = "note", "Besproken, geen besluit over de casus"


CASE_OUTCOMES = (
    DecisionKind.CONTINUE,
    DecisionKind.ADJUST_PLAN,
    DecisionKind.CLOSE,
    DecisionKind.ESCALATE,
)
"""The main outcome of a case item: exactly one of these."""

REGISTRATION_OUTCOMES = (DecisionKind.ADMIT, DecisionKind.NOT_ADMIT, DecisionKind.NOTE)
"""The main outcome of a registration item (NOTE: discussed, decided at a later meeting)."""

EXTRAS = (DecisionKind.CHANGE_CATEGORY, DecisionKind.CHANGE_COACH)
"""Taken next to a case that goes on (continue or adjust the plan), never with a closure."""
