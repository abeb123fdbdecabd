"""Partner organisations and professionals (coaches, process directors).

Neither is ever deleted while anything refers to it: a registration keeps its registrant and a case
keeps its coach history. Deactivating hides them from the pick lists for new work only.
Organisations have no ``active`` column, so deactivating one tombstones it and reactivating clears
the tombstone; views of existing registrations still show its name.

Managing the lists (adding, renaming, (de)activating) is for a coordinator or process director;
every role may read them (they name organisations and professionals, not youths).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.vocabulary import OrganisationKind, ProfessionalRole
from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services.access import MANAGERS, require_role
from zvkd_desktop.services.audit import record_row
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.validation import live_row, require_text
from zvkd_desktop.store.models import Case, Organisation, Professional

__all__ = [
    "OrganisationRow",
    "ProfessionalRow",
    "add_organisation",
    "add_professional",
    "deactivate_organisation",
    "deactivate_professional",
    "list_organisations",
    "list_professionals",
    "reactivate_organisation",
    "reactivate_professional",
    "rename_organisation",
    "rename_professional",
    "require_professional",
]

_ROLE_NAMES = {
    ProfessionalRole.COACH: "een PAD-coach",
    ProfessionalRole.PROCESS_DIRECTOR: "een procesregisseur",
    ProfessionalRole.OTHER: "een professional",
}


@dataclass(frozen=True)
class OrganisationRow:
    id: uuid.UUID
    name: str
    kind: OrganisationKind
    active: bool


@dataclass(frozen=True)
class ProfessionalRow:
    id: uuid.UUID
    name: str
    role: ProfessionalRole
    organisation_id: uuid.UUID | None
    organisation_name: str | None
    active: bool


def _org_name(name: str) -> str:
    return require_text(
        name, field="organisation_name", label="de naam van de organisatie", max_length=120
    )


def _professional_name(name: str) -> str:
    return require_text(
        name, field="professional_name", label="de naam van de professional", max_length=120
    )


def _refuse_duplicate_organisation(
    session: Session, name: str, except_id: uuid.UUID | None = None
) -> None:
    query = select(Organisation.id).where(
        Organisation.deleted_at.is_(None), func.lower(Organisation.name) == name.lower()
    )
    if except_id is not None:
        query = query.where(Organisation.id != except_id)
    if session.scalars(query).first() is not None:
        raise ValidationError(
            f"Er is al een organisatie met de naam '{name}'. Kies die organisatie of een andere "
            "naam.",
            code="organisation_exists",
        )


def add_organisation(ctx: ServiceContext, *, name: str, kind: OrganisationKind) -> uuid.UUID:
    name = _org_name(name)
    kind = OrganisationKind(kind)
    with ctx.store.transaction() as session:
        require_role(ctx.user, *MANAGERS)
        _refuse_duplicate_organisation(session, name)
        organisation = Organisation(id=uuid.uuid4(), name=name, kind=kind)
        session.add(organisation)
        record_row(session, ctx.user, "create", organisation)
        return organisation.id


def rename_organisation(ctx: ServiceContext, organisation_id: uuid.UUID, name: str) -> None:
    name = _org_name(name)
    with ctx.store.transaction() as session:
        require_role(ctx.user, *MANAGERS)
        organisation = live_row(session, Organisation, organisation_id, "de organisatie")
        if organisation.name == name:
            return
        _refuse_duplicate_organisation(session, name, except_id=organisation_id)
        organisation.name = name
        record_row(session, ctx.user, "update", organisation)


def deactivate_organisation(ctx: ServiceContext, organisation_id: uuid.UUID) -> None:
    """Hide it from the pick lists; registrations that name it keep doing so."""
    with ctx.store.transaction() as session:
        require_role(ctx.user, *MANAGERS)
        organisation = live_row(session, Organisation, organisation_id, "de organisatie")
        organisation.tombstone()
        record_row(session, ctx.user, "deactivate", organisation)


def reactivate_organisation(ctx: ServiceContext, organisation_id: uuid.UUID) -> None:
    with ctx.store.transaction() as session:
        require_role(ctx.user, *MANAGERS)
        organisation = session.get(Organisation, organisation_id)
        if organisation is None:
            live_row(session, Organisation, organisation_id, "de organisatie")  # raises
            return
        if organisation.deleted_at is None:
            return
        _refuse_duplicate_organisation(session, organisation.name, except_id=organisation_id)
        organisation.deleted_at = None
        record_row(session, ctx.user, "reactivate", organisation)


def list_organisations(
    ctx: ServiceContext, *, include_inactive: bool = False
) -> list[OrganisationRow]:
    query = select(
        Organisation.id, Organisation.name, Organisation.kind, Organisation.deleted_at
    ).order_by(func.lower(Organisation.name))
    if not include_inactive:
        query = query.where(Organisation.deleted_at.is_(None))
    with ctx.store.read() as session:
        return [
            OrganisationRow(id=row_id, name=name, kind=kind, active=deleted is None)
            for row_id, name, kind, deleted in session.execute(query)
        ]


def require_professional(
    session: Session, professional_id: uuid.UUID, role: ProfessionalRole
) -> Professional:
    """An active professional in ``role``, for a new assignment (coach, process director)."""
    professional = live_row(session, Professional, professional_id, "de professional")
    if professional.role != role:
        raise ValidationError(
            f"{professional.name} is geen {_ROLE_NAMES[role].removeprefix('een ')}. "
            f"Kies {_ROLE_NAMES[role]}.",
            code=f"not_a_{role.value}",
        )
    if not professional.active:
        raise ValidationError(
            f"{professional.name} is niet meer actief. Kies {_ROLE_NAMES[role]} die wel actief "
            "is, of activeer eerst deze professional.",
            code="professional_inactive",
        )
    return professional


def add_professional(
    ctx: ServiceContext,
    *,
    name: str,
    role: ProfessionalRole,
    organisation_id: uuid.UUID | None = None,
) -> uuid.UUID:
    name = _professional_name(name)
    role = ProfessionalRole(role)
    with ctx.store.transaction() as session:
        require_role(ctx.user, *MANAGERS)
        if organisation_id is not None:
            live_row(session, Organisation, organisation_id, "de organisatie")
        professional = Professional(
            id=uuid.uuid4(), name=name, role=role, organisation_id=organisation_id, active=True
        )
        session.add(professional)
        record_row(session, ctx.user, "create", professional)
        return professional.id


def rename_professional(ctx: ServiceContext, professional_id: uuid.UUID, name: str) -> None:
    name = _professional_name(name)
    with ctx.store.transaction() as session:
        require_role(ctx.user, *MANAGERS)
        professional = live_row(session, Professional, professional_id, "de professional")
        if professional.name == name:
            return
        professional.name = name
        record_row(session, ctx.user, "update", professional)


def deactivate_professional(ctx: ServiceContext, professional_id: uuid.UUID) -> None:
    """A coach who leaves: refused while they still coach running cases (reassign those first)."""
    with ctx.store.transaction() as session:
        require_role(ctx.user, *MANAGERS)
        professional = live_row(session, Professional, professional_id, "de professional")
        if not professional.active:
            return
        running = session.scalar(
            select(func.count(Case.id)).where(
                Case.coach_id == professional_id,
                Case.closed_on.is_(None),
                Case.deleted_at.is_(None),
            )
        )
        if running:
            cases = "1 lopende casus" if running == 1 else f"{running} lopende casussen"
            raise ValidationError(
                f"{professional.name} is nog coach van {cases}. Wijs die eerst een andere coach "
                "toe.",
                code="coach_has_running_cases",
            )
        professional.active = False
        record_row(session, ctx.user, "deactivate", professional)


def reactivate_professional(ctx: ServiceContext, professional_id: uuid.UUID) -> None:
    with ctx.store.transaction() as session:
        require_role(ctx.user, *MANAGERS)
        professional = live_row(session, Professional, professional_id, "de professional")
        if professional.active:
            return
        professional.active = True
        record_row(session, ctx.user, "reactivate", professional)


def list_professionals(
    ctx: ServiceContext,
    *,
    role: ProfessionalRole | None = None,
    include_inactive: bool = False,
) -> list[ProfessionalRow]:
    query = (
        select(
            Professional.id,
            Professional.name,
            Professional.role,
            Professional.organisation_id,
            Organisation.name,
            Professional.active,
        )
        .outerjoin(Organisation, Organisation.id == Professional.organisation_id)
        .where(Professional.deleted_at.is_(None))
        .order_by(func.lower(Professional.name))
    )
    if role is not None:
        query = query.where(Professional.role == role)
    if not include_inactive:
        query = query.where(Professional.active.is_(True))
    with ctx.store.read() as session:
        return [ProfessionalRow(*row) for row in session.execute(query)]
