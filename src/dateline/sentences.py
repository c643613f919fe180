"""Sentence splitting for cleaned article text.

Rule-based and fast (it runs on every article).  Cleaned text has paragraphs separated by blank
lines.  Within a paragraph a line break is a sentence boundary unless the paragraph is
hard-wrapped prose (most of its lines end mid-sentence), which is joined first.  Text that came
from a pre-tokenized corpus (one sentence per line) is therefore split on its lines.
"""

from __future__ import annotations

import re

# Abbreviations after which a period does not end a sentence.
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "lt", "col", "maj", "capt", "cmdr",
    "sgt", "adm", "gov", "sen", "rep", "rev", "hon", "pres", "insp", "supt", "vs", "etc", "inc",
    "co", "corp", "ltd", "no", "nos", "vol", "fig", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri",
    "sat", "sun", "a.m", "p.m", "e.g", "i.e", "u.s", "u.k", "u.n", "approx", "est", "dept",
    "univ", "assn", "bros", "ave", "blvd", "rd", "mt", "ft",
}

# Candidate boundary: terminal punctuation, optional closing quote/bracket, whitespace, then
# something that can start a sentence.
_BOUNDARY = re.compile(r"([.!?]+[\"'\u201d\u2019)\]]*)(\s+)(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_TERMINAL = re.compile(r"[.!?:;\"'\u201d\u2019)\]]$")


def _is_hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 3:
        return False
    open_ends = sum(1 for ln in lines[:-1] if not _TERMINAL.search(ln.rstrip()))
    return open_ends >= 0.6 * (len(lines) - 1)


def split_paragraph(text: str) -> list[str]:
    """Split one paragraph (no line breaks) into sentences."""
    text = text.strip()
    if not text:
        return []
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end(1)
        before = text[start : m.start(1)]
        if m.group(1).startswith("."):
            w = _WORD_BEFORE.search(before)
            if w:
                word = w.group(1).lower().rstrip(".")
                # "Mr.", "Jan.", "U.S." and single initials ("J. Smith") do not end a sentence
                if word in _ABBREV or len(word) == 1 or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
                    continue
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = m.end()
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


def split_sentences(text: str) -> list[str]:
    """Split cleaned article text into sentences, in order."""
    sentences: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        if not lines:
            continue
        chunks = [" ".join(lines)] if _is_hard_wrapped(lines) else lines
        for chunk in chunks:
            sentences.extend(split_paragraph(chunk))
    return sentences
