"""Inline TIMEX3 markup."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape, quoteattr

from dateline.temporal.timex import Timex


def to_timeml(text: str, timexes: list[Timex], dct: dt.date | None = None) -> str:
    """``text`` with inline ``<TIMEX3>`` elements (XML-escaped), tids numbered from t1.

    Overlapping timexes (not produced by :func:`tag`) are skipped after the first.  ``dct`` is
    accepted for symmetry with :func:`tag` and not written.
    """
    parts: list[str] = []
    pos = 0
    n = 0
    for tx in sorted(timexes, key=lambda t: (t.start, -t.end)):
        if tx.start < pos:
            continue
        n += 1
        parts.append(escape(text[pos:tx.start]))
        attrs = f'tid="t{n}" type="{tx.type}" value={quoteattr(tx.value)}'
        if tx.mod:
            attrs += f' mod="{tx.mod}"'
        parts.append(f"<TIMEX3 {attrs}>{escape(text[tx.start:tx.end])}</TIMEX3>")
        pos = tx.end
    parts.append(escape(text[pos:]))
    return "".join(parts)
