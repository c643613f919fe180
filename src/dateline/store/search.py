"""Full-text search of the store (FTS5, BM25): what a user typed as a safe query, the hits,
and the documents a timeline is built from."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

_TOKEN = re.compile(r"\w+", re.UNICODE)
SENTENCE_POOL = 10  # sentence search ranks this many times --limit of the best BM25 matches
INFORMATIVE_WORDS = 15  # a sentence of this many words or more counts in full


def _key(text: str | None) -> str:
    return " ".join(_TOKEN.findall((text or "").lower()))


def _informative(text: str) -> float:
    """How much a sentence says, in (0, 1]: its words up to INFORMATIVE_WORDS, over that."""
    return min(len(_TOKEN.findall(text)), INFORMATIVE_WORDS) / INFORMATIVE_WORDS


def fts_query(text: str, *, any_term: bool = False, prefix: bool = False) -> str:
    """A safe FTS5 MATCH expression for what a user typed.

    Every whitespace-separated chunk becomes a quoted phrase of its word characters
    (``al-Qaeda`` -> ``"al Qaeda"``), so quotes, ``AND``/``OR``/``NOT``, ``*``, ``-``, ``:``
    and parentheses never reach the FTS5 parser as syntax.  A chunk ending in ``*`` (or every
    chunk with ``prefix``) is a prefix query.  Chunks are ANDed (``any_term``: ORed).  An empty
    string means: nothing to search for.
    """
    terms = []
    for chunk in text.split():
        words = _TOKEN.findall(chunk)
        if not words:
            continue
        star = "*" if (prefix or chunk.endswith("*")) else ""
        terms.append('"' + " ".join(words) + '"' + star)
    terms = list(dict.fromkeys(terms))
    return (" OR " if any_term else " AND ").join(terms)


@dataclass
class Hit:
    """One search result."""

    id: str
    published: str | None
    date_source: str | None
    title: str | None
    source: str | None
    url: str | None
    path: str
    score: float  # BM25 relevance, higher is better
    snippet: str  # matched words between \x02 and \x03 (see :meth:`to_dict`)
    sentence: int | None = None  # sentence index for sentence hits

    def to_dict(self) -> dict[str, Any]:
        """As JSON: matched words of the snippet in ``[`` ``]``."""
        d = {k: v for k, v in self.__dict__.items() if not (k == "sentence" and v is None)}
        d["snippet"] = self.snippet.replace("\x02", "[").replace("\x03", "]")
        return d


def search_store(conn: sqlite3.Connection, query: str, *, start: dt.date | None = None,
                 end: dt.date | None = None, limit: int = 20, sentences: bool = False,
                 any_term: bool = False) -> list[Hit]:
    """Documents (or sentences) matching ``query`` (the query language of
    :mod:`dateline.store.query`: every word, ``any_term`` any), best first (BM25; a title match
    counts more).  ``start``/``end`` restrict the publication date (inclusive).

    ``ORDER BY rank`` lets FTS5 rank inside the index and stop at ``limit`` rows (snippets are
    made for those only), several times faster than sorting ``bm25()`` results."""
    from dateline.store.query import match_expression

    match = match_expression(query, conn=conn, any_term=any_term)
    if not match:
        return []
    where, args = _date_filter(start, end)
    if sentences:
        sql = (
            "SELECT d.id, d.published, d.date_source, d.title, d.source, d.url, d.path, "
            "sentences_fts.rank, highlight(sentences_fts, 0, char(2), char(3)), s.idx "
            "FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid "
            "JOIN documents d ON d.doc = s.doc "
            f"WHERE sentences_fts MATCH ? {where} ORDER BY sentences_fts.rank LIMIT ?")
    else:
        sql = (
            "SELECT d.id, d.published, d.date_source, d.title, d.source, d.url, d.path, "
            "documents_fts.rank, snippet(documents_fts, 1, char(2), char(3), ' … ', 16), NULL "
            "FROM documents_fts JOIN documents d ON d.doc = documents_fts.rowid "
            "WHERE documents_fts MATCH ? AND documents_fts.rank MATCH 'bm25(4.0, 1.0)' "
            f"{where} ORDER BY documents_fts.rank LIMIT ?")
    # BM25 favours the shortest sentences ('"Down with Assad".' first): for sentences, rank a
    # wider set of matches by relevance times informativeness (words up to INFORMATIVE_WORDS)
    fetch = limit * SENTENCE_POOL if sentences else limit
    rows = conn.execute(sql, (match, *args, fetch)).fetchall()
    if sentences:  # and a sentence repeated by several articles is listed once (its first)
        ranked = sorted(rows, key=lambda r: (r[7] * _informative(r[8] or ""), r[1] or "", r[0], r[9]))
        firsts: dict[str, Any] = {}
        for r in ranked:
            firsts.setdefault(_key(r[8]), r)
        rows = list(firsts.values())[:limit]
    return [Hit(id=r[0], published=r[1], date_source=r[2], title=r[3], source=r[4], url=r[5],
                path=r[6], score=round(-r[7], 6), snippet=" ".join((r[8] or "").split()),
                sentence=r[9]) for r in rows]


def _date_filter(start: dt.date | None, end: dt.date | None) -> tuple[str, list[str]]:
    where, args = "", []
    if start:
        where += " AND d.published >= ?"
        args.append(start.isoformat())
    if end:
        where += " AND d.published <= ?"
        args.append(end.isoformat())
    return where, args


def select_documents(conn: sqlite3.Connection, keywords: Sequence[str] = (), *,
                     match: str | None = None) -> list[int]:
    """Rowids of the documents that mention any of ``keywords`` (whole words, stemmed), or that
    match the FTS5 expression ``match``; every document when neither is given."""
    if match is None and keywords:
        match = fts_query(" ".join(keywords), any_term=True)
    if not match:
        return [r[0] for r in conn.execute("SELECT doc FROM documents ORDER BY doc")]
    return sorted(r[0] for r in conn.execute(
        "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", (match,)))
