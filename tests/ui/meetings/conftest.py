"""Fixtures for the Kernteam screens: the service fixtures (a real encrypted store with TEST_KDF,
a fixed clock, partner organisations, two coaches and a process director)."""

from __future__ import annotations

from tests.services.conftest import clock, ctx, partners  # noqa: F401 - fixtures, reused as they are
