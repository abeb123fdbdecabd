"""``zvkd screenshots OUTDIR``: render every main screen and dialog to PNG on a demo store."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "screenshots",
        help="maak schermafbeeldingen (PNG) van alle schermen, op een tijdelijke demo-opslag",
    )
    parser.add_argument("outdir", type=Path, help="map voor de PNG-bestanden")
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        help="de dag waarop de demo-gegevens en signalen staan (JJJJ-MM-DD; standaard vandaag)",
    )
    parser.set_defaults(handler=cmd_screenshots)


def cmd_screenshots(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window needed
    from zvkd_desktop.ui.screenshots import render_all

    written = render_all(args.outdir, today=args.today or dt.date.today(), log=lambda _p: None)
    print(f"{len(written)} schermafbeeldingen in {args.outdir}")
    return 0
