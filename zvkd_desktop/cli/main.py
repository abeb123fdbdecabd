"""The ``zvkd`` command: without arguments it starts the program, otherwise a sub-command.

Each sub-command module has ``register(subparsers)``; commands raise KnownError for anything the
user can fix, which is printed as one Dutch line on stderr with exit code 2 (and, with ``--json``,
as ``{"error": code, "message": ...}`` on stdout). Anything else is a bug and shows a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from zvkd_desktop import __version__
from zvkd_desktop.errors import KnownError

COMMAND_MODULES = [
    "zvkd_desktop.cli.store_commands",
    "zvkd_desktop.cli.demo_command",
    "zvkd_desktop.cli.exchange_commands",
    "zvkd_desktop.cli.report_command",
    "zvkd_desktop.cli.casework_commands",
    "zvkd_desktop.cli.privacy_commands",
    "zvkd_desktop.cli.user_commands",
    "zvkd_desktop.cli.backup_commands",
    "zvkd_desktop.cli.screenshots_command",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zvkd",
        description="ZVKD Desktop – Persoonlijke Aanpak Delft. Zonder opdracht start het programma.",
    )
    parser.add_argument("--version", action="version", version=f"ZVKD Desktop {__version__}")
    parser.add_argument(
        "--store",
        type=str,
        default=None,
        help="het .zvkd-bestand (standaard: de gebruikelijke map)",
    )
    sub = parser.add_subparsers(dest="command", metavar="opdracht")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from zvkd_desktop.ui.app import run_gui  # the GUI only when asked for

        return run_gui(Path(args.store) if args.store else None)
    try:
        return int(args.handler(args) or 0)
    except KnownError as error:
        if getattr(args, "json", False):
            print(json.dumps({"error": error.code, "message": str(error)}, ensure_ascii=False))
        print(f"zvkd: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("zvkd: afgebroken", file=sys.stderr)
        return 130
