"""Every change to a store file is detected, with the message that fits where the change is.

The file layout (envelope.py) is re-derived here from its description, not imported, so a change to
the format has to be made on purpose in both places (only the header parser is borrowed, to tell a
forged header that no longer parses from one that does)::

    magic(8) | u16 format | u32 header length | header JSON | SHA-256(32) | HMAC(32) | chunks
    chunk: u32 length | ciphertext + tag

A key slot (format 2) wraps a private key under the password and holds the data key sealed to
the matching public key (``private``, ``public``, ``sealed``).
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from zvkd_desktop.errors import (
    DamagedStoreError,
    KnownError,
    NewerFormatError,
    NotAStoreError,
    RollbackError,
    WrongPasswordError,
)
from zvkd_desktop.store.envelope import Header, unb64
from zvkd_desktop.store.generations import GenerationMemory
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.models import Setting, Youth
from zvkd_desktop.store.store import Store
from zvkd_desktop.store.storefile import StoreFile, backup_path

PAYLOAD = b"SQLite format 3\x00" + bytes(range(256)) * 2  # small: one short chunk
FORMAT = 2  # the u16 after the magic
DAMAGED_TEXT = "beschadigd of er is mee geknoeid"


@dataclass(frozen=True)
class Layout:
    header_start: int
    header_end: int  # == start of the checksum
    chunks: list[tuple[int, int]]  # (offset of the length field, total record length)

    @property
    def checksum(self) -> range:
        return range(self.header_end, self.header_end + 32)

    @property
    def mac(self) -> range:
        return range(self.header_end + 32, self.header_end + 64)


def layout(data: bytes) -> Layout:
    (header_length,) = struct.unpack_from(">I", data, 10)
    header_end = 14 + header_length
    chunks, offset = [], header_end + 64
    while offset < len(data):
        (length,) = struct.unpack_from(">I", data, offset)
        chunks.append((offset, 4 + length))
        offset += 4 + length
    assert offset == len(data)
    return Layout(14, header_end, chunks)


def with_checksum(data: bytes | bytearray) -> bytes:
    """What an attacker can always do: the checksum is a plain hash, so recompute it."""
    end = 14 + struct.unpack_from(">I", data, 10)[0]
    return bytes(data[:end]) + hashlib.sha256(bytes(data[:end])).digest() + bytes(data[end + 32 :])


def expected_for_raw_flip(data: bytes, position: int, flipped: int) -> tuple[type, str, str]:
    """The refusal a plain flip (checksum not recomputed) must give: type, code, detail."""
    where = layout(data)
    if position < 8:
        return NotAStoreError, "not_a_store", ""
    if position in (8, 9):
        raw = bytes([flipped, data[9]]) if position == 8 else bytes([data[8], flipped])
        version = struct.unpack(">H", raw)[0]
        if version > FORMAT:
            return NewerFormatError, "newer_format", ""
        if version == 0:
            return DamagedStoreError, "damaged", "onbekende opmaak"
        return DamagedStoreError, "damaged", "kop beschadigd"  # a known format, wrong checksum
    if position < where.header_start:  # the header length: too long, or the checksum misses
        return DamagedStoreError, "damaged", ""
    if position < where.header_end or position in where.checksum:
        return DamagedStoreError, "damaged", "kop beschadigd"
    if position in where.mac:
        return DamagedStoreError, "damaged", "kop gewijzigd"
    index, (start, _size) = next(
        (i, c) for i, c in enumerate(where.chunks) if c[0] <= position < c[0] + c[1]
    )
    if position < start + 4:
        return DamagedStoreError, "damaged", "afgekapt blok"
    return DamagedStoreError, "damaged", f"blok {index + 1} klopt niet"


def assert_refused(error: KnownError, kind: type, code: str) -> None:
    assert type(error) is kind, f"{type(error).__name__}: {error}"
    assert error.code == code
    dutch = {
        NotAStoreError: "geen ZVKD-bestand",
        NewerFormatError: "nieuwere versie van ZVKD Desktop",
        DamagedStoreError: DAMAGED_TEXT,
        WrongPasswordError: "wachtwoord onjuist",
    }[kind]
    assert dutch in error.message


def unlock(path: Path, memory: GenerationMemory) -> KnownError:
    """Open ``path``; an open that succeeds fails the test."""
    try:
        StoreFile.unlock(path, password=PASSWORD, memory=memory)
    except KnownError as error:
        return error
    pytest.fail("a changed file opened")


@pytest.fixture
def small_file(tmp_path: Path) -> tuple[Path, bytes, GenerationMemory]:
    path = tmp_path / "klein.zvkd"
    memory = GenerationMemory(tmp_path / "state")
    StoreFile.create(path, PAYLOAD, password=PASSWORD, username="anna", kdf=TEST_KDF, memory=memory)
    return path, path.read_bytes(), memory


def test_the_untouched_small_file_opens(small_file: tuple[Path, bytes, GenerationMemory]) -> None:
    path, data, memory = small_file
    assert data[8:10] == FORMAT.to_bytes(2, "big")
    assert StoreFile.unlock(path, password=PASSWORD, memory=memory)[1] == PAYLOAD


@pytest.mark.parametrize("mask", [0x01, 0x80, 0xFF])
def test_every_single_byte_flip_is_refused_with_the_message_for_its_region(
    small_file: tuple[Path, bytes, GenerationMemory], mask: int
) -> None:
    path, data, memory = small_file
    details: set[str] = set()
    with open(path, "r+b", buffering=0) as file:
        for position in range(len(data)):
            changed = bytearray(data)
            changed[position] ^= mask
            # in place, not a rewrite: ext4 flushes a truncated-and-rewritten file on close
            file.seek(position)
            file.write(changed[position : position + 1])
            error = unlock(path, memory)
            assert path.read_bytes() == changed
            file.seek(position)
            file.write(data[position : position + 1])
            kind, code, detail = expected_for_raw_flip(data, position, changed[position])
            assert_refused(error, kind, code)
            if detail:
                assert f"({detail})" in error.message, (position, error.message)
                details.add(detail)
    # each layer was reached: header checksum, header MAC (after unlocking), the chunk's tag
    assert {"kop beschadigd", "kop gewijzigd", "afgekapt blok", "blok 1 klopt niet"} <= details


def _decoded(value: object, *names: str) -> object:
    try:
        return tuple(unb64(value[name]) for name in names)  # type: ignore[index]
    except (KeyError, ValueError, TypeError, AttributeError):
        return None


def _slot_meaning(header: dict, index: int) -> tuple[object, object]:
    """What decides whether the password opens slot ``index``, in two parts.

    First what unwraps the slot's private key (ids, KDF, salt, nonce, wrapped private key): a
    change there makes the password not fit. Then what the private key opens (its public key and
    the data key sealed to it): the password fits, so a change there is damage to the slot.
    """
    slot = header["slots"][index]
    unwraps = (
        header.get("store_id"), slot.get("id"), slot.get("kind"), slot.get("user_id"),
        slot.get("kdf"), _decoded(slot, "salt", "nonce", "private"),
    )
    opens = (_decoded(slot, "public"), _decoded(slot.get("sealed"), "epk", "nonce", "ct"))
    return unwraps, opens


def test_a_forged_checksum_still_fails_the_slot_or_the_header_mac(
    small_file: tuple[Path, bytes, GenerationMemory],
) -> None:
    """Flips in the header with the checksum recomputed, as an attacker would.

    A change to what unwraps the user's private key (store id, slot id, kind, user id, KDF,
    salt, nonce, wrapped key) makes the password not fit: WrongPasswordError. A change to what
    the private key then opens (the public key, the sealed data key) is a damaged slot. Any
    other change, including the recovery slot, the slot's label and the sealed secrets, opens
    the data key and is then caught by the header MAC. A header that no longer parses is
    damaged.
    """
    path, data, memory = small_file
    where = layout(data)
    original = json.loads(data[where.header_start : where.header_end])
    user_slot = next(i for i, s in enumerate(original["slots"]) if s["kind"] == "password")
    before = _slot_meaning(original, user_slot)
    counts = {"wrong_password": 0, "slot": 0, "mac": 0, "unreadable": 0}
    for position in range(where.header_start, where.header_end):
        changed = bytearray(data)
        changed[position] ^= 0x01
        forged = with_checksum(changed)
        with open(path, "r+b") as file:  # same length: rewrite in place
            file.write(forged)
        error = unlock(path, memory)
        raw_header = forged[where.header_start : where.header_end]
        try:
            Header.from_bytes(raw_header)  # the header must still parse at all
        except DamagedStoreError:
            assert_refused(error, DamagedStoreError, "damaged")
            assert "kop onleesbaar" in error.message
            counts["unreadable"] += 1
            continue
        unwraps, opens = _slot_meaning(json.loads(raw_header), user_slot)
        if unwraps != before[0]:
            assert_refused(error, WrongPasswordError, "wrong_password")
            counts["wrong_password"] += 1
        elif opens != before[1]:
            assert_refused(error, DamagedStoreError, "damaged")
            assert "(sleutelvak klopt niet)" in error.message
            counts["slot"] += 1
        else:
            assert_refused(error, DamagedStoreError, "damaged")
            assert "(kop gewijzigd)" in error.message
            counts["mac"] += 1
        assert path.read_bytes() == forged
    assert all(counts.values()), counts


def test_a_recomputed_checksum_does_not_hide_a_change_to_the_mac_or_a_chunk(
    small_file: tuple[Path, bytes, GenerationMemory],
) -> None:
    path, data, memory = small_file
    where = layout(data)
    for position in [*where.mac, *range(where.chunks[0][0], len(data))]:
        changed = bytearray(data)
        changed[position] ^= 0x01
        with open(path, "r+b") as file:
            file.write(with_checksum(changed))
        assert_refused(unlock(path, memory), DamagedStoreError, "damaged")


# -- a real store of three chunks ------------------------------------------------------------


@pytest.fixture
def big_store(new_store: Store, store_path: Path) -> tuple[Path, bytes]:
    """A store whose database spans three chunks, saved twice (so a previous generation exists)."""
    with new_store.transaction() as session:
        session.add(Setting(key="bijlage", value=random.Random(3).randbytes(1_200_000).hex()))
    with new_store.transaction() as session:
        session.add(Youth(first_name="Fenna", birth_year=2009))
    new_store.close()
    data = store_path.read_bytes()
    assert len(layout(data).chunks) == 3
    return store_path, data


def _refused(path: Path, content: bytes) -> DamagedStoreError:
    path.write_bytes(content)
    with pytest.raises(DamagedStoreError) as info:
        Store.open(path, password=PASSWORD)
    assert info.value.code == "damaged" and DAMAGED_TEXT in info.value.message
    assert path.read_bytes() == content
    return info.value


def _records(data: bytes) -> tuple[bytes, list[bytes]]:
    where = layout(data)
    head = data[: where.chunks[0][0]]
    return head, [data[start : start + size] for start, size in where.chunks]


def test_the_untouched_big_store_opens(big_store: tuple[Path, bytes]) -> None:
    path, _data = big_store
    store = Store.open(path, password=PASSWORD)
    with store.read() as session:
        assert session.scalars(select(Youth.first_name)).all() == ["Fenna"]
    store.close()


def test_a_truncated_file_is_refused(big_store: tuple[Path, bytes]) -> None:
    path, data = big_store
    where = layout(data)
    first, second, third = where.chunks
    cuts = {
        "inside the prefix": 12,
        "inside the header": where.header_end - 5,
        "inside the MAC": where.header_end + 40,
        "right after the MAC: no chunks at all": first[0],
        "inside a length field": second[0] + 2,
        "at a chunk boundary: the last chunk dropped": third[0],
        "at a chunk boundary: two chunks dropped": second[0],
        "in the middle of a chunk": second[0] + 1000,
        "inside the last tag": len(data) - 8,
        "one byte short": len(data) - 1,
    }
    for what, size in cuts.items():
        error = _refused(path, data[:size])
        assert error, what


def test_an_extended_file_is_refused(big_store: tuple[Path, bytes]) -> None:
    path, data = big_store
    _head, records = _records(data)
    for tail in (
        b"\x00",
        b"\x00" * 3,
        bytes(20),
        struct.pack(">I", 16) + bytes(16),  # a well-formed empty chunk
        records[-1],  # the last chunk again
        records[0],
    ):
        _refused(path, data + tail)


def test_dropped_duplicated_and_reordered_chunks_are_refused(big_store: tuple[Path, bytes]) -> None:
    path, data = big_store
    head, records = _records(data)
    variants = []
    for index in range(len(records)):
        variants.append(records[:index] + records[index + 1 :])  # dropped
        variants.append(records[: index + 1] + records[index:])  # duplicated
        variants.append([*records[:index], records[(index + 1) % 3], *records[index + 1 :]])  # one replaced
    for a in range(3):
        for b in range(a + 1, 3):
            swapped = list(records)
            swapped[a], swapped[b] = swapped[b], swapped[a]
            variants.append(swapped)
    variants.append(records[::-1])
    for variant in variants:
        assert variant != records
        _refused(path, head + b"".join(variant))


def test_a_chunk_from_the_previous_generation_is_refused(big_store: tuple[Path, bytes]) -> None:
    """Same store, same data key, but every save has its own chunk key and header hash."""
    path, data = big_store
    previous = max(Store.list_backups(path), key=lambda b: b.generation).path.read_bytes()
    head, records = _records(data)
    _old_head, old_records = _records(previous)
    assert len(old_records) == 3
    for index in range(3):
        spliced = list(records)
        spliced[index] = old_records[index]
        _refused(path, head + b"".join(spliced))


# -- rollback ----------------------------------------------------------------------------------


def test_an_older_valid_generation_in_place_of_the_current_one_is_a_rollback(
    new_store: Store, store_path: Path
) -> None:
    for name in ("Sem", "Noah", "Liam"):
        with new_store.transaction() as session:
            session.add(Youth(first_name=name, birth_year=2008))
    current = new_store.generation
    new_store.close()
    older = backup_path(store_path, current - 2)
    shutil.copyfile(older, store_path)
    swapped = store_path.read_bytes()

    with pytest.raises(RollbackError) as info:
        Store.open(store_path, password=PASSWORD)
    assert info.value.code == "rollback"
    assert f"oudere versie (versie {current - 2})" in info.value.message
    assert f"(versie {current})" in info.value.message
    assert store_path.read_bytes() == swapped

    store = Store.open(store_path, password=PASSWORD, allow_rollback=True)
    with store.read() as session:
        assert session.scalars(select(Youth.first_name)).all() == ["Sem"]
    # the next save goes beyond every generation seen, so the old copy cannot come back silently
    with store.transaction() as session:
        session.add(Youth(first_name="Mila", birth_year=2010))
    assert store.generation > current
    store.close()
    Store.open(store_path, password=PASSWORD).close()


def test_a_damaged_file_opens_from_its_newest_good_backup_and_is_kept_aside(
    new_store: Store, store_path: Path
) -> None:
    for name in ("Sem", "Noah", "Liam"):
        with new_store.transaction() as session:
            session.add(Youth(first_name=name, birth_year=2008))
    current = new_store.generation
    new_store.close()
    data = bytearray(store_path.read_bytes())
    data[-100] ^= 0x01  # inside the last chunk
    store_path.write_bytes(data)
    _refused(store_path, bytes(data))

    store = Store.open_newest_backup(store_path, password=PASSWORD)
    assert store.file.opened_from_backup == current - 1
    with store.read() as session:  # what the previous generation had: Liam is what is lost
        assert sorted(session.scalars(select(Youth.first_name))) == ["Noah", "Sem"]
    with store.transaction() as session:
        session.add(Youth(first_name="Liam", birth_year=2008))
    assert store.generation > current
    store.close()
    kept = [p for p in store_path.parent.iterdir() if ".damaged-" in p.name]
    assert [p.read_bytes() for p in kept] == [bytes(data)]  # the damaged file is not thrown away
    store = Store.open(store_path, password=PASSWORD)
    with store.read() as session:
        assert sorted(session.scalars(select(Youth.first_name))) == ["Liam", "Noah", "Sem"]
    store.close()
