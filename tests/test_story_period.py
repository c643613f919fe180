"""The story's period: days outside it are dropped or marked background, in every format."""

import datetime as dt
import json

from dateline.config import Config, DateWeights
from dateline.dates import rank_dates
from dateline.model import Document, Sentence, TimeMention
from dateline.period import story_period
from dateline.pipeline import assemble_timeline

D = dt.date


def mention(day: dt.date, gran: str = "day", text: str = "x") -> TimeMention:
    value = {"day": day.isoformat(), "month": day.strftime("%Y-%m"), "year": str(day.year)}[gran]
    return TimeMention(0, len(text), text, value, day, gran)


def article(n: int, published: dt.date, extra: list[tuple[str, list[TimeMention]]] = (),
            source: str | None = None, date_source: str = "field") -> Document:
    words = ["barges", "sandbags", "pumps", "helicopters", "volunteers", "tents", "bridges", "schools",
             "hospitals", "tractors", "ferries", "generators", "kitchens", "convoys", "divers", "engineers"]
    w = [words[(n * 7 + k * 3) % len(words)] for k in range(4)]
    sents = [(f"Officials counted {w[0]} and {w[1]} in district {n}, where {w[2]} arrived while {w[3]} "
              f"waited near quay {n}.", [mention(published)])]
    sents += list(extra)
    d = Document(id=f"d{n:03d}", path=f"d{n:03d}", text=" ".join(s for s, _ in sents),
                 published=published, date_source=date_source, date_confidence=1.0,
                 source=source or f"paper{n % 5}")
    d.sentences = [Sentence(d.id, i, s, ms) for i, (s, ms) in enumerate(sents)]
    return d


OLD_FLOOD = D(1953, 2, 1)
PLAN = D(2020, 9, 1)


def corpus(old_mentions: int, n: int = 40) -> list[Document]:
    docs = []
    for i in range(n):
        pub = D(2020, 5, 1) + dt.timedelta(days=i % 20)
        extra = []
        if i < old_mentions:
            extra.append((f"The town last flooded like this on 1 February 1953, when dikes failed in "
                          f"region {i} and the sea came in over the farms.", [mention(OLD_FLOOD, text="1 February 1953")]))
        if i < 6:
            extra.append((f"The council will vote on new dikes on 1 September, report {i} said.", [mention(PLAN)]))
        docs.append(article(i, pub, extra))
    return docs


def test_period_is_read_from_publication_dates_with_a_margin():
    docs = corpus(0)
    p = story_period(docs, None, None, DateWeights())
    assert (p.start, p.end, p.basis) == (D(2020, 4, 24), D(2020, 5, 20), "publications")
    # a window the user gives is the period: nothing in it is background
    w = story_period(docs, D(1950, 1, 1), None, DateWeights())
    assert w.basis == "window" and w.position(OLD_FLOOD, OLD_FLOOD) == "inside"


def test_one_stray_old_article_does_not_stretch_a_large_corpus():
    docs = corpus(0, n=150)
    docs.append(article(999, D(1999, 1, 1)))
    p = story_period(docs, None, None, DateWeights())
    assert p.start > D(2020, 1, 1)


def test_a_passing_mention_of_an_old_day_is_dropped_and_a_widely_recalled_one_is_background():
    few = {c.key[0] for c in rank_dates(corpus(2), Config())}
    assert OLD_FLOOD not in few
    many = {c.key[0]: c for c in rank_dates(corpus(12), Config())}
    assert many[OLD_FLOOD].background
    assert not many[D(2020, 5, 3)].background
    # nothing after the last article enters by default, however often it is named
    assert PLAN not in many


def test_keep_background_keeps_every_day_outside_the_period_marked():
    kept = {c.key[0]: c for c in rank_dates(corpus(2), Config(keep_background=True))}
    assert kept[OLD_FLOOD].background and kept[PLAN].background


def test_background_dates_stay_a_small_share_of_the_timeline():
    docs = corpus(12)
    for k in range(8):  # eight more old days, each recalled by many articles
        day = D(1960 + k, 3, 1)
        for d in docs[:12]:
            d.sentences.append(Sentence(d.id, len(d.sentences), f"Another flood struck in March {1960 + k}, "
                                        f"destroying farms in region {k} near the coast.", [mention(day)]))
    cfg = Config(max_dates=20)
    ranked = rank_dates(docs, cfg)
    assert sum(c.background for c in ranked) == 2  # 10% of 20 dates


def test_background_and_evidence_reach_every_format():
    tl = assemble_timeline(corpus(12), [], Config(max_dates=10))
    bg = [e for e in tl.entries if e.background]
    assert [e.date for e in bg] == [OLD_FLOOD]
    assert tl.period["basis"] == "publications" and tl.stats["background_dates"] == 1
    data = json.loads(tl.to_json())
    entry = next(e for e in data["entries"] if e["date"] == "1953-02-01")
    assert entry["background"] and entry["flags"] == ["background"]
    assert entry["evidence"]["articles_naming"] == 12 and entry["evidence"]["rank"] >= 1
    assert set(entry["evidence"]["score_parts"]) >= {"articles_naming", "later_articles", "burst"}
    assert data["period"]["start"] == "2020-04-24"
    assert "## 1 February 1953 *(background)*" in tl.to_markdown()
    html = tl.to_html()
    assert 'class="badge background"' in html and "Why this date" in html
    from dateline.render.timelinejs import render_timelinejs

    slides = render_timelinejs(tl)["events"]
    old = [s for s in slides if s["start_date"]["year"] == 1953]
    assert old and old[0]["group"] == "Background" and "(background)" in old[0]["start_date"]["display_date"]


def test_a_day_resting_on_inferred_publication_dates_is_flagged_on_its_heading():
    docs = corpus(0, n=10)
    undated = article(50, D(2020, 5, 25), [("Rescuers said on Sunday the water had gone down in the "
                                            "eastern districts of the town.", [mention(D(2020, 5, 24))])],
                      date_source="inferred")
    undated.date_confidence = 0.7
    tl = assemble_timeline(docs + [undated], [], Config(max_dates=30))
    e = next(e for e in tl.entries if e.date == D(2020, 5, 24))
    assert e.date_inferred and e.flags() == ["date inferred"]
    assert "## 24 May 2020 *(date inferred)*" in tl.to_markdown()
    dated = [e for e in tl.entries if e.date < D(2020, 5, 20)]
    assert dated and all(e.flags() == [] for e in dated)
