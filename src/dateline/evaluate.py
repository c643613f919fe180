"""Timeline-summarization metrics: ``dateline eval`` and the benchmark scorer.

The ROUGE variants of the TLS literature are computed by the ``tilse`` package (Martschat &
Markert 2017/2018) with its Python ROUGE (``rouge_computation="reimpl"``: Porter stemming,
ROUGE's stop-word list, lower-casing), exactly as news-tls (Gholipour Ghalandari & Ifrim 2020)
calls it:

* ``concat``: all daily summaries concatenated, ROUGE-1/2 of the whole text;
* ``agreement``: ROUGE only between summaries of the same date;
* ``align_m1``: tilse's ``align_date_content_costs_many_to_one`` ("align+ m:1"), the headline
  AR1/AR2 of the TLS papers: each date is aligned to its cheapest counterpart (date distance x
  content) and its ROUGE counts are weighted by ``1 / (1 + days apart)``;
* ``dates``: precision/recall/F1 of the set of predicted dates against the gold dates.

Several gold timelines passed together form one tilse ``GroundTruth`` (multi-reference scoring,
as tilse's ``evaluate-timelines -r a b`` does).  news-tls instead scores against each gold
timeline separately and macro-averages (:func:`macro_average`: mean precision and mean recall
over timelines, F1 from those); ``dateline eval --separately`` and ``benchmarks/t17.py`` do that.

Tokenization: tilse splits sentences on whitespace.  news-tls feeds it PTB-tokenized sentences on
both sides (the T17 texts are already tokenized).  A prediction built from detokenized text
("said (Reuters)," instead of "said -LRB- Reuters -RRB- ,") would lose matches for punctuation
glued to words, so :func:`tokenize` puts both sides into the same PTB-like token form first.  On
text that is already PTB-tokenized it changes nothing tilse counts (every token maps 1:1; the
PTB bracket and quote escapes become the characters they stand for), so scores on PTB input are
those news-tls would report.  ``tokenize=False`` passes sentences through unchanged.

The loaders read dateline ``timeline.json`` (schema ``dateline/1``), tilse text files (a date line
``YYYY-MM-DD``, sentences one per line, blocks separated by a line of 32 hyphens) and
``timelines.jsonl`` rows (``{"id", "timeline": [{"date", "sentences"}]}``; ``FILE.jsonl#ID``
picks one row, ``FILE.jsonl#N`` the N-th, counting from 0).
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from dateline.errors import EvalInputError

TimelineDict = dict[_dt.date, list[str]]
NamedTimeline = tuple[str, TimelineDict]

SEPARATOR = "-" * 32
MEASURES = ("rouge_1", "rouge_2")
METRICS = ("concat", "agreement", "align_m1")
METRIC_LABELS = {"concat": "concat", "agreement": "agreement", "align_m1": "align+ m:1"}
PRF = ("precision", "recall", "f_score")


# --------------------------------------------------------------------------- loading

_DATE_LINE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


def _parse_date(text: str, where: str) -> _dt.date:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` -> the first day of that period (as tilse reads it)."""
    t = str(text).strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:[T ].*)?", t)
    if not m:
        raise EvalInputError(f"{where}: cannot read {t!r} as a date (expected YYYY-MM-DD)")
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        return _dt.date(y, mo, d)
    except ValueError:
        raise EvalInputError(f"{where}: {t!r} is not a valid date") from None


def _add(tl: TimelineDict, date: _dt.date, sentences: Iterable[str]) -> None:
    sents = [" ".join(str(s).split()) for s in sentences]
    tl.setdefault(date, []).extend(s for s in sents if s)


def parse_tilse_text(text: str, where: str = "<text>") -> TimelineDict:
    """Read the tilse text format.

    Unlike ``tilse.data.timelines.Timeline.from_file`` the last block does not need a closing
    separator, and a date that occurs in several blocks has its sentences merged.
    """
    tl: TimelineDict = {}
    date: _dt.date | None = None
    for n, raw_line in enumerate(text.splitlines(), 1):
        line = raw_line.strip()
        if not line:
            continue
        if line == SEPARATOR:
            date = None
            continue
        m = _DATE_LINE.match(line)
        if m:
            try:
                date = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                raise EvalInputError(f"{where}:{n}: {line!r} is not a valid date") from None
            tl.setdefault(date, [])
            continue
        if date is None:
            raise EvalInputError(
                f"{where}:{n}: sentence before any date line; is this a tilse timeline "
                "(date line YYYY-MM-DD, sentences, blocks separated by 32 hyphens)?"
            )
        _add(tl, date, [line])
    return tl


def _from_dateline_json(obj: dict[str, Any], where: str) -> TimelineDict:
    entries = obj.get("entries")
    if not isinstance(entries, list):
        raise EvalInputError(f"{where}: a dateline timeline.json needs an 'entries' list")
    tl: TimelineDict = {}
    for i, e in enumerate(entries):
        if not isinstance(e, dict) or "date" not in e:
            raise EvalInputError(f"{where}: entry {i} has no 'date'")
        date = _parse_date(e["date"], f"{where}: entry {i}")
        texts = []
        for c in e.get("summary") or []:
            texts.append(c.get("text", "") if isinstance(c, dict) else str(c))
        _add(tl, date, texts)
    return tl


def _from_jsonl_row(row: dict[str, Any], where: str) -> TimelineDict:
    items = row.get("timeline")
    if not isinstance(items, list):
        raise EvalInputError(f"{where}: a timelines.jsonl row needs a 'timeline' list")
    tl: TimelineDict = {}
    for i, item in enumerate(items):
        if isinstance(item, dict):
            date, sents = item.get("date"), item.get("sentences", [])
        elif isinstance(item, list | tuple) and len(item) == 2:  # news-tls: [date, [sents]]
            date, sents = item
        else:
            raise EvalInputError(f"{where}: timeline item {i} is neither {{date, sentences}} nor [date, sentences]")
        if isinstance(sents, str):
            sents = sents.splitlines()
        _add(tl, _parse_date(date, f"{where}: item {i}"), sents)
    return tl


def _read_text(path: Path) -> str:
    if not path.exists():
        raise EvalInputError(f"{str(path)!r} does not exist")
    if path.is_dir():
        raise EvalInputError(f"{str(path)!r} is a folder; give a timeline file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EvalInputError(f"cannot read {str(path)!r}: {exc.strerror or exc}") from None
    return data.decode("utf-8", errors="replace").lstrip("\ufeff")


def _split_selector(spec: str) -> tuple[Path, str | None]:
    """``FILE.jsonl#ID`` -> (FILE.jsonl, ID); anything else -> (path, None)."""
    if "#" in spec and not Path(spec).exists():
        base, _, sel = spec.partition("#")
        return Path(base), sel
    return Path(spec), None


def _read_timelines(spec: str) -> list[NamedTimeline]:
    path, selector = _split_selector(str(spec))
    text = _read_text(path)
    where = str(path)
    stripped = text.lstrip()
    whole: Any = None
    if stripped.startswith("{") and path.suffix.lower() != ".jsonl":
        try:
            whole = json.loads(text)
        except json.JSONDecodeError as exc:
            if exc.msg != "Extra data":  # not several JSON objects one per line either
                raise EvalInputError(
                    f"{where}: not valid JSON ({exc.msg} at line {exc.lineno})"
                ) from None
    if path.suffix.lower() == ".jsonl" or (stripped.startswith("{") and whole is None):
        rows: list[NamedTimeline] = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalInputError(f"{where}:{n}: not valid JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise EvalInputError(f"{where}:{n}: expected a JSON object")
            name = str(row.get("id", f"{path.name}#{len(rows)}"))
            if "entries" in row:
                rows.append((name, _from_dateline_json(row, f"{where}:{n}")))
            else:
                rows.append((name, _from_jsonl_row(row, f"{where}:{n}")))
        if selector is not None:
            picked = [r for r in rows if r[0] == selector]
            if not picked and selector.isdigit() and int(selector) < len(rows):
                picked = [rows[int(selector)]]
            if not picked:
                ids = ", ".join(r[0] for r in rows[:5]) + (", ..." if len(rows) > 5 else "")
                raise EvalInputError(f"{where}: no row {selector!r} (ids: {ids})")
            rows = picked
        if not rows:
            raise EvalInputError(f"{where}: no timelines in the file")
        return rows
    if selector is not None:
        raise EvalInputError(f"{spec!r}: '#ID' selects a row of a .jsonl file only")
    if isinstance(whole, dict):
        obj = whole
        if "entries" in obj:
            return [(str(path), _from_dateline_json(obj, where))]
        if "timeline" in obj:
            return [(str(obj.get("id", path)), _from_jsonl_row(obj, where))]
        raise EvalInputError(f"{where}: JSON without 'entries' (dateline) or 'timeline' (gold row)")
    return [(str(path), parse_tilse_text(text, where))]


def load_timeline(path: str | Path) -> TimelineDict:
    """One timeline: a dateline ``timeline.json``, a tilse text file, or ``FILE.jsonl#ID``.

    Month and year entries count as their first day (as in ``timeline.txt``).  Raises
    :class:`EvalInputError` with a one-line reason when the file cannot be used.
    """
    tls = _read_timelines(str(path))
    if len(tls) != 1:
        raise EvalInputError(
            f"{str(path)!r} holds {len(tls)} timelines; pick one with {path}#ID"
        )
    return tls[0][1]


def load_gold(path: str | Path) -> list[NamedTimeline]:
    """Gold timelines with their names: tilse text files, or the rows of a ``timelines.jsonl``.

    ``FILE.jsonl#ID`` (or ``#N``) keeps one row.  Empty timelines are an error.
    """
    out = _read_timelines(str(path))
    for name, tl in out:
        if not tl:
            raise EvalInputError(f"gold timeline {name!r} in {str(path)!r} has no dates")
    return out


# --------------------------------------------------------------------------- tokenization

_PTB_ESCAPES = {
    "-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
    "``": '"', "''": '"', "\\/": "/", "\\*": "*",
}
_ESCAPE_RE = re.compile("|".join(re.escape(k) for k in _PTB_ESCAPES))
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'",
                         "\u2019": "'", "\u2032": "'", "\u00ab": '"', "\u00bb": '"'})
_CLITIC_NT = re.compile(r"(?i)(\w)(n't)\b")
_CLITIC = re.compile(r"(?i)(\w)('(?:s|re|ve|ll|d|m))\b")
_TOKEN = re.compile(
    r"""
      (?:[^\W\d_]\.){2,}(?:-\w+)*        # abbreviations: U.S., U.N., U.S.-led
    | n't | N'T
    | '(?:s|re|ve|ll|d|m|S|RE|VE|LL|D|M)\b
    | (?:(?<!\S)[-+](?=\d)|[@#](?=\w))?  # a sign glued to a number (-498.86), @handle, #tag
      \w+(?:[-&'./,:]\w+)*             # words, numbers, hyphenated, O'Brien, AT&T, 9/11, 1,300
      (?:\.(?=\s+\S)|-(?=\s))?         # abbreviation period inside a sentence (Adm.), "anti- "
    | ([^\w\s])\1+                    # runs of one symbol: ... -- ??? >>
    | \S                              # any other single character
    """,
    re.VERBOSE,
)


def tokenize(sentence: str) -> str:
    """PTB-like tokens joined by spaces; idempotent on PTB-tokenized text (see module doc)."""
    s = _ESCAPE_RE.sub(lambda m: _PTB_ESCAPES[m.group(0)], sentence.translate(_QUOTES))
    s = _CLITIC_NT.sub(r"\1 \2", s)
    s = _CLITIC.sub(r"\1 \2", s)
    return " ".join(m.group(0) for m in _TOKEN.finditer(s))


# --------------------------------------------------------------------------- scoring

def _zero() -> dict[str, float]:
    return {"precision": 0.0, "recall": 0.0, "f_score": 0.0}


def _f(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _clean_prf(d: dict[str, Any]) -> dict[str, float]:
    return {k: float(d[k]) for k in PRF}


def _tilse_timeline(tl: TimelineDict, tok: bool):
    from tilse.data.timelines import Timeline as TilseTimeline

    conv = {d: [tokenize(s) if tok else s for s in sents] for d, sents in tl.items()}
    # tilse indexes sentences with str.split(); an empty sentence list is fine for it
    return TilseTimeline(conv)


def _normalise_gold(gold_list: Sequence[NamedTimeline] | Sequence[TimelineDict] | TimelineDict) -> list[NamedTimeline]:
    if isinstance(gold_list, dict):
        return [("gold", gold_list)]
    out: list[NamedTimeline] = []
    for i, g in enumerate(gold_list):
        if isinstance(g, tuple):
            out.append((str(g[0]), g[1]))
        else:
            out.append((f"gold{i}", g))
    return out


def date_scores(pred_dates: set[_dt.date], gold_dates: set[_dt.date]) -> dict[str, float]:
    """Date P/R/F1 over the sets of dates, as news-tls' ``evaluate_dates`` (0 for empty sets)."""
    shared = len(pred_dates & gold_dates)
    p = shared / len(pred_dates) if pred_dates else 0.0
    r = shared / len(gold_dates) if gold_dates else 0.0
    return {"precision": p, "recall": r, "f_score": _f(p, r)}


def evaluate(
    pred: TimelineDict,
    gold_list: Sequence[NamedTimeline] | Sequence[TimelineDict] | TimelineDict,
    *,
    tokenize_text: bool = True,
) -> dict[str, Any]:
    """Score ``pred`` against the gold timeline(s) (one tilse ``GroundTruth``).

    Returns ``{"concat"|"agreement"|"align_m1": {"rouge_1"|"rouge_2": {precision, recall,
    f_score}}, "dates": {precision, recall, f_score}, "pred_dates": n, "gold_dates": n,
    "gold": [names]}``.  An empty prediction scores 0 everywhere.
    """
    from tilse.data.timelines import GroundTruth
    from tilse.evaluation import rouge as tilse_rouge

    golds = _normalise_gold(gold_list)
    if not golds:
        raise ValueError("no gold timeline to score against")
    for name, g in golds:
        if not g:
            raise ValueError(f"gold timeline {name!r} has no dates")
    pred = {d: s for d, s in pred.items()}
    ground_truth = GroundTruth([_tilse_timeline(g, tokenize_text) for _, g in golds])
    pred_tl = _tilse_timeline(pred, tokenize_text)
    gold_dates = ground_truth.get_dates()
    out: dict[str, Any] = {
        "pred_dates": len(pred),
        "pred_sentences": sum(len(s) for s in pred.values()),
        "gold_dates": len(gold_dates),
        "gold": [name for name, _ in golds],
        "dates": date_scores(set(pred), gold_dates),
    }
    if not pred or not any(s.split() for sents in pred_tl.dates_to_summaries.values() for s in sents):
        for metric in METRICS:
            out[metric] = {m: _zero() for m in MEASURES}
        return out
    evaluator = tilse_rouge.TimelineRougeEvaluator(measures=list(MEASURES), rouge_computation="reimpl")
    runs = {
        "concat": evaluator.evaluate_concat,
        "agreement": evaluator.evaluate_agreement,
        "align_m1": evaluator.evaluate_align_date_content_costs_many_to_one,
    }
    for metric, fn in runs.items():
        try:
            scores = fn(pred_tl, ground_truth)
        except ZeroDivisionError:  # only stop words / punctuation on one side
            scores = {m: _zero() for m in MEASURES}
        out[metric] = {m: _clean_prf(scores[m]) for m in MEASURES}
    return out


def macro_average(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """news-tls' average over timelines: mean precision and mean recall, F1 from those means."""
    if not results:
        raise ValueError("nothing to average")
    n = len(results)

    def avg(getter) -> dict[str, float]:  # noqa: ANN001
        p = sum(getter(r)["precision"] for r in results) / n
        rec = sum(getter(r)["recall"] for r in results) / n
        return {"precision": p, "recall": rec, "f_score": _f(p, rec)}

    out: dict[str, Any] = {"n": n}
    for metric in METRICS:
        out[metric] = {m: avg(lambda r, mt=metric, ms=m: r[mt][ms]) for m in MEASURES}
    out["dates"] = avg(lambda r: r["dates"])
    return out


def headline(result: dict[str, Any]) -> dict[str, float]:
    """The numbers TLS papers report: AR1-F, AR2-F (align+ m:1) and Date-F1, plus concat/agreement."""
    return {
        "AR1-F": result["align_m1"]["rouge_1"]["f_score"],
        "AR2-F": result["align_m1"]["rouge_2"]["f_score"],
        "concat R1-F": result["concat"]["rouge_1"]["f_score"],
        "concat R2-F": result["concat"]["rouge_2"]["f_score"],
        "agree R1-F": result["agreement"]["rouge_1"]["f_score"],
        "agree R2-F": result["agreement"]["rouge_2"]["f_score"],
        "Date-F1": result["dates"]["f_score"],
    }
