"""A running case: category moves, coach history, process director, Straatkracht, reoffence
advice, review cadence — and its closure and reopening.

History is kept, never overwritten: a category move adds a dated ``CategoryPeriod``, a coach
change ends the open ``CoachAssignment`` and opens a new one. Periods are inclusive on both ends
and never overlap: when a new coach starts on D, the previous one's ``until_date`` is D - 1, so
every day of the case has exactly one coach (the contacts service reads it that way).

Closure follows the closure rule in domain.closure_rule: closing with a police-free reason is
refused before the eligible date E, other reasons are allowed on any day of the case. Closure is
always a person's decision; :func:`closure_preview` only proposes. A reopened case records the
closure it undid (``Reopening``) and is counted apart from re-registrations.

Access: every change needs a role that may write and a case the user may see (a coach: their
own); changing the coach or the process director is for a coordinator or process director.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.closure_rule import (
    ClosureStatus,
    check_closure,
    closure_status,
    negative_dates,
)
from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.vocabulary import Category, ClosureReason, ProfessionalRole
from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services.access import MANAGERS, require_case, require_case_write, require_role
from zvkd_desktop.services.audit import record_row
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.partners import require_professional
from zvkd_desktop.services.settings import checked_setting, get_settings_from_session
from zvkd_desktop.services.validation import clean_text, live_row, not_in_future, require_text
from zvkd_desktop.store.models import (
    Case,
    CategoryPeriod,
    CoachAssignment,
    PoliceContact,
    Registration,
    Reopening,
    Youth,
)

__all__ = [
    "change_category",
    "change_coach",
    "close_case",
    "closure_preview",
    "closure_status_of",
    "reopen_case",
    "set_next_review",
    "set_process_director",
    "set_reoffence_advice",
    "set_review_cadence",
    "set_street_strength",
    "undo_category_change",
    "undo_close_case",
    "undo_coach_change",
]

_DAY = dt.timedelta(days=1)
HistoryRow = TypeVar("HistoryRow", CategoryPeriod, CoachAssignment)


def _running(session: Session, case_id: uuid.UUID) -> Case:
    case = live_row(session, Case, case_id, "de casus")
    if case.closed_on is not None:
        raise ValidationError(
            f"Deze casus is afgesloten op {format_nl(case.closed_on)}. Heropen de casus eerst "
            "als er nog iets moet worden vastgelegd.",
            code="case_closed",
        )
    return case


def _live(rows: list[HistoryRow]) -> list[HistoryRow]:
    return [row for row in rows if row.deleted_at is None]


def _not_before_admission(case: Case, day: dt.date, label: str, code: str) -> None:
    if day < case.admitted_on:
        raise ValidationError(
            f"{label[0].upper()}{label[1:]} {format_nl(day)} ligt vóór de opname op "
            f"{format_nl(case.admitted_on)}. Kies een datum op of na de opname.",
            code=code,
        )


def _update(session: Session, ctx: ServiceContext, case: Case) -> None:
    if session.is_modified(case):
        record_row(session, ctx.user, "update", case, case_id=case.id)


# -- category ------------------------------------------------------------------------------------


def change_category(
    ctx: ServiceContext,
    case_id: uuid.UUID,
    category: Category,
    from_date: dt.date,
    note: str | None = None,
) -> uuid.UUID:
    """Move the case to the other category from ``from_date`` on; returns the new period's id.

    A move on the same day as the previous one (or as the admission) is refused too: two periods
    starting on one day would leave that day's category undefined. A wrong move is undone with
    :func:`undo_category_change`; a wrong category at admission with ``undo_decision``.
    """
    category = Category(category)
    note = clean_text(note, field="category_note", label="de toelichting")
    not_in_future(from_date, ctx.today(), label="de ingangsdatum", code="date_in_future")
    with ctx.store.transaction() as session:
        require_case_write(session, ctx.user, case_id)
        case = _running(session, case_id)
        _not_before_admission(case, from_date, "de ingangsdatum", "category_before_admission")
        periods = _live(case.category_periods)
        current = periods[-1].category if periods else case.category
        if category == current:
            raise ValidationError(
                f"De casus valt al in de categorie {category.label}.", code="same_category"
            )
        if periods and from_date <= periods[-1].from_date:
            raise ValidationError(
                f"De ingangsdatum {format_nl(from_date)} moet na de vorige wijziging van de "
                f"categorie liggen ({format_nl(periods[-1].from_date)}).",
                code="category_before_last_change",
            )
        period = CategoryPeriod(
            id=uuid.uuid4(), case_id=case.id, category=category, from_date=from_date, note=note
        )
        session.add(period)
        record_row(session, ctx.user, "create", period, case_id=case.id)
        case.category = category  # the dates are never in the future: it holds as of today
        _update(session, ctx, case)
        return period.id


def undo_category_change(ctx: ServiceContext, case_id: uuid.UUID) -> None:
    """Remove the latest category move (the inverse of :func:`change_category`)."""
    with ctx.store.transaction() as session:
        require_case_write(session, ctx.user, case_id)
        case = _running(session, case_id)
        periods = _live(case.category_periods)
        if len(periods) < 2:
            raise ValidationError(
                "De categorie is sinds de opname niet gewijzigd; er is niets ongedaan te maken.",
                code="nothing_to_undo",
            )
        periods[-1].tombstone()
        record_row(session, ctx.user, "delete", periods[-1], case_id=case.id)
        case.category = periods[-2].category
        _update(session, ctx, case)


# -- people on the case --------------------------------------------------------------------------


def change_coach(
    ctx: ServiceContext, case_id: uuid.UUID, coach_id: uuid.UUID, from_date: dt.date
) -> uuid.UUID:
    """A new coach from ``from_date``; the previous coach's period ends the day before."""
    not_in_future(from_date, ctx.today(), label="de ingangsdatum", code="date_in_future")
    with ctx.store.transaction() as session:
        require_role(ctx.user, *MANAGERS)
        require_case_write(session, ctx.user, case_id)
        case = _running(session, case_id)
        _not_before_admission(case, from_date, "de ingangsdatum", "coach_before_admission")
        if coach_id == case.coach_id:
            raise ValidationError("Deze coach is al de coach van de casus.", code="same_coach")
        coach = require_professional(session, coach_id, ProfessionalRole.COACH)
        open_periods = [a for a in _live(case.coach_assignments) if a.until_date is None]
        for current in open_periods:
            if from_date <= current.from_date:
                raise ValidationError(
                    f"De ingangsdatum {format_nl(from_date)} moet na de start van de huidige "
                    f"coach liggen ({format_nl(current.from_date)}).",
                    code="coach_before_last_change",
                )
        for current in open_periods:
            current.until_date = from_date - _DAY
            record_row(session, ctx.user, "update", current, case_id=case.id)
        assignment = CoachAssignment(
            id=uuid.uuid4(), case_id=case.id, coach_id=coach.id, from_date=from_date
        )
        session.add(assignment)
        record_row(session, ctx.user, "create", assignment, case_id=case.id)
        case.coach_id = coach.id
        _update(session, ctx, case)
        return assignment.id


def undo_coach_change(ctx: ServiceContext, case_id: uuid.UUID) -> None:
    """Remove the latest coach change and reopen the previous coach's period."""
    with ctx.store.transaction() as session:
        require_role(ctx.user, *MANAGERS)
        require_case_write(session, ctx.user, case_id)
        case = _running(session, case_id)
        assignments = _live(case.coach_assignments)
        if len(assignments) < 2:
            raise ValidationError(
                "De coach is sinds de opname niet gewisseld; er is niets ongedaan te maken.",
                code="nothing_to_undo",
            )
        latest, previous = assignments[-1], assignments[-2]
        latest.tombstone()
        record_row(session, ctx.user, "delete", latest, case_id=case.id)
        previous.until_date = None
        record_row(session, ctx.user, "update", previous, case_id=case.id)
        case.coach_id = previous.coach_id
        _update(session, ctx, case)


def set_process_director(
    ctx: ServiceContext, case_id: uuid.UUID, director_id: uuid.UUID | None
) -> None:
    """Set (or, with ``None``, clear) the case's process director."""
    with ctx.store.transaction() as session:
        require_role(ctx.user, *MANAGERS)
        require_case_write(session, ctx.user, case_id)
        case = _running(session, case_id)
        if director_id is not None and director_id != case.process_director_id:
            require_professional(session, director_id, ProfessionalRole.PROCESS_DIRECTOR)
        case.process_director_id = director_id
        _update(session, ctx, case)


def set_street_strength(ctx: ServiceContext, case_id: uuid.UUID, flag: bool) -> None:
    """Whether the case takes part in the Straatkracht pilot."""
    with ctx.store.transaction() as session:
        require_case_write(session, ctx.user, case_id)
        case = _running(session, case_id)
        case.street_strength = bool(flag)
        _update(session, ctx, case)


def set_reoffence_advice(ctx: ServiceContext, case_id: uuid.UUID, text: str | None) -> None:
    """What the core team finds fitting if the youth reoffends (blank clears it)."""
    advice = clean_text(text, field="reoffence_advice", label="het advies bij recidive")
    with ctx.store.transaction() as session:
        require_case_write(session, ctx.user, case_id)
        case = _running(session, case_id)
        case.reoffence_advice = advice
        _update(session, ctx, case)


def set_review_cadence(ctx: ServiceContext, case_id: uuid.UUID, weeks: int) -> None:
    """This case's own cadence (same range as the setting); the next review date stays."""
    weeks = checked_setting("review_cadence_weeks", weeks)
    with ctx.store.transaction() as session:
        require_case_write(session, ctx.user, case_id)
        case = _running(session, case_id)
        case.review_cadence_weeks = weeks
        _update(session, ctx, case)


def set_next_review(ctx: ServiceContext, case_id: uuid.UUID, on: dt.date) -> None:
    with ctx.store.transaction() as session:
        require_case_write(session, ctx.user, case_id)
        case = _running(session, case_id)
        _not_before_admission(case, on, "de volgende bespreking", "review_before_admission")
        case.next_review_on = on
        _update(session, ctx, case)


# -- closure -------------------------------------------------------------------------------------


def _status(session: Session, case: Case, on: dt.date) -> ClosureStatus:
    """The closure rule for this case as known on ``on`` (the youth's contacts up to that day)."""
    contacts = session.execute(
        select(PoliceContact.contact_on, PoliceContact.negative).where(
            PoliceContact.youth_id == case.youth_id,
            PoliceContact.deleted_at.is_(None),
            PoliceContact.contact_on <= on,
        )
    ).all()
    months = get_settings_from_session(session).policy_months
    return closure_status(
        case.admitted_on, negative_dates((d, bool(n)) for d, n in contacts), on=on, months=months
    )


def closure_status_of(ctx: ServiceContext, case_id: uuid.UUID, on: dt.date) -> ClosureStatus:
    with ctx.store.read() as session:
        require_case(session, ctx.user, case_id)
        return _status(session, live_row(session, Case, case_id, "de casus"), on)


def closure_preview(
    ctx: ServiceContext, case_id: uuid.UUID, on: dt.date
) -> tuple[ClosureStatus, list[ClosureReason]]:
    """For the close dialog: R and E on ``on``, and the reasons the rule allows on that day."""
    with ctx.store.read() as session:
        require_case(session, ctx.user, case_id)
        case = live_row(session, Case, case_id, "de casus")
        status = _status(session, case, on)
    allowed = []
    for reason in ClosureReason:
        try:
            check_closure(reason, on, status)
        except ValidationError:
            continue
        allowed.append(reason)
    return status, allowed


def _relocation(
    reason: ClosureReason,
    municipality: str | None,
    informed_on: dt.date | None,
    transferred: bool | None,
    today: dt.date,
) -> tuple[str | None, dt.date | None, bool | None]:
    """Relocation details: all three required for a relocation, none for any other reason."""
    if reason != ClosureReason.RELOCATION:
        if (municipality or "").strip() or informed_on is not None or transferred is not None:
            raise ValidationError(
                "Gemeente, datum van informeren en overdracht horen alleen bij de reden "
                "verhuizing. Laat ze leeg of kies die reden.",
                code="relocation_details_without_relocation",
            )
        return None, None, None
    place = require_text(
        municipality,
        field="relocation_municipality",
        label="de gemeente waarheen de jongere verhuist",
        max_length=80,
    )
    if informed_on is None:
        raise ValidationError(
            "Vul in op welke datum de nieuwe gemeente is geïnformeerd.",
            code="relocation_informed_on_required",
        )
    not_in_future(informed_on, today, label="de datum van informeren", code="date_in_future")
    if transferred is None:
        raise ValidationError(
            "Geef aan of de casus is overgedragen aan de nieuwe gemeente.",
            code="transferred_required",
        )
    return place, informed_on, transferred


def close_case(
    ctx: ServiceContext,
    case_id: uuid.UUID,
    *,
    closed_on: dt.date,
    reason: ClosureReason,
    reason_text: str | None = None,
    relocation_municipality: str | None = None,
    relocation_informed_on: dt.date | None = None,
    transferred: bool | None = None,
    handover_note: str | None = None,
) -> None:
    reason = ClosureReason(reason)
    today = ctx.today()
    text = clean_text(
        reason_text,
        field="closure_reason_text",
        label="de reden van afsluiten",
        required=reason == ClosureReason.OTHER,
    )
    handover = clean_text(handover_note, field="handover_note", label="de overdrachtsnotitie")
    place, informed_on, moved_on = _relocation(
        reason, relocation_municipality, relocation_informed_on, transferred, today
    )
    not_in_future(closed_on, today, label="de afsluitdatum", code="closure_in_future")
    with ctx.store.transaction() as session:
        require_case_write(session, ctx.user, case_id)
        case = live_row(session, Case, case_id, "de casus")
        if case.closed_on is not None:
            raise ValidationError(
                f"Deze casus is al afgesloten op {format_nl(case.closed_on)}.",
                code="case_already_closed",
            )
        check_closure(reason, closed_on, _status(session, case, closed_on))
        last_change = max(
            (p.from_date for p in (*_live(case.category_periods), *_live(case.coach_assignments))),
            default=case.admitted_on,
        )
        if closed_on < last_change:
            raise ValidationError(
                f"De afsluitdatum {format_nl(closed_on)} ligt vóór de laatste wijziging van "
                f"categorie of coach ({format_nl(last_change)}). Kies een latere datum.",
                code="closure_before_last_change",
            )
        case.closed_on = closed_on
        case.closure_reason = reason
        case.closure_reason_text = text
        case.relocation_municipality = place
        case.relocation_informed_on = informed_on
        case.transferred = moved_on
        case.handover_note = handover
        record_row(session, ctx.user, "close", case, case_id=case.id)


def _refuse_erased_youth(session: Session, youth_id: uuid.UUID) -> None:
    youth = session.get(Youth, youth_id)
    if youth is not None and youth.erased_at is not None:
        raise ValidationError(
            "De persoonsgegevens van deze jongere zijn al gewist, dus deze casus kan niet meer "
            "heropend worden. Meld de jongere opnieuw aan: dat wordt herkend als heraanmelding.",
            code="youth_erased",
        )


def reopen_case(
    ctx: ServiceContext, case_id: uuid.UUID, *, reopened_on: dt.date, reason: str
) -> uuid.UUID:
    """Undo a wrong closure: the case runs on as before; the undone closure is kept apart.

    Refused once the youth has been registered again after the closure: from then on the new
    registration is the way back in, and reopening would give the youth two cases at once.
    """
    reason_text = require_text(reason, field="reopen_reason", label="de reden van heropenen")
    not_in_future(reopened_on, ctx.today(), label="de datum van heropenen", code="date_in_future")
    with ctx.store.transaction() as session:
        require_case_write(session, ctx.user, case_id)
        case = live_row(session, Case, case_id, "de casus")
        if case.closed_on is None or case.closure_reason is None:
            raise ValidationError("Deze casus is niet afgesloten.", code="case_not_closed")
        _refuse_erased_youth(session, case.youth_id)
        if reopened_on < case.closed_on:
            raise ValidationError(
                f"De datum van heropenen {format_nl(reopened_on)} ligt vóór de afsluiting op "
                f"{format_nl(case.closed_on)}.",
                code="reopen_before_closure",
            )
        _refuse_registered_again(session, case)
        reopening = Reopening(
            id=uuid.uuid4(),
            case_id=case.id,
            reopened_on=reopened_on,
            reason=reason_text,
            undone_closed_on=case.closed_on,
            undone_reason=case.closure_reason,
            undone_reason_text=case.closure_reason_text,
        )
        session.add(reopening)
        record_row(session, ctx.user, "create", reopening, case_id=case.id)
        case.closed_on = None
        case.closure_reason = None
        case.closure_reason_text = None
        case.relocation_municipality = None
        case.relocation_informed_on = None
        case.transferred = None
        case.handover_note = None
        record_row(session, ctx.user, "reopen", case, case_id=case.id)
        return reopening.id


def _refuse_registered_again(session: Session, case: Case) -> None:
    assert case.closed_on is not None
    later = session.scalar(
        select(Registration.registered_on).where(
            Registration.deleted_at.is_(None),
            or_(
                Registration.previous_case_id == case.id,
                (Registration.youth_id == case.youth_id)
                & (Registration.registered_on >= case.closed_on)
                & (Registration.id != case.registration_id),
            ),
        )
    )
    if later is not None:
        raise ValidationError(
            f"De jongere is na de afsluiting opnieuw aangemeld ({format_nl(later)}). Werk "
            "verder vanuit die nieuwe aanmelding in plaats van deze casus te heropenen.",
            code="youth_registered_again",
        )


def undo_close_case(ctx: ServiceContext, case_id: uuid.UUID) -> None:
    """The inverse of :func:`close_case` for the undo stack: the closure never happened.

    Unlike a reopening this leaves no trace in the figures (the case simply runs on), so it is
    only allowed while nothing has happened since: the youth not registered again, not erased.
    The audit log keeps both the closure and its undoing.
    """
    with ctx.store.transaction() as session:
        require_case_write(session, ctx.user, case_id)
        case = live_row(session, Case, case_id, "de casus")
        if case.closed_on is None:
            raise ValidationError("Deze casus is niet afgesloten.", code="case_not_closed")
        _refuse_erased_youth(session, case.youth_id)
        _refuse_registered_again(session, case)
        case.closed_on = None
        case.closure_reason = None
        case.closure_reason_text = None
        case.relocation_municipality = None
        case.relocation_informed_on = None
        case.transferred = None
        case.handover_note = None
        record_row(session, ctx.user, "undo_close", case, case_id=case.id)
