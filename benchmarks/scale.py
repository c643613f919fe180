"""Scale: ingest, store, search and build on a large corpus made from the T17 articles.

The T17 articles (../shared/data/t17/*/articles.jsonl.gz, 4,624 of them) are repeated with
distinct ids and a light perturbation (a few words replaced, two body sentences swapped) up to
the largest size, written as .jsonl.gz shards in a temporary folder, one folder per step.  The
store grows step by step, as a store fed a crawl every day does: the first step ingests the
first SIZE_1 documents, the next adds the documents up to SIZE_2, and so on; each step runs as
``dateline ingest`` would, in a fresh process (so its peak memory is its own), and reports
articles/second over the documents it added (flat = linear cost), the store size, and the peak
memory.  Then:

* re-ingesting the first step's folder (nothing to do: hashes only),
* search latency (p50/p95/max over ``--queries`` queries: topic words, title words, pairs,
  prefixes, with and without a date window) on the full store,
* the time to build one timeline from the store (``dateline build --store --query``),
* the same ingest as the second step's size on a local Dask cluster (2 worker processes).

    .venv/bin/python benchmarks/scale.py [--sizes 1000,10000,100000] [--quick] [--jobs 2]
                                         [--dask-size N] [--queries 200] [--no-doc] [--keep DIR]

``--quick`` = ``--sizes 1000,5000`` (what ``make bench`` runs: about 3 minutes on 2 cores;
results in benchmarks/results/scale.json and the ``scale-quick`` section of docs/benchmarks.md).
Otherwise: benchmarks/results/scale-full.json and the ``scale`` section.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from common import (  # noqa: E402
    DOC,
    T17,
    machine_info,
    machine_line,
    markdown_table,
    print_table,
    update_doc_section,
    write_json,
)

SHARD = 5000
BUILD_QUERY = "Haiti earthquake"
_WORD = re.compile(r"[A-Za-z]{4,}")


# --------------------------------------------------------------------------------------------
# corpus
# --------------------------------------------------------------------------------------------


def load_t17() -> list[dict[str, Any]]:
    out = []
    for d in sorted(p for p in T17.iterdir() if p.is_dir()):
        with gzip.open(d / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
            out.extend(json.loads(line) for line in fh)
    return out


def perturb(a: dict[str, Any], rep: int, vocab: list[str]) -> dict[str, Any]:
    """Copy ``rep`` (> 0) of an article: another id, a few words replaced, two body sentences
    swapped.  Deterministic."""
    rng = random.Random(f"{a['id']}/{rep}")
    lines = a["text"].split("\n")
    if len(lines) > 4:
        i = rng.randrange(2, len(lines) - 1)
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    text = "\n".join(lines)
    words = list(_WORD.finditer(text))
    for m in sorted(rng.sample(words, min(3, len(words))), key=lambda m: -m.start()):
        text = text[:m.start()] + rng.choice(vocab) + text[m.end():]
    return {**a, "id": f"r{rep}/{a['id']}", "text": text}


def corpus(articles: list[dict[str, Any]], n: int) -> Iterator[dict[str, Any]]:
    vocab = sorted({w.lower() for a in articles[:300] for w in _WORD.findall(a["text"])})
    for k in range(n):
        rep, i = divmod(k, len(articles))
        yield articles[i] if rep == 0 else perturb(articles[i], rep, vocab)


def write_steps(root: Path, sizes: list[int]) -> list[Path]:
    """Folders step-1 .. step-K: step k holds documents sizes[k-1] .. sizes[k] (shards)."""
    articles = load_t17()
    docs = corpus(articles, max(sizes))
    dirs = []
    prev = 0
    for k, size in enumerate(sizes, 1):
        d = root / f"step-{k}"
        d.mkdir(parents=True, exist_ok=True)
        left = size - prev
        shard = 0
        while left > 0:
            take = min(SHARD, left)
            with gzip.open(d / f"part-{shard:04d}.jsonl.gz", "wt", encoding="utf-8",
                           compresslevel=1) as fh:
                for _ in range(take):
                    fh.write(json.dumps(next(docs), ensure_ascii=False) + "\n")
            left -= take
            shard += 1
        dirs.append(d)
        prev = size
    return dirs


# --------------------------------------------------------------------------------------------
# child processes (fresh process per measurement: its own peak memory)
# --------------------------------------------------------------------------------------------


def _peak_mb() -> float:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, kids) / 1024, 1)


def child_ingest(db: str, paths: list[str], jobs: int, dask_workers: int) -> dict[str, Any]:
    from dateline.store import Store

    cluster = client = None
    t_cluster = 0.0
    if dask_workers:
        from distributed import Client, LocalCluster

        t0 = time.perf_counter()
        cluster = LocalCluster(n_workers=dask_workers, processes=True, threads_per_worker=1,
                               host="127.0.0.1", dashboard_address=None)
        client = Client(cluster, set_as_default=False)
        from dateline.runtime.dask import prepare

        prepare(client)
        t_cluster = time.perf_counter() - t0
    try:
        with Store.open(db) as st:
            s = st.ingest(paths, jobs=jobs, client=client)
    finally:
        if client is not None:
            client.close()
            cluster.close()
    return {"seconds": round(s.seconds, 2), "new": s.new, "changed": s.changed,
            "unchanged": s.unchanged, "failed": s.failed, "processed": s.processed,
            "documents": s.documents, "peak_memory_mb": _peak_mb(),
            "cluster_start_seconds": round(t_cluster, 2)}


_ENV: dict[str, str] = {}


def snapshot_code(work: Path) -> None:
    """Run every measurement on a copy of src/dateline taken now, so that edits to the working
    tree during a long run do not change the pipeline (and its version) half-way."""
    dst = work / "src"
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(REPO / "src" / "dateline", dst / "dateline",
                    ignore=shutil.ignore_patterns("__pycache__"))
    _ENV["PYTHONPATH"] = os.pathsep.join([str(dst), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)


def run_child(args: list[str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True,
                         text=True, env={**os.environ, **_ENV})
    return json.loads(out.stdout.strip().splitlines()[-1])


def store_mb(db: Path) -> float:
    total = sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())
    return round(total / 1e6, 1)


# --------------------------------------------------------------------------------------------
# search and build
# --------------------------------------------------------------------------------------------


def make_queries(n: int, seed: int = 3) -> list[tuple[str, dt.date | None, dt.date | None]]:
    topics = json.loads((T17 / "topics.json").read_text())
    words = sorted({k for t in topics.values() if isinstance(t, dict) for k in t["keywords"]})
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    rng = random.Random(seed)
    titles: list[str] = []  # content words of article leads: what a reader would look for
    for a in load_t17()[::7]:
        titles.extend(w.lower() for w in _WORD.findall(a["text"].split("\n")[0]))
    titles = sorted({w for w in titles if w not in ENGLISH_STOP_WORDS})
    out = []
    for i in range(n):
        kind = i % 5
        if kind == 0:
            q = rng.choice(words)
        elif kind == 1:
            q = rng.choice(titles)
        elif kind == 2:
            q = f"{rng.choice(words)} {rng.choice(titles)}"
        elif kind == 3:
            q = rng.choice([w for w in titles if len(w) >= 6])[:5] + "*"
        else:
            q = f"{rng.choice(titles)} {rng.choice(titles)}"
        window = (None, None)
        if i % 4 == 3:
            y = rng.choice([2009, 2010, 2011, 2012])
            window = (dt.date(y, 1, 1), dt.date(y, 12, 31))
        out.append((q, *window))
    return out


def measure_search(db: Path, n: int) -> dict[str, Any]:
    from dateline.store import Store

    queries = make_queries(n)
    with Store.open(db) as st:
        for q, a, b in queries[:10]:  # warm the page cache
            st.search(q, start=a, end=b)
        times = []
        hits = []
        for q, a, b in queries:
            t0 = time.perf_counter()
            res = st.search(q, start=a, end=b, limit=20)
            times.append((time.perf_counter() - t0) * 1000)
            hits.append(len(res))
    times.sort()
    return {"queries": len(times), "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
            "max_ms": round(times[-1], 2), "mean_hits": round(sum(hits) / len(hits), 1),
            "examples": [q for q, _a, _b in queries[:6]]}


def child_build(db: str, query: str) -> dict[str, Any]:
    from dateline.store import store_build_timeline

    t0 = time.perf_counter()
    tl = store_build_timeline(db, query=query)
    secs = time.perf_counter() - t0
    return {"query": query, "seconds": round(secs, 2), "documents": tl.stats["inputs"],
            "used": tl.stats["used"], "duplicates": tl.stats["duplicates"],
            "dates": len(tl.entries), "timings": tl.timings, "peak_memory_mb": _peak_mb()}


def child_filebuild(paths: list[str], jobs: int) -> dict[str, Any]:
    """A build from the same files the first ingest step read: its per-document throughput
    (the process stage, which is what an ingest does per document) and its whole time."""
    from dateline.pipeline import build_timeline

    t0 = time.perf_counter()
    tl = build_timeline(paths, jobs=jobs, digest=False)
    secs = time.perf_counter() - t0
    process = tl.timings.get("process") or secs
    n = tl.stats["inputs"]
    return {"documents": n, "seconds": round(secs, 2), "process_seconds": round(process, 2),
            "process_per_second": round(n / max(process, 1e-9), 1),
            "whole_per_second": round(n / max(secs, 1e-9), 1)}


# --------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------


def markdown(data: dict[str, Any]) -> str:
    steps = data["steps"]
    rows = [[f"{s['store_documents']:,}", f"{s['added']:,}", f"{s['seconds']:.1f}",
             f"{s['articles_per_second']:.1f}", f"{s['store_mb']:,.0f}",
             f"{s['store_kb_per_doc']:.1f}", f"{s['peak_memory_mb']:.0f}"] for s in steps]
    lines = [
        f"Measured {data['date']} with `{data['command']}` ({data['total_seconds']:.0f} s in "
        f"total, corpus generation included). Machine: {machine_line(data.get('machine'))}; "
        f"load average (other processes included) {data['load_average']['start'][1]} at the "
        f"start, {data['load_average']['end'][1]} at the end.",
        "",
        f"Corpus: the {data['t17_articles']:,} T17 articles repeated with distinct ids and a "
        "light perturbation (three words replaced, two body sentences swapped) in .jsonl.gz "
        "shards. The store grows step by step (each step adds the documents up to its size, "
        f"`dateline ingest -j {data['jobs']}` in a fresh process); articles/s is over the "
        "documents a step added, peak memory is the largest process of that step.",
        "",
        markdown_table(["store documents", "added", "seconds", "articles/s", "store MB",
                        "KB/doc", "peak MB"], rows),
        "",
    ]
    sb = data.get("side_by_side")
    if sb:
        lines.append(f"Side by side on the first step's {sb['documents']:,} documents (same files, "
                     f"same `-j`, one run): `ingest` {sb['ingest_per_second']:.1f} articles/s; a "
                     f"`build` of the same files {sb['build_process_per_second']:.1f}/s in its "
                     f"per-document stage ({sb['build_whole_per_second']:.1f}/s for the whole "
                     f"build, digest off): the build's per-document stage is "
                     f"**{sb['ratio_build_process_to_ingest']:.2f}x** the ingest (target: within "
                     "1.5x).")
        lines.append("")
    r = data["reingest"]
    lines.append(f"Re-ingesting the first step unchanged: {r['unchanged']:,} documents checked "
                 f"in {r['seconds']:.1f} s ({r['per_second']:,.0f}/s), none processed.")
    s = data["search"]
    lines.append(f"Search on {data['steps'][-1]['store_documents']:,} documents "
                 f"({s['queries']} queries, BM25, 20 results with snippets, a quarter with a "
                 f"date window): p50 {s['p50_ms']:.1f} ms, p95 {s['p95_ms']:.1f} ms, max "
                 f"{s['max_ms']:.1f} ms (target p95 < 50 ms).")
    b = data["build"]
    digest = b.get("timings", {}).get("digest")
    lines.append(f"Timeline from the store for `--query \"{b['query']}\"`: {b['documents']:,} "
                 f"matching documents loaded and assembled in {b['seconds']:.1f} s "
                 + (f"(story digest included: {digest:.1f} s) " if digest else "")
                 + f"({b['duplicates']:,} near-duplicates, {b['dates']} dates; peak "
                 f"{b['peak_memory_mb']:.0f} MB; target < 10 s).")
    d = data.get("dask")
    if d:
        lines.append(f"The same ingest of {d['documents']:,} documents on a local Dask cluster "
                     f"({d['workers']} worker processes, 1 thread each, on this machine): "
                     f"{d['seconds']:.1f} s = {d['articles_per_second']:.1f} articles/s "
                     f"(local worker processes: {d['local_articles_per_second']:.1f}/s; "
                     f"cluster start {d['cluster_start_seconds']:.1f} s, not counted); "
                     f"store content identical: {d['identical']}.")
    r = data.get("rerun")  # measured back to back after the run, at a lower machine load
    if r:
        lines.append(
            f"Measured again back to back after the run (load average {r['load_start'][0]:.1f}): "
            f"10,000 documents into a fresh store with local worker processes "
            f"{r['local']['seconds']:.1f} s ({10000 / r['local']['seconds']:.0f}/s), on the "
            f"local Dask cluster {r['dask']['seconds']:.1f} s ({10000 / r['dask']['seconds']:.0f}/s), "
            f"stores identical: {r['identical']}; the same timeline without the story digest "
            f"(`--no-digest`): {r['build_no_digest']['seconds']:.1f} s (load "
            f"{r['build_no_digest']['timings']['load']:.1f} s, near-duplicates "
            f"{r['build_no_digest']['timings']['dedup']:.1f} s, summaries "
            f"{r['build_no_digest']['timings']['summarize']:.1f} s).")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--quick", action="store_true", help="sizes 1000,5000")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--dask-size", type=int, help="documents for the Dask run (default: 2nd size)")
    ap.add_argument("--dask-workers", type=int, default=2)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--keep", metavar="DIR", help="work in DIR and keep corpus and store")
    ap.add_argument("--no-doc", action="store_true")
    ap.add_argument("--out", help="results JSON (default: benchmarks/results/scale.json with "
                    "--quick, scale-full.json otherwise)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--paths", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child == "ingest":
        print(json.dumps(child_ingest(args.db, args.paths.split(os.pathsep), args.jobs,
                                      args.dask_workers)))
        return 0
    if args.child == "search":
        print(json.dumps(measure_search(Path(args.db), args.queries)))
        return 0
    if args.child == "build":
        print(json.dumps(child_build(args.db, BUILD_QUERY)))
        return 0
    if args.child == "filebuild":
        print(json.dumps(child_filebuild(args.paths.split(os.pathsep), args.jobs)))
        return 0
    if not T17.is_dir():
        print("../shared/data/t17 not found; nothing to measure", file=sys.stderr)
        return 0
    sizes = [1000, 5000] if args.quick else sorted(int(x) for x in args.sizes.split(","))
    t_all = time.perf_counter()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="dateline-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    try:
        snapshot_code(work)
        t0 = time.perf_counter()
        dirs = write_steps(work / "corpus", sizes)
        print(f"corpus: {max(sizes):,} documents in {time.perf_counter() - t0:.0f} s", flush=True)
        db = work / "store.db"
        for p in work.glob("*.db*"):
            p.unlink()
        steps = []
        prev = 0
        for size, d in zip(sizes, dirs, strict=True):
            r = run_child(["--child", "ingest", "--db", str(db), "--paths", str(d),
                           "--jobs", str(args.jobs), "--dask-workers", "0"])
            mb = store_mb(db)
            step = {"store_documents": r["documents"], "added": r["new"], "seconds": r["seconds"],
                    "articles_per_second": round(r["new"] / r["seconds"], 1),
                    "store_mb": mb, "store_kb_per_doc": round(mb * 1000 / r["documents"], 1),
                    "peak_memory_mb": r["peak_memory_mb"], "failed": r["failed"]}
            steps.append(step)
            print(f"step to {size:,}: {step}", flush=True)
            assert r["documents"] == size and r["new"] == size - prev, r
            prev = size
        # side by side: a build from the files of the first step, right after it was ingested
        fb = run_child(["--child", "filebuild", "--paths", str(dirs[0]), "--jobs", str(args.jobs)])
        side = {"documents": fb["documents"], "ingest_per_second": steps[0]["articles_per_second"],
                "build_process_per_second": fb["process_per_second"],
                "build_whole_per_second": fb["whole_per_second"],
                "ratio_build_process_to_ingest": round(fb["process_per_second"]
                                                       / max(steps[0]["articles_per_second"], 1e-9), 2)}
        print(f"side by side: {side}", flush=True)
        r = run_child(["--child", "ingest", "--db", str(db), "--paths", str(dirs[0]),
                       "--jobs", str(args.jobs), "--dask-workers", "0"])
        reingest = {"unchanged": r["unchanged"], "seconds": r["seconds"],
                    "per_second": round(r["unchanged"] / max(r["seconds"], 1e-9), 1),
                    "processed": r["processed"]}
        print(f"re-ingest: {reingest}", flush=True)
        search = run_child(["--child", "search", "--db", str(db), "--queries", str(args.queries)])
        print(f"search: {search}", flush=True)
        build = run_child(["--child", "build", "--db", str(db)])
        print(f"build: {build}", flush=True)
        dask = None
        dask_size = args.dask_size or (sizes[1] if len(sizes) > 1 else sizes[0])
        if args.dask_workers:
            try:
                import distributed  # noqa: F401
            except ImportError:
                print("dask.distributed not installed: no Dask run", file=sys.stderr)
            else:
                dask = run_dask(work, dirs, sizes, dask_size, args.dask_workers, steps)
                print(f"dask: {dask}", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    total = time.perf_counter() - t_all
    cmd = ".venv/bin/python benchmarks/scale.py " + ("--quick" if args.quick else f"--sizes {','.join(map(str, sizes))}")
    data = {"date": dt.date.today().isoformat(), "command": cmd, "machine": machine_info(),
            "sizes": sizes, "jobs": args.jobs, "t17_articles": len(load_t17()), "steps": steps,
            "reingest": reingest, "search": search, "build": build, "dask": dask,
            "side_by_side": side,
            "total_seconds": round(total, 1),
            # other processes on the machine (load average, 1/5/15 min) when the run started/ended
            "load_average": {"start": [round(x, 1) for x in load_before],
                             "end": [round(x, 1) for x in os.getloadavg()]}}
    print_table("dateline store at scale (ingest grows the store step by step)",
                ["store docs", "added", "seconds", "articles/s", "store MB", "KB/doc", "peak MB"],
                [[s["store_documents"], s["added"], s["seconds"], s["articles_per_second"],
                  s["store_mb"], s["store_kb_per_doc"], s["peak_memory_mb"]] for s in steps])
    print_table("search, build, Dask", ["measure", "value"], [
        ["re-ingest unchanged (docs/s)", reingest["per_second"]],
        ["search p50 (ms)", search["p50_ms"]], ["search p95 (ms)", search["p95_ms"]],
        ["search max (ms)", search["max_ms"]],
        [f"build --query {BUILD_QUERY!r} (s)", build["seconds"]],
        ["build: documents loaded", build["documents"]],
        ["Dask ingest (articles/s)", dask["articles_per_second"] if dask else None],
        ["local ingest, same docs (articles/s)", dask["local_articles_per_second"] if dask else None],
        ["total (s)", round(total, 1)],
    ])
    # make bench (--quick) and the full run keep their own results and doc sections
    name = "scale" if args.quick else "scale-full"
    write_json(args.out or REPO / "benchmarks" / "results" / f"{name}.json", data)
    if not args.no_doc:
        update_doc_section(DOC, "scale-quick" if args.quick else "scale", markdown(data))
    return 0


def run_dask(work: Path, dirs: list[Path], sizes: list[int], n: int, workers: int,
             steps: list[dict[str, Any]]) -> dict[str, Any]:
    """Ingest the first ``n`` documents (whole steps) into a fresh store on a local Dask
    cluster, and compare the store with the local one's documents."""
    upto = next((k for k, s in enumerate(sizes) if s >= n), len(sizes) - 1)
    paths = [str(d) for d in dirs[:upto + 1]]
    db = work / "dask.db"
    r = run_child(["--child", "ingest", "--db", str(db), "--paths", os.pathsep.join(paths),
                   "--jobs", "1", "--dask-workers", str(workers)])
    local_secs = sum(s["seconds"] for s in steps[:upto + 1])
    local_n = sum(s["added"] for s in steps[:upto + 1])
    identical = compare_stores(work / "store.db", db)
    return {"documents": r["documents"], "workers": workers, "seconds": r["seconds"],
            "articles_per_second": round(r["new"] / r["seconds"], 1),
            "local_articles_per_second": round(local_n / local_secs, 1),
            "cluster_start_seconds": r["cluster_start_seconds"],
            "peak_memory_mb": r["peak_memory_mb"], "identical": identical}


def compare_stores(big: Path, small: Path) -> bool:
    """Every document of ``small`` is in ``big`` with the same content (hash and sentences)."""
    import sqlite3

    c = sqlite3.connect(small)
    c.execute("ATTACH DATABASE ? AS big", (str(big),))
    diff = c.execute(
        "SELECT count(*) FROM documents s LEFT JOIN big.documents b ON b.id = s.id "
        "WHERE b.id IS NULL OR b.text != s.text OR b.title IS NOT s.title "
        "OR b.n_sentences != s.n_sentences OR b.published IS NOT s.published").fetchone()[0]
    sdiff = c.execute(
        "SELECT count(*) FROM (SELECT d.id, s.idx, s.text, s.mentions FROM sentences s "
        "JOIN documents d ON d.doc = s.doc EXCEPT SELECT d.id, s.idx, s.text, s.mentions "
        "FROM big.sentences s JOIN big.documents d ON d.doc = s.doc)").fetchone()[0]
    c.close()
    return diff == 0 and sdiff == 0


if __name__ == "__main__":
    sys.exit(main())
