"""Time the story digest (``dateline.digest.build_digest``) on every Timeline17 topic, and its
share of the build.

For each topic: ``pipeline.process_inputs`` on its ``articles.jsonl.gz`` and ``assemble_timeline``
without the digest (date inference, dedup, the timeline entries), both timed: the timeline's
cost.  Then ``build_digest(kept, entries)`` timed alone, as a build runs it (the figures' tagging
in a second process, ``parallel=True``) and, side by side in the same run, all in one process
(``parallel=False``): wall and CPU seconds, how much text NER and the tagger read, what was
found, and the top actors and figure groups.  The share is digest / (timeline + digest), wall
clock, with the parallel digest.  The spaCy model is loaded once before the first topic (its load
time is reported apart; a build pays it once).  The machine may be shared, so the load average
is recorded with the results.

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
           "disagreements", "timeline s", "digest s", "in one process s", "CPU s", "share %"]


def run_topic(topic: str, jobs: int) -> dict:
    from dateline.digest import build_digest
    from dateline.model import Config
    from dateline.pipeline import assemble_timeline, process_inputs

    t0 = time.perf_counter()
    docs, rows, _paths = process_inputs([str(T17 / topic / "articles.jsonl.gz")], Config(), jobs=jobs)
    tl = assemble_timeline(docs, rows, Config())  # modifies docs: inferred dates, duplicates
    timeline = time.perf_counter() - t0
    kept = [d for d in docs if d.status == "used"]
    t0, c0 = time.perf_counter(), time.process_time()
    serial = build_digest(kept, tl.entries, parallel=False)
    in_one, cpu = time.perf_counter() - t0, time.process_time() - c0
    t0 = time.perf_counter()
    digest = build_digest(kept, tl.entries, parallel=jobs > 1)
    wall = time.perf_counter() - t0
    if json.dumps(serial, sort_keys=True) != json.dumps(digest, sort_keys=True):
        raise SystemExit(f"{topic}: the digest differs between one process and two")
    st = digest["stats"]
    return {
        "topic": topic,
        "articles": len(kept),
        "timeline_seconds": round(timeline, 2),
        "seconds": round(wall, 2),
        "one_process_seconds": round(in_one, 2),
        "cpu_seconds": round(cpu, 2),
        "share": round(wall / (timeline + wall), 4),
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
             r["figure_groups"], len(r["discrepancies"]), r.get("timeline_seconds", ""), r["seconds"],
             r.get("one_process_seconds", ""), r["cpu_seconds"],
             f"{100 * r['share']:.0f}" if "share" in r else ""]
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
        "runs).  *timeline s*: `process_inputs` and `assemble_timeline` without the digest; "
        "*digest s*: `build_digest` as a build runs it (the figures tagged in a second process "
        "while the actors are found); *in one process s*: the same digest with "
        "`parallel=False`, side by side in the same run (the two digests are checked to be "
        "identical); *CPU s*: the CPU seconds of the one-process digest; *share*: digest / "
        "(timeline + digest).  The spaCy model is loaded once per "
        f"process ({out['model_load_seconds']:.1f} s, not included).  NER reads at most 20,000 "
        "words and the tagger at most 16,000 per corpus (docs/digest.md); what grows with the "
        "corpus is the regex matching of names and numbers over every sentence"
        + (f" (CPU {cpu[0]['cpu_seconds']:.1f} s for {cpu[0]['articles']} articles, "
           f"{cpu[-1]['cpu_seconds']:.1f} s for {cpu[-1]['articles']})" if cpu else "") + ".",
        "",
        markdown_table(COLUMNS, _rows(out)),
    ]
    shares = [r for r in results if "share" in r]
    if shares:
        met = [r["topic"] for r in shares if r["share"] <= 0.25]
        one = sum(r["one_process_seconds"] for r in shares)
        two = sum(r["seconds"] for r in shares)
        md += ["", "Target (#15): the digest at most 25% of the build on every topic: "
               + ("**met**" if len(met) == len(shares) else
                  f"**not met** (met on {len(met)} of {len(shares)} topics; shares "
                  f"{min(r['share'] for r in shares):.0%}-{max(r['share'] for r in shares):.0%})")
               + f".  The second process cuts the digest's wall time by {1 - two / one:.0%} "
               f"({one:.1f} s in one process, {two:.1f} s in two, over all topics)."]
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
