"""The HTML report in a real browser: headless Chromium (Debian's package) driven by Playwright.

Opens reports from ``file://`` and checks that every date and sentence is visible, that search and
the source filter narrow the list, that a citation opens the article panel with the sentence in a
``<mark>``, that nothing is requested from outside the file, that there are no console errors,
and that hostile article text is shown as text and never runs.  Screenshots (desktop and phone)
go to ``test-artifacts/``.

Skips when Chromium or Playwright is missing, except under CI (``CI`` set), where that fails.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dateline.model import Citation, ManifestRow, Timeline, TimelineEntry

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path(os.environ.get("DATELINE_CHROMIUM", "/usr/bin/chromium"))
CHROME_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
LOCAL_SCHEMES = {"file", "data", "about", "blob"}


def _unavailable(reason: str):
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no", "off"):
        pytest.fail(f"browser tests cannot run under CI: {reason}")
    pytest.skip(reason)


def _norm(s: str) -> str:
    return " ".join(s.split())


# ------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed (make browser, or apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROME_ARGS)
        try:
            yield b
        finally:
            b.close()


class Session:
    """A page plus everything it requested and every error it logged."""

    def __init__(self, context, page):
        self.context = context
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []

    def assert_clean(self) -> None:
        outside = [u for u in self.requests if urlsplit(u).scheme not in LOCAL_SCHEMES]
        assert outside == [], f"the page made network requests: {outside}"
        assert self.errors == [], f"console errors: {self.errors}"

    def pwned(self):
        return self.page.evaluate("() => window.pwned")


@pytest.fixture
def open_report(browser):
    sessions: list[Session] = []

    def _open(path: Path, viewport=DESKTOP, phone: bool = False) -> Session:
        ctx = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone,
                                  device_scale_factor=2 if phone else 1,
                                  color_scheme="light", reduced_motion="reduce")
        # nothing may leave the machine, whatever the page tries
        ctx.route(re.compile(r"^(https?|wss?|ftp)://"), lambda route: route.abort())
        page = ctx.new_page()
        page.set_default_timeout(10_000)
        s = Session(ctx, page)
        page.on("request", lambda r: s.requests.append(r.url))
        page.on("console", lambda m: s.errors.append(f"console.{m.type}: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: s.errors.append(f"pageerror: {e}"))
        page.goto(path.resolve().as_uri())
        page.wait_for_load_state("load")
        sessions.append(s)
        return s

    yield _open
    for s in sessions:
        s.context.close()


@pytest.fixture(scope="module")
def demo(request, tmp_path_factory):
    """The report of the demo corpus (the shared seed corpus, else examples/corpus)."""
    pytest.importorskip("dateline.ingest", reason="the ingest stage is not there yet")
    from dateline.cli import main

    try:
        corpus = request.getfixturevalue("seed_dir")
    except pytest.skip.Exception:
        corpus = request.getfixturevalue("examples_dir")
    out = tmp_path_factory.mktemp("demo")
    assert main(["build", str(corpus), "-o", str(out), "-q", "-j", "1"]) == 0
    return out / "timeline.html", json.loads((out / "timeline.json").read_text(encoding="utf-8"))


# A hand-built timeline whose every text field tries to run script, and whose sentences come
# from three outlets (so the source filter has something to narrow).
PAYLOADS = [
    "<script>window.pwned = 1</script>",
    '<img src=x onerror="window.pwned = 2">',
    "</script><script>window.pwned = 3</script>",
    "<svg onload=\"window.pwned = 4\"></svg>",
    '"><iframe src="javascript:window.pwned=5"></iframe>',
]


def hostile_timeline() -> Timeline:
    D = dt.date
    s1 = f"On 3 March 2021 the council said {PAYLOADS[0]} the dam was safe."
    s2 = f"Residents posted {PAYLOADS[1]} on 4 March 2021 and left."
    s3 = f"The vote on 5 March 2021 ended {PAYLOADS[2]} in uproar."
    s4 = "Engineers lowered the reservoir by two metres on 5 March 2021."
    text_a = f"Header {PAYLOADS[3]}\n\n{s1} More.\n\n{s2}"
    text_b = f"{s3}\n\n{s4}\n\nBody {PAYLOADS[4]} end."
    docs = [
        ManifestRow("evil-a.txt", "evil-a.txt", "used", published="2021-03-04",
                    date_source="inferred", confidence=0.4, title=f"Council {PAYLOADS[3]}",
                    source=f"Herald {PAYLOADS[4]}", url="javascript:window.pwned=6", text=text_a),
        ManifestRow("evil-b.txt", "evil-b.txt", "used", published="2021-03-05", date_source="stated",
                    confidence=1.0, title="Vote", source="River Times",
                    url="https://river.example/vote", text=text_b),
    ]

    def cite(doc, text, source=None):
        r = next(d for d in docs if d.id == doc)
        return Citation(text, doc, source if source is not None else r.source, r.url, r.title,
                        r.published, r.date_source == "inferred")

    entries = [
        TimelineEntry(D(2021, 3, 3), "day", [cite("evil-a.txt", s1)], 1, low_confidence=True),
        TimelineEntry(D(2021, 3, 4), "day", [cite("evil-a.txt", s2)], 1),
        TimelineEntry(D(2021, 3, 5), "day", [cite("evil-b.txt", s3), cite("evil-b.txt", s4)], 2),
        TimelineEntry(D(2021, 3, 1), "month", [cite("evil-b.txt", s4, source="Third Paper")], 1),
    ]
    entries.sort(key=lambda e: (e.date, e.granularity))
    return Timeline(title=f"Hostile {PAYLOADS[0]} timeline", entries=entries, documents=docs,
                    stats={"inputs": 2, "used": 2, "sources": 3, "dates_selected": 4,
                           "inferred_dates": 1},
                    coverage=[("2021-03-04", 1), ("2021-03-05", 1)])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "timeline.html"
    path.write_text(hostile_timeline().to_html(), encoding="utf-8")
    return path


HOSTILE_TXT = """Council says dam is safe - 2021-03-04

MILLBROOK -- The council met on Wednesday and said the dam was safe <script>window.pwned = 7</script> after an inspection.

Residents wrote <img src=x onerror="window.pwned = 8"> on the council page on Thursday, 4 March 2021.

The meeting on 4 March 2021 ended with </script><script>window.pwned = 9</script> a vote.
"""


@pytest.fixture(scope="module")
def hostile_corpus_report(tmp_path_factory):
    """A hostile corpus through the whole pipeline (text file + JSON lines from two outlets)."""
    pytest.importorskip("dateline.ingest", reason="the ingest stage is not there yet")
    from dateline.cli import main

    corpus = tmp_path_factory.mktemp("hostile-corpus")
    (corpus / "council.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    records = [
        {"id": "r1", "title": "Dam <script>window.pwned = 10</script> inquiry",
         "source": "Valley <b>Herald</b>", "url": "javascript:window.pwned = 11",
         "published": "2021-03-10",
         "text": "The inquiry into the Millbrook dam opened on 9 March 2021 in the town hall. "
                 "Officials said <img src=x onerror=\"window.pwned = 12\"> repairs would start "
                 "in April 2021.\n\nThe council had met on 4 March 2021 to discuss the cracks."},
        {"id": "r2", "title": "Repairs begin", "source": "River Times",
         "url": "https://river.example/repairs", "published": "2021-04-20",
         "text": "Repairs on the Millbrook dam began on 19 April 2021, the water authority said. "
                 "The inquiry that opened on 9 March 2021 will report in the summer."},
    ]
    (corpus / "feed.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-out")
    assert main(["build", str(corpus), "-o", str(out), "-q", "-j", "1"]) == 0
    rows = [json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()]
    return out / "timeline.html", json.loads((out / "timeline.json").read_text()), rows


# ------------------------------------------------------------------------------- helpers


def _entry_ids(tl: dict) -> list[str]:
    seen: dict[str, int] = {}
    ids = []
    for e in tl["entries"]:
        base = "d-" + e["date"]
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def _visible_entries(page) -> int:
    return page.locator("#entries > li.entry:visible").count()


def _check_all_visible(page, tl: dict) -> None:
    entries = page.locator("#entries > li.entry")
    assert entries.count() == len(tl["entries"])
    for eid, e in zip(_entry_ids(tl), tl["entries"], strict=True):
        li = page.locator(f'[id="{eid}"]')
        time = li.locator("h2 time")
        assert time.is_visible(), f"date {e['label']} is not visible"
        assert time.get_attribute("datetime") == e["date"]
        assert time.inner_text() == e["label"]
        texts = li.locator(".sent .text")
        assert texts.count() == len(e["summary"])
        for i, c in enumerate(e["summary"]):
            assert texts.nth(i).is_visible(), f"sentence {i} of {e['label']} is not visible"
            assert _norm(texts.nth(i).inner_text()) == _norm(c["text"])


def _check_every_citation_highlights(page) -> None:
    links = page.locator(".cite-link")
    for i in range(links.count()):
        link = links.nth(i)
        sentence = _norm(link.locator("xpath=ancestor::li[1]/p[@class='text']").inner_text())
        link.click()
        panel = page.locator("#panel")
        assert panel.is_visible()
        current = panel.locator("#panel-body mark.current")
        assert current.count() >= 1, f"citation {i}: no highlighted sentence"
        assert _norm(" ".join(current.all_inner_texts())) == sentence
        assert current.first.is_visible()
        page.keyboard.press("Escape")
        assert not panel.is_visible()
        # focus goes back to the citation that opened the panel
        page.wait_for_function("() => document.activeElement.classList.contains('cite-link')")


def _shot(page, name: str, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    if full_page:  # a sticky toolbar would otherwise be drawn where the page was scrolled to
        page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def _no_horizontal_scroll(page) -> None:
    sw, cw = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert sw <= cw, f"the page scrolls sideways ({sw} > {cw})"


# ----------------------------------------------------------------------------- the demo


def test_demo_every_date_and_sentence_is_visible(demo, open_report):
    path, tl = demo
    s = open_report(path)
    assert s.page.title() == tl["title"]
    assert len(tl["entries"]) >= 2
    _check_all_visible(s.page, tl)
    _shot(s.page, "demo-desktop")
    s.assert_clean()


def test_demo_search_narrows_the_list(demo, open_report):
    path, tl = demo
    s = open_report(path)
    page = s.page
    total = len(tl["entries"])
    words: dict[str, int] = {}
    for e in tl["entries"]:
        for w in {w.lower() for c in e["summary"] for w in re.findall(r"[A-Za-z]{5,}", c["text"])}:
            words[w] = words.get(w, 0) + 1
    candidates = sorted((w for w, n in words.items() if n < total), key=lambda w: (-words[w], w))
    narrowed = None
    for word in candidates[:12]:
        page.fill("#q", word)
        n = _visible_entries(page)
        if 0 < n < total:
            narrowed = word
            break
    assert narrowed, "no search term narrowed the list"
    for text in page.locator("#entries > li.entry:visible").all_inner_texts():
        assert narrowed in text.lower()
    assert "Showing" in page.locator("#filter-status").inner_text()
    page.fill("#q", "zzqxv-no-such-words")
    assert _visible_entries(page) == 0
    assert page.locator("#no-match").is_visible()
    page.fill("#q", "")
    assert _visible_entries(page) == total
    _check_all_visible(page, tl)
    s.assert_clean()


def test_demo_source_filter(demo, open_report):
    path, tl = demo
    s = open_report(path)
    page = s.page
    values = page.locator("#source option").evaluate_all("os => os.map(o => o.value)")
    assert values[0] == ""
    assert len(values) >= 2
    for value in values[1:]:
        page.select_option("#source", value)
        visible = page.locator(".sent:visible")
        assert visible.count() >= 1
        assert set(visible.evaluate_all("ls => ls.map(l => l.dataset.source)")) == {value}
    page.select_option("#source", "")
    assert _visible_entries(page) == len(tl["entries"])
    s.assert_clean()


def test_demo_citations_open_the_article_with_the_sentence_marked(demo, open_report):
    path, _tl = demo
    s = open_report(path)
    _check_every_citation_highlights(s.page)
    s.page.locator(".cite-link").first.click()
    s.page.wait_for_timeout(250)
    _shot(s.page, "demo-desktop-panel", full_page=False)
    s.page.locator("#panel-close").click()
    assert not s.page.locator("#panel").is_visible()
    s.assert_clean()


def test_demo_keyboard(demo, open_report):
    path, _tl = demo
    s = open_report(path)
    page = s.page
    page.locator(".cite-link").first.focus()
    page.keyboard.press("Enter")
    assert page.locator("#panel").is_visible()
    assert page.evaluate("() => document.activeElement.id") == "panel-close"
    page.keyboard.press("Escape")
    assert not page.locator("#panel").is_visible()
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("/")
    assert page.evaluate("() => document.activeElement.id") == "q"
    # the article list opens the panel from a real <button>
    page.locator("button.read").first.focus()
    page.keyboard.press("Enter")
    assert page.locator("#panel").is_visible()
    page.keyboard.press("Escape")
    s.assert_clean()


def test_demo_chart_marks_jump_to_their_date(demo, open_report):
    path, tl = demo
    s = open_report(path)
    page = s.page
    marks = page.locator("svg.chart a.mark")
    ids = _entry_ids(tl)
    assert marks.count() == len(ids)
    last = marks.nth(marks.count() - 1)
    last.dispatch_event("click")
    page.wait_for_function(f"() => location.hash === '#{ids[-1]}'")
    assert page.locator(f'[id="{ids[-1]}"] h2').is_visible()
    s.assert_clean()


def test_demo_on_a_phone(demo, open_report):
    path, tl = demo
    s = open_report(path, viewport=PHONE, phone=True)
    _check_all_visible(s.page, tl)
    _no_horizontal_scroll(s.page)
    _shot(s.page, "demo-phone")
    s.page.locator(".cite-link").first.click()
    s.page.wait_for_timeout(250)
    box = s.page.locator("#panel").bounding_box()
    assert box and box["width"] >= PHONE["width"] - 1  # the panel takes the whole screen
    assert s.page.locator("#panel-body mark.current").first.is_visible()
    _shot(s.page, "demo-phone-panel", full_page=False)
    s.assert_clean()


def test_demo_print_layout_hides_controls(demo, open_report):
    path, _tl = demo
    s = open_report(path)
    s.page.emulate_media(media="print")
    assert not s.page.locator("#controls").is_visible()
    assert s.page.locator("#entries > li.entry").first.is_visible()
    s.assert_clean()


# ------------------------------------------------------------------------- hostile input


def test_hostile_text_is_shown_and_never_runs(hostile, open_report):
    s = open_report(hostile)
    page = s.page
    tl = hostile_timeline()
    assert s.pwned() is None
    assert page.evaluate("() => document.images.length") == 0
    assert page.evaluate("() => document.scripts.length") == 2
    assert page.evaluate("() => document.querySelectorAll('iframe, svg:not(.chart):not(.key-dot)"
                         ":not([aria-hidden]) , [onerror], [onload]').length") == 0
    assert page.locator("h1").inner_text() == tl.title
    assert page.title() == tl.title
    texts = page.locator(".sent .text").all_inner_texts()
    assert texts == [c.text for e in tl.entries for c in e.summary]
    for c in (c for e in tl.entries for c in e.summary):
        assert page.get_by_text(c.text, exact=True).first.is_visible()
    _check_every_citation_highlights(page)
    # the whole article text, payloads included, is text in the panel
    page.locator("button.read", has_text="Council").click()
    body = page.locator("#panel-body").inner_text()
    assert PAYLOADS[0] in body and PAYLOADS[1] in body and PAYLOADS[3] in body
    assert page.locator("#panel-title").inner_text() == f"Council {PAYLOADS[3]}"
    assert page.locator("#panel-meta a").count() == 0  # the javascript: URL is not a link
    _shot(page, "hostile-desktop-panel", full_page=False)
    page.keyboard.press("Escape")
    assert s.pwned() is None
    _shot(page, "hostile-desktop")
    s.assert_clean()


def test_hostile_source_filter_and_search(hostile, open_report):
    s = open_report(hostile)
    page = s.page
    options = page.locator("#source option").evaluate_all("os => os.map(o => o.value)")
    assert len(options) == 4  # all + three outlets
    herald = next(o for o in options if o.startswith("Herald"))
    page.select_option("#source", herald)
    assert _visible_entries(page) == 2
    page.select_option("#source", "Third Paper")
    assert _visible_entries(page) == 1
    assert page.locator(".entry:visible h2 time").inner_text() == "Mar 2021"
    page.select_option("#source", "")
    page.fill("#q", "<script>")
    assert _visible_entries(page) == 2  # the sentences that contain it, as text
    page.fill("#q", "reservoir")
    assert _visible_entries(page) == 2
    page.fill("#q", "march 2021 reservoir")  # terms may match the date heading
    assert _visible_entries(page) == 2
    page.fill("#q", "")
    page.select_option("#source", "River Times")
    page.fill("#q", "uproar")
    assert _visible_entries(page) == 1
    page.click("#reset")
    page.wait_for_function("() => document.querySelectorAll('#entries > li.entry[hidden]')"
                           ".length === 0")
    assert s.pwned() is None
    s.assert_clean()


def test_hostile_on_a_phone(hostile, open_report):
    s = open_report(hostile, viewport=PHONE, phone=True)
    _no_horizontal_scroll(s.page)
    assert s.pwned() is None
    _shot(s.page, "hostile-phone")
    s.assert_clean()


def test_hostile_corpus_through_the_pipeline(hostile_corpus_report, open_report):
    path, tl, rows = hostile_corpus_report
    s = open_report(path)
    page = s.page
    assert s.pwned() is None
    assert page.evaluate("() => document.images.length") == 0
    assert page.evaluate("() => document.scripts.length") == 2
    _check_all_visible(page, tl)
    _check_every_citation_highlights(page)
    # every cited article opens, and whatever markup its cleaned text kept is shown as text
    cited = {c["doc_id"] for e in tl["entries"] for c in e["summary"]}
    by_id = {r["id"]: r for r in rows}
    buttons = page.locator("button.read")
    assert buttons.count() == len(cited)
    for i in range(buttons.count()):
        buttons.nth(i).click()
        body = _norm(page.locator("#panel-body").inner_text())
        title = page.locator("#panel-title").inner_text()
        row = next(r for r in by_id.values() if r["id"] in cited and (r["title"] or r["id"]) == title)
        for payload in ("<script>", "<img src=x"):
            if payload in (row["text"] or ""):
                assert payload in body
        page.keyboard.press("Escape")
    assert s.pwned() is None
    _shot(page, "hostile-corpus-desktop")
    s.assert_clean()
