"""What a printed agenda or decision list may show of a youth: a setting of the chamber.

Printed papers leave the program: they lie on a meeting table and end up in bags. So they carry
no more than the core team needs to recognise a youth it already knows — a first name and the
initial of the last name ("Sem J.") or only initials ("S.J.") — and never an address or a note.

The setting is a store row (``Setting`` key ``agenda_shows``) like the chamber's other settings.
``services.settings`` only knows whole-number settings, so this text setting is read and written
here; ``get_settings_from_session`` skips keys it does not know, so the two live side by side.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.vocabulary import Labelled
from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services.access import MANAGERS, require_role
from zvkd_desktop.services.audit import record_row
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.store.models import Setting

__all__ = [
    "AGENDA_SHOWS_KEY",
    "AgendaShows",
    "agenda_shows_in",
    "get_agenda_shows",
    "print_name",
    "set_agenda_shows",
]

AGENDA_SHOWS_KEY = "agenda_shows"
ERASED = "(gewist)"


class AgendaShows(Labelled):
    FIRST_NAME_INITIAL = "first_name_initial", "Voornaam en initiaal (Sem J.)"
    INITIALS = "initials", "Alleen initialen (S.J.)"


DEFAULT = AgendaShows.FIRST_NAME_INITIAL


def agenda_shows_in(session: Session) -> AgendaShows:
    """The setting inside another service's transaction; an unknown stored value is the default."""
    value = session.scalar(
        select(Setting.value).where(Setting.key == AGENDA_SHOWS_KEY, Setting.deleted_at.is_(None))
    )
    try:
        return AgendaShows(value) if value is not None else DEFAULT
    except ValueError:
        return DEFAULT


def get_agenda_shows(ctx: ServiceContext) -> AgendaShows:
    with ctx.store.read() as session:
        return agenda_shows_in(session)


def set_agenda_shows(ctx: ServiceContext, shows: AgendaShows | str) -> AgendaShows:
    """Store the choice for every printed agenda and decision list of this store."""
    require_role(ctx.user, *MANAGERS)
    try:
        choice = AgendaShows(shows)
    except ValueError:
        options = ", ".join(option.value for option in AgendaShows)
        raise ValidationError(
            f"'{shows}' is geen keuze voor wat een agenda toont. Kies een van: {options}.",
            code="unknown_agenda_shows",
        ) from None
    with ctx.store.transaction() as session:
        row = session.scalars(select(Setting).where(Setting.key == AGENDA_SHOWS_KEY)).first()
        if row is None:
            row = Setting(key=AGENDA_SHOWS_KEY, value=choice.value)
            session.add(row)
            record_row(session, ctx.user, "create", row)
        elif row.deleted_at is not None or row.value != choice.value:
            row.deleted_at = None
            row.value = choice.value
            record_row(session, ctx.user, "update", row)
        return choice


def _split_last_name(last: str) -> tuple[list[str], list[str]]:
    """(particles, surname words): the leading lower-case words are particles ("van der")."""
    words = last.split()
    index = 0
    while index < len(words) - 1 and words[index][:1].islower():
        index += 1
    return words[:index], words[index:]


def _initial(word: str) -> str:
    for char in word:
        if char.isalpha():
            return char.upper()
    return ""


def print_name(
    first: str | None, last: str | None, shows: AgendaShows, *, erased: bool = False
) -> str:
    """A youth's name as a printed paper may show it.

    ``first_name_initial``: "Sem J.", with particles as Dutch initials write them ("Sem v.d. B.").
    ``initials``: "S.J." or "S. v.d. B.". An erased youth is "(gewist)".
    """
    if erased:
        return ERASED
    first = (first or "").strip()
    particles, surname = _split_last_name((last or "").strip())
    surname_initial = f"{_initial(surname[0])}." if surname and _initial(surname[0]) else ""
    particle_part = ".".join(p[0] for p in particles) + "." if particles else ""
    if shows == AgendaShows.INITIALS:
        given = "".join(f"{_initial(part)}." for part in first.split() if _initial(part))
        if particle_part:
            return " ".join(part for part in (given, particle_part, surname_initial) if part)
        return f"{given}{surname_initial}" or "?"
    rest = " ".join(part for part in (particle_part, surname_initial) if part)
    return " ".join(part for part in (first, rest) if part) or "?"
