"""Command-line interface: argument parsing and console output only.

Every subcommand is a thin layer over the Python API.  Errors are one line on stderr:
exit code 2 for usage errors (bad option, missing path), 1 for runtime failures (nothing usable,
unwritable output).  ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import errno
import sqlite3
import sys
from collections.abc import Sequence

from dateline.cli import build, digest, evaluation, serve, store, tag, update
from dateline.cli.options import Parser, error_line
from dateline.errors import DatelineError
from dateline.version import __version__

EPILOG = """examples:
  dateline build ../shared/corpus/japan-north-korea -o out
  dateline build articles.jsonl --from 2002-01-01 --to 2008-12-31 --max-dates 15 -o out
  dateline digest ../shared/corpus/japan-north-korea
  dateline tag story.txt --dct 2007-03-07
  dateline eval out/timeline.json gold.txt
  dateline ingest crawl/ --store news.db && dateline search --store news.db "abduction"
  dateline build --store news.db --query "abduction issue" --from 2002 --to 2008 -o out
  dateline update new-crawl/ --store news.db --query "abduction issue" -o out   # daily
  dateline serve --store news.db
"""


def build_parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="dateline",
        description="Turn a pile of raw news articles about one story into a dated, sourced timeline.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"dateline {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    build.add_parser(sub)
    digest.add_parser(sub)
    store.add_parsers(sub)
    update.add_parser(sub)
    serve.add_parser(sub)
    tag.add_parser(sub)
    evaluation.add_parser(sub)
    build.add_open_parser(sub)
    return p


COMMANDS = {"build": build.cmd_build, "open": build.cmd_open, "digest": digest.cmd_digest,
            "ingest": store.run_ingest, "search": store.run_search, "tag": tag.run_tag,
            "serve": serve.run_serve, "update": update.run_update,
            "eval": evaluation.cli_eval}


_ADVICE = {
    errno.ENOSPC: "free some space, or write elsewhere (-o / --store)",
    errno.EDQUOT: "free some space, or write elsewhere (-o / --store)",
    errno.EACCES: "check the permissions, or write elsewhere (-o / --store)",
    errno.EPERM: "check the permissions, or write elsewhere (-o / --store)",
    errno.EROFS: "the file system is read-only: write elsewhere (-o / --store)",
}


def os_error_message(exc: OSError) -> str:
    """One line for an operating-system error: what failed, on which file, what to do."""
    what = exc.strerror or str(exc) or "input/output error"
    where = f" ({exc.filename})" if exc.filename else ""
    advice = _ADVICE.get(exc.errno or 0)
    return f"{what.lower() if what[:1].isupper() else what}{where}" + (f"; {advice}" if advice else "")


def sqlite_message(exc: Exception) -> str:
    """One line for an error of the store's SQLite database, with what to do."""
    msg = " ".join(str(exc).split()) or "database error"
    low = msg.lower()
    if "full" in low:
        return f"the store cannot grow: {msg}; free some space, or use another --store"
    if "readonly" in low or "read-only" in low:
        return f"the store is read-only: {msg}; use a writable copy for 'dateline ingest'"
    if "locked" in low or "busy" in low:
        return f"the store is in use: {msg}; wait for the other dateline run, or use another --store"
    return f"the store cannot be used: {msg}"


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
        error_line(str(exc))
        return exc.exit_code
    except OSError as exc:  # the disk, not dateline: say what and what to do
        if getattr(args, "debug", False):
            raise
        error_line(os_error_message(exc))
        return 1
    except sqlite3.Error as exc:  # the store's database engine (a full disk, read-only media ...)
        if getattr(args, "debug", False):
            raise
        error_line(sqlite_message(exc))
        return 1
    except KeyboardInterrupt:
        error_line("interrupted; outputs already written are complete (writes are atomic)")
        return 130
    except Exception as exc:  # never a traceback unless asked
        if getattr(args, "debug", False):
            raise
        error_line(f"{type(exc).__name__}: {exc} (run again with --debug for the traceback)")
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
