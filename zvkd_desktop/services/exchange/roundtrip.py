"""The round-trip proof: export a store, import it into an empty scratch store, export again.

Identical bytes mean the exchange file carries everything (tombstones and sync columns included)
and the import changes nothing on the way in. The scratch store lives in a temporary folder under
a random password that never leaves memory, and is deleted afterwards.
"""

from __future__ import annotations

import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.exchange.export import dumps, export_exchange
from zvkd_desktop.services.exchange.importer import import_exchange
from zvkd_desktop.store.kdf import KdfParams
from zvkd_desktop.store.store import Store

_SCRATCH_KDF = KdfParams(iterations=1, memory_kib=8 * 1024, lanes=1)
"""Key stretching adds nothing to a 256-bit random password used once and then deleted."""


@dataclass(frozen=True)
class RoundTripResult:
    identical: bool
    size: int  # bytes of the first export
    rows: int  # rows imported into the scratch store
    first_difference_line: int | None  # line number only: the lines themselves are personal data


def verify_round_trip(ctx: ServiceContext, scratch_folder: Path | None = None) -> RoundTripResult:
    """Export ``ctx``'s store, import it into a fresh empty store, export again and compare."""
    first = dumps(export_exchange(ctx))
    with tempfile.TemporaryDirectory(dir=scratch_folder, prefix="zvkd-roundtrip-") as tmp:
        folder = Path(tmp)
        store, _recovery = Store.create(
            folder / "scratch.zvkd",
            secrets.token_urlsafe(32),
            username="roundtrip",
            display_name="Round trip",
            kdf=_SCRATCH_KDF,
            state_folder=folder / "state",
        )
        try:
            scratch = ServiceContext(store, today=ctx.today)
            report = import_exchange(scratch, first)
            second = dumps(export_exchange(scratch))
        finally:
            store.close()
    return RoundTripResult(
        first == second, len(first), report.total, _first_difference(first, second)
    )


def _first_difference(first: bytes, second: bytes) -> int | None:
    for number, (a, b) in enumerate(zip(first.splitlines(), second.splitlines(), strict=False), 1):
        if a != b:
            return number
    if len(first.splitlines()) != len(second.splitlines()):
        return min(len(first.splitlines()), len(second.splitlines())) + 1
    return None
