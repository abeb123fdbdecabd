"""Where ZVKD Desktop keeps its files, without Qt (the CLI and store need it too).

Mirrors ``QStandardPaths.AppDataLocation`` for organisation "ZVKD", application "ZVKD Desktop", so
the GUI and the command line agree on the default store. ``ZVKD_HOME`` overrides everything (tests
and portable installs); nothing personal is ever kept in these folders outside the encrypted store.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ORGANISATION = "ZVKD"
APPLICATION = "ZVKD Desktop"
STORE_SUFFIX = ".zvkd"


def app_data_dir() -> Path:
    override = os.environ.get("ZVKD_HOME")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / ORGANISATION / APPLICATION


def default_store_path() -> Path:
    return app_data_dir() / f"pad{STORE_SUFFIX}"


def state_dir() -> Path:
    """Machine-local state that is not personal data (the generations seen per store id)."""
    return app_data_dir() / "state"
