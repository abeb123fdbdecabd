"""Settings: today's PAD policy by default, store-wide overrides, validated, audited."""

from __future__ import annotations

import pytest

from tests.services.lifecycle import audit_entries
from zvkd_desktop.domain.signals import SignalSettings
from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services.audit import verify_chain
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.settings import (
    Settings,
    get_settings,
    list_settings,
    reset_setting,
    set_setting,
    signal_settings,
)
from zvkd_desktop.store.models import Setting


def test_a_new_store_works_under_todays_policy(ctx: ServiceContext) -> None:
    settings = get_settings(ctx)
    assert settings == Settings(
        policy_months=6,
        review_cadence_weeks=6,
        coach_contact_weeks=4,
        pending_days=14,
        turns_27_months=3,
        idle_lock_minutes=10,
        retention_months=0,
    )


def test_a_stored_setting_overrides_the_default_and_is_audited(ctx: ServiceContext) -> None:
    returned = set_setting(ctx, "policy_months", 9)
    assert returned.policy_months == 9
    assert get_settings(ctx).policy_months == 9
    assert get_settings(ctx).review_cadence_weeks == 6
    (entry,) = audit_entries(ctx.store, "setting")
    assert (entry.action, entry.changes["value"]) == ("create", [None, 9])

    set_setting(ctx, "policy_months", 12)
    update = audit_entries(ctx.store, "setting")[-1]
    assert (update.action, update.changes["value"]) == ("update", [9, 12])


def test_resetting_returns_to_the_default_and_setting_again_revives_the_row(
    ctx: ServiceContext,
) -> None:
    set_setting(ctx, "review_cadence_weeks", 8)
    assert reset_setting(ctx, "review_cadence_weeks").review_cadence_weeks == 6
    assert set_setting(ctx, "review_cadence_weeks", 4).review_cadence_weeks == 4
    with ctx.store.read() as session:
        assert session.query(Setting).count() == 1
        assert verify_chain(session) is None
    assert [e.action for e in audit_entries(ctx.store, "setting")] == ["create", "delete", "update"]


def test_setting_the_same_value_again_writes_nothing(ctx: ServiceContext) -> None:
    set_setting(ctx, "pending_days", 21)
    set_setting(ctx, "pending_days", 21)
    assert len(audit_entries(ctx.store, "setting")) == 1


@pytest.mark.parametrize(
    ("key", "value", "code"),
    [
        ("policy_months", 0, "setting_out_of_range"),
        ("policy_months", 37, "setting_out_of_range"),
        ("review_cadence_weeks", -1, "setting_out_of_range"),
        ("idle_lock_minutes", 0, "setting_out_of_range"),
        ("retention_months", 121, "setting_out_of_range"),
        ("policy_months", "zes", "setting_not_integer"),
        ("policy_months", 6.5, "setting_not_integer"),
        ("policy_months", True, "setting_not_integer"),
        ("months", 6, "unknown_setting"),
    ],
)
def test_a_setting_out_of_its_sane_range_is_refused(
    ctx: ServiceContext, key: str, value: object, code: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        set_setting(ctx, key, value)  # type: ignore[arg-type]
    assert refused.value.code == code
    assert get_settings(ctx) == Settings()


def test_the_refusal_says_what_is_allowed_in_dutch(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as refused:
        set_setting(ctx, "policy_months", 40)
    assert "Kies een waarde van 1 tot en met 36 maanden" in refused.value.message


def test_a_number_typed_as_text_is_accepted(ctx: ServiceContext) -> None:
    assert set_setting(ctx, "retention_months", " 3 ").retention_months == 3


def test_retention_zero_means_erase_as_soon_as_monitoring_stops(ctx: ServiceContext) -> None:
    assert get_settings(ctx).retention_months == 0
    assert set_setting(ctx, "retention_months", 0).retention_months == 0


def test_an_invalid_stored_value_falls_back_to_the_default(ctx: ServiceContext) -> None:
    with ctx.store.transaction() as session:
        session.add(Setting(key="pending_days", value="veertien"))
    assert get_settings(ctx).pending_days == 14


def test_signal_settings_carry_the_thresholds(ctx: ServiceContext) -> None:
    set_setting(ctx, "coach_contact_weeks", 3)
    set_setting(ctx, "policy_months", 8)
    assert signal_settings(get_settings(ctx)) == SignalSettings(
        policy_months=8, coach_contact_weeks=3, pending_days=14, turns_27_months=3
    )


def test_the_settings_list_shows_labels_ranges_and_defaults(ctx: ServiceContext) -> None:
    set_setting(ctx, "idle_lock_minutes", 5)
    rows = {row.key: row for row in list_settings(ctx)}
    assert set(rows) == set(Settings.__dataclass_fields__)
    lock = rows["idle_lock_minutes"]
    assert (lock.value, lock.default, lock.is_default, lock.unit) == (5, 10, False, "minuten")
    assert rows["policy_months"].is_default
