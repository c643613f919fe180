"""The "Story digest" section of ``timeline.md`` (and of ``dateline digest``).

Input is the digest dict of :func:`dateline.digest.build_digest` (schema ``dateline-digest/1``,
docs/digest.md).  Every figure and every discrepancy cites its article (``doc_id``) and quotes
its sentence; discrepancies are set apart as quoted blocks with both claims and the rule that
flagged them.  Rendering is defensive: missing keys give empty cells, never an exception.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateline.render.mdtext import code, escape, one_line

MAX_ENTRY_LABELS = 3  # timeline dates listed per actor before "+N more"
MAX_QUOTE = 300  # characters of a quoted sentence


def _one_line(text: Any) -> str:
    """A field of the digest as Markdown-safe text (mdtext.escape)."""
    return escape(text or "")


_cell = _one_line  # table cells: "|" is escaped too


def _quote(text: Any) -> str:
    t = one_line(text or "")
    if len(t) > MAX_QUOTE:
        t = t[: MAX_QUOTE - 1].rstrip() + "…"
    return "\u201c" + escape(t) + "\u201d"


def date_label(iso: Any) -> str:
    """'2002-08-18' -> '18 Aug 2002', '2002-08' -> 'Aug 2002', '2002' -> '2002'."""
    s = str(iso or "")
    try:
        if len(s) == 10:
            d = dt.date.fromisoformat(s)
            return f"{d.day} {d.strftime('%b %Y')}"
        if len(s) == 7:
            return dt.date(int(s[:4]), int(s[5:7]), 1).strftime("%b %Y")
    except ValueError:
        pass
    return s or "undated"


def _claim_when(c: dict[str, Any]) -> str:
    """The date a claim refers to, and where that date comes from."""
    when = date_label(c.get("date"))
    basis = c.get("date_basis") or ""
    if basis == "published (inferred)":
        when += ", as published, date inferred"
    elif basis == "published":
        when += ", as published"
    return when


def _value(c: dict[str, Any]) -> str:
    value = _one_line(c.get("value"))
    q = _one_line(c.get("qualifier"))
    if q and q.lower() not in value.lower():
        value = f"{q} {value}"
    return value


def _cite(c: dict[str, Any]) -> str:
    bits = []
    if c.get("title"):
        bits.append(f"*{_one_line(c['title'])}*")
    if c.get("source"):
        bits.append(_one_line(c["source"]))
    bits.append(code(c.get("doc_id") or ""))
    return ", ".join(bits)


def _actors(actors: list[dict[str, Any]]) -> list[str]:
    out = ["### Who is involved", "",
           "| Actor | Kind | Role | Articles | First seen | Last seen | Timeline dates |",
           "|---|---|---|---:|---|---|---|"]
    for a in actors:
        entries = [date_label(e) for e in a.get("entries") or []]
        shown = ", ".join(entries[:MAX_ENTRY_LABELS])
        if len(entries) > MAX_ENTRY_LABELS:
            shown += f" +{len(entries) - MAX_ENTRY_LABELS} more"
        out.append(
            f"| **{_cell(a.get('name'))}** | {_cell(a.get('kind'))} | {_cell(a.get('role'))} "
            f"| {_cell(a.get('articles'))} | {_cell(date_label(a.get('first_seen')))} "
            f"| {_cell(date_label(a.get('last_seen')))} | {_cell(shown)} |"
        )
    out.append("")
    return out


def _figures(figures: list[dict[str, Any]], flagged: set[tuple[str, int]]) -> list[str]:
    out = ["### Figures over time", "",
           "*Each group lists what the articles said about one figure, in the order of the dates "
           "the figures refer to.*", ""]
    for g in figures:
        total = g.get("claims_total") or len(g.get("claims") or [])
        shown = len(g.get("claims") or [])
        more = f"; {total - shown} similar claims not shown" if total > shown else ""
        note = f" ({g.get('articles', 0)} article{'s' if g.get('articles') != 1 else ''}{more})"
        out.append(f"#### {_one_line(g.get('label')) or 'Figures'}{note}")
        out.append("")
        for c in g.get("claims") or []:
            mark = " ⚠" if (str(c.get("doc_id")), c.get("sentence_index")) in flagged else ""
            out.append(f"- **{_claim_when(c)}** — **{_value(c)}**{mark}: {_quote(c.get('text'))} "
                       f"— {_cite(c)}")
        out.append("")
    return out


def _discrepancies(items: list[dict[str, Any]]) -> list[str]:
    out = ["### Where sources disagree", ""]
    for d in items:
        title = "One event, two dates" if d.get("kind") == "date" else "Figures disagree"
        out.append(f"> **⚠ {title}:** {_one_line(d.get('what'))}")
        out.append(">")
        for c in d.get("claims") or []:
            out.append(f"> - **{_value(c)}** ({_claim_when(c)}): {_quote(c.get('text'))} "
                       f"— {_cite(c)}")
        if d.get("rule"):
            out.append(">")
            out.append(f"> *Why flagged:* {_one_line(d['rule'])}.")
        out.append("")
    return out


def render_digest_markdown(digest: dict[str, Any]) -> str:
    """The "## Story digest" section: actors, figures over time, disagreements."""
    if not isinstance(digest, dict):
        return ""
    actors = [a for a in digest.get("actors") or [] if isinstance(a, dict)]
    figures = [g for g in digest.get("figures") or [] if isinstance(g, dict)]
    disc = [d for d in digest.get("discrepancies") or [] if isinstance(d, dict)]
    n_docs = (digest.get("stats") or {}).get("documents")
    out = ["## Story digest", ""]
    summary = (f"*{len(actors)} actors, {len(figures)} figure groups, {len(disc)} "
               f"disagreement{'s' if len(disc) != 1 else ''}")
    if n_docs is not None:
        summary += f", from {n_docs} articles"
    out += [summary + "; how each part is built: docs/digest.md.*", ""]
    flagged = {(str(c.get("doc_id")), c.get("sentence_index"))
               for d in disc for c in d.get("claims") or [] if isinstance(c, dict)}
    if disc:
        out += _discrepancies(disc)
    if actors:
        out += _actors(actors)
    if figures:
        out += _figures(figures, flagged)
    if not (actors or figures or disc):
        out += ["No actors or figures were found in the usable articles.", ""]
    return "\n".join(out).rstrip() + "\n"
