"""``dateline serve`` in a real browser (headless Chromium driven by Playwright, as for the
report): search the archive, open an article with its manifest row, build the timeline of the
query and read it in the served report; nothing is requested from anywhere but the server, and
no page logs an error.  Screenshots (desktop and phone) go to ``test-artifacts/``.

Skips when Chromium or Playwright is missing, except under CI, where that fails."""

from __future__ import annotations

import re
import socket
import threading
import time
from urllib.parse import urlsplit

import pytest
from store_corpus import records, write_jsonl
from test_browser import ARTIFACTS, DESKTOP, PHONE, browser  # noqa: F401 - the fixture

from dateline.cli import main

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    uvicorn = pytest.importorskip("uvicorn")
    from dateline.serve import create_app

    root = tmp_path_factory.mktemp("served")
    recs = records(60, seed=21)
    recs.append({"id": "evil", "title": "Harwick <img src=x onerror=\"window.pwned=1\">",
                 "published": "2021-02-01",
                 "text": "Harwick residents met on 1 February 2021. <script>window.pwned=2</script>"})
    write_jsonl(root / "feed.jsonl", recs)
    db = root / "s.db"
    assert main(["ingest", str(root / "feed.jsonl"), "--store", str(db), "-q", "-j", "1"]) == 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)


def _session(browser, base: str, viewport, phone: bool = False):  # noqa: F811
    ctx = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone,
                              color_scheme="light", reduced_motion="reduce")
    ctx.route(re.compile(r"^(https?|wss?|ftp)://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return ctx, page, requests, errors


def _check_clean(base: str, requests: list[str], errors: list[str], page) -> None:
    here = urlsplit(base).netloc
    outside = [u for u in requests if urlsplit(u).scheme not in ("data", "about")
               and urlsplit(u).netloc != here]
    assert outside == [], f"requests outside the server: {outside}"
    assert errors == [], f"console errors: {errors}"
    assert page.evaluate("() => window.pwned") is None


def test_search_open_an_article_and_build_its_timeline(browser, server):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    ctx, page, requests, errors = _session(browser, server, DESKTOP)
    try:
        page.goto(server + "/")
        assert "articles" in page.locator(".overview").inner_text()
        page.fill('input[name="q"]', "Harwick")
        page.click('.search button[type="submit"]')
        page.wait_for_url(re.compile(r"\?q=Harwick"))
        hits = page.locator("li.hit")
        assert hits.count() >= 3
        assert page.locator("li.hit mark").first.inner_text() == "Harwick"
        page.screenshot(path=str(ARTIFACTS / "serve-search-desktop.png"))

        # the hostile title is shown as text
        evil = page.locator('li.hit a[href="/article/evil"]')
        assert evil.count() == 1 and "<img" in evil.inner_text()
        first_title = hits.first.locator("h2 a").inner_text()
        hits.first.locator("h2 a").click()
        page.wait_for_url(re.compile(r"/article/"))
        assert page.locator("h1").inner_text() == first_title
        rows = dict(zip(page.locator(".manifest th").all_inner_texts(),
                        page.locator(".manifest td").all_inner_texts(), strict=False))
        assert rows["status"] == "used" and "feed.jsonl:" in rows["path"]
        assert page.locator("mark.t").count() >= 1  # its time mentions are marked
        page.go_back()

        # sentence search opens the article at the sentence
        page.check('input[name="sentences"]')
        page.click('.search button[type="submit"]')
        page.wait_for_url(re.compile(r"sentences=1"))
        page.locator("li.hit h2 a").first.click()
        page.wait_for_url(re.compile(r"/article/.+\?s=\d+"))
        assert page.locator(".sent.current").count() == 1
        page.go_back()

        # build the timeline of the query: the report, with its dates and citations
        page.uncheck('input[name="sentences"]')
        page.click('.search button[type="submit"]')
        page.wait_for_url(re.compile(r"q=Harwick"))
        page.click('.build button[type="submit"]')
        page.wait_for_url(re.compile(r"/timeline\?"))
        entries = page.locator("#entries > li.entry")
        assert entries.count() >= 1
        assert "Harwick" in page.locator("h1").inner_text()
        page.locator(".cite-link").first.click()
        assert page.locator("#panel").is_visible()
        page.screenshot(path=str(ARTIFACTS / "serve-timeline-desktop.png"))
        _check_clean(server, requests, errors, page)
    finally:
        ctx.close()


def test_phone_width_has_no_sideways_scroll(browser, server):  # noqa: F811
    ctx, page, requests, errors = _session(browser, server, PHONE, phone=True)
    try:
        for url in ("/?q=Harwick", "/article/evil", "/?q=Harwick&sentences=1"):
            page.goto(server + url)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= PHONE["width"], (url, width)
        page.goto(server + "/?q=Harwick")
        page.screenshot(path=str(ARTIFACTS / "serve-search-phone.png"), full_page=True)
        page.goto(server + "/article/evil")
        page.screenshot(path=str(ARTIFACTS / "serve-article-phone.png"), full_page=True)
        _check_clean(server, requests, errors, page)
    finally:
        ctx.close()
