"""Merging name variants into actors: titles and surnames, first names, spellings, acronyms,
corporate suffixes, nationalities (docs/digest.md, "Merging")."""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict

from dateline.digest.common import EN
from dateline.digest.model import _KIND, _Actor, _Entity, _majority
from dateline.digest.names import _CORP_SUFFIXES, _SUFFIXES, _bare_surname

_NATIONALITIES = EN.table("nationalities")
_DEMONYMS: dict[str, str] = _NATIONALITIES["countries"]
_DEMONYM_SUFFIXES = tuple(_NATIONALITIES["suffixes"])
_STEM_FINAL = _NATIONALITIES["stem_final_letters"]  # "Kenya" -> "Keny" + "an"
_INITIALS_SKIP = frozenset(EN.table("digest_names")["initials_skip"])
_PLACE_LABELS = ("GPE", "LOC", "FAC")
_ACRONYM_LABELS = ("ORG", "GPE", "LOC", "FAC", "NORP")


class _Merger:
    """The entities being merged: each one's label and count, and the name it joins."""

    def __init__(self, ents: dict[str, _Entity]):
        self.ents = ents
        self.label_of = {k: _majority(e.labels) for k, e in ents.items()}
        self.target: dict[str, str] = {k: k for k in ents}
        self.count = {k: sum(e.labels.values()) for k, e in ents.items()}

    def root(self, k: str) -> str:
        return _resolve(self.target, k)

    def family(self, root: str) -> int:
        return _family_count(root, self.target, self.count)

    def join(self, a: str, b: str) -> None:
        """The less frequent (then longer) of two names joins the other."""
        keep = max((a, b), key=lambda x: (self.count[x], -len(x), x))
        self.target[b if keep == a else a] = keep


def _merge(ents: dict[str, _Entity]) -> list[_Actor]:
    """Merge name variants into actors."""
    m = _Merger(ents)
    persons = sorted(k for k, lab in m.label_of.items() if lab == "PERSON")
    multi = [k for k in persons if len(k.split()) >= 2]
    by_last: dict[str, list[str]] = defaultdict(list)
    for k in multi:
        by_last[_last_token(k)].append(k)
        # "Bashar al-Assad" is also "Assad"
        bare = _bare_surname(_last_token(k))
        if bare:
            by_last[bare].append(k)
    _join_full_names(m, multi, by_last)
    _join_spellings(m, multi)  # "Moammar Gadhafi" / "Muammar Gaddafi"
    orgs = sorted(k for k, lab in m.label_of.items() if lab == "ORG" and len(k.split()) >= 2)
    _join_spellings(m, orgs)  # "World Health Organisation" / "World Health Organization"
    ambiguous = _join_single_words(m, multi, by_last)
    _join_corporate_suffixes(m)
    _join_acronyms(m)
    _join_nationalities(m)
    _join_org_tails(m, orgs)  # "Security Council" / "UN Security Council"
    actors = _actors(m, ambiguous)
    _drop_shared_surnames(actors)
    return actors


def _last_token(k: str) -> str:
    toks = [t for t in k.split() if t not in _SUFFIXES]
    return toks[-1] if toks else k


def _join_full_names(m: _Merger, multi: list[str], by_last: dict[str, list[str]]) -> None:
    """Full names with the same first and last word: the shorter joins the more frequent."""
    for k in multi:
        toks = k.split()
        for other in by_last[_last_token(k)]:
            if other == k:
                continue
            o = other.split()
            if o[0] == toks[0] and len(o) != len(toks):
                m.join(k, other)
            elif len(o) == len(toks) == 2 and o[0] != toks[0] and _short_form(o[0], toks[0]) \
                    and m.label_of.get(k) == m.label_of.get(other) == "PERSON":
                m.join(k, other)  # "Ed Chernoff" is "Edward Chernoff"


def _short_form(a: str, b: str) -> bool:
    """Whether one first name is the short form of the other by its first letters (Ed /
    Edward, Chris / Christopher), not an initial."""
    short, full = sorted((a, b), key=len)
    return len(short) >= 2 and len(full) > len(short) and full.startswith(short) and short.isalpha()


def _join_spellings(m: _Merger, keys: list[str]) -> None:
    """Spelling variants of one name join the more frequent."""
    for i, k in enumerate(keys):
        for other in keys[i + 1:]:
            if m.root(k) != m.root(other) and _spelling_variant(k, other):
                m.join(k, other)


def _join_org_tails(m: _Merger, orgs: list[str]) -> None:
    """An organisation's name that is the end of one other organisation's longer name joins it
    ("Security Council" is the UN Security Council) when the longer one is named at least a
    third as often; of several longer names, only one named three times as often as the others
    together."""
    for k in orgs:
        # the longer name adds a name in front ("UN", "UK", "Syrian"), not a word ("Free")
        longer = {m.root(o) for o in orgs if o != k and o.endswith(" " + k)
                  and o[: -len(k) - 1] in m.ents}
        ranked = sorted(longer, key=lambda x: (-m.family(x), x))
        if ranked and m.family(ranked[0]) >= 3 * sum(m.family(x) for x in ranked[1:]):
            root = ranked[0]
            if root != m.root(k) and 3 * m.family(root) >= m.count[k]:
                m.target[m.root(k)] = root


def _join_single_words(m: _Merger, multi: list[str], by_last: dict[str, list[str]]) -> set[str]:
    """A bare surname joins the one full name ending with it, a bare first name the one full
    name starting with it; the ambiguous ones (several people) are returned."""
    by_first: dict[str, set[str]] = defaultdict(set)
    for k in multi:
        by_first[k.split()[0]].add(m.root(k))
    ambiguous: set[str] = set()
    for k, lab in m.label_of.items():
        toks = k.split()
        if len(toks) != 1 or lab in _PLACE_LABELS:
            continue
        if lab == "NORP":
            continue
        full = _surname_of(m, k, by_last)
        firsts = by_first.get(k, set())
        if len(full) == 1:  # a rare name starting with the word does not make it ambiguous
            top = m.family(sorted(full)[0])
            firsts = {f for f in firsts if 3 * m.family(f) > top}
        if lab != "PERSON" and not (m.ents[k].labels.get("PERSON") or full):
            continue
        if len(full) == 1 and not (firsts - full):
            m.target[k] = sorted(full)[0]
        elif not full and len(firsts) == 1 and lab == "PERSON":
            m.target[k] = sorted(firsts)[0]  # "Jermaine" is Jermaine Jackson
        elif lab == "PERSON" and len(full | firsts) > 1:
            ambiguous.add(k)
    return ambiguous


def _surname_of(m: _Merger, k: str, by_last: dict[str, list[str]]) -> set[str]:
    """The full names (roots) ending with the word ``k``; only the first when it is named three
    times as often as the others ("Gadhafi" is Moammar Gadhafi, not one of his sons)."""
    full = {m.root(f) for f in by_last.get(k, [])}
    if len(full) > 1:
        ranked = sorted(full, key=lambda x: (-m.family(x), x))
        top = m.family(ranked[0])
        if top >= 3 * sum(m.family(x) for x in ranked[1:]):
            full = {ranked[0]}
    return full


def _join_corporate_suffixes(m: _Merger) -> None:
    """A corporate suffix is dropped: "BP PLC" is BP."""
    for k, lab in m.label_of.items():
        toks = k.split()
        if lab == "ORG" and len(toks) >= 2 and toks[-1] in _CORP_SUFFIXES:
            base = " ".join(toks[:-1])
            if base in m.ents:
                m.target[k] = base


def _join_acronyms(m: _Merger) -> None:
    """Acronyms join the organisation or place they abbreviate."""
    long_by_initials: dict[str, list[str]] = defaultdict(list)
    for k, lab in m.label_of.items():
        if lab in _ACRONYM_LABELS and _initials(k):
            long_by_initials[_initials(k)].append(k)
            first, _, rest = k.partition(" ")
            if m.label_of.get(first) in _ACRONYM_LABELS and _initials(rest):
                # a country or body in front of the name: "UK Disasters Emergency Committee" is DEC,
                # "UN World Food Programme" WFP
                long_by_initials[_initials(rest)].append(k)
    for k, lab in m.label_of.items():
        if lab in _ACRONYM_LABELS and len(k.split()) == 1 and 2 <= len(k) <= 6:
            surf = m.ents[k].surfaces.most_common(1)[0][0]
            if surf.replace(".", "").isupper():
                cands = {x for x in set(long_by_initials.get(k, [])) - {k}
                         if not any(t in (k, surf.lower()) for t in x.split())}
                weight = _one_body(cands, m)
                longs = sorted(weight, key=lambda x: (-weight[x], x))
                if longs and (len(longs) == 1 or weight[longs[0]] >= 3 * weight[longs[1]]):
                    m.target[k] = longs[0]


def _one_body(cands: set[str], m: _Merger) -> dict[str, int]:
    """The names an acronym may stand for, each with its mentions; a name that is the tail of
    another, or the same but for a joining word, is one body with it ("Disasters Emergency
    Committee", "Disasters and Emergency Committee" and "UK Disasters Emergency Committee"),
    counted with the longest (the most mentioned of equals)."""
    def norm(x: str) -> str:
        return " ".join(w for w in x.split() if w not in _INITIALS_SKIP)

    weight = {x: _family_count(x, m.target, m.count) for x in cands}
    order = sorted(cands, key=lambda x: (-len(norm(x).split()), -weight[x], x))
    out: dict[str, int] = {}
    for x in order:
        host = next((y for y in out if norm(y) == norm(x) or norm(y).endswith(" " + norm(x))), None)
        if host is None:
            out[x] = weight[x]
        else:
            out[host] += weight[x]
    return out


def _join_nationalities(m: _Merger) -> None:
    """Nationalities join their country ("Japanese" -> Japan)."""
    places = {k for k, lab in m.label_of.items() if lab in ("GPE", "LOC")}
    for k, lab in m.label_of.items():
        if lab != "NORP":
            continue
        country = _DEMONYMS.get(k)
        if country is None:
            country = _country_by_suffix(k, places)
        if country and country in places:
            m.target[k] = country


def _country_by_suffix(k: str, places: set[str]) -> str | None:
    for p in sorted(places):
        stems = {p, p[:-1]} if len(p) > 4 and p[-1] in _STEM_FINAL else {p}
        base = k[:-1] if k.endswith("s") and not k.endswith("ss") else k
        if any(base == s + suf for s in stems for suf in _DEMONYM_SUFFIXES):
            return p
    return None


def _actors(m: _Merger, ambiguous: set[str]) -> list[_Actor]:
    """One actor per merged group of names (the ambiguous names left out)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for k in sorted(m.ents):
        if k in ambiguous:
            continue
        groups[m.root(k)].append(k)
    actors: list[_Actor] = []
    for root, members in sorted(groups.items()):
        labels: Counter = Counter()
        surfaces: Counter = Counter()
        for k in members:
            labels.update(m.ents[k].labels)
            surfaces.update(m.ents[k].surfaces)
        lab = m.label_of[root]
        if lab == "NORP" and any(m.label_of[k] != "NORP" for k in members):
            lab = _majority(Counter({m_lab: n for m_lab, n in labels.items() if m_lab != "NORP"}))
        a = _Actor(id="", key=root, kind=_KIND[lab], label=lab, surfaces=surfaces)
        for k in members:
            if lab == "PERSON" and len(k.split()) == 1 and k != root:
                a.surname_aliases.add(k)
            else:
                a.aliases.add(k)
        if lab == "PERSON" and len(root.split()) >= 2:
            a.surname_aliases.add(_last_token(root))
            bare = _bare_surname(_last_token(root))
            if bare:
                a.surname_aliases.add(bare)
        actors.append(a)
    return actors


def _drop_shared_surnames(actors: list[_Actor]) -> None:
    """A surname shared by two people is nobody's (unless one of them dominates), and a name
    that is another actor's full alias is no surname."""
    owners: dict[str, list[_Actor]] = defaultdict(list)
    for a in actors:
        for s in a.surname_aliases:
            owners[s].append(a)
    for s, lst in owners.items():
        if len(lst) > 1:
            lst.sort(key=lambda a: (-sum(a.surfaces.values()), a.key))
            top = sum(lst[0].surfaces.values())
            rest = sum(sum(a.surfaces.values()) for a in lst[1:])
            for a in lst[1:] if top >= 3 * rest else lst:  # unless one of them dominates
                a.surname_aliases.discard(s)
    alias_all = {al for a in actors for al in a.aliases}
    for a in actors:
        a.surname_aliases -= alias_all - a.aliases


def _initials(key: str) -> str:
    words = [w for w in key.split() if w not in _INITIALS_SKIP]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _family_count(root: str, target: dict[str, str], count: dict[str, int]) -> int:
    return sum(n for k, n in count.items() if _resolve(target, k) == root)


def _spelling_variant(a: str, b: str) -> bool:
    """Two spellings of one name: word by word nearly the same ("gadhafi" ~ "gaddafi")."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or a == b:
        return False
    for x, y in zip(ta, tb, strict=True):
        if x == y:
            continue
        if min(len(x), len(y)) < 5 or x[0] != y[0] and {x[0], y[0]} != {"g", "q"}:
            return False
        if difflib.SequenceMatcher(None, x, y).ratio() < 0.78:
            return False
    return True


def _resolve(target: dict[str, str], k: str) -> str:
    seen = set()
    while target.get(k, k) != k and k not in seen:
        seen.add(k)
        k = target[k]
    return k
