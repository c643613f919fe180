"""Publication dates of web pages: htmldate's fast search, then its extensive search and the URL;
a date inferred for a lone page is given a low confidence."""

import datetime as dt

from dateline.clean.html import _meta_date
from dateline.dating import LONE_CONFIDENCE, find_publication_date
from dateline.model import RawInput
from dateline.pipeline import build_timeline, process_document

BODY = "".join(
    f"<p>Engineers inspected section {n} of the Millbrook dam, where water seeped through a crack "
    f"that crews had sealed with resin the week before, and the council met residents again.</p>"
    for n in range(12)
)


def page(extra_top: str = "", extra_bottom: str = "") -> str:
    return (f"<html><head><title>Dam repairs go on</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Dam repairs go on</h1>{extra_top}{BODY}{extra_bottom}</article>"
            f"<footer>Contact us</footer></body></html>")


def test_extensive_search_when_the_metadata_says_nothing():
    html = page(extra_bottom="<p class='signoff'>Posted on 14 August 2017 by the newsroom</p>")
    fast, searched = _meta_date(html, None)
    assert fast is None and searched == dt.date(2017, 8, 14)  # the fast search finds nothing here
    doc = process_document(RawInput(id="p", path="p.html", kind="html", raw=html))
    assert doc.published == dt.date(2017, 8, 14)


def test_the_order_of_the_evidence():
    d1, d2, d3 = dt.date(2017, 8, 14), dt.date(2017, 8, 15), dt.date(2017, 8, 16)
    url = "https://news.example.org/2013/jan/09/dam-repairs"

    def find(**kw):
        args = {"field": None, "meta_date": None, "header_lines": [], "title": None, "path": "x.html"}
        return find_publication_date(**{**args, **kw})

    assert find(meta_date=d1, searched_date=d2, url=url).source == "metadata"
    assert find(header_lines=["Published Sept. 5, 2007 at 6:12 p.m."]).date == dt.date(2007, 9, 5)
    assert (find(searched_date=d2, url=url).source, find(searched_date=d2, url=url).date) == ("url", dt.date(2013, 1, 9))
    assert find(searched_date=d3, path="2001-01-01.html").source == "page"
    assert find(path="2001-01-01.html").source == "filename"


def test_the_url_dates_a_page_that_states_nothing():
    doc = process_document(RawInput(id="p", path="p.html", kind="html", raw=page(),
                                    url="https://news.example.org/2017/08/14/dam-repairs"))
    assert doc.published == dt.date(2017, 8, 14)


def test_a_bare_year_is_not_read_as_the_first_of_january():
    html = page(extra_bottom="<div class='byline'>By A. Writer | Aug. 14th 2017ish</div>")
    fast, searched = _meta_date(html, None)
    assert fast is None and searched != dt.date(2017, 1, 1)


def test_a_lone_page_dated_from_its_content_has_a_low_confidence(tmp_path):
    text = ("Dam repairs go on\n\nEngineers said on Monday that the crack found on 3 March 2019 "
            "had been sealed, and the council will meet residents on Friday.\n\n" + "More text. " * 20)
    (tmp_path / "lone.txt").write_text(text)
    tl = build_timeline(str(tmp_path / "lone.txt"), digest=False)
    (row,) = tl.documents
    assert row.date_source == "inferred" and row.confidence <= LONE_CONFIDENCE
    assert all(e.low_confidence for e in tl.entries if e.date != dt.date(2019, 3, 3))


def test_a_declared_publication_date_wins_over_a_modification_date():
    html = page().replace("<head>", '<head><meta property="article:modified_time" content="2017-11-02T10:00:00Z">'
                          '<script type="application/ld+json">{"@type": "NewsArticle", '
                          '"datePublished": "2009-04-17T08:00:00Z", "dateModified": "2017-11-02"}</script>')
    doc = process_document(RawInput(id="p", path="p.html", kind="html", raw=html))
    assert doc.published == dt.date(2009, 4, 17) and doc.date_source == "metadata"
