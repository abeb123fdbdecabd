"""Password-based key derivation: Argon2id, parameters stored per key slot.

Production parameters are calibrated once, when a store is created, to about half a second on the
creating machine with at least 64 MiB of memory; they are stored in the slot, so a slower machine
still opens the store (just more slowly). Tests use TEST_KDF, which is cheap and never used by the
program itself.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from typing import Any

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

MIN_MEMORY_KIB = 64 * 1024
KEY_LENGTH = 32


@dataclass(frozen=True, slots=True)
class KdfParams:
    iterations: int
    memory_kib: int
    lanes: int = 4
    algorithm: str = "argon2id"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KdfParams:
        if data.get("algorithm") != "argon2id":
            raise ValueError("unknown KDF")
        params = cls(
            iterations=int(data["iterations"]),
            memory_kib=int(data["memory_kib"]),
            lanes=int(data["lanes"]),
        )
        if not (1 <= params.iterations <= 1000 and 8 <= params.memory_kib <= 4 * 1024 * 1024):
            raise ValueError("KDF parameters out of range")
        if not 1 <= params.lanes <= 64:
            raise ValueError("KDF parameters out of range")
        return params


TEST_KDF = KdfParams(iterations=1, memory_kib=64, lanes=1)
"""Cheap parameters for tests only."""

DEFAULT_KDF = KdfParams(iterations=3, memory_kib=MIN_MEMORY_KIB, lanes=4)


def derive(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
    return Argon2id(
        salt=salt,
        length=KEY_LENGTH,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    ).derive(secret)


def calibrate(target_seconds: float = 0.5, *, memory_kib: int = MIN_MEMORY_KIB) -> KdfParams:
    """Pick iterations so one derivation takes about ``target_seconds`` here."""
    probe = KdfParams(iterations=1, memory_kib=memory_kib, lanes=4)
    start = time.perf_counter()
    derive(b"calibration", b"\0" * 16, probe)
    one = max(time.perf_counter() - start, 1e-4)
    iterations = max(2, min(64, round(target_seconds / one)))
    return KdfParams(iterations=iterations, memory_kib=memory_kib, lanes=4)
