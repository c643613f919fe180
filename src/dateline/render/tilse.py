"""``timeline.txt`` in the tilse format of the TLS benchmarks.

A date line (``YYYY-MM-DD``), one sentence per line, blocks separated by a line of 32 hyphens.
Month and year entries are written as their first day, which is how tilse reads dates.
"""

from __future__ import annotations

from dateline.model import Timeline

SEPARATOR = "-" * 32


def render_tilse(tl: Timeline) -> str:
    blocks = []
    for e in tl.entries:
        lines = [e.date.isoformat()] + [" ".join(c.text.split()) for c in e.summary]
        blocks.append("\n".join(lines))
    return ("\n" + SEPARATOR + "\n").join(blocks) + ("\n" if blocks else "")
