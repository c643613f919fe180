"""Temporal tagging: find time expressions in text and resolve them to TIMEX3 values.

A rule-based tagger in the spirit of HeidelTime's English news rules, in pure Python, following
the TimeML / TempEval-3 conventions:

* absolute dates: ``2002-08-18``, ``Wednesday, 7 March 2007``, ``August 29, 2012`` (also across a
  line break, or tokenized as ``February 11 , 2011``), ``October of 2000`` -> ``2000-10``,
  ``2002``, ``the 1970s`` -> ``197``, ``the 19th century`` -> ``18``, ``the summer of 2010`` ->
  ``2010-SU``, ``the fourth quarter of 2008`` -> ``2008-Q4``, ``the first half of 2010`` ->
  ``2010-H1``;
* dates relative to the document creation time (DCT, the publication date): ``today``,
  ``yesterday``, ``the day before yesterday``, ``Sunday`` (before or after the DCT by the tense of
  the clause: "met Sunday" vs "are to meet Sunday"; the DCT itself when it is a Sunday),
  ``earlier Tuesday``, ``last December`` -> ``2001-12``, ``next week`` -> ``2002-W34``,
  ``this year``, ``15 months ago`` -> ``2001-05``, ``August 18`` (year from the DCT and tense),
  ``last quarter``, ``next spring``;
* holidays: ``Christmas Eve``, ``Easter``, ``Good Friday``, ``Thanksgiving`` (year from the DCT
  and tense, like "August 18");
* anaphoric dates resolved against the previous date of the same text: ``the next day``,
  ``two days later``;
* times: ``tomorrow morning`` -> ``2007-03-07TMO``, ``tonight``, ``at 10 a.m.``,
  ``tomorrow morning at 10`` -> ``2007-03-07T10:00``, ``Sunday at 3 p.m.``;
* durations (``two years`` -> ``P2Y``, ``15 months`` -> ``P15M``, ``three hours`` -> ``PT3H``,
  ``several years`` -> ``PXY``, ``two decades`` -> ``P2DE``), sets (``every year`` -> ``P1Y``,
  ``every Sunday`` -> ``XXXX-WXX-7``), and the reference words ``now`` (``PRESENT_REF``),
  ``recently`` (``PAST_REF``), ``the future`` (``FUTURE_REF``);
* modifiers: ``early 2002`` (START), ``mid-1990s`` (MID), ``the end of the year`` (END),
  ``about two years ago`` (APPROX), ``more than five weeks`` (MORE_THAN), ...

Without a DCT, relative expressions keep their unresolved form (``XXXX-WXX-7``, ``XXXX-12``,
``XXXX-XX-XX``) and the :class:`Relative` description of how they point from it.

Offsets are exact character (code point) offsets into the text as given.  Matching is driven by
trigger words: one cheap scan of the words of the text decides which rules can apply where, and
each rule's regular expression only runs in small windows around its triggers, so a whole news
article takes a few milliseconds.

:func:`tag` returns :class:`Timex` objects; :func:`mentions` keeps the calendar dates (day, month
or year) as :class:`~dateline.model.TimeMention` for the timeline stages; :func:`to_timeml`
writes inline TIMEX3 markup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
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
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "one hundred": 100, "a dozen": 12, "dozen": 12, "a couple of": 2, "a couple": 2,
    "several": None, "a few": None, "few": None, "many": None, "some": None,
}
UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE",
         "hour": "H", "minute": "M", "fortnight": "D", "quarter": "Q"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                "seventies": 7, "eighties": 8, "nineties": 9}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
            "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
            "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
            "twenty-first": 21, "twenty first": 21, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
            "final": 4, "last": 4}
# TimeML mod values of the words that may open an expression
MOD_WORDS = {
    "early": "START", "the beginning of": "START", "the start of": "START",
    "the first half of": "START", "the early part of": "START", "beginning of": "START",
    "start of": "START",
    "mid": "MID", "middle": "MID", "the middle of": "MID", "the middle part of": "MID",
    "middle of": "MID",
    "late": "END", "the end of": "END", "the second half of": "END", "the latter part of": "END",
    "the close of": "END", "end of": "END", "the last part of": "END",
    "about": "APPROX", "around": "APPROX", "some": "APPROX", "roughly": "APPROX",
    "approximately": "APPROX", "circa": "APPROX", "c.": "APPROX", "nearly": "LESS_THAN",
    "almost": "LESS_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
    "just under": "LESS_THAN", "fewer than": "LESS_THAN", "more than": "MORE_THAN",
    "over": "MORE_THAN", "just over": "MORE_THAN", "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
}


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
    mod: str | None = None  # START | MID | END | APPROX | LESS_THAN | MORE_THAN | ...
    relative: Relative | None = None


# --------------------------------------------------------------------------------------------
# building blocks of the patterns
# --------------------------------------------------------------------------------------------

_MONTH_FULL = ("January|February|March|April|May|June|July|August|September|October|November|"
               "December")
_MONTH_ABBR_DOT = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\."
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b)"
# any month, as used next to a day number or a year
_MON = (rf"(?P<mon>(?:{_MONTH_FULL}|{_MONTH_FULL.upper()})\b|{_MONTH_ABBR}"
        rf"|(?:JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC)(?:\.|\b))")
# a month standing alone: full names or dotted abbreviations only
_MON_ALONE = rf"(?P<mon>(?:{_MONTH_FULL})\b|{_MONTH_ABBR_DOT})"
_WEEKDAY = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|"
            r"WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)\b|"
            r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)(?:\.|\b(?=\s*,?\s*(?:[0-3]?\d|"
            + _MONTH_ABBR + r")))")
_WD_PREFIX = rf"(?:(?P<wd>{_WEEKDAY})\s*,?\s+(?:the\s+)?)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR4 = r"(?P<year>1\d{3}|20\d\d|21\d\d)(?![\d,.]?\d)"
_COMMA = r"\s*,?\s*"
_NUM_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
              "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
              "seventy|eighty|ninety")
_NUM = (rf"\b(?P<num>\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        rf"[\s-](?:one|two|three|four|five|six|seven|eight|nine)\b|a\s+couple\s+of|a\s+couple|"
        rf"(?:a|one)\s+hundred|a\s+dozen|a\s+few|(?:{_NUM_WORDS})\b|an?\b|several|few|many)")
_UNIT = (r"\b(?P<unit>days?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies)|hours?|"
         r"minutes?|quarters?)")
_APPROX = (r"(?:\b(?P<approx>about|around|some|roughly|approximately|nearly|almost|just\s+under|"
           r"just\s+over|less\s+than|fewer\s+than|more\s+than|over|under|at\s+least|"
           r"no\s+less\s+than|no\s+more\s+than|at\s+most|up\s+to)\s+)?")
_PART = r"(?P<part>morning|afternoon|evening|night)"
_CLOCK_AMPM = r"(?:a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b|AM\b|PM\b|A\.M\.?|P\.M\.?)"
_YEAR_NOT_COUNT = (r"(?!\s*(?:%|percent|per\s+cent|people|persons|troops|soldiers|men|women|"
                   r"children|dollars|euros|yen|pounds|tons|tonnes|km|miles|metres|meters|feet|"
                   r"cases|deaths|votes|units|barrels|containers|points|seats|jobs|workers|"
                   r"homes|houses|cars|members|families|patients|prisoners)\b)")

I = re.IGNORECASE  # noqa: E741


@dataclass(frozen=True)
class Rule:
    """A pattern, the words that must occur in any of its matches, and how far a match may reach
    to the left and right of such a trigger word (plus room for look-aheads)."""

    name: str
    pattern: re.Pattern[str]
    triggers: frozenset[str]
    left: int = 64
    right: int = 72


_MONTH_T = frozenset(MONTHS)
_WEEKDAY_T = frozenset(WEEKDAYS)
_UNIT_T = frozenset({"day", "days", "week", "weeks", "weekend", "weekends", "month", "months",
                     "year", "years", "decade", "decades", "century", "centuries", "hour",
                     "hours", "minute", "minutes", "fortnight", "fortnights"})
_D4 = "<d4>"  # any four-digit number
_D2S = "<d2s>"  # a two-digit number followed by "s" ("the '80s")


def _rule(name: str, pattern: str, triggers, flags: int = 0, reach: tuple[int, int] = (64, 72)
          ) -> Rule:
    return Rule(name, re.compile(pattern, flags), frozenset(triggers), *reach)


# Rules in priority order; overlapping matches are resolved longest first, then by this order.
RULES: list[Rule] = [
    _rule("iso", r"(?<![\d/.-])(?P<year>1\d{3}|20\d\d|21\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
          r"(?:[T ](?P<hh>[0-2]\d):(?P<mm>[0-5]\d)(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?"
          r"(?![\d-])", {_D4}, reach=(12, 32)),
    _rule("iso_slash", r"(?<![\d/])(?P<year>1\d{3}|20\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)"
          r"(?![\d/])", {_D4}, reach=(8, 8)),
    _rule("numeric", r"(?<![\d/.,])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)"
          r"(?P<year>1\d{3}|20\d\d)(?![\d/.]\d)", {_D4}, reach=(8, 4)),
    _rule("day_month_year", _WD_PREFIX + r"(?:(?P<the>the)\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MON
          + _COMMA + _YEAR4, _MONTH_T, reach=(36, 24)),
    _rule("month_day_year", _WD_PREFIX + _MON + r"\s+" + _DAY + r"\b" + _COMMA + _YEAR4,
          _MONTH_T, reach=(24, 28)),
    _rule("day_month", _WD_PREFIX + r"(?:(?P<the>the)\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MON
          + r"(?!\s*,?\s*\d)", _MONTH_T, reach=(36, 16)),
    _rule("month_day", _WD_PREFIX + _MON + r"\s+(?:the\s+)?" + _DAY
          + r"\b(?![\d,.]*\d|\s*,?\s*\d{4})(?!\s*(?:%|percent|per\s+cent))", _MONTH_T, reach=(24, 28)),
    _rule("month_year", r"(?:(?P<modw>[Ee]arly|[Mm]id|[Ll]ate|[Tt]he\s+(?:end|beginning|start|"
          r"middle)\s+of)[\s-]+(?:of\s+)?)?" + _MON + r",?\s+(?:of\s+)?" + _YEAR4, _MONTH_T, reach=(30, 24)),
    _rule("quarter", r"(?:(?P<the>the|[Tt]he)\s+)?(?P<q>first|second|third|fourth|final|last|1st|"
          r"2nd|3rd|4th)\s+quarter(?:\s+of\s+(?:(?P<year>1\d{3}|20\d\d)(?!\d)|(?P<ry>last|next|"
          r"this|the\s+(?:previous|current|next|same|following)|the)\s+year))?", {"quarter"}, I, reach=(24, 44)),
    _rule("quarter_rel", r"(?:(?P<the>the)\s+)?(?P<which>last|this|next|current|previous|past|"
          r"coming|same)\s+quarter\b(?!\s+of\b)", {"quarter"}, I, reach=(24, 16)),
    _rule("half", r"(?:(?P<the>the)\s+)?(?P<h>first|second|1st|2nd)\s+half(?:\s+of\s+(?:"
          r"(?P<year>1\d{3}|20\d\d)(?!\d)|(?P<ry>last|next|this|the\s+(?:previous|current|next|"
          r"same|following)|the)\s+year))?\b(?!\s+of\s+(?!(?:the|this|last|next)\s+year|\d))",
          {"half"}, I, reach=(24, 60)),
    _rule("season_year", r"(?:(?P<modw>early|mid|late)[\s-]+)?(?:(?P<the>the)\s+)?"
          r"(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?" + _YEAR4,
          SEASONS.keys(), I, reach=(24, 16)),
    _rule("season", r"(?:(?P<modw>early|mid|late)[\s-]+)?(?P<which>last|next|this|the\s+coming|"
          r"the\s+past|the\s+previous|the\s+following|this\s+past|this\s+coming|the)\s+"
          r"(?P<season>spring|summer|autumn|fall|winter)\b(?!\s+(?:of\s+)?\d)(?!-)",
          SEASONS.keys(), I, reach=(30, 24)),
    _rule("decade", r"(?:(?P<the>[Tt]he)\s+)?(?:(?P<modw>[Ee]arly|[Mm]id|[Ll]ate)[\s-]+)?"
          r"(?<![\d,.$])(?P<dec>1\d{2}0|20\d0)\s?'?s\b", {_D4}, reach=(24, 8)),
    _rule("decade_short", r"\b(?P<the>the)\s+(?:(?P<modw>early|mid|late)[\s-]+)?(?:['’]"
          r"(?P<d2>\d)0s|(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|"
          r"nineties))\b", {_D2S, *DECADE_WORDS}, I, reach=(24, 16)),
    _rule("century", r"(?:(?P<the>the)\s+)?(?:(?P<modw>early|mid|late)[\s-]+)?(?P<n>1?\d|2[0-2])"
          r"(?:st|nd|rd|th)\s+century|(?:(?P<the2>the)\s+)?(?:(?P<modw2>early|mid|late)[\s-]+)?"
          r"(?P<nw>(?:twenty[\s-])?first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
          r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
          r"eighteenth|nineteenth|twentieth)\s+century", {"century"}, I, reach=(40, 12)),
    _rule("year", r"(?:(?P<cue>\b(?:early|mid|late|the\s+(?:end|beginning|start|middle)\s+of|"
          r"end\s+of|around|circa|about|spring|summer|autumn|fall|winter)[\s-]+)|"
          r"(?<![\w$£€#./:,-]))(?P<year>1\d{3}|20\d\d|21\d\d)(?P<poss>\s?['’]s)?(?![\w,.:/]?\d)"
          r"(?!\s?['’]?s\b)(?![-/]\d)" + _YEAR_NOT_COUNT, {_D4}, I, reach=(40, 44)),
    _rule("year_range", r"(?<![\d,.$/-])(?P<y1>1\d{3}|20\d\d)\s*[-\u2013]\s*(?P<y2>1\d{3}|20\d\d|"
          r"\d\d)(?![\d,.]?\d)", {_D4}, reach=(4, 12)),
    _rule("ago", _APPROX + r"(?:" + _NUM + r"[\s-]+)?" + _UNIT + r"\s+(?P<dir>ago|earlier|later|"
          r"before|after|from\s+now|hence|back)\b", _UNIT_T | {"quarter", "quarters"}, I, reach=(52, 16)),
    _rule("rel_unit", r"(?:(?P<modw>early|earlier|late|later|mid|the\s+(?:end|beginning|start|"
          r"middle)\s+of|end\s+of|beginning\s+of)[\s-]+(?:in\s+)?)?(?P<which>(?:the\s+)?(?:last|"
          r"past|previous|next|coming|following)|this(?:\s+past|\s+coming)?|current|the\s+current"
          r"|the\s+same|the)\s+(?P<unit>week|weekend|fortnight|month|year|decade|century)\b"
          r"(?!\s+(?:old|olds|ago)\b)(?!-)", {"week", "weekend", "fortnight", "month", "year",
                                             "decade", "century"}, I, reach=(52, 24)),
    _rule("rel_month", r"(?:(?P<modw>early|mid|late)[\s-]+)?(?P<which>[Ll]ast|[Nn]ext|[Tt]his|"
          r"[Pp]ast|[Pp]revious|[Cc]oming)\s+" + _MON_ALONE, _MONTH_T, reach=(24, 8)),
    _rule("month_alone", r"(?:(?P<cue>\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|of|"
          r"[Dd]uring|[Bb]efore|[Aa]fter|[Ee]arly|[Mm]id|[Ll]ate|[Tt]hrough|[Tt]hroughout|and|or|"
          r"to|[Bb]etween|for|[Tt]he\s+(?:end|beginning|start|middle)\s+of|[Ee]nd\s+of)[\s-]+))"
          + _MON_ALONE + r"(?!\s*,?\s*\d)(?!\s+(?:on\s+Washington|Madness)\b)", _MONTH_T, reach=(32, 32)),
    _rule("holiday", r"\b(?P<h>Christmas\s+(?:Eve|Day)|Christmas|New\s+Year['’]?s\s+(?:Eve|Day)|"
          r"Valentine['’]?s\s+Day|Halloween|Boxing\s+Day|Bastille\s+Day|St\.?\s+Patrick['’]?s\s+"
          r"Day|Armistice\s+Day|Veterans\s+Day|Remembrance\s+Day|Easter(?:\s+(?:Sunday|Monday|"
          r"Day))?|Good\s+Friday|Palm\s+Sunday|Ash\s+Wednesday|Pentecost|Thanksgiving(?:\s+Day)?|"
          r"Labor\s+Day|Memorial\s+Day)\b(?:\s*,?\s+(?P<year>1\d{3}|20\d\d)(?!\d))?"
          r"(?!\s+(?i:agreement|islands?|rising|accords?|offensive|uprising|parade|trees?|cards?|"
          r"bowl|carols?|markets?|party|parties|rebellion|shopping|lights|decorations|presents|"
          r"gifts|songs?|dinner|lunch|spirit|message|album|special)\b)",
          {"christmas", "year", "valentine", "halloween", "boxing", "bastille", "patrick",
           "armistice", "veterans", "remembrance", "easter", "friday", "sunday", "wednesday",
           "pentecost", "thanksgiving", "labor", "memorial"}, reach=(16, 48)),
    _rule("rel_weekday", r"\b(?P<which>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast|[Ee]arlier|"
          r"[Ll]ater|[Ee]arly|[Ll]ate)\s+(?:on\s+)?(?P<wd>" + _WEEKDAY + r")(?:\s+" + _PART + r")?",
          _WEEKDAY_T, reach=(16, 24)),
    _rule("weekday", r"(?<![A-Za-z])(?P<wd>" + _WEEKDAY + r")(?:\s+" + _PART + r"(?![a-z]))?"
          r"(?!\s+(?:Times|Telegraph|Mirror|Express|Herald|Post|Observer|Independent|Agreement|"
          r"Star|Sport|Tribune|Mail|Prayers?|Club|League|Group|Night\s+Live|Bloody|Review|"
          r"Morning\s+Herald|Age|Business|Journal|Today)\b)", _WEEKDAY_T, reach=(4, 48)),
    _rule("deictic", r"\b(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
          r"yesterday|today|tomorrow|tonight|this\s+(?:morning|afternoon|evening)|last\s+night|"
          r"overnight)(?:\s+" + _PART + r")?\b(?!['’]s\s+(?:world|society|youth|generation))",
          {"yesterday", "today", "tomorrow", "tonight", "morning", "afternoon", "evening", "night",
           "overnight"}, I, reach=(32, 44)),
    _rule("anaphoric", r"\b(?P<word>the\s+(?:next|following|previous|same|preceding)\s+"
          r"(?:day|morning|afternoon|evening|night)|the\s+day\s+(?:before|after)(?=\s*[,.;:)]|"
          r"\s+(?:and|but|when|as)\b)|that\s+(?:day|morning|afternoon|evening|night)|"
          r"(?:the\s+)?(?:next|following)\s+(?:morning|afternoon|evening))\b",
          {"day", "morning", "afternoon", "evening", "night"}, I, reach=(36, 20)),
    _rule("time", _APPROX.replace("(?P<approx>", "(?P<approx>shortly\\s+(?:before|after)|") +
          r"(?:(?<![\d:.,])(?P<h>[01]?\d)(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>" + _CLOCK_AMPM + r")"
          r"(?:\s+(?P<tz>GMT|UTC|EST|EDT|ET|CET|BST|PST|PDT))?|(?<![\d:.,])(?P<h24>[0-2]?\d)[:.]"
          r"(?P<m24>[0-5]\d)(?:\s*(?:hours|hrs|h)\b)?\s*(?P<tz24>GMT|UTC|EST|EDT|ET|CET|BST|PST|"
          r"PDT|local\s+time)|\b(?P<noon>noon|midnight|midday)\b)",
          {"m", "am", "pm", "noon", "midnight", "midday", "gmt", "utc", "est", "edt", "et",
           "cet", "bst", "pst", "pdt", "local"}, reach=(44, 24)),
    _rule("set", r"\b(?P<word>(?:every|each)\s+(?:other\s+)?(?:(?P<n>\d+|" + _NUM_WORDS
          + r")\s+)?(?:days?|weeks?|months?|years?|decades?|hours?|minutes?|mornings?|nights?|"
          r"evenings?|afternoons?|weekends?|spring|summer|autumn|winter|quarters?|(?:Mon|Tues|"
          r"Wednes|Thurs|Fri|Satur|Sun)day)|(?:once|twice|thrice|(?:\d+|" + _NUM_WORDS
          + r")\s+times)\s+(?:a|an|per|each|every)\s+(?:day|week|month|year|decade|hour|minute|"
          r"quarter)|annually|yearly|(?:daily|weekly|monthly|nightly|hourly|fortnightly|"
          r"biannually|quarterly)(?=\s*(?:[,.;:)]|$|\s+(?:on|in|at|for|to|and|since|until|by|"
          r"from|with|during|basis)\b)))\b",
          _UNIT_T | {"every", "each", "once", "twice", "thrice", "times", "annually", "yearly",
                     "daily", "weekly", "monthly", "nightly", "hourly", "fortnightly",
                     "biannually", "quarterly"}, I, reach=(40, 48)),
    _rule("duration", _APPROX + r"(?:\b(?P<the>the\s+(?:past|last|next|first|coming|previous|"
          r"following|final|better\s+part\s+of\s+the))\s+)?" + _NUM + r"[\s-]+"
          r"(?:(?:consecutive|straight|successive|full|more|additional|extra|further|whole|"
          r"entire|long|short)\s+)?" + _UNIT
          + r"(?:[\s-]+long)?\b(?!\s+(?:ago|old|earlier|later|from\s+now|hence|back)\b)(?!-old)"
          r"(?![\s-]+olds?\b)", _UNIT_T | {"quarter", "quarters"}, I, reach=(64, 20)),
    _rule("duration_bare", r"\b(?P<cue>for|within|in|over|after|during|lasting|took|take|"
          r"takes)\s+(?:(?P<mod2>many|several|recent)\s+)?(?P<unit>days|weeks|months|years|"
          r"decades|hours|minutes)\b(?!\s+(?:ago|of|before|after|later|earlier|old)\b)",
          {"days", "weeks", "months", "years", "decades", "hours", "minutes"}, I, reach=(24, 32)),
    _rule("ref", r"\b(?P<word>now|currently|recently|nowadays|(?:the|in\s+the)\s+(?:near\s+|"
          r"distant\s+|immediate\s+)?future|(?:the|in\s+the)\s+(?:recent\s+|distant\s+)?past|"
          r"these\s+days|recent\s+(?:days|weeks|months|years|decades)|the\s+moment|"
          r"so\s+far)\b(?!\s*(?:-|that\b))",
          {"now", "currently", "recently", "nowadays", "future", "past", "days", "recent",
           "moment", "far"}, I, reach=(28, 24)),
]

_PRIORITY = {r.name: i for i, r in enumerate(RULES)}
_RANGE_PRIORITY = _PRIORITY["year_range"]
_TRIGGERS: dict[str, tuple[int, ...]] = {}
for _i, _r in enumerate(RULES):
    for _t in _r.triggers:
        _TRIGGERS[_t] = tuple(sorted(set(_TRIGGERS.get(_t, ())) | {_i}))
_WORD = re.compile(r"[A-Za-z]+|\d+")


# --------------------------------------------------------------------------------------------
# tense
# --------------------------------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(r"[.!?][\"')\]]*\s+(?=[A-Z\"'`(])|[;\n]|``|''|[\"“”]")
_FUTURE_CUE = re.compile(
    r"\b(?:will|wo\s*n't|won't|shall|would|is\s+(?:going\s+)?to|are\s+(?:going\s+)?to|"
    r"am\s+(?:going\s+)?to|was\s+to|were\s+to|going\s+to|gonna|"
    r"(?:is|are|am|was|were|be|been)\s+(?:now\s+|also\s+|still\s+)?(?:scheduled|due|set|slated|"
    r"planned|poised|likely|unlikely|expected|supposed|about)|scheduled\s+(?:to|for)|"
    r"(?:plan|intend|aim|hope|expect|prepare|want|seek|vow|pledge|promise|agree|decide|threaten|"
    r"vote|refuse|urge|ask|call|wish|need|try|tries|tried|seem|appear|mean|"
    r"propose)(?:s|d|ed|ing)?\s+(?:(?:\w+\s+){0,2}to\s+)(?-i:(?!the\b|a\b|an\b|his\b|her\b|"
    r"their\b|its\b|[A-Z\d])[a-z]+)|"
    r"(?:could|might|may|can|must|should)(?!\s+(?:not\s+|n't\s+)?(?:have|be\s+\w+ed\s+(?:on|in|at|by|"
    r"since|last|yesterday)\b))|"
    r"expects?|upcoming|next|forthcoming|begins|starts|opens|closes|ends|expires|resumes|"
    r"arrives|departs|takes\s+effect|comes\s+into\s+force|kicks\s+off|gets\s+under\s*way|"
    r"tomorrow|tonight|'ll)\b",
    re.I,
)
_PAST_CUE = re.compile(
    r"\b(?:was|were|had|did|said|says?|told|met|began|held|went|came|took|gave|made|left|won|lost|"
    r"saw|became|fell|rose|fled|struck|sank|sent|spent|found|brought|bought|caught|fought|"
    r"thought|built|broke|chose|drove|ran|wrote|spoke|stood|sat|led|paid|shot|kept|knew|grew|"
    r"threw|flew|drew|wore|stole|swore|tore|hung|rang|sang|sought|taught|sold|heard|felt|"
    r"meant|hit|quit|beat|been|gone|done|seen|taken|given|known|shown|begun|yesterday|"
    r"\w{2,}ed)\b",
    re.I,
)
_NOT_PAST = frozenset({"need", "speed", "indeed", "red", "bed", "seed", "feed", "hundred",
                       "united", "based", "related", "named", "armed", "concerned", "interested",
                       "supposed", "limited", "detailed", "advanced", "beloved", "naked",
                       "sacred", "wicked", "proceed", "exceed", "succeed", "breed", "greed",
                       "shed", "embed", "weed", "creed", "freed", "says", "say"})
_FUTURE_AUX = re.compile(r"(?:\b(?:will|would|'ll|shall|wo\s*n't|won't)\s+(?:\w+\s+){0,3}|"
                         r"\b(?:could|may|might|can|must|should)\s+(?:not\s+)?be\s+|"
                         r"\bto\s+(?:be|have\s+been)\s+(?:\w+\s+)?)$", re.I)
_PAST_AUX = re.compile(r"\b(?:was|were|had|has|have|did)\s+(?:\w+\s+){0,2}$", re.I)


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 300)
    last = None
    for m in _CLAUSE_BREAK.finditer(text, lo, start):
        last = m
    lo = last.end() if last else lo
    m = _CLAUSE_BREAK.search(text, end, min(len(text), end + 300))
    hi = m.start() if m else min(len(text), end + 300)
    return lo, hi


def _cues(text: str, lo: int, hi: int) -> list[tuple[int, int, int]]:
    """(start, end, tense) of the tense cues in text[lo:hi]."""
    out = []
    for m in _FUTURE_CUE.finditer(text, lo, hi):
        out.append((m.start(), m.end(), 1))
    for m in _PAST_CUE.finditer(text, lo, hi):
        w = m.group(0).lower()
        if w in _NOT_PAST:
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
    lo = max(0, start - 400)
    last = None
    for m in _SENTENCE_BREAK.finditer(text, lo, start):
        last = m
    lo = last.end() if last else lo
    m = _SENTENCE_BREAK.search(text, end, min(len(text), end + 400))
    return lo, (m.start() if m else min(len(text), end + 400))


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


def _num(tok: str | None) -> int | float | None:
    if tok is None:
        return 1
    t = re.sub(r"[\s-]+", " ", tok.lower()).strip()
    if re.fullmatch(r"\d+", t):
        return int(t)
    if re.fullmatch(r"\d+\.\d+", t):
        return float(t)
    if t in NUMBERS:
        return NUMBERS[t]
    parts = t.split()
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        a, b = NUMBERS[parts[0]], NUMBERS[parts[1]]
        if a is not None and b is not None:
            return a + b
    return None


def _unit(tok: str) -> str:
    t = tok.lower()
    if t.startswith("centur"):
        return "century"
    return t[:-1] if t.endswith("s") else t


def _month_of(tok: str) -> int | None:
    return MONTHS.get(tok.lower().rstrip("."))


def _weekday_of(tok: str) -> int | None:
    return WEEKDAYS.get(tok.lower().rstrip("."))


def _mod(word: str | None) -> str | None:
    if not word:
        return None
    return MOD_WORDS.get(re.sub(r"[\s-]+", " ", word.lower()).strip())


def _year_for_month(dct: dt.date, month: int, direction: int, strict: bool) -> int:
    """Year of a month named without one: the nearest such month before (direction -1) or after
    (+1) the DCT; with ``strict`` ("last December") the DCT's own month does not count."""
    if direction < 0:
        return dct.year if (month < dct.month or (month == dct.month and not strict)) else dct.year - 1
    return dct.year if (month > dct.month or (month == dct.month and not strict)) else dct.year + 1


def _year_for_monthday(dct: dt.date, month: int, day: int, direction: int) -> int:
    """Year of "August 18": the nearest such day on the side of the DCT the tense says, with
    some slack (a past-tense clause may mention a date a few weeks ahead, and vice versa)."""
    best: tuple[int, int] | None = None
    for y in (dct.year - 1, dct.year, dct.year + 1):
        d = _day(y, month, day)
        if d is None:
            continue
        delta = (d - dct).days
        if (direction < 0 and delta > 45) or (direction > 0 and delta < -45):
            continue
        if best is None or abs(delta) < best[0]:
            best = (abs(delta), y)
    return best[1] if best else dct.year


def _weekday_date(dct: dt.date, wd: int, direction: int, strict: bool) -> dt.date:
    if direction < 0:
        back = (dct.weekday() - wd) % 7
        if strict and back == 0:
            back = 7
        return dct - dt.timedelta(days=back)
    diff = (wd - dct.weekday()) % 7
    if strict and diff == 0:
        diff = 7
    return dct + dt.timedelta(days=diff)


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season_year(dct: dt.date, season: str, n: int, direction: int = 0) -> int:
    """Year of a season relative to the DCT: ``n`` -1 last, +1 next, 0 this (or, with
    ``direction``, the current-or-previous / current-or-next one)."""
    start_m = _SEASON_START[season]

    def span(y: int) -> tuple[dt.date, dt.date]:
        s = dt.date(y, start_m, 1)
        ey, em = _add_months(y, start_m, 3)
        return s, dt.date(ey, em, 1)

    y = dct.year
    # the occurrence that contains the DCT or is the nearest one of this calendar year
    if season == "WI" and dct.month <= 2:
        y -= 1
    s, e = span(y)
    inside = s <= dct < e
    if n < 0:
        if inside or s > dct:
            y -= 1
        return y
    if n > 0:
        if inside or s <= dct:
            y += 1
        return y
    if direction < 0 and s > dct:
        return y - 1
    if direction > 0 and e <= dct:
        return y + 1
    return y


def _quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def _shift_value(dct: dt.date, unit: str, n: int) -> str:
    if unit == "day":
        return (dct + dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return _week_value(dct + dt.timedelta(weeks=n))
    if unit == "month":
        return _month_value(*_add_months(dct.year, dct.month, n))
    if unit == "quarter":
        y, q = divmod(dct.year * 4 + _quarter_of(dct) - 1 + n, 4)
        return f"{y:04d}-Q{q + 1}"
    if unit == "decade":
        return f"{(dct.year // 10 + n):03d}"
    if unit == "century":
        return f"{(dct.year // 100 + n):02d}"
    return f"{dct.year + n:04d}"


_UNRESOLVED = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX",
               "quarter": "XXXX-QX", "decade": "XXX", "century": "XX"}


def _with_part(value: str, part: str | None) -> str:
    return f"{value}T{PARTS[part.lower()]}" if part else value


# --------------------------------------------------------------------------------------------
# the tagger
# --------------------------------------------------------------------------------------------


@dataclass
class _Ctx:
    text: str
    dct: dt.date | None
    last_day: dt.date | None = None  # for anaphora: the last day-level date of the text
    last_day_end: int = -1  # where that date was mentioned
    probe: bool = False  # first pass: is the match an expression at all (context not known yet)


Result = tuple[str, str, str | None, Relative | None]
Handler = Callable[[re.Match[str], _Ctx], Result | None]


def _h_iso(m: re.Match[str], c: _Ctx) -> Result | None:
    d = _day(int(m["year"]), int(m["month"]), int(m["day"]))
    if d is None:
        return None
    if m.groupdict().get("hh"):
        return "TIME", f"{d.isoformat()}T{m['hh']}:{m['mm']}", None, None
    return "DATE", d.isoformat(), None, None


def _h_numeric(m: re.Match[str], c: _Ctx) -> Result | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["year"])
    if m["sep"] == ".":  # European d.m.y
        d = _day(y, b, a)
    elif a > 12:  # d/m/y
        d = _day(y, b, a)
    else:  # US m/d/y
        d = _day(y, a, b) or _day(y, b, a)
    return ("DATE", d.isoformat(), None, None) if d else None


def _h_full(m: re.Match[str], c: _Ctx) -> Result | None:
    month = _month_of(m["mon"])
    if month is None:
        return None
    d = _day(int(m["year"]), month, int(m["day"]))
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
    year = _year_for_monthday(c.dct, month, day, direction)
    if wd is not None:  # "Tuesday, March 6": the weekday picks the year when it can
        for y in (year, year - 1, year + 1):
            d0 = _day(y, month, day)
            if d0 and d0.weekday() == wd:
                year = y
                break
    d = _day(year, month, day)
    return ("DATE", d.isoformat(), None, rel) if d else None


def _h_month_year(m: re.Match[str], c: _Ctx) -> Result | None:
    month = _month_of(m["mon"])
    y = int(m["year"])
    if month is None or not _ok_year(y):
        return None
    return "DATE", _month_value(y, month), _mod(m["modw"]), None


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
        cur = _quarter_of(c.dct)
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
    return "DATE", _shift_value(c.dct, "quarter", n), None, rel


def _h_half(m: re.Match[str], c: _Ctx) -> Result | None:
    h = 1 if m["h"].lower() in ("first", "1st") else 2
    if m["year"]:
        return "DATE", f"{int(m['year']):04d}-H{h}", None, None
    ry = m["ry"] if m["ry"] and m["ry"].lower() != "the" else None
    if not ry and not re.search(r"\bof\s+the\s+year", m.group(0), re.I):
        # a bare "the first half": only when it is clearly about the calendar
        if not re.match(r"\s*(?:of\s+(?:the|this|last|next)\s+year)", c.text[m.end():], re.I):
            if not re.search(r"\b(?:quarter|year|profit|sales|revenue|growth|output)s?\b",
                             c.text[max(0, m.start() - 80):m.end() + 80], re.I):
                return None
    y, rel = _rel_year(ry, c, m.start(), m.end())
    if y is None:
        return "DATE", f"XXXX-H{h}", None, rel
    return "DATE", f"{y:04d}-H{h}", None, rel


def _h_season_year(m: re.Match[str], c: _Ctx) -> Result | None:
    y = int(m["year"])
    if not _ok_year(y):
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
        if re.match(r"\s+(?:of|session|term|semester|offensive|collection|season|issue)\b", after):
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
    y = _season_year(c.dct, season, n, direction)
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


_NOT_YEAR_BEFORE = re.compile(
    r"(?:\b(?:no|number|page|pages|route|room|gate|flight|unit|resolution|article|section|"
    r"chapter|model|version|windows|office|boeing|airbus|code|bus|line|pier|platform|channel|"
    r"exit|highway|interstate|apartment|suite|box|tel|fax|ext|phone|lot|item|case|file|"
    r"vol|volume|issue|grade|level|class|category|type|size|rank|row|seat|tab|ref|id|"
    r"nr|op|cf|p|pp|us|su|mig|kh|hms|uss|a|an)\.?|[#№$£€])\s*$",
    re.I,
)


def _h_year(m: re.Match[str], c: _Ctx) -> Result | None:
    y = int(m["year"])
    if not _ok_year(y):
        return None
    cue = re.sub(r"[\s-]+", " ", (m["cue"] or "").lower()).strip()
    before = c.text[max(0, m.start("year") - 40):m.start("year")]
    after = c.text[m.end():m.end() + 30]
    prev_word = re.search(r"([A-Za-z][\w.'’-]*)\W*$", before)
    pw = prev_word.group(1) if prev_word else ""
    strong = re.search(r"\b(?:in|since|until|till|by|during|throughout|before|after|from|"
                       r"between|circa|around|year|fiscal|early|mid|late|of|spring|summer|autumn|"
                       r"fall|winter|through|and|or|to|the|than|for|as|on|at)\s*[,-]?\s*$",
                       before, re.I)
    if not cue and _NOT_YEAR_BEFORE.search(before):
        return None
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


_AGO_MODS = {"MORE_THAN": "BEFORE", "LESS_THAN": "AFTER", "EQUAL_OR_MORE": "ON_OR_BEFORE",
             "EQUAL_OR_LESS": "ON_OR_AFTER"}
_LATER_MODS = {"MORE_THAN": "AFTER", "LESS_THAN": "BEFORE", "EQUAL_OR_MORE": "ON_OR_AFTER",
               "EQUAL_OR_LESS": "ON_OR_BEFORE"}


def _h_ago(m: re.Match[str], c: _Ctx) -> Result | None:
    raw_num = m["num"]
    n = _num(raw_num) if raw_num else None
    unit = _unit(m["unit"])
    direction = re.sub(r"\s+", " ", m["dir"].lower())
    mod = _mod(m["approx"])
    if direction in ("ago", "back", "earlier"):  # "more than 40 years ago": before that year
        mod = _AGO_MODS.get(mod, mod)
    elif direction in ("from now", "hence", "later"):
        mod = _LATER_MODS.get(mod, mod)
    if raw_num is None and not m["unit"].lower().endswith("s"):
        return None  # "day ago"
    if m["unit"][:1].isupper() and not m["unit"].isupper():
        return None  # "One Year Later": a title
    if isinstance(n, float):
        return None
    if unit == "fortnight":
        unit, n = "week", 2 * n if n else None
    if direction in ("before", "after"):
        # "a week after the filing": a duration; "two days after" at the end: anaphoric
        if not _CLAUSE_END.match(c.text, m.end()):
            return _duration_value(n if raw_num else None, m["unit"], mod)
        direction = "later" if direction == "after" else "earlier"
    if direction == "back":
        direction = "ago"
    if n is None:
        if direction in ("ago",):
            return "DATE", "PAST_REF", None, Relative(unit if unit in _UNRESOLVED else "year", -1)
        if direction in ("from now", "hence"):
            return "DATE", "FUTURE_REF", None, Relative(unit if unit in _UNRESOLVED else "year", 1)
        return None
    sign = -1 if direction in ("ago", "earlier") else 1
    if unit in ("hour", "minute"):
        if direction in ("later", "earlier"):
            return None
        rel = Relative("day", 0)
        return ("TIME" if c.dct is None else "DATE",
                "XXXX-XX-XX" if c.dct is None else c.dct.isoformat(), mod, rel)
    if direction in ("later", "earlier"):
        # anaphoric: from the last date of the text
        rel = Relative("anaphoric", sign * int(n) if unit == "day" else sign)
        ref = c.last_day
        if ref is None:
            return "DATE", _UNRESOLVED.get(unit, "XXXX"), mod, rel
        return "DATE", _shift_value(ref, unit, sign * int(n)), mod, rel
    n = int(n)
    if unit == "decade":
        rel = Relative("year", sign * 10 * n)
    elif unit == "century":
        rel = Relative("year", sign * 100 * n)
    elif unit == "quarter":
        rel = Relative("month", sign * 3 * n)
    else:
        rel = Relative(unit, sign * n)
    if c.dct is None:
        return "DATE", _UNRESOLVED.get(unit, "XXXX"), mod, rel
    return "DATE", _shift_value(c.dct, unit, sign * n), mod, rel


def _h_rel_unit(m: re.Match[str], c: _Ctx) -> Result | None:
    which = re.sub(r"\s+", " ", m["which"].lower())
    unit = m["unit"].lower()
    modw = re.sub(r"[\s-]+", " ", (m["modw"] or "").lower()).strip()
    mod = None if modw in ("earlier", "later") else _mod(modw) or _mod("the " + modw)
    has_the = which.startswith("the ")
    base = which[4:] if has_the else which
    if unit == "fortnight":
        return ("DURATION", "P2W", None, None) if base in ("past", "last", "next", "coming") \
            else None
    if which == "the" and unit == "weekend" and not modw:
        # "over the weekend": the nearest weekend before or after the DCT, by tense
        direction = tense(c.text, m.start(), m.end())
        rel = Relative("week", 0 if direction < 0 else 1)
        if c.dct is None:
            return "DATE", "XXXX-WXX-WE", None, rel
        sat = _weekday_date(c.dct, 5, direction, False)
        if direction < 0 and c.dct.weekday() == 6:
            sat = c.dct - dt.timedelta(days=1)
        return "DATE", _week_value(sat) + "-WE", None, rel
    if which == "the":
        if not modw:
            return None  # "the week", "the year": no date of their own
        base = "this"
    if base in ("last", "past", "previous", "this past"):
        n = -1
    elif base in ("next", "coming", "following", "this coming"):
        n = 1
    else:
        n = 0
    if has_the and base in ("past", "last", "next", "coming") and not modw:
        # "over the past week", "the next year": a duration of one unit
        if unit in ("week", "month", "year", "decade", "century"):
            code = UNITS[unit]
            return "DURATION", f"P1{code}", None, None
    anchor = c.dct
    rel_unit = "year" if unit in ("decade", "century") else unit
    if base in ("following", "same") or (has_the and base == "previous"):
        anchor = c.last_day or c.dct  # "the following week": from the narrative time
        rel = Relative("anaphoric", n)
    elif unit == "weekend":
        rel = Relative("week", n)
    elif unit == "decade":
        rel = Relative("year", 10 * n)
    elif unit == "century":
        rel = Relative("year", 100 * n)
    else:
        rel = Relative(rel_unit, n)
    if anchor is None:
        if unit == "weekend":
            return "DATE", "XXXX-WXX-WE", mod, rel
        return "DATE", _UNRESOLVED[unit if unit != "weekend" else "week"], mod, rel
    if unit == "weekend":
        return "DATE", _week_value(anchor + dt.timedelta(weeks=n)) + "-WE", mod, rel
    return "DATE", _shift_value(anchor, unit, n), mod, rel


def _h_rel_month(m: re.Match[str], c: _Ctx) -> Result | None:
    month = _month_of(m["mon"])
    if month is None:
        return None
    which = m["which"].lower()
    direction = -1 if which in ("last", "past", "previous") else 1 if which in ("next",
                                                                                  "coming") else 0
    rel = Relative("monthname", direction, month=month)
    mod = _mod(m["modw"])
    if c.dct is None:
        return "DATE", f"XXXX-{month:02d}", mod, rel
    if direction == 0:  # "this December": of the DCT's year
        return "DATE", _month_value(c.dct.year, month), mod, rel
    return "DATE", _month_value(_year_for_month(c.dct, month, direction, True), month), mod, rel


def _h_month_alone(m: re.Match[str], c: _Ctx) -> Result | None:
    month = _month_of(m["mon"])
    if month is None:
        return None
    cue = re.sub(r"[\s-]+", " ", (m["cue"] or "").strip(" -\t\n").lower())
    if m["mon"] == "May" and cue in ("by", "of", "to", "till", "until", "and", "or", "for",
                                     "between"):
        return None  # "of May", "to May": the name or the modal as often as the month
    if cue in ("and", "or", "to", "between", "for", "of") and not re.search(
            rf"\b(?:{_MONTH_FULL}|\d{{4}})\b", c.text[max(0, m.start() - 40):m.start()]):
        return None  # "and March" only in a list of months
    if m["mon"] == "March" and re.match(r"\s+(?:on|to|through|against|for)\b",
                                         c.text[m.end():m.end() + 10]):
        return None  # "the March on Washington", "March to the sea"
    if cue in ("since", "after"):
        direction = -1
    elif cue in ("until", "till", "by", "before"):
        direction = tense(c.text, m.start(), m.end())
    else:
        direction = tense(c.text, m.start(), m.end())
    mod = _mod(cue) or _mod("the " + cue) if cue not in ("in", "since", "by", "until") else None
    rel = Relative("monthname", direction, month=month)
    if c.dct is None:
        return "DATE", f"XXXX-{month:02d}", mod, rel
    return "DATE", _month_value(_year_for_month(c.dct, month, direction, False), month), mod, rel


_FIXED_HOLIDAYS = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "new years eve": (12, 31), "new years day": (1, 1), "valentines day": (2, 14),
    "halloween": (10, 31), "boxing day": (12, 26), "bastille day": (7, 14),
    "st patricks day": (3, 17), "armistice day": (11, 11), "veterans day": (11, 11),
    "remembrance day": (11, 11),
}
_EASTER_OFFSETS = {"easter": 0, "easter sunday": 0, "easter day": 0, "easter monday": 1,
                   "good friday": -2, "palm sunday": -7, "ash wednesday": -46, "pentecost": 49}


def _easter(y: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(y, month, day + 1)


def _nth_weekday(y: int, month: int, wd: int, n: int) -> dt.date:
    """The n-th (1-based; -1 = last) weekday ``wd`` of a month."""
    if n > 0:
        first = dt.date(y, month, 1)
        return first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    nxt = dt.date(y + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - wd) % 7)


def _holiday_date(name: str, y: int) -> dt.date | None:
    if not _ok_year(y):
        return None
    if name in _FIXED_HOLIDAYS:
        return _day(y, *_FIXED_HOLIDAYS[name])
    if name in _EASTER_OFFSETS:
        return _easter(y) + dt.timedelta(days=_EASTER_OFFSETS[name])
    if name.startswith("thanksgiving"):
        return _nth_weekday(y, 11, 3, 4)
    if name == "labor day":
        return _nth_weekday(y, 9, 0, 1)
    if name == "memorial day":
        return _nth_weekday(y, 5, 0, -1)
    return None


def _h_holiday(m: re.Match[str], c: _Ctx) -> Result | None:
    name = re.sub(r"\s+", " ", re.sub(r"['’.]", "", m["h"].lower()))
    if m["year"]:
        d = _holiday_date(name, int(m["year"]))
        return ("DATE", d.isoformat(), None, None) if d else None
    direction = tense(c.text, m.start(), m.end())
    fixed = _FIXED_HOLIDAYS.get(name)
    rel = Relative("monthday", direction, month=fixed[0], day=fixed[1]) if fixed else \
        Relative("year", 0)
    if c.dct is None:
        return "DATE", f"XXXX-{fixed[0]:02d}-{fixed[1]:02d}" if fixed else "XXXX-XX-XX", None, rel
    best: tuple[int, dt.date] | None = None
    for y in (c.dct.year - 1, c.dct.year, c.dct.year + 1):
        d = _holiday_date(name, y)
        if d is None:
            continue
        delta = (d - c.dct).days
        if (direction < 0 and delta > 45) or (direction > 0 and delta < -45):
            continue
        if best is None or abs(delta) < best[0]:
            best = (abs(delta), d)
    if best is None:
        return None
    return "DATE", best[1].isoformat(), None, rel


def _h_weekday(m: re.Match[str], c: _Ctx) -> Result | None:
    wd = _weekday_of(m["wd"])
    if wd is None:
        return None
    before = c.text[max(0, m.start() - 24):m.start()]
    if re.search(r"\b(?:News|Mail|Independent|Express|Telegraph|Observer|Mirror|People|Post|"
                 r"Times)\s+(?:on\s+)?$", before):
        return None  # "Fox News Sunday", "the Mail on Sunday"
    if re.search(r"(?:Good|Black|Bloody|Ash|Palm|Easter|Holy|Cyber|Super|Blue|Manic|Casual)\s+$",
                 before) and m.groupdict().get("which") is None:
        return None  # named days
    which = (m.groupdict().get("which") or "").lower()
    if which in ("last", "past"):
        direction, strict = -1, True
    elif which in ("next", "coming"):
        direction, strict = 1, True
    elif which in ("earlier",):
        direction, strict = -1, False
    elif which in ("later",):
        direction, strict = 1, False
    else:
        direction, strict = tense(c.text, m.start(), m.end()), False
    mod = {"early": "START", "late": "END"}.get(which)
    rel = Relative("weekday", direction, weekday=wd)
    part = m.groupdict().get("part")
    ttype = "TIME" if part else "DATE"
    if c.dct is None:
        return ttype, _with_part(f"XXXX-WXX-{wd + 1}", part), mod, rel
    d = _weekday_date(c.dct, wd, direction, strict)
    return ttype, _with_part(d.isoformat(), part), mod, rel


_DEICTIC_DAYS = {"the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1,
                 "today": 0, "tomorrow": 1, "tonight": 0, "this morning": 0,
                 "this afternoon": 0, "this evening": 0, "last night": -1, "overnight": 0}


def _h_deictic(m: re.Match[str], c: _Ctx) -> Result | None:
    word = m["word"]
    if word[:1].isupper() and not word.isupper() and re.search(
            r"(?:[A-Za-z0-9,]|['’]s)\s*$", c.text[max(0, m.start() - 4):m.start()]):
        return None  # "Piers Morgan Tonight", "Radio 4 's Today programme": names
    w = re.sub(r"\s+", " ", word.lower())
    n = _DEICTIC_DAYS[w]
    part = m["part"]
    if w in ("tonight", "last night"):
        part = "night"
    elif w.startswith("this "):
        part = w.split()[1]
    elif w == "overnight":
        if not re.search(r"\b(?:stay|stays|stayed|staying|rose|fell|rise|fall|rate|rates|"
                         r"success|sensation|bag|lending|trading|trade)\b",
                         c.text[max(0, m.start() - 30):m.end() + 30], re.I):
            part = "night"
            n = -1 if tense(c.text, m.start(), m.end()) < 0 else 0
        else:
            return None
    rel = Relative("day", n)
    ttype = "TIME" if part else "DATE"
    if c.dct is None:
        return ttype, _with_part("XXXX-XX-XX", part), None, rel
    return ttype, _with_part((c.dct + dt.timedelta(days=n)).isoformat(), part), None, rel


def _h_anaphoric(m: re.Match[str], c: _Ctx) -> Result | None:
    w = re.sub(r"\s+", " ", m["word"].lower())
    if "next" in w or "following" in w or "after" in w:
        n = 1
    elif "previous" in w or "before" in w or "preceding" in w:
        n = -1
    else:
        n = 0
    part = None
    for p in ("morning", "afternoon", "evening", "night"):
        if w.endswith(p):
            part = p
    ttype = "TIME" if part else "DATE"
    rel = Relative("anaphoric", n)
    if c.last_day is None:
        if (w.startswith("that") or "same" in w) and not c.probe:
            return None  # "that day" with nothing to point to
        return ttype, _with_part("XXXX-XX-XX", part), None, rel
    return ttype, _with_part((c.last_day + dt.timedelta(days=n)).isoformat(), part), None, rel


def _sentence_anchor(c: _Ctx, pos: int) -> dt.date | None:
    """The day a bare clock time belongs to: the last day mentioned in the same sentence, else
    the DCT."""
    if c.last_day is not None and c.last_day_end >= 0:
        gap = c.text[c.last_day_end:pos]
        if not re.search(r"[.!?]\s+[A-Z\"'`]|\n", gap):
            return c.last_day
    return c.dct


def _h_time(m: re.Match[str], c: _Ctx) -> Result | None:
    if m["noon"]:
        word = m["noon"].lower()
        hh, mm = (12, 0) if word in ("noon", "midday") else (24, 0)
    elif m["h24"] is not None:
        hh, mm = int(m["h24"]), int(m["m24"])
        if hh > 23:
            return None
    else:
        hh = int(m["h"])
        mm = int(m["m"] or 0)
        if not 1 <= hh <= 12:
            return None
        ampm = re.sub(r"[\s.]", "", m["ampm"].lower())
        if ampm == "pm" and hh != 12:
            hh += 12
        if ampm == "am" and hh == 12:
            hh = 0
    approx = (m["approx"] or "").lower()
    mod = None if approx.startswith("shortly") else _mod(approx)
    anchor = _sentence_anchor(c, m.start())
    day = anchor.isoformat() if anchor else "XXXX-XX-XX"
    return "TIME", f"{day}T{hh:02d}:{mm:02d}", mod, Relative("day", 0)


def _duration_value(n: int | float | None, unit_word: str, mod: str | None) -> Result | None:
    unit = _unit(unit_word)
    code = UNITS.get(unit)
    if code is None:
        return None
    if unit == "fortnight":
        n = None if n is None else n * 14
    if unit == "quarter":
        code, n = "M", None if n is None else n * 3
    if isinstance(n, float):
        if n.is_integer():
            n = int(n)
        elif unit in ("year", "hour", "day") and (n * 2).is_integer():
            # "1.5 years" -> P18M, "2.5 hours" -> PT150M, "1.5 days" -> PT36H
            smaller = {"year": ("M", 12), "hour": ("M", 60), "day": ("H", 24)}[unit]
            code, n = smaller[0], int(n * smaller[1])
            if unit in ("hour", "day"):
                return "DURATION", f"PT{n}{code}", mod, None
        else:
            return None
    amount = "X" if n is None else str(n)
    prefix = "PT" if unit in ("hour", "minute") else "P"
    return "DURATION", f"{prefix}{amount}{code}", mod, None


def _h_duration(m: re.Match[str], c: _Ctx) -> Result | None:
    raw = m["num"]
    n = _num(raw)
    mod = _mod(m["approx"])
    if m["the"] and (m["approx"] or "").lower() == "over":
        mod = None  # "over the last two years": "over" is the preposition
    if raw.lower() in ("a", "an", "one") and not (m["approx"] or m["the"]):
        # "a week", "one day": a duration only after a duration cue ("for a week")
        before = c.text[max(0, m.start() - 16):m.start()]
        if not re.search(r"\b(?:for|within|over|in|during|after|lasting|last|lasted|took|take|"
                         r"takes|spent|spend|than|nearly|almost|about)\s+$", before, re.I):
            return None
        if raw.lower() == "one" and re.match(r"\s*day\b", c.text[m.end("num"):], re.I) and \
                re.search(r"\bin\s+$", before):
            return None  # "in one day" is fine, but keep it cautious
    if raw.lower() in ("some", "many") and not m["the"]:
        return None
    unit_word = m["unit"]
    if unit_word[:1].isupper() and not unit_word.isupper():
        return None  # "60 Minutes", "Twenty Minutes": a programme or a title
    if _unit(unit_word) == "quarter" and not re.search(r"\bquarters?\b", unit_word, re.I):
        return None
    if _unit(unit_word) == "quarter" and n == 1 and not m["the"]:
        return None
    if _unit(unit_word) == "quarter" and (
            "-" in c.text[m.end("num"):m.start("unit")] or
            re.match(r"\s+of\b", c.text[m.end():m.end() + 4])):
        return None  # "three-quarters of the oil": a fraction
    if re.match(r"\s+(?:of\s+)?(?:that|this|the)\s", c.text[m.end():m.end() + 10]) and \
            raw.lower() in ("a", "an", "one"):
        return None
    return _duration_value(n, unit_word, mod)


def _h_duration_bare(m: re.Match[str], c: _Ctx) -> Result | None:
    if (m["mod2"] or "").lower() == "recent":
        return None  # "in recent years": PAST_REF, see the ref rule
    cue = m["cue"].lower()
    if cue == "in" and not re.match(r"\s*(?:[,.;:)]|$|and\b|but\b)", c.text[m.end():m.end() + 5]):
        return None  # "in days of old"
    return _duration_value(None, m["unit"], None)


def _h_set(m: re.Match[str], c: _Ctx) -> Result | None:
    w = re.sub(r"\s+", " ", m["word"].lower())
    for name, num in WEEKDAYS.items():
        if len(name) > 4 and name in w:
            return "SET", f"XXXX-WXX-{num + 1}", None, None
    for season, code in SEASONS.items():
        if w.endswith(season):
            return "SET", f"XXXX-{code}", None, None
    for part, code in (("morning", "TMO"), ("afternoon", "TAF"), ("evening", "TEV"),
                       ("night", "TNI")):
        if part in w and not w.startswith("nightly"):
            return "SET", code, None, None
    adverbs = {"annually": "P1Y", "yearly": "P1Y", "daily": "P1D", "weekly": "P1W",
               "monthly": "P1M", "nightly": "TNI", "hourly": "PT1H", "fortnightly": "P2W",
               "biannually": "P6M", "quarterly": "P3M"}
    if w in adverbs:
        return "SET", adverbs[w], None, None
    unit_m = re.search(r"(day|week|month|year|decade|hour|minute|quarter|weekend)s?$", w)
    if not unit_m:
        return None
    unit = unit_m.group(1)
    n = 1
    if w.startswith(("every", "each")):
        num = m["n"]
        if num:
            n = _num(num) or 1
        if "other" in w:
            n *= 2
    if unit == "weekend":
        return "SET", "XXXX-WXX-WE", None, None
    if unit == "quarter":
        unit, n = "month", 3 * n
    code = UNITS[unit]
    prefix = "PT" if unit in ("hour", "minute") else "P"
    return "SET", f"{prefix}{n}{code}", None, None


def _h_ref(m: re.Match[str], c: _Ctx) -> Result | None:
    w = re.sub(r"\s+", " ", m["word"].lower())
    if w == "now" and re.match(r"\s*(?:that\b|-)", c.text[m.end():m.end() + 8]):
        return None  # "now that ...", "now-defunct"
    if m["word"][:1].isupper() and re.search(r"[A-Z][\w'’]*\s+$",
                                             c.text[max(0, m.start() - 20):m.start()]) and \
            not re.search(r"(?:^|[.!?:;\"“”`'\n]\s*)[A-Z][\w'’]*\s+$",
                          c.text[max(0, m.start() - 20):m.start()]):
        return None  # "Hope for Haiti Now", "Apocalypse Now": a title
    if w in ("the moment",) and not re.search(r"\bat\s+$", c.text[max(0, m.start() - 4):m.start()]):
        return None
    if w == "so far":
        return None
    if w == "recently" and re.search(r"\bas\s+$", c.text[max(0, m.start() - 4):m.start()]):
        return None  # "as recently as Monday": the date is Monday
    if "past" in w or w == "recently" or w.startswith("recent "):
        if "past" in w and re.match(r"\s+(?:few|several|two|three|four|five|\d)",
                                    c.text[m.end():m.end() + 10]):
            return None
        return "DATE", "PAST_REF", None, None
    if "future" in w:
        return "DATE", "FUTURE_REF", None, None
    return "DATE", "PRESENT_REF", None, None


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
}


# --------------------------------------------------------------------------------------------
# candidates: trigger scan, windowed matching, overlap resolution
# --------------------------------------------------------------------------------------------

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


_CLAUSE_END = re.compile(r"\s*(?:[,.;:)!?]|$|-RRB-|and\b|but\b|when\b|as\b)")
_LEADING_PREPS = re.compile(
    r"(?:(?:in|since|by|until|till|from|during|before|after|throughout|between|to|through|"
    r"at(?!\s+(?:least|most)\b)|"
    r"on|for|within|over(?=\s+the\b)|lasting|took|take|takes|of)\s+)+",
    re.I,
)


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
    if not (_ok_year(y1) and y1 < y2 <= y1 + 50 and 1800 <= y1 <= 2100):
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


# --------------------------------------------------------------------------------------------
# combinations: "Sunday at 3 p.m.", "9:40 a.m. Friday", "tomorrow morning at 10"
# --------------------------------------------------------------------------------------------

_DAY_VALUE = re.compile(r"(\d{4}-\d\d-\d\d|XXXX-XX-XX|XXXX-WXX-\d)(?:T(MO|AF|EV|NI))?")
_CLOCK_VALUE = re.compile(r"(?:\d{4}-\d\d-\d\d|XXXX-XX-XX)T(\d\d:\d\d)")
_BARE_CLOCK = re.compile(r"\s+at\s+(?:about\s+|around\s+)?(?P<h>[01]?\d)(?::(?P<m>[0-5]\d))?"
                         r"(?:\s*(?P<oc>o'clock))?(?![\d:]|[.,]\d|\s*(?:%|percent|a\.?m|p\.?m|"
                         r"[AP]M\b))")


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


# --------------------------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------------------------

_FULL_DAY = re.compile(r"\d{4}-\d\d-\d\d")
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
    if dct is not None and not _ok_year(dct.year):
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
                    if ra.unit == "monthday" and _day_or_none(y, ra.month, ra.day) is None:
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


def _day_or_none(y: int, m: int | None, d: int | None) -> dt.date | None:
    try:
        return dt.date(y, m or 0, d or 0)
    except ValueError:
        return None


_VALUE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T[\w:]+)?")
_CLOCK_WORDS = re.compile(r"\b(?:about|around|roughly|approximately|some|nearly|almost|shortly|"
                          r"before|after|at|[ap]\.?\s?m|am|pm|noon|midnight|midday|gmt|utc|est|edt|"
                          r"et|cet|bst|pst|pdt|cdt|cst|local|time|hours|hrs|h|o'clock)\b", re.I)


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
    if not _ok_year(y):
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


def to_timeml(text: str, timexes: list[Timex], dct: dt.date | None = None) -> str:
    """``text`` with inline ``<TIMEX3>`` elements (XML-escaped), tids numbered from t1.

    Overlapping timexes (not produced by :func:`tag`) are skipped after the first.  ``dct`` is
    accepted for symmetry with :func:`tag` and not written.
    """
    parts: list[str] = []
    pos = 0
    n = 0
    for tx in sorted(timexes, key=lambda t: (t.start, -t.end)):
        if tx.start < pos:
            continue
        n += 1
        parts.append(escape(text[pos:tx.start]))
        attrs = f'tid="t{n}" type="{tx.type}" value={quoteattr(tx.value)}'
        if tx.mod:
            attrs += f' mod="{tx.mod}"'
        parts.append(f"<TIMEX3 {attrs}>{escape(text[tx.start:tx.end])}</TIMEX3>")
        pos = tx.end
    parts.append(escape(text[pos:]))
    return "".join(parts)
