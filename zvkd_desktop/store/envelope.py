"""The store file format: an authenticated header with key slots, then AES-256-GCM chunks.

Layout (all integers big-endian)::

    magic "ZVKDSTOR" | u16 format | u32 header length | header (canonical JSON)
    | SHA-256 of everything before it (damage check, readable before unlock)
    | HMAC-SHA256 of the same bytes under a key derived from the data key (tamper check)
    | chunk 0 | chunk 1 | ...         each chunk: u32 length | ciphertext+tag

The database is encrypted under a per-save key, HKDF(data key, salt = a fresh random seed from the
header), as KDBX's master seed does, so a nonce can be the chunk index without ever repeating under
one key. Each chunk's associated data binds the header hash, the chunk index and a last-chunk flag:
chunks cannot be reordered, dropped, duplicated, truncated or moved to another file. The data key
itself is sealed once per key slot (see keys.py); changing a password rewraps one slot only.

Format 2 (this version) adds to the authenticated header the audit chain's head (``audit``: the
hash and seq of the last audit entry, so an entry removed, edited or reordered is detected at
unlock) and ``secrets``: keys that must outlive a data-key rotation (the pseudonym key), sealed
under the data key. Its slots hold a key pair each (keys.py). Format-1 files still open and are
written as format 2 on their next save.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import struct
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from zvkd_desktop.errors import DamagedStoreError, NewerFormatError, NotAStoreError

MAGIC = b"ZVKDSTOR"
FORMAT_VERSION = 2
CHUNK_SIZE = 1024 * 1024
_PREFIX = struct.Struct(">8sHI")
_CHUNK_LEN = struct.Struct(">I")
_TAG = 16
MAX_HEADER = 1024 * 1024

DAMAGED = (
    "Het bestand is beschadigd of er is mee geknoeid ({detail}). "
    "Open een eerdere versie (reservekopie) of neem contact op met de coördinator."
)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def hkdf(key: bytes, info: bytes, salt: bytes | None = None) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)


def damaged(detail: str) -> DamagedStoreError:
    return DamagedStoreError(DAMAGED.format(detail=detail), code="damaged")


@dataclass
class Header:
    """Everything about a saved generation that is not the database itself."""

    store_id: str
    generation: int
    seed: bytes
    chunk_count: int
    payload_length: int
    slots: list[dict[str, Any]]
    extra: dict[str, Any] = field(default_factory=dict)
    audit: dict[str, Any] | None = None  # {"head": hex, "last_seq": n}; stores only
    secrets: dict[str, Any] | None = None  # sealed under the data key (see storefile.py)
    format_version: int = FORMAT_VERSION  # as read; a save always writes FORMAT_VERSION

    def to_bytes(self) -> bytes:
        body: dict[str, Any] = {
            "store_id": self.store_id,
            "generation": self.generation,
            "seed": b64(self.seed),
            "chunk_size": CHUNK_SIZE,
            "chunk_count": self.chunk_count,
            "payload_length": self.payload_length,
            "slots": self.slots,
            "extra": self.extra,
        }
        if self.audit is not None:
            body["audit"] = self.audit
        if self.secrets is not None:
            body["secrets"] = self.secrets
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes, format_version: int = FORMAT_VERSION) -> Header:
        try:
            body = json.loads(raw.decode("utf-8"))
            header = cls(
                store_id=str(body["store_id"]),
                generation=int(body["generation"]),
                seed=unb64(body["seed"]),
                chunk_count=int(body["chunk_count"]),
                payload_length=int(body["payload_length"]),
                slots=list(body["slots"]),
                extra=dict(body.get("extra") or {}),
                audit=_optional_dict(body.get("audit")),
                secrets=_optional_dict(body.get("secrets")),
                format_version=format_version,
            )
            if int(body["chunk_size"]) != CHUNK_SIZE or len(header.seed) != 32:
                raise ValueError("chunking")
            # the header is read before it can be authenticated: slots are tried with it
            if not all(isinstance(slot, dict) for slot in body["slots"]):
                raise ValueError("slots")
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise damaged("kop onleesbaar") from exc
        return header


def _optional_dict(value: Any) -> dict[str, Any] | None:
    if value is not None and not isinstance(value, dict):
        raise TypeError("not an object")
    return value


@dataclass
class ParsedFile:
    header: Header
    header_region: bytes  # magic .. header, what the checksum and MAC cover
    header_hash: bytes
    header_mac: bytes
    chunks: list[memoryview]  # ciphertext+tag of each chunk, views into the file image


def seal(payload: bytes, header: Header, data_key: bytes) -> bytearray:
    """Encrypt ``payload`` into a complete file image under ``header`` (chunk fields are set).

    Each chunk is encrypted straight into its place in one preallocated image: encrypting into
    new buffers and joining them made sealing several times slower than the encryption itself.
    """
    count = max(1, -(-len(payload) // CHUNK_SIZE))
    header.chunk_count = count
    header.payload_length = len(payload)
    header.format_version = FORMAT_VERSION
    raw_header = header.to_bytes()
    region = _PREFIX.pack(MAGIC, FORMAT_VERSION, len(raw_header)) + raw_header
    header_hash = hashlib.sha256(region).digest()
    mac = hmac.new(hkdf(data_key, b"zvkd header mac"), region, hashlib.sha256).digest()
    aead = AESGCM(hkdf(data_key, b"zvkd chunk key", salt=header.seed))
    image = bytearray(len(region) + 64 + count * (_CHUNK_LEN.size + _TAG) + len(payload))
    offset = len(region) + 64
    image[:offset] = region + header_hash + mac
    with memoryview(payload) as source, memoryview(image) as out:
        for index in range(count):
            chunk = source[index * CHUNK_SIZE : (index + 1) * CHUNK_SIZE]
            length = len(chunk) + _TAG
            _CHUNK_LEN.pack_into(image, offset, length)
            offset += _CHUNK_LEN.size
            aead.encrypt_into(
                _nonce(index),
                chunk,
                _aad(header_hash, index, index == count - 1),
                out[offset : offset + length],
            )
            offset += length
    return image


def parse(data: bytes | bytearray) -> ParsedFile:
    """Split a file image; checks structure and the damage checksum, not authenticity."""
    if len(data) < _PREFIX.size or data[:8] != MAGIC:
        if len(data) >= len(MAGIC) and data[:8] == MAGIC:
            raise damaged("afgekapt")
        raise NotAStoreError(
            "Dit is geen ZVKD-bestand. Kies een bestand dat eindigt op .zvkd.", code="not_a_store"
        )
    _magic, version, header_len = _PREFIX.unpack_from(data)
    if version > FORMAT_VERSION:
        raise NewerFormatError(
            "Dit bestand is gemaakt met een nieuwere versie van ZVKD Desktop "
            f"(formaat {version}). Werk het programma bij om het te openen.",
            code="newer_format",
        )
    if version < 1 or header_len > MAX_HEADER:
        raise damaged("onbekende opmaak")
    end = _PREFIX.size + header_len
    if len(data) < end + 64:
        raise damaged("afgekapt")
    region = bytes(data[:end])
    header_hash = bytes(data[end : end + 32])
    if not hmac.compare_digest(hashlib.sha256(region).digest(), header_hash):
        raise damaged("kop beschadigd")
    header = Header.from_bytes(region[_PREFIX.size :], version)
    return ParsedFile(
        header, region, header_hash, bytes(data[end + 32 : end + 64]), _split(data, end + 64)
    )


def verify_header(parsed: ParsedFile, data_key: bytes) -> None:
    expected = hmac.new(hkdf(data_key, b"zvkd header mac"), parsed.header_region, hashlib.sha256)
    if not hmac.compare_digest(expected.digest(), parsed.header_mac):
        raise damaged("kop gewijzigd")


def open_payload(parsed: ParsedFile, data_key: bytes) -> bytes:
    """Authenticate the header and decrypt every chunk, in order; any mismatch is damage."""
    verify_header(parsed, data_key)
    _check_lengths(parsed)
    aead = AESGCM(hkdf(data_key, b"zvkd chunk key", salt=parsed.header.seed))
    last = len(parsed.chunks) - 1
    parts = []
    for index, ciphertext in enumerate(parsed.chunks):
        aad = _aad(parsed.header_hash, index, index == last)
        try:
            parts.append(aead.decrypt(_nonce(index), ciphertext, aad))
        except InvalidTag as exc:
            raise damaged(f"blok {index + 1} klopt niet") from exc
    return b"".join(parts)


def verify_tags(parsed: ParsedFile, data_key: bytes) -> None:
    """Authenticate the header and every chunk's tag without keeping the plaintext.

    Used to check a freshly written file: each chunk is decrypted into one reused scratch buffer,
    so the check costs the decryption only, not a second copy of the database in memory.
    """
    verify_header(parsed, data_key)
    _check_lengths(parsed)
    _verify_chunks(parsed, data_key)


def _check_lengths(parsed: ParsedFile) -> None:
    """The chunk count and sizes must agree with the (authenticated) header."""
    header = parsed.header
    if len(parsed.chunks) != header.chunk_count:
        raise damaged("aantal blokken klopt niet")
    sizes = [len(chunk) - _TAG for chunk in parsed.chunks]
    if sum(sizes) != header.payload_length or any(size != CHUNK_SIZE for size in sizes[:-1]):
        raise damaged("lengte klopt niet")


def _verify_chunks(parsed: ParsedFile, data_key: bytes) -> None:
    aead = AESGCM(hkdf(data_key, b"zvkd chunk key", salt=parsed.header.seed))
    last = len(parsed.chunks) - 1
    with memoryview(bytearray(CHUNK_SIZE)) as scratch:
        for index, ciphertext in enumerate(parsed.chunks):
            with scratch[: len(ciphertext) - _TAG] as target:
                try:
                    aead.decrypt_into(
                        _nonce(index),
                        ciphertext,
                        _aad(parsed.header_hash, index, index == last),
                        target,
                    )
                except InvalidTag as exc:
                    raise damaged(f"blok {index + 1} klopt niet") from exc


def _split(data: bytes | bytearray, offset: int) -> list[memoryview]:
    chunks = []
    view = memoryview(data)
    size = len(data)
    while offset < size:
        if offset + _CHUNK_LEN.size > size:
            raise damaged("afgekapt blok")
        (length,) = _CHUNK_LEN.unpack_from(data, offset)
        offset += _CHUNK_LEN.size
        if length < _TAG or length > CHUNK_SIZE + _TAG or offset + length > size:
            raise damaged("afgekapt blok")
        chunks.append(view[offset : offset + length])
        offset += length
    return chunks


def _nonce(index: int) -> bytes:
    return index.to_bytes(12, "big")


def _aad(header_hash: bytes, index: int, last: bool) -> bytes:
    return header_hash + index.to_bytes(8, "big") + (b"\x01" if last else b"\x00")
