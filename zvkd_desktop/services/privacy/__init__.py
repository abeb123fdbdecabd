"""Privacy: erasure after closure (with its preview and the daily check) and subject access.

- ``retention``: who is due for erasure on a day, and the preview of what will go;
- ``erasure``: the erasure itself, and ``run_due_erasure`` for the daily check;
- ``inzage``: everything the store holds about one youth, as a dict, JSON and a readable PDF
  (``collect`` reads it; reports.render.inzage_pdf renders it);
- ``scope``: the one map of what belongs to a youth and which of it is personal.

The privacy officer's account of all this is resources/privacy.md.
"""

from zvkd_desktop.services.privacy.erasure import (
    ErasedYouth,
    ErasureReport,
    erase,
    run_due_erasure,
)
from zvkd_desktop.services.privacy.inzage import inzage_export, resolve_youth_id, write_inzage
from zvkd_desktop.services.privacy.retention import (
    ErasureItem,
    ErasurePreviewRow,
    due_for_erasure,
    erasure_due_on,
)

__all__ = [
    "ErasedYouth",
    "ErasureItem",
    "ErasurePreviewRow",
    "ErasureReport",
    "due_for_erasure",
    "erase",
    "erasure_due_on",
    "inzage_export",
    "resolve_youth_id",
    "run_due_erasure",
    "write_inzage",
]
