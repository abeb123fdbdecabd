"""A password-sealed exchange file (.zvkdx): the store's own envelope with one password slot.

An export is personal data leaving the encrypted store, so the encrypted form reuses exactly the
store file's construction (envelope.py: authenticated header, AES-256-GCM chunks; keys.py: an
Argon2id-wrapped random key) instead of inventing new cryptography. The header says it is an
exchange file, so picking a store file by mistake gets a clear message instead of a bad password.
"""

from __future__ import annotations

import os
import uuid

from zvkd_desktop import __version__
from zvkd_desktop.errors import DamagedStoreError, ValidationError, WrongPasswordError
from zvkd_desktop.store import envelope, keys
from zvkd_desktop.store.kdf import KdfParams, calibrate

SUFFIX = ".zvkdx"
KIND = "zvkd-exchange"
_SLOT_ID = "export"

WRONG_EXPORT_PASSWORD = (
    "Het exportwachtwoord is onjuist. Vraag de afzender van het bestand om het juiste wachtwoord."
)


def is_sealed(data: bytes) -> bool:
    """Whether ``data`` starts like an envelope (a sealed export, or a store picked by mistake)."""
    return data[: len(envelope.MAGIC)] == envelope.MAGIC


def seal_export(payload: bytes, password: str, *, kdf: KdfParams | None = None) -> bytes:
    """Encrypt an export under a fresh random key, wrapped by ``password`` in one slot."""
    data_key = keys.new_data_key()
    file_id = str(uuid.uuid4())
    slot = keys.make_slot(
        data_key,
        password,
        kind=keys.PASSWORD,
        slot_id=_SLOT_ID,
        label="export",
        store_id=file_id,
        kdf=kdf or calibrate(),
    )
    header = envelope.Header(
        file_id, 0, os.urandom(32), 0, 0, [slot], {"kind": KIND, "created_with": __version__}
    )
    return envelope.seal(payload, header, data_key)


def parse_export(data: bytes) -> envelope.ParsedFile:
    """The envelope of a sealed export; refuses a damaged file or a store file picked by mistake."""
    try:
        parsed = envelope.parse(data)
    except DamagedStoreError as exc:
        raise _damaged() from exc
    if parsed.header.extra.get("kind") != KIND:
        raise ValidationError(
            "Dit is een ZVKD-opslagbestand (.zvkd), geen exportbestand. Kies een exportbestand "
            "(.json of .zvkdx).",
            code="not_an_export",
        )
    return parsed


def open_export(data: bytes, password: str) -> bytes:
    """The plaintext export inside a sealed file; refuses a wrong password or a damaged file."""
    parsed = parse_export(data)
    try:
        data_key, _slot = keys.unlock(parsed.header, password=password)
    except WrongPasswordError as exc:
        raise WrongPasswordError(WRONG_EXPORT_PASSWORD, code="wrong_export_password") from exc
    try:
        return envelope.open_payload(parsed, data_key)
    except DamagedStoreError as exc:
        raise _damaged() from exc


def _damaged() -> DamagedStoreError:
    return DamagedStoreError(
        "Het versleutelde exportbestand is beschadigd of er is mee geknoeid. Vraag de afzender "
        "om een nieuw exportbestand.",
        code="damaged_export",
    )
