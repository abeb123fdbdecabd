"""The highest generation this machine has seen per store id, kept outside the store file.

A store file swapped for an older, valid copy would otherwise open silently and lose every change
made since; remembering the generation lets the program warn (rollback). Only a store id (a random
UUID) and a number are written: nothing about the cases or the people.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

from zvkd_desktop.paths import state_dir


class GenerationMemory:
    def __init__(self, folder: Path | None = None) -> None:
        self.file = (folder or state_dir()) / "generations.json"

    def _load(self) -> dict[str, int]:
        try:
            data = json.loads(self.file.read_text("utf-8"))
            return {str(k): int(v) for k, v in data.items()}
        except (OSError, ValueError, AttributeError):
            return {}

    def seen(self, store_id: str) -> int:
        return self._load().get(store_id, 0)

    def remember(self, store_id: str, generation: int) -> None:
        """Best effort: failing to remember must never fail a save."""
        data = self._load()
        if data.get(store_id, 0) >= generation:
            return
        data[store_id] = generation
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.file.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data), "utf-8")
            os.replace(tmp, self.file)
        except OSError:
            pass


def device_id(folder: Path | None = None) -> uuid.UUID:
    """This installation's id, stamped on every row it changes (for sync later)."""
    file = (folder or state_dir()) / "device-id"
    try:
        return uuid.UUID(file.read_text("ascii").strip())
    except (OSError, ValueError):
        new = uuid.uuid4()
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(str(new), "ascii")
        except OSError:
            pass
        return new
