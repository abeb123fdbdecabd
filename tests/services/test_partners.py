"""Partner organisations and professionals: add, rename, deactivate, list."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.services.conftest import Partners
from tests.services.lifecycle import admitted_case, audit_entries
from zvkd_desktop.domain.vocabulary import OrganisationKind, ProfessionalRole
from zvkd_desktop.errors import NotFoundError, ValidationError
from zvkd_desktop.services import cases
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.partners import (
    add_organisation,
    add_professional,
    deactivate_organisation,
    deactivate_professional,
    list_organisations,
    list_professionals,
    reactivate_organisation,
    reactivate_professional,
    rename_organisation,
    rename_professional,
)


def test_an_added_organisation_is_listed_and_audited(ctx: ServiceContext) -> None:
    org_id = add_organisation(
        ctx, name="  Sociaal Team Buitenhof ", kind=OrganisationKind.SOCIAL_TEAM
    )
    (row,) = list_organisations(ctx)
    assert (row.id, row.name, row.kind, row.active) == (
        org_id,
        "Sociaal Team Buitenhof",
        OrganisationKind.SOCIAL_TEAM,
        True,
    )
    (entry,) = audit_entries(ctx.store, "organisation")
    assert entry.action == "create"
    assert entry.changes["name"] == [None, "Sociaal Team Buitenhof"]


def test_an_organisation_name_is_required_and_unique(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as refused:
        add_organisation(ctx, name="   ", kind=OrganisationKind.SCHOOL)
    assert refused.value.code == "organisation_name_required"
    add_organisation(ctx, name="Grotius College", kind=OrganisationKind.SCHOOL)
    with pytest.raises(ValidationError) as refused:
        add_organisation(ctx, name="grotius college", kind=OrganisationKind.SCHOOL)
    assert refused.value.code == "organisation_exists"


def test_an_unknown_organisation_kind_is_refused(ctx: ServiceContext) -> None:
    with pytest.raises(ValueError):
        add_organisation(ctx, name="X", kind="bakery")  # type: ignore[arg-type]


def test_renaming_records_old_and_new_name(ctx: ServiceContext, partners: Partners) -> None:
    rename_organisation(ctx, partners.school.id, "Grotius College Delft")
    names = {row.name for row in list_organisations(ctx)}
    assert "Grotius College Delft" in names
    entry = audit_entries(ctx.store, "organisation")[-1]
    assert entry.changes["name"] == ["Grotius College", "Grotius College Delft"]


def test_renaming_to_another_organisations_name_is_refused(
    ctx: ServiceContext, partners: Partners
) -> None:
    with pytest.raises(ValidationError) as refused:
        rename_organisation(ctx, partners.school.id, "Politie Delft")
    assert refused.value.code == "organisation_exists"


def test_a_deactivated_organisation_leaves_the_list_until_reactivated(
    ctx: ServiceContext, partners: Partners
) -> None:
    deactivate_organisation(ctx, partners.school.id)
    assert partners.school.id not in {row.id for row in list_organisations(ctx)}
    inactive = {row.id: row for row in list_organisations(ctx, include_inactive=True)}
    assert inactive[partners.school.id].active is False
    with pytest.raises(NotFoundError):
        rename_organisation(ctx, partners.school.id, "Nieuw")
    reactivate_organisation(ctx, partners.school.id)
    assert partners.school.id in {row.id for row in list_organisations(ctx)}
    actions = [e.action for e in audit_entries(ctx.store, "organisation")]
    assert actions[-2:] == ["deactivate", "reactivate"]


def test_professionals_are_listed_by_role_with_their_organisation(
    ctx: ServiceContext, partners: Partners
) -> None:
    new_id = add_professional(
        ctx,
        name="Ayoub Haddou",
        role=ProfessionalRole.COACH,
        organisation_id=partners.delft_support.id,
    )
    coaches = list_professionals(ctx, role=ProfessionalRole.COACH)
    assert [c.name for c in coaches] == ["Ayoub Haddou", "Fatima el Amrani", "Jeroen de Vries"]
    added = next(c for c in coaches if c.id == new_id)
    assert (added.organisation_name, added.active) == ("Delft Support", True)
    directors = list_professionals(ctx, role=ProfessionalRole.PROCESS_DIRECTOR)
    assert [d.name for d in directors] == ["Sanne Bakker"]


def test_a_professional_of_an_unknown_organisation_is_refused(ctx: ServiceContext) -> None:
    import uuid

    with pytest.raises(NotFoundError):
        add_professional(ctx, name="X", role=ProfessionalRole.COACH, organisation_id=uuid.uuid4())


def test_renaming_a_professional_is_audited(ctx: ServiceContext, partners: Partners) -> None:
    rename_professional(ctx, partners.coach_b.id, "Jeroen de Vries-Smit")
    entry = audit_entries(ctx.store, "professional")[-1]
    assert entry.changes["name"] == ["Jeroen de Vries", "Jeroen de Vries-Smit"]
    with pytest.raises(ValidationError) as refused:
        rename_professional(ctx, partners.coach_b.id, "")
    assert refused.value.code == "professional_name_required"


def test_a_deactivated_coach_leaves_the_pick_list(ctx: ServiceContext, partners: Partners) -> None:
    deactivate_professional(ctx, partners.coach_b.id)
    assert partners.coach_b.id not in {p.id for p in list_professionals(ctx)}
    everyone = {p.id: p for p in list_professionals(ctx, include_inactive=True)}
    assert everyone[partners.coach_b.id].active is False
    reactivate_professional(ctx, partners.coach_b.id)
    assert partners.coach_b.id in {p.id for p in list_professionals(ctx)}


def test_a_coach_with_running_cases_cannot_be_deactivated(
    ctx: ServiceContext, partners: Partners
) -> None:
    case_id = admitted_case(ctx, partners, admitted_on=dt.date(2023, 9, 1))
    with pytest.raises(ValidationError) as refused:
        deactivate_professional(ctx, partners.coach_a.id)
    assert refused.value.code == "coach_has_running_cases"
    assert "1 lopende casus" in refused.value.message

    cases.change_coach(ctx, case_id, partners.coach_b.id, dt.date(2023, 10, 1))
    deactivate_professional(ctx, partners.coach_a.id)
    assert partners.coach_a.id not in {p.id for p in list_professionals(ctx)}
