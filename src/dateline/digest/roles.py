"""Roles: what the articles say a person is ("Norway's chief negotiator", "director general of ...")."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from dateline.digest.common import EN, alternatives
from dateline.digest.model import _Actor
from dateline.digest.names import _POSS, _TITLES, _norm_token
from dateline.model import Document

_ROLES = EN.table("digest_roles")
_ROLE_NOUNS = EN.words("role_nouns")
_ROLE_MODS = EN.words("role_modifiers")
_APPOS_BAD_START = EN.words("role_apposition_bad_starts")
_ROLE_ANCHORS = frozenset(_ROLES["anchors"])
_TITLES_ALONE = frozenset(_ROLES["titles_alone"])  # a role when the only word before a name
_JOINERS = frozenset(_ROLES["joiners"])  # "Secretary of State"
_TRIM_END = frozenset(_ROLES["trim_end"])
_PHRASE_TRIM_END = frozenset(_ROLES["phrase_trim_end"])
_NOT_IN_ROLE = frozenset(_ROLES["not_in_role"])
_HEAD_BREAKS = frozenset(_ROLES["head_breaks"])

_WORD = re.compile(r"[\w.&'\u2019-]+")
_APPOSITION_AFTER = re.compile(
    rf"\s*,\s*(?:(?:{alternatives(_ROLES['apposition_articles'])})\s+)?"
    r"([^,;:()\u2013\u2014\"]{3,140}?)\s*(?:,|;|\.\s|\.$|\u2013|\u2014|\(|$)"
)
_CLAUSE_ENDING = re.compile(rf"(?:{alternatives(_ROLES['clause_endings'])})$")


def _role_before(text: str, start: int, others: frozenset[str] = frozenset()) -> str | None:
    """'Norway's chief negotiator' in 'Norway's chief negotiator Ingrid Halvorsen'."""
    words = list(_WORD.finditer(text[:start]))
    if not words or text[words[-1].end():start].strip():
        return None
    picked: list[str] = []
    has_role = False
    for i in range(len(words) - 1, -1, -1):
        w = words[i].group(0)
        base = _POSS.sub("", w)
        low = base.lower().rstrip(".")
        if i < len(words) - 1 and text[words[i].end():words[i + 1].start()].strip():
            break  # punctuation between words
        if not picked:
            if low not in _ROLE_NOUNS:
                return None
            has_role = True
            picked.append(w)
            continue
        if w[0].isupper() and i > 0 and (
                _norm_token(_POSS.sub("", words[i - 1].group(0))) + " " + _norm_token(base)) in others:
            break  # another person's name ("Phil Spector Int Home Secretary Theresa May")
        if w[0].isupper() or low in _ROLE_MODS or low in _ROLE_NOUNS or (
            low in _JOINERS and picked and picked[-1][0].isupper()
        ):
            picked.append(w)
            continue
        break
    while picked and picked[-1].lower() in _TRIM_END:
        picked.pop()
    # a joiner after a word that is no role ("Supporters of President"): the role starts after it
    while len(picked) > 1 and picked[-2].lower() in _JOINERS and \
            _POSS.sub("", picked[-1]).lower().rstrip(".") not in _ROLE_NOUNS | _TITLES:
        picked = picked[:-2]
    if not has_role or not picked:
        return None
    role = " ".join(reversed(picked))
    first = picked[-1]
    if len(picked) == 1 and first.lower() in _TITLES and first.lower() not in _TITLES_ALONE:
        return None
    return role


def _role_after(text: str, end: int) -> str | None:
    """'director general of the Harbour Authority' in 'Pavel Kostadinov, director general of ..., '."""
    m = _APPOSITION_AFTER.match(text[end:])
    if not m:
        return None
    phrase = m.group(1).strip()
    words = phrase.split()
    if not words or len(words) > 14 or words[0].lower() in _APPOS_BAD_START:
        return None
    return _trim_role(words) if _role_head_ok(words) else None


def _trim_role(words: list[str]) -> str:
    """Cut a role phrase before a clause: "Secretary of State saying ..." -> "Secretary of State"."""
    out = []
    for w in words:
        if w[0].islower() and _CLAUSE_ENDING.search(w) and w.lower() not in _ROLE_MODS:
            break
        out.append(w)
    while out and out[-1].lower() in _PHRASE_TRIM_END:
        out.pop()
    return " ".join(out)


def _role_head_ok(words: list[str]) -> bool:
    """A role phrase is headed by a role noun: "director general (of ...)", "expert (at ...)"."""
    low = [re.sub(r"[^\w-]", "", _POSS.sub("", w)).lower() for w in words]
    if any(w in _NOT_IN_ROLE for w in low):
        return False
    head = []
    for w in low:
        if w in _HEAD_BREAKS:
            break
        head.append(w)
    return bool(head) and len(head) <= 6 and head[-1] in _ROLE_NOUNS


def _role_preceding_apposition(text: str, start: int) -> str | None:
    """'head of the rescue delegation' in '... the head of the ... delegation, Diallo'."""
    before = text[:start]
    if not re.search(r",\s*$", before):
        return None
    seg = before.rstrip()[:-1]
    seg = re.split(r"[,;:()\"\u201c\u201d]", seg)[-1]
    words = seg.split()
    if not words:
        return None
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in _ROLE_ANCHORS and i < len(words) - 1:
            cand = words[i + 1:]
            if len(cand) <= 12 and _role_head_ok(cand):
                return _trim_role(cand)
    return None


def _actor_role(a: _Actor, by_id: dict[str, Document],
                others: frozenset[str] = frozenset()) -> tuple[str | None, dict[str, Any] | None]:
    roles: Counter[str] = Counter()
    first: dict[str, tuple[str, int, str]] = {}
    for doc_id, idx, start, end, _, by_surname in a.hits[:80]:
        text = by_id[doc_id].sentences[idx].text
        for r in (_role_before(text, start, others), _role_after(text, end),
                  _role_preceding_apposition(text, start)):
            if not r or (by_surname and len(r.split()) == 1):
                continue  # "President Clinton" may be another Clinton
            r = r.strip(" ,;:")
            k = r.casefold()
            roles[k] += 1
            first.setdefault(k, (r, idx, doc_id))
    if not roles:
        return None, None
    # vote on the role's core ("home secretary"), then show its most common full wording
    cores: Counter[str] = Counter()
    for k, n in roles.items():
        cores[_role_core(k)] += n
    order = list(first)
    core = sorted(cores, key=lambda c: (-cores[c], min(order.index(k) for k in roles
                                                       if _role_core(k) == c)))[0]
    best = sorted((k for k in roles if _role_core(k) == core),
                  key=lambda k: (-roles[k], len(k), order.index(k)))[0]
    text, idx, doc_id = first[best]
    return text, {"doc_id": doc_id, "sentence_index": idx, "text": by_id[doc_id].sentences[idx].text}


def _role_core(role: str) -> str:
    head = []
    for w in role.lower().split():
        if w in _HEAD_BREAKS:
            break
        head.append(_POSS.sub("", w))
    return " ".join(head[-2:])
