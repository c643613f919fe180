"""The article store: an embedded SQLite file that keeps processed documents between runs.

``dateline ingest`` runs the per-document stages (decode, clean, date, sentences, temporal
tagging: :func:`dateline.pipeline.process_document`) once per input and keeps the result here;
``dateline search`` and ``dateline build --store`` read it back without re-processing.

* **One file** (default ``./dateline.db``), WAL journal: readers (search, build) go on while an
  ingest writes, and see the last committed state.
* **Exact round trip**: :meth:`Store.load_documents` returns the very ``Document`` /
  ``Sentence`` / ``TimeMention`` objects that were stored, so a timeline assembled from the
  store equals one built from the files.
* **Incremental**: each input is identified by where it came from (``source_key``: the absolute
  path, plus ``:LINE`` for a JSONL record) and fingerprinted by ``content_hash`` (SHA-256 of the
  decoded input and its metadata plus :func:`pipeline_version`).  Unchanged inputs are not
  processed again; a changed one replaces its old rows (same id).  A new input whose id is
  taken by another input gets ``id~2`` (``~3``, ...), as ingest does within one run.
* **Crash safe**: documents are written in transactions of a batch of whole documents (the
  document row, its sentences and their full-text index entries together), so killing an
  ingest at any point loses at most the uncommitted batch; running it again completes the job.
* **Versioned schema**: ``meta.schema_version`` and :data:`MIGRATIONS` (SQL steps keyed by
  version); opening an older store migrates it in one transaction.

Tables: ``documents`` (one row per processed input), ``sentences`` (document, index, text, time
mentions as compact JSON), ``manifest`` (inputs that could not be read), and the FTS5 indexes
``documents_fts`` (title, text) and ``sentences_fts`` (text), external-content tables kept in
sync by triggers.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from dateline.errors import StoreError as StoreError  # re-exported
from dateline.errors import StoreUsageError
from dateline.fingerprint import content_hash as content_hash  # re-exported
from dateline.fingerprint import pipeline_version as pipeline_version
from dateline.fingerprint import source_key as source_key
from dateline.model import Config, Document, ManifestRow, RawInput, Sentence, TimeMention

DEFAULT_STORE = "dateline.db"
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"

# --------------------------------------------------------------------------------------------
# Schema and migrations
# --------------------------------------------------------------------------------------------

_V1 = [
    """CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE documents (
        doc INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source_key TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        published TEXT,
        date_source TEXT,
        date_confidence REAL NOT NULL DEFAULT 0,
        date_evidence TEXT,
        title TEXT,
        url TEXT,
        source TEXT,
        text TEXT NOT NULL,
        duplicate_of TEXT,
        warnings TEXT NOT NULL DEFAULT '[]',
        n_sentences INTEGER NOT NULL DEFAULT 0,
        ingested_at TEXT NOT NULL
    )""",
    """CREATE TABLE sentences (
        id INTEGER PRIMARY KEY,
        doc INTEGER NOT NULL REFERENCES documents(doc),
        idx INTEGER NOT NULL,
        text TEXT NOT NULL,
        mentions TEXT,
        UNIQUE (doc, idx)
    )""",
    """CREATE TABLE manifest (
        id TEXT NOT NULL UNIQUE,
        source_key TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        content_hash TEXT NOT NULL,
        row TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    )""",
]

_V2 = [
    f"""CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='doc', tokenize='{FTS_TOKENIZE}')""",
    f"""CREATE VIRTUAL TABLE sentences_fts USING fts5(
        text, content='sentences', content_rowid='id', tokenize='{FTS_TOKENIZE}')""",
    """CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.doc, new.title, new.text);
    END""",
    """CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.doc, old.title, old.text);
    END""",
    """CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.doc, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.doc, new.title, new.text);
    END""",
    """CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
        INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
        INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER sentences_au AFTER UPDATE OF text ON sentences BEGIN
        INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    # index what an older store already holds
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
    "INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild')",
]

_V3 = [
    "CREATE INDEX documents_published ON documents(published)",
    "CREATE INDEX documents_status ON documents(status)",
]

_V4 = [
    # the near-duplicate signature the per-document stage computes (dedup.fingerprint); stores
    # of version 3 have none, and dedup computes it at build time for those documents
    "ALTER TABLE documents ADD COLUMN fingerprint BLOB",
]

#: schema version -> the SQL steps that bring a store of the previous version to it.
#: Version 0 is an empty file (or a file without a ``meta`` table).
MIGRATIONS: dict[int, list[str]] = {1: _V1, 2: _V2, 3: _V3, 4: _V4}
SCHEMA_VERSION = max(MIGRATIONS)


def _connect_readonly(path: str) -> sqlite3.Connection:
    """A read-only connection: ``mode=ro``; where even that cannot work (read-only media, where
    SQLite cannot create the WAL index beside the file) ``immutable=1``, which reads the file as
    it is."""
    from urllib.parse import quote

    uri = "file:" + quote(os.path.abspath(path))
    for params in ("?mode=ro", "?mode=ro&immutable=1"):
        conn = sqlite3.connect(uri + params, uri=True, timeout=30.0, isolation_level=None,
                               check_same_thread=False)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            conn.close()
            if params.endswith("immutable=1"):
                raise
    raise AssertionError("unreachable")




def schema_version(conn: sqlite3.Connection) -> int:
    has_meta = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
    if not has_meta:
        others = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]
        if others:
            raise StoreError("not a dateline store (it has tables but no 'meta' table)")
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> tuple[int, int]:
    """Bring the store to schema ``target`` (each version's steps in one transaction).

    Returns (version before, version after).
    """
    before = schema_version(conn)
    if before > SCHEMA_VERSION:
        raise StoreError(f"the store has schema version {before}, newer than this dateline "
                         f"understands ({SCHEMA_VERSION}); upgrade dateline")
    v = before
    while v < target:
        nxt = v + 1
        conn.execute("BEGIN IMMEDIATE")
        try:
            # another process may have migrated it meanwhile
            if schema_version(conn) >= nxt:
                conn.execute("COMMIT")
                v = schema_version(conn)
                continue
            for sql in MIGRATIONS[nxt]:
                conn.execute(sql)
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                         (str(nxt),))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        v = nxt
    return before, v


# --------------------------------------------------------------------------------------------
# Fingerprints
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Row <-> object
# --------------------------------------------------------------------------------------------

_GRAN = {"day": "d", "month": "m", "year": "y"}
_GRAN_BACK = {v: k for k, v in _GRAN.items()}


def mentions_to_json(sentence: str, mentions: Sequence[TimeMention]) -> str | None:
    """Compact JSON: ``[[start, end, value, "YYYY-MM-DD", "d|m|y"(, text)], ...]``; the text
    is kept only when it is not ``sentence[start:end]``."""
    if not mentions:
        return None
    out = []
    for m in mentions:
        row: list[Any] = [m.start, m.end, m.value, m.date.isoformat(), _GRAN[m.granularity]]
        if sentence[m.start:m.end] != m.text:
            row.append(m.text)
        out.append(row)
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


_DATES: dict[str, dt.date] = {}


def _date(iso: str) -> dt.date:
    d = _DATES.get(iso)
    if d is None:
        d = dt.date.fromisoformat(iso)
        if len(_DATES) < 200_000:
            _DATES[iso] = d
    return d


def mentions_from_json(sentence: str, data: str | None) -> list[TimeMention]:
    if not data:
        return []
    out = []
    for row in json.loads(data):
        start, end = row[0], row[1]
        text = row[5] if len(row) > 5 else sentence[start:end]
        out.append(TimeMention(start, end, text, row[2], _date(row[3]), _GRAN_BACK[row[4]]))  # type: ignore[arg-type]
    return out


_DOC_COLS = ("id, path, status, reason, published, date_source, date_confidence, date_evidence, "
             "title, url, source, text, duplicate_of, warnings, fingerprint")
# Document.fingerprint (the dedup signature) is newer than the store: keep it when it exists
_HAS_FINGERPRINT = "fingerprint" in {f.name for f in fields(Document)}


def _doc_from_row(r: Sequence[Any]) -> Document:
    doc = Document(
        id=r[0], path=r[1], status=r[2], reason=r[3],
        published=_date(r[4]) if r[4] else None, date_source=r[5], date_confidence=r[6],
        date_evidence=r[7], title=r[8], url=r[9], source=r[10], text=r[11], duplicate_of=r[12],
        warnings=json.loads(r[13]) if r[13] and r[13] != "[]" else [],
    )
    if _HAS_FINGERPRINT:
        doc.fingerprint = r[14]  # type: ignore[attr-defined]
    return doc


# --------------------------------------------------------------------------------------------
# Search query quoting
# --------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str, *, any_term: bool = False, prefix: bool = False) -> str:
    """A safe FTS5 MATCH expression for what a user typed.

    Every whitespace-separated chunk becomes a quoted phrase of its word characters
    (``al-Qaeda`` -> ``"al Qaeda"``), so quotes, ``AND``/``OR``/``NOT``, ``*``, ``-``, ``:``
    and parentheses never reach the FTS5 parser as syntax.  A chunk ending in ``*`` (or every
    chunk with ``prefix``) is a prefix query.  Chunks are ANDed (``any_term``: ORed).  An empty
    string means: nothing to search for.
    """
    terms = []
    for chunk in text.split():
        words = _TOKEN.findall(chunk)
        if not words:
            continue
        star = "*" if (prefix or chunk.endswith("*")) else ""
        terms.append('"' + " ".join(words) + '"' + star)
    terms = list(dict.fromkeys(terms))
    return (" OR " if any_term else " AND ").join(terms)


# --------------------------------------------------------------------------------------------
# The store
# --------------------------------------------------------------------------------------------


@dataclass
class IngestStats:
    new: int = 0  # readable documents not in the store before
    changed: int = 0  # readable documents whose content (or the pipeline) changed
    unchanged: int = 0  # readable documents already in the store as they are
    failed: int = 0  # inputs that could not be read (a manifest row: failed or skipped)
    unusable: int = 0  # processed this run, but skipped/failed (no article text, cleaner error)
    seconds: float = 0.0
    documents: int = 0  # documents in the store afterwards
    processed: int = 0  # documents processed this run

    def line(self) -> str:
        s = (f"{self.new:,} new, {self.changed:,} changed, {self.unchanged:,} unchanged, "
             f"{self.failed:,} failed")
        if self.unusable:
            s += f" ({self.unusable:,} without usable text)"
        return s


@dataclass
class Hit:
    """One search result."""

    id: str
    published: str | None
    date_source: str | None
    title: str | None
    source: str | None
    url: str | None
    path: str
    score: float  # BM25 relevance, higher is better
    snippet: str  # matched words between \x02 and \x03 (see :meth:`to_dict`)
    sentence: int | None = None  # sentence index for sentence hits

    def to_dict(self) -> dict[str, Any]:
        """As JSON: matched words of the snippet in ``[`` ``]``."""
        d = {k: v for k, v in self.__dict__.items() if not (k == "sentence" and v is None)}
        d["snippet"] = self.snippet.replace("\x02", "[").replace("\x03", "]")
        return d


@dataclass
class _Pending:
    key: str
    hash: str
    old_doc: int | None = None  # rowid of the document it replaces
    old_row: bool = False  # replaces a manifest row
    changed: bool = False


@dataclass
class Store:
    """An open article store.  Use as a context manager or call :meth:`close`."""

    path: str
    conn: sqlite3.Connection = field(repr=False)
    migrated_from: int = 0  # the schema version an older store had when it was opened (0: none)

    # opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str] = DEFAULT_STORE, *, create: bool = True,
             readonly: bool = False) -> Store:
        """Open (or, with ``create``, create) the store at ``path``.  ``readonly``: for reading
        only (search, build): nothing is written, so a store on read-only media or a read-only
        file opens too.  A wrong path is a :class:`StoreUsageError` (exit 2); a file that is
        not a usable store a :class:`StoreError` (exit 1)."""
        p = os.fspath(path)
        if not create and not os.path.exists(p):
            raise StoreUsageError(f"no store at {p!r}; create it with 'dateline ingest PATH --store {p}'")
        if os.path.isdir(p):
            raise StoreUsageError(f"{p!r} is a folder, not a store file")
        try:
            writable = os.access(p, os.W_OK) and os.access(os.path.dirname(os.path.abspath(p)), os.W_OK)
            # reading where we may write: a normal connection (SQLite then tidies its WAL files
            # away on close); where we may not: read-only, so read-only media work
            conn = _connect_readonly(p) if readonly and not writable else sqlite3.connect(
                p, timeout=30.0, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout = 30000")
            if not readonly:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if mode.lower() != "wal":
                    raise StoreError(f"cannot use WAL mode on {p!r} (journal mode {mode})")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA cache_size = -65536")
            conn.execute("PRAGMA temp_store = MEMORY")
            before, _after = migrate(conn) if not readonly else (schema_version(conn),) * 2
        except sqlite3.DatabaseError as exc:
            if "not a database" in str(exc):
                raise StoreError(f"{p!r} is not a dateline store (not an SQLite database)") from None
            raise StoreError(f"cannot open store {p!r}: {exc}") from None
        if readonly and before != SCHEMA_VERSION:
            conn.close()
            raise StoreError(f"store {p!r} has schema version {before}; run 'dateline ingest' "
                             "once to migrate it")
        return cls(path=p, conn=conn,
                   migrated_from=before if 0 < before < SCHEMA_VERSION else 0)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # queries ---------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return schema_version(self.conn)

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    def counts(self) -> dict[str, int]:
        out = {"documents": 0, "sentences": 0, "unreadable": 0}
        for status, n in self.conn.execute("SELECT status, count(*) FROM documents GROUP BY status"):
            out[status] = n
            out["documents"] += n
        out["sentences"] = self.conn.execute("SELECT count(*) FROM sentences").fetchone()[0]
        out["unreadable"] = self.conn.execute("SELECT count(*) FROM manifest").fetchone()[0]
        return out

    def check(self) -> list[str]:
        """Consistency problems (empty list: none): SQLite integrity, FTS indexes against their
        tables, sentence rows against their documents."""
        problems = []
        res = [r[0] for r in self.conn.execute("PRAGMA integrity_check")]
        if res != ["ok"]:
            problems.extend(res)
        for fts in ("documents_fts", "sentences_fts"):
            try:
                self.conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as exc:
                problems.append(f"{fts}: {exc}")
        bad = self.conn.execute(
            "SELECT count(*) FROM documents d WHERE n_sentences != "
            "(SELECT count(*) FROM sentences s WHERE s.doc = d.doc)").fetchone()[0]
        if bad:
            problems.append(f"{bad} documents with missing or extra sentence rows")
        orphans = self.conn.execute(
            "SELECT count(*) FROM sentences WHERE doc NOT IN (SELECT doc FROM documents)").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} sentence rows without a document")
        return problems

    # writing ---------------------------------------------------------------------------------

    def _lookup(self, key: str) -> tuple[str, str, int | None] | None:
        """(id, hash, document rowid or None for a manifest row) of the input at ``key``."""
        r = self.conn.execute("SELECT id, content_hash, doc FROM documents WHERE source_key=?",
                              (key,)).fetchone()
        if r:
            return r[0], r[1], r[2]
        r = self.conn.execute("SELECT id, content_hash FROM manifest WHERE source_key=?",
                              (key,)).fetchone()
        return (r[0], r[1], None) if r else None

    def _id_owner(self, doc_id: str) -> str | None:
        r = self.conn.execute("SELECT source_key FROM documents WHERE id=? UNION ALL "
                              "SELECT source_key FROM manifest WHERE id=?", (doc_id, doc_id)).fetchone()
        return r[0] if r else None

    def _allocate_id(self, wanted: str, key: str, taken: dict[str, str]) -> str:
        k = 1
        cand = wanted
        while True:
            owner = taken.get(cand) or self._id_owner(cand)
            if owner is None or owner == key:
                return cand
            k += 1
            cand = f"{wanted}~{k}"

    def _delete_key(self, key: str) -> None:
        r = self.conn.execute("SELECT doc FROM documents WHERE source_key=?", (key,)).fetchone()
        if r:
            self.conn.execute("DELETE FROM sentences WHERE doc=?", (r[0],))
            self.conn.execute("DELETE FROM documents WHERE doc=?", (r[0],))
        self.conn.execute("DELETE FROM manifest WHERE source_key=?", (key,))

    def put(self, item: Document | ManifestRow, key: str, chash: str) -> None:
        """Write one processed input (replacing whatever the store had for ``key``).  Call inside
        a transaction (see :meth:`transaction`) or it commits on its own."""
        now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        self._delete_key(key)
        if isinstance(item, ManifestRow):
            self.conn.execute(
                "INSERT INTO manifest(id, source_key, path, status, reason, content_hash, row, "
                "ingested_at) VALUES (?,?,?,?,?,?,?,?)",
                (item.id, key, item.path, item.status, item.reason, chash,
                 json.dumps(item.to_dict(), ensure_ascii=False), now))
            return
        d = item
        cur = self.conn.execute(
            "INSERT INTO documents(id, source_key, path, content_hash, status, reason, published, "
            "date_source, date_confidence, date_evidence, title, url, source, text, duplicate_of, "
            "warnings, n_sentences, ingested_at, fingerprint) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (d.id, key, d.path, chash, d.status, d.reason,
             d.published.isoformat() if d.published else None, d.date_source, d.date_confidence,
             d.date_evidence, d.title, d.url, d.source, d.text, d.duplicate_of,
             json.dumps(d.warnings, ensure_ascii=False), len(d.sentences), now,
             getattr(d, "fingerprint", None)))
        rowid = cur.lastrowid
        self.conn.executemany(
            "INSERT INTO sentences(doc, idx, text, mentions) VALUES (?,?,?,?)",
            [(rowid, s.index, s.text, mentions_to_json(s.text, s.mentions)) for s in d.sentences])

    def ingest(
        self,
        inputs: Sequence[Any],
        cfg: Config | None = None,
        *,
        jobs: int = 1,
        scheduler: str | None = None,
        client: Any = None,
        batch_docs: int = 200,
        batch_seconds: float = 2.0,
        reporter: Any = None,
        warn: Callable[[str], None] = lambda _m: None,
    ) -> IngestStats:
        """Read ``inputs`` (paths, or dicts / RawInputs as for ``build_timeline``), process the
        new and changed ones (locally with ``jobs`` worker processes, or on the Dask cluster at
        ``scheduler`` / through ``client``) and write them, ``batch_docs`` documents (or
        ``batch_seconds`` of work) per transaction."""
        from dateline.pipeline import _chain, _iter_processed, _records_to_raw
        from dateline.progress import Reporter

        cfg = cfg or Config()
        rep = reporter or Reporter(enabled=False)
        t0 = time.perf_counter()
        stats = IngestStats()
        version = pipeline_version()
        paths, records = _records_to_raw(list(inputs))
        if paths:
            from dateline.ingest import iter_inputs

            # in the canonical order process_inputs uses: clashing names get the same ids
            items: Iterable[RawInput | ManifestRow] = _chain(records, iter_inputs(sorted(paths), cfg))
        else:
            items = iter(records)
        pending: dict[str, _Pending] = {}
        taken: dict[str, str] = {}  # ids handed out in this run and not yet written -> key

        def todo() -> Iterator[RawInput | ManifestRow]:
            for item in items:
                key = source_key(item.path)
                chash = content_hash(item, version)
                old = self._lookup(key)
                if isinstance(item, ManifestRow):
                    stats.failed += 1
                    warn(f"{item.path}: {item.status}: {item.reason}")
                if old is not None and old[1] == chash:
                    if isinstance(item, RawInput):
                        stats.unchanged += 1
                    rep.advance("ingest")
                    continue
                doc_id = old[0] if old is not None else self._allocate_id(item.id, key, taken)
                if doc_id != item.id:
                    if isinstance(item, RawInput):
                        item = replace(item, id=doc_id)
                    else:
                        item.id = doc_id
                taken[doc_id] = key
                pending[doc_id] = _Pending(key, chash, changed=old is not None)
                yield item

        if client is not None or scheduler:
            from dateline import distributed

            processed: Iterator[Document | ManifestRow] = distributed.iter_processed(
                todo(), client=client, scheduler=scheduler, reporter=rep)
        else:
            processed = _iter_processed(todo(), max(1, jobs), rep)

        rep.start("ingest", "Ingesting articles")
        in_tx = 0
        tx_start = time.perf_counter()
        try:
            for result in processed:
                meta = pending.pop(result.id)
                taken.pop(result.id, None)
                if in_tx == 0:
                    self.conn.execute("BEGIN IMMEDIATE")
                    tx_start = time.perf_counter()
                self.put(result, meta.key, meta.hash)
                rep.advance("ingest")
                in_tx += 1
                if isinstance(result, Document):
                    if meta.changed:
                        stats.changed += 1
                    else:
                        stats.new += 1
                    stats.processed += 1
                    if result.status != "used":
                        stats.unusable += 1
                        warn(f"{result.path}: {result.status}: {result.reason}")
                if in_tx >= batch_docs or time.perf_counter() - tx_start >= batch_seconds:
                    self.conn.execute("COMMIT")
                    in_tx = 0
            if in_tx:
                self.conn.execute("COMMIT")
                in_tx = 0
        finally:
            if in_tx:  # an error or an interrupt: keep what is complete, drop the open batch
                try:
                    self.conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            rep.finish("ingest")
            close = getattr(processed, "close", None)
            if close:
                close()
        stats.documents = self.count()
        stats.seconds = time.perf_counter() - t0
        return stats

    # search ----------------------------------------------------------------------------------

    def search(self, query: str, *, start: dt.date | None = None, end: dt.date | None = None,
               limit: int = 20, sentences: bool = False) -> list[Hit]:
        """Documents (or sentences) matching ``query``, best first (BM25; a title match counts
        more).  ``start``/``end`` restrict the publication date (inclusive).

        ``ORDER BY rank`` lets FTS5 rank inside the index and stop at ``limit`` rows (snippets are
        made for those only), several times faster than sorting ``bm25()`` results."""
        match = fts_query(query)
        if not match:
            return []
        where, args = self._date_filter(start, end)
        if sentences:
            sql = (
                "SELECT d.id, d.published, d.date_source, d.title, d.source, d.url, d.path, "
                "sentences_fts.rank, highlight(sentences_fts, 0, char(2), char(3)), s.idx "
                "FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid "
                "JOIN documents d ON d.doc = s.doc "
                f"WHERE sentences_fts MATCH ? {where} ORDER BY sentences_fts.rank LIMIT ?")
        else:
            sql = (
                "SELECT d.id, d.published, d.date_source, d.title, d.source, d.url, d.path, "
                "documents_fts.rank, snippet(documents_fts, 1, char(2), char(3), ' … ', 16), NULL "
                "FROM documents_fts JOIN documents d ON d.doc = documents_fts.rowid "
                "WHERE documents_fts MATCH ? AND documents_fts.rank MATCH 'bm25(4.0, 1.0)' "
                f"{where} ORDER BY documents_fts.rank LIMIT ?")
        rows = self.conn.execute(sql, (match, *args, limit)).fetchall()
        return [Hit(id=r[0], published=r[1], date_source=r[2], title=r[3], source=r[4], url=r[5],
                    path=r[6], score=round(-r[7], 6), snippet=" ".join((r[8] or "").split()),
                    sentence=r[9]) for r in rows]

    @staticmethod
    def _date_filter(start: dt.date | None, end: dt.date | None) -> tuple[str, list[str]]:
        where, args = "", []
        if start:
            where += " AND d.published >= ?"
            args.append(start.isoformat())
        if end:
            where += " AND d.published <= ?"
            args.append(end.isoformat())
        return where, args

    def select(self, keywords: Sequence[str] = (), *, match: str | None = None) -> list[int]:
        """Rowids of the documents a timeline is built from: those that mention any of
        ``keywords`` at the start of a word (a superset of what the focus stage keeps), or that
        match the FTS5 expression ``match``; every document when neither is given."""
        if match is None and keywords:
            match = fts_query(" ".join(keywords), any_term=True, prefix=True)
        if not match:
            return [r[0] for r in self.conn.execute("SELECT doc FROM documents ORDER BY doc")]
        return sorted(r[0] for r in self.conn.execute(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", (match,)))

    # reading ---------------------------------------------------------------------------------

    def load_documents(self, rowids: Sequence[int] | None = None) -> list[Document]:
        """The stored documents (all, or those with the given rowids), exactly as processed."""
        return list(self.iter_documents(rowids))

    def iter_documents(self, rowids: Sequence[int] | None = None, *, chunk: int = 2000
                       ) -> Iterator[Document]:
        if rowids is None:
            rowids = [r[0] for r in self.conn.execute("SELECT doc FROM documents ORDER BY doc")]
        for i in range(0, len(rowids), chunk):
            part = list(rowids[i:i + chunk])
            marks = ",".join("?" * len(part))
            docs: dict[int, Document] = {}
            for r in self.conn.execute(
                    f"SELECT doc, {_DOC_COLS} FROM documents WHERE doc IN ({marks})", part):
                docs[r[0]] = _doc_from_row(r[1:])
            for doc_row, _idx, text, ments in self.conn.execute(
                    f"SELECT doc, idx, text, mentions FROM sentences WHERE doc IN ({marks}) "
                    "ORDER BY doc, idx", part):
                d = docs[doc_row]
                d.sentences.append(Sentence(d.id, _idx, text, mentions_from_json(text, ments)))
            for rid in part:
                if rid in docs:
                    yield docs[rid]

    def load_rows(self) -> list[ManifestRow]:
        """Manifest rows of the inputs that could not be read."""
        out = []
        for (row,) in self.conn.execute("SELECT row FROM manifest ORDER BY path, id"):
            out.append(ManifestRow(**json.loads(row)))
        return out

    def optimize(self) -> None:
        """Merge the full-text index segments (faster searches after a large ingest)."""
        for fts in ("documents_fts", "sentences_fts"):
            self.conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
