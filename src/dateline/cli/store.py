"""``dateline ingest`` and ``dateline search``: the store commands (see docs/store.md)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from dateline.cli.options import (
    add_common,
    nonneg_int,
    positive_int,
    size,
    user_date,
    user_end_date,
)
from dateline.config import Config
from dateline.errors import StoreUsageError

if TYPE_CHECKING:
    from dateline.store import Store


def add_parsers(sub: argparse._SubParsersAction) -> None:
    i = sub.add_parser(
        "ingest",
        help="process articles once into a store (SQLite), incrementally",
        description="Read articles (as for 'build'), run the per-document stages on the new and "
        "changed ones and keep the results in a store file; unchanged inputs (same content "
        "hash) are not processed again. Safe to interrupt: run it again to finish.",
    )
    i.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders ('-' = stdin)")
    i.add_argument("--store", default="dateline.db", metavar="DB", help="store file (default: %(default)s)")
    i.add_argument("-j", "--jobs", type=nonneg_int, default=0, metavar="N",
                   help="local worker processes (default: 0 = one per core)")
    i.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="process on this Dask cluster (default: $DATELINE_SCHEDULER, else local)")
    i.add_argument("--max-bytes", type=size, default=None, metavar="SIZE",
                   help="skip input files larger than this (default: 50M)")
    i.add_argument("--batch", type=positive_int, default=200, metavar="N",
                   help="documents per transaction (default: %(default)s); an interrupted "
                   "ingest loses at most the open batch, which the next run redoes")
    add_common(i)

    s = sub.add_parser(
        "search",
        help="full-text search of the articles in a store",
        description="List the stored articles matching QUERY, best first (BM25), with date, id, "
        "title and a snippet.  Every word must match, as a whole word after stemming (spill: "
        "spilled, spills); \"quoted words\" are a phrase; a trailing * matches a prefix; "
        "Syrian also finds Syria (docs/store.md, 'Queries').",
    )
    s.add_argument("query", metavar="QUERY", help="words to look for (all of them; --any: any)")
    s.add_argument("--any", dest="any_term", action="store_true", help="match any of the words, not all")
    s.add_argument("--store", default="dateline.db", metavar="DB", help="store file (default: %(default)s)")
    s.add_argument("--from", dest="start", type=user_date, metavar="DATE", help="published on or after")
    s.add_argument("--to", dest="end", type=user_end_date, metavar="DATE", help="published on or before")
    s.add_argument("--limit", type=positive_int, default=20, metavar="N", help="results (default: %(default)s)")
    s.add_argument("--sentences", action="store_true", help="list matching sentences, not articles")
    s.add_argument("--json", action="store_true", help="one JSON object per result")
    add_common(s)


def _open(path: str, *, create: bool) -> Store:
    from dateline.store import Store

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


def _quiet_distributed() -> None:
    try:
        import distributed  # noqa: F401 - its import sets its loggers' levels, so set ours after it
    except ImportError:
        return
    for name in ("distributed", "distributed.client", "distributed.comm", "distributed.core"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


def run_ingest(args: argparse.Namespace) -> int:
    from dateline.errors import ClusterLost, DaskUnavailable
    from dateline.runtime.dask import scheduler_address
    from dateline.runtime.progress import Reporter

    for path in args.paths:
        if path != "-" and not os.path.lexists(path):
            raise StoreUsageError(f"input path {path!r} does not exist")
    cfg = Config(max_bytes=args.max_bytes) if args.max_bytes else Config()
    scheduler = scheduler_address(args.scheduler)
    if scheduler and not args.verbose:  # a lost cluster is one line of ours, not distributed's tracebacks
        _quiet_distributed()
    jobs = args.jobs or os.cpu_count() or 1
    new_store = not os.path.exists(args.store)
    store = _open(args.store, create=True)
    reporter = Reporter(enabled=not args.quiet)
    cluster_failed = False  # the cluster was never reached, or lost mid-run
    try:
        if store.migrated_from and not args.quiet:
            sys.stderr.write(f"dateline: migrated {args.store} from schema version "
                             f"{store.migrated_from} to {store.schema_version}\n")
        try:
            stats = store.ingest(args.paths, cfg, jobs=jobs, scheduler=scheduler,
                                 batch_docs=getattr(args, "batch", 200), reporter=reporter,
                                 warn=_warner(args.quiet, args.verbose))
        except ClusterLost:
            cluster_failed = True  # lost mid-run: a runtime failure (exit 1); a rerun resumes
            raise
        except DaskUnavailable as exc:
            cluster_failed = True
            raise StoreUsageError(str(exc)) from None
    finally:
        reporter.close()
        empty = new_store and store.count() == 0 and not store.counts()["unreadable"]
        store.close()
        if empty and cluster_failed:  # nothing was written: leave no empty store
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
                            sentences=args.sentences, any_term=args.any_term)
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
