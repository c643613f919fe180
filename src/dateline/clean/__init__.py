"""Cleaning: scraped page text or HTML -> article body, title, header lines, metadata date.

Plain text (:func:`clean_text`) is cleaned line by line.  Every line is classified:

* **chrome** -- navigation, banners, share/print/e-mail links, comment prompts, menus, bare URLs,
  cookie and subscription notices, copyright lines, bylines, "Related stories" headers, photo
  credits and captions, agency sign-offs (``msh/rc (AFP, dpa)``, a lone ``(Reuters)``);
* **dateline** -- a line that only carries a date ("Last Updated: Wednesday, 7 March 2007");
* **short** -- a line without sentence punctuation and fewer than 25 words: a headline, a
  sub-heading, a caption, a menu entry, a fact-box bullet;
* **prose** -- a sentence or paragraph (ends with sentence punctuation, or is long).

Only prose is kept, plus context rules: lines following a "Related stories" / "More from" header
are dropped until real prose resumes; a caption right above a photo credit (or below a
"Photos:" gallery marker) is dropped; blocks of short headline-like lines at the end of the page
(lists of unrelated stories) are dropped; a sentence glued to a photo credit ("Photograph:
A. Name/PA Flu is spreading ...") keeps the sentence.  The title is the headline-like line of
the page header that shares words with the lead (menus and taglines share none), without a
trailing date or site name.  The original first lines are kept as ``header_lines`` (the dating
stage reads printed dates there).

Pure Python and regular expressions, deterministic; about 1.5 ms per Timeline17 article.

The filter is applied until nothing changes, so cleaning is idempotent.  Text that is
PTB-tokenized (``-LRB-``, ``` `` ```, `` 's``) is detokenized first.

HTML (:func:`clean_html`) goes through trafilatura (body, title, site name) and htmldate
(metadata publication date); the extracted text is then run through the same line filter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dateline.clean.html import clean_html
from dateline.clean.lines import _lines_of
from dateline.clean.normalize import _normalize, detokenize_ptb, is_ptb_tokenized
from dateline.clean.page import Cleaned, _apply_context, _mark_headline, clean_text
from dateline.model import RawInput

__all__ = ["Cleaned", "clean", "clean_html", "clean_text", "detokenize_ptb", "is_ptb_tokenized"]


_HTML_TEXT = re.compile(r"<(?:!doctype html|html|head|body|article|div|p|br|span|table)\b[^>]*>", re.I)


def clean(raw: RawInput) -> Cleaned:
    """Clean one input according to its kind (``text`` or ``html``).

    A ``text`` input that is really markup (a JSONL ``text`` field holding a page) is cleaned as
    HTML.
    """
    if raw.kind == "html" or _is_markup(raw.raw):
        return clean_html(raw.raw, raw.url)
    out = clean_text(raw.raw)
    if raw.url and not out.url:
        out.url = raw.url
    return out


def _is_markup(text: str) -> bool:
    head = text.lstrip()[:3000]
    return head[:1] == "<" and len(_HTML_TEXT.findall(head)) >= 2


def _debug_classes(text: str) -> Sequence[tuple[str, str]]:
    """(kind, line) pairs of the first pass -- for tuning and tests."""
    lines = _lines_of(_normalize(text))
    _mark_headline(lines)
    _apply_context(lines)
    return [(ln.kind, ln.text) for ln in lines]
