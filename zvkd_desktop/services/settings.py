"""The chamber's settings: policy period, review cadence, signal thresholds, lock and retention.

They are store-wide rows (``Setting``), so every user of the same store works under the same
policy; a missing row means the default. The defaults are today's PAD policy:

- ``policy_months`` (6): the closure rule's "more than 6 months not negatively in view";
- ``review_cadence_weeks`` (6): how often a new case is reviewed in the core team;
- ``coach_contact_weeks`` (4), ``pending_days`` (14), ``turns_27_months`` (3): signal thresholds;
- ``idle_lock_minutes`` (10): the program locks itself after this long without input;
- ``retention_months`` (0): how long personal data is kept after a case is closed before it is
  erased. 0 means "as soon as monitoring stops" — the chamber's policy ("daarna wissen we de
  privacygegevens"): the erasure is offered from the closure date on. Figures stay either way.

Every role reads them (the signals and rules need them); only a coordinator changes them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.signals import SignalSettings
from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services.access import require_role
from zvkd_desktop.services.audit import record_row
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.store.models import Setting

__all__ = [
    "SETTING_SPECS",
    "Settings",
    "SettingRow",
    "SettingSpec",
    "checked_setting",
    "get_settings",
    "get_settings_from_session",
    "list_settings",
    "reset_setting",
    "set_setting",
    "signal_settings",
]


@dataclass(frozen=True)
class Settings:
    policy_months: int = 6
    review_cadence_weeks: int = 6
    coach_contact_weeks: int = 4
    pending_days: int = 14
    turns_27_months: int = 3
    idle_lock_minutes: int = 10
    retention_months: int = 0


@dataclass(frozen=True)
class SettingSpec:
    """The Dutch label and the sane range of one setting (inclusive)."""

    label: str
    unit: str
    minimum: int
    maximum: int


SETTING_SPECS: dict[str, SettingSpec] = {
    "policy_months": SettingSpec("Periode zonder negatief politiecontact", "maanden", 1, 36),
    "review_cadence_weeks": SettingSpec("Bespreekfrequentie van een casus", "weken", 1, 52),
    "coach_contact_weeks": SettingSpec("Signaal: geen contact met de coach na", "weken", 1, 52),
    "pending_days": SettingSpec("Signaal: aanmelding zonder besluit na", "dagen", 1, 365),
    "turns_27_months": SettingSpec("Signaal: jongere wordt 27 binnen", "maanden", 0, 24),
    "idle_lock_minutes": SettingSpec("Vergrendelen na inactiviteit", "minuten", 1, 240),
    "retention_months": SettingSpec("Persoonsgegevens bewaren na afsluiten", "maanden", 0, 120),
}
assert set(SETTING_SPECS) == {f.name for f in fields(Settings)}


@dataclass(frozen=True)
class SettingRow:
    """One setting as the settings screen shows it."""

    key: str
    label: str
    unit: str
    value: int
    default: int
    minimum: int
    maximum: int
    is_default: bool


def _spec(key: str) -> SettingSpec:
    spec = SETTING_SPECS.get(key)
    if spec is None:
        raise ValidationError(
            f"Onbekende instelling '{key}'. Kies een van: {', '.join(SETTING_SPECS)}.",
            code="unknown_setting",
        )
    return spec


def checked_setting(key: str, value: Any) -> int:
    """The value as an int within the setting's range, or a Dutch refusal (also used for a
    per-case value with the same meaning, such as a case's own review cadence)."""
    spec = _spec(key)
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip().lstrip("-").isdigit():
        number = int(value.strip())
    if number is None:
        raise ValidationError(
            f"{spec.label}: vul een heel getal in ({spec.unit}).", code="setting_not_integer"
        )
    if not spec.minimum <= number <= spec.maximum:
        raise ValidationError(
            f"{spec.label}: {number} {spec.unit} kan niet. Kies een waarde van {spec.minimum} "
            f"tot en met {spec.maximum} {spec.unit}.",
            code="setting_out_of_range",
        )
    return number


def get_settings_from_session(session: Session) -> Settings:
    """The settings inside another service's transaction (same snapshot as its other reads).

    A stored value that is no longer valid (a range tightened in a later version, a hand-edited
    exchange file) falls back to the default instead of breaking every service that reads it.
    """
    overrides: dict[str, int] = {}
    rows = session.execute(
        select(Setting.key, Setting.value).where(Setting.deleted_at.is_(None))
    ).all()
    for key, value in rows:
        try:
            overrides[key] = checked_setting(key, value)
        except ValidationError:
            continue
    return replace(Settings(), **overrides)


def get_settings(ctx: ServiceContext) -> Settings:
    with ctx.store.read() as session:
        return get_settings_from_session(session)


def list_settings(ctx: ServiceContext) -> list[SettingRow]:
    current = get_settings(ctx)
    defaults = Settings()
    return [
        SettingRow(
            key=key,
            label=spec.label,
            unit=spec.unit,
            value=getattr(current, key),
            default=getattr(defaults, key),
            minimum=spec.minimum,
            maximum=spec.maximum,
            is_default=getattr(current, key) == getattr(defaults, key),
        )
        for key, spec in SETTING_SPECS.items()
    ]


def set_setting(ctx: ServiceContext, key: str, value: int | str) -> Settings:
    """Store one setting (validated); returns the settings as they are now."""
    number = checked_setting(key, value)
    with ctx.store.transaction() as session:
        require_role(ctx.user, UserRole.COORDINATOR)
        row = session.scalars(select(Setting).where(Setting.key == key)).first()
        if row is None:
            row = Setting(key=key, value=number)
            session.add(row)
            record_row(session, ctx.user, "create", row)
        elif row.deleted_at is not None or row.value != number:
            # the key is unique, so a reset (tombstoned) row is revived rather than duplicated
            row.deleted_at = None
            row.value = number
            record_row(session, ctx.user, "update", row)
        return get_settings_from_session(session)


def reset_setting(ctx: ServiceContext, key: str) -> Settings:
    """Back to the default (the inverse of :func:`set_setting`)."""
    _spec(key)
    with ctx.store.transaction() as session:
        require_role(ctx.user, UserRole.COORDINATOR)
        row = session.scalars(
            select(Setting).where(Setting.key == key, Setting.deleted_at.is_(None))
        ).first()
        if row is not None:
            row.tombstone()
            record_row(session, ctx.user, "delete", row)
        return get_settings_from_session(session)


def signal_settings(settings: Settings) -> SignalSettings:
    return SignalSettings(
        policy_months=settings.policy_months,
        coach_contact_weeks=settings.coach_contact_weeks,
        pending_days=settings.pending_days,
        turns_27_months=settings.turns_27_months,
    )
