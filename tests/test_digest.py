"""The story digest (dateline.digest, dateline.render.digest_md) on hand-written articles.

The fixture is an invented story: a colliery collapse at Kestrel Ridge.  Day one, two outlets
report "at least 40" and "40" miners trapped and disagree on the evacuees (about 1,200 vs about
2,000, same day) and on the day of the collapse (3 March vs 2 March); a week later 52 miners
are confirmed trapped (evolution, not a discrepancy).  The operator's chief executive appears as
"Martin Oyelaran", "Mr Oyelaran" and "Oyelaran".
"""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from dateline import digest as dg
from dateline.model import Config, Document, RawInput
from dateline.pipeline import assemble_timeline, process_document
from dateline.render.digest_md import render_digest_markdown

ARTICLES = [
    {
        "id": "herald-0304",
        "published": "2021-03-04",
        "source": "Valley Herald",
        "title": "Miners trapped after Kestrel Ridge collapse",
        "text": (
            "Rescue teams worked through the night to reach at least 40 miners trapped in the "
            "Kestrel Ridge colliery.\n\n"
            "The tunnel at the Kestrel Ridge colliery collapsed on March 3, 2021, trapping the "
            "miners deep underground.\n\n"
            "Harlan Mining chief executive Martin Oyelaran said the company was doing everything "
            "it could to reach the men.\n\n"
            "About 1,200 residents were evacuated from the valley overnight because of the gas "
            "leak, the county said.\n\n"
            "Dana Whitlock, the county's emergency coordinator, urged families to stay away from "
            "the pit head."
        ),
    },
    {
        "id": "courier-0304",
        "published": "2021-03-04",
        "source": "Mountain Courier",
        "title": "Valley evacuated as rescuers dig",
        "text": (
            "Officials said 40 miners were trapped underground at Kestrel Ridge.\n\n"
            "The tunnel at the Kestrel Ridge colliery collapsed on March 2, 2021, trapping the "
            "miners deep underground.\n\n"
            "About 2,000 residents were evacuated from the valley overnight because of the gas "
            "leak, county officials said.\n\n"
            "Mr Oyelaran promised a full inquiry into the collapse."
        ),
    },
    {
        "id": "herald-0311",
        "published": "2021-03-11",
        "source": "Valley Herald",
        "title": "Rescuers confirm 52 trapped",
        "text": (
            "Rescuers confirmed on Thursday that 52 miners were trapped in the Kestrel Ridge "
            "colliery when the tunnel gave way.\n\n"
            "Oyelaran said Harlan Mining would pay for the families' accommodation.\n\n"
            "The state set up a $2 million relief fund for the families of the miners."
        ),
    },
]


def make_docs(articles=ARTICLES) -> list[Document]:
    docs = []
    for a in articles:
        raw = RawInput(id=a["id"], path=a["id"] + ".txt", kind="text", raw=a["text"],
                       title=a["title"], source=a["source"], published_field=a["published"])
        docs.append(process_document(raw))
    return docs


@pytest.fixture(scope="module")
def digest() -> dict:
    return dg.build_digest(make_docs(), [])


def _actor(digest: dict, name: str) -> dict:
    found = [a for a in digest["actors"] if a["name"] == name]
    assert found, [a["name"] for a in digest["actors"]]
    return found[0]


def _group_of(digest: dict, text: str) -> dict:
    for g in digest["figures"]:
        if any(text in c["text"] for c in g["claims"]):
            return g
    raise AssertionError(f"no figure group quotes {text!r}")


# ------------------------------------------------------------------------------- actors


def test_name_variants_are_one_actor_with_counts_and_dates(digest):
    a = _actor(digest, "Martin Oyelaran")
    assert a["kind"] == "person"
    assert a["articles"] == 3  # "Martin Oyelaran", "Mr Oyelaran", "Oyelaran"
    assert {"Martin Oyelaran", "Oyelaran"} <= set(a["aliases"])
    assert (a["first_seen"], a["last_seen"]) == ("2021-03-04", "2021-03-11")
    assert not [x for x in digest["actors"] if x["name"] in ("Oyelaran", "Mr Oyelaran")]


def test_roles_before_and_after_the_name(digest):
    assert _actor(digest, "Martin Oyelaran")["role"] == "Harlan Mining chief executive"
    whitlock = _actor(digest, "Dana Whitlock")
    assert whitlock["role"] == "county's emergency coordinator"
    cite = [c for c in whitlock["citations"] if c["why"] == "role"][0]
    assert cite["doc_id"] == "herald-0304" and "emergency coordinator" in cite["text"]


def test_actor_rows_are_ranked_and_numbered(digest):
    sal = [a["salience"] for a in digest["actors"]]
    assert sal == sorted(sal, reverse=True)
    assert [a["id"] for a in digest["actors"]] == [f"a{i + 1}" for i in range(len(sal))]


def test_role_patterns():
    assert dg._role_before("Norway's chief negotiator Ingrid Halvorsen said", 25) == \
        "Norway's chief negotiator"
    text = "Pavel Kostadinov, director general of the Harbour Authority, shook hands."
    assert dg._role_after(text, len("Pavel Kostadinov")) == "director general of the Harbour Authority"
    text = "signed by the head of the rescue delegation, Amara Diallo, and"
    assert dg._role_preceding_apposition(text, text.index("Amara")) == \
        "head of the rescue delegation"
    assert dg._role_after("Oyelaran, who said nothing, left.", 8) is None


def test_titles_and_surnames_merge():
    ents = {}
    for name, label, n in [("Ingrid Halvorsen", "PERSON", 3), ("Halvorsen", "PERSON", 2),
                           ("Ms Halvorsen", "PERSON", 1), ("United Nations", "ORG", 2),
                           ("U.N.", "ORG", 3), ("Norway", "GPE", 4), ("Norwegian", "NORP", 5)]:
        clean = dg._clean_entity(name, label)
        key = dg._norm_name(clean)
        e = ents.setdefault(key, dg._Entity(key))
        e.labels[label] += n
        e.surfaces[clean] += n
    actors = {a.key: a for a in dg._merge(ents)}
    assert set(actors) == {"ingrid halvorsen", "united nations", "norway"}
    assert "halvorsen" in actors["ingrid halvorsen"].surname_aliases
    assert "un" in actors["united nations"].aliases
    assert "norwegian" in actors["norway"].aliases
    m = dg._Matcher(list(actors.values()))
    found = m.find("Ms Halvorsen met U.N. officials in Norway; Halvorsen left.")
    assert len(found) == 4


# ------------------------------------------------------------------------------ figures


def test_figures_are_grouped_by_what_they_count(digest):
    miners = _group_of(digest, "52 miners")
    values = [c["number"] for c in miners["claims"]]
    assert 40.0 in values and 52.0 in values
    residents = _group_of(digest, "About 1,200 residents")
    assert {c["number"] for c in residents["claims"]} == {1200.0, 2000.0}
    assert miners["id"] != residents["id"]
    money = _group_of(digest, "relief fund")
    assert money["unit"] == "USD" and money["claims"][0]["number"] == 2_000_000


def test_claims_in_a_group_are_in_date_order(digest):
    for g in digest["figures"]:
        dates = [c["date"] for c in g["claims"]]
        assert dates == sorted(dates), g["label"]


def test_claim_fields(digest):
    c = [c for c in _group_of(digest, "at least 40")["claims"] if "at least 40" in c["text"]][0]
    assert c["qualifier"] == "at least" and c["value"] == "40" and c["thing"] == "miners"
    assert c["doc_id"] == "herald-0304" and c["source"] == "Valley Herald"
    assert c["date"] == "2021-03-04" and c["date_basis"] == "published"
    dated = [c for c in _group_of(digest, "52 miners")["claims"] if "52" in c["value"]][0]
    assert dated["date_basis"] == "mention"  # "on Thursday" in the sentence


def test_evolution_is_not_a_discrepancy_but_same_day_disagreement_is(digest):
    figs = [d for d in digest["discrepancies"] if d["kind"] == "figure"]
    assert len(figs) == 1, [d["what"] for d in figs]
    d = figs[0]
    assert {c["number"] for c in d["claims"]} == {1200.0, 2000.0}
    assert {c["doc_id"] for c in d["claims"]} == {"herald-0304", "courier-0304"}
    assert "same reference date" in d["rule"]
    # 40 / at least 40 on 4 March and 52 on 11 March: evolution, in date order, not flagged
    assert not any("miners" in x["what"] for x in figs)


def test_conflicting_dates_for_one_event(digest):
    dates = [d for d in digest["discrepancies"] if d["kind"] == "date"]
    assert len(dates) == 1
    assert [c["date"] for c in dates[0]["claims"]] == ["2021-03-02", "2021-03-03"]
    assert {c["doc_id"] for c in dates[0]["claims"]} == {"herald-0304", "courier-0304"}


def test_qualifiers_make_intervals():
    def claim(number, qualifier=""):
        return dg._Claim("d", 0, "", 0, 0, str(number), number, qualifier, None, "x", "x", "x",
                         frozenset(), None, None, {})

    assert claim(11, "at least").interval(0) == (11, float("inf"))
    assert claim(40, "up to").interval(0) == (0, 40)
    lo, hi = claim(1800, "about").interval(0.025)
    assert lo < 1800 < hi < 2000 * 0.975  # about 1,800 and about 2,000 do not overlap


def test_numbers_that_are_not_claims():
    s = "The six-party talks began in 2003 at 10:30 with 30 delegates, aged 50, on Flight 253."
    doc = Document(id="n", path="n", text=s, published=dt.date(2003, 8, 27))
    doc.sentences = make_sentence(doc, s)
    toks = dg._run_tagger([s])[0]
    claims = dg._extract_claims(doc, doc.sentences[0], toks, [])
    assert [(c.number, c.head) for c in claims] == [(30.0, "delegate")]


def test_ranges_and_reference_dates():
    s = "About 1,500 Ukrainian engineers worked at the plant between 1961 and 1985."
    doc = Document(id="r", path="r", text=s, published=dt.date(2002, 8, 18), date_source="stated")
    doc.sentences = make_sentence(doc, s)
    (c,) = dg._extract_claims(doc, doc.sentences[0], dg._run_tagger([s])[0], [])
    assert c.ref_value == "2002-08-18" and c.ref_basis == "published"  # a range is no reference
    s = "Between 35,000 and 60,000 barrels of oil a day were leaking on June 15, 2010."
    doc = Document(id="b", path="b", text=s, published=dt.date(2010, 6, 16), date_source="field")
    doc.sentences = make_sentence(doc, s)
    (c,) = dg._extract_claims(doc, doc.sentences[0], dg._run_tagger([s])[0], [])
    assert (c.low, c.number, c.unit) == (35000.0, 60000.0, "barrel/day")
    assert c.ref_value == "2010-06-15" and c.ref_basis == "mention"


def make_sentence(doc: Document, text: str):
    from dateline.pipeline import tag_sentences

    return tag_sentences(doc.id, [text], doc.published)


# ------------------------------------------------------------------- output and wiring


def test_digest_is_json_and_deterministic(digest):
    assert digest["schema"] == "dateline-digest/1"
    text = json.dumps(digest, sort_keys=True)
    shuffled = list(ARTICLES)
    random.Random(7).shuffle(shuffled)
    again = dg.build_digest(list(reversed(make_docs(shuffled))), [])
    assert json.dumps(again, sort_keys=True) == text


def test_markdown_section(digest):
    md = render_digest_markdown(digest)
    assert md.startswith("## Story digest\n")
    for part in ("### Who is involved", "### Figures over time", "### Where sources disagree",
                 "| **Martin Oyelaran** | person | Harlan Mining chief executive | 3 |",
                 "about 1,200", "about 2,000", "`herald-0304`", "`courier-0304`",
                 "One event, two dates", "*Why flagged:*"):
        assert part in md, part
    assert render_digest_markdown({}) .startswith("## Story digest")
    assert render_digest_markdown(None) == ""  # type: ignore[arg-type]


def test_pipeline_sets_digest_and_writes_digest_json(tmp_path):
    docs = make_docs()
    tl = assemble_timeline(docs, [], Config(digest=True))
    assert tl.digest and tl.digest["schema"] == "dateline-digest/1"
    assert "digest" in tl.timings
    # the actors name the timeline entries they appear in
    isos = {e.iso() for e in tl.entries}
    assert all(set(a["entries"]) <= isos for a in tl.digest["actors"])
    written = tl.write(str(tmp_path))
    assert json.loads((tmp_path / "digest.json").read_text()) == tl.digest
    assert written["digest"].endswith("digest.json")
    assert json.loads((tmp_path / "timeline.json").read_text())["digest"] == tl.digest
    assert "## Story digest" in (tmp_path / "timeline.md").read_text()
    assert "Story digest" in (tmp_path / "timeline.html").read_text()
    off = assemble_timeline(make_docs(), [], Config())
    assert off.digest is None
    off.write(str(tmp_path))
    assert not (tmp_path / "digest.json").exists()


def test_cli_digest_command(tmp_path, capsys):
    from dateline.cli import main

    path = tmp_path / "kestrel.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    assert main(["digest", str(path), "--json", "-q", "-j", "1"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["schema"] == "dateline-digest/1"
    assert any(a["name"] == "Martin Oyelaran" for a in out["actors"])
    assert main(["digest", str(path), "-q", "-j", "1"]) == 0
    assert capsys.readouterr().out.startswith("## Story digest")
    assert main(["digest", str(tmp_path / "missing"), "-q"]) == 2


# --------------------------------------------------------------------------- demo corpus


def test_demo_corpus_digest(seed_dir):
    from dateline.pipeline import build_timeline

    tl = build_timeline([str(seed_dir)], jobs=1)
    d = tl.digest
    abduct = _group_of(d, "abducted 13 Japanese")
    numbers = [c["number"] for c in abduct["claims"]]
    assert {10.0, 11.0, 13.0} <= set(numbers)
    ends = [dg._Claim("", 0, "", 0, 0, "", 0, "", None, "", "", "", frozenset(), None, None, {},
                      ref_end=_end(c["date"])).sort_date for c in abduct["claims"]]
    assert ends == sorted(ends)
    wives = [x for x in d["discrepancies"] if x["kind"] == "figure"
             and {c["number"] for c in x["claims"]} == {1800.0, 2000.0}]
    assert len(wives) == 1
    assert not [x for x in d["discrepancies"] if x.get("group") == abduct["id"]]
    haraguchi = _actor(d, "Koichi Haraguchi")
    assert haraguchi["kind"] == "person" and "chief" in (haraguchi["role"] or "")


def _end(iso: str) -> dt.date:
    if len(iso) == 4:
        return dt.date(int(iso), 12, 31)
    if len(iso) == 7:
        y, m = int(iso[:4]), int(iso[5:])
        return dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date.fromisoformat(iso)


# ---------------------------------------------------- false merges and kinds (#15) --------

def _ents(rows):
    ents = {}
    for name, label, n in rows:
        clean = dg._clean_entity(name, label)
        key = dg._norm_name(clean)
        e = ents.setdefault(key, dg._Entity(key))
        e.labels[label] += n
        e.surfaces[clean] += n
    return ents


def test_an_organisation_named_by_its_tail_is_one_actor_but_a_different_one_is_not():
    ents = _ents([("UN Security Council", "ORG", 6), ("UN", "ORG", 9), ("Security Council", "ORG", 4),
                  ("Free Fjord Army", "ORG", 5), ("Fjord Army", "ORG", 4), ("Fjord", "NORP", 3),
                  ("Fjord National Council", "ORG", 5), ("National Council", "ORG", 2)])
    actors = dg._merge(ents)
    root = {al: a.key for a in actors for al in a.aliases}
    assert root["security council"] == "un security council"
    assert root["national council"] == "fjord national council"
    assert root["fjord army"] != root["free fjord army"]  # "Free" is no name


def test_a_bare_surname_needs_the_corpus_behind_it():
    from dateline.digest.actors import _Case, _check_surnames

    ents = _ents([("Kari May", "PERSON", 4), ("Ola Michael", "PERSON", 3), ("Michael Lund", "PERSON", 20),
                  ("Nordic Aid", "PERSON", 5), ("Per Holm", "PERSON", 6)])
    actors = {a.key: a for a in dg._merge(ents)}
    text = ("Michael Lund sang. The aid arrived and more aid was sent, as aid workers said. "
            "Officials said Holm left. It may rain in May.")
    _check_surnames(list(actors.values()), _Case(text))
    assert "may" not in actors["kari may"].surname_aliases  # a month and a common word
    assert "michael" not in actors["ola michael"].surname_aliases  # Michael Lund's first name
    assert "aid" not in actors["nordic aid"].surname_aliases  # written in lower case
    assert "holm" in actors["per holm"].surname_aliases


def test_outlets_are_sources_not_actors():
    from dateline.digest.actors import _outlet

    assert _outlet("bbc news") and _outlet("bbc radio 4") and _outlet("reuters") and _outlet("cnn international")
    assert not _outlet("bbc trust") and not _outlet("fjord army")


def test_a_role_does_not_start_with_the_people_around_it():
    assert dg._role_before("Supporters of President Ola Berg marched.", len("Supporters of President ")) \
        == "President"


def test_a_figure_group_counts_something_that_happened():
    """"seven men and five women" on a jury, "three charities", a "911 call" and a distance
    are no story figures; the dead, the evacuated, money and "Japanese women" are."""
    texts = [
        "A jury of seven men and five women was sworn in at the Harlow court on Monday. "
        "The court heard a recording of the 911 call made from the house. "
        "The concert will raise money for three charities. "
        "The village lies about 19km (12 miles) west of the capital. "
        "At least 14 protesters were killed in Harlow on Sunday, witnesses said. "
        "The council has launched an appeal for $5m to rebuild the square. "
        "About 1,800 Japanese women live in the region with their husbands.",
        "Seven men and five women will decide the case, the court said. "
        "Prosecutors played the 911 call to the jury. "
        "Three charities will share the money. "
        "The village is 19km (12 miles) west of the capital. "
        "Police said 14 protesters were killed on Sunday. "
        "An appeal for $5m was launched by the council. "
        "Some 2,000 Japanese women live in the region, officials say.",
    ]
    arts = [{"id": f"trial-{i}", "published": f"2021-05-0{i + 3}", "source": f"Outlet {i}",
             "title": "Harlow trial", "text": t} for i, t in enumerate(texts)]
    d = dg.build_digest(make_docs(arts), [])
    quoted = [c["text"] for g in d["figures"] for c in g["claims"]]
    for bare in ("seven men", "911 call", "three charities", "12 miles"):
        assert not [t for t in quoted if bare in t.lower()], (bare, [g["label"] for g in d["figures"]])
    assert "killed" in _group_of(d, "14 protesters")["label"]
    assert _group_of(d, "$5m")["unit"] == "USD"
    assert _group_of(d, "Japanese women")


def test_tagging_aside_gives_what_tagging_in_place_gives():
    import os

    from dateline.digest.nlp import _Aside, _run_tagger

    texts = ["At least 14 protesters were killed in Harlow on Sunday.",
             "The council has launched an appeal for $5m to rebuild the square."] * 20
    aside = _Aside(_run_tagger, texts, parallel=True, min_words=0)
    if (os.cpu_count() or 1) > 1:
        assert aside._future is not None  # it did run in a second process
    assert aside.result() == _run_tagger(texts)
    assert _Aside(_run_tagger, texts, parallel=False)._future is None


def test_digest_is_the_same_in_parallel_and_in_place(seed_dir):
    from dateline.pipeline import build_timeline

    a = build_timeline([str(seed_dir)], jobs=1)
    b = build_timeline([str(seed_dir)], jobs=2)
    assert json.dumps(a.digest, sort_keys=True) == json.dumps(b.digest, sort_keys=True)


def test_an_acronym_joins_a_name_with_a_country_in_front_and_its_variants():
    """DEC is the UK Disasters Emergency Committee, also written without UK and with 'and'."""
    from collections import Counter

    from dateline.digest.merge import _join_acronyms, _Merger
    from dateline.digest.model import _Entity

    def ent(label: str, n: int, surface: str) -> _Entity:
        return _Entity(key=surface.lower(), labels=Counter({label: n}), surfaces=Counter({surface: n}))

    names = {"DEC": ("ORG", 21), "UK Disasters Emergency Committee": ("ORG", 2),
             "Disasters Emergency Committee": ("ORG", 5), "Disasters and Emergency Committee": ("ORG", 2),
             "UK": ("GPE", 44), "Danish Energy Council": ("ORG", 1)}
    m = _Merger({s.lower(): ent(lab, n, s) for s, (lab, n) in names.items()})
    _join_acronyms(m)
    assert m.root("dec") == "uk disasters emergency committee"
    # two different bodies of the same initials, neither far more named: the acronym stays alone
    names["Danish Energy Council"] = ("ORG", 6)
    m = _Merger({s.lower(): ent(lab, n, s) for s, (lab, n) in names.items()})
    _join_acronyms(m)
    assert m.root("dec") == "dec"


def test_a_short_first_name_is_the_same_person_but_an_initial_is_not_enough():
    ents = _ents([("Edward Lund", "PERSON", 6), ("Ed Lund", "PERSON", 9), ("Kristoffer Moe", "PERSON", 4),
                  ("Kris Moe", "PERSON", 3), ("Anna Berg", "PERSON", 5), ("Annika Berg", "PERSON", 5),
                  ("E Lund", "PERSON", 2)])
    root = {al: a.key for a in dg._merge(ents) for al in a.aliases}
    assert root["edward lund"] == root["ed lund"]
    assert root["kris moe"] == root["kristoffer moe"]
    assert root["anna berg"] != root["annika berg"]  # not a short form: another person
