"""Word tables of the tagger (English) and the lookups that normalise a matched word."""

from __future__ import annotations

import re

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


_FIXED_HOLIDAYS = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "new years eve": (12, 31), "new years day": (1, 1), "valentines day": (2, 14),
    "halloween": (10, 31), "boxing day": (12, 26), "bastille day": (7, 14),
    "st patricks day": (3, 17), "armistice day": (11, 11), "veterans day": (11, 11),
    "remembrance day": (11, 11),
}
_EASTER_OFFSETS = {"easter": 0, "easter sunday": 0, "easter day": 0, "easter monday": 1,
                   "good friday": -2, "palm sunday": -7, "ash wednesday": -46, "pentecost": 49}


_DEICTIC_DAYS = {"the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1,
                 "today": 0, "tomorrow": 1, "tonight": 0, "this morning": 0,
                 "this afternoon": 0, "this evening": 0, "last night": -1, "overnight": 0}
