"""Fixtures for the case list: the service fixtures (a real encrypted store with TEST_KDF, a fixed
clock, partner organisations and two coaches) and in-memory rows."""

from __future__ import annotations

from tests.services.conftest import clock, ctx, partners  # noqa: F401 - fixtures, reused as they are
