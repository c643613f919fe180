"""``dateline ingest`` and ``dateline search``: the store commands (see docs/store.md)."""

from __future__ import annotations

import argparse

from dateline.cli.options import (
    add_common,
    nonneg_int,
    positive_int,
    size,
    user_date,
    user_end_date,
)


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
        description="List the stored articles matching QUERY (words; a trailing * matches a "
        "prefix), best first (BM25), with date, id, title and a snippet.",
    )
    s.add_argument("query", metavar="QUERY", help="words to look for (all of them)")
    s.add_argument("--store", default="dateline.db", metavar="DB", help="store file (default: %(default)s)")
    s.add_argument("--from", dest="start", type=user_date, metavar="DATE", help="published on or after")
    s.add_argument("--to", dest="end", type=user_end_date, metavar="DATE", help="published on or before")
    s.add_argument("--limit", type=positive_int, default=20, metavar="N", help="results (default: %(default)s)")
    s.add_argument("--sentences", action="store_true", help="list matching sentences, not articles")
    s.add_argument("--json", action="store_true", help="one JSON object per result")
    add_common(s)


def run_ingest(args: argparse.Namespace) -> int:
    from dateline import storecli

    return storecli.run_ingest(args)


def run_search(args: argparse.Namespace) -> int:
    from dateline import storecli

    return storecli.run_search(args)
