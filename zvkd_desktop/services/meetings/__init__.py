"""The core-team meeting (kernteamoverleg): planning, the agenda, decisions and history.

- ``planning``: plan a meeting (date, time, place, chair, attendees), finish, cancel, remove;
- ``agenda``: propose the agenda from the signals, re-propose it, add, remove and reorder items;
- ``decisions``: take the decisions on an item and apply them through the casework services;
- ``actions``: the action items agreed on an item;
- ``views`` / ``summary`` / ``history``: what the screens and the printed papers read;
- ``naming``: what a printed paper may show of a youth's name (a setting);
- ``visibility``: need-to-know. Every change (and the agenda proposal) is for a coordinator or
  process director (``access.MANAGERS``); a coach or partner reads only the meetings they attend
  or that discussed a case or registration they may see, and only those items of them.
"""

from zvkd_desktop.services.meetings.actions import (
    add_action_item,
    remove_action_item,
    restore_action_item,
    set_action_done,
)
from zvkd_desktop.services.meetings.agenda import (
    ProposalResult,
    add_case_item,
    add_text_item,
    move_item,
    propose_agenda,
    propose_category_change,
    remove_item,
    restore_item,
)
from zvkd_desktop.services.meetings.decisions import (
    Admission,
    Closure,
    ItemDecisions,
    take_decisions,
)
from zvkd_desktop.services.meetings.history import (
    CaseMeetingRow,
    MeetingRow,
    list_meetings,
    meetings_for_case,
)
from zvkd_desktop.services.meetings.kinds import DecisionKind
from zvkd_desktop.services.meetings.naming import (
    AgendaShows,
    get_agenda_shows,
    print_name,
    set_agenda_shows,
)
from zvkd_desktop.services.meetings.planning import (
    AttendeeInput,
    cancel_meeting,
    finish_meeting,
    plan_meeting,
    remove_meeting,
    reopen_meeting,
    restore_meeting,
    update_meeting,
)
from zvkd_desktop.services.meetings.proposal import Proposal, proposals_on
from zvkd_desktop.services.meetings.views import (
    ActionItemView,
    AgendaItemView,
    AttendeeView,
    DecisionView,
    MeetingView,
    get_meeting,
)
from zvkd_desktop.services.meetings.withdrawal import withdraw_decisions

__all__ = [
    "ActionItemView",
    "Admission",
    "AgendaItemView",
    "AgendaShows",
    "AttendeeInput",
    "AttendeeView",
    "CaseMeetingRow",
    "Closure",
    "DecisionKind",
    "DecisionView",
    "ItemDecisions",
    "MeetingRow",
    "MeetingView",
    "Proposal",
    "ProposalResult",
    "add_action_item",
    "add_case_item",
    "add_text_item",
    "cancel_meeting",
    "finish_meeting",
    "get_agenda_shows",
    "get_meeting",
    "list_meetings",
    "meetings_for_case",
    "move_item",
    "plan_meeting",
    "print_name",
    "propose_agenda",
    "propose_category_change",
    "proposals_on",
    "remove_action_item",
    "remove_item",
    "remove_meeting",
    "reopen_meeting",
    "restore_action_item",
    "restore_item",
    "restore_meeting",
    "set_action_done",
    "set_agenda_shows",
    "take_decisions",
    "update_meeting",
    "withdraw_decisions",
]
