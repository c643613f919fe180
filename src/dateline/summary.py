"""The one-screen summary printed at the end of ``dateline build``."""

from __future__ import annotations

from collections import Counter
from typing import Any

from dateline.model import Timeline


def print_summary(tl: Timeline, written: dict[str, str], console: Any, verbose: bool = False) -> None:
    from rich.table import Table

    st = tl.stats
    console.print(f"[bold]{tl.title}[/bold]")
    console.print(
        f"inputs read: {st['inputs']}  used: {st['used']}  duplicates: {st['duplicates']}  "
        f"skipped: {st['skipped']}  failed: {st['failed']}  (dates inferred: {st['inferred_dates']})"
    )
    problems = Counter(
        f"{r.status}: {r.reason.split(' (')[0]}" for r in tl.documents if r.status in ("skipped", "failed")
    )
    for reason, n in problems.most_common(6):
        console.print(f"  {n} × {reason}", markup=False)
    if len(problems) > 6:
        console.print(f"  … and {len(problems) - 6} other reasons (see documents.jsonl)")
    if tl.entries:
        console.print(
            f"dates selected: {st['dates_selected']}  ({tl.entries[0].label()} – {tl.entries[-1].label()})"
        )
    else:
        console.print("dates selected: 0 (no dated events found in the usable articles)")
    if verbose and tl.timings:
        table = Table(title="stage timings (s)", show_header=True)
        table.add_column("stage")
        table.add_column("seconds", justify="right")
        for k, v in tl.timings.items():
            table.add_row(k, f"{v:.3f}")
        console.print(table)
    console.print("outputs:")
    for fmt, path in written.items():
        console.print(f"  {fmt:<10} {path}", markup=False)
