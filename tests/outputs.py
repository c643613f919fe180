"""Reading a build's output folder in tests: every file as text, the Excel workbook by its XML."""

from __future__ import annotations

import zipfile
from pathlib import Path


def output_text(path: Path) -> str:
    """The text a reader of ``path`` can see: a ``.xlsx`` is a zip of XML parts, read in name
    order; every other output is UTF-8 text (a file that is not fails the test that reads it)."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as book:
            return "\n".join(book.read(name).decode("utf-8") for name in sorted(book.namelist()))
    return path.read_text(encoding="utf-8")
