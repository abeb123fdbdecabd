"""Fixtures for service tests: a real encrypted store, a fixed 'today', partners and coaches."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from zvkd_desktop.domain.vocabulary import OrganisationKind, ProfessionalRole
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.store.models import Organisation, Professional
from zvkd_desktop.store.store import Store

TODAY = dt.date(2024, 1, 15)


class FixedClock:
    """A settable 'today' for tests: ``clock.day = ...`` moves time."""

    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


@dataclass
class Partners:
    police: Organisation
    youth_probation: Organisation
    delft_support: Organisation
    school: Organisation
    coach_a: Professional
    coach_b: Professional
    director: Professional


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TODAY)


@pytest.fixture
def ctx(new_store: Store, clock: FixedClock) -> ServiceContext:
    return ServiceContext(new_store, today=clock)


@pytest.fixture
def partners(new_store: Store) -> Partners:
    with new_store.transaction() as session:
        police = Organisation(name="Politie Delft", kind=OrganisationKind.POLICE)
        probation = Organisation(
            name="Jeugdreclassering (WSG)", kind=OrganisationKind.YOUTH_PROBATION
        )
        support = Organisation(name="Delft Support", kind=OrganisationKind.DELFT_SUPPORT)
        school = Organisation(name="Grotius College", kind=OrganisationKind.SCHOOL)
        coach_a = Professional(
            name="Fatima el Amrani", role=ProfessionalRole.COACH, organisation=support
        )
        coach_b = Professional(
            name="Jeroen de Vries", role=ProfessionalRole.COACH, organisation=support
        )
        director = Professional(
            name="Sanne Bakker", role=ProfessionalRole.PROCESS_DIRECTOR, organisation=None
        )
        session.add_all([police, probation, support, school, coach_a, coach_b, director])
    return Partners(police, probation, support, school, coach_a, coach_b, director)
