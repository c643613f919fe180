"""The matching engine: trigger scan, windowed matching, overlap resolution, combinations,
and the public :func:`tag` and :func:`mentions`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from dateline.model import TimeMention
from dateline.temporal.calendar import date_or_none, ok_year
from dateline.temporal.context import Handler, Result, _Ctx
from dateline.temporal.durations import _h_duration, _h_duration_bare, _h_ref, _h_set, _h_time
from dateline.temporal.lexicon import _mod
from dateline.temporal.patterns import _CLAUSE_END, _LEADING_PREPS, named_pattern
from dateline.temporal.relative import (
    _h_ago,
    _h_anaphoric,
    _h_deictic,
    _h_historic,
    _h_holiday,
    _h_month_alone,
    _h_rel_month,
    _h_rel_unit,
    _h_weekday,
)
from dateline.temporal.resolve import (
    _h_century,
    _h_decade,
    _h_decade_short,
    _h_full,
    _h_half,
    _h_iso,
    _h_month_year,
    _h_numeric,
    _h_partial_day,
    _h_quarter,
    _h_quarter_rel,
    _h_season,
    _h_season_year,
    _h_year,
    _h_year_range,
)
from dateline.temporal.rules import (
    _D2S,
    _D4,
    _DSLASH,
    _PRIORITY,
    _RANGE_PRIORITY,
    _TRIGGERS,
    _WORD,
    RULES,
)
from dateline.temporal.timex import Relative, Timex

HANDLERS: dict[str, Handler] = {
    "iso": _h_iso, "iso_slash": _h_iso, "numeric": _h_numeric, "day_month_year": _h_full,
    "month_day_year": _h_full, "day_month": _h_partial_day, "month_day": _h_partial_day,
    "month_year": _h_month_year, "quarter": _h_quarter, "quarter_rel": _h_quarter_rel,
    "half": _h_half, "season_year": _h_season_year, "season": _h_season, "decade": _h_decade,
    "decade_short": _h_decade_short, "century": _h_century, "year": _h_year,
    "year_range": _h_year_range, "ago": _h_ago, "rel_unit": _h_rel_unit,
    "rel_month": _h_rel_month, "month_alone": _h_month_alone, "holiday": _h_holiday,
    "rel_weekday": _h_weekday,
    "weekday": _h_weekday, "deictic": _h_deictic, "anaphoric": _h_anaphoric, "time": _h_time,
    "set": _h_set, "duration": _h_duration, "duration_bare": _h_duration_bare, "ref": _h_ref,
    "historic": _h_historic,
}


Candidate = tuple[int, int, str, re.Match[str]]


def _windows(text: str) -> dict[int, list[tuple[int, int]]]:
    """For each rule that can apply, the merged text windows around its trigger words."""
    n = len(text)
    hits: dict[int, list[int]] = {}
    triggers = _TRIGGERS
    for m in _WORD.finditer(text):
        w = m.group()
        if w[0].isdigit():
            if len(w) == 4:
                key = _D4
            elif len(w) == 2 and text[m.end():m.end() + 1] == "s":
                key = _D2S
            elif m.start() >= 2 and text[m.start() - 1] == "/" and text[m.start() - 2].isdigit():
                key = _DSLASH
            else:
                continue
        else:
            key = w.lower()
        rules = triggers.get(key)
        if rules:
            pos = m.start()
            for r in rules:
                lst = hits.get(r)
                if lst is None:
                    hits[r] = [pos]
                else:
                    lst.append(pos)
    out: dict[int, list[tuple[int, int]]] = {}
    for r, positions in hits.items():
        left, right = RULES[r].left, RULES[r].right + 12  # + the trigger word itself
        spans: list[tuple[int, int]] = []
        cs = ce = -1
        for p in positions:
            s = p - left if p > left else 0
            e = p + right if p + right < n else n
            if s <= ce:
                ce = e
            else:
                if ce >= 0:
                    spans.append((cs, ce))
                cs, ce = s, e
        spans.append((cs, ce))
        out[r] = spans
    return out


def _trim(text: str, s: int, e: int, name: str, m: re.Match[str]) -> tuple[int, int]:
    """Span of a match without leading prepositions and trailing punctuation (TIMEX3 extents
    exclude them)."""
    if name in ("year", "month_alone"):
        cue = m.group("cue") or ""
        if cue and _mod(re.sub(r"[\s-]+", " ", cue.strip(" -")).lower()) is None and \
                _mod("the " + re.sub(r"[\s-]+", " ", cue.strip(" -")).lower()) is None:
            s = m.start("year" if name == "year" else "mon")
        elif name == "month_alone" and cue.strip().lower() in ("in", "since", "by", "until"):
            s = m.start("mon")
    elif name == "duration_bare":
        s = m.start("mod2") if m["mod2"] else m.start("unit")
    elif name == "ago" and m["dir"].lower() in ("before", "after") and not _CLAUSE_END.match(
            text, m.end()):
        e = m.end("unit")  # "a week after the filing": the duration "a week"
    elif name == "time" and (m["approx"] or "").lower().startswith("shortly"):
        s = m.end("approx")
        while s < e and text[s].isspace():
            s += 1
    lead = _LEADING_PREPS.match(text, s, e)
    if lead and lead.end() < e:
        s = lead.end()
    while e > s and text[e - 1] in " ,-\n\t":
        e -= 1
    if e > s and text[e - 1] == "." and not re.search(
            r"(?:[ap]\.\s?m|[AP]\.M|\b[A-Z][a-z]{2,3}|\bc)\.$", text[s:e]):
        e -= 1
    if name in ("weekday", "rel_weekday"):
        poss = re.search(r"\s?['’]s$", text[s:e])
        if poss:
            e = s + poss.start()
    return s, e


def _candidates(text: str, ctx: _Ctx | None = None) -> list[tuple[Candidate, Result]]:
    """Non-overlapping matches that are expressions, in text order, with a first resolution.

    Overlaps are resolved longest first (then by rule order); a match whose handler rejects it
    ("the week" alone, "Fox News Sunday") leaves the place to the next candidate.
    """
    if ctx is None:
        ctx = _Ctx(text, None)
    ctx.probe = True
    out: list[Candidate] = []
    for ri, spans in _windows(text).items():
        rule = RULES[ri]
        for ws, we in spans:
            for m in rule.pattern.finditer(text, ws, we):
                if m.end() == m.start():
                    continue
                if rule.name == "year_range":
                    out.extend(_split_range(m))
                    continue
                s, e = _trim(text, m.start(), m.end(), rule.name, m)
                if e > s:
                    out.append((s, e, rule.name, m))
    # longest first, then the earlier rule, then the earlier position
    out.sort(key=lambda x: (-(x[1] - x[0]), _PRIORITY.get(x[2], _RANGE_PRIORITY), x[0]))
    taken: list[tuple[Candidate, Result]] = []
    # the characters taken so far: a candidate overlaps a span taken iff one of its characters
    # is taken (time linear in the lengths of the spans, whatever their number)
    occupied = bytearray(len(text))
    for cand in out:
        if occupied.find(1, cand[0], cand[1]) < 0:
            res = _handle(cand[2], cand[3], ctx)
            if res is None:
                continue
            taken.append((cand, res))
            occupied[cand[0]:cand[1]] = b"\x01" * (cand[1] - cand[0])
    ctx.probe = False
    taken.sort(key=lambda x: x[0][0])
    return taken


def _split_range(m: re.Match[str]) -> list[Candidate]:
    """"1990-95", "2001–2005": two years (the second completed from the first)."""
    y1 = int(m["y1"])
    y2s = m["y2"]
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    if not (ok_year(y1) and y1 < y2 <= y1 + 50 and 1800 <= y1 <= 2100):
        return []
    return [(m.start("y1"), m.end("y1"), "year_range_a", m),
            (m.start("y2"), m.end("y2"), f"year_range_b{y2}", m)]


def _handle(name: str, m: re.Match[str], ctx: _Ctx) -> Result | None:
    if name == "year_range_a":
        return "DATE", f"{int(m['y1']):04d}", None, None
    if name.startswith("year_range_b"):
        return "DATE", name[len("year_range_b"):], None, None
    try:
        return HANDLERS[name](m, ctx)
    except (OverflowError, ValueError):  # a date off the calendar: not an expression we resolve
        return None


_DAY_VALUE = re.compile(r"(\d{4}-\d\d-\d\d|XXXX-XX-XX|XXXX-WXX-\d)(?:T(MO|AF|EV|NI))?")
_CLOCK_VALUE = re.compile(r"(?:\d{4}-\d\d-\d\d|XXXX-XX-XX)T(\d\d:\d\d)")
_BARE_CLOCK = named_pattern("bare_clock_after")


def _combine(text: str, txs: list[Timex]) -> list[Timex]:
    out: list[Timex] = []
    i = 0
    while i < len(txs):
        a = txs[i]
        b = txs[i + 1] if i + 1 < len(txs) else None
        if b is not None:
            merged = _merge_pair(text, a, b)
            if merged is not None:
                out.append(merged)
                i += 2
                continue
        if a.type == "TIME" and re.search(r"T(MO|AF|EV|NI)$", a.value):
            ext = _BARE_CLOCK.match(text, a.end)
            if ext and int(ext["h"]) <= 12:
                hh = int(ext["h"])
                if a.value.endswith(("AF", "EV", "NI")) and hh < 12:
                    hh += 12
                value = f"{a.value[:-3]}T{hh:02d}:{int(ext['m'] or 0):02d}"
                a = replace(a, end=ext.end(), text=text[a.start:ext.end()], value=value)
        out.append(a)
        i += 1
    return out


def _merge_pair(text: str, a: Timex, b: Timex) -> Timex | None:
    gap = text[a.end:b.start]
    day_a = _DAY_VALUE.fullmatch(a.value)
    clock_b = _CLOCK_VALUE.fullmatch(b.value)
    if day_a and clock_b and a.type in ("DATE", "TIME") and b.type == "TIME" and \
            re.fullmatch(r"\s*(?:,\s*)?(?:at\s+)?", gap):
        value = f"{day_a.group(1)}T{clock_b.group(1)}"
        return Timex(a.start, b.end, text[a.start:b.end], "TIME", value, b.mod, a.relative)
    clock_a = _CLOCK_VALUE.fullmatch(a.value)
    day_b = _DAY_VALUE.fullmatch(b.value)
    if clock_a and day_b and a.type == "TIME" and b.type == "DATE" and \
            re.fullmatch(r"\s*,?\s*", gap) and not day_b.group(2):
        value = f"{day_b.group(1)}T{clock_a.group(1)}"
        return Timex(a.start, b.end, text[a.start:b.end], "TIME", value, a.mod, b.relative)
    if clock_a and day_b and a.type == "TIME" and b.type == "DATE" and \
            re.fullmatch(r"\s+on\s+", gap) and not day_b.group(2):
        # "at 8:50 a.m. on Thursday": two expressions, the time on that day
        return None
    return None


def _reanchor(text: str, txs: list[Timex]) -> list[Timex]:
    """A clock time followed by "on <day>" belongs to that day."""
    out = list(txs)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        clock_a = _CLOCK_VALUE.fullmatch(a.value)
        day_b = _DAY_VALUE.fullmatch(b.value)
        if clock_a and day_b and not day_b.group(2) and re.fullmatch(r"\s+on\s+",
                                                                      text[a.end:b.start]):
            out[i] = replace(a, value=f"{day_b.group(1)}T{clock_a.group(1)}")
    return out


_FULL_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_PERIOD_VALUE = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2]))?")
_CONTEXTUAL = frozenset({"anaphoric", "ago", "rel_unit", "time"})


def tag(text: str, dct: dt.date | None = None) -> list[Timex]:
    """All temporal expressions of ``text``, resolved against ``dct`` when given.

    ``text`` may be a sentence or a whole article: anaphoric expressions ("the next day") use the
    previous day-level date of the text.  Without a DCT, relative expressions keep unresolved
    values (``XXXX-WXX-7``) and their :class:`Relative` description.  Offsets are exact
    character offsets into ``text``.
    """
    if isinstance(dct, dt.datetime):
        dct = dct.date()
    if dct is not None and not ok_year(dct.year):
        dct = None  # a creation time outside 1000..2200 is a bad field, not a reference point
    ctx = _Ctx(text, dct)
    result: list[Timex] = []
    for (s, e, name, m), res in _candidates(text, ctx):
        if name in _CONTEXTUAL:  # resolved again now that the previous dates are known
            res = _handle(name, m, ctx)
            if res is None:
                continue
        ttype, value, mod, rel = res
        result.append(Timex(s, e, text[s:e], ttype, value, mod, rel))
        if ttype in ("DATE", "TIME") and _FULL_DAY.match(value):
            try:
                ctx.last_day = dt.date.fromisoformat(value[:10])
                ctx.last_day_end = e
            except ValueError:
                pass
        elif ttype == "DATE" and (period := _PERIOD_VALUE.fullmatch(value)):
            ctx.last_period = (dt.date(int(period[1]), int(period[2] or 1), 1),
                               "month" if period[2] else "year")
            ctx.last_period_end = e
    return _reanchor(text, _anchor_to_relative_period(text, _combine(text, result), dct))


_PERIOD_GAP = re.compile(r"\s{1,3}(?:of\s+)?")


def _anchor_to_relative_period(text: str, timexes: list[Timex], dct: dt.date | None) -> list[Timex]:
    """Merge a day, month or weekday with a following "last/next/this year|week": "on 25 June
    last year", "in March next year", "Tuesday last week" name one date of that period."""
    out: list[Timex] = []
    i = 0
    while i < len(timexes):
        a = timexes[i]
        b = timexes[i + 1] if i + 1 < len(timexes) else None
        if (
            b is not None and a.type == "DATE" and b.type == "DATE"
            and a.relative is not None and b.relative is not None
            and a.relative.unit in ("monthday", "monthname", "weekday")
            and b.relative.unit in ("year", "week") and abs(b.relative.offset) <= 1
            and b.text.split()[0].lower() in ("last", "next", "this")
            and _PERIOD_GAP.fullmatch(text[a.end:b.start])
            and (b.relative.unit == "week") == (a.relative.unit == "weekday")
        ):
            value = a.value
            ra, off = a.relative, b.relative.offset
            if dct is not None:
                if b.relative.unit == "year":
                    y = dct.year + off
                    value = f"{y:04d}-{ra.month:02d}" + (f"-{ra.day:02d}" if ra.unit == "monthday" else "")
                    if ra.unit == "monthday" and date_or_none(y, ra.month, ra.day) is None:
                        value = a.value
                elif ra.weekday is not None:
                    monday = dct - dt.timedelta(days=dct.weekday()) + dt.timedelta(weeks=off)
                    value = (monday + dt.timedelta(days=ra.weekday)).isoformat()
            out.append(Timex(a.start, b.end, text[a.start:b.end], "DATE", value, a.mod,
                             Relative(ra.unit, off, weekday=ra.weekday, month=ra.month, day=ra.day)))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


_VALUE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T[\w:]+)?")
_CLOCK_WORDS = named_pattern("clock_words")


def to_mention(tx: Timex) -> TimeMention | None:
    """The calendar period of a DATE timex, or of a TIME that names its day ("tomorrow
    morning", "Sunday at 3 p.m."): a day, a month or a year; else None."""
    if tx.type not in ("DATE", "TIME"):
        return None
    if tx.type == "TIME" and not re.search(r"[A-Za-z]{3,}", _CLOCK_WORDS.sub(" ", tx.text)):
        return None  # a bare clock time ("at 10 a.m."): its day is only implied
    m = _VALUE.fullmatch(tx.value)
    if not m:
        return None
    y = int(m.group(1))
    if not ok_year(y):
        return None
    try:
        if m.group(3):
            return TimeMention(tx.start, tx.end, tx.text, tx.value[:10],
                               dt.date(y, int(m.group(2)), int(m.group(3))), "day")
        if m.group(2):
            return TimeMention(tx.start, tx.end, tx.text, tx.value[:7],
                               dt.date(y, int(m.group(2)), 1), "month")
    except ValueError:
        return None
    if tx.type == "TIME":
        return None
    return TimeMention(tx.start, tx.end, tx.text, tx.value[:4], dt.date(y, 1, 1), "year")


def mentions(text: str, dct: dt.date | None = None) -> list[TimeMention]:
    """The calendar dates a text mentions (day, month or year), resolved against its DCT."""
    out = []
    for tx in tag(text, dct):
        tm = to_mention(tx)
        if tm is not None:
            out.append(tm)
    return out
