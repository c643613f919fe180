"""The one-screen summary printed at the end of ``dateline build``.

What was read and what became of it (used, duplicates, skipped and failed with their most common
reasons), the dates selected, and where the outputs are.  With ``-v`` also the time each stage
took.  Article-derived text (titles, reasons, paths) is printed without rich markup, so square
brackets in it are shown as they are.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from dateline.model import Timeline

MAX_REASONS = 6


def _reason(text: str) -> str:
    """The reason without its details (``... (path)``, ``...: detail``) so like ones group."""
    return (text or "unknown reason").split(" (")[0].strip()


def print_summary(tl: Timeline, written: dict[str, str], console: Any, verbose: bool = False) -> None:
    from rich.markup import escape
    from rich.table import Table

    st = tl.stats or {}

    def n(key: str) -> int:
        return int(st.get(key) or 0)

    console.print(f"[bold]{escape(tl.title)}[/bold]")
    console.print(
        f"inputs read: {n('inputs')}  used: {n('used')}  duplicates: {n('duplicates')}  "
        f"skipped: {n('skipped')}  failed: {n('failed')}  "
        f"(dates inferred: {n('inferred_dates')})",
        soft_wrap=True,
    )
    problems = Counter(
        f"{r.status}: {_reason(r.reason)}" for r in tl.documents if r.status in ("skipped", "failed")
    )
    for reason, count in problems.most_common(MAX_REASONS):
        console.print(f"  {count} × {reason}", markup=False, highlight=False, soft_wrap=True)
    if len(problems) > MAX_REASONS:
        console.print(f"  … and {len(problems) - MAX_REASONS} other reasons (see documents.jsonl)")
    if tl.entries:
        span = tl.entries[0].label()
        if len(tl.entries) > 1:
            span += f" – {tl.entries[-1].label()}"
        ns = n("sources")
        sources = f", {ns} source{'s' if ns != 1 else ''}" if ns else ""
        console.print(
            f"dates selected: {n('dates_selected') or len(tl.entries)}  ({span}{sources})",
            markup=False,
            soft_wrap=True,
        )
    elif tl.empty_window():
        console.print(f"dates selected: 0: {tl.empty_window()}", markup=False, soft_wrap=True)
    else:
        console.print("dates selected: 0 (no dated events found in the usable articles)")
    if tl.changes:
        from dateline.changes import summary_line

        console.print(f"since the previous build: {summary_line(tl.changes)}", markup=False,
                      soft_wrap=True)
    if verbose and tl.timings:
        table = Table(title="stage timings", show_header=True, title_justify="left")
        table.add_column("stage")
        table.add_column("seconds", justify="right")
        table.add_column("share", justify="right")
        total = tl.timings.get("total") or sum(v for k, v in tl.timings.items() if k != "total")
        for k, v in tl.timings.items():
            share = f"{v / total:.0%}" if total and k != "total" else ""
            table.add_row(escape(k), f"{v:.3f}", share)
        if total and n("inputs"):
            table.caption = f"{n('inputs') / total:,.1f} inputs/s overall"
        console.print(table)
    console.print("outputs:")
    for fmt, path in written.items():
        console.print(f"  {fmt:<10} {path}", markup=False, highlight=False, soft_wrap=True)
    if "html" in written:
        uri = Path(written["html"]).resolve().as_uri()
        console.print(f"open the report: {uri}", markup=False, highlight=False, soft_wrap=True)
