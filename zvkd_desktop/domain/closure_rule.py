"""The PAD closure rule: a case may be closed once the youth has been out of negative police view
for more than the policy period (6 months today).

Exactly as DOMAIN.md fixes it:

- reference date R = the later of the admission date and the latest *negative* police contact, so
  every case runs at least the policy period, and a youth admitted on concerns alone is measured
  from admission;
- eligible date E = R + ``months`` calendar months (clamped to month end) + 1 day, because the
  rule says *more than* 6 months;
- a newer negative contact moves R and therefore E;
- closing with a reason that needs the police-free period is refused before E; other reasons are
  allowed on any date (but never before admission).

Only negative contacts count. Callers pass their dates only; :func:`negative_dates` is the one
place where a list of (date, is_negative) pairs is filtered, so the rule is not re-implemented
elsewhere. Closure is always a person's decision: this module proposes and checks, it never closes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from zvkd_desktop.domain.dates import add_months, format_nl
from zvkd_desktop.domain.vocabulary import ClosureReason
from zvkd_desktop.errors import ValidationError

__all__ = [
    "DEFAULT_POLICY_MONTHS",
    "ClosureStatus",
    "check_closure",
    "closure_status",
    "negative_dates",
]

DEFAULT_POLICY_MONTHS = 6
"""Today's policy. Callers pass the chamber's setting; this is only that setting's default."""


@dataclass(frozen=True)
class ClosureStatus:
    """Where a case stands under the closure rule, as known on some day.

    ``admitted_on`` lets :func:`check_closure` refuse a closure before admission; it is ``None``
    only when a status is built by hand, :func:`closure_status` always fills it.
    """

    reference_date: date
    eligible_date: date
    latest_negative_contact: date | None
    months: int
    admitted_on: date | None = None

    def is_eligible(self, on: date) -> bool:
        """Whether the rule allows closing on ``on`` (given the contacts this status knows)."""
        return on >= self.eligible_date

    def days_to_go(self, on: date) -> int:
        """Days from ``on`` until the eligible date; 0 once eligible."""
        return max(0, (self.eligible_date - on).days)


def negative_dates(contacts: Iterable[tuple[date, bool]]) -> list[date]:
    """The dates of the negative contacts among (date, is_negative) pairs.

    Only a negative police contact (suspect of an offence, arrest, nuisance registration) restarts
    the police-free period; a neutral contact (e.g. the youth reporting something, a victim) does
    not. Keep that filter here so no caller forgets it or applies it differently.
    """
    return [contact_date for contact_date, is_negative in contacts if is_negative]


def closure_status(
    admitted_on: date,
    negative_contact_dates: Iterable[date],
    *,
    on: date | None = None,
    months: int = DEFAULT_POLICY_MONTHS,
) -> ClosureStatus:
    """Apply the closure rule to one case.

    ``negative_contact_dates`` must hold only *negative* police contacts (see
    :func:`negative_dates`); any contact date may be passed, also ones before admission (they just
    lose to the admission date). When ``on`` is given, the status is the one known on that day:
    contacts dated after ``on`` had not happened yet and are ignored. ``months`` is the policy
    setting (6 today); it must be at least 1.
    """
    if months < 1:
        raise ValueError(f"closure_status: policy period must be at least 1 month, not {months}")
    latest: date | None = None
    for contact in negative_contact_dates:
        if on is not None and contact > on:
            continue
        if latest is None or contact > latest:
            latest = contact
    reference = admitted_on if latest is None or latest < admitted_on else latest
    eligible = add_months(reference, months) + timedelta(days=1)
    return ClosureStatus(
        reference_date=reference,
        eligible_date=eligible,
        latest_negative_contact=latest,
        months=months,
        admitted_on=admitted_on,
    )


def check_closure(reason: ClosureReason, closure_date: date, status: ClosureStatus) -> None:
    """Refuse a closure the rule does not allow; return quietly when it is allowed.

    The message names the eligible date and how many days remain, so the core team can plan the
    closure for the right meeting instead of guessing.
    """
    if status.admitted_on is not None and closure_date < status.admitted_on:
        raise ValidationError(
            f"De afsluitdatum {format_nl(closure_date)} ligt vóór de opnamedatum "
            f"{format_nl(status.admitted_on)}. Kies een afsluitdatum op of na de opname.",
            code="closure_before_admission",
        )
    if reason.needs_police_free_period and closure_date < status.eligible_date:
        period = _months_nl(status.months)
        remaining = _days_nl(status.days_to_go(closure_date))
        raise ValidationError(
            f"Afsluiten met deze reden kan pas vanaf {format_nl(status.eligible_date)}: de "
            f"jongere is dan meer dan {period} niet negatief in beeld bij de politie "
            f"(nog {remaining}).",
            code="closure_before_eligible",
        )


def _months_nl(months: int) -> str:
    return "1 maand" if months == 1 else f"{months} maanden"


def _days_nl(days: int) -> str:
    return "1 dag" if days == 1 else f"{days} dagen"
