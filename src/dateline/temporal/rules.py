"""The rule table: patterns, trigger words and reach, in priority order."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.temporal.lexicon import DECADE_WORDS, MONTHS, SEASONS, WEEKDAYS
from dateline.temporal.patterns import (
    _APPROX,
    _CLOCK_AMPM,
    _COMMA,
    _DAY,
    _MON,
    _MON_ALONE,
    _NUM,
    _NUM_WORDS,
    _PART,
    _UNIT,
    _WD_PREFIX,
    _WEEKDAY,
    _YEAR4,
    _YEAR_NOT_COUNT,
    I,
)


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
