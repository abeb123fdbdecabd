"""The exchange file: the whole store's PAD data as versioned JSON (resources/exchange-format.md).

Export (``export_exchange``, ``write_export``), import (``import_exchange``, which checks the whole
file before writing anything and refuses with ``ExchangeInvalidError`` listing every problem),
a dry run (``check_exchange``) and the round-trip proof (``verify_round_trip``).
"""

from zvkd_desktop.services.exchange.export import dumps, export_exchange, write_export
from zvkd_desktop.services.exchange.importer import (
    MAX_IMPORT_BYTES,
    ImportReport,
    check_exchange,
    import_exchange,
    is_sealed_file,
    read_exchange_bytes,
)
from zvkd_desktop.services.exchange.problems import ExchangeInvalidError, Problem
from zvkd_desktop.services.exchange.roundtrip import RoundTripResult, verify_round_trip
from zvkd_desktop.services.exchange.schema import SCHEMA_PATH, build_schema
from zvkd_desktop.services.exchange.spec import FORMAT, VERSION

__all__ = [
    "FORMAT",
    "MAX_IMPORT_BYTES",
    "SCHEMA_PATH",
    "VERSION",
    "ExchangeInvalidError",
    "ImportReport",
    "Problem",
    "RoundTripResult",
    "build_schema",
    "check_exchange",
    "dumps",
    "export_exchange",
    "import_exchange",
    "is_sealed_file",
    "read_exchange_bytes",
    "verify_round_trip",
    "write_export",
]
