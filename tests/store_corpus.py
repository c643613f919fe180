"""A generated news corpus for the store tests: deterministic, self-contained, with dates.

Every article carries a unique marker word (``zqmark<N>x``) in its first sentence, so a test
can check that each article is in the full-text index exactly once.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

PLACES = ["Millbrook", "Harwick", "Eastmoor", "Lindale", "Crossford", "Ashby"]
ACTORS = ["the council", "the regional authority", "engineers", "the inquiry", "residents",
          "the water board", "the minister", "the operator"]
EVENTS = ["inspected the dam", "ordered an evacuation", "published a report", "opened hearings",
          "approved repairs", "lowered the reservoir", "issued a flood warning",
          "announced compensation", "reopened the bridge", "questioned the contractor"]
RELATIVE = ["on Monday", "last week", "two days ago", "on Friday", "yesterday", "last month",
            "in March", "three weeks ago"]


def article(n: int, rng: random.Random, start: dt.date = dt.date(2021, 1, 1)) -> dict:
    pub = start + dt.timedelta(days=rng.randrange(0, 400))
    place = rng.choice(PLACES)
    sents = [f"The zqmark{n}x story from {place} continued as {rng.choice(ACTORS)} "
             f"{rng.choice(EVENTS)} {rng.choice(RELATIVE)}."]
    for _ in range(rng.randrange(4, 9)):
        day = pub - dt.timedelta(days=rng.randrange(0, 200))
        if rng.random() < 0.5:
            when = f"on {day.day} {day.strftime('%B %Y')}"
        else:
            when = rng.choice(RELATIVE)
        sents.append(f"{rng.choice(ACTORS).capitalize()} {rng.choice(EVENTS)} in {place} {when}.")
    rec = {"id": f"a{n:04d}", "title": f"{place}: {rng.choice(EVENTS)} ({n})",
           "text": " ".join(sents)}
    if rng.random() < 0.85:
        rec["published"] = pub.isoformat()
    return rec


def records(count: int, seed: int = 7, first: int = 0) -> list[dict]:
    rng = random.Random(seed)
    return [article(first + i, rng) for i in range(count)]


def write_jsonl(path: Path, recs: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return path


def write_txt_folder(folder: Path, recs: list[dict]) -> Path:
    """One .txt file per record: title line, dateline, body."""
    folder.mkdir(parents=True, exist_ok=True)
    for r in recs:
        head = f"{r['title']}\n\n"
        if r.get("published"):
            d = dt.date.fromisoformat(r["published"])
            head += f"Published {d.day} {d.strftime('%B %Y')}\n\n"
        (folder / f"{r['id']}.txt").write_text(head + r["text"] + "\n", encoding="utf-8")
    return folder
