"""Value handlers of dates relative to the DCT or to the previous date: "two years ago",
"next week", "last December", holidays, weekdays, "yesterday", "the next day"."""

from __future__ import annotations

import datetime as dt
import re

from dateline.temporal.calendar import (
    UNRESOLVED,
    easter,
    month_value,
    nth_weekday,
    ok_year,
    shift_value,
    valid_day,
    week_value,
    weekday_date,
    year_for_month,
)
from dateline.temporal.context import Result, _Ctx, _with_part, narrative_anchor
from dateline.temporal.durations import _duration_value
from dateline.temporal.lexicon import (
    _DEICTIC_DAYS,
    _EASTER_OFFSETS,
    _FIXED_HOLIDAYS,
    _HISTORIC_DAYS,
    _WEEKDAY_HOLIDAYS,
    UNITS,
    _mod,
    _month_of,
    _num,
    _unit,
    _weekday_of,
)
from dateline.temporal.patterns import _CLAUSE_END, _MONTH_FULL, named_pattern
from dateline.temporal.syntax import verb_direction
from dateline.temporal.tense import arranged, has_firm_cue, tense
from dateline.temporal.timex import Relative

_P_MARCH_NOT_MONTH_AFTER = named_pattern("march_not_month_after")
_P_WEEKDAY_PAPER_BEFORE = named_pattern("weekday_paper_before")
_P_WEEKDAY_NAMED_BEFORE = named_pattern("weekday_named_before")
_P_OVERNIGHT_NOT_NIGHT = named_pattern("overnight_not_night")
_P_HOLIDAY_SIMILE_BEFORE = named_pattern("holiday_simile_before")
_P_HOLIDAY_IDIOM_AFTER = named_pattern("holiday_idiom_after")

_AGO_MODS = {"MORE_THAN": "BEFORE", "LESS_THAN": "AFTER", "EQUAL_OR_MORE": "ON_OR_BEFORE",
             "EQUAL_OR_LESS": "ON_OR_AFTER"}
_LATER_MODS = {"MORE_THAN": "AFTER", "LESS_THAN": "BEFORE", "EQUAL_OR_MORE": "ON_OR_AFTER",
               "EQUAL_OR_LESS": "ON_OR_BEFORE"}


def _vague_ago(unit: str, direction: str) -> Result | None:
    """"years ago", "months from now": no count, a past or future reference."""
    if direction in ("ago",):
        return "DATE", "PAST_REF", None, Relative(unit if unit in UNRESOLVED else "year", -1)
    if direction in ("from now", "hence"):
        return "DATE", "FUTURE_REF", None, Relative(unit if unit in UNRESOLVED else "year", 1)
    return None


def _h_ago(m: re.Match[str], c: _Ctx) -> Result | None:
    raw_num = m["num"]
    n = _num(raw_num) if raw_num else None
    unit = _unit(m["unit"])
    direction = re.sub(r"\s+", " ", m["dir"].lower())
    mod = _mod(m["approx"])
    if direction in ("ago", "back", "earlier"):  # "more than 40 years ago": before that year
        mod = _AGO_MODS.get(mod, mod)
    elif direction in ("from now", "hence", "later"):
        mod = _LATER_MODS.get(mod, mod)
    if raw_num is None and not m["unit"].lower().endswith("s"):
        return None  # "day ago"
    if m["unit"][:1].isupper() and not m["unit"].isupper():
        return None  # "One Year Later": a title
    if isinstance(n, float):
        return None
    if unit == "fortnight":
        unit, n = "week", 2 * n if n else None
    if direction in ("before", "after"):
        # "a week after the filing": a duration; "two days after" at the end: anaphoric
        if not _CLAUSE_END.match(c.text, m.end()):
            return _duration_value(n if raw_num else None, m["unit"], mod)
        direction = "later" if direction == "after" else "earlier"
    if direction == "back":
        direction = "ago"
    if n is None:
        return _vague_ago(unit, direction)
    sign = -1 if direction in ("ago", "earlier") else 1
    if unit in ("hour", "minute"):
        if direction in ("later", "earlier"):
            return None
        rel = Relative("day", 0)
        return ("TIME" if c.dct is None else "DATE",
                "XXXX-XX-XX" if c.dct is None else c.dct.isoformat(), mod, rel)
    if direction in ("later", "earlier"):
        # anaphoric: from the last date of the text
        rel = Relative("anaphoric", sign * int(n) if unit == "day" else sign)
        ref = narrative_anchor(c, unit)
        if ref is None:
            return "DATE", UNRESOLVED.get(unit, "XXXX"), mod, rel
        return "DATE", shift_value(ref, unit, sign * int(n)), mod, rel
    n = int(n)
    if unit == "decade":
        rel = Relative("year", sign * 10 * n)
    elif unit == "century":
        rel = Relative("year", sign * 100 * n)
    elif unit == "quarter":
        rel = Relative("month", sign * 3 * n)
    else:
        rel = Relative(unit, sign * n)
    if c.dct is None:
        return "DATE", UNRESOLVED.get(unit, "XXXX"), mod, rel
    return "DATE", shift_value(c.dct, unit, sign * n), mod, rel


def _h_rel_unit(m: re.Match[str], c: _Ctx) -> Result | None:
    which = re.sub(r"\s+", " ", m["which"].lower())
    unit = m["unit"].lower()
    modw = re.sub(r"[\s-]+", " ", (m["modw"] or "").lower()).strip()
    mod = None if modw in ("earlier", "later") else _mod(modw) or _mod("the " + modw)
    has_the = which.startswith("the ")
    base = which[4:] if has_the else which
    if unit == "fortnight":
        return ("DURATION", "P2W", None, None) if base in ("past", "last", "next", "coming") \
            else None
    if which == "the" and unit == "weekend" and not modw:
        # "over the weekend": the nearest weekend before or after the DCT, by tense
        direction = tense(c.text, m.start(), m.end())
        rel = Relative("week", 0 if direction < 0 else 1)
        if c.dct is None:
            return "DATE", "XXXX-WXX-WE", None, rel
        sat = weekday_date(c.dct, 5, direction, False)
        if direction < 0 and c.dct.weekday() == 6:
            sat = c.dct - dt.timedelta(days=1)
        return "DATE", week_value(sat) + "-WE", None, rel
    if which == "the":
        if not modw:
            return None  # "the week", "the year": no date of their own
        base = "this"
    if base in ("last", "past", "previous", "this past"):
        n = -1
    elif base in ("next", "coming", "following", "this coming"):
        n = 1
    else:
        n = 0
    if has_the and base in ("past", "last", "next", "coming") and not modw:
        # "over the past week", "the next year": a duration of one unit
        if unit in ("week", "month", "year", "decade", "century"):
            code = UNITS[unit]
            return "DURATION", f"P1{code}", None, None
    anchor = c.dct
    rel_unit = "year" if unit in ("decade", "century") else unit
    if base in ("following", "same", "that") or (has_the and base == "previous"):
        # "the following week", "that year": from the narrative time
        anchor = narrative_anchor(c, rel_unit)
        if anchor is None and base == "that" and not c.probe:
            return None  # "that year" with nothing to point to
        anchor = anchor or c.dct
        rel = Relative("anaphoric", n)
    elif unit == "weekend":
        rel = Relative("week", n)
    elif unit == "decade":
        rel = Relative("year", 10 * n)
    elif unit == "century":
        rel = Relative("year", 100 * n)
    else:
        rel = Relative(rel_unit, n)
    if anchor is None:
        if unit == "weekend":
            return "DATE", "XXXX-WXX-WE", mod, rel
        return "DATE", UNRESOLVED[unit if unit != "weekend" else "week"], mod, rel
    if unit == "weekend":
        return "DATE", week_value(anchor + dt.timedelta(weeks=n)) + "-WE", mod, rel
    return "DATE", shift_value(anchor, unit, n), mod, rel


def _h_rel_month(m: re.Match[str], c: _Ctx) -> Result | None:
    month = _month_of(m["mon"])
    if month is None:
        return None
    which = m["which"].lower()
    direction = -1 if which in ("last", "past", "previous") else 1 if which in ("next",
                                                                                  "coming") else 0
    rel = Relative("monthname", direction, month=month)
    mod = _mod(m["modw"])
    if c.dct is None:
        return "DATE", f"XXXX-{month:02d}", mod, rel
    if direction == 0:  # "this December": of the DCT's year
        return "DATE", month_value(c.dct.year, month), mod, rel
    return "DATE", month_value(year_for_month(c.dct, month, direction, True), month), mod, rel


def _h_month_alone(m: re.Match[str], c: _Ctx) -> Result | None:
    month = _month_of(m["mon"])
    if month is None:
        return None
    cue = re.sub(r"[\s-]+", " ", (m["cue"] or "").strip(" -\t\n").lower())
    if m["mon"] == "May" and cue in ("by", "of", "to", "till", "until", "and", "or", "for",
                                     "between"):
        return None  # "of May", "to May": the name or the modal as often as the month
    if cue in ("and", "or", "to", "between", "for", "of") and not re.search(
            rf"\b(?:{_MONTH_FULL}|\d{{4}})\b", c.text[max(0, m.start() - 40):m.start()]):
        return None  # "and March" only in a list of months
    if m["mon"] == "March" and _P_MARCH_NOT_MONTH_AFTER.match(c.text[m.end():m.end() + 10]):
        return None  # "the March on Washington", "March to the sea"
    if cue in ("since", "after"):
        direction = -1
    elif cue in ("until", "till", "by", "before"):
        direction = tense(c.text, m.start(), m.end())
    else:
        direction = tense(c.text, m.start(), m.end())
    mod = _mod(cue) or _mod("the " + cue) if cue not in ("in", "since", "by", "until") else None
    rel = Relative("monthname", direction, month=month)
    if c.dct is None:
        return "DATE", f"XXXX-{month:02d}", mod, rel
    return "DATE", month_value(year_for_month(c.dct, month, direction, False), month), mod, rel


def _holiday_date(name: str, y: int) -> dt.date | None:
    if not ok_year(y):
        return None
    if name in _FIXED_HOLIDAYS:
        return valid_day(y, *_FIXED_HOLIDAYS[name])
    if name in _EASTER_OFFSETS:
        return easter(y) + dt.timedelta(days=_EASTER_OFFSETS[name])
    if name in _WEEKDAY_HOLIDAYS:
        return nth_weekday(y, *_WEEKDAY_HOLIDAYS[name])
    return None


def _h_holiday(m: re.Match[str], c: _Ctx) -> Result | None:
    if _P_HOLIDAY_SIMILE_BEFORE.search(c.text[max(0, m.start() - 24):m.start()]) or \
            _P_HOLIDAY_IDIOM_AFTER.match(c.text, m.end()):
        return None  # "it felt like New Year's Eve", "Christmas came early"
    name = re.sub(r"\s+", " ", re.sub(r"['’.]", "", m["h"].lower()))
    if m["year"]:
        d = _holiday_date(name, int(m["year"]))
        return ("DATE", d.isoformat(), None, None) if d else None
    direction = tense(c.text, m.start(), m.end())
    fixed = _FIXED_HOLIDAYS.get(name)
    rel = Relative("monthday", direction, month=fixed[0], day=fixed[1]) if fixed else \
        Relative("year", 0)
    if c.dct is None:
        return "DATE", f"XXXX-{fixed[0]:02d}-{fixed[1]:02d}" if fixed else "XXXX-XX-XX", None, rel
    best: tuple[int, dt.date] | None = None
    for y in (c.dct.year - 1, c.dct.year, c.dct.year + 1):
        d = _holiday_date(name, y)
        if d is None:
            continue
        delta = (d - c.dct).days
        if (direction < 0 and delta > 45) or (direction > 0 and delta < -45):
            continue
        if best is None or abs(delta) < best[0]:
            best = (abs(delta), d)
    if best is None:
        return None
    return "DATE", best[1].isoformat(), None, rel


def _h_weekday(m: re.Match[str], c: _Ctx) -> Result | None:
    wd = _weekday_of(m["wd"])
    if wd is None:
        return None
    before = c.text[max(0, m.start() - 24):m.start()]
    if _P_WEEKDAY_PAPER_BEFORE.search(before):
        return None  # "Fox News Sunday", "the Mail on Sunday"
    if _P_WEEKDAY_NAMED_BEFORE.search(before) and m.groupdict().get("which") is None:
        return None  # named days
    which = (m.groupdict().get("which") or "").lower()
    if which in ("last", "past"):
        direction, strict = -1, True
    elif which in ("next", "coming"):
        direction, strict = 1, True
    elif which in ("earlier",):
        direction, strict = -1, False
    elif which in ("later",):
        direction, strict = 1, False
    else:
        direction, strict = tense(c.text, m.start(), m.end()), False
        # the parser is asked only when no firm cue word settles the clause (it costs time)
        parsed = (None if c.dct is None or has_firm_cue(c.text, m.start(), m.end())
                  else verb_direction(c.text, m.start(), m.end()))
        if parsed is not None:
            direction = parsed  # the governing verb's tense, read by the parser
        elif direction < 0 and arranged(c.text, m.start(), m.end()):
            direction = 1
    mod = {"early": "START", "late": "END"}.get(which)
    rel = Relative("weekday", direction, weekday=wd)
    part = m.groupdict().get("part")
    ttype = "TIME" if part else "DATE"
    if c.dct is None:
        return ttype, _with_part(f"XXXX-WXX-{wd + 1}", part), mod, rel
    d = weekday_date(c.dct, wd, direction, strict)
    return ttype, _with_part(d.isoformat(), part), mod, rel


def _h_deictic(m: re.Match[str], c: _Ctx) -> Result | None:
    word = m["word"]
    if word[:1].isupper() and not word.isupper() and re.search(
            r"(?:[A-Za-z0-9,]|['’]s)\s*$", c.text[max(0, m.start() - 4):m.start()]):
        return None  # "Piers Morgan Tonight", "Radio 4 's Today programme": names
    w = re.sub(r"\s+", " ", word.lower())
    n = _DEICTIC_DAYS.get(w)
    if n is None:  # a spelling the table does not list: no resolution rather than a crash
        return None
    part = m["part"]
    if w in ("tonight", "last night"):
        part = "night"
    elif w.startswith("this "):
        part = w.split()[1]
    elif w == "overnight":
        if not _P_OVERNIGHT_NOT_NIGHT.search(c.text[max(0, m.start() - 30):m.end() + 30]):
            part = "night"
            n = -1 if tense(c.text, m.start(), m.end()) < 0 else 0
        else:
            return None
    rel = Relative("day", n)
    ttype = "TIME" if part else "DATE"
    if c.dct is None:
        return ttype, _with_part("XXXX-XX-XX", part), None, rel
    return ttype, _with_part((c.dct + dt.timedelta(days=n)).isoformat(), part), None, rel


def _h_anaphoric(m: re.Match[str], c: _Ctx) -> Result | None:
    w = re.sub(r"\s+", " ", m["word"].lower())
    words = set(w.split())  # whole words: "afternoon" does not say "after"
    if words & {"next", "following", "after"}:
        n = 1
    elif words & {"previous", "before", "preceding"}:
        n = -1
    else:
        n = 0
    part = None
    for p in ("morning", "afternoon", "evening", "night"):
        if w.endswith(p):
            part = p
    ttype = "TIME" if part else "DATE"
    rel = Relative("anaphoric", n)
    if c.last_day is None:
        if (w.startswith("that") or "same" in w) and not c.probe:
            return None  # "that day" with nothing to point to
        return ttype, _with_part("XXXX-XX-XX", part), None, rel
    return ttype, _with_part((c.last_day + dt.timedelta(days=n)).isoformat(), part), None, rel


def _h_historic(m: re.Match[str], c: _Ctx) -> Result | None:
    """A well-known day named by its date ("9/11", "the September 11 attacks")."""
    name = re.sub(r"\s+", " ", re.sub(r"(?<=\d)th\b|\bof\b|\.", "", (m["h"] or m["h2"] or m["h3"]).lower()))
    value = _HISTORIC_DAYS.get(name.strip())
    if value and m["h3"] is not None:
        # "since September 11" means the famous day only in a text written well after it
        if c.dct is None or dt.date.fromisoformat(value) > c.dct - dt.timedelta(days=90):
            return None
    return ("DATE", value, None, None) if value else None
