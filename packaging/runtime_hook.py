"""PyInstaller runtime hook: point the program at the bundled migrations."""

import os
import sys
from pathlib import Path

bundle = Path(getattr(sys, "_MEIPASS", Path(__file__).parent))
os.environ.setdefault("ZVKD_DB_DIR", str(bundle / "db"))
