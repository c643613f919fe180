"""Near-duplicate articles (wire copy republished, the same page crawled twice).

MinHash over word 5-shingles with an LSH index (datasketch).  In each group of near-duplicates
the article kept is the earliest published (then the longest, then the smallest id); the others
are marked ``duplicate`` with ``duplicate_of`` naming the one kept.  Deterministic: the seed is
fixed and the order of the input does not matter.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence

from dateline.model import Document

NUM_PERM = 64
SHINGLE = 5
_TOKEN = re.compile(r"\w+")


def _shingles(text: str) -> set[bytes]:
    words = _TOKEN.findall(text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def _keep_order(d: Document) -> tuple:
    return (d.published or dt.date.max, -len(d.text), d.id)


def find_duplicates(docs: Sequence[Document], threshold: float = 0.8) -> dict[str, str]:
    """Map the id of every near-duplicate article to the id of the article kept for it."""
    from datasketch import MinHash, MinHashLSH

    candidates = [d for d in docs if d.status == "used" and d.text.strip()]
    candidates.sort(key=_keep_order)
    rank = {d.id: i for i, d in enumerate(candidates)}
    exact: dict[str, str] = {}
    result: dict[str, str] = {}
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    shingle_sets: dict[str, set[bytes]] = {}
    for d in candidates:
        digest = hashlib.sha1(" ".join(_TOKEN.findall(d.text.lower())).encode()).hexdigest()
        if digest in exact:
            result[d.id] = exact[digest]
            continue
        exact[digest] = d.id
        sh = _shingles(d.text)
        mh = MinHash(num_perm=NUM_PERM, seed=1)
        mh.update_batch(list(sh))
        kept = None
        for other in sorted(lsh.query(mh), key=rank.__getitem__):
            # confirm with the exact Jaccard to avoid MinHash false positives
            o = shingle_sets[other]
            if sh and o and len(sh & o) / len(sh | o) >= threshold:
                kept = other
                break
        if kept is not None:
            result[d.id] = result.get(kept, kept)
            continue
        lsh.insert(d.id, mh)
        shingle_sets[d.id] = sh
    return result
