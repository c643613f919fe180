"""Fingerprints of inputs and of the code that processes them (for the store and its workers).

``pipeline_version`` names the per-document stages as they are (code and language data); a
stored document whose version differs is processed again.  ``content_hash`` is what decides the
processing an input gets; ``source_key`` where an input came from.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import re
from pathlib import Path
from typing import Any

from dateline.model import ManifestRow, RawInput

_PIPELINE_VERSION: str | None = None


def pipeline_version() -> str:
    """Version string of the per-document stages: the dateline version plus a hash of the code
    that processes one document (clean, dating, dedup, sentences, temporal, process_document:
    every file of a package) and of the language data.  When it changes, stored documents are
    processed again on the next ingest."""
    global _PIPELINE_VERSION
    if _PIPELINE_VERSION is None:
        from dateline import clean, dating, dedup, lang, pipeline, sentences, temporal
        from dateline.version import __version__

        h = hashlib.sha256()
        for mod in (clean, dating, dedup, sentences, temporal):
            for name, data in _sources(mod):
                h.update(name.encode("utf-8") + b"\0" + data)
        for fn in (pipeline.process_document, pipeline.tag_sentences):
            h.update(inspect.getsource(fn).encode("utf-8"))
        for name, data in lang.data_files():  # language data is code too: editing it reprocesses
            h.update(name.encode("utf-8") + b"\0" + data)
        _PIPELINE_VERSION = f"{__version__}+{h.hexdigest()[:12]}"
    return _PIPELINE_VERSION


def _sources(mod: Any) -> list[tuple[str, bytes]]:
    """The source files of a module, or of every module of a package (sorted)."""
    path = Path(mod.__file__)
    if path.name != "__init__.py":
        return [(path.name, path.read_bytes())]
    return [(p.relative_to(path.parent).as_posix(), p.read_bytes()) for p in sorted(path.parent.rglob("*.py"))]


def content_hash(item: RawInput | ManifestRow, version: str | None = None) -> str:
    """SHA-256 of everything that decides what processing an input gives (not its id)."""
    v = version or pipeline_version()
    if isinstance(item, RawInput):
        parts: list[Any] = ["raw", v, item.path, item.kind, item.title, item.url, item.source,
                            item.published_field, item.raw]
    else:
        d = item.to_dict()
        d.pop("id", None)
        parts = ["row", v, d]
    data = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()


_LINE_SUFFIX = re.compile(r"^(.*):(\d+)$")


def source_key(path: str) -> str:
    """Where an input came from, independent of the working directory: the absolute path of a
    file, plus ``:N`` for a record inside one (a JSONL line, a WARC page)."""
    if path.startswith("<"):
        return path
    if os.path.exists(path):
        return os.path.abspath(path)
    m = _LINE_SUFFIX.match(path)
    if m and m.group(1) and os.path.exists(m.group(1)):
        return f"{os.path.abspath(m.group(1))}:{m.group(2)}"
    return os.path.abspath(path)
