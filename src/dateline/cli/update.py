"""``dateline update``: the daily routine in one command, ``ingest`` the new crawl into the
store, then ``build --store`` the story's timeline into the same folder as yesterday, which
then says what is new since the previous build (:mod:`dateline.changes`)."""

from __future__ import annotations

import argparse

from dateline.cli.build import add_timeline_options, cmd_build
from dateline.cli.options import positive_int


def add_parser(sub: argparse._SubParsersAction) -> None:
    u = sub.add_parser(
        "update",
        help="ingest new articles into a store, then rebuild a timeline from it (what is new is marked)",
        description="The daily routine in one command: 'dateline ingest PATH... --store DB' (only "
        "new and changed articles are processed), then 'dateline build --store DB' with the "
        "options given, into OUTDIR. When OUTDIR holds the previous build of the same query and "
        "window, the new timeline says what is new since it: new articles, dates and sentences, "
        "marked in timeline.md, timeline.html and timeline.csv.",
    )
    u.add_argument("paths", nargs="+", metavar="PATH", help="the new (or whole) crawl: files or folders")
    u.add_argument("--store", default="dateline.db", metavar="DB", help="store file (default: %(default)s)")
    u.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="ingest on this Dask cluster (default: $DATELINE_SCHEDULER, else local)")
    u.add_argument("--batch", type=positive_int, default=200, metavar="N",
                   help="documents per ingest transaction (default: %(default)s)")
    add_timeline_options(u, compare=True)


def run_update(args: argparse.Namespace) -> int:
    from dateline.cli.store import run_ingest

    ingest = argparse.Namespace(paths=args.paths, store=args.store, jobs=args.jobs,
                                scheduler=args.scheduler, max_bytes=args.max_bytes,
                                batch=args.batch, quiet=args.quiet, verbose=args.verbose,
                                debug=args.debug)
    code = run_ingest(ingest)
    if code:
        return code
    return cmd_build(argparse.Namespace(**{**vars(args), "paths": []}))
