"""Line classification: every line of a page is chrome, a photo credit, a dateline, a short
(headline-like) line, prose or a long unpunctuated line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline import lang
from dateline.dating import parse_date

LONG_WORDS = 25  # a line without sentence punctuation this long is still prose

# Language data: the English boilerplate of lang/en/boilerplate.json and the month and weekday
# names of lang/en/calendar.json.  A key holding regex fragments is joined with "|" in file order.
_BOILERPLATE = lang.load().table("boilerplate")
_CALENDAR = lang.load().table("calendar")


def _alt(key: str) -> str:
    """The regex fragments of one ``boilerplate.json`` key as one alternation (order kept)."""
    return "|".join(_BOILERPLATE[key])


def _wordset(key: str) -> frozenset[str]:
    return frozenset(_BOILERPLATE[key])


def _optional(s: str) -> str:
    return f"{s}?" if len(s) == 1 else f"(?:{s})?"


def _month_pattern() -> str:
    """``jan(?:uary)?|...|may|june?|...|sept?(?:ember)?|...``: each month's shortest form, then
    its longer abbreviations and its name as optional endings."""
    out = []
    for name, num in _CALENDAR["months"].items():
        abbrs = {a for a, n in _CALENDAR["month_abbreviations"].items() if n == num}
        forms = sorted(abbrs | {name}, key=len)
        out.append(forms[0] + "".join(_optional(b[len(a):]) for a, b in zip(forms, forms[1:], strict=False)))
    return "|".join(out)


def _weekday_pattern() -> str:
    """``(?:mon|tue|...|sun)(?:day|sday|...)?``: the abbreviations, then what completes one of
    them to a weekday name (the endings start with different letters, so their order is moot)."""
    abbrs = list(_CALENDAR["weekday_abbreviations"])
    ends: dict[str, None] = {}
    for name, num in _CALENDAR["weekdays"].items():
        short = min((a for a, n in _CALENDAR["weekday_abbreviations"].items() if n == num), key=len)
        ends[name[len(short):]] = None
    return f"(?:{'|'.join(abbrs)})(?:{'|'.join(ends)})?"


_AGENCIES = _alt("agencies")
_ORDINAL = _alt("ordinal_suffixes")
_MONTH = _month_pattern()
_AGENCY_LINE = re.compile(
    rf"^[\(\[]?(?:{_AGENCIES})(?:\s*(?:[,/&;]|{_alt('agency_joiners')})\s*(?:{_AGENCIES}))*[\)\]]?\.?$",
    re.I,
)
_CREDIT_SUFFIX = re.compile(
    rf"[.!?\"\u201d]\s*\((?:{_AGENCIES}|[A-Z][\w.&'-]*(?:[ /,]+[A-Z][\w.&'-]*){{0,3}})(?:\s*/\s*[^()]{{1,40}})?\)$",
)
_CREDIT_LINE = re.compile(f"^(?:{_alt('credit_line')})", re.I)
_CAPTION_MARK = re.compile(rf"(?<=[A-Za-z] )\((?:{_alt('caption_mark')})\)", re.I)
# Whole-line chrome (matched against the lower-cased line without list markers); the last
# alternative: only punctuation, symbols, digits
_CHROME_FULL = re.compile(rf"^(?:{_alt('chrome_line')}|[\W\d_]*)$", re.I)
_RELATED_HEADER = re.compile(f"^(?:{_alt('related_header')})$", re.I)
# Chrome found anywhere in a line of at most 40 words.
_CHROME_SEARCH = re.compile(_alt("chrome_phrase"), re.I)
_SOCIAL = _wordset("social_words")
_NAV_WORDS = _wordset("nav_words")
_BYLINE_OK = _wordset("byline_words")
_BYLINE_CUE = _BOILERPLATE["byline_cue"]
_BYLINE = re.compile(rf"^{_BYLINE_CUE}\s+[A-Z\u00c0-\u024f]", re.I)
_CHROME_WORDS = re.compile(rf"\b(?:{_alt('chrome_word')})\b", re.I)
_COMMENT_MARKERS = tuple(_BOILERPLATE["comment_markers"])

# Datelines: a line that is only a date, or a header cue with a date
_DATE_TOKENS = re.compile(
    rf"\b(?:{_MONTH}|{_weekday_pattern()}|{_alt('time_words')}|{_alt('date_cues')}|"
    rf"\d+(?:{_ORDINAL})?|\d+:\d+(?::\d+)?|t\d+:\d+\S*)\b\.?",
    re.I,
)
_HEADER_CUE = re.compile(rf"^(?:{_alt('date_cues')})\b", re.I)
_CUE_DATE = re.compile(rf"\b(?:{_MONTH})\b|\d{{1,2}}:\d\d|\b{_BOILERPLATE['ago']}\b")
_DATELINE_FILLER = re.compile(rf"\b(?:{_alt('dateline_filler')})\b")
_TITLE_DATE = re.compile(
    rf"\s*[-\u2013\u2014|:,/]?\s*(?:\(?\s*(?:(?:19|20)\d\d[-/.]\d{{1,2}}[-/.]\d{{1,2}}|"
    rf"(?:\w+day,?\s+)?\d{{1,2}}(?:{_ORDINAL})?\s+(?:{_MONTH})\.?,?\s+(?:19|20)\d\d|"
    rf"(?:\w+day,?\s+)?(?:{_MONTH})\.?\s+\d{{1,2}}(?:{_ORDINAL})?,?\s+(?:19|20)\d\d)\s*\)?)\s*$",
    re.I,
)
_SITE_WORDS = re.compile(rf"\b(?:{_alt('site_word')})\b", re.I)
_FUNCTION_END = re.compile(rf"(?:[,;\-\u2013\u2014(]|\b(?:{_alt('line_end_function_words')}))$", re.I)
_SIGNOFF_START = re.compile(rf"^[(\[]?{_BOILERPLATE['signoff_start']}", re.I)
_SIGNOFF_OK = _wordset("signoff_words")
_SIGNOFF_FIRST = _wordset("signoff_first_words")
# first words of the whole-line chrome patterns (other lines skip that big regex)
_FULL_FIRST = _wordset("chrome_line_first_words")
_SEARCH_TOKENS = _wordset("chrome_phrase_words")
_CREDIT_FIRST = _wordset("credit_first_words")
_STRONG_CHROME_TOKENS = _wordset("strong_chrome_words")
_SPEECH_TOKENS = _wordset("speech_words")
_CHROME_TOKENS = _wordset("chrome_words")
_CREDIT_HEAD = re.compile(rf"^(?:{_alt('credit_head')})s?\s*:\s*", re.I)
_SENTENCE_START = _wordset("sentence_start_words")


_LIST_MARK = re.compile(r"^(?:\d{1,2}[.)]|[*\u2022\u00b7\u25aa\u25ba\u25e6\u2023\u2013\u2014>-])\s+")
_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*", re.U)
_TERMINAL = re.compile("[.!?\u2026\u3002\uff01\uff1f][\"'\u201d\u2019\u00bb)\\]]*$")
_ENDS_COLON = re.compile(r"[:;]$")
_ENDS_QUOTE = re.compile("[\"\u201d\u00bb]$")
_TRAILING_REF = re.compile(r"\s*\[\d{1,3}\]$")
_SIGNOFF = re.compile(r"^[a-z]{1,4}(?:/[a-z]{1,4})+\s*(?:\([^()]{1,60}\))?\.?$", re.I)
_TITLE_SITE_SEP = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|\u00bb|\u2022)\s+")
_URLISH = re.compile(
    r"(?:https?://|ftp://|www\.)\S+|(?<![\w@])[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/\S*|"
    r"(?<![\w@])(?:[\w-]+\.)+(?:com|org|net|gov|edu|int|co|uk|de|fr|jp|info|io|ly|gl|me|tv|news)\b/?",
    re.I,
)
_INNER_BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019)]?\s+[\"'\u201c\u2018(]?[A-Z]")

CHROME, CREDIT, DATELINE, SHORT, PROSE, LONG, HEADQ, COMMENT = (
    "chrome", "credit", "dateline", "short", "prose", "long", "headq", "comment",
)


@dataclass
class _Line:
    text: str
    block: int
    kind: str = PROSE
    related: bool = False  # a "Related stories"-style header
    nwords: int = 0
    multi: bool = False  # holds more than one sentence


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_dateline(line: str, low: str, nwords: int) -> bool:
    if nwords > 16 or not re.search(r"\d", line):
        return False
    if parse_date(line) is None and not (
        _HEADER_CUE.match(low) and _CUE_DATE.search(low)
    ):
        return False
    rest = _DATE_TOKENS.sub(" ", low)
    rest = _DATELINE_FILLER.sub(" ", rest)
    left = len(_words(rest))
    if left <= 2:
        return True
    # "Posted: ...", "Updated ..." -- but not a sentence that starts with such a word
    return bool(_HEADER_CUE.match(low)) and (left <= 5 or not _TERMINAL.search(line[-8:]))


def _is_byline(line: str, words: list[str]) -> bool:
    if not _BYLINE.match(line) or len(words) > 14 or len(words) < 2:
        return False
    if _TERMINAL.search(line) and len(words) > 6:
        return False
    for w in words[1:]:
        wl = w.lower().strip(".'")
        if w[:1].islower() and wl not in _BYLINE_OK:
            return False
    return True


def _is_credit_signoff(line: str) -> bool:
    """"(Reporting by A and B; Editing by C)" -- names only after the cue words."""
    if not _SIGNOFF_START.match(line):
        return False
    for w in _words(line):
        if w[:1].islower() and w.lower() not in _SIGNOFF_OK:
            return False
    return True


def _is_nav(low: str, words: list[str]) -> bool:
    """A menu line: section names, or short items between separators (``low`` not terminal)."""
    if len(words) >= 2:
        navish = sum(1 for w in words if w.lower().strip(".") in _NAV_WORDS)
        if navish >= 0.75 * len(words) and navish >= 2:
            return True
    if any(sep in low for sep in _NAV_SEPS):
        sizes = [len(p.split()) for p in _NAV_SPLIT.split(low) if p.strip()]
        if (len(sizes) >= 4 and max(sizes) <= 4) or (len(sizes) >= 3 and max(sizes) <= 2):
            return True
    if len(words) <= 12:
        tokens = [t for t in re.split(r"[\s|,/\u2022\u00b7]+", low) if t]
        return len(tokens) >= 2 and all(t in _SOCIAL for t in tokens)
    return False


_NAV_SEPS = ("|", "\u203a", "\u00bb", ">", "\u2022", "\u00b7", "/", "::")
_NAV_SPLIT = re.compile(r"\s*(?:\||\u203a|\u00bb|>|\u2022|\u00b7|/|::)\s*")
_LIST_START = frozenset("0123456789*\u2022\u00b7\u25aa\u25ba\u25e6\u2023\u2013\u2014>-")


def _url_only(line: str) -> bool:
    tokens = line.split()
    if len(tokens) > 12 or sum(1 for t in tokens if "." not in t and "/" not in t) > 2:
        return False
    if not _URLISH.search(line):
        return False
    rest = _URLISH.sub(" ", line)
    return len(_words(rest)) <= 2 and not _TERMINAL.search(rest.strip())


_ALPHA = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
# non-letters (except the apostrophe) -> space: ``low.translate(_TOKEN_TABLE).split()`` is a fast
# tokenizer for word counts and keyword tests
_TOKEN_TABLE = {
    c: " "
    for c in [*range(0, 39), *range(40, 65), *range(91, 97), *range(123, 192), 0x2013, 0x2014,
              0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2022, 0x00B7, 0x203A, 0x2039, 0x00AB,
              0x00BB, 0x00D7, 0x00F7]
}
_DIGIT = re.compile(r"\d")


def _classify(text: str) -> tuple[str, bool, int]:
    """(kind, is_related_header, word count) of one line."""
    core = _LIST_MARK.sub("", text) if text[:1] in _LIST_START else text
    low = core.lower()
    toks = [t for t in low.translate(_TOKEN_TABLE).split() if t != "'"]
    n = len(toks)
    body = _TRAILING_REF.sub("", core) if core.endswith("]") else core
    terminal = _TERMINAL.search(body[-8:]) is not None
    first = toks[0] if toks else ""
    tokset = set(toks)
    got = _chrome_kind(core, low, toks, tokset, terminal)
    if got is not None:
        return got[0], got[1], n
    if n <= 30 and (first in _CREDIT_FIRST or not low[:1].isalpha()) and _CREDIT_LINE.match(core):
        return CREDIT, False, n
    if n <= 16 and _DIGIT.search(core) and _is_dateline(core, low, n):
        return DATELINE, False, n
    if n <= 60 and "(" in core:
        if core.endswith(")") and _CREDIT_SUFFIX.search(core[-120:]):
            return CREDIT, False, n
        if _CAPTION_MARK.search(core):
            return CHROME, False, n
    if (
        n <= 30
        and not tokset.isdisjoint(_STRONG_CHROME_TOKENS)
        and len(tokset & _CHROME_TOKENS) >= 2
        and tokset.isdisjoint(_SPEECH_TOKENS)
        and len(_CHROME_WORDS.findall(core)) >= 2
    ):
        return CHROME, False, n  # "Click here to subscribe to our newsletter."
    if terminal:
        return (PROSE if n >= 3 or (n == 2 and max(map(len, toks)) >= 3) else CHROME), False, n
    if n >= 5 and _ENDS_COLON.search(body):
        return PROSE, False, n
    if n >= 4 and _ENDS_QUOTE.search(body) and re.search("[\"\u201c\u00ab]", body[:-1]):
        return PROSE, False, n
    if n >= LONG_WORDS:
        return LONG, False, n
    return SHORT, False, n


def _chrome_kind(core: str, low: str, toks: list[str], tokset: set[str],
                 terminal: bool) -> tuple[str, bool] | None:
    """(kind, is_related_header) when a line is page chrome (or starts reader comments) by its
    words alone; None otherwise."""
    n = len(toks)
    first = toks[0] if toks else ""
    if n <= 4 or first in _FULL_FIRST or not low[:1].isalpha():
        low_s = low.rstrip(" :\u2026\u00bb>\u203a|-")
        if low_s.endswith(".."):
            low_s = low_s.rstrip(". ")
        if n <= 12 and _RELATED_HEADER.match(low_s):
            return CHROME, True
        if _CHROME_FULL.match(low_s):
            return CHROME, False
    if n <= 12 and (("/" in core and _SIGNOFF.match(core)) or (n <= 8 and _AGENCY_LINE.match(core))):
        return CHROME, False
    if n <= 40 and (not tokset.isdisjoint(_SEARCH_TOKENS) or "@" in core) and _CHROME_SEARCH.search(core):
        return CHROME, False
    if any(m in low for m in _COMMENT_MARKERS):
        return COMMENT, False  # reader comments start (or go on) here
    if ("/" in core or "www" in low or n <= 6) and _url_only(core):
        return CHROME, False
    if not terminal and _is_nav(low, toks):
        return CHROME, False
    if first == _BYLINE_CUE and _is_byline(core, _words(core)):
        return CHROME, False
    if first in _SIGNOFF_FIRST and _is_credit_signoff(core):
        return CHROME, False
    return None


def _blocks(text: str) -> list[list[str]]:
    out: list[list[str]] = []
    for para in re.split(r"\n[ \t]*\n", text):
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        if lines:
            out.append(lines)
    return out


def _unwrap(lines: list[str]) -> list[str]:
    """Join a hard-wrapped paragraph (lines broken at a fixed width mid-sentence)."""
    if len(lines) < 2:
        return lines
    body = lines[:-1]
    width = max(len(ln) for ln in body)
    if not 40 <= width <= 120:
        return lines
    full = sum(1 for ln in body if len(ln) >= 0.6 * width)
    if full < 0.8 * len(body):
        return lines
    cont = 0
    for a, b in zip(lines, lines[1:], strict=False):
        if _TERMINAL.search(a):
            continue
        if b[:1].islower() or _FUNCTION_END.search(a):
            cont += 1
    if cont < max(1, 0.5 * len(body)):
        return lines
    joined = lines[0]
    for ln in lines[1:]:
        if re.search(r"[A-Za-z]-$", joined) and ln[:1].islower():
            joined += ln
        else:
            joined += " " + ln
    return [joined]


_Cache = dict[str, tuple[str, bool, int, str, bool]]


def _strip_credit(text: str) -> str | None:
    """"Photograph: Tim Ireland/PA Swine flu is spreading ..." -> "Swine flu is spreading ..."

    Scraped pages often glue the photo credit to the first sentence.  Returns the sentence, or
    None when the line is only a credit.
    """
    m = _CREDIT_HEAD.match(text)
    if not m:
        return None
    toks = text[m.end():].split()
    cut: int | None = None
    for i, t in enumerate(toks[:8]):
        if "/" in t:
            cut = i + 1
    if cut is None:
        for i, t in enumerate(toks[:6]):
            if _AGENCY_LINE.match(t.strip(",;")):
                cut = i + 1
    if cut is None:
        for i, t in enumerate(toks[:8]):
            if i >= 1 and t in _SENTENCE_START:
                cut = i
                break
    if cut is None:
        for i, t in enumerate(toks[:9]):
            if t[:1].islower():
                cut = i - 1 if i >= 2 else None
                break
    if not cut:
        return None
    rest = " ".join(toks[cut:])
    if len(rest.split()) < 6 or not rest[:1].isupper() or not _TERMINAL.search(rest[-8:]):
        return None
    return rest


def _classified(ln: str, cache: _Cache) -> tuple[str, bool, int, str, bool]:
    """(kind, related header, words, text, several sentences) of a line, memoized."""
    got = cache.get(ln)
    if got is None:
        kind, related, n = _classify(ln)
        text = ln
        if kind == CREDIT and n > 12:
            rest = _strip_credit(ln)
            if rest:
                text = rest
                kind, related, n = _classify(rest)
        multi = kind in (PROSE, LONG) and _INNER_BOUNDARY.search(text) is not None
        got = cache[ln] = (kind, related, n, text, multi)
    return got


def _lines_of(text: str, cache: _Cache | None = None) -> list[_Line]:
    out: list[_Line] = []
    if cache is None:
        cache = {}
    for b, lines in enumerate(_blocks(text)):
        for ln in _unwrap(lines):
            got = _classified(ln, cache)
            out.append(_Line(got[3], b, got[0], got[1], got[2], got[4]))
    return out
