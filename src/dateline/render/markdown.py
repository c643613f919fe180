"""``timeline.md``: dates as headings, each sentence citing its article."""

from __future__ import annotations

from dateline.changes import marks, summary_line
from dateline.model import Timeline
from dateline.render.mdtext import code, escape, link


def _cell(text: str) -> str:
    return escape(text)


def render_markdown(tl: Timeline) -> str:
    out = [f"# {_cell(tl.title)}", ""]
    st = tl.stats
    if tl.entries:
        span = f"{tl.entries[0].label()} – {tl.entries[-1].label()}"
        out.append(
            f"*{len(tl.entries)} dates, {span}; built from {st.get('used', 0)} articles"
            f" ({st.get('duplicates', 0)} duplicates, {st.get('skipped', 0) + st.get('failed', 0)}"
            " not usable).*"
        )
        out.append("")
    if tl.period and tl.period.get("basis") == "publications":
        out.append(f"*Story period: {tl.period['start']} to {tl.period['end']} (from the articles' "
                   f"publication dates); {st.get('background_dates', 0)} dates before it are marked "
                   "background.*")
        out.append("")
    if tl.empty_window():
        out.append(f"*{escape(tl.empty_window() or '')[:1].upper()}{escape(tl.empty_window() or '')[1:]}.*")
        out.append("")
    if tl.changes:
        out.append(f"*Since the previous build: {summary_line(tl.changes)}.*")
        out.append("")
    new_dates, new_sentences = marks(tl.changes)
    notes: dict[str, int] = {}
    order: list[str] = []
    for e in tl.entries:
        flag = "".join(f" *({f})*" for f in e.flags())
        flag += " *(new)*" if e.iso() in new_dates else ""
        out.append(f"## {e.label()}{flag}")
        out.append("")
        for c in e.summary:
            if c.doc_id not in notes:
                order.append(c.doc_id)
                notes[c.doc_id] = len(order)
            new = " *(new)*" if (e.iso(), c.doc_id, c.text) in new_sentences else ""
            out.append(f"- {_cell(c.text)} [^{notes[c.doc_id]}]{new}")
        out.append("")
    if order:
        rows = {r.id: r for r in tl.documents}
        out.append("## Sources")
        out.append("")
        for doc_id in order:
            r = rows.get(doc_id)
            # an article without a title is named once, by its id (at the end), not twice
            bits = [f"*{_cell(r.title)}*"] if r and r.title else []
            if r and r.source:
                bits.append(_cell(r.source))
            if r and r.published:
                when = r.published
                if r.date_source == "inferred":
                    when += f" (date inferred, confidence {r.confidence:.2f})"
                bits.append(escape(when))
            if r and r.url:
                bits.append(link(r.url) or escape(r.url))
            bits.append(code(doc_id))
            out.append(f"[^{notes[doc_id]}]: " + ", ".join(bits))
        out.append("")
    if tl.digest:
        from dateline.render.digest_md import render_digest_markdown

        out.append(render_digest_markdown(tl.digest))
    return "\n".join(out).rstrip() + "\n"
