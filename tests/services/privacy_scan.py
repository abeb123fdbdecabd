"""Find personal values in the decrypted database bytes: the check behind "erasure leaves zero".

``personal_values`` gathers, before erasure, every value that must go: every text of every row
that belongs to the youths (chosen by column *type*, not by the erasure's own list of erased
columns, so a text column the erasure forgot is caught), names also word by word, the dates of
birth as ISO and as dd-mm-jjjj, and every value in the audit entries about those rows.
``kept_text`` gathers what may legitimately stay: everything of everyone else (a sibling shares
the address, another youth may share a first name or a template note) and the dates, numbers and
codes of the erased youths. ``leftovers`` searches the serialized database for the values that
are personal and not legitimately elsewhere.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Enum, LargeBinary, String, Text, select

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.services.privacy.retention import audit_entries_of
from zvkd_desktop.services.privacy.scope import PARTS, owned
from zvkd_desktop.store.models import AuditEntry, Base
from zvkd_desktop.store.store import Store

MIN_LENGTH = 4
"""Shorter values (house number "3a") could match by chance anywhere in the database bytes."""
KEPT_TEXT_COLUMNS = {"neighbourhood", "author_name", "kind"}
"""Texts that stay on purpose: a neighbourhood code, a staff member's name, a decision's kind."""


def _is_text(column: Any) -> bool:
    return isinstance(column.type, (String, Text)) and not isinstance(column.type, Enum)


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _owned_rows(store: Store, youth_ids: Sequence[uuid.UUID]) -> dict[str, set[Any]]:
    with store.read() as session:
        return {
            part.model.__tablename__: set(  # type: ignore[attr-defined]
                session.scalars(select(owned(part.model, youth_ids, part.model.id).subquery().c.id))
            )
            for part in PARTS
        }


def personal_values(store: Store, youth_ids: Sequence[uuid.UUID]) -> set[str]:
    values: set[str] = set()
    with store.read() as session:
        for part in PARTS:
            table = part.model.__table__  # type: ignore[attr-defined]
            columns = [c for c in table.columns if _is_text(c) or c.name == "payload"]
            columns = [c for c in columns if c.name not in KEPT_TEXT_COLUMNS]
            query = owned(part.model, youth_ids, *columns)
            if part.model.__tablename__ == "youth":  # type: ignore[attr-defined]
                query = query.add_columns(table.c.date_of_birth)
            for row in session.execute(query):
                for value in row[1 : 1 + len(columns)]:
                    values.update(_strings(value))
                if part.model.__tablename__ == "youth" and row[-1] is not None:  # type: ignore[attr-defined]
                    values.update({row[-1].isoformat(), format_nl(row[-1])})
        seqs = list(audit_entries_of(session, youth_ids))
        for changes in session.scalars(select(AuditEntry.changes).where(AuditEntry.seq.in_(seqs))):
            values.update(_strings(changes))
    # names and texts word by word too; digit groups (of a phone number) would match by chance
    words = {w for value in values for w in value.replace(",", " ").split() if w.isalpha()}
    return {v for v in values | words if len(v) >= MIN_LENGTH}


def kept_text(store: Store, youth_ids: Sequence[uuid.UUID]) -> str:
    """Everything that may stay, as one text to search in."""
    theirs = _owned_rows(store, youth_ids)
    parts: list[str] = []
    with store.read() as session:
        about_them = set(audit_entries_of(session, youth_ids))
        for table in Base.metadata.sorted_tables:
            if table.name in (AuditEntry.__tablename__, "audit_seal"):  # hashes and salts only
                continue
            ids = theirs.get(table.name, set())
            for row in session.execute(select(table)):
                mine = row._mapping["id"] in ids
                for column, value in zip(table.columns, row, strict=True):
                    if value is None or isinstance(column.type, LargeBinary):
                        continue
                    if mine and (_is_text(column) and column.name not in KEPT_TEXT_COLUMNS
                                 or column.name in ("date_of_birth", "payload")):  # fmt: skip
                        continue
                    parts.extend(_strings(value) if column.name == "payload" else [str(value)])
        for seq, changes in session.execute(select(AuditEntry.seq, AuditEntry.changes)):
            if seq not in about_them:
                parts.extend(_strings(changes))
    return "\n".join(parts)


_NL_DATE = re.compile(r"\d{2}-\d{2}-\d{4}")
_HEX = frozenset(b"0123456789abcdef")


def _trie(needles: Iterable[bytes]) -> bytes:
    """One regex for many literals, as a trie: it matches the longest needle at a position, and
    every needle that is a prefix of that match is there too. (Searching 8 MB once instead of
    once per needle is what keeps the demo-store test quick.)"""
    root: dict[int, Any] = {}
    for needle in needles:
        node = root
        for byte in needle:
            node = node.setdefault(byte, {})
        node[-1] = {}

    def build(node: dict[int, Any]) -> bytes:
        alternatives = [re.escape(bytes([b])) + build(child)
                        for b, child in sorted(node.items()) if b >= 0]  # fmt: skip
        if not alternatives:
            return b""
        body = alternatives[0] if len(alternatives) == 1 else b"(?:" + b"|".join(alternatives) + b")"
        return b"(?:" + body + b")?" if -1 in node else body

    return build(root)


def occurring(values: Iterable[str], haystack: bytes) -> set[str]:
    """The values that occur in ``haystack`` (as UTF-8)."""
    needles = {v.encode("utf-8"): v for v in values}
    if not needles:
        return set()
    pattern = re.compile(b"(?=(" + _trie(needles) + b"))")
    longest = {m for m in pattern.findall(haystack) if m}
    return {needles[m[:end]] for m in longest for end in range(1, len(m) + 1) if m[:end] in needles}


def _nl_date_in(value: str, blob: bytes) -> bool:
    """A dd-mm-jjjj date is never stored as such (SQLite keeps dates as ISO text), but an ISO date
    followed by a hexadecimal id in the next column can spell one ("2023-06-20" + "02e2…" holds
    "23-06-2002"); so it counts only where no digit or hex letter precedes it, as in a note."""
    needle = value.encode("ascii")
    at = blob.find(needle)
    while at > 0 and blob[at - 1] in _HEX:
        at = blob.find(needle, at + 1)
    return at >= 0


def leftovers(store: Store, values: set[str], kept: str) -> tuple[int, list[str]]:
    """(how many values were searched, the ones still in the database bytes)."""
    searched = values - occurring(values, kept.encode("utf-8"))
    blob = store.db.serialize()
    dates = {v for v in searched if _NL_DATE.fullmatch(v)}
    found = occurring(searched - dates, blob) | {v for v in dates if _nl_date_in(v, blob)}
    return len(searched), sorted(found)
