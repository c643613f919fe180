"""Regular-expression fragments the rules are built from."""

from __future__ import annotations

import re

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

_CLAUSE_END = re.compile(r"\s*(?:[,.;:)!?]|$|-RRB-|and\b|but\b|when\b|as\b)")
_LEADING_PREPS = re.compile(
    r"(?:(?:in|since|by|until|till|from|during|before|after|throughout|between|to|through|"
    r"at(?!\s+(?:least|most)\b)|"
    r"on|for|within|over(?=\s+the\b)|lasting|took|take|takes|of)\s+)+",
    re.I,
)
