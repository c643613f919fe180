"""A few representative, non-redundant sentences per selected date.

Candidates for a date are the sentences that name it, and the lead sentences of articles
published that day that name no other date.  They are scored by TF-IDF cosine similarity to the
centroid of the date's candidates (what most reports of the day say), boosted when the sentence
names the date explicitly, when it opens its article, and when it contains the user's query
keywords.  Sentences are then picked greedily (MMR): a sentence too similar to one already
chosen for this date or any other date is skipped, so one event does not appear twice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dateline import focus, lang, temporal
from dateline.config import Config, SummaryWeights
from dateline.dates import DateCandidate, DateKey, conflicts, evidence, is_boundary
from dateline.model import Citation, Document, Sentence, TimelineEntry
from dateline.sentences import shown, stands_alone

_WORD = re.compile(r"[A-Za-z0-9][\w'-]*")
_NON_LETTER = re.compile(r"[\W\d_]+")
# a photo caption: ends with the place and full date of the picture ("... in Damascus June 7,
# 2011.") or carries a picture credit
_CAPTION = re.compile(
    r"(?:,?\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d{1,2},\s+\d{4}\.?\s*$)|\b(?:REUTERS|AFP|AP Photo|Getty Images)\s*/\s*[A-Z]"
)


def usable(text: str) -> bool:
    """Whether a sentence can stand alone in a timeline."""
    words = _WORD.findall(text)
    if not 6 <= len(words) <= 60:
        return False
    if text.rstrip().endswith("?"):
        return False
    if text[:1].islower():
        return False
    if _CAPTION.search(text):
        return False
    letters = len(_NON_LETTER.sub("", text))
    return letters >= 0.6 * len(text.replace(" ", ""))


def filed_under(s: Sentence) -> set[DateKey]:
    """The dates a sentence can be filed under: those it names, but not the edge of a span
    ("since March 18"), nor a date in a relative clause when it names another one ("Mubarak
    stepped down on Friday, ending an uprising that began on January 25")."""
    main: set[DateKey] = set()
    side: set[DateKey] = set()
    for m in s.mentions:
        if temporal.span_edge(s.text, m.start) or (m.granularity != "day" and is_boundary(s.text, m.start, m.end)):
            continue  # ... nor a year or month that only bounds one ("Putin's 2000-2008 presidency")
        (side if temporal.in_relative_clause(s.text, m.start) else main).add(m.key())
    return main or side


@dataclass
class _Cand:
    doc: Document
    sent: Sentence
    explicit: bool


def gather(
    docs: Sequence[Document], keys: set[DateKey], weights: SummaryWeights
) -> dict[DateKey, list[_Cand]]:
    out: dict[DateKey, list[_Cand]] = {k: [] for k in keys}
    for doc in docs:
        for s in doc.sentences:
            named = filed_under(s)  # none left: the sentence may still stand as a lead
            is_lead = bool(doc.published and s.index < weights.lead_sentences and not named)
            if not (is_lead or named & keys) or not usable(s.text):
                continue
            for k in named & keys:
                out[k].append(_Cand(doc, s, True))
            if is_lead:
                # an undated lead reports the day of publication or the day before
                for back in range(weights.lead_days_back + 1):
                    key = (doc.published - dt.timedelta(days=back), "day")
                    if key in keys:
                        out[key].append(_Cand(doc, s, False))
    return out


def summarize(
    docs: Sequence[Document],
    dates: Sequence[DateCandidate],
    config: Config,
    limit: int | None = None,
    weights: SummaryWeights | None = None,  # default: config.summary
) -> list[TimelineEntry]:
    """Entries in date order, ``config.sentences_per_date`` sentences each.

    ``dates`` are ranked candidates, best first; they are taken in that order until ``limit``
    of them (default: all) have a summary.  A date none of whose candidate sentences is usable
    is passed over for the next one.
    """
    weights = weights or config.summary
    keys = {c.key for c in dates}
    pools = gather(docs, keys, weights)
    all_cands = [c for k in sorted(pools) for c in pools[k]]
    if not all_cands:
        return []
    vectors = _vectorize([c.sent.text for c in all_cands], docs, weights)
    if vectors is None:
        return []
    matrix, undated = vectors
    row_of = {id(c): i for i, c in enumerate(all_cands)}
    keywords = focus.keywords_for(config)
    kw_pat = focus.keyword_pattern(keywords)
    by_id = {d.id: d for d in docs}
    chosen_rows: list[int] = []
    entries: list[TimelineEntry] = []
    k_per = max(1, config.sentences_per_date)
    limit = len(dates) if limit is None else limit
    chosen: list[DateCandidate] = []
    # strongest dates choose first, so a shared event lands under its best date
    for cand in dates:
        if len(entries) >= limit:
            break
        pool = pools.get(cand.key, [])
        if not pool or conflicts(cand, chosen):
            continue
        if kw_pat is not None:
            pool = [c for c in pool if kw_pat.search(c.sent.text)]
            if not pool:
                continue
        rows = [row_of[id(c)] for c in pool]
        order = _ranked(pool, matrix[rows], cand, keywords, weights, k_per)
        picked = _pick(pool, rows, order, matrix, undated, chosen_rows, weights, k_per)
        if not picked:
            continue
        chosen.append(cand)
        picked.sort(key=lambda c: (c.doc.published or cand.date, c.doc.id, c.sent.index))
        entries.append(
            TimelineEntry(
                date=cand.date,
                granularity=cand.granularity,
                summary=[_cite(c, cand.key) for c in picked],
                sources=len(cand.support),
                score=round(cand.score, 4),
                low_confidence=_low_confidence(cand, by_id),
                date_inferred=_rests_on_inferred(cand, picked, by_id),
                background=cand.background,
                evidence=evidence(cand, len(entries) + 1),  # rank among the timeline's dates
            )
        )
    entries.sort(key=lambda e: (e.date, e.granularity != "day"))
    return entries


def _vectorize(texts: list[str], docs: Sequence[Document], weights: SummaryWeights):  # noqa: ANN202
    """TF-IDF rows of the candidate sentences (term weights from the candidates, or from the
    whole collection), and the same rows without the words that name a date (numbers, months,
    weekdays: two sentences filed under one day share them by construction), each row of unit
    length; or None when every candidate is stop words only."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    vec = TfidfVectorizer(stop_words=lang.tfidf_stop_words(), sublinear_tf=True, dtype=np.float32)
    try:
        if weights.idf == "corpus":  # term weights from the whole collection
            corpus = [s.text for d in docs for s in d.sentences]
            step = max(1, len(corpus) // 60000)
            vec.fit(corpus[::step])
            matrix = vec.transform(texts)
        else:
            matrix = vec.fit_transform(texts)
    except ValueError:
        return None
    calendar = lang.calendar_words()
    keep = np.array([not (t in calendar or _NUMBER.fullmatch(t)) for t in vec.get_feature_names_out()])
    undated = normalize(matrix[:, np.flatnonzero(keep)]) if not keep.all() else matrix
    return matrix, undated


_NUMBER = re.compile(r"\d+(?:st|nd|rd|th|s)?")


def _ranked(pool: list[_Cand], sub, cand: DateCandidate, keywords: list[str],  # noqa: ANN001
            weights: SummaryWeights, k_per: int) -> list[int]:
    """Indices into ``pool``, best first: similarity to the pool's centroid, boosted for naming
    the date, leading an article, looking back at the day and containing query keywords."""
    centroid = np.asarray(sub.mean(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid))
    sims = (sub @ centroid) / norm if norm else np.zeros(len(pool))
    sims = np.asarray(sims).ravel()
    scored = []
    for i, c in enumerate(pool):
        low = c.sent.text.lower()
        kw = min(3, sum(1 for k in keywords if k in low)) if keywords else 0
        s = float(sims[i])
        s *= 1 + weights.explicit * c.explicit + weights.lead * (c.sent.index == 0)
        if c.explicit and c.doc.published and c.doc.published > cand.date + dt.timedelta(days=1):
            s *= 1 + weights.later  # a look back at the day: what it is remembered for
        s *= 1 + weights.keyword * kw
        if not stands_alone(c.sent.text):
            s *= weights.dependent
        scored.append((s, c.doc.published or cand.date, c.doc.id, c.sent.index, i))
    scored.sort(key=lambda t: (-t[0], t[1], t[2], t[3]))
    if weights.method == "opt" and norm:
        boost = {t[4]: (t[0] / float(sims[t[4]]) if sims[t[4]] > 0 else 0.0) for t in scored}
        return _centroid_opt(sub, centroid / norm, boost, [t[4] for t in scored], 4 * k_per)
    return [t[4] for t in scored]


def _pick(pool: list[_Cand], rows: list[int], order: list[int], matrix, undated,  # noqa: ANN001
          chosen_rows: list[int], weights: SummaryWeights, k_per: int) -> list[_Cand]:
    """Up to ``k_per`` sentences in ``order``, skipping repeats of one already chosen (same
    words, cosine above ``weights.redundancy`` with any sentence of the timeline so far, or
    above ``weights.same_day_redundancy`` with one chosen for this date, not counting the words
    that name the date: ``undated``);
    the rows chosen are added to ``chosen_rows``."""
    picked: list[_Cand] = []
    picked_idx: list[int] = []
    seen_text: set[str] = set()
    for i in order:
        if len(picked) >= k_per:
            break
        r = rows[i]
        norm_text = " ".join(_WORD.findall(pool[i].sent.text.lower()))
        if norm_text in seen_text:
            continue
        if chosen_rows:
            overlap = (matrix[chosen_rows] @ matrix[r].T).toarray().ravel()
            if overlap.size and float(overlap.max()) > weights.redundancy:
                continue
        if picked:  # two reports of one event under one date: the second is a repeat
            same_day = (undated[[rows[j] for j in picked_idx]] @ undated[r].T).toarray().ravel()
            if float(same_day.max()) > weights.same_day_redundancy:
                continue
        picked.append(pool[i])
        picked_idx.append(i)
        chosen_rows.append(r)
        seen_text.add(norm_text)
    return picked


def _centroid_opt(sub, centroid: np.ndarray, boost: dict[int, float], order: list[int],
                  n: int) -> list[int]:
    """Greedy CentroidOpt (news-tls): repeatedly add the sentence that brings the sum of the
    chosen sentences' vectors closest to the centroid (times its boosts).  Returns up to ``n``
    candidates in choice order (the caller still applies the redundancy filter)."""
    top = order[:50]
    dense = {i: row for i, row in zip(top, sub[top].toarray(), strict=True)}
    total = np.zeros_like(centroid)
    out: list[int] = []
    left = list(top)
    while left and len(out) < n:
        best, best_val = None, -1.0
        for i in left:
            v = total + dense[i]
            nv = float(np.linalg.norm(v))
            val = (float(v @ centroid) / nv if nv else 0.0) * boost.get(i, 1.0)
            if val > best_val + 1e-12:
                best, best_val = i, val
        if best is None:
            break
        out.append(best)
        total = total + dense[best]
        left.remove(best)
    return out + [i for i in order if i not in set(out)]


def _low_confidence(cand: DateCandidate, by_id: dict[str, Document]) -> bool:
    support = [by_id[i] for i in cand.support if i in by_id]
    if not support:
        return True
    return all(d.inferred and d.date_confidence < 0.5 for d in support)


def _rests_on_inferred(cand: DateCandidate, picked: Sequence[_Cand], by_id: dict[str, Document]) -> bool:
    """Whether the day is known only through inferred publication dates: every supporting
    article's date was inferred, and no cited sentence names the day with its year."""
    support = [by_id[i] for i in cand.support if i in by_id]
    if not support or not all(d.inferred for d in support):
        return False
    year = str(cand.date.year)
    return not any(m.key() == cand.key and year in m.text for c in picked for m in c.sent.mentions)


def _cite(c: _Cand, key: DateKey) -> Citation:
    d = c.doc
    # an item of a chronology opens with the date it is filed under: shown without it
    opening = next((m for m in c.sent.mentions if m.start == 0), None)
    text = shown(c.sent.text) if opening is not None and opening.key() == key else c.sent.text
    return Citation(
        text=text,
        doc_id=d.id,
        source=d.source,
        url=d.url,
        title=d.title,
        published=d.published.isoformat() if d.published else None,
        date_inferred=d.inferred,
    )
