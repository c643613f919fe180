"""Publication-date inference, measured on Timeline17.

Hides the publication date of a fixed random sample of T17 articles (the rest of each topic's
corpus keeps its dates), runs dateline's per-document stages and its corpus-level inference, and
reports how often the inferred date is exact, within 1, 3 and 7 days, and how often it abstains.
Then the harder case: no article of the corpus has a date at all.

Ids and paths are replaced by neutral ones (``topic/000123``) so the date folders in T17 ids
cannot leak through the file-name rule.

    .venv/bin/python benchmarks/dating.py [--sample 500] [--seed 13] [--jobs 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from common import T17, machine_info, peak_memory_mb, print_table, write_json  # noqa: E402


def load_topics() -> dict[str, list[dict]]:
    topics = {}
    for d in sorted(p for p in T17.iterdir() if p.is_dir()):
        with gzip.open(d / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
            topics[d.name] = [json.loads(line) for line in fh]
    return topics


def _process(args: tuple[str, str, str | None]):
    from dateline.model import RawInput
    from dateline.pipeline import process_document

    doc_id, text, published = args
    raw = RawInput(id=doc_id, path=doc_id, kind="text", raw=text, published_field=published)
    return process_document(raw)


def run_case(topics, hidden: set[str], jobs: int) -> list[tuple[dt.date, dt.date | None]]:
    from dateline.dating import infer_publication_dates

    pairs: list[tuple[dt.date, dt.date | None]] = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for topic, arts in topics.items():
            items = []
            truth = {}
            for i, a in enumerate(arts):
                nid = f"{topic}/{i:06d}"
                truth[nid] = dt.date.fromisoformat(a["published"])
                items.append((nid, a["text"], None if a["id"] in hidden else a["published"]))
            docs = list(pool.map(_process, items, chunksize=32))
            used = [d for d in docs if d.status == "used"]
            found = infer_publication_dates(used)
            for nid, _text, pub in items:
                if pub is None:
                    f = found.get(nid)
                    pairs.append((truth[nid], f.date if f else None))
    return pairs


def score(pairs) -> dict:
    n = len(pairs)
    out = {"n": n, "abstain": sum(1 for _, p in pairs if p is None) / n if n else 0.0}
    for name, tol in (("exact", 0), ("within_1", 1), ("within_3", 3), ("within_7", 7)):
        out[name] = sum(1 for t, p in pairs if p is not None and abs((p - t).days) <= tol) / n if n else 0.0
    errs = sorted(abs((p - t).days) for t, p in pairs if p is not None)
    out["median_abs_error_days"] = errs[len(errs) // 2] if errs else None
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", type=int, default=500)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--topics", help="comma-separated subset of topics")
    ap.add_argument("--skip-undated-corpus", action="store_true", help="only the hidden-sample case")
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "dating.json"))
    args = ap.parse_args(argv)
    if not T17.is_dir():
        print("../shared/data/t17 not found; nothing to measure", file=sys.stderr)
        return 0
    t0 = time.perf_counter()
    topics = load_topics()
    if args.topics:
        keep = set(args.topics.split(","))
        topics = {k: v for k, v in topics.items() if k in keep}
    everything = sorted(a["id"] for arts in topics.values() for a in arts)
    hidden = set(random.Random(args.seed).sample(everything, min(args.sample, len(everything))))
    results = {"machine": machine_info(), "sample": len(hidden), "seed": args.seed}
    rows = []
    t = time.perf_counter()
    results["hidden_sample"] = score(run_case(topics, hidden, args.jobs))
    results["hidden_sample"]["seconds"] = round(time.perf_counter() - t, 1)
    rows.append(("sample hidden, rest dated", results["hidden_sample"]))
    if not args.skip_undated_corpus:
        t = time.perf_counter()
        all_ids = {a["id"] for arts in topics.values() for a in arts}
        results["no_dates"] = score(run_case(topics, all_ids, args.jobs))
        results["no_dates"]["seconds"] = round(time.perf_counter() - t, 1)
        rows.append(("no article dated", results["no_dates"]))
    results["peak_memory_mb"] = peak_memory_mb()
    results["wall_seconds"] = round(time.perf_counter() - t0, 1)
    headers = ["case", "n", "exact", "±1 day", "±3 days", "±7 days", "abstain", "median |err| (d)", "s"]
    table = [
        [name, r["n"], f"{r['exact']:.3f}", f"{r['within_1']:.3f}", f"{r['within_3']:.3f}",
         f"{r['within_7']:.3f}", f"{r['abstain']:.3f}", r["median_abs_error_days"], r["seconds"]]
        for name, r in rows
    ]
    print_table("Publication-date inference on T17", headers, table)
    write_json(args.out, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
