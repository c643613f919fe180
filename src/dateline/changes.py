"""What is new in a timeline since the previous one built for the same story.

A newsroom rebuilds a story's timeline every day from a growing archive (``dateline update``,
or ``ingest`` then ``build --store`` into the same folder).  :func:`since` compares the new
timeline with the previous ``timeline.json`` in that folder and says what changed: the articles
that were not there before, the dates that entered the timeline (and those that left it), and
the sentences it did not show before.  The renderers mark them (md, HTML, csv); the comparison
is kept in ``timeline.json`` as ``changes``.

Two timelines are of the same story when their query, keywords and window are the same; a
previous timeline of another story is not compared (``since`` returns None).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from dateline.model import SCHEMA, Timeline

STORY_KEYS = ("query", "keywords", "start", "end")
_WORDS = re.compile(r"\w+")


def _key(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def read_previous(path: str | Path) -> dict[str, Any] | None:
    """The timeline.json at ``path`` when it is one dateline wrote, else None."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("entries"), list):
        return None
    return data


def same_story(tl: Timeline, previous: dict[str, Any]) -> bool:
    prev = previous.get("config") or {}
    return all(_norm(prev.get(k)) == _norm(tl.config.get(k)) for k in STORY_KEYS)


def _norm(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return None if value in ("", None) else str(value)


def since(tl: Timeline, previous: dict[str, Any] | str | Path | None) -> dict[str, Any] | None:
    """What is new in ``tl`` since ``previous`` (a timeline.json, as a dict or a path), or None
    when there is no previous timeline of the same story.  Sets ``tl.changes`` too."""
    if previous is not None and not isinstance(previous, dict):
        previous = read_previous(previous)
    if not previous or not same_story(tl, previous):
        tl.changes = None
        return None
    before_dates = {e.get("date") for e in previous["entries"] if isinstance(e, dict)}
    before_sentences = {_key(s.get("text", "")) for e in previous["entries"] if isinstance(e, dict)
                        for s in e.get("summary") or [] if isinstance(s, dict)}
    before_docs = {d.get("id") for d in previous.get("documents") or [] if isinstance(d, dict)}
    now_dates = [e.iso() for e in tl.entries]
    new_sentences = [{"date": e.iso(), "doc_id": c.doc_id, "text": c.text}
                     for e in tl.entries for c in e.summary if _key(c.text) not in before_sentences]
    used_before = [d for d in previous.get("documents") or []
                   if isinstance(d, dict) and d.get("status") == "used"]
    published = [d.get("published") for d in used_before if d.get("published")]
    changes = {
        "previous": {
            "articles_used": (previous.get("stats") or {}).get("used", len(used_before)),
            "dates": len(previous["entries"]),
            "last_published": max(published) if published else None,
        },
        "new_articles": sum(1 for d in tl.documents if d.status == "used" and d.id not in before_docs),
        "new_dates": [d for d in now_dates if d not in before_dates],
        "dropped_dates": sorted(d for d in before_dates if d and d not in set(now_dates)),
        "new_sentences": new_sentences,
    }
    tl.changes = changes
    return changes


def summary_line(changes: dict[str, Any]) -> str:
    """One line for the console and the reports: "3 new articles; 2 new dates; 4 new sentences"."""
    def n(count: int, word: str) -> str:
        return f"{count:,} {word}{'' if count == 1 else 's'}"

    if not (changes["new_articles"] or changes["new_dates"] or changes["new_sentences"]
            or changes["dropped_dates"]):
        return "nothing new"
    parts = [n(changes["new_articles"], "new article"), n(len(changes["new_dates"]), "new date"),
             n(len(changes["new_sentences"]), "new sentence")]
    if changes["dropped_dates"]:
        parts.append(n(len(changes["dropped_dates"]), "date") + " no longer in it")
    return "; ".join(parts)


def marks(changes: dict[str, Any] | None) -> tuple[set[str], set[tuple[str, str, str]]]:
    """(new dates, new (date, doc_id, text) sentences) for a renderer to mark."""
    if not changes:
        return set(), set()
    return (set(changes["new_dates"]),
            {(s["date"], s["doc_id"], s["text"]) for s in changes["new_sentences"]})
