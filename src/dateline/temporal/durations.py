"""Value handlers of clock times, durations, sets and reference words."""

from __future__ import annotations

import datetime as dt
import re

from dateline.temporal.context import Result, _Ctx
from dateline.temporal.lexicon import SEASONS, UNITS, WEEKDAYS, _mod, _num, _unit
from dateline.temporal.patterns import named_pattern
from dateline.temporal.timex import Relative

_P_DURATION_CUE_BEFORE = named_pattern("duration_cue_before")
_P_PAST_COUNT_AFTER = named_pattern("past_count_after")


def _sentence_anchor(c: _Ctx, pos: int) -> dt.date | None:
    """The day a bare clock time belongs to: the last day mentioned in the same sentence, else
    the DCT."""
    if c.last_day is not None and c.last_day_end >= 0:
        gap = c.text[c.last_day_end:pos]
        if not re.search(r"[.!?]\s+[A-Z\"'`]|\n", gap):
            return c.last_day
    return c.dct


def _h_time(m: re.Match[str], c: _Ctx) -> Result | None:
    if m["noon"]:
        word = m["noon"].lower()
        hh, mm = (12, 0) if word in ("noon", "midday") else (24, 0)
    elif m["hhmm"] is not None:  # "1130 GMT", "1800 hrs"
        hh, mm = int(m["hhmm"]), int(m["mmhh"])
    elif m["h24"] is not None:
        hh, mm = int(m["h24"]), int(m["m24"])
        if hh > 23:
            return None
    else:
        hh = int(m["h"])
        mm = int(m["m"] or 0)
        if not 1 <= hh <= 12:
            return None
        ampm = re.sub(r"[\s.]", "", m["ampm"].lower())
        if ampm == "pm" and hh != 12:
            hh += 12
        if ampm == "am" and hh == 12:
            hh = 0
    approx = (m["approx"] or "").lower()
    mod = None if approx.startswith("shortly") else _mod(approx)
    anchor = _sentence_anchor(c, m.start())
    day = anchor.isoformat() if anchor else "XXXX-XX-XX"
    return "TIME", f"{day}T{hh:02d}:{mm:02d}", mod, Relative("day", 0)


def _duration_value(n: int | float | None, unit_word: str, mod: str | None) -> Result | None:
    unit = _unit(unit_word)
    code = UNITS.get(unit)
    if code is None:
        return None
    if unit == "fortnight":
        n = None if n is None else n * 14
    if unit == "quarter":
        code, n = "M", None if n is None else n * 3
    if isinstance(n, float):
        if n.is_integer():
            n = int(n)
        elif unit in ("year", "hour", "day") and (n * 2).is_integer():
            # "1.5 years" -> P18M, "2.5 hours" -> PT150M, "1.5 days" -> PT36H
            smaller = {"year": ("M", 12), "hour": ("M", 60), "day": ("H", 24)}[unit]
            code, n = smaller[0], int(n * smaller[1])
            if unit in ("hour", "day"):
                return "DURATION", f"PT{n}{code}", mod, None
        else:
            return None
    amount = "X" if n is None else str(n)
    prefix = "PT" if unit in ("hour", "minute") else "P"
    return "DURATION", f"{prefix}{amount}{code}", mod, None


def _h_duration(m: re.Match[str], c: _Ctx) -> Result | None:
    raw = m["num"]
    n = _num(raw)
    mod = _mod(m["approx"])
    if m["the"] and (m["approx"] or "").lower() == "over":
        mod = None  # "over the last two years": "over" is the preposition
    if raw.lower() in ("a", "an", "one") and not (m["approx"] or m["the"]):
        # "a week", "one day": a duration only after a duration cue ("for a week")
        before = c.text[max(0, m.start() - 16):m.start()]
        if not _P_DURATION_CUE_BEFORE.search(before):
            return None
        if raw.lower() == "one" and re.match(r"\s*day\b", c.text[m.end("num"):], re.I) and \
                re.search(r"\bin\s+$", before):
            return None  # "in one day" is fine, but keep it cautious
    if raw.lower() in ("some", "many") and not m["the"]:
        return None
    unit_word = m["unit"]
    if unit_word[:1].isupper() and not unit_word.isupper():
        return None  # "60 Minutes", "Twenty Minutes": a programme or a title
    if _unit(unit_word) == "quarter" and not re.search(r"\bquarters?\b", unit_word, re.I):
        return None
    if _unit(unit_word) == "quarter" and n == 1 and not m["the"]:
        return None
    if _unit(unit_word) == "quarter" and (
            "-" in c.text[m.end("num"):m.start("unit")] or
            re.match(r"\s+of\b", c.text[m.end():m.end() + 4])):
        return None  # "three-quarters of the oil": a fraction
    if re.match(r"\s+(?:of\s+)?(?:that|this|the)\s", c.text[m.end():m.end() + 10]) and \
            raw.lower() in ("a", "an", "one"):
        return None
    return _duration_value(n, unit_word, mod)


def _h_duration_bare(m: re.Match[str], c: _Ctx) -> Result | None:
    if (m["mod2"] or "").lower() == "recent":
        return None  # "in recent years": PAST_REF, see the ref rule
    cue = m["cue"].lower()
    if cue == "in" and not re.match(r"\s*(?:[,.;:)]|$|and\b|but\b)", c.text[m.end():m.end() + 5]):
        return None  # "in days of old"
    return _duration_value(None, m["unit"], None)


def _h_set(m: re.Match[str], c: _Ctx) -> Result | None:
    w = re.sub(r"\s+", " ", m["word"].lower())
    for name, num in WEEKDAYS.items():
        if len(name) > 4 and name in w:
            return "SET", f"XXXX-WXX-{num + 1}", None, None
    for season, code in SEASONS.items():
        if w.endswith(season):
            return "SET", f"XXXX-{code}", None, None
    for part, code in (("morning", "TMO"), ("afternoon", "TAF"), ("evening", "TEV"),
                       ("night", "TNI")):
        if part in w and not w.startswith("nightly"):
            return "SET", code, None, None
    adverbs = {"annually": "P1Y", "yearly": "P1Y", "daily": "P1D", "weekly": "P1W",
               "monthly": "P1M", "nightly": "TNI", "hourly": "PT1H", "fortnightly": "P2W",
               "biannually": "P6M", "quarterly": "P3M"}
    if w in adverbs:
        return "SET", adverbs[w], None, None
    unit_m = re.search(r"(day|week|month|year|decade|hour|minute|quarter|weekend)s?$", w)
    if not unit_m:
        return None
    unit = unit_m.group(1)
    n = 1
    if w.startswith(("every", "each")):
        num = m["n"]
        if num:
            n = _num(num) or 1
        if "other" in w:
            n *= 2
    if unit == "weekend":
        return "SET", "XXXX-WXX-WE", None, None
    if unit == "quarter":
        unit, n = "month", 3 * n
    code = UNITS[unit]
    prefix = "PT" if unit in ("hour", "minute") else "P"
    return "SET", f"{prefix}{n}{code}", None, None


def _h_ref(m: re.Match[str], c: _Ctx) -> Result | None:
    w = re.sub(r"\s+", " ", m["word"].lower())
    if w == "now" and re.match(r"\s*(?:that\b|-)", c.text[m.end():m.end() + 8]):
        return None  # "now that ...", "now-defunct"
    if m["word"][:1].isupper() and re.search(r"[A-Z][\w'’]*\s+$",
                                             c.text[max(0, m.start() - 20):m.start()]) and \
            not re.search(r"(?:^|[.!?:;\"“”`'\n]\s*)[A-Z][\w'’]*\s+$",
                          c.text[max(0, m.start() - 20):m.start()]):
        return None  # "Hope for Haiti Now", "Apocalypse Now": a title
    if w in ("the moment",) and not re.search(r"\bat\s+$", c.text[max(0, m.start() - 4):m.start()]):
        return None
    if w == "so far":
        return None
    if w == "recently" and re.search(r"\bas\s+$", c.text[max(0, m.start() - 4):m.start()]):
        return None  # "as recently as Monday": the date is Monday
    if "past" in w or w == "recently" or w.startswith("recent "):
        if "past" in w and _P_PAST_COUNT_AFTER.match(c.text[m.end():m.end() + 10]):
            return None
        return "DATE", "PAST_REF", None, None
    if "future" in w:
        return "DATE", "FUTURE_REF", None, None
    return "DATE", "PRESENT_REF", None, None
