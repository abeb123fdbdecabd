"""Store latency at about 1, 10 and 100 MB: create, open and save, and save against a floor.

The floor is measured in the same run on the same bytes: serialize the in-memory database, seal it
(``envelope.seal``: AES-256-GCM in 1 MiB chunks) and write + fsync it to a fresh file in the same
folder. A save adds what makes it safe: the room check, read-back and tag verification, the backup
link, the atomic replace, the folder fsync and pruning. The goal (issue 2) is a save of at most
1.5 x the floor and at most 40 ms (median) at 10 MB.

Key derivation is excluded: every store here uses TEST_KDF, so "open" measures reading,
authenticating, decrypting and loading the database, not Argon2id (about 0.5 s by design).

    python -m tests.benchmarks [--sizes 1,10,100] [--runs N] [--dir FOLDER] [--out results.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from zvkd_desktop.store import envelope
from zvkd_desktop.store.generations import GenerationMemory
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.models import Setting, Youth
from zvkd_desktop.store.store import Store
from zvkd_desktop.store.storefile import StoreFile

PASSWORD = "benchmark wachtwoord"
MB = 1000 * 1000
DEFAULT_RUNS = {1: 21, 10: 11, 100: 5}
GOAL_SIZE_MB = 10
GOAL_RATIO = 1.5
GOAL_MS = 40.0

_FIRST = ["Sem", "Noah", "Liam", "Daan", "Mohammed", "Finn", "Levi", "Milan", "Yusuf", "Bram",
          "Mila", "Yara", "Fenna", "Sara", "Noor", "Amira", "Julia", "Lotte", "Zoë", "Eva"]
_LAST = ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
         "El Amrani", "Yilmaz", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks"]
_WORDS = ("gesprek met moeder over schoolverzuim afspraak gemaakt met mentor politie melding "
          "overlast winkelcentrum coach heeft contact gehad met jeugdreclassering doel werk "
          "zoeken stage vrije tijd voetbal schulden huisvesting broer zorgen netwerk kernteam "
          "voortgang besproken afspraken nagekomen niet verschenen opnieuw ingepland").split()
_NEIGHBOURHOODS = ["buitenhof", "tanthof", "voorhof", "hof_van_delft", "wippolder", "vrijenban"]


@dataclass
class Row:
    size_mb: int
    database_bytes: int
    file_bytes: int
    runs: int
    create_ms: float
    open_ms: float
    save_ms: float
    floor_ms: float
    save_to_floor: float


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _fill(store: Store, target_bytes: int, rng: random.Random) -> None:
    """Realistic rows (youths with a page of notes) until the database is about the target size."""
    with store.transaction() as session:  # one commit, one save: the fill is not what is measured
        while _database_size(session) < target_bytes:
            session.execute(insert(Youth), [_youth(rng) for _ in range(100)])


def _database_size(session: Session) -> int:
    pages = session.execute(text("PRAGMA page_count")).scalar_one()
    return int(pages) * int(session.execute(text("PRAGMA page_size")).scalar_one())


def _youth(rng: random.Random) -> dict[str, object]:
    born = dt.date(rng.randint(2002, 2012), rng.randint(1, 12), 1)
    return {
        "first_name": rng.choice(_FIRST),
        "last_name": rng.choice(_LAST),
        "birth_year": born.year,
        "date_of_birth": born,
        "neighbourhood": rng.choice(_NEIGHBOURHOODS),
        "street": "Papsouwselaan",
        "house_number": str(rng.randint(1, 300)),
        "postcode": f"26{rng.randint(10, 29)} {rng.choice('ABCDEFGH')}{rng.choice('KLMNPR')}",
        "city": "Delft",
        "notes": " ".join(rng.choice(_WORDS) for _ in range(rng.randint(120, 260))),
    }


def _floor(store: Store, folder: Path, index: int) -> float:
    """Serialize + seal + write + fsync of a fresh file: what any encrypted save must do."""
    target = folder / f"floor-{index}.bin"
    file = store.file

    def run() -> None:
        payload = store.db.serialize()
        header = envelope.Header(file.store_id, file.generation + 1, os.urandom(32), 0, 0,
                                 file.header.slots, dict(file.header.extra))
        image = envelope.seal(payload, header, file._data_key)  # noqa: SLF001 - the same key
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(target, flags, 0o600)
        try:
            with memoryview(image) as view:
                offset = 0
                while offset < len(view):
                    offset += os.write(fd, view[offset : offset + envelope.CHUNK_SIZE])
            os.fsync(fd)
        finally:
            os.close(fd)

    elapsed = _timed(run)
    target.unlink()
    return elapsed


def measure(size_mb: int, runs: int, folder: Path) -> Row:
    state = folder / "state"
    path = folder / f"bench-{size_mb}mb.zvkd"
    store, _recovery = Store.create(path, PASSWORD, username="coordinator",
                                    display_name="Coördinator", kdf=TEST_KDF, state_folder=state)
    try:
        _fill(store, size_mb * MB, random.Random(size_mb))
        payload = store.db.serialize()

        creates = []
        for index in range(runs):
            new_path = folder / f"create-{index}.zvkd"
            create = functools.partial(
                StoreFile.create, new_path, payload, password=PASSWORD, username="coordinator",
                kdf=TEST_KDF, memory=GenerationMemory(state),
            )
            creates.append(_timed(create))
            new_path.unlink()

        saves, floors = [], []
        for index in range(runs):  # interleaved, so both see the same machine load
            with store.transaction() as session:  # a small change, as a user makes one
                session.add(Setting(key=f"bench-{index}", value=index))
            saves.append(_timed(store.save))
            floors.append(_floor(store, folder, index))
        file_bytes = path.stat().st_size
    finally:
        store.close()

    opens = []
    for _ in range(runs):
        start = time.perf_counter()
        reopened = Store.open(path, password=PASSWORD, state_folder=state)
        opens.append(time.perf_counter() - start)
        reopened.close()

    save_ms, floor_ms = _median_ms(saves), _median_ms(floors)
    return Row(size_mb, len(payload), file_bytes, runs, _median_ms(creates), _median_ms(opens),
               save_ms, floor_ms, round(save_ms / floor_ms, 2))


def _table(rows: list[Row]) -> str:
    lines = [
        f"{'size':>6} {'database':>12} {'runs':>5} {'create':>9} {'open':>9} {'save':>9} "
        f"{'floor':>9} {'save/floor':>10}",
    ]
    for row in rows:
        lines.append(
            f"{row.size_mb:>4}MB {row.database_bytes:>12,} {row.runs:>5} {row.create_ms:>7.1f}ms "
            f"{row.open_ms:>7.1f}ms {row.save_ms:>7.1f}ms {row.floor_ms:>7.1f}ms "
            f"{row.save_to_floor:>9.2f}x"
        )
    return "\n".join(lines)


def _goal(rows: list[Row]) -> str | None:
    row = next((r for r in rows if r.size_mb == GOAL_SIZE_MB), None)
    if row is None:
        return None
    met = row.save_to_floor <= GOAL_RATIO and row.save_ms <= GOAL_MS
    return (f"goal at {GOAL_SIZE_MB} MB (save <= {GOAL_RATIO}x floor and <= {GOAL_MS:.0f} ms): "
            f"{'met' if met else 'NOT met'} ({row.save_ms:.1f} ms, {row.save_to_floor:.2f}x)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,10,100", help="store sizes in MB (default 1,10,100)")
    parser.add_argument("--runs", type=int, help="runs per size (default 21 / 11 / 5)")
    parser.add_argument("--dir", type=Path, help="folder for the stores (default: a temp folder)")
    parser.add_argument("--out", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    sizes = [int(part) for part in args.sizes.split(",") if part.strip()]

    folder = Path(tempfile.mkdtemp(prefix="zvkd-bench-", dir=args.dir))
    rows = []
    try:
        for size in sizes:
            runs = args.runs or DEFAULT_RUNS.get(size, 5)
            rows.append(measure(size, runs, folder / f"{size}mb"))
            print(_table(rows[-1:]).splitlines()[-1] if rows[:-1] else _table(rows),
                  flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    goal = _goal(rows)
    if goal:
        print(goal)
    print("Key derivation excluded (TEST_KDF); medians; floor = serialize + seal + write + fsync.")
    if args.out:
        report = {
            "machine": {"python": sys.version.split()[0], "platform": platform.platform(),
                        "cpus": os.cpu_count()},
            "kdf": "TEST_KDF (key derivation excluded)",
            "goal": goal,
            "results": [asdict(row) for row in rows],
        }
        args.out.write_text(json.dumps(report, indent=2), "utf-8")
    return 0
