"""Claims: a number in a tagged sentence with its qualifier, unit, the thing it counts and the
event it belongs to; years, durations, ages, clock times and numbers in names are no claims."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from dateline import lang
from dateline.digest.common import EN, STOP, alternatives
from dateline.digest.model import _Claim
from dateline.digest.nlp import _Tok
from dateline.digest.numbers import (
    _CURRENCY,
    _QUALS,
    _SCALES,
    _TRAILING_QUAL,
    _TRAILING_QUALS,
    _find_numbers,
    _Num,
    _value,
)
from dateline.digest.reference import _set_reference
from dateline.model import Document, Sentence

_FIGURES = EN.table("digest_figures")
_EVENTS_TABLE = EN.table("digest_events")
_NATIONALITIES = EN.table("nationalities")
_PATTERNS = _FIGURES["patterns"]

_NOT_A_COUNT_AFTER = re.compile(_PATTERNS["not_a_count_after"])
_RATE = re.compile(
    rf"\s*(?:(?:{alternatives(_FIGURES['rate_words'])})\s+({alternatives(_FIGURES['rate_units'])})\b"
    rf"|({alternatives(_FIGURES['rate_adverbs'])}))",
    re.I,
)
_RATE_ADVERBS: dict[str, str] = _FIGURES["rate_adverbs"]  # "daily" -> "day"
_HEDGE = re.compile(_PATTERNS["hedge"], re.I)
_INCREMENT = re.compile(_PATTERNS["increment"])
_SCOPE = re.compile(rf"\b(?:{alternatives(_FIGURES['scope_words'])})\b")
_RANGE_LEAD = re.compile(_PATTERNS["range_lead"], re.I)  # "between 35,000 and 60,000"
_RANGE_GAP = re.compile(_PATTERNS["range_gap"])  # "60 to 70"
_RANGE_AND = re.compile(_PATTERNS["range_and"])
_AGE_BEFORE = re.compile(_PATTERNS["age_before"])
_NATIONALITY = re.compile(rf"^[A-Z][a-z]+(?:{alternatives(_NATIONALITIES['adjective_suffixes'])})$")
_COMPASS = frozenset(_NATIONALITIES["compass"])  # "North Koreans"
_CLAUSE = frozenset(_FIGURES["clause_breaks"])
_TIME_UNITS = EN.words("digest_time_units")
_STOP_HEADS = EN.words("digest_stop_heads")
_CONTAINERS = EN.words("digest_containers")
_QUANTITY_UNITS = EN.words("digest_quantity_units")
_PEOPLE = EN.words("digest_people_nouns")
_PERSONS = EN.words("digest_person_nouns")
_NAME_PREFIX = EN.words("digest_number_name_prefixes")
_SYNONYM_HEAD: dict[str, str] = _FIGURES["head_synonyms"]
_DIMENSIONS: list[str] = _FIGURES["unit_dimensions"]  # "square miles"
_PEOPLE_HEAD: str = _FIGURES["people_head"]
_OF: str = _FIGURES["partitive"]  # "five of them", "a list of 10 names"
_PARTITIVE_PRONOUNS = frozenset(_FIGURES["partitive_pronouns"])
_EVENT_OF = {w: ev for ev, ws in _EVENTS_TABLE["words"].items() for w in ws}
# words that name the event only as verbs ("in return for" is not a return)
_VERB_ONLY = frozenset(_EVENTS_TABLE["verb_only"])
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_MOD_TAGS = frozenset({"JJ", "JJR", "JJS", "VBG", "VBN", "NN", "NNP", "NNPS", "HYPH", "NNS"})
_CONTENT_TAGS = ("NN", "VB", "JJ")
_CONTEXT_IGNORED = STOP | lang.stop_words("digest_context", "en")


def _in_mention(s: Sentence, start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in s.mentions)


def _tok_index(toks: list[_Tok], char: int) -> int:
    for i, t in enumerate(toks):
        if t.end > char:
            return i
    return len(toks)


def _nationality(words: Iterable[str]) -> str | None:
    """The nationality in a noun phrase: "Japanese" in "Japanese women", "north korean"."""
    words = list(words)
    for i, w in enumerate(words):
        base = w[:-1] if w.endswith("s") and not w.endswith("ss") else w
        if w[:1].isupper() and _NATIONALITY.match(base):
            prev = words[i - 1] if i else ""
            lead = prev.lower() + " " if prev in _COMPASS else ""
            return lead + base.lower()
    return None


def _extract_claims(doc: Document, s: Sentence, toks: list[_Tok],
                    prev: list[_Claim]) -> list[_Claim]:
    nums = _find_numbers(s.text)
    low_of, skip = _ranges(s.text, nums)
    out: list[_Claim] = []
    for i, m in enumerate(nums):
        if i in skip:
            continue
        c = _claim(doc, s, toks, prev, m, low_of.get(i))
        if c is not None:
            out.append(c)
    # several values of one kind in a sentence are a breakdown or a comparison
    # ("80 deaths in Cairo, 36 in Alexandria"; "about 2,000 square miles, not 3,400")
    heads = Counter((c.head, c.unit) for c in out)
    many = sum(1 for n in nums if not _in_mention(s, n.start("num"), n.end("num"))) >= 3
    for c in out:
        if many or heads[(c.head, c.unit)] > 1:
            c.part = True
    return out


def _ranges(text: str, nums: list[_Num]) -> tuple[dict[int, tuple[float, int, str]], set[int]]:
    """Ranges ("60 to 70", "between 35,000 and 60,000"): the lower end (value, start, opening
    word) by the index of the upper one, and the indices of the lower ends (no claims)."""
    low_of: dict[int, tuple[float, int, str]] = {}  # index -> (low value, start, "between")
    skip: set[int] = set()
    for i in range(len(nums) - 1):
        a, b = nums[i], nums[i + 1]
        gap = text[a.end():b.start()]
        lead = _RANGE_LEAD.search(text[max(0, a.start() - 20):a.start()])
        if _RANGE_GAP.fullmatch(gap) or (lead and _RANGE_AND.fullmatch(gap)):
            va, vb = _value(a), _value(b)
            if va is None or vb is None:
                continue
            if not a.group("scale") and b.group("scale") and va < vb / 100:
                va *= _SCALES[b.group("scale").lower()]  # "between 90.4 and 178.6 million"
            if 0 < va < vb:
                skip.add(i)
                low_of[i + 1] = (va, a.start(), lead.group(1).lower() if lead else "")
    return low_of, skip


def _claim(doc: Document, s: Sentence, toks: list[_Tok], prev: list[_Claim], m: _Num,
           low_of: tuple[float, int, str] | None) -> _Claim | None:
    """The claim the number ``m`` makes, if it is one (``low_of``: the lower end of its range)."""
    text = s.text
    ns = m.start("num")
    if _in_mention(s, ns, m.end("num")):
        return None
    v = _value(m)
    if v is None or v <= 0:
        return None
    cur = m.group("cur") or m.group("curw")
    pct = m.group("pct")
    if _not_a_count(text, m, v, cur, pct):
        return None
    qual = _qualifier(text, m)
    i0 = _tok_index(toks, ns)
    i_after = _tok_index(toks, m.end())
    head, head_text, thing_words, mods, partitive, unit = _thing(toks, i0, i_after, prev, cur, pct)
    if not head:
        return None
    i_end = i_after + len(thing_words)
    unit = _rate_unit(text, toks, m, i_end, unit, head)
    if _not_counted(v, head, cur, pct, qual, m.group("num")):
        return None
    event = _event(toks, i0, i_end)
    low = None
    d_start = m.start("cur") if m.group("cur") else ns
    if low_of is not None:
        low, d_start, word = low_of
        qual = word.lower() or qual
    c = _Claim(
        doc_id=doc.id, sentence_index=s.index, text=text, start=m.start(), end=m.end(),
        display=text[d_start:m.end()].strip(), number=v, qualifier=qual, unit=unit,
        head=_key_head(head, head_text, event), head_text=head_text, thing=" ".join(thing_words),
        mods=frozenset(mods), nationality=_nationality(thing_words), event=event,
        context=_context(toks), partitive=partitive, low=low,
    )
    _mark_kind(c, toks, i0, i_after, thing_words)
    _set_reference(c, s, doc)
    return c


def _not_a_count(text: str, m: _Num, v: float, cur: str | None, pct: str | None) -> bool:
    """A year, part of a compound or a clock time, a number in a name, an age."""
    raw_num = m.group("num")
    if raw_num.isdigit() and len(raw_num) == 4 and 1000 <= v <= 2100 and not (cur or pct or m.group("scale")):
        return True  # a year
    after = text[m.end():m.end() + 3]
    if re.match(r"[-\u2013/:\\]\s*\w", after) or re.match(r"[A-Za-z]", after):
        return True  # "six-party", "10:30", "3-2", "1980s", "2\\/2"
    before_txt = text[: m.start()]
    prev_word = re.findall(r"[\w.#]+", before_txt[-25:])
    if prev_word and prev_word[-1].lower().rstrip(".") in _NAME_PREFIX:
        return True
    if prev_word and prev_word[-1][:1].isupper() and not m.group("qual") and not cur and (
        before_txt.rstrip() and before_txt.rstrip()[-1].isalnum()) and len(before_txt.strip()) > len(prev_word[-1]):
        return True  # "Apollo 13", "Resolution 1973"
    if _AGE_BEFORE.search(before_txt):
        return True
    return bool(_NOT_A_COUNT_AFTER.match(text, m.end()))


def _qualifier(text: str, m: _Num) -> str:
    qual = _QUALS.get((m.group("qual") or "").lower(), "")
    trailing = _TRAILING_QUAL.match(text[m.end():m.end() + 12])
    if not qual and trailing:
        qual = _TRAILING_QUALS[trailing.group(1)]
    return qual


def _thing(toks: list[_Tok], i0: int, i_after: int, prev: list[_Claim], cur: str | None,
           pct: str | None) -> tuple[str, str, list[str], set[str], bool, str | None]:
    """What a number counts (head, head as written, words, modifiers, partitive) and its unit."""
    head, head_text, thing_words, mods, partitive = _counted(toks, i_after, prev)
    unit: str | None = None
    if cur:
        unit = _CURRENCY.get(cur.strip().lower(), "USD")
    elif pct:
        unit = "%"
    if head and head in _QUANTITY_UNITS and not cur and not pct:
        unit = _SYNONYM_HEAD.get(head, head)
        dims = [d for d in _DIMENSIONS if d in mods]
        if dims:
            unit = f"{dims[0]} {unit}"
        j = i_after + len(thing_words)
        if j + 1 < len(toks) and toks[j].lemma == _OF:  # "67,000 tons of food"
            h2, ht2, tw2, mods2, _ = _counted(toks, j + 1, prev)
            if h2:
                head, head_text, mods = h2, ht2, mods | mods2
                thing_words = thing_words + [_OF] + tw2
    if (cur or pct) and not head:
        head, head_text, thing_words, mods = _noun_before(toks, i0)
    return head, head_text, thing_words, mods, partitive, unit


def _rate_unit(text: str, toks: list[_Tok], m: _Num, i_end: int, unit: str | None,
               head: str) -> str | None:
    """The unit of a rate: "barrel/day" for "60,000 barrels a day"."""
    end_np = toks[min(len(toks) - 1, i_end)].idx if toks else m.end()
    rate = _RATE.match(text, end_np if i_end < len(toks) else len(text))
    if rate:
        unit = f"{unit or head}/{rate.group(1) or _RATE_ADVERBS[rate.group(2).lower()]}"
    return unit


def _not_counted(v: float, head: str, cur: str | None, pct: str | None, qual: str,
                 raw_num: str) -> bool:
    """One, two of something vague, a duration: no figure."""
    if not (cur or pct) and (v == 1 or head in _TIME_UNITS or head in _STOP_HEADS):
        return True
    if v == 2 and not (cur or pct or qual) and not raw_num[0].isdigit() and head not in _PEOPLE:
        return True  # "two governments", "the two sides"
    return head in _TIME_UNITS


def _context(toks: list[_Tok]) -> Counter[str]:
    ctx: Counter[str] = Counter()
    for t in toks:
        if t.tag.startswith(_CONTENT_TAGS) and t.lemma not in _CONTEXT_IGNORED and t.lemma.isalpha() \
                and len(t.lemma) > 2:
            ctx[t.lemma] += 1
    return ctx


def _key_head(head: str, head_text: str, event: str | None) -> str:
    """The head a figure is grouped by."""
    key_head = _SYNONYM_HEAD.get(head, head)
    if head_text[:1].isupper() and _nationality([head_text]):
        key_head = _PEOPLE_HEAD  # "13 Japanese", "259 North Koreans"
    if key_head in _PEOPLE or (event and key_head in _PERSONS):
        key_head = _PEOPLE_HEAD  # "11 workers killed" and "11 people killed" are one figure
    return key_head


def _mark_kind(c: _Claim, toks: list[_Tok], i0: int, i_after: int, thing_words: list[str]) -> None:
    """An increment ("a further 48"), hedged ("would send"), or of a scope ("confirmed")."""
    near = " ".join(t.lemma for t in toks[max(0, i0 - 3):i0]) + " " + " ".join(
        t.lemma for t in toks[i_after:i_after + 2])
    c.increment = bool(_INCREMENT.search(near))
    c.hedged = any(t.tag == "MD" for t in toks[max(0, i0 - 6):i_after + len(thing_words) + 4]) \
        or bool(_HEDGE.search(c.text))
    scope = _SCOPE.search(" ".join(thing_words).lower() + " " + near)
    c.scope = scope.group(0) if scope else None


def _event(toks: list[_Tok], i0: int, i1: int) -> str | None:
    """The event a number counts ("killed", "injured", "abducted"), within its clause."""
    found: list[tuple[int, int, str]] = []
    for k in range(i1, min(len(toks), i1 + 8)):  # after the noun phrase, up to a clause break
        t = toks[k]
        if t.text.lower() in _CLAUSE:
            break
        ev = _event_of(t)
        if ev:
            found.append((k - i1, 0, ev))
            break
    for k in range(i0 - 1, max(-1, i0 - 9), -1):  # before the number, back to a clause break
        t = toks[k]
        if t.text.lower() in _CLAUSE:
            break
        ev = _event_of(t)
        if ev:
            found.append((i0 - 1 - k, 1, ev))
            break
    for k in range(i0, min(i1, len(toks))):
        ev = _event_of(toks[k])
        if ev:  # "missing Japanese nationals" first; the noun counted ("deaths") last
            found.append((-1 if toks[k].tag in ("JJ", "VBN", "VBG") else 50, 0, ev))
    return min(found)[2] if found else None


def _event_of(t: _Tok) -> str | None:
    ev = _EVENT_OF.get(t.lemma) or _EVENT_OF.get(t.text.lower())
    if ev and t.lemma in _VERB_ONLY and not t.tag.startswith("VB"):
        return None
    return ev


def _counted(toks: list[_Tok], i: int, prev: list[_Claim]) -> tuple[str, str, list[str], set[str], bool]:
    """Head lemma, head as written, the words of the noun phrase, modifier lemmas, partitive."""
    j = i
    if j < len(toks) and toks[j].text == "(":  # "$20bn (£13.5bn) fund"
        k = j
        while k < len(toks) and toks[k].text != ")" and k - j < 8:
            k += 1
        j = k + 1
    words: list[str] = []
    mods: set[str] = set()
    head = head_text = ""
    seen_noun = False
    k = j
    while k < len(toks) and len(words) < 6:
        t = toks[k]
        if t.tag in ("VBG", "VBN") and seen_noun:
            break
        if t.tag not in _MOD_TAGS:
            break
        if t.tag == "HYPH":
            words.append(t.text)
            k += 1
            continue
        if seen_noun and t.tag in ("JJ", "JJR", "JJS"):
            break
        words.append(t.text)
        if t.tag in _NOUN_TAGS or (t.tag == "JJ" and t.text[:1].isupper() and (
                k + 1 >= len(toks) or toks[k + 1].tag not in _MOD_TAGS)):
            if head:
                mods.add(head)
            head, head_text = t.lemma if t.tag != "NNPS" else t.text.lower(), t.text
            seen_noun = True
        else:
            mods.add(t.lemma)
        k += 1
    if head and head in _CONTAINERS and k + 1 < len(toks) and toks[k].lemma == _OF:
        h2, ht2, w2, m2, _ = _counted(toks, k + 1, prev)
        if h2:
            return h2, ht2, words + [_OF] + w2, mods | m2, False
    if not head and j < len(toks) and toks[j].lemma == _OF:
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if nxt and nxt.tag == "PRP" and nxt.lemma in _PARTITIVE_PRONOUNS:
            if prev:
                p = prev[-1]
                return p.head, p.head_text, [_OF, nxt.text, f"({p.thing})"], set(p.mods), True
            return "", "", [], set(), False
        if nxt and nxt.tag in ("DT", "PRP$"):
            h2, ht2, w2, m2, _ = _counted(toks, j + 2, prev)
            if h2:
                return h2, ht2, [_OF, nxt.text] + w2, m2, True
    if head:
        mods.discard(head)
    return head, head_text, words, mods, False


def _noun_before(toks: list[_Tok], i0: int) -> tuple[str, str, list[str], set[str]]:
    """For money and percentages without a noun after: the noun (or verb) they belong to."""
    for k in range(i0 - 1, max(-1, i0 - 7), -1):
        t = toks[k]
        if t.tag in ("NN", "NNS") and t.lemma.isalpha() and t.lemma not in _CONTEXT_IGNORED:
            words = [t.text]
            mods: set[str] = set()
            if k > 0 and toks[k - 1].tag in ("NN", "JJ") and toks[k - 1].lemma.isalpha():
                words.insert(0, toks[k - 1].text)
                mods.add(toks[k - 1].lemma)
            return t.lemma, t.text, words, mods
    for k in range(i0 - 1, max(-1, i0 - 5), -1):
        t = toks[k]
        if t.tag.startswith("VB") and t.lemma not in _CONTEXT_IGNORED:
            return t.lemma, t.text, [t.text], set()
    return "", "", [], set()
