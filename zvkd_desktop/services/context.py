"""What every use case needs: the open store, who is acting, and what day it is.

"Today" is injected (``today``), never read from the system clock inside services or domain
code, so rules can be tested at their edges with a fixed date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from zvkd_desktop.store.store import CurrentUser, Store


def system_today() -> dt.date:
    """The real date; only the UI and CLI entry points pass this in."""
    return dt.date.today()


@dataclass(frozen=True)
class ServiceContext:
    store: Store
    today: Callable[[], dt.date] = field(default=system_today)

    @property
    def user(self) -> CurrentUser:
        return self.store.user
