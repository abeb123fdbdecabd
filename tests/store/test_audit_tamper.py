"""Editing, deleting or reordering any single audit entry in a saved store is detected.

The attacker here KNOWS THE DATA KEY (a user with a valid password): the test decrypts the file
with the store's own functions, changes the SQLite database through sqlite3, and seals it again
under the same key and header — so the file itself authenticates perfectly. What catches the
change is the audit chain: each entry's hash covers the one before it, and the header records the
chain's head on every save. An edited entry breaks its own hash; a deleted or moved one breaks a
link; a chain recomputed to hide an edit (or an entry cut off at the end) no longer ends in the
recorded head. Both the unlock and ``zvkd verify`` must say so, and the file stays untouched.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from zvkd_desktop.cli.main import main
from zvkd_desktop.errors import DamagedStoreError
from zvkd_desktop.services.audit import record
from zvkd_desktop.store import audit_chain, envelope, keys
from zvkd_desktop.store.database import Database
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.models import AuditEntry
from zvkd_desktop.store.store import Store

ENTRIES = 5
Edit = Callable[[sqlite3.Connection], None]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a store whose audit log has ENTRIES entries, most with changed values."""
    folder = tmp_path_factory.mktemp("audit")
    store, _ = Store.create(
        folder / "pad.zvkd", PASSWORD, username="coordinator", display_name="Coördinator",
        kdf=TEST_KDF, state_folder=folder / "state",
    )
    for number in range(1, ENTRIES + 1):
        with store.transaction() as session:
            changes = {"note": [None, f"regel {number}"]} if number % 2 else None
            record(session, store.user, "update", table="youth", changes=changes)
    store.close()
    return store.path.read_bytes()


@pytest.fixture
def saved(template: bytes, store_path: Path) -> Path:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(template)
    return store_path


def reseal(path: Path, edit: Edit) -> bytes:
    """What a key holder can do: decrypt, change the database, seal it again (same header)."""
    parsed = envelope.parse(path.read_bytes())
    data_key, _slot = keys.unlock(parsed.header, password=PASSWORD)
    database = sqlite3.connect(":memory:")
    try:
        database.deserialize(envelope.open_payload(parsed, data_key))
        edit(database)
        database.commit()
        payload = database.serialize()
    finally:
        database.close()
    image = bytes(envelope.seal(payload, parsed.header, data_key))
    path.write_bytes(image)
    return image


def refused_at_unlock(path: Path) -> DamagedStoreError:
    before = path.read_bytes()
    with pytest.raises(DamagedStoreError) as info:
        Store.open(path, password=PASSWORD)
    assert info.value.code == "audit_tampered"
    assert "logboek (auditlog)" in info.value.message and "geknoeid" in info.value.message
    assert path.read_bytes() == before
    return info.value


def verify(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    password_file = tmp_path / "wachtwoord.txt"
    password_file.write_text(PASSWORD + "\n", "utf-8")
    code = main(["verify", "--store", str(path), "--password-file", str(password_file), "--json"])
    return code, json.loads(capsys.readouterr().out)


def edit_action(seq: int) -> Edit:
    return lambda db: db.execute("UPDATE audit_entry SET action = 'view' WHERE seq = ?", (seq,))


def edit_time(seq: int) -> Edit:
    return lambda db: db.execute(
        "UPDATE audit_entry SET at = '2020-01-01 00:00:00.000000' WHERE seq = ?", (seq,)
    )


def edit_changes(seq: int) -> Edit:
    """A changed value, or a value put into an entry that had none."""
    return lambda db: db.execute(
        "UPDATE audit_entry SET changes = ? WHERE seq = ?",
        (json.dumps({"note": [None, "iets anders"]}), seq),
    )


def delete(seq: int) -> Edit:
    """The entry and its seal (salt) both gone, as a careful attacker would do it."""

    def edit(db: sqlite3.Connection) -> None:
        db.execute("DELETE FROM audit_entry WHERE seq = ?", (seq,))
        db.execute("DELETE FROM audit_seal WHERE seq = ?", (seq,))

    return edit


def swap_with_next(seq: int) -> Edit:
    """Reorder two neighbours (their seq numbers exchanged, everything else as it was)."""

    def edit(db: sqlite3.Connection) -> None:
        db.execute("UPDATE audit_entry SET seq = -1 WHERE seq = ?", (seq,))
        db.execute("UPDATE audit_entry SET seq = ? WHERE seq = ?", (seq, seq + 1))
        db.execute("UPDATE audit_entry SET seq = ? WHERE seq = -1", (seq + 1,))

    return edit


def test_the_resealed_but_unchanged_store_opens_and_verifies(
    saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The attack harness itself changes nothing that matters."""
    reseal(saved, lambda db: None)
    Store.open(saved, password=PASSWORD).close()
    code, report = verify(saved, tmp_path, capsys)
    assert code == 0 and report["integrity"] == "ok"
    assert report["audit"] == {
        "entries": ENTRIES, "intact": True, "broken_at": None, "head_matches": True,
        "recorded_last_seq": ENTRIES, "last_seq": ENTRIES,
    }


CASES = [
    (make, seq)
    for make in (edit_action, edit_time, edit_changes, delete, swap_with_next)
    for seq in range(1, ENTRIES + (0 if make is swap_with_next else 1))  # the last has no next
]


@pytest.mark.parametrize(("make", "seq"), CASES, ids=[f"{m.__name__}-{n}" for m, n in CASES])
def test_any_single_entry_edited_deleted_or_moved_is_refused_and_verify_names_it(
    saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Callable[[int], Edit],
    seq: int,
) -> None:
    reseal(saved, make(seq))
    error = refused_at_unlock(saved)
    code, report = verify(saved, tmp_path, capsys)
    assert code == 1 and report["integrity"] == "audit_tampered"
    if make is delete and seq == ENTRIES:
        # the rest is a whole chain, one entry short of the head the header recorded
        assert report["audit"]["broken_at"] is None and not report["audit"]["head_matches"]
        assert f"({ENTRIES} regels vastgelegd, {ENTRIES - 1} gevonden)" in error.message
    else:
        expected = seq + 1 if make is delete else seq
        assert report["audit"]["broken_at"] == expected
        assert f"vanaf regel {expected}:" in error.message


def test_a_chain_recomputed_to_hide_an_edit_no_longer_ends_in_the_recorded_head(
    saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The attacker edits entry 2 and rehashes everything after it with the program's own
    functions, so the chain is whole again; only the head in the header gives it away."""

    def rewrite(db: sqlite3.Connection) -> None:
        db.execute("UPDATE audit_entry SET action = 'view' WHERE seq = 2")
        _rehash(db)

    reseal(saved, rewrite)
    refused_at_unlock(saved)
    code, report = verify(saved, tmp_path, capsys)
    assert code == 1
    assert report["audit"]["broken_at"] is None and not report["audit"]["head_matches"]


def test_the_limit_a_key_holder_who_also_rewrites_the_header_is_not_caught(saved: Path) -> None:
    """Documented in resources/security-model.md: the header is authenticated with a key derived
    from the data key, so whoever has the data key can write a consistent header too. The chain
    proves the log was not changed by anyone WITHOUT the key, and makes a key holder's change
    visible to every copy made before it; it does not stop the key holder."""

    def rewrite(db: sqlite3.Connection) -> None:
        db.execute("UPDATE audit_entry SET action = 'view' WHERE seq = 2")
        _rehash(db)

    reseal(saved, rewrite)
    parsed = envelope.parse(saved.read_bytes())
    data_key, _slot = keys.unlock(parsed.header, password=PASSWORD)
    database = sqlite3.connect(":memory:")
    database.deserialize(envelope.open_payload(parsed, data_key))
    head, seq = database.execute(
        "SELECT entry_hash, seq FROM audit_entry ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    database.close()
    parsed.header.audit = audit_chain.ChainHead(head, seq).to_json()
    saved.write_bytes(envelope.seal(envelope.open_payload(parsed, data_key), parsed.header, data_key))
    Store.open(saved, password=PASSWORD).close()  # accepted: the limit, on purpose


def _rehash(db: sqlite3.Connection) -> None:
    """Recompute every entry's link and hash with the program's own hashing."""
    db.commit()
    copy = Database(db.serialize(), device_id=uuid.uuid4())  # to read the rows as the ORM does
    try:
        with copy.session() as session:
            seals = audit_chain.seals(session)
            prev = audit_chain.GENESIS
            for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
                hashed = audit_chain.hashed_changes(entry.changes, seals.get(entry.seq))
                digest = audit_chain.entry_hash(prev, audit_chain.body(entry, hashed))
                db.execute(
                    "UPDATE audit_entry SET prev_hash = ?, entry_hash = ? WHERE seq = ?",
                    (prev, digest, entry.seq),
                )
                prev = digest
    finally:
        copy.close()


# -- the unlock's shortcut through raw values ---------------------------------------------------


def test_hashing_from_raw_values_gives_exactly_the_body_the_orm_values_give(saved: Path) -> None:
    """verify_chain builds each body from raw column values for speed; it must be the same body
    as from the ORM values, also for times with microseconds, missing ids and erased values."""
    store = Store.open(saved, password=PASSWORD)
    try:
        with store.transaction() as session:
            entry = record(session, store.user, "view", case_id=uuid.uuid4())
            entry.at = entry.at.replace(microsecond=123456)  # entries before rounding had them
        with store.read() as session:
            _rehash_session(session)
        store.save()
    finally:
        store.close()
    store = Store.open(saved, password=PASSWORD)  # and the rehashed chain verifies at unlock
    try:
        with store.read() as session:
            seals = audit_chain.seals(session)
            raw = session.connection().exec_driver_sql(
                "SELECT seq, id, at, user_id, action, table_name, record_id, case_id, changes "
                "FROM audit_entry ORDER BY seq"
            ).all()
            entries = session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
            assert len(raw) == len(entries) == ENTRIES + 1
            for row, entry in zip(raw, entries, strict=True):
                seal = seals.get(entry.seq)
                hashed = audit_chain.hashed_changes(entry.changes, seal)
                assert audit_chain._raw_body(row, seal) == audit_chain.body(entry, hashed)
            assert entries[-1].at.microsecond == 123456
    finally:
        store.close()


def test_a_raw_value_in_another_form_is_checked_from_the_orm_values_not_refused(
    saved: Path,
) -> None:
    """An id in upper case is the same id to the program: not tampering, so not refused."""
    reseal(saved, lambda db: db.execute("UPDATE audit_entry SET id = upper(id) WHERE seq = 3"))
    Store.open(saved, password=PASSWORD).close()


def _rehash_session(session: object) -> None:
    """Rehash the chain in a live store (the store's own save then records the new head)."""
    connection = session.connection().connection.driver_connection  # type: ignore[attr-defined]
    seals = audit_chain.seals(session)  # type: ignore[arg-type]
    prev = audit_chain.GENESIS
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):  # type: ignore[attr-defined]
        hashed = audit_chain.hashed_changes(entry.changes, seals.get(entry.seq))
        digest = audit_chain.entry_hash(prev, audit_chain.body(entry, hashed))
        connection.execute(
            "UPDATE audit_entry SET prev_hash = ?, entry_hash = ? WHERE seq = ?",
            (prev, digest, entry.seq),
        )
        prev = digest
    connection.commit()
