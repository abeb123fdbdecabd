"""Need-to-know: the one place that decides which cases, registrations and youths a user sees.

The roles (``UserRole``):

- coordinator and process director see every case, registration and youth;
- a coach sees the cases they are or were the coach of: a live ``CoachAssignment`` with their
  ``professional_id`` (or, for a case without coach history, ``Case.coach_id``). A coach who
  handed a case over still sees it: their notes and contacts are part of it. A coach user without
  a professional sees nothing;
- a partner (read-only) sees the cases and registrations on the agenda of core-team meetings
  they are an attendee of (``MeetingAttendee.user_id``), as long as the meeting is not cancelled
  or removed and the item was not taken off the agenda. Planned meetings count: an attendee
  prepares the cases before the meeting.

Registrations: a coach sees those of the youths of their cases; a partner those on their
meetings' agenda and those their visible cases came from. A youth is visible with any visible
case or registration of theirs. Any other role sees nothing (fail closed).

Every rule is a SQL subquery (``case_filter`` and friends), so a list applies it inside its own
set-based query — at 100 000 cases one ``IN (SELECT ...)``, never a check per row. Single reads
and writes call ``require_case`` (or ``require_youth``, ``require_registration``) before they
touch the row, so a refusal never says whether the row exists.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, Select, false, select, union
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import CompoundSelect

from zvkd_desktop.domain.vocabulary import MeetingStatus, UserRole
from zvkd_desktop.errors import PermissionDeniedError
from zvkd_desktop.store.models import (
    AgendaItem,
    Case,
    CoachAssignment,
    Meeting,
    MeetingAttendee,
    Registration,
    Youth,
)
from zvkd_desktop.store.store import CurrentUser

__all__ = [
    "ALL_CASES_ROLES",
    "MANAGERS",
    "can_see_case",
    "can_see_registration",
    "can_see_youth",
    "case_filter",
    "registration_filter",
    "require_case",
    "require_case_write",
    "require_registration",
    "require_role",
    "require_write",
    "require_youth",
    "require_youth_write",
    "sees_all_cases",
    "visible_case_ids",
    "youth_filter",
    "youth_ids_filter",
]

ALL_CASES_ROLES = frozenset({UserRole.COORDINATOR, UserRole.PROCESS_DIRECTOR})
"""Roles that see every case (and so every registration and youth)."""

MANAGERS = (UserRole.COORDINATOR, UserRole.PROCESS_DIRECTOR)
"""Roles that run the intake, the meetings, coach transfers and the partner lists."""

IdQuery = Select[Any] | CompoundSelect
_ROLE_NAMES = {
    UserRole.COORDINATOR: "coördinator",
    UserRole.PROCESS_DIRECTOR: "procesregisseur",
    UserRole.COACH: "PAD-coach",
    UserRole.PARTNER: "partner",
}


def sees_all_cases(user: CurrentUser) -> bool:
    return user.role in ALL_CASES_ROLES


# -- the rules as subqueries ---------------------------------------------------------------------


def _attended_meetings(user: CurrentUser) -> Select[Any]:
    return (
        select(MeetingAttendee.meeting_id)
        .join(Meeting, Meeting.id == MeetingAttendee.meeting_id)
        .where(
            MeetingAttendee.user_id == user.id,
            MeetingAttendee.deleted_at.is_(None),
            Meeting.deleted_at.is_(None),
            Meeting.status != MeetingStatus.CANCELLED,
        )
    )


def _agenda(user: CurrentUser, column: Any) -> Select[Any]:
    """``column`` of the live agenda items of the meetings the partner attends."""
    return select(column).where(
        AgendaItem.meeting_id.in_(_attended_meetings(user)),
        AgendaItem.deleted_at.is_(None),
        AgendaItem.removed.is_(False),
        column.is_not(None),
    )


def _case_ids(user: CurrentUser) -> IdQuery | None:
    """The ids of the cases ``user`` may see; None when they see all."""
    if user.role in ALL_CASES_ROLES:
        return None
    if user.role == UserRole.COACH and user.professional_id is not None:
        coach = user.professional_id
        return union(
            select(CoachAssignment.case_id).where(
                CoachAssignment.coach_id == coach, CoachAssignment.deleted_at.is_(None)
            ),
            select(Case.id).where(Case.coach_id == coach),
        )
    if user.role == UserRole.PARTNER:
        return _agenda(user, AgendaItem.case_id)
    return select(Case.id).where(false())


def _registration_ids(user: CurrentUser) -> IdQuery | None:
    cases = _case_ids(user)
    if cases is None:
        return None
    if user.role == UserRole.PARTNER:
        return union(
            _agenda(user, AgendaItem.registration_id),
            select(Case.registration_id).where(Case.id.in_(cases)),
        )
    return select(Registration.id).where(
        Registration.youth_id.in_(select(Case.youth_id).where(Case.id.in_(cases)))
    )


def _youth_ids(user: CurrentUser) -> IdQuery | None:
    cases = _case_ids(user)
    if cases is None:
        return None
    of_cases = select(Case.youth_id).where(Case.id.in_(cases))
    if user.role == UserRole.PARTNER:
        registrations = _registration_ids(user)
        assert registrations is not None
        return union(
            of_cases, select(Registration.youth_id).where(Registration.id.in_(registrations))
        )
    return of_cases


def case_filter(user: CurrentUser, column: Any = Case.id) -> ColumnElement[bool] | None:
    """A WHERE clause limiting ``column`` (a case id: ``Case.id``, ``CoachContact.case_id`` ...)
    to the cases ``user`` may see; None when they see all (add no clause then)."""
    ids = _case_ids(user)
    return None if ids is None else column.in_(ids)


def registration_filter(
    user: CurrentUser, column: Any = Registration.id
) -> ColumnElement[bool] | None:
    """Like :func:`case_filter`, for a registration id column."""
    ids = _registration_ids(user)
    return None if ids is None else column.in_(ids)


def youth_filter(user: CurrentUser, column: Any = Youth.id) -> ColumnElement[bool] | None:
    """Like :func:`case_filter`, for a youth id column."""
    ids = _youth_ids(user)
    return None if ids is None else column.in_(ids)


def youth_ids_filter(user: CurrentUser) -> IdQuery | None:
    """The visible youth ids as a subquery (for ``column.in_(...)`` in a caller's own query)."""
    return _youth_ids(user)


# -- single checks -------------------------------------------------------------------------------


def visible_case_ids(session: Session, user: CurrentUser) -> set[uuid.UUID] | None:
    """The ids of the cases ``user`` may see (removed ones included); None means all of them."""
    ids = _case_ids(user)
    if ids is None:
        return None
    return set(session.scalars(select(Case.id).where(Case.id.in_(ids))))


def _visible(session: Session, ids: IdQuery | None, column: Any, row_id: uuid.UUID) -> bool:
    if ids is None:
        return True
    return session.scalar(select(column).where(column == row_id, column.in_(ids))) is not None


def can_see_case(session: Session, user: CurrentUser, case_id: uuid.UUID) -> bool:
    return _visible(session, _case_ids(user), Case.id, case_id)


def can_see_registration(session: Session, user: CurrentUser, registration_id: uuid.UUID) -> bool:
    return _visible(session, _registration_ids(user), Registration.id, registration_id)


def can_see_youth(session: Session, user: CurrentUser, youth_id: uuid.UUID) -> bool:
    return _visible(session, _youth_ids(user), Youth.id, youth_id)


_ASK = "Neem contact op met de coördinator als u er wel bij moet kunnen."


def require_case(session: Session, user: CurrentUser, case_id: uuid.UUID) -> None:
    """Refuse a case the user may not see, with the same words whether it exists or not."""
    if not can_see_case(session, user, case_id):
        raise PermissionDeniedError(
            "U heeft geen toegang tot deze casus: u ziet alleen de casussen waarbij u betrokken "
            f"bent of was. {_ASK}",
            code="no_access_to_case",
        )


def require_registration(session: Session, user: CurrentUser, registration_id: uuid.UUID) -> None:
    if not can_see_registration(session, user, registration_id):
        raise PermissionDeniedError(
            "U heeft geen toegang tot deze aanmelding: u ziet alleen de aanmeldingen van "
            f"jongeren waarbij u betrokken bent of was. {_ASK}",
            code="no_access_to_registration",
        )


def require_youth(session: Session, user: CurrentUser, youth_id: uuid.UUID) -> None:
    if not can_see_youth(session, user, youth_id):
        raise PermissionDeniedError(
            "U heeft geen toegang tot de gegevens van deze jongere: u ziet alleen de jongeren "
            f"waarbij u betrokken bent of was. {_ASK}",
            code="no_access_to_youth",
        )


def require_write(user: CurrentUser) -> None:
    """Refuse any change by a read-only role (a partner, or a role this version does not know)."""
    if user.role not in (UserRole.COORDINATOR, UserRole.PROCESS_DIRECTOR, UserRole.COACH):
        raise PermissionDeniedError(
            "U heeft alleen leesrechten: u kunt gegevens inzien, maar niets vastleggen of "
            "wijzigen. Vraag de PAD-coach, procesregisseur of coördinator om de wijziging.",
            code="read_only_role",
        )


def require_role(user: CurrentUser, *roles: UserRole) -> None:
    """Refuse unless the user has one of ``roles`` (coordinator-only work, meetings, intake)."""
    if user.role in roles:
        return
    names = [_ROLE_NAMES.get(role, role.value) for role in roles]
    who = " of ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    raise PermissionDeniedError(
        f"Dit kan alleen een {who}. U bent aangemeld als "
        f"{_ROLE_NAMES.get(user.role, user.role.value)}.",
        code="role_not_allowed",
    )


def require_case_write(session: Session, user: CurrentUser, case_id: uuid.UUID) -> None:
    """A change to a case: a role that may write, on a case it may see."""
    require_write(user)
    require_case(session, user, case_id)


def require_youth_write(session: Session, user: CurrentUser, youth_id: uuid.UUID) -> None:
    require_write(user)
    require_youth(session, user, youth_id)
