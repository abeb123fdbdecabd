"""``python -m tests.benchmarks [store|yearly|cases|all] [options]``: the performance benchmarks.

Each reports medians and ratios against a floor measured in the same run, so figures from a busy
shared machine stay comparable. ``store`` takes the options of store_bench.py (``--sizes``,
``--runs``, ``--out``); ``all`` (the default) runs every benchmark with its defaults.
"""

from __future__ import annotations

import importlib
import json
import sys

BENCHMARKS = {
    "store": "tests.benchmarks.store_bench",
    "yearly": "tests.benchmarks.yearly_bench",
    "cases": "tests.benchmarks.case_list_bench",
    "startup": "tests.benchmarks.startup_bench",
}


def _run(name: str, argv: list[str]) -> int:
    module = importlib.import_module(BENCHMARKS[name])
    print(f"== {name} ==", flush=True)
    if hasattr(module, "main"):
        return int(module.main(argv) or 0)
    print(json.dumps(module.run(), indent=2, ensure_ascii=False, default=str), flush=True)
    return 0


def main(argv: list[str]) -> int:
    choice = argv[0] if argv and argv[0] in {*BENCHMARKS, "all"} else "all"
    rest = argv[1:] if argv and argv[0] == choice else argv
    if choice != "all":
        return _run(choice, rest)
    failed = 0
    for name in BENCHMARKS:
        try:
            importlib.import_module(BENCHMARKS[name])
        except ModuleNotFoundError:
            continue
        failed |= _run(name, rest if name == "store" else [])
    return failed


sys.exit(main(sys.argv[1:]))
