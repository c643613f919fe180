"""Names: runs of capitalised words, normalised names, entities cleaned of titles and page text."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from dateline.digest.common import EN, alternatives

_NAMES = EN.table("digest_names")
_TITLES = EN.words("person_titles")
_LEAD_STOP = EN.words("digest_name_lead_words")
_CONNECTORS = EN.lines("digest_name_connectors")
_CONNECT = frozenset(_CONNECTORS)
_SUFFIXES = EN.words("digest_name_suffixes")
_CORP_SUFFIXES = EN.words("corporate_suffixes")
_WIRE_NAMES = EN.words("digest_news_agencies")
_JUNK_NAMES = EN.words("digest_junk_names")

# a run of capitalised words, possibly joined by name particles ("Gulf of Mexico")
_RUN = re.compile(
    r"(?<![\w'\u2019])[A-Z][\w.&'\u2019-]*"
    rf"(?:(?:\s+(?:{alternatives(_CONNECTORS)})){{0,2}}\s+[A-Z][\w.&'\u2019-]*)*"
)
_NONSPACE = re.compile(r"\S+")
_POSS = re.compile(r"(?:'s|\u2019s|'|\u2019)$")
_DASH_CLAUSE = re.compile(r"\s[-\u2013\u2014|/]\s")
_LEADING_ARTICLE = re.compile(rf"^(?:{alternatives(_NAMES['leading_articles'])})\s+")
_PAGE_CHROME = re.compile(rf"^(?:{alternatives(_NAMES['page_chrome'])})\s+")
_TRAILING_WORDS = re.compile(rf"(?:\s+(?:{alternatives(_NAMES['trailing_words'])}))+$")
_PARTICLE_NAME = re.compile(rf"(?:{alternatives(_NAMES['particles'])})[-\u2010][A-Z]")
_PARTICLE_SURNAME = re.compile(rf"(?:{alternatives(_NAMES['particles'])})-(\w.+)$")


@functools.lru_cache(maxsize=200_000)
def _norm_token(tok: str) -> str:
    """Case- and dot-insensitive form of one word ("U.S." -> "us", "Jong-Il" -> "jong-il")."""
    t = tok.casefold().replace(".", "").replace("\u2019", "'")
    return re.sub(r"[-\u2010\u2011]+", "-", t).strip("-")


def _norm_name(text: str) -> str:
    return " ".join(x for x in (_norm_token(t) for t in text.split()) if x)


@dataclass(frozen=True)
class _RunTok:
    text: str  # as written, possessive removed
    norm: str
    start: int
    end: int


@functools.lru_cache(maxsize=100_000)
def _runs(text: str) -> tuple[tuple[_RunTok, ...], ...]:
    """The runs of capitalised words of a sentence, split at possessives (cached)."""
    return tuple(tuple(r) for r in _runs_uncached(text))


def _runs_uncached(text: str) -> list[list[_RunTok]]:
    out: list[list[_RunTok]] = []
    for m in _RUN.finditer(text):
        cur: list[_RunTok] = []
        base = m.start()
        for wm in _NONSPACE.finditer(m.group(0)):
            start = base + wm.start()
            raw = wm.group(0)
            poss = bool(_POSS.search(raw)) and raw[0].isupper()
            if poss:
                raw = _POSS.sub("", raw)
            if raw.endswith(".") and not re.search(r"\.\w", raw) and len(raw) > 2:
                raw = raw[:-1]  # sentence-final dot, not an abbreviation like "U.S."
            norm = _norm_token(raw)
            if norm:
                cur.append(_RunTok(raw, norm, start, start + len(raw)))
            if poss and cur:
                out.append(cur)
                cur = []
        while cur and cur[-1].norm in _CONNECT:
            cur.pop()
        if cur:
            out.append(cur)
    return out


def _strip_lead(run: list[_RunTok]) -> list[_RunTok]:
    i = 0
    while i < len(run) and (run[i].norm in _LEAD_STOP or run[i].norm in _CONNECT):
        i += 1
    return run[i:]


def _clean_entity(text: str, label: str) -> str | None:
    """An entity as a name: no leading "the", possessive, titles (for people), or digits."""
    t = " ".join(text.replace("\n", " ").split())
    t = _DASH_CLAUSE.split(t)[0]  # "David Cameron - and"
    t = _LEADING_ARTICLE.sub("", t)
    t = _PAGE_CHROME.sub("", t)
    t = _TRAILING_WORDS.sub("", t)
    t = _POSS.sub("", t).strip(" ,;:-\"'\u201c\u201d()")
    if label == "PERSON":
        words = t.split()
        while len(words) > 1 and _norm_token(words[0]) in _TITLES:
            words = words[1:]
        t = " ".join(words)
    if len(t) < 2 or re.search(r"\d", t) or not re.search(r"[A-Z]", t):
        return None
    if not t[0].isupper() and not _PARTICLE_NAME.match(t):
        return None
    if len(t.split()) > 7:
        return None
    return t


def _bare_surname(tok: str) -> str | None:
    """The surname without its Arabic article: "al-assad" -> "assad"."""
    m = _PARTICLE_SURNAME.match(tok)
    return m.group(1) if m else None
