"""Text that is safe to put into Markdown (``timeline.md``, the digest section).

Every field comes from scraped pages, so any of them may hold Markdown or HTML.  A CommonMark
renderer (markdown-it, Pandoc, MkDocs) must show it as text: ASCII punctuation that starts
markup is backslash-escaped (``<`` and ``&`` included, so no raw HTML and no entities), inline
code gets a fence longer than any backtick run inside it, and only http(s) URLs become links.
"""

from __future__ import annotations

import re
from typing import Any

from dateline.render.html import safe_url

# what can open markup inside a line (CommonMark allows a backslash before any ASCII punctuation)
_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#!{}$])")
# what can open a block at the start of a line: "- ", "+ ", "1. ", "1) ", "> ", "=", "---"
_BLOCK_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")
# bidirectional overrides and isolates would reorder what a reader sees
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def one_line(text: Any) -> str:
    """``text`` as one line of plain text (runs of whitespace, newlines included, become one
    space; bidirectional override characters are dropped)."""
    return " ".join(_BIDI.sub("", str(text if text is not None else "")).split())


def escape(text: Any) -> str:
    """``text`` on one line with every character that could start Markdown or HTML escaped."""
    t = _SPECIAL.sub(r"\\\1", one_line(text))
    return _BLOCK_START.sub(lambda m: m.group(1) + m.group(2) + "\\" if m.group(2).isdigit()
                            else m.group(1) + "\\" + m.group(2), t)


def code(text: Any) -> str:
    """``text`` as inline code: the fence is one backtick longer than any run inside."""
    t = one_line(text)
    runs = [len(m) for m in re.findall(r"`+", t)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if t.startswith("`") or t.endswith("`") or not t.strip() else ""
    return f"{fence}{pad}{t}{pad}{fence}"


def link(url: Any) -> str | None:
    """An autolink ``<url>`` for an absolute http(s) URL, else None."""
    u = safe_url(url if isinstance(url, str) else None)
    return f"<{u}>" if u else None
