"""Publication-date extraction from web pages: htmldate (fast and extensive) vs dateline.

Runs three methods side by side on the 40 hand-written pages of
``benchmarks/data/webpages`` (gold dates in ``gold.json``: the true publication day, the page's
URL when it has one, and where the date is):

* ``htmldate fast``      -- ``htmldate.find_date(html, url=url, original_date=True,
  extensive_search=False)``;
* ``htmldate extensive`` -- the same with ``extensive_search=True``;
* ``dateline``           -- ``dateline.pipeline.process_document`` on a ``RawInput`` of kind
  ``html`` with the page's URL; its ``published`` and ``date_source``.

The pages are a mix of standard metadata (meta tags, JSON-LD, ``<time>``), dates only in the
visible text (bylines, ``class="date"`` spans), dates only in the URL, and hard cases with
misleading dates (modified-time metadata, copyright years, event dates, teasers, comments).
Reports exact-day and within-1-day accuracy, pages without a date and total seconds per
method (first pass, with the libraries' one-off lazy loading, and a second, warm pass), accuracy by page group, and for dateline accuracy by ``date_source``.  Offline.

    .venv/bin/python benchmarks/pubdate.py [--errors] [--out benchmarks/results/pubdate.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import warnings
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from common import machine_info, peak_memory_mb, print_table, write_json  # noqa: E402

DATA = REPO / "benchmarks" / "data" / "webpages"
METHODS = ("htmldate fast", "htmldate extensive", "dateline")


def group_of(name: str) -> str:
    """The page group, from the page number (see gold.json ``kind`` for details)."""
    n = int(name[4:6])
    if n <= 12:
        return "metadata"
    if n <= 24:
        return "visible text"
    if n <= 32:
        return "url only"
    return "hard"


def git_state() -> dict:
    """The commit and a digest of the uncommitted changes under src/ (results move with them)."""
    import hashlib
    import subprocess

    def git(*a: str) -> str:
        try:
            return subprocess.run(["git", *a], cwd=REPO, capture_output=True, text=True,
                                  timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            return ""

    diff = git("diff", "HEAD", "--", "src")
    return {"commit": git("rev-parse", "HEAD").strip() or None, "src_dirty": bool(diff.strip()),
            "src_diff_sha1": hashlib.sha1(diff.encode()).hexdigest()[:12] if diff.strip() else None}


def _parse(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def run_htmldate(html: str, url: str | None, extensive: bool) -> dt.date | None:
    from htmldate import find_date

    return _parse(find_date(html, url=url, original_date=True, extensive_search=extensive,
                            outputformat="%Y-%m-%d"))


def run_dateline(name: str, html: str, url: str | None) -> tuple[dt.date | None, str | None, str]:
    from dateline.model import RawInput
    from dateline.pipeline import process_document

    doc = process_document(RawInput(id=name, path=name, kind="html", raw=html, url=url))
    note = doc.date_evidence or (f"{doc.status}: {doc.reason}" if doc.status != "used" else "")
    return doc.published, doc.date_source, note


def score(rows: list[dict], key: str) -> dict:
    n = len(rows)
    found = [r for r in rows if r[key] is not None]
    exact = sum(1 for r in found if r[key] == r["gold"])
    near = sum(1 for r in found if abs((r[key] - r["gold"]).days) <= 1)
    return {"n": n, "exact": exact / n if n else 0.0, "within_1": near / n if n else 0.0,
            "exact_count": exact, "within_1_count": near, "no_date": n - len(found)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DATA), help="folder with pageNN.html and gold.json")
    ap.add_argument("--errors", action="store_true", help="list the pages each method got wrong")
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "pubdate.json"))
    args = ap.parse_args(argv)
    data = Path(args.data)
    gold = json.loads((data / "gold.json").read_text(encoding="utf-8"))
    pages = {name: (data / name).read_text(encoding="utf-8") for name in sorted(gold)}

    # warm up the imports so that the first page does not carry their cost
    import htmldate  # noqa: F401

    import dateline.pipeline  # noqa: F401

    rows = [{"page": name, "gold": dt.date.fromisoformat(g["date"]), "url": g.get("url"),
             "kind": g.get("kind", ""), "group": group_of(name)} for name, g in gold.items()]
    # two passes: the first includes one-off lazy loading inside the libraries (htmldate's
    # extensive search loads dateparser the first time it needs it), the second is warm
    passes = [dict.fromkeys(METHODS, 0.0), dict.fromkeys(METHODS, 0.0)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for k, seconds in enumerate(passes):
            for r in rows:
                html = pages[r["page"]]
                t = time.perf_counter()
                fast = run_htmldate(html, r["url"], extensive=False)
                seconds["htmldate fast"] += time.perf_counter() - t
                t = time.perf_counter()
                ext = run_htmldate(html, r["url"], extensive=True)
                seconds["htmldate extensive"] += time.perf_counter() - t
                t = time.perf_counter()
                found = run_dateline(r["page"], html, r["url"])
                seconds["dateline"] += time.perf_counter() - t
                if k == 0:
                    r["htmldate fast"], r["htmldate extensive"] = fast, ext
                    r["dateline"], r["date_source"], r["evidence"] = found
                elif (fast, ext, found[0]) != (r["htmldate fast"], r["htmldate extensive"], r["dateline"]):
                    print(f"warning: {r['page']} gave different dates on the second pass", file=sys.stderr)
    seconds, warm = passes

    results: dict = {"machine": machine_info(), "git": git_state(), "pages": len(rows), "methods": {}}
    table = []
    for m in METHODS:
        s = score(rows, m)
        s["seconds"] = round(seconds[m], 3)
        s["seconds_warm"] = round(warm[m], 3)
        s["by_group"] = {g: score([r for r in rows if r["group"] == g], m)
                         for g in ("metadata", "visible text", "url only", "hard")}
        results["methods"][m] = s
        table.append([m, s["n"], s["exact"], s["within_1"], s["no_date"], round(seconds[m], 3),
                      round(warm[m], 3)])
    print_table(f"Publication dates of {len(rows)} web pages", ["method", "n", "exact", "±1 day",
                                                                 "no date", "s (1st pass)", "s (warm)"], table)

    groups = ("metadata", "visible text", "url only", "hard")
    gtable = []
    for g in groups:
        n = sum(1 for r in rows if r["group"] == g)
        gtable.append([g, n] + [f"{results['methods'][m]['by_group'][g]['exact_count']}/{n}" for m in METHODS])
    print_table("Exact day by page group", ["group", "n", *METHODS], gtable)

    by_source: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_source[r["date_source"] or "(none)"].append(r)
    src = {}
    stable = []
    for k in sorted(by_source):
        s = score(by_source[k], "dateline")
        src[k] = s
        stable.append([k, s["n"], s["exact_count"], s["within_1_count"], s["exact"]])
    results["methods"]["dateline"]["by_date_source"] = src
    print_table("dateline by date_source", ["date_source", "pages", "exact", "±1 day", "exact share"], stable)

    results["per_page"] = [
        {"page": r["page"], "group": r["group"], "kind": r["kind"], "url": r["url"],
         "gold": r["gold"].isoformat(),
         **{m: r[m].isoformat() if r[m] else None for m in METHODS},
         "dateline_source": r["date_source"], "dateline_evidence": r["evidence"]}
        for r in rows
    ]
    results["errors"] = {m: [r["page"] for r in rows if r[m] != r["gold"]] for m in METHODS}
    if args.errors:
        for m in METHODS:
            wrong = [r for r in rows if r[m] != r["gold"]]
            etable = [[r["page"], r["group"], r["gold"].isoformat(),
                       r[m].isoformat() if r[m] else "-",
                       (f"{r['date_source']}: {r['evidence']}" if m == "dateline" else r["kind"])[:90]]
                      for r in wrong]
            print_table(f"{m}: {len(wrong)} pages wrong", ["page", "group", "gold", "found",
                        "dateline source / evidence" if m == "dateline" else "where the date is"], etable)
    results["peak_memory_mb"] = peak_memory_mb()
    write_json(args.out, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
