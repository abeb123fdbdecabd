"""Fixtures for the case file: a real encrypted store (TEST_KDF) per test with partners, coaches
and one admitted case built through the services exactly as the registration screens would leave
it, a settable 'today', and an AppContext on that clock."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.services.conftest import FixedClock, Partners, clock  # noqa: F401
from zvkd_desktop.domain.vocabulary import Category, OrganisationKind, ProfessionalRole
from zvkd_desktop.services import registrations, youths
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.models import Organisation, Professional
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.casefile.window import CaseWindow
from zvkd_desktop.ui.sections import AppContext

D = dt.date
TODAY = D(2024, 3, 18)
REGISTERED = D(2023, 8, 21)
ADMITTED = D(2023, 9, 1)


@dataclass(frozen=True)
class Admitted:
    case_id: uuid.UUID
    youth_id: uuid.UUID
    registration_id: uuid.UUID


@dataclass(frozen=True)
class Template:
    path: Path
    admitted: Admitted


_PEOPLE = {
    "police": "Politie Delft",
    "youth_probation": "Jeugdreclassering (WSG)",
    "delft_support": "Delft Support",
    "school": "Grotius College",
    "coach_a": "Fatima el Amrani",
    "coach_b": "Jeroen de Vries",
    "director": "Sanne Bakker",
}


def _add_partners(store: Store) -> None:
    """The same organisations and professionals as the service tests' ``partners`` fixture."""
    with store.transaction() as session:
        police = Organisation(name=_PEOPLE["police"], kind=OrganisationKind.POLICE)
        probation = Organisation(
            name=_PEOPLE["youth_probation"], kind=OrganisationKind.YOUTH_PROBATION
        )
        support = Organisation(name=_PEOPLE["delft_support"], kind=OrganisationKind.DELFT_SUPPORT)
        school = Organisation(name=_PEOPLE["school"], kind=OrganisationKind.SCHOOL)
        session.add_all([police, probation, support, school])
        for key in ("coach_a", "coach_b"):
            session.add(
                Professional(name=_PEOPLE[key], role=ProfessionalRole.COACH, organisation=support)
            )
        session.add(Professional(name=_PEOPLE["director"], role=ProfessionalRole.PROCESS_DIRECTOR))


def _load_partners(store: Store) -> Partners:
    with store.read() as session:
        organisations = {o.name: o for o in session.scalars(select(Organisation))}
        professionals = {p.name: p for p in session.scalars(select(Professional))}
    found = {**organisations, **professionals}
    return Partners(**{key: found[name] for key, name in _PEOPLE.items()})


@pytest.fixture(scope="session")
def store_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """A store with partners, coaches and Daan's admitted case, made once for the session.

    Creating a store costs ~0.7 s and the admission four writes; opening a copy ~0.03 s.
    """
    folder = tmp_path_factory.mktemp("casefile-template")
    saved = os.environ.get("ZVKD_HOME")
    os.environ["ZVKD_HOME"] = str(folder / "home")  # never the real user's folder
    try:
        store, _code = Store.create(
            folder / "pad.zvkd",
            PASSWORD,
            username="coordinator",
            display_name="Coördinator",
            kdf=TEST_KDF,
        )
        try:
            _add_partners(store)
            service = ServiceContext(store, today=lambda: TODAY)
            admitted = register_and_admit(service, _load_partners(store))
        finally:
            store.close()
    finally:
        if saved is None:
            os.environ.pop("ZVKD_HOME", None)
        else:
            os.environ["ZVKD_HOME"] = saved
    return Template(folder / "pad.zvkd", admitted)


@pytest.fixture
def new_store(store_template: Template, store_path: Path) -> Iterator[Store]:
    """A fresh encrypted store per test: a copy of the template, opened with the test KDF."""
    store_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(store_template.path, store_path)
    store = Store.open(store_path, password=PASSWORD, username="coordinator")
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def partners(new_store: Store) -> Partners:
    return _load_partners(new_store)


@pytest.fixture
def app_context(new_store: Store, clock: FixedClock) -> Iterator[AppContext]:  # noqa: F811
    clock.day = TODAY
    context = AppContext(new_store, today=clock)
    yield context
    context.closed = True  # the store closes after the test: windows must not touch it


def register_and_admit(
    service: ServiceContext, staff: Partners, *, first_name: str = "Daan", last_name: str = "Visser"
) -> Admitted:
    """The other GUI helper's screens (registration and decision) do this through the services."""
    youth_id = youths.create_youth(
        service,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=D(2007, 5, 12),
        neighbourhood="buitenhof",
    )
    registration_id = registrations.register(
        service,
        youth_id=youth_id,
        registered_on=REGISTERED,
        registrant_id=staff.police.id,
        police_contacts=True,
        serious_concerns=False,
        multiple_domains=True,
        cross_chain=True,
        multiple_domains_note="School en thuis",
        cross_chain_note="Politie en jeugdzorg",
    )
    case_id = registrations.decide_admit(
        service,
        registration_id,
        decided_on=ADMITTED,
        category=Category.REGULAR,
        coach_id=staff.coach_a.id,
        process_director_id=staff.director.id,
    )
    return Admitted(case_id, youth_id, registration_id)


@pytest.fixture
def admitted(store_template: Template, app_context: AppContext) -> Admitted:
    """Daan Visser, registered by the police on 21-08-2023 and admitted on 01-09-2023."""
    return store_template.admitted


@pytest.fixture
def window(qtbot: QtBot, app_context: AppContext, admitted: Admitted) -> CaseWindow:
    window = CaseWindow(app_context, admitted.case_id)
    qtbot.addWidget(window)
    window.show()
    return window
