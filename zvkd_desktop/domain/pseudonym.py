"""Keyed pseudonyms: recognise a returning youth after their name has been erased.

After a case is closed the personal data is erased, yet a re-registration must still be linked to
the earlier case. The youth row therefore keeps ``HMAC-SHA256(key, normalised identity)``: without
the store's key it reveals nothing (not even by trying every name and birth date, as an unkeyed
hash would), and with the key it only answers "is this the same person as before?".

Normalising makes the same person give the same pseudonym however the name was typed: letter
case, accents (Çelik / Celik), extra or odd spaces, hyphens and apostrophes, and the place of the
Dutch tussenvoegsels ("van der Berg", "Berg, van der", "Van Der Berg", or "van der" typed after
the first name all give "berg"). Dropping the tussenvoegsels costs almost nothing in precision,
because the date of birth is part of the identity too.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from datetime import date

__all__ = ["TUSSENVOEGSELS", "normalise_identity", "pseudonym"]

_VERSION = "v1"

TUSSENVOEGSELS = frozenset(
    "van von der den de het t te ten ter in op aan bij uit voor onder over d la le l du des del "
    "della di da dos vd v s el al".split()
)
"""Name particles whose place and spelling vary between records ("'t", "v.d.", "van 't")."""

_SEPARATORS = re.compile(r"[\W_]+")  # any script's letters and digits form words


def _fold(text: str | None) -> list[str]:
    """Casefold, strip accents and split into words on anything but letters and digits."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return [word for word in _SEPARATORS.split(plain) if word]


def _without_particles(words: list[str]) -> list[str]:
    """The words minus tussenvoegsels, unless the name consists of particles only ("Van")."""
    kept = [word for word in words if word not in TUSSENVOEGSELS]
    return kept or words


def normalise_identity(first_name: str | None, last_name: str | None, date_of_birth: date) -> bytes:
    """A canonical byte string for one person; deterministic, so it can be keyed and compared.

    Tussenvoegsels are dropped from the last name wherever they stand, and from the end of the
    first name (where forms with a separate "tussenvoegsel" field often put them).
    """
    first = _fold(first_name)
    while len(first) > 1 and first[-1] in TUSSENVOEGSELS:
        first.pop()
    last = _without_particles(_fold(last_name))
    if not first and not last:
        raise ValueError("normalise_identity: a name is needed (first or last)")
    return "|".join((_VERSION, " ".join(first), " ".join(last), date_of_birth.isoformat())).encode(
        "utf-8"
    )


def pseudonym(
    key: bytes, first_name: str | None, last_name: str | None, date_of_birth: date
) -> bytes:
    """HMAC-SHA256 of the normalised identity under the store's pseudonym key (32 bytes)."""
    if not key:
        raise ValueError("pseudonym: an empty key would make the pseudonym guessable")
    identity = normalise_identity(first_name, last_name, date_of_birth)
    return hmac.new(key, identity, hashlib.sha256).digest()
