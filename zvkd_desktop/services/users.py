"""Users and their keys: the coordinator adds, disables, enables and resets users.

Each user has an X25519 key pair; their password wraps the private key, and the store's data key
is sealed to the public key (store/keys.py). So the coordinator can do all of this alone:

- adding a user, enabling one again and resetting a password give that user a NEW key pair under
  the new password, with the current data key sealed to it (the coordinator never learns, and
  never needs, anyone's old private key);
- disabling a user removes their slot AND rotates the data key: everything saved from then on is
  encrypted under a new key that is sealed only to the remaining users and the recovery key, so
  the removed user's password — and their slot in any copy of an older file — opens nothing
  saved later. (A copy made before the removal still opens with their old password: that data
  they could read anyway. See resources/security-model.md.)

Every change is audited, in the same transaction and the same save as the key change.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.vocabulary import ProfessionalRole, UserRole
from zvkd_desktop.errors import NotFoundError, PermissionDeniedError, ValidationError
from zvkd_desktop.services.audit import record, record_row
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.partners import require_professional
from zvkd_desktop.services.validation import live_row, require_text
from zvkd_desktop.store.models import Organisation, Professional, User, utcnow
from zvkd_desktop.store.store import CurrentUser

__all__ = [
    "MIN_PASSWORD",
    "UserRow",
    "add_user",
    "check_password",
    "disable_user",
    "enable_user",
    "find_user",
    "list_users",
    "new_recovery_key",
    "require_coordinator",
    "reset_password",
    "rotate_data_key",
]

MIN_PASSWORD = 10
_USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]*")


@dataclass(frozen=True)
class UserRow:
    id: uuid.UUID
    username: str
    display_name: str
    role: UserRole
    professional_id: uuid.UUID | None
    professional_name: str | None
    organisation_id: uuid.UUID | None
    organisation_name: str | None
    disabled_at: datetime | None
    can_unlock: bool
    """The user has a key slot in the file (a disabled user never has one)."""

    @property
    def active(self) -> bool:
        return self.disabled_at is None


def require_coordinator(user: CurrentUser, what: str) -> None:
    if user.role is not UserRole.COORDINATOR:
        raise PermissionDeniedError(
            f"Alleen de coördinator kan {what}. Vraag de coördinator om dit te doen.",
            code="coordinator_only",
        )


def check_password(password: str, username: str | None = None) -> None:
    """The password rule for every new password a coordinator sets."""
    if len(password) < MIN_PASSWORD:
        raise ValidationError(
            f"Kies een wachtwoord van minstens {MIN_PASSWORD} tekens.", code="weak_password"
        )
    if username and password.strip().casefold() == username.strip().casefold():
        raise ValidationError(
            "Het wachtwoord mag niet gelijk zijn aan de gebruikersnaam. Kies een ander wachtwoord.",
            code="weak_password",
        )


def _username(text: str) -> str:
    name = require_text(text, field="username", label="een gebruikersnaam", max_length=64)
    if not _USERNAME.fullmatch(name):
        raise ValidationError(
            f"De gebruikersnaam '{name}' kan niet. Gebruik letters, cijfers en . _ - @, zonder "
            "spaties (bijvoorbeeld j.devries).",
            code="username_invalid",
        )
    return name


def _user(session: Session, user_id: uuid.UUID) -> User:
    return live_row(session, User, user_id, "de gebruiker")


def _check_links(
    session: Session,
    role: UserRole,
    professional_id: uuid.UUID | None,
    organisation_id: uuid.UUID | None,
    except_user: uuid.UUID | None = None,
) -> None:
    """A coach user is a coach professional; a partner user belongs to an organisation."""
    if role is UserRole.COACH and professional_id is None:
        raise ValidationError(
            "Een PAD-coach als gebruiker hoort bij een coach. Kies de coach (onder Coaches) die "
            "deze gebruiker is.",
            code="professional_required",
        )
    if role is UserRole.PARTNER and organisation_id is None:
        raise ValidationError(
            "Een partner als gebruiker hoort bij een organisatie. Kies de organisatie.",
            code="organisation_required",
        )
    if professional_id is not None:
        if role is UserRole.COACH:
            require_professional(session, professional_id, ProfessionalRole.COACH)
        elif role is UserRole.PROCESS_DIRECTOR:
            require_professional(session, professional_id, ProfessionalRole.PROCESS_DIRECTOR)
        else:
            live_row(session, Professional, professional_id, "de professional")
        others = select(User.username).where(
            User.professional_id == professional_id,
            User.disabled_at.is_(None),
            User.deleted_at.is_(None),
        )
        if except_user is not None:
            others = others.where(User.id != except_user)
        taken = session.scalars(others).first()
        if taken is not None:
            raise ValidationError(
                f"Deze professional is al gebruiker '{taken}'. Eén professional heeft één "
                "gebruikersnaam; zet die gebruiker eerst uit als dit een nieuwe moet worden.",
                code="professional_has_user",
            )
    if organisation_id is not None:
        live_row(session, Organisation, organisation_id, "de organisatie")


def add_user(
    ctx: ServiceContext,
    *,
    username: str,
    display_name: str,
    role: UserRole,
    password: str,
    professional_id: uuid.UUID | None = None,
    organisation_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """A new user with their own key pair, whose private key ``password`` wraps."""
    require_coordinator(ctx.user, "gebruikers toevoegen")
    username = _username(username)
    display_name = require_text(
        display_name, field="display_name", label="de naam van de gebruiker", max_length=120
    )
    role = UserRole(role)
    check_password(password, username)
    with ctx.store.transaction() as session:
        existing = session.scalars(
            select(User.id).where(func.lower(User.username) == username.lower())
        ).first()
        if existing is not None:
            raise ValidationError(
                f"Er is al een gebruiker '{username}'. Kies een andere gebruikersnaam, of zet "
                "die gebruiker weer aan.",
                code="username_exists",
            )
        _check_links(session, role, professional_id, organisation_id)
        user = User(
            id=uuid.uuid4(),
            username=username,
            display_name=display_name,
            role=role,
            professional_id=professional_id,
            organisation_id=organisation_id,
        )
        session.add(user)
        ctx.store.set_user_key(session, user, password)
        record_row(session, ctx.user, "create", user)
        return user.id


def disable_user(ctx: ServiceContext, user_id: uuid.UUID) -> None:
    """Lock the user out: their slot goes and the data key is rotated in the same save."""
    require_coordinator(ctx.user, "gebruikers uitzetten")
    if user_id == ctx.user.id:
        raise ValidationError(
            "U kunt uzelf niet uitzetten. Laat een andere coördinator dit doen.",
            code="own_account",
        )
    with ctx.store.transaction() as session:
        user = _user(session, user_id)
        if user.disabled_at is not None:
            return
        user.disabled_at = utcnow().replace(microsecond=0)
        ctx.store.remove_user_key(session, user)
        record_row(session, ctx.user, "disable", user)
        ctx.store.rotate_data_key(session)
        record(session, ctx.user, "rotate_key", changes={"reason": "disable_user"})


def enable_user(ctx: ServiceContext, user_id: uuid.UUID, new_password: str) -> None:
    """Let a disabled user in again, with a new password (their old key pair is gone)."""
    require_coordinator(ctx.user, "gebruikers aanzetten")
    with ctx.store.transaction() as session:
        user = _user(session, user_id)
        check_password(new_password, user.username)
        if user.disabled_at is None:
            raise ValidationError(
                f"{user.display_name} staat al aan. Stel zo nodig een nieuw wachtwoord in.",
                code="already_enabled",
            )
        _check_links(session, user.role, user.professional_id, user.organisation_id, user.id)
        user.disabled_at = None
        ctx.store.set_user_key(session, user, new_password)
        record_row(session, ctx.user, "enable", user)


def reset_password(ctx: ServiceContext, user_id: uuid.UUID, new_password: str) -> None:
    """A new password for a user who forgot theirs: a NEW key pair under it, with the current
    data key sealed to it (the old password no longer opens what is saved from now on)."""
    require_coordinator(ctx.user, "wachtwoorden opnieuw instellen")
    with ctx.store.transaction() as session:
        user = _user(session, user_id)
        check_password(new_password, user.username)
        if user.disabled_at is not None:
            raise ValidationError(
                f"{user.display_name} staat uit. Zet de gebruiker aan met een nieuw wachtwoord.",
                code="user_disabled",
            )
        ctx.store.set_user_key(session, user, new_password)
        record_row(session, ctx.user, "reset_password", user)


def rotate_data_key(ctx: ServiceContext) -> None:
    """A new data key for the whole file, e.g. when a password or a copy may have leaked."""
    require_coordinator(ctx.user, "de gegevenssleutel vernieuwen")
    with ctx.store.transaction() as session:
        ctx.store.rotate_data_key(session)
        record(session, ctx.user, "rotate_key", changes={"reason": "coordinator"})


def new_recovery_key(ctx: ServiceContext) -> str:
    """A new recovery key (show it once); the old one stops working with this save."""
    require_coordinator(ctx.user, "een nieuwe herstelsleutel maken")
    with ctx.store.transaction() as session:
        code = ctx.store.replace_recovery_key(session)
        record(session, ctx.user, "new_recovery_key")
    return code


def list_users(ctx: ServiceContext) -> list[UserRow]:
    require_coordinator(ctx.user, "de gebruikers bekijken")
    slots = ctx.store.key_slot_ids()
    query = (
        select(
            User.id,
            User.username,
            User.display_name,
            User.role,
            User.professional_id,
            Professional.name,
            User.organisation_id,
            Organisation.name,
            User.disabled_at,
            User.slot_id,
        )
        .outerjoin(Professional, Professional.id == User.professional_id)
        .outerjoin(Organisation, Organisation.id == User.organisation_id)
        .where(User.deleted_at.is_(None))
        .order_by(func.lower(User.username))
    )
    with ctx.store.read() as session:
        return [
            UserRow(*row[:9], can_unlock=row[9] is not None and row[9] in slots)
            for row in session.execute(query)
        ]


def find_user(ctx: ServiceContext, username: str) -> UserRow:
    """The user with this name (any letter case), for the command line."""
    wanted = username.strip().casefold()
    for row in list_users(ctx):
        if row.username.casefold() == wanted:
            return row
    raise NotFoundError(
        f"Er is geen gebruiker '{username}'. 'zvkd user list' toont alle gebruikers.",
        code="not_found",
    )
