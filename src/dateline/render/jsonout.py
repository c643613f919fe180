"""``timeline.json``: the documented, versioned schema (see docs/schema.md)."""

from __future__ import annotations

import json
from typing import Any

from dateline.model import SCHEMA, Timeline


def timeline_to_dict(tl: Timeline) -> dict[str, Any]:
    from dateline.version import __version__

    return {
        "schema": SCHEMA,
        "title": tl.title,
        "generated_with": f"dateline {__version__}",
        "config": tl.config,
        "stats": tl.stats,
        "period": tl.period,
        "changes": tl.changes,
        "entries": [
            {
                "date": e.iso(),
                "granularity": e.granularity,
                "label": e.label(),
                "sources": e.sources,
                "score": e.score,
                "low_confidence": e.low_confidence,
                "date_inferred": e.date_inferred,
                "background": e.background,
                "flags": e.flags(),
                "evidence": e.evidence,
                "summary": [
                    {
                        "text": c.text,
                        "doc_id": c.doc_id,
                        "source": c.source,
                        "url": c.url,
                        "title": c.title,
                        "published": c.published,
                        "date_inferred": c.date_inferred,
                    }
                    for c in e.summary
                ],
            }
            for e in tl.entries
        ],
        "coverage": [{"date": d, "articles": n} for d, n in tl.coverage],
        "digest": tl.digest,
        "documents": [
            {k: v for k, v in row.to_dict().items() if k != "text"} for row in tl.documents
        ],
    }


def render_json(tl: Timeline) -> str:
    return json.dumps(timeline_to_dict(tl), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
