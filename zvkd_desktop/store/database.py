"""The database in memory: SQLite deserialized from the decrypted file, SQLAlchemy on top.

The SQLite database never exists on disk in plaintext: it lives in one in-memory connection
(``temp_store=MEMORY``, an in-memory journal), and SQLAlchemy runs on exactly that connection
through a StaticPool. ``serialize()`` gives the bytes the store file encrypts.
"""

from __future__ import annotations

import sqlite3
import uuid

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool


class Database:
    def __init__(self, payload: bytes | None, *, device_id: uuid.UUID) -> None:
        self.connection = sqlite3.connect(":memory:", check_same_thread=False)
        if payload:
            self.connection.deserialize(payload)
        for pragma in (
            "PRAGMA temp_store=MEMORY",
            "PRAGMA journal_mode=MEMORY",
            "PRAGMA foreign_keys=ON",
            # overwrite deleted content, so erased personal data leaves no trace in free pages
            # (some SQLite builds default to this, not all)
            "PRAGMA secure_delete=ON",
        ):
            self.connection.execute(pragma)
        conn = self.connection
        self.engine: Engine = create_engine(
            "sqlite://", creator=lambda: conn, poolclass=StaticPool, future=True
        )

        @event.listens_for(self.engine, "connect")
        def _no_plaintext_on_disk(dbapi_conn: sqlite3.Connection, _record: object) -> None:
            dbapi_conn.execute("PRAGMA temp_store=MEMORY")
            dbapi_conn.execute("PRAGMA secure_delete=ON")

        self.sessions = sessionmaker(self.engine, expire_on_commit=False, future=True)
        self.device_id = device_id

    def session(self) -> Session:
        session = self.sessions()
        session.info["device_id"] = self.device_id
        return session

    def serialize(self) -> bytes:
        return self.connection.serialize()

    def close(self) -> None:
        self.engine.dispose()
        self.connection.close()
