"""Actors: every name matched in every sentence, counted, classified, given a role and ranked."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dateline.digest.common import EN, STOP, _iso, alternatives
from dateline.digest.inventory import _inventory
from dateline.digest.merge import _merge
from dateline.digest.model import DigestConfig, _Actor
from dateline.digest.names import (
    _CORP_SUFFIXES,
    _LEAD_STOP,
    _TITLES,
    _WIRE_NAMES,
    _norm_name,
    _norm_token,
    _runs,
)
from dateline.digest.roles import _actor_role
from dateline.model import Document, Sentence, TimelineEntry

_KNOWN_ORGS = EN.words("digest_known_organizations")
_ORG_HEADS = EN.words("digest_organization_heads")
_OUTLET_WORDS = EN.words("digest_outlet_words")
_GENERIC_PLACES = EN.words("digest_generic_places")
_PLACE_PREP = re.compile(EN.table("digest_names")["patterns"]["place_preposition"])
_WORLD = re.compile(rf"\b(?:{alternatives(EN.table('digest_figures')['world_words'])})\b", re.I)


class _Matcher:
    """Find the actors named in a sentence: exact runs of capitalised words, no NER."""

    MAX = 8

    def __init__(self, actors: Sequence[_Actor]):
        self.full: dict[str, int] = {}
        self.surname: dict[str, int] = {}
        for i, a in enumerate(actors):
            for al in a.aliases:
                self.full.setdefault(al, i)
            for al in a.surname_aliases:
                self.surname.setdefault(al, i)
        self.maxlen = max([len(k.split()) for k in self.full] + [1])

    def find(self, text: str) -> list[tuple[int, int, int, bool]]:
        """(actor index, start, end, by surname) of every actor named in ``text``."""
        out = []
        for run in _runs(text):
            n = len(run)
            i = 0
            while i < n:
                hit = None
                for j in range(min(n, i + self.maxlen), i, -1):
                    key = " ".join(t.norm for t in run[i:j])
                    if key in self.full:
                        hit = (self.full[key], j, False)
                        break
                    if j == i + 1 and key in self.surname:
                        before = [t.norm for t in run[:i]]
                        alone = j == n and all(b in _TITLES or b in _LEAD_STOP for b in before)
                        titled = j == n and bool(before) and before[-1] in _TITLES
                        if alone or titled:
                            hit = (self.surname[key], j, True)
                            break
                if hit:
                    a_idx, j, by_surname = hit
                    out.append((a_idx, run[i].start, run[j - 1].end, by_surname))
                    i = j
                else:
                    i += 1
        return out


def _sentence_day(s: Sentence) -> dt.date | None:
    days = [m.date for m in s.mentions if m.granularity == "day"]
    return days[0] if days else None


class _Places:
    """The places a sentence names (actors of kind place), to keep figures of places apart."""

    def __init__(self, actors: Sequence[_Actor] = ()):
        self.actors = [a for a in actors if a.kind == "place"]
        self.matcher = _Matcher(self.actors) if self.actors else None

    def __call__(self, text: str) -> frozenset[str]:
        found = {self.actors[i].key for i, *_ in self.matcher.find(text)} if self.matcher else set()
        if _WORLD.search(text):
            found.add("(world)")
        return frozenset(found)


_TEXT_WORD = re.compile(r"[A-Za-z]+")


class _Case:
    """How a text writes its words: in lower case, or capitalised after a lower-case word (not
    a sentence's first word, nor the last word of a name)."""

    def __init__(self, text: str):
        self.lower: Counter = Counter()
        self.upper: Counter = Counter()
        prev = ""
        for m in _TEXT_WORD.finditer(text):
            w = m.group(0)
            if w.islower():
                self.lower[w] += 1
            elif w[:1].isupper() and prev[:1].islower():
                self.upper[w.lower()] += 1
            prev = w

    def mostly_lower(self, word: str) -> bool:
        """Whether ``word`` (lower case) is written in lower case more often (a common word)."""
        return word.isalpha() and self.lower[word] > self.upper[word]


@dataclass
class _Corpus:
    """What the ranking of actors needs to know of the corpus."""

    docs: Sequence[Document]
    entries: Sequence[TimelineEntry]
    by_id: dict[str, Document]
    sample_text: str  # the text NER read
    case: _Case  # how it writes its words

    def __post_init__(self) -> None:
        docs = self.docs
        self.n_docs = max(1, len(docs))
        sources = {d.source for d in docs if d.source}
        self.source_keys = {_norm_name(s) for s in sources}
        pub = sorted({d.published for d in docs if d.published})
        span_days = (pub[-1] - pub[0]).days if pub else 0
        bucket = (lambda x: x.isoformat()) if span_days < 120 else (lambda x: f"{x.year}-{x.month:02d}")
        self.buckets_all = {bucket(d.published) for d in docs if d.published} or {""}
        self.doc_bucket = {d.id: bucket(d.published) for d in docs if d.published}
        self.min_df = 1 if self.n_docs <= 20 else 2


def _build_actors(docs: Sequence[Document], entries: Sequence[TimelineEntry],
                  cfg: DigestConfig) -> tuple[list[dict[str, Any]], dict[str, int], _Places]:
    ents, stats, sample = _inventory(docs, entries, cfg)
    actors = _merge(ents)
    sample_text = "\n".join(sample)
    if not actors:
        return [], stats, _Places()
    case = _Case(sample_text)
    _check_surnames(actors, case)
    _count_mentions(actors, docs, entries)
    corpus = _Corpus(docs, entries, {d.id: d for d in docs}, sample_text, case)
    person_names = {" ".join(x.key.split()[-2:]) for x in actors
                    if x.kind == "person" and len(x.key.split()) >= 2 and x.surname_mentions}
    out = []
    for a in actors:
        if _skip(a, corpus):
            continue
        _reclassify(a, corpus)
        out.append(_actor_row(a, corpus, person_names))
    out.sort(key=lambda x: (-x["salience"], -x["articles"], x["name"]))
    out = out[: cfg.max_actors]
    for i, a in enumerate(out):
        a["id"] = f"a{i + 1}"
    stats["actors_found"] = len(actors)
    return [_order_actor(a) for a in out], stats, _Places(actors)


def _count_mentions(actors: list[_Actor], docs: Sequence[Document],
                    entries: Sequence[TimelineEntry]) -> None:
    """Match every actor in every sentence of every article and of every timeline entry."""
    matcher = _Matcher(actors)
    for d in docs:
        for s in d.sentences:
            for a_idx, start, end, by_surname in matcher.find(s.text):
                a = actors[a_idx]
                a.docs.add(d.id)
                a.mentions += 1
                a.surname_mentions += by_surname
                a.hits.append((d.id, s.index, start, end, d.published or _sentence_day(s), by_surname))
                a.written[re.sub(r"\.{2,}$", "", s.text[start:end])] += 1
    for e in entries:
        iso = e.iso()
        for c in e.summary:
            for a_idx, _s, _e, _b in matcher.find(c.text):
                actors[a_idx].entries.add(iso)


def _check_surnames(actors: list[_Actor], case: _Case) -> None:
    """A bare surname stands for a person only where the corpus bears it out: not a word the
    articles mostly write in lower case ("May", "Live", "Aid"), not a month or weekday, not
    the first name of a person named more often ("Michael" in a story on Michael Jackson)."""
    firsts: Counter = Counter()
    for a in actors:
        if a.kind == "person" and " " in a.key:
            firsts[a.key.split()[0]] = max(firsts[a.key.split()[0]], sum(a.surfaces.values()))
    for a in actors:
        own = sum(a.surfaces.values())
        for s in sorted(a.surname_aliases):
            if s in STOP or firsts.get(s, 0) > own or case.mostly_lower(s):
                a.surname_aliases.discard(s)


def _outlet(key: str) -> bool:
    """A news agency or broadcaster, or one of its outlets ("bbc news", "bbc radio")."""
    words = key.split()
    for n in range(len(words), 0, -1):
        if " ".join(words[:n]) in _WIRE_NAMES:
            return all(w in _OUTLET_WORDS for w in words[n:])
    return False


def _skip(a: _Actor, corpus: _Corpus) -> bool:
    if len(a.docs) < corpus.min_df or a.key in corpus.source_keys or a.key in _GENERIC_PLACES:
        return True
    if _outlet(a.key):
        return True  # a source, not an actor
    if " " not in a.key and a.kind != "person" and a.hits and sum(
            1 for h in a.hits if h[2] <= 1) >= 0.8 * len(a.hits) and len(a.hits) >= 3:
        return True  # a capitalised word that only opens sentences ("Views", "Oil")
    if a.label == "NORP" and a.kind == "group" and not a.key.endswith("s"):
        return True  # a bare adjective of nationality ("Chinese") that names no country here
    return False


def _reclassify(a: _Actor, corpus: _Corpus) -> None:
    """Correct the kind NER gave: a ship named like a person, a town, a company."""
    if a.kind == "person" and len(a.key.split()) >= 2 and a.mentions >= 10 \
            and a.surname_mentions == 0 and not _alone(corpus.sample_text, _display_name(a, a.written or a.surfaces)):
        a.kind = "other"  # never "Mr X" nor "X" alone: a ship or a product, not a person
    if a.kind == "person" and " " not in a.key and len(a.hits) >= 5 and _share_after_preposition(a, corpus) >= 0.3:
        a.kind = "place"  # "in Misrata", "near Misrata"
    if a.kind == "organization" and " " not in a.key and not a.key.isupper() and len(a.hits) >= 5 \
            and a.key not in _KNOWN_ORGS and _share_after_preposition(a, corpus) >= 0.3:
        a.kind = "place"  # "in Hama": a town NER took for an organisation
    if a.kind == "person" and " " not in a.key and len(a.hits) >= 5 and _share_before_noun(a, corpus) >= 0.5:
        a.kind = "group"  # "Alawite community", "Alawite officers": a people or a faith
    if a.kind == "person" and " " in a.key and a.key.split()[-1] in _ORG_HEADS:
        a.kind = "organization"  # "Christian Aid", "Global Live"
    last = a.key.split()[-1]
    if a.kind == "person" and " " in a.key and not a.surname_mentions and last not in STOP \
            and corpus.case.mostly_lower(last):
        a.kind = "other"  # "Michael Forever": a show named like a person, never its last word alone
    if a.kind == "person" and " " in a.key and not a.surname_mentions and len(a.hits) >= 5 \
            and _share_before_noun(a, corpus) >= 0.6:
        a.kind = "other"  # "the Michael Forever concert": a name that qualifies a thing, never a surname alone
    if a.key in _KNOWN_ORGS:
        a.kind = "organization"
    if a.kind != "organization" and any(
            t.split()[-1] in _CORP_SUFFIXES for t in a.aliases if len(t.split()) > 1):
        a.kind = "organization"  # "Transocean Ltd"


def _share_after_preposition(a: _Actor, corpus: _Corpus) -> float:
    prep = sum(1 for h in a.hits if _PLACE_PREP.search(
        corpus.by_id[h[0]].sentences[h[1]].text[max(0, h[2] - 12):h[2]]))
    return prep / len(a.hits)


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")


def _share_before_noun(a: _Actor, corpus: _Corpus) -> float:
    """How often the name is followed by a lower-case word that is no verb's or function word's
    (an adjective before its noun: "Alawite sect")."""
    n = 0
    for h in a.hits:
        m = _NEXT_WORD.match(corpus.by_id[h[0]].sentences[h[1]].text, h[3])
        n += bool(m and m.group(1).islower() and m.group(1) not in STOP and not m.group(1).endswith(("ed", "s")))
    return n / len(a.hits)


def _salience(a: _Actor, corpus: _Corpus) -> float:
    share = len(a.docs) / corpus.n_docs
    spread = len({corpus.doc_bucket[x] for x in a.docs if x in corpus.doc_bucket}) / len(corpus.buckets_all)
    entries = corpus.entries
    tl_share = len(a.entries) / len(entries) if entries else 0.0
    kind_w = 1.0 if a.kind in ("person", "organization") else 0.7 * (1.0 - 0.5 * share)
    return math.log1p(len(a.docs)) * (0.5 + spread) * (1 + tl_share) * kind_w


def _actor_row(a: _Actor, corpus: _Corpus, person_names: set[str]) -> dict[str, Any]:
    by_id = corpus.by_id
    salience = _salience(a, corpus)
    dates = sorted(h[4] for h in a.hits if h[4])
    role, role_cite = (None, None)
    if a.kind == "person":
        role, role_cite = _actor_role(a, by_id,
                                      frozenset(person_names - {" ".join(a.key.split()[-2:])}))
    names = a.written or a.surfaces
    name = _display_name(a, names)
    first_hit = min(a.hits, key=lambda h: (h[4] or dt.date.max, h[0], h[1]))
    return {
        "name": name,
        "kind": a.kind,
        "ner_label": a.label,
        "role": role,
        "articles": len(a.docs),
        "mentions": a.mentions,
        "first_seen": _iso(dates[0]) if dates else None,
        "last_seen": _iso(dates[-1]) if dates else None,
        "entries": sorted(a.entries),
        "aliases": sorted(names, key=lambda s: (-names[s], s))[:6],
        "salience": round(salience, 4),
        "citations": [c for c in (
            {"doc_id": first_hit[0], "sentence_index": first_hit[1],
             "text": by_id[first_hit[0]].sentences[first_hit[1]].text, "why": "first seen"},
            {**role_cite, "why": "role"} if role_cite else None,
        ) if c],
    }


def _alone(text: str, name: str) -> bool:
    """Is the last word of ``name`` used in ``text`` without the rest of the name?"""
    words = name.split()
    if len(words) < 2:
        return True
    last = re.escape(words[-1])
    alone = len(re.findall(rf"\b{last}\b", text))
    full = len(re.findall(rf"\b{re.escape(words[-2])}\s+{last}\b", text))
    return alone > full


def _display_name(a: _Actor, names: Counter) -> str:
    """The name as the articles most often write it; the written-out form of an acronym unless
    the acronym is far more common ("BP", not "British Petroleum"; "United Nations", not "UN")."""
    if not names:
        return a.key
    ranked = sorted(names, key=lambda s: (-names[s], s))
    root = [s for s in ranked if _norm_name(s) == a.key]
    if not root:
        return ranked[0]
    if a.label != "PERSON" and ranked[0].replace(".", "").isupper() and \
            names[ranked[0]] > 4 * names[root[0]]:
        return ranked[0]
    words = root[0].split()
    if len(words) > 1 and _norm_token(words[-1]) in _CORP_SUFFIXES:
        bare = " ".join(words[:-1])
        if names.get(bare, 0) >= names[root[0]]:
            return bare  # "GlaxoSmithKline", not "GlaxoSmithKline Plc"
    return root[0]


def _order_actor(a: dict[str, Any]) -> dict[str, Any]:
    keys = ["id", "name", "kind", "role", "articles", "mentions", "first_seen", "last_seen",
            "entries", "salience", "aliases", "ner_label", "citations"]
    return {k: a[k] for k in keys}
