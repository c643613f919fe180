"""Run every benchmark (``make bench``) and print one summary table.

Runs, each as a subprocess with the venv's Python: temporal (benchmarks/temporal.py, skipped with
a note while it does not exist), dating, t17, throughput and scale (``--quick``).  Each writes
``benchmarks/results/<name>.json``; t17 and scale (and temporal, if it does) update their own section of
docs/benchmarks.md, and this script writes the dating and throughput sections from their JSON.
Budget: under 20 minutes on 2 cores.

    .venv/bin/python benchmarks/run_all.py [--only t17,dating] [--skip throughput] [--jobs 2]
                                           [--no-doc]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from common import DOC, machine_info, machine_line, markdown_table, print_table, update_doc_section  # noqa: E402

RESULTS = REPO / "benchmarks" / "results"
ORDER = ["temporal", "dating", "t17", "throughput", "scale", "digest"]


def _python() -> str:
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def _load(name: str) -> dict[str, Any] | None:
    p = RESULTS / f"{name}.json"
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None


def _f(x: Any) -> str:
    return f"{x:.3f}" if isinstance(x, float) else str(x)


def summarize(name: str, data: dict[str, Any] | None) -> str:
    if data is None:
        return "no results file"
    if name == "t17":
        h = data.get("macro_headline", {})
        s = (f"AR1-F {_f(h.get('AR1-F'))}, AR2-F {_f(h.get('AR2-F'))}, Date-F1 {_f(h.get('Date-F1'))}"
             f"; {data.get('articles_per_second')} art/s")
        lead = data.get("lead_headline")
        if lead:
            s += f" (lead: {_f(lead['AR1-F'])} / {_f(lead['AR2-F'])} / {_f(lead['Date-F1'])})"
        fails = sum(1 for r in data.get("timelines", []) if r.get("error"))
        return s + (f"; {fails} FAILED timelines" if fails else "")
    if name == "dating":
        parts = []
        for key, label in (("hidden_sample", "hidden"), ("no_dates", "no dates")):
            r = data.get(key)
            if r:
                parts.append(f"{label}: exact {_f(r['exact'])}, ±1 {_f(r['within_1'])}, "
                             f"±7 {_f(r['within_7'])}, abstain {_f(r['abstain'])}")
        return "; ".join(parts)
    if name == "throughput":
        return "; ".join(f"{r['jobs']} worker(s): {r['articles_per_second']} art/s, "
                         f"{r['peak_memory_mb']} MB" for r in data.get("runs", []))
    if name == "scale":
        steps = data.get("steps") or [{}]
        s, b = data.get("search", {}), data.get("build", {})
        return (f"ingest {', '.join(str(x.get('articles_per_second')) for x in steps)} art/s at "
                f"{', '.join(str(x.get('store_documents')) for x in steps)} docs; search p95 "
                f"{s.get('p95_ms')} ms; build {b.get('seconds')} s")
    # unknown layout (temporal): the top-level numbers
    nums = {k: v for k, v in data.items() if isinstance(v, int | float) and not isinstance(v, bool)}
    if not nums:
        for v in data.values():
            if isinstance(v, dict):
                nums.update({k: x for k, x in v.items() if isinstance(x, int | float)})
    return ", ".join(f"{k} {_f(v)}" for k, v in list(nums.items())[:6]) or "see JSON"


def dating_markdown(data: dict[str, Any], seconds: float) -> str:
    rows = []
    for key, label in (("hidden_sample", "sample hidden, rest of the corpus dated"),
                       ("no_dates", "no article of the corpus dated")):
        r = data.get(key)
        if r:
            rows.append([label, r["n"], r["exact"], r["within_1"], r["within_3"], r["within_7"],
                         r["abstain"], r["median_abs_error_days"]])
    cols = ["case", "articles", "exact", "±1 day", "±3 days", "±7 days", "abstain",
            "median abs. error (days)"]
    return "\n".join([
        f"Measured {dt.date.today().isoformat()} with `.venv/bin/python benchmarks/dating.py "
        f"--sample {data.get('sample')} --seed {data.get('seed')}` ({seconds:.0f} s, peak memory "
        f"{data.get('peak_memory_mb')} MB). Machine: {machine_line(data.get('machine'))}.",
        "",
        "The publication date of a fixed random sample of T17 articles is hidden (ids and paths "
        "replaced by neutral ones so no date leaks through file names); the fractions are of the "
        "hidden articles (a wrong date and an abstention both count as not within the tolerance).",
        "",
        markdown_table(cols, rows),
    ])


def throughput_markdown(data: dict[str, Any], seconds: float) -> str:
    runs = data.get("runs", [])
    rows = [[r["jobs"], r["articles"], f"{r['seconds']:.1f}", f"{r['articles_per_second']:.1f}",
             f"{r.get('speedup') or 1:.2f}", f"{r.get('cpu_seconds', 0):.1f}", f"{r['peak_memory_mb']:.0f}",
             ", ".join(f"{x:.1f}" for x in r.get("all_seconds", [r["seconds"]]))] for r in runs]
    repeat = data.get("repeat", 1)
    return "\n".join([
        f"Measured {dt.date.today().isoformat()} with `.venv/bin/python benchmarks/throughput.py "
        f"--repeat {repeat}` ({seconds:.0f} s). Machine: {machine_line(data.get('machine'))}.",
        "",
        "What `dateline build` does before the corpus-level stages (`pipeline.process_inputs`: "
        "reading the `articles.jsonl.gz` files, decoding, cleaning, publication dates, sentence "
        "splitting, temporal tagging, dedup fingerprints) over all T17 articles; each configuration "
        f"in a fresh process, run in alternation {repeat} times (the machine is shared); the "
        "fastest run of each counts. CPU s: parent and workers together; peak MB: the largest "
        "process. (Before issue 7, with one task per document, results unpickled while the "
        "cyclic collector ran and files decoded in the parent, 2 workers were only 1.08-1.32x "
        "faster than 1.)",
        "",
        markdown_table(["workers", "articles", "seconds", "articles/s", "speed-up", "CPU s",
                        "peak MB", "all runs (s)"], rows),
    ])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="comma-separated subset of " + ",".join(ORDER))
    ap.add_argument("--skip", default="", help="comma-separated benchmarks to skip")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--no-doc", action="store_true", help="do not update docs/benchmarks.md")
    args = ap.parse_args(argv)
    chosen = [n for n in ORDER if not args.only or n in args.only.split(",")]
    chosen = [n for n in chosen if n not in args.skip.split(",")]
    py = _python()
    RESULTS.mkdir(parents=True, exist_ok=True)
    extra = {
        "temporal": ["--no-doc"] if args.no_doc else [],
        "dating": ["--jobs", str(args.jobs)],
        "t17": ["--jobs", str(args.jobs), "--ablations"] + (["--no-doc"] if args.no_doc else []),
        "throughput": ["--jobs", ",".join(str(j) for j in range(1, max(1, args.jobs) + 1))]
        + (["--no-doc"] if args.no_doc else []),
        # the store at 1k and 5k documents (~3 min); the 100k figures: benchmarks/scale.py alone
        "scale": ["--quick", "--jobs", str(args.jobs)] + (["--no-doc"] if args.no_doc else []),
        "digest": ["--jobs", str(args.jobs)] + (["--no-doc"] if args.no_doc else []),
    }
    t_all = time.perf_counter()
    rows = []
    for name in chosen:
        script = REPO / "benchmarks" / f"{name}.py"
        if not script.exists():
            print(f"== {name}: skipped (benchmarks/{name}.py does not exist yet)", flush=True)
            rows.append([name, "skipped", "", f"benchmarks/{name}.py not present"])
            continue
        cmd = [py, str(script), *extra[name]]
        print(f"== {name}: {' '.join(cmd)}", flush=True)
        before = (RESULTS / f"{name}.json").stat().st_mtime if (RESULTS / f"{name}.json").exists() else None
        t0 = time.perf_counter()
        rc = subprocess.run(cmd, cwd=REPO).returncode
        secs = time.perf_counter() - t0
        path = RESULTS / f"{name}.json"
        fresh = path.exists() and (before is None or path.stat().st_mtime > before)
        data = _load(name) if fresh else None
        status = "ok" if rc == 0 and fresh else f"FAILED (exit {rc})" if rc else "no new results"
        rows.append([name, status, f"{secs:.0f}", summarize(name, data)])
        if data and not args.no_doc:
            if name == "dating":
                update_doc_section(DOC, "dating", dating_markdown(data, secs))
            elif name == "throughput":
                update_doc_section(DOC, "throughput", throughput_markdown(data, secs))
    total = time.perf_counter() - t_all
    rows.append(["total", "", f"{total:.0f}", machine_line(machine_info())])
    print()
    print_table("dateline benchmarks (make bench)", ["benchmark", "status", "seconds", "result"], rows)
    failed = [r[0] for r in rows if str(r[1]).startswith(("FAILED", "no new"))]
    if total > 20 * 60:
        print(f"note: {total / 60:.1f} min, over the 20-minute budget", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
