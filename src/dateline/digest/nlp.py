"""spaCy for the digest: the model loaded once per process (thread-safe), NER and tagging."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from dateline.temporal.syntax import MODEL as MODEL  # one name for the packaged English pipeline


class DigestUnavailable(RuntimeError):
    """The spaCy model the digest needs cannot be loaded."""


_NLP_LOCK = threading.Lock()
_NLP: Any = None


def _nlp() -> Any:
    """The spaCy pipeline (tok2vec, tagger, attribute_ruler, lemmatizer, ner), loaded once."""
    global _NLP
    with _NLP_LOCK:
        if _NLP is None:
            try:
                import spacy

                _NLP = spacy.load(MODEL, exclude=["parser", "senter"])
            except (ImportError, OSError) as exc:
                raise DigestUnavailable(
                    f"the story digest needs the spaCy model {MODEL!r}: {exc}"
                ) from exc
        return _NLP


def _run_ner(texts: list[str]) -> list[list[tuple[int, int, str, str]]]:
    """(start, end, text, label) of the entities of each text (NER component only)."""
    if not texts:
        return []
    nlp = _nlp()
    out = []
    with nlp.select_pipes(enable=["ner"]):
        for doc in nlp.pipe(texts, batch_size=256):
            out.append([(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents])
    return out


@dataclass
class _Tok:
    text: str
    idx: int  # character offset in the sentence
    tag: str
    lemma: str

    @property
    def end(self) -> int:
        return self.idx + len(self.text)


def _run_tagger(texts: list[str]) -> list[list[_Tok]]:
    if not texts:
        return []
    nlp = _nlp()
    enable = [p for p in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer") if p in nlp.pipe_names]
    out = []
    with nlp.select_pipes(enable=enable):
        for doc in nlp.pipe(texts, batch_size=256):
            out.append([_Tok(t.text, t.idx, t.tag_, t.lemma_.lower()) for t in doc if not t.is_space])
    return out
