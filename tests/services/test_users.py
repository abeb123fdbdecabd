"""The coordinator manages users; each user has their own key, and only the coordinator may."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.services.conftest import Partners
from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.errors import (
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
    WrongPasswordError,
)
from zvkd_desktop.services import users
from zvkd_desktop.services.audit import verify_chain
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.store.models import AuditEntry, User
from zvkd_desktop.store.store import Store

COACH_PASSWORD = "fatima wachtwoord"


def add_coach(ctx: ServiceContext, partners: Partners, username: str = "f.elamrani") -> uuid.UUID:
    return users.add_user(
        ctx, username=username, display_name="Fatima el Amrani", role=UserRole.COACH,
        password=COACH_PASSWORD, professional_id=partners.coach_a.id,
    )


def reopen(ctx: ServiceContext, store_path: Path, username: str, password: str) -> ServiceContext:
    ctx.store.close()
    return ServiceContext(Store.open(store_path, username=username, password=password), ctx.today)


def audit_actions(ctx: ServiceContext) -> list[str]:
    with ctx.store.read() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))


# -- adding ----------------------------------------------------------------------------------------


def test_an_added_user_opens_the_store_with_their_own_password_as_themselves(
    ctx: ServiceContext, partners: Partners, store_path: Path
) -> None:
    user_id = add_coach(ctx, partners)
    as_coach = reopen(ctx, store_path, "f.elamrani", COACH_PASSWORD)
    try:
        assert as_coach.user.id == user_id
        assert as_coach.user.role is UserRole.COACH
        assert as_coach.user.professional_id == partners.coach_a.id
    finally:
        as_coach.store.close()


def test_the_user_row_names_their_slot_and_public_key(
    ctx: ServiceContext, partners: Partners
) -> None:
    user_id = add_coach(ctx, partners)
    with ctx.store.read() as session:
        user = session.get(User, user_id)
        assert user is not None and user.slot_id is not None and len(user.public_key or b"") == 32
    slot = ctx.store.file.keyring.slot_of_user(user_id)
    assert slot is not None and slot["id"] == user.slot_id
    [row] = [r for r in users.list_users(ctx) if r.id == user_id]
    assert row.active and row.can_unlock and row.professional_name == "Fatima el Amrani"


def test_a_coach_user_needs_a_coach(ctx: ServiceContext, partners: Partners) -> None:
    for professional, code in ((None, "professional_required"), (partners.director.id, "not_a_coach")):
        with pytest.raises(ValidationError) as info:
            users.add_user(
                ctx, username="coach", display_name="Coach", role=UserRole.COACH,
                password=COACH_PASSWORD, professional_id=professional,
            )
        assert info.value.code == code


def test_a_partner_user_needs_an_organisation(ctx: ServiceContext, partners: Partners) -> None:
    with pytest.raises(ValidationError) as info:
        users.add_user(
            ctx, username="wijkagent", display_name="Wijkagent", role=UserRole.PARTNER,
            password="politie wachtwoord",
        )
    assert info.value.code == "organisation_required"
    users.add_user(
        ctx, username="wijkagent", display_name="Wijkagent", role=UserRole.PARTNER,
        password="politie wachtwoord", organisation_id=partners.police.id,
    )


@pytest.mark.parametrize(
    ("username", "password", "code"),
    [
        ("", COACH_PASSWORD, "username_required"),
        ("fatima el amrani", COACH_PASSWORD, "username_invalid"),
        ("COORDINATOR", COACH_PASSWORD, "username_exists"),
        ("f.elamrani", "kort", "weak_password"),
        ("f.elamrani1", "f.elamrani1", "weak_password"),
    ],
)
def test_bad_input_is_refused_before_anything_changes(
    ctx: ServiceContext, partners: Partners, username: str, password: str, code: str
) -> None:
    slots = list(ctx.store.file.keyring.slots)
    with pytest.raises(ValidationError) as info:
        users.add_user(
            ctx, username=username, display_name="Fatima", role=UserRole.COACH,
            password=password, professional_id=partners.coach_a.id,
        )
    assert info.value.code == code
    assert ctx.store.file.keyring.slots == slots


def test_one_coach_is_one_user(ctx: ServiceContext, partners: Partners) -> None:
    add_coach(ctx, partners)
    with pytest.raises(ValidationError) as info:
        add_coach(ctx, partners, username="fatima2")
    assert info.value.code == "professional_has_user"


# -- only the coordinator ------------------------------------------------------------------------


def test_a_coach_cannot_add_disable_reset_or_even_list_users(
    ctx: ServiceContext, partners: Partners, store_path: Path
) -> None:
    coordinator_id = ctx.user.id
    add_coach(ctx, partners)
    as_coach = reopen(ctx, store_path, "f.elamrani", COACH_PASSWORD)
    before = store_path.read_bytes()
    try:
        attempts = [
            lambda: users.add_user(
                as_coach, username="nieuw", display_name="Nieuw", role=UserRole.COORDINATOR,
                password="een lang wachtwoord",
            ),
            lambda: users.disable_user(as_coach, coordinator_id),
            lambda: users.reset_password(as_coach, coordinator_id, "een lang wachtwoord"),
            lambda: users.enable_user(as_coach, coordinator_id, "een lang wachtwoord"),
            lambda: users.rotate_data_key(as_coach),
            lambda: users.new_recovery_key(as_coach),
            lambda: users.list_users(as_coach),
        ]
        for attempt in attempts:
            with pytest.raises(PermissionDeniedError) as info:
                attempt()
            assert info.value.code == "coordinator_only"
            assert "Alleen de coördinator" in info.value.message
    finally:
        as_coach.store.close()
    assert store_path.read_bytes() == before


# -- disabling, enabling, resetting ---------------------------------------------------------------


def test_disabling_a_user_makes_their_password_fail_and_rotates_the_key(
    ctx: ServiceContext, partners: Partners, store_path: Path
) -> None:
    user_id = add_coach(ctx, partners)
    data_key = ctx.store.file._data_key
    users.disable_user(ctx, user_id)
    assert ctx.store.file._data_key != data_key
    [row] = [r for r in users.list_users(ctx) if r.id == user_id]
    assert not row.active and not row.can_unlock
    ctx.store.close()
    with pytest.raises(WrongPasswordError):
        Store.open(store_path, username="f.elamrani", password=COACH_PASSWORD)
    Store.open(store_path, username="coordinator", password=PASSWORD).close()


def test_you_cannot_disable_yourself(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as info:
        users.disable_user(ctx, ctx.user.id)
    assert info.value.code == "own_account"


def test_enabling_needs_a_new_password_and_the_old_one_stays_dead(
    ctx: ServiceContext, partners: Partners, store_path: Path
) -> None:
    user_id = add_coach(ctx, partners)
    users.disable_user(ctx, user_id)
    users.enable_user(ctx, user_id, "weer welkom fatima")
    with pytest.raises(ValidationError) as info:
        users.enable_user(ctx, user_id, "weer welkom fatima")
    assert info.value.code == "already_enabled"
    ctx.store.close()
    with pytest.raises(WrongPasswordError):
        Store.open(store_path, username="f.elamrani", password=COACH_PASSWORD)
    Store.open(store_path, username="f.elamrani", password="weer welkom fatima").close()


def test_a_reset_gives_a_new_key_pair_and_keeps_the_data_key(
    ctx: ServiceContext, partners: Partners, store_path: Path
) -> None:
    user_id = add_coach(ctx, partners)
    old_public = ctx.store.file.keyring.slot_of_user(user_id)["public"]  # type: ignore[index]
    data_key = ctx.store.file._data_key
    users.reset_password(ctx, user_id, "vergeten en vernieuwd")
    assert ctx.store.file.keyring.slot_of_user(user_id)["public"] != old_public  # type: ignore[index]
    assert ctx.store.file._data_key == data_key
    ctx.store.close()
    with pytest.raises(WrongPasswordError):
        Store.open(store_path, username="f.elamrani", password=COACH_PASSWORD)
    Store.open(store_path, username="f.elamrani", password="vergeten en vernieuwd").close()


def test_a_disabled_user_is_enabled_not_reset(ctx: ServiceContext, partners: Partners) -> None:
    user_id = add_coach(ctx, partners)
    users.disable_user(ctx, user_id)
    with pytest.raises(ValidationError) as info:
        users.reset_password(ctx, user_id, "vergeten en vernieuwd")
    assert info.value.code == "user_disabled"


def test_an_unknown_user_is_not_found(ctx: ServiceContext) -> None:
    with pytest.raises(NotFoundError):
        users.disable_user(ctx, uuid.uuid4())
    with pytest.raises(NotFoundError):
        users.find_user(ctx, "niemand")


# -- on the record -------------------------------------------------------------------------------


def test_every_change_is_audited_without_any_password(
    ctx: ServiceContext, partners: Partners
) -> None:
    user_id = add_coach(ctx, partners)
    users.reset_password(ctx, user_id, "vergeten en vernieuwd")
    users.disable_user(ctx, user_id)
    users.enable_user(ctx, user_id, "weer welkom fatima")
    users.rotate_data_key(ctx)
    users.new_recovery_key(ctx)
    assert audit_actions(ctx) == [
        "create", "reset_password", "disable", "rotate_key", "enable", "rotate_key",
        "new_recovery_key",
    ]
    with ctx.store.read() as session:
        assert verify_chain(session) is None
        logged = " ".join(str(c) for c in session.scalars(select(AuditEntry.changes)))
    for secret in (COACH_PASSWORD, "vergeten en vernieuwd", "weer welkom fatima", PASSWORD):
        assert secret not in logged
