"""Which case rows to show, and in what order: the arithmetic behind the case list's proxy.

At 100 000 cases a per-row callback from Qt (``QSortFilterProxyModel.filterAcceptsRow`` in
Python) costs over 100 ms per keystroke before any work is done, and a sort that asks the model
for each compared value costs seconds. So the list answers a filter change here, in bulk:

- every filterable fact is a numpy array with one entry per row, so a combination of filters is
  a handful of vectorised comparisons (well under a millisecond);
- the search text is matched against one pre-folded key per row (name, coach, neighbourhood;
  case and accents ignored) in one list comprehension, and a longer text is only matched against
  the rows the shorter one found, so typing a word letter by letter gets cheaper as it goes;
- each column's sort order is worked out once per load (a stable sort of all rows) and a filter
  only picks the shown rows out of it.

No Qt here: the proxy (``proxy.py``) turns the result into model signals.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np
import numpy.typing as npt

from zvkd_desktop.domain.signals import SignalKind
from zvkd_desktop.domain.vocabulary import Category
from zvkd_desktop.services.case_list import CaseRow

__all__ = ["ANY_SIGNAL", "NO_COACH", "CaseIndex", "Criteria", "StatusFilter", "fold"]

Mask = npt.NDArray[np.bool_]
Rows = npt.NDArray[np.intp]


class StatusFilter(Enum):
    RUNNING = "running"
    CLOSED = "closed"
    ALL = "all"


class _Token(Enum):
    NO_COACH = "no_coach"
    ANY_SIGNAL = "any_signal"


NO_COACH = _Token.NO_COACH
"""Coach filter value: cases without a coach."""
ANY_SIGNAL = _Token.ANY_SIGNAL
"""Signal filter value: cases with at least one signal."""

_CATEGORIES = list(Category)
_SIGNAL_BIT = {kind: 1 << position for position, kind in enumerate(SignalKind)}
_SEARCH_CACHE_SIZE = 32


@dataclass(frozen=True)
class Criteria:
    """What the user asked to see; ``None`` means "no filter" for each field."""

    search: str = ""
    status: StatusFilter = StatusFilter.RUNNING
    category: Category | None = None
    coach: uuid.UUID | _Token | None = None
    neighbourhood: str | None = None
    signal: SignalKind | _Token | None = None


def fold(text: str) -> str:
    """Lower case without accents, so "zoe" finds "Zoë" and "EL AMRANI" finds "el Amrani"."""
    if not text.isascii():
        text = "".join(
            char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
        )
    return text.casefold()


def search_key(row: CaseRow) -> str:
    """The text a search looks in; the separator keeps a word from spanning two fields."""
    return fold(f"{row.youth_name}\x1f{row.coach_name or ''}\x1f{row.neighbourhood_name}")


class CaseIndex:
    """The rows' filterable facts as arrays, with caches for searches and sort orders.

    Pure Python and numpy, so it can be built on the loading thread (``for_rows``) and handed to
    the model with the rows: at 100 000 rows that keeps a quarter second off the GUI thread.
    """

    def __init__(self, rows: Sequence[CaseRow]) -> None:
        self.size = len(rows)
        self.keys = [search_key(row) for row in rows]
        self._case_ids = [row.case_id for row in rows]
        self._row_of: dict[uuid.UUID, int] | None = None
        self._running = np.fromiter((row.is_running for row in rows), np.bool_, self.size)
        category_code = {category: code for code, category in enumerate(_CATEGORIES)}
        self._category = np.fromiter(
            (category_code[row.category] for row in rows), np.int8, self.size
        )
        self.coaches: dict[uuid.UUID, str] = {}
        """The coaches that occur, with their names (for the coach filter's choices)."""
        self.neighbourhoods: dict[str, str] = {}
        """The neighbourhood codes that occur, with their names."""
        coach_codes: dict[uuid.UUID, int] = {}
        hood_codes: dict[str, int] = {}
        coach = np.empty(self.size, np.int32)
        hood = np.empty(self.size, np.int32)
        for position, row in enumerate(rows):
            if row.coach_id is None:
                coach[position] = -1
            else:
                code = coach_codes.get(row.coach_id)
                if code is None:
                    code = coach_codes[row.coach_id] = len(coach_codes)
                    self.coaches[row.coach_id] = row.coach_name or ""
                coach[position] = code
            code = hood_codes.get(row.neighbourhood)
            if code is None:
                code = hood_codes[row.neighbourhood] = len(hood_codes)
                self.neighbourhoods[row.neighbourhood] = row.neighbourhood_name
            hood[position] = code
        self._coach, self._coach_codes = coach, coach_codes
        self._neighbourhood, self._neighbourhood_codes = hood, hood_codes
        self._signals = np.fromiter(
            (sum(_SIGNAL_BIT[kind] for kind in row.signals) for row in rows), np.uint16, self.size
        )
        self._searches: OrderedDict[str, Rows] = OrderedDict()
        self._filter: tuple[tuple[object, ...], Mask | None] | None = None
        self._orders: dict[tuple[int, bool], Rows] = {}

    def row_of(self, case_id: uuid.UUID) -> int | None:
        """The row number of a case (the dict is made on first use)."""
        if self._row_of is None:
            self._row_of = {case: row for row, case in enumerate(self._case_ids)}
        return self._row_of.get(case_id)

    # -- the answer ------------------------------------------------------------------------

    def visible(
        self,
        criteria: Criteria,
        *,
        column: int = -1,
        descending: bool = False,
        sort_keys: Callable[[int], Sequence[object]] | None = None,
    ) -> Rows:
        """The row numbers to show, in display order (sorted by ``column`` when it is >= 0)."""
        mask = self.filter_mask(criteria)
        found = self.search(criteria.search)
        if found is not None:
            search_mask = np.zeros(self.size, np.bool_)
            search_mask[found] = True
            mask = search_mask if mask is None else mask & search_mask
        order = (
            self.order(column, descending, sort_keys)
            if column >= 0 and sort_keys is not None
            else None
        )
        if order is None:
            return np.flatnonzero(mask) if mask is not None else np.arange(self.size)
        return order[mask[order]] if mask is not None else order

    # -- filters ---------------------------------------------------------------------------

    def filter_mask(self, criteria: Criteria) -> Mask | None:
        """The rows passing every filter except the search (``None``: all rows)."""
        key = (criteria.status, criteria.category, criteria.coach, criteria.neighbourhood,
               criteria.signal)  # fmt: skip
        if self._filter is not None and self._filter[0] == key:
            return self._filter[1]
        tests: list[Mask] = []
        if criteria.status is StatusFilter.RUNNING:
            tests.append(self._running)
        elif criteria.status is StatusFilter.CLOSED:
            tests.append(~self._running)
        if criteria.category is not None:
            tests.append(self._category == _CATEGORIES.index(Category(criteria.category)))
        if criteria.coach is NO_COACH:
            tests.append(self._coach == -1)
        elif isinstance(criteria.coach, uuid.UUID):
            tests.append(self._coach == self._coach_codes.get(criteria.coach, -2))
        if criteria.neighbourhood is not None:
            tests.append(
                self._neighbourhood == self._neighbourhood_codes.get(criteria.neighbourhood, -2)
            )
        if criteria.signal is ANY_SIGNAL:
            tests.append(self._signals != 0)
        elif criteria.signal is not None:
            tests.append((self._signals & _SIGNAL_BIT[SignalKind(criteria.signal)]) != 0)
        mask: Mask | None = None
        for test in tests:
            mask = test if mask is None else mask & test
        self._filter = (key, mask)
        return mask

    # -- search ----------------------------------------------------------------------------

    def search(self, text: str) -> Rows | None:
        """The rows whose key holds every word of ``text`` (``None`` when there is no text)."""
        words = fold(text).split()
        if not words:
            return None
        query = " ".join(words)
        cached = self._searches.get(query)
        if cached is not None:
            self._searches.move_to_end(query)
            return cached
        keys = self.keys
        # A query that extends an earlier one can only match rows that one matched.
        base = self._longest_cached_prefix(query)
        if base is None:
            first, *rest = words
            found = [index for index, key in enumerate(keys) if first in key]
        else:
            found, rest = base.tolist(), words
        for word in rest:
            found = [index for index in found if word in keys[index]]
        result = np.array(found, dtype=np.intp)
        self._searches[query] = result
        if len(self._searches) > _SEARCH_CACHE_SIZE:
            self._searches.popitem(last=False)
        return result

    def _longest_cached_prefix(self, query: str) -> Rows | None:
        best: str | None = None
        for cached in self._searches:
            if query.startswith(cached) and (best is None or len(cached) > len(best)):
                best = cached
        return self._searches[best] if best is not None else None

    # -- sorting ---------------------------------------------------------------------------

    def order(
        self, column: int, descending: bool, sort_keys: Callable[[int], Sequence[object]] | None
    ) -> Rows | None:
        """All rows sorted by ``column`` (stable: equal values keep the rows' own order)."""
        cached = self._orders.get((column, descending))
        if cached is None and sort_keys is not None:
            keys = sort_keys(column)
            ranked = sorted(range(self.size), key=keys.__getitem__, reverse=descending)
            cached = np.array(ranked, dtype=np.intp)
            self._orders[(column, descending)] = cached
        return cached
