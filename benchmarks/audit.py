"""The date audit: how many (date, sentence) pairs of a default timeline are filed wrongly.

Builds the default-setting timeline of each T17 topic (its articles, ``--query`` as a user
would type it, nothing else; the digest is skipped, it does not change the entries), and looks
every emitted (date, sentence) pair up in ``benchmarks/data/audit_labels.jsonl``: labels written
by reading the sentence's article.

    right       the sentence reports something that happened on that date (within a day)
    wrong       what it reports happened on another date, or its date was misread
    background  the date is right but the event is history before the story, not the story
    not_event   no event on that date: an opinion, a listing, a plan or a forecast

A second labels file, ``benchmarks/data/sentence_labels.jsonl``, says of each emitted sentence
whether it carries page furniture (a headline, caption, byline or stamp glued in, or a mangled
cut), whether it stands alone (or needs the sentence before it), and whether it repeats an event
told by another sentence under the same date.  The script reports those shares (#15: at most
2% furniture, at most 5% not standing alone, no repeat under one date).

Pairs are keyed by a hash of (topic, date, article id, sentence), so the labels file holds no
T17 text.  A pair no label covers is reported as unlabelled; ``--export FILE`` writes those pairs
with their sentence (to a file outside the repository) for labelling; ``--export-sentences FILE``
writes each date with a sentence that has no sentence label, with all the date's sentences
(a repeat is judged against them).  The script also counts
dates before 1900 or after the corpus's last article, and the share of background dates.

    .venv/bin/python benchmarks/audit.py [--topics haiti,syria] [--export /tmp/pairs.jsonl]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "src"))

from common import T17, machine_info, print_table, write_json  # noqa: E402

LABELS = REPO / "benchmarks" / "data" / "audit_labels.jsonl"
SENTENCE_LABELS = REPO / "benchmarks" / "data" / "sentence_labels.jsonl"
KINDS = ("right", "wrong", "background", "not_event")
SENTENCE_FLAGS = ("furniture", "standalone", "duplicate")


def pair_key(topic: str, date: str, doc_id: str, text: str) -> str:
    return hashlib.sha1("\t".join((topic, date, doc_id, " ".join(text.split()))).encode()).hexdigest()[:16]


def _read_labels(path: Path, problem) -> dict[str, dict]:  # noqa: ANN001
    """Rows of a labels file by key; ``problem(row)`` names what is wrong with a row, or None."""
    out: dict[str, dict] = {}
    if path.exists():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if (why := problem(row)) is not None:
                raise SystemExit(f"{path}:{n}: {why}")
            out[row["key"]] = row
    return out


def load_labels(path: Path = LABELS) -> dict[str, dict]:
    return _read_labels(path, lambda row: None if row.get("label") in KINDS else
                        f"label {row.get('label')!r} is not one of {', '.join(KINDS)}")


def load_sentence_labels(path: Path = SENTENCE_LABELS) -> dict[str, dict]:
    return _read_labels(path, lambda row: None if all(isinstance(row.get(f), bool) for f in SENTENCE_FLAGS)
                        else f"needs true/false for each of {', '.join(SENTENCE_FLAGS)}")


def sentence_audit(topic: str, tl, labels: dict[str, dict], todo: list[dict] | None = None) -> dict:
    """Shares of the emitted sentences with furniture, not standing alone, repeating another
    under their date (of those labelled).  A date with a sentence no label covers is appended
    to ``todo`` with all its sentences (whether one repeats another depends on all of them)."""
    n = furniture = dependent = repeats = pairs = 0
    for e in tl.entries:
        keys = [pair_key(topic, e.iso(), c.doc_id, c.text) for c in e.summary]
        if todo is not None and any(k not in labels for k in keys):
            todo.append({"topic": topic, "date": e.iso(), "sentences": [
                {"key": k, "doc_id": c.doc_id, "labelled": k in labels, "sentence": c.text}
                for k, c in zip(keys, e.summary, strict=True)]})
        for key in keys:
            pairs += 1
            row = labels.get(key)
            if row is None:
                continue
            n += 1
            furniture += row["furniture"]
            dependent += not row["standalone"]
            repeats += row["duplicate"] and len(keys) > 1  # a date's only sentence repeats nothing
    return {"topic": topic, "sentences": pairs, "labelled": n, "furniture": furniture,
            "not_standalone": dependent, "duplicates": repeats,
            "furniture_share": round(furniture / n, 4) if n else None,
            "not_standalone_share": round(dependent / n, 4) if n else None}


def build_default(topic: str, query: str, jobs: int):
    from dateline import build_timeline

    return build_timeline(str(T17 / topic / "articles.jsonl.gz"), query=query, jobs=jobs, digest=False)


def audit_topic(topic: str, tl, labels: dict[str, dict]) -> tuple[dict, list[dict]]:
    last = max((r.published for r in tl.documents if r.published and r.status == "used"), default=None)
    counts = dict.fromkeys(KINDS, 0)
    unlabelled: list[dict] = []
    pairs = 0
    for e in tl.entries:
        for c in e.summary:
            pairs += 1
            key = pair_key(topic, e.iso(), c.doc_id, c.text)
            row = labels.get(key)
            if row is None:
                unlabelled.append({"key": key, "topic": topic, "date": e.iso(), "doc_id": c.doc_id,
                                   "published": c.published, "background": e.background,
                                   "flags": e.flags(), "sentence": c.text})
            else:
                counts[row["label"]] += 1
    labelled = sum(counts.values())
    early = sum(1 for e in tl.entries if e.date.year < 1900)
    late = sum(1 for e in tl.entries if last and e.iso() > last)
    return {
        "topic": topic,
        "dates": len(tl.entries),
        "pairs": pairs,
        "labelled": labelled,
        **counts,
        "wrong_share": round(counts["wrong"] / labelled, 4) if labelled else None,
        "background_dates": sum(1 for e in tl.entries if e.background),
        "background_date_share": round(sum(1 for e in tl.entries if e.background) / len(tl.entries), 4)
        if tl.entries else None,
        "dates_before_1900": early,
        "dates_after_corpus": late,
        "first_dates": [e.iso() + ("*" if e.background else "") for e in tl.entries[:10]],
    }, unlabelled


def _pct(v: float | None) -> str:
    return "" if v is None else f"{100 * v:.1f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--topics", help="comma-separated T17 topics (default: all)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--export", metavar="FILE", help="write the unlabelled pairs (with their text) here")
    ap.add_argument("--export-sentences", metavar="FILE",
                    help="write the dates with a sentence that has no sentence label (all their sentences) here")
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "audit.json"))
    args = ap.parse_args()
    if not T17.is_dir():
        print(f"skipped: {T17} not found (the T17 data lives in ../shared)")
        return 0
    queries = json.loads((T17 / "topics.json").read_text())
    topics = args.topics.split(",") if args.topics else sorted(k for k in queries if k != "about")
    labels = load_labels()
    sentence_labels = load_sentence_labels()
    rows, todo, sentence_rows, sentence_todo = [], [], [], []
    t0 = time.perf_counter()
    for topic in topics:
        tl = build_default(topic, queries[topic]["query"], args.jobs)
        row, unl = audit_topic(topic, tl, labels)
        rows.append(row)
        sentence_rows.append(sentence_audit(topic, tl, sentence_labels, sentence_todo))
        todo += unl
    total = {k: sum(r[k] for r in rows) for k in ("dates", "pairs", "labelled", *KINDS, "background_dates",
                                                    "dates_before_1900", "dates_after_corpus")}
    total["wrong_share"] = round(total["wrong"] / total["labelled"], 4) if total["labelled"] else None
    total["wrong_share_of_emitted"] = round(total["wrong"] / total["pairs"], 4) if total["pairs"] else None
    total["background_date_share"] = round(total["background_dates"] / total["dates"], 4) if total["dates"] else None
    header = ["topic", "dates", "pairs", "labelled", *KINDS, "wrong %", "bg dates", "<1900", "after"]
    table = [[r["topic"], r["dates"], r["pairs"], r["labelled"], *(r[k] for k in KINDS),
              "" if r["wrong_share"] is None else f"{100 * r['wrong_share']:.1f}",
              r["background_dates"], r["dates_before_1900"], r["dates_after_corpus"]] for r in rows]
    table.append(["all", total["dates"], total["pairs"], total["labelled"], *(total[k] for k in KINDS),
                  "" if total["wrong_share"] is None else f"{100 * total['wrong_share']:.1f}",
                  total["background_dates"], total["dates_before_1900"], total["dates_after_corpus"]])
    print_table("Date audit of default timelines (labels: benchmarks/data/audit_labels.jsonl)", header, table)
    stotal = {k: sum(r[k] for r in sentence_rows)
              for k in ("sentences", "labelled", "furniture", "not_standalone", "duplicates")}
    for k in ("furniture", "not_standalone"):
        stotal[f"{k}_share"] = round(stotal[k] / stotal["labelled"], 4) if stotal["labelled"] else None
    print_table("Sentence audit (labels: benchmarks/data/sentence_labels.jsonl)",
                ["topic", "sentences", "labelled", "furniture", "%", "not alone", "%", "repeats"],
                [[r["topic"], r["sentences"], r["labelled"], r["furniture"], _pct(r["furniture_share"]),
                  r["not_standalone"], _pct(r["not_standalone_share"]), r["duplicates"]]
                 for r in [*sentence_rows, {"topic": "all", **stotal}]])
    print(f"{len(todo)} emitted pairs have no label yet"
          + (f"; written to {args.export}" if args.export and todo else ""))
    if args.export and todo:
        Path(args.export).write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in todo),
                                     encoding="utf-8")
    print(f"{len(sentence_todo)} dates have a sentence with no sentence label"
          + (f"; written to {args.export_sentences}" if args.export_sentences and sentence_todo else ""))
    if args.export_sentences and sentence_todo:
        Path(args.export_sentences).write_text(
            "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in sentence_todo), encoding="utf-8")
    write_json(args.out, {"command": "benchmarks/audit.py " + " ".join(sys.argv[1:]),
                          "machine": machine_info(), "seconds": round(time.perf_counter() - t0, 1),
                          "topics": rows, "total": total, "unlabelled": len(todo),
                          "sentences": {"topics": sentence_rows, "total": stotal}})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
