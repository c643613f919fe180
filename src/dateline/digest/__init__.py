"""The story digest: who the actors are, how the key figures evolved, where sources disagree.

``build_digest(docs, entries)`` returns a JSON-serialisable dict (schema
``dateline-digest/1``; fields and rules in ``docs/digest.md``).  It is deterministic: the same
documents give the same digest, byte for byte once serialised.  Every item cites its article
(``doc_id``) and sentence.

Actors
------
* **Discovery.**  spaCy NER (the packaged small English model, loaded once per process, only
  its ``ner`` component) finds PERSON, ORG, GPE, LOC, FAC and NORP names, within
  ``ner_word_budget`` words: all of the first ``sentences_per_doc`` sentences with a capitalised
  word of every article when they fit; otherwise the capitalised word runs of the whole corpus
  are counted (a regex) and a few sentences are read for each of the most frequent ones.
* **Merging.**  Titles (Mr, Mrs, Dr, President, Prime Minister, ...), a leading "the" and
  possessives are stripped; case and dots are ignored ("U.S." = "US").  A bare surname
  ("Halvorsen", "Ms Halvorsen") joins the one full name ending with it (or the one named three
  times as often as the others); a bare first name joins the one full name starting with it;
  spelling variants of full names join ("Moammar Gadhafi" = "Muammar Gaddafi"); an acronym joins
  the name whose initials it spells ("UN" = "United Nations"); a corporate suffix is dropped
  ("BP PLC" = BP); a nationality joins its country ("Japanese" -> Japan).
* **Counting.**  Every name and variant is then matched (exact runs of capitalised words, no
  NER) in all sentences of all used articles: articles, mentions, first and last publication
  date, and the timeline entries whose sentences name the actor.
* **Role**, when stated: the words before the name ending with a role noun ("Japan's chief
  negotiator Ingrid Halvorsen"), an apposition after it ("Pavel Kostadinov, director general of
  the Harbour Authority, ...") or before it ("the head of the rescue delegation, Tadateru
  Diallo"); the most frequent one.
* **Salience** = log(1 + articles) x (0.5 + spread) x (1 + share of timeline entries naming
  it) x kind weight; spread is the share of the corpus's publication months (days for stories
  shorter than four months) in which the actor appears; places and nationalities weigh
  0.7 x (1 - 0.5 x share of articles naming them): the setting of a story is less informative
  than the people in it.

Figures
-------
* **Claims.**  Sentences with a number that is not part of a date are tagged (spaCy tagger and
  lemmatizer, within ``figure_word_budget`` words, favouring figures several articles report).
  A claim is a quantity (digits, number words, "2.5 million", "$20bn", "9.5 percent", ranges),
  its qualifier ("at least", "about", "nearly", "more than", "some", "up to", ...), its unit or
  currency, and the thing counted: the noun phrase after the number ("13 Japanese citizens"),
  through a container ("a list of 10 names of people" -> people; "67,000 tons of food" -> food),
  a partitive pronoun resolved to the article's previous claim ("five of them"), or for money
  and percentages the noun they belong to.  Years, durations, ages, clock times, compounds
  ("six-party") and numbers in names ("Flight 253") are not claims.
* **Reference date**: the date named in the sentence nearest the number (dates that bound a
  period, "between 1959 and 1980", "since 2008", are not), else the article's publication date
  (marked when that date was inferred).
* **Grouping**: same head lemma class, same unit, no conflicting nationality, event (killed,
  injured, abducted/missing, evacuated, ...) or place, and TF-IDF context similarity plus noun
  phrase overlap >= ``group_threshold`` (average link).  Claims are listed in the order of the
  end of their reference period ("in 2002" sorts after "18 August 2002").

Discrepancies
-------------
Two claims of one group from two different articles are flagged when (1) their values disagree
after the qualifiers ("at least 11" = [11, inf) agrees with 13; exact and "about N" values are
points, each widened by half of ``tolerance``); (2) they refer to the same time: the same day
(``window_days``), month or year at the same precision, an inferred publication date being
uncertain by 365 x (1 - confidence) days; or both are estimates ("about", "some", ...) of a
figure that is not evolving in these articles (not three values at three dates) made within
``estimate_window_days``; (3) they are clearly about the same thing (context cosine >=
``pair_threshold``, or the same modified noun phrase, both estimates or sharing a place); and
(4) neither is part of a breakdown, an increment ("a further 48"), hedged ("would", "set to",
"over the past decades") or of another scope ("suspected" vs "confirmed").  Anything else is
evolution and is shown in date order, not flagged (10 names in 1999, at least 11 in August 2002,
13 admitted in 2002).

**Conflicting dates for one event**: two sentences from different articles that describe the
same event (content cosine >= ``event_similarity``, four content words in common) and name
different explicit calendar days at most a year apart; time stamps, dates after publication,
templates (three or more dates) and articles of different days each naming its own day are not
events.


Code
----
One concern per module: ``nlp`` (spaCy, loaded once), ``names`` and ``roles`` (names, titles,
roles), ``inventory`` (what NER reads), ``merge`` (name variants), ``actors`` (counting and
ranking), ``numbers``, ``claims`` and ``reference`` (figures in a sentence and their date),
``grouping`` and ``figures`` (figure groups), ``conflicts`` (discrepancies and conflicting
dates), ``model`` (parameters and records).  The English words and patterns are data, read
through :mod:`dateline.lang` (``lang/en/``: ``digest_*``, ``person_titles``, ``role_*``,
``nationalities``, ``corporate_suffixes``; stop words in ``stopwords.json``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dateline.digest.actors import _build_actors, _Matcher, _Places
from dateline.digest.claims import _extract_claims
from dateline.digest.conflicts import _date_conflicts
from dateline.digest.figures import _build_figures, _figure_texts
from dateline.digest.merge import _merge
from dateline.digest.model import SCHEMA, DigestConfig, _Actor, _Claim, _Entity
from dateline.digest.names import _clean_entity, _norm_name, _runs
from dateline.digest.nlp import MODEL, DigestUnavailable, _Aside, _nlp, _run_ner, _run_tagger
from dateline.digest.roles import _role_after, _role_before, _role_preceding_apposition
from dateline.model import Document, TimelineEntry

__all__ = [
    "MODEL", "SCHEMA", "DigestConfig", "DigestUnavailable", "build_digest",
    # used by the tests and benchmarks/digest.py
    "_Actor", "_Claim", "_Entity", "_Matcher", "_clean_entity", "_extract_claims", "_merge",
    "_nlp", "_norm_name", "_role_after", "_role_before", "_role_preceding_apposition",
    "_run_ner", "_run_tagger",
]


def build_digest(docs: Sequence[Document], entries: Sequence[TimelineEntry],
                 config: DigestConfig | None = None, *, parallel: bool = True) -> dict[str, Any]:
    """The story digest of the used documents ``docs`` and the timeline ``entries``.

    Deterministic and JSON-serialisable; see the module docstring and docs/digest.md.
    With ``parallel`` (and a second core), the sentences of the figures are tagged in a forked
    process while this one finds the actors; the digest is the same either way.
    Raises :class:`DigestUnavailable` when the spaCy model cannot be loaded.
    """
    cfg = config or DigestConfig()
    used = sorted((d for d in docs if d.status == "used" and d.sentences), key=lambda d: d.id)
    if not used:
        actors, a_stats, places, figures, discrepancies, f_stats = [], {}, _Places(), [], [], {}
    else:
        picked, texts = _figure_texts(used, cfg)
        aside = _Aside(_run_tagger, texts, parallel=parallel)
        actors, a_stats, places = _build_actors(used, entries, cfg)
        figures, discrepancies, f_stats = _build_figures(used, cfg, places,
                                                         (picked, texts, aside.result()))
    date_conf = _date_conflicts(used, cfg) if used else []
    all_disc = (discrepancies + date_conf)[: cfg.max_discrepancies + cfg.max_date_conflicts]
    for i, d in enumerate(all_disc):
        d["id"] = f"x{i + 1}"
    _runs.cache_clear()
    return {
        "schema": SCHEMA,
        "stats": {"documents": len(used), **a_stats, **f_stats,
                  "discrepancies": len(discrepancies), "date_conflicts": len(date_conf)},
        "params": cfg.to_dict(),
        "actors": actors,
        "figures": figures,
        "discrepancies": [_order_disc(d) for d in all_disc],
    }


def _order_disc(d: dict[str, Any]) -> dict[str, Any]:
    keys = ["id", "kind", "group", "what", "difference", "claims", "rule"]
    return {k: d[k] for k in keys}
