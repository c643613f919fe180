"""Progress bars and stage timings on the console (rich).

Bars show only when stderr is a terminal, not in CI and not with ``--quiet``; the pipeline
calls the same methods either way.
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


class Reporter:
    """Stage progress: ``start(stage, label, total)``, ``advance(stage)``, ``finish(stage)``."""

    def __init__(self, enabled: bool = True, console: Any = None) -> None:
        self.enabled = enabled and interactive()
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
        self._t0[stage] = time.perf_counter()
        self._ensure()
        if self._progress is not None:
            self._tasks[stage] = self._progress.add_task(label, total=total, rate="")

    def advance(self, stage: str, n: int = 1) -> None:
        if self._progress is not None and stage in self._tasks:
            task = self._tasks[stage]
            self._done[stage] = self._done.get(stage, 0) + n
            elapsed = time.perf_counter() - self._t0.get(stage, time.perf_counter())
            rate = f"{self._done[stage] / elapsed:,.1f}/s" if elapsed > 0 else ""
            self._progress.update(task, advance=n, rate=rate)

    def finish(self, stage: str) -> None:
        self.timings[stage] = time.perf_counter() - self._t0.get(stage, time.perf_counter())
        self._done.pop(stage, None)
        if self._progress is not None and stage in self._tasks:
            self._progress.remove_task(self._tasks.pop(stage))

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
