"""The reference date of a claim: the date named nearest its number (not one that bounds a
period), else the article's publication date, uncertain when that date was inferred."""

from __future__ import annotations

import re

from dateline.digest.common import EN, _mention_iso, _period
from dateline.digest.model import _Claim
from dateline.model import Document, Sentence, TimeMention

_PATTERNS = EN.table("digest_dates")["patterns"]
_RANGE_BEFORE = re.compile(_PATTERNS["range_before"], re.I)
_RANGE_AFTER = re.compile(_PATTERNS["range_after"])
_RANGE_JOINER = re.compile(_PATTERNS["range_joiner"])


def _in_range(s: Sentence, m: TimeMention) -> bool:
    """True for a date that bounds a period: "between 1959 and 1980", "since 2008", "1910-1945"."""
    before = s.text[max(0, m.start - 30):m.start]
    after = s.text[m.end:m.end + 8]
    if _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after):
        return True
    if _RANGE_JOINER.search(before):
        for o in s.mentions:
            if o is not m and 0 <= m.start - o.end <= 12:
                ob = s.text[max(0, o.start - 30):o.start]
                if _RANGE_BEFORE.search(ob) or re.search(r"\d\s*$", s.text[o.start:o.end]):
                    return True
    return False


def _set_reference(c: _Claim, s: Sentence, doc: Document) -> None:
    best = None
    for m in s.mentions:
        if _in_range(s, m):
            continue
        dist = min(abs(m.start - c.end), abs(c.start - m.end))
        if best is None or dist < best[0]:
            best = (dist, m)
    c.published = doc.published
    c.source = doc.source
    c.title = doc.title
    if best is not None:
        m = best[1]
        c.ref_start, c.ref_end = _period(m)
        c.ref_value = _mention_iso(m)
        c.ref_granularity = m.granularity
        c.ref_basis = "mention"
        if doc.inferred and not re.search(r"\d", m.text):
            c.uncertainty = _uncertainty(doc)
    elif doc.published:
        c.ref_start = c.ref_end = doc.published
        c.ref_value = doc.published.isoformat()
        c.ref_granularity = "day"
        c.ref_basis = "published (inferred)" if doc.inferred else "published"
        if doc.inferred:
            c.uncertainty = _uncertainty(doc)


def _uncertainty(doc: Document) -> int:
    return max(30, round(365 * (1 - max(0.0, min(1.0, doc.date_confidence)))))
