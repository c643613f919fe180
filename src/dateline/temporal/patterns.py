"""The regular expressions of the tagger, built from the language data.

``lang/en/temporal_rules.toml`` holds the rules and their fragments as patterns with
``%{NAME}`` slots (as HeidelTime fills its ``%reMonthLong`` slots from its resource files); the
month and weekday alternations come from ``lang/en/calendar.json``.
"""

from __future__ import annotations

import re
from typing import Any

from dateline import lang

_EN = lang.load()
GRAMMAR: dict[str, Any] = _EN.toml("temporal_rules")
_SLOT = re.compile(r"%\{([A-Z][A-Z0-9_]*)\}")

I = re.IGNORECASE  # noqa: E741


def _alternation(names: dict[str, int], abbreviations: dict[str, int]) -> tuple[str, str]:
    """The names (calendar.json: name -> number, in calendar order), capitalised, and the
    abbreviations of each name, longer first (so that "Sept" is tried before "Sep"), as regex
    alternations."""
    full = "|".join(n.capitalize() for n in names)
    ordered: list[str] = []
    for number in names.values():
        ordered += sorted((a for a, n in abbreviations.items() if n == number), key=len,
                          reverse=True)
    return full, "|".join(a.capitalize() for a in ordered)


def _word_slots() -> dict[str, str]:
    cal = _EN.table("calendar")
    months, month_abbrs = _alternation(cal["months"], cal["month_abbreviations"])
    weekdays, weekday_abbrs = _alternation(cal["weekdays"], cal["weekday_abbreviations"])
    return {"MONTH_NAMES": months, "MONTH_NAMES_UPPER": months.upper(),
            "MONTH_ABBRS": month_abbrs, "MONTH_ABBRS_UPPER": month_abbrs.upper(),
            "WEEKDAY_NAMES": weekdays, "WEEKDAY_NAMES_UPPER": weekdays.upper(),
            "WEEKDAY_ABBRS": weekday_abbrs}


def joined(value: str | list[str]) -> str:
    """A pattern of the data file: one string, or a list of pieces to join."""
    return value if isinstance(value, str) else "".join(value)


def _fill(pattern: str, slots: dict[str, str], raw: dict[str, str], seen: tuple[str, ...] = ()
          ) -> str:
    def one(m: re.Match[str]) -> str:
        name = m[1]
        if name in slots:
            return slots[name]
        if name not in raw or name in seen:
            why = "refers to itself" if name in seen else "is not defined"
            raise LookupError(f"temporal_rules.toml: fragment %{{{name}}} {why}")
        slots[name] = _fill(raw[name], slots, raw, (*seen, name))
        return slots[name]

    return _SLOT.sub(one, pattern)


_RAW_FRAGMENTS = {k: joined(v) for k, v in GRAMMAR["fragments"].items()}
SLOTS = _word_slots()
for _name in _RAW_FRAGMENTS:
    if _name not in SLOTS:  # a fragment another one used is filled already
        SLOTS[_name] = _fill(_RAW_FRAGMENTS[_name], SLOTS, _RAW_FRAGMENTS, (_name,))


def fill(pattern: str | list[str]) -> str:
    """A pattern of the data file with its slots filled."""
    return _fill(joined(pattern), SLOTS, _RAW_FRAGMENTS)


def named_pattern(name: str) -> re.Pattern[str]:
    """A pattern of the data file's ``[patterns]`` table, compiled."""
    entry = GRAMMAR["patterns"][name]
    return re.compile(fill(entry["pattern"]), I if entry.get("ignore_case") else 0)


_MONTH_FULL = SLOTS["MONTH_NAMES"]
_MON = SLOTS["MON"]
_MON_ALONE = SLOTS["MON_ALONE"]
_WEEKDAY = SLOTS["WEEKDAY"]
_CLAUSE_END = named_pattern("clause_end")
_LEADING_PREPS = named_pattern("leading_prepositions")
