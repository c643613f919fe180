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


class _Aside:
    """``fn(texts)`` run in a second process while the caller goes on, its result taken with
    :meth:`result` (the same value as a call in place: the model is the parent's, forked).

    Used when there is a second core to run it on (``parallel``), the platform forks, the
    caller is not itself a daemonic worker (which may not have children), and there is enough
    text to pay for the fork (``min_words``); otherwise ``fn`` runs in place at ``result()``.
    A child that fails for any reason is not fatal either: the work is then done in place.
    """

    def __init__(self, fn: Any, texts: list[str], *, parallel: bool, min_words: int = 2000) -> None:
        import multiprocessing as mp
        import os
        import sys

        self._fn, self._texts, self._future, self._pool = fn, texts, None, None
        words = sum(t.count(" ") + 1 for t in texts)
        if not (parallel and words >= min_words and "fork" in mp.get_all_start_methods()
                and not mp.current_process().daemon and (os.cpu_count() or 1) > 1):
            return
        from concurrent.futures import ProcessPoolExecutor

        _nlp()  # loaded before the fork: the child inherits it and never takes the lock
        for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        try:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("fork"))
            self._future = self._pool.submit(fn, texts)
        except (OSError, RuntimeError):
            self._shutdown()

    def result(self) -> Any:
        if self._future is not None:
            try:
                return self._future.result()
            except Exception:  # a lost child (killed, out of memory): do it here
                pass
            finally:
                self._shutdown()
        return self._fn(self._texts)

    def _shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = self._future = None
