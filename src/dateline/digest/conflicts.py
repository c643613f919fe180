"""Where sources disagree: two claims of one figure group that contradict each other at the
same time, and two articles that give one event two different days (docs/digest.md)."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from dateline.digest.common import CALENDAR, EN, STOP, _cos, _fmt_date, _iso
from dateline.digest.grouping import _similar
from dateline.digest.model import DigestConfig, _Claim, _claim_dict
from dateline.model import Document, Sentence, TimeMention

_DISTANCE = EN.words("digest_distance_units")


def _month_prefixes() -> list[str]:
    """Each month's abbreviations, or its name when it has none (jan ... may ... sep, sept ...)."""
    out = []
    for name, month in CALENDAR["months"].items():
        abbr = [a for a, n in CALENDAR["month_abbreviations"].items() if n == month]
        out += abbr or [name]
    return out


_MONTH_RE = re.compile(rf"\b(?:{'|'.join(_month_prefixes())})[a-z]*\.?\b", re.I)
_CLOCK = re.compile(EN.table("digest_dates")["patterns"]["clock"])
_CW = re.compile(r"[A-Za-z][a-z'-]+")

# ------------------------------------------------------------------------ figures


def _is_evolving(group: list[_Claim], tol: float) -> bool:
    """Three or more different values reported for three or more different reference dates."""
    values: list[float] = []
    for c in sorted(group, key=lambda c: c.number):
        if not values or c.number > values[-1] * (1 + tol):
            values.append(c.number)
    return len(values) >= 3 and len({c.ref_value for c in group if c.ref_value}) >= 3


def _gap_days(a: _Claim, b: _Claim) -> int | None:
    """Days between the reference periods of two claims (0 when they overlap), None if unknown."""
    if not (a.ref_start and b.ref_start and a.ref_end and b.ref_end):
        return None
    a0 = a.ref_start - dt.timedelta(days=a.uncertainty)
    a1 = a.ref_end + dt.timedelta(days=a.uncertainty)
    b0 = b.ref_start - dt.timedelta(days=b.uncertainty)
    b1 = b.ref_end + dt.timedelta(days=b.uncertainty)
    if a1 < b0:
        return (b0 - a1).days
    if b1 < a0:
        return (a0 - b1).days
    return 0


def _same_time(a: _Claim, b: _Claim, window: int) -> bool:
    ga, gb = a.ref_granularity, b.ref_granularity
    if ga is None or gb is None or ga != gb:
        return False  # "in 2002" is not comparable with a day of 2002
    if ga != "day":
        return a.ref_start == b.ref_start  # the same month, the same year
    gap = _gap_days(a, b)
    return gap is not None and gap <= window


def _claim_phrase(c: _Claim) -> str:
    q = f"{c.qualifier} " if c.qualifier and c.qualifier.lower() not in c.display.lower() else ""
    when = _fmt_date(c.ref_value)
    if c.ref_basis == "published (inferred)":
        when += ", date inferred"
    src = c.source or c.doc_id
    return f"{q}{c.display} ({when}; {src})"


def _discrepancies(groups: list[tuple[str, str, list[_Claim]]], cfg: DigestConfig) -> list[dict[str, Any]]:
    found: list[tuple[float, dict[str, Any]]] = []
    for gid, label, group in groups:
        found += _flagged(gid, label, _disagreeing_pairs(group, cfg), cfg)
    found.sort(key=lambda x: (int(x[1]["group"][1:]), -x[0]))  # by group rank, then size
    return [d for _, d in found[: cfg.max_discrepancies]]


def _disagreeing_pairs(group: list[_Claim], cfg: DigestConfig) -> list[tuple[float, _Claim, _Claim, str]]:
    """(relative difference, a, b, rule) of the pairs of claims of a group that disagree,
    largest difference first."""
    evolving = _is_evolving(group, cfg.tolerance)
    pairs = []
    for i in range(len(group)):
        for j in range(i + 1, len(group)):
            a, b = group[i], group[j]
            if not _may_disagree(a, b, cfg):
                continue
            rule = _pair_rule(a, b, evolving, cfg)
            if rule is None:
                continue
            if _similar(a, b) < cfg.group_threshold or not _same_thing(a, b, cfg):
                continue  # not clearly about the same thing
            lo = min(a.number, b.number)
            diff = abs(a.number - b.number) / lo if lo else math.inf
            if diff <= cfg.tolerance:
                continue
            pairs.append((diff, a, b, rule))
    pairs.sort(key=lambda p: (-p[0], p[1].sort_date, p[1].doc_id, p[2].doc_id,
                              p[1].sentence_index, p[2].sentence_index))
    return pairs


def _may_disagree(a: _Claim, b: _Claim, cfg: DigestConfig) -> bool:
    """Two claims of different articles, comparable, whose values are inconsistent."""
    if a.doc_id == b.doc_id or a.text == b.text or a.part or b.part:
        return False
    if (a.unit or "").split("/")[0] in _DISTANCE:
        return False  # distances are mostly of different things ("800 km" from where?)
    if a.increment or b.increment or a.scope != b.scope or a.hedged or b.hedged:
        return False  # "a further 48 deaths"; "suspected" vs "confirmed"; "would send"
    if _states(a.text, b) or _states(b.text, a):
        return False  # one article gives both values: two different figures
    ia = a.interval(cfg.tolerance / 2)
    ib = b.interval(cfg.tolerance / 2)
    return not (ia[0] <= ib[1] and ib[0] <= ia[1])  # else consistent


def _pair_rule(a: _Claim, b: _Claim, evolving: bool, cfg: DigestConfig) -> str | None:
    """Why two inconsistent claims are a discrepancy (they refer to the same time), or None."""
    if _same_time(a, b, cfg.window_days):
        gap = _gap_days(a, b) or 0
        if a.ref_granularity == "year":
            when = f"the same year ({a.ref_value})"
        elif gap == 0 and a.ref_value == b.ref_value and not (a.uncertainty or b.uncertainty):
            when = f"the same reference date ({_fmt_date(a.ref_value)})"
        else:
            when = f"reference dates at most {cfg.window_days} days apart"
            if a.uncertainty or b.uncertainty:
                when = "reference dates that may coincide (a publication date is inferred)"
        return f"same figure, {when}, different articles"
    if (a.qualifier == "about" and b.qualifier == "about" and not evolving
            and (a.ref_granularity == "year") == (b.ref_granularity == "year")):
        gap = _gap_days(a, b)
        if gap is not None and gap <= cfg.estimate_window_days:
            return (f"two estimates of a figure that is not evolving in these articles, made "
                    f"at most {cfg.estimate_window_days} days apart by different articles")
    return None


def _flagged(gid: str, label: str, pairs: list[tuple[float, _Claim, _Claim, str]],
             cfg: DigestConfig) -> list[tuple[float, dict[str, Any]]]:
    """The discrepancies of one group: at most three, each pair of values and sentences once."""
    out: list[tuple[float, dict[str, Any]]] = []
    seen_values: set[tuple] = set()
    kept = 0
    for diff, a, b, rule in pairs:
        a, b = sorted((a, b), key=lambda c: (c.sort_date, c.doc_id, c.sentence_index))
        vk = (a.number, b.number)
        if vk in seen_values or (a.text, b.text) in seen_values or kept >= 3:
            continue
        seen_values.add(vk)
        seen_values.add((a.text, b.text))
        kept += 1
        pct = "more than 100 %" if diff > 1 else f"{round(diff * 100)} %"
        out.append((diff, {
            "kind": "figure",
            "group": gid,
            "what": f"{label}: {_claim_phrase(a)} vs {_claim_phrase(b)}",
            "difference": round(min(diff, 1e6), 4),
            "claims": [_claim_dict(a), _claim_dict(b)],
            "rule": f"{rule}; values differ by {pct} after allowing for the qualifiers "
                    f"(tolerance {round(cfg.tolerance * 100)} %)",
        }))
    return out


def _same_thing(a: _Claim, b: _Claim, cfg: DigestConfig) -> bool:
    """Strict test for a discrepancy: the two sentences say much the same, or the two claims
    count the very same noun phrase ("about 1,800 Japanese women" / "about 2,000 Japanese
    women") and are both estimates or name a place in common."""
    if _cos(a.vec, b.vec) >= cfg.pair_threshold:
        return True
    same_np = a.mods and a.mods == b.mods and a.head_text.lower() == b.head_text.lower()
    approx = a.qualifier == "about" and b.qualifier == "about"
    return bool(same_np and (approx or (a.places & b.places)))


def _states(text: str, c: _Claim) -> bool:
    """Does ``text`` state the value of claim ``c`` (as a number with the same digits)?"""
    core = re.sub(r"^\D+", "", c.display).split()[0] if re.search(r"\d", c.display) else c.display
    return bool(core) and re.search(rf"(?<![\d,.]){re.escape(core)}(?![\d,])", text) is not None


# -------------------------------------------------------------------------- dates

_Item = tuple[Document, Sentence, TimeMention, Counter]  # a sentence naming one explicit day


def _explicit_day(m: TimeMention) -> bool:
    return m.granularity == "day" and bool(re.search(r"\d", m.text)) and (
        bool(_MONTH_RE.search(m.text)) or bool(re.match(r"\d{4}-\d\d-\d\d", m.text)))


def _date_conflicts(docs: Sequence[Document], cfg: DigestConfig) -> list[dict[str, Any]]:
    items = _drop_templates(_dated_sentences(docs))
    if len(items) < 2:
        return []
    df: Counter[str] = Counter()
    for it in items:
        df.update(set(it[3]))
    n = len(items) + 1
    vecs = []
    for it in items:
        v = {w: (1 + math.log(k)) * math.log(n / df[w]) for w, k in it[3].items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    out: list[tuple[float, dict[str, Any]]] = []
    seen: set[tuple] = set()
    for (i, j), k in sorted(_shared_words(items, df, n).items()):
        if k < 3:
            continue
        found = _date_conflict(items[i], items[j], (vecs[i], vecs[j]), cfg, seen)
        if found is not None:
            out.append(found)
    out.sort(key=lambda x: (-round(x[0], 6), x[1]["claims"][0]["doc_id"], x[1]["claims"][1]["doc_id"]))
    return [d for _, d in out[: cfg.max_date_conflicts]]


def _dated_sentences(docs: Sequence[Document]) -> list[_Item]:
    """Sentences that name one explicit calendar day (no time stamp, no later date) and their
    content words."""
    items: list[_Item] = []
    for d in docs:
        for s in d.sentences:
            days = [m for m in s.mentions if m.granularity == "day"]
            if len(days) != 1 or not _explicit_day(days[0]):
                continue
            m = days[0]
            near = s.text[max(0, m.start - 22):m.end + 22]
            if _CLOCK.search(near):
                continue  # a time stamp ("At 13:04 3rd Jun 2010, X wrote"), not an event
            if d.published and m.date > d.published + dt.timedelta(days=1):
                continue  # a plan or a later stamp, not a report
            rest = s.text[: m.start] + " " + s.text[m.end:]
            words = Counter(w.lower() for w in _CW.findall(rest)
                            if w.lower() not in STOP and not _MONTH_RE.fullmatch(w) and len(w) > 2)
            if len(words) >= 5:
                items.append((d, s, m, words))
    return items


def _drop_templates(items: list[_Item]) -> list[_Item]:
    """A sentence that comes with three or more different dates is a template ("A version
    appeared in print on ..."), not an event."""
    dates_of: dict[str, set[dt.date]] = defaultdict(set)
    for _d, _s, m, words in items:
        dates_of[" ".join(sorted(words))].add(m.date)
    return [it for it in items if len(dates_of[" ".join(sorted(it[3]))]) < 3]


def _shared_words(items: list[_Item], df: Counter[str], n: int) -> Counter[tuple[int, int]]:
    """How many of their rarer words each pair of sentences shares."""
    index: dict[str, list[int]] = defaultdict(list)
    limit = max(20, n // 20)
    for i, it in enumerate(items):
        for w in it[3]:
            if df[w] <= limit:
                index[w].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for lst in index.values():
        if len(lst) > 200:
            continue
        for x in range(len(lst)):
            for y in range(x + 1, len(lst)):
                shared[(lst[x], lst[y])] += 1
    return shared


def _date_conflict(a: _Item, b: _Item, vecs: tuple[dict[str, float], dict[str, float]], cfg: DigestConfig,
                   seen: set[tuple]) -> tuple[float, dict[str, Any]] | None:
    """Two sentences of different articles about one event with different days, or None."""
    if a[0].id == b[0].id or a[2].date == b[2].date:
        return None
    if abs((a[2].date - b[2].date).days) > 366:
        return None
    if a[0].published != b[0].published and all(
            x[0].published and abs((x[2].date - x[0].published).days) <= 3 for x in (a, b)):
        return None  # articles of different days each reporting its own day: a recurring scene
    common = set(a[3]) & set(b[3])
    if len(common) < 4:
        return None
    sim = _cos(*vecs)
    if sim < cfg.event_similarity:
        return None
    a, b = sorted((a, b), key=lambda it: (it[2].date, it[0].id, it[1].index))
    key = (a[2].date, b[2].date, tuple(sorted(common))[:3])
    if key in seen:
        return None
    seen.add(key)
    claims = []
    for d, s, m, _w in (a, b):
        claims.append({
            "value": _fmt_date(m.date.isoformat()), "number": None, "qualifier": None,
            "low": None, "unit": None, "thing": m.text, "date": m.date.isoformat(),
            "date_granularity": "day", "date_basis": "mention", "text": s.text,
            "doc_id": d.id, "sentence_index": s.index, "source": d.source, "title": d.title,
            "published": _iso(d.published),
        })
    return (sim, {
        "kind": "date",
        "group": None,
        "what": f"One event, two dates: {_fmt_date(a[2].date.isoformat())} "
                f"({a[0].source or a[0].id}) vs {_fmt_date(b[2].date.isoformat())} "
                f"({b[0].source or b[0].id})",
        "difference": abs((b[2].date - a[2].date).days),
        "claims": claims,
        "rule": f"two articles describe the same event (content similarity {sim:.2f} >= "
                f"{cfg.event_similarity}) and name different explicit days",
    })
