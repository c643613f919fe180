"""Temporal tagging: find time expressions in text and resolve them to TIMEX3 values.

A rule-based tagger in the spirit of HeidelTime's English news rules, in pure Python:

* absolute dates: ``2002-08-18``, ``Wednesday, 7 March 2007``, ``August 29, 2012``,
  ``in October of 2000``, ``August 1998``, ``in 2002``, ``the 1970s``, ``summer of 2002``;
* dates relative to the document creation time (DCT, the publication date): ``today``,
  ``yesterday``, ``tomorrow morning``, ``Sunday`` (before or after the DCT by the tense of the
  clause: "met Sunday" vs "are to meet Sunday"), ``earlier Tuesday``, ``last December``,
  ``next week``, ``this year``, ``15 months ago``, ``August 18`` (year from the DCT and tense);
* anaphoric dates resolved against the previous date of the same text: ``the next day``;
* durations (``for two years`` -> ``P2Y``), sets (``every year`` -> ``P1Y``), times
  (``at 3 p.m.``), and the reference words ``now``/``recently``.

:func:`tag` returns :class:`Timex` objects (offsets, type, value, modifier and, for relative
expressions, the :class:`Relative` description so that a caller without a DCT can still reason
about them); :func:`mentions` keeps the calendar dates (day, month or year) as
:class:`~dateline.model.TimeMention` for the timeline stages; :func:`to_timeml` writes
inline TIMEX3 markup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from dateline.model import TimeMention

MIN_YEAR, MAX_YEAR = 1000, 2200

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "hundred": 100, "a dozen": 12, "several": None, "a few": None, "few": None, "many": None,
}
UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE",
         "hour": "H", "minute": "MIN", "fortnight": "FN"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                "seventies": 7, "eighties": 8, "nineties": 9}


@dataclass(frozen=True)
class Relative:
    """How a relative expression points from its reference time.

    ``unit`` is ``day``, ``week``, ``month``, ``year`` (a signed ``offset`` of that many units:
    "15 months ago" = month/-15), ``weekday`` (``weekday`` 0=Monday; ``offset`` -1 past,
    +1 future, 0 unknown), ``monthname`` (``month``; "last December"), ``monthday``
    (``month`` and ``day``; "August 18") or ``season``/``anaphoric``.
    """

    unit: str
    offset: int
    weekday: int | None = None
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True)
class Timex:
    """One temporal expression: character offsets into the tagged text and its TIMEX3 value."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: str | None = None  # START | MID | END | APPROX | ...
    relative: Relative | None = None


# --------------------------------------------------------------------------------------------
# patterns
# --------------------------------------------------------------------------------------------

_MONTH_NAME = (r"(?:January|February|March|April|May|June|July|August|September|October|"
               r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|"
               r"Oct\.?|Nov\.?|Dec\.?)")
_MONTH_NAME_UP = _MONTH_NAME.upper().replace(r"\.?", r"\.?")
_MON = rf"(?P<mon>{_MONTH_NAME}|(?:{_MONTH_NAME_UP}))"
_WEEKDAY_NAME = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                 r"Mon\.|Tues?\.|Wed\.|Thu(?:rs?)?\.|Fri\.|Sat\.|Sun\.)")
_WD_PREFIX = rf"(?:(?P<wdp>{_WEEKDAY_NAME}),?\s+(?:the\s+)?)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[0-9]|2[01])\d\d)"
_YEAR_SUFFIX = r"(?![\d,]?\d)"
_NUM = (r"(?P<num>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
        r"fifty|sixty|a dozen|several|a few|few|many)")
_UNIT = r"(?P<unit>days?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies))"
_MOD = r"(?:(?P<mod>early|earlier|mid|middle|late|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of)[\s-]+(?:in\s+)?)?"
_PART = r"(?P<part>morning|afternoon|evening|night)"

_MOD_VALUES = {
    "early": "START", "earlier": "START", "the beginning of": "START", "the start of": "START",
    "mid": "MID", "middle": "MID", "the middle of": "MID", "late": "END", "later": "END",
    "the end of": "END", "the first half of": "START", "the second half of": "END",
}


def _c(p: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(p, flags)


I = re.IGNORECASE  # noqa: E741  (used for the case-insensitive parts only)

# (name, pattern) in priority order; overlapping matches are resolved longest-first
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", _c(r"(?<![\d/-])(?P<year>(?:1[0-9]|2[01])\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
               r"(?:[T ](?P<hh>[0-2]\d):(?P<mm>[0-5]\d)(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\d-])")),
    ("iso_slash", _c(r"(?<![\d/])(?P<year>(?:1[0-9]|2[01])\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?![\d/])")),
    ("numeric", _c(r"(?<![\d/.])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:1[0-9]|2[01])\d\d)(?![\d/.]\d)")),
    ("day_month_year", _c(_WD_PREFIX + _DAY + r"\s+(?:of\s+)?" + _MON + r",?\s+" + _YEAR + _YEAR_SUFFIX)),
    ("month_day_year", _c(_WD_PREFIX + _MON + r"\s+" + _DAY + r",?\s+" + _YEAR + _YEAR_SUFFIX)),
    ("day_month", _c(_WD_PREFIX + r"(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MON + r"(?!\s*,?\s*\d)")),
    ("month_day", _c(_WD_PREFIX + _MON + r"\s+" + _DAY + r"(?![\d,]*\d|\s*,?\s*(?:1[0-9]|2[01])\d\d)(?!\s*(?:%|percent|per cent))")),
    ("month_year", _c(r"(?:(?P<modw>[Ee]arly|[Mm]id|[Ll]ate|[Tt]he\s+end\s+of|[Tt]he\s+beginning\s+of|[Tt]he\s+start\s+of|[Tt]he\s+middle\s+of)[\s-]+)?"
                      + _MON + r",?\s+(?:of\s+)?" + _YEAR + _YEAR_SUFFIX)),
    ("season_year", _c(r"(?:(?P<modw>[Ee]arly|[Mm]id|[Ll]ate)[\s-]+)?(?:the\s+)?(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\s+(?:of\s+)?" + _YEAR + _YEAR_SUFFIX)),
    ("quarter_year", _c(r"(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+(?:of\s+)?" + _YEAR + _YEAR_SUFFIX, I)),
    ("year_range", _c(r"(?<![\d,.$])(?P<y1>(?:1[0-9]|2[01])\d\d)\s*[-\u2013]\s*(?P<y2>(?:1[0-9]|2[01])\d\d|\d\d)(?![\d,]?\d)")),
    ("decade", _c(r"(?:(?P<modw>[Ee]arly|[Mm]id|[Ll]ate)[\s-]+)?(?P<dec>(?:1[0-9]|20)\d0)'?s\b")),
    ("decade_short", _c(r"\b(?:the\s+)(?:(?P<modw>early|mid|late)[\s-]+)?(?:'(?P<d2>\d)0s|(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b", I)),
    ("year", _c(r"(?:(?P<cue>\b(?:in|In|since|Since|by|By|until|Until|till|from|From|of|during|During|before|Before|after|After|throughout|around|circa|between|and|to|through|year|the|The|fiscal|[Ee]arly|[Mm]id|[Ll]ate|[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter))[\s-]+)"
                + r"(?P<year>(?:1[0-9]|2[01])\d\d)(?P<poss>'s)?(?![\d,.]?\d)(?!\s*(?:%|percent|per cent|people|troops|soldiers|men|women|children|dollars|euros|yen|pounds|tons|tonnes|km|miles|metres|meters|feet|cases|deaths|votes))")),
    ("year_poss", _c(r"(?<![\d,.$])(?P<year>(?:19|20)\d\d)'s\b")),
    ("ago", _c(r"\b(?:about\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+|just\s+)?" + _NUM + r"[\s-]+" + _UNIT + r"\s+(?P<dir>ago|earlier|before|later|from\s+now|hence)\b", I)),
    ("rel_unit", _c(r"\b(?:(?P<mod2>early|earlier|late|later|mid)[\s-]+(?:in\s+)?)?(?P<which>last|past|previous|next|coming|this|current|following)\s+(?P<unit>week|weekend|month|year|decade|century|spring|summer|autumn|fall|winter)\b(?!\s+(?:old|olds)\b)", I)),
    ("earlier_this", _c(r"\b(?P<mod2>earlier|later)\s+(?:in\s+)?(?P<which>this)\s+(?P<unit>week|month|year)\b", I)),
    ("rel_month", _c(r"\b(?:(?P<modw>early|mid|late)[\s-]+)?(?P<which>last|next|this|past|previous|coming)\s+" + _MON)),
    ("rel_weekday", _c(r"\b(?P<which>last|next|this|coming|past|[Ee]arlier|[Ll]ater|[Ee]arly|[Ll]ate|[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<wd>" + _WEEKDAY_NAME + r")(?:\s+(?P<part>morning|afternoon|evening|night))?")),
    ("weekday", _c(r"(?<![A-Za-z])(?P<wd>" + _WEEKDAY_NAME + r")(?:'s)?(?:\s+(?P<part>morning|afternoon|evening|night))?(?!\s+(?:Times|Telegraph|Mirror|Express|Herald|Post|Observer|Independent|Agreement|Star|Sport|Tribune|Mail|Prayers?|Club|League|Group|Night\s+Live)\b)")),
    ("deictic", _c(r"\b(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight|this\s+(?:morning|afternoon|evening)|last\s+night)(?:\s+(?P<part>morning|afternoon|evening|night))?\b", I)),
    ("anaphoric", _c(r"\b(?P<word>the\s+(?:next|following|previous|same)\s+day|the\s+day\s+before|the\s+day\s+after|that\s+day|a\s+day\s+(?:later|earlier)|(?:the\s+)?(?:next|following)\s+morning)\b", I)),
    ("month_alone", _c(r"(?:(?P<cue>\b(?:in|In|since|Since|by|By|until|Until|till|from|From|of|during|During|before|Before|after|After|early|Early|mid|Mid|late|Late|through|throughout|last|Last|next|Next|this|This|end\s+of|End\s+of)[\s-]+))"
                       + r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Sept?\.|Oct\.|Nov\.|Dec\.|Jan\.|Feb\.|Aug\.)(?!\s*,?\s*\d)")),
    ("season", _c(r"\b(?:(?P<which>last|next|this|the\s+coming|the\s+past)\s+)?(?P<season>spring|summer|autumn|winter)\b(?!\s+(?:of\s+)?\d)(?=[\s,.;:]|$)", I)),
    ("time", _c(r"\b(?:at\s+)?(?P<h>[01]?\d)(?::(?P<m>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b)|\b(?P<noon>noon|midnight)\b")),
    ("duration", _c(r"\b(?:(?:for|over|within|during|after|in)\s+(?:the\s+(?:past|last|next|first|coming)\s+)?(?:about\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+|at\s+least\s+)?|(?:the\s+(?:past|last|next|first|coming)\s+))" + _NUM + r"[\s-]+" + _UNIT + r"\b(?!\s+(?:ago|earlier|before|later|from\s+now|old))", I)),
    ("duration_bare", _c(r"\b(?P<num>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)[\s-]+(?P<unit>days?|weeks?|months?|years?|decades?)(?:-long|\s+long)?\b(?!\s+(?:ago|earlier|before|later|from\s+now|old))", I)),
    ("set", _c(r"\b(?P<word>every\s+(?:day|week|month|year|morning|night|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)|each\s+(?:day|week|month|year)|daily|weekly|monthly|annually|yearly|once\s+a\s+(?:day|week|month|year))\b")),
    ("ref", _c(r"\b(?P<word>now|currently|recently|nowadays|at\s+present|the\s+future|in\s+the\s+past|these\s+days)\b", I)),
]

# --------------------------------------------------------------------------------------------
# tense
# --------------------------------------------------------------------------------------------

_FUTURE_CUES = re.compile(
    r"\b(?:will|won't|'ll|shall|would|is\s+to|are\s+to|was\s+to|were\s+to|to\s+be\s+held|plans?\s+to|"
    r"planned\s+to|planning\s+to|scheduled|schedule|expected\s+to|expects?\s+to|due\s+to|set\s+to|"
    r"going\s+to|aims?\s+to|hopes?\s+to|intends?\s+to|upcoming|next|begins?|starts?|opens?)\b",
    re.I,
)
_PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|said|told|met|began|held|ended|went|came|took|gave|made|left|won|lost|"
    r"saw|became|fell|rose|ago|last|earlier|been|announced|\w{3,}ed)\b",
    re.I,
)
_NOT_PAST = frozenset({"scheduled", "expected", "planned", "united", "need", "proceed", "speed",
                       "indeed", "red", "bed", "seed", "feed", "hundred", "aimed", "intended",
                       "supposed", "slated", "committed", "prepared", "determined", "concerned",
                       "interested", "based", "related", "named", "called", "armed"})


def tense(text: str, start: int, end: int) -> int:
    """-1 if the clause around ``text[start:end]`` speaks of the past, +1 of the future.

    The nearest tense cue (a future modal or plan phrase, or a past-tense verb) in the same
    clause decides; future cues win ties, since "said they will meet Sunday" is about the future.
    """
    lo = max(text.rfind(";", 0, start), text.rfind(":", 0, start), text.rfind(". ", 0, start), -1) + 1
    hi_candidates = [i for i in (text.find(";", end), text.find(". ", end)) if i >= 0]
    hi = min(hi_candidates) if hi_candidates else len(text)
    best_future = best_past = 10**6
    for m in _FUTURE_CUES.finditer(text, lo, hi):
        best_future = min(best_future, _distance(m, start, end))
    for m in _PAST_CUES.finditer(text, lo, hi):
        if m.group(0).lower() in _NOT_PAST:
            continue
        best_past = min(best_past, _distance(m, start, end))
    if best_future == best_past == 10**6:
        return -1  # news reports what happened
    return 1 if best_future <= best_past else -1


def _distance(m: re.Match[str], start: int, end: int) -> int:
    if m.end() <= start:
        return start - m.end()
    if m.start() >= end:
        return m.start() - end
    return 0


# --------------------------------------------------------------------------------------------
# date arithmetic and values
# --------------------------------------------------------------------------------------------


def _ok_year(y: int) -> bool:
    return MIN_YEAR <= y <= MAX_YEAR


def _day(y: int, m: int, d: int) -> dt.date | None:
    if not _ok_year(y):
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    y2, m2 = divmod(y * 12 + (m - 1) + n, 12)
    return y2, m2 + 1


def _month_value(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _week_value(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _num(tok: str) -> int | None:
    tok = re.sub(r"\s+", " ", tok.lower())
    if tok.isdigit():
        return int(tok)
    return NUMBERS.get(tok)


def _unit(tok: str) -> str:
    t = tok.lower()
    if t.startswith("centur"):
        return "century"
    return t[:-1] if t.endswith("s") else t


def _month_of(tok: str) -> int | None:
    return MONTHS.get(tok.lower().rstrip("."))


def _weekday_of(tok: str) -> int | None:
    return WEEKDAYS.get(tok.lower().rstrip("."))


def _with_part(value: str, part: str | None) -> str:
    return f"{value}T{PARTS[part.lower()]}" if part else value


def _year_for_month(dct: dt.date, month: int, direction: int, strict: bool) -> int:
    """Year of a month named without one: the nearest such month before (direction -1) or after
    (+1) the DCT; with ``strict`` ("last December") the DCT's own month does not count."""
    if direction < 0:
        return dct.year if (month < dct.month or (month == dct.month and not strict)) else dct.year - 1
    return dct.year if (month > dct.month or (month == dct.month and not strict)) else dct.year + 1


def _weekday_date(dct: dt.date, wd: int, direction: int, strict: bool) -> dt.date:
    diff = (wd - dct.weekday()) % 7
    if direction < 0:
        back = (dct.weekday() - wd) % 7
        if strict and back == 0:
            back = 7
        return dct - dt.timedelta(days=back)
    if strict and diff == 0:
        diff = 7
    return dct + dt.timedelta(days=diff)


# --------------------------------------------------------------------------------------------
# the tagger
# --------------------------------------------------------------------------------------------


@dataclass
class _Ctx:
    text: str
    dct: dt.date | None
    last_day: dt.date | None = None  # for anaphora: the last day-level date of the text


Handler = Callable[[re.Match[str], _Ctx], tuple[str, str, str | None, Relative | None] | None]


def _h_iso(m: re.Match[str], c: _Ctx):
    d = _day(int(m["year"]), int(m["month"]), int(m["day"]))
    if d is None:
        return None
    if m.groupdict().get("hh"):
        return "TIME", f"{d.isoformat()}T{m['hh']}:{m['mm']}", None, None
    return "DATE", d.isoformat(), None, None


def _h_numeric(m: re.Match[str], c: _Ctx):
    a, b, y = int(m["a"]), int(m["b"]), int(m["year"])
    if m["sep"] == ".":  # European d.m.y
        d = _day(y, b, a)
    elif a > 12:  # d/m/y
        d = _day(y, b, a)
    else:  # US m/d/y
        d = _day(y, a, b)
    return ("DATE", d.isoformat(), None, None) if d else None


def _h_full(m: re.Match[str], c: _Ctx):
    month = _month_of(m["mon"])
    if month is None:
        return None
    d = _day(int(m["year"]), month, int(m["day"]))
    return ("DATE", d.isoformat(), None, None) if d else None


def _h_partial_day(m: re.Match[str], c: _Ctx):
    """"August 18" / "18 August": the year comes from the DCT and the tense."""
    month = _month_of(m["mon"])
    day = int(m["day"])
    if month is None or not 1 <= day <= 31:
        return None
    direction = tense(c.text, m.start(), m.end())
    rel = Relative("monthday", direction, month=month, day=day)
    if c.dct is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", None, rel
    year = c.dct.year
    if direction < 0 and (month, day) > (c.dct.month, c.dct.day) and month - c.dct.month > 1:
        year -= 1
    elif direction > 0 and (month, day) < (c.dct.month, c.dct.day) and c.dct.month - month > 1:
        year += 1
    d = _day(year, month, day)
    return ("DATE", d.isoformat(), None, rel) if d else None


def _mod_of(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    w = g.get("modw") or g.get("mod2") or g.get("mod")
    if not w:
        return None
    return _MOD_VALUES.get(re.sub(r"\s+", " ", w.lower()))


def _h_month_year(m: re.Match[str], c: _Ctx):
    month = _month_of(m["mon"])
    y = int(m["year"])
    if month is None or not _ok_year(y):
        return None
    return "DATE", _month_value(y, month), _mod_of(m), None


def _h_season_year(m: re.Match[str], c: _Ctx):
    y = int(m["year"])
    return ("DATE", f"{y:04d}-{SEASONS[m['season'].lower()]}", _mod_of(m), None) if _ok_year(y) else None


def _h_quarter(m: re.Match[str], c: _Ctx):
    q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
    return "DATE", f"{int(m['year']):04d}-Q{q[m['q'].lower()]}", None, None


def _h_year_range(m: re.Match[str], c: _Ctx):
    y1 = int(m["y1"])
    y2s = m["y2"]
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    if not (_ok_year(y1) and y1 < y2 <= y1 + 50):
        return None
    return "DURATION", f"P{y2 - y1}Y", None, None


def _h_decade(m: re.Match[str], c: _Ctx):
    return "DATE", m["dec"][:3], _mod_of(m), None


def _h_decade_short(m: re.Match[str], c: _Ctx):
    digit = int(m["d2"]) if m["d2"] else DECADE_WORDS[m["dw"].lower()]
    century = (c.dct.year // 100) if c.dct else 19
    if c.dct and digit * 10 > c.dct.year % 100:
        century -= 1
    return "DATE", f"{century:02d}{digit}", _mod_of(m), None


def _h_year(m: re.Match[str], c: _Ctx):
    y = int(m["year"])
    if not _ok_year(y):
        return None
    cue = (m.groupdict().get("cue") or "").lower().strip(" -")
    if cue in ("and", "to", "the", "of", "from", "between", "around") and not m.groupdict().get("poss"):
        # weaker cues: only plausible calendar years (not "the 1500 troops")
        if not 1900 <= y <= 2100:
            return None
    mod = _MOD_VALUES.get(cue.strip(" -")) if cue.strip(" -") in ("early", "mid", "late") else None
    return "DATE", f"{y:04d}", mod, None


def _h_year_poss(m: re.Match[str], c: _Ctx):
    return "DATE", m["year"], None, None


def _h_ago(m: re.Match[str], c: _Ctx):
    n = _num(m["num"])
    unit = _unit(m["unit"])
    direction = m["dir"].lower()
    if direction in ("earlier", "before", "later"):
        return None  # relative to a narrative time we do not track: leave it to the reader
    sign = -1 if direction == "ago" else 1
    if unit not in ("day", "week", "month", "year", "decade", "century", "fortnight"):
        return None
    if unit == "fortnight":
        unit, n = "week", 2 * n if n else None
    if unit in ("decade", "century"):
        n = (n or 0) * (10 if unit == "decade" else 100) if n else None
        unit = "year"
    if n is None:
        rel = Relative(unit, sign)  # "several years ago": direction only
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, rel
    rel = Relative(unit, sign * n)
    if c.dct is None:
        return "DATE", "XXXX", None, rel
    return "DATE", _shift_value(c.dct, unit, sign * n), None, rel


def _shift_value(dct: dt.date, unit: str, n: int) -> str:
    if unit == "day":
        return (dct + dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return _week_value(dct + dt.timedelta(weeks=n))
    if unit == "month":
        return _month_value(*_add_months(dct.year, dct.month, n))
    return f"{dct.year + n:04d}"


def _h_rel_unit(m: re.Match[str], c: _Ctx):
    which = m["which"].lower()
    unit = m["unit"].lower()
    mod = _mod_of(m)
    if which in ("last", "past", "previous"):
        n = -1
    elif which in ("next", "coming", "following"):
        n = 1
    else:
        n = 0
    if which in ("past", "last") and unit in ("week", "month", "year", "decade") and re.match(
        r"\s+(?:\w+\s+)?(?:days?|weeks?|months?|years?)\b", c.text[m.end():]
    ):
        return None  # "the last two years": a duration, matched elsewhere
    if unit in SEASONS:
        rel = Relative("season", n)
        if c.dct is None:
            return "DATE", f"XXXX-{SEASONS[unit]}", mod, rel
        y = c.dct.year + (n if n else 0)
        return "DATE", f"{y:04d}-{SEASONS[unit]}", mod, rel
    if unit == "weekend":
        rel = Relative("week", n)
        if c.dct is None:
            return "DATE", "XXXX-WXX-WE", mod, rel
        return "DATE", _week_value(c.dct + dt.timedelta(weeks=n)) + "-WE", mod, rel
    if unit == "decade":
        rel = Relative("year", 10 * n)
        if c.dct is None:
            return "DATE", "XXX", mod, rel
        return "DATE", f"{(c.dct.year + 10 * n) // 10:03d}", mod, rel
    if unit == "century":
        rel = Relative("year", 100 * n)
        if c.dct is None:
            return "DATE", "XX", mod, rel
        return "DATE", f"{(c.dct.year + 100 * n) // 100:02d}", mod, rel
    rel = Relative(unit, n)
    if c.dct is None:
        return "DATE", "XXXX", mod, rel
    return "DATE", _shift_value(c.dct, unit, n), mod, rel


def _h_rel_month(m: re.Match[str], c: _Ctx):
    month = _month_of(m["mon"])
    if month is None:
        return None
    which = m["which"].lower()
    direction = -1 if which in ("last", "past", "previous") else 1 if which in ("next", "coming") else 0
    rel = Relative("monthname", direction, month=month)
    if c.dct is None:
        return "DATE", f"XXXX-{month:02d}", _mod_of(m), rel
    if direction == 0:  # "this December": of the DCT's year
        return "DATE", _month_value(c.dct.year, month), _mod_of(m), rel
    return "DATE", _month_value(_year_for_month(c.dct, month, direction, True), month), _mod_of(m), rel


def _h_month_alone(m: re.Match[str], c: _Ctx):
    month = _month_of(m["mon"])
    if month is None:
        return None
    cue = re.sub(r"\s+", " ", (m["cue"] or "").strip(" -\t\n").lower())
    if m["mon"] == "May" and cue in ("by", "of", "to", "till", "until"):
        return None  # "by May" is fine, but "of May" could be the modal verb/name: be strict
    if cue in ("last",):
        direction, strict = -1, True
    elif cue in ("next",):
        direction, strict = 1, True
    elif cue == "this":
        direction, strict = 0, False
    elif cue in ("since", "after"):
        direction, strict = -1, False
    else:
        direction, strict = tense(c.text, m.start(), m.end()), False
    mod = _MOD_VALUES.get(cue) if cue in ("early", "mid", "late") else ("END" if "end" in cue else None)
    rel = Relative("monthname", direction, month=month)
    if c.dct is None:
        return "DATE", f"XXXX-{month:02d}", mod, rel
    if direction == 0:
        return "DATE", _month_value(c.dct.year, month), mod, rel
    return "DATE", _month_value(_year_for_month(c.dct, month, direction, strict), month), mod, rel


def _h_weekday(m: re.Match[str], c: _Ctx):
    wd = _weekday_of(m["wd"])
    if wd is None:
        return None
    which = (m.groupdict().get("which") or "").lower()
    if which in ("last", "past"):
        direction, strict = -1, True
    elif which in ("next", "coming"):
        direction, strict = 1, True
    elif which in ("earlier", "early"):
        direction, strict = -1, False
    elif which in ("later", "late"):
        direction, strict = 1, False
    else:
        direction, strict = tense(c.text, m.start(), m.end()), False
    rel = Relative("weekday", direction, weekday=wd)
    part = m.groupdict().get("part")
    if c.dct is None:
        return "DATE", _with_part(f"XXXX-WXX-{wd + 1}", part), None, rel
    d = _weekday_date(c.dct, wd, direction, strict)
    return "DATE", _with_part(d.isoformat(), part), None, rel


def _h_deictic(m: re.Match[str], c: _Ctx):
    w = re.sub(r"\s+", " ", m["word"].lower())
    offsets = {"the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1,
               "today": 0, "tomorrow": 1, "tonight": 0, "this morning": 0, "this afternoon": 0,
               "this evening": 0, "last night": -1}
    n = offsets[w]
    part = m.groupdict().get("part")
    if w in ("tonight", "last night"):
        part = "night"
    elif w.startswith("this "):
        part = w.split()[1]
    rel = Relative("day", n)
    if c.dct is None:
        return "DATE", _with_part("XXXX-XX-XX", part), None, rel
    return "DATE", _with_part((c.dct + dt.timedelta(days=n)).isoformat(), part), None, rel


def _h_anaphoric(m: re.Match[str], c: _Ctx):
    w = re.sub(r"\s+", " ", m["word"].lower())
    if "next" in w or "following" in w or "after" in w or "later" in w:
        n = 1
    elif "previous" in w or "before" in w or "earlier" in w:
        n = -1
    else:
        n = 0
    rel = Relative("anaphoric", n)
    if c.last_day is None:
        return "DATE", "XXXX-XX-XX", None, rel
    return "DATE", (c.last_day + dt.timedelta(days=n)).isoformat(), None, rel


def _h_season(m: re.Match[str], c: _Ctx):
    season = SEASONS[m["season"].lower()]
    which = (m["which"] or "").lower()
    if not which:
        return None  # a bare season word is too often not a date ("Arab Spring")
    n = -1 if which in ("last", "the past") else 1 if which in ("next", "the coming") else 0
    rel = Relative("season", n)
    if c.dct is None:
        return "DATE", f"XXXX-{season}", None, rel
    return "DATE", f"{c.dct.year + n:04d}-{season}", None, rel


def _h_time(m: re.Match[str], c: _Ctx):
    if m["noon"]:
        hh, mm = (12, 0) if m["noon"].lower() == "noon" else (0, 0)
    else:
        hh = int(m["h"])
        mm = int(m["m"] or 0)
        if not 1 <= hh <= 12:
            return None
        ampm = m["ampm"].lower().replace(".", "")
        if ampm == "pm" and hh != 12:
            hh += 12
        if ampm == "am" and hh == 12:
            hh = 0
    day = c.dct.isoformat() if c.dct else "XXXX-XX-XX"
    return "TIME", f"{day}T{hh:02d}:{mm:02d}", None, None


def _h_duration(m: re.Match[str], c: _Ctx):
    n = _num(m["num"])
    unit = _unit(m["unit"])
    code = UNITS.get(unit)
    if code is None:
        return None
    amount = "X" if n is None else str(n)
    if code == "DE":
        code, amount = "Y", "X" if n is None else str(n * 10)
    elif code == "CE":
        code, amount = "Y", "X" if n is None else str(n * 100)
    elif code == "FN":
        code, amount = "D", "X" if n is None else str(n * 14)
    return "DURATION", f"P{amount}{code}", None, None


def _h_set(m: re.Match[str], c: _Ctx):
    w = re.sub(r"\s+", " ", m["word"].lower())
    for key, val in (("day", "P1D"), ("morning", "TMO"), ("night", "TNI"), ("week", "P1W"),
                     ("month", "P1M"), ("year", "P1Y"), ("annual", "P1Y")):
        if key in w:
            if key == "day":
                for name, num in WEEKDAYS.items():
                    if len(name) > 4 and name in w:
                        return "SET", f"XXXX-WXX-{num + 1}", None, None
            return "SET", val, None, None
    return None


def _h_ref(m: re.Match[str], c: _Ctx):
    w = re.sub(r"\s+", " ", m["word"].lower())
    if w in ("recently", "in the past"):
        return "DATE", "PAST_REF", None, None
    if w == "the future":
        return "DATE", "FUTURE_REF", None, None
    return "DATE", "PRESENT_REF", None, None


HANDLERS: dict[str, Handler] = {
    "iso": _h_iso, "iso_slash": _h_iso, "numeric": _h_numeric, "day_month_year": _h_full,
    "month_day_year": _h_full, "day_month": _h_partial_day, "month_day": _h_partial_day,
    "month_year": _h_month_year, "season_year": _h_season_year, "quarter_year": _h_quarter,
    "year_range": _h_year_range, "decade": _h_decade, "decade_short": _h_decade_short,
    "year": _h_year, "year_poss": _h_year_poss, "ago": _h_ago, "rel_unit": _h_rel_unit,
    "earlier_this": _h_rel_unit, "rel_month": _h_rel_month, "rel_weekday": _h_weekday,
    "weekday": _h_weekday, "deictic": _h_deictic, "anaphoric": _h_anaphoric,
    "month_alone": _h_month_alone, "season": _h_season, "time": _h_time,
    "duration": _h_duration, "duration_bare": _h_duration, "set": _h_set, "ref": _h_ref,
}
_PRIORITY = {name: i for i, (name, _p) in enumerate(PATTERNS)}
_NEEDS = {  # cheap pre-checks: skip a pattern when the text cannot contain it
    "iso": re.compile(r"\d{4}-\d"), "iso_slash": re.compile(r"\d{4}/"),
    "numeric": re.compile(r"\d[/.]\d"),
}


def _candidates(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    has_digit = any(ch.isdigit() for ch in text)
    out = []
    for name, pat in PATTERNS:
        need = _NEEDS.get(name)
        if need is not None and (not has_digit or not need.search(text)):
            continue
        for m in pat.finditer(text):
            s, e = _trim(text, m, name)
            if e > s:
                out.append((s, e, name, m))
    # longest first, then the earlier pattern
    out.sort(key=lambda x: (-(x[1] - x[0]), _PRIORITY[x[2]], x[0]))
    taken: list[tuple[int, int, str, re.Match[str]]] = []
    for cand in out:
        if all(cand[1] <= t[0] or cand[0] >= t[1] for t in taken):
            taken.append(cand)
    taken.sort(key=lambda x: x[0])
    return taken


_LEADING_PREPS = re.compile(
    r"^(?:(?:in|since|by|until|till|from|of|during|before|after|throughout|around|circa|between|"
    r"and|to|through|at|on|end\s+of)\s+)+",
    re.I,
)


def _trim(text: str, m: re.Match[str], name: str) -> tuple[int, int]:
    """Span of a match without leading prepositions (TIMEX3 extents exclude them)."""
    s, e = m.start(), m.end()
    if name in ("year", "month_alone"):
        cue = m.group("cue") or ""
        if not re.match(r"(?:early|mid|late|spring|summer|autumn|fall|winter|last|next|this)\b",
                        cue.strip(), re.I):
            s = m.start("year" if name == "year" else "mon")
    lead = _LEADING_PREPS.match(text, s, e)
    if lead:
        s = lead.end()
    while e > s and text[e - 1] in " ,-":
        e -= 1
    if e > s and text[e - 1] == "." and not re.search(r"(?:[ap]\.m|\b[A-Z][a-z]{2,3})\.$", text[s:e]):
        e -= 1
    return s, e


def tag(text: str, dct: dt.date | None = None) -> list[Timex]:
    """All temporal expressions of ``text``, resolved against ``dct`` when given.

    Without a DCT, relative expressions keep unresolved values (``XXXX-WXX-7``) and their
    :class:`Relative` description.
    """
    ctx = _Ctx(text, dct)
    result: list[Timex] = []
    for s, e, name, m in _candidates(text):
        res = HANDLERS[name](m, ctx)
        if res is None:
            continue
        ttype, value, mod, rel = res
        result.append(Timex(s, e, text[s:e], ttype, value, mod, rel))
        if ttype == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d(?:T\w+)?", value):
            ctx.last_day = dt.date.fromisoformat(value[:10])
    return result


_VALUE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T\w+)?")


def to_mention(tx: Timex) -> TimeMention | None:
    """The calendar period of a DATE timex (day, month or year), or None."""
    if tx.type != "DATE":
        return None
    m = _VALUE.fullmatch(tx.value)
    if not m:
        return None
    y = int(m.group(1))
    if not _ok_year(y):
        return None
    try:
        if m.group(3):
            return TimeMention(tx.start, tx.end, tx.text, tx.value[:10],
                               dt.date(y, int(m.group(2)), int(m.group(3))), "day")
        if m.group(2):
            return TimeMention(tx.start, tx.end, tx.text, tx.value[:7], dt.date(y, int(m.group(2)), 1), "month")
    except ValueError:
        return None
    return TimeMention(tx.start, tx.end, tx.text, tx.value[:4], dt.date(y, 1, 1), "year")


def mentions(text: str, dct: dt.date | None = None) -> list[TimeMention]:
    """The calendar dates a sentence mentions, resolved against its publication date."""
    out = []
    for tx in tag(text, dct):
        tm = to_mention(tx)
        if tm is not None:
            out.append(tm)
    return out


def to_timeml(text: str, timexes: list[Timex], dct: dt.date | None = None) -> str:
    """``text`` with inline ``<TIMEX3>`` elements (XML-escaped), tids numbered from t1."""
    parts: list[str] = []
    pos = 0
    for n, tx in enumerate(sorted(timexes, key=lambda t: t.start), 1):
        if tx.start < pos:
            continue
        parts.append(escape(text[pos:tx.start]))
        attrs = f'tid="t{n}" type="{tx.type}" value={quoteattr(tx.value)}'
        if tx.mod:
            attrs += f' mod="{tx.mod}"'
        parts.append(f"<TIMEX3 {attrs}>{escape(tx.text)}</TIMEX3>")
        pos = tx.end
    parts.append(escape(text[pos:]))
    return "".join(parts)
