"""Set up a private environment and run ZVKD Desktop or its tests.

Works on a fresh machine with only Python 3.11+ (Linux, macOS, Windows):

    python3 bootstrap.py run      # create .venv, install, start the program
    python3 bootstrap.py test     # create .venv, install with test tools, run every test headless

Extra arguments after the sub-command go to the program or to pytest. The environment is
(re)installed only when pyproject.toml changed since the last install, so repeated runs are fast.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"


def _venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def _ensure_environment(extras: str) -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script must explain itself on old Pythons
        found = sys.version.split()[0]
        sys.exit(f"ZVKD Desktop heeft Python 3.11 of nieuwer nodig (gevonden: {found}).")
    python = _venv_python()
    if not python.exists():
        print("Omgeving maken in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed-{extras or 'base'}"
    if not stamp.exists() or stamp.read_text() != digest:
        print("Pakketten installeren ...", flush=True)
        subprocess.check_call([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
        target = f".[{extras}]" if extras else "."
        subprocess.check_call([str(python), "-m", "pip", "install", "--quiet", "-e", target], cwd=ROOT)
        stamp.write_text(digest)
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "bench"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "run":
        python = _ensure_environment("")
        return subprocess.call([str(python), "-m", "zvkd_desktop", *rest], cwd=ROOT)
    python = _ensure_environment("test")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if command == "bench":
        return subprocess.call([str(python), "-m", "tests.benchmarks", *rest], cwd=ROOT, env=env)
    lint = subprocess.call([str(python), "-m", "ruff", "check", "."], cwd=ROOT)
    tests = subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT, env=env)
    return tests or lint


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
