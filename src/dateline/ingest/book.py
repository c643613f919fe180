"""A string -> count map whose memory stays flat however many keys it holds.

The readers remember every id they give out (a repeated id gets ``~2``) and every file they
read (a file reached twice is read once).  A stream of millions of records would make a dict
grow with it, so a :class:`Book` keeps its first ``memory_keys`` keys in a dict and, past
that, moves them all to a temporary SQLite file (deleted when the book is closed or
collected): lookups stay exact, and resident memory stays bounded by the dict's cap and
SQLite's page cache.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile

MEMORY_KEYS = 100_000
_COMMIT_EVERY = 50_000


class Book:
    """``get(key)`` / ``put(key, n)`` / ``first(key)`` over a dict, then over a temporary SQLite
    table once the dict would pass ``memory_keys`` keys."""

    def __init__(self, memory_keys: int | None = None) -> None:
        self.memory_keys = MEMORY_KEYS if memory_keys is None else memory_keys
        self._mem: dict[str, int] | None = {}
        self._db: sqlite3.Connection | None = None
        self._path: str | None = None
        self._pending = 0

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def get(self, key: str) -> int | None:
        if self._mem is not None:
            return self._mem.get(key)
        assert self._db is not None
        row = self._db.execute("SELECT n FROM book WHERE k = ?", (key,)).fetchone()
        return None if row is None else int(row[0])

    def first(self, key: str) -> int | None:
        """Put ``key`` with count 1 when it is new and return None; else return its count."""
        if self._mem is not None:
            n = self._mem.get(key)
            if n is None:
                self.put(key)
            return n
        assert self._db is not None
        if self._db.execute("INSERT OR IGNORE INTO book (k, n) VALUES (?, 1)", (key,)).rowcount == 1:
            self._tick()
            return None
        return self.get(key)

    def put(self, key: str, n: int = 1) -> None:
        if self._mem is not None:
            self._mem[key] = n
            if len(self._mem) > self.memory_keys:
                self._spill()
            return
        assert self._db is not None
        self._db.execute("INSERT INTO book (k, n) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET n = excluded.n",
                         (key, n))
        self._tick()

    @property
    def on_disk(self) -> bool:
        return self._db is not None

    def _tick(self) -> None:
        self._pending += 1
        if self._pending >= _COMMIT_EVERY:
            assert self._db is not None
            self._db.commit()
            self._pending = 0

    def _spill(self) -> None:
        fd, self._path = tempfile.mkstemp(prefix="dateline-ids-", suffix=".sqlite")
        os.close(fd)
        db = sqlite3.connect(self._path)
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -8192")  # 8 MB of page cache, whatever the size
        db.execute("CREATE TABLE book (k TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID")
        assert self._mem is not None
        db.executemany("INSERT INTO book (k, n) VALUES (?, ?)", sorted(self._mem.items()))
        db.commit()
        self._db = db
        self._mem = None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._path is not None:
            try:
                os.unlink(self._path)
            except OSError:
                pass
            self._path = None
        self._mem = {}

    def __del__(self) -> None:  # a reader abandoned mid-stream still leaves no file behind
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass
