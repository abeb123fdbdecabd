"""``zvkd demo``: a new store filled with the Delft demo set, for training, trying and testing."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from zvkd_desktop.cli.common import add_store_arguments, emit, read_password, store_path
from zvkd_desktop.cli.store_commands import check_new_password, kdf_for
from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.errors import KnownError
from zvkd_desktop.services.context import system_today
from zvkd_desktop.services.demo import DemoSummary, YearFigures, fill_demo
from zvkd_desktop.store.store import Store

TABLE_LABELS = {
    "organisation": "organisaties",
    "professional": "professionals",
    "household": "gezinnen",
    "youth": "jongeren",
    "guardian": "ouders/verzorgers",
    "registration": "aanmeldingen",
    "pad_case": "casussen",
    "category_period": "categorieperiodes",
    "coach_assignment": "coachperiodes",
    "reopening": "heropeningen",
    "police_contact": "politiecontacten",
    "coach_contact": "contactmomenten",
    "review": "besprekingen",
    "review_progress": "voortgang per leefgebied",
    "plan_version": "versies plan van aanpak",
    "plan_goal": "doelen",
    "plan_action": "acties",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser(
        "demo", help="maak een nieuw versleuteld bestand met een Delftse demoset (2017 tot nu)"
    )
    add_store_arguments(demo, json_output=True)
    demo.add_argument("--name", default=None, help="weergavenaam van de eerste gebruiker")
    demo.add_argument("--fast-kdf", action="store_true", help=argparse.SUPPRESS)
    demo.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    demo.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    path = store_path(args)
    if path.exists():
        raise KnownError(
            f"Het bestand {path.name} bestaat al. De demoset wordt alleen in een nieuw bestand "
            "gemaakt; kies een andere naam of map.",
            code="exists",
        )
    password = read_password(args, "Kies een wachtwoord: ")
    check_new_password(password)
    username = args.user or "coordinator"
    today = args.today or system_today()
    store, recovery = Store.create(
        path, password, username=username, display_name=args.name or username, kdf=kdf_for(args)
    )
    try:
        summary = fill_demo(store, today)
        data = {
            "store": str(store.path),
            "user": username,
            "today": today.isoformat(),
            "recovery_key": recovery,
            "counts": summary.counts,
            "years": {str(y.year): _year_json(y) for y in summary.years},
        }
        emit(args, data, _text(store, summary, recovery))
    finally:
        store.close()
    return 0


def _year_json(figures: YearFigures) -> dict[str, Any]:
    return {
        "registrations": figures.registrations,
        "reregistrations": figures.reregistrations,
        "not_admitted": figures.not_admitted,
        "pending_at_end": figures.pending_at_end,
        "admitted": figures.admitted,
        "closed": figures.closed,
        "closed_registered_recently": figures.closed_registered_recently,
        "closed_registered_earlier": figures.closed_registered_earlier,
        "closed_by_reason": {r.value: n for r, n in figures.closed_by_reason.items()},
        "moves_to_rival": figures.moves_to_rival,
        "moves_to_regular": figures.moves_to_regular,
        "running_at_start": figures.running_at_start,
        "running_at_end": figures.running_at_end,
        "running_regular": figures.running_regular,
        "running_rival": figures.running_rival,
    }


def _text(store: Store, summary: DemoSummary, recovery: str) -> str:
    lines = [
        f"Demobestand gemaakt: {store.path} (peildatum {format_nl(summary.today)})",
        "",
        "Aantallen:",
        *[
            f"  {TABLE_LABELS.get(name, name):<26} {count:>6}"
            for name, count in summary.counts.items()
        ],
        "",
        "Jaarcijfers (lopend = op 31 december; reg. = regulier, riv. = rivaliserende jeugd):",
        "  jaar  aanm.  opnieuw  niet opg.  opgenomen  afgesloten  lopend  reg.  riv.",
    ]
    for y in summary.years:
        lines.append(
            f"  {y.year}  {y.registrations:>5}  {y.reregistrations:>7}  {y.not_admitted:>9}  "
            f"{y.admitted:>9}  {y.closed:>10}  {y.running_at_end:>6}  {y.running_regular:>4}  "
            f"{y.running_rival:>4}"
        )
    for year in (2022, 2023):
        if any(y.year == year for y in summary.years):
            lines.extend(["", _report_line(summary.year(year))])
    lines += [
        "",
        "HERSTELSLEUTEL (eenmalig getoond, print of noteer hem en bewaar hem veilig):",
        f"    {recovery}",
        "",
    ]
    return "\n".join(lines)


def _report_line(y: YearFigures) -> str:
    return (
        f"{y.year}: {y.registrations} aanmeldingen ({y.reregistrations} opnieuw aangemeld, "
        f"{y.not_admitted} niet opgenomen, {y.pending_at_end} zonder besluit op 31-12), "
        f"{y.admitted} opgenomen, {y.closed} afgesloten ({y.closed_registered_recently} aangemeld "
        f"in {y.year - 1}-{y.year}, {y.closed_registered_earlier} eerder), "
        f"{y.moves_to_rival} naar rivaliserende jeugd verplaatst; lopend op 31-12: "
        f"{y.running_at_end} ({y.running_regular} regulier, {y.running_rival} rivaliserende jeugd)."
    )
