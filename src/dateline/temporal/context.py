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
    probe: bool = False  # first pass: is the match an expression at all (context not known yet)


Result = tuple[str, str, str | None, Relative | None]
Handler = Callable[[re.Match[str], _Ctx], Result | None]


def _with_part(value: str, part: str | None) -> str:
    return f"{value}T{PARTS[part.lower()]}" if part else value
