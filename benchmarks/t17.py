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

The articles of a topic are written as files (``<source>/<YYYY-MM-DD>/<file>.txt``, the raw
PTB-tokenized text unchanged) into a temporary folder, so the real ingest, cleaning and dating
code runs.  ``build_timeline`` is ``process_inputs`` (the per-document stages) followed by
``assemble_timeline`` (the corpus stages); the per-document results do not depend on any
timeline option, so each topic is processed once and every gold timeline of the topic is
assembled from the documents of its window (a fresh copy each time).

``--ranker learned`` scores the learned date ranker, retrained leave-one-topic-out (the model
for a topic never saw it).  ``--set summary.NAME=VALUE`` / ``--set dates.NAME=VALUE`` change one
weight of ``SummaryWeights`` / ``DateWeights``; ``--ablations`` runs the default and a fixed
list of variants and writes the ablation table to docs/benchmarks.md.  Each prediction is scored against its
gold timeline with ``dateline.evaluate`` (tilse reimpl ROUGE, align+ m:1 = AR1/AR2) and the
results are macro-averaged as news-tls does (mean P and mean R over timelines, F1 from those).

``--baseline lead`` scores a trivial system instead (no dateline code): the L days with most
articles published in the window, each summarised by the lead sentences (first lines of at
least 6 tokens) of that day's articles, K per date.  The lead baseline is also run (quickly)
alongside dateline so that every report has its sanity floor.

    .venv/bin/python benchmarks/t17.py [--topics h1n1,egypt] [--jobs 2] [--baseline lead]
                                       [--ranker learned] [--set summary.later=0] [--ablations]
                                       [--out benchmarks/results/t17.json] [--no-doc]
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
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
    T17,
    machine_info,
    machine_line,
    markdown_table,
    peak_memory_mb,
    print_table,
    update_doc_section,
    write_json,
)

from dateline.evaluate import evaluate, headline, macro_average  # noqa: E402

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


def process_topic(articles: list[dict[str, Any]], jobs: int) -> list[Any]:
    """The per-document stages of dateline over the topic's raw article files."""
    from dateline.model import Config
    from dateline.pipeline import process_inputs

    with tempfile.TemporaryDirectory(prefix="t17-") as tmp:
        folder = Path(tmp) / "articles"
        write_files(articles, folder)
        docs, _rows, _paths = process_inputs([str(folder)], Config(), jobs=jobs)
    return docs


def timeline_config(setup: dict[str, Any], topic_info: dict[str, Any]):
    from dateline.model import Config

    return Config(max_dates=setup["L"], sentences_per_date=setup["K"], start=setup["start"],
                  end=setup["end"], query=topic_info.get("query"),
                  keywords=tuple(topic_info.get("keywords", ())))


def window_docs(docs: list[Any], setup: dict[str, Any]) -> list[Any]:
    return [copy.deepcopy(d) for d in docs if d.published and setup["start"] <= d.published <= setup["end"]]


def run_dateline(docs: list[Any], setup: dict[str, Any], topic_info: dict[str, Any],
                 variant: dict[str, Any], ranker=None):
    from dateline.pipeline import assemble_timeline

    cfg = dataclasses.replace(timeline_config(setup, topic_info),
                              **{k: v for k, v in variant.items() if k in ("dates", "summary")})
    tl = assemble_timeline(window_docs(docs, setup), [], cfg, ranker=ranker)
    pred: dict[dt.date, list[str]] = {}
    for e in tl.entries:
        pred.setdefault(e.date, []).extend(c.text for c in e.summary)
    return pred, {"stats": tl.stats, "timings": tl.timings,
                  "granularities": dict(Counter(e.granularity for e in tl.entries))}


def ranker_rows(docs: list[Any], setup: dict[str, Any], topic_info: dict[str, Any],
                gold: dict[dt.date, list[str]], variant: dict[str, Any]):
    """Features and labels (day in the gold timeline) of every candidate day of one timeline."""
    from dateline import dates
    from dateline.pipeline import prepare_documents
    from dateline.ranker import feature_rows

    cfg = timeline_config(setup, topic_info)
    kept = prepare_documents(window_docs(docs, setup), cfg)
    cands = dates.collect_candidates(kept, cfg)
    dates.score_candidates(cands, variant.get("dates"))
    days = [c for c in cands.values() if c.granularity == "day"]
    return feature_rows(days), [int(c.date in gold) for c in days]


def parse_variant(settings: list[str]) -> dict[str, Any]:
    """``summary.NAME=VALUE`` / ``dates.NAME=VALUE`` -> weights objects."""
    from dateline.config import DateWeights, SummaryWeights

    kinds = {"summary": SummaryWeights(), "dates": DateWeights()}
    changed: dict[str, dict[str, Any]] = {"summary": {}, "dates": {}}
    for item in settings:
        key, _, value = item.partition("=")
        kind, _, name = key.partition(".")
        if kind not in kinds or not hasattr(kinds[kind], name) or not value:
            raise SystemExit(f"t17: bad --set {item!r} (use summary.NAME=VALUE or dates.NAME=VALUE)")
        current = getattr(kinds[kind], name)
        changed[kind][name] = type(current)(value) if not isinstance(current, str) else value
    return {k: dataclasses.replace(kinds[k], **v) for k, v in changed.items() if v}


ABLATIONS: list[tuple[str, list[str], str | None]] = [
    ("default", [], None),
    ("learned date ranker (LOTO)", [], "learned"),
    ("no later look-back boost", ["summary.later=0"], None),
    ("leads: 2 per article, same day only", ["summary.lead_sentences=2", "summary.lead_days_back=0"], None),
    ("no explicit-date boost", ["summary.explicit=0"], None),
    ("no keyword boost", ["summary.keyword=0"], None),
    ("CentroidOpt selection", ["summary.method=opt"], None),
    ("collection IDF", ["summary.idf=corpus"], None),
    ("dates: no later-article signal", ["dates.later_docs=0"], None),
    ("dates: no publication/burst signal", ["dates.published=0", "dates.burst=0"], None),
]


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
        f"({sysname}; the default run end to end, start-up, reading, processing, 19 timelines and "
        f"their scoring: {report['default_wall_seconds']:.0f} s wall; with the ablations "
        f"{report['total_seconds']:.0f} s; "
        f"dateline itself {report['build_seconds']:.0f} s ({report['process_seconds']:.0f} s per-document "
        f"stages at {report['articles_per_second']:.1f} articles/s, the rest corpus stages for 19 "
        "timelines), "
        f"peak memory {report['peak_memory_mb']:.0f} MB).",
        "",
        f"Machine: {machine_line(report['machine'])}; load average (other processes included) "
        f"{report['load_average'][0]} at the start, {report['load_average'][1]} at the end.",
        "",
        "Setup (news-tls protocol): per gold timeline, articles published outside its first..last "
        "date dropped; L = gold dates, K = round(mean sentences per gold date); the topic's "
        "`query`/`keywords` from topics.json; raw article files through dateline's per-document "
        "stages once per topic (`process_inputs`), then the corpus stages per timeline "
        "(`assemble_timeline`): together exactly what `build_timeline` does. "
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


def ablation_markdown(report: dict[str, Any]) -> str:
    base = report["ablations"][0]["macro_headline"]
    rows = []
    for a in report["ablations"]:
        h = a["macro_headline"]
        rows.append([a["variant"], h["AR1-F"], h["AR2-F"], h["Date-F1"],
                     f"{h['AR1-F'] - base['AR1-F']:+.4f}", f"{h['AR2-F'] - base['AR2-F']:+.4f}",
                     f"{h['Date-F1'] - base['Date-F1']:+.4f}", a["corpus_stage_seconds"]])
    return "\n".join([
        f"Measured {report['date']} with `{report['command']}` (same processed documents for every "
        "variant; each row changes one thing from the default; T17 macro-average over 19 timelines, "
        "tilse reimpl).",
        "",
        markdown_table(["variant", "AR1-F", "AR2-F", "Date-F1", "ΔAR1", "ΔAR2", "ΔDate-F1",
                        "corpus stages (s)"], rows),
    ])


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
    ap.add_argument("--ranker", choices=["learned"], help="date ranker: the learned one, retrained "
                    "leave-one-topic-out (default: the heuristic ranker dateline uses by default)")
    ap.add_argument("--set", action="append", default=[], metavar="KIND.NAME=VALUE",
                    help="change one weight: summary.NAME=VALUE or dates.NAME=VALUE (repeatable)")
    ap.add_argument("--ablations", action="store_true",
                    help="also run the fixed list of variants and write the ablation table")
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
    load_start = os.getloadavg()[0]
    variants = ABLATIONS if args.ablations else [("default" if not (args.set or args.ranker) else
                                                  " ".join(args.set + ([f"ranker={args.ranker}"] if args.ranker else [])),
                                                  args.set, args.ranker)]
    # ---- 1. per-document stages, once per topic (articles of the union of its gold windows)
    processed: dict[str, list[Any]] = {}
    golds_of: dict[str, list[tuple[str, dict[dt.date, list[str]]]]] = {}
    arts_of: dict[str, list[dict[str, Any]]] = {}
    per_topic: dict[str, dict[str, Any]] = {}
    process_seconds = 0.0
    articles_built = 0
    for topic in topics:
        articles = load_articles(topic)
        golds = golds_of[topic] = load_gold(topic)
        setups = [setup_for(g) for _n, g in golds]
        needed = [a for a in articles
                  if any(st["start"] <= dt.date.fromisoformat(a["published"]) <= st["end"] for st in setups)]
        arts_of[topic] = needed
        tp = time.perf_counter()
        if not args.baseline:
            processed[topic] = process_topic(needed, args.jobs)
            articles_built += len(needed)
        secs = time.perf_counter() - tp
        process_seconds += secs
        per_topic[topic] = {"timelines": len(golds), "articles": len(articles), "articles_read": len(needed),
                            "process_seconds": round(secs, 1),
                            "articles_per_second": round(len(needed) / secs, 1) if secs and not args.baseline else None}
        print(f"{topic}: {len(needed)} articles processed in {secs:.1f}s", flush=True)

    # ---- 2. corpus stages per gold timeline, for each variant
    all_variant_results: list[tuple[str, list[dict[str, Any]], float]] = []
    default_wall = 0.0
    lead_results: list[dict[str, Any]] = []
    keep = Path(args.keep) if args.keep else None
    for vi, (vname, vset, vranker) in enumerate(variants):
        variant = parse_variant(vset)
        rows_of: dict[tuple[str, str], tuple[list, list]] = {}
        if vranker == "learned" and not args.baseline:
            for topic in topics:
                for name, gold in golds_of[topic]:
                    rows_of[(topic, name)] = ranker_rows(processed[topic], setup_for(gold), info.get(topic, {}),
                                                         gold, variant)
        results: list[dict[str, Any]] = []
        assemble_seconds = 0.0
        for topic in topics:
            t_topic = time.perf_counter()
            for name, gold in golds_of[topic]:
                setup = setup_for(gold)
                rec: dict[str, Any] = {
                    "topic": topic, "timeline": name, "articles": len(in_window(arts_of[topic], setup["start"], setup["end"])),
                    "L": setup["L"], "K": setup["K"], "start": setup["start"].isoformat(),
                    "end": setup["end"].isoformat(),
                }
                t0 = time.perf_counter()
                if vi == 0 and (args.baseline or not args.no_lead):
                    lead_pred = run_lead(in_window(arts_of[topic], setup["start"], setup["end"]), setup)
                    if args.baseline:
                        pred = lead_pred
                    else:
                        lead_results.append(evaluate(lead_pred, [(name, gold)]))
                if not args.baseline:
                    ranker = None
                    if vranker == "learned":
                        from dateline.ranker import train

                        train_rows = [r for (t, _n), (rs, _ls) in rows_of.items() if t != topic for r in rs]
                        train_labels = [lab for (t, _n), (_rs, ls) in rows_of.items() if t != topic for lab in ls]
                        ranker = train(train_rows, train_labels,
                                       trained_on=sorted({t for (t, _n) in rows_of if t != topic}))
                    tb = time.perf_counter()
                    try:
                        pred, extra = run_dateline(processed[topic], setup, info.get(topic, {}), variant, ranker)
                        rec.update(extra)
                    except Exception as exc:  # report, score as empty, go on
                        tb_text = traceback.format_exc()
                        sys.stderr.write(f"t17: {topic} {name}: dateline failed:\n{tb_text}\n")
                        rec["error"] = f"{type(exc).__name__}: {exc}"
                        rec["traceback"] = tb_text
                        pred = {}
                    rec["build_seconds"] = round(time.perf_counter() - tb, 2)
                    assemble_seconds += time.perf_counter() - tb
                if keep and vi == 0:
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
                if vi == 0:
                    print(f"{topic:6s} {name:45s} arts={rec['articles']:5d} L={setup['L']:3d} K={setup['K']} "
                          f"AR1={h['AR1-F']:.3f} AR2={h['AR2-F']:.3f} DateF1={h['Date-F1']:.3f} "
                          f"{rec['seconds']:.1f}s" + (" ERROR" if rec.get("error") else ""), flush=True)
            if vi == 0:
                per_topic[topic]["seconds"] = round(time.perf_counter() - t_topic + per_topic[topic]["process_seconds"], 1)
        all_variant_results.append((vname, results, assemble_seconds))
        if vi == 0:
            default_wall = time.perf_counter() - t_all
        h = headline(macro_average(results))
        print(f"variant {vname!r}: AR1={h['AR1-F']:.4f} AR2={h['AR2-F']:.4f} DateF1={h['Date-F1']:.4f} "
              f"(corpus stages {assemble_seconds:.1f}s)", flush=True)
    results = all_variant_results[0][1]
    build_seconds = process_seconds + all_variant_results[0][2]
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
        "process_seconds": round(process_seconds, 1),
        "default_wall_seconds": round(default_wall, 1),
        "load_average": [round(load_start, 1), round(os.getloadavg()[0], 1)],
        "variant": variants[0][0],
        "ablations": [{"variant": n, "macro_headline": headline(macro_average(r)),
                       "corpus_stage_seconds": round(sec, 1)} for n, r, sec in all_variant_results],
        "articles_built": articles_built,
        "articles_per_second": round(articles_built / process_seconds, 1) if process_seconds else 0.0,
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
    elif args.baseline or set(topics) != set(all_topics) or args.set or args.ranker:
        print("docs/benchmarks.md not updated (only a full default dateline run on all topics updates it)")
    else:
        update_doc_section(DOC, "t17", doc_markdown(report))
        print(f"updated {os.path.relpath(DOC, Path.cwd())} (t17 section)")
        if args.ablations:
            update_doc_section(DOC, "ablation", ablation_markdown(report))
            print(f"updated {os.path.relpath(DOC, Path.cwd())} (ablation section)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
