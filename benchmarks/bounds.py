"""What is bounded, measured: peak memory on hostile inputs and `dateline tag` throughput.

1. Peak resident memory of `dateline build` (a fresh process each, measured with ``wait4``) on
   a small ``.jsonl.gz`` holding one huge line (over ``--max-bytes``: skipped unread), on a
   ``.jsonl.gz`` of many short records read by the readers alone (``ingest.iter_inputs``, the
   stream every command starts with), and for comparison on the examples corpus.
2. `dateline tag` on a 100 kB and a large text of the same kind, side by side: seconds per MB
   and their ratio (linear in the text length means a ratio near 1).

Generated inputs go to a temporary folder.  The machine may be shared: each measurement is run
``--repeat`` times and the best kept; compare the ratios, not the absolute times.

    .venv/bin/python benchmarks/bounds.py [--huge-mb 500] [--records 2000000] [--tag-mb 10]
                                          [--repeat 2] [--no-doc]

Writes benchmarks/results/bounds.json and the bounds section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from common import (  # noqa: E402
    DOC,
    machine_info,
    machine_line,
    markdown_table,
    print_table,
    update_doc_section,
    write_json,
)

RESULTS = REPO / "benchmarks" / "results" / "bounds.json"
PY = sys.executable
STREAM = ("import sys; from dateline.ingest import iter_inputs; from dateline.model import Config;"
          "n = sum(1 for _ in iter_inputs([sys.argv[1]], Config())); print(n)")


def _run(args: list[str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of one child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    secs = time.perf_counter() - t0
    return secs, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def _best(args: list[str], repeat: int) -> tuple[float, float, int]:
    runs = [_run(args) for _ in range(repeat)]
    return min(r[0] for r in runs), min(r[1] for r in runs), runs[-1][2]


def _huge_line(path: Path, mb: int) -> None:
    good = json.dumps({"title": "Bridge reopens", "published": "2021-05-14",
                       "text": "The Harbour Street bridge reopened on 14 May 2021 after eleven "
                               "months of repairs, the city council said on Friday. " * 4})
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as fh:
        fh.write(good + "\n")
        fh.write('{"text": "')
        chunk = "word " * 200_000
        for _ in range(mb):
            fh.write(chunk)
        fh.write('"}\n')


def _short_records(path: Path, n: int) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as fh:
        for i in range(n):
            fh.write(f'{{"id": "r{i}", "text": "short line {i}"}}\n')


def _tag_text(path: Path, kb: int) -> None:
    para = ("The council met on Sunday and said the bridge would reopen next week. Engineers "
            "finished the repairs in March 2021, two years after the flood of 14 May 2019. "
            "Officials will meet again on Tuesday at 10 a.m., a spokesman said. ")
    reps = max(1, kb * 1000 // len(para))
    path.write_text((para + "\n") * reps, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--huge-mb", type=int, default=500, help="size of the one huge line (default 500 MB)")
    ap.add_argument("--records", type=int, default=2_000_000, help="short records (default 2,000,000)")
    ap.add_argument("--tag-mb", type=int, default=10, help="size of the large tag input (default 10 MB)")
    ap.add_argument("--repeat", type=int, default=2, help="runs per measurement; the best counts")
    ap.add_argument("--no-doc", action="store_true", help="do not update docs/benchmarks.md")
    args = ap.parse_args(argv)
    dl = [PY, "-m", "dateline"]
    rows: list[list] = []
    out: dict = {"machine": machine_info(), "date": time.strftime("%Y-%m-%d"),
                 "command": "benchmarks/bounds.py " + " ".join(argv or sys.argv[1:])}
    with tempfile.TemporaryDirectory(prefix="dateline-bounds-") as tmp:
        t = Path(tmp)
        (t / "huge").mkdir()
        _huge_line(t / "huge" / "one-huge-line.jsonl.gz", args.huge_mb)
        (t / "many").mkdir()
        _short_records(t / "many" / "short.jsonl.gz", args.records)
        examples = REPO / "examples" / "corpus"
        cases = [
            ("build: examples corpus (reference)", dl + ["build", str(examples), "-o", str(t / "o1"), "-q", "-j", "1"]),
            (f"build: one {args.huge_mb} MB line in a .jsonl.gz", dl + ["build", str(t / "huge"), "-o", str(t / "o2"), "-q", "-j", "1"]),
            (f"readers: {args.records:,} short records", [PY, "-c", STREAM, str(t / "many" / "short.jsonl.gz")]),
            (f"readers: {args.records // 10:,} short records", None),
        ]
        _short_records(t / "many" / "tenth.jsonl.gz", args.records // 10)
        cases[3] = (cases[3][0], [PY, "-c", STREAM, str(t / "many" / "tenth.jsonl.gz")])
        mem = {}
        for name, cmd in cases:
            secs, rss, code = _best(cmd, args.repeat)
            mem[name] = {"seconds": round(secs, 2), "peak_rss_mb": round(rss, 1), "exit": code}
            rows.append([name, round(secs, 2), round(rss, 1), code])
        out["memory"] = mem
        print_table(f"Peak memory (fresh process each; best of {args.repeat})",
                    ["case", "seconds", "peak RSS MB", "exit"], rows)
        small, large = t / "small.txt", t / "large.txt"
        _tag_text(small, 100)
        _tag_text(large, args.tag_mb * 1000)
        tag_rows = []
        per_mb = {}
        for name, path in (("100 kB", small), (f"{args.tag_mb} MB", large)):
            mb = path.stat().st_size / 1e6
            secs, rss, code = _best(dl + ["tag", str(path), "--dct", "2021-05-20"], args.repeat)
            start, _r, _c = _best([PY, "-c", "import dateline.cli.main"], args.repeat)
            per_mb[name] = (secs - start) / mb
            tag_rows.append([name, round(mb, 2), round(secs, 2), round(per_mb[name], 2), round(rss, 1), code])
        ratio = per_mb[f"{args.tag_mb} MB"] / per_mb["100 kB"]
        out["tag"] = {"rows": tag_rows, "ratio_large_to_small_per_mb": round(ratio, 2)}
        print_table("dateline tag: seconds per MB (start-up subtracted)",
                    ["input", "MB", "seconds", "s per MB", "peak RSS MB", "exit"], tag_rows)
        print(f"per-MB time, large / small: {ratio:.2f} (linear: near 1; target within 1.5)")
    write_json(RESULTS, out)
    if not args.no_doc:
        md = (f"Measured {out['date']} with `.venv/bin/python {out['command']}`. Machine: "
              f"{machine_line(out['machine'])}.\n\n"
              + markdown_table(["case", "seconds", "peak RSS MB", "exit"], rows) + "\n\n"
              + markdown_table(["tag input", "MB", "seconds", "s per MB", "peak RSS MB", "exit"], tag_rows)
              + f"\n\nPer-MB time of `dateline tag`, large / small: **{ratio:.2f}** (target: within 1.5).")
        update_doc_section(DOC, "bounds", "## Bounds: memory and linear time (`benchmarks/bounds.py`)\n\n" + md)
    print(f"wrote {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
