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
        return max(1e-6, float(os.environ.get("DATELINE_PROGRESS_SECONDS", "30")))
    except ValueError:
        return 30.0


def _size(n: float) -> str:
    for unit in ("bytes", "kB", "MB", "GB", "TB"):
        if n < 1000 or unit == "TB":
            return f"{n:,.0f} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1000
    return f"{n:,.1f} TB"  # pragma: no cover


def time_left(done: float, total: float | None, elapsed: float) -> str:
    """"about 3 min left" from the share done so far and the time it took ("" until there is
    enough to go by: 2 s and 1% done)."""
    if not total or done <= 0 or elapsed < 2 or done / total < 0.01:
        return ""
    left = max(0.0, elapsed * (total - done) / done)
    if left < 60:
        return f"about {left:.0f} s left"
    if left < 3600:
        return f"about {left / 60:.0f} min left"
    return f"about {left / 3600:.1f} h left"


class Reporter:
    """Stage progress: ``start(stage, label, total)``, ``advance(stage)``, ``finish(stage)``.

    A stage started with a ``meter`` (an object with ``total`` bytes, None until known, and
    ``finished``, the bytes read up to the last finished document: :class:`dateline.ingest.Meter`) is measured in bytes of
    input: its bar has a total, a share done and the time left, while it counts documents too."""

    def __init__(self, enabled: bool = True, console: Any = None) -> None:
        self.enabled = enabled and interactive()
        self.lines = enabled and not self.enabled  # plain periodic lines instead of bars
        self._period = _period()
        self._last_line: dict[str, float] = {}
        self._labels: dict[str, str] = {}
        self._totals: dict[str, int | None] = {}
        self._meters: dict[str, Any] = {}
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
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.fields[detail]}"),
                TimeElapsedColumn(),
                TextColumn("{task.fields[left]}"),
                console=self._console or Console(stderr=True),
                transient=True,
            )
            self._progress.start()

    def start(self, stage: str, label: str, total: int | None = None, *, meter: Any = None) -> None:
        self._t0[stage] = self._last_line[stage] = time.perf_counter()
        self._labels[stage], self._totals[stage] = label, total
        if meter is not None:
            self._meters[stage] = meter
        self._ensure()
        if self._progress is not None:
            self._tasks[stage] = self._progress.add_task(
                label, total=meter.total if meter is not None else total, detail="", left="")

    def _state(self, stage: str, now: float) -> tuple[int, float, int | None, float]:
        """(documents done, units done, units total, elapsed s): units are bytes with a meter."""
        docs = self._done.get(stage, 0)
        meter = self._meters.get(stage)
        elapsed = now - self._t0.get(stage, now)
        if meter is not None:
            return docs, float(meter.finished), meter.total, elapsed
        return docs, float(docs), self._totals.get(stage), elapsed

    def _detail(self, stage: str, now: float) -> tuple[str, str]:
        docs, done, total, elapsed = self._state(stage, now)
        rate = f"{docs / elapsed:,.1f}/s" if elapsed > 0 and docs else ""
        if stage in self._meters:
            share = f"{min(done, total or done) / total:.0%} of {_size(total)}" if total else _size(done)
            detail = f"{share} · {docs:,} documents" + (f" · {rate}" if rate else "")
        else:
            detail = f"{docs:,}" + (f"/{total:,}" if total else "") + (f" · {rate}" if rate else "")
        return detail, time_left(done, total, elapsed)

    def advance(self, stage: str, n: int = 1) -> None:
        self._done[stage] = self._done.get(stage, 0) + n
        if self.lines:
            now = time.perf_counter()
            if now - self._last_line.get(stage, now) >= self._period:
                self._last_line[stage] = now
                self._line(stage, now)
            return
        if self._progress is not None and stage in self._tasks:
            now = time.perf_counter()
            detail, left = self._detail(stage, now)
            _docs, done, total, _elapsed = self._state(stage, now)
            self._progress.update(self._tasks[stage], completed=done, total=total,
                                  detail=detail, left=left)

    def _line(self, stage: str, now: float) -> None:
        docs, done, total, elapsed = self._state(stage, now)
        if stage in self._meters:
            share = f", {min(done, total) / total:.0%} of {_size(total)}" if total else f", {_size(done)}"
        else:
            share = f" of {total:,}" if total else ""
        rate = f", {docs / elapsed:,.1f}/s" if elapsed > 0 and docs else ""
        left = time_left(done, total, elapsed)
        try:
            sys.stderr.write(f"dateline: {self._labels.get(stage, stage)}: {docs:,} done{share} "
                             f"({elapsed:,.0f} s{rate}{', ' + left if left else ''})\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            self.lines = False

    def finish(self, stage: str) -> None:
        self.timings[stage] = time.perf_counter() - self._t0.get(stage, time.perf_counter())
        self._done.pop(stage, None)
        self._meters.pop(stage, None)
        if self._progress is not None and stage in self._tasks:
            self._progress.remove_task(self._tasks.pop(stage))

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
