"""The store's schema: the SQL of each version, and the migrations between them.

``meta.schema_version`` names the version a store has; :data:`MIGRATIONS` holds the SQL steps
that bring a store of the previous version to each one, and :func:`migrate` runs them, each
version's steps in one transaction.
"""

from __future__ import annotations

import sqlite3

from dateline.errors import StoreError

FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"

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
