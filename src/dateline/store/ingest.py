"""``Store.ingest``: read the inputs, process the new and changed ones (locally or on a Dask
cluster), write them in transactions of whole documents.

An input is looked up by its ``source_key``; when its ``content_hash`` is the stored one it is
not processed again.  A new input whose id is taken by another input gets ``id~2`` (``~3``,
...).  Killing an ingest loses at most the open batch.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from dateline.fingerprint import content_hash, pipeline_version, source_key
from dateline.model import Config, Document, ManifestRow, RawInput

if TYPE_CHECKING:
    from dateline.store.db import Store


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
class _Pending:
    key: str
    hash: str
    old_doc: int | None = None  # rowid of the document it replaces
    old_row: bool = False  # replaces a manifest row
    changed: bool = False


def ingest_into(
    store: Store,
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
    """:meth:`dateline.store.Store.ingest`: read ``inputs``, process the new and changed ones,
    write them ``batch_docs`` documents (or ``batch_seconds`` of work) per transaction."""
    from dateline.runtime.progress import Reporter

    cfg = cfg or Config()
    rep = reporter or Reporter(enabled=False)
    t0 = time.perf_counter()
    run = _Run(store, rep, warn, IngestStats(), pipeline_version())
    items, meter = _read(inputs, cfg)
    run.meter = meter
    todo = run.todo(items)
    processed = _processed(todo, jobs=jobs, scheduler=scheduler, client=client, reporter=rep)
    rep.start("ingest", "Ingesting articles", meter=meter)
    run.write(processed, batch_docs, batch_seconds)
    run.stats.documents = store.count()
    run.stats.seconds = time.perf_counter() - t0
    return run.stats


def _read(inputs: Sequence[Any], cfg: Config) -> tuple[Iterable[RawInput | ManifestRow], Any]:
    """The inputs (paths, dicts, RawInputs) read, in the order ``process_inputs`` uses, and the
    meter of the bytes of input files read (None without files)."""
    from dateline.pipeline import records_to_raw
    from dateline.runtime.local import chain

    paths, records = records_to_raw(list(inputs))
    if not paths:
        return iter(records), None
    from dateline.ingest import Meter, iter_inputs

    meter = Meter(paths)
    # in the canonical order process_inputs uses: clashing names get the same ids
    return (chain(records, iter_inputs(sorted(paths), cfg, meter=meter)),
            meter if meter.measures else None)


def _processed(todo: Iterator[RawInput | ManifestRow], *, jobs: int, scheduler: str | None,
               client: Any, reporter: Any) -> Iterator[Document | ManifestRow]:
    """The executor: the Dask cluster at ``scheduler`` / of ``client``, else local workers."""
    if client is not None or scheduler:
        from dateline.runtime import dask

        return dask.iter_processed(todo, client=client, scheduler=scheduler, reporter=reporter)
    from dateline.pipeline import iter_processed

    return iter_processed(todo, max(1, jobs), reporter)


@dataclass
class _Run:
    """One ingest: what it counts, and the inputs handed out and not yet written."""

    store: Store
    rep: Any
    warn: Callable[[str], None]
    stats: IngestStats
    version: str
    pending: dict[str, _Pending] = field(default_factory=dict)
    taken: dict[str, str] = field(default_factory=dict)  # ids handed out, not yet written -> key
    meter: Any = None  # the bytes of input read (dateline.ingest.Meter), for the progress bar

    def todo(self, items: Iterable[RawInput | ManifestRow]) -> Iterator[RawInput | ManifestRow]:
        """The inputs to process: new or changed ones, with their ids in the store."""
        stats, conn = self.stats, self.store.conn
        for item in items:
            key = source_key(item.path)
            chash = content_hash(item, self.version)
            old = _lookup(conn, key)
            if isinstance(item, ManifestRow):
                stats.failed += 1
                self.warn(f"{item.path}: {item.status}: {item.reason}")
            if old is not None and old[1] == chash:
                if isinstance(item, RawInput):
                    stats.unchanged += 1
                if self.meter is not None:
                    self.meter.read(item.id)
                    self.meter.done(item.id)
                self.rep.advance("ingest")
                continue
            doc_id = old[0] if old is not None else _allocate_id(conn, item.id, key, self.taken)
            if doc_id != item.id:
                if isinstance(item, RawInput):
                    item = replace(item, id=doc_id)
                else:
                    item.id = doc_id
            self.taken[doc_id] = key
            self.pending[doc_id] = _Pending(key, chash, changed=old is not None)
            if self.meter is not None:
                self.meter.read(doc_id)
            yield item

    def write(self, processed: Iterator[Document | ManifestRow], batch_docs: int,
              batch_seconds: float) -> None:
        """Write the results, ``batch_docs`` (or ``batch_seconds`` of work) per transaction."""
        conn = self.store.conn
        in_tx = 0
        tx_start = time.perf_counter()
        try:
            for result in processed:
                meta = self.pending.pop(result.id)
                self.taken.pop(result.id, None)
                if in_tx == 0:
                    conn.execute("BEGIN IMMEDIATE")
                    tx_start = time.perf_counter()
                self.store.put(result, meta.key, meta.hash)
                if self.meter is not None:
                    self.meter.done(result.id)
                self.rep.advance("ingest")
                in_tx += 1
                self._count(result, meta)
                if in_tx >= batch_docs or time.perf_counter() - tx_start >= batch_seconds:
                    conn.execute("COMMIT")
                    in_tx = 0
            if in_tx:
                conn.execute("COMMIT")
                in_tx = 0
        finally:
            if in_tx:  # an error or an interrupt: keep what is complete, drop the open batch
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            self.rep.finish("ingest")
            close = getattr(processed, "close", None)
            if close:
                close()

    def _count(self, result: Document | ManifestRow, meta: _Pending) -> None:
        if isinstance(result, Document):
            stats = self.stats
            if meta.changed:
                stats.changed += 1
            else:
                stats.new += 1
            stats.processed += 1
            if result.status != "used":
                stats.unusable += 1
                self.warn(f"{result.path}: {result.status}: {result.reason}")


def _lookup(conn: sqlite3.Connection, key: str) -> tuple[str, str, int | None] | None:
    """(id, hash, document rowid or None for a manifest row) of the input at ``key``."""
    r = conn.execute("SELECT id, content_hash, doc FROM documents WHERE source_key=?",
                     (key,)).fetchone()
    if r:
        return r[0], r[1], r[2]
    r = conn.execute("SELECT id, content_hash FROM manifest WHERE source_key=?",
                     (key,)).fetchone()
    return (r[0], r[1], None) if r else None


def _id_owner(conn: sqlite3.Connection, doc_id: str) -> str | None:
    r = conn.execute("SELECT source_key FROM documents WHERE id=? UNION ALL "
                     "SELECT source_key FROM manifest WHERE id=?", (doc_id, doc_id)).fetchone()
    return r[0] if r else None


def _allocate_id(conn: sqlite3.Connection, wanted: str, key: str, taken: dict[str, str]) -> str:
    k = 1
    cand = wanted
    while True:
        owner = taken.get(cand) or _id_owner(conn, cand)
        if owner is None or owner == key:
            return cand
        k += 1
        cand = f"{wanted}~{k}"
