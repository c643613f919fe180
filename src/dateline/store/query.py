"""The query language of the store: one meaning for ``search``, ``build --store`` and the API.

What a user types is read as:

* words, matched as whole words after stemming (``spill`` finds "spilled", "spills"; ``Syria``
  does not find "Syriatel"); stop words ("of", "the") are left out unless every word is one;
* ``"quoted phrases"``, matched word for word in that order (stop words kept);
* a word ending in ``*``, matched as a prefix (``negotiat*``);
* a place and its people as one term: ``Syrian`` also finds "Syria" and ``Libya`` "Libyan",
  from the nationality rules of the language data (``lang/<code>/nationalities.json``), each
  form kept only when the store holds it;
* every term must match (``any_term``, the CLI's ``--any``: at least one).

A timeline is about a story, so ``build --store --query`` reads the query's *names* (words
typed with a capital or a digit, ``H1N1``, and quoted phrases) as the story and its other words
as context: an article enters when it holds every name (all words when the query has none), and
names them at least twice (a name in the title counts three times), so that an article on the
neighbouring story that names ours in passing stays out (:func:`story_filter`).

:func:`match_expression` turns that into a safe FTS5 ``MATCH`` string: no character typed
reaches the FTS5 parser as syntax (``AND``, ``NEAR``, ``-``, ``:``, parentheses are words).
"""

from __future__ import annotations

import re
import sqlite3

from dateline.focus import (
    StoryFilter,
    Term,
    build_story,
    listed_form,
    nationality_forms,
    parse_query,
)

__all__ = ["StoryFilter", "Term", "match_expression", "nationality_forms", "parse_query", "story_filter"]

def _exists(conn: sqlite3.Connection, table: str, phrase: str, cache: dict[str, bool]) -> bool:
    if phrase not in cache:
        cache[phrase] = conn.execute(
            f"SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT 1", ('"' + phrase + '"',)
        ).fetchone() is not None
    return cache[phrase]


def _is_form(conn: sqlite3.Connection, table: str, form: str, cache: dict[str, bool]) -> bool:
    """A candidate form counts when the store holds it, mostly capitalised (a name: so that
    ``German`` does not find "germ"), or when the language data lists it."""
    if not _exists(conn, table, form, cache):
        return False
    return listed_form(form) or _looks_like_name(conn, form, cache)


def _looks_like_name(conn: sqlite3.Connection, form: str, cache: dict[str, bool]) -> bool:
    key = "\x00name:" + form
    if key not in cache:
        row = conn.execute("SELECT text FROM sentences_fts WHERE sentences_fts MATCH ? LIMIT 20",
                           ('"' + form + '"',)).fetchall()
        pat = re.compile(rf"\b{re.escape(form)}s?\b", re.IGNORECASE)
        seen = [m.group(0) for (t,) in row for m in pat.finditer(t)]
        cache[key] = bool(seen) and sum(s[:1].isupper() for s in seen) * 2 > len(seen)
    return cache[key]


def _forms(conn: sqlite3.Connection | None, t: Term, table: str, cache: dict[str, bool]) -> tuple[str, ...]:
    if conn is None or len(t.words) != 1 or t.prefix:
        return ()
    return tuple(f for f in nationality_forms(t.words[0]) if _is_form(conn, table, f, cache))


def match_expression(text: str, *, conn: sqlite3.Connection | None = None, any_term: bool = False,
                     table: str = "documents_fts") -> str:
    """The FTS5 ``MATCH`` expression of a query (empty: nothing to search for).  With ``conn``,
    a single-word term also matches its nationality forms that the store holds."""
    terms = parse_query(text)
    cache: dict[str, bool] = {}
    parts = [t.fts(_forms(conn, t, table, cache)) for t in terms]
    return (" OR " if any_term else " AND ").join(parts)


def story_filter(text: str, conn: sqlite3.Connection, *, any_term: bool = False,
                 min_mentions: int = 2, min_share: float = 0.25,
                 table: str = "documents_fts") -> StoryFilter:
    """The candidates and the relevance floor of ``build --store --query TEXT``
    (:func:`dateline.focus.build_story`, with the forms the store holds)."""
    cache: dict[str, bool] = {}
    return build_story(text, lambda t: _forms(conn, t, table, cache), any_term=any_term,
                       min_mentions=min_mentions, min_share=min_share, fts=lambda t, f: t.fts(f))
