"""A folder that grows: ``dateline update`` ingests the new articles and rebuilds the timeline
into the same folder, which then says what is new since the previous build (new articles, dates
and sentences), marked in every format that can show it; a rebuild with nothing new says so;
a previous timeline of another query is not compared."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from store_corpus import records, write_jsonl

from dateline.changes import since, summary_line
from dateline.cli import main


def _days(tmp_path: Path) -> tuple[Path, Path]:
    recs = sorted((r for r in records(80, seed=5) if r.get("published")), key=lambda r: r["published"])
    half = len(recs) // 2
    return (write_jsonl(tmp_path / "day1.jsonl", recs[:half]),
            write_jsonl(tmp_path / "day2.jsonl", recs[half:]))


def _update(path: Path, db: Path, out: Path, *extra: str) -> int:
    return main(["update", str(path), "--store", str(db), "-o", str(out), "-q", "-j", "1",
                 "--query", "Harwick", "--format", "json,md,html,csv", "--no-digest", *extra])


def _json(out: Path) -> dict:
    return json.loads((out / "timeline.json").read_text(encoding="utf-8"))


def test_update_marks_what_is_new_since_the_previous_build(tmp_path):
    day1, day2 = _days(tmp_path)
    db, out = tmp_path / "s.db", tmp_path / "out"
    assert _update(day1, db, out) == 0
    first = _json(out)
    assert first["changes"] is None  # nothing to compare with: a first build is a plain build
    assert _update(day2, db, out) == 0
    second = _json(out)
    ch = second["changes"]
    assert ch["previous"]["articles_used"] == first["stats"]["used"]
    assert ch["new_articles"] == second["stats"]["used"] - first["stats"]["used"] > 0
    before = {e["date"] for e in first["entries"]}
    assert ch["new_dates"] == [e["date"] for e in second["entries"] if e["date"] not in before]
    assert ch["new_dates"], "the later half of the story brings new dates"
    old_texts = {s["text"] for e in first["entries"] for s in e["summary"]}
    assert [s["text"] for s in ch["new_sentences"]] == [
        s["text"] for e in second["entries"] for s in e["summary"] if s["text"] not in old_texts]
    # marked where a reader sees them
    md = (out / "timeline.md").read_text(encoding="utf-8")
    assert f"*Since the previous build: {summary_line(ch)}.*" in md
    assert md.count(" *(new)*") == len(ch["new_dates"]) + len(ch["new_sentences"])
    html = (out / "timeline.html").read_text(encoding="utf-8")
    assert "Since the previous build:" in html
    assert html.count('class="badge new"') == len(ch["new_dates"]) + len(ch["new_sentences"]) + 1
    rows = list(csv.DictReader(io.StringIO((out / "timeline.csv").read_text(encoding="utf-8-sig"))))
    assert sum(r["new"] == "yes" for r in rows) == len(ch["new_sentences"])
    # the same again: nothing new, nothing marked
    assert _update(day2, db, out) == 0
    third = _json(out)
    assert summary_line(third["changes"]) == "nothing new"
    assert " *(new)*" not in (out / "timeline.md").read_text(encoding="utf-8")


def test_another_query_or_no_changes_is_not_compared(tmp_path):
    day1, day2 = _days(tmp_path)
    db, out = tmp_path / "s.db", tmp_path / "out"
    assert _update(day1, db, out) == 0
    assert main(["update", str(day2), "--store", str(db), "-o", str(out), "-q", "-j", "1",
                 "--query", "Millbrook", "--no-digest"]) == 0
    assert _json(out)["changes"] is None
    assert _update(day2, db, out, "--no-changes") == 0
    assert _json(out)["changes"] is None
    # a plain build never compares (same input, same folder, same bytes); --changes does
    assert main(["build", "--store", str(db), "-o", str(out), "-q", "--query", "Harwick",
                 "--no-digest"]) == 0
    assert _json(out)["changes"] is None
    assert main(["build", "--store", str(db), "-o", str(out), "-q", "--query", "Harwick",
                 "--no-digest", "--changes"]) == 0
    assert summary_line(_json(out)["changes"]) == "nothing new"


def test_since_from_python(tmp_path):
    from dateline import build_timeline

    day1, day2 = _days(tmp_path)
    first = build_timeline([day1], query="Harwick", digest=False)
    second = build_timeline([day1, day2], query="Harwick", digest=False)
    assert since(second, first.to_dict()) == second.changes
    assert second.changes["new_articles"] > 0
    assert since(second, tmp_path / "missing.json") is None and second.changes is None
    other = build_timeline([day1], query="Ashby", digest=False)
    assert since(second, other.to_dict()) is None
