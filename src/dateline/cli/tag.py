"""``dateline tag``: the temporal tagger on files, JSONL lines or stdin, in one process.

Each input document is tagged with :func:`dateline.temporal.tag` (the same function a Python
caller uses), resolved against its DCT: the ``dct`` (or ``published``) field of a JSONL record,
else ``--dct``; without either, relative expressions keep their unresolved TIMEX3 values.

Output, one document after the other:

* ``--format json`` (default): one JSON object per document and line,
  ``{"id", "dct", "timexes": [{"start", "end", "text", "type", "value", "mod"?}]}``; offsets are
  character (Unicode code point) offsets into the text exactly as read (after decoding; nothing
  is normalised, so leading newlines and line breaks inside an expression count);
* ``--format timeml``: the text itself with inline ``<TIMEX3 tid type value [mod]>`` elements,
  XML-escaped.

Inputs: text files (UTF-8, else cp1252), ``.jsonl``/``.ndjson`` files (one ``{"text", "dct"?,
"id"?}`` object per line), or ``-`` for stdin (plain text, or JSON lines when ``--jsonl`` is
given or every line is such an object).  A missing file is a usage error (exit 2, one line);
a bad JSONL line is skipped with a warning.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from dateline import temporal
from dateline.cli.options import add_common
from dateline.errors import TagInputError
from dateline.ingest import decode_text

JSONL_SUFFIXES = (".jsonl", ".ndjson")


def add_parser(sub: argparse._SubParsersAction) -> None:
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

    t.add_argument("files", nargs="*", default=["-"], metavar="FILE",
                   help="text files, .jsonl/.ndjson files (one {'text', 'dct'?, 'id'?} object per "
                   "line), or - for stdin (default)")
    t.add_argument("--dct", type=parse_dct, metavar="YYYY-MM-DD",
                   help="document creation time (publication date) to resolve relative "
                   "expressions against; a JSONL record's own 'dct' or 'published' field wins; "
                   "without either, relative expressions keep their unresolved form (XXXX-WXX-7)")
    t.add_argument("--format", dest="tag_format", choices=("json", "timeml"), default="json",
                   help="json (default): one object per document and line, with start, end, text, "
                   "type, value, mod; timeml: the text with inline <TIMEX3> tags, XML-escaped")
    t.add_argument("--jsonl", action="store_true",
                   help="read stdin (or every FILE) as JSON lines even without a .jsonl suffix")
    add_common(t)


def parse_dct(text: str) -> dt.date:
    """``--dct``: an ISO date ``YYYY-MM-DD`` (a trailing time, as in ``2007-03-06T10:00``, is
    ignored)."""
    m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?\s*",
                     text)
    if not m:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a valid date ({exc})") from None


def _record_dct(rec: dict[str, Any]) -> dt.date | None:
    value = rec.get("dct") or rec.get("published")
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value))
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    from dateline.dating import date_from_field

    return date_from_field(str(value))


def _jsonl_docs(lines: list[str], source: str, warn) -> Iterator[tuple[str, str, dt.date | None]]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            warn(f"{source}:{n}: not valid JSON ({exc.msg}); skipped")
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            warn(f"{source}:{n}: no 'text' field; skipped")
            continue
        dct = _record_dct(rec)
        if dct is None and (rec.get("dct") or rec.get("published")):
            value = rec.get("dct") or rec.get("published")
            warn(f"{source}:{n}: cannot read the dct {str(value)[:40]!r} as a date; relative "
                 "expressions stay unresolved (use YYYY-MM-DD)")
        yield str(rec.get("id", f"{source}:{n}")), rec["text"], dct


def _looks_like_jsonl(text: str) -> bool:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines or not lines[0].lstrip().startswith("{"):
        return False
    try:
        return all(isinstance(json.loads(ln), dict) and isinstance(json.loads(ln).get("text"), str)
                   for ln in lines)
    except json.JSONDecodeError:
        return False


def iter_documents(files: list[str], *, jsonl: bool = False, stdin: IO[bytes] | None = None,
                   warn=None) -> Iterator[tuple[str, str, dt.date | None]]:
    """(id, text, dct-of-the-record or None) for every document of ``files``.

    Every path is checked before anything is read, so a typo fails before any output.
    """
    warn = warn or (lambda msg: sys.stderr.write(f"dateline: warning: {msg}\n"))
    for f in files:
        if f == "-":
            continue
        p = Path(f)
        if not p.exists():
            raise TagInputError(f"{f}: no such file")
        if not p.is_file():
            raise TagInputError(f"{f}: not a file (give the files of a folder, e.g. {f}/*.txt)")
    for f in files:
        if f == "-":
            data = decode_text((stdin or sys.stdin.buffer).read())
            if jsonl or _looks_like_jsonl(data):
                yield from _jsonl_docs(data.splitlines(), "<stdin>", warn)
            else:
                yield "-", data, None
            continue
        p = Path(f)
        try:
            raw = p.read_bytes()
        except OSError as exc:
            raise TagInputError(f"{f}: cannot read ({exc.strerror or exc})") from None
        text = decode_text(raw)
        if jsonl or p.suffix.lower() in JSONL_SUFFIXES:
            yield from _jsonl_docs(text.splitlines(), f, warn)
        else:
            yield f, text, None


def timex_dict(tx: temporal.Timex) -> dict[str, Any]:
    """The JSON form of one expression (``mod`` only when there is one)."""
    d: dict[str, Any] = {"start": tx.start, "end": tx.end, "text": tx.text, "type": tx.type,
                         "value": tx.value}
    if tx.mod:
        d["mod"] = tx.mod
    return d


def run_tag(args: argparse.Namespace, out: IO[str] | None = None,
            stdin: IO[bytes] | None = None) -> int:
    """The ``dateline tag`` command; returns the exit code."""
    out = out or sys.stdout
    files = list(args.files) or ["-"]
    quiet = getattr(args, "quiet", False)
    fmt = getattr(args, "tag_format", "json")

    def warn(msg: str) -> None:
        if not quiet:
            sys.stderr.write(f"dateline: warning: {msg}\n")

    if files == ["-"] and stdin is None and sys.stdin.isatty():
        sys.stderr.write("dateline: error: no input: give a FILE, or pipe text into "
                         "'dateline tag -' (see 'dateline tag --help')\n")
        return 2
    try:
        for name, text, rec_dct in iter_documents(files, jsonl=getattr(args, "jsonl", False),
                                                  stdin=stdin, warn=warn):
            dct = rec_dct or args.dct
            timexes = temporal.tag(text, dct)
            if fmt == "timeml":
                out.write(temporal.to_timeml(text, timexes))
                if not text.endswith("\n"):
                    out.write("\n")
                continue
            obj = {"id": name, "dct": dct.isoformat() if dct else None,
                   "timexes": [timex_dict(t) for t in timexes]}
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        out.flush()
    except BrokenPipeError:  # `dateline tag big.jsonl | head`
        try:
            sys.stdout = open("/dev/null", "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return 0
    return 0
