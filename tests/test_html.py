"""The HTML report: structure, escaping of hostile article text, self-containment, determinism.

The timelines here are built by hand from the model classes, so these tests do not depend on the
pipeline; one test also renders the example corpus through the whole pipeline.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re

import pytest
from lxml import html as lxml_html

from dateline.model import Citation, ManifestRow, Timeline, TimelineEntry
from dateline.render.html import (
    coverage_chart,
    digest_view,
    find_sentence,
    json_for_script,
    render_html,
    safe_url,
)

D = dt.date
HOSTILE = "<script>alert(1)</script> and <img src=x onerror=alert(1)> and </script><!-- end"
HOSTILE_SENTENCE = f"On 3 March 2021 officials said {HOSTILE} before the vote."


def _row(id_, text, **kw) -> ManifestRow:
    return ManifestRow(id=id_, path=f"corpus/{id_}", status=kw.pop("status", "used"), text=text, **kw)


def make_timeline(digest=None, extra_docs=()) -> Timeline:
    """Three dates, two outlets, one inferred article, one hostile article, one uncited one."""
    calm = ("Engineers found cracks in the Millbrook dam on Wednesday.\n\n"
            "About 4,000 residents were told to prepare for an evacuation.")
    hostile = f"Header line.\n\n{HOSTILE_SENTENCE} Then nothing happened."
    later = "The inquiry into the dam opened in June 2021.  It will report   next year."
    docs = [
        _row("a.txt", calm, published="2021-03-04", date_source="stated", confidence=1.0,
             title="Cracks found in Millbrook dam", source="Valley Herald",
             url="https://valley.example/cracks"),
        _row("b.txt", hostile, published="2021-03-05", date_source="inferred", confidence=0.42,
             title='Evil <script>alert("t")</script> title', source="<b>Bad</b> Source",
             url="javascript:alert(1)"),
        _row("c.html", later, published="2021-06-14", date_source="metadata", confidence=0.9,
             title="Inquiry opens", source=None, url="https://www.news.example/inquiry"),
        _row("d.txt", "UNCITED_ARTICLE_MARKER text that no entry cites.", published="2021-03-04",
             date_source="stated", confidence=1.0, title="Uncited"),
        _row("e.txt", "duplicate", status="duplicate", reason="near-duplicate of a.txt"),
        *extra_docs,
    ]
    rows = {r.id: r for r in docs}

    def cite(doc_id, text):
        r = rows[doc_id]
        return Citation(text=text, doc_id=doc_id, source=r.source, url=r.url, title=r.title,
                        published=r.published, date_inferred=r.date_source == "inferred")

    entries = [
        TimelineEntry(D(2021, 3, 3), "day", [cite("b.txt", HOSTILE_SENTENCE)], 1, 1.0,
                      low_confidence=True),
        TimelineEntry(D(2021, 3, 4), "day", [
            cite("a.txt", "Engineers found cracks in the Millbrook dam on Wednesday."),
            cite("a.txt", "About 4,000 residents were told to prepare for an evacuation."),
        ], 2, 2.5),
        # whitespace differs from the article text: still found and highlighted
        TimelineEntry(D(2021, 6, 1), "month", [
            cite("c.html", "The inquiry into the dam opened in June 2021."),
            cite("c.html", "It will report next year."),
        ], 1, 1.2),
    ]
    return Timeline(
        title="Millbrook <dam> & \"friends\"",
        entries=entries,
        documents=docs,
        config={"title": None, "max_dates": None, "sentences_per_date": 2, "start": None,
                "end": None, "query": None, "keywords": [], "max_bytes": 50_000_000,
                "dedup_threshold": 0.8},
        stats={"inputs": 5, "used": 4, "duplicates": 1, "skipped": 0, "failed": 0,
               "inferred_dates": 1, "dates_selected": 3, "sources": 2},
        coverage=[("2021-03-04", 2), ("2021-03-05", 1), ("2021-06-14", 1)],
        digest=digest,
    )


@pytest.fixture(scope="module")
def tl() -> Timeline:
    return make_timeline()


@pytest.fixture(scope="module")
def page(tl):
    return render_html(tl)


@pytest.fixture(scope="module")
def tree(page):
    return lxml_html.fromstring(page)


def _data(tree) -> dict:
    (block,) = tree.xpath('//script[@type="application/json"]')
    return json.loads(block.text)


def _norm(s: str) -> str:
    return " ".join(s.split())


# ------------------------------------------------------------------------------ structure


def test_to_html_uses_the_renderer(tl, page):
    assert tl.to_html() == page
    assert page.startswith("<!DOCTYPE html>")


def test_header_shows_title_span_counts_and_configuration(tree):
    assert tree.xpath("string(//h1)") == 'Millbrook <dam> & "friends"'
    assert tree.xpath("string(//title)") == 'Millbrook <dam> & "friends"'
    assert tree.xpath('//p[@class="span"]/time/@datetime') == ["2021-03-03", "2021-06"]
    stats = {_norm(d.xpath("string(dt)")): _norm(d.xpath("string(dd)"))
             for d in tree.xpath('//dl[@class="stats"]/div')}
    assert stats == {"articles used": "4", "sources": "2", "dates selected": "3",
                     "dates inferred": "1"}
    config = {_norm(d.xpath("string(dt)")): _norm(d.xpath("string(dd)"))
              for d in tree.xpath('//details[@class="config"]//dl/div')}
    assert {"inputs read": "5", "duplicates": "1", "sentences per date": "2",
            "max dates": "auto", "max input size": "50 MB"}.items() <= config.items()


def test_entries_are_an_ordered_list_with_time_elements(tl, tree):
    entries = tree.xpath('//ol[@class="timeline"]/li')
    assert len(entries) == len(tl.entries)
    for li, e in zip(entries, tl.entries, strict=True):
        assert li.get("id") == "d-" + e.iso()
        (time,) = li.xpath("./div/h2/time")
        assert time.get("datetime") == e.iso()
        assert time.text == e.label()
        texts = [_norm(p.text_content()) for p in li.xpath('.//li[@class="sent"]/p[@class="text"]')]
        assert texts == [_norm(c.text) for c in e.summary]
    month = entries[2]
    assert month.xpath("string(.//time)") == "Jun 2021"
    assert "month" in month.xpath('string(.//span[contains(@class, "gran")])')


def test_inferred_and_low_confidence_are_marked(tree):
    first, second, _third = tree.xpath('//ol[@class="timeline"]/li')
    assert "low" in first.get("class").split()
    assert first.xpath('.//span[@class="badge low"]')
    (badge,) = first.xpath('.//span[@class="badge inferred"]')
    assert "0.42" in badge.get("title")
    assert not second.xpath('.//span[contains(@class, "badge")]')


def test_citations_link_to_article_panel_data(tl, tree):
    data = _data(tree)
    links = tree.xpath('//a[@class="cite-link"]')
    assert len(links) == sum(len(e.summary) for e in tl.entries) == len(data["cites"])
    for a in links:
        cite = data["cites"][int(a.get("data-cite"))]
        doc = data["docs"][int(a.get("data-doc"))]
        assert cite["doc"] == int(a.get("data-doc"))
        assert a.get("href") == f"#a-{a.get('data-doc')}"
        assert tree.xpath(f'//li[@id="a-{a.get("data-doc")}"]')
        sentence = a.xpath("string(ancestor::li[1]/p[@class='text'])")
        start, end = cite["span"]
        assert _norm(doc["text"][start:end]) == _norm(sentence)
    assert [_norm(a.xpath('string(span[@class="src"])')) for a in links] == [
        "<b>Bad</b> Source", "Valley Herald", "Valley Herald", "news.example", "news.example"]


def test_only_cited_articles_are_embedded(page, tree):
    data = _data(tree)
    assert [d["id"] for d in data["docs"]] == ["b.txt", "a.txt", "c.html"]
    assert "UNCITED_ARTICLE_MARKER" not in page
    assert data["docs"][1]["text"].startswith("Engineers found cracks")


def test_source_filter_lists_every_cited_source(tree):
    options = tree.xpath('//select[@id="source"]/option')
    assert options[0].get("value") == ""
    assert sorted(o.get("value") for o in options[1:]) == sorted(
        ["<b>Bad</b> Source", "Valley Herald", "news.example"])
    sent_sources = {li.get("data-source") for li in tree.xpath('//li[@class="sent"]')}
    assert sent_sources == {o.get("value") for o in options[1:]}
    assert tree.xpath('//input[@id="q" and @type="search"]')
    assert tree.xpath('//label[@for="q"]') and tree.xpath('//label[@for="source"]')


def test_coverage_chart_marks_link_to_entries(tree):
    (svg,) = tree.xpath("//svg[contains(@class, 'chart')]")
    hrefs = svg.xpath(".//a/@href")
    ids = tree.xpath('//ol[@class="timeline"]/li/@id')
    assert hrefs == ["#" + i for i in ids]
    assert len(svg.xpath('.//g[@class="bars"]/rect')) == 3  # three days with articles
    assert all(r.xpath("title") for r in svg.xpath('.//g[@class="bars"]/rect'))


def test_article_panel_is_a_dialog_with_a_close_button(tree):
    (dialog,) = tree.xpath("//dialog[@id='panel']")
    assert dialog.xpath(".//button[@id='panel-close' and @type='button']")
    assert dialog.get("aria-labelledby") == "panel-title"


def test_semantic_landmarks_and_print_styles(page, tree):
    assert tree.xpath("//header") and tree.xpath("//main") and tree.xpath("//footer")
    assert tree.get("lang") == "en"
    assert tree.xpath('//meta[@name="viewport"]')
    assert "@media print" in page
    assert "@media (max-width" in page
    assert ":focus-visible" in page


def test_ids_are_unique_and_every_reference_resolves(tree):
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))
    ids = set(ids)
    for href in tree.xpath("//a/@href[starts-with(., '#')]"):
        assert href[1:] in ids, href
    for ref in tree.xpath("//@for | //@aria-labelledby | //@aria-describedby"):
        for part in ref.split():
            assert part in ids, part
    # every interactive thing is a link, a button or a form control: no clickable divs
    assert not tree.xpath("//div[@onclick or @tabindex] | //span[@onclick or @tabindex]")
    assert all(b.get("type") in ("button", "reset") for b in tree.xpath("//button"))


# ------------------------------------------------------------------------------- escaping


def test_hostile_article_text_is_escaped_everywhere(page, tree):
    # one stylesheet, one data block and one script: nothing from the articles became markup
    assert page.count("<script") == 2
    assert page.count("</script>") == 2
    assert len(tree.xpath("//script")) == 2
    assert "<img" not in page
    markup = re.sub(r'<script type="application/json".*?</script>', "", page, flags=re.S)
    assert "onerror=alert" not in markup.replace("&lt;img src=x onerror=alert", "")
    assert not tree.xpath("//img") and not tree.xpath("//*[@onerror]")
    assert "javascript:" not in page
    assert "<b>Bad" not in page and "<dam>" not in page
    # ... and it is shown as text
    sent = tree.xpath('//li[@id="d-2021-03-03"]//p[@class="text"]')[0]
    assert sent.text_content() == HOSTILE_SENTENCE
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    data = _data(tree)
    assert data["docs"][0]["url"] is None  # javascript: URL dropped
    assert HOSTILE_SENTENCE in data["docs"][0]["text"]


def test_json_block_cannot_be_closed_from_inside():
    text = json_for_script({"t": "</script><script>x()</script><!-- \u2028 & >"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert "</" not in text
    assert json.loads(text) == {"t": "</script><script>x()</script><!-- \u2028 & >"}


def test_content_security_policy_allows_exactly_the_inline_style_and_script(page, tree):
    (meta,) = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]')
    csp = meta.get("content")
    assert "default-src 'none'" in csp
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    for body in (style, script):
        h = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{h}'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_safe_url():
    assert safe_url("https://a.example/x?y=1") == "https://a.example/x?y=1"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,x", "//evil.example/",
                "/relative", "https://a.example/\"onmouseover=x", "", None, "vbscript:x"):
        assert safe_url(bad) is None


# ---------------------------------------------------------------------- self-containment


def test_no_network_resources(page, tree):
    assert not re.search(r"""\bsrc\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    for el in tree.xpath("//*[@src]"):
        raise AssertionError(f"unexpected src= on <{el.tag}>")
    for link in tree.xpath("//link"):
        assert link.get("href", "").startswith("data:"), link.get("href")
    assert "@import" not in page
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", page, re.I)
    assert "fetch(" not in page and "XMLHttpRequest" not in page
    # links out to the original articles are plain navigation, opened in a new tab
    for a in tree.xpath("//a[starts-with(@href, 'http')]"):
        assert a.get("rel") == "noopener noreferrer nofollow"


def test_report_size_does_not_grow_with_uncited_inputs(page):
    many = [_row(f"x{i:05d}.txt", "Uncited body text here. " * 40, published="2021-03-04",
                 date_source="stated", confidence=1.0, title=f"Uncited {i}") for i in range(5_000)]
    assert render_html(make_timeline(extra_docs=many)) == page


def test_deterministic(tl, page):
    assert render_html(make_timeline()) == page
    assert render_html(tl) == page


# ------------------------------------------------------------------------------- details


def test_find_sentence_tolerates_whitespace_and_quotes():
    text = "He said:  \u201cWe will\n go.\u201d  Then left."
    assert find_sentence(text, "Then left.") == (text.index("Then"), len(text))
    span = find_sentence(text, 'He said: "We will go."')
    assert span is not None and text[span[0]:span[1]].endswith("\u201d")
    assert find_sentence(text, "Not there.") is None


def test_very_long_articles_are_cut_around_the_cited_sentences():
    filler = "Filler sentence about nothing in particular. " * 20_000  # ~900k characters
    big = _row("big.txt", filler + "The DAM BROKE on 9 May 2021. " + filler, published="2021-05-09",
               date_source="stated", confidence=1.0, title="Huge")
    tl = make_timeline(extra_docs=[big])
    tl.entries.append(TimelineEntry(D(2021, 5, 9), "day", [
        Citation("The DAM BROKE on 9 May 2021.", "big.txt", None, None, "Huge", "2021-05-09")], 1))
    page = render_html(tl)
    assert len(page) < 200_000
    data = _data(lxml_html.fromstring(page))
    doc = next(d for d in data["docs"] if d["id"] == "big.txt")
    assert doc["cut"] is True
    start, end = data["cites"][-1]["span"]
    assert doc["text"][start:end] == "The DAM BROKE on 9 May 2021."


def test_coverage_buckets_grow_with_the_span():
    def chart(coverage, entries=()):
        return coverage_chart(Timeline("t", list(entries), [], coverage=coverage))

    assert chart([("2021-03-01", 1), ("2021-03-20", 4)])["kind"] == "day"
    assert chart([("2021-01-01", 1), ("2022-06-01", 1)])["kind"] == "week"
    assert chart([("2000-01-01", 1), ("2012-06-01", 1)])["kind"] == "month"
    assert chart([("1900-01-01", 1), ("2012-06-01", 1)])["kind"] == "year"
    assert chart([]) is None
    # an entry outside the coverage widens the span
    e = TimelineEntry(D(1998, 8, 1), "month", [], 1)
    c = chart([("2002-08-18", 1)], [e])
    assert c["kind"] == "month" and c["start"] == "1 Aug 1998"
    assert [m["href"] for m in c["marks"]] == ["#d-1998-08"]


def test_digest_is_rendered_when_present_and_skipped_when_not():
    digest = {
        "actors": [{"name": "Jane <Doe>", "kind": "person", "articles": 3,
                    "first_seen": "2021-03-04", "last_seen": "2021-06-14", "role": "engineer"}],
        "figures": [{"label": "residents told to prepare",
                     "claims": [{"value": "4,000", "text": "about 4,000 people", "qualifier": "about",
                                 "date": "2021-03-04", "doc_id": "a.txt", "source": "Valley Herald"}]}],
        "discrepancies": [{"what": "residents evacuated",
                           "claims": [{"value": "4,000"}, {"value": "5,500"}],
                           "rule": "figures differ by more than 10%"}],
    }
    tree = lxml_html.fromstring(render_html(make_timeline(digest=digest)))
    (section,) = tree.xpath('//section[@class="digest"]')
    text = _norm(section.text_content())
    assert "Jane <Doe>" in text and "4,000" in text and "5,500" in text
    assert "figures differ by more than 10%" in text
    for bad in (None, {}, "text", {"actors": "x", "figures": [1, None], "discrepancies": {}},
                {"actors": [{"kind": "no name"}]}):
        assert digest_view(bad) is None
        page = render_html(make_timeline(digest=bad))
        assert 'class="digest"' not in page
    partial = digest_view({"figures": [{"label": "x", "claims": [{"value": 1.5, "text": None}]}]})
    assert partial == {"actors": [], "discrepancies": [],
                       "figures": [{"label": "x", "claims": [
                           {"value": "1.5", "text": "", "qualifier": "", "date": "",
                            "doc_id": "", "source": ""}], "chart": None}]}


def test_figure_group_chart_is_inline_svg_with_escaped_labels():
    from dateline.render.html import figure_chart

    assert figure_chart([{"date": "2020-01-02", "value": 3}]) is None  # one point: no chart
    assert figure_chart([{"date": "soon", "value": 3}, {"date": "2020", "value": 4}]) is None
    svg = str(figure_chart([{"date": "2020-01-02", "value": 3}, {"date": "2020-03", "value": 7.5},
                            {"date": "2021", "value": 5}], label="<b>miners</b>"))
    assert svg.startswith("<svg") and svg.count("<circle") == 3
    assert "&lt;b&gt;miners&lt;/b&gt;" in svg and "<b>" not in svg
    assert "2020-03: 7.5" in svg


def test_empty_timeline_renders():
    page = render_html(Timeline("Nothing", [], [], stats={"used": 1}))
    tree = lxml_html.fromstring(page)
    assert tree.xpath("string(//h1)") == "Nothing"
    assert "No dated events" in page
    assert not tree.xpath('//ol[@class="timeline"]')


def test_absolute_input_paths_are_not_embedded():
    tl = make_timeline()
    tl.documents[0].path = "/home/reporter/secret-project/a.txt"
    tl.documents[1].path = "C:\\Users\\reporter\\b.txt"
    page = render_html(tl)
    assert "/home/reporter" not in page and "reporter" not in page
    data = _data(lxml_html.fromstring(page))
    assert [d["path"] for d in data["docs"]] == [None, None, "corpus/c.html"]


def test_missing_manifest_rows_and_stats_do_not_break_rendering():
    c = Citation("Something happened on 2 May 2020.", "gone.txt", None, None, None, None, True)
    tl = Timeline("t", [TimelineEntry(D(2020, 5, 2), "day", [c], 1)], [])
    tree = lxml_html.fromstring(render_html(tl))
    data = _data(tree)
    assert data["docs"][0]["text"] == "" and data["cites"][0]["span"] is None
    assert tree.xpath('//span[@class="badge inferred"]')


def test_example_corpus_through_the_pipeline(examples_dir):
    pytest.importorskip("dateline.ingest")
    from dateline import build_timeline

    tl = build_timeline([str(examples_dir)], jobs=1)
    page = tl.to_html()
    tree = lxml_html.fromstring(page)
    assert len(tree.xpath('//ol[@class="timeline"]/li')) == len(tl.entries) > 0
    data = _data(tree)
    assert all(c["span"] is not None for c in data["cites"]), "every cited sentence is found"
    assert build_timeline([str(examples_dir)], jobs=1).to_html() == page
