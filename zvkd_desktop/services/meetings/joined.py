"""Running the casework services inside one transaction: one agenda item, one unit of work.

Every casework service (``record_review``, ``close_case``, ``decide_admit`` ...) opens its own
transaction on ``ctx.store``. A decision on an agenda item may need several of them (a new coach,
then the review with the next date) plus the decision rows themselves, and the issue asks for all
of that to commit together or not at all. :class:`JoinedStore` stands in for the store: each
service's ``transaction()`` becomes a SAVEPOINT inside the item's single transaction, and its
``read()`` reads that same session. So a service that refuses rolls back only its own part (its
refusal is recorded on the decision), and the item commits — and the store file is written — once.

The services are used exactly as the GUI uses them; their validation and audit run unchanged.
Tests use the same to build a world of many rows in one transaction (one encrypted save).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy.orm import Session

from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.store.store import CurrentUser, Store

__all__ = ["JoinedStore", "joined_context"]


class JoinedStore:
    """The parts of :class:`Store` that services use, bound to one open session."""

    def __init__(self, store: Store, session: Session) -> None:
        self._store = store
        self._session = session

    @property
    def user(self) -> CurrentUser:
        return self._store.user

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        _require_begun(self._session)
        with self._session.begin_nested():
            yield self._session

    @contextmanager
    def read(self) -> Iterator[Session]:
        yield self._session

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def joined_context(ctx: ServiceContext, session: Session) -> ServiceContext:
    """A context whose services all work inside ``session`` (see the module docstring)."""
    return ServiceContext(cast(Store, JoinedStore(ctx.store, session)), today=ctx.today)


def _require_begun(session: Session) -> None:
    """A SAVEPOINT must start inside a begun transaction.

    Python's sqlite3 driver begins a transaction only at the first write; a SAVEPOINT issued
    before that starts a transaction of its own, and releasing it would commit everything at
    once. So the transaction is begun here explicitly when nothing has been written yet (the
    sqlite3 driver then commits it as its own when the store's transaction commits).
    """
    session.flush()
    driver = session.connection().connection.driver_connection
    if isinstance(driver, sqlite3.Connection) and not driver.in_transaction:
        session.connection().exec_driver_sql("BEGIN")
