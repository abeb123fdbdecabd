"""Which cases and registrations the agenda proposes for a meeting day, from the signals.

The signals (``services.signals.signals_on``, the domain's ``compute_signals``) are the single
source: the agenda never re-implements a rule. As of the meeting day ``D``:

- new registrations: every registration still waiting for a decision on ``D`` (the core team
  decides on admission in this meeting, also when the 14-day signal has not yet fired; when it
  has, its reason is added);
- eligible for closure: the ELIGIBLE_FOR_CLOSURE signals;
- new negative police contact since the last review: the NEW_POLICE_CONTACT signals;
- reviews due or overdue: the REVIEW_OVERDUE signals (planned before ``D``) and the running
  cases whose review is planned on ``D`` itself;
- proposed category changes: no fact in the store says that a case should change category (a
  police note about a rival group is free text, and a coach's wish is not recorded anywhere), so
  this section is filled only by hand, with ``planning.propose_category_change``;
- other items: by hand.

A case is discussed once per meeting, so it gets one item, in the first of its sections in the
fixed order of ``AgendaSection``; the item's text lists the reasons of all its sections.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, or_, select

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.signals import SignalKind
from zvkd_desktop.domain.vocabulary import AgendaSection, Decision
from zvkd_desktop.services.access import MANAGERS, require_role
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.meetings.views import SECTION_ORDER
from zvkd_desktop.services.signals import signals_on
from zvkd_desktop.store.models import Case, Organisation, Registration

__all__ = ["SECTION_OF_SIGNAL", "Proposal", "proposals_on"]

SECTION_OF_SIGNAL = {
    SignalKind.ELIGIBLE_FOR_CLOSURE: AgendaSection.ELIGIBLE_FOR_CLOSURE,
    SignalKind.NEW_POLICE_CONTACT: AgendaSection.NEW_POLICE_CONTACT,
    SignalKind.REVIEW_OVERDUE: AgendaSection.REVIEW_DUE,
}


@dataclass(frozen=True)
class Proposal:
    section: AgendaSection
    case_id: uuid.UUID | None
    registration_id: uuid.UUID | None
    reasons: tuple[str, ...]

    @property
    def subject(self) -> uuid.UUID:
        subject = self.case_id or self.registration_id
        assert subject is not None
        return subject

    @property
    def text(self) -> str:
        return "; ".join(self.reasons)


def proposals_on(ctx: ServiceContext, on: date) -> list[Proposal]:
    """The agenda the signals propose for a meeting on ``on``, in agenda order."""
    require_role(ctx.user, *MANAGERS)
    signals = signals_on(ctx, on)
    with ctx.store.read() as session:
        pending = session.execute(
            select(
                Registration.id,
                Registration.registered_on,
                Registration.is_reregistration,
                Organisation.name,
            )
            .join(Organisation, Organisation.id == Registration.registrant_id)
            .where(
                Registration.deleted_at.is_(None),
                Registration.registered_on <= on,
                or_(
                    Registration.decision == Decision.PENDING,
                    and_(Registration.decided_on.is_not(None), Registration.decided_on > on),
                ),
            )
            .order_by(Registration.registered_on, Registration.id)
        ).all()
        due_today = session.scalars(
            select(Case.id)
            .where(
                Case.deleted_at.is_(None),
                Case.admitted_on <= on,
                or_(Case.closed_on.is_(None), Case.closed_on > on),
                Case.next_review_on == on,
            )
            .order_by(Case.id)
        ).all()

    overdue_registrations = {
        s.registration_id: s.reason for s in signals if s.kind == SignalKind.REGISTRATION_PENDING
    }
    proposals: list[Proposal] = []
    for reg_id, registered_on, again, registrant in pending:
        reasons = [overdue_registrations.get(reg_id, f"Aangemeld op {format_nl(registered_on)}"),
                   f"aanmelder: {registrant}"]  # fmt: skip
        if again:
            reasons.append("opnieuw aangemeld")
        proposals.append(Proposal(AgendaSection.NEW_REGISTRATIONS, None, reg_id, tuple(reasons)))

    sections: dict[uuid.UUID, set[AgendaSection]] = defaultdict(set)
    reasons_of: dict[uuid.UUID, list[tuple[AgendaSection, str]]] = defaultdict(list)
    order: list[uuid.UUID] = []
    for signal in signals:
        section = SECTION_OF_SIGNAL.get(signal.kind)
        if section is None or signal.case_id is None:
            continue
        if signal.case_id not in sections:
            order.append(signal.case_id)
        sections[signal.case_id].add(section)
        reasons_of[signal.case_id].append((section, signal.reason))
    for case_id in due_today:
        if case_id not in sections:
            order.append(case_id)
        sections[case_id].add(AgendaSection.REVIEW_DUE)
        reasons_of[case_id].append((AgendaSection.REVIEW_DUE,
                                    f"Bespreking gepland op {format_nl(on)}"))  # fmt: skip
    by_section: dict[AgendaSection, list[Proposal]] = defaultdict(list)
    for case_id in order:
        first = min(sections[case_id], key=SECTION_ORDER.__getitem__)
        reasons = sorted(reasons_of[case_id], key=lambda pair: SECTION_ORDER[pair[0]])
        by_section[first].append(
            Proposal(first, case_id, None, tuple(reason for _section, reason in reasons))
        )
    for section in AgendaSection:
        proposals.extend(by_section.get(section, ()))
    return proposals
