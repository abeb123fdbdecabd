"""Text of a PDF the program wrote, for tests that check what a printed document says.

pypdf is pure Python, so the README's test command needs nothing outside the virtual environment.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader


def pdf_text(path: Path) -> str:
    """All pages' text, whitespace folded to single spaces."""
    reader = PdfReader(str(path))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def pdf_pages(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


def pdf_page_texts(path: Path) -> list[str]:
    """Each page's text, whitespace folded."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(str(path)).pages]
