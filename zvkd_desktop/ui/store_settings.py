"""The store-wide settings the shell itself uses, read and written through the settings service.

One small adapter so the shell's pages and the idle lock do not each build a ServiceContext.
"""

from __future__ import annotations

from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.settings import SETTING_SPECS, get_settings, set_setting
from zvkd_desktop.store.store import Store

IDLE_LOCK_KEY = "idle_lock_minutes"
MIN_IDLE_LOCK_MINUTES = SETTING_SPECS[IDLE_LOCK_KEY].minimum
MAX_IDLE_LOCK_MINUTES = SETTING_SPECS[IDLE_LOCK_KEY].maximum


def read_idle_lock_minutes(store: Store) -> int:
    """The configured minutes (the service falls back to the default when unset)."""
    return get_settings(ServiceContext(store)).idle_lock_minutes


def write_idle_lock_minutes(store: Store, minutes: int) -> bool:
    """Store ``minutes`` (validated and audited by the service); False when nothing changed,
    so an unchanged value does not cost a save."""
    if read_idle_lock_minutes(store) == minutes:
        return False
    set_setting(ServiceContext(store), IDLE_LOCK_KEY, minutes)
    return True
