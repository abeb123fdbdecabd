"""The Delft neighbourhoods (wijken) and the focus areas they belong to.

Buitenhof and Voorhof together form Delft-West, where the PAD started in 2017; reports group by
area as well as by neighbourhood.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    code: str
    name: str
    area: str


NEIGHBOURHOODS: tuple[Neighbourhood, ...] = (
    Neighbourhood("binnenstad", "Binnenstad", "Centrum"),
    Neighbourhood("hof_van_delft", "Hof van Delft", "Centrum"),
    Neighbourhood("vrijenban", "Vrijenban", "Noord"),
    Neighbourhood("voordijkshoorn", "Voordijkshoorn", "Noord"),
    Neighbourhood("wippolder", "Wippolder", "Oost"),
    Neighbourhood("schieweg", "Schieweg", "Noord"),
    Neighbourhood("buitenhof", "Buitenhof", "Delft-West"),
    Neighbourhood("voorhof", "Voorhof", "Delft-West"),
    Neighbourhood("tanthof", "Tanthof", "Zuid"),
    Neighbourhood("delft_zuid", "Delft-Zuid", "Zuid"),
    Neighbourhood("unknown", "Onbekend / buiten Delft", "Onbekend"),
)

BY_CODE: dict[str, Neighbourhood] = {n.code: n for n in NEIGHBOURHOODS}


def area_of(code: str) -> str:
    """The area a neighbourhood code belongs to; unknown codes fall under 'Onbekend'."""
    hood = BY_CODE.get(code)
    return hood.area if hood else "Onbekend"
