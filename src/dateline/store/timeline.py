"""``build --store``: a timeline from the stored per-document results."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Unpack

from dateline.config import Config, Options
from dateline.model import Document, Timeline
from dateline.store.db import Store
from dateline.store.query import story_filter


def timeline_from_store(
    store: Store,
    cfg: Config,
    *,
    warn: Callable[[str], None] = lambda _m: None,
    ranker: Any = None,
) -> Timeline:
    """The timeline of the stored documents about the run's query (the articles that hold
    every name of the query and are about it: :func:`dateline.store.query.story_filter`), or
    that mention one of its ``keywords``, or all of them without either; assembled by
    :func:`dateline.pipeline.assemble_timeline` from the stored per-document results.  With
    keywords or no query, equals ``build_timeline`` over the same inputs.

    Raises :class:`dateline.pipeline.NoUsableInput` when nothing matches.
    """
    from dateline import focus
    from dateline.pipeline import assemble_timeline, collect

    t0 = time.perf_counter()
    keywords = focus.keywords_for(cfg)
    docs = select_for(store, cfg)
    rows = [] if keywords else store.load_rows()
    docs, rows = collect(rows + docs, warn)  # the warnings a build from the files gives
    t_load = time.perf_counter() - t0
    tl = assemble_timeline(docs, rows, cfg, warn=warn, ranker=ranker)
    tl.timings = {"load": round(t_load, 3), **tl.timings,
                  "total": round(time.perf_counter() - t0, 3)}
    return tl


def select_for(store: Store, cfg: Config) -> list[Document]:
    """The stored documents a timeline for ``cfg`` is built from (see :func:`timeline_from_store`).

    Raises :class:`dateline.pipeline.NoUsableInput` when a query or keywords match nothing."""
    from dateline import focus
    from dateline.pipeline import NoUsableInput

    keywords = focus.keywords_for(cfg)
    story = story_filter(cfg.query, store.conn) if cfg.query and not cfg.keywords else None
    rowids = store.select(keywords, match=story.match if story is not None else None)
    if keywords and not rowids:
        raise NoUsableInput("no stored article mentions " + (
            repr(cfg.query) if story is not None else "any of " + ", ".join(keywords)))
    docs = store.load_documents(rowids)
    if story is not None:
        docs = [d for d in docs if story.keeps(d.title or "", d.text)]
        if not docs:
            raise NoUsableInput(f"no stored article is about {cfg.query!r} (they name it only in passing)")
    return docs


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
