"""Registrations (aanmeldingen) and the core team's decision on them.

A registration records the four criteria, each with a note, and the age on the registration date.
It stays pending until the core team decides: admitted (which opens the case) or not admitted
(with the follow-up agreed with the registrant). The criteria inform the decision but do not make
it; deciding against them needs a written reason (domain.criteria.check_decision).

A youth who had an earlier, closed case is a *re-registration*, linked to the latest such case.
The earlier case may belong to an older youth record whose name has been erased: the keyed
pseudonym still recognises it. A reopened case is not a re-registration (see cases.reopen_case).
The read views are in registration_views. Registering and deciding are the intake's work: only
a coordinator or process director may do them (``access.MANAGERS``).
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.criteria import CriteriaAssessment, assess_criteria, check_decision
from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.vocabulary import Category, Decision, ProfessionalRole
from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services.access import MANAGERS, require_role
from zvkd_desktop.services.audit import record_row
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.partners import require_professional
from zvkd_desktop.services.settings import get_settings_from_session
from zvkd_desktop.services.validation import clean_text, live_row, not_in_future, require_text
from zvkd_desktop.store.models import (
    Base,
    Case,
    CategoryPeriod,
    CoachAssignment,
    Organisation,
    Registration,
    Youth,
)

__all__ = [
    "assess_registration",
    "decide_admit",
    "decide_not_admit",
    "register",
    "restore_registration",
    "undo_decision",
    "withdraw_registration",
]


# -- rules shared by the services below ----------------------------------------------------------


def _note(value: str | None, field: str) -> str | None:
    return clean_text(value, field=field, label="de toelichting")


def _youth_for_registration(session: Session, youth_id: uuid.UUID) -> Youth:
    youth = live_row(session, Youth, youth_id, "de jongere")
    if youth.erased_at is not None:
        raise ValidationError(
            "De persoonsgegevens van deze jongere zijn gewist na een eerdere casus. Leg de "
            "jongere opnieuw vast als nieuwe jongere: de heraanmelding wordt dan herkend.",
            code="youth_erased",
        )
    if youth.date_of_birth is None:
        raise ValidationError(
            "Van deze jongere is geen geboortedatum bekend. Vul eerst de geboortedatum in: de "
            "leeftijd bij aanmelding is een aanmeldcriterium.",
            code="date_of_birth_required",
        )
    return youth


def assess_registration(youth: Youth, registration: Registration) -> CriteriaAssessment:
    """The criteria of a registration, with the age from the youth's (current) date of birth."""
    assert youth.date_of_birth is not None
    return assess_criteria(
        date_of_birth=youth.date_of_birth,
        registered_on=registration.registered_on,
        police_contacts=registration.police_contacts,
        serious_concerns=registration.serious_concerns,
        multiple_domains=registration.multiple_domains,
        cross_chain=registration.cross_chain,
    )


def _refuse_open_work(
    session: Session, youth_id: uuid.UUID, registration_id: uuid.UUID | None
) -> None:
    """A youth has at most one running case and one pending registration at a time."""
    running = session.scalar(
        select(Case.admitted_on).where(
            Case.youth_id == youth_id, Case.closed_on.is_(None), Case.deleted_at.is_(None)
        )
    )
    if running is not None:
        raise ValidationError(
            f"Deze jongere heeft al een lopende casus (opgenomen op {format_nl(running)}). Sluit "
            "die eerst af, of heropen hem in plaats van opnieuw aan te melden.",
            code="youth_has_running_case",
        )
    query = select(Registration.registered_on).where(
        Registration.youth_id == youth_id,
        Registration.decision == Decision.PENDING,
        Registration.deleted_at.is_(None),
    )
    if registration_id is not None:
        query = query.where(Registration.id != registration_id)
    pending = session.scalar(query)
    if pending is not None:
        raise ValidationError(
            f"Deze jongere heeft al een aanmelding van {format_nl(pending)} die op een besluit "
            "wacht. Neem eerst daarover een besluit, of trek die aanmelding in.",
            code="registration_pending_exists",
        )


def _previous_closed_case(session: Session, youth: Youth) -> tuple[uuid.UUID, dt.date] | None:
    """The latest closed case of this youth, or of an earlier (erased) record of the same person."""
    same_person = Youth.id == youth.id
    if youth.pseudonym is not None:
        same_person = or_(same_person, Youth.pseudonym == youth.pseudonym)
    row = session.execute(
        select(Case.id, Case.closed_on)
        .join(Youth, Youth.id == Case.youth_id)
        .where(same_person, Youth.deleted_at.is_(None))
        .where(Case.closed_on.is_not(None), Case.deleted_at.is_(None))
        .order_by(Case.closed_on.desc(), Case.admitted_on.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row is not None else None


def _pending(session: Session, registration_id: uuid.UUID) -> Registration:
    registration = live_row(session, Registration, registration_id, "de aanmelding")
    if registration.decision != Decision.PENDING:
        raise ValidationError(
            f"Over deze aanmelding is al besloten ({registration.decision.label.lower()} op "
            f"{format_nl(registration.decided_on) if registration.decided_on else '?'}). Maak "
            "dat besluit eerst ongedaan om het te wijzigen.",
            code="registration_decided",
        )
    return registration


_DATE_LABELS = {"decision": "de besluitdatum", "admission": "de opnamedatum"}


def _check_date(day: dt.date, registration: Registration, today: dt.date, what: str) -> None:
    """A decision or admission date lies between the registration and today."""
    label = _DATE_LABELS[what]
    not_in_future(day, today, label=label, code=f"{what}_in_future")
    if day < registration.registered_on:
        raise ValidationError(
            f"{label[0].upper()}{label[1:]} {format_nl(day)} ligt vóór de aanmelddatum "
            f"{format_nl(registration.registered_on)}. Kies een datum op of na de aanmelding.",
            code=f"{what}_before_registration",
        )


# -- services ------------------------------------------------------------------------------------


def register(
    ctx: ServiceContext,
    *,
    youth_id: uuid.UUID,
    registered_on: dt.date,
    registrant_id: uuid.UUID,
    registrant_contact: str | None = None,
    police_contacts: bool,
    serious_concerns: bool,
    police_or_concerns_note: str | None = None,
    multiple_domains: bool,
    multiple_domains_note: str | None = None,
    cross_chain: bool,
    cross_chain_note: str | None = None,
    age_note: str | None = None,
) -> uuid.UUID:
    contact = clean_text(
        registrant_contact,
        field="registrant_contact",
        label="de contactpersoon van de aanmelder",
        max_length=160,
    )
    notes = dict(
        police_or_concerns_note=_note(police_or_concerns_note, "police_or_concerns_note"),
        multiple_domains_note=_note(multiple_domains_note, "multiple_domains_note"),
        cross_chain_note=_note(cross_chain_note, "cross_chain_note"),
        age_note=_note(age_note, "age_note"),
    )
    not_in_future(
        registered_on, ctx.today(), label="de aanmelddatum", code="registration_in_future"
    )
    with ctx.store.transaction() as session:
        require_role(ctx.user, *MANAGERS)
        youth = _youth_for_registration(session, youth_id)
        live_row(session, Organisation, registrant_id, "de aanmelder")
        registration = Registration(
            id=uuid.uuid4(),
            youth_id=youth_id,
            registered_on=registered_on,
            registrant_id=registrant_id,
            registrant_contact=contact,
            police_contacts=police_contacts,
            serious_concerns=serious_concerns,
            multiple_domains=multiple_domains,
            cross_chain=cross_chain,
            decision=Decision.PENDING,
            is_reregistration=False,
            **notes,
        )
        registration.age_at_registration = assess_registration(youth, registration).age
        _refuse_open_work(session, youth_id, None)
        latest = session.scalar(
            select(func.max(Registration.registered_on)).where(
                Registration.youth_id == youth_id, Registration.deleted_at.is_(None)
            )
        )
        previous = _previous_closed_case(session, youth)
        known = [day for day in (latest, previous[1] if previous else None) if day is not None]
        last_known = max(known, default=registered_on)
        if registered_on < last_known:
            raise ValidationError(
                f"De aanmelddatum {format_nl(registered_on)} ligt vóór de vorige aanmelding of "
                f"afsluiting van deze jongere ({format_nl(last_known)}). Controleer de datum.",
                code="registration_before_previous",
            )
        if previous is not None:
            registration.is_reregistration = True
            registration.previous_case_id = previous[0]
        session.add(registration)
        record_row(session, ctx.user, "create", registration)
        return registration.id


def decide_admit(
    ctx: ServiceContext,
    registration_id: uuid.UUID,
    *,
    decided_on: dt.date,
    admitted_on: dt.date | None = None,
    category: Category,
    coach_id: uuid.UUID,
    process_director_id: uuid.UUID | None = None,
    reason: str | None = None,
) -> uuid.UUID:
    """Admit: opens the case with its first category period and coach assignment."""
    reason = clean_text(reason, field="decision_reason", label="de motivering")
    admitted_on = admitted_on or decided_on
    category = Category(category)
    today = ctx.today()
    with ctx.store.transaction() as session:
        require_role(ctx.user, *MANAGERS)
        registration = _pending(session, registration_id)
        _check_date(decided_on, registration, today, "decision")
        _check_date(admitted_on, registration, today, "admission")
        youth = _youth_for_registration(session, registration.youth_id)
        check_decision(assess_registration(youth, registration), admit=True, reason=reason)
        require_professional(session, coach_id, ProfessionalRole.COACH)
        if process_director_id is not None:
            require_professional(session, process_director_id, ProfessionalRole.PROCESS_DIRECTOR)
        _refuse_open_work(session, youth.id, registration_id)
        cadence = get_settings_from_session(session).review_cadence_weeks

        registration.decision = Decision.ADMITTED
        registration.decided_on = decided_on
        registration.decision_reason = reason
        record_row(session, ctx.user, "decide", registration)
        case = Case(
            id=uuid.uuid4(),
            youth_id=youth.id,
            registration_id=registration.id,
            admitted_on=admitted_on,
            category=category,
            coach_id=coach_id,
            process_director_id=process_director_id,
            street_strength=False,
            review_cadence_weeks=cadence,
            next_review_on=admitted_on + dt.timedelta(weeks=cadence),
        )
        session.add(case)
        record_row(session, ctx.user, "create", case, case_id=case.id)
        period = CategoryPeriod(
            id=uuid.uuid4(), case_id=case.id, category=category, from_date=admitted_on
        )
        session.add(period)
        record_row(session, ctx.user, "create", period, case_id=case.id)
        assignment = CoachAssignment(
            id=uuid.uuid4(), case_id=case.id, coach_id=coach_id, from_date=admitted_on
        )
        session.add(assignment)
        record_row(session, ctx.user, "create", assignment, case_id=case.id)
        return case.id


def decide_not_admit(
    ctx: ServiceContext,
    registration_id: uuid.UUID,
    *,
    decided_on: dt.date,
    follow_up: str,
    reason: str | None = None,
) -> None:
    """Not admitted: the follow-up agreed with the registrant is always recorded."""
    follow_up = require_text(
        follow_up, field="follow_up", label="de vervolgafspraak met de aanmelder"
    )
    reason = clean_text(reason, field="decision_reason", label="de motivering")
    with ctx.store.transaction() as session:
        require_role(ctx.user, *MANAGERS)
        registration = _pending(session, registration_id)
        _check_date(decided_on, registration, ctx.today(), "decision")
        youth = _youth_for_registration(session, registration.youth_id)
        check_decision(assess_registration(youth, registration), admit=False, reason=reason)
        registration.decision = Decision.NOT_ADMITTED
        registration.decided_on = decided_on
        registration.decision_reason = reason
        registration.follow_up = follow_up
        record_row(session, ctx.user, "decide", registration)


def _case_is_untouched(session: Session, case: Case) -> bool:
    """Nothing happened on the case since admission: no edit, and no row refers to it."""
    if case.revision != 1 or case.closed_on is not None:
        return False
    opened = {CategoryPeriod.__tablename__, CoachAssignment.__tablename__}
    for model in (CategoryPeriod, CoachAssignment):
        revisions = session.scalars(select(model.revision).where(model.case_id == case.id)).all()
        if revisions != [1]:
            return False
    for table in Base.metadata.sorted_tables:
        if "case_id" not in table.c or table.name in opened or table.name == "audit_entry":
            continue
        query: Select[tuple[int]] = select(func.count()).select_from(table)
        query = query.where(table.c.case_id == case.id)
        if "deleted_at" in table.c:
            query = query.where(table.c.deleted_at.is_(None))
        if session.scalar(query):
            return False
    return True


def undo_decision(ctx: ServiceContext, registration_id: uuid.UUID) -> None:
    """Back to pending (the GUI's undo), only while nothing else has happened since."""
    with ctx.store.transaction() as session:
        require_role(ctx.user, *MANAGERS)
        registration = live_row(session, Registration, registration_id, "de aanmelding")
        if registration.decision == Decision.PENDING:
            raise ValidationError(
                "Over deze aanmelding is nog niet besloten; er is niets ongedaan te maken.",
                code="registration_pending",
            )
        if registration.decision == Decision.ADMITTED:
            case = session.scalars(
                select(Case).where(
                    Case.registration_id == registration_id, Case.deleted_at.is_(None)
                )
            ).first()
            if case is not None and not _case_is_untouched(session, case):
                raise ValidationError(
                    "Het besluit kan niet meer ongedaan worden gemaakt: in de casus is sinds de "
                    "opname al iets vastgelegd of gewijzigd. Sluit de casus af als de opname "
                    "onterecht was.",
                    code="case_has_history",
                )
            if case is not None:
                for row in (*case.category_periods, *case.coach_assignments, case):
                    if row.deleted_at is None:
                        row.tombstone()
                        record_row(session, ctx.user, "delete", row, case_id=case.id)
        else:
            newer = session.scalar(
                select(func.count(Registration.id)).where(
                    Registration.youth_id == registration.youth_id,
                    Registration.id != registration.id,
                    Registration.registered_on >= registration.registered_on,
                    Registration.deleted_at.is_(None),
                )
            )
            if newer:
                raise ValidationError(
                    "Het besluit kan niet meer ongedaan worden gemaakt: de jongere is daarna "
                    "opnieuw aangemeld.",
                    code="newer_registration_exists",
                )
        registration.decision = Decision.PENDING
        registration.decided_on = None
        registration.decision_reason = None
        registration.follow_up = None
        record_row(session, ctx.user, "undo_decision", registration)


def withdraw_registration(ctx: ServiceContext, registration_id: uuid.UUID) -> None:
    """The registrant withdraws (or it was entered by mistake): only while pending."""
    with ctx.store.transaction() as session:
        require_role(ctx.user, *MANAGERS)
        registration = _pending(session, registration_id)
        registration.tombstone()
        record_row(session, ctx.user, "delete", registration)


def restore_registration(ctx: ServiceContext, registration_id: uuid.UUID) -> None:
    """The inverse of :func:`withdraw_registration`, when the youth has no open work since."""
    with ctx.store.transaction() as session:
        require_role(ctx.user, *MANAGERS)
        registration = session.get(Registration, registration_id)
        if registration is None or registration.deleted_at is None:
            raise ValidationError(
                "Deze aanmelding is niet ingetrokken.", code="registration_not_withdrawn"
            )
        youth = session.get(Youth, registration.youth_id)
        if youth is not None and youth.erased_at is not None:
            raise ValidationError(
                "De persoonsgegevens van deze jongere zijn al gewist; deze aanmelding kan niet "
                "terugkomen. Maak een nieuwe aanmelding.",
                code="youth_erased",
            )
        _refuse_open_work(session, registration.youth_id, registration_id)
        registration.deleted_at = None
        record_row(session, ctx.user, "restore", registration)
