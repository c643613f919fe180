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


# What wire copy and news sites glue in front of the first sentence of a story: the agency
# dateline ("TRIPOLI | Tue Mar 1, 2011 6:36 pm EST TRIPOLI (Reuters) - "), bylines, time stamps
# ("21 December 2011 Last updated at 04:27 GMT"), photo credits.  The sentence starts after it.
_LEAD_IN_ANCHORS = [
    re.compile(r"\((?:Reuters|AP|AFP|CNN|BBC|UPI|dpa|Xinhua|Bloomberg|[A-Z][A-Za-z]{1,14}(?: [A-Z][a-z]+)?)\)"
               r"\s*(?:--|-|\u2013|\u2014|:)\s*"),
    re.compile(r"\b(?:Page\s+)?[Ll]ast\s+updated\s+at\s+\d{1,2}[:.]\d\d\s*(?:GMT|BST|UTC|ET|EST|EDT)?"
               r"(?:,\s*\w+day,\s*\d{1,2}\s+\w+\s+\d{4}(?:\s+\d{1,2}[:.]\d\d\s*UK)?)?(?:\s+Help)?\s+"),
    re.compile(r"\b[Uu]pdated:?\s+\w{3}\s+\w{3}\s+\d{1,2},?\s+\d{4}\s+\d\d:\d\d(?::\d\d)?(?:\s*[A-Z]{2,4})?\s+"),
    re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s+"
               r"\d{1,2}[.:]\d\d\s*(?:BST|GMT|EST|EDT|ET|UTC|CET)\s+"),
    re.compile(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+[A-Z][a-z]+\s+\d{1,2},\s+\d{4};\s*"
               r"\d{1,2}:\d\d\s*[AP]M\s+"),
    re.compile(r"^Photograph:\s*(?:\S+\s){0,4}?\S*\\?/[A-Za-z]+\s+"),
    re.compile(r"^By\s+(?:the\s+)?[A-Z][\w.'-]*(?:\s+(?:and\s+)?[A-Z][\w.'-]*){0,5},?\s+(?:CNN|BBC News|Reuters|"
               r"Associated Press|AP|Staff Writer|Wire Staff)(?:\s+Wire\s+Staff)?\s+(?=[A-Z])"),
    re.compile(r"^(?:--\s*)?\((?:Updated?:?\s*)?[^()]{0,80}\d{1,2}:\d\d[^()]{0,80}"
               r"(?:\([^()]{0,40}\)[^()]{0,40})?\):?\s*"),
    re.compile(r"\|\s*By\s+(?:the\s+)?[A-Z][^|]{0,60}?\b(?:Staff|CNN|Reuters|Correspondent|Writer)\s+(?=[A-Z])"),
]
_COMMENT_STAMP = re.compile(  # "March 8, 2011 at 6:18 pm |", "24th June 2011 - 20:55 My heart..."
    r"^(?:[A-Z][a-z]+\.? \d{1,2}(?:st|nd|rd|th)?, \d{4}|\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+,? \d{4}|"
    r"\d{4}-\d\d-\d\d)(?: at| -|,)? \d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?\s*(?:\||[A-Z])"
)


def strip_lead_in(sentence: str, *, window: int = 300) -> str:
    """The sentence without a dateline, byline or time stamp glued to its front ("" if it was
    nothing but that, or a reader's comment)."""
    if _COMMENT_STAMP.match(sentence):
        return ""
    cut = 0
    for pat in _LEAD_IN_ANCHORS:
        for m in pat.finditer(sentence, 0, min(len(sentence), window + 60)):
            if m.end() <= window and m.end() > cut and m.end() < len(sentence):
                cut = m.end()
    if cut:
        rest = sentence[cut:].lstrip(" -:|")
        if rest[:1].isupper() or rest[:1] in "\"'\u201c(":
            return rest
    return sentence


def split_sentences(text: str) -> list[str]:
    """Split cleaned article text into sentences, in order (lead-ins stripped)."""
    sentences: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        if not lines:
            continue
        chunks = [" ".join(lines)] if _is_hard_wrapped(lines) else lines
        for chunk in chunks:
            for sent in split_paragraph(chunk):
                sent = strip_lead_in(sent)
                if sent:
                    sentences.append(sent)
    return sentences
