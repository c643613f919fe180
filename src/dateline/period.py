"""The story's period, and which days outside it a default timeline still shows.

A corpus about one story covers a period: from a little before its first articles to its
last one.  Articles also name days outside it, the history a journalist recalls ("the 1946
earthquake", "since 2000") or a plan ("the trial opens in March"), and a default timeline
made of those is a timeline of another story.  So, when the user gives no window:

* the period runs from ``margin`` days before the first publications (the first percentile,
  so that one stray old article does not stretch it) to the last publication;
* a day, month or year before the period enters only when many independent articles refer to
  it (``background_articles``, at least ``background_share`` of the corpus, from two sources
  or more where sources are known), and is then marked ``background``; the strongest of
  them make at most ``background_cap`` of the timeline's dates;
* nothing after the last publication enters: no article can report it.

``Config.keep_background`` keeps every candidate outside the period (marked), for users who
want the history.  A window given by the user (``--from``/``--to``) is the period itself: the
user has said what they want, and nothing in it is background.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from dateline.config import DateWeights
from dateline.model import Document


@dataclass(frozen=True)
class StoryPeriod:
    start: dt.date
    end: dt.date
    basis: Literal["window", "publications"]
    articles: int  # articles the period was read from (publication dates)

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(),
                "basis": self.basis, "articles": self.articles}

    def position(self, lo: dt.date, hi: dt.date) -> Literal["inside", "before", "after"]:
        """Where the span ``lo``..``hi`` lies: it is inside when it overlaps the period."""
        if hi < self.start:
            return "before"
        if lo > self.end:
            return "after"
        return "inside"


def story_period(docs: Sequence[Document], start: dt.date | None, end: dt.date | None,
                 weights: DateWeights) -> StoryPeriod | None:
    """The period of the story, or None when nothing tells (no publication dates)."""
    if start or end:
        return StoryPeriod(start or dt.date.min, end or dt.date.max, "window", len(docs))
    # inferred publication dates count too: an undated article is still part of the story
    pubs = sorted(d.published for d in docs if d.published)
    if not pubs:
        return None
    first = pubs[math.floor(0.01 * (len(pubs) - 1))] if len(pubs) >= 100 else pubs[0]
    try:
        lo = first - dt.timedelta(days=weights.period_margin_days)
    except OverflowError:
        lo = dt.date.min
    return StoryPeriod(lo, pubs[-1], "publications", len(pubs))


def background_floor(n_docs: int, weights: DateWeights) -> int:
    """How many independent articles a day before the period needs to enter the timeline."""
    return max(weights.background_articles, math.ceil(weights.background_share * n_docs))


def independent(doc_ids: Iterable[str], by_id: dict[str, Document]) -> tuple[int, int]:
    """(articles, distinct sources) among ``doc_ids``; articles without a source count as a
    source each, so that a corpus without source names is not held to a rule it cannot meet."""
    ids = [i for i in doc_ids if i in by_id]
    sources = {by_id[i].source or f"\0{i}" for i in ids}
    return len(ids), len(sources)
