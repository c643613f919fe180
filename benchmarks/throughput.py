"""Per-document throughput on the whole Timeline17 collection, with 1 and 2 worker processes.

Runs the per-document stages (clean, date, sentence split, temporal tagging) exactly as
``dateline build`` does (``pipeline._iter_processed``), each configuration in a fresh process so
that peak memory is measured per configuration.

    .venv/bin/python benchmarks/throughput.py [--jobs 1,2]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from common import machine_info, print_table, write_json  # noqa: E402

T17 = REPO.parent / "shared" / "data" / "t17"


def _worker(jobs: int) -> dict:
    import resource

    from dateline.model import RawInput
    from dateline.pipeline import _iter_processed
    from dateline.progress import Reporter

    raws = []
    for d in sorted(p for p in T17.iterdir() if p.is_dir()):
        with gzip.open(d / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                a = json.loads(line)
                raws.append(RawInput(id=a["id"], path=a["id"], kind="text", raw=a["text"],
                                     source=a["source"], published_field=a["published"]))
    t0 = time.perf_counter()
    n = sum(1 for _ in _iter_processed(iter(raws), jobs, Reporter(enabled=False)))
    secs = time.perf_counter() - t0
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"jobs": jobs, "articles": n, "seconds": round(secs, 2),
            "articles_per_second": round(n / secs, 1),
            "peak_memory_mb": round(max(self_kb, child_kb) / 1024, 1)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "throughput.json"))
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(_worker(args.child)))
        return 0
    if not T17.is_dir():
        print("../shared/data/t17 not found; nothing to measure", file=sys.stderr)
        return 0
    runs = []
    for j in [int(x) for x in args.jobs.split(",")]:
        out = subprocess.run([sys.executable, __file__, "--child", str(j)], check=True,
                             capture_output=True, text=True).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    base = runs[0]["seconds"]
    for r in runs:
        r["speedup"] = round(base / r["seconds"], 2)
    print_table("Per-document stages on all T17 articles",
                ["workers", "articles", "seconds", "articles/s", "speed-up", "peak MB"],
                [[r["jobs"], r["articles"], r["seconds"], r["articles_per_second"], r["speedup"],
                  r["peak_memory_mb"]] for r in runs])
    write_json(args.out, {"machine": machine_info(), "runs": runs})
    return 0


if __name__ == "__main__":
    sys.exit(main())
