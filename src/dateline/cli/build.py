"""``dateline build`` (files or a store -> timeline outputs) and ``dateline open``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from dateline.cli.options import (
    add_common,
    error_line,
    formats_list,
    nonneg_int,
    positive_int,
    size,
    user_date,
    user_end_date,
)
from dateline.errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser(
        "build",
        help="build a timeline from articles (files, folders, .jsonl)",
        description="Read articles (files and folders, recursively: .txt, .html/.htm, .jsonl, "
        ".jsonl.gz, .warc/.warc.gz, or - for JSON lines on stdin), clean and date them, and write "
        "the timeline plus a manifest of every input (documents.jsonl) into OUTDIR.",
    )
    b.add_argument("paths", nargs="*", metavar="PATH",
                   help="article files or folders ('-' = stdin); none with --store")
    b.add_argument("--store", metavar="DB",
                   help="build from the articles in this store (see 'dateline ingest') instead of "
                   "files: those matching --query/--keywords, or all")
    add_timeline_options(b)


def add_timeline_options(b: argparse.ArgumentParser, *, compare: bool = False) -> None:
    """The options of a timeline build (shared by ``build`` and ``update``; ``compare``: say
    what is new since the timeline in OUTDIR unless told not to)."""
    b.add_argument("-o", "--out", default="dateline-output", metavar="OUTDIR",
                   help="output folder (default: %(default)s)")
    b.add_argument("--title", help="timeline title (default: from the folder name or the articles)")
    b.add_argument("--max-dates", type=positive_int, metavar="N",
                   help="number of dates in the timeline (default: grows with the corpus, 5-40)")
    b.add_argument("--sentences-per-date", type=positive_int, default=2, metavar="K",
                   help="sentences per date (default: %(default)s)")
    b.add_argument("--from", dest="start", type=user_date, metavar="DATE",
                   help="first date of the timeline window (YYYY, YYYY-MM or YYYY-MM-DD)")
    b.add_argument("--to", dest="end", type=user_end_date, metavar="DATE", help="last date of the timeline window")
    b.add_argument("--background", dest="keep_background", action="store_true",
                   help="keep every day before the story's period (or after its last article), "
                   "marked background; by default only days many articles refer back to are kept")
    b.add_argument("--query", help="what the timeline is about, as you would type it (focuses sentence choice)")
    b.add_argument("--keywords", help="comma-separated keywords that on-topic sentences contain")
    b.add_argument("--format", dest="formats", type=formats_list, metavar="FMT[,FMT]",
                   help="output formats: json, md, txt, html, timelinejs, csv, xlsx, all (default: json,md,txt,html)")
    b.add_argument("-j", "--jobs", type=nonneg_int, default=0, metavar="N",
                   help="worker processes (default: 0 = one per core)")
    b.add_argument("--max-bytes", type=size, default=None, metavar="SIZE",
                   help="skip input files larger than this (default: 50M)")
    b.add_argument("--open", action="store_true", help="open the HTML report in a browser when done")
    b.add_argument("--set", dest="settings", action="append", default=[], metavar="PART.NAME=VALUE",
                   help="change one tuning setting (repeatable): dates.*, summary.* or digest.* "
                   "(e.g. digest.max_actors=40, summary.redundancy=0.4; see dateline.config)")
    b.add_argument("--no-digest", action="store_true",
                   help="skip the story digest (actors, figures, disagreements; digest.json)")
    if compare:
        b.add_argument("--no-changes", dest="changes", action="store_false",
                       help="do not compare with the timeline already in OUTDIR (by default what is "
                       "new since it is marked, when it was built for the same query and window)")
    else:
        b.add_argument("--changes", action="store_true",
                       help="mark what is new since the timeline already in OUTDIR, when it was "
                       "built for the same query and window (as 'dateline update' does)")
    add_common(b)


def add_open_parser(sub: argparse._SubParsersAction) -> None:
    o = sub.add_parser("open", help="open a built timeline.html in the browser",
                       description="Open OUTDIR/timeline.html (or an .html file) in the default browser.")
    o.add_argument("outdir", metavar="OUTDIR", help="output folder of 'dateline build' or an .html file")
    add_common(o)


def check_outdir(out: str) -> None:
    p = Path(out)
    if p.exists() and not p.is_dir():
        raise UsageError(f"output path {out!r} exists and is not a folder; choose another -o")
    probe = p
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise UsageError(f"cannot create output folder {out!r}: {str(probe)!r} is a file, not a folder; "
                         "choose another -o")
    if not os.access(probe, os.W_OK):
        raise UsageError(f"cannot write to {str(probe)!r} (permission denied); choose another -o")


def cmd_build(args: argparse.Namespace) -> int:
    from rich.console import Console

    from dateline.config import Config, apply_settings
    from dateline.pipeline import NoUsableInput, build_timeline
    from dateline.runtime.progress import Reporter

    if not args.paths and not args.store:
        raise UsageError("give the input PATHs (files or folders), or --store DB")
    for path in args.paths:
        if path != "-" and not os.path.lexists(path):
            raise UsageError(f"input path {path!r} does not exist; check the spelling, or give "
                             "an existing file or folder")
    if args.start and args.end and args.start > args.end:
        raise UsageError(f"--from {args.start} is after --to {args.end}")
    check_outdir(args.out)
    warnings: list[str] = []

    def on_warning(msg: str) -> None:
        warnings.append(msg)
        if not args.quiet:
            sys.stderr.write(f"dateline: warning: {msg}\n")

    kw = tuple(k.strip() for k in (args.keywords or "").split(",") if k.strip())
    cfg_kwargs = {"digest": not args.no_digest}
    if args.max_bytes:
        cfg_kwargs["max_bytes"] = args.max_bytes
    reporter = Reporter(enabled=not args.quiet)
    try:
        tl = (_store_builder(args) if args.store else build_timeline)(
            args.paths,
            title=args.title,
            max_dates=args.max_dates,
            sentences_per_date=args.sentences_per_date,
            start=args.start,
            end=args.end,
            query=args.query,
            keywords=kw,
            jobs=args.jobs,
            keep_background=args.keep_background,
            config=apply_settings(Config(sentences_per_date=args.sentences_per_date, **cfg_kwargs),
                                  args.settings),
            reporter=reporter,
            on_warning=on_warning,
        )
    except NoUsableInput as exc:
        reporter.close()
        where = _write_manifest_only(args.out, exc.rows)
        error_line(f"{exc}; nothing to build a timeline from" + (f" (the manifest of every input: {where})"
                                                                  if where else ""))
        return 1
    finally:
        reporter.close()
    if getattr(args, "changes", False):
        from dateline.changes import since

        since(tl, Path(args.out) / "timeline.json")  # what is new since the previous build here
    try:
        written = tl.write(args.out, args.formats)
    except OSError as exc:
        error_line(f"cannot write outputs to {args.out!r}: {exc.strerror or exc}; choose another -o")
        return 1
    if not args.quiet:
        from dateline.cli.console import print_summary

        print_summary(tl, written, console=Console(highlight=False), verbose=args.verbose)
    if args.open and "html" in written:
        open_in_browser(written["html"])
    return 0


def _write_manifest_only(out: str, rows: list) -> str | None:
    """The manifest (documents.jsonl) of a run that had nothing usable: every input is still
    accounted for.  Returns its path, or None when it cannot be written."""
    from dateline.render import atomic_write, manifest_rows_lines

    path = Path(out) / "documents.jsonl"
    try:
        atomic_write(path, manifest_rows_lines(rows))
    except OSError:
        return None
    return str(path)


def _store_builder(args: argparse.Namespace):
    """``build --store``: a stand-in for ``build_timeline`` that reads the store."""
    from dateline.store import store_build_timeline

    def build(paths, **kwargs):
        if paths:
            raise UsageError("give either input PATHs or --store, not both "
                             "(add them to the store with 'dateline ingest')")
        return store_build_timeline(args.store, **kwargs)

    return build


def open_in_browser(path: str) -> bool:
    import webbrowser

    url = Path(path).resolve().as_uri()
    try:
        ok = webbrowser.open(url)
    except webbrowser.Error:
        ok = False
    if not ok:
        sys.stderr.write(f"dateline: no browser found; open {url} yourself\n")
    return ok


def cmd_open(args: argparse.Namespace) -> int:
    p = Path(args.outdir)
    html = p if p.suffix.lower() in (".html", ".htm") else p / "timeline.html"
    if not html.is_file():
        raise UsageError(f"no timeline.html in {args.outdir!r}; run 'dateline build ... -o {args.outdir}' first")
    print(html.resolve().as_uri())
    open_in_browser(str(html))
    return 0
