"""The bug family: an unexpected exception becomes a crash dialog with a copyable report.

The report is safe to paste into an e-mail: exception types, and for each frame the file (relative
to the package, or to the Python library folder), function and line number. It never holds local
variables, source lines, paths outside the package, or message text that could carry data:
messages are sanitised (names, paths, dates, numbers, quoted text removed). A KnownError that
escapes is not a bug; it is shown plainly instead (``errors.show_known_error``).
"""

from __future__ import annotations

import platform
import re
import sys
import sysconfig
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

import zvkd_desktop
from zvkd_desktop.errors import KnownError

PACKAGE_DIR = Path(zvkd_desktop.__file__).resolve().parent
MAX_MESSAGE = 200
MAX_CHAIN = 5

_SANITISERS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\S+@\S+"), "<e-mail>"),
    (re.compile(r"\b\d{1,4}[-./]\d{1,2}[-./]\d{1,4}\b"), "<datum>"),
    (re.compile(r"\S*[\\/]\S*"), "<pad>"),
    (re.compile(r"'[^']*'|\"[^\"]*\""), "<tekst>"),
    (re.compile(r"\w*\d\w*"), "<getal>"),
    # a word with a capital or a non-ASCII letter may be a name; lower-case English stays
    (re.compile(r"\b\w*(?:[A-Z]|[^\x00-\x7f])\w*\b"), "<naam>"),
]


def sanitise_message(message: str) -> str:
    """Keep the shape of a message, drop anything that might be data (see module docstring)."""
    text = " ".join(message.split())
    for pattern, replacement in _SANITISERS:
        text = pattern.sub(replacement, text)
    return text[:MAX_MESSAGE]


def _library_roots() -> list[Path]:
    roots = []
    for key in ("purelib", "platlib", "stdlib", "platstdlib"):
        value = sysconfig.get_paths().get(key)
        if value:
            roots.append(Path(value).resolve())
    roots.extend(Path(p).resolve() for p in sys.path if p and "site-packages" in p)
    return sorted(set(roots), key=lambda p: len(p.parts), reverse=True)


def report_file_name(filename: str) -> str:
    """``zvkd_desktop/…`` inside the package, ``<python>/…`` in a library, else ``<elders>``."""
    if filename.startswith("<") and filename.endswith(">") and "/" not in filename:
        return filename  # "<frozen importlib._bootstrap>", "<string>"
    try:
        path = Path(filename).resolve()
    except (OSError, ValueError):
        return "<elders>"
    if path.is_relative_to(PACKAGE_DIR):
        return (Path(PACKAGE_DIR.name) / path.relative_to(PACKAGE_DIR)).as_posix()
    for root in _library_roots():
        if path.is_relative_to(root):
            return "<python>/" + path.relative_to(root).as_posix()
    return "<elders>"


def _chain(error: BaseException) -> list[tuple[str, BaseException]]:
    """The exception and its causes, oldest first, as Python prints them."""
    chain: list[tuple[str, BaseException]] = []
    seen: set[int] = set()
    current: BaseException | None = error
    link = ""
    while current is not None and id(current) not in seen and len(chain) < MAX_CHAIN:
        seen.add(id(current))
        chain.append((link, current))
        if current.__cause__ is not None:
            link, current = "caused", current.__cause__
        elif current.__context__ is not None and not current.__suppress_context__:
            link, current = "during", current.__context__
        else:
            current = None
    return list(reversed(chain))


def _describe(error: BaseException) -> list[str]:
    kind = type(error)
    name = kind.__qualname__ if kind.__module__ == "builtins" else (
        f"{kind.__module__}.{kind.__qualname__}"
    )
    message = sanitise_message(str(error)) if not isinstance(error, KnownError) else ""
    lines = [f"{name}: {message}" if message else name]
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        code = frame.f_code
        lines.append(
            f"  {report_file_name(code.co_filename)}:{lineno} in {code.co_qualname}"
        )
    return lines


def build_report(error: BaseException) -> str:
    """The copyable report (English, technical: it is read by developers)."""
    lines = [
        f"ZVKD Desktop {zvkd_desktop.__version__}",
        f"Python {platform.python_version()} ({platform.python_implementation()})",
        f"Qt {qVersion()}, PySide6 {pyside_version}",
        f"Platform {platform.system()} {platform.release()} {platform.machine()}",
        "",
        "Traceback (most recent call last, no values or messages with data):",
    ]
    for link, item in _chain(error):
        lines.extend(_describe(item))
        if link == "caused":
            lines.append("The above exception was the direct cause of:")
        elif link == "during":
            lines.append("During handling of the above exception, another occurred:")
    return "\n".join(lines) + "\n"


class CrashDialog(QDialog):
    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("Programmafout – ZVKD Desktop"))
        text = QLabel(
            self.tr(
                "Er ging iets mis in het programma zelf; dit ligt niet aan u. Wat al was "
                "opgeslagen, is veilig. Kopieer het foutrapport hieronder en stuur het naar de "
                "beheerder. Het rapport bevat geen namen of andere gegevens uit het bestand. "
                "Start het programma opnieuw als het zich vreemd gedraagt."
            ),
            self,
        )
        text.setWordWrap(True)
        self.report_view = QPlainTextEdit(report, self)
        self.report_view.setReadOnly(True)
        self.report_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report_view.setAccessibleName(self.tr("Foutrapport"))
        self.report_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        report_label = QLabel(self.tr("&Foutrapport:"), self)
        report_label.setBuddy(self.report_view)

        buttons = QDialogButtonBox(self)
        self.copy_button = buttons.addButton(
            self.tr("Rapport &kopiëren"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.quit_button = buttons.addButton(
            self.tr("&Afsluiten"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.continue_button = buttons.addButton(
            self.tr("&Doorgaan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.continue_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy)
        self.quit_button.clicked.connect(self._quit)
        self.continue_button.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(report_label)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("x" * 90), 420)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report)

    def _quit(self) -> None:
        self.accept()
        QApplication.closeAllWindows()  # the main window saves and closes the store
        QApplication.quit()


ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def _show_crash(report: str) -> None:
    CrashDialog(report, QApplication.activeWindow()).exec()


def _show_known(error: KnownError) -> None:
    from zvkd_desktop.ui.errors import show_known_error

    show_known_error(QApplication.activeWindow(), error)


class ExceptHook:
    """``sys.excepthook`` for the GUI; the two ways of showing are injectable for tests."""

    def __init__(
        self,
        *,
        show_crash: Callable[[str], None] = _show_crash,
        show_known: Callable[[KnownError], None] = _show_known,
    ) -> None:
        self.show_crash = show_crash
        self.show_known = show_known
        self._busy = False

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        if error.__traceback__ is None and tb is not None:
            error = error.with_traceback(tb)
        if isinstance(error, KnownError):
            self._guarded(lambda: self.show_known(error))
            return
        report = build_report(error)
        sys.stderr.write(report)
        if QApplication.instance() is not None:
            self._guarded(lambda: self.show_crash(report))

    def _guarded(self, show: Callable[[], None]) -> None:
        """One dialog at a time; an error while showing must not recurse."""
        if self._busy:
            return
        self._busy = True
        try:
            show()
        except Exception:  # noqa: BLE001 - last resort; the report is on stderr already
            pass
        finally:
            self._busy = False


def install_excepthook() -> ExceptHook:
    hook = ExceptHook()
    sys.excepthook = hook
    return hook
