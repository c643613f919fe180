"""Near-duplicate articles (wire copy republished, the same page crawled twice).

MinHash over word 5-shingles with an LSH index (datasketch).  Shingles are hashed with CRC-32
and the 64 permutations applied with numpy in one go (datasketch's own per-shingle SHA-1 is
the slow part of a large run); candidates from the LSH index are confirmed with the exact
Jaccard similarity of the shingle sets.  In each group of near-duplicates
the article kept is the earliest published (then the longest, then the smallest id); the others
are marked ``duplicate`` with ``duplicate_of`` naming the one kept.  Deterministic: the seed is
fixed and the order of the input does not matter.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zlib
from collections.abc import Sequence

import numpy as np

from dateline.model import Document

NUM_PERM = 64
CLEAR_MARGIN = 0.12  # MinHash estimates this far above the threshold need no exact check
SHINGLE = 5
_TOKEN = re.compile(r"\w+")


_RNG = np.random.RandomState(1)
_A = (_RNG.randint(1, 2**31 - 1, NUM_PERM).astype(np.uint64) << np.uint64(1)) | np.uint64(1)
_B = _RNG.randint(0, 2**31 - 1, NUM_PERM).astype(np.uint64)
_MASK = np.uint64(0xFFFFFFFF)


_WORD_HASH: dict[str, int] = {}
_MULT = [np.uint64(0x9E3779B97F4A7C15 ** k % 2**64) for k in range(SHINGLE)]


def _word_hashes(words: list[str]) -> np.ndarray:
    cache = _WORD_HASH
    if len(cache) > 2_000_000:
        cache.clear()
    out = np.empty(len(words), dtype=np.uint64)
    for i, w in enumerate(words):
        h = cache.get(w)
        if h is None:
            h = cache[w] = zlib.crc32(w.encode()) | (zlib.adler32(w.encode()) << 32)
        out[i] = h
    return out


def _shingles(text: str) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word 5-shingles of ``text``."""
    return _shingles_of_words(_TOKEN.findall(text.lower()))


def _shingles_of_words(words: list[str]) -> np.ndarray:
    """Shingle hashes of a lower-cased word sequence (a polynomial hash of per-word hashes,
    computed with numpy over the whole text at once)."""
    if not words:
        return np.empty(0, dtype=np.uint64)
    wh = _word_hashes(words)
    n = max(1, len(words) - SHINGLE + 1)
    acc = np.zeros(n, dtype=np.uint64)
    for k in range(min(SHINGLE, len(words))):
        acc += wh[k : k + n] * _MULT[k]
    acc ^= acc >> np.uint64(29)
    return np.unique(acc & _MASK)


def _signature(hashes: np.ndarray) -> np.ndarray:
    """64 min-hashes: min over shingles of (a * h + b) mod 2**32 for each permutation (a, b)."""
    if hashes.size == 0:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint64)
    return ((np.outer(hashes, _A) + _B) & _MASK).min(axis=0)


def fingerprint(text: str) -> bytes:
    """The per-document part of near-duplicate detection (computed in the worker processes):
    a SHA-1 of the normalised word sequence (20 bytes) followed by the 64 min-hashes (uint32,
    little-endian)."""
    words = _TOKEN.findall(text.lower())
    exact = hashlib.sha1(" ".join(words).encode()).digest()
    return exact + _signature(_shingles_of_words(words)).astype("<u4").tobytes()


def _parts(d: Document) -> tuple[bytes, np.ndarray]:
    fp = d.fingerprint if d.fingerprint and len(d.fingerprint) == 20 + 4 * NUM_PERM else fingerprint(d.text)
    return fp[:20], np.frombuffer(fp[20:], dtype="<u4").astype(np.uint32)


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if a.size == 0 or b.size == 0:
        return 0.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)


def _keep_order(d: Document) -> tuple:
    return (d.published or dt.date.max, -len(d.text), d.id)


def find_duplicates(docs: Sequence[Document], threshold: float = 0.8) -> dict[str, str]:
    """Map the id of every near-duplicate article to the id of the article kept for it."""
    from datasketch import MinHash, MinHashLSH

    candidates = [d for d in docs if d.status == "used" and d.text.strip()]
    candidates.sort(key=_keep_order)
    rank = {d.id: i for i, d in enumerate(candidates)}
    exact: dict[bytes, str] = {}
    result: dict[str, str] = {}
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    shingle_cache: dict[str, np.ndarray] = {}
    sigs: dict[str, np.ndarray] = {}
    by_id = {d.id: d for d in candidates}

    def shingles_of(doc_id: str) -> np.ndarray:
        sh = shingle_cache.get(doc_id)
        if sh is None:
            sh = shingle_cache[doc_id] = _shingles(by_id[doc_id].text)
        return sh

    for d in candidates:
        digest, sig = _parts(d)
        if digest in exact:  # the copy of an article that may itself be a near-duplicate
            result[d.id] = result.get(exact[digest], exact[digest])
            continue
        exact[digest] = d.id
        mh = MinHash(num_perm=NUM_PERM, seed=1, hashvalues=sig, scheme="affine32")
        kept = None
        for other in sorted(lsh.query(mh), key=rank.__getitem__):
            # confirm: a clear MinHash estimate decides; a borderline one is checked against
            # the exact Jaccard similarity of the shingle sets
            estimate = float(np.mean(sigs[other] == sig))
            if estimate >= threshold + CLEAR_MARGIN or (
                estimate > threshold - CLEAR_MARGIN
                and _jaccard(shingles_of(d.id), shingles_of(other)) >= threshold
            ):
                kept = other
                break
        if kept is not None:
            result[d.id] = result.get(kept, kept)
            continue
        lsh.insert(d.id, mh)
        sigs[d.id] = sig
    return result
