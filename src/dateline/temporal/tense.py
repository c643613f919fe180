"""Tense of the clause around an expression: past (-1) or future (+1), from the cue words of
``lang/en/temporal_rules.toml`` (``[patterns]``) and ``temporal.json``."""

from __future__ import annotations

import re

from dateline.temporal import lexicon
from dateline.temporal.patterns import named_pattern

_CLAUSE_BREAK = re.compile(r"[.!?][\"')\]]*\s+(?=[A-Z\"'`(])|[;\n]|``|''|[\"“”]")
_FUTURE_CUE = named_pattern("future_cue")
_PAST_CUE = named_pattern("past_cue")
# words ending in -ed (or "says") that are no past tense
_NOT_PAST = lexicon.NOT_PAST
_FUTURE_AUX = named_pattern("future_auxiliary")
_PAST_AUX = named_pattern("past_auxiliary")
_ARRANGEMENT = named_pattern("arrangement_cue")
_DETERMINER_BEFORE = named_pattern("determiner_before")
_SPAN_EDGE_BEFORE = named_pattern("span_edge_before")
_RELATIVE_BEFORE = named_pattern("relative_clause_before")
_REPORTING_BEFORE_THAT = named_pattern("reporting_before_that")
_INFINITIVE = named_pattern("infinitive")
_PRESENT_PASSIVE = named_pattern("present_passive_before")
_REPORT_FRAME = lexicon.REPORT_FRAME_VERBS


def in_relative_clause(text: str, start: int) -> bool:
    """Whether the date at ``text[start:]`` sits in a relative clause ("the uprising that began
    on January 25"), within its comma-free stretch."""
    lo = max(0, start - 60)
    comma = max(text.rfind(",", lo, start), text.rfind(";", lo, start))
    m = _RELATIVE_BEFORE.search(text, comma + 1 if comma >= 0 else lo, start)
    if m is None:
        return False
    return m["pron"].lower() != "that" or not _REPORTING_BEFORE_THAT.search(text, max(0, m.start() - 40), m.start())


def span_edge(text: str, start: int) -> bool:
    """Whether the date at ``text[start:]`` is the edge of a span or the time of another event
    ("since March 18", "until Friday", "after Tuesday's earthquake"): a sentence saying so
    reports something that is not on that day."""
    return _SPAN_EDGE_BEFORE.search(text, max(0, start - 80), start) is not None


def _last_match(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``text[lo:hi]``."""
    last = None
    for m in pattern.finditer(text, lo, hi):
        last = m
    return last


def _between(brk: re.Pattern[str], reach: int, text: str, start: int, end: int
             ) -> tuple[int, int]:
    """The span around ``text[start:end]`` between the breaks ``brk`` (at most ``reach``
    characters to either side)."""
    lo = max(0, start - reach)
    last = _last_match(brk, text, lo, start)
    lo = last.end() if last else lo
    m = brk.search(text, end, min(len(text), end + reach))
    return lo, (m.start() if m else min(len(text), end + reach))


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    return _between(_CLAUSE_BREAK, 300, text, start, end)


def _cues(text: str, lo: int, hi: int) -> list[tuple[int, int, int]]:
    """(start, end, tense) of the tense cues in text[lo:hi]."""
    out = []
    for m in _FUTURE_CUE.finditer(text, lo, hi):
        out.append((m.start(), m.end(), 1))
    for m in _PAST_CUE.finditer(text, lo, hi):
        w = m.group(0).lower()
        if w in _NOT_PAST or (w.endswith("ed") and _DETERMINER_BEFORE.search(text, max(lo, m.start() - 8), m.start())):
            continue
        t = -1
        if w not in ("was", "were", "had", "did", "said", "told") and not w.startswith("say"):
            before = text[max(lo, m.start() - 48):m.start()]
            fut = _FUTURE_AUX.search(before)
            past = _PAST_AUX.search(before)
            if fut and (not past or fut.start() > past.start()):
                t = 1  # "will be released", "would declare the country liberated"
        if w in ("says", "say"):
            t = 0  # present tense: no information about the reported event
        out.append((m.start(), m.end(), t))
    return out


def has_firm_cue(text: str, start: int, end: int) -> bool:
    """Whether the clause around ``text[start:end]`` holds a cue that settles its tense: a future
    modal or plan phrase, or a past tense that is not a bare -ed word ("met", "was", "said")."""
    lo, hi = _clause(text, start, end)
    for a, b, t in _cues(text, lo, hi):
        if b <= start and _INFINITIVE.search(text, b, start):
            continue  # "had a plane standing by to fly ... on Saturday": the infinitive governs it
        if t > 0:
            return True
        w = text[a:b].lower()
        if t < 0 and not w.endswith("ed") and w not in _REPORT_FRAME \
                and not _PRESENT_PASSIVE.search(text, max(lo, a - 12), a):
            return True  # ("said"/"told" frame a report: they do not date what is reported)
    return False


def tense(text: str, start: int, end: int) -> int:
    """-1 if the clause around ``text[start:end]`` speaks of the past, +1 of the future.

    The nearest tense cue before the expression in the same clause decides (a future modal or
    plan phrase: "will", "are to", "is expected to"; or a past-tense verb); without one, the
    nearest cue after it ("Sunday's vote was ..."); without any, the past, since news reports
    what happened.  A participle after a future auxiliary counts as future ("will be released").
    """
    lo, hi = _clause(text, start, end)
    cues = [c for c in _cues(text, lo, hi) if c[2] != 0]
    left = [c for c in cues if c[1] <= start]
    if left:
        best = max(left, key=lambda c: (c[1], c[2]))
        return best[2]
    right = [c for c in cues if c[0] >= end]
    if right:
        best = min(right, key=lambda c: (c[0], -c[2]))
        return best[2]
    # no cue in the clause: the nearest one in the sentence ("... go to the polls tomorrow;
    # Maine Democrats vote on Sunday")
    slo, shi = _sentence(text, start, end)
    if (slo, shi) != (lo, hi):
        cues = [c for c in _cues(text, slo, shi) if c[2] != 0 and (c[1] <= lo or c[0] >= hi)]
        if cues:
            best = min(cues, key=lambda c: (start - c[1]) if c[1] <= start else (c[0] - end))
            return best[2]
    return -1


_SENTENCE_BREAK = re.compile(r"[.!?][\"')\]]*\s+(?=[A-Z\"'`(])|\n")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    return _between(_SENTENCE_BREAK, 400, text, start, end)


def arranged(text: str, start: int, end: int) -> bool:
    """Whether the clause before ``text[start:end]`` speaks of an arrangement in the present
    progressive ("we're meeting on Saturday", "the team is flying out Monday"), with no past
    cue after it: the day is still to come."""
    lo, _hi = _clause(text, start, end)
    last = _last_match(_ARRANGEMENT, text, lo, start)
    if last is None:
        return False
    return not any(c[2] < 0 for c in _cues(text, last.end(), start))
