"""Calendar arithmetic: valid days, month arithmetic, ISO weeks, quarters, seasons, the
end of a period, movable feasts.  The one place for these in dateline."""

from __future__ import annotations

import datetime as dt

MIN_YEAR, MAX_YEAR = 1000, 2200


def ok_year(y: int) -> bool:
    return MIN_YEAR <= y <= MAX_YEAR


def valid_day(y: int, m: int, d: int, years: tuple[int, int] = (MIN_YEAR, MAX_YEAR)
              ) -> dt.date | None:
    """The date y-m-d, or None when it is off the calendar or its year outside ``years``."""
    if not years[0] <= y <= years[1]:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    y2, m2 = divmod(y * 12 + (m - 1) + n, 12)
    return y2, m2 + 1


def month_value(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def week_value(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def year_for_month(dct: dt.date, month: int, direction: int, strict: bool) -> int:
    """Year of a month named without one: the nearest such month before (direction -1) or after
    (+1) the DCT; with ``strict`` ("last December") the DCT's own month does not count."""
    if direction < 0:
        return dct.year if (month < dct.month or (month == dct.month and not strict)) else dct.year - 1
    return dct.year if (month > dct.month or (month == dct.month and not strict)) else dct.year + 1


def year_for_monthday(dct: dt.date, month: int, day: int, direction: int) -> int:
    """Year of "August 18": the nearest such day on the side of the DCT the tense says, with
    some slack (a past-tense clause may mention a date a few weeks ahead, and vice versa)."""
    best: tuple[int, int] | None = None
    for y in (dct.year - 1, dct.year, dct.year + 1):
        d = valid_day(y, month, day)
        if d is None:
            continue
        delta = (d - dct).days
        if (direction < 0 and delta > 45) or (direction > 0 and delta < -45):
            continue
        if best is None or abs(delta) < best[0]:
            best = (abs(delta), y)
    return best[1] if best else dct.year


def weekday_date(dct: dt.date, wd: int, direction: int, strict: bool) -> dt.date:
    if direction < 0:
        back = (dct.weekday() - wd) % 7
        if strict and back == 0:
            back = 7
        return dct - dt.timedelta(days=back)
    diff = (wd - dct.weekday()) % 7
    if strict and diff == 0:
        diff = 7
    return dct + dt.timedelta(days=diff)


SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season_year(dct: dt.date, season: str, n: int, direction: int = 0) -> int:
    """Year of a season relative to the DCT: ``n`` -1 last, +1 next, 0 this (or, with
    ``direction``, the current-or-previous / current-or-next one)."""
    start_m = SEASON_START[season]

    def span(y: int) -> tuple[dt.date, dt.date]:
        s = dt.date(y, start_m, 1)
        ey, em = add_months(y, start_m, 3)
        return s, dt.date(ey, em, 1)

    y = dct.year
    # the occurrence that contains the DCT or is the nearest one of this calendar year
    if season == "WI" and dct.month <= 2:
        y -= 1
    s, e = span(y)
    inside = s <= dct < e
    if n < 0:
        if inside or s > dct:
            y -= 1
        return y
    if n > 0:
        if inside or s <= dct:
            y += 1
        return y
    if direction < 0 and s > dct:
        return y - 1
    if direction > 0 and e <= dct:
        return y + 1
    return y


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def shift_value(dct: dt.date, unit: str, n: int) -> str:
    if unit == "day":
        return (dct + dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return week_value(dct + dt.timedelta(weeks=n))
    if unit == "month":
        return month_value(*add_months(dct.year, dct.month, n))
    if unit == "quarter":
        y, q = divmod(dct.year * 4 + quarter_of(dct) - 1 + n, 4)
        return f"{y:04d}-Q{q + 1}"
    if unit == "decade":
        return f"{(dct.year // 10 + n):03d}"
    if unit == "century":
        return f"{(dct.year // 100 + n):02d}"
    return f"{dct.year + n:04d}"


UNRESOLVED = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX",
               "quarter": "XXXX-QX", "decade": "XXX", "century": "XX"}


def easter(y: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(y, month, day + 1)


def nth_weekday(y: int, month: int, wd: int, n: int) -> dt.date:
    """The n-th (1-based; -1 = last) weekday ``wd`` of a month."""
    if n > 0:
        first = dt.date(y, month, 1)
        return first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    last = month_end(y, month)
    return last - dt.timedelta(days=(last.weekday() - wd) % 7)


def date_or_none(y: int, m: int | None, d: int | None) -> dt.date | None:
    try:
        return dt.date(y, m or 0, d or 0)
    except ValueError:
        return None


def month_end(y: int, m: int) -> dt.date:
    """The last day of month ``m`` of year ``y``."""
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def period_end(d: dt.date, granularity: str) -> dt.date:
    """The last day of the period starting at ``d``: a ``day``, a ``month`` or (else) a year."""
    if granularity == "day":
        return d
    if granularity == "month":
        return month_end(d.year, d.month)
    return dt.date(d.year, 12, 31)
