"""Problems found in an exchange file, and the refusal that lists them all.

Every problem names where it is (a path in the file's own English field names,
``registrations[12].registered_on``) and what is wrong (Dutch, for the user), so a person can fix
the file without guessing. Warnings (unknown fields) are listed the same way but do not refuse.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from zvkd_desktop.errors import ValidationError

MAX_PROBLEMS = 500
"""Stop collecting after this many: a wrong file can hold millions, nobody reads past the first."""


@dataclass(frozen=True)
class Problem:
    path: str  # empty for problems of the whole file (JSON syntax, size)
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class TooManyProblems(Exception):
    """Raised by :class:`Problems` once the limit is reached; the check stops there."""


class Problems:
    """Collects errors and warnings while a file is checked."""

    def __init__(self, limit: int = MAX_PROBLEMS) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.limit = limit
        self.truncated = False

    def error(self, path: str, message: str) -> None:
        self.errors.append(Problem(path, message))
        if len(self.errors) >= self.limit:
            self.truncated = True
            raise TooManyProblems

    def warn(self, path: str, message: str) -> None:
        if len(self.warnings) < self.limit:
            self.warnings.append(Problem(path, message))


class ExchangeInvalidError(ValidationError):
    """The file is refused as a whole; nothing was written. ``problems`` lists every error."""

    code = "exchange_invalid"

    def __init__(
        self,
        problems: Iterable[Problem],
        *,
        warnings: Iterable[Problem] = (),
        truncated: bool = False,
    ) -> None:
        self.problems = list(problems)
        self.warnings = list(warnings)
        count = len(self.problems)
        noun = "probleem" if count == 1 else "problemen"
        more = f"; na {count} {noun} is de controle gestopt" if truncated else ""
        lines = [
            f"Het bestand is niet ingelezen: {count} {noun} gevonden{more}. Er is niets "
            "gewijzigd. Herstel het bestand en probeer opnieuw.",
            *(str(problem) for problem in self.problems),
        ]
        super().__init__("\n".join(lines), code="exchange_invalid")
