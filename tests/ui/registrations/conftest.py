"""The demo store fixtures of the Signalen tests (one generated store per session, a copy per
test, an AppContext with the demo's fixed 'today')."""

from __future__ import annotations

from tests.ui.signals.conftest import context, demo_file, demo_store  # noqa: F401 - fixtures
