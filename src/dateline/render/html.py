"""``timeline.html``: one self-contained, offline report (Jinja2, autoescaped).

Everything the page needs is inline: the stylesheet, a small vanilla script, the coverage chart
(an SVG drawn here) and the cited articles as JSON in a ``<script type="application/json">``
block.  The page makes no network request and works from ``file://``.

Safety: every piece of article text reaches the page either through Jinja's autoescaping or as
JSON inside a data block in which ``<``, ``>`` and ``&`` are written as ``\\u003c`` etc. (so a
``</script>`` in an article cannot end the block); the script only ever puts article text into
the page with ``textContent``/text nodes.  A Content-Security-Policy with the hashes of the one
stylesheet and the one script blocks anything else, should an injection ever slip through.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from dateline.changes import marks, summary_line
from dateline.model import Citation, ManifestRow, Timeline
from dateline.render.chart import _f, make_entry_ids
from dateline.render.chart import coverage_chart as coverage_chart  # re-exported

# Cited article texts longer than this are cut to the lead plus the passages around the cited
# sentences, so one huge input cannot blow up the report.
MAX_ARTICLE_CHARS = 60_000
WINDOW_CHARS = 1_500  # context kept either side of a cited sentence in a cut article


# ---------------------------------------------------------------------------------- helpers


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (no ``javascript:`` links)."""
    if not url or not isinstance(url, str):
        return None
    u = url.strip()
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(c in u for c in "\x00\r\n\t <>\"'`"):
        return None
    return u


def host_of(url: str | None) -> str | None:
    u = safe_url(url)
    if not u:
        return None
    host = (urlsplit(u).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host or None


UNKNOWN_SOURCE = "Unknown source"


def source_name(source: str | None, url: str | None) -> str | None:
    """What to call the outlet of an article: its source, else its web host, else None."""
    if source and source.strip():
        return " ".join(source.split())
    return host_of(url)


def json_for_script(obj: Any) -> str:
    """JSON safe to place inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c``/``\\u003e``/``\\u0026`` (so neither ``</script>``
    nor ``<!--`` can appear; ``</`` can never occur) and U+2028/2029 are escaped too.
    ``JSON.parse`` reads the result back unchanged.
    """
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _csp_hash(content: str) -> str:
    digest = hashlib.sha256(content.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def find_sentence(text: str, sentence: str) -> tuple[int, int] | None:
    """Character span of ``sentence`` in ``text``: exact, else whitespace-insensitive."""
    if not sentence or not text:
        return None
    i = text.find(sentence)
    if i >= 0:
        return (i, i + len(sentence))
    words = sentence.split()
    if not words:
        return None
    # whitespace-insensitive; also tolerate straight/curly quote and dash differences
    parts = []
    for w in words:
        esc = re.escape(w)
        esc = re.sub(r"""(\\?["'\u2018\u2019\u201c\u201d])""", "[\"'\u2018\u2019\u201c\u201d]", esc)
        esc = re.sub(r"(\\-|\u2013|\u2014)", "[-\u2013\u2014]", esc)
        parts.append(esc)
    pattern = r"\s+".join(parts)
    try:
        m = re.search(pattern, text)
    except re.error:  # pragma: no cover - the pattern is built from escaped words
        return None
    return (m.start(), m.end()) if m else None


def _excerpt(text: str, sentences: list[str]) -> tuple[str, bool]:
    """Cut an over-long article to its lead and the passages around the cited sentences."""
    if len(text) <= MAX_ARTICLE_CHARS:
        return text, False
    spans = [(0, min(len(text), MAX_ARTICLE_CHARS // 3))]
    for s in sentences:
        sp = find_sentence(text, s)
        if sp:
            spans.append((max(0, sp[0] - WINDOW_CHARS), min(len(text), sp[1] + WINDOW_CHARS)))
    spans.sort()
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    pieces = [text[a:b].strip() for a, b in merged]
    out = "\n\n[…]\n\n".join(pieces)
    if merged[-1][1] < len(text):
        out += "\n\n[…]"
    return out, True


# ------------------------------------------------------------------------- the view model


@dataclass
class _Doc:
    n: int
    id: str
    row: ManifestRow | None
    cite: Citation  # first citation, for metadata when the manifest lacks the row
    sentences: list[str]





def _is_absolute(path: str) -> bool:
    return path.startswith(("/", "\\", "~")) or bool(re.match(r"^[A-Za-z]:[\\/]", path))


def _confidence(row: ManifestRow | None) -> float | None:
    if row is None or row.confidence is None:
        return None
    try:
        return float(row.confidence)
    except (TypeError, ValueError):
        return None


def _doc_view(d: _Doc) -> dict[str, Any]:
    """What the report shows of one cited article (its text cut when very long)."""
    raw = (d.row.text if d.row and d.row.text else "") or ""
    text, cut = _excerpt(raw, d.sentences)
    row = d.row
    url = safe_url((row.url if row else None) or d.cite.url)
    date_source = row.date_source if row else ("inferred" if d.cite.date_inferred else None)
    return {
        "id": d.id,
        # absolute paths would tell whoever gets the report about the builder's machine
        "path": row.path if row and row.path and not _is_absolute(row.path) else None,
        "title": (row.title if row else None) or d.cite.title,
        "source": source_name((row.source if row else None) or d.cite.source, url),
        "url": url,
        "published": (row.published if row else None) or d.cite.published,
        "date_source": date_source,
        "confidence": _confidence(row),
        "status": row.status if row else None,
        "text": text,
        "cut": cut,
    }


def _build_view(tl: Timeline) -> dict[str, Any]:
    rows = {r.id: r for r in tl.documents}
    entries = list(tl.entries)
    ids = make_entry_ids(entries)

    docs: dict[str, _Doc] = {}
    for e in entries:
        for c in e.summary:
            d = docs.get(c.doc_id)
            if d is None:
                d = docs[c.doc_id] = _Doc(len(docs), c.doc_id, rows.get(c.doc_id), c, [])
            if c.text not in d.sentences:
                d.sentences.append(c.text)

    # article texts (cited articles only), cut when very long; spans of the cited sentences
    doc_data = [_doc_view(d) for d in docs.values()]
    texts = {dd["id"]: dd["text"] for dd in doc_data}

    new_dates, new_sentences = marks(tl.changes)
    cites = []
    view_entries = []
    sources: Counter[str] = Counter()
    for e, eid in zip(entries, ids, strict=True):
        sents = []
        for c in e.summary:
            d = docs[c.doc_id]
            dd = doc_data[d.n]
            span = find_sentence(texts[c.doc_id], c.text)
            cites.append({"doc": d.n, "span": list(span) if span else None})
            inferred = c.date_inferred or dd["date_source"] == "inferred"
            src = source_name(c.source, c.url) if c.source else dd["source"]
            sources[src or UNKNOWN_SOURCE] += 1
            sents.append({
                "text": c.text,
                "cite": len(cites) - 1,
                "doc": d.n,
                "source": src,
                "filter": src or UNKNOWN_SOURCE,
                "title": dd["title"] or c.doc_id,
                "published": c.published or dd["published"],
                "inferred": inferred,
                "confidence": dd["confidence"],
                "new": (e.iso(), c.doc_id, c.text) in new_sentences,
            })
        view_entries.append({
            "id": eid,
            "iso": e.iso(),
            "label": e.label(),
            "granularity": e.granularity,
            "low_confidence": e.low_confidence,
            "date_inferred": e.date_inferred and not e.low_confidence,
            "background": e.background,
            "new": e.iso() in new_dates,
            "why": why_rows(e.evidence),
            "sources": e.sources,
            "sentences": sents,
        })

    cited_docs = []
    for dd in doc_data:
        cited_docs.append({**dd, "n": len(cited_docs), "inferred": dd["date_source"] == "inferred"})

    return {
        "entries": view_entries,
        "docs": cited_docs,
        "sources": sorted(sources.items(), key=lambda kv: (-kv[1], kv[0].lower(), kv[0])),
        "data": {"docs": doc_data, "cites": cites},
        "ids": ids,
    }


_WHY = (
    ("rank", "Rank among this timeline's dates"),
    ("articles_naming", "Articles naming the date"),
    ("later_articles", "Later articles referring back to it"),
    ("mentions", "Sentences naming it"),
    ("published", "Articles published that day"),
    ("burst", "Publication burst (log excess over the week around)"),
)


def why_rows(evidence: dict[str, Any]) -> list[tuple[str, str]]:
    """The evidence of a date (``TimelineEntry.evidence``) as (label, value) rows."""
    rows = [(label, str(evidence[k])) for k, label in _WHY if k in evidence]
    parts = evidence.get("score_parts") or {}
    if parts:
        rows.append(("Score", " + ".join(f"{k.replace('_', ' ')} {v:g}" for k, v in parts.items())))
    elif evidence.get("ranked_by"):
        rows.append(("Score", f"from the {evidence['ranked_by']} ranker"))
    return rows


# ----------------------------------------------------------------------------- digest


def _s(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return _f(v)
    if isinstance(v, str | int):
        return str(v)
    if isinstance(v, list | tuple):
        return ", ".join(_s(x) for x in v)
    return str(v)


def _claim(c: Any) -> dict[str, str] | None:
    if not isinstance(c, dict):
        return None
    return {k: _s(c.get(k)) for k in ("value", "text", "qualifier", "date", "doc_id", "source")}


def _point_day(value: Any) -> dt.date | None:
    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", str(value or ""))
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def figure_chart(points: Any, label: str = "") -> Markup | None:
    """A small inline SVG line chart of one figure group's values over time (None with fewer
    than two dated values).  Every text in it is escaped; each point has a tooltip."""
    pts = []
    for p in points or []:
        if isinstance(p, dict) and isinstance(p.get("value"), int | float):
            day = _point_day(p.get("date"))
            if day is not None:
                pts.append((day, float(p["value"]), str(p.get("date"))))
    if len(pts) < 2:
        return None
    pts.sort(key=lambda x: (x[0], x[1]))
    w, h, pad = 240, 56, 6
    d0, d1 = pts[0][0].toordinal(), pts[-1][0].toordinal()
    vmin, vmax = min(v for _d, v, _s in pts), max(v for _d, v, _s in pts)
    xs = [pad + (w - 2 * pad) * ((d.toordinal() - d0) / (d1 - d0) if d1 > d0 else i / (len(pts) - 1))
          for i, (d, _v, _s) in enumerate(pts)]
    ys = [h - pad - (h - 2 * pad) * ((v - vmin) / (vmax - vmin) if vmax > vmin else 0.5)
          for _d, v, _s in pts]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
    dots = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3"><title>{escape(s)}: {escape(_f(v))}</title></circle>'
        for x, y, (_d, v, s) in zip(xs, ys, pts, strict=True)
    )
    title = escape(f"{label}: " if label else "") + escape(
        ", ".join(f"{s} {_f(v)}" for _d, v, s in pts))
    return Markup(
        f'<svg class="figure-chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        f'aria-label="{title}"><polyline points="{line}" fill="none" stroke="currentColor" '
        f'stroke-width="1.5"/>{dots}</svg>'
    )


def digest_view(digest: Any) -> dict[str, Any] | None:
    """A defensive, template-ready copy of the story digest (None when absent or unreadable)."""
    if not isinstance(digest, dict):
        return None
    actors = []
    for a in digest.get("actors") or []:
        if isinstance(a, dict) and a.get("name"):
            actors.append({k: _s(a.get(k)) for k in
                           ("name", "kind", "articles", "first_seen", "last_seen", "role")})
    figures = []
    for g in digest.get("figures") or []:
        if isinstance(g, dict):
            claims = [c for c in map(_claim, g.get("claims") or []) if c]
            if claims:
                label = _s(g.get("label")) or "Figures"
                figures.append({"label": label, "claims": claims,
                                "chart": figure_chart(g.get("points"), label)})
    discrepancies = []
    for d in digest.get("discrepancies") or []:
        if isinstance(d, dict):
            claims = [c for c in map(_claim, d.get("claims") or []) if c]
            discrepancies.append({"what": _s(d.get("what")), "rule": _s(d.get("rule")),
                                  "claims": claims})
    if not (actors or figures or discrepancies):
        return None
    return {"actors": actors, "figures": figures, "discrepancies": discrepancies}


# ------------------------------------------------------------------------------ render


@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("dateline.render", "templates"),
        autoescape=True,  # every {{ }} is HTML-escaped unless explicitly Markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def _asset(name: str) -> str:
    return (resources.files("dateline.render") / "templates" / name).read_text(encoding="utf-8")


_CONFIG_LABELS = {
    "title": "title",
    "max_dates": "max dates",
    "sentences_per_date": "sentences per date",
    "start": "from",
    "end": "to",
    "query": "query",
    "keywords": "keywords",
    "max_bytes": "max input size",
    "dedup_threshold": "duplicate threshold",
}


def _config_rows(config: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    for k, v in config.items():
        if k == "title":
            continue
        if v is None or v == [] or v == ():
            v = "auto" if k == "max_dates" else "—"
        elif k == "max_bytes" and isinstance(v, int):
            v = f"{v / 1e6:g} MB"
        out.append((_CONFIG_LABELS.get(k, k.replace("_", " ")), _s(v)))
    return out


def render_html(timeline: Timeline) -> str:
    """The self-contained HTML report of ``timeline`` (deterministic: same input, same bytes)."""
    from dateline.version import __version__

    tl = timeline
    view = _build_view(tl)
    chart = coverage_chart(tl, view["ids"])
    st = tl.stats or {}
    entries = tl.entries
    span = None
    if entries:
        story = [e for e in entries if not e.background] or entries  # background is not the span
        first, last = story[0], story[-1]
        span = {"from": first.label(), "from_iso": first.iso(),
                "to": last.label(), "to_iso": last.iso(), "same": first is last}
    css = _asset("report.css")
    js = _asset("report.js")
    csp = (
        "default-src 'none'; "
        f"style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    counts = [
        ("articles used", st.get("used", 0)),
        # sources the articles name; "not stated" rather than a 0 beside an "Unknown source" filter
        ("sources", st.get("sources", len(view["sources"])) or ("not stated" if entries else 0)),
        ("dates selected", st.get("dates_selected", len(entries))),
        ("dates inferred", st.get("inferred_dates", 0)),
    ]
    inputs = [
        ("inputs read", st.get("inputs")),
        ("duplicates", st.get("duplicates")),
        ("skipped", st.get("skipped")),
        ("failed", st.get("failed")),
    ]
    period = tl.period if tl.period and tl.period.get("basis") == "publications" else None
    if period:
        inputs.append(("story period", f"{period['start']} to {period['end']}"))
        inputs.append(("background dates", st.get("background_dates", 0)))
    html = _env().get_template("report.html.j2").render(
        title=tl.title or "Timeline",
        version=__version__,
        span=span,
        counts=counts,
        inputs=[(k, v) for k, v in inputs if v is not None],
        config=_config_rows(tl.config or {}),
        chart=chart,
        period=period,
        changes=summary_line(tl.changes) if tl.changes else None,
        entries=view["entries"],
        docs=view["docs"],
        sources=view["sources"],
        empty_window=tl.empty_window(),
        named_sources=sum(1 for name, _n in view["sources"] if name != UNKNOWN_SOURCE),
        digest=digest_view(tl.digest),
        css=Markup(css),
        js=Markup(js),
        csp=csp,
        data=Markup(json_for_script(view["data"])),
    )
    return html
