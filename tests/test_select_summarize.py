"""Date selection, per-date summaries and de-duplication on hand-built documents."""

import datetime as dt

from dateline.dates import select_dates
from dateline.dedup import find_duplicates
from dateline.model import Config, Document, Sentence, TimeMention
from dateline.summarize import summarize, usable

D = dt.date


def mention(day: dt.date, gran="day") -> TimeMention:
    value = {"day": day.isoformat(), "month": day.strftime("%Y-%m"), "year": str(day.year)}[gran]
    return TimeMention(0, 1, "x", value, day, gran)


def doc(doc_id, published, sentences, source="wire"):
    d = Document(id=doc_id, path=doc_id, text=" ".join(s for s, _ in sentences), published=published,
                 date_source="field", date_confidence=1.0, source=source)
    d.sentences = [Sentence(doc_id, i, s, [mention(m) for m in ms]) for i, (s, ms) in enumerate(sentences)]
    return d


CORPUS = [
    doc("a", D(2020, 5, 2), [
        ("The river burst its banks on Friday and flooded the old town centre.", [D(2020, 5, 1)]),
        ("Rescue teams from three regions were sent to help the stranded families.", []),
    ]),
    doc("b", D(2020, 5, 3), [
        ("The river burst its banks on Friday and flooded the old town centre, police said.", [D(2020, 5, 1)]),
        ("The mayor will visit the flooded streets on Monday with the interior minister.", [D(2020, 5, 4)]),
    ]),
    doc("c", D(2020, 6, 10), [
        ("A month after the river flooded the town on May 1, repairs are still going on.", [D(2020, 5, 1)]),
        ("The regional council approved a rebuilding fund of two million euros yesterday.", [D(2020, 6, 9)]),
    ]),
]


def test_most_referenced_day_ranks_first():
    dates = select_dates(CORPUS, Config(max_dates=3))
    assert dates[0].date == D(2020, 5, 1)
    assert dates[0].mention_docs == {"a", "b", "c"}
    # "later" means reported more than a day after the event
    assert dates[0].later_docs == {"b", "c"}


def test_window_restricts_dates():
    dates = select_dates(CORPUS, Config(max_dates=10, start=D(2020, 6, 1)))
    assert dates and all(c.date >= D(2020, 6, 1) for c in dates)


def test_summary_cites_and_avoids_repeats():
    cfg = Config(max_dates=2, sentences_per_date=2)
    dates = select_dates(CORPUS, cfg)
    entries = summarize(CORPUS, dates, cfg)
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    first = next(e for e in entries if e.date == D(2020, 5, 1))
    assert all(c.doc_id in {"a", "b", "c"} for c in first.summary)
    texts = [c.text for e in entries for c in e.summary]
    assert len(texts) == len(set(texts))
    # the two near-identical flood sentences are not both chosen for the same day
    assert sum("old town centre" in t for t in texts) == 1


def test_usable_filters_fragments():
    assert usable("The river burst its banks on Friday and flooded the town.")
    assert not usable("Share this article")
    assert not usable("what happened next in the town and why did it flood?")


def test_dedup_marks_copies_and_keeps_earliest():
    body = " ".join(f"word{i} appears in a long wire story about the flood number {i}." for i in range(40))
    a = Document(id="x1", path="x1", text=body, published=D(2020, 5, 2))
    b = Document(id="x2", path="x2", text=body + " Updated.", published=D(2020, 5, 3))
    c = Document(id="x3", path="x3", text="A completely different story about a football match.",
                 published=D(2020, 5, 1))
    dups = find_duplicates([b, c, a], threshold=0.8)
    assert dups == {"x2": "x1"}
    assert find_duplicates([a, b, c], threshold=0.8) == dups  # order does not matter


def test_span_edges_do_not_make_month_or_year_events():
    from dateline.dates import is_boundary

    s = "Workers who left before 1945 and the 1910-1945 occupation; talks stalled since October 2000."
    assert is_boundary(s, s.index("1945"), s.index("1945") + 4)
    i = s.index("1910")
    assert is_boundary(s, i, i + 4)  # start of a range
    j = s.index("1945 occupation")
    assert is_boundary(s, j, j + 4)  # end of a range
    k = s.index("October 2000")
    assert not is_boundary(s, k, k + len("October 2000"))  # "since X" points back at an event


def test_a_sentence_is_not_filed_under_the_edge_of_a_span():
    """'killed since 1 May' reports a toll, not what happened on 1 May: the sentence is not
    filed under that day (the day itself still counts as referred to)."""
    from dateline.config import SummaryWeights
    from dateline.summarize import gather

    since = doc("s", D(2020, 6, 10), [
        ("Officials said on Tuesday that 40 people have been killed since May 1 in the valley towns.",
         [D(2020, 6, 9), D(2020, 5, 1)]),
    ])
    since.sentences[0].mentions[1] = TimeMention(64, 69, "May 1", "2020-05-01", D(2020, 5, 1), "day")
    pools = gather([since], {(D(2020, 5, 1), "day"), (D(2020, 6, 9), "day")}, SummaryWeights())
    assert pools[(D(2020, 5, 1), "day")] == []
    assert [c.sent.index for c in pools[(D(2020, 6, 9), "day")]] == [0]


def test_a_date_in_a_relative_clause_gives_way_to_the_main_one():
    from dateline.summarize import filed_under

    text = "Mubarak stepped down on Friday, ending an uprising that began on January 25 in Cairo."
    fri, jan = D(2011, 2, 11), D(2011, 1, 25)
    s = Sentence("d", 0, text, [TimeMention(text.index("Friday"), text.index("Friday") + 6, "Friday",
                                             fri.isoformat(), fri, "day"),
                                 TimeMention(text.index("January 25"), text.index("January 25") + 10,
                                             "January 25", jan.isoformat(), jan, "day")])
    assert filed_under(s) == {(fri, "day")}
    # alone, the date of the relative clause still files the sentence
    s.mentions = s.mentions[1:]
    assert filed_under(s) == {(jan, "day")}
    # "said ... that" opens what was said, not a relative clause
    said = "Officials said on Tuesday that the troops left on Friday."
    s2 = Sentence("d", 0, said, [TimeMention(said.index("Tuesday"), said.index("Tuesday") + 7, "Tuesday",
                                             "2011-02-08", D(2011, 2, 8), "day"),
                                 TimeMention(said.index("Friday"), said.index("Friday") + 6, "Friday",
                                             "2011-02-04", D(2011, 2, 4), "day")])
    assert filed_under(s2) == {(D(2011, 2, 8), "day"), (D(2011, 2, 4), "day")}


def test_a_year_that_only_bounds_a_span_files_no_sentence():
    from dateline.model import Sentence
    from dateline.summarize import filed_under
    from dateline.temporal import mentions

    text = "The fleet, built during the mayor's 2004-2012 term, sailed again on 3 May 2019."
    s = Sentence(doc_id="d", index=0, text=text, mentions=mentions(text, dt.date(2019, 5, 4)))
    keys = {k[0].isoformat()[:4] if k[1] == "year" else k[0].isoformat() for k in filed_under(s)}
    assert "2004" not in keys and "2012" not in keys and "2019-05-03" in keys
