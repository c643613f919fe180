"""Per-document throughput on the whole Timeline17 collection, with 1 and 2 worker processes.

Runs what ``dateline build`` runs before the corpus-level stages: ``pipeline.process_inputs`` over
the collection's ``articles.jsonl.gz`` files (reading, decoding, cleaning, publication dates,
sentence splitting, temporal tagging), each configuration in a fresh process so that peak memory
is measured per configuration.  The machine may be shared, so the configurations are run in
alternation ``--repeat`` times and the fastest run of each is reported; the speed-up is the ratio
of those fastest runs.

    .venv/bin/python benchmarks/throughput.py [--jobs 1,2] [--repeat 3] [--no-doc]

Writes benchmarks/results/throughput.json and the throughput section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from common import (  # noqa: E402
    DOC,
    T17,
    machine_info,
    peak_memory_mb,
    print_table,
    update_doc_section,
    write_json,
)


def _worker(jobs: int) -> dict:
    import resource

    from dateline.model import Config
    from dateline.pipeline import process_inputs

    paths = [str(p) for p in sorted(T17.glob("*/articles.jsonl.gz"))]
    t0 = time.perf_counter()
    docs, rows, _paths = process_inputs(paths, Config(), jobs=jobs)
    secs = time.perf_counter() - t0
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    n = len(docs) + len(rows)
    return {"jobs": jobs, "articles": n, "seconds": round(secs, 2),
            "articles_per_second": round(n / secs, 1),
            "cpu_seconds": round(own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime, 2),
            "parent_cpu_seconds": round(own.ru_utime + own.ru_stime, 2),
            "peak_memory_mb": peak_memory_mb()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", default="1,2", help="worker counts to compare (default 1,2)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds; the fastest run counts (default 3)")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "throughput.json"))
    ap.add_argument("--no-doc", action="store_true", help="do not update docs/benchmarks.md")
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(_worker(args.child)))
        return 0
    if not T17.is_dir():
        print("../shared/data/t17 not found; nothing to measure", file=sys.stderr)
        return 0
    t_start = time.perf_counter()
    jobs = [int(x) for x in args.jobs.split(",")]
    every: dict[int, list[dict]] = {j: [] for j in jobs}
    for _round in range(max(1, args.repeat)):
        for j in jobs:
            out = subprocess.run([sys.executable, __file__, "--child", str(j)], check=True,
                                 capture_output=True, text=True).stdout
            r = json.loads(out.strip().splitlines()[-1])
            every[j].append(r)
            print(f"round {_round + 1}: {j} worker(s) {r['seconds']} s", file=sys.stderr, flush=True)
    runs = []
    for j in jobs:
        best = dict(min(every[j], key=lambda r: r["seconds"]))
        best["all_seconds"] = [r["seconds"] for r in every[j]]
        best["peak_memory_mb"] = max(r["peak_memory_mb"] for r in every[j])
        runs.append(best)
    base = runs[0]["seconds"]
    for r in runs:
        r["speedup"] = round(base / r["seconds"], 2)
    print_table(f"Per-document stages on all T17 articles (fastest of {args.repeat} rounds)",
                ["workers", "articles", "seconds", "articles/s", "speed-up", "CPU s", "peak MB"],
                [[r["jobs"], r["articles"], r["seconds"], r["articles_per_second"], r["speedup"],
                  r["cpu_seconds"], r["peak_memory_mb"]] for r in runs])
    data = {"machine": machine_info(), "repeat": args.repeat, "runs": runs}
    write_json(args.out, data)
    if not args.no_doc:
        from run_all import throughput_markdown

        update_doc_section(DOC, "throughput", throughput_markdown(data, time.perf_counter() - t_start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
