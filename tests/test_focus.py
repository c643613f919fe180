import datetime as dt

from dateline import focus
from dateline.model import Config, Document


def _doc(i: str, text: str, title: str | None = None) -> Document:
    return Document(id=i, path=i, text=text, title=title, published=dt.date(2020, 1, 1))


def test_keywords_from_keywords_or_query():
    assert focus.keywords_for(Config(keywords=("Oil", " spill ", ""))) == ["oil", "spill"]
    assert focus.keywords_for(Config(query="The BP oil spill in the Gulf")) == ["bp", "gulf", "oil", "spill"]
    assert focus.keywords_for(Config()) == []


def test_keywords_match_at_word_starts():
    pat = focus.keyword_pattern(["libya", "bp"])
    assert pat.search("The Libyan rebels advanced.")
    assert pat.search("BP's shares fell.")
    assert not pat.search("The hbp protocol.")
    assert focus.keyword_pattern([]) is None


def test_split_on_topic_uses_title_and_text():
    docs = [_doc("a", "Ferry sank near Oslo."), _doc("b", "Markets rose.", title="Ferry inquiry"),
            _doc("c", "Football results.")]
    on, off = focus.split_on_topic(docs, ["ferry"])
    assert [d.id for d in on] == ["a", "b"] and [d.id for d in off] == ["c"]
    on, off = focus.split_on_topic(docs, [])
    assert len(on) == 3 and not off


def test_off_topic_articles_are_skipped_with_a_reason():
    from dateline.pipeline import build_timeline

    recs = [
        {"id": "f1", "text": "The ferry Nordlys sank off Bergen on Monday, and 12 people were rescued by fishermen.",
         "published": "2020-03-03"},
        {"id": "f2", "text": "Divers reached the wreck of the ferry Nordlys on Tuesday and found the hull intact.",
         "published": "2020-03-04"},
        {"id": "x1", "text": "The city football club won its home match on Sunday after a late penalty kick.",
         "published": "2020-03-02"},
    ]
    tl = build_timeline(recs, keywords=["ferry"], jobs=1)
    rows = {r.id: r for r in tl.documents}
    assert rows["x1"].status == "skipped" and "off-topic" in rows["x1"].reason
    assert rows["f1"].status == rows["f2"].status == "used"
    assert all("ferry" in c.text.lower() for e in tl.entries for c in e.summary)
