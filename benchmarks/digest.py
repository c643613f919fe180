"""Time the story digest (``dateline.digest.build_digest``) on every Timeline17 topic.

For each topic: ``pipeline.process_inputs`` on its ``articles.jsonl.gz`` (not timed here; see
throughput.py), ``assemble_timeline`` without the digest (date inference, dedup, the timeline
entries), then ``build_digest(kept, entries)`` timed alone: wall and CPU seconds, how much text
NER and the tagger read, what was found, and the top actors and figure groups.  The spaCy model
is loaded once before the first topic (its load time is reported apart).  The machine may be
shared, so the load average is recorded with the results.

    .venv/bin/python benchmarks/digest.py [--topics bpoil,egypt] [--jobs 2] [--no-doc]

Writes benchmarks/results/digest.json and the ``digest`` section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

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

COLUMNS = ["topic", "articles", "NER words", "tagged words", "actors", "claims", "groups",
           "disagreements", "seconds", "CPU s"]


def run_topic(topic: str, jobs: int) -> dict:
    from dateline.digest import build_digest
    from dateline.model import Config
    from dateline.pipeline import assemble_timeline, process_inputs

    docs, rows, _paths = process_inputs([str(T17 / topic / "articles.jsonl.gz")], Config(), jobs=jobs)
    tl = assemble_timeline(docs, rows, Config())  # modifies docs: inferred dates, duplicates
    kept = [d for d in docs if d.status == "used"]
    t0, c0 = time.perf_counter(), time.process_time()
    digest = build_digest(kept, tl.entries)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    st = digest["stats"]
    return {
        "topic": topic,
        "articles": len(kept),
        "seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "stats": st,
        "actors": len(digest["actors"]),
        "figure_groups": len(digest["figures"]),
        "discrepancies": [d["what"] for d in digest["discrepancies"]],
        "top_actors": [{"name": a["name"], "kind": a["kind"], "role": a["role"],
                        "articles": a["articles"]} for a in digest["actors"][:10]],
        "top_figures": [{"label": g["label"], "articles": g["articles"],
                         "values": [c["value"] for c in g["claims"]][:8]}
                        for g in digest["figures"][:6]],
        "load_average": os.getloadavg()[0],
    }


def _rows(out: dict) -> list[list]:
    return [[r["topic"], r["articles"], r["stats"].get("ner_words", 0),
             r["stats"].get("figure_words", 0), r["actors"], r["stats"].get("claims", 0),
             r["figure_groups"], len(r["discrepancies"]), r["seconds"], r["cpu_seconds"]]
            for r in out["topics"]]


def _print(out: dict) -> None:
    print_table("Story digest on T17 (build_digest alone)", COLUMNS, _rows(out))


def doc_section(out: dict) -> str:
    results = out["topics"]
    loads = [r["load_average"] for r in results] or [0.0]
    cpu = sorted(results, key=lambda r: r["articles"])
    md = [
        f"Measured on {machine_line(out['machine'])}; the machine was shared with other jobs "
        f"(1-minute load average {min(loads):.1f}-{max(loads):.1f} on its 2 cores during the "
        "runs), so wall-clock seconds are about twice the CPU seconds.  `build_digest` alone, "
        "after `process_inputs` and `assemble_timeline`; the spaCy model is loaded once per "
        f"process ({out['model_load_seconds']:.1f} s, not included).  NER reads at most 20,000 "
        "words and the tagger at most 16,000 per corpus (docs/digest.md); what grows with the "
        "corpus is the regex matching of names and numbers over every sentence"
        + (f" (CPU {cpu[0]['cpu_seconds']:.1f} s for {cpu[0]['articles']} articles, "
           f"{cpu[-1]['cpu_seconds']:.1f} s for {cpu[-1]['articles']})" if cpu else "") + ".",
        "",
        markdown_table(COLUMNS, _rows(out)),
    ]
    if results:
        top = results[0]
        md += ["", f"Top actors of `{top['topic']}`: "
               + ", ".join(f"{a['name']} ({a['articles']})" for a in top["top_actors"][:8]) + ".",
               "", f"Top figure groups of `{top['topic']}`: "
               + "; ".join(f"{g['label']} ({', '.join(g['values'][:5])})"
                           for g in top["top_figures"][:4]) + "."]
    return "\n".join(md)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--topics", help="comma-separated topics (default: all)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes for process_inputs")
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "digest.json"))
    ap.add_argument("--no-doc", action="store_true", help="do not update docs/benchmarks.md")
    ap.add_argument("--doc-only", action="store_true",
                    help="rewrite the docs section from the results file, without running")
    args = ap.parse_args(argv)
    if args.doc_only:
        out = json.loads(Path(args.out).read_text(encoding="utf-8"))
        _print(out)
        update_doc_section(DOC, "digest", doc_section(out))
        return 0
    if not T17.is_dir():
        print(f"no T17 data at {T17}", file=sys.stderr)
        return 1
    topics = args.topics.split(",") if args.topics else sorted(
        p.name for p in T17.iterdir() if (p / "articles.jsonl.gz").is_file())

    from dateline.digest import _nlp

    t0 = time.perf_counter()
    _nlp()
    load = time.perf_counter() - t0
    results = []
    for topic in topics:
        r = run_topic(topic, args.jobs)
        print(f"{topic}: {r['seconds']} s", file=sys.stderr, flush=True)
        results.append(r)
    out = {"machine": machine_info(), "model_load_seconds": round(load, 2), "topics": results}
    _print(out)
    write_json(args.out, out)
    if not args.no_doc:
        update_doc_section(DOC, "digest", doc_section(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
