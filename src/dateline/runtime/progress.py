"""Progress bars and stage timings on the console (rich).

Bars show only when stderr is a terminal, not in CI and not with ``--quiet``; the pipeline
calls the same methods either way.  When stderr is not a terminal (a log file, a pipe, CI), a
long stage writes one plain line every ``DATELINE_PROGRESS_SECONDS`` (default 30) seconds
instead, so a long run says where it is.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any


def in_ci() -> bool:
    """True under a CI service (``CI`` set to anything but an explicit false)."""
    value = os.environ.get("CI", "").strip().lower()
    return value not in ("", "0", "false", "no", "off")


def interactive() -> bool:
    """Progress bars make sense: stderr is a real terminal, not a dumb one, and not CI."""
    try:
        tty = sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stderr
        return False
    return tty and os.environ.get("TERM") != "dumb" and not in_ci()


def _period() -> float:
    try:
        return max(0.01, float(os.environ.get("DATELINE_PROGRESS_SECONDS", "30")))
    except ValueError:
        return 30.0


class Reporter:
    """Stage progress: ``start(stage, label, total)``, ``advance(stage)``, ``finish(stage)``."""

    def __init__(self, enabled: bool = True, console: Any = None) -> None:
        self.enabled = enabled and interactive()
        self.lines = enabled and not self.enabled  # plain periodic lines instead of bars
        self._period = _period()
        self._last_line: dict[str, float] = {}
        self._labels: dict[str, str] = {}
        self._totals: dict[str, int | None] = {}
        self._progress = None
        self._tasks: dict[str, Any] = {}
        self._console = console
        self.timings: dict[str, float] = {}
        self._t0: dict[str, float] = {}
        self._done: dict[str, int] = {}

    def _ensure(self) -> None:
        if self._progress is None and self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                console=self._console or Console(stderr=True),
                transient=True,
            )
            self._progress.start()

    def start(self, stage: str, label: str, total: int | None = None) -> None:
        self._t0[stage] = self._last_line[stage] = time.perf_counter()
        self._labels[stage], self._totals[stage] = label, total
        self._ensure()
        if self._progress is not None:
            self._tasks[stage] = self._progress.add_task(label, total=total, rate="")

    def advance(self, stage: str, n: int = 1) -> None:
        if self.lines:
            self._done[stage] = self._done.get(stage, 0) + n
            now = time.perf_counter()
            if now - self._last_line.get(stage, now) >= self._period:
                self._last_line[stage] = now
                self._line(stage, now)
            return
        if self._progress is not None and stage in self._tasks:
            task = self._tasks[stage]
            self._done[stage] = self._done.get(stage, 0) + n
            elapsed = time.perf_counter() - self._t0.get(stage, time.perf_counter())
            rate = f"{self._done[stage] / elapsed:,.1f}/s" if elapsed > 0 else ""
            self._progress.update(task, advance=n, rate=rate)

    def _line(self, stage: str, now: float) -> None:
        done = self._done.get(stage, 0)
        elapsed = now - self._t0.get(stage, now)
        total = self._totals.get(stage)
        of = f" of {total:,}" if total else ""
        rate = f", {done / elapsed:,.1f}/s" if elapsed > 0 else ""
        try:
            sys.stderr.write(f"dateline: {self._labels.get(stage, stage)}: {done:,}{of} done "
                             f"({elapsed:,.0f} s{rate})\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            self.lines = False

    def finish(self, stage: str) -> None:
        self.timings[stage] = time.perf_counter() - self._t0.get(stage, time.perf_counter())
        self._done.pop(stage, None)
        if self._progress is not None and stage in self._tasks:
            self._progress.remove_task(self._tasks.pop(stage))

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
