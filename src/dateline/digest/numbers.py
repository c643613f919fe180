"""Numbers in a sentence: digits and number words, their qualifier, currency, scale, percent."""

from __future__ import annotations

import re

from dateline.digest.common import EN, alternatives

_NUMBERS = EN.table("digest_numbers")
_CURRENCIES = EN.table("digest_currencies")
_QUALIFIERS = EN.table("digest_qualifiers")

_NUMWORDS: dict[str, int] = _NUMBERS["words"]
_SCALES: dict[str, float] = _NUMBERS["scales"]
_SCALES_NEEDING_CURRENCY = frozenset(_NUMBERS["scales_needing_currency"])  # "100m" may be metres
_QUALS: dict[str, str] = _QUALIFIERS["phrases"]  # words -> the digest's qualifier
_TRAILING_QUALS: dict[str, str] = _QUALIFIERS["trailing"]  # "40 or so", "40 or more"
_CURRENCY: dict[str, str] = _CURRENCIES["codes"]


def _trie(words: list[str]) -> str:
    """An alternation of ``words`` grouped by first letter: ``(?:t(?:wo|hree)|f(?:our|ive))``."""
    by_first: dict[str, list[str]] = {}
    for w in words:
        by_first.setdefault(w[0], []).append(w)
    parts = [ws[0] if len(ws) == 1 else f"{first}(?:{alternatives(w[1:] for w in ws)})"
             for first, ws in by_first.items()]
    return f"(?:{alternatives(parts)})"


_QUAL_RE = "|".join(sorted((re.escape(q) for q in _QUALS), key=len, reverse=True))
_NUMWORD_TRIE = _trie(list(_NUMWORDS))
_DIGITS = re.compile(r"(?<![\w.,:\\/])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")
_WORDNUM = re.compile(rf"\b{_NUMWORD_TRIE}(?:[-\s]{_NUMWORD_TRIE})?\b")  # on lower-cased text
_NUM_AFTER = re.compile(
    rf"(?:\s?(?P<scale>{alternatives(_SCALES)})\b)?"
    rf"(?:\s?(?P<pct>{_NUMBERS['patterns']['percent']}))?"
    rf"(?:\s+(?P<curw>{alternatives(_CURRENCIES['written_after'])})\b)?",
    re.I,
)
_NUM_BEFORE = re.compile(
    rf"(?:(?P<qual>\b(?:{_QUAL_RE}))\s+)?(?P<cur>{_CURRENCIES['patterns']['before']})?\s?$",
    re.I,
)
_TRAILING_QUAL = re.compile(_QUALIFIERS["patterns"]["trailing"])


class _Num:
    """A number in a sentence with its qualifier, currency, scale and percent sign."""

    __slots__ = ("_g", "_s", "_e")

    def __init__(self, groups: dict[str, tuple[int, int, str | None]]):
        self._g = groups
        starts = [a for a, _b, t in groups.values() if t]
        ends = [b for _a, b, t in groups.values() if t]
        self._s, self._e = min(starts), max(ends)

    def group(self, name: str | int = 0) -> str | None:
        return self._g[name][2] if name in self._g else None

    def start(self, name: str | None = None) -> int:
        return self._s if name is None else self._g[name][0]

    def end(self, name: str | None = None) -> int:
        return self._e if name is None else self._g[name][1]


def _find_numbers(text: str) -> list[_Num]:
    cores = [(m.start(), m.end()) for m in _DIGITS.finditer(text)]
    cores += [(m.start(), m.end()) for m in _WORDNUM.finditer(text.lower())]
    if not cores:
        return []
    out = []
    last_end = -1
    for start, end in sorted(cores):
        if start < last_end:
            continue
        last_end = end
        g: dict[str, tuple[int, int, str | None]] = {"num": (start, end, text[start:end])}
        b = _NUM_BEFORE.search(text, max(0, start - 30), start)
        if b:
            for k in ("qual", "cur"):
                if b.group(k):
                    g[k] = (b.start(k), b.end(k), b.group(k))
        a = _NUM_AFTER.match(text, end)
        if a:
            for k in ("scale", "pct", "curw"):
                if a.group(k):
                    g[k] = (a.start(k), a.end(k), a.group(k))
        out.append(_Num(g))
    return out


def _value(m: _Num) -> float | None:
    num = m.group("num").lower().replace("a ", "").strip()
    if num[0].isdigit():
        try:
            v = float(num.replace(",", ""))
        except ValueError:
            return None
    else:
        parts = re.split(r"[-\s]+", num)
        vals = [_NUMWORDS.get(p) for p in parts if p]
        if not vals or any(x is None for x in vals):
            return None
        v = 0.0
        for x in vals:
            v = v * x if x in (100,) and v else v + x
    scale = m.group("scale")
    if scale:
        s = scale.lower()
        if s in _SCALES_NEEDING_CURRENCY and not (m.group("cur") or m.group("curw")):
            return None  # "100m" may be metres
        v *= _SCALES[s]
    return v
