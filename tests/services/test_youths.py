"""Youths: created and edited with validation and a keyed pseudonym; guardians; siblings."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from tests.services.conftest import Partners
from tests.services.lifecycle import audit_entries, new_youth, register
from zvkd_desktop.domain.pseudonym import pseudonym
from zvkd_desktop.errors import NotFoundError, ValidationError
from zvkd_desktop.services import family, registration_views
from zvkd_desktop.services.audit import verify_chain
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.youths import (
    create_youth,
    get_youth,
    list_youths,
    remove_youth,
    update_youth,
)
from zvkd_desktop.store.models import Youth


def _stored(ctx: ServiceContext, youth_id: uuid.UUID) -> Youth:
    with ctx.store.read() as session:
        youth = session.get(Youth, youth_id)
        assert youth is not None
        return youth


def test_a_created_youth_has_birth_year_neighbourhood_and_pseudonym(ctx: ServiceContext) -> None:
    youth_id = create_youth(
        ctx,
        first_name=" Sem ",
        last_name="van der Berg",
        date_of_birth=dt.date(2007, 3, 1),
        postcode="2625ab",
        phone="06-12345678",
        neighbourhood="voorhof",
    )
    detail = get_youth(ctx, youth_id)
    assert (detail.first_name, detail.display_name) == ("Sem", "Sem van der Berg")
    assert (detail.birth_year, detail.postcode) == (2007, "2625 AB")
    assert (detail.neighbourhood_name, detail.area) == ("Voorhof", "Delft-West")
    key = ctx.store.file.pseudonym_key()
    assert _stored(ctx, youth_id).pseudonym == pseudonym(
        key, "Sem", "van der Berg", dt.date(2007, 3, 1)
    )
    (entry,) = audit_entries(ctx.store, "youth")
    assert entry.action == "create" and entry.record_id == youth_id
    assert entry.changes["last_name"] == [None, "van der Berg"]


def test_a_youth_without_date_of_birth_needs_a_birth_year(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as refused:
        create_youth(ctx, first_name="Sem", last_name="Berg")
    assert refused.value.code == "birth_year_required"
    youth_id = create_youth(ctx, first_name="Sem", last_name="Berg", birth_year=2008)
    stored = _stored(ctx, youth_id)
    assert (stored.birth_year, stored.pseudonym) == (2008, None)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"first_name": ""}, "first_name_required"),
        ({"last_name": " "}, "last_name_required"),
        ({"first_name": "x" * 81}, "first_name_too_long"),
        ({"date_of_birth": dt.date(2024, 1, 16)}, "birth_in_future"),
        ({"date_of_birth": dt.date(2007, 3, 1), "birth_year": 2006}, "birth_year_mismatch"),
        ({"neighbourhood": "kralingen"}, "unknown_neighbourhood"),
        ({"postcode": "Delft"}, "invalid_postcode"),
        ({"phone": "bel maar"}, "invalid_phone"),
    ],
)
def test_invalid_youth_fields_are_refused(
    ctx: ServiceContext, fields: dict[str, object], code: str
) -> None:
    values: dict[str, object] = {
        "first_name": "Sem",
        "last_name": "Berg",
        "date_of_birth": dt.date(2007, 3, 1),
    }
    values.update(fields)
    with pytest.raises(ValidationError) as refused:
        create_youth(ctx, **values)  # type: ignore[arg-type]
    assert refused.value.code == code
    assert list_youths(ctx) == []


def test_a_second_record_for_the_same_youth_is_refused(ctx: ServiceContext) -> None:
    new_youth(ctx, first_name="Sem", last_name="van der Berg")
    with pytest.raises(ValidationError) as refused:
        new_youth(ctx, first_name="SEM", last_name="Berg, van der")
    assert refused.value.code == "youth_exists"
    assert "01-03-2007" in refused.value.message


def test_updating_changes_only_the_given_fields_and_audits_old_and_new(ctx: ServiceContext) -> None:
    youth_id = new_youth(ctx, phone="0612345678", notes="Speelt voetbal")
    update_youth(ctx, youth_id, phone=None, neighbourhood="tanthof")
    detail = get_youth(ctx, youth_id)
    assert (detail.phone, detail.neighbourhood, detail.notes) == (None, "tanthof", "Speelt voetbal")
    entry = audit_entries(ctx.store, "youth")[-1]
    assert entry.action == "update"
    assert entry.changes == {
        "phone": ["0612345678", None],
        "neighbourhood": ["buitenhof", "tanthof"],
    }


def test_an_update_that_changes_nothing_writes_no_audit_entry(ctx: ServiceContext) -> None:
    youth_id = new_youth(ctx)
    update_youth(ctx, youth_id, first_name="Sem")
    assert len(audit_entries(ctx.store, "youth")) == 1


def test_a_corrected_name_or_birth_date_refreshes_the_pseudonym(ctx: ServiceContext) -> None:
    youth_id = new_youth(ctx)
    key = ctx.store.file.pseudonym_key()
    update_youth(ctx, youth_id, last_name="van den Berg", date_of_birth=dt.date(2007, 3, 2))
    stored = _stored(ctx, youth_id)
    assert stored.pseudonym == pseudonym(key, "Sem", "Berg", dt.date(2007, 3, 2))
    assert stored.birth_year == 2007


def test_a_corrected_date_of_birth_corrects_the_age_at_registration(
    ctx: ServiceContext, partners: Partners
) -> None:
    youth_id = new_youth(ctx, date_of_birth=dt.date(2007, 3, 1))
    registration_id = register(ctx, partners, youth_id, dt.date(2023, 6, 1))
    update_youth(ctx, youth_id, date_of_birth=dt.date(2005, 3, 1))
    assert registration_views.get_registration(ctx, registration_id).age_at_registration == 18
    entry = audit_entries(ctx.store, "registration")[-1]
    assert entry.changes["age_at_registration"] == [16, 18]


def test_a_date_of_birth_after_a_registration_is_refused(
    ctx: ServiceContext, partners: Partners
) -> None:
    youth_id = new_youth(ctx)
    register(ctx, partners, youth_id, dt.date(2023, 6, 1))
    with pytest.raises(ValidationError) as refused:
        update_youth(ctx, youth_id, date_of_birth=dt.date(2023, 7, 1))
    assert refused.value.code == "born_after_registration"


def test_an_erased_youth_can_no_longer_be_edited(ctx: ServiceContext) -> None:
    youth_id = new_youth(ctx)
    with ctx.store.transaction() as session:
        youth = session.get(Youth, youth_id)
        assert youth is not None
        youth.first_name = youth.last_name = youth.date_of_birth = None
        youth.erased_at = dt.datetime(2024, 1, 1)
    with pytest.raises(ValidationError) as refused:
        update_youth(ctx, youth_id, notes="nieuw")
    assert refused.value.code == "youth_erased"
    assert get_youth(ctx, youth_id).display_name == "(gewist)"


def test_a_youth_who_was_never_registered_can_be_removed(
    ctx: ServiceContext, partners: Partners
) -> None:
    kept, removed = new_youth(ctx, first_name="Noah"), new_youth(ctx, first_name="Liam")
    family.add_guardian(ctx, removed, name="Mevrouw Berg")
    family.link_siblings(ctx, kept, removed)
    remove_youth(ctx, removed)
    assert [row.display_name for row in list_youths(ctx)] == ["Noah van der Berg"]
    assert get_youth(ctx, kept).household_id is None
    with pytest.raises(NotFoundError):
        get_youth(ctx, removed)
    register(ctx, partners, kept, dt.date(2023, 6, 1))
    with pytest.raises(ValidationError) as refused:
        remove_youth(ctx, kept)
    assert refused.value.code == "youth_has_registrations"


def test_youths_can_be_found_by_part_of_their_name(ctx: ServiceContext) -> None:
    new_youth(ctx, first_name="Noah", last_name="Jansen")
    new_youth(ctx, first_name="Liam", last_name="de Groot")
    assert [row.display_name for row in list_youths(ctx, search="groo")] == ["Liam de Groot"]


# -- guardians -----------------------------------------------------------------------------------


def test_guardians_are_added_updated_and_removed(ctx: ServiceContext) -> None:
    youth_id = new_youth(ctx)
    guardian_id = family.add_guardian(
        ctx, youth_id, name="Karin van der Berg", relation="moeder", email="karin@voorbeeld.nl"
    )
    family.update_guardian(ctx, guardian_id, phone="015-2123456")
    (guardian,) = get_youth(ctx, youth_id).guardians
    assert (guardian.name, guardian.relation, guardian.phone) == (
        "Karin van der Berg",
        "moeder",
        "015-2123456",
    )
    family.remove_guardian(ctx, guardian_id)
    assert get_youth(ctx, youth_id).guardians == ()
    assert [e.action for e in audit_entries(ctx.store, "guardian")] == [
        "create",
        "update",
        "delete",
    ]


def test_a_guardian_needs_a_name_and_a_valid_email(ctx: ServiceContext) -> None:
    youth_id = new_youth(ctx)
    with pytest.raises(ValidationError) as refused:
        family.add_guardian(ctx, youth_id, name=" ")
    assert refused.value.code == "guardian_name_required"
    with pytest.raises(ValidationError) as refused:
        family.add_guardian(ctx, youth_id, name="Karin", email="karin-at-home")
    assert refused.value.code == "invalid_email"


# -- siblings ------------------------------------------------------------------------------------


def test_linking_two_siblings_creates_one_household(ctx: ServiceContext) -> None:
    sem, noah = new_youth(ctx, first_name="Sem"), new_youth(ctx, first_name="Noah")
    household_id = family.link_siblings(ctx, sem, noah)
    assert get_youth(ctx, sem).household_id == household_id == get_youth(ctx, noah).household_id
    assert [s.id for s in get_youth(ctx, sem).siblings] == [noah]
    with pytest.raises(ValidationError) as refused:
        family.link_siblings(ctx, noah, sem)
    assert refused.value.code == "already_siblings"


def test_a_youth_cannot_be_its_own_sibling(ctx: ServiceContext) -> None:
    sem = new_youth(ctx)
    with pytest.raises(ValidationError) as refused:
        family.link_siblings(ctx, sem, sem)
    assert refused.value.code == "same_youth"


def test_linking_across_two_households_merges_them(ctx: ServiceContext) -> None:
    a, b, c, d = (new_youth(ctx, first_name=name) for name in ("Sem", "Noah", "Liam", "Mila"))
    first = family.link_siblings(ctx, a, b)
    family.link_siblings(ctx, c, d)
    merged = family.link_siblings(ctx, b, c)
    assert merged == first
    assert {s.id for s in get_youth(ctx, a).siblings} == {b, c, d}
    assert [e.action for e in audit_entries(ctx.store, "household")] == [
        "create",
        "create",
        "delete",
    ]


def test_unlinking_the_last_sibling_dissolves_the_household(ctx: ServiceContext) -> None:
    a, b, c = (new_youth(ctx, first_name=name) for name in ("Sem", "Noah", "Liam"))
    family.link_siblings(ctx, a, b)
    family.link_siblings(ctx, a, c)
    family.unlink_sibling(ctx, c)
    assert get_youth(ctx, c).household_id is None
    assert [s.id for s in get_youth(ctx, a).siblings] == [b]
    family.unlink_sibling(ctx, b)
    assert get_youth(ctx, a).household_id is None
    with pytest.raises(ValidationError) as refused:
        family.unlink_sibling(ctx, a)
    assert refused.value.code == "not_linked"
    with ctx.store.read() as session:
        assert verify_chain(session) is None
