"""The PAD registration criteria (aanmeldcriteria, as broadened in 2023).

A youth can be admitted when all four hold: aged 12 up to 27 at registration; police contacts or
serious concerns of partners; problems on more than one life domain; cooperation across chains
needed. The program records each criterion and shows which fail, but the core team decides: a
decision *against* the criteria is allowed, only with a written reason. That works both ways:
admitting while a criterion fails, and not admitting while all are met, each need a reason,
because either departs from the agreed criteria and must be explainable to partners later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zvkd_desktop.domain.dates import age_on, format_nl
from zvkd_desktop.domain.vocabulary import Labelled
from zvkd_desktop.errors import ValidationError

__all__ = [
    "MAX_AGE_EXCLUSIVE",
    "MIN_AGE",
    "CriteriaAssessment",
    "Criterion",
    "assess_criteria",
    "check_decision",
]

MIN_AGE = 12
MAX_AGE_EXCLUSIVE = 27


class Criterion(Labelled):
    AGE = "age", "Leeftijd 12 tot 27 jaar"
    POLICE_OR_CONCERNS = "police_or_concerns", "Politiecontacten of ernstige zorgen"
    MULTIPLE_DOMAINS = "multiple_domains", "Problemen op meer dan één leefgebied"
    CROSS_CHAIN = "cross_chain", "Samenwerking tussen ketens nodig"


@dataclass(frozen=True)
class CriteriaAssessment:
    """Each criterion met or not, and the age on the registration date that decided the first."""

    age: int
    met: dict[Criterion, bool]

    @property
    def failing(self) -> list[Criterion]:
        """The criteria not met, in the fixed order of :class:`Criterion` (stable on screen)."""
        return [criterion for criterion in Criterion if not self.met.get(criterion, False)]

    @property
    def all_met(self) -> bool:
        return not self.failing

    @property
    def age_ok(self) -> bool:
        return self.met.get(Criterion.AGE, False)


def assess_criteria(
    *,
    date_of_birth: date,
    registered_on: date,
    police_contacts: bool,
    serious_concerns: bool,
    multiple_domains: bool,
    cross_chain: bool,
) -> CriteriaAssessment:
    """Assess a registration: the age counts on the registration date (12 <= age < 27).

    The age is measured at registration, not at the decision, because the criteria say "at
    registration": a youth registered at 26 still qualifies when the meeting falls after their
    27th birthday. A date of birth after the registration date is a typing mistake and refused.
    """
    if date_of_birth > registered_on:
        raise ValidationError(
            f"De geboortedatum {format_nl(date_of_birth)} ligt na de aanmelddatum "
            f"{format_nl(registered_on)}. Controleer beide datums.",
            code="born_after_registration",
        )
    age = age_on(date_of_birth, registered_on)
    met = {
        Criterion.AGE: MIN_AGE <= age < MAX_AGE_EXCLUSIVE,
        Criterion.POLICE_OR_CONCERNS: police_contacts or serious_concerns,
        Criterion.MULTIPLE_DOMAINS: multiple_domains,
        Criterion.CROSS_CHAIN: cross_chain,
    }
    return CriteriaAssessment(age=age, met=met)


def check_decision(assessment: CriteriaAssessment, *, admit: bool, reason: str | None) -> None:
    """Refuse a decision against the criteria that has no written reason.

    Admitting while a criterion fails, or not admitting while all are met, needs a non-blank
    reason; a decision that follows the criteria needs none (a reason may still be recorded).
    """
    if reason is not None and reason.strip():
        return
    if admit and not assessment.all_met:
        names = ", ".join(_failing_label(assessment, c) for c in assessment.failing)
        raise ValidationError(
            "Opnemen terwijl niet aan alle aanmeldcriteria is voldaan kan alleen met een "
            f"schriftelijke motivering. Niet voldaan: {names}.",
            code="decision_needs_reason",
        )
    if not admit and assessment.all_met:
        raise ValidationError(
            "Niet opnemen terwijl aan alle aanmeldcriteria is voldaan kan alleen met een "
            "schriftelijke motivering.",
            code="decision_needs_reason",
        )


def _failing_label(assessment: CriteriaAssessment, criterion: Criterion) -> str:
    if criterion is Criterion.AGE:
        return f"{criterion.label} (bij aanmelding {assessment.age} jaar)"
    return criterion.label
