"""Alembic environment for ZVKD stores.

The program runs migrations on the decrypted in-memory database it already holds (the connection is
passed in ``config.attributes["connection"]``); nothing is ever migrated on a plaintext file. For
``alembic upgrade head`` + ``alembic revision --autogenerate`` during development, an empty schema-only
database ``db/.dev-schema.sqlite`` (ignored by git, never holding data) is used.
"""

from __future__ import annotations

from pathlib import Path

from alembic import context
from sqlalchemy import create_engine

from zvkd_desktop.store.models import Base

config = context.config
connection = config.attributes.get("connection")


def _run(conn: object) -> None:
    context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:
    engine = create_engine(f"sqlite:///{Path(__file__).with_name('.dev-schema.sqlite')}")
    with engine.connect() as conn:
        _run(conn)
        conn.commit()
