"""Figure groups: claims of one head, unit, event, nationality and place whose contexts are
alike (TF-IDF plus noun phrase overlap, average link), their label, running tallies."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from dateline.digest.common import EN, _cos
from dateline.digest.model import DigestConfig, _Claim

_FIGURES = EN.table("digest_figures")
_DISTINCT_PEOPLE = frozenset(_FIGURES["distinct_people"])  # "10 men" and "3 women"
_OF: str = _FIGURES["partitive"]
_EVENT_NAMES: dict[str, str] = EN.table("digest_events")["names"]


def _tfidf(claims: Sequence[_Claim]) -> list[dict[str, float]]:
    df: Counter[str] = Counter()
    for c in claims:
        df.update(set(c.context))
    n = len(claims) + 1
    vecs = []
    for c in claims:
        v = {w: (1 + math.log(k)) * math.log(n / df[w]) for w, k in c.context.items() if df[w]}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    return vecs


def _similar(c: _Claim, d: _Claim) -> float:
    if c.head != d.head or c.unit != d.unit or c.partitive != d.partitive:
        return 0.0
    if c.nationality and d.nationality and c.nationality != d.nationality:
        return 0.0
    if c.event and d.event and c.event != d.event:
        return 0.0
    if c.places and d.places and not (c.places & d.places):
        return 0.0  # "176 deaths in Mexico" and "four deaths in the United States"
    sim = _cos(c.vec, d.vec)
    mc, md = c.mods, d.mods
    if mc or md:
        sim += 0.3 * len(mc & md) / len(mc | md)
    if c.head_text.lower() == d.head_text.lower():
        sim += 0.1
    if c.event and c.event == d.event:
        sim += 0.2
    if c.text == d.text:
        sim -= 0.5  # two numbers of one sentence are rarely the same figure
    hc, hd = c.head_text.lower().rstrip("s"), d.head_text.lower().rstrip("s")
    if hc != hd and {hc, hd} <= _DISTINCT_PEOPLE:
        return 0.0  # "10 men" and "3 women" are two figures
    return sim


def _group(claims: list[_Claim], cfg: DigestConfig) -> list[list[_Claim]]:
    for c, v in zip(claims, _tfidf(claims), strict=True):
        c.vec = v
    order = sorted(range(len(claims)), key=lambda i: (claims[i].head, claims[i].unit or "",
                                                      claims[i].sort_date, claims[i].doc_id,
                                                      claims[i].sentence_index, claims[i].start))
    groups: list[list[int]] = []
    by_head: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in order:
        c = claims[i]
        best, best_sim = None, cfg.group_threshold
        for gi in by_head[(c.head, c.unit or "")]:
            members = groups[gi][-25:]
            sims = [_similar(c, claims[j]) for j in members]
            if min(sims) <= 0.0 and any(
                (claims[j].nationality and c.nationality and claims[j].nationality != c.nationality)
                or (claims[j].event and c.event and claims[j].event != c.event) for j in members
            ):
                continue
            avg = sum(sims) / len(sims)
            if avg >= best_sim:
                best, best_sim = gi, avg
        if best is None:
            groups.append([i])
            by_head[(c.head, c.unit or "")].append(len(groups) - 1)
        else:
            groups[best].append(i)
    return [[claims[i] for i in g] for g in groups]


def _label(group: list[_Claim]) -> str:
    """What a group counts: its most typical noun phrase, and the event when one is named."""
    events = Counter(c.event for c in group if c.event)
    event = sorted(events, key=lambda e: (-events[e], e))[0] if events else None
    suffix = f" ({_EVENT_NAMES[event]})" if event else ""
    if group[0].partitive:
        m = re.search(r"\((.+)\)$", group[0].thing)
        base = m.group(1) if m else group[0].thing
        return f"{base}: {_EVENT_NAMES[event] if event else 'part of them'}"
    heads = Counter(c.head_text.lower() for c in group)
    cands = sorted({c.thing.strip() for c in group
                    if c.thing.strip() and not c.thing.strip().endswith("-")},  # "major British -"
                   key=lambda t: (-heads[t.split()[-1].lower()] if t.split() else 0,
                                  f" {_OF} " in t, len(t), t))
    label = cands[0] if cands else group[0].head_text or group[0].head
    if len(label) <= 2 and group[0].unit:  # "#20m ($32m)": the multiplier read as the thing
        label = "amount"
    return label + suffix


def _spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    def ranks(v: Sequence[float]) -> list[float]:
        order = sorted(range(len(v)), key=lambda i: v[i])
        r = [0.0] * len(v)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2
            i = j + 1
        return r

    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = math.sqrt(sum((a - mx) ** 2 for a in rx))
    vy = math.sqrt(sum((b - my) ** 2 for b in ry))
    return cov / (vx * vy) if vx and vy else 0.0


def _is_tally(group: list[_Claim]) -> bool:
    """Values that move steadily one way over at least three reference dates."""
    pts = [(c.sort_date.toordinal(), c.number) for c in group if c.ref_end and not c.uncertainty]
    if len({p[0] for p in pts}) < 3:
        return False
    return abs(_spearman([p[0] for p in pts], [p[1] for p in pts])) >= 0.7
