"""``dateline eval``: score a predicted timeline against gold timelines (:mod:`dateline.evaluate`)."""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

from dateline.cli.options import add_common
from dateline.errors import UsageError
from dateline.evaluate import (
    MEASURES,
    METRIC_LABELS,
    METRICS,
    PRF,
    NamedTimeline,
    evaluate,
    load_gold,
    load_timeline,
    macro_average,
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser(
        "eval",
        help="score a timeline against gold timelines (ROUGE, date F1)",
        description="Score a predicted timeline (dateline JSON or tilse text) against gold "
        "timelines (tilse text, or rows of a timelines.jsonl; FILE.jsonl#ID picks one row) with "
        "the TLS metrics: concat, agreement and align+ m:1 ROUGE-1/2 F1 and date P/R/F1 (tilse).",
    )
    add_eval_arguments(e)
    add_common(e)



def add_eval_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``dateline eval`` (the common -q/-v/--debug are added by cli.py)."""
    parser.add_argument("pred", metavar="PRED",
                        help="predicted timeline: dateline timeline.json or tilse text (timeline.txt)")
    parser.add_argument("gold", nargs="+", metavar="GOLD",
                        help="gold timeline(s): tilse text files or timelines.jsonl "
                        "(every row, or FILE.jsonl#ID for one)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--separately", action="store_true",
                        help="score against each gold timeline on its own and macro-average "
                        "(news-tls); default: all gold timelines together as one tilse ground truth")
    parser.add_argument("--no-tokenize", dest="tokenize", action="store_false",
                        help="compare whitespace tokens as they are (default: PTB-like tokenization "
                        "of both sides first)")


def _fmt(x: float) -> str:
    return f"{x:.3f}" if isinstance(x, float) and math.isfinite(x) else str(x)


def _print_result(console, title: str, result: dict[str, Any]) -> None:  # noqa: ANN001
    from rich.table import Table

    t = Table(title=title, title_justify="left")
    t.add_column("metric")
    for m in ("R1", "R2"):
        for part in ("P", "R", "F"):
            t.add_column(f"{m}-{part}", justify="right")
    for metric in METRICS:
        row = [METRIC_LABELS[metric]]
        for m in MEASURES:
            row += [_fmt(result[metric][m][k]) for k in PRF]
        t.add_row(*row)
    d = result["dates"]
    t.add_row("dates (P/R/F1)", _fmt(d["precision"]), _fmt(d["recall"]), _fmt(d["f_score"]), "", "", "")
    console.print(t)


def cli_eval(args: argparse.Namespace) -> int:
    """``dateline eval PRED GOLD...``: print the scores (table or ``--json``); 0 on success."""
    try:
        import tilse.evaluation.rouge  # noqa: F401
    except ImportError as exc:
        raise UsageError(f"evaluation needs the 'eval' extra: pip install 'dateline[eval]' ({exc})") from None
    pred = load_timeline(args.pred)  # EvalInputError: a usage error, told by the CLI
    golds: list[NamedTimeline] = []
    for g in args.gold:
        golds.extend(load_gold(g))
    tok = getattr(args, "tokenize", True)
    separately = getattr(args, "separately", False)
    if separately:
        per = [(name, evaluate(pred, [(name, tl)], tokenize_text=tok)) for name, tl in golds]
        report: dict[str, Any] = {
            "pred": str(args.pred),
            "mode": "separately",
            "results": {name: r for name, r in per},
            "average": macro_average([r for _, r in per]),
        }
    else:
        report = {"pred": str(args.pred), "mode": "together",
                  **evaluate(pred, golds, tokenize_text=tok)}
    report["tokenized"] = tok
    report["rouge"] = "tilse reimpl"
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2, sort_keys=True) + "\n")
        return 0
    from rich.console import Console

    console = Console(highlight=False)
    if separately:
        for name, r in per:
            _print_result(console, f"{name}: {r['pred_dates']} predicted vs {r['gold_dates']} gold dates", r)
        _print_result(console, f"macro-average over {len(per)} gold timelines (news-tls)", report["average"])
    else:
        names = ", ".join(n for n, _ in golds)
        _print_result(
            console,
            f"{args.pred}: {report['pred_dates']} predicted vs {report['gold_dates']} gold dates ({names})",
            report,
        )
    if not getattr(args, "quiet", False):
        console.print("tilse reimpl ROUGE; align+ m:1 F = AR1/AR2-F of TLS papers", style="dim")
    return 0
