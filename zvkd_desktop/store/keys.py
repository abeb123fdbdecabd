"""Key slots: who can obtain the data key, and how.

Since format 2 every slot holds an X25519 key pair of its own (one per user, one for the recovery
key). The slot's secret — a password or the recovery code — derives (Argon2id) a key that wraps
the slot's PRIVATE key; the data key is sealed to the slot's PUBLIC key (ephemeral X25519 + HKDF
+ AES-GCM). Unlocking is password → private key → data key. Sealing needs only public keys, so a
coordinator can give every remaining user and the recovery key a NEW data key alone (rotation),
without knowing anyone's password.

Every wrap binds the store id, the slot id and the user id in its associated data, so a slot
cannot be copied into another file or swapped with another slot. A wrong password simply fails to
unwrap. Which slot is tried first follows the user name, so unlocking costs one key derivation.

Format-1 slots (``wrapped``: the data key wrapped directly by the secret) still open; they are
replaced by format-2 slots as their owner's password is next set. Exchange files (sealed.py) keep
that simple form: they have one password and never rotate.
"""

from __future__ import annotations

import os
import secrets
import unicodedata
import uuid
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from zvkd_desktop.errors import WrongPasswordError
from zvkd_desktop.store.envelope import Header, b64, damaged, unb64
from zvkd_desktop.store.kdf import KdfParams, derive

PASSWORD = "password"
RECOVERY = "recovery"
RECOVERY_SLOT_ID = "recovery"
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
_RAW = serialization.Encoding.Raw

WRONG_PASSWORD = (
    "Gebruikersnaam of wachtwoord onjuist. Controleer ook Caps Lock. "
    "Wachtwoord vergeten? Gebruik de herstelsleutel."
)
WRONG_RECOVERY = (
    "Deze herstelsleutel past niet bij dit bestand. Controleer de tekens en probeer opnieuw."
)


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def new_slot_id() -> str:
    return f"user-{uuid.uuid4().hex[:12]}"


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


def is_legacy(slot: dict[str, Any]) -> bool:
    """A format-1 slot: the data key wrapped by the secret itself, no key pair."""
    return "private" not in slot


# -- key pairs and sealing to a public key ------------------------------------------------------


def new_key_pair() -> tuple[bytes, bytes]:
    """(private, public), 32 raw bytes each."""
    private = X25519PrivateKey.generate()
    return (
        private.private_bytes(_RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption()),
        private.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw),
    )


def public_of(private: bytes) -> bytes:
    key = X25519PrivateKey.from_private_bytes(private)
    return key.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)


def _box_key(shared: bytes, ephemeral: bytes, recipient: bytes, context: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient, info=b"zvkd seal|" + context
    ).derive(shared)


def seal_to(public: bytes, secret: bytes, context: bytes) -> dict[str, str]:
    """Encrypt ``secret`` so that only the holder of ``public``'s private key can read it."""
    ephemeral = X25519PrivateKey.generate()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
    ephemeral_public = ephemeral.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)
    nonce = os.urandom(12)
    box = AESGCM(_box_key(shared, ephemeral_public, public, context))
    return {
        "epk": b64(ephemeral_public),
        "nonce": b64(nonce),
        "ct": b64(box.encrypt(nonce, secret, context)),
    }


def unseal(private: bytes, sealed: dict[str, str], context: bytes) -> bytes:
    """The secret sealed to ``private``'s public key; raises ValueError/InvalidTag when not."""
    key = X25519PrivateKey.from_private_bytes(private)
    ephemeral = unb64(sealed["epk"])
    shared = key.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    box = AESGCM(_box_key(shared, ephemeral, public_of(private), context))
    return box.decrypt(unb64(sealed["nonce"]), unb64(sealed["ct"]), context)


# -- format-2 slots -------------------------------------------------------------------------------


def _private_aad(store_id: str, slot: dict[str, Any]) -> bytes:
    return f"zvkd-private|{store_id}|{slot['id']}|{slot.get('user_id') or ''}".encode()


def _data_key_context(store_id: str, slot: dict[str, Any]) -> bytes:
    return f"zvkd-data-key|{store_id}|{slot['id']}|{slot.get('user_id') or ''}".encode()


def make_key_slot(
    data_key: bytes,
    secret: str,
    *,
    kind: str,
    slot_id: str,
    label: str,
    store_id: str,
    kdf: KdfParams,
    user_id: uuid.UUID | None = None,
    private: bytes | None = None,
) -> tuple[dict[str, Any], bytes]:
    """A slot whose secret wraps a key pair (new unless ``private`` is given), with the data key
    sealed to it; returns (slot, private key)."""
    if private is None:
        private, _public = new_key_pair()
    slot: dict[str, Any] = {"id": slot_id, "kind": kind, "label": label}
    if user_id is not None:
        slot["user_id"] = str(user_id)
    slot["public"] = b64(public_of(private))
    slot = rewrap(slot, private, secret, store_id=store_id, kdf=kdf)
    return reseal(slot, data_key, store_id), private


def rewrap(
    slot: dict[str, Any], private: bytes, secret: str, *, store_id: str, kdf: KdfParams
) -> dict[str, Any]:
    """The slot with its private key wrapped under a new secret (the sealed data key is kept)."""
    salt = os.urandom(16)
    nonce = os.urandom(12)
    kek = derive(_secret(secret), salt, kdf)
    new = {key: value for key, value in slot.items() if key not in ("wrapped",)}
    new.update(kdf=kdf.to_json(), salt=b64(salt), nonce=b64(nonce))
    new["private"] = b64(AESGCM(kek).encrypt(nonce, private, _private_aad(store_id, new)))
    return new


def reseal(slot: dict[str, Any], data_key: bytes, store_id: str) -> dict[str, Any]:
    """The slot with ``data_key`` sealed to its public key: no secret needed (rotation)."""
    public = unb64(slot["public"])
    return {**slot, "sealed": seal_to(public, data_key, _data_key_context(store_id, slot))}


def open_private(slot: dict[str, Any], secret: str, store_id: str) -> bytes | None:
    """The slot's private key, or None when the secret does not fit (or the slot is damaged)."""
    try:
        kdf = KdfParams.from_json(slot["kdf"])
        kek = derive(_secret(secret), unb64(slot["salt"]), kdf)
        return AESGCM(kek).decrypt(
            unb64(slot["nonce"]), unb64(slot["private"]), _private_aad(store_id, slot)
        )
    except (InvalidTag, KeyError, ValueError, TypeError, AttributeError):
        # the slot is read before the header can be authenticated: a damaged slot just fails
        return None


def open_data_key(slot: dict[str, Any], private: bytes, store_id: str) -> bytes:
    """The data key sealed in the slot. The secret was right, so a failure here is damage."""
    try:
        if unb64(slot["public"]) != public_of(private):
            raise ValueError("public key does not match")
        key = unseal(private, slot["sealed"], _data_key_context(store_id, slot))
    except (InvalidTag, KeyError, ValueError, TypeError, AttributeError) as exc:
        raise damaged("sleutelvak klopt niet") from exc
    if len(key) != 32:
        raise damaged("sleutelvak klopt niet")
    return key


# -- format-1 slots (and exchange files) ---------------------------------------------------------


def _legacy_aad(store_id: str, slot_id: str) -> bytes:
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
    """A format-1 slot: the data key wrapped by the secret (exchange files use this)."""
    salt = os.urandom(16)
    nonce = os.urandom(12)
    kek = derive(_secret(secret), salt, kdf)
    wrapped = AESGCM(kek).encrypt(nonce, data_key, _legacy_aad(store_id, slot_id))
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
    """The data key of a format-1 slot, or None when the secret does not fit."""
    try:
        kdf = KdfParams.from_json(slot["kdf"])
        kek = derive(_secret(secret), unb64(slot["salt"]), kdf)
        return AESGCM(kek).decrypt(
            unb64(slot["nonce"]), unb64(slot["wrapped"]), _legacy_aad(store_id, slot["id"])
        )
    except (InvalidTag, KeyError, ValueError, TypeError, AttributeError):
        return None


# -- unlocking ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unlocked:
    """What a secret opened: the data key, the slot, and (format 2) the slot's private key."""

    data_key: bytes
    slot: dict[str, Any]
    private: bytes | None


def try_slot(slot: dict[str, Any], secret: str, store_id: str) -> Unlocked | None:
    if is_legacy(slot):
        key = unwrap(slot, secret, store_id)
        return None if key is None else Unlocked(key, slot, None)
    private = open_private(slot, secret, store_id)
    if private is None:
        return None
    return Unlocked(open_data_key(slot, private, store_id), slot, private)


def open_slot(
    header: Header,
    *,
    password: str | None = None,
    recovery_code: str | None = None,
    username: str | None = None,
) -> Unlocked:
    """Find the slot the secret opens."""
    if recovery_code is not None:
        code = normalise_recovery_code(recovery_code)
        for slot in header.slots:
            if slot.get("kind") == RECOVERY:
                opened = try_slot(slot, code, header.store_id)
                if opened is not None:
                    return opened
        raise WrongPasswordError(WRONG_RECOVERY, code="wrong_recovery_key")
    if password is None:
        raise WrongPasswordError(WRONG_PASSWORD)
    candidates = [s for s in header.slots if s.get("kind") == PASSWORD]
    if username:
        wanted = username.strip().casefold()
        candidates = [s for s in candidates if str(s.get("label", "")).casefold() == wanted]
    for slot in candidates:
        opened = try_slot(slot, password, header.store_id)
        if opened is not None:
            return opened
    raise WrongPasswordError(WRONG_PASSWORD)


def unlock(
    header: Header,
    *,
    password: str | None = None,
    recovery_code: str | None = None,
    username: str | None = None,
) -> tuple[bytes, dict[str, Any]]:
    """(data key, slot) for the secret; see :func:`open_slot`."""
    opened = open_slot(header, password=password, recovery_code=recovery_code, username=username)
    return opened.data_key, opened.slot
