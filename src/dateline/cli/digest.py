"""``dateline digest``: the story digest of the articles, as markdown or JSON."""

from __future__ import annotations

import argparse
import os
import sys

from dateline.cli.options import add_common, error_line, nonneg_int, size
from dateline.errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    g = sub.add_parser(
        "digest",
        help="print the story digest: actors, figures over time, where sources disagree",
        description="Read the articles like 'build' and print their story digest: the people, "
        "organisations and places involved (with roles, article counts, first and last dates), "
        "the figures reported over time, and where sources disagree (docs/digest.md).",
    )
    g.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders ('-' = stdin)")
    g.add_argument("--json", action="store_true", help="print digest.json instead of markdown")
    g.add_argument("-j", "--jobs", type=nonneg_int, default=0, metavar="N",
                   help="worker processes (default: 0 = one per core)")
    g.add_argument("--max-bytes", type=size, default=None, metavar="SIZE",
                   help="skip input files larger than this (default: 50M)")
    add_common(g)


def cmd_digest(args: argparse.Namespace) -> int:
    import json

    from dateline.model import Config
    from dateline.pipeline import NoUsableInput, build_timeline
    from dateline.render.digest_md import render_digest_markdown
    from dateline.runtime.progress import Reporter

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
        error_line(f"{exc}; nothing to build a digest from")
        return 1
    finally:
        reporter.close()
    if tl.digest is None:
        why = next((w for w in warnings if w.startswith("no story digest")), "no story digest")
        error_line(why)
        return 1
    if args.json:
        sys.stdout.write(json.dumps(tl.digest, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_digest_markdown(tl.digest))
    return 0
