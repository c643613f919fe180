"""Figures over time: which sentences are tagged (within the word budget), their claims,
grouped, ranked and shown in date order with the discrepancies of each group."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from dateline.digest.actors import _Places
from dateline.digest.claims import _PEOPLE, _PERSONS, _TIME_UNITS, _extract_claims, _in_mention
from dateline.digest.common import STOP, _words
from dateline.digest.conflicts import _DISTANCE, _discrepancies
from dateline.digest.grouping import _group, _is_tally, _label
from dateline.digest.model import DigestConfig, _Claim, _claim_dict
from dateline.digest.nlp import _run_tagger
from dateline.digest.numbers import _QUALS, _find_numbers
from dateline.model import Document

_Row = tuple[str, int, int, str]  # doc id, sentence index, words, key of the first number


def _figure_candidates(docs: Sequence[Document], cfg: DigestConfig) -> list[tuple[str, int]]:
    """(doc id, sentence index) of the sentences to tag for figures, within the word budget."""
    rows = _number_sentences(docs, cfg)
    total = sum(r[2] for r in rows)
    if total <= cfg.figure_word_budget:
        return [(a, b) for a, b, _, _ in rows]
    return _spread_over_figures(rows, cfg)


def _number_sentences(docs: Sequence[Document], cfg: DigestConfig) -> list[_Row]:
    """The sentences with a number that is no date, each with the word after its first number."""
    rows: list[_Row] = []
    for d in docs:
        for s in d.sentences[: 3 * cfg.sentences_per_doc]:
            keys = []
            for m in _find_numbers(s.text):
                if _in_mention(s, m.start("num"), m.end("num")):
                    continue
                after = s.text[m.end():m.end() + 40].lower()
                w = re.findall(r"[a-z]+", after)
                key = ("$" if (m.group("cur") or m.group("curw")) else "%" if m.group("pct")
                       else next((x for x in w if x not in STOP and x not in _QUALS), ""))
                if key and key not in _TIME_UNITS and not re.match(r"-", after):
                    keys.append(key.rstrip("s"))
            if keys:
                rows.append((d.id, s.index, _words(s.text), keys[0]))
    return rows


def _spread_over_figures(rows: list[_Row], cfg: DigestConfig) -> list[tuple[str, int]]:
    """Round robin over the figures reported by the most articles, sentences spread over the
    corpus (rows are in document order, documents sorted by id = source/date for T17-like ids)."""
    df: dict[str, set[str]] = defaultdict(set)
    for a, _b, _w, k in rows:
        df[k].add(a)
    by_key: dict[str, list[_Row]] = defaultdict(list)
    for r in rows:
        if r[2] <= 60:
            by_key[r[3]].append(r)
    chosen: dict[tuple[str, int], int] = {}
    used = 0
    ranked = sorted((k for k in by_key if len(df[k]) >= 2), key=lambda k: (-len(df[k]), k))
    per_key = {k: by_key[k][:: max(1, len(by_key[k]) // 30)] for k in ranked[:40]}
    pos = dict.fromkeys(per_key, 0)
    progress = True
    while progress and used < cfg.figure_word_budget:
        progress = False
        for k in per_key:
            lst = per_key[k]
            while pos[k] < len(lst) and (lst[pos[k]][0], lst[pos[k]][1]) in chosen:
                pos[k] += 1
            if pos[k] >= len(lst):
                continue
            r = lst[pos[k]]
            pos[k] += 1
            if used + r[2] > cfg.figure_word_budget:
                continue
            chosen[(r[0], r[1])] = r[2]
            used += r[2]
            progress = True
    return sorted(chosen)


def _select_claims(group: list[_Claim], keep: set[int], cap: int) -> list[_Claim]:
    """At most ``cap`` claims of a group: distinct (value, date), spread over time."""
    uniq: dict[tuple, _Claim] = {}
    texts: set[str] = set()
    for c in sorted(group, key=lambda c: (id(c) not in keep, c.published or dt.date.max, c.doc_id)):
        if c.text in texts and id(c) not in keep:
            continue  # the same sentence reprinted by another article
        texts.add(c.text)
        k = (c.number, c.qualifier, c.unit, c.ref_value)
        if k not in uniq or id(c) in keep:
            uniq.setdefault(k, c)
            if id(c) in keep:
                uniq[k] = c
    lst = sorted(uniq.values(), key=lambda c: (c.sort_date, c.published or dt.date.max, c.doc_id,
                                               c.sentence_index, c.start))
    if len(lst) <= cap:
        return lst
    must = [c for c in lst if id(c) in keep]
    rest = [c for c in lst if id(c) not in keep]
    room = max(0, cap - len(must))
    if room and rest:
        step = len(rest) / room
        picked = [rest[min(len(rest) - 1, int(i * step))] for i in range(room)]
        picked[-1] = rest[-1]
    else:
        picked = []
    ids = {id(c) for c in must + picked}
    return [c for c in lst if id(c) in ids]


def _figure_texts(docs: Sequence[Document], cfg: DigestConfig) -> tuple[list[tuple[str, int]], list[str]]:
    """The (doc id, sentence index) pairs to tag for figures, and their texts."""
    by_id = {d.id: d for d in docs}
    picked = _figure_candidates(docs, cfg)
    return picked, [by_id[a].sentences[b].text for a, b in picked]


def _build_figures(docs: Sequence[Document], cfg: DigestConfig,
                   places: _Places | None = None, tagged: tuple[list[tuple[str, int]], list[str],
                                                                list] | None = None
                   ) -> tuple[list, list, dict[str, int]]:
    """The figure groups and their discrepancies; ``tagged`` is (pairs, texts, tokens) when the
    tagging was done already (see :func:`dateline.digest.build_digest`)."""
    by_id = {d.id: d for d in docs}
    if tagged is None:
        picked, texts = _figure_texts(docs, cfg)
        toks = _run_tagger(texts)
    else:
        picked, texts, toks = tagged
    claims = _claims(by_id, picked, toks)
    if places is not None:
        by_text: dict[str, frozenset[str]] = {}
        for c in claims:
            if c.text not in by_text:
                by_text[c.text] = places(c.text)
            c.places = by_text[c.text]
    stats = {"figure_sentences": len(texts), "figure_words": sum(_words(t) for t in texts),
             "claims": len(claims)}
    if not claims:
        return [], [], stats
    groups = _group(claims, cfg)
    groups = [g for g in groups if _counted(g)]
    groups.sort(key=_group_rank)
    chosen = _shown_groups(groups, len(docs), cfg)
    labelled = [(f"f{i + 1}", _label(g), g) for i, g in enumerate(chosen)]
    disc = _discrepancies(labelled, cfg)
    keep_ids = {(d["group"], d["claims"][k]["doc_id"], d["claims"][k]["sentence_index"],
                 d["claims"][k]["number"]) for d in disc for k in (0, 1)}
    figures = []
    for gid, label, g in labelled:
        keep = {id(c) for c in g if (gid, c.doc_id, c.sentence_index, c.number) in keep_ids}
        figures.append(_figure_row(gid, label, g, _select_claims(g, keep, cfg.max_claims_per_group)))
    stats["figure_groups_found"] = len(groups)
    return figures, disc, stats


def _claims(by_id: dict[str, Document], picked: list[tuple[str, int]],
            tagged: list) -> list[_Claim]:
    """The claims of the tagged sentences; "five of them" refers to the claims of the same
    article at most two sentences before."""
    claims: list[_Claim] = []
    last_doc = None
    prev: list[_Claim] = []
    prev_idx = -10
    for (doc_id, idx), toks in zip(picked, tagged, strict=True):
        if doc_id != last_doc or idx - prev_idx > 2:
            prev = []
        last_doc = doc_id
        doc = by_id[doc_id]
        got = _extract_claims(doc, doc.sentences[idx], toks, prev)
        if got:
            prev = [c for c in got if not c.partitive] or prev
            prev_idx = idx
        claims.extend(got)
    return claims


def _group_rank(g: list[_Claim]) -> tuple:
    n_texts = len({c.text for c in g})  # the same sentence in several articles counts once
    n_dates = len({c.ref_value for c in g})
    n_values = len({c.number for c in g})
    return (-(n_texts * (1 + math.log(n_dates)) * (1 + 0.5 * math.log(n_values))), -len(g),
            g[0].head, g[0].sort_date, g[0].doc_id)


def _counted(g: list[_Claim]) -> bool:
    """A group is a figure when it counts something that happened (killed, evacuated, buried
    ...), counts the people of a nation ("US troops") or measures it in a unit (money, a
    share, tonnes, barrels, square miles): "three
    children", "seven men", "13 charities" or "a 911 call" are no story figures, and neither is
    a distance ("19km (12 miles) west of the capital")."""
    if any(c.event for c in g) or any(_of_a_nation(c) for c in g):
        return True
    unit = g[0].unit
    return bool(unit) and unit.split("/")[0] not in _DISTANCE


def _of_a_nation(c: _Claim) -> bool:
    """ "2,000 Japanese women", "100 Haitian children": people of a nation named by a common
    noun (not "Haitian President Rene Preval", not "13 major British-based charities")."""
    thing = c.thing.strip()
    return bool(c.nationality and c.head_text[:1].islower() and not thing.endswith("-")
                and c.head in _PEOPLE | _PERSONS)


def _shown_groups(groups: list[list[_Claim]], n_docs: int, cfg: DigestConfig) -> list[list[_Claim]]:
    """The groups reported by several articles; single-article ones only for small corpora."""
    multi = [g for g in groups if len({c.doc_id for c in g}) >= 2 and len({c.text for c in g}) >= 2]
    single = [g for g in groups if g not in multi]
    room = cfg.max_figure_groups - len(multi)
    if n_docs > 20:
        room = 0  # in a corpus of any size, a figure one article reports is no story figure
    return (multi + single[: max(0, room)])[: cfg.max_figure_groups]


def _figure_row(gid: str, label: str, g: list[_Claim], shown: list[_Claim]) -> dict[str, Any]:
    dated = [c for c in g if c.ref_end]
    return {
        "id": gid,
        "label": label,
        "head": g[0].head,
        "unit": g[0].unit,
        "event": Counter(c.event for c in g if c.event).most_common(1)[0][0]
        if any(c.event for c in g) else None,
        "articles": len({c.doc_id for c in g}),
        "claims_total": len(g),
        "from": min(c.ref_value for c in dated) if dated else None,
        "to": max(dated, key=lambda c: (c.sort_date, c.ref_value or "")).ref_value if dated else None,
        "running_tally": _is_tally(g),
        "claims": [_claim_dict(c) for c in shown],
        "points": [{"date": c.ref_value, "value": c.number} for c in shown if c.ref_value],
    }
