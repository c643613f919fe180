"""``dateline ingest``, ``dateline search`` and ``dateline build --store``: the store front end.

Argument parsing lives in :mod:`dateline.cli`; this module does the work and the printing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any, Unpack

from dateline.config import Config, Options
from dateline.errors import StoreUsageError
from dateline.model import Timeline
from dateline.store import Store


def _open(path: str, *, create: bool) -> Store:
    # reading (search, build) opens read-only: a store on read-only media works
    return Store.open(path, create=create, readonly=not create)


def _warner(quiet: bool, verbose: bool = False) -> Callable[[str], None]:
    def warn(msg: str) -> None:
        if verbose and not quiet:
            sys.stderr.write(f"dateline: warning: {msg}\n")

    return warn


# --------------------------------------------------------------------------------------------
# ingest
# --------------------------------------------------------------------------------------------


def run_ingest(args: argparse.Namespace) -> int:
    from dateline.distributed import DaskUnavailable, scheduler_address
    from dateline.progress import Reporter

    for path in args.paths:
        if path != "-" and not os.path.lexists(path):
            raise StoreUsageError(f"input path {path!r} does not exist")
    cfg = Config(max_bytes=args.max_bytes) if args.max_bytes else Config()
    scheduler = scheduler_address(args.scheduler)
    jobs = args.jobs or os.cpu_count() or 1
    new_store = not os.path.exists(args.store)
    store = _open(args.store, create=True)
    reporter = Reporter(enabled=not args.quiet)
    unreachable = False
    try:
        if store.migrated_from and not args.quiet:
            sys.stderr.write(f"dateline: migrated {args.store} from schema version "
                             f"{store.migrated_from} to {store.schema_version}\n")
        try:
            stats = store.ingest(args.paths, cfg, jobs=jobs, scheduler=scheduler,
                                 batch_docs=getattr(args, "batch", 200), reporter=reporter,
                                 warn=_warner(args.quiet, args.verbose))
        except DaskUnavailable as exc:
            unreachable = True
            raise StoreUsageError(str(exc)) from None
    finally:
        reporter.close()
        empty = new_store and store.count() == 0 and not store.counts()["unreadable"]
        store.close()
        if empty and unreachable:  # the cluster was never reached: leave no empty store
            for suffix in ("", "-wal", "-shm"):
                try:
                    os.unlink(args.store + suffix)
                except OSError:
                    pass
    if not args.quiet:
        where = f" on {scheduler}" if scheduler else ""
        rate = stats.processed / stats.seconds if stats.seconds and stats.processed else 0.0
        print(f"{args.store}: {stats.line()}")
        print(f"processed {stats.processed:,} documents in {stats.seconds:.1f} s{where}"
              + (f" ({rate:,.1f}/s)" if rate else "")
              + f"; the store holds {stats.documents:,} documents")
    return 0


# --------------------------------------------------------------------------------------------
# search
# --------------------------------------------------------------------------------------------


def run_search(args: argparse.Namespace) -> int:
    if args.start and args.end and args.start > args.end:
        raise StoreUsageError(f"--from {args.start} is after --to {args.end}")
    store = _open(args.store, create=False)
    try:
        t0 = time.perf_counter()
        hits = store.search(args.query, start=args.start, end=args.end, limit=args.limit,
                            sentences=args.sentences)
        secs = time.perf_counter() - t0
    finally:
        store.close()
    if args.json:
        for h in hits:
            print(json.dumps(h.to_dict(), ensure_ascii=False))
        return 0
    if not hits:
        if not args.quiet:
            print("no matching articles")
        return 0
    from rich.console import Console
    from rich.text import Text

    con = Console(highlight=False, soft_wrap=True)
    for h in hits:
        date = h.published or "(no date)"
        where = f" #{h.sentence}" if h.sentence is not None else ""
        line = Text()
        line.append(f"{date:<10}", style="bold")
        line.append(f"  {h.id}{where}  ")
        line.append(h.title or "(no title)", style="italic")
        con.print(line)
        con.print(_highlighted("    " + h.snippet))
    if not args.quiet:
        con.print(f"[dim]{len(hits)} result{'s' if len(hits) != 1 else ''} in {secs * 1000:.0f} ms[/dim]")
    return 0


def _highlighted(snippet: str):
    """Rich text of a snippet whose matches are marked with \\x02 ... \\x03."""
    from rich.text import Text

    out = Text()
    bold = False
    for part in snippet.replace("\x03", "\x02").split("\x02"):
        out.append(part, style="bold yellow" if bold else "")
        bold = not bold
    return out


# --------------------------------------------------------------------------------------------
# build --store
# --------------------------------------------------------------------------------------------


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
    from dateline.progress import Reporter

    cfg = resolve_config(config, **options)
    rep = reporter or Reporter(enabled=progress)
    store = _open(store_path, create=False)
    try:
        rep.start("load", "Loading articles from the store")
        try:
            return timeline_from_store(store, cfg, warn=on_warning or (lambda _m: None))
        finally:
            rep.finish("load")
    finally:
        store.close()
