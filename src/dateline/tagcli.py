"""``dateline tag``: the temporal tagger on files, JSONL lines or stdin (model loaded once)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from dateline import temporal
from dateline.dating import date_from_field


def _inputs(files: list[str]) -> Iterator[tuple[str, str, object]]:
    """(name, text, dct-from-record or None) for every document to tag."""
    for f in files:
        if f == "-":
            data = sys.stdin.buffer.read().decode("utf-8", errors="replace")
            yield "-", data, None
            continue
        p = Path(f)
        if not p.is_file():
            raise FileNotFoundError(f"{f}: no such file")
        if p.suffix.lower() in (".jsonl", ".ndjson"):
            with p.open(encoding="utf-8", errors="replace") as fh:
                for n, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        rec = json.loads(line)
                    except json.JSONDecodeError as exc:
                        sys.stderr.write(f"dateline: warning: {f}:{n}: not valid JSON ({exc.msg}); skipped\n")
                        continue
                    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                        sys.stderr.write(f"dateline: warning: {f}:{n}: no 'text' field; skipped\n")
                        continue
                    dct = date_from_field(rec.get("dct") or rec.get("published"))
                    yield str(rec.get("id", f"{f}:{n}")), rec["text"], dct
            continue
        raw = p.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        yield f, text, None


def run_tag(args: argparse.Namespace) -> int:
    out = sys.stdout
    try:
        for name, text, rec_dct in _inputs(args.files):
            dct = rec_dct or args.dct
            timexes = temporal.tag(text, dct)
            if args.tag_format == "timeml":
                out.write(temporal.to_timeml(text, timexes))
                if not text.endswith("\n"):
                    out.write("\n")
                continue
            obj = {
                "id": name,
                "dct": dct.isoformat() if dct else None,
                "timexes": [
                    {k: v for k, v in asdict(t).items() if v is not None} for t in timexes
                ],
            }
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    except FileNotFoundError as exc:
        sys.stderr.write(f"dateline: error: {exc}\n")
        return 2
    return 0
