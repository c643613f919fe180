"""The local executor: a process pool for the per-document stage.

Inputs go to worker processes in chunks of ``CHUNK_DOCS`` documents (fewer when they are longer
than ``CHUNK_BYTES``), at most ``CHUNKS_PER_WORKER`` per worker in flight (streaming, bounded
memory); results come back in input order, pickled once per chunk.  A chunk whose worker dies
is redone one document per task in a fresh pool, and a document that kills a worker again
becomes a ``failed`` row.  The function run on each input is the caller's
(:func:`dateline.pipeline.process_item`), pickled by reference.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from dateline.ingest import PendingFile
from dateline.model import Document, ManifestRow, RawInput
from dateline.runtime.progress import Reporter

INLINE_BELOW = 40  # inputs below this count are processed in-process (no worker start-up)
CHUNK_DOCS = 16  # documents per task sent to a worker process ...
CHUNK_BYTES = 1_000_000  # ... fewer when they are long (bytes or characters of raw input)
CHUNKS_PER_WORKER = 4  # tasks in flight per worker: workers never wait, memory stays bounded

Item = RawInput | ManifestRow | PendingFile
Result = Document | ManifestRow
Process = Callable[[Item], Result]


def iter_processed(
    raws: Iterable[Item], jobs: int, reporter: Reporter, process: Process
) -> Iterator[Result]:
    """``process`` each input (``RawInput``, ``PendingFile`` or ``ManifestRow``) in order, in
    worker processes when there are enough of them.  Streams: at most ``jobs *
    CHUNKS_PER_WORKER`` chunks of inputs are in flight.  Never raises for one bad input: a
    document whose processing fails (even by crashing its worker process) becomes a ``failed``
    row."""
    it = iter(raws)
    head: list[Item] = []
    for item in it:
        head.append(item)
        if len(head) >= INLINE_BELOW:
            break
    if jobs <= 1 or len(head) < INLINE_BELOW:
        for item in chain(head, it):
            yield process(item)
            reporter.advance("process")
        return
    warm_html = any(_is_html(item) for item in head)
    yield from _Pool(jobs, warm_html, process).run(_chunks(chain(head, it)), reporter)


def _is_html(item: Item) -> bool:
    if isinstance(item, RawInput):
        return item.kind == "html"
    if isinstance(item, PendingFile):
        return item.ext.removesuffix(".gz") not in (".txt", ".text", "")
    return False


def _chunks(items: Iterable[Item]) -> Iterator[list[Item]]:
    """Group inputs into worker tasks of ``CHUNK_DOCS`` documents or ``CHUNK_BYTES`` of input."""
    chunk: list[Item] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += len(item.raw) if isinstance(item, RawInput) else item.size if isinstance(item, PendingFile) else 0
        if len(chunk) >= CHUNK_DOCS or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _init_worker(warm_html: bool, parent: int) -> None:
    """Once per worker process: leave Ctrl-C to the parent, exit when the parent is gone (killed:
    nothing would ever tell the worker), keep the collector off the modules inherited from the
    parent, and import the HTML extractor when the inputs need it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    gc.freeze()
    if warm_html:
        try:
            import trafilatura  # noqa: F401
        except Exception:  # pragma: no cover - reported per document if it really fails
            pass


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _process_chunk(process: Process, chunk: list[Item]) -> bytes:
    """Worker task: a chunk of inputs -> their results, pickled once (one message back)."""
    return pickle.dumps([process(item) for item in chunk], protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes) -> list[Result]:
    """Unpickle a chunk's results with the cyclic collector paused: they are acyclic
    dataclasses, and collections triggered while tens of thousands of them are created cost
    several times the unpickling itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()


class _Pool:
    """A process pool that survives a worker crash: the chunk in flight is redone one document
    per task in a fresh pool, and a document that crashes a worker again becomes a failed row."""

    def __init__(self, jobs: int, warm_html: bool, process: Process) -> None:
        self.jobs = jobs
        self.warm_html = warm_html
        self.process = process
        self.pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.jobs, initializer=_init_worker,
                                   initargs=(self.warm_html, os.getpid()))

    def _restart(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._new()

    def _submit(self, chunk: list[Item]) -> Future[bytes]:
        return self.pool.submit(_process_chunk, self.process, chunk)

    def run(self, chunks: Iterator[list[Item]], reporter: Reporter) -> Iterator[Result]:
        window = self.jobs * CHUNKS_PER_WORKER
        pending: deque[tuple[list[Item], Future[bytes]]] = deque()
        try:
            for chunk in chunks:
                pending.append((chunk, self._submit(chunk)))
                while len(pending) >= window:
                    yield from self._results(pending, reporter)
            while pending:
                yield from self._results(pending, reporter)
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def _results(self, pending: deque[tuple[list[Item], Future[bytes]]],
                 reporter: Reporter) -> Iterator[Result]:
        chunk, future = pending.popleft()
        try:
            results = loads(future.result())
        except BrokenProcessPool:
            self._restart()
            results = [self._isolated(item) for item in chunk]
            for i, (other, _f) in enumerate(pending):  # their futures died with the pool
                pending[i] = (other, self._submit(other))
        for result in results:
            reporter.advance("process")
            yield result

    def _isolated(self, item: Item) -> Result:
        try:
            return loads(self._submit([item]).result())[0]
        except BrokenProcessPool:
            self._restart()
            return ManifestRow(id=item.id, path=item.path, status="failed",
                               reason="processing failed: the worker process crashed on it "
                               "(out of memory?)")


def chain(a: list, b: Iterator) -> Iterator:
    """The items of ``a``, then those of ``b`` (closing this generator closes ``b``)."""
    yield from a
    yield from b
