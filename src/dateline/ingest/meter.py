"""How far the reading of the inputs has got, in bytes of the input files: what makes the
progress bars of ``ingest`` and ``build`` determinate (a total, a share done, time left) for
every kind of input, a folder of pages as well as one big ``.jsonl.gz`` or WARC file.

The total is the size of the files under the paths, counted in a background thread (a folder
of a million files does not hold up the start); :meth:`Meter.position` is the bytes of the
files read so far plus the position in the one being streamed (for a gzip file, in its
compressed bytes, so the share is right without decompressing twice).  The reader runs ahead
of the workers, so what a bar shows is :attr:`Meter.finished`: the position at which the last
finished document had been read (:meth:`Meter.read` when an input is handed out,
:meth:`Meter.done` when its result is back).  Standard input has no size: it counts as
nothing, and a run that reads only it has no total.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import IO, Any


class Meter:
    """The bytes of the input files (``total``, None until counted) and how many are read."""

    def __init__(self, paths: Sequence[str] = ()) -> None:
        self.total: int | None = None
        self.finished = 0  # bytes read when the last finished document had been read
        self._at: dict[str, int] = {}  # documents handed out, not finished -> position read at
        self._done = 0
        self._stream: IO[Any] | None = None
        self._paths = [os.fspath(p) for p in paths if os.fspath(p) != "-"]
        self.measures = bool(self._paths)  # False: only standard input, which has no size
        if not self._paths:
            return
        self._counter = threading.Thread(target=self._count, name="dateline-meter", daemon=True)
        self._counter.start()

    def _count(self) -> None:
        seen: set[str] = set()
        total = 0
        for path in self._paths:
            total += _bytes_under(path, seen)
        self.total = total

    def add(self, size: int) -> None:
        """A file of ``size`` bytes is read (or skipped)."""
        self._done += size
        self._stream = None

    def streaming(self, fh: IO[Any] | None) -> None:
        """``fh`` (the raw file under any decompression) is being read record by record."""
        self._stream = fh

    def read(self, item_id: str) -> None:
        """The input ``item_id`` has been read and handed out for processing."""
        self._at[item_id] = self.position()

    def done(self, item_id: str) -> None:
        """The result of ``item_id`` is back (an input never handed out is ignored)."""
        at = self._at.pop(item_id, None)
        if at is not None and at > self.finished:
            self.finished = at

    def position(self) -> int:
        stream = self._stream
        at = 0
        if stream is not None:
            try:
                at = stream.tell()
            except (OSError, ValueError):  # closed, or not seekable
                at = 0
        return self._done + at


def _bytes_under(path: str, seen: set[str]) -> int:
    """The size of the regular files at or under ``path`` (hidden names left out, as the
    reader leaves them; each real file and folder once)."""
    try:
        real = os.path.realpath(path)
        if real in seen:
            return 0
        seen.add(real)
        if not os.path.isdir(path):
            return os.stat(path).st_size if os.path.isfile(path) else 0
        total = 0
        with os.scandir(path) as it:
            entries = list(it)
        for e in entries:
            if not e.name.startswith("."):
                total += _bytes_under(e.path, seen)
        return total
    except OSError:
        return 0
