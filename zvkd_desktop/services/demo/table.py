"""Table rows with stable ids: the demo set's hand-over from the world to the database."""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from zvkd_desktop.store.models import (
    Base,
    Case,
    CategoryPeriod,
    CoachAssignment,
    CoachContact,
    Guardian,
    Household,
    Organisation,
    PlanAction,
    PlanGoal,
    PlanVersion,
    PoliceContact,
    Professional,
    Registration,
    Reopening,
    Review,
    ReviewProgress,
    Youth,
)

NAMESPACE = uuid.UUID("5d2a6f3e-0b7c-4c1e-9a55-7a1d3c2e8f10")


@functools.lru_cache(maxsize=1 << 16)
def rid(key: str) -> uuid.UUID:
    """The row id of a world key (cached: the same keys come back for every foreign key)."""
    return uuid.uuid5(NAMESPACE, key)


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


@dataclass
class DemoRows:
    """Rows per model, in an order that satisfies every foreign key."""

    tables: dict[type[Base], list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, model: type[Base], row: dict[str, Any]) -> None:
        self.tables.setdefault(model, []).append(row)


MODEL_ORDER: tuple[type[Base], ...] = (
    Organisation, Professional, Household, Youth, Guardian, Registration, Case, CategoryPeriod,
    CoachAssignment, Reopening, PoliceContact, CoachContact, Review, ReviewProgress, PlanVersion,
    PlanGoal, PlanAction,
)  # fmt: skip
