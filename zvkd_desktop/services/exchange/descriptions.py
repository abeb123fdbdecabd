"""What each collection and field of the exchange file means (English, glossary names).

Used for the JSON Schema's descriptions and checked against resources/exchange-format.md, so a
new column cannot enter the format without someone saying what it means.
"""

from __future__ import annotations

SYNC = {
    "id": "Unique id of the row (UUID); other rows refer to it.",
    "created_at": "When the row was created (UTC).",
    "updated_at": "When the row was last changed (UTC).",
    "revision": "Change counter, 1 for a new row, +1 on every change.",
    "device_id": "The installation that last changed the row (UUID), or null.",
    "deleted_at": "When the row was deleted (UTC); null for a live row. Deleted rows are kept "
    "as tombstones so a sync peer learns of the deletion.",
}

COLLECTIONS = {
    "organisations": "Partner organisations: registrants, employers of professionals and attendees.",
    "professionals": "Coaches, process directors and other partner professionals.",
    "households": "Families; siblings in the PAD share a household.",
    "youths": "The young people (12 to 27 at registration). Personal fields are null once erased.",
    "guardians": "Parents and carers of a youth.",
    "registrations": "Requests of a partner to take a youth into the PAD, with the four criteria "
    "and the decision.",
    "cases": "One admitted stay of a youth in the PAD, from admission to closure.",
    "category_periods": "The category of a case from a date on (regular or rival youth).",
    "coach_assignments": "A coach's period on a case; the history of coaches.",
    "reopenings": "A wrongly closed case opened again, with the closure it undid.",
    "plan_versions": "Saved versions of a case's plan (plan van aanpak); never edited in place.",
    "plan_versions.goals": "Goals of a plan version, one life domain each.",
    "plan_versions.goals.actions": "Actions of a goal: what, who, by when, status.",
    "police_contacts": "Police registrations about a youth (suspect, arrest, nuisance, other).",
    "coach_contacts": "Contacts between the coach and the youth of a case.",
    "reviews": "A case discussed in the core team: decisions and the next review date.",
    "reviews.progress": "Progress per life domain noted in a review.",
    "meetings": "Core-team meetings (kernteamoverleg).",
    "meetings.attendees": "Who attended a meeting.",
    "meetings.agenda_items": "Items on a meeting's agenda, in order.",
    "meetings.agenda_items.decisions": "Decisions taken on an agenda item.",
    "meetings.agenda_items.action_items": "Follow-up actions agreed on an agenda item.",
    "settings": "Store-wide settings of the chamber (policy months, review cadence, ...).",
}

FIELDS = {
    "organisation": {
        "name": "Name of the organisation.",
        "kind": "Kind of partner (police, youth probation, Delft Support, school, ...).",
    },
    "professional": {
        "name": "Full name.",
        "role": "Role in the PAD: coach, process director or other.",
        "organisation_id": "The organisation employing them.",
        "active": "False once they no longer work in the PAD (kept for history).",
    },
    "household": {"note": "Free note about the family system."},
    "youth": {
        "first_name": "First name (personal data).",
        "last_name": "Last name (personal data).",
        "date_of_birth": "Date of birth (personal data); ages are computed from it.",
        "birth_year": "Year of birth; kept after erasure for the yearly figures.",
        "gender": "Gender as recorded.",
        "street": "Street (personal data).",
        "house_number": "House number (personal data).",
        "postcode": "Postcode (personal data).",
        "city": "Town or city (personal data).",
        "phone": "Phone number (personal data).",
        "neighbourhood": "Delft neighbourhood code (buitenhof, voorhof, ..., unknown).",
        "household_id": "The household the youth belongs to (siblings share one).",
        "notes": "Free notes (personal data).",
        "pseudonym": "Keyed pseudonym (hex), to recognise a re-registration after erasure; only "
        "meaningful within stores that share the same key.",
        "erased_at": "When the personal data was erased (UTC); null while it is kept.",
    },
    "guardian": {
        "youth_id": "The youth this is a parent or carer of.",
        "name": "Name.",
        "relation": "Relation to the youth (mother, father, carer, ...).",
        "phone": "Phone number.",
        "email": "E-mail address.",
        "address": "Address, when different from the youth's.",
        "note": "Free note.",
    },
    "registration": {
        "youth_id": "The youth registered.",
        "registered_on": "Registration date.",
        "registrant_id": "The registrant (organisation that registered).",
        "registrant_contact": "Contact person at the registrant.",
        "age_at_registration": "Age in completed years on the registration date.",
        "police_contacts": "Criterion 2: police contacts for offences or nuisance registrations.",
        "serious_concerns": "Criterion 2: partners have serious concerns about the youth.",
        "police_or_concerns_note": "Note on criterion 2.",
        "multiple_domains": "Criterion 3: problems on more than one life domain.",
        "multiple_domains_note": "Note on criterion 3.",
        "cross_chain": "Criterion 4: the case needs cooperation across chains.",
        "cross_chain_note": "Note on criterion 4.",
        "age_note": "Note on criterion 1 (age 12 up to 27).",
        "is_reregistration": "True when the youth had an earlier, closed case.",
        "previous_case_id": "For a re-registration: the earlier, closed case.",
        "decision": "pending, admitted or not_admitted.",
        "decided_on": "Date of the decision.",
        "decision_reason": "Written reason; required when deciding against the criteria.",
        "follow_up": "For not admitted: the follow-up agreed with the registrant.",
    },
    "pad_case": {
        "youth_id": "The youth of the case.",
        "registration_id": "The registration that led to the admission.",
        "admitted_on": "Admission date.",
        "category": "Current category: regular or rival_youth.",
        "coach_id": "Current coach (professional).",
        "process_director_id": "Process director (professional).",
        "street_strength": "Takes part in the Straatkracht pilot.",
        "reoffence_advice": "The core team's advice if the youth reoffends.",
        "review_cadence_weeks": "Weeks between reviews.",
        "next_review_on": "Date of the next review.",
        "closed_on": "Closure date; null while the case runs.",
        "closure_reason": "Closure reason (police_free, no_contact_police_free, relocation, "
        "escalated, other).",
        "closure_reason_text": "Text for the reason 'other'.",
        "relocation_municipality": "For relocation: the new municipality.",
        "relocation_informed_on": "For relocation: when that municipality was informed.",
        "transferred": "For relocation: whether the case was transferred.",
        "handover_note": "Handover note at closure.",
    },
    "category_period": {
        "case_id": "The case.",
        "category": "regular or rival_youth.",
        "from_date": "From this date on the case had this category.",
        "note": "Why the category changed.",
    },
    "coach_assignment": {
        "case_id": "The case.",
        "coach_id": "The coach (professional).",
        "from_date": "First day of the period.",
        "until_date": "Last day of the period; null while it lasts.",
    },
    "reopening": {
        "case_id": "The case reopened.",
        "reopened_on": "Date of reopening.",
        "reason": "Why the closure was wrong.",
        "undone_closed_on": "The closure date that was undone.",
        "undone_reason": "The closure reason that was undone.",
        "undone_reason_text": "The closure reason text that was undone.",
    },
    "plan_version": {
        "case_id": "The case the plan belongs to.",
        "number": "Version number within the case (1, 2, ...).",
        "author_name": "Who saved this version.",
        "saved_at": "When this version was saved (UTC).",
        "summary": "What changed in this version.",
    },
    "plan_goal": {
        "position": "Order within the version.",
        "life_domain": "Life domain of the goal.",
        "description": "The goal.",
        "status": "open, in_progress, achieved or not_achieved.",
    },
    "plan_action": {
        "position": "Order within the goal.",
        "description": "What is done.",
        "responsible_partner": "Who does it (partner).",
        "due_on": "Due date.",
        "status": "open, in_progress, done or cancelled.",
    },
    "police_contact": {
        "youth_id": "The youth.",
        "case_id": "The case during which it was recorded, if any.",
        "contact_on": "Date of the contact.",
        "kind": "suspect, arrest, nuisance or other.",
        "negative": "True when negative (counts for the closure rule).",
        "note": "Short note.",
    },
    "coach_contact": {
        "case_id": "The case.",
        "coach_id": "The coach who had the contact.",
        "contact_on": "Date of the contact.",
        "kind": "visit, home_visit, phone, online or not_reached.",
        "note": "Short note.",
    },
    "review": {
        "case_id": "The case reviewed.",
        "meeting_id": "The core-team meeting, if it was discussed in one.",
        "reviewed_on": "Date of the review.",
        "decisions": "Decisions taken.",
        "next_review_on": "Date of the next review.",
    },
    "review_progress": {
        "life_domain": "The life domain.",
        "progress": "Progress on that life domain.",
    },
    "meeting": {
        "held_on": "Date of the meeting.",
        "starts_at": "Start time (local time, uu:mm:ss).",
        "location": "Where.",
        "chair_id": "Who chairs it (professional).",
        "status": "planned, held or cancelled.",
    },
    "meeting_attendee": {
        "organisation_id": "The attendee's organisation.",
        "name": "The attendee's name.",
    },
    "agenda_item": {
        "position": "Order on the agenda.",
        "section": "Agenda section (new_registrations, eligible_for_closure, ...).",
        "case_id": "The case discussed, if any.",
        "registration_id": "The registration discussed, if any.",
        "text": "The item's text.",
        "added_by_hand": "True when added by hand rather than from the signals.",
        "removed": "True when taken off the agenda.",
    },
    "meeting_decision": {
        "kind": "Kind of decision (a code of the meeting screen).",
        "payload": "The decision's details (a JSON object).",
        "applied": "True when the decision was applied to the case.",
        "refusal": "Why it could not be applied, if so.",
    },
    "action_item": {
        "description": "What is to be done.",
        "owner": "Who does it.",
        "due_on": "Due date.",
        "done": "True when done.",
    },
    "setting": {
        "key": "Setting name (policy_months, review_cadence_weeks, ...).",
        "value": "Its value (JSON; a whole number for the known settings).",
    },
}


def describe(table: str, field: str) -> str:
    if field in SYNC:
        return SYNC[field]
    return FIELDS[table][field]
