"""The digest's parameters and working records: entities, actors, claims."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from dateline.config import DigestConfig as _DigestConfig
from dateline.digest.common import _iso

SCHEMA = "dateline-digest/1"

# the spaCy NER labels the digest keeps -> the kind of actor (docs/digest.md)
_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place",
         "FAC": "place", "NORP": "group"}
_LABEL_ORDER = ["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"]

# the digest's qualifiers (digest_qualifiers.json maps the words onto them) that bound a value
_LOWER_BOUND = frozenset({"at least", "more than"})
_UPPER_BOUND = frozenset({"up to", "fewer than"})


# the digest's parameters live with the rest of the configuration (Config.digest_options)
DigestConfig = _DigestConfig


def _majority(c: Counter) -> str:
    order = _LABEL_ORDER
    return sorted(c.items(), key=lambda kv: (-kv[1], order.index(kv[0]) if kv[0] in order else 9))[0][0]


@dataclass
class _Entity:
    key: str
    labels: Counter = field(default_factory=Counter)
    surfaces: Counter = field(default_factory=Counter)


@dataclass
class _Actor:
    id: str
    key: str
    kind: str
    label: str
    surfaces: Counter = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)  # normalised names that count as this actor
    surname_aliases: set[str] = field(default_factory=set)  # bare surnames (need a title or a run of their own)
    docs: set[str] = field(default_factory=set)
    mentions: int = 0
    hits: list[tuple[str, int, int, int, dt.date | None, bool]] = field(default_factory=list)
    entries: set[str] = field(default_factory=set)
    surname_mentions: int = 0
    written: Counter = field(default_factory=Counter)  # the forms matched in the articles


@dataclass
class _Claim:
    doc_id: str
    sentence_index: int
    text: str
    start: int
    end: int
    display: str
    number: float
    qualifier: str
    unit: str | None  # currency code, "%", or a unit lemma
    head: str  # group key head
    head_text: str
    thing: str  # the counted noun phrase as written
    mods: frozenset[str]
    nationality: str | None
    event: str | None
    context: Counter
    ref_start: dt.date | None = None
    ref_end: dt.date | None = None
    ref_value: str | None = None
    ref_granularity: str | None = None
    ref_basis: str = "published"
    uncertainty: int = 0
    published: dt.date | None = None
    source: str | None = None
    title: str | None = None
    partitive: bool = False
    low: float | None = None  # lower end of a range ("60 to 70 percent")
    part: bool = False  # one of several values of one kind in its sentence
    places: frozenset[str] = frozenset()  # places named in the sentence
    increment: bool = False  # "a further 48", "another 15": an addition, not a total
    hedged: bool = False  # a plan, a possibility or a total over a period, not a state
    scope: str | None = None  # "confirmed", "suspected", ...
    vec: dict[str, float] = field(default_factory=dict)  # TF-IDF of the context, over all claims

    @property
    def sort_date(self) -> dt.date:
        return self.ref_end or dt.date.max

    def interval(self, tol: float) -> tuple[float, float]:
        v = self.number
        q = self.qualifier
        if self.low is not None:
            lo, hi = self.low, v
        elif q in _LOWER_BOUND:
            lo, hi = v, math.inf
        elif q in _UPPER_BOUND:
            lo, hi = 0.0, v
        elif q == "nearly":
            lo, hi = v * 0.9, v
        else:  # exact, or "about": the tolerance is the allowance for rounding
            lo, hi = v, v
        return lo * (1 - tol), hi * (1 + tol)


def _claim_dict(c: _Claim) -> dict[str, Any]:
    return {
        "value": c.display,
        "number": c.number,
        "low": c.low,
        "qualifier": c.qualifier or None,
        "unit": c.unit,
        "thing": c.thing,
        "date": c.ref_value,
        "date_granularity": c.ref_granularity,
        "date_basis": c.ref_basis,
        "text": c.text,
        "doc_id": c.doc_id,
        "sentence_index": c.sentence_index,
        "source": c.source,
        "title": c.title,
        "published": _iso(c.published),
    }
