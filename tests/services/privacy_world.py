"""A small but complete PAD file built through the real services, for the privacy tests.

Every kind of personal value a youth can have is filled in at least once — names, date of birth,
address, phone, notes, guardians, registration notes, plan texts, police and coach contact notes,
review texts, meeting texts, reoffence advice, closure texts, a relocation — and some of them
are edited, so the audit log holds old values too. Five youths, one per situation:

- ``sem``: closed case (31-10-2023) with all of the above; sibling of ``noor``;
- ``noor``: running case (never due), in Sem's household;
- ``lotte``: not admitted (decided 20-06-2023), with the follow-up;
- ``daan``: relocated (closed 31-12-2023 with a relocation), edited name;
- ``mila``: registration waiting for a decision (never due).
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import PASSWORD
from tests.services.conftest import TODAY, FixedClock, Partners
from zvkd_desktop.domain.vocabulary import (
    ActionStatus,
    Category,
    ClosureReason,
    CoachContactKind,
    LifeDomain,
    OrganisationKind,
    PoliceContactKind,
    ProfessionalRole,
)
from zvkd_desktop.services import (
    cases,
    contacts,
    family,
    plans,
    registrations,
    reviews,
    youths,
)
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.meetings import (
    AttendeeInput,
    ItemDecisions,
    add_action_item,
    add_case_item,
    plan_meeting,
    take_decisions,
)
from zvkd_desktop.services.meetings.kinds import DecisionKind
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.models import Organisation, Professional
from zvkd_desktop.store.store import Store

D = dt.date


@dataclass(frozen=True)
class World:
    sem: uuid.UUID
    noor: uuid.UUID
    lotte: uuid.UUID
    daan: uuid.UUID
    mila: uuid.UUID
    sem_case: uuid.UUID
    noor_case: uuid.UUID
    daan_case: uuid.UUID
    police: uuid.UUID
    """The registrant organisation (for a registration after the erasure)."""

    @property
    def closed(self) -> tuple[uuid.UUID, ...]:
        """The youths whose involvement has ended (due for erasure with retention 0)."""
        return (self.sem, self.lotte, self.daan)


def _register(ctx: ServiceContext, partners: Partners, youth_id: uuid.UUID, on: dt.date,
              tag: str) -> uuid.UUID:  # fmt: skip
    return registrations.register(
        ctx,
        youth_id=youth_id,
        registered_on=on,
        registrant_id=partners.police.id,
        registrant_contact=f"Wijkagent {tag} Hoogendoorn, 06 9988 7766",
        police_contacts=True,
        serious_concerns=True,
        police_or_concerns_note=f"{tag}: twee aanhoudingen voor winkeldiefstal bij de Hoven",
        multiple_domains=True,
        multiple_domains_note=f"{tag}: spijbelt van het Grotius, schulden bij de telefoonwinkel",
        cross_chain=True,
        cross_chain_note=f"{tag}: jeugdreclassering en Veilig Thuis zijn betrokken",
        age_note=f"{tag}: leeftijd gecontroleerd in de BRP",
    )


def build_world(ctx: ServiceContext, partners: Partners, clock: FixedClock) -> World:
    clock.day = D(2022, 1, 10)
    sem = youths.create_youth(
        ctx, first_name="Sem", last_name="Verhoeckx", date_of_birth=D(2007, 3, 1),
        gender="man", street="Papsouwselaan", house_number="112", postcode="2624 AX",
        city="Delft", phone="06 1234 5678", neighbourhood="voorhof",
        notes="Sem woont afwisselend bij moeder en oma Verhoeckx op de Roland Holstlaan.",
    )  # fmt: skip
    youths.update_youth(ctx, sem, phone="06 8765 4321")  # the old number stays in the log
    family.add_guardian(ctx, sem, name="Anouk Verhoeckx-Bakhuis", relation="moeder",
                        phone="06 2233 4455", email="anouk.bakhuis@example.nl",
                        address="Papsouwselaan 112, 2624 AX Delft",
                        note="Moeder werkt in ploegendienst bij Reinier de Graaf.")  # fmt: skip
    father = family.add_guardian(ctx, sem, name="Ruud Verhoeckx", relation="vader",
                                 phone="06 5566 7788")  # fmt: skip
    family.update_guardian(ctx, father, address="Kwikstaartlaan 7, 2623 EB Delft")
    noor = youths.create_youth(
        ctx, first_name="Noortje", last_name="Verhoeckx", date_of_birth=D(2009, 11, 23),
        street="Papsouwselaan", house_number="112", postcode="2624 AX", city="Delft",
        neighbourhood="voorhof",
    )  # fmt: skip
    family.link_siblings(ctx, sem, noor)
    sem_registration = _register(ctx, partners, sem, D(2022, 1, 3), "SEMREG")
    sem_case = registrations.decide_admit(
        ctx, sem_registration, decided_on=D(2022, 1, 10), category=Category.REGULAR,
        coach_id=partners.coach_a.id, process_director_id=partners.director.id,
        reason="Opname besproken met oma Verhoeckx",
    )  # fmt: skip
    contacts.add_police_contact(ctx, youth_id=sem, contact_on=D(2021, 11, 4),
                                kind=PoliceContactKind.ARREST, negative=True,
                                note="Aangehouden bij de Jumbo Papsouwselaan met twee vrienden")  # fmt: skip

    clock.day = D(2022, 6, 1)
    plans.save_plan(ctx, sem_case, [
        plans.GoalInput(LifeDomain.EDUCATION_WORK, "Sem gaat weer elke dag naar het Grotius",
                        actions=[plans.ActionInput("Gesprek met mentor meneer Oostveen",
                                                   "Leerplicht Delft", D(2022, 7, 1))]),
    ], "Eerste plan, opgesteld met Sem en zijn moeder Anouk")  # fmt: skip
    plans.save_plan(ctx, sem_case, [
        plans.GoalInput(LifeDomain.EDUCATION_WORK, "Sem gaat weer elke dag naar het Grotius",
                        actions=[plans.ActionInput("Gesprek met mentor meneer Oostveen",
                                                   "Leerplicht Delft", D(2022, 7, 1),
                                                   ActionStatus.DONE)]),
        plans.GoalInput(LifeDomain.FRIENDS_LEISURE, "Sem stopt met de groep bij het Hofplein"),
    ], "Tweede versie na het huisbezoek bij oma")  # fmt: skip
    cases.set_reoffence_advice(ctx, sem_case, "Taakstraf bij de kinderboerderij Tanthof")
    cases.change_category(ctx, sem_case, Category.RIVAL_YOUTH, D(2022, 4, 1),
                          note="Conflict met de groep uit Buitenhof na de steekpartij")  # fmt: skip
    cases.change_coach(ctx, sem_case, partners.coach_b.id, D(2022, 5, 1))
    contacts.add_coach_contact(ctx, case_id=sem_case, contact_on=D(2022, 2, 14),
                               kind=CoachContactKind.HOME_VISIT,
                               note="Huisbezoek: Sem slaapt slecht sinds de ruzie met zijn vader")  # fmt: skip
    contacts.add_coach_contact(ctx, case_id=sem_case, contact_on=D(2022, 5, 20),
                               kind=CoachContactKind.PHONE,
                               note="Gebeld over de stage bij garage Van Leeuwen")  # fmt: skip
    contacts.add_police_contact(ctx, youth_id=sem, contact_on=D(2022, 3, 17),
                                kind=PoliceContactKind.NUISANCE, negative=True,
                                note="Overlast bij het winkelcentrum In de Hoven")  # fmt: skip
    reviews.record_review(ctx, case_id=sem_case, reviewed_on=D(2022, 2, 21),
                          progress={LifeDomain.FAMILY: "Moeder Anouk zoekt opvoedondersteuning"},
                          decisions="Doorgaan; coach belt de oma van Sem wekelijks")  # fmt: skip

    meeting = plan_meeting(ctx, held_on=D(2022, 5, 30),
                           attendees=[AttendeeInput("Sanne Bakker")])  # fmt: skip
    item = add_case_item(ctx, meeting, sem_case, "Sem: zorgen over de nieuwe vriendengroep")
    take_decisions(ctx, item, ItemDecisions(DecisionKind.CONTINUE,
                                            note="Coach regelt gesprek met de oom van Sem"))  # fmt: skip
    add_action_item(ctx, item, description="Oom Karim Verhoeckx uitnodigen", owner="Jeroen",
                    due_on=D(2022, 6, 15))  # fmt: skip

    clock.day = D(2023, 11, 1)
    cases.close_case(ctx, sem_case, closed_on=D(2023, 10, 31), reason=ClosureReason.POLICE_FREE,
                     handover_note="Overdracht aan het Sociaal Team, contactpersoon Ilse de Wit")  # fmt: skip

    lotte = youths.create_youth(ctx, first_name="Lotte", last_name="Kampstra",
                                date_of_birth=D(2008, 8, 8), phone="06 1122 3344",
                                neighbourhood="tanthof")  # fmt: skip
    clock.day = D(2023, 6, 20)
    lotte_registration = _register(ctx, partners, lotte, D(2023, 6, 1), "LOTTEREG")
    registrations.decide_not_admit(ctx, lotte_registration, decided_on=D(2023, 6, 20),
                                   follow_up="Lotte gaat naar het Sociaal Team Tanthof",
                                   reason="Geen politiecontacten bekend bij Lotte")  # fmt: skip

    clock.day = D(2023, 1, 10)
    daan = youths.create_youth(ctx, first_name="Daan", last_name="Oudshoorn",
                               date_of_birth=D(2005, 12, 31), street="Westlandseweg",
                               house_number="3a", postcode="2624 AD", city="Delft",
                               neighbourhood="buitenhof")  # fmt: skip
    youths.update_youth(ctx, daan, last_name="Oudshoorn-Mahabier")
    daan_registration = _register(ctx, partners, daan, D(2023, 1, 5), "DAANREG")
    daan_case = registrations.decide_admit(ctx, daan_registration, decided_on=D(2023, 1, 10),
                                           category=Category.REGULAR,
                                           coach_id=partners.coach_a.id)  # fmt: skip
    clock.day = D(2024, 1, 15)
    cases.close_case(ctx, daan_case, closed_on=D(2023, 12, 31), reason=ClosureReason.RELOCATION,
                     relocation_municipality="Zoetermeer", relocation_informed_on=D(2023, 12, 20),
                     transferred=True, handover_note="Warme overdracht aan wijkteam Rokkeveen")  # fmt: skip

    noor_registration = _register(ctx, partners, noor, D(2023, 9, 1), "NOORREG")
    noor_case = registrations.decide_admit(ctx, noor_registration, decided_on=D(2023, 9, 8),
                                           category=Category.REGULAR,
                                           coach_id=partners.coach_b.id)  # fmt: skip
    contacts.add_coach_contact(ctx, case_id=noor_case, contact_on=D(2023, 10, 2),
                               kind=CoachContactKind.VISIT,
                               note="Noortje vertelt over haar broer Sem")  # fmt: skip

    mila = youths.create_youth(ctx, first_name="Mila", last_name="Zwetsloot",
                               date_of_birth=D(2010, 4, 4), neighbourhood="wippolder")  # fmt: skip
    _register(ctx, partners, mila, D(2024, 1, 10), "MILAREG")
    return World(sem, noor, lotte, daan, mila, sem_case, noor_case, daan_case, partners.police.id)


def _partners(store: Store) -> Partners:
    """The same partners as the services' ``partners`` fixture."""
    with store.transaction() as session:
        police = Organisation(name="Politie Delft", kind=OrganisationKind.POLICE)
        probation = Organisation(name="Jeugdreclassering (WSG)",
                                 kind=OrganisationKind.YOUTH_PROBATION)  # fmt: skip
        support = Organisation(name="Delft Support", kind=OrganisationKind.DELFT_SUPPORT)
        school = Organisation(name="Grotius College", kind=OrganisationKind.SCHOOL)
        coach_a = Professional(name="Fatima el Amrani", role=ProfessionalRole.COACH,
                               organisation=support)  # fmt: skip
        coach_b = Professional(name="Jeroen de Vries", role=ProfessionalRole.COACH,
                               organisation=support)  # fmt: skip
        director = Professional(name="Sanne Bakker", role=ProfessionalRole.PROCESS_DIRECTOR)
        session.add_all([police, probation, support, school, coach_a, coach_b, director])
    return Partners(police, probation, support, school, coach_a, coach_b, director)


def make_world_store(folder: Path) -> tuple[Path, World]:
    """A closed store file holding the world (built once per test module; tests open copies)."""
    store, _ = Store.create(folder / "wereld.zvkd", PASSWORD, username="coordinator",
                            display_name="Coördinator", kdf=TEST_KDF,
                            state_folder=folder / "home")  # fmt: skip
    try:
        clock = FixedClock(TODAY)
        world = build_world(ServiceContext(store, today=clock), _partners(store), clock)
    finally:
        store.close()
    return store.path, world


def open_copy(original: Path, folder: Path, clock: FixedClock) -> ServiceContext:
    """A private copy of the world's store, opened as a service context on ``clock``."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / original.name
    shutil.copy(original, target)
    return ServiceContext(Store.open(target, password=PASSWORD), today=clock)
