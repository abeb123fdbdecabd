"""A quick, honest hint about how strong a password is, while the user types.

Length counts most (a sentence of a few words is strong and easy to remember); variety of
character kinds helps a little; the most common choices are always weak. This is a hint to guide
the user, not a security guarantee: the real protection is the Argon2id key derivation.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

MIN_LENGTH = 10

# Lower-case; a password containing only one of these (plus digits/symbols) is weak.
_COMMON = frozenset(
    {
        "wachtwoord",
        "password",
        "welkom",
        "welcome",
        "qwerty",
        "azerty",
        "geheim",
        "secret",
        "letmein",
        "admin",
        "delft",
        "zvkd",
        "zomer",
        "winter",
        "lente",
        "herfst",
        "voorjaar",
    }
)


class Strength(enum.IntEnum):
    EMPTY = 0
    WEAK = 1
    FAIR = 2
    STRONG = 3


@dataclass(frozen=True)
class StrengthHint:
    strength: Strength
    label: str
    advice: str

    @property
    def acceptable(self) -> bool:
        return self.strength >= Strength.FAIR


_LABELS = {
    Strength.EMPTY: QT_TRANSLATE_NOOP("PasswordStrength", ""),
    Strength.WEAK: QT_TRANSLATE_NOOP("PasswordStrength", "Zwak"),
    Strength.FAIR: QT_TRANSLATE_NOOP("PasswordStrength", "Redelijk"),
    Strength.STRONG: QT_TRANSLATE_NOOP("PasswordStrength", "Sterk"),
}

_ADVICE = {
    Strength.EMPTY: QT_TRANSLATE_NOOP(
        "PasswordStrength", "Kies minstens 10 tekens; een zinnetje van een paar woorden werkt goed."
    ),
    Strength.WEAK: QT_TRANSLATE_NOOP(
        "PasswordStrength", "Maak het langer, bijvoorbeeld een zinnetje van een paar woorden."
    ),
    Strength.FAIR: QT_TRANSLATE_NOOP(
        "PasswordStrength", "Bruikbaar. Een extra woord maakt het sterker."
    ),
    Strength.STRONG: QT_TRANSLATE_NOOP("PasswordStrength", "Goed gekozen."),
}


def _kinds(password: str) -> int:
    return sum(
        (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )


def _is_trivial(password: str) -> bool:
    lowered = password.lower()
    letters = "".join(c for c in lowered if c.isalpha())
    if letters in _COMMON or len(set(lowered)) <= 3:
        return True
    digits = "".join(c for c in lowered if c.isdigit())
    return not letters and (digits in "01234567890123456789" or digits in "98765432109876543210")


def evaluate(password: str) -> Strength:
    """Judge on length first, then variety (see module docstring)."""
    if not password:
        return Strength.EMPTY
    if len(password) < MIN_LENGTH or _is_trivial(password):
        return Strength.WEAK
    score = len(password) + 3 * (_kinds(password) - 1)
    if score < 14:
        return Strength.WEAK
    if len(password) >= 20 or (len(password) >= 14 and score >= 20):
        return Strength.STRONG
    return Strength.FAIR


def hint(password: str) -> StrengthHint:
    strength = evaluate(password)
    return StrengthHint(
        strength,
        QCoreApplication.translate("PasswordStrength", _LABELS[strength]),
        QCoreApplication.translate("PasswordStrength", _ADVICE[strength]),
    )
