"""What a value handler gets (the match context) and returns."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from dateline.temporal.lexicon import PARTS
from dateline.temporal.timex import Relative


@dataclass
class _Ctx:
    text: str
    dct: dt.date | None
    last_day: dt.date | None = None  # for anaphora: the last day-level date of the text
    last_day_end: int = -1  # where that date was mentioned
    # the last month or year the text named ("in June 2001"), as (first day, granularity)
    last_period: tuple[dt.date, str] | None = None
    last_period_end: int = -1
    probe: bool = False  # first pass: is the match an expression at all (context not known yet)


Result = tuple[str, str, str | None, Relative | None]
Handler = Callable[[re.Match[str], _Ctx], Result | None]


def _with_part(value: str, part: str | None) -> str:
    return f"{value}T{PARTS[part.lower()]}" if part else value


def narrative_anchor(c: _Ctx, unit: str) -> dt.date | None:
    """The date the text last named, for an anaphor counting in ``unit`` ("that year", "three
    years later"): the last day, or the last month or year when it was named after that day and
    is not finer than the unit ("two days later" needs a day)."""
    if c.last_period is not None and c.last_period_end > c.last_day_end:
        start, granularity = c.last_period
        if unit in ("year", "decade", "century") or (unit == "month" and granularity == "month"):
            return start
    return c.last_day
