"""Rows <-> objects: documents, sentences and their time mentions as the store keeps them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from dateline.model import Document, TimeMention

_GRAN = {"day": "d", "month": "m", "year": "y"}
_GRAN_BACK = {v: k for k, v in _GRAN.items()}


def mentions_to_json(sentence: str, mentions: Sequence[TimeMention]) -> str | None:
    """Compact JSON: ``[[start, end, value, "YYYY-MM-DD", "d|m|y"(, text)], ...]``; the text
    is kept only when it is not ``sentence[start:end]``."""
    if not mentions:
        return None
    out = []
    for m in mentions:
        row: list[Any] = [m.start, m.end, m.value, m.date.isoformat(), _GRAN[m.granularity]]
        if sentence[m.start:m.end] != m.text:
            row.append(m.text)
        out.append(row)
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


_DATES: dict[str, dt.date] = {}


def _date(iso: str) -> dt.date:
    d = _DATES.get(iso)
    if d is None:
        d = dt.date.fromisoformat(iso)
        if len(_DATES) < 200_000:
            _DATES[iso] = d
    return d


def mentions_from_json(sentence: str, data: str | None) -> list[TimeMention]:
    if not data:
        return []
    out = []
    for row in json.loads(data):
        start, end = row[0], row[1]
        text = row[5] if len(row) > 5 else sentence[start:end]
        out.append(TimeMention(start, end, text, row[2], _date(row[3]), _GRAN_BACK[row[4]]))  # type: ignore[arg-type]
    return out


DOC_COLS = ("id, path, status, reason, published, date_source, date_confidence, date_evidence, "
             "title, url, source, text, duplicate_of, warnings, fingerprint")
# Document.fingerprint (the dedup signature) is newer than the store: keep it when it exists
_HAS_FINGERPRINT = "fingerprint" in {f.name for f in fields(Document)}


def doc_from_row(r: Sequence[Any]) -> Document:
    doc = Document(
        id=r[0], path=r[1], status=r[2], reason=r[3],
        published=_date(r[4]) if r[4] else None, date_source=r[5], date_confidence=r[6],
        date_evidence=r[7], title=r[8], url=r[9], source=r[10], text=r[11], duplicate_of=r[12],
        warnings=json.loads(r[13]) if r[13] and r[13] != "[]" else [],
    )
    if _HAS_FINGERPRINT:
        doc.fingerprint = r[14]  # type: ignore[attr-defined]
    return doc

