"""Property-based tests (hypothesis, derandomized so every run tries the same examples): the
cleaner, the temporal tagger and the ingest readers never raise on arbitrary input, the tagger's
offsets and dates are always valid, and cleaning is idempotent.

tests/test_clean.py already fuzzes ``clean_text`` on arbitrary text; here ``clean_text`` gets
page-like text (chrome, markup, entities, odd whitespace and line endings) and ``clean_html``
arbitrary text and tag soup.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import tempfile
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dateline import temporal  # noqa: E402
from dateline.clean import Cleaned, clean_html, clean_text  # noqa: E402
from dateline.ingest import PendingFile, iter_inputs, load_pending  # noqa: E402
from dateline.model import Config, ManifestRow, RawInput  # noqa: E402

FUZZ = settings(derandomize=True, deadline=None, max_examples=150,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                       HealthCheck.function_scoped_fixture])

# --------------------------------------------------------------------------------------------
# strategies
# --------------------------------------------------------------------------------------------

_PAGE_WORDS = [
    "The", "council", "said", "on", "Monday", "Share", "Home", "News", "Breaking", "Menu", "By",
    "AP", "(Reuters)", "--", "-", "|", ">", "»", "©", "2021", "March", "4,", "Photo:", "Getty",
    "Images", "Related", "stories", "comments", "Advertisement", "Skip", "to", "content", "&amp;",
    "&nbsp;", "&#8217;", "<b>", "</b>", "<p>", "</p>", "<br>", "<script>x()</script>", "http://a.b/c",
    "\u00a0", "\u200b", "\ufeff", "\t", "\u2028", "'s", "n't", "``", "''", "-LRB-", ".", ",", "?",
    "\"We", "go,\"", "Updated", "12:30", "GMT", "Read", "more", "Sign", "up", "•", "…", "x" * 120,
]
_LINE_ENDS = ["\n", "\n\n", "\r\n", "\r", " \n", "\n\n\n", "\r\n\r\n"]
page_text = st.lists(st.tuples(st.lists(st.sampled_from(_PAGE_WORDS), max_size=25).map(" ".join),
                               st.sampled_from(_LINE_ENDS)), max_size=20).map(
    lambda xs: "".join(a + b for a, b in xs))

_TAGS = ["html", "head", "body", "title", "meta", "div", "p", "span", "article", "nav", "footer",
         "header", "script", "style", "a", "h1", "ul", "li", "table", "td", "br", "img", "!--",
         "![CDATA[", "?xml", "!DOCTYPE html", "time", "main", "section", "noscript", "svg"]
_ATTRS = ["", " class='x'", ' href="http://e.org/a"', " content='2021-03-04'",
          " property='article:published_time' content='2019-05-14T10:00'", " charset=utf-8",
          " name=\"date\" content=\"31/02/2021\"", " datetime='2020-02-30'", ' src=x onerror="y"']
tag_soup = st.lists(st.one_of(
    st.tuples(st.sampled_from(_TAGS), st.sampled_from(_ATTRS)).map(lambda t: f"<{t[0]}{t[1]}>"),
    st.sampled_from(_TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(_PAGE_WORDS),
    st.text(max_size=30),
), max_size=60).map("".join)

_TIME_WORDS = [
    "January", "March", "May", "Sept.", "Dec", "DECEMBER", "Monday", "Sunday", "Tues", "today",
    "yesterday", "tomorrow", "tonight", "last", "next", "this", "coming", "past", "ago", "later",
    "earlier", "the", "following", "previous", "day", "days", "week", "weeks", "month", "months",
    "year", "years", "decade", "century", "quarter", "fortnight", "spring", "summer", "winter",
    "Christmas", "Easter", "Thanksgiving", "New", "Year's", "Eve", "weekend", "morning", "night",
    "early", "mid-", "late", "end", "of", "in", "on", "since", "until", "by", "from", "to", "and",
    "about", "nearly", "more", "than", "a", "an", "few", "two", "fifteen", "twenty-one", "1",
    "0", "00", "18", "29", "30", "31", "32", "99", "999", "1000", "1999", "2000", "2001", "2200",
    "2201", "9999", "10000", "1990s", "'90s", "80s", "21st", "2nd", "1st", "2002-08-18",
    "2020-02-30", "12/31/2020", "31/12/2020", "13/13/13", "2000-2010", "1990-91", "3/4", "Q3",
    "H1", "FY2020", "a.m.", "p.m.", "10:30", "24:00", "noon", "midnight", "every", "daily",
    "weekly", "annually", "now", "currently", "former", "then", "recently", "once", "twice",
    ",", ".", "-", "–", "/", "(", ")", "'", "\"", "\n", "said", "met", "will", "would", "had", "was",
]
temporal_text = st.one_of(
    st.lists(st.sampled_from(_TIME_WORDS), max_size=30).map(" ".join),
    st.lists(st.sampled_from(_TIME_WORDS), max_size=30).map("".join),
    st.text(max_size=200),
)
dcts = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
                 st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
                 st.sampled_from([dt.date.min, dt.date.max, dt.date(999, 12, 31), dt.date(1000, 1, 1),
                                  dt.date(2200, 12, 31), dt.date(2201, 1, 1)]))


# --------------------------------------------------------------------------------------------
# the cleaner
# --------------------------------------------------------------------------------------------


@FUZZ
@given(page_text)
def test_clean_text_never_raises_and_is_idempotent_on_page_text(text):
    out = clean_text(text)
    assert isinstance(out, Cleaned) and isinstance(out.text, str)
    assert "\r" not in out.text
    assert clean_text(out.text).text == out.text


@FUZZ
@given(st.one_of(tag_soup, st.text(max_size=300)), st.one_of(st.none(), st.just("https://e.org/a")))
def test_clean_html_never_raises(html, url):
    out = clean_html(html, url=url)
    assert isinstance(out, Cleaned) and isinstance(out.text, str)
    assert out.meta_date is None or 1000 <= out.meta_date.year <= 2200
    assert all(isinstance(h, str) for h in out.header_lines)


@settings(derandomize=True, deadline=None, max_examples=20)
@given(st.integers(min_value=1, max_value=6000), st.sampled_from(["div", "span", "table", "li"]))
def test_deep_nesting_keeps_the_paragraph(depth, tag):
    html = (f"<html><body>{f'<{tag}>' * depth}<p>The ferry operator ordered two new boats on "
            f"7 May 2021, its chairman said.</p>{f'</{tag}>' * depth}</body></html>")
    assert "two new boats" in clean_html(html).text


# --------------------------------------------------------------------------------------------
# the temporal tagger
# --------------------------------------------------------------------------------------------


@FUZZ
@given(temporal_text, dcts)
def test_tag_offsets_and_values(text, dct):
    txs = temporal.tag(text, dct)
    for tx in txs:
        assert 0 <= tx.start < tx.end <= len(text)
        assert text[tx.start:tx.end] == tx.text
        assert tx.type in ("DATE", "TIME", "DURATION", "SET")
        assert isinstance(tx.value, str) and tx.value
    temporal.to_timeml(text, txs, dct)


@FUZZ
@given(temporal_text, dcts)
def test_mentions_are_valid_dates_in_range(text, dct):
    for m in temporal.mentions(text, dct):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert isinstance(m.date, dt.date) and 1000 <= m.date.year <= 2200
        assert m.granularity in ("day", "month", "year")
        expected = {"day": m.date.isoformat(), "month": m.date.isoformat()[:7],
                    "year": f"{m.date.year:04d}"}[m.granularity]
        assert m.value == expected


_RELATIVE = ["tomorrow", "yesterday", "the day after tomorrow", "next week", "last week",
             "next month", "last month", "next year", "last year", "next Monday", "last Sunday",
             "next weekend", "the following day", "the previous day", "in two weeks",
             "three days ago", "15 months ago", "in 20 years", "a century ago", "next Christmas",
             "last Easter", "next spring", "next quarter", "this week", "on Friday", "in December",
             "last December", "on August 18", "tomorrow morning", "Sunday at 3 p.m.", "tonight"]
_EDGES = [dt.date.min, dt.date.max, dt.date(1, 12, 31), dt.date(9999, 1, 1), dt.date(999, 12, 31),
          dt.date(1000, 1, 1), dt.date(2200, 12, 31), dt.date(2201, 1, 1)]


@FUZZ
@given(st.lists(st.sampled_from(_RELATIVE), min_size=1, max_size=4).map(", ".join),
       st.sampled_from(_EDGES))
def test_relative_expressions_at_the_edges_of_the_calendar(text, dct):
    for tx in temporal.tag(text, dct):
        assert text[tx.start:tx.end] == tx.text
    for m in temporal.mentions(text, dct):
        assert 1000 <= m.date.year <= 2200


# --------------------------------------------------------------------------------------------
# the ingest readers
# --------------------------------------------------------------------------------------------

SUFFIXES = [".txt", ".html", ".jsonl", ".json", ".jsonl.gz", ".txt.gz", ""]
CFG = Config(max_bytes=50_000)

json_ish = st.lists(st.one_of(
    st.sampled_from([b'{"text": "The dam opened on 9 March 2021."}', b'{"id": 7, "text": "x"}',
                     b'{"text": null}', b"[]", b"[{}]", b'[{"text": "a"}, 3]', b"{", b"}", b"\n",
                     b"\r\n", b'"\\ud800"', b'{"text": "\\u0000"}', b"\xef\xbb\xbf", b"\x00",
                     b'{"html": "<p>hi</p>", "published": 2021}', b"null", b" ", b"\xff\xfe"]),
    st.binary(max_size=40)), max_size=12).map(b"".join)
payloads = st.one_of(st.binary(max_size=3000), json_ish,
                     st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass")))


def _lines(data: bytes) -> int:
    """Documents in JSON-lines data as the reader counts them: its non-blank lines."""
    return sum(1 for ln in data.split(b"\n")
               if ln.decode("utf-8", errors="replace").strip().lstrip("\ufeff"))


def _write(folder: Path, suffix: str, data: bytes, gz_inner: bool) -> Path:
    p = folder / f"input{suffix}"
    p.write_bytes(gzip.compress(data, mtime=0) if suffix.endswith(".gz") and gz_inner else data)
    return p


@FUZZ
@given(payloads, st.sampled_from(SUFFIXES), st.booleans())
def test_readers_never_raise_and_account_for_every_document(data, suffix, gz_inner):
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), suffix, data, gz_inner)
        items = list(iter_inputs([str(path)], CFG))
        assert items, "every file gives at least one item"
        for item in items:
            assert isinstance(item, RawInput | ManifestRow)
            if isinstance(item, ManifestRow):
                assert item.status in ("skipped", "failed")
                assert item.reason and "\n" not in item.reason
            else:
                assert item.raw.strip()
        assert len({i.id for i in items}) == len(items)
        base = suffix.removesuffix(".gz")
        if base in (".txt", ".html", ""):
            assert len(items) == 1
        elif base == ".jsonl" and (gz_inner or not suffix.endswith(".gz")):
            whole_file = len(items) == 1 and isinstance(items[0], ManifestRow) and \
                items[0].path == str(path)  # empty, binary or unreadable as a whole
            truncated = isinstance(items[-1], ManifestRow) and "cannot read" in items[-1].reason
            assert whole_file or truncated or len(items) == _lines(data)


@FUZZ
@given(payloads, st.sampled_from([".txt", ".html", ".txt.gz", ""]), st.booleans())
def test_reading_in_a_worker_gives_what_the_parent_would(data, suffix, gz_inner):
    """``defer`` hands single-document files to the workers; they must read them the same way."""
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), suffix, data, gz_inner)
        direct = list(iter_inputs([str(path)], CFG))
        deferred = list(iter_inputs([str(path)], CFG, defer=True))
        assert len(direct) == len(deferred) == 1
        item = deferred[0]
        if isinstance(item, PendingFile):
            assert item.size == os.path.getsize(path)
            item = load_pending(item)
        assert item == direct[0]


def test_pending_file_that_vanished_is_a_failed_row(tmp_path):
    p = tmp_path / "gone.txt"
    p.write_text("The dam opened on 9 March 2021.")
    [pending] = iter_inputs([str(p)], CFG, defer=True)
    p.unlink()
    row = load_pending(pending)
    assert isinstance(row, ManifestRow)
    assert (row.id, row.status, row.reason) == ("gone", "failed", "cannot read: No such file or directory")
