"""Line classification: every line of a page is chrome, a photo credit, a dateline, a short
(headline-like) line, prose or a long unpunctuated line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.dating import parse_date

LONG_WORDS = 25  # a line without sentence punctuation this long is still prose


_LIST_MARK = re.compile(r"^(?:\d{1,2}[.)]|[*\u2022\u00b7\u25aa\u25ba\u25e6\u2023\u2013\u2014>-])\s+")
_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*", re.U)
_TERMINAL = re.compile("[.!?\u2026\u3002\uff01\uff1f][\"'\u201d\u2019\u00bb)\\]]*$")
_ENDS_COLON = re.compile(r"[:;]$")
_ENDS_QUOTE = re.compile("[\"\u201d\u00bb]$")
_TRAILING_REF = re.compile(r"\s*\[\d{1,3}\]$")

_AGENCIES = (
    r"ap|afp|reuters|dpa|efe|ansa|xinhua|kyodo|yonhap|tass|itar-tass|ria|ria novosti|interfax|"
    r"bloomberg|upi|ians|pti|ani|aap|kcna|kna|epd|sid|apa|bernama|antara|anadolu|voa|"
    r"associated press|the associated press|agence france-presse|agence france presse|"
    r"press association|pa|cp|the canadian press|canadian press|getty images|getty|epa|"
    r"picture-alliance|picture alliance|ap photo|afp photo|reuters photo|bbc|cnn|dw"
)
_AGENCY_LINE = re.compile(
    rf"^[\(\[]?(?:{_AGENCIES})(?:\s*(?:[,/&;]|and|via|with)\s*(?:{_AGENCIES}))*[\)\]]?\.?$", re.I
)
_SIGNOFF = re.compile(r"^[a-z]{1,4}(?:/[a-z]{1,4})+\s*(?:\([^()]{1,60}\))?\.?$", re.I)
_CREDIT_SUFFIX = re.compile(
    rf"[.!?\"\u201d]\s*\((?:{_AGENCIES}|[A-Z][\w.&'-]*(?:[ /,]+[A-Z][\w.&'-]*){{0,3}})(?:\s*/\s*[^()]{{1,40}})?\)$",
)
_CREDIT_LINE = re.compile(
    r"^(?:(?:image|images|photo|photos|photograph|picture|pictures|pic|foto|fotos|bild|graphic|"
    r"graphics|illustration|video|source|credit|credits|copyright|photo credit|image credit|"
    r"image source|image caption|caption|media caption)\s*(?:[:\u00a9|]|by\b)|"
    r"(?:image|media|photo) (?:caption|copyright|source|credit)\b|\u00a9|(?-i:\([cC]\)\s*(?:\d{4}|[A-Z])))",
    re.I,
)
_CAPTION_MARK = re.compile(
    r"(?<=[A-Za-z] )\((?:c|l|r|centre|center|left|right|front|back|top|bottom|pictured|file|file photo|"
    r"(?:second|third|2nd|3rd) (?:from )?(?:left|right|l|r))\)",
    re.I,
)

# Whole-line chrome (matched against the lower-cased line without list markers).
_CHROME_FULL = re.compile(
    r"^(?:"
    r"accessibility (?:links|help|options)|skip (?:to|navigation)\b.*|jump to\b.{0,40}|"
    r"(?:main |site |primary )?(?:menu|navigation|nav)|toggle (?:navigation|menu|search)|"
    r"(?:open|close|show|hide) (?:menu|navigation|search|sidebar)|close|search(?: the site| \w+)?|"
    r"sections?|home(?: ?page)?|back to (?:top|home)|(?:go|scroll|return) to top|top of (?:the )?page|"
    r"breaking(?: news)?(?: alert)?:?|live(?: updates?| now| tv| blog| coverage)?|just in|"
    r"advertisement|advertising|advert|ad|ads|ad feedback|sponsored(?: content| links?)?|"
    r"promoted(?: stories| content)?|paid (?:content|post|partner content)|partner content|"
    r"(?:view|show|hide|load|post|read|see|add|leave|write|submit|open)(?: all| the| a| your| \d+| more)? comments?(?: \(\d+\))?|"
    r"\d+ comments?|comments?(?: \(\d+\))?|join the (?:conversation|discussion|debate)|"
    r"looking for comments\??|have your say|discuss(?: this(?: story| article)?)?|"
    r"comments? (?:are |is )?(?:closed|disabled)\b.*|be the first to comment.*|"
    r"share(?: this)?(?: (?:story|article|page|post|video|image|photo|gallery))?(?: on| via| with)?(?: \w+)?:?|"
    r"print(?: this)?(?: (?:story|article|page))?|e-?mail(?: this)?(?: (?:story|article|page|to a friend))?|"
    r"tweet(?: this)?|pin(?: it)?|copy(?: article)? link|link copied|save(?: (?:article|story|for later))?|"
    r"bookmark|send(?: to a friend)?|font size|text size|a a a|listen(?: to (?:this|the) (?:article|story))?|"
    r"(?:sign|log) ?(?:in|up|out)\b.{0,40}|register|subscribe\b.{0,60}|newsletters?|my account|"
    r"create (?:an )?account|manage (?:cookies|preferences|consent).*|accept(?: all)?(?: cookies)?|"
    r"reject(?: all)?|cookie (?:policy|settings|preferences)|privacy(?: policy| notice| settings)?|"
    r"terms(?: of (?:use|service))?(?: (?:and|&) conditions)?|contact(?: us)?|about(?: us)?|"
    r"site ?map|rss(?: feeds?)?|help|faqs?|feedback|careers|jobs|advertise(?: with us)?|"
    r"page \d+ of \d+|\d+ of \d+|next(?: page| article| story| post)?|previous(?: page| article| story| post)?|"
    r"prev|more|less|load more|show more|see more|see all|view all|continue reading.*|click here.*|"
    r"\d+ min(?:ute)?s? read|\d+ (?:seconds?|minutes?|hours?|days?|weeks?) ago|"
    r"(?:watch|video|audio|gallery|photos|in pictures|slideshow|podcast)(?:\s*[:|-].{0,80})?|"
    r"media playback is (?:un|not )supported.*|explore (?:the )?\S+(?: \S+)?|\S+ home|launch console.*|"
    r"(?:bbc|cnn|dw|reuters|ap|afp|fox) (?:news|sport|weather)(?: channel)?|"
    r"follow (?:us|\S+)(?: on \S+)?|(?:download|get) (?:the|our) app.*|"
    r"(?:related|more|other|latest|top|popular|trending|recommended|featured)(?: \w+){0,2} "
    r"(?:stories|articles|news|content|topics|links|coverage|headlines|videos|reads)(?: for you)?:?|"
    r"top stories|most (?:read|popular|viewed|shared|watched|emailed|commented)(?: \w+)?|"
    r"related:?|recommended(?: for you)?|trending(?: now)?|editor'?s picks?|what to read next|"
    r"read (?:more|next|also)(?:\s*[:|].*)?|also read(?:\s*:.*)?|see also(?:\s*:.*)?|further reading|"
    r"in (?:other|related) news|around the web|from (?:around|across) the web|elsewhere on .*|"
    r"don'?t miss(?: this)?|you (?:may|might) (?:also )?(?:like|enjoy|be interested in).*|"
    r"more (?:from|on|about|in|like this|stories|news|top stories|videos)\b(?:\s+[^\s.!?]+){0,5}|"
    r"tags?\s*:.*|topics?\s*:.*|filed under:?.*|categor(?:y|ies)\s*:.*|keywords?\s*:.*|"
    r"(?:all )?rights reserved.*|copyright\s*(?:\u00a9|\(c\)|\d{4}).*|copyright(?:\s+\S+){0,5}|"
    r"\u00a9.*|\(c\) \d{4}.*|"
    r"permalink.*|short ?link.*|url:.*|source:\s*\S+\.\S+.*|"
    r"[(\[](?:additional )?(?:reporting|writing|editing|compiled|research|translated) (?:by|from)\b.*|"
    r"our standards:.*|this (?:article|story|page) is (?:more than|over) .{1,30} old|"
    r"supported by|(?:hide|show|toggle|view) caption|caption|expand (?:image|photo)|"
    r"enlarge this (?:image|photo)|(?:image|photo|slide) \d+ (?:of|/) \d+|reuse this content|"
    r"reprints?(?: (?:and|&) permissions)?|order reprints?.*|today'?s paper.*|license this (?:article|content)|"
    r"source\s*:\s*[\w .,&'-]{1,60}|story highlights|key points|"
    r"[\W\d_]*"  # only punctuation, symbols, digits
    r")$",
    re.I,
)
_RELATED_HEADER = re.compile(
    r"^(?:(?:related|more|other|latest|top|popular|trending|recommended|featured)(?: \w+){0,2} "
    r"(?:stories|articles|news|content|topics|links|coverage|headlines|videos|reads)(?: for you)?:?|"
    r"top stories|most (?:read|popular|viewed|shared|watched|emailed|commented)(?: \w+)?|related:?|"
    r"recommended(?: for you)?|trending(?: now)?|editor'?s picks?|what to read next|further reading|"
    r"in (?:other|related) news|around the web|from (?:around|across) the web|elsewhere on .*|"
    r"don'?t miss(?: this)?|you (?:may|might) (?:also )?(?:like|enjoy|be interested in).*|"
    r"more (?:from|on|about|in|like this|stories|news|top stories|videos)\b(?:\s+[^\s.!?]+){0,5}|"
    r"read (?:more|next|also)|around the \w+)$",
    re.I,
)
# Chrome found anywhere in a line of at most 40 words.
_CHROME_SEARCH = re.compile(
    r"all rights reserved|may not be (?:re)?published|may not be reproduced|"
    r"comments in their new home|click the buttons?\b|click here\b|"
    r"media playback is (?:un|not )supported|"
    r"(?:enable|requires?|turn on) javascript|javascript (?:is )?(?:disabled|required)|"
    r"your browser (?:does not|doesn't|is not|isn't) (?:support|supported)|"
    r"(?:we use|this (?:site|website) uses|uses) cookies|accept (?:all )?cookies|"
    r"sign up (?:for|to) (?:our|the)\b.{0,40}newsletter|subscribe to (?:our|the)\b.{0,40}(?:newsletter|channel|podcast)|"
    r"^follow\b.{0,40} on (?:twitter|facebook|instagram|x|linkedin|tiktok|threads|bluesky)|"
    r"(?:^(?:download|get) (?:the|our)|(?:download|get) our) (?:free )?(?:\w+ )?app\b|"
    r"will open in a new (?:window|tab)|delivered (?:straight )?to your inbox|"
    r"\bto post a comment|must be logged in|\bsmall favou?r to ask\b|"
    r"support (?:our|independent|quality) journalism|become a (?:member|subscriber|supporter)\b|"
    r"\bgot a (?:news )?tip\b|have a (?:news )?tip\b|\b(?:outbrain|taboola)\b|"
    r"[\w.+-]+@[\w-]+\.[\w.-]+.{0,80}$|"
    r"\bcontributed (?:to )?(?:this |the )?(?:report|story|article)\b|"
    r"thomson reuters trust principles|\bback to home$|\bgift articles?\b|^as a subscriber\b|"
    r"a version of this (?:article|story) appear(?:s|ed) in print|"
    r"[.!?]\s+(?:photograph|photo|image|picture|credit|illustration)s?\s*:\s*\S.{0,60}$|"
    r"\bis not responsible for the content of external|"
    r"^[(\[](?:additional )?(?:reporting|writing|editing) by\b",
    re.I,
)
_SOCIAL = frozenset(
    "facebook twitter x whatsapp linkedin email e-mail mail print share reddit pinterest telegram "
    "messenger tumblr flipboard sms copy link instagram youtube tiktok google+ vk weibo wechat line "
    "this article story on via with".split()
)
_NAV_WORDS = frozenset(
    """news world sport sports business politics technology tech science health entertainment
    arts art culture opinion opinions video videos audio live home weather travel lifestyle style
    food education africa americas america asia europe middle east west north south pacific
    latin uk us usa u.s. australia india china markets market economy money more menu search
    sections section topics local national international media photos photography podcasts
    podcast newsletters games crossword puzzles obituaries cars autos jobs property magazine blogs
    blog login log sign register subscribe subscription account help contact about faq
    features feature analysis reviews review books music film films tv movies television radio
    environment climate columnists editorials letters sunday weekend commentary investigations
    data graphics interactive specials special reports report investigation global regions
    region asia-pacific mideast eastern western central northern southern
    and & the of in a to for your my our""".split()
)
_BYLINE_OK = frozenset(
    """and in of the for de del da di van von der den le la al el bin ibn with at
    writer writers correspondent correspondents reporter reporters editor editors staff
    contributor contributors bureau chief senior political diplomatic foreign special news
    press associated international national science health business economics""".split()
)
_BYLINE = re.compile(r"^by\s+[A-Z\u00c0-\u024f]", re.I)
_CHROME_WORDS = re.compile(
    r"\b(?:click|subscribe|subscription|newsletter|cookies?|app|download|follow us|sign up|"
    r"log in|login|browser|javascript|advertisement|comments?|share|tap|swipe|notifications?|"
    r"premium|paywall|ad-free|register)\b",
    re.I,
)

# Datelines: a line that is only a date, or a header cue with a date
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE_TOKENS = re.compile(
    rf"\b(?:{_MONTH}|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?|"
    r"gmt|utc|bst|cet|cest|est|edt|et|pt|pst|pdt|jst|kst|ist|[ap]\.?m\.?|at|on|the|of|"
    r"last updated|updated|published|posted|first published|modified|date|created|issued|released|"
    r"\d+(?:st|nd|rd|th)?|\d+:\d+(?::\d+)?|t\d+:\d+\S*)\b\.?",
    re.I,
)
_HEADER_CUE = re.compile(
    r"^(?:last updated|updated|published|posted|first published|modified|date|created|issued|released)\b",
    re.I,
)
_TITLE_DATE = re.compile(
    rf"\s*[-\u2013\u2014|:,/]?\s*(?:\(?\s*(?:(?:19|20)\d\d[-/.]\d{{1,2}}[-/.]\d{{1,2}}|"
    rf"(?:\w+day,?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH})\.?,?\s+(?:19|20)\d\d|"
    rf"(?:\w+day,?\s+)?(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d)\s*\)?)\s*$",
    re.I,
)
_TITLE_SITE_SEP = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|\u00bb|\u2022)\s+")
_SITE_WORDS = re.compile(
    r"\b(?:news|times|post|herald|tribune|journal|daily|gazette|guardian|telegraph|independent|"
    r"reuters|bbc|cnn|npr|abc|cbs|nbc|msnbc|fox|ap|afp|dw|al jazeera|online|\.com|\.org|\.net|"
    r"\.co\.uk|observer|express|mirror|chronicle|standard|review|magazine|weekly|world|press|"
    r"radio|tv|television|network|media|channel|report|today|wire)\b",
    re.I,
)
_URLISH = re.compile(
    r"(?:https?://|ftp://|www\.)\S+|(?<![\w@])[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/\S*|"
    r"(?<![\w@])(?:[\w-]+\.)+(?:com|org|net|gov|edu|int|co|uk|de|fr|jp|info|io|ly|gl|me|tv|news)\b/?",
    re.I,
)
_INNER_BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019)]?\s+[\"'\u201c\u2018(]?[A-Z]")
_FUNCTION_END = re.compile(
    r"(?:[,;\-\u2013\u2014(]|\b(?:the|a|an|of|to|and|or|but|in|on|at|for|with|by|from|that|"
    r"which|who|is|was|are|were|be|been|has|have|had|as|its|their|his|her|said|says|will|would|"
    r"not|than|this|these|those|into|about|after|before|over|under))$",
    re.I,
)

CHROME, CREDIT, DATELINE, SHORT, PROSE, LONG, HEADQ, COMMENT = (
    "chrome", "credit", "dateline", "short", "prose", "long", "headq", "comment",
)


@dataclass
class _Line:
    text: str
    block: int
    kind: str = PROSE
    related: bool = False  # a "Related stories"-style header
    nwords: int = 0
    multi: bool = False  # holds more than one sentence


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_dateline(line: str, low: str, nwords: int) -> bool:
    if nwords > 16 or not re.search(r"\d", line):
        return False
    if parse_date(line) is None and not (
        _HEADER_CUE.match(low) and re.search(rf"\b(?:{_MONTH})\b|\d{{1,2}}:\d\d|\bago\b", low)
    ):
        return False
    rest = _DATE_TOKENS.sub(" ", low)
    rest = re.sub(r"\b(?:by|ago|hours?|minutes?|mins?|days?)\b", " ", rest)
    left = len(_words(rest))
    if left <= 2:
        return True
    # "Posted: ...", "Updated ..." -- but not a sentence that starts with such a word
    return bool(_HEADER_CUE.match(low)) and (left <= 5 or not _TERMINAL.search(line[-8:]))


def _is_byline(line: str, words: list[str]) -> bool:
    if not _BYLINE.match(line) or len(words) > 14 or len(words) < 2:
        return False
    if _TERMINAL.search(line) and len(words) > 6:
        return False
    for w in words[1:]:
        wl = w.lower().strip(".'")
        if w[:1].islower() and wl not in _BYLINE_OK:
            return False
    return True


_SIGNOFF_START = re.compile(r"^[(\[]?(?:additional )?(?:reporting|writing|editing) by\b", re.I)
_SIGNOFF_OK = frozenset(
    "and by in from with editing writing reporting additional de del da di van von der al el bin "
    "compiled".split()
)


def _is_credit_signoff(line: str) -> bool:
    """"(Reporting by A and B; Editing by C)" -- names only after the cue words."""
    if not _SIGNOFF_START.match(line):
        return False
    for w in _words(line):
        if w[:1].islower() and w.lower() not in _SIGNOFF_OK:
            return False
    return True


def _is_nav(low: str, words: list[str]) -> bool:
    """A menu line: section names, or short items between separators (``low`` not terminal)."""
    if len(words) >= 2:
        navish = sum(1 for w in words if w.lower().strip(".") in _NAV_WORDS)
        if navish >= 0.75 * len(words) and navish >= 2:
            return True
    if any(sep in low for sep in _NAV_SEPS):
        sizes = [len(p.split()) for p in _NAV_SPLIT.split(low) if p.strip()]
        if (len(sizes) >= 4 and max(sizes) <= 4) or (len(sizes) >= 3 and max(sizes) <= 2):
            return True
    if len(words) <= 12:
        tokens = [t for t in re.split(r"[\s|,/\u2022\u00b7]+", low) if t]
        return len(tokens) >= 2 and all(t in _SOCIAL for t in tokens)
    return False


_NAV_SEPS = ("|", "\u203a", "\u00bb", ">", "\u2022", "\u00b7", "/", "::")
_NAV_SPLIT = re.compile(r"\s*(?:\||\u203a|\u00bb|>|\u2022|\u00b7|/|::)\s*")
_LIST_START = frozenset("0123456789*\u2022\u00b7\u25aa\u25ba\u25e6\u2023\u2013\u2014>-")


def _url_only(line: str) -> bool:
    tokens = line.split()
    if len(tokens) > 12 or sum(1 for t in tokens if "." not in t and "/" not in t) > 2:
        return False
    if not _URLISH.search(line):
        return False
    rest = _URLISH.sub(" ", line)
    return len(_words(rest)) <= 2 and not _TERMINAL.search(rest.strip())


_ALPHA = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
# non-letters (except the apostrophe) -> space: ``low.translate(_TOKEN_TABLE).split()`` is a fast
# tokenizer for word counts and keyword tests
_TOKEN_TABLE = {
    c: " "
    for c in [*range(0, 39), *range(40, 65), *range(91, 97), *range(123, 192), 0x2013, 0x2014,
              0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2022, 0x00B7, 0x203A, 0x2039, 0x00AB,
              0x00BB, 0x00D7, 0x00F7]
}
_DIGIT = re.compile(r"\d")
# first words of the whole-line chrome patterns (other lines skip that big regex)
_FULL_FIRST = frozenset(
    """accessibility skip jump main site primary menu navigation nav toggle open close show hide
    search section sections home homepage back go scroll return top breaking live just
    advertisement advertising advert ad ads sponsored promoted paid partner view load post read
    see add leave write submit comment comments join looking have discuss be share print email
    e mail tweet pin copy link save bookmark send font text a listen sign log signin signup login
    logout register subscribe newsletter newsletters my create manage accept reject cookie
    privacy terms contact about sitemap rss help faq faqs feedback careers jobs advertise page
    next previous prev more less continue click watch video audio gallery photos in slideshow
    podcast media explore launch bbc cnn dw reuters ap afp fox follow download get related other
    latest popular trending recommended featured most editor editor's editors what also further
    around from elsewhere don't dont you tags tag topic topics filed category categories keyword
    keywords all rights copyright c permalink short shortlink url source reporting writing
    editing compiled research translated additional our min minute minutes this supported
    hide toggle caption expand enlarge image photo slide reuse reprints reprint order today's
    todays license story key""".split()
)
_SEARCH_TOKENS = frozenset(
    """reserved published reproduced comments click buttons playback javascript browser cookies
    newsletter subscribe follow app contributed principles external reporting writing
    editing gift subscriber back print photograph photo image picture credit illustration window
    tab inbox comment logged favour favor journalism member supporter tip got outbrain
    taboola""".split()
)
_CREDIT_FIRST = frozenset(
    """image images photo photos photograph picture pictures pic foto fotos bild graphic graphics
    illustration video source credit credits copyright caption media c""".split()
)
_STRONG_CHROME_TOKENS = frozenset(
    """click subscribe subscription newsletter cookie cookies browser javascript login paywall
    notifications""".split()
)
_SPEECH_TOKENS = frozenset("said says told according added stated reported".split())
_CHROME_TOKENS = frozenset(
    """click subscribe subscription newsletter cookie cookies app download follow sign log login
    browser javascript advertisement comment comments share tap swipe notification
    notifications premium paywall ad-free register""".split()
)


def _classify(text: str) -> tuple[str, bool, int]:
    """(kind, is_related_header, word count) of one line."""
    core = _LIST_MARK.sub("", text) if text[:1] in _LIST_START else text
    low = core.lower()
    toks = [t for t in low.translate(_TOKEN_TABLE).split() if t != "'"]
    n = len(toks)
    body = _TRAILING_REF.sub("", core) if core.endswith("]") else core
    terminal = _TERMINAL.search(body[-8:]) is not None
    first = toks[0] if toks else ""
    tokset = set(toks)
    got = _chrome_kind(core, low, toks, tokset, terminal)
    if got is not None:
        return got[0], got[1], n
    if n <= 30 and (first in _CREDIT_FIRST or not low[:1].isalpha()) and _CREDIT_LINE.match(core):
        return CREDIT, False, n
    if n <= 16 and _DIGIT.search(core) and _is_dateline(core, low, n):
        return DATELINE, False, n
    if n <= 60 and "(" in core:
        if core.endswith(")") and _CREDIT_SUFFIX.search(core[-120:]):
            return CREDIT, False, n
        if _CAPTION_MARK.search(core):
            return CHROME, False, n
    if (
        n <= 30
        and not tokset.isdisjoint(_STRONG_CHROME_TOKENS)
        and len(tokset & _CHROME_TOKENS) >= 2
        and tokset.isdisjoint(_SPEECH_TOKENS)
        and len(_CHROME_WORDS.findall(core)) >= 2
    ):
        return CHROME, False, n  # "Click here to subscribe to our newsletter."
    if terminal:
        return (PROSE if n >= 3 or (n == 2 and max(map(len, toks)) >= 3) else CHROME), False, n
    if n >= 5 and _ENDS_COLON.search(body):
        return PROSE, False, n
    if n >= 4 and _ENDS_QUOTE.search(body) and re.search("[\"\u201c\u00ab]", body[:-1]):
        return PROSE, False, n
    if n >= LONG_WORDS:
        return LONG, False, n
    return SHORT, False, n


def _chrome_kind(core: str, low: str, toks: list[str], tokset: set[str],
                 terminal: bool) -> tuple[str, bool] | None:
    """(kind, is_related_header) when a line is page chrome (or starts reader comments) by its
    words alone; None otherwise."""
    n = len(toks)
    first = toks[0] if toks else ""
    if n <= 4 or first in _FULL_FIRST or not low[:1].isalpha():
        low_s = low.rstrip(" :\u2026\u00bb>\u203a|-")
        if low_s.endswith(".."):
            low_s = low_s.rstrip(". ")
        if n <= 12 and _RELATED_HEADER.match(low_s):
            return CHROME, True
        if _CHROME_FULL.match(low_s):
            return CHROME, False
    if n <= 12 and (("/" in core and _SIGNOFF.match(core)) or (n <= 8 and _AGENCY_LINE.match(core))):
        return CHROME, False
    if n <= 40 and (not tokset.isdisjoint(_SEARCH_TOKENS) or "@" in core) and _CHROME_SEARCH.search(core):
        return CHROME, False
    if "report abuse" in low or "posted by:" in low or "recommend this post" in low:
        return COMMENT, False  # reader comments start (or go on) here
    if ("/" in core or "www" in low or n <= 6) and _url_only(core):
        return CHROME, False
    if not terminal and _is_nav(low, toks):
        return CHROME, False
    if first == "by" and _is_byline(core, _words(core)):
        return CHROME, False
    if first in ("reporting", "writing", "editing", "additional") and _is_credit_signoff(core):
        return CHROME, False
    return None


def _blocks(text: str) -> list[list[str]]:
    out: list[list[str]] = []
    for para in re.split(r"\n[ \t]*\n", text):
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        if lines:
            out.append(lines)
    return out


def _unwrap(lines: list[str]) -> list[str]:
    """Join a hard-wrapped paragraph (lines broken at a fixed width mid-sentence)."""
    if len(lines) < 2:
        return lines
    body = lines[:-1]
    width = max(len(ln) for ln in body)
    if not 40 <= width <= 120:
        return lines
    full = sum(1 for ln in body if len(ln) >= 0.6 * width)
    if full < 0.8 * len(body):
        return lines
    cont = 0
    for a, b in zip(lines, lines[1:], strict=False):
        if _TERMINAL.search(a):
            continue
        if b[:1].islower() or _FUNCTION_END.search(a):
            cont += 1
    if cont < max(1, 0.5 * len(body)):
        return lines
    joined = lines[0]
    for ln in lines[1:]:
        if re.search(r"[A-Za-z]-$", joined) and ln[:1].islower():
            joined += ln
        else:
            joined += " " + ln
    return [joined]


_Cache = dict[str, tuple[str, bool, int, str, bool]]
_CREDIT_HEAD = re.compile(
    r"^(?:photograph|photo|picture|image|source|graphic|illustration)s?\s*:\s*", re.I
)
_SENTENCE_START = frozenset(
    "The A An We I He She It They In At On As This That These Those There Two Three Four Five "
    "After Before When While If For Some Many Most More One Officials Police".split()
)


def _strip_credit(text: str) -> str | None:
    """"Photograph: Tim Ireland/PA Swine flu is spreading ..." -> "Swine flu is spreading ..."

    Scraped pages often glue the photo credit to the first sentence.  Returns the sentence, or
    None when the line is only a credit.
    """
    m = _CREDIT_HEAD.match(text)
    if not m:
        return None
    toks = text[m.end():].split()
    cut: int | None = None
    for i, t in enumerate(toks[:8]):
        if "/" in t:
            cut = i + 1
    if cut is None:
        for i, t in enumerate(toks[:6]):
            if _AGENCY_LINE.match(t.strip(",;")):
                cut = i + 1
    if cut is None:
        for i, t in enumerate(toks[:8]):
            if i >= 1 and t in _SENTENCE_START:
                cut = i
                break
    if cut is None:
        for i, t in enumerate(toks[:9]):
            if t[:1].islower():
                cut = i - 1 if i >= 2 else None
                break
    if not cut:
        return None
    rest = " ".join(toks[cut:])
    if len(rest.split()) < 6 or not rest[:1].isupper() or not _TERMINAL.search(rest[-8:]):
        return None
    return rest


def _classified(ln: str, cache: _Cache) -> tuple[str, bool, int, str, bool]:
    """(kind, related header, words, text, several sentences) of a line, memoized."""
    got = cache.get(ln)
    if got is None:
        kind, related, n = _classify(ln)
        text = ln
        if kind == CREDIT and n > 12:
            rest = _strip_credit(ln)
            if rest:
                text = rest
                kind, related, n = _classify(rest)
        multi = kind in (PROSE, LONG) and _INNER_BOUNDARY.search(text) is not None
        got = cache[ln] = (kind, related, n, text, multi)
    return got


def _lines_of(text: str, cache: _Cache | None = None) -> list[_Line]:
    out: list[_Line] = []
    if cache is None:
        cache = {}
    for b, lines in enumerate(_blocks(text)):
        for ln in _unwrap(lines):
            got = _classified(ln, cache)
            out.append(_Line(got[3], b, got[0], got[1], got[2], got[4]))
    return out
