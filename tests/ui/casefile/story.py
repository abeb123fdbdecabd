"""Edits made through the services, to give a demo case a history (for the screenshots)."""

from __future__ import annotations

import uuid

from zvkd_desktop.domain.vocabulary import PoliceContactKind
from zvkd_desktop.services import cases, contacts, family
from zvkd_desktop.services.case_views import get_case
from zvkd_desktop.services.context import ServiceContext


def make_history(ctx: ServiceContext, case_id: uuid.UUID) -> None:
    case = get_case(ctx, case_id)
    today = ctx.today()
    contacts.add_police_contact(
        ctx,
        youth_id=case.youth_id,
        contact_on=today,
        kind=PoliceContactKind.OTHER,
        negative=False,
        note="Aangifte gedaan als slachtoffer van een beroving.",
    )
    cases.set_reoffence_advice(
        ctx,
        case_id,
        "Bij een nieuw feit: taakstraf met begeleiding door "
        "de jeugdreclassering; geen jeugddetentie.",
    )
    cases.set_street_strength(ctx, case_id, True)
    family.add_guardian(
        ctx, case.youth_id, name="Yasmina Visser", relation="moeder", phone="06 12345678"
    )
