"""Ingest: find and read the inputs, one :class:`RawInput` (or a manifest row) per document.

Inputs are files, folders (searched recursively, in sorted order, hidden entries skipped,
symlinks followed without visiting a directory twice) or ``-`` for JSON lines on stdin.

==============================  =============================================================
``.txt`` / no extension         one plain-text article (HTML content is read as HTML)
``.html`` ``.htm`` ``.xhtml``   one HTML page
``.jsonl`` ``.ndjson`` (+.gz)   one article per line: ``text`` or ``html``, optional ``title``,
                                ``url``, ``published``, ``source``, ``id``
``.json``                       a list of such records, or one record
``.warc`` ``.warc.gz``          HTML responses of a web archive (WARC-Date is the crawl date,
                                not the publication date, so it is not used)
==============================  =============================================================

Every input gives exactly one item: a ``RawInput``, or a ``ManifestRow`` with status
``skipped``/``failed`` and a one-line reason.  Nothing raises for bad input.  With
``defer=True`` a single-document file gives a :class:`PendingFile` instead (found and checked,
not read): :func:`load_pending` reads and decodes it later, in a worker process, so the parent
process only walks folders and splits containers.  Ids are unique
and stable: the path relative to the folder argument without its final suffix, ``<file id>:<line>``
for JSONL records without an ``id`` field; a repeated id gets ``~2``, ``~3``.

Bytes become text in one place, :mod:`dateline.ingest.decode` (``decode_bytes``,
``decode_text``), for every reader and for ``dateline tag``.
"""

from __future__ import annotations

import datetime as dt
import errno
import gzip
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import IO, Any, TextIO

from dateline.ingest.book import Book
from dateline.ingest.decode import SNIFF, looks_binary, looks_html
from dateline.ingest.decode import decode_bytes as decode_bytes  # re-exported
from dateline.ingest.decode import decode_text as decode_text
from dateline.ingest.meter import Meter as Meter  # re-exported
from dateline.model import OUTPUT_FILES, SCHEMA, Config, ManifestRow, RawInput


@dataclass(frozen=True)
class PendingFile:
    """A single-document file (text or HTML, maybe gzipped) that is not read yet."""

    id: str
    path: str
    ext: str  # lower-cased suffix as split_suffix gives it: ".txt", ".html.gz", ""
    size: int  # bytes on disk
    max_bytes: int  # the --max-bytes limit of the run


Item = RawInput | ManifestRow

TEXT_EXTS = frozenset({".txt", ".text"})
HTML_EXTS = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml", ".php", ".asp", ".aspx", ".jsp"})
JSONL_EXTS = frozenset({".jsonl", ".ndjson", ".jsonlines"})
JSON_EXTS = frozenset({".json"})
WARC_EXTS = frozenset({".warc", ".arc"})
GZ_INNER = TEXT_EXTS | HTML_EXTS | JSONL_EXTS | JSON_EXTS | WARC_EXTS

_SUFFIX = re.compile(r"^\.[A-Za-z0-9_-]{1,10}$")

TEXT_FIELDS = ("text", "content", "body", "article", "maintext")
HTML_FIELDS = ("html", "raw_html")
PUBLISHED_FIELDS = ("published", "date", "published_at", "publication_date", "pub_date",
                    "date_published", "datePublished", "pubdate")


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def iter_inputs(paths: Sequence[str], config: Config, stdin: TextIO | None = None, *,
                defer: bool = False, meter: Meter | None = None) -> Iterator[Item | PendingFile]:
    """Yield one ``RawInput`` or ``ManifestRow`` per input document, in a deterministic order
    (with ``defer``, a ``PendingFile`` for each text or HTML file: see :func:`load_pending`).
    ``meter`` follows how many bytes of the input files have been read."""
    reader = _Reader(config, defer=defer, meter=meter)
    try:
        for arg in paths:
            arg = os.fspath(arg)
            if arg == "-":
                yield from reader.unique(reader.jsonl_lines(stdin if stdin is not None else sys.stdin,
                                                            "<stdin>", "stdin"))
                continue
            yield from reader.unique(reader.argument(arg))
    finally:
        reader.ids.close()
        reader.seen_files.close()


def load_pending(pending: PendingFile) -> Item:
    """Read and decode a file that ``iter_inputs(..., defer=True)`` found: the ``RawInput`` or
    ``ManifestRow`` that ``iter_inputs`` would have given for it.  Never raises for bad input
    (a file that vanished or changed since is a ``failed`` row)."""
    reader = _Reader(Config(max_bytes=pending.max_bytes))
    try:
        for item in reader.read_file(pending.path, pending.id, pending.ext):
            return item
    except Exception as exc:  # one bad file must not stop the run
        return ManifestRow(id=pending.id, path=pending.path, status="failed", reason=_reason(exc))
    return ManifestRow(id=pending.id, path=pending.path, status="failed", reason="cannot read: no content")


def record_to_raw(record: dict, label: str, *, default_id: str | None = None) -> RawInput | ManifestRow:
    """One in-memory record (a dict: ``text`` or ``html``, optional ``title``, ``url``,
    ``published``, ``source``, ``id``) as a ``RawInput``, or a failed ``ManifestRow``.

    Fields of the wrong type are dropped (the record is kept); a record without text fails.
    """
    rid = _str_field(record.get("id"), numbers=True) if isinstance(record, dict) else None
    doc_id = rid or default_id or label
    if not isinstance(record, dict):
        return ManifestRow(id=doc_id, path=label, status="failed", reason="not a JSON object")
    kind: str | None = None
    content: Any = None
    for f in HTML_FIELDS:
        v = record.get(f)
        if isinstance(v, str) and v.strip():
            kind, content = "html", v
            break
    if kind is None:
        for f in TEXT_FIELDS:
            if f in record and record[f] is not None:
                kind, content = "text", record[f]
                break
    if kind is None:
        return ManifestRow(id=doc_id, path=label, status="failed", reason="no 'text' field")
    if not isinstance(content, str):
        return ManifestRow(id=doc_id, path=label, status="failed",
                           reason=f"'text' is not a string ({type(content).__name__})")
    title = _str_field(record.get("title"))
    url = _str_field(record.get("url") or record.get("link"))
    source = _str_field(record.get("source") or record.get("sitename") or record.get("site"))
    published = None
    for f in PUBLISHED_FIELDS:
        published = _str_field(record.get(f), numbers=True)
        if published:
            break
    if not content.strip():
        return ManifestRow(id=doc_id, path=label, status="skipped", reason="empty text",
                           title=title, url=url, source=source)
    return RawInput(id=doc_id, path=label, kind=kind,  # type: ignore[arg-type]
                    raw=content, title=title, url=url, source=source, published_field=published)


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


# bidirectional embeddings, overrides and isolates: they reorder what a reader sees ("Trojan
# Source"); never carried from an input into an output
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _str_field(value: Any, numbers: bool = False) -> str | None:
    """A string field, whitespace-normalized; numbers (a year, an id) and dates (in-memory
    records) when asked; anything else (lists, dicts, booleans) -> None."""
    if isinstance(value, str):
        s = " ".join(BIDI_CONTROLS.sub("", value).split())
        return s or None
    if not numbers or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):  # datetime is a date too
        return value.isoformat()
    return None


def split_suffix(name: str) -> tuple[str, str]:
    """(stem, suffix) where suffix is ``.txt``, ``.jsonl.gz``, ... or "" (lower-cased)."""
    base, ext = os.path.splitext(name)
    if not ext or not _SUFFIX.match(ext) or not re.search(r"[A-Za-z]", ext) or not base:
        return name, ""
    ext_l = ext.lower()
    if ext_l == ".gz":
        base2, ext2 = os.path.splitext(base)
        if ext2.lower() in GZ_INNER and base2:
            return base2, ext2.lower() + ".gz"
    return base, ext_l


def _reason(exc: BaseException) -> str:
    """A one-line reason for an I/O error."""
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read: {exc.strerror}"
    if isinstance(exc, gzip.BadGzipFile):
        if "not a gzipped file" in str(exc).lower():
            return "cannot read: not a gzip file"
        return f"cannot read: damaged gzip data ({' '.join(str(exc).split())[:80]})"
    if isinstance(exc, zlib.error):
        return "cannot read: damaged gzip data (the compressed stream is corrupt)"
    if isinstance(exc, EOFError):
        return "cannot read: file is truncated"
    msg = " ".join(str(exc).split())[:160]
    return f"cannot read: {type(exc).__name__}: {msg}" if msg else f"cannot read: {type(exc).__name__}"


def _printable(text: str, limit: int) -> str:
    """``text`` on one line, without control or binary characters, at most ``limit`` long."""
    t = "".join(c if c.isprintable() and c != "\ufffd" else " " for c in text)
    t = " ".join(re.sub(r"\\x[0-9a-f]{2}", " ", t).split())
    return t if len(t) <= limit else t[: limit - 1].rstrip() + "…"


_SKIP_CHUNK = 1 << 20


def bounded_lines(fh: IO[Any], limit: int) -> Iterator[bytes | str | None]:
    """The lines of ``fh`` (bytes or text), none read into memory beyond ``limit`` (+1): a
    longer line is consumed in chunks and given as None.  Memory stays flat whatever the size of
    a line or the number of lines."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        nl = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) > limit and not line.endswith(nl):
            while True:  # drop the rest of the line without holding it
                rest = fh.readline(_SKIP_CHUNK)
                if not rest or rest.endswith(nl):
                    break
            yield None
            continue
        yield line


def _is_output_folder(folder: str, names: set[str]) -> bool:
    """Whether ``folder`` holds the outputs of a dateline build (our manifest and timeline.json
    of our schema): then those files are outputs, never inputs (``-o`` inside the input)."""
    if "documents.jsonl" not in names or "timeline.json" not in names:
        return False
    try:
        with open(os.path.join(folder, "timeline.json"), "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return b'"schema": "' + SCHEMA.encode() + b'"' in head


def _link_reason(path: str) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
    return "broken symbolic link"


class _Reader:
    """Holds the state of one ``iter_inputs`` run: ids given out, directories visited."""

    def __init__(self, config: Config, defer: bool = False, meter: Meter | None = None) -> None:
        self.cfg = config
        self.defer = defer
        self.meter = meter or Meter()
        self.ids = Book()  # id -> how many times given out; flat memory for millions of records
        self.seen_dirs: set[str] = set()
        self.seen_files = Book()

    # ids -------------------------------------------------------------------------------------

    def unique(self, items: Iterable[Item]) -> Iterator[Item]:
        for item in items:
            n = self.ids.first(item.id)
            if n is None:
                yield item
                continue
            k = n + 1
            while f"{item.id}~{k}" in self.ids:
                k += 1
            self.ids.put(item.id, k)
            new_id = f"{item.id}~{k}"
            self.ids.put(new_id)
            if isinstance(item, RawInput | PendingFile):
                yield replace(item, id=new_id)
            else:
                item.id = new_id
                yield item

    # walking ---------------------------------------------------------------------------------

    def argument(self, arg: str) -> Iterator[Item]:
        if not os.path.lexists(arg):
            yield ManifestRow(id=split_suffix(os.path.basename(arg.rstrip("/\\")) or arg)[0], path=arg,
                              status="failed", reason="no such file or directory")
            return
        if os.path.isdir(arg):
            real = os.path.realpath(arg)
            if real in self.seen_dirs:
                return
            self.seen_dirs.add(real)
            yield from self.walk(arg, "")
            return
        name = os.path.basename(arg)
        yield from self.file(arg, split_suffix(name)[0] or name)

    def walk(self, root: str, rel: str) -> Iterator[Item]:
        here = os.path.join(root, rel) if rel else root
        try:
            with os.scandir(here) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield ManifestRow(id=rel or os.path.basename(root.rstrip("/\\")) or root, path=here,
                              status="failed", reason=f"cannot read directory: {exc.strerror or exc}")
            return
        ours = _is_output_folder(here, {e.name for e in entries})
        for entry in entries:
            if entry.name.startswith("."):
                continue
            sub = f"{rel}/{entry.name}" if rel else entry.name
            path = os.path.join(root, sub)
            if ours and entry.name in OUTPUT_FILES:
                stem, _ext = split_suffix(entry.name)
                yield ManifestRow(id=f"{rel}/{stem}" if rel else stem, path=path, status="skipped",
                                  reason="an output of an earlier dateline build, not an article")
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                real = os.path.realpath(path)
                if real in self.seen_dirs:
                    continue  # a symlink loop, or a folder already read
                self.seen_dirs.add(real)
                yield from self.walk(root, sub)
                continue
            stem, _ext = split_suffix(entry.name)
            doc_id = f"{rel}/{stem}" if rel else stem
            yield from self.file(path, doc_id)

    # one file --------------------------------------------------------------------------------

    def file(self, path: str, doc_id: str) -> Iterator[Item]:
        if os.path.islink(path) and not os.path.exists(path):
            yield ManifestRow(id=doc_id, path=path, status="failed", reason=_link_reason(path))
            return
        real = os.path.realpath(path)
        if self.seen_files.first(real) is not None:
            return  # the same file reached twice (symlink, repeated argument)
        try:
            st = os.stat(path)
        except OSError as exc:
            yield ManifestRow(id=doc_id, path=path, status="failed", reason=_reason(exc))
            return
        if not os.path.isfile(path):
            yield ManifestRow(id=doc_id, path=path, status="skipped", reason="not a regular file")
            return
        try:
            yield from self._regular_file(path, doc_id, st)
        finally:
            self.meter.add(st.st_size)

    def _regular_file(self, path: str, doc_id: str, st: os.stat_result) -> Iterator[Item]:
        _stem, ext = split_suffix(os.path.basename(path))
        base_ext = ext[:-3] if ext.endswith(".gz") else ext
        if ext and base_ext not in GZ_INNER:
            yield ManifestRow(id=doc_id, path=path, status="skipped", reason=f"unsupported file type {ext}")
            return
        if st.st_size == 0:
            yield ManifestRow(id=doc_id, path=path, status="skipped", reason="empty file")
            return
        if base_ext in JSONL_EXTS:
            yield from self.jsonl_file(path, doc_id, gz=ext.endswith(".gz"))
            return
        if base_ext in WARC_EXTS:
            yield from self.warc_file(path, doc_id)
            return
        if st.st_size > self.cfg.max_bytes:
            yield ManifestRow(id=doc_id, path=path, status="skipped",
                              reason=f"larger than {self.cfg.max_bytes} bytes (--max-bytes)")
            return
        if self.defer and base_ext not in JSON_EXTS:
            yield PendingFile(id=doc_id, path=path, ext=ext, size=st.st_size, max_bytes=self.cfg.max_bytes)
            return
        yield from self.read_file(path, doc_id, ext)

    def read_file(self, path: str, doc_id: str, ext: str) -> Iterator[Item]:
        """Read a text, HTML or JSON file (``ext`` as ``split_suffix`` gives it)."""
        base_ext = ext[:-3] if ext.endswith(".gz") else ext
        try:
            if ext.endswith(".gz"):
                with gzip.open(path, "rb") as fh:
                    data = fh.read(self.cfg.max_bytes + 1)
            else:
                with open(path, "rb") as fh:
                    data = fh.read(self.cfg.max_bytes + 1)
        except (OSError, EOFError, ValueError, zlib.error) as exc:
            yield ManifestRow(id=doc_id, path=path, status="failed", reason=_reason(exc))
            return
        if len(data) > self.cfg.max_bytes:
            yield ManifestRow(id=doc_id, path=path, status="skipped",
                              reason=f"larger than {self.cfg.max_bytes} bytes (--max-bytes)")
            return
        if base_ext in JSON_EXTS:
            yield from self.json_data(data, path, doc_id)
            return
        yield self.document(data, path, doc_id, html=base_ext in HTML_EXTS)

    def document(self, data: bytes, path: str, doc_id: str, html: bool,
                 declared: str | None = None, url: str | None = None) -> Item:
        if not data.strip():
            return ManifestRow(id=doc_id, path=path, status="skipped", reason="empty file")
        if looks_binary(data):
            return ManifestRow(id=doc_id, path=path, status="skipped", reason="binary file (not text)")
        is_html = html or looks_html(data)
        decoded = decode_bytes(data, declared=declared, html=is_html)
        if decoded is None:
            return ManifestRow(id=doc_id, path=path, status="failed",
                               reason="cannot decode text (unknown encoding)")
        text, enc = decoded
        if not text.strip():
            return ManifestRow(id=doc_id, path=path, status="skipped", reason="empty file")
        return RawInput(id=doc_id, path=path, kind="html" if is_html else "text", raw=text,
                        url=url, encoding=enc)

    # JSON / JSONL ----------------------------------------------------------------------------

    def _record(self, record: Any, label: str, default_id: str, where: str) -> Item:
        if not isinstance(record, dict):
            return ManifestRow(id=default_id, path=label, status="failed",
                               reason=f"{where}not a JSON object")
        item = record_to_raw(record, label, default_id=default_id)
        if isinstance(item, ManifestRow):
            item.reason = f"{where}{item.reason}"
            return item
        if len(item.raw) > self.cfg.max_bytes:
            return ManifestRow(id=item.id, path=label, status="skipped",
                               reason=f"{where}larger than {self.cfg.max_bytes} bytes (--max-bytes)")
        return item

    def jsonl_lines(self, fh: IO[Any], path: str, file_id: str) -> Iterator[Item]:
        count = 0
        lineno = 0
        try:
            for lineno, line in enumerate(bounded_lines(fh, self.cfg.max_bytes), 1):
                if line is None:  # longer than the limit: skipped unread
                    count += 1
                    yield ManifestRow(id=f"{file_id}:{lineno}", path=f"{path}:{lineno}", status="skipped",
                                      reason=f"line {lineno}: larger than {self.cfg.max_bytes} bytes (--max-bytes)")
                    continue
                if isinstance(line, bytes):
                    line = line.decode("utf-8", errors="replace")
                s = line.strip().lstrip("\ufeff")
                if not s:
                    continue
                count += 1
                label = f"{path}:{lineno}"
                default_id = f"{file_id}:{lineno}"
                if len(s) > self.cfg.max_bytes:
                    yield ManifestRow(id=default_id, path=label, status="skipped",
                                      reason=f"line {lineno}: larger than {self.cfg.max_bytes} bytes (--max-bytes)")
                    continue
                try:
                    record = json.loads(s)
                except (ValueError, RecursionError):
                    yield ManifestRow(id=default_id, path=label, status="failed",
                                      reason=f"line {lineno}: not valid JSON")
                    continue
                yield self._record(record, label, default_id, f"line {lineno}: ")
        except (OSError, EOFError, ValueError, UnicodeDecodeError, zlib.error) as exc:  # damaged gzip, I/O
            yield ManifestRow(id=f"{file_id}:{lineno + 1}", path=f"{path}:{lineno + 1}", status="failed",
                              reason=f"line {lineno + 1}: {_reason(exc)}")
            return
        if count == 0:
            yield ManifestRow(id=file_id, path=path, status="skipped", reason="empty file")

    def jsonl_file(self, path: str, file_id: str, gz: bool) -> Iterator[Item]:
        try:
            if gz:
                with open(path, "rb") as raw:
                    if raw.read(2) != b"\x1f\x8b":
                        yield ManifestRow(id=file_id, path=path, status="failed", reason="not a gzip file")
                        return
            with gzip.open(path, "rb") if gz else open(path, "rb") as fh:
                try:
                    head = fh.read(SNIFF)
                except (OSError, EOFError, ValueError, zlib.error):  # damaged: read line by line below
                    head = b""
            if head.strip() and looks_binary(head):
                yield ManifestRow(id=file_id, path=path, status="skipped", reason="binary file (not text)")
                return
            raw = open(path, "rb")
        except OSError as exc:
            yield ManifestRow(id=file_id, path=path, status="failed", reason=_reason(exc))
            return
        fh: IO[bytes] = gzip.GzipFile(fileobj=raw, mode="rb") if gz else raw
        self.meter.streaming(raw)  # the bar follows the compressed bytes read
        with raw, fh:
            yield from self.jsonl_lines(fh, path, file_id)

    def json_data(self, data: bytes, path: str, file_id: str) -> Iterator[Item]:
        if looks_binary(data):
            yield ManifestRow(id=file_id, path=path, status="skipped", reason="binary file (not text)")
            return
        decoded = decode_bytes(data)
        if decoded is None:
            yield ManifestRow(id=file_id, path=path, status="failed", reason="cannot decode text")
            return
        try:
            obj = json.loads(decoded[0])
        except (ValueError, RecursionError) as exc:
            msg = f"not valid JSON (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else "not valid JSON"
            yield ManifestRow(id=file_id, path=path, status="failed", reason=msg)
            return
        if isinstance(obj, dict) and not any(k in obj for k in TEXT_FIELDS + HTML_FIELDS):
            for key in ("articles", "documents", "docs", "items", "records", "data", "results"):
                if isinstance(obj.get(key), list):
                    obj = obj[key]
                    break
        if isinstance(obj, dict):
            yield self._record(obj, path, file_id, "")
            return
        if not isinstance(obj, list):
            yield ManifestRow(id=file_id, path=path, status="failed",
                              reason="JSON is neither a record nor a list of records")
            return
        if not obj:
            yield ManifestRow(id=file_id, path=path, status="skipped", reason="empty list of records")
            return
        for n, rec in enumerate(obj, 1):
            yield self._record(rec, f"{path}:{n}", f"{file_id}:{n}", f"record {n}: ")

    # WARC ------------------------------------------------------------------------------------

    def warc_file(self, path: str, file_id: str) -> Iterator[Item]:
        try:
            from warcio.archiveiterator import ArchiveIterator
        except ImportError:  # pragma: no cover - warcio is a dependency
            yield ManifestRow(id=file_id, path=path, status="failed", reason="warcio is not installed")
            return
        found = 0
        n = 0
        try:
            with open(path, "rb") as raw:
                head = raw.read(64)
            if head.startswith(b"\x1f\x8b"):
                with gzip.open(path, "rb") as gz:
                    head = gz.read(64)
        except (OSError, EOFError, zlib.error) as exc:
            yield ManifestRow(id=file_id, path=path, status="failed", reason=_reason(exc))
            return
        if not head.lstrip().startswith((b"WARC/", b"filedesc:")):
            yield ManifestRow(id=file_id, path=path, status="failed", reason="not a WARC file")
            return
        try:
            fh = open(path, "rb")
        except OSError as exc:
            yield ManifestRow(id=file_id, path=path, status="failed", reason=_reason(exc))
            return
        self.meter.streaming(fh)
        with fh:
            try:
                for rec in ArchiveIterator(fh, arc2warc=True):
                    if rec.rec_type not in ("response", "resource", "conversion"):
                        continue
                    n += 1
                    uri = rec.rec_headers.get_header("WARC-Target-URI") or None
                    ctype = ""
                    status = 200
                    if rec.http_headers is not None:
                        ctype = rec.http_headers.get_header("Content-Type") or ""
                        try:
                            status = int((rec.http_headers.get_statuscode() or "200")[:3])
                        except ValueError:
                            status = 200
                    else:
                        ctype = rec.rec_headers.get_header("Content-Type") or ""
                    ctl = ctype.lower()
                    if status >= 300:
                        continue
                    is_html = "html" in ctl
                    if not (is_html or ctl.startswith("text/plain")):
                        continue
                    found += 1
                    label = f"{path}:{found}"
                    rid = f"{file_id}:{found}"
                    data = rec.content_stream().read(self.cfg.max_bytes + 1)
                    if len(data) > self.cfg.max_bytes:
                        yield ManifestRow(id=rid, path=label, status="skipped", url=uri,
                                          reason=f"larger than {self.cfg.max_bytes} bytes (--max-bytes)")
                        continue
                    m = re.search(r"charset=([\w.:-]+)", ctype, re.I)
                    item = self.document(data, label, rid, html=is_html,
                                         declared=m.group(1) if m else None, url=uri)
                    if isinstance(item, ManifestRow):
                        item.url = uri
                    yield item
            except Exception as exc:  # a corrupt archive: keep what was read, report the rest
                if n == 0:
                    yield ManifestRow(id=file_id, path=path, status="failed", reason="not a WARC file")
                    return
                msg = _printable(f"{type(exc).__name__}: {exc}", 100)
                yield ManifestRow(id=f"{file_id}:{found + 1}", path=path, status="failed",
                                  reason=f"cannot read WARC after {found} pages: {msg}")
                return
        if found == 0:
            yield ManifestRow(id=file_id, path=path, status="skipped",
                              reason=f"no HTML pages in WARC ({n} records)")

