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


def test_a_keyword_matches_its_endings_not_longer_words():
    pat = focus.keyword_pattern(["war", "iraq", "spill"])
    for s in ("The war began.", "Two wars.", "The war's cost.", "An anti-war march.", "Iraqi troops.",
              "Oil spilled out.", "The spills grew."):
        assert pat.search(s), s
    for s in ("Warner signed.", "A warning came.", "Iraqgate.", "Spillane wrote."):
        assert not pat.search(s), s


def test_a_query_keeps_the_articles_about_its_story():
    """An article that names the story's place in passing, on another story, is off-topic
    (one reading with the store: dateline.focus.build_story)."""
    from dateline.pipeline import build_timeline

    flood = ("Floodwater from the Vessa river covered the lower town of Valdor on {d}, and Valdor's "
             "mayor ordered the schools closed as the flood rose.")
    recs = [{"id": f"v{i}", "text": flood.format(d=f"{i} March 2020"), "published": f"2020-03-0{i}"}
            for i in range(2, 6)]
    recs.append({"id": "cup", "published": "2020-03-04", "text": (
        "Barnholt won the regional cup final against Orsa on 4 March 2020 after a late flood of goals; "
        "the Orsa coach said the pitch in Barnholt was fine. Barnholt fans, some from Valdor, "
        "celebrated in Barnholt's square, and the mayor of Barnholt praised the Barnholt players. "
        "The cup stays in Barnholt, and the parade through Barnholt is on Sunday.")})
    tl = build_timeline(recs, query="Valdor flood", jobs=1)
    rows = {r.id: r for r in tl.documents}
    assert rows["cup"].status == "skipped" and "not about the story" in rows["cup"].reason
    assert all(rows[f"v{i}"].status == "used" for i in range(2, 6))
    story = focus.story_for(Config(query="Valdor flood"), [])
    assert story.keeps("Valdor flood", "") and not story.holds("", "Barnholt won the cup.")
    assert focus.story_for(Config(query="Valdor flood", keywords=("flood",)), []) is None
