"""A learned date ranker: which candidate days would a journalist put in the timeline?

A logistic regression over features of each candidate day (how many articles and sentences
name it, how many of them were published later, how many articles appeared on it and the day
after, how far that stands above the coverage around it), each also relative to the strongest
candidate of the collection so that the model carries over between small and large corpora.

The shipped model (``data/date_ranker.json``) is trained on all Timeline17 topics by
``benchmarks/train_ranker.py``; the T17 benchmark retrains it leave-one-topic-out so no topic is
scored by a model that saw it.  Scoring needs only the stored coefficients (no scikit-learn at
run time).  Months and years keep the unsupervised score (see :mod:`dateline.dates`), scaled
to the model's range.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from dateline.dates import DateCandidate, DateKey

FEATURES = (
    "log_mention_docs", "log_later_docs", "log_mentions", "log_published", "burst",
    "rel_mention_docs", "rel_later_docs", "rel_published", "later_share",
    "log_published_next", "rel_published_next", "log_published_week", "heuristic",
)
MODEL_FILE = "date_ranker.json"


def feature_rows(cands: Sequence[DateCandidate]) -> list[list[float]]:
    """The feature vector of every candidate day (in the order given)."""
    pub: dict[dt.date, int] = {c.date: len(c.published) for c in cands if c.granularity == "day"}
    max_md = max((len(c.mention_docs) for c in cands), default=0) or 1
    max_ld = max((len(c.later_docs) for c in cands), default=0) or 1
    max_pub = max(pub.values(), default=0) or 1
    rows = []
    for c in cands:
        md, ld, np_ = len(c.mention_docs), len(c.later_docs), len(c.published)
        nxt = pub.get(c.date + dt.timedelta(days=1), 0)
        week = sum(pub.get(c.date + dt.timedelta(days=k), 0) for k in range(0, 7))
        rows.append([
            math.log1p(md), math.log1p(ld), math.log1p(c.mentions), math.log1p(np_), c.burst,
            md / max_md, ld / max_ld, np_ / max_pub, ld / md if md else 0.0,
            math.log1p(nxt), nxt / max_pub, math.log1p(week), c.score,
        ])
    return _standardise_within(rows)


def _standardise_within(rows: list[list[float]]) -> list[list[float]]:
    """Each feature as a z-score within this collection: what counts is how a day stands out
    from the other days of the same story, not the size of the corpus."""
    if len(rows) < 2:
        return rows
    n = len(rows)
    cols = list(zip(*rows, strict=True))
    means = [sum(c) / n for c in cols]
    sds = [math.sqrt(sum((x - m) ** 2 for x in c) / n) or 1.0 for c, m in zip(cols, means, strict=True)]
    return [[(x - m) / sd for x, m, sd in zip(r, means, sds, strict=True)] for r in rows]


@dataclass(frozen=True)
class LinearDateRanker:
    """Standardised features, one weight each, and a bias: score = w . (x - mean) / scale + b."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    trained_on: tuple[str, ...] = ()

    def score_rows(self, rows: Sequence[Sequence[float]]) -> list[float]:
        out = []
        for r in rows:
            z = self.bias
            for x, w, m, s in zip(r, self.weights, self.mean, self.scale, strict=True):
                z += w * (x - m) / s
            out.append(z)
        return out

    def __call__(self, cands: list[DateCandidate]) -> list[float]:
        """Scores for :func:`dateline.dates.rank_dates` (days by the model, months/years by
        their unsupervised score mapped into the same range)."""
        days = [c for c in cands if c.granularity == "day"]
        by_key: dict[DateKey, float] = {}
        if days:
            for c, s in zip(days, self.score_rows(feature_rows(days)), strict=True):
                by_key[c.key] = s
        day_scores = sorted(by_key.values())
        unsup_days = sorted(c.score for c in days)
        out = []
        for c in cands:
            if c.key in by_key:
                out.append(by_key[c.key])
            elif day_scores and unsup_days:
                # same rank among the days as its unsupervised score would have had
                import bisect

                i = min(len(day_scores) - 1, bisect.bisect_left(unsup_days, c.score))
                out.append(day_scores[i] - 1e-6)
            else:
                out.append(c.score)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"schema": "dateline-date-ranker/1", "features": list(FEATURES),
                "weights": list(self.weights), "bias": self.bias, "mean": list(self.mean),
                "scale": list(self.scale), "trained_on": list(self.trained_on)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LinearDateRanker:
        if list(d.get("features", [])) != list(FEATURES):
            raise ValueError("date ranker model was trained on other features")
        return cls(tuple(d["weights"]), float(d["bias"]), tuple(d["mean"]), tuple(d["scale"]),
                   tuple(d.get("trained_on", ())))


def train(rows: Sequence[Sequence[float]], labels: Sequence[int], trained_on: Sequence[str] = (),
          c: float = 1.0) -> LinearDateRanker:
    """Fit the logistic regression (scikit-learn) on candidate days labelled 1 if in a gold
    timeline."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.asarray(rows, dtype=float)
    y = np.asarray(labels, dtype=int)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit((x - mean) / scale, y)
    return LinearDateRanker(tuple(float(w) for w in model.coef_[0]), float(model.intercept_[0]),
                            tuple(float(m) for m in mean), tuple(float(s) for s in scale),
                            tuple(trained_on))


_DEFAULT: LinearDateRanker | None = None


def default_ranker() -> LinearDateRanker | None:
    """The shipped model, or None when the package has none."""
    global _DEFAULT
    if _DEFAULT is None:
        try:
            text = resources.files("dateline").joinpath("data", MODEL_FILE).read_text("utf-8")
        except (FileNotFoundError, OSError):
            return None
        _DEFAULT = LinearDateRanker.from_dict(json.loads(text))
    return _DEFAULT
