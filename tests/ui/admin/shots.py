"""Render every Beheer tab and dialog on the demo store with a lived-in log (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.admin.shots [/tmp/zvkd-shots/admin]
    QT_SCALE_FACTOR=1.5 QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.admin.shots /tmp/zvkd-shots/admin-150

The demo store has one user and an empty audit log, so first a few colleagues are added (one of
them has left and is disabled) and a morning's work is done as each of them through the real
services. Everything lives in a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

COLLEAGUE_PASSWORD = "Fietsen langs de Schie 12"


def lived_in(context: object) -> None:
    """Colleagues and a morning's work in the log (demo store only)."""
    from sqlalchemy import select

    from zvkd_desktop.domain.vocabulary import OrganisationKind, ProfessionalRole, UserRole
    from zvkd_desktop.services import access_log, cases, users
    from zvkd_desktop.services.partners import list_organisations, list_professionals
    from zvkd_desktop.services.privacy import inzage_export
    from zvkd_desktop.services.settings import set_setting
    from zvkd_desktop.store.models import Case

    ctx = context.services  # type: ignore[attr-defined]
    store = ctx.store
    coaches = list_professionals(ctx, role=ProfessionalRole.COACH)[:3]
    directors = list_professionals(ctx, role=ProfessionalRole.PROCESS_DIRECTOR)[:1]
    police = next(o for o in list_organisations(ctx) if o.kind == OrganisationKind.POLICE)
    made = {}
    for coach in coaches:
        first, *rest = coach.name.split()
        username = f"{first[0].lower()}.{''.join(rest).lower()}"
        made[username] = users.add_user(ctx, username=username, display_name=coach.name,
                                         role=UserRole.COACH, password=COLLEAGUE_PASSWORD,
                                         professional_id=coach.id)  # fmt: skip
    for director in directors:
        made["procesregie"] = users.add_user(ctx, username="procesregie", display_name=director.name,
                                             role=UserRole.PROCESS_DIRECTOR,
                                             password=COLLEAGUE_PASSWORD,
                                             professional_id=director.id)  # fmt: skip
    made["wijkagent"] = users.add_user(ctx, username="wijkagent.west", display_name="Wijkagent Delft-West",
                                       role=UserRole.PARTNER, password=COLLEAGUE_PASSWORD,
                                       organisation_id=police.id)  # fmt: skip
    me = store.user
    rows = {row.id: row for row in users.list_users(ctx)}

    def as_user(user_id: object, role: UserRole, professional_id: object = None) -> None:
        row = rows[user_id]
        store.user = dataclasses.replace(me, id=row.id, username=row.username,
                                         display_name=row.display_name, role=role,
                                         professional_id=professional_id)  # fmt: skip

    with store.read() as session:
        running = session.execute(
            select(Case.id, Case.coach_id).where(Case.closed_on.is_(None)).limit(40)
        ).all()
    try:
        for username, coach in zip(list(made)[:3], coaches, strict=False):
            as_user(made[username], UserRole.COACH, coach.id)
            own = [case_id for case_id, coach_id in running if coach_id == coach.id][:2]
            for case_id in own:
                access_log.record_view(ctx, case_id)
            if own:
                cases.set_reoffence_advice(
                    ctx, own[0], "Bij een nieuw incident direct de coach bellen."
                )
        if directors:
            as_user(made["procesregie"], UserRole.PROCESS_DIRECTOR, directors[0].id)
            for case_id, _coach in running[:2]:
                access_log.record_view(ctx, case_id)
                cases.set_street_strength(ctx, case_id, True)
            access_log.record_print(ctx, "meeting_agenda", "kernteam")
    finally:
        store.user = me
    set_setting(ctx, "review_cadence_weeks", 8)
    access_log.record_report(ctx, 2023, formats=["pdf", "xlsx"])
    access_log.record_export(ctx, "yearly_xlsx", "2023", formats=["xlsx"])
    with store.read() as session:
        youth_id = session.scalars(select(Case.youth_id).limit(1)).first()
    inzage_export(ctx, youth_id)
    users.disable_user(ctx, made[list(made)[2]])  # a coach who left


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ZVKD_HOME"] = str(Path(tmp) / "home")
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from tests.ui.signals.demo import TODAY, demo_store_file, open_copy
        from zvkd_desktop.ui.admin import render_screenshots
        from zvkd_desktop.ui.app import configure
        from zvkd_desktop.ui.sections import AppContext

        app = QApplication.instance() or QApplication([])
        assert isinstance(app, QApplication)
        configure(app)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        store = open_copy(demo_store_file(Path(tmp)), Path(tmp) / "work" / "pad.zvkd")
        context = AppContext(store, today=lambda: TODAY)
        try:
            lived_in(context)
            for path in render_screenshots(context, out):
                print(path)
        finally:
            context.closed = True
            store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/zvkd-shots/admin"))
