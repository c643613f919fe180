"""The rule table, read from ``lang/en/temporal_rules.toml``: patterns, trigger words and reach,
in priority order."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from dateline.temporal.lexicon import DECADE_WORDS, MONTHS, SEASONS, UNIT_WORDS, WEEKDAYS
from dateline.temporal.patterns import GRAMMAR, I, fill


@dataclass(frozen=True)
class Rule:
    """A pattern, the words that must occur in any of its matches, and how far a match may reach
    to the left and right of such a trigger word (plus room for look-aheads)."""

    name: str
    pattern: re.Pattern[str]
    triggers: frozenset[str]
    left: int = 64
    right: int = 72


_D4 = "<d4>"  # any four-digit number
_D2S = "<d2s>"  # a two-digit number followed by "s" ("the '80s")
_DSLASH = "<d/d>"  # a number right after "<digit>/" ("9/11")
# the tables a rule's triggers may name as "@table": their words
_TRIGGER_TABLES: dict[str, Iterable[str]] = {
    "months": MONTHS, "weekdays": WEEKDAYS, "seasons": SEASONS, "decade_words": DECADE_WORDS,
    "unit_words": UNIT_WORDS,
}


def _triggers(words: list[str], rule: str) -> frozenset[str]:
    out: set[str] = set()
    for w in words:
        if w.startswith("@"):
            if w[1:] not in _TRIGGER_TABLES:
                raise LookupError(f"temporal_rules.toml: rule {rule!r} names no table {w!r}")
            out.update(_TRIGGER_TABLES[w[1:]])
        else:
            out.add(w)
    return frozenset(out)


def _rule(entry: dict) -> Rule:
    name = entry["name"]
    left, right = entry.get("reach", (64, 72))
    flags = I if entry.get("ignore_case") else 0
    return Rule(name, re.compile(fill(entry["pattern"]), flags),
                _triggers(entry["triggers"], name), left, right)


# Rules in priority order; overlapping matches are resolved longest first, then by this order.
RULES: list[Rule] = [_rule(entry) for entry in GRAMMAR["rules"]]

_PRIORITY = {r.name: i for i, r in enumerate(RULES)}
_RANGE_PRIORITY = _PRIORITY["year_range"]
_TRIGGERS: dict[str, tuple[int, ...]] = {}
for _i, _r in enumerate(RULES):
    for _t in _r.triggers:
        _TRIGGERS[_t] = tuple(sorted(set(_TRIGGERS.get(_t, ())) | {_i}))
_WORD = re.compile(r"[A-Za-z]+|\d+")
