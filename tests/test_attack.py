"""Attack cases of issue #18: inputs and settings that must not take a run down or turn an
output into something else (each test fails without its fix)."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat

import pytest
from markdown_it import MarkdownIt

from dateline.model import Citation, ManifestRow, Timeline, TimelineEntry
from dateline.render.digest_md import render_digest_markdown

PAYLOADS = ["<script>window.pwned=1</script>", "<svg onload=alert(2)>", "<img src=x onerror=alert(3)>",
            "[click](javascript:alert(4))", "<a href='javascript:alert(5)'>x</a> &amp; `code` *b* _i_"]


def _hostile() -> Timeline:
    s1 = f"On 3 March 2021 the council said {PAYLOADS[0]} the dam was safe."
    s2 = f"Residents posted {PAYLOADS[1]} {PAYLOADS[3]} on 4 March 2021."
    row = ManifestRow("evil`id<b>", "evil.txt", "used", published="2021-03-04", date_source="stated",
                      confidence=1.0, title=f"Council {PAYLOADS[2]}", source=f"Herald {PAYLOADS[4]}",
                      url="javascript:alert(6)", text=s1 + " " + s2)
    cite = [Citation(s, row.id, row.source, row.url, row.title, row.published, False) for s in (s1, s2)]
    entries = [TimelineEntry(dt.date(2021, 3, 3), "day", [cite[0]], 1),
               TimelineEntry(dt.date(2021, 3, 4), "day", [cite[1]], 1)]
    digest = {"schema": "dateline-digest/1", "actors": [
        {"name": PAYLOADS[0], "kind": "person", "role": PAYLOADS[1], "articles": 1,
         "first_seen": "2021-03-03", "last_seen": "2021-03-04", "entries": []}],
        "figures": [{"label": PAYLOADS[2], "articles": 1, "claims": [
            {"value": PAYLOADS[3], "date": "2021-03-03", "text": PAYLOADS[4], "doc_id": "a`b",
             "title": PAYLOADS[0], "source": PAYLOADS[1]}]}],
        "discrepancies": [], "date_conflicts": []}
    return Timeline(title=f"Hostile {PAYLOADS[0]}", entries=entries, documents=[row],
                    stats={"used": 1}, digest=digest)


def _rendered(md: str) -> str:
    return MarkdownIt("commonmark").render(md)  # raw HTML is on in CommonMark


def test_timeline_markdown_is_inert_under_commonmark():
    tl = _hostile()
    html = _rendered(tl.to_markdown())
    tags = re.findall(r"<([a-zA-Z][^>]*)>", html)
    names = {t.split()[0].lower() for t in tags}
    assert names <= {"h1", "h2", "h3", "h4", "p", "em", "strong", "ul", "li", "code", "a", "table",
                     "thead", "tbody", "tr", "th", "td", "blockquote", "hr"}, names
    assert not any("on" in t.lower().split("=")[0] and "=" in t for t in tags if " on" in t.lower())
    assert "javascript:" not in " ".join(t for t in tags if t.lower().startswith("a "))
    # the text itself is still there, shown as text
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html
    assert "[click](javascript:alert(4))" in html


def test_digest_markdown_is_inert_under_commonmark():
    html = _rendered(render_digest_markdown(_hostile().digest))
    names = {t.split()[0].lower() for t in re.findall(r"<([a-zA-Z][^>]*)>", html)}
    assert not names & {"script", "svg", "img", "a"}, names


def test_only_http_links_in_markdown():
    tl = _hostile()
    md = tl.to_markdown()
    assert "<javascript:" not in md  # an autolink to any scheme in CommonMark (Pandoc follows it)
    assert "javascript:alert(6)" in md  # shown as text
    tl.documents[0].url = "https://example.org/story?a=1&b=2"
    assert '<a href="https://example.org/story?a=1&amp;b=2">' in _rendered(tl.to_markdown())


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_output_file_modes_follow_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        written = _hostile().write(str(tmp_path / "out"))
    finally:
        os.umask(old)
    for path in written.values():
        assert stat.S_IMODE(os.stat(path).st_mode) == mode, path
