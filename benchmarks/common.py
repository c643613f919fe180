"""Helpers shared by the benchmark scripts: machine description, peak memory, tables, JSON, docs."""

from __future__ import annotations

import json
import os
import platform
import re
import resource
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "benchmarks.md"
T17 = REPO.parent / "shared" / "data" / "t17"  # the Timeline17 benchmark data (../shared)


def _ram_gb() -> float | None:
    try:
        pages = os.sysconf("SC_PHYS_PAGES")
        size = os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None
    return round(pages * size / 1e9, 1)


def _cpu_model() -> str | None:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def machine_info() -> dict[str, Any]:
    """Cores (usable by this process), RAM, CPU model, Python and platform."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 1
    return {
        "cores": usable,
        "cpu_count": os.cpu_count(),
        "cpu": _cpu_model(),
        "ram_gb": _ram_gb(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def machine_line(info: dict[str, Any] | None = None) -> str:
    """One line for the docs: '2 cores (CPU), 8.0 GB RAM, Python 3.11.2, Linux-...'."""
    m = info or machine_info()
    cpu = f" ({m['cpu']})" if m.get("cpu") else ""
    ram = f"{m['ram_gb']} GB RAM" if m.get("ram_gb") else "RAM unknown"
    return f"{m['cores']} cores{cpu}, {ram}, Python {m['python']}, {m['platform']}"


def peak_memory_mb() -> float:
    """Peak resident memory in MB: the largest of this process and its (waited-for) children.

    ``ru_maxrss`` is in KiB on Linux and bytes on macOS.  For children it is the peak of the
    largest child, so a pool of workers reports its biggest worker, not their sum.
    """
    scale = 1 / (1024 * 1024) if sys.platform == "darwin" else 1 / 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, kids) * scale, 1)


def _cell(x: Any) -> str:
    if isinstance(x, float):
        return f"{x:.3f}"
    return "" if x is None else str(x)


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Print a table with rich (floats with 3 decimals); numbers are right-aligned."""
    from rich.console import Console
    from rich.table import Table

    t = Table(title=title, title_justify="left")
    numeric = [all(isinstance(r[i], int | float) or r[i] is None for r in rows) if rows else False
               for i in range(len(columns))]
    for i, c in enumerate(columns):
        t.add_column(str(c), justify="right" if numeric[i] else "left")
    for r in rows:
        t.add_row(*[_cell(x) for x in r])
    Console(highlight=False, width=max(100, min(200, 12 * len(columns) + 20))).print(t)


def markdown_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """The same table as GitHub markdown."""
    out = ["| " + " | ".join(str(c) for c in columns) + " |"]
    out.append("|" + "|".join("---:" if rows and isinstance(rows[0][i], int | float) else "---"
                              for i in range(len(columns))) + "|")
    for r in rows:
        out.append("| " + " | ".join(_cell(x) for x in r) + " |")
    return "\n".join(out)


def write_json(path: str | Path, obj: Any) -> None:
    """Write ``obj`` as JSON (sorted keys, indent 2, trailing newline), creating folders; atomic."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(p.name + ".tmp")
    tmp.write_text(json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n",
                   encoding="utf-8")
    os.replace(tmp, p)


def update_doc_section(doc_path: str | Path, marker: str, markdown: str) -> None:
    """Replace the text between ``<!-- {marker}:begin -->`` and ``<!-- {marker}:end -->``.

    The section is appended at the end of the document when the markers are missing (and the
    document is created when it does not exist).
    """
    p = Path(doc_path)
    begin, end = f"<!-- {marker}:begin -->", f"<!-- {marker}:end -->"
    body = f"{begin}\n{markdown.strip()}\n{end}"
    text = p.read_text(encoding="utf-8") if p.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _m: body, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(p.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, p)
