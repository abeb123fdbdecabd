"""Key slots: the random data key, wrapped once per user password and once by the recovery key.

A slot holds its own Argon2id parameters and salt, a nonce, and the wrapped data key; the wrap's
associated data binds the store id and slot id, so a slot cannot be copied into another file or
swapped with another slot. A wrong password simply fails to unwrap; which slot is tried first
follows the user name, so unlocking costs one key derivation, not one per user.
"""

from __future__ import annotations

import os
import secrets
import unicodedata
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from zvkd_desktop.errors import WrongPasswordError
from zvkd_desktop.store.envelope import Header, b64, unb64
from zvkd_desktop.store.kdf import KdfParams, derive

PASSWORD = "password"
RECOVERY = "recovery"
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U

WRONG_PASSWORD = (
    "Gebruikersnaam of wachtwoord onjuist. Controleer ook Caps Lock. "
    "Wachtwoord vergeten? Gebruik de herstelsleutel."
)
WRONG_RECOVERY = (
    "Deze herstelsleutel past niet bij dit bestand. Controleer de tekens en probeer opnieuw."
)


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def new_recovery_code() -> str:
    """25 base32 characters (125 bits), printed in groups of five."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(25))
    return "-".join(raw[i : i + 5] for i in range(0, 25, 5))


def normalise_recovery_code(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    return "-".join(cleaned[i : i + 5] for i in range(0, len(cleaned), 5))


def _secret(text: str) -> bytes:
    return unicodedata.normalize("NFC", text).encode("utf-8")


def _aad(store_id: str, slot_id: str) -> bytes:
    return f"zvkd-slot|{store_id}|{slot_id}".encode()


def make_slot(
    data_key: bytes,
    secret: str,
    *,
    kind: str,
    slot_id: str,
    label: str,
    store_id: str,
    kdf: KdfParams,
) -> dict[str, Any]:
    salt = os.urandom(16)
    nonce = os.urandom(12)
    kek = derive(_secret(secret), salt, kdf)
    wrapped = AESGCM(kek).encrypt(nonce, data_key, _aad(store_id, slot_id))
    return {
        "id": slot_id,
        "kind": kind,
        "label": label,
        "kdf": kdf.to_json(),
        "salt": b64(salt),
        "nonce": b64(nonce),
        "wrapped": b64(wrapped),
    }


def unwrap(slot: dict[str, Any], secret: str, store_id: str) -> bytes | None:
    """The data key, or None when the secret does not fit this slot (or the slot is damaged)."""
    try:
        kdf = KdfParams.from_json(slot["kdf"])
        kek = derive(_secret(secret), unb64(slot["salt"]), kdf)
        return AESGCM(kek).decrypt(
            unb64(slot["nonce"]), unb64(slot["wrapped"]), _aad(store_id, slot["id"])
        )
    except (InvalidTag, KeyError, ValueError, TypeError, AttributeError):
        # the slot is read before the header can be authenticated: a damaged slot just fails
        return None


def unlock(
    header: Header,
    *,
    password: str | None = None,
    recovery_code: str | None = None,
    username: str | None = None,
) -> tuple[bytes, dict[str, Any]]:
    """Find the slot the secret opens; returns (data key, slot)."""
    if recovery_code is not None:
        code = normalise_recovery_code(recovery_code)
        for slot in header.slots:
            if slot.get("kind") == RECOVERY:
                key = unwrap(slot, code, header.store_id)
                if key is not None:
                    return key, slot
        raise WrongPasswordError(WRONG_RECOVERY, code="wrong_recovery_key")
    if password is None:
        raise WrongPasswordError(WRONG_PASSWORD)
    candidates = [s for s in header.slots if s.get("kind") == PASSWORD]
    if username:
        wanted = username.strip().casefold()
        candidates = [s for s in candidates if str(s.get("label", "")).casefold() == wanted]
    for slot in candidates:
        key = unwrap(slot, password, header.store_id)
        if key is not None:
            return key, slot
    raise WrongPasswordError(WRONG_PASSWORD)
