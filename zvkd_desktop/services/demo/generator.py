"""``fill_demo``: a realistic, deterministic Delft demo set in one transaction.

The set runs from the start of the PAD in 2017 to the reference day ``today``: about 150 youths,
their registrations, cases, contacts, reviews and plans. The same ``today`` always gives the same
rows (ids included); another ``today`` gives the same rows for everything up to 2025, and simply
less or more of 2026 (see ``skeleton``, ``details`` and ``scenarios`` for how). The rows are
written directly, in one transaction, exactly as the services would have left them; only the
keyed pseudonym is computed here, because its key belongs to the store.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, insert, select

from zvkd_desktop.domain.pseudonym import pseudonym
from zvkd_desktop.errors import KnownError
from zvkd_desktop.services.demo.details import fill_details
from zvkd_desktop.services.demo.figures import DemoSummary, year_figures
from zvkd_desktop.services.demo.rows import world_rows
from zvkd_desktop.services.demo.scenarios import shape_today
from zvkd_desktop.services.demo.skeleton import build_skeleton
from zvkd_desktop.services.demo.staffing import staff
from zvkd_desktop.services.demo.table import DemoRows
from zvkd_desktop.services.demo.world import World
from zvkd_desktop.services.demo.years import FIRST_YEAR, LAST_YEAR, SEED
from zvkd_desktop.store.models import Youth, utcnow
from zvkd_desktop.store.store import Store

__all__ = ["build_rows", "build_world", "fill_demo"]


def build_world(today: date) -> World:
    world = build_skeleton()
    staff(world, SEED)
    shape_today(world, today, SEED)
    fill_details(world, SEED)
    return world


def build_rows(today: date) -> DemoRows:
    """The demo set as rows on ``today``, without the store-bound columns (pseudonym, device)."""
    return world_rows(build_world(today), today)


def summarise(rows: DemoRows, today: date) -> DemoSummary:
    counts = {model.__tablename__: len(items) for model, items in rows.tables.items()}  # type: ignore[attr-defined]
    last = max(LAST_YEAR, today.year)
    years = tuple(year_figures(rows.tables, range(FIRST_YEAR, min(last, today.year) + 1)))
    return DemoSummary(today=today, counts=counts, years=years)


def fill_demo(store: Store, today: date) -> DemoSummary:
    """Fill an empty store with the demo set as it stands on ``today``."""
    rows = build_rows(today)
    key = store.file.pseudonym_key()
    with store.transaction() as session:
        if session.scalar(select(func.count()).select_from(Youth)):
            raise KnownError(
                "Dit bestand bevat al jongeren. De demoset kan alleen in een nieuw, leeg bestand "
                "worden gemaakt.",
                code="demo_store_not_empty",
            )
        device = session.info.get("device_id")
        now = utcnow()
        for model, items in rows.tables.items():
            if not items:
                continue
            stamped = [
                {**row, "updated_at": now, "device_id": device, "revision": 1} for row in items
            ]
            if model is Youth:
                for row in stamped:
                    row["pseudonym"] = pseudonym(
                        key, row["first_name"], row["last_name"], row["date_of_birth"]
                    )
            session.execute(insert(model.__table__), stamped)  # type: ignore[attr-defined]
    return summarise(rows, today)
