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

import functools
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass

from dateline import lang

_WORD = re.compile(r"\w+", re.UNICODE)
_CHUNK = re.compile(r'"([^"]*)"?|(\S+)')
_EN = lang.load()
_NAT = _EN.table("nationalities")
_IRREGULAR: dict[str, str] = _NAT["countries"]
_SUFFIXES = tuple(sorted(_NAT["suffixes"], key=len, reverse=True))
_STEM_FINAL = _NAT["stem_final_letters"]


@dataclass(frozen=True)
class Term:
    """One unit of a query: the words of a word or phrase, and whether it is a prefix."""

    words: tuple[str, ...]
    prefix: bool = False
    name: bool = False  # typed with a capital or a digit, or quoted: what the story is about

    def fts(self, forms: tuple[str, ...] = ()) -> str:
        """This term as FTS5 syntax: a quoted phrase (``*`` for a prefix), or a parenthesised
        OR of it and its other ``forms``."""
        own = '"' + " ".join(self.words) + '"' + ("*" if self.prefix else "")
        alts = [own] + ['"' + f + '"' for f in forms]
        return alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")"


def parse_query(text: str) -> list[Term]:
    """The terms of what a user typed, in order, each once."""
    stop = lang.stop_words("query")
    terms: list[Term] = []
    loose: list[Term] = []  # single words, stop words among them
    for m in _CHUNK.finditer(text):
        if m.group(1) is not None:
            words = tuple(w.lower() for w in _WORD.findall(m.group(1)))
            if words:
                terms.append(Term(words, name=True))
            continue
        chunk = m.group(2)
        typed = _WORD.findall(chunk)
        if not typed:
            continue
        words = tuple(w.lower() for w in typed)
        name = any(w[:1].isupper() or any(c.isdigit() for c in w) for w in typed)
        term = Term(words, prefix=chunk.endswith("*"), name=name)
        if len(words) == 1 and not term.prefix and words[0] in stop:
            loose.append(term)
            continue
        terms.append(term)
    if not terms:
        terms = loose  # "The Who": nothing but stop words, so they are the query
    return list(dict.fromkeys(terms))


@functools.cache
def _places(code: str = "en") -> frozenset[str]:
    """Country and territory names (Babel's CLDR data, lower case), and the language data's."""
    from babel import Locale

    names = {n.lower() for n in Locale.parse(code).territories.values()}
    return frozenset(names | set(_IRREGULAR.values()))


def nationality_forms(word: str) -> tuple[str, ...]:
    """Other spellings of a place or its people that mean the same story: the country of a
    demonym (``syrian`` -> ``syria``, ``american`` -> ``united states``) and the demonyms of a
    country (``libya`` -> ``libyan``).  One side is always a country or territory name (so
    ``Assad`` is not ``Assadi``).  Candidates only: the store decides which exist."""
    w = word.lower()
    places = _places()
    return tuple(f for f in _candidate_forms(w) if w in places or f in places)


def _candidate_forms(w: str) -> tuple[str, ...]:
    out: list[str] = []
    if w in _IRREGULAR:
        out.append(_IRREGULAR[w])
    out.extend(k for k, v in _IRREGULAR.items() if v == w)
    if len(w) >= 4 and w.isalpha():
        for suf in _SUFFIXES:  # demonym -> country: Syrian -> Syria, Iraqi -> Iraq, Egyptian -> Egypt
            stem = w[: -len(suf)]
            if w.endswith(suf) and len(stem) >= 3:
                out.append(stem)
                out.extend(stem + c for c in _STEM_FINAL)
        base = w[:-1] if w[-1] in _STEM_FINAL else w  # country -> demonym: Libya -> Libyan
        out.extend(base + suf for suf in _SUFFIXES)
        out.extend(w + suf for suf in _SUFFIXES)
    return tuple(dict.fromkeys(f for f in out if f != w))


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
    return form in _IRREGULAR.values() or form in _IRREGULAR or _looks_like_name(conn, form, cache)


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


_MID_NAME = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]{2,})")  # a capitalised word inside a sentence


@dataclass
class StoryFilter:
    """Which loaded articles are about the story a query names.

    ``match`` (FTS5) finds the candidates: every name of the query.  An article then stays when
    it names the story at least ``min_mentions`` times (per name, on average), once with at
    least half of the query's other words, or in its title; and when the story's names are at
    least ``min_share`` as frequent as the name the article mentions most (a Libya article
    that mentions Egypt three times is about Libya)."""

    match: str
    patterns: list[re.Pattern[str]]
    context: list[re.Pattern[str]]
    min_mentions: int = 2
    min_share: float = 0.25

    def keeps(self, title: str, text: str) -> bool:
        if not self.patterns:
            return True
        if any(p.search(title) for p in self.patterns):
            return True
        per_name = sum(len(p.findall(text)) for p in self.patterns) / len(self.patterns)
        if per_name < self.min_mentions:
            seen = sum(bool(p.search(text) or p.search(title)) for p in self.context)
            if per_name < 1 or seen < max(1, (len(self.context) + 1) // 2):
                return False
        names = Counter(w.lower() for w in _MID_NAME.findall(text))
        top = names.most_common(1)[0][1] if names else 0
        return per_name >= self.min_share * top


def _pattern(words: tuple[str, ...], forms: tuple[str, ...], prefix: bool) -> re.Pattern[str]:
    alts = [r"\W+".join(map(re.escape, words))] + [re.escape(f) for f in forms]
    tail = r"\w*" if prefix else r"\w{0,3}"  # the endings stemming matches: spills, spilled
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")" + tail + r"(?!\w)", re.IGNORECASE)


def story_filter(text: str, conn: sqlite3.Connection, *, any_term: bool = False,
                 min_mentions: int = 2, min_share: float = 0.25,
                 table: str = "documents_fts") -> StoryFilter:
    """The candidates and the relevance floor of ``build --store --query TEXT``."""
    terms = parse_query(text)
    names = [t for t in terms if t.name] or terms
    context = [t for t in terms if t not in names]
    cache: dict[str, bool] = {}
    parts, patterns = [], []
    for t in names:
        forms = _forms(conn, t, table, cache)
        parts.append(t.fts(forms))
        patterns.append(_pattern(t.words, forms, t.prefix))
    return StoryFilter(match=(" OR " if any_term else " AND ").join(parts), patterns=patterns,
                       context=[_pattern(t.words, (), True) for t in context],
                       min_mentions=min_mentions, min_share=min_share)
