"""The coverage chart of the HTML report: articles published per day, week, month or year over
the story's span, as an inline SVG drawn here, with a mark for each date on the timeline."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable
from typing import Any

from dateline.model import Timeline, TimelineEntry

CHART_W = 960
CHART_H = 190
CHART_M = {"left": 40, "right": 12, "top": 30, "bottom": 30}


def make_entry_ids(entries: list[TimelineEntry]) -> list[str]:
    """The HTML id of each entry (``d-2011-03-15``, ``-2``... for a repeated date)."""
    seen: Counter[str] = Counter()
    ids = []
    for e in entries:
        base = "d-" + e.iso()
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def _period_end(e: TimelineEntry) -> dt.date:
    d = e.date
    if e.granularity == "year":
        return dt.date(d.year, 12, 31)
    if e.granularity == "month":
        nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return d


def _fmt_day(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%b %Y')}"



def _bucket_kind(days: int) -> str:
    if days <= 120:
        return "day"
    if days <= 3 * 365:
        return "week"
    if days <= 40 * 365:
        return "month"
    return "year"


def _bucket_start(d: dt.date, kind: str) -> dt.date:
    if kind == "week":
        return d - dt.timedelta(days=d.weekday())
    if kind == "month":
        return d.replace(day=1)
    if kind == "year":
        return d.replace(month=1, day=1)
    return d


def _bucket_next(d: dt.date, kind: str) -> dt.date:
    if kind == "day":
        return d + dt.timedelta(days=1)
    if kind == "week":
        return d + dt.timedelta(days=7)
    if kind == "month":
        return dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return dt.date(d.year + 1, 1, 1)


def _bucket_label(d: dt.date, kind: str) -> str:
    if kind == "day":
        return _fmt_day(d)
    if kind == "week":
        return "week of " + _fmt_day(d)
    if kind == "month":
        return d.strftime("%B %Y")
    return str(d.year)


def _tick_label(d: dt.date, kind: str, span_days: int) -> str:
    if kind in ("day", "week") and span_days <= 400:
        return f"{d.day} {d.strftime('%b')}"
    if kind in ("day", "week", "month") and span_days <= 4 * 365:
        return d.strftime("%b %Y")
    return str(d.year)


def _nice_max(n: int) -> int:
    if n <= 5:
        return max(n, 1)
    mag = 10 ** int(math.log10(n))
    for m in (1, 2, 2.5, 5, 10):
        if n <= m * mag:
            return int(m * mag)
    return n  # pragma: no cover


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def coverage_chart(tl: Timeline, entry_ids: list[str] | None = None) -> dict[str, Any] | None:
    """Geometry of the coverage chart (bars, ticks, marks), or None with nothing to draw."""
    cov: list[tuple[dt.date, int]] = []
    for day, n in tl.coverage:
        try:
            cov.append((dt.date.fromisoformat(str(day)[:10]), int(n)))
        except (TypeError, ValueError):
            continue
    entries = list(tl.entries)
    ids = entry_ids or make_entry_ids(entries)
    if not cov and not entries:
        return None
    # the axis spans the story (coverage and its dates); background dates long before it are
    # listed below the chart, not drawn, so that one old date does not flatten the chart
    story = [e for e in entries if not e.background] or entries
    dates = [d for d, _ in cov] + [e.date for e in story] + [_period_end(e) for e in story]
    lo, hi = min(dates), max(dates)
    kind = _bucket_kind((hi - lo).days + 1)
    start = _bucket_start(lo, kind)
    end = _bucket_next(_bucket_start(hi, kind), kind)
    if (end - start).days < 7:  # very short spans: show at least a week of days
        end = start + dt.timedelta(days=7)
    counts: Counter[dt.date] = Counter()
    for d, n in cov:
        counts[_bucket_start(d, kind)] += n
    total_days = (end - start).days
    left, top = CHART_M["left"], CHART_M["top"]
    pw = CHART_W - CHART_M["left"] - CHART_M["right"]
    ph = CHART_H - CHART_M["top"] - CHART_M["bottom"]
    base = top + ph

    def x(d: dt.date) -> float:
        return left + (d - start).days / total_days * pw

    ymax = _nice_max(max(counts.values(), default=0))
    buckets = []
    b = start
    while b < end:
        buckets.append(b)
        b = _bucket_next(b, kind)
    bars = _chart_bars(buckets, counts, kind, x, ymax, ph, base)
    ticks = [{"x": _f(x(d)), "label": _tick_label(d, kind, total_days)}
             for d in _tick_dates(buckets, start, end, kind)]
    yticks = [{"y": _f(base - v / ymax * ph), "label": str(v)}
              for v in sorted({0, ymax // 2 if ymax >= 4 else ymax, ymax})]
    shown = [(e, i) for e, i in zip(entries, ids, strict=True) if start <= e.date and _period_end(e) < end]
    marks = _chart_marks([e for e, _ in shown], [i for _, i in shown], x)
    peak = max(cov, key=lambda kv: (kv[1], kv[0]), default=None)
    return {
        "w": CHART_W, "h": CHART_H, "left": left, "right": CHART_W - CHART_M["right"],
        "top": top, "base": _f(base), "bars": bars, "ticks": ticks, "yticks": yticks,
        "marks": marks, "kind": kind, "mark_y": _f(top - 14),
        "start": _fmt_day(start), "end": _fmt_day(end - dt.timedelta(days=1)),
        "total": sum(n for _, n in cov),
        "peak": {"label": _fmt_day(peak[0]), "n": peak[1]} if peak else None,
        "per": {"day": "day", "week": "week", "month": "month", "year": "year"}[kind],
        "outside": len(entries) - len(shown),
    }


def _chart_bars(buckets: list[dt.date], counts: Counter[dt.date], kind: str,
                x: Callable[[dt.date], float], ymax: int, ph: float, base: float) -> list[dict[str, Any]]:
    """One bar per bucket with articles (a small gap between wide bars, at least 2 px high)."""
    bars = []
    for b in buckets:
        n = counts.get(b, 0)
        if not n:
            continue
        x0, x1 = x(b), x(_bucket_next(b, kind))
        w = x1 - x0
        gap = min(1.5, w * 0.15) if w > 2.5 else 0
        h = max(n / ymax * ph, 2.0)
        bars.append({
            "x": _f(x0 + gap / 2), "y": _f(base - h), "w": _f(max(w - gap, 1.0)), "h": _f(h),
            "title": f"{_bucket_label(b, kind)}: {n} article{'s' if n != 1 else ''}",
        })
    return bars


def _tick_dates(buckets: list[dt.date], start: dt.date, end: dt.date, kind: str) -> list[dt.date]:
    """x ticks: at most ~8, on bucket (or year/month) boundaries."""
    if kind == "day":
        step = max(1, math.ceil(len(buckets) / 8))
        tick_dates = buckets[::step]
    elif kind == "week":
        months = []
        m = dt.date(start.year, start.month, 1)
        while m < end:
            if m >= start:
                months.append(m)
            m = _bucket_next(m, "month")
        step = max(1, math.ceil(len(months) / 8))
        tick_dates = months[::step]
    else:
        years = [dt.date(y, 1, 1) for y in range(start.year, end.year + 1)
                 if start <= dt.date(y, 1, 1) < end]
        if kind == "month" and len(years) <= 2:
            tick_dates = [bk for bk in buckets if bk.month in (1, 4, 7, 10)]
        else:
            step = max(1, math.ceil(len(years) / 8))
            tick_dates = years[::step]
    return tick_dates or [start]


def _chart_marks(entries: list[TimelineEntry], ids: list[str],
                 x: Callable[[dt.date], float]) -> list[dict[str, Any]]:
    """A mark per timeline entry above the bars: a tick for a day, a span for a period."""
    marks = []
    for e, eid in zip(entries, ids, strict=True):
        x0 = x(e.date)
        x1 = x(_period_end(e) + dt.timedelta(days=1))
        period = e.granularity != "day" and (x1 - x0) >= 4
        cx = (x0 + x1) / 2 if period else x0 + min((x1 - x0) / 2, 2)
        marks.append({
            "id": eid,
            "href": "#" + eid,
            "cx": _f(cx),
            "x0": _f(x0),
            "w": _f(max(x1 - x0, 1.0)),
            "period": period,
            "low": e.low_confidence,
            "background": e.background,
            "label": f"{e.label()}: {len(e.summary)} sentence{'s' if len(e.summary) != 1 else ''}",
        })
    return marks
