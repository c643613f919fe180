"""Render a :class:`~dateline.model.Timeline` to files.  All writes are atomic."""

from __future__ import annotations

import glob
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from dateline.model import ManifestRow, Timeline, register_output


@dataclass(frozen=True)
class Format:
    """One output format: its name (``--format``), the file it is written to, whether a build
    writes it by default, and the function that renders a timeline to its text."""

    name: str
    file_name: str
    default: bool
    render: Callable[[Timeline], str | bytes]  # bytes for a binary format (xlsx)


def _json(tl: Timeline) -> str:
    from dateline.render.jsonout import render_json

    return render_json(tl)


def _md(tl: Timeline) -> str:
    from dateline.render.markdown import render_markdown

    return render_markdown(tl)


def _txt(tl: Timeline) -> str:
    from dateline.render.tilse import render_tilse

    return render_tilse(tl)


def _html(tl: Timeline) -> str:
    from dateline.render.html import render_html

    return render_html(tl)


def _timelinejs(tl: Timeline) -> str:
    from dateline.render.timelinejs import render_timelinejs_json

    return render_timelinejs_json(tl)


def _csv(tl: Timeline) -> str:
    from dateline.render.spreadsheet import render_csv

    return render_csv(tl)


def _xlsx(tl: Timeline) -> bytes:
    from dateline.render.spreadsheet import render_xlsx

    return render_xlsx(tl)


def _dict(tl: Timeline) -> dict:
    from dateline.render.jsonout import timeline_to_dict

    return timeline_to_dict(tl)


# The one registry of output formats: a new format is one entry here and one module.
REGISTRY: dict[str, Format] = {f.name: f for f in (
    Format("json", "timeline.json", True, _json),
    Format("md", "timeline.md", True, _md),
    Format("txt", "timeline.txt", True, _txt),
    Format("html", "timeline.html", True, _html),
    Format("timelinejs", "timelinejs.json", False, _timelinejs),
    Format("csv", "timeline.csv", False, _csv),
    Format("xlsx", "timeline.xlsx", False, _xlsx),
)}
FORMATS = tuple(REGISTRY)
DEFAULT_FORMATS = tuple(f.name for f in REGISTRY.values() if f.default)
FILE_NAMES = {f.name: f.file_name for f in REGISTRY.values()}


def current_umask() -> int:
    """The process umask (read by setting and restoring it; there is no getter)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: Path, chunks: Iterable[str] | str | bytes) -> None:
    """Write text (or bytes) to ``path`` through a temporary file in the same folder and a
    rename, so a reader (or an interrupted run) sees either the old file or the new one, never
    half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # .NAME.PID.RANDOM.tmp: a later run can tell a dead writer's leftover from a live one's
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~current_umask())  # mkstemp makes 0600: modes follow the umask
        if isinstance(chunks, bytes):
            with os.fdopen(fd, "wb") as bfh:
                bfh.write(chunks)
                bfh.flush()
                os.fsync(bfh.fileno())
            os.replace(tmp, path)
            return
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            if isinstance(chunks, str):
                fh.write(chunks)
            else:
                for chunk in chunks:
                    fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def render(timeline: Timeline, fmt: str) -> str | bytes:
    """The text of ``timeline`` in format ``fmt`` (one of :data:`FORMATS`; bytes for xlsx)."""
    try:
        f = REGISTRY[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})") from None
    return f.render(timeline)


def manifest_lines(timeline: Timeline) -> Iterable[str]:
    return manifest_rows_lines(timeline.documents)


def manifest_rows_lines(rows: Iterable[ManifestRow]) -> Iterable[str]:
    """``documents.jsonl``: one JSON object per input."""
    for row in rows:
        yield json.dumps(row.to_dict(), ensure_ascii=False, sort_keys=True) + "\n"


STALE_TEMP_SECONDS = 60  # a temporary file of unknown writer this old is a leftover


def _writer_alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own writes are done when this runs
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process: leave its file alone
    return True


def remove_stale_temps(outdir: Path, names: Iterable[str], older_than: float = STALE_TEMP_SECONDS) -> list[str]:
    """Delete the ``.NAME.PID.*.tmp`` files that interrupted runs left in ``outdir`` (only for
    our file ``names``): those whose writing process is gone, and those of unknown writer older
    than ``older_than`` seconds.  A run writing into the same folder right now keeps its own."""
    removed = []
    now = time.time()
    for name in names:
        for tmp in outdir.glob(f".{glob.escape(name)}.*.tmp"):
            pid = tmp.name[len(name) + 2:].split(".", 1)[0]
            try:
                stale = (not _writer_alive(int(pid)) if pid.isdigit()
                         else now - tmp.lstat().st_mtime >= older_than)
                if stale:
                    tmp.unlink()
                    removed.append(str(tmp))
            except OSError:
                pass
    return removed


def write_outputs(timeline: Timeline, outdir: str | os.PathLike[str], formats=None) -> dict[str, str]:
    out = Path(outdir)
    written: dict[str, str] = {}
    for fmt in formats or DEFAULT_FORMATS:
        path = out / FILE_NAMES[fmt]
        atomic_write(path, render(timeline, fmt))
        written[fmt] = str(path)
    path = out / "documents.jsonl"
    atomic_write(path, manifest_lines(timeline))
    written["manifest"] = str(path)
    path = out / "digest.json"
    if timeline.digest is not None:  # the story digest (docs/digest.md)
        atomic_write(path, json.dumps(timeline.digest, ensure_ascii=False, indent=2) + "\n")
        written["digest"] = str(path)
    elif path.is_file():
        path.unlink()  # a digest from an earlier run would no longer match the timeline
    remove_stale_temps(out, [*FILE_NAMES.values(), "documents.jsonl", "digest.json"])
    return written


write = write_outputs  # render.write(timeline, outdir, formats=None)

for _name, _fn in (("dict", _dict), ("json", _json), ("md", _md), ("txt", _txt), ("html", _html),
                   ("write", write_outputs)):
    register_output(_name, _fn)
