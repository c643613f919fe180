"""The store itself: opening (read-only where it must), counts and checks, writing one
processed input, reading documents back; ingest and search are in :mod:`dateline.store.ingest`
and :mod:`dateline.store.search`."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from dateline.errors import StoreError, StoreUsageError
from dateline.model import Config, Document, ManifestRow, Sentence
from dateline.store.ingest import IngestStats, ingest_into
from dateline.store.rows import DOC_COLS, doc_from_row, mentions_from_json, mentions_to_json
from dateline.store.schema import SCHEMA_VERSION, migrate, schema_version
from dateline.store.search import Hit, search_store, select_documents

DEFAULT_STORE = "dateline.db"


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
        ``batch_seconds`` of work) per transaction (:mod:`dateline.store.ingest`)."""
        return ingest_into(self, inputs, cfg, jobs=jobs, scheduler=scheduler, client=client,
                           batch_docs=batch_docs, batch_seconds=batch_seconds,
                           reporter=reporter, warn=warn)

    # search ----------------------------------------------------------------------------------

    def search(self, query: str, *, start: dt.date | None = None, end: dt.date | None = None,
               limit: int = 20, sentences: bool = False, any_term: bool = False) -> list[Hit]:
        """Documents (or sentences) matching ``query``, best first (BM25; a title match counts
        more).  ``start``/``end`` restrict the publication date (inclusive).  See
        :func:`dateline.store.search.search_store`."""
        return search_store(self.conn, query, start=start, end=end, limit=limit,
                            sentences=sentences, any_term=any_term)

    def select(self, keywords: Sequence[str] = (), *, match: str | None = None) -> list[int]:
        """Rowids of the documents that mention any of ``keywords`` (whole words, stemmed), or
        that match the FTS5 expression ``match``; every document when neither is given."""
        return select_documents(self.conn, keywords, match=match)

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
                    f"SELECT doc, {DOC_COLS} FROM documents WHERE doc IN ({marks})", part):
                docs[r[0]] = doc_from_row(r[1:])
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
