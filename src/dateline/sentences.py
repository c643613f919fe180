"""Sentence splitting for cleaned article text.

Rule-based and fast (it runs on every article).  Cleaned text has paragraphs separated by blank
lines.  Within a paragraph a line break is a sentence boundary unless the paragraph is
hard-wrapped prose (most of its lines end mid-sentence), which is joined first.  Text that came
from a pre-tokenized corpus (one sentence per line) is therefore split on its lines.
"""

from __future__ import annotations

import re
from functools import cache

from dateline import lang

_DATA = lang.load().toml("sentences")
# Abbreviations after which a period does not end a sentence.
_ABBREV = frozenset(_DATA["abbreviations"])

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


# What wire copy and news sites glue in front of a story's first sentence (see sentences.toml)
_LEAD_IN_ANCHORS = [re.compile(p) for p in _DATA["lead_ins"]]
_COMMENT_STAMP = re.compile(_DATA["comment_stamp"])
_INLINE = [re.compile(p) for p in _DATA["inline"]]
_FACT_LABEL = re.compile(_DATA["fact_labels"])

def strip_lead_in(sentence: str, *, window: int = 300) -> str:
    """The sentence without a dateline, byline or time stamp glued to its front ("" if it was
    nothing but that, or a reader's comment)."""
    if _COMMENT_STAMP.match(sentence):
        return ""
    for _ in range(3):  # stamps in a row: "(Update 2:53 a.m. ...) Video: (Update 1:50 a.m. ...) The ..."
        rest = _strip_one_lead_in(sentence, window)
        if rest == sentence:
            break
        sentence = rest
    return sentence


def _strip_one_lead_in(sentence: str, window: int) -> str:
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


# --- a headline, a caption and the lead glued into one line --------------------------------
_TOKEN = re.compile(r"\S+")
_CLOSERS = "\"'\u201d\u2019)"
_OPENERS = "\"'\u201c\u2018("
_STOPS = ".!?:;,"
_GLUE_WINDOW = 3  # first sentences of an article, where a headline may be glued to the lead
_VERB_REACH = 12  # words after a glue point in which a verb shows a subject
_MIN_LEAD = 6  # words the lead keeps


@cache
def _glue_words() -> dict[str, frozenset[str]]:
    en = lang.load()
    cal = en.table("calendar")
    out = {k: frozenset(_DATA[k]) for k in ("starters", "subject_words", "joining_words", "object_verbs",
                                             "finite_verbs", "name_joining_words", "speech_words")}
    out["calendar"] = frozenset([*cal["months"], *cal["weekdays"]])
    out["name_nouns"] = frozenset(_DATA["name_nouns"]) | en.words("role_nouns") | en.words("person_titles")
    return out


def _bare(word: str) -> str:
    return word.strip(_CLOSERS + _OPENERS).lower()


def _subject(words: list[str]) -> list[str] | None:
    """The words before the verb when ``words`` open with a subject and its verb (a verb of
    finite_verbs, or a lower-case word in -ed, within the first few words); None when they do
    not (a comma or dash first that goes on in lower case is a clause of the sentence before)."""
    finite = _glue_words()["finite_verbs"]
    for i, w in enumerate(words[:_VERB_REACH]):
        b = _bare(w)
        if i and (b in finite or (len(b) > 4 and b.endswith("ed") and w[:1].islower())):
            return words[:i]
        if w in ("--", "-", "\u2013", "\u2014", "(") or w.startswith("("):
            return None
        if w.endswith(",") and i + 1 < len(words):
            nxt = words[i + 1]
            if nxt[:1].islower() and _bare(nxt) not in finite:
                return None
    return None


def _names(words: list[str]) -> set[str]:
    out = set()
    for w in words:
        w = w.strip(_CLOSERS + _OPENERS + ",.:;")
        w = w[:-2] if w.endswith(("'s", "\u2019s")) else w
        if len(w) >= 2 and w[:1].isupper() and _bare(w) not in _glue_words()["starters"]:
            out.add(w)
    return out


def _glue_point(before: list[str], words: list[str], weak: bool,
                common: frozenset[str] = frozenset()) -> bool:
    """Whether a new sentence starts at ``words[0]`` after the words ``before`` (see
    sentences.toml).  After a word that ends without a stop, a starter word ("The", "An",
    "Thousands") starts one.  Any other capitalised word starts one only when a verb follows
    (it is a subject), the word before is not a joining word, a verb taking an object or a
    title ("leader Muammar Gaddafi"), and the subject's names were already in the pieces before
    (a headline, then its story: "Jackson was due to play 50 UK dates Michael Jackson died"),
    or the subject opens with a word the article writes in lower case elsewhere (a common noun
    capitalised because a sentence starts there: "... in Tuesday's earthquake Efforts are
    intensifying", ``common``); this ``weak`` kind is looked for only where headlines stand, in an article's first
    sentences."""
    g = _glue_words()
    prev, nxt = before[-1], words[0].lstrip(_OPENERS)
    if not nxt[:1].isupper():
        return False
    inner = prev.rstrip(_CLOSERS)
    closed = inner != prev
    if (inner or prev)[-1:] in _STOPS or (not closed and prev[-1:] in "-\u2013\u2014"):
        return False
    p = _bare(prev)
    if p.isdigit() and len(before) >= 2 and _bare(before[-2]) in g["calendar"]:
        return False  # "4 March 2014 The council votes ...": a chronology's date goes with its item
    if p in g["name_joining_words"] and prev[:1].islower():
        pass  # "port" joins a name only as "Port Said"; "the damaged port Haiti's government" does not
    elif p in g["joining_words"] or p.endswith(("'s", "\u2019s")):
        return False
    first, two = _bare(nxt), " ".join(_bare(w) for w in words[:2])
    if first in g["starters"] or two in g["starters"]:
        return True
    if (closed or prev[:1].islower()) and (first in g["subject_words"] or two in g["subject_words"]):
        return True
    if not weak:
        return False
    if (p in g["object_verbs"] or p in g["name_nouns"] or p.endswith("ing")
            or _bare(nxt).removesuffix("'s") in g["calendar"]):
        return False
    subject = _subject(words)
    if not subject:
        return False
    names = _names(subject)
    if closed:  # after a quoted headline ("'shot down' Turkey says")
        return bool(names)
    if prev[:1].islower():
        return bool(names & _names(before)) or first in common
    # after a capitalised word, only a repeated two-word name that does not go on from it
    # ("On the ground with US marines in Haiti US marines are ..."; not "Hosni Mubarak said")
    pair = [w.strip(_CLOSERS + _OPENERS + ",.:;") for w in words[:2]]
    if len(pair) < 2 or not pair[0][:1].isupper():
        return False
    text = " ".join(before)
    return f"{pair[0]} {pair[1]}" in text and f"{prev} {pair[0]}" not in text


def split_glued(sentence: str, weak: bool = True, common: frozenset[str] = frozenset()) -> str:
    """The lead of a line that glues a headline and a photo caption in front of it, with no
    stop between them ("Haiti recovery 'to take decades' Aid agencies have called for ... The
    acting head of the UN mission in Haiti has said ..."); the sentence itself otherwise."""
    if sentence[-1:] not in ".!?" + _CLOSERS:
        return sentence
    tokens = list(_TOKEN.finditer(sentence))
    words = [t.group(0) for t in tokens]
    cut, last = 0, 0
    g = _glue_words()
    for i in range(2, len(words) - _MIN_LEAD + 1):
        if i - last < 2:  # a piece is at least two words long
            continue
        if _glue_point(words[:i], words[i:], weak, common) or _dated_item(words, i, g) \
                or (words[i] == words[i - 1] and words[i][:1].isupper() and words[i].isalpha()):
            # ... a chronology's item glued on ("... clinic 21 November 2009 Court documents
            # reveal ..."), or a name written twice where a caption ends ("... and BP BP
            # executives have met ...")
            cut, last = tokens[i].start(), i
    if cut:
        sentence = sentence[cut:]
    if weak:
        sentence = _after_headline_colon(sentence)
    m = _CAPS_HEADLINE.match(sentence)
    return sentence[m.end():] if m else sentence


def _dated_item(words: list[str], i: int, g: dict[str, frozenset[str]]) -> bool:
    """Whether a chronology's item starts at ``words[i]``: a day, month and year after a word
    in lower case that does not govern it ("on", "since"), then a capitalised word."""
    if i + 3 >= len(words) or not words[i].isdigit() or len(words[i]) > 2:
        return False
    prev = words[i - 1]
    if not prev[:1].islower() or prev[-1:] in _STOPS or _bare(prev) in g["joining_words"]:
        return False
    month, year, nxt = words[i + 1], words[i + 2], words[i + 3]
    return (_bare(month) in g["calendar"] and year.isdigit() and len(year) == 4
            and nxt[:1].isupper())


# A headline in capitals in front of the sentence: "2 MAY: DRILLING RELIEF WELLS - ONGOING BP is ..."
_CAPS_HEADLINE = re.compile(
    r"^(?:[A-Z0-9][A-Z0-9\x27\u2019&/.-]*[:,]?\s+(?:[-\u2013\u2014:]\s+)?){3,}(?=[A-Z][A-Za-z]*\s+[a-z])")
_HEADLINE_COLON = re.compile(r"^([^:.!?\"\u201c]{12,140}?):\s+(?=[A-Z])")


def _after_headline_colon(sentence: str) -> str:
    """The lead after a headline that ends in a colon ("Egyptian president dissolves
    government: Embattled President Hosni Mubarak said ..."), when what follows is a sentence
    of its own (its subject and verb) and what precedes is no one speaking ("he said:")."""
    m = _HEADLINE_COLON.match(sentence)
    if not m:
        return sentence
    head = m.group(1).split()
    rest = sentence[m.end():].split()
    if len(head) < 3 or len(rest) < 8 or _bare(head[-1]) in _glue_words()["speech_words"]:
        return sentence
    if _CAPS_HEADLINE.match(sentence):
        return sentence
    return sentence[m.end():] if _subject(rest) is not None or _bare(rest[0]) in _glue_words()["starters"] \
        else sentence


_BULLETS = "*\u2022\u25aa\u25cf\u2013\u2014-"
_LOWER_WORD = re.compile(r"(?<![\w'\u2019-])[a-z][a-z'\u2019-]{2,}")


def _fact_box(sentence: str) -> bool:
    return len(_FACT_LABEL.findall(sentence)) >= 2


def clean_sentence(sentence: str, position: int = 0, common: frozenset[str] = frozenset()) -> str:
    """The sentence without page furniture: template errors, a fact box, a list bullet, the
    lead-in of a story's first sentence, a headline or a photo caption glued in front of it
    (``common``: the words its article writes in lower case, see :func:`_glue_point`).  "" when
    nothing but furniture was there."""
    for pat in _INLINE:
        if pat.search(sentence):
            sentence = pat.sub(" ", sentence).strip()
    if not sentence or _fact_box(sentence):
        return ""
    if sentence[:1] in _BULLETS:  # "* April 30 - An Obama aide says ...", "-- Al Jazeera ..."
        sentence = sentence.lstrip(_BULLETS + " ")
    sentence = strip_lead_in(sentence)
    if not sentence:
        return ""
    lead = split_glued(sentence, weak=position < _GLUE_WINDOW, common=common)
    # the headlines cut off, a dateline may now stand in the lead's first characters
    # ("... taken over Benghazi (CNN) -- The son of ...")
    return strip_lead_in(lead) if lead != sentence else lead


_DEPENDENT_TITLE = re.compile(_DATA["dependent_title"])
# "The diplomatic move came as ...", "The £5m in support ...": a thing named before
_DEPENDENT_THE = re.compile(
    _DATA["dependent_the"].replace("{back_nouns}", "|".join(map(re.escape, _DATA["back_nouns"]))))
_EXPLETIVE_IT = re.compile(_DATA["expletive_it"])
_FIRST_WORDS = re.compile(r"[\w'\u2019-]+")


@cache
def _dependent_starts() -> tuple[frozenset[str], int]:
    starts = frozenset(_DATA["dependent_starts"])
    return starts, max(len(s.split()) for s in starts)


def stands_alone(sentence: str) -> bool:
    """Whether a reader can follow the sentence without the one before it: it does not open
    with a pronoun, a connective or a phrase pointing back ("He added", "But", "The move"; see
    sentences.toml), nor with a courtesy title and a bare surname ("Mr Fayadh was ...")."""
    if _DEPENDENT_TITLE.match(sentence) or _DEPENDENT_THE.match(sentence):
        return False
    starts, longest = _dependent_starts()
    words = [w.lower() for w in _FIRST_WORDS.findall(sentence[:80])[:longest]]
    if not words or (words[0] == "it" and _EXPLETIVE_IT.match(sentence)):
        return True
    if any(" ".join(words[:n]) in starts for n in range(1, len(words) + 1)):
        return False
    return not _late_pronoun(sentence)


def _late_pronoun(sentence: str) -> bool:
    """A subject pronoun after an opening phrase that names nobody ("By Friday they had ...",
    "In a statement, it said ..."): it points at the sentence before."""
    cal = lang.calendar_words()
    first = _FIRST_WORDS.match(sentence)
    if not first or first.group(0).lower() not in _OPENING_WORDS:
        return False  # "Officials said they ...": the pronoun has its noun
    for i, m in enumerate(_FIRST_WORDS.finditer(sentence[:120])):
        w = m.group(0)
        if i >= _PRONOUN_REACH:
            return False
        if i and w.lower() in _SUBJECT_PRONOUNS and w[:1].islower():
            return not (w.lower() == "it" and _EXPLETIVE_IT.match("It" + sentence[m.end():]))
        if i and w[:1].isupper() and w.lower() not in cal:
            return False  # a name before the pronoun: it may point at that
    return False


_PRONOUN_REACH = 8
_SUBJECT_PRONOUNS = frozenset(_DATA["subject_pronouns"])
_OPENING_WORDS = frozenset(_DATA["opening_words"])


_LIST_DATE = re.compile(_DATA["list_date"])


@cache
def _month_words() -> frozenset[str]:
    cal = lang.load().table("calendar")
    return frozenset([*cal["months"], *cal["month_abbreviations"]])


def shown(sentence: str) -> str:
    """The sentence as a timeline shows it: without the date that opens an item of a
    chronology ("29 August 2009 Jackson's death is ruled a homicide."), which the timeline
    files it under and shows as its heading."""
    m = _LIST_DATE.match(sentence)
    if not m or len(sentence) - m.end() < 20:
        return sentence
    if not any(w.lower().rstrip(".,:;-\u2013\u2014") in _month_words() for w in m.group(0).split()):
        return sentence
    return sentence[m.end():]


def split_sentences(text: str) -> list[str]:
    """Split cleaned article text into sentences, in order (page furniture removed)."""
    sentences: list[str] = []
    common = frozenset(_LOWER_WORD.findall(text))
    for para in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        if not lines:
            continue
        chunks = [" ".join(lines)] if _is_hard_wrapped(lines) else lines
        for chunk in chunks:
            for sent in split_paragraph(chunk):
                sent = clean_sentence(sent, len(sentences), common)
                if sent:
                    sentences.append(sent)
    return sentences
