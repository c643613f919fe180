"""What every part of the digest shares: the English tables, word counts, dates, cosine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dateline import lang
from dateline.model import TimeMention

EN = lang.load("en")  # the digest reads English (its spaCy model is English)
CALENDAR = EN.table("calendar")

# the words the digest ignores: no names, no counted things, no context words
STOP = (lang.stop_words("digest", "en") | frozenset(CALENDAR["months"])
        | frozenset(CALENDAR["weekdays"]))


def alternatives(items: Iterable[str]) -> str:
    """Regular-expression alternatives ``a|b|c``, in table order (the order they are tried)."""
    return "|".join(items)


def _words(text: str) -> int:
    return len(text.split())


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _period(m: TimeMention) -> tuple[dt.date, dt.date]:
    d = m.date
    if m.granularity == "year":
        return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
    if m.granularity == "month":
        nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return d.replace(day=1), nxt - dt.timedelta(days=1)
    return d, d


def _mention_iso(m: TimeMention) -> str:
    return m.value if m.granularity != "day" else m.date.isoformat()


def _fmt_date(iso: str | None) -> str:
    if not iso:
        return "undated"
    try:
        if len(iso) == 10:
            d = dt.date.fromisoformat(iso)
            return f"{d.day} {d.strftime('%b %Y')}"
        if len(iso) == 7:
            return dt.date(int(iso[:4]), int(iso[5:7]), 1).strftime("%b %Y")
    except ValueError:
        pass
    return iso


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())
