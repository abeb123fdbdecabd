"""A small store whose 2023 figures were counted by hand (the numbers are in test_figures.py).

Each case is written straight through the ORM, the way the casework services leave it. The
story, per case (admitted -> closed, category history, coaches):

C1  reg 2021-03-01 police     adm 2021-03-15 regular, running; coach A, B from 2023-12-31 (on 31 Dec: B)
C2  reg 2022-05-10 police     adm 2022-06-01 regular -> rival youth 2023-04-01; A, B from 2023-03-01
C3  reg 2022-09-01 school     adm 2022-09-20 rival youth, closed 2023-12-31 police_free (closed on 31 Dec)
C4  reg 2020-01-10 police     adm 2020-02-01 regular -> rival 2021-05-01 -> regular 2023-01-01;
                              closed 2024-01-01 relocation (closed on 1 January: running at end 2023); B
C5  reg 2023-02-01 police     adm 2023-02-15 regular, closed 2023-11-30 no_contact_police_free (same year)
C6  reg 2019-06-01 probation  adm 2019-06-20 regular; closed 2023-03-01, reopened 2023-05-01: running; A
C7a reg 2018-04-01 police     adm 2018-04-15, closed 2022-03-01 police_free
C7b reg 2023-06-01 police     re-registration of the C7a youth (previous_case_id), adm 2023-06-10 rival; B
R8  reg 2023-07-01 school     not admitted (decided 2023-07-20)
R9  reg 2023-12-15 police     pending on 31 December (no decision)
R10 reg 2023-12-20 Delft Support, decided admitted 2024-01-10 (pending on 31 December), C10 adm 2024-01-10
R11 reg 2023-03-03 police     tombstoned (entered by mistake): does not count
C12 reg 2017-05-01 police     adm 2017-05-15, closed 2023-06-30 escalated; A
C13 reg 2023-09-01 probation  adm 2023-09-15 regular, running, no coach
C14 reg 2021-01-05 police     adm 2021-01-20, closed 2022-10-01 relocation
C15 reg 2023-04-01 police     adm 2023-04-10, registration and case tombstoned (a duplicate)
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from zvkd_desktop.domain.vocabulary import (
    Category,
    ClosureReason,
    Decision,
    OrganisationKind,
    ProfessionalRole,
)
from zvkd_desktop.store.models import (
    Case,
    CategoryPeriod,
    CoachAssignment,
    Organisation,
    Professional,
    Registration,
    Reopening,
    Youth,
)
from zvkd_desktop.store.store import Store

D = dt.date
REG, RIVAL = Category.REGULAR, Category.RIVAL_YOUTH
GONE = dt.datetime(2024, 1, 5, 12, 0)

COACH_A = "Fatima el Amrani"
COACH_B = "Jeroen de Vries"


@dataclass
class Builder:
    session: Session
    orgs: dict[str, Organisation] = field(default_factory=dict)
    coaches: dict[str, Professional] = field(default_factory=dict)

    def youth(self, hood: str, name: str) -> Youth:
        youth = Youth(id=uuid.uuid4(), first_name=name, last_name="Jansen", birth_year=2007,
                      date_of_birth=D(2007, 4, 1), neighbourhood=hood, notes="privé notitie",
                      street="Voorstraat", house_number="1", postcode="2611 AA", city="Delft")
        self.session.add(youth)
        return youth

    def registration(self, youth: Youth, on: dt.date, org: str, *, decision: Decision,
                     decided_on: dt.date | None = None, again: Case | None = None,
                     deleted: bool = False) -> Registration:
        registration = Registration(
            id=uuid.uuid4(), youth_id=youth.id, registered_on=on, registrant_id=self.orgs[org].id,
            age_at_registration=on.year - 2007, police_contacts=True, multiple_domains=True,
            cross_chain=True, decision=decision, decided_on=decided_on,
            is_reregistration=again is not None, previous_case_id=again.id if again else None,
            deleted_at=GONE if deleted else None,
        )
        self.session.add(registration)
        return registration

    def case(self, hood: str, registered: dt.date, org: str, admitted: dt.date,
             categories: list[tuple[dt.date, Category]], coaches: list[tuple[dt.date, dt.date | None, str]],
             closed: dt.date | None = None, reason: ClosureReason | None = None,
             youth: Youth | None = None, again: Case | None = None, deleted: bool = False) -> Case:
        youth = youth or self.youth(hood, "Jongere")
        registration = self.registration(youth, registered, org, decision=Decision.ADMITTED,
                                         decided_on=admitted, again=again, deleted=deleted)
        case = Case(
            id=uuid.uuid4(), youth_id=youth.id, registration_id=registration.id,
            admitted_on=admitted, category=categories[-1][1],
            coach_id=self.coaches[coaches[-1][2]].id if coaches else None,
            closed_on=closed, closure_reason=reason, deleted_at=GONE if deleted else None,
        )
        self.session.add(case)
        for from_date, category in categories:
            self.session.add(CategoryPeriod(case_id=case.id, category=category, from_date=from_date))
        for from_date, until, coach in coaches:
            self.session.add(CoachAssignment(case_id=case.id, coach_id=self.coaches[coach].id,
                                             from_date=from_date, until_date=until))
        self.session.flush()  # rows without a relationship (Reopening) need the case in place
        return case


def fill_hand_counted(store: Store) -> None:
    with store.transaction() as session:
        b = Builder(session)
        for key, name, kind in (
            ("police", "Politie Delft", OrganisationKind.POLICE),
            ("school", "Grotius College", OrganisationKind.SCHOOL),
            ("probation", "Jeugdreclassering (WSG)", OrganisationKind.YOUTH_PROBATION),
            ("support", "Delft Support", OrganisationKind.DELFT_SUPPORT),
        ):
            b.orgs[key] = Organisation(id=uuid.uuid4(), name=name, kind=kind)
        for name in (COACH_A, COACH_B):
            b.coaches[name] = Professional(id=uuid.uuid4(), name=name, role=ProfessionalRole.COACH)
        session.add_all([*b.orgs.values(), *b.coaches.values()])
        session.flush()

        b.case("buitenhof", D(2021, 3, 1), "police", D(2021, 3, 15), [(D(2021, 3, 15), REG)],
               [(D(2021, 3, 15), D(2023, 12, 31), COACH_A), (D(2023, 12, 31), None, COACH_B)])
        b.case("voorhof", D(2022, 5, 10), "police", D(2022, 6, 1),
               [(D(2022, 6, 1), REG), (D(2023, 4, 1), RIVAL)],
               [(D(2022, 6, 1), D(2023, 2, 28), COACH_A), (D(2023, 3, 1), None, COACH_B)])
        b.case("tanthof", D(2022, 9, 1), "school", D(2022, 9, 20), [(D(2022, 9, 20), RIVAL)],
               [(D(2022, 9, 20), D(2023, 12, 31), COACH_A)],
               closed=D(2023, 12, 31), reason=ClosureReason.POLICE_FREE)
        b.case("binnenstad", D(2020, 1, 10), "police", D(2020, 2, 1),
               [(D(2020, 2, 1), REG), (D(2021, 5, 1), RIVAL), (D(2023, 1, 1), REG)],
               [(D(2020, 2, 1), None, COACH_B)],
               closed=D(2024, 1, 1), reason=ClosureReason.RELOCATION)
        b.case("buitenhof", D(2023, 2, 1), "police", D(2023, 2, 15), [(D(2023, 2, 15), REG)],
               [(D(2023, 2, 15), D(2023, 11, 30), COACH_A)],
               closed=D(2023, 11, 30), reason=ClosureReason.NO_CONTACT_POLICE_FREE)
        c6 = b.case("wippolder", D(2019, 6, 1), "probation", D(2019, 6, 20), [(D(2019, 6, 20), REG)],
                    [(D(2019, 6, 20), D(2023, 3, 1), COACH_A), (D(2023, 5, 1), None, COACH_A)])
        session.add(Reopening(case_id=c6.id, reopened_on=D(2023, 5, 1), reason="Onterecht gesloten",
                              undone_closed_on=D(2023, 3, 1), undone_reason=ClosureReason.POLICE_FREE))
        y7 = b.youth("voorhof", "Noah")
        c7a = b.case("voorhof", D(2018, 4, 1), "police", D(2018, 4, 15), [(D(2018, 4, 15), REG)],
                     [(D(2018, 4, 15), D(2022, 3, 1), COACH_A)],
                     closed=D(2022, 3, 1), reason=ClosureReason.POLICE_FREE, youth=y7)
        b.case("voorhof", D(2023, 6, 1), "police", D(2023, 6, 10), [(D(2023, 6, 10), RIVAL)],
               [(D(2023, 6, 10), None, COACH_B)], youth=y7, again=c7a)
        b.registration(b.youth("schieweg", "Mila"), D(2023, 7, 1), "school",
                       decision=Decision.NOT_ADMITTED, decided_on=D(2023, 7, 20))
        b.registration(b.youth("buitenhof", "Daan"), D(2023, 12, 15), "police",
                       decision=Decision.PENDING)
        b.case("unknown", D(2023, 12, 20), "support", D(2024, 1, 10), [(D(2024, 1, 10), REG)], [])
        b.registration(b.youth("buitenhof", "Fout"), D(2023, 3, 3), "police",
                       decision=Decision.PENDING, deleted=True)
        b.case("buitenhof", D(2017, 5, 1), "police", D(2017, 5, 15), [(D(2017, 5, 15), REG)],
               [(D(2017, 5, 15), D(2023, 6, 30), COACH_A)],
               closed=D(2023, 6, 30), reason=ClosureReason.ESCALATED)
        b.case("vrijenban", D(2023, 9, 1), "probation", D(2023, 9, 15), [(D(2023, 9, 15), REG)], [])
        b.case("hof_van_delft", D(2021, 1, 5), "police", D(2021, 1, 20), [(D(2021, 1, 20), REG)],
               [(D(2021, 1, 20), D(2022, 10, 1), COACH_B)],
               closed=D(2022, 10, 1), reason=ClosureReason.RELOCATION)
        b.case("buitenhof", D(2023, 4, 1), "police", D(2023, 4, 10), [(D(2023, 4, 10), REG)],
               [(D(2023, 4, 10), None, COACH_A)], deleted=True)
