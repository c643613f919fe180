"""``build --store``: a timeline from the stored per-document results."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Unpack

from dateline.config import Config, Options
from dateline.model import Timeline
from dateline.store.db import Store


def timeline_from_store(
    store: Store,
    cfg: Config,
    *,
    warn: Callable[[str], None] = lambda _m: None,
    ranker: Any = None,
) -> Timeline:
    """The timeline of the stored documents that match the run's query or keywords (all of
    them without either), assembled by :func:`dateline.pipeline.assemble_timeline` from the
    stored per-document results.  Equals ``build_timeline`` over the same inputs.

    Raises :class:`dateline.pipeline.NoUsableInput` when nothing matches.
    """
    from dateline import focus
    from dateline.pipeline import NoUsableInput, assemble_timeline, collect

    t0 = time.perf_counter()
    keywords = focus.keywords_for(cfg)
    rowids = store.select(keywords)
    if keywords and not rowids:
        raise NoUsableInput("no stored article mentions any of " + ", ".join(keywords))
    docs = store.load_documents(rowids)
    rows = [] if keywords else store.load_rows()
    docs, rows = collect(rows + docs, warn)  # the warnings a build from the files gives
    t_load = time.perf_counter() - t0
    tl = assemble_timeline(docs, rows, cfg, warn=warn, ranker=ranker)
    tl.timings = {"load": round(t_load, 3), **tl.timings,
                  "total": round(time.perf_counter() - t0, 3)}
    return tl


def store_build_timeline(
    store_path: str,
    *,
    config: Config | None = None,
    progress: bool = False,
    reporter: Any = None,
    on_warning: Callable[[str], None] | None = None,
    **options: Unpack[Options],
) -> Timeline:
    """:func:`dateline.pipeline.build_timeline` with the articles of a store instead of input
    paths: the same options make the same :class:`Config` (one resolver,
    :func:`dateline.pipeline.resolve_config`), hence the same timeline."""
    from dateline.pipeline import resolve_config
    from dateline.runtime.progress import Reporter

    cfg = resolve_config(config, **options)
    rep = reporter or Reporter(enabled=progress)
    store = Store.open(store_path, create=False, readonly=True)  # read-only media work
    try:
        rep.start("load", "Loading articles from the store")
        try:
            return timeline_from_store(store, cfg, warn=on_warning or (lambda _m: None))
        finally:
            rep.finish("load")
    finally:
        store.close()
