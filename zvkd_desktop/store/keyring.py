"""The keys of an unlocked store, in memory: what the next save seals and writes into the header.

A :class:`Keyring` holds the data key, every key slot, the unlocked slot's private key and the
secrets that must outlive a data-key rotation (the pseudonym key). Its changes — a user's slot
added, rewrapped or removed, a new data key, a new recovery key — only take effect on disk with
the next save, together with the database they belong to; ``snapshot``/``restore`` let the store
undo them when the transaction that made them fails.

Rotation (:meth:`Keyring.rotate`) needs no password: the new data key is sealed to the public key
of every slot that stays. Slots of format 1 cannot be carried over (they wrap the data key with
the secret itself), so rotation refuses while one would have to stay, saying what to do.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from zvkd_desktop.errors import StoreError
from zvkd_desktop.store import keys
from zvkd_desktop.store.envelope import Header, b64, damaged, hkdf, unb64
from zvkd_desktop.store.kdf import KdfParams

RECOVERY_LABEL = "herstelsleutel"

LEGACY_RECOVERY = (
    "Dit bestand heeft nog een herstelsleutel uit een eerdere versie van ZVKD Desktop. Die kan "
    "niet mee naar een nieuwe gegevenssleutel. Maak eerst een nieuwe herstelsleutel (Instellingen "
    "of 'zvkd user recovery-key'), bewaar die goed en probeer het daarna opnieuw."
)
LEGACY_USERS = (
    "Deze gebruikers hebben nog een wachtwoord uit een eerdere versie van ZVKD Desktop: {names}. "
    "Dat kan niet mee naar een nieuwe gegevenssleutel. Laat hen eenmaal inloggen, of stel hun "
    "wachtwoord opnieuw in, en probeer het daarna opnieuw."
)


@dataclass(frozen=True)
class Snapshot:
    data_key: bytes
    slots: tuple[dict[str, Any], ...]
    own_slot_id: str
    own_private: bytes | None


def _secret_aad(store_id: str, name: str) -> bytes:
    return f"zvkd-secret|{store_id}|{name}".encode()


class Keyring:
    def __init__(
        self,
        store_id: str,
        data_key: bytes,
        slots: list[dict[str, Any]],
        *,
        own_slot_id: str,
        own_private: bytes | None,
        pseudonym_key: bytes,
    ) -> None:
        self.store_id = store_id
        self.data_key = data_key
        self.slots = slots
        self.own_slot_id = own_slot_id
        self.own_private = own_private
        self.pseudonym_key = pseudonym_key
        self.upgraded = False  # a format-1 slot was given a key pair while opening

    # -- making and opening ----------------------------------------------------------------

    @classmethod
    def create(
        cls,
        store_id: str,
        *,
        password: str,
        username: str,
        user_id: uuid.UUID | None,
        slot_id: str,
        private: bytes | None,
        kdf: KdfParams,
    ) -> tuple[Keyring, str]:
        """A new store's keys: one user slot and a recovery slot; returns the recovery code."""
        data_key = keys.new_data_key()
        slot, private = keys.make_key_slot(
            data_key, password, kind=keys.PASSWORD, slot_id=slot_id, label=username,
            store_id=store_id, kdf=kdf, user_id=user_id, private=private,
        )
        ring = cls(
            store_id, data_key, [slot], own_slot_id=slot_id, own_private=private,
            pseudonym_key=os.urandom(32),
        )
        return ring, ring.replace_recovery(kdf)

    @classmethod
    def opened(cls, header: Header, unlocked: keys.Unlocked, recovery_code: str | None) -> Keyring:
        """The keys of a file whose header is authenticated (call after the MAC check)."""
        ring = cls(
            header.store_id,
            unlocked.data_key,
            list(header.slots),
            own_slot_id=str(unlocked.slot["id"]),
            own_private=unlocked.private,
            pseudonym_key=_open_pseudonym_key(header, unlocked.data_key),
        )
        if recovery_code is not None and keys.is_legacy(unlocked.slot):
            # the code is at hand: give the recovery slot its key pair now (format 2)
            code = keys.normalise_recovery_code(recovery_code)
            kdf = KdfParams.from_json(unlocked.slot["kdf"])
            slot, private = keys.make_key_slot(
                ring.data_key, code, kind=keys.RECOVERY, slot_id=str(unlocked.slot["id"]),
                label=RECOVERY_LABEL, store_id=ring.store_id, kdf=kdf,
            )
            ring._put(slot)
            ring.own_private = private
            ring.upgraded = True
        return ring

    def header_secrets(self) -> dict[str, Any]:
        """The secrets, sealed under the current data key, for the header of the next save."""
        nonce = os.urandom(12)
        box = AESGCM(hkdf(self.data_key, b"zvkd header secrets"))
        sealed = box.encrypt(nonce, self.pseudonym_key, _secret_aad(self.store_id, "pseudonym"))
        return {"pseudonym": {"nonce": b64(nonce), "ct": b64(sealed)}}

    # -- undo --------------------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        return Snapshot(self.data_key, tuple(self.slots), self.own_slot_id, self.own_private)

    def restore(self, snapshot: Snapshot) -> None:
        self.data_key = snapshot.data_key
        self.slots = list(snapshot.slots)
        self.own_slot_id = snapshot.own_slot_id
        self.own_private = snapshot.own_private

    # -- looking up ---------------------------------------------------------------------------

    @property
    def own_slot(self) -> dict[str, Any]:
        return next(s for s in self.slots if s["id"] == self.own_slot_id)

    @property
    def kdf(self) -> KdfParams:
        """The key-derivation parameters new slots get: those of the slot in use."""
        return KdfParams.from_json(self.own_slot["kdf"])

    def slot_for(self, username: str) -> dict[str, Any] | None:
        wanted = username.strip().casefold()
        for slot in self.slots:
            if slot["kind"] == keys.PASSWORD and str(slot["label"]).casefold() == wanted:
                return slot
        return None

    def slot_of_user(self, user_id: uuid.UUID) -> dict[str, Any] | None:
        for slot in self.slots:
            if slot["kind"] == keys.PASSWORD and slot.get("user_id") == str(user_id):
                return slot
        return None

    def verify(self, username: str, password: str) -> bool:
        slot = self.slot_for(username)
        if slot is None:
            return False
        try:
            opened = keys.try_slot(slot, password, self.store_id)
        except StoreError:
            return False
        return opened is not None and opened.data_key == self.data_key

    # -- changing -----------------------------------------------------------------------------

    def set_user(
        self, user_id: uuid.UUID, username: str, password: str, *, slot_id: str | None = None
    ) -> tuple[dict[str, Any], bytes]:
        """Give the user a NEW key pair under ``password``, sealing the current data key to it;
        replaces any slot of theirs. Returns (slot, public key)."""
        old = self.slot_of_user(user_id) or self.slot_for(username)
        slot_id = slot_id or (str(old["id"]) if old else keys.new_slot_id())
        slot, private = keys.make_key_slot(
            self.data_key, password, kind=keys.PASSWORD, slot_id=slot_id, label=username,
            store_id=self.store_id, kdf=self.kdf, user_id=user_id,
        )
        if old is not None and old["id"] != slot_id:
            self.slots = [s for s in self.slots if s["id"] != old["id"]]
        self._put(slot)
        if self.own_slot_id in (slot_id, old["id"] if old else None):
            self.own_slot_id, self.own_private = slot_id, private
        return slot, keys.public_of(private)

    def rewrap_own(self, password: str) -> None:
        """A new password for the slot in use: same key pair, same sealed data key."""
        own = self.own_slot
        assert self.own_private is not None, "a format-1 slot is replaced, not rewrapped"
        self._put(keys.rewrap(own, self.own_private, password, store_id=self.store_id, kdf=self.kdf))

    def remove(self, slot_id: str) -> None:
        if slot_id == self.own_slot_id:
            raise StoreError("U kunt uw eigen toegang niet verwijderen.", code="own_slot")
        self.slots = [s for s in self.slots if s["id"] != slot_id]

    def replace_recovery(self, kdf: KdfParams | None = None) -> str:
        """A new recovery key (a new key pair, the current data key); returns the code."""
        code = keys.new_recovery_code()
        old = next((s for s in self.slots if s["kind"] == keys.RECOVERY), None)
        kdf = kdf or (KdfParams.from_json(old["kdf"]) if old else self.kdf)
        slot, private = keys.make_key_slot(
            self.data_key, code, kind=keys.RECOVERY, slot_id=keys.RECOVERY_SLOT_ID,
            label=RECOVERY_LABEL, store_id=self.store_id, kdf=kdf,
        )
        self.slots = [s for s in self.slots if s["kind"] != keys.RECOVERY]
        self._put(slot)
        if old is not None and self.own_slot_id == old["id"]:
            self.own_slot_id, self.own_private = slot["id"], private
        return code

    def rotate(self, active_users: Mapping[uuid.UUID, str]) -> None:
        """A new random data key, sealed to the recovery slot and to the slots of
        ``active_users`` (user id → user name); every other user slot is dropped. Nobody's
        password is needed."""
        ids = {str(user_id) for user_id in active_users}
        names = {name.casefold() for name in active_users.values()}

        def stays(slot: dict[str, Any]) -> bool:
            if slot["kind"] == keys.RECOVERY or slot["id"] == self.own_slot_id:
                return True
            if keys.is_legacy(slot):  # format 1 has no user id: its user is known by name
                return str(slot.get("label", "")).casefold() in names
            return slot.get("user_id") in ids

        kept = [slot for slot in self.slots if stays(slot)]
        if any(s["kind"] == keys.RECOVERY and keys.is_legacy(s) for s in kept):
            raise StoreError(LEGACY_RECOVERY, code="legacy_recovery_key")
        legacy = sorted(str(s["label"]) for s in kept if keys.is_legacy(s))
        if legacy:
            raise StoreError(LEGACY_USERS.format(names=", ".join(legacy)), code="legacy_slots")
        data_key = keys.new_data_key()
        self.slots = [keys.reseal(slot, data_key, self.store_id) for slot in kept]
        self.data_key = data_key

    def _put(self, slot: dict[str, Any]) -> None:
        """Replace the slot with the same id in place (order kept), or append it."""
        for index, existing in enumerate(self.slots):
            if existing["id"] == slot["id"]:
                self.slots = [*self.slots[:index], slot, *self.slots[index + 1 :]]
                return
        self.slots = [*self.slots, slot]


def _open_pseudonym_key(header: Header, data_key: bytes) -> bytes:
    """From the header's secrets; a format-1 file derived it from its (first) data key."""
    if header.secrets is None:
        return hkdf(data_key, b"zvkd pseudonym key")
    try:
        sealed = header.secrets["pseudonym"]
        box = AESGCM(hkdf(data_key, b"zvkd header secrets"))
        return box.decrypt(
            unb64(sealed["nonce"]), unb64(sealed["ct"]), _secret_aad(header.store_id, "pseudonym")
        )
    except (InvalidTag, KeyError, ValueError, TypeError) as exc:
        raise damaged("sleutels in de kop kloppen niet") from exc
