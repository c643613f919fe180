"""Publication dates: how each article was dated, and dates inferred for undated articles.

Per document (:func:`find_publication_date`), in order of trust:

* ``field``    -- a ``published`` value given with the record (JSONL input);
* ``metadata`` -- HTML metadata found by htmldate;
* ``stated``   -- a date printed in the page header ("Title - 2002-08-18",
  "Last Updated: Wednesday, 7 March 2007", a line "August 29, 2012" under the headline);
* ``filename`` -- a date in the file's path (``2010-04-06/story.txt``, ``20100406-story.html``).

Corpus level (:func:`infer_publication_dates`): an article that states no date is dated from
its content.  Every candidate day gets a score from the evidence in the text and the corpus:

* relative expressions anchored to an event dated elsewhere: "the rocket test 15 months ago"
  + "the August 1998 rocket test" -> November 1999;
* "the first ... in two years" + "since October 2000" -> October 2002;
* the most recent absolute days the article mentions (news reports what just happened);
* the publication dates of the most similar dated articles of the corpus (TF-IDF neighbours);
* weekdays the article mentions in the past tense ("began talks Tuesday"): the article appeared
  on that weekday or the day after;
* the latest absolute date mentioned is a lower bound.

The best-scoring day wins; the date is marked ``inferred`` with a confidence that reflects how
much evidence agreed, and the evidence is kept as a sentence a person can check.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dateline import lang, temporal
from dateline.model import Document

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_FULL_DATE_PATTERNS = [
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)\b"),
    re.compile(r"\b(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)\b"),
    re.compile(r"\b" + _WEEKDAY + r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b" + _WEEKDAY + _MON + r"\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
]
_HEADER_CUES = re.compile(
    r"\b(last updated|updated|published|posted|first published|last modified|modified|date|created|"
    r"released|issued)\b", re.I
)
_FILENAME_PATTERNS = [
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-_/.](?P<m>[01]\d)[-_/.](?P<d>[0-3]\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)"),
]
MIN_YEAR, MAX_YEAR = 1800, 2200


def _mk(y: int, m: int, d: int) -> dt.date | None:
    if not (MIN_YEAR <= y <= MAX_YEAR):
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> dt.date | None:
    gd = m.groupdict()
    month = MONTHS.get(gd["mon"].lower().rstrip(".")) if gd.get("mon") else int(gd["m"])
    if month is None:
        return None
    return _mk(int(gd["y"]), month, int(gd["d"]))


def parse_date(text: str) -> dt.date | None:
    """Parse a full calendar date written in a common form, or return None.

    >>> parse_date("Wednesday, 7 March 2007, 16:16 GMT")
    datetime.date(2007, 3, 7)
    >>> parse_date("August 29, 2012")
    datetime.date(2012, 8, 29)
    """
    for pat in _FULL_DATE_PATTERNS:
        m = pat.search(text)
        if m:
            d = _from_match(m)
            if d:
                return d
    return None


def parse_user_date(text: str, *, end: bool = False) -> dt.date | None:
    """Parse a date given on the command line: ``2002``, ``2002-08``, ``2002-08-18`` or prose.

    A year or a month stands for its first day, or with ``end`` (``--to``) for its last day:
    ``--from 2005 --to 2005`` is the whole of 2005."""
    s = text.strip()
    if re.fullmatch(r"\d{4}", s):
        return _mk(int(s), 12, 31) if end else _mk(int(s), 1, 1)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", s)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if end and 1 <= mo <= 12:
            return _mk(y, mo, calendar.monthrange(y, mo)[1])
        return _mk(y, mo, 1)
    return parse_date(s)


def date_from_field(value: str | None) -> dt.date | None:
    """A ``published`` field: ISO date or datetime, or a prose date."""
    if not value:
        return None
    s = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return parse_date(s)


def date_from_header(lines: Sequence[str], title: str | None = None) -> tuple[dt.date, str] | None:
    """A publication date printed in the page header, with the line it was read from.

    Only the first lines are looked at, and only lines that are a dateline: a line that is just
    a date, a header cue ("Last Updated: ..."), or a headline ending in a date.
    """
    for raw in list(lines)[:15]:
        line = raw.strip()
        if not line or len(line) > 160:
            continue
        d = parse_date(line)
        if d is None:
            continue
        rest = line
        for pat in _FULL_DATE_PATTERNS:
            rest = pat.sub("", rest)
        rest = re.sub(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\b|\b(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|ET)\b|"
                      r"\b[AP]\.?M\.?|\b(?:on|at)\b|[\s,|:\-\u2013\u2014]+", " ", rest, flags=re.I).strip()
        is_dateline = (
            not rest
            or _HEADER_CUES.search(line) is not None
            or re.search(r"[-\u2013\u2014|]\s*(?:19|20)\d\d-\d\d-\d\d\s*$", line) is not None
            or (title is not None and title.strip() and line.startswith(title.strip()[:40]))
        )
        if is_dateline:
            return d, line
    return None


# a URL path with a month name: /2013/jan/09/ (the Guardian's form)
_URL_MONTH_PATH = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<mon>[A-Za-z]{3,9})/(?P<d>[0-3]?\d)(?=/|$)")


def date_from_url(url: str | None) -> dt.date | None:
    """A publication date written in a page's URL path (``/2017/08/14/``, ``/20170814``,
    ``/2013/jan/09/``), or None."""
    if not url:
        return None
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url.strip(), flags=re.I).split("?", 1)[0]
    for m in _URL_MONTH_PATH.finditer(path):
        d = _from_match(m)
        if d:
            return d
    return date_from_path(path)


def date_from_path(path: str) -> dt.date | None:
    for pat in _FILENAME_PATTERNS:
        for m in pat.finditer(path):
            d = _from_match(m)
            if d:
                return d
    return None


@dataclass(frozen=True)
class DateFinding:
    date: dt.date
    source: str  # field | metadata | stated | url | page | filename | inferred
    confidence: float
    evidence: str


def find_publication_date(
    *,
    field: str | None,
    meta_date: dt.date | None,
    header_lines: Sequence[str],
    title: str | None,
    path: str,
    searched_date: dt.date | None = None,
    url: str | None = None,
) -> DateFinding | None:
    """The publication date of one article from what it carries, or None: its published field,
    its HTML metadata, a date line at its head, its URL, htmldate's extensive search of the page,
    the file name."""
    d = date_from_field(field)
    if d:
        return DateFinding(d, "field", 1.0, f"published field {field!r}")
    if meta_date and _mk(meta_date.year, meta_date.month, meta_date.day):
        return DateFinding(meta_date, "metadata", 0.9, "HTML metadata")
    found = date_from_header(header_lines, title)
    if found:
        return DateFinding(found[0], "stated", 0.95, f"header line {found[1]!r}")
    d = date_from_url(url)
    if d:
        return DateFinding(d, "url", 0.85, f"date in the URL {url!r}")
    if searched_date and _mk(searched_date.year, searched_date.month, searched_date.day):
        return DateFinding(searched_date, "page", 0.75, "htmldate's extensive search of the page")
    d = date_from_path(path)
    if d:
        return DateFinding(d, "filename", 0.7, f"date in file name {path!r}")
    return None


# --------------------------------------------------------------------------------------------
# Inference for undated articles
# --------------------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_FIRST_IN = re.compile(
    r"\b(?:first\b[^.]{0,60}?\b(?:in|for)\s+(?:more than\s+|over\s+|nearly\s+|almost\s+)?"
    r"|after\s+an?\s+|(?:ended|ending|ends)\s+an?\s+)"
    r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)[\s-]+(?P<unit>years?|months?)",
    re.I,
)
_NUMWORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9, "ten": 10}


def _content_words(text: str) -> set[str]:
    stop = lang.stop_words("content")
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in stop and len(w) > 2}


def _add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return dt.date(y, m + 1, min(d.day, 28))


def _shift(d: dt.date, unit: str, amount: int) -> dt.date | None:
    try:
        if unit == "day":
            return d + dt.timedelta(days=amount)
        if unit == "week":
            return d + dt.timedelta(weeks=amount)
        if unit == "month":
            return _add_months(d, amount)
        if unit == "year":
            return _add_months(d, 12 * amount)
    except (OverflowError, ValueError):
        return None
    return None


def _period_mid(value: str) -> tuple[dt.date, int] | None:
    """(middle day, half-width in days) of an absolute TIMEX3 DATE value."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?", value)
    if not m:
        return None
    y = int(m.group(1))
    if not (MIN_YEAR <= y <= MAX_YEAR):
        return None
    try:
        if m.group(3):
            return dt.date(y, int(m.group(2)), int(m.group(3))), 0
        if m.group(2):
            return dt.date(y, int(m.group(2)), 15), 15
    except ValueError:
        return None
    return dt.date(y, 7, 1), 182


@dataclass
class _Evidence:
    center: dt.date
    weight: float
    scale: float  # days
    what: str


@dataclass
class InferenceContext:
    """What the corpus offers to date an article: dated articles, their texts and dated events."""

    dated: list[tuple[dt.date, str]]  # (published, text) of dated articles
    events: list[tuple[dt.date, int, set[str]]]  # (period middle, half width, content words)
    _vectorizer: object | None = None
    _matrix: object | None = None

    @classmethod
    def build(cls, docs: Sequence[Document]) -> InferenceContext:
        dated = [(d.published, d.text) for d in docs if d.published and d.text]
        events: list[tuple[dt.date, int, set[str]]] = []
        for d in docs:
            for s in d.sentences:
                for m in s.mentions:
                    mid = _period_mid(m.value)
                    if mid:
                        events.append((mid[0], mid[1], _content_words(s.text)))
        ctx = cls(dated=dated, events=events)
        if len(dated) >= 1:
            from sklearn.feature_extraction.text import TfidfVectorizer

            vec = TfidfVectorizer(stop_words=lang.tfidf_stop_words(), sublinear_tf=True, min_df=1, max_features=50000)
            ctx._matrix = vec.fit_transform([t for _, t in dated])
            ctx._vectorizer = vec
        return ctx

    def neighbours(self, text: str, k: int = 7) -> list[tuple[dt.date, float]]:
        if self._vectorizer is None or not text.strip():
            return []
        q = self._vectorizer.transform([text])  # type: ignore[attr-defined]
        sims = (self._matrix @ q.T).toarray().ravel()  # type: ignore[operator]
        order = sorted(range(len(sims)), key=lambda i: (-sims[i], i))[:k]
        return [(self.dated[i][0], float(sims[i])) for i in order if sims[i] > 0.05]


def infer_date(doc: Document, ctx: InferenceContext) -> DateFinding | None:
    """Date one undated article from its own text and the corpus (see module docstring)."""
    texts = ([doc.title] if doc.title else []) + [s.text for s in doc.sentences]
    tagged = [(t, temporal.tag(t, None)) for t in texts]
    evidence, lower, own_events = _absolute_evidence(tagged)
    all_events = own_events + ctx.events
    weekdays: list[int] = []
    for text, timexes in tagged:
        words = _content_words(text)
        for tx in timexes:
            rel = tx.relative
            if rel is None:
                continue
            if rel.unit == "weekday" and rel.weekday is not None and rel.offset <= 0:
                weekdays.append(rel.weekday)
            if rel.unit in ("day", "week", "month", "year") and rel.offset < 0:
                found = _event_ago(tx, words, all_events)
                if found:
                    evidence.append(found)
        found = _first_in(text, tagged)
        if found:
            evidence.append(found)
    for date, sim in ctx.neighbours(doc.text):
        evidence.append(_Evidence(date, sim, 5.0, f"similar article of {date.isoformat()}"))
    if not evidence:
        if lower is None:
            return None
        return DateFinding(lower, "inferred", 0.1, "latest date the article mentions")
    return _decide(evidence, lower, weekdays)


_Event = tuple[dt.date, int, set[str]]  # (middle of the period, half its length in days, words)


def _absolute_evidence(tagged: list[tuple[str, list[temporal.Timex]]]
                       ) -> tuple[list[_Evidence], dt.date | None, list[_Event]]:
    """Evidence from the absolute dates an article names, the latest period start it names (the
    article cannot be older), and the events it dates."""
    evidence: list[_Evidence] = []
    lower: dt.date | None = None
    own_events: list[_Event] = []
    for text, timexes in tagged:
        for tx in timexes:
            if tx.type != "DATE" or tx.relative is not None:
                continue
            mid = _period_mid(tx.value)
            if not mid:
                continue
            own_events.append((mid[0], mid[1], _content_words(text)))
            lo = mid[0] - dt.timedelta(days=mid[1])
            if lower is None or lo > lower:
                lower = lo
            if mid[1] == 0:  # an exact day: news tends to report what just happened
                evidence.append(_Evidence(mid[0] + dt.timedelta(days=1), 0.6, 4.0, f"mentions {tx.text!r}"))
    return evidence, lower, own_events


def _event_ago(tx: temporal.Timex, words: set[str], events: list[_Event]) -> _Evidence | None:
    """"the rocket test 15 months ago": find the event dated elsewhere and count back from it."""
    rel = tx.relative
    assert rel is not None
    best: tuple[int, dt.date, int] | None = None
    for center, half, ewords in events:
        overlap = len((words - _content_words(tx.text)) & ewords)
        if overlap >= 2 and (best is None or overlap > best[0]):
            best = (overlap, center, half)
    if not best:
        return None
    est = _shift(best[1], rel.unit, -rel.offset)
    if not est:
        return None
    return _Evidence(est, 3.0, max(7.0, best[2] + 3.0), f"{tx.text!r} of an event dated {best[1].isoformat()}")


def _first_in(text: str, tagged: list[tuple[str, list[temporal.Timex]]]) -> _Evidence | None:
    """"the first ... in 15 years" since a dated event of the article."""
    m = _FIRST_IN.search(text)
    if not m:
        return None
    tok = m.group("n").lower()
    n = _NUMWORDS.get(tok) or (int(tok) if tok.isdigit() else None)
    since = _since_anchor(tagged)
    if not (n and since):
        return None
    unit = "year" if m.group("unit").lower().startswith("year") else "month"
    est = _shift(since[0], unit, n)
    if not est:
        return None
    return _Evidence(est, 1.5, 45.0 if unit == "year" else 15.0, f"{m.group(0)!r} since {since[1]!r}")


def _since_anchor(tagged: list[tuple[str, list[temporal.Timex]]]) -> tuple[dt.date, str] | None:
    best: tuple[dt.date, str] | None = None
    for text, timexes in tagged:
        for tx in timexes:
            if tx.relative is None and re.search(r"\bsince\s+(?:the\s+)?$", text[: tx.start], re.I):
                mid = _period_mid(tx.value)
                if mid and (best is None or mid[0] > best[0]):
                    best = (mid[0], tx.text)
    return best


def _decide(evidence: list[_Evidence], lower: dt.date | None, weekdays: list[int]) -> DateFinding:
    lo = min(e.center for e in evidence) - dt.timedelta(days=30)
    hi = max(e.center for e in evidence) + dt.timedelta(days=30)
    if lower is not None:
        lo = max(lo, lower)
        hi = max(hi, lower)
    span = (hi - lo).days
    step = 1 if span <= 4000 else span // 4000 + 1
    best_day, best_score = lo, -math.inf
    wd = set(weekdays) | {(w + 1) % 7 for w in weekdays}
    for i in range(0, span + 1, step):
        day = lo + dt.timedelta(days=i)
        score = sum(e.weight * math.exp(-abs((day - e.center).days) / e.scale) for e in evidence)
        if wd and day.weekday() in wd:
            score *= 1.15
        if score > best_score:
            best_day, best_score = day, score
    total = sum(e.weight for e in evidence)
    support = [e for e in evidence if abs((best_day - e.center).days) <= max(3.0, e.scale)]
    agree = sum(e.weight for e in support) / total if total else 0.0
    confidence = round(min(0.8, 0.2 + 0.6 * agree) * (0.6 if len(support) == 1 else 1.0), 3)
    top = sorted(support, key=lambda e: -e.weight)[:3]
    why = "; ".join(e.what for e in top) or "corpus"
    return DateFinding(best_day, "inferred", confidence, why)


LONE_CONFIDENCE = 0.3  # at most, for a date inferred with no dated article in the corpus


def infer_publication_dates(docs: Sequence[Document]) -> dict[str, DateFinding]:
    """Infer a date for every undated document; returns doc id -> finding (absent: no evidence)."""
    undated = [d for d in docs if d.published is None]
    if not undated:
        return {}
    ctx = InferenceContext.build(docs)
    out: dict[str, DateFinding] = {}
    for d in undated:
        f = infer_date(d, ctx)
        if f and not ctx.dated and f.confidence > LONE_CONFIDENCE:
            # nothing in the corpus to check the article's own clues against (a lone web page,
            # or a corpus without dates): the guess is a guess
            f = DateFinding(f.date, f.source, LONE_CONFIDENCE, f.evidence + "; no dated article to check it against")
        if f:
            out[d.id] = f
    return out
