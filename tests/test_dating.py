import datetime as dt

from dateline import dating


def test_parse_date_forms():
    assert dating.parse_date("Last Updated: Wednesday, 7 March 2007, 16:16 GMT") == dt.date(2007, 3, 7)
    assert dating.parse_date("August 29, 2012") == dt.date(2012, 8, 29)
    assert dating.parse_date("Aug. 3, 2010") == dt.date(2010, 8, 3)
    assert dating.parse_date("Flood talks - 2002-08-18") == dt.date(2002, 8, 18)
    assert dating.parse_date("3rd of nothing") is None
    assert dating.parse_date("2002-02-30") is None  # not a calendar day


def test_parse_user_date():
    assert dating.parse_user_date("2002") == dt.date(2002, 1, 1)
    assert dating.parse_user_date("2002-08") == dt.date(2002, 8, 1)
    assert dating.parse_user_date("2002-08-18") == dt.date(2002, 8, 18)
    assert dating.parse_user_date("yesterday-ish") is None


def test_header_dateline_kinds():
    # a headline ending in an ISO date
    assert dating.date_from_header(["Skip", "Dam fails - 2021-03-04", "Body text."])[0] == dt.date(2021, 3, 4)
    # a "Last Updated" cue line
    lines = ["Home", "Last Updated: Monday, 8 March 2021, 09:12 GMT", "Title"]
    assert dating.date_from_header(lines)[0] == dt.date(2021, 3, 8)
    # a line that is only a date, under the headline
    assert dating.date_from_header(["Dam repaired", "", "April 19, 2021", "Text"])[0] == dt.date(2021, 4, 19)


def test_header_ignores_dates_inside_sentences():
    lines = ["The dam was built on 12 May 1968 and inspected every year since then by engineers."]
    assert dating.date_from_header(lines) is None


def test_path_dates():
    assert dating.date_from_path("crawl/2010-04-06/1622.htm.txt") == dt.date(2010, 4, 6)
    assert dating.date_from_path("news_20100406_story.html") == dt.date(2010, 4, 6)
    assert dating.date_from_path("000_b2c75764dce6e676.txt") is None
    assert dating.date_from_path("story-20101399.txt") is None


def test_precedence_and_sources():
    f = dating.find_publication_date(
        field="2020-01-02T10:00:00Z", meta_date=dt.date(2020, 1, 3), header_lines=["x - 2020-01-04"],
        title=None, path="2020-01-05.txt",
    )
    assert (f.date, f.source) == (dt.date(2020, 1, 2), "field")
    f = dating.find_publication_date(field=None, meta_date=None, header_lines=["x - 2020-01-04"],
                                     title=None, path="2020-01-05.txt")
    assert (f.date, f.source) == (dt.date(2020, 1, 4), "stated")
    f = dating.find_publication_date(field=None, meta_date=None, header_lines=[], title=None,
                                     path="a/2020-01-05.txt")
    assert (f.date, f.source) == (dt.date(2020, 1, 5), "filename")
    assert dating.find_publication_date(field=None, meta_date=None, header_lines=[], title=None,
                                        path="a/b.txt") is None
