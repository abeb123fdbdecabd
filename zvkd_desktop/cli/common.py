"""What every sub-command shares: --store, the password (prompt or file), --json output."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from zvkd_desktop.errors import KnownError
from zvkd_desktop.paths import default_store_path
from zvkd_desktop.store.store import Store


def add_store_arguments(parser: argparse.ArgumentParser, *, json_output: bool = False) -> None:
    parser.add_argument("--store", type=Path, default=argparse.SUPPRESS, help="het .zvkd-bestand")
    parser.add_argument("--user", default=None, help="gebruikersnaam (standaard: probeer alle)")
    parser.add_argument(
        "--password-file",
        type=Path,
        default=None,
        help="lees het wachtwoord uit dit bestand (eerste regel), voor scripts en tests",
    )
    if json_output:
        parser.add_argument("--json", action="store_true", help="uitvoer als JSON")


def store_path(args: argparse.Namespace) -> Path:
    return Path(args.store) if getattr(args, "store", None) else default_store_path()


def read_password(args: argparse.Namespace, prompt: str = "Wachtwoord: ") -> str:
    if args.password_file is not None:
        try:
            return args.password_file.read_text("utf-8").splitlines()[0]
        except (OSError, IndexError) as exc:
            raise KnownError(
                "Het wachtwoordbestand is niet leesbaar of leeg.", code="password_file"
            ) from exc
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        if line:
            return line.rstrip("\n")
    return getpass.getpass(prompt)


def open_store(args: argparse.Namespace, *, read_only: bool = False) -> Store:
    return Store.open(
        store_path(args),
        password=read_password(args),
        username=args.user,
        read_only=read_only,
    )


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)
