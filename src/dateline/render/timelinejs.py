"""``timelinejs.json``: the JSON data format of Knight Lab's TimelineJS3.

A title slide (``title.text.headline``/``text``) and one event per timeline entry with a
``start_date`` of ``year``/``month``/``day`` numbers (``month``/``day`` left out for month- and
year-level entries, which TimelineJS then shows at that precision), a ``text`` of headline and
HTML body, and a stable ``unique_id``.  All article text is HTML-escaped: TimelineJS reads
``headline`` and ``text`` as HTML.

:func:`validate_timelinejs` checks an object against the documented format
(https://timeline.knightlab.com/docs/json-format.html) and the checks TimelineJS itself makes
when it loads data (``TimelineConfig``): ``events`` is a non-empty list; every event has a
``start_date``; a date has a numeric ``year`` and, when given, ``month`` 1-12, ``day`` valid for
that month, ``hour`` 0-23, ``minute``/``second`` 0-59; every era has a start and an end date;
``scale`` is ``human`` or ``cosmological``; ``unique_id`` values are unique.
"""

from __future__ import annotations

import calendar
import html
import json
from typing import Any

from dateline.model import Timeline, TimelineEntry
from dateline.render.html import safe_url, source_name

HEADLINE_CHARS = 110

_TOP_KEYS = {"events", "title", "eras", "scale"}
_SLIDE_KEYS = {"start_date", "end_date", "text", "media", "group", "display_date", "background",
               "autolink", "unique_id"}
_DATE_KEYS = {"year", "month", "day", "hour", "minute", "second", "millisecond",
              "display_date", "format"}
_TEXT_KEYS = {"headline", "text"}
_MEDIA_KEYS = {"url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target"}


def _esc(text: str | None) -> str:
    return html.escape(" ".join((text or "").split()), quote=True)


def _headline(e: TimelineEntry) -> str:
    """A short headline: the first sentence, cut at a word boundary."""
    if not e.summary:
        return e.label()
    first = " ".join(e.summary[0].text.split())
    if len(first) <= HEADLINE_CHARS:
        return first
    cut = first[:HEADLINE_CHARS].rsplit(" ", 1)[0].rstrip(",;:-–—")
    return cut + "…"


def _start_date(e: TimelineEntry) -> dict[str, Any]:
    d: dict[str, Any] = {"year": e.date.year}
    if e.granularity in ("month", "day"):
        d["month"] = e.date.month
    if e.granularity == "day":
        d["day"] = e.date.day
    d["display_date"] = e.label() + "".join(f" ({f})" for f in e.flags())
    return d


def _body(e: TimelineEntry) -> str:
    parts = []
    for c in e.summary:
        name = source_name(c.source, c.url)
        bits = []
        if name:
            bits.append(_esc(name))
        if c.title:
            bits.append("<em>" + _esc(c.title) + "</em>")
        label = " · ".join(bits) or "source"
        url = safe_url(c.url)
        if url:
            label = f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener">{label}</a>'
        meta = [label]
        if c.published:
            meta.append(_esc(c.published) + (" (date inferred)" if c.date_inferred else ""))
        parts.append(f"<p>{_esc(c.text)}<br><small>— {', '.join(meta)}</small></p>")
    notes = []
    if e.granularity != "day":
        notes.append(f"dated to the {e.granularity}")
    notes.extend(_FLAG_NOTES[f] for f in e.flags())
    notes.append(f"{e.sources} article{'s mention' if e.sources != 1 else ' mentions'} this date")
    note = "; ".join(notes)
    parts.append(f"<p><small>{_esc(note[:1].upper() + note[1:])}.</small></p>")
    return "".join(parts)


_FLAG_NOTES = {  # what each of TimelineEntry.flags() means, said on the slide
    "background": "background: before the story's period",
    "low confidence": "low confidence: supported only by inferred dates",
    "date inferred": "date inferred from undated articles",
}


def _n_sources(n: Any) -> str:
    if not n:
        return ""
    return f" from {n} source{'s' if n != 1 else ''}"


def _unique_ids(entries: list[TimelineEntry]) -> list[str]:
    used = {"title"}
    ids = []
    for e in entries:
        base = "d-" + e.iso()
        uid, n = base, 1
        while uid in used:
            n += 1
            uid = f"{base}-{n}"
        used.add(uid)
        ids.append(uid)
    return ids


def render_timelinejs(timeline: Timeline) -> dict[str, Any]:
    """The TimelineJS3 data object of ``timeline``."""
    tl = timeline
    st = tl.stats or {}
    entries = list(tl.entries)
    intro = []
    if entries:
        span = entries[0].label()
        if len(entries) > 1:
            span += " – " + entries[-1].label()
        intro.append(f"{len(entries)} dates, {span}.")
    used = st.get("used")
    if used is not None:
        intro.append(f"Built from {used} article{'s' if used != 1 else ''}"
                     f"{_n_sources(st.get('sources'))}.")
    intro.append("Every sentence is quoted from the article it cites.")
    events = []
    for e, uid in zip(entries, _unique_ids(entries), strict=True):
        events.append({
            "start_date": _start_date(e),
            "text": {"headline": _esc(_headline(e)), "text": _body(e)},
            "unique_id": uid,
            "autolink": False,
            **({"group": "Background"} if e.background else {}),
        })
    return {
        "title": {
            "text": {"headline": _esc(tl.title or "Timeline"), "text": "<p>" + _esc(" ".join(intro)) + "</p>"},
            "unique_id": "title",
        },
        "events": events,
        "scale": "human",
    }


def render_timelinejs_json(timeline: Timeline) -> str:
    return json.dumps(render_timelinejs(timeline), ensure_ascii=False, indent=2) + "\n"


# -------------------------------------------------------------------------- validation


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_num(v: Any) -> bool:
    return (isinstance(v, int | float) and not isinstance(v, bool)) and v == v  # not NaN


def _check_date(d: Any, where: str, errs: list[str]) -> tuple | None:
    if not isinstance(d, dict):
        errs.append(f"{where}: a date must be an object, got {type(d).__name__}")
        return None
    for k in d:
        if k not in _DATE_KEYS:
            errs.append(f"{where}: unknown date property {k!r}")
    if "year" not in d:
        errs.append(f"{where}: 'year' is required")
        return None
    year = d["year"]
    if not _is_int(year):
        errs.append(f"{where}.year: must be a whole number (not {year!r})")
        return None
    limits = {"month": (1, 12), "day": (1, 31), "hour": (0, 23), "minute": (0, 59),
              "second": (0, 59), "millisecond": (0, 999)}
    ok = True
    for k, (lo, hi) in limits.items():
        if k in d:
            v = d[k]
            if not _is_int(v):
                errs.append(f"{where}.{k}: must be a whole number (not {v!r})")
                ok = False
            elif not lo <= v <= hi:
                errs.append(f"{where}.{k}: {v} is outside {lo}-{hi}")
                ok = False
    if "day" in d and "month" not in d:
        errs.append(f"{where}: 'day' given without 'month'")
        ok = False
    if ok and "day" in d and 1 <= year <= 9999:
        last = calendar.monthrange(year, d["month"])[1]
        if d["day"] > last:
            errs.append(f"{where}: {year:04d}-{d['month']:02d} has no day {d['day']}")
            ok = False
    for k in ("display_date", "format"):
        if k in d and not isinstance(d[k], str):
            errs.append(f"{where}.{k}: must be a string")
    if not ok:
        return None
    return tuple(d.get(k, 0 if k not in ("month", "day") else 1) for k in
                 ("year", "month", "day", "hour", "minute", "second", "millisecond"))


def _check_text(t: Any, where: str, errs: list[str]) -> None:
    if not isinstance(t, dict):
        errs.append(f"{where}: 'text' must be an object with 'headline' and/or 'text'")
        return
    for k, v in t.items():
        if k not in _TEXT_KEYS:
            errs.append(f"{where}: unknown text property {k!r}")
        elif not isinstance(v, str):
            errs.append(f"{where}.{k}: must be a string")


def _check_slide(s: Any, where: str, errs: list[str], ids: dict[str, str], title: bool) -> None:
    if not isinstance(s, dict):
        errs.append(f"{where}: a slide must be an object, got {type(s).__name__}")
        return
    for k in s:
        if k not in _SLIDE_KEYS:
            errs.append(f"{where}: unknown slide property {k!r}")
    start = None
    if "start_date" in s:
        start = _check_date(s["start_date"], f"{where}.start_date", errs)
    elif not title:
        errs.append(f"{where}: 'start_date' is required for events")
    if "end_date" in s:
        end = _check_date(s["end_date"], f"{where}.end_date", errs)
        if start and end and end < start:
            errs.append(f"{where}: end_date is before start_date")
    if "text" in s:
        _check_text(s["text"], f"{where}.text", errs)
    elif title:
        errs.append(f"{where}: a title slide needs 'text'")
    if "media" in s:
        _check_media(s["media"], where, errs)
    for k in ("group", "display_date"):
        if k in s and not isinstance(s[k], str):
            errs.append(f"{where}.{k}: must be a string")
    if "background" in s:
        bg = s["background"]
        if not isinstance(bg, dict) or any(k not in ("url", "color", "alt") or not isinstance(v, str)
                                           for k, v in bg.items()):
            errs.append(f"{where}.background: must be an object of 'url', 'alt' and/or 'color' strings")
    if "autolink" in s and not isinstance(s["autolink"], bool):
        errs.append(f"{where}.autolink: must be true or false")
    if "unique_id" in s:
        _check_unique_id(s["unique_id"], where, errs, ids)


def _check_media(m: Any, where: str, errs: list[str]) -> None:
    if not isinstance(m, dict):
        errs.append(f"{where}.media: must be an object")
        return
    if not isinstance(m.get("url"), str) or not m.get("url"):
        errs.append(f"{where}.media: 'url' is required")
    for k, v in m.items():
        if k not in _MEDIA_KEYS:
            errs.append(f"{where}.media: unknown media property {k!r}")
        elif not isinstance(v, str):
            errs.append(f"{where}.media.{k}: must be a string")


def _check_unique_id(uid: Any, where: str, errs: list[str], ids: dict[str, str]) -> None:
    if not isinstance(uid, str) or not uid.strip():
        errs.append(f"{where}.unique_id: must be a non-empty string")
    elif uid in ids:
        errs.append(f"{where}.unique_id: {uid!r} is already used by {ids[uid]}")
    else:
        ids[uid] = where


def validate_timelinejs(obj: Any) -> list[str]:
    """Problems that stop TimelineJS3 reading ``obj`` (or that it would silently drop).

    An empty list means the object follows the documented format.
    """
    errs: list[str] = []
    if not isinstance(obj, dict):
        return [f"the data must be a JSON object, got {type(obj).__name__}"]
    try:
        json.dumps(obj, allow_nan=False)
    except (TypeError, ValueError) as exc:
        errs.append(f"not serialisable as JSON: {exc}")
    for k in obj:
        if k not in _TOP_KEYS:
            errs.append(f"unknown top-level property {k!r}")
    ids: dict[str, str] = {}
    if "title" in obj:
        _check_slide(obj["title"], "title", errs, ids, title=True)
    events = obj.get("events")
    if "events" not in obj:
        errs.append("'events' is required")
    elif not isinstance(events, list):
        errs.append("'events' must be a list of slide objects")
    else:
        if not events:
            errs.append("'events' is empty: TimelineJS needs at least one event")
        for i, ev in enumerate(events):
            _check_slide(ev, f"events[{i}]", errs, ids, title=False)
    if "eras" in obj:
        eras = obj["eras"]
        if not isinstance(eras, list):
            errs.append("'eras' must be a list")
        else:
            for i, era in enumerate(eras):
                where = f"eras[{i}]"
                if not isinstance(era, dict):
                    errs.append(f"{where}: an era must be an object")
                    continue
                if "start_date" not in era or "end_date" not in era:
                    errs.append(f"{where}: an era needs both 'start_date' and 'end_date'")
                s = _check_date(era["start_date"], f"{where}.start_date", errs) if "start_date" in era else None
                e = _check_date(era["end_date"], f"{where}.end_date", errs) if "end_date" in era else None
                if s and e and e < s:
                    errs.append(f"{where}: end_date is before start_date")
                if "text" in era:
                    _check_text(era["text"], f"{where}.text", errs)
    if "scale" in obj and obj["scale"] not in ("human", "cosmological"):
        errs.append(f"'scale' must be 'human' or 'cosmological', not {obj['scale']!r}")
    return errs
