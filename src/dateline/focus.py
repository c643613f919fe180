"""Focus: keep the articles and sentences about what the user asked for.

When the user gives keywords (``--keywords``) or a query (``--query``, whose content words then
serve as keywords), an article that contains none of them is off-topic: it is left out of the
timeline (and listed in the manifest as skipped, with the reason), and a timeline sentence must
contain at least one of them.  A keyword matches at the start of a word, case-insensitively, so
``libya`` matches "Libyan" and ``bp`` matches "BP's" but not "hbp".  Without keywords or a query
every article is in focus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
    return re.compile(rf"(?<![\w])(?:{alts})", re.IGNORECASE)


def split_on_topic(
    docs: Sequence[Document], keywords: Sequence[str]
) -> tuple[list[Document], list[Document]]:
    """(on-topic, off-topic) documents: on-topic ones mention a keyword in title or text."""
    pat = keyword_pattern(keywords)
    if pat is None:
        return list(docs), []
    on, off = [], []
    for d in docs:
        (on if pat.search(d.title or "") or pat.search(d.text) else off).append(d)
    return on, off
