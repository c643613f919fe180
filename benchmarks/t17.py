"""dateline on Timeline17 (T17), scored the way news-tls scores it.

For each of the 19 gold timelines of the 9 T17 topics (../shared/data/t17), dateline builds a
timeline from the topic's raw article files with the news-tls setup (Gholipour Ghalandari &
Ifrim, ACL 2020, ``experiments/evaluate.py``):

* articles published outside [first gold date, last gold date] are dropped (the publication date
  is the article's date folder, as in the original T17 ``InputDocs/YYYY-MM-DD/`` layout);
* number of dates L = number of dates in the gold timeline; sentences per date K = round(mean
  sentences per gold date); window = first..last gold date (no truncation of the gold timeline,
  news-tls truncates only for the Entities data set);
* the topic's ``query``/``keywords`` from topics.json are passed as a user would type them.
  Nothing else from the gold reaches dateline.

The articles are written as files (``<source>/<YYYY-MM-DD>/<file>.txt``, the raw PTB-tokenized
text unchanged) into a temporary folder per timeline, and ``dateline.build_timeline`` reads that
folder, so the real ingest, cleaning and dating code runs.  Each prediction is scored against its
gold timeline with ``dateline.evaluate`` (tilse reimpl ROUGE, align+ m:1 = AR1/AR2) and the
results are macro-averaged as news-tls does (mean P and mean R over timelines, F1 from those).

``--baseline lead`` scores a trivial system instead (no dateline code): the L days with most
articles published in the window, each summarised by the lead sentences (first lines of at
least 6 tokens) of that day's articles, K per date.  The lead baseline is also run (quickly)
alongside dateline so that every report has its sanity floor.

    .venv/bin/python benchmarks/t17.py [--topics h1n1,egypt] [--jobs 2] [--baseline lead]
                                       [--out benchmarks/results/t17.json] [--no-doc]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import shlex
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "src"))

from common import (  # noqa: E402
    DOC,
    machine_info,
    machine_line,
    markdown_table,
    peak_memory_mb,
    print_table,
    update_doc_section,
    write_json,
)

from dateline.evaluate import evaluate, headline, macro_average  # noqa: E402

T17 = REPO.parent / "shared" / "data" / "t17"

# Published results on T17 (Gholipour Ghalandari & Ifrim 2020, "Examining the State-of-the-Art in
# News Timeline Summarization", ACL 2020) and the re-run on this copy of T17, as listed in
# ../shared/data/t17/README.md.  news-tls' experiments/evaluate.py builds its evaluator as
# TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"]), i.e. tilse's default
# rouge_computation="original" (Perl ROUGE-1.5.5): the published rows are Perl ROUGE numbers.
REFERENCES = [
    {"method": "news-tls DATEWISE, published (ACL 2020)", "AR1-F": 0.120, "AR2-F": 0.035,
     "Date-F1": 0.544, "rouge": "Perl ROUGE-1.5.5"},
    {"method": "news-tls CLUST, published (ACL 2020)", "AR1-F": 0.082, "AR2-F": 0.020,
     "Date-F1": 0.407, "rouge": "Perl ROUGE-1.5.5"},
    {"method": "news-tls DATEWISE, re-run on this T17 copy (t17 README)", "AR1-F": 0.114,
     "AR2-F": 0.032, "Date-F1": 0.539, "rouge": "tilse reimpl"},
    {"method": "news-tls CLUST, re-run on this T17 copy (t17 README)", "AR1-F": 0.078,
     "AR2-F": 0.019, "Date-F1": 0.421, "rouge": "tilse reimpl"},
]

METRIC_COLS = ["AR1-F", "AR2-F", "concat R1-F", "concat R2-F", "agree R1-F", "agree R2-F", "Date-F1"]


# --------------------------------------------------------------------------- data

def load_topics_json() -> dict[str, dict[str, Any]]:
    data = json.loads((T17 / "topics.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def topic_names() -> list[str]:
    return sorted(p.name for p in T17.iterdir() if p.is_dir() and (p / "timelines.jsonl").exists())


def load_articles(topic: str) -> list[dict[str, Any]]:
    with gzip.open(T17 / topic / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def load_gold(topic: str) -> list[tuple[str, dict[dt.date, list[str]]]]:
    out = []
    for line in (T17 / topic / "timelines.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        tl: dict[dt.date, list[str]] = {}
        for item in row["timeline"]:
            tl.setdefault(dt.date.fromisoformat(item["date"]), []).extend(item["sentences"])
        out.append((row["id"], tl))
    return out


def setup_for(gold: dict[dt.date, list[str]]) -> dict[str, Any]:
    """news-tls: L = gold dates, K = round(mean sentences per gold date), window = gold span."""
    dates = sorted(gold)
    k = round(sum(len(s) for s in gold.values()) / len(gold))
    return {"L": len(dates), "K": max(1, k), "start": dates[0], "end": dates[-1]}


def in_window(articles: list[dict[str, Any]], start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    return [a for a in articles if start <= dt.date.fromisoformat(a["published"]) <= end]


def write_files(articles: list[dict[str, Any]], dest: Path) -> int:
    """The articles as raw files ``<source>/<YYYY-MM-DD>/<file>.txt`` (T17's original layout)."""
    for a in articles:
        rel = a["id"] if a["id"].endswith(".txt") else a["id"] + ".txt"
        p = dest / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(a["text"], encoding="utf-8")
    return len(articles)


# --------------------------------------------------------------------------- systems

def git_state() -> dict[str, Any]:
    """The commit the run measured, and whether the source tree had uncommitted changes."""
    import subprocess

    def git(*a: str) -> str:
        try:
            return subprocess.run(["git", *a], cwd=REPO, capture_output=True, text=True,
                                  timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    return {"commit": git("rev-parse", "--short", "HEAD") or None,
            "src_modified": bool(git("status", "--porcelain", "--", "src"))}


def run_dateline(folder: Path, setup: dict[str, Any], topic_info: dict[str, Any], jobs: int):
    from dateline import build_timeline

    tl = build_timeline(
        [str(folder)],
        title=f"T17 {folder.name}",
        max_dates=setup["L"],
        sentences_per_date=setup["K"],
        start=setup["start"],
        end=setup["end"],
        query=topic_info.get("query"),
        keywords=tuple(topic_info.get("keywords", ())),
        jobs=jobs,
    )
    pred: dict[dt.date, list[str]] = {}
    for e in tl.entries:
        pred.setdefault(e.date, []).extend(c.text for c in e.summary)
    return pred, {"stats": tl.stats, "timings": tl.timings,
                  "granularities": dict(Counter(e.granularity for e in tl.entries))}


def _lead_sentences(text: str) -> list[str]:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return [s for s in lines if len(s.split()) >= 6]


def run_lead(articles: list[dict[str, Any]], setup: dict[str, Any]) -> dict[dt.date, list[str]]:
    """The L busiest publication days; per day the lead sentences of its articles, K of them."""
    by_day: dict[dt.date, list[dict[str, Any]]] = defaultdict(list)
    for a in articles:
        by_day[dt.date.fromisoformat(a["published"])].append(a)
    days = sorted(by_day, key=lambda d: (-len(by_day[d]), d))[: setup["L"]]
    pred: dict[dt.date, list[str]] = {}
    for d in sorted(days):
        leads = [_lead_sentences(a["text"]) for a in by_day[d]]
        chosen: list[str] = []
        depth = 0
        while len(chosen) < setup["K"] and any(depth < len(x) for x in leads):
            for x in leads:
                if depth < len(x) and x[depth] not in chosen and len(chosen) < setup["K"]:
                    chosen.append(x[depth])
            depth += 1
        pred[d] = chosen
    return pred


# --------------------------------------------------------------------------- reporting

def _row(topic: str, r: dict[str, Any]) -> list[Any]:
    h = r["headline"]
    name = r["timeline"].removesuffix(".txt")
    if len(name) > 36:
        name = name[:35] + "\u2026"
    return [topic, name, r["articles"], r["L"], r["K"], r["pred_dates"],
            *[h[c] for c in METRIC_COLS], f"{r['seconds']:.1f}"]


COLUMNS = ["topic", "gold timeline", "articles", "L", "K", "dates out", *METRIC_COLS, "s"]


def _avg_row(label: str, avg: dict[str, Any]) -> list[Any]:
    h = headline(avg)
    return [label, f"{avg['n']} timelines", None, None, None, None, *[h[c] for c in METRIC_COLS], None]


def doc_markdown(report: dict[str, Any]) -> str:
    sysname = report["system"]
    rows = [_row(r["topic"], r) for r in report["timelines"]]
    rows.append(_avg_row("**macro-average**", report["macro_average"]))
    if "lead_macro_average" in report:
        rows.append(_avg_row("lead baseline", report["lead_macro_average"]))
    ref_rows = [[x["method"], x["AR1-F"], x["AR2-F"], x["Date-F1"], x["rouge"]] for x in REFERENCES]
    ours = headline(report["macro_average"])
    ref_rows.insert(0, [f"**dateline {report['dateline_version']}** (this run)", ours["AR1-F"],
                        ours["AR2-F"], ours["Date-F1"], "tilse reimpl"])
    if "lead_macro_average" in report:
        lead = headline(report["lead_macro_average"])
        ref_rows.insert(1, ["lead baseline (this run)", lead["AR1-F"], lead["AR2-F"],
                            lead["Date-F1"], "tilse reimpl"])
    topic_rows = [[t, v["timelines"], v["articles_read"], f"{v['seconds']:.1f}",
                   f"{v['articles_per_second'] or 0:.1f}"] for t, v in report["topics"].items()]
    errors = [r for r in report["timelines"] if r.get("error")]
    g = report.get("git") or {}
    code = f"commit {g.get('commit')}" + (" plus uncommitted changes in src/" if g.get("src_modified") else "")
    parts = [
        f"Measured {report['date']} on {code} with `{report['command']}` "
        f"({sysname}; {report['total_seconds']:.0f} s wall in total, "
        f"{report['articles_per_second']:.1f} articles/s through `build_timeline`, "
        f"peak memory {report['peak_memory_mb']:.0f} MB).",
        "",
        f"Machine: {machine_line(report['machine'])}.",
        "",
        "Setup (news-tls protocol): per gold timeline, articles published outside its first..last "
        "date dropped; L = gold dates, K = round(mean sentences per gold date); the topic's "
        "`query`/`keywords` from topics.json; raw article files through `build_timeline`. "
        "Scores: `dateline.evaluate` (tilse 0.2.1, `rouge_computation=\"reimpl\"`, both sides "
        "PTB-tokenized); AR = align+ m:1; macro-average = mean P and mean R over the 19 "
        "timelines, F1 from those (news-tls `get_average_results`).",
        "",
        "| method | AR1-F | AR2-F | Date-F1 | ROUGE |",
        "|---|---:|---:|---:|---|",
        *["| " + " | ".join(f"{c:.3f}" if isinstance(c, float) else str(c) for c in r) + " |"
          for r in ref_rows],
        "",
        "Published numbers: Gholipour Ghalandari & Ifrim, \"Examining the State-of-the-Art in News "
        "Timeline Summarization\", ACL 2020 (T17 results table), as listed in "
        "`../shared/data/t17/README.md`; news-tls' `experiments/evaluate.py` scores with tilse's "
        "default Perl ROUGE, which reads about 0.003-0.006 higher on AR1-F than `reimpl` (README), "
        "so compare with the `reimpl` re-run rows.",
        "",
        "Per gold timeline:",
        "",
        markdown_table(COLUMNS, rows),
        "",
        "Per topic (all its gold timelines; articles read = sum over its timelines; seconds = "
        "building and scoring):",
        "",
        markdown_table(["topic", "timelines", "articles read", "seconds", "articles/s"], topic_rows),
    ]
    if errors:
        parts += ["", "Failures (scored as empty timelines):", ""]
        parts += [f"* {r['topic']} {r['timeline']}: `{r['error']}`" for r in errors]
    return "\n".join(parts)


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--topics", help="comma-separated subset of topics (default: all 9)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes for build_timeline (default 2)")
    ap.add_argument("--baseline", choices=["lead"], help="score only this trivial baseline (no dateline)")
    ap.add_argument("--no-lead", action="store_true", help="do not also score the lead baseline")
    ap.add_argument("--out", help="results JSON (default benchmarks/results/t17.json, "
                    "t17_lead.json with --baseline lead)")
    ap.add_argument("--no-doc", action="store_true", help="do not update docs/benchmarks.md")
    ap.add_argument("--keep", metavar="DIR", help="also write each predicted timeline (tilse text) here")
    args = ap.parse_args(argv)
    if not T17.is_dir():
        print("../shared/data/t17 not found; nothing to measure", file=sys.stderr)
        return 0
    all_topics = topic_names()
    topics = all_topics
    if args.topics:
        topics = [t.strip() for t in args.topics.split(",") if t.strip()]
        unknown = [t for t in topics if t not in all_topics]
        if unknown:
            ap.error(f"unknown topic(s) {', '.join(unknown)}; choose from {', '.join(all_topics)}")
    system = f"baseline:{args.baseline}" if args.baseline else "dateline"
    out_path = Path(args.out) if args.out else REPO / "benchmarks" / "results" / (
        "t17_lead.json" if args.baseline else "t17.json")
    info = load_topics_json()
    from dateline import __version__

    t_all = time.perf_counter()
    results: list[dict[str, Any]] = []
    lead_results: list[dict[str, Any]] = []
    per_topic: dict[str, dict[str, Any]] = {}
    build_seconds = 0.0
    articles_built = 0
    keep = Path(args.keep) if args.keep else None
    for topic in topics:
        t_topic = time.perf_counter()
        articles = load_articles(topic)
        golds = load_gold(topic)
        n_read = 0
        for name, gold in golds:
            setup = setup_for(gold)
            arts = in_window(articles, setup["start"], setup["end"])
            rec: dict[str, Any] = {
                "topic": topic, "timeline": name, "articles": len(arts), "L": setup["L"],
                "K": setup["K"], "start": setup["start"].isoformat(), "end": setup["end"].isoformat(),
            }
            t0 = time.perf_counter()
            lead_pred = run_lead(arts, setup)
            if not args.baseline and not args.no_lead:
                lr = evaluate(lead_pred, [(name, gold)])
                lead_results.append(lr)
            if args.baseline:
                pred = lead_pred
            else:
                with tempfile.TemporaryDirectory(prefix=f"t17-{topic}-") as tmp:
                    folder = Path(tmp) / topic
                    write_files(arts, folder)
                    tb = time.perf_counter()
                    try:
                        pred, extra = run_dateline(folder, setup, info.get(topic, {}), args.jobs)
                        rec.update(extra)
                    except Exception as exc:  # report, score as empty, go on
                        tb_text = traceback.format_exc()
                        sys.stderr.write(f"t17: {topic} {name}: dateline failed:\n{tb_text}\n")
                        rec["error"] = f"{type(exc).__name__}: {exc}"
                        rec["traceback"] = tb_text
                        pred = {}
                    secs = time.perf_counter() - tb
                    rec["build_seconds"] = round(secs, 2)
                    build_seconds += secs
                    articles_built += len(arts)
                    n_read += len(arts)
            if keep:
                from dateline.render.tilse import SEPARATOR

                p = keep / topic / (name.replace("/", "__") + ".txt")
                p.parent.mkdir(parents=True, exist_ok=True)
                blocks = [d.isoformat() + "\n" + "\n".join(s) for d, s in sorted(pred.items())]
                p.write_text(("\n" + SEPARATOR + "\n").join(blocks) + "\n", encoding="utf-8")
            scores = evaluate(pred, [(name, gold)])
            rec.update(scores)
            rec["headline"] = headline(scores)
            rec["seconds"] = round(time.perf_counter() - t0, 2)
            results.append(rec)
            h = rec["headline"]
            print(f"{topic:6s} {name:45s} arts={len(arts):5d} L={setup['L']:3d} K={setup['K']} "
                  f"AR1={h['AR1-F']:.3f} AR2={h['AR2-F']:.3f} DateF1={h['Date-F1']:.3f} "
                  f"{rec['seconds']:.1f}s" + (" ERROR" if rec.get("error") else ""), flush=True)
        secs = time.perf_counter() - t_topic
        per_topic[topic] = {"timelines": len(golds), "articles": len(articles), "articles_read": n_read,
                            "seconds": round(secs, 1),
                            "articles_per_second": round(n_read / secs, 1) if n_read else None}

    total = time.perf_counter() - t_all
    avg = macro_average(results)
    argv_used = sys.argv[1:] if argv is None else argv
    report: dict[str, Any] = {
        "system": system,
        "dateline_version": __version__,
        "date": dt.date.today().isoformat(),
        "command": " ".join([".venv/bin/python", "benchmarks/t17.py", *map(shlex.quote, argv_used)]),
        "machine": machine_info(),
        "git": git_state(),
        "jobs": args.jobs,
        "topics": per_topic,
        "timelines": results,
        "macro_average": avg,
        "macro_headline": headline(avg),
        "references": REFERENCES,
        "total_seconds": round(total, 1),
        "build_seconds": round(build_seconds, 1),
        "articles_built": articles_built,
        "articles_per_second": round(articles_built / build_seconds, 1) if build_seconds else 0.0,
        "peak_memory_mb": peak_memory_mb(),
        "protocol": "news-tls: articles in [first, last gold date]; L = gold dates; K = "
                    "round(mean gold sentences per date); macro-average of P and R over timelines",
        "rouge": "tilse 0.2.1 reimpl, PTB-like tokenization of both sides",
    }
    if lead_results:
        report["lead_macro_average"] = macro_average(lead_results)
        report["lead_headline"] = headline(report["lead_macro_average"])

    rows = [_row(r["topic"], r) for r in results]
    rows.append(_avg_row("macro-average", avg))
    if lead_results:
        rows.append(_avg_row("lead baseline", report["lead_macro_average"]))
    print_table(f"T17, {system} (tilse reimpl ROUGE; AR = align+ m:1)", COLUMNS, rows)
    print_table("published / reference (T17, macro-average)", ["method", "AR1-F", "AR2-F", "Date-F1", "ROUGE"],
                [[x["method"], x["AR1-F"], x["AR2-F"], x["Date-F1"], x["rouge"]] for x in REFERENCES])
    print(f"total {total:.1f} s; {report['articles_per_second']} articles/s through build_timeline; "
          f"peak memory {report['peak_memory_mb']} MB; {sum(1 for r in results if r.get('error'))} failures")
    write_json(out_path, report)
    print(f"wrote {os.path.relpath(out_path, Path.cwd())}")
    if args.no_doc:
        pass
    elif args.baseline or set(topics) != set(all_topics):
        print("docs/benchmarks.md not updated (only a full dateline run on all topics updates it)")
    else:
        update_doc_section(DOC, "t17", doc_markdown(report))
        print(f"updated {os.path.relpath(DOC, Path.cwd())} (t17 section)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
