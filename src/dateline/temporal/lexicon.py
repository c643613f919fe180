"""The tagger's word tables, read from the language data (``lang/en/calendar.json`` and
``lang/en/temporal.json``), and the lookups that normalise a matched word."""

from __future__ import annotations

import re

from dateline import lang

_EN = lang.load()
_CALENDAR = _EN.table("calendar")
_WORDS = _EN.table("temporal")


MONTHS: dict[str, int] = {**_CALENDAR["months"], **_CALENDAR["month_abbreviations"]}
WEEKDAY_NAMES: dict[str, int] = _CALENDAR["weekdays"]  # full names only
WEEKDAYS: dict[str, int] = {**WEEKDAY_NAMES, **_CALENDAR["weekday_abbreviations"]}
NUMBERS: dict[str, int | None] = _WORDS["numbers"]
UNITS: dict[str, str] = _WORDS["units"]
UNIT_WORDS = frozenset(_WORDS["unit_words"])
SEASONS: dict[str, str] = _WORDS["seasons"]
PARTS: dict[str, str] = _WORDS["parts_of_day"]
DECADE_WORDS: dict[str, int] = _WORDS["decade_words"]
ORDINALS: dict[str, int] = _WORDS["ordinals"]
# TimeML mod values of the words that may open an expression
MOD_WORDS: dict[str, str] = _WORDS["modifiers"]
NOT_PAST = frozenset(_WORDS["not_past"])
REPORT_FRAME_VERBS = frozenset(_WORDS["report_frame_verbs"])
# what the parser's reading of a verb listens for (temporal/syntax.py)
PARSER_FUTURE_MODALS = frozenset(_WORDS["parser_future_modals"])
PARSER_PLAN_VERBS = frozenset(_WORDS["parser_plan_verbs"])
PARSER_REPORTING_VERBS = frozenset(_WORDS["parser_reporting_verbs"])


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


_FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    k: (v[0], v[1]) for k, v in _WORDS["fixed_holidays"].items()}
_EASTER_OFFSETS: dict[str, int] = _WORDS["easter_holidays"]
_WEEKDAY_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    k: (v[0], v[1], v[2]) for k, v in _WORDS["weekday_holidays"].items()}
_DEICTIC_DAYS: dict[str, int] = _WORDS["deictic_days"]
_HISTORIC_DAYS: dict[str, str] = _WORDS["historic_days"]
