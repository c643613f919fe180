"""Actor discovery: which sentences NER reads (within its word budget) and what it finds there."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from dateline.digest.common import EN, STOP, _words
from dateline.digest.model import _KIND, DigestConfig, _Entity, _majority
from dateline.digest.names import (
    _JUNK_NAMES,
    _TITLES,
    _WIRE_NAMES,
    _clean_entity,
    _norm_name,
    _runs,
    _strip_lead,
)
from dateline.digest.nlp import _run_ner
from dateline.model import Document, TimelineEntry

_NAME_CONTINUES = re.compile(EN.table("digest_names")["patterns"]["name_continues"])


def _candidate_sentences(docs: Sequence[Document], cfg: DigestConfig) -> list[tuple[str, int]]:
    """(doc id, sentence index) of the sentences NER reads, within the word budget."""
    first: list[tuple[str, int, int]] = []
    for d in docs:
        n = 0
        for s in d.sentences:
            if n >= cfg.sentences_per_doc:
                break
            if re.search(r"\s[A-Z]", s.text) or re.search(r"^[A-Z]\w*\s+[A-Z]", s.text):
                first.append((d.id, s.index, _words(s.text)))
                n += 1
    if sum(w for _, _, w in first) <= cfg.ner_word_budget:
        return [(a, b) for a, b, _ in first]
    return _frequent_name_sentences(docs, cfg)


def _frequent_name_sentences(docs: Sequence[Document], cfg: DigestConfig) -> list[tuple[str, int]]:
    """Too much text for NER: count the capitalised runs everywhere, then read a few sentences
    for each of the most frequent names, so every frequent name is judged by NER."""
    occ, df = _name_occurrences(docs, cfg)
    chosen: dict[tuple[str, int], int] = {}
    budget = cfg.ner_word_budget
    used = 0
    ranked = sorted((k for k, n in df.items() if n >= 2), key=lambda k: (-df[k], k))[:600]
    for per in (2, 4):  # first two sentences for every frequent name, then two more
        for key in ranked:
            cands = occ[key]
            got = sum(1 for o in cands if (o[0], o[1]) in chosen)
            step = max(1, len(cands) // 4)
            for o in cands[::step] + cands:  # spread over the corpus first
                if got >= per or used >= budget:
                    break
                if (o[0], o[1]) in chosen or used + o[2] > budget:
                    continue
                chosen[(o[0], o[1])] = o[2]
                used += o[2]
                got += 1
            if used >= budget:
                break
    return sorted(chosen)


def _name_occurrences(docs: Sequence[Document], cfg: DigestConfig
                      ) -> tuple[dict[str, list[tuple[str, int, int]]], Counter[str]]:
    """Sentences (doc id, index, words; 24 at most) and article counts of each capitalised run."""
    occ: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    df: Counter[str] = Counter()
    for d in docs:
        seen: set[str] = set()
        for s in d.sentences[: 3 * cfg.sentences_per_doc]:
            w = _words(s.text)
            if w > 60:
                continue
            for run in _runs(s.text):
                run = _strip_lead(run)
                if not run:
                    continue
                key = " ".join(t.norm for t in run)
                if len(occ[key]) < 24:
                    occ[key].append((d.id, s.index, w))
                if key not in seen:
                    seen.add(key)
                    df[key] += 1
    return occ, df


def _inventory(docs: Sequence[Document], entries: Sequence[TimelineEntry],
               cfg: DigestConfig) -> tuple[dict[str, _Entity], dict[str, int], list[str]]:
    by_id = {d.id: d for d in docs}
    picked = _candidate_sentences(docs, cfg)
    texts = [by_id[a].sentences[b].text for a, b in picked]
    seen_texts = set(texts)
    for e in entries:
        for c in e.summary:
            if c.text not in seen_texts:
                texts.append(c.text)
                seen_texts.add(c.text)
    ents = _entities(texts)
    _drop_common_words(ents, texts)
    stats = {"ner_sentences": len(texts), "ner_words": sum(_words(t) for t in texts)}
    return ents, stats, texts


def _entities(texts: list[str]) -> dict[str, _Entity]:
    """The names NER finds in ``texts``, by normalised name, with their labels and forms."""
    ents: dict[str, _Entity] = {}
    for found in _run_ner(texts):
        for _s, _e, text, label in found:
            if label not in _KIND:
                continue
            name = _clean_entity(text, label)
            if not name:
                continue
            key = _norm_name(name)
            if not key or key in _WIRE_NAMES or key in _TITLES or key in _JUNK_NAMES:
                continue
            if name.isupper() and len(name) <= 3 and key in STOP:
                continue  # "NO", "IT"
            ent = ents.setdefault(key, _Entity(key))
            ent.labels[label] += 1
            ent.surfaces[name] += 1
    return ents


def _drop_common_words(ents: dict[str, _Entity], texts: list[str]) -> None:
    """Single words that are also common lower-case words ("Oil", "Energy") are not names."""
    low: Counter[str] = Counter()
    cap_mid: Counter[str] = Counter()
    singles = {k for k in ents if " " not in k}
    for t in texts:
        for m in re.finditer(r"(?<=\s)[A-Za-z][a-z]+\b", t):
            w = m.group(0)
            lw = w.lower()
            if lw in singles:
                if not w[0].isupper():
                    low[lw] += 1
                elif not (re.search(r"[A-Z][\w.'-]*\s+$", t[max(0, m.start() - 30):m.start()])
                          or _NAME_CONTINUES.match(t[m.end():m.end() + 6])):
                    cap_mid[lw] += 1  # on its own, not inside a longer name
    for k in sorted(singles):
        acronym = ents[k].surfaces.most_common(1)[0][0].replace(".", "").isupper()
        ratio = 2 if _majority(ents[k].labels) == "PERSON" else 1
        if not acronym and low[k] >= 2 and low[k] > ratio * cap_mid[k]:
            del ents[k]
