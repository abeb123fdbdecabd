"""Schema migrations with Alembic, run inside the in-memory database when a store is opened."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from zvkd_desktop.errors import NewerFormatError


def migrations_dir() -> Path:
    """``db/`` at the top of the repository (or where ZVKD_DB_DIR or a frozen build puts it)."""
    override = os.environ.get("ZVKD_DB_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "db"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


@functools.cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None, "db/versions holds no migration"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> str | None:
    """Bring the schema to the newest revision; returns the revision it had before (None: new)."""
    before = current_revision(engine)
    if before == head_revision():
        return before
    if before is not None and _scripts().get_revision(before) is None:
        raise NewerFormatError(
            "Dit bestand heeft een nieuwere opbouw dan deze versie van ZVKD Desktop kent. "
            "Werk het programma bij om het te openen.",
            code="newer_schema",
        )
    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    return before
