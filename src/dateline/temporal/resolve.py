"""Value handlers of absolute and calendar-named dates: ISO and numeric dates, day and
month, quarters, halves, seasons, decades, centuries, years."""

from __future__ import annotations

import re

from dateline.temporal.calendar import (
    month_value,
    ok_year,
    quarter_of,
    season_year,
    shift_value,
    valid_day,
    year_for_monthday,
)
from dateline.temporal.context import Result, _Ctx
from dateline.temporal.lexicon import DECADE_WORDS, ORDINALS, SEASONS, _mod, _month_of, _weekday_of
from dateline.temporal.patterns import named_pattern
from dateline.temporal.tense import tense
from dateline.temporal.timex import Relative

_P_HALF_YEAR_AFTER = named_pattern("half_year_after")
_P_HALF_CALENDAR_CONTEXT = named_pattern("half_calendar_context")
_P_SEASON_NOT_AFTER = named_pattern("season_not_after")
_P_YEAR_CUE_BEFORE = named_pattern("year_cue_before")
_P_LINE_STAMP = named_pattern("line_stamp")


def _h_iso(m: re.Match[str], c: _Ctx) -> Result | None:
    d = valid_day(int(m["year"]), int(m["month"]), int(m["day"]))
    if d is None:
        return None
    if m.groupdict().get("hh"):
        return "TIME", f"{d.isoformat()}T{m['hh']}:{m['mm']}", None, None
    return "DATE", d.isoformat(), None, None


def _h_numeric(m: re.Match[str], c: _Ctx) -> Result | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["year"])
    if m["sep"] == ".":  # European d.m.y
        d = valid_day(y, b, a)
    elif a > 12:  # d/m/y
        d = valid_day(y, b, a)
    else:  # US m/d/y
        d = valid_day(y, a, b) or valid_day(y, b, a)
    return ("DATE", d.isoformat(), None, None) if d else None


def _h_full(m: re.Match[str], c: _Ctx) -> Result | None:
    month = _month_of(m["mon"])
    if month is None:
        return None
    d = valid_day(int(m["year"]), month, int(m["day"]))
    return ("DATE", d.isoformat(), None, None) if d else None


def _h_partial_day(m: re.Match[str], c: _Ctx) -> Result | None:
    """"August 18" / "18 August": the year comes from the DCT and the tense."""
    month = _month_of(m["mon"])
    day = int(m["day"])
    if month is None or not 1 <= day <= 31:
        return None
    if m["mon"][:1].islower() and m["mon"].lower() not in ("may",):
        return None
    wd = _weekday_of(m["wd"]) if m.groupdict().get("wd") else None
    direction = tense(c.text, m.start(), m.end())
    rel = Relative("monthday", direction, month=month, day=day)
    if c.dct is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", None, rel
    year = year_for_monthday(c.dct, month, day, direction)
    if wd is not None:  # "Tuesday, March 6": the weekday picks the year when it can
        for y in (year, year - 1, year + 1):
            d0 = valid_day(y, month, day)
            if d0 and d0.weekday() == wd:
                year = y
                break
    d = valid_day(year, month, day)
    return ("DATE", d.isoformat(), None, rel) if d else None


def _h_month_year(m: re.Match[str], c: _Ctx) -> Result | None:
    month = _month_of(m["mon"])
    y = int(m["year"])
    if month is None or not ok_year(y):
        return None
    return "DATE", month_value(y, month), _mod(m["modw"]), None


def _rel_year(word: str | None, c: _Ctx, start: int, end: int) -> tuple[int | None, Relative | None]:
    """The year of "the first quarter [of last year]": explicit, relative or by tense."""
    if word:
        w = re.sub(r"\s+", " ", word.lower())
        n = -1 if ("last" in w or "previous" in w) else 1 if ("next" in w or "following" in w) else 0
        if c.dct is None:
            return None, Relative("year", n)
        return c.dct.year + n, Relative("year", n)
    if c.dct is None:
        return None, Relative("year", 0)
    return c.dct.year, Relative("year", 0)


def _h_quarter(m: re.Match[str], c: _Ctx) -> Result | None:
    qw = m["q"].lower()
    if qw == "last" and not (m["year"] or m["ry"]):
        return None  # "the last quarter": the previous quarter, handled by quarter_rel
    q = ORDINALS.get(qw)
    if q is None or q > 4:
        return None
    if m["year"]:
        return "DATE", f"{int(m['year']):04d}-Q{q}", None, None
    y, rel = _rel_year(m["ry"] if m["ry"] and m["ry"].lower() != "the" else None, c, m.start(),
                       m.end())
    if y is None:
        return "DATE", f"XXXX-Q{q}", None, rel
    if not m["ry"]:  # "the first quarter": this year's or last year's, by tense
        cur = quarter_of(c.dct)
        if tense(c.text, m.start(), m.end()) < 0 and q > cur:
            y -= 1
        elif tense(c.text, m.start(), m.end()) > 0 and q < cur:
            y += 1
    return "DATE", f"{y:04d}-Q{q}", None, rel


def _h_quarter_rel(m: re.Match[str], c: _Ctx) -> Result | None:
    w = m["which"].lower()
    n = -1 if w in ("last", "previous", "past") else 1 if w in ("next", "coming") else 0
    rel = Relative("month", 3 * n)
    if c.dct is None:
        return "DATE", "XXXX-QX", None, rel
    return "DATE", shift_value(c.dct, "quarter", n), None, rel


def _h_half(m: re.Match[str], c: _Ctx) -> Result | None:
    h = 1 if m["h"].lower() in ("first", "1st") else 2
    if m["year"]:
        return "DATE", f"{int(m['year']):04d}-H{h}", None, None
    ry = m["ry"] if m["ry"] and m["ry"].lower() != "the" else None
    if not ry and not re.search(r"\bof\s+the\s+year", m.group(0), re.I):
        # a bare "the first half": only when it is clearly about the calendar
        if not _P_HALF_YEAR_AFTER.match(c.text[m.end():]):
            if not _P_HALF_CALENDAR_CONTEXT.search(c.text[max(0, m.start() - 80):m.end() + 80]):
                return None
    y, rel = _rel_year(ry, c, m.start(), m.end())
    if y is None:
        return "DATE", f"XXXX-H{h}", None, rel
    return "DATE", f"{y:04d}-H{h}", None, rel


def _h_season_year(m: re.Match[str], c: _Ctx) -> Result | None:
    y = int(m["year"])
    if not ok_year(y):
        return None
    return "DATE", f"{y:04d}-{SEASONS[m['season'].lower()]}", _mod(m["modw"]), None


def _h_season(m: re.Match[str], c: _Ctx) -> Result | None:
    season_word = m["season"]
    season = SEASONS[season_word.lower()]
    which = re.sub(r"\s+", " ", m["which"].lower())
    if season_word[0].isupper() and which == "the":
        return None  # "the Arab Spring", "the Spring Festival"
    if which == "the":
        if season_word.lower() == "fall":
            return None  # "the fall of the regime"
        after = c.text[m.end():m.end() + 12]
        if _P_SEASON_NOT_AFTER.match(after):
            return None
    if which in ("last", "the past", "the previous", "this past"):
        n = -1
    elif which in ("next", "the coming", "the following", "this coming"):
        n = 1
    else:
        n = 0
    rel = Relative("season", n)
    if c.dct is None:
        return "DATE", f"XXXX-{season}", _mod(m["modw"]), rel
    direction = tense(c.text, m.start(), m.end()) if which == "the" else 0
    y = season_year(c.dct, season, n, direction)
    return "DATE", f"{y:04d}-{season}", _mod(m["modw"]), rel


def _h_decade(m: re.Match[str], c: _Ctx) -> Result | None:
    if not m["the"] and not m["modw"]:
        before = c.text[max(0, m.start() - 12):m.start()]
        if re.search(r"(?:\$|€|£|\d)\s*$", before):
            return None
    return "DATE", m["dec"][:3], _mod(m["modw"]), None


def _h_decade_short(m: re.Match[str], c: _Ctx) -> Result | None:
    digit = int(m["d2"]) if m["d2"] else DECADE_WORDS[m["dw"].lower()]
    century = (c.dct.year // 100) if c.dct else 19
    if c.dct and digit * 10 > c.dct.year % 100:
        century -= 1
    elif not c.dct and digit == 0:
        century = 20
    return "DATE", f"{century:02d}{digit}", _mod(m["modw"]), None


def _h_century(m: re.Match[str], c: _Ctx) -> Result | None:
    n = int(m["n"]) if m["n"] else ORDINALS.get(re.sub(r"[\s-]+", " ", m["nw"].lower()))
    if not n:
        return None
    return "DATE", f"{n - 1:02d}", _mod(m["modw"] or m["modw2"]), None


_NOT_YEAR_BEFORE = named_pattern("year_not_before")


def _line_stamp(text: str, pos: int) -> bool:
    """Whether the number at ``pos`` opens its line as a live page's time stamp."""
    line = text.rfind("\n", 0, pos) + 1
    return not text[line:pos].strip() and _P_LINE_STAMP.match(text, pos) is not None


def _h_year(m: re.Match[str], c: _Ctx) -> Result | None:
    y = int(m["year"])
    if not ok_year(y):
        return None
    cue = re.sub(r"[\s-]+", " ", (m["cue"] or "").lower()).strip()
    before = c.text[max(0, m.start("year") - 40):m.start("year")]
    after = c.text[m.end():m.end() + 30]
    prev_word = re.search(r"([A-Za-z][\w.'’-]*)\W*$", before)
    pw = prev_word.group(1) if prev_word else ""
    strong = _P_YEAR_CUE_BEFORE.search(before)
    if not cue and _NOT_YEAR_BEFORE.search(before):
        return None
    if not cue and _line_stamp(c.text, m.start("year")):
        return None  # "1901 The minister says ...": the time stamp of a live page
    if not cue and not strong:
        if not 1900 <= y <= 2100:
            return None
        # a model, flight, resolution number: "Windows 2000", "Flight 2012", "Unit 1999"
        if pw[:1].isupper() and pw.lower() not in ("in", "since", "by", "until", "from",
                                                    "during", "before", "after", "between",
                                                    "the", "and", "of", "on", "at", "for"):
            sent_start = re.search(r"(?:^|[.!?:;\n\"“”`']\s*|\s-\s)" + re.escape(pw) + r"\W*$",
                                   before)
            if not sent_start and not _month_of(pw) and not _weekday_of(pw):
                return None
        # a count: "1998 containers", "2010 tonnes"; a plural noun right after the number
        nxt = re.match(r"\s+([a-z]+)", after)
        if nxt and re.fullmatch(r"[a-z]{3,}s", nxt.group(1)) and not re.search(
                r"(?:ss|is|us|ics|ous)$", nxt.group(1)):
            return None
    elif strong and not cue:
        weak = strong.group(0).strip().lower().rstrip(",- ")
        if weak in ("the", "and", "or", "to", "of", "than", "for", "as", "on", "at") \
                and not 1900 <= y <= 2100:
            return None  # "the 1500 troops"
        if weak in ("for", "as", "on", "at", "than") and not (1950 <= y <= 2050):
            return None
        if weak in ("the", "a") and re.match(r"\s+[a-z]+s\b", after) and not re.match(
                r"\s+(?:[a-z]+ss|[a-z]+is|[a-z]+us|olympics|games|elections|polls|talks|"
                r"protests|riots|attacks|floods|finals|hearings|negotiations|accords|"
                r"midterms|primaries|riots|uprisings)\b", after):
            return None  # "the 1999 containers"
    return "DATE", f"{y:04d}", _mod(cue) if cue else None, None


def _h_year_range(m: re.Match[str], c: _Ctx) -> Result | None:
    return None  # split into two years by :func:`_split_range`
