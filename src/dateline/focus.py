"""Focus: keep the articles and sentences about what the user asked for.

When the user gives keywords (``--keywords``) or a query (``--query``, whose content words then
serve as keywords), an article that contains none of them is off-topic: it is left out of the
timeline (and listed in the manifest as skipped, with the reason), and a timeline sentence must
contain at least one of them.  A keyword matches a whole word or the word with an ending of
the language data (``lang/<code>/focus.json``), case-insensitively: ``libya`` matches "Libyan"
and ``bp`` "BP's", but ``war`` not "Warner".  Without keywords or a query every article is in
focus.

A query names a story.  Its *names* (words typed with a capital or a digit, quoted phrases) are
what the story is about and its other words the context (:func:`parse_query`, one reading for
the store and for a build from files): an article enters when it holds every name (one is
enough in a build from files, where no full-text index narrows the candidates), and is about
the story (:class:`StoryFilter`), so that an article on another story that names ours in
passing, or an unrelated page of the crawl, stays out.  A place and its people are one name
(``Syrian`` is "Syria" too), from the nationality rules of the language data.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dateline import lang
from dateline.model import Config, Document

_WORD = re.compile(r"[A-Za-z0-9][\w'-]*")


def keywords_for(cfg: Config) -> list[str]:
    """The lower-cased keywords of a run (from ``keywords``, else the query's content words)."""
    if cfg.keywords:
        return sorted({k.strip().lower() for k in cfg.keywords if k.strip()})
    if cfg.query:
        return sorted({w.lower() for w in _WORD.findall(cfg.query)
                       if len(w) > 1 and w.lower() not in lang.stop_words("query")})
    return []


def keyword_pattern(keywords: Sequence[str]) -> re.Pattern[str] | None:
    if not keywords:
        return None
    alts = "|".join(re.escape(k) for k in sorted(keywords, key=lambda k: (-len(k), k)))
    ends = "|".join(re.escape(e) for e in _keyword_endings())
    return re.compile(rf"(?<![\w])(?:{alts})(?:{ends})?(?![\w])", re.IGNORECASE)


@functools.cache
def _keyword_endings() -> tuple[str, ...]:
    return tuple(sorted(lang.load().table("focus")["keyword_endings"], key=len, reverse=True))


def split_on_topic(
    docs: Sequence[Document], keywords: Sequence[str], story: StoryFilter | None = None,
) -> tuple[list[Document], list[Document]]:
    """(on-topic, off-topic) documents: on-topic ones mention a keyword in title or text and,
    with a ``story``, hold its names and are about it."""
    pat = keyword_pattern(keywords)
    if pat is None and story is None:
        return list(docs), []
    on, off = [], []
    for d in docs:
        title = d.title or ""
        ok = pat is None or bool(pat.search(title) or pat.search(d.text))
        if ok and story is not None:
            ok = story.holds(title, d.text) and story.keeps(title, d.text)
        (on if ok else off).append(d)
    return on, off


def story_for(cfg: Config, docs: Sequence[Document], sample: int = 2000) -> StoryFilter | None:
    """The story ``cfg.query`` names, read against ``docs`` (None without a query, or when
    keywords were given: they say what is in focus).  A place's other forms count when the
    articles write them, mostly capitalised (so ``German`` does not find "germ")."""
    if not cfg.query or cfg.keywords:
        return None
    step = max(1, len(docs) // sample)
    texts = [d.text for d in docs[::step]]

    @functools.cache
    def written(form: str) -> bool:
        pat = re.compile(rf"(?<!\w){re.escape(form)}s?(?!\w)", re.IGNORECASE)
        seen = [m.group(0) for t in texts for m in pat.finditer(t, 0, 20000)][:40]
        return bool(seen) and sum(s[:1].isupper() for s in seen) * 2 > len(seen)

    # one name is enough to enter here: "BP Deepwater Horizon oil spill" is also the story of an
    # article that says "the BP spill"; how often it names the story decides (StoryFilter.keeps)
    return build_story(cfg.query, lambda t: tuple(f for f in nationality_forms(t.words[0])
                                                  if listed_form(f) or written(f))
                       if len(t.words) == 1 and not t.prefix else (), any_term=True)


def build_story(text: str, forms: Callable[[Term], tuple[str, ...]], *, any_term: bool = False,
                min_mentions: int = 2, min_share: float = 0.25,
                fts: Callable[[Term, tuple[str, ...]], str] | None = None) -> StoryFilter:
    """The :class:`StoryFilter` of a query; ``forms`` gives the other forms of a name term that
    count (the store checks them against what it holds); ``fts`` writes a term as the store's
    full-text syntax for :attr:`StoryFilter.match`."""
    terms = parse_query(text)
    names = [t for t in terms if t.name] or terms
    context = [t for t in terms if t not in names]
    parts, patterns = [], []
    for t in names:
        f = forms(t)
        parts.append(fts(t, f) if fts else " ".join(t.words))
        patterns.append(_pattern(t.words, f, t.prefix))
    return StoryFilter(match=(" OR " if any_term else " AND ").join(parts), patterns=patterns,
                       context=[_pattern(t.words, (), True) for t in context],
                       min_mentions=min_mentions, min_share=min_share, any_term=any_term)


# --- the story a query names (one reading for the store and for a build from files) -----

_QWORD = re.compile(r"\w+", re.UNICODE)
_CHUNK = re.compile(r'"([^"]*)"?|(\S+)')
_NAT = lang.load().table("nationalities")
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
            words = tuple(w.lower() for w in _QWORD.findall(m.group(1)))
            if words:
                terms.append(Term(words, name=True))
            continue
        chunk = m.group(2)
        typed = _QWORD.findall(chunk)
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


def listed_form(form: str) -> bool:
    """Whether the language data lists ``form`` as a place or its people (irregular forms)."""
    return form in _IRREGULAR or form in _IRREGULAR.values()


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
    any_term: bool = False

    def holds(self, title: str, text: str) -> bool:
        """Whether the article holds every name (any, with ``any_term``): what ``match`` finds
        in the store."""
        found = (bool(p.search(title) or p.search(text)) for p in self.patterns)
        return any(found) if self.any_term else all(found)

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
