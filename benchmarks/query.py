"""Query semantics of the store: does `build --store --query` load the story asked for?

All nine T17 topics go into one store (``dateline ingest ../shared/data/t17``, or ``--store DB``
to reuse one); for each topic, the query of topics.json selects articles exactly as
``build --store --query`` does (:func:`dateline.store.timeline.select_for`).  Precision: the
share of what is loaded that belongs to the topic; recall: the share of the topic's articles
loaded.  The same for `search` (every word) and, for comparison, for the selection of the
previous release (any query word, prefix match).

    .venv/bin/python benchmarks/query.py [--store DB] [--no-doc]

Targets (issue 16): precision >= 0.90 and recall >= 0.80 for every topic.
Writes benchmarks/results/query.json and the query section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from common import (  # noqa: E402
    DOC,
    T17,
    machine_line,
    markdown_table,
    print_table,
    update_doc_section,
    write_json,
)

RESULTS = REPO / "benchmarks" / "results" / "query.json"


def _topic(path: str) -> str:
    """The T17 topic of a stored article: the folder under t17/ its path names."""
    return path.replace("\\", "/").split("t17/", 1)[1].split("/", 1)[0]


def measure(db: Path) -> list[list]:
    from dateline.config import Config
    from dateline.store import Store
    from dateline.store.query import match_expression
    from dateline.store.timeline import select_for

    topics = {k: v for k, v in json.loads((T17 / "topics.json").read_text()).items() if isinstance(v, dict)}
    rows = []
    with Store.open(db, create=False, readonly=True) as st:
        topic_of = {doc: _topic(path) for doc, path in st.conn.execute("SELECT doc, path FROM documents")}
        total: dict[str, int] = {}
        for t in topic_of.values():
            total[t] = total.get(t, 0) + 1
        for name, spec in sorted(topics.items()):
            q = spec["query"]
            t0 = time.perf_counter()
            docs = select_for(st, Config(query=q))
            secs = time.perf_counter() - t0
            by_doc = {d.id: d for d in docs}
            sel = [doc for doc, i in st.conn.execute("SELECT doc, id FROM documents") if i in by_doc]
            own = sum(topic_of[d] == name for d in sel)
            m = match_expression(q, conn=st.conn)
            srch = [r[0] for r in st.conn.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", (m,))]
            s_own = sum(topic_of[d] == name for d in srch)
            old = [r[0] for r in st.conn.execute(
                "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?",
                (" OR ".join(f'"{w}"*' for w in _content_words(q)),))]
            o_own = sum(topic_of[d] == name for d in old)
            rows.append([name, q, len(sel), round(own / max(1, len(sel)), 3), round(own / total[name], 3),
                         round(s_own / max(1, len(srch)), 3), round(s_own / total[name], 3),
                         round(o_own / max(1, len(old)), 3), round(o_own / total[name], 3), round(secs, 2)])
    return rows


def _content_words(q: str) -> list[str]:
    from dateline import focus
    from dateline.config import Config

    return focus.keywords_for(Config(query=q))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=Path, help="a store holding the nine T17 topics (default: ingest one)")
    ap.add_argument("--no-doc", action="store_true", help="do not update docs/benchmarks.md")
    args = ap.parse_args(argv)
    if not T17.is_dir():
        print("../shared/data/t17 not found; nothing to measure", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = args.store
        if db is None:
            db = Path(tmp) / "t17.db"
            subprocess.run([sys.executable, "-m", "dateline", "ingest", str(T17), "--store", str(db), "--quiet"],
                           check=True)
        rows = measure(db)
    cols = ["topic", "query", "loaded", "precision", "recall", "search P", "search R",
            "previous P", "previous R", "select s"]
    print_table("build --store --query: what is loaded (one store, nine T17 topics)", cols, rows)
    worst_p, worst_r = min(r[3] for r in rows), min(r[4] for r in rows)
    verdict = (f"lowest precision {worst_p:.2f} (target 0.90), lowest recall {worst_r:.2f} (target 0.80): "
               + ("met" if worst_p >= 0.9 and worst_r >= 0.8 else "not met"))
    print(verdict)
    write_json(RESULTS, {"rows": [dict(zip(cols, r, strict=True)) for r in rows], "verdict": verdict})
    print(f"wrote {RESULTS.relative_to(REPO)}")
    if not args.no_doc:
        md = ("## Query semantics of the store (`benchmarks/query.py`)\n\n"
              f"Measured {time.strftime('%Y-%m-%d')} with `.venv/bin/python benchmarks/query.py`. "
              f"{machine_line()}\n\n"
              "One store holding all nine T17 topics (4,624 articles); each topic's query from "
              "topics.json. *precision/recall*: what `build --store --query` loads; *search*: the "
              "documents matching every word (`search`); *previous*: the selection before the query "
              "language (any query word as a prefix).\n\n"
              + markdown_table(cols, rows) + f"\n\n{verdict}.")
        update_doc_section(DOC, "query", md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
