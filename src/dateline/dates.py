"""Choose the dates that matter.

Every date a sentence mentions, and every publication date, is a candidate.  A candidate's
support is gathered per article (an article counts once per date, however often it repeats it):

* ``mention_docs``  -- articles with a sentence that names the day;
* ``later_docs``    -- of those, articles published after the day: a day still referred to
  later is one journalists consider an event;
* ``mentions``      -- sentences naming the day;
* ``published``     -- articles published that day (their lead reports it);
* ``burst``         -- how far that day's publication count stands above the local level.

The score is a weighted sum of the logs of these counts (weights in :class:`DateWeights`).
Month and year candidates ("in October 2000", "in 2002") compete too, at a discount, and only
where no candidate day falls inside them and at least two articles support them: they fill the
gaps of a story's background, never hide the days of its events.

Candidates outside the story's period (:mod:`dateline.period`) are dropped or marked
``background``; in a large corpus a day only one article names, with none published on it, is a
passing mention and no candidate.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from dateline.config import Config
from dateline.config import DateWeights as DateWeights  # re-exported
from dateline.model import Document, Granularity
from dateline.period import StoryPeriod, background_floor, independent, story_period

DateKey = tuple[dt.date, Granularity]


@dataclass
class DateCandidate:
    date: dt.date
    granularity: Granularity
    score: float = 0.0
    mention_docs: set[str] = field(default_factory=set)
    later_docs: set[str] = field(default_factory=set)
    mentions: int = 0
    published: set[str] = field(default_factory=set)
    burst: float = 0.0
    background: bool = False  # outside the story's period
    parts: dict[str, float] = field(default_factory=dict)  # the score's terms (heuristic weights)
    ranked_by: str = "heuristic"

    @property
    def key(self) -> DateKey:
        return (self.date, self.granularity)

    @property
    def support(self) -> set[str]:
        return self.mention_docs | self.published

    def features(self) -> list[float]:
        return [
            math.log1p(len(self.mention_docs)),
            math.log1p(len(self.later_docs)),
            math.log1p(self.mentions),
            math.log1p(len(self.published)),
            self.burst,
            1.0 if self.granularity != "day" else 0.0,
        ]


def _end_of(key: DateKey) -> dt.date:
    d, g = key
    if g == "day":
        return d
    if g == "month":
        nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(d.year, 12, 31)


_BOUNDARY_BEFORE = re.compile(r"(?:\b(?:before|after|until|till|by|prior\s+to)\s+(?:the\s+)?"
                              r"(?:(?:early|mid|late|end\s+of)[\s-]+)?|\d{4}\s*[-\u2013]\s*)$", re.I)
_BOUNDARY_AFTER = re.compile(r"^\s*[-\u2013]\s*\d{2,4}\b")


def is_boundary(text: str, start: int, end: int) -> bool:
    """Whether a month or year is named only as the edge of a span ("before 1945", "until
    2001", "1910-1945"): a reference point, not a time when something happened.  ("since
    October 2000" does count: it points back at an event.)"""
    return bool(_BOUNDARY_BEFORE.search(text[max(0, start - 24):start])
                or _BOUNDARY_AFTER.match(text[end:end + 8]))


def in_window(key: DateKey, start: dt.date | None, end: dt.date | None) -> bool:
    if start and _end_of(key) < start:
        return False
    return not (end and key[0] > end)


def collect_candidates(docs: Sequence[Document], config: Config) -> dict[DateKey, DateCandidate]:
    cands: dict[DateKey, DateCandidate] = {}

    def get(key: DateKey) -> DateCandidate:
        c = cands.get(key)
        if c is None:
            c = cands[key] = DateCandidate(key[0], key[1])
        return c

    pub_counts: Counter[dt.date] = Counter()
    for doc in docs:
        if doc.published:
            pub_counts[doc.published] += 1
            get((doc.published, "day")).published.add(doc.id)
        for s in doc.sentences:
            seen: set[DateKey] = set()
            for m in s.mentions:
                key = m.key()
                if key in seen or (m.granularity != "day" and is_boundary(s.text, m.start, m.end)):
                    continue
                seen.add(key)
                c = get(key)
                c.mentions += 1
                c.mention_docs.add(doc.id)
                if doc.published and doc.published > _end_of(key) + dt.timedelta(days=1):
                    c.later_docs.add(doc.id)
    if pub_counts:
        for c in cands.values():
            if c.granularity != "day":
                continue
            here = pub_counts.get(c.date, 0)
            around = [pub_counts.get(c.date + dt.timedelta(days=k), 0) for k in range(-7, 8) if k]
            level = sum(around) / len(around)
            c.burst = math.log1p(max(0.0, here - level))
    return {k: c for k, c in cands.items() if in_window(k, config.start, config.end)}


def keep_to_period(cands: dict[DateKey, DateCandidate], docs: Sequence[Document], config: Config,
                   period: StoryPeriod | None, weights: DateWeights) -> None:
    """Drop the candidates a default timeline does not show; mark background the ones kept
    outside the period (see :mod:`dateline.period`).  Modifies ``cands`` in place."""
    # a day one article names in passing is no event of a large story; a user who asks for a
    # number of dates (--max-dates) gets them filled with such days rather than fewer
    passing = config.max_dates is None and len(docs) >= weights.passing_corpus
    if passing:
        for k in [k for k, c in cands.items() if k[1] == "day" and len(c.support) < 2]:
            del cands[k]
    if period is None or period.basis == "window":
        return
    by_id = {d.id: d for d in docs}
    floor = background_floor(len(docs), weights)
    several_sources = len({d.source for d in docs if d.source}) >= 2
    for k in list(cands):
        c = cands[k]
        where = period.position(c.date, _end_of(k))
        if where == "inside":
            continue
        c.background = True
        if config.keep_background:
            continue
        n, sources = independent(c.mention_docs, by_id)
        if where == "after" or n < floor or (several_sources and sources < 2):
            del cands[k]


def score_candidates(cands: dict[DateKey, DateCandidate], weights: DateWeights | None = None) -> None:
    weights = weights or DateWeights()
    for c in cands.values():
        parts = {
            "articles_naming": weights.mention_docs * math.log1p(len(c.mention_docs)),
            "later_articles": weights.later_docs * math.log1p(len(c.later_docs)),
            "mentions": weights.mentions * math.log1p(c.mentions),
            "published": weights.published * math.log1p(len(c.published)),
            "burst": weights.burst * c.burst,
        }
        s = sum(parts.values())
        if c.granularity != "day":
            parts["coarse_discount"] = s * (weights.coarse_discount - 1.0)
            s *= weights.coarse_discount
        c.parts = parts
        c.score = s


def evidence(c: DateCandidate, rank: int) -> dict[str, object]:
    """Why a date is in the timeline: its support and the terms of its score (for
    ``timeline.json`` and the report; documented in docs/schema.md)."""
    out: dict[str, object] = {
        "rank": rank,
        "articles_naming": len(c.mention_docs),
        "later_articles": len(c.later_docs),
        "mentions": c.mentions,
        "published": len(c.published),
        "burst": round(c.burst, 3),
        "ranked_by": c.ranked_by,
    }
    if c.ranked_by == "heuristic":
        out["score_parts"] = {k: round(v, 4) for k, v in c.parts.items()}
    return out


def default_max_dates(n_docs: int, n_candidates: int) -> int:
    """How many dates to show when the user does not say: grows slowly with the corpus."""
    return max(5, min(40, n_candidates, round(4 * math.sqrt(max(n_docs, 1)))))


def rank_dates(
    docs: Sequence[Document],
    config: Config,
    weights: DateWeights | None = None,  # default: config.dates
    ranker=None,  # optional callable(list[DateCandidate]) -> list[float]
    period: StoryPeriod | None = None,  # default: read from the documents
) -> list[DateCandidate]:
    """Every candidate date in the window and the story's period, most important first.

    Days need one supporting article (two in a large corpus); months and years need two.  The
    caller takes dates from the top of this list until it has enough that yield a summary (see
    ``summarize``).
    """
    weights = weights or config.dates
    if period is None:
        period = story_period(docs, config.start, config.end, weights)
    cands = collect_candidates(docs, config)
    keep_to_period(cands, docs, config, period, weights)
    if not cands:
        return []
    score_candidates(cands, weights)
    if ranker is not None:
        keys = list(cands)
        for k, s in zip(keys, ranker([cands[k] for k in keys]), strict=True):
            cands[k].score = float(s)
            cands[k].ranked_by = "learned"
    ranked = sorted(cands.values(), key=lambda c: (-c.score, c.granularity != "day", c.date))
    days = sorted(c.date for c in ranked if c.granularity == "day")
    out = []
    for c in ranked:
        if c.granularity == "day":
            if c.support:
                out.append(c)
            continue
        # months and years only fill gaps: two supporting articles and no candidate day inside
        lo, hi = c.date, _end_of(c.key)
        i = bisect.bisect_left(days, lo)
        if len(c.support) >= 2 and not (i < len(days) and days[i] <= hi):
            out.append(c)
    if not config.keep_background:
        out = cap_background(out, math.floor(weights.background_cap * date_limit(config, len(docs), len(out))))
    return out


def cap_background(ranked: list[DateCandidate], most: int) -> list[DateCandidate]:
    """``ranked`` with only its ``most`` best background candidates: the history a default
    timeline recalls stays a small part of it."""
    out = []
    for c in ranked:
        if c.background:
            if most <= 0:
                continue
            most -= 1
        out.append(c)
    return out


def spread_out(
    ranked: list[DateCandidate], limit: int, weights: DateWeights, start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[DateCandidate]:
    """Re-order ranked days so the top of the list covers the whole time span.

    A timeline of a long story should not spend all its dates on its busiest fortnight.  Days
    are picked greedily; each day's score is multiplied by ``spread`` for every day already
    picked within ``spread_window * span / limit`` days of it.  Dense timelines (many dates for
    a short span) are left as they are, since the window is then shorter than a day.
    """
    days = [c for c in ranked if c.granularity == "day"]
    if weights.spread >= 1.0 or limit <= 1 or len(days) <= limit:
        return ranked
    lo = start or min(c.date for c in days)
    hi = end or max(c.date for c in days)
    window = weights.spread_window * max(1, (hi - lo).days) / limit
    if window < 1.0:
        return ranked
    import heapq

    # lazy greedy: scores only ever go down, so a popped day whose fresh score still beats the
    # next stale score is the best one
    heap = [(-c.score, n, c) for n, c in enumerate(ranked)]
    heapq.heapify(heap)
    picked: list[DateCandidate] = []
    picked_days: list[dt.date] = []

    def fresh(c: DateCandidate) -> float:
        if c.granularity != "day" or c.score <= 0:
            return c.score
        a = bisect.bisect_left(picked_days, c.date - dt.timedelta(days=window))
        b = bisect.bisect_right(picked_days, c.date + dt.timedelta(days=window))
        return c.score * weights.spread ** (b - a)

    while heap and len(picked) < 3 * limit:
        _neg, n, c = heapq.heappop(heap)
        v = fresh(c)
        if heap and v < -heap[0][0] - 1e-12:
            heapq.heappush(heap, (-v, n, c))
            continue
        picked.append(c)
        if c.granularity == "day":
            bisect.insort(picked_days, c.date)
    seen = {id(c) for c in picked}
    return picked + [c for c in ranked if id(c) not in seen]


def date_limit(config: Config, n_docs: int, n_candidates: int) -> int:
    return config.max_dates or default_max_dates(n_docs, n_candidates)


def select_dates(docs: Sequence[Document], config: Config,
                 weights: DateWeights | None = None) -> list[DateCandidate]:
    """The top dates, without regard to whether they yield a summary (for inspection/tests)."""
    ranked = rank_dates(docs, config, weights)
    chosen: list[DateCandidate] = []
    limit = date_limit(config, len(docs), len(ranked))
    for c in ranked:
        if len(chosen) >= limit:
            break
        if conflicts(c, chosen):
            continue
        chosen.append(c)
    return chosen


def end_of(key: DateKey) -> dt.date:
    return _end_of(key)


def conflicts(c: DateCandidate, chosen: Sequence[DateCandidate]) -> bool:
    """Whether a month or year overlaps a period already chosen (a month inside a year)."""
    if c.granularity == "day":
        return False
    lo, hi = c.date, _end_of(c.key)
    return any(o.granularity != "day" and o.date <= hi and lo <= _end_of(o.key) for o in chosen)
