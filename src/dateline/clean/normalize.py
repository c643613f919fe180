"""Normalisation of scraped text (entities, spaces, invisible and control characters) and
Penn-Treebank detokenization."""

from __future__ import annotations

import html as html_lib
import re
import unicodedata

# invisible characters, and the bidirectional embeddings/overrides/isolates that would reorder
# what a reader of an output sees
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(
    "[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\x0b\x0c]{2,}|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\x0b\x0c]"
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")


_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _unescape(text: str) -> str:
    """HTML entities left in scraped text (``&amp;``, ``&#8217;``), until none is left."""
    for _ in range(5):
        new = _ENTITY.sub(lambda m: html_lib.unescape(m.group(0)), text)
        if new == text:
            break
        text = new
    return text


def _normalize(text: str) -> str:
    """Unicode NFC, one kind of space, no invisible/control characters, stripped lines."""
    if "&" in text and ";" in text:
        text = _unescape(text)
    if "\r" in text or not text.isascii():
        text = _NEWLINES.sub("\n", text)
        text = unicodedata.normalize("NFC", text)
        text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


# --------------------------------------------------------------------------------------------
# PTB detokenization
# --------------------------------------------------------------------------------------------

_PTB_BRACKETS = re.compile(r"-[LR][RSC]B-")


def is_ptb_tokenized(text: str) -> bool:
    """True when ``text`` looks Penn-Treebank tokenized (``-LRB-``, ``` `` ```, `` ,``, `` 's``)."""
    sample = text[:6000]
    split = (
        sample.count(" , ") + sample.count(" .\n") + sample.count(" n't ") + sample.count(" 's ")
        + (1 if sample.rstrip().endswith(" .") else 0)
    )
    if not split:
        return False
    strong = sample.count("-LRB-") + sample.count("-RRB-") + sample.count("`` ") + sample.count(" ''")
    normal = (
        sample.count(", ") - sample.count(" , ") + sample.count(".\n") - sample.count(" .\n")
        + sample.count("n't ") - sample.count(" n't ") + sample.count("'s ") - sample.count(" 's ")
    )
    if strong and split >= normal:
        return True
    return split >= 3 and split >= 2 * normal


_BRACKET_MAP = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
# spaces PTB put before punctuation and clitics (removed; never a newline)
_DETOK_SPACE = re.compile(
    r" +(?=[,;:%!?)\]}]|\.(?:[ \n\"')\]]|\.\.|$)|n't\b|N'T\b|"
    r"'(?:s|re|ve|ll|d|m|S|RE|VE|LL|D|M)(?![A-Za-z]))",
    re.M,
)
_CLOSING_SINGLE = re.compile(r" '(?=[ ,.;:!?)\"\n]|\Z)")
_AFTER_OPEN = (("( ", "("), ("[ ", "["), ("{ ", "{"), ("$ ", "$"), ("# ", "#"))
# the Treebank writes the pound sign as "#" ("# 5m", its tag for currency "#"): before a number
# it is the pound again
_PTB_POUND = re.compile(r"(?<![\w#])# ?(?=\d)")
_DOUBLE_DOT = re.compile(r"\.\.(?=\n|\Z)")


def _fix_double_dot(m: re.Match[str]) -> str:
    i = m.start()
    return "." if i > 0 and m.string[i - 1].isalpha() else m.group(0)  # "U.S. ." -> "U.S."


def detokenize_ptb(text: str) -> str:
    """Undo PTB tokenization (the line structure is kept).

    >>> detokenize_ptb("He said `` we ca n't go '' -LRB- AP -RRB- , Obama 's aide said .")
    'He said "we can\'t go" (AP), Obama\'s aide said.'
    """
    if "\\" in text:  # PTB escapes a slash and an asterisk ("Presenter\\/Rowan Pelling")
        text = text.replace("\\/", "/").replace("\\*", "*")
    if "B-" in text:
        text = _PTB_BRACKETS.sub(lambda m: _BRACKET_MAP.get(m.group(0), m.group(0)), text.replace(
            "-LRB- ", "(").replace("-LSB- ", "[").replace("-LCB- ", "{").replace(
            " -RRB-", ")").replace(" -RSB-", "]").replace(" -RCB-", "}"))
    if "``" in text:
        text = text.replace("`` ", '"').replace("``", '"')
    if "''" in text:
        text = text.replace(" ''", '"').replace("''", '"')
    if "`" in text:
        text = text.replace("` ", "'").replace("`", "'")
    text = _DETOK_SPACE.sub("", text)
    if " '" in text:
        text = _CLOSING_SINGLE.sub("'", text)
    if "#" in text:
        text = _PTB_POUND.sub("\u00a3", text)
    for old, new in _AFTER_OPEN:
        if old in text:
            text = text.replace(old, new)
    if ".." in text:
        text = _DOUBLE_DOT.sub(_fix_double_dot, text)
    while "  " in text:
        text = text.replace("  ", " ")
    if " \n" in text or "\n " in text or text[:1] == " " or text[-1:] == " ":
        text = "\n".join(line.strip() for line in text.split("\n"))
    return text
