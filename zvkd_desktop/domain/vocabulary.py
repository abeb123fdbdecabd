"""The fixed vocabularies of the PAD, with English code values and Dutch UI labels.

Values are stored in the database and in the exchange file, so they never change; labels are the
Dutch source strings the UI passes through Qt's translation functions.
"""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A StrEnum whose members carry a Dutch label."""

    label: str

    def __new__(cls, value: str, label: str) -> Labelled:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class Category(Labelled):
    REGULAR = "regular", "Regulier"
    RIVAL_YOUTH = "rival_youth", "Rivaliserende jeugd"


class Decision(Labelled):
    PENDING = "pending", "Nog geen besluit"
    ADMITTED = "admitted", "Opgenomen"
    NOT_ADMITTED = "not_admitted", "Niet opgenomen"


class LifeDomain(Labelled):
    EDUCATION_WORK = "education_work", "Onderwijs en werk"
    HOUSING = "housing", "Huisvesting"
    INCOME_DEBT = "income_debt", "Inkomen en schulden"
    HEALTH = "health", "Gezondheid (ook psychisch en verslaving)"
    FAMILY = "family", "Gezin"
    FRIENDS_LEISURE = "friends_leisure", "Vrienden en vrije tijd"
    JUSTICE = "justice", "Justitie"
    ONLINE_LIFE = "online_life", "Online leefwereld"


class PoliceContactKind(Labelled):
    SUSPECT = "suspect", "Verdachte van een strafbaar feit"
    ARREST = "arrest", "Aanhouding"
    NUISANCE = "nuisance", "Registratie overlast"
    OTHER = "other", "Overig"


class CoachContactKind(Labelled):
    VISIT = "visit", "Afspraak"
    HOME_VISIT = "home_visit", "Huisbezoek"
    PHONE = "phone", "Telefonisch"
    ONLINE = "online", "Online"
    NOT_REACHED = "not_reached", "Geprobeerd, niet bereikt"


class ClosureReason(Labelled):
    POLICE_FREE = "police_free", "Meer dan 6 maanden niet negatief in beeld bij de politie"
    NO_CONTACT_POLICE_FREE = (
        "no_contact_police_free",
        "Geen contact met de coach en meer dan 6 maanden niet negatief in beeld",
    )
    RELOCATION = "relocation", "Verhuizing naar een andere gemeente"
    ESCALATED = "escalated", "Opgeschaald naar het Zorg- en Veiligheidshuis Haaglanden"
    OTHER = "other", "Anders"

    @property
    def needs_police_free_period(self) -> bool:
        """The closure rule's reasons that may only be used from the eligible date on."""
        return self in (ClosureReason.POLICE_FREE, ClosureReason.NO_CONTACT_POLICE_FREE)


class ActionStatus(Labelled):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "Loopt"
    DONE = "done", "Afgerond"
    CANCELLED = "cancelled", "Vervallen"


class GoalStatus(Labelled):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "Loopt"
    ACHIEVED = "achieved", "Bereikt"
    NOT_ACHIEVED = "not_achieved", "Niet bereikt"


class OrganisationKind(Labelled):
    POLICE = "police", "Politie"
    YOUTH_PROBATION = "youth_probation", "Jeugdreclassering"
    PROBATION = "probation", "Reclassering"
    DELFT_SUPPORT = "delft_support", "Delft Support"
    SOCIAL_TEAM = "social_team", "Sociaal team"
    SCHOOL = "school", "School"
    CHAMBER = "chamber", "Zorg- en Veiligheidskamer"
    MUNICIPALITY = "municipality", "Gemeente"
    OTHER = "other", "Overig"


class ProfessionalRole(Labelled):
    COACH = "coach", "PAD-coach"
    PROCESS_DIRECTOR = "process_director", "Procesregisseur"
    OTHER = "other", "Overig"


class UserRole(Labelled):
    COORDINATOR = "coordinator", "Coördinator"
    PROCESS_DIRECTOR = "process_director", "Procesregisseur"
    COACH = "coach", "PAD-coach"
    PARTNER = "partner", "Partner (alleen lezen)"


class MeetingStatus(Labelled):
    PLANNED = "planned", "Gepland"
    HELD = "held", "Gehouden"
    CANCELLED = "cancelled", "Geannuleerd"


class AgendaSection(Labelled):
    NEW_REGISTRATIONS = "new_registrations", "Nieuwe aanmeldingen"
    ELIGIBLE_FOR_CLOSURE = "eligible_for_closure", "Afsluitbaar (6-maandenregel)"
    NEW_POLICE_CONTACT = "new_police_contact", "Nieuw negatief politiecontact"
    REVIEW_DUE = "review_due", "Bespreking gepland of te laat"
    CATEGORY_CHANGE = "category_change", "Voorstel categoriewijziging"
    OTHER = "other", "Overige punten"
