"""``dateline eval``: TLS metrics (tilse reimpl ROUGE, date F1) on a hand-made timeline pair.

The pair (sentences written for this test):

    predicted                              gold
    2020-01-01  Volcano erupts.            2020-01-01  Volcano erupts.
    2020-01-03  Lava reaches the village.  2020-01-02  Army evacuates village.

tilse's ROUGE lower-cases, drops ROUGE's stop words ("the") and the punctuation tokens, and
Porter-stems.  Content tokens (stems): pred = volcano erupt | lava reach villag (5),
gold = volcano erupt | armi evacu villag (5).

* dates: {01, 03} vs {01, 02}: 1 shared -> P = 1/2, R = 1/2, F1 = 1/2.
* concat R1: 3 matching unigrams (volcano, erupt, villag) of 5 and 5 -> P = R = F = 3/5.
* concat R2: bigrams over the concatenated text: pred (volcano erupt) (erupt lava) (lava reach)
  (reach villag), gold (volcano erupt) (erupt armi) (armi evacu) (evacu villag): 1 of 4 each
  -> P = R = F = 1/4.
* agreement R1: only same-date summaries are compared.  01: 2 matches, 2 pred, 2 gold tokens;
  02 (gold only): 0 of 3 gold tokens; 03 (pred only): 0 of 3 pred tokens.
  P = 2/(2+3) = 0.4, R = 2/(2+3) = 0.4, F = 0.4.
* agreement R2: 01: 1 of 1 bigram; 02: 2 gold bigrams; 03: 2 pred bigrams -> P = R = F = 1/3.
* align+ m:1 R1: each predicted date goes to the gold date of least cost
  (1 - 1/(1 + days apart)) * (1 - unigram F1 of the two summaries):
  pred 01 -> gold 01 (cost 0); pred 03 -> gold 02 (cost 1/2 * 2/3 = 1/3, while gold 01 costs
  2/3 * 1); for recall gold 01 <- pred 01, gold 02 <- pred 03 (1/3 < 1/2 * 1).
  A pair one day apart counts its matches with weight 1/2:
  P = (2 + 1/2 * 1) / (2 + 3) = 0.5, R = (2 + 1/2 * 1) / (2 + 3) = 0.5, F = 0.5.
* align+ m:1 R2: 01/01: 1 of 1 bigram; 03/02: no shared bigram, 2 pred and 2 gold bigrams
  -> P = R = F = 1/3.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

pytest.importorskip("tilse")

from dateline.cli import main  # noqa: E402
from dateline.evaluate import (  # noqa: E402
    EvalInputError,
    evaluate,
    load_gold,
    load_timeline,
    macro_average,
    parse_tilse_text,
    tokenize,
)

D = dt.date
PRED = {D(2020, 1, 1): ["Volcano erupts."], D(2020, 1, 3): ["Lava reaches the village."]}
GOLD = {D(2020, 1, 1): ["Volcano erupts."], D(2020, 1, 2): ["Army evacuates village."]}

EXPECTED = {
    "dates": (1 / 2, 1 / 2, 1 / 2),
    ("concat", "rouge_1"): (3 / 5, 3 / 5, 3 / 5),
    ("concat", "rouge_2"): (1 / 4, 1 / 4, 1 / 4),
    ("agreement", "rouge_1"): (0.4, 0.4, 0.4),
    ("agreement", "rouge_2"): (1 / 3, 1 / 3, 1 / 3),
    ("align_m1", "rouge_1"): (0.5, 0.5, 0.5),
    ("align_m1", "rouge_2"): (1 / 3, 1 / 3, 1 / 3),
}


def _prf(d):
    return (d["precision"], d["recall"], d["f_score"])


def _check(result):
    assert _prf(result["dates"]) == pytest.approx(EXPECTED["dates"])
    for key, want in EXPECTED.items():
        if key == "dates":
            continue
        metric, measure = key
        assert _prf(result[metric][measure]) == pytest.approx(want), key


def _tilse_text(tl):
    blocks = [f"{d.isoformat()}\n" + "\n".join(s) for d, s in sorted(tl.items())]
    return ("\n" + "-" * 32 + "\n").join(blocks) + "\n"


def _dateline_json(tl):
    entries = [
        {"date": d.isoformat(), "granularity": "day", "label": str(d), "sources": 1, "score": 1.0,
         "low_confidence": False,
         "summary": [{"text": s, "doc_id": "a.txt", "source": None, "url": None, "title": None,
                      "published": d.isoformat(), "date_inferred": False} for s in sents]}
        for d, sents in sorted(tl.items())
    ]
    return json.dumps({"schema": "dateline/1", "title": "t", "entries": entries})


def test_hand_computed_scores():
    result = evaluate(PRED, [("gold", GOLD)])
    _check(result)
    assert result["pred_dates"] == 2 and result["gold_dates"] == 2
    assert result["gold"] == ["gold"]


def test_scores_equal_tilse_called_directly():
    from tilse.data.timelines import GroundTruth, Timeline
    from tilse.evaluation import rouge

    ev = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"], rouge_computation="reimpl")
    pred = Timeline({d: [tokenize(s) for s in v] for d, v in PRED.items()})
    gt = GroundTruth([Timeline({d: [tokenize(s) for s in v] for d, v in GOLD.items()})])
    ours = evaluate(PRED, [("gold", GOLD)])
    theirs = ev.evaluate_align_date_content_costs_many_to_one(pred, gt)
    for m in ("rouge_1", "rouge_2"):
        assert _prf(ours["align_m1"][m]) == pytest.approx(_prf(theirs[m]))


def test_identical_timelines_score_one_and_empty_prediction_zero():
    perfect = evaluate(GOLD, [GOLD])
    for metric in ("concat", "agreement", "align_m1"):
        for m in ("rouge_1", "rouge_2"):
            assert perfect[metric][m]["f_score"] == pytest.approx(1.0)
    assert perfect["dates"]["f_score"] == 1.0
    empty = evaluate({}, [GOLD])
    assert empty["dates"] == {"precision": 0.0, "recall": 0.0, "f_score": 0.0}
    assert empty["align_m1"]["rouge_1"]["f_score"] == 0.0


def test_tokenization_makes_ptb_and_plain_text_equal():
    assert tokenize("said -LRB- Reuters -RRB- , `` no '' .") == tokenize('said (Reuters), "no".')
    assert tokenize("He does n't know Roche 's plan .") == tokenize("He doesn't know Roche's plan.")
    # already tokenized text keeps its tokens (abbreviations and numbers intact)
    assert tokenize("Adm. Thad Allen said 1,300 died in the U.S. .") == (
        "Adm. Thad Allen said 1,300 died in the U.S. ."
    )
    ptb = {D(2020, 1, 1): ["Volcano erupts -LRB- again -RRB- , officials say ."]}
    plain = {D(2020, 1, 1): ["Volcano erupts (again), officials say."]}
    a, b = evaluate(plain, [ptb]), evaluate(ptb, [ptb])
    assert a["concat"]["rouge_2"]["f_score"] == pytest.approx(1.0)
    assert a == b | {"gold": a["gold"]}


def test_json_and_tilse_text_give_the_same_scores(tmp_path):
    (tmp_path / "pred.json").write_text(_dateline_json(PRED))
    (tmp_path / "pred.txt").write_text(_tilse_text(PRED))
    (tmp_path / "gold.txt").write_text(_tilse_text(GOLD))
    from_json = load_timeline(tmp_path / "pred.json")
    from_txt = load_timeline(tmp_path / "pred.txt")
    assert from_json == from_txt == PRED
    gold = load_gold(tmp_path / "gold.txt")
    assert gold == [(str(tmp_path / "gold.txt"), GOLD)]
    assert evaluate(from_json, gold) == evaluate(from_txt, gold)
    _check(evaluate(from_json, gold))


def test_tilse_text_parsing():
    text = "2020-01-02\nB one .\n" + "-" * 32 + "\n2020-01-01\nA .\n" + "-" * 32 + "\n2020-01-02\nB two .\n"
    # the last block needs no closing separator; a repeated date merges its sentences
    assert parse_tilse_text(text) == {D(2020, 1, 1): ["A ."], D(2020, 1, 2): ["B one .", "B two ."]}
    with pytest.raises(EvalInputError, match="before any date"):
        parse_tilse_text("no date here\n")


def test_month_entries_count_as_their_first_day(tmp_path):
    obj = json.loads(_dateline_json(PRED))
    obj["entries"][0]["date"], obj["entries"][0]["granularity"] = "2020-01", "month"
    (tmp_path / "p.json").write_text(json.dumps(obj))
    assert load_timeline(tmp_path / "p.json") == PRED


def test_jsonl_gold_rows_and_selector(tmp_path):
    rows = [
        {"id": "src/a.txt", "timeline": [{"date": "2020-01-01", "sentences": ["Volcano erupts."]},
                                         {"date": "2020-01-02", "sentences": ["Army evacuates village."]}]},
        {"id": "src/b.txt", "timeline": [{"date": "2020-01-05", "sentences": ["Other ."]}]},
    ]
    p = tmp_path / "timelines.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in rows))
    both = load_gold(p)
    assert [n for n, _ in both] == ["src/a.txt", "src/b.txt"]
    assert load_gold(f"{p}#src/a.txt") == [("src/a.txt", GOLD)]
    assert load_gold(f"{p}#1")[0][0] == "src/b.txt"
    with pytest.raises(EvalInputError, match="no row"):
        load_gold(f"{p}#nope")
    # news-tls style macro-average: mean P and mean R over timelines, F1 from those
    r1 = evaluate(PRED, [both[0]])
    r2 = evaluate(PRED, [both[1]])
    avg = macro_average([r1, r2])
    p_mean = (r1["dates"]["precision"] + r2["dates"]["precision"]) / 2
    r_mean = (r1["dates"]["recall"] + r2["dates"]["recall"]) / 2
    assert avg["dates"]["precision"] == pytest.approx(p_mean)
    assert avg["dates"]["f_score"] == pytest.approx(2 * p_mean * r_mean / (p_mean + r_mean))
    assert avg["n"] == 2


def test_cli_table_and_json(tmp_path, capsys):
    (tmp_path / "pred.json").write_text(_dateline_json(PRED))
    (tmp_path / "gold.txt").write_text(_tilse_text(GOLD))
    assert main(["eval", str(tmp_path / "pred.json"), str(tmp_path / "gold.txt")]) == 0
    out = capsys.readouterr().out
    assert "align+ m:1" in out and "concat" in out and "agreement" in out
    assert "0.500" in out and "0.600" in out  # AR1-F and concat R1-F
    assert main(["eval", str(tmp_path / "pred.json"), str(tmp_path / "gold.txt"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    _check(report)
    assert report["rouge"] == "tilse reimpl"
    assert main(["eval", str(tmp_path / "pred.json"), str(tmp_path / "gold.txt"), "--json",
                 "--separately"]) == 0
    report = json.loads(capsys.readouterr().out)
    _check(report["average"])


def test_cli_errors_are_one_line_exit_2(tmp_path, capsys):
    (tmp_path / "gold.txt").write_text(_tilse_text(GOLD))
    assert main(["eval", str(tmp_path / "missing.json"), str(tmp_path / "gold.txt")]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and err.count("\n") == 1 and "Traceback" not in err
    (tmp_path / "bad.json").write_text("{not json")
    assert main(["eval", str(tmp_path / "bad.json"), str(tmp_path / "gold.txt")]) == 2
    err = capsys.readouterr().err
    assert "not valid JSON" in err and err.count("\n") == 1
    (tmp_path / "prose.txt").write_text("Just some prose, no dates.\n")
    assert main(["eval", str(tmp_path / "gold.txt"), str(tmp_path / "prose.txt")]) == 2
    assert "before any date" in capsys.readouterr().err
