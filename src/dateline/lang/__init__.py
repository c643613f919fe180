"""Language data, kept as data: one folder per language (``lang/en/``, ...).

A language's tables are plain files beside this module, read once and cached:

* ``<name>.json``: a table (mapping or list) -> :meth:`Language.table`
* ``<name>.toml``: a table whose strings are regular expressions (TOML's literal strings take a
  backslash as it is) -> :meth:`Language.toml`
* ``<name>.txt``: one entry per line, a line starting with ``#`` is a comment ->
  :meth:`Language.words` (a set)
  or :meth:`Language.lines` (in file order)

Code compares normalised values taken from these tables; it holds no words of any language.
Adding a language means adding a folder with the same file names (and its tests). The data
files count in the pipeline version hash (:func:`data_files`), so editing one reprocesses
stored documents.
"""

from __future__ import annotations

import json
import tomllib
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

DEFAULT = "en"


class Language:
    """The tables of one language (``load(code)`` gives the cached instance)."""

    def __init__(self, code: str) -> None:
        self.code = code
        self._dir = resources.files(__name__).joinpath(code)
        if not self._dir.is_dir():
            raise LookupError(f"no language data for {code!r} (looked in dateline/lang/{code}/)")

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    def _file(self, name: str) -> Traversable:
        f = self._dir.joinpath(name)
        if not f.is_file():
            raise LookupError(f"language {self.code!r} has no table {name!r}")
        return f

    @cache  # noqa: B019 - one instance per language, kept for the process (load() is cached)
    def table(self, name: str) -> Any:
        """The JSON table ``<code>/<name>.json``."""
        return json.loads(self._file(f"{name}.json").read_text(encoding="utf-8"))

    @cache  # noqa: B019
    def toml(self, name: str) -> dict[str, Any]:
        """The TOML table ``<code>/<name>.toml``."""
        return tomllib.loads(self._file(f"{name}.toml").read_text(encoding="utf-8"))

    @cache  # noqa: B019
    def lines(self, name: str) -> tuple[str, ...]:
        """The entries of ``<code>/<name>.txt`` in file order (blank lines and lines starting
        with ``#`` dropped, surrounding spaces stripped)."""
        out = []
        for line in self._file(f"{name}.txt").read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line)
        return tuple(out)

    def words(self, name: str) -> frozenset[str]:
        """The entries of ``<code>/<name>.txt`` as a set."""
        return _words(self, name)


@cache
def _words(lang: Language, name: str) -> frozenset[str]:
    return frozenset(lang.lines(name))


@cache
def load(code: str = DEFAULT) -> Language:
    """The language data of ``code`` (``"en"``), read on first use and cached."""
    return Language(code)


@cache
def stop_words(kind: str = "english", code: str = DEFAULT) -> frozenset[str]:
    """A stop-word list of ``lang/<code>/stopwords.json``: ``english`` (the general list, for
    TF-IDF), or a list named for its use (``content``, ``query``, ...; see the file)."""
    lists = load(code).table("stopwords")
    if kind not in lists or kind.startswith("_"):
        raise LookupError(f"language {code!r} has no stop-word list {kind!r}")
    return frozenset(lists[kind])


@cache
def calendar_words(code: str = DEFAULT) -> frozenset[str]:
    """Every month and weekday word of ``lang/<code>/calendar.json`` (names and abbreviations,
    lower case): the words that name a date."""
    cal = load(code).table("calendar")
    return frozenset(w for k in ("months", "month_abbreviations", "weekdays", "weekday_abbreviations")
                     for w in cal[k])


@cache
def tfidf_stop_words(code: str = DEFAULT) -> list[str]:
    """The general stop words as scikit-learn's vectorizers take them (a sorted list)."""
    return sorted(stop_words("english", code))


def available() -> tuple[str, ...]:
    """Codes of the languages that have a data folder."""
    root = resources.files(__name__)
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_")))


def data_files() -> list[tuple[str, bytes]]:
    """Every language data file as (relative name, bytes), sorted: for the pipeline version."""
    root = resources.files(__name__)
    out: list[tuple[str, bytes]] = []
    for code in available():
        for f in sorted(root.joinpath(code).iterdir(), key=lambda p: p.name):
            if f.is_file() and f.name.endswith((".json", ".toml", ".txt")):
                out.append((f"{code}/{f.name}", f.read_bytes()))
    return out
