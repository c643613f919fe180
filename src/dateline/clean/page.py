"""The page filter: classified lines -> kept prose, by context rules; the headline and the
title; plain-text cleaning (:func:`clean_text`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from dateline import lang
from dateline.clean.lines import (
    _ALPHA,
    _BOILERPLATE,
    _NAV_WORDS,
    _SITE_WORDS,
    _TITLE_DATE,
    _TITLE_SITE_SEP,
    CHROME,
    COMMENT,
    CREDIT,
    DATELINE,
    HEADQ,
    LONG,
    PROSE,
    SHORT,
    _alt,
    _Cache,
    _Line,
    _lines_of,
    _words,
)
from dateline.clean.normalize import _normalize, detokenize_ptb, is_ptb_tokenized

HEADER_LINES = 15  # original first lines kept for the dating stage
TITLE_MAX_WORDS = 25
_MAX_PASSES = 20


@dataclass
class Cleaned:
    """The output of the cleaning stage for one input."""

    text: str  # cleaned body: paragraphs separated by blank lines
    title: str | None = None
    meta_date: dt.date | None = None  # publication date from HTML metadata
    searched_date: dt.date | None = None  # htmldate's extensive search (page text and URL)
    url: str | None = None
    sitename: str | None = None
    header_lines: list[str] = field(default_factory=list)


def _apply_context(lines: list[_Line]) -> None:
    """Context rules: related-story lists, captions above credits, trailing headline lists."""
    # captions right above a photo credit (same block)
    for i, ln in enumerate(lines):
        if ln.kind == CREDIT and i > 0 and ln.nwords <= 10 and _CAPTION_WORD not in ln.text.lower():
            prev = lines[i - 1]
            if prev.block == ln.block and prev.kind in (PROSE, LONG, SHORT) and prev.nwords <= 45:
                prev.kind = CHROME
    # lists after a "Related stories" / "More from ..." header
    related = False
    for ln in lines:
        if ln.related:
            related = True
            continue
        if related:
            if ln.kind in (PROSE, LONG) and ln.nwords >= 20:
                related = False
            else:
                ln.kind = CHROME
    # reader comments: everything from the first comment marker ("| Report abuse", "Posted by:")
    # on, once the article has begun
    first = next((i for i, ln in enumerate(lines) if ln.kind == COMMENT), None)
    if first is not None and sum(1 for ln in lines[:first] if ln.kind in (PROSE, LONG)) >= 3:
        for ln in lines[first:]:
            ln.kind = CHROME
    # a gallery caption right below "Photos: ..." / "1 of 6"
    for i, ln in enumerate(lines[1:], 1):
        prev = lines[i - 1]
        if prev.kind == CHROME and ln.kind == PROSE and prev.block == ln.block and ln.nwords <= 40 \
                and _GALLERY.match(prev.text):
            ln.kind = CHROME
    # a tiny "sentence" ("U.S.", "Yes.") amid menu entries is a menu entry
    for i, ln in enumerate(lines):
        if ln.kind == PROSE and ln.nwords <= 3:
            nb = [m for m in (lines[i - 1] if i else None, lines[i + 1] if i + 1 < len(lines) else None)
                  if m is not None and m.block == ln.block]
            if nb and all(m.kind not in (PROSE, LONG) for m in nb):
                ln.kind = CHROME
    # trailing blocks of headline-like lines (unrelated stories at the end of the page)
    blocks: dict[int, list[_Line]] = {}
    for ln in lines:
        blocks.setdefault(ln.block, []).append(ln)
    for b in sorted(blocks, reverse=True):
        blk = blocks[b]
        live = [ln for ln in blk if ln.kind in (PROSE, LONG, HEADQ)]
        if not live:
            continue
        if len(blk) >= 2 and all(
            ln.nwords <= 15 and not re.search(r"[.:;]['\"\u201d\u2019)]*$", ln.text) for ln in blk
        ):
            for ln in blk:
                ln.kind = CHROME
            continue
        break


def _stems(text: str) -> set[str]:
    return {w[:4] for w in _ALPHA.findall(text.lower()) if len(w) >= 3 and w not in _STOP}


_STOP = lang.stop_words("headline")  # words a headline and the lead share that say nothing


_GALLERY = re.compile(f"^(?:{_alt('gallery_marker')})", re.I)
_CAPTION_WORD = _BOILERPLATE["caption_word"]


def _mark_headline(lines: list[_Line]) -> int | None:
    """Index of the title line in the page header, or None.

    Header = lines before the first kept prose line.  Candidates are short headline-like lines;
    a question/exclamation line counts only when page chrome precedes it (so a body that opens
    with a question is not mistaken for a title).  The first candidate that shares at least two
    content words with the start of the body wins (menus and taglines share none), else the one
    sharing most, else the first.
    """
    seen_chrome = False
    cands: list[int] = []
    body_start: int | None = None
    for i, ln in enumerate(lines[:40]):
        if ln.kind in (PROSE, LONG):
            if (
                seen_chrome
                and ln.nwords <= 15
                and re.search(r"[?!]['\"\u201d\u2019]*$", ln.text)
                and not re.search("^[\"'\u201c\u2018]", ln.text)
                and any(m.kind in (PROSE, LONG) for m in lines[i + 1 :])
            ):
                cands.append(i)
                continue
            body_start = i
            break
        if ln.kind == SHORT and _headline_like(ln):
            cands.append(i)
        seen_chrome = True
    if not cands:
        return None
    best = cands[0]
    if len(cands) > 1 and body_start is not None:
        body: list[str] = []
        size = 0
        for ln in lines[body_start:]:
            if ln.kind in (PROSE, LONG):
                body.append(ln.text)
                size += len(ln.text)
                if size > 800:
                    break
        words = _stems(" ".join(body))
        scores = [len(_stems(_TITLE_DATE.sub("", lines[i].text)) & words) for i in cands]
        good = [i for i, sc in zip(cands, scores, strict=True) if sc >= 2]
        if good:
            best = good[0]
        elif max(scores) >= 1:
            best = cands[scores.index(max(scores))]
    if lines[best].kind in (PROSE, LONG):
        lines[best].kind = HEADQ
    return best


def _headline_like(ln: _Line) -> bool:
    if not 3 <= ln.nwords <= TITLE_MAX_WORDS:
        return False
    text = _TITLE_DATE.sub("", ln.text)
    words = _words(text)
    if len(words) < 2:
        return False
    letters = [c for c in text if c.isalpha()]
    return not (letters and all(c.isupper() for c in letters) and len(words) < 4)


def _strip_title(title: str, sitename: str | None = None) -> str:
    """A headline without a trailing date ("Title - 2002-08-18") or site/section suffixes
    ("Title | World news | The Guardian")."""
    title = _TITLE_DATE.sub("", title).strip()
    site = (sitename or "").strip().lower()
    for _ in range(3):
        seps = list(_TITLE_SITE_SEP.finditer(title))
        if not seps:
            break
        cut = seps[-1]
        head, tail = title[: cut.start()].strip(), title[cut.end() :].strip()
        if not _is_site_part(tail, site) or len(_words(head)) < 3:
            break
        title = head
    for _ in range(3):  # leading "BBC NEWS | Asia-Pacific | ..."
        m = _TITLE_SITE_SEP.search(title)
        if not m:
            break
        head, tail = title[: m.start()].strip(), title[m.end() :].strip()
        if not _is_site_part(head, site) or len(_words(tail)) < 3:
            break
        title = tail
    return title.strip(" -|\u2013\u2014:")


def _is_site_part(part: str, site: str) -> bool:
    low = part.lower()
    words = low.replace("-", " ").split()
    if not 0 < len(words) <= 4:
        return False
    if site and (low == site or site in low):
        return True
    return _SITE_WORDS.search(part) is not None or all(w.strip(".,") in _NAV_WORDS for w in words)


def _render(lines: list[_Line], keep: set[str]) -> str:
    """Kept lines; blocks separated by a blank line.  A block of multi-sentence lines (one
    paragraph per line) is split into one paragraph per line."""
    blocks: dict[int, list[_Line]] = {}
    for ln in lines:
        if ln.kind in keep:
            blocks.setdefault(ln.block, []).append(ln)
    paras: list[str] = []
    for b in sorted(blocks):
        blk = blocks[b]
        multi = sum(1 for ln in blk if ln.multi)
        if len(blk) >= 2 and multi * 2 >= len(blk):
            paras.extend(ln.text for ln in blk)
        else:
            paras.append("\n".join(ln.text for ln in blk))
    return "\n\n".join(paras)


def _filter(text: str, cache: _Cache | None = None) -> tuple[str, list[_Line], int | None]:
    lines = _lines_of(text, cache)
    title_idx = _mark_headline(lines)
    _apply_context(lines)
    out = _render(lines, {PROSE, LONG})
    if not out and any(ln.kind == SHORT and ln.nwords >= 8 for ln in lines):
        # no sentence punctuation anywhere: keep the longer non-chrome lines instead
        for ln in lines:
            if ln.kind == SHORT and ln.nwords >= 8:
                ln.kind = LONG
        if title_idx is not None and lines[title_idx].kind == LONG:
            title_idx = None  # the headline-like line stays in the text; no title then
        out = _render(lines, {LONG})
    return out, lines, title_idx


def _header_lines(text: str, limit: int = HEADER_LINES) -> list[str]:
    out: list[str] = []
    for line in text.split("\n"):
        s = line.strip()
        if s:
            out.append(s[:300])
            if len(out) >= limit:
                break
    return out


def clean_text(text: str) -> Cleaned:
    """Clean scraped plain text: remove page chrome, detokenize PTB text, find the title."""
    if not isinstance(text, str):
        text = str(text or "")
    norm = _normalize(text)
    if is_ptb_tokenized(norm):
        norm = detokenize_ptb(norm)
    cache: _Cache = {}
    body, lines, title_idx = _filter(norm, cache)
    title = _strip_title(lines[title_idx].text) if title_idx is not None else None
    body = _fixpoint(body, cache)
    return Cleaned(text=body, title=title or None, header_lines=_text_header(norm, lines, title_idx))


def _text_header(norm: str, lines: list[_Line], title_idx: int | None) -> list[str]:
    """The first lines of the page.  When the page header (everything above the article body)
    is longer than that, its date lines and the headline replace the last of them, so a dateline
    under a long menu still reaches the dating stage."""
    header = _header_lines(norm)
    start = next((i for i, ln in enumerate(lines) if ln.kind in (PROSE, LONG)), len(lines))
    if start <= HEADER_LINES:
        return header
    extra = [
        ln.text[:300] for i, ln in enumerate(lines[HEADER_LINES:start], HEADER_LINES)
        if ln.kind == DATELINE or i == title_idx
    ][:5]
    if not extra:
        return header
    return header[: HEADER_LINES - len(extra)] + extra


def _fixpoint(body: str, cache: _Cache | None = None) -> str:
    """Apply (detokenize if PTB +) the filter until nothing changes: cleaning is idempotent."""
    cache = {} if cache is None else cache
    for _ in range(_MAX_PASSES):
        again = detokenize_ptb(body) if is_ptb_tokenized(body) else body
        again = _filter(again, cache)[0]
        if again == body:
            break
        body = again
    return body
