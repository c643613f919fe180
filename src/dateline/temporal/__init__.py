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

from dateline.temporal.calendar import MAX_YEAR, MIN_YEAR
from dateline.temporal.engine import HANDLERS, mentions, tag, to_mention
from dateline.temporal.lexicon import (
    DECADE_WORDS,
    MOD_WORDS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS,
    SEASONS,
    UNITS,
    WEEKDAYS,
)
from dateline.temporal.rules import RULES, Rule
from dateline.temporal.tense import in_relative_clause, span_edge, tense
from dateline.temporal.timeml import to_timeml
from dateline.temporal.timex import Relative, Timex

__all__ = [
    "DECADE_WORDS", "HANDLERS", "MAX_YEAR", "MIN_YEAR", "MOD_WORDS", "MONTHS", "NUMBERS",
    "ORDINALS", "PARTS", "RULES", "SEASONS", "UNITS", "WEEKDAYS", "Relative", "Rule", "Timex",
    "in_relative_clause", "mentions", "span_edge", "tag", "tense", "to_mention", "to_timeml",
]
