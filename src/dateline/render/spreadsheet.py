"""``timeline.csv`` and ``timeline.xlsx``: one row per sentence, for a spreadsheet.

Columns: ``date`` (ISO: ``2011-03-18``, ``2011-03``, ``2011``), ``label``, ``sentence``,
``source``, ``title``, ``url``, ``doc_id``, ``published`` (the article's), and the date's flags
as ``yes``/empty columns: ``date_inferred``, ``low_confidence``, ``background``.  UTF-8 with a
byte-order mark, so Excel reads accents; CRLF line ends (RFC 4180).  A cell that would start
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with ``'``, so no
spreadsheet runs it as a formula (OWASP's advice on CSV injection).  ``new`` marks a sentence
the previous build into the folder did not show (:mod:`dateline.changes`).  The workbook holds
the same rows, every cell stored as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

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
    for row in _rows(tl):
        writer.writerow([safe_cell(v) for v in row])
    return "\ufeff" + buf.getvalue()


XLSX_WIDTHS = {"date": 11, "label": 18, "sentence": 80, "source": 16, "title": 40, "url": 30,
               "doc_id": 24, "published": 11}
_EPOCH = dt.datetime(2000, 1, 1)  # the workbook's stated creation time: fixed, so same input, same bytes


def _rows(tl: Timeline) -> Iterator[list[str]]:
    """The data rows of the sheet (the csv's, before formula neutralising)."""
    _dates, new_sentences = marks(tl.changes)
    for e in tl.entries:
        flags = ["yes" if f else "" for f in (e.date_inferred, e.low_confidence, e.background)]
        for c in e.summary:
            new = "yes" if (e.iso(), c.doc_id, c.text) in new_sentences else ""
            yield ["" if v is None else str(v) for v in (
                e.iso(), e.label(), c.text, c.source, c.title, c.url, c.doc_id, c.published,
                *flags, new)]


def render_xlsx(tl: Timeline) -> bytes:
    """``timeline.xlsx``: the csv's rows in an Excel workbook (XlsxWriter): a bold, frozen header
    with filters, wrapped sentences, every cell written as text (so nothing in an article is
    ever read as a formula, and no ``'`` is needed).  Deterministic: same timeline, same bytes."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                   "strings_to_urls": False, "strings_to_numbers": False})
    wb.set_properties({"title": tl.title, "created": _EPOCH, "comments": "dateline timeline"})
    ws = wb.add_worksheet("Timeline")
    head = wb.add_format({"bold": True, "bottom": 1})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    top = wb.add_format({"valign": "top"})
    for col, name in enumerate(COLUMNS):
        ws.write_string(0, col, name, head)
        ws.set_column(col, col, XLSX_WIDTHS.get(name, 9), wrap if name == "sentence" else top)
    n = 0
    for n, row in enumerate(_rows(tl), 1):
        for col, value in enumerate(row):
            ws.write_string(n, col, value)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(n, 1), len(COLUMNS) - 1)
    wb.close()
    return buf.getvalue()
