"""Command-line interface: argument parsing and console output only.

Every subcommand is a thin layer over the Python API.  Errors are one line on stderr:
exit code 2 for usage errors (bad option, missing path), 1 for runtime failures (nothing usable,
unwritable output).  ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from dateline import __version__
from dateline.errors import DatelineError, UsageError

EPILOG = """examples:
  dateline build ../shared/corpus/japan-north-korea -o out
  dateline build articles.jsonl --from 2002-01-01 --to 2008-12-31 --max-dates 15 -o out
  dateline digest ../shared/corpus/japan-north-korea
  dateline tag story.txt --dct 2007-03-07
  dateline eval out/timeline.json gold.txt
  dateline ingest crawl/ --store news.db && dateline search --store news.db "abduction"
  dateline build --store news.db --query "abduction issue" --from 2002 --to 2008 -o out
"""




def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {n}")
    return n


def _nonneg_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {n}")
    return n


def _date(text: str):
    from dateline.dating import parse_user_date

    d = parse_user_date(text)
    if d is None:
        raise argparse.ArgumentTypeError(
            f"cannot read {text!r} as a date; use YYYY, YYYY-MM or YYYY-MM-DD"
        )
    return d


def _size(text: str) -> int:
    t = text.strip().upper().replace("B", "")
    mult = {"K": 1_000, "M": 1_000_000, "G": 1_000_000_000}.get(t[-1:], 1)
    try:
        n = int(float(t[:-1] if t[-1:] in "KMG" else t) * mult)
    except ValueError:
        raise argparse.ArgumentTypeError(f"cannot read {text!r} as a size (e.g. 50M, 2G)") from None
    if n <= 0:
        raise argparse.ArgumentTypeError("the size must be positive")
    return n


def _formats(text: str) -> tuple[str, ...]:
    from dateline.render import FORMATS

    out = []
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        if part == "all":
            out.extend(FORMATS)
            continue
        if part not in FORMATS:
            raise argparse.ArgumentTypeError(f"unknown format {part!r}; choose from {', '.join(FORMATS)}, all")
        out.append(part)
    return tuple(dict.fromkeys(out))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="dateline",
        description="Turn a pile of raw news articles about one story into a dated, sourced timeline.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"dateline {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

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
    b.add_argument("-o", "--out", default="dateline-output", metavar="OUTDIR",
                   help="output folder (default: %(default)s)")
    b.add_argument("--title", help="timeline title (default: from the folder name or the articles)")
    b.add_argument("--max-dates", type=_positive_int, metavar="N",
                   help="number of dates in the timeline (default: grows with the corpus, 5-40)")
    b.add_argument("--sentences-per-date", type=_positive_int, default=2, metavar="K",
                   help="sentences per date (default: %(default)s)")
    b.add_argument("--from", dest="start", type=_date, metavar="DATE",
                   help="first date of the timeline window (YYYY, YYYY-MM or YYYY-MM-DD)")
    b.add_argument("--to", dest="end", type=_date, metavar="DATE", help="last date of the timeline window")
    b.add_argument("--query", help="what the timeline is about, as you would type it (focuses sentence choice)")
    b.add_argument("--keywords", help="comma-separated keywords that on-topic sentences contain")
    b.add_argument("--format", dest="formats", type=_formats, metavar="FMT[,FMT]",
                   help="output formats: json, md, txt, html, timelinejs, all (default: json,md,txt,html)")
    b.add_argument("-j", "--jobs", type=_nonneg_int, default=0, metavar="N",
                   help="worker processes (default: 0 = one per core)")
    b.add_argument("--max-bytes", type=_size, default=None, metavar="SIZE",
                   help="skip input files larger than this (default: 50M)")
    b.add_argument("--open", action="store_true", help="open the HTML report in a browser when done")
    b.add_argument("--no-digest", action="store_true",
                   help="skip the story digest (actors, figures, disagreements; digest.json)")
    _common(b)

    g = sub.add_parser(
        "digest",
        help="print the story digest: actors, figures over time, where sources disagree",
        description="Read the articles like 'build' and print their story digest: the people, "
        "organisations and places involved (with roles, article counts, first and last dates), "
        "the figures reported over time, and where sources disagree (docs/digest.md).",
    )
    g.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders ('-' = stdin)")
    g.add_argument("--json", action="store_true", help="print digest.json instead of markdown")
    g.add_argument("-j", "--jobs", type=_nonneg_int, default=0, metavar="N",
                   help="worker processes (default: 0 = one per core)")
    g.add_argument("--max-bytes", type=_size, default=None, metavar="SIZE",
                   help="skip input files larger than this (default: 50M)")
    _common(g)
    _store_parsers(sub)

    t = sub.add_parser(
        "tag",
        help="find and normalise temporal expressions (TIMEX3) in text",
        description="Find every temporal expression in the text with exact character offsets "
        "into the input as given, its TIMEX3 type (DATE, TIME, DURATION, SET), value normalised "
        "against the document creation time (--dct) in the TempEval conventions (2002-08-18, "
        "2000-10, 197, 2002-W33, P15M, PRESENT_REF, XXXX-12 ...) and modifier (START, END, "
        "APPROX ...). Many files or JSON lines are tagged in one process.",
        epilog="examples:\n  dateline tag story.txt --dct 2007-03-06\n"
        "  dateline tag story.txt --dct 2007-03-06 --format timeml\n"
        "  echo 'They met Sunday.' | dateline tag - --dct 2002-08-19\n"
        "  dateline tag articles.jsonl      # {\"text\", \"dct\"?, \"id\"?} per line",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )

    def _dct(text: str):
        from dateline.tagcli import parse_dct

        return parse_dct(text)

    t.add_argument("files", nargs="*", default=["-"], metavar="FILE",
                   help="text files, .jsonl/.ndjson files (one {'text', 'dct'?, 'id'?} object per "
                   "line), or - for stdin (default)")
    t.add_argument("--dct", type=_dct, metavar="YYYY-MM-DD",
                   help="document creation time (publication date) to resolve relative "
                   "expressions against; a JSONL record's own 'dct' or 'published' field wins; "
                   "without either, relative expressions keep their unresolved form (XXXX-WXX-7)")
    t.add_argument("--format", dest="tag_format", choices=("json", "timeml"), default="json",
                   help="json (default): one object per document and line, with start, end, text, "
                   "type, value, mod; timeml: the text with inline <TIMEX3> tags, XML-escaped")
    t.add_argument("--jsonl", action="store_true",
                   help="read stdin (or every FILE) as JSON lines even without a .jsonl suffix")
    _common(t)

    e = sub.add_parser(
        "eval",
        help="score a timeline against gold timelines (ROUGE, date F1)",
        description="Score a predicted timeline (dateline JSON or tilse text) against gold "
        "timelines (tilse text, or rows of a timelines.jsonl; FILE.jsonl#ID picks one row) with "
        "the TLS metrics: concat, agreement and align+ m:1 ROUGE-1/2 F1 and date P/R/F1 (tilse).",
    )
    try:
        from dateline.evaluate import add_eval_arguments
    except ImportError:  # evaluation extra not installed
        e.add_argument("pred")
        e.add_argument("gold", nargs="+")
        e.add_argument("--json", action="store_true")
    else:
        add_eval_arguments(e)
    _common(e)

    o = sub.add_parser("open", help="open a built timeline.html in the browser",
                       description="Open OUTDIR/timeline.html (or an .html file) in the default browser.")
    o.add_argument("outdir", metavar="OUTDIR", help="output folder of 'dateline build' or an .html file")
    _common(o)
    return p


def _store_parsers(sub: argparse._SubParsersAction) -> None:
    i = sub.add_parser(
        "ingest",
        help="process articles once into a store (SQLite), incrementally",
        description="Read articles (as for 'build'), run the per-document stages on the new and "
        "changed ones and keep the results in a store file; unchanged inputs (same content "
        "hash) are not processed again. Safe to interrupt: run it again to finish.",
    )
    i.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders ('-' = stdin)")
    i.add_argument("--store", default="dateline.db", metavar="DB", help="store file (default: %(default)s)")
    i.add_argument("-j", "--jobs", type=_nonneg_int, default=0, metavar="N",
                   help="local worker processes (default: 0 = one per core)")
    i.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="process on this Dask cluster (default: $DATELINE_SCHEDULER, else local)")
    i.add_argument("--max-bytes", type=_size, default=None, metavar="SIZE",
                   help="skip input files larger than this (default: 50M)")
    i.add_argument("--batch", type=_positive_int, default=200, metavar="N",
                   help="documents per transaction (default: %(default)s); an interrupted "
                   "ingest loses at most the open batch, which the next run redoes")
    _common(i)

    s = sub.add_parser(
        "search",
        help="full-text search of the articles in a store",
        description="List the stored articles matching QUERY (words; a trailing * matches a "
        "prefix), best first (BM25), with date, id, title and a snippet.",
    )
    s.add_argument("query", metavar="QUERY", help="words to look for (all of them)")
    s.add_argument("--store", default="dateline.db", metavar="DB", help="store file (default: %(default)s)")
    s.add_argument("--from", dest="start", type=_date, metavar="DATE", help="published on or after")
    s.add_argument("--to", dest="end", type=_date, metavar="DATE", help="published on or before")
    s.add_argument("--limit", type=_positive_int, default=20, metavar="N", help="results (default: %(default)s)")
    s.add_argument("--sentences", action="store_true", help="list matching sentences, not articles")
    s.add_argument("--json", action="store_true", help="one JSON object per result")
    _common(s)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars, warnings or summary")
    p.add_argument("-v", "--verbose", action="store_true", help="per-stage timings and more detail")
    p.add_argument("--debug", action="store_true", help="show full tracebacks on errors")


def _err(msg: str) -> None:
    sys.stderr.write(f"dateline: error: {msg}\n")


def _check_outdir(out: str) -> None:
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

    from dateline.model import Config
    from dateline.pipeline import NoUsableInput, build_timeline
    from dateline.progress import Reporter

    if not args.paths and not args.store:
        raise UsageError("give the input PATHs (files or folders), or --store DB")
    for path in args.paths:
        if path != "-" and not os.path.lexists(path):
            raise UsageError(f"input path {path!r} does not exist; check the spelling, or give "
                             "an existing file or folder")
    if args.start and args.end and args.start > args.end:
        raise UsageError(f"--from {args.start} is after --to {args.end}")
    _check_outdir(args.out)
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
            config=Config(sentences_per_date=args.sentences_per_date, **cfg_kwargs),
            reporter=reporter,
            on_warning=on_warning,
        )
    except NoUsableInput as exc:
        reporter.close()
        _err(f"{exc}; nothing to build a timeline from")
        return 1
    finally:
        reporter.close()
    try:
        written = tl.write(args.out, args.formats)
    except OSError as exc:
        _err(f"cannot write outputs to {args.out!r}: {exc.strerror or exc}; choose another -o")
        return 1
    if not args.quiet:
        from dateline.summary import print_summary

        print_summary(tl, written, console=Console(highlight=False), verbose=args.verbose)
    if args.open and "html" in written:
        _open_in_browser(written["html"])
    return 0


def _store_builder(args: argparse.Namespace):
    """``build --store``: a stand-in for ``build_timeline`` that reads the store."""
    from dateline.storecli import StoreUsageError, store_build_timeline

    def build(paths, **kwargs):
        if paths:
            raise UsageError("give either input PATHs or --store, not both "
                             "(add them to the store with 'dateline ingest')")
        try:
            return store_build_timeline(args.store, **kwargs)
        except StoreUsageError as exc:
            raise UsageError(str(exc)) from None

    return build


def _store_command(name: str):
    def run(args: argparse.Namespace) -> int:
        from dateline import storecli

        try:
            return getattr(storecli, name)(args)
        except storecli.StoreUsageError as exc:
            raise UsageError(str(exc)) from None

    return run


def _open_in_browser(path: str) -> bool:
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
    _open_in_browser(str(html))
    return 0


def cmd_tag(args: argparse.Namespace) -> int:
    from dateline.tagcli import run_tag

    return run_tag(args)


def cmd_eval(args: argparse.Namespace) -> int:
    try:
        from dateline.evaluate import cli_eval
    except ImportError as exc:
        raise UsageError(f"evaluation needs the 'eval' extra: pip install 'dateline[eval]' ({exc})") from None
    return cli_eval(args)


def cmd_digest(args: argparse.Namespace) -> int:
    import json

    from dateline.model import Config
    from dateline.pipeline import NoUsableInput, build_timeline
    from dateline.progress import Reporter
    from dateline.render.digest_md import render_digest_markdown

    for path in args.paths:
        if path != "-" and not os.path.lexists(path):
            raise UsageError(f"input path {path!r} does not exist; check the spelling, or give "
                             "an existing file or folder")
    warnings: list[str] = []

    def on_warning(msg: str) -> None:
        warnings.append(msg)
        if args.verbose:
            sys.stderr.write(f"dateline: warning: {msg}\n")

    cfg = Config(digest=True, **({"max_bytes": args.max_bytes} if args.max_bytes else {}))
    reporter = Reporter(enabled=not args.quiet)
    try:
        tl = build_timeline(args.paths, jobs=args.jobs, config=cfg, reporter=reporter,
                            on_warning=on_warning)
    except NoUsableInput as exc:
        _err(f"{exc}; nothing to build a digest from")
        return 1
    finally:
        reporter.close()
    if tl.digest is None:
        why = next((w for w in warnings if w.startswith("no story digest")), "no story digest")
        _err(why)
        return 1
    if args.json:
        sys.stdout.write(json.dumps(tl.digest, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_digest_markdown(tl.digest))
    return 0


COMMANDS = {"build": cmd_build, "tag": cmd_tag, "eval": cmd_eval, "open": cmd_open,
            "digest": cmd_digest,
            "ingest": _store_command("run_ingest"), "search": _store_command("run_search")}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except DatelineError as exc:  # one place turns every dateline error into one line + exit code
        if getattr(args, "debug", False):
            raise
        _err(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        _err("interrupted; outputs already written are complete (writes are atomic)")
        return 130
    except Exception as exc:  # never a traceback unless asked
        if getattr(args, "debug", False):
            raise
        _err(f"{type(exc).__name__}: {exc} (run again with --debug for the traceback)")
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
