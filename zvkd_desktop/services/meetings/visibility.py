"""Which meetings, and which of their agenda items, a user who does not see every case may read.

The rule on cases and registrations is ``services.access``'s; this module only applies it to
meetings. A coordinator and a process director see every meeting whole. A coach or a partner
sees a meeting they attend (``MeetingAttendee.user_id``) or one with an item on the agenda about
a case or registration they may see; inside it, the items about cases and registrations they
may not see are left out, so neither a name nor a reason nor a decision of someone else's case
reaches their screen, a printed agenda or the search. Free items (announcements, a theme) have
no youth and stay. A meeting that is not visible is refused with the same words whether it
exists or not.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from zvkd_desktop.errors import PermissionDeniedError
from zvkd_desktop.services.access import case_filter, registration_filter, sees_all_cases
from zvkd_desktop.store.models import AgendaItem, Meeting, MeetingAttendee
from zvkd_desktop.store.store import CurrentUser

__all__ = ["item_filter", "meeting_filter", "require_meeting"]


def item_filter(user: CurrentUser) -> ColumnElement[bool] | None:
    """A WHERE clause on ``AgendaItem``: the items ``user`` may read; None when all of them.

    An item about a case is judged by its case, one about a registration by the registration."""
    if sees_all_cases(user):
        return None
    cases = case_filter(user, AgendaItem.case_id)
    registrations = registration_filter(user, AgendaItem.registration_id)
    assert cases is not None and registrations is not None
    return or_(
        and_(AgendaItem.case_id.is_(None), AgendaItem.registration_id.is_(None)),
        and_(AgendaItem.case_id.is_not(None), cases),
        and_(AgendaItem.case_id.is_(None), registrations),
    )


def meeting_filter(user: CurrentUser) -> ColumnElement[bool] | None:
    """A WHERE clause on ``Meeting``: those ``user`` attends or that discuss (an item still on
    the agenda) a case or registration they may see; None when all of them."""
    items = item_filter(user)
    if items is None:
        return None
    attended = select(MeetingAttendee.meeting_id).where(
        MeetingAttendee.user_id == user.id, MeetingAttendee.deleted_at.is_(None)
    )
    discussed = select(AgendaItem.meeting_id).where(
        AgendaItem.deleted_at.is_(None),
        AgendaItem.removed.is_(False),
        or_(AgendaItem.case_id.is_not(None), AgendaItem.registration_id.is_not(None)),
        items,
    )
    return or_(Meeting.id.in_(attended), Meeting.id.in_(discussed))


def require_meeting(session: Session, user: CurrentUser, meeting_id: uuid.UUID) -> None:
    """Refuse a meeting ``user`` may not read (a manager is never refused here: a missing
    meeting is then told by the caller's own ``live_row``)."""
    visible = meeting_filter(user)
    if visible is None:
        return
    found = session.scalar(
        select(Meeting.id).where(Meeting.id == meeting_id, Meeting.deleted_at.is_(None), visible)
    )
    if found is None:
        raise PermissionDeniedError(
            "U heeft geen toegang tot dit kernteamoverleg: u ziet alleen de overleggen waarbij u "
            "aanwezig was of waarin een casus besproken is waarbij u betrokken bent of was. "
            "Neem contact op met de coördinator als u er wel bij moet kunnen.",
            code="no_access_to_meeting",
        )
