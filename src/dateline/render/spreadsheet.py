"""``timeline.csv``: one row per sentence, for a spreadsheet.

Columns: ``date`` (ISO: ``2011-03-18``, ``2011-03``, ``2011``), ``label``, ``sentence``,
``source``, ``title``, ``url``, ``doc_id``, ``published`` (the article's), and the date's flags
as ``yes``/empty columns: ``date_inferred``, ``low_confidence``, ``background``.  UTF-8 with a
byte-order mark, so Excel reads accents; CRLF line ends (RFC 4180).  A cell that would start
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with ``'``, so no
spreadsheet runs it as a formula (OWASP's advice on CSV injection).
"""

from __future__ import annotations

import csv
import io

from dateline.changes import marks
from dateline.model import Timeline

COLUMNS = ("date", "label", "sentence", "source", "title", "url", "doc_id", "published",
           "date_inferred", "low_confidence", "background", "new")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The text of a cell, neutralised when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(tl: Timeline) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    _dates, new_sentences = marks(tl.changes)
    for e in tl.entries:
        flags = ["yes" if f else "" for f in (e.date_inferred, e.low_confidence, e.background)]
        for c in e.summary:
            new = "yes" if (e.iso(), c.doc_id, c.text) in new_sentences else ""
            row = [e.iso(), e.label(), c.text, c.source, c.title, c.url, c.doc_id, c.published,
                   *flags, new]
            writer.writerow([safe_cell(v) for v in row])
    return "\ufeff" + buf.getvalue()
