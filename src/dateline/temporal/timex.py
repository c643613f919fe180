"""The values the tagger returns: :class:`Timex` and its :class:`Relative`."""

from __future__ import annotations

from dataclasses import dataclass


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
