"""The Dask executor: the per-document stages on a Dask distributed cluster.

``dateline ingest PATH --scheduler tcp://HOST:PORT`` (or ``DATELINE_SCHEDULER``) sends the
per-document stage (:func:`dateline.pipeline.process_document` on each ``RawInput``) to the
workers of a running Dask cluster, in small chunks, with a bounded number of chunks in flight;
the results come back in input order and are written into the store by the ingesting process
(only it touches the SQLite file).  Workers need the same dateline installed (the same
:func:`dateline.fingerprint.pipeline_version`; checked when connecting) but no access to the input
files or the store: the inputs are read by the ingesting process and shipped to them.

Each worker imports dateline once (module caching) and a worker plugin warms the stages up when
the worker starts, so the first tasks do not pay for it.  See docs/store.md for starting a
cluster (``dask scheduler``, ``dask worker tcp://...``).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import pickle
import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from dateline.errors import ClusterLost, DaskUnavailable
from dateline.model import Document, ManifestRow, RawInput
from dateline.runtime.local import loads

ENV = "DATELINE_SCHEDULER"
CHUNK = 8  # documents per task: ~50 ms of work, so per-task overhead stays small
WAIT_ENV = "DATELINE_DASK_WAIT"
WAIT = 60.0  # seconds a run waits for a cluster with no worker (or no scheduler) before it fails
_POLL = 1.0

try:  # the plugin base class and the errors a lost cluster raises, when distributed is installed
    from distributed import TimeoutError as _DaskTimeout
    from distributed.diagnostics.plugin import WorkerPlugin as _PluginBase
    from distributed.scheduler import KilledWorker as _KilledWorker
except ImportError:  # pragma: no cover - only without the dask extra
    _PluginBase = object  # type: ignore[assignment,misc]
    _DaskTimeout = _KilledWorker = RuntimeError  # type: ignore[assignment,misc]


def scheduler_address(cli_value: str | None) -> str | None:
    """The scheduler to use: the ``--scheduler`` option, else ``$DATELINE_SCHEDULER``."""
    value = cli_value or os.environ.get(ENV) or None
    return value.strip() if value else None


def _process_chunk(raws: list[RawInput]) -> bytes:
    """Worker task: as the local workers do it (a stage that raises gives a failed row); the
    results pickled once, so they travel as one bytes object and are loaded in one go."""
    try:
        from dateline.pipeline import process_item as process
    except ImportError:  # pragma: no cover - an older pipeline
        from dateline.pipeline import process_document as process

    return pickle.dumps([process(r) for r in raws], protocol=pickle.HIGHEST_PROTOCOL)


def _worker_version() -> str:
    from dateline.fingerprint import pipeline_version

    return pipeline_version()


class Warmup(_PluginBase):  # type: ignore[misc,valid-type]
    """Worker plugin: import dateline and run the stages once when a worker starts."""

    name = "dateline-warmup"

    def setup(self, worker: Any = None) -> None:
        from dateline.pipeline import process_document

        process_document(RawInput(id="warmup", path="warmup.txt", kind="text",
                                  raw="Warm-up. The talks began on 17 September 2002 in Pyongyang.",
                                  published_field="2002-09-18"))


def connect(address: str, *, timeout: str = "10s") -> Any:
    """A ``distributed.Client`` for ``address``, with the warm-up plugin registered and the
    workers' pipeline version checked against this process's."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise DaskUnavailable(
            "--scheduler needs dask.distributed: pip install 'dateline[dask]'") from exc
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise DaskUnavailable(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        prepare(client)
    except BaseException:
        client.close()
        raise
    return client


def prepare(client: Any) -> None:
    """Register the warm-up plugin and check that every worker runs the same pipeline."""
    from dateline.fingerprint import pipeline_version

    try:
        client.register_plugin(Warmup(), name=Warmup.name)
    except AttributeError:  # pragma: no cover - older distributed
        client.register_worker_plugin(Warmup(), name=Warmup.name)
    mine = pipeline_version()
    theirs = client.run(_worker_version)
    if not theirs:
        raise DaskUnavailable("the Dask cluster has no workers")
    bad = {w: v for w, v in theirs.items() if v != mine}
    if bad:
        w, v = next(iter(sorted(bad.items())))
        raise DaskUnavailable(f"worker {w} runs dateline pipeline {v}, this process {mine}; "
                              "install the same dateline on every worker")


def iter_processed(
    items: Iterable[RawInput | ManifestRow],
    *,
    client: Any = None,
    scheduler: str | None = None,
    chunk: int = CHUNK,
    window: int | None = None,
    reporter: Any = None,
) -> Iterator[Document | ManifestRow]:
    """Process ``items`` on the cluster; yield the results in input order.

    ``ManifestRow`` items (inputs that could not be read) pass through.  At most ``window``
    chunks are in flight (default: 4 per worker thread), so memory stays bounded however
    large the input.  Either ``client`` (a ``distributed.Client``) or ``scheduler`` (an
    address; a client is opened and closed here) must be given.
    """
    wait = _wait_seconds()
    own = client is None
    if own:
        if not scheduler:
            raise ValueError("iter_processed needs a client or a scheduler address")
        client = connect(scheduler)
    try:
        if window is None:
            threads = sum(client.nthreads().values()) or 1
            window = max(4, 4 * threads)
        queue: deque[tuple[str, Any, int]] = deque()
        in_flight = 0
        buf: list[RawInput] = []

        def flush() -> None:
            nonlocal in_flight
            if buf:
                fut = client.submit(_process_chunk, list(buf), pure=False)
                queue.append(("future", fut, len(buf)))
                in_flight += 1
                buf.clear()

        def pop() -> Iterator[Document | ManifestRow]:
            nonlocal in_flight
            kind, value, n = queue.popleft()
            if kind == "row":
                yield value
                return
            in_flight -= 1
            docs = loads(_result(client, value, wait))
            value.release()
            for d in docs:
                if reporter is not None:
                    reporter.advance("process")
                yield d

        for item in items:
            if isinstance(item, ManifestRow):
                flush()
                queue.append(("row", item, 1))
            else:
                buf.append(item)
                if len(buf) >= chunk:
                    flush()
            while in_flight >= window or (queue and queue[0][0] == "row"):
                yield from pop()
        flush()
        while queue:
            yield from pop()
    finally:
        if own:
            client.close()


def _wait_seconds() -> float:
    try:
        return max(1.0, float(os.environ.get(WAIT_ENV, WAIT)))
    except ValueError:
        return WAIT


def _result(client: Any, future: Any, wait: float) -> Any:
    """``future.result()``, but a cluster that has had no worker (or whose scheduler has gone)
    for ``wait`` seconds, or a task that killed its workers, is one :class:`ClusterLost`
    instead of waiting forever."""
    lost_since: float | None = None
    while True:
        try:
            return future.result(timeout=_POLL)
        except (_DaskTimeout, TimeoutError):
            pass
        except _KilledWorker:
            raise ClusterLost("Dask workers died again and again on one chunk of documents; what was "
                              "ingested is kept: rerun the same command to resume") from None
        except (OSError, asyncio.CancelledError, concurrent.futures.CancelledError) as exc:
            why = "connection closed" if isinstance(exc, OSError) else "its tasks were cancelled"
            raise ClusterLost(f"lost the Dask scheduler ({why}); what was ingested is kept: "
                              "rerun the same command to resume") from None
        alive = _workers(client)
        if alive:
            lost_since = None
            continue
        now = time.monotonic()
        lost_since = lost_since if lost_since is not None else now
        if now - lost_since >= wait:
            what = "its scheduler stopped answering" if alive is None else "it has no workers"
            raise ClusterLost(f"the Dask cluster stopped working ({what} for {wait:.0f} s; "
                              f"{WAIT_ENV} sets the wait); what was ingested is kept: "
                              "rerun the same command to resume")


def _workers(client: Any) -> int | None:
    """How many workers the scheduler knows of; None when the scheduler cannot be asked."""
    if getattr(client, "status", "running") not in ("running", "connecting"):
        return None
    try:
        return len(client.scheduler_info().get("workers", {}))
    except Exception:  # noqa: BLE001 - a scheduler gone mid-call
        return None
