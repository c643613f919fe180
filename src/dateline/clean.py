"""Cleaning: scraped page text or HTML -> article body, title, header lines, metadata date.

Plain text (:func:`clean_text`) is cleaned line by line.  Every line is classified:

* **chrome** -- navigation, banners, share/print/e-mail links, comment prompts, menus, bare URLs,
  cookie and subscription notices, copyright lines, bylines, "Related stories" headers, photo
  credits and captions, agency sign-offs (``msh/rc (AFP, dpa)``, a lone ``(Reuters)``);
* **dateline** -- a line that only carries a date ("Last Updated: Wednesday, 7 March 2007");
* **short** -- a line without sentence punctuation and fewer than 25 words: a headline, a
  sub-heading, a caption, a menu entry, a fact-box bullet;
* **prose** -- a sentence or paragraph (ends with sentence punctuation, or is long).

Only prose is kept, plus context rules: lines following a "Related stories" / "More from" header
are dropped until real prose resumes; a caption right above a photo credit (or below a
"Photos:" gallery marker) is dropped; blocks of short headline-like lines at the end of the page
(lists of unrelated stories) are dropped; a sentence glued to a photo credit ("Photograph:
A. Name/PA Flu is spreading ...") keeps the sentence.  The title is the headline-like line of
the page header that shares words with the lead (menus and taglines share none), without a
trailing date or site name.  The original first lines are kept as ``header_lines`` (the dating
stage reads printed dates there).

Pure Python and regular expressions, deterministic; about 1.5 ms per Timeline17 article.

The filter is applied until nothing changes, so cleaning is idempotent.  Text that is
PTB-tokenized (``-LRB-``, ``` `` ```, `` 's``) is detokenized first.

HTML (:func:`clean_html`) goes through trafilatura (body, title, site name) and htmldate
(metadata publication date); the extracted text is then run through the same line filter.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from dateline.dating import parse_date
from dateline.model import RawInput

__all__ = ["Cleaned", "clean", "clean_html", "clean_text", "detokenize_ptb", "is_ptb_tokenized"]

HEADER_LINES = 15  # original first lines kept for the dating stage
LONG_WORDS = 25  # a line without sentence punctuation this long is still prose
TITLE_MAX_WORDS = 25
_MAX_PASSES = 20


@dataclass
class Cleaned:
    """The output of the cleaning stage for one input."""

    text: str  # cleaned body: paragraphs separated by blank lines
    title: str | None = None
    meta_date: dt.date | None = None  # publication date from HTML metadata
    url: str | None = None
    sitename: str | None = None
    header_lines: list[str] = field(default_factory=list)


_HTML_TEXT = re.compile(r"<(?:!doctype html|html|head|body|article|div|p|br|span|table)\b[^>]*>", re.I)


def clean(raw: RawInput) -> Cleaned:
    """Clean one input according to its kind (``text`` or ``html``).

    A ``text`` input that is really markup (a JSONL ``text`` field holding a page) is cleaned as
    HTML.
    """
    if raw.kind == "html" or _is_markup(raw.raw):
        return clean_html(raw.raw, raw.url)
    out = clean_text(raw.raw)
    if raw.url and not out.url:
        out.url = raw.url
    return out


# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------

# invisible characters, and the bidirectional embeddings/overrides/isolates that would reorder
# what a reader of an output sees
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(
    "[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\x0b\x0c]{2,}|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\x0b\x0c]"
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def _is_markup(text: str) -> bool:
    head = text.lstrip()[:3000]
    return head[:1] == "<" and len(_HTML_TEXT.findall(head)) >= 2


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
_DOUBLE_DOT = re.compile(r"\.\.(?=\n|\Z)")


def _fix_double_dot(m: re.Match[str]) -> str:
    i = m.start()
    return "." if i > 0 and m.string[i - 1].isalpha() else m.group(0)  # "U.S. ." -> "U.S."


def detokenize_ptb(text: str) -> str:
    """Undo PTB tokenization (the line structure is kept).

    >>> detokenize_ptb("He said `` we ca n't go '' -LRB- AP -RRB- , Obama 's aide said .")
    'He said "we can\'t go" (AP), Obama\'s aide said.'
    """
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


# --------------------------------------------------------------------------------------------
# Line classification
# --------------------------------------------------------------------------------------------

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
    if n <= 4 or first in _FULL_FIRST or not low[:1].isalpha():
        low_s = low.rstrip(" :\u2026\u00bb>\u203a|-")
        if low_s.endswith(".."):
            low_s = low_s.rstrip(". ")
        if n <= 12 and _RELATED_HEADER.match(low_s):
            return CHROME, True, n
        if _CHROME_FULL.match(low_s):
            return CHROME, False, n
    if n <= 12 and (("/" in core and _SIGNOFF.match(core)) or (n <= 8 and _AGENCY_LINE.match(core))):
        return CHROME, False, n
    tokset = set(toks)
    if n <= 40 and (not tokset.isdisjoint(_SEARCH_TOKENS) or "@" in core) and _CHROME_SEARCH.search(core):
        return CHROME, False, n
    if "report abuse" in low or "posted by:" in low or "recommend this post" in low:
        return COMMENT, False, n  # reader comments start (or go on) here
    if ("/" in core or "www" in low or n <= 6) and _url_only(core):
        return CHROME, False, n
    if not terminal and _is_nav(low, toks):
        return CHROME, False, n
    if first == "by" and _is_byline(core, _words(core)):
        return CHROME, False, n
    if first in ("reporting", "writing", "editing", "additional") and _is_credit_signoff(core):
        return CHROME, False, n
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


# --------------------------------------------------------------------------------------------
# The filter
# --------------------------------------------------------------------------------------------


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


def _apply_context(lines: list[_Line]) -> None:
    """Context rules: related-story lists, captions above credits, trailing headline lists."""
    # captions right above a photo credit (same block)
    for i, ln in enumerate(lines):
        if ln.kind == CREDIT and i > 0 and ln.nwords <= 10 and "caption" not in ln.text.lower():
            prev = lines[i - 1]
            if prev.block == ln.block and prev.kind in (PROSE, LONG, SHORT) and prev.nwords <= 45:
                prev.kind = CHROME
    # lists after a "Related stories" / "More from ..." header
    related = False
    for ln in lines:
        if ln.related:
            related = True
            continue
        if related:
            if ln.kind in (PROSE, LONG) and ln.nwords >= 20:
                related = False
            else:
                ln.kind = CHROME
    # reader comments: everything from the first comment marker ("| Report abuse", "Posted by:")
    # on, once the article has begun
    first = next((i for i, ln in enumerate(lines) if ln.kind == COMMENT), None)
    if first is not None and sum(1 for ln in lines[:first] if ln.kind in (PROSE, LONG)) >= 3:
        for ln in lines[first:]:
            ln.kind = CHROME
    # a gallery caption right below "Photos: ..." / "1 of 6"
    for i, ln in enumerate(lines[1:], 1):
        prev = lines[i - 1]
        if prev.kind == CHROME and ln.kind == PROSE and prev.block == ln.block and ln.nwords <= 40 \
                and _GALLERY.match(prev.text):
            ln.kind = CHROME
    # a tiny "sentence" ("U.S.", "Yes.") amid menu entries is a menu entry
    for i, ln in enumerate(lines):
        if ln.kind == PROSE and ln.nwords <= 3:
            nb = [m for m in (lines[i - 1] if i else None, lines[i + 1] if i + 1 < len(lines) else None)
                  if m is not None and m.block == ln.block]
            if nb and all(m.kind not in (PROSE, LONG) for m in nb):
                ln.kind = CHROME
    # trailing blocks of headline-like lines (unrelated stories at the end of the page)
    blocks: dict[int, list[_Line]] = {}
    for ln in lines:
        blocks.setdefault(ln.block, []).append(ln)
    for b in sorted(blocks, reverse=True):
        blk = blocks[b]
        live = [ln for ln in blk if ln.kind in (PROSE, LONG, HEADQ)]
        if not live:
            continue
        if len(blk) >= 2 and all(
            ln.nwords <= 15 and not re.search(r"[.:;]['\"\u201d\u2019)]*$", ln.text) for ln in blk
        ):
            for ln in blk:
                ln.kind = CHROME
            continue
        break


def _stems(text: str) -> set[str]:
    return {w[:4] for w in _ALPHA.findall(text.lower()) if len(w) >= 3 and w not in _STOP}


_STOP = frozenset(
    """the and for with from that this was were are has have had not but its his her their they
    you your our will would said says after over into about more than been also who what when
    where which new news""".split()
)


_GALLERY = re.compile(
    r"^(?:(?:photos?|pictures?|gallery|in pictures|slideshow|images?)\s*:|\d+ (?:of|/) \d+$|"
    r"(?:hide|show) caption$)",
    re.I,
)


def _mark_headline(lines: list[_Line]) -> int | None:
    """Index of the title line in the page header, or None.

    Header = lines before the first kept prose line.  Candidates are short headline-like lines;
    a question/exclamation line counts only when page chrome precedes it (so a body that opens
    with a question is not mistaken for a title).  The first candidate that shares at least two
    content words with the start of the body wins (menus and taglines share none), else the one
    sharing most, else the first.
    """
    seen_chrome = False
    cands: list[int] = []
    body_start: int | None = None
    for i, ln in enumerate(lines[:40]):
        if ln.kind in (PROSE, LONG):
            if (
                seen_chrome
                and ln.nwords <= 15
                and re.search(r"[?!]['\"\u201d\u2019]*$", ln.text)
                and not re.search("^[\"'\u201c\u2018]", ln.text)
                and any(m.kind in (PROSE, LONG) for m in lines[i + 1 :])
            ):
                cands.append(i)
                continue
            body_start = i
            break
        if ln.kind == SHORT and _headline_like(ln):
            cands.append(i)
        seen_chrome = True
    if not cands:
        return None
    best = cands[0]
    if len(cands) > 1 and body_start is not None:
        body: list[str] = []
        size = 0
        for ln in lines[body_start:]:
            if ln.kind in (PROSE, LONG):
                body.append(ln.text)
                size += len(ln.text)
                if size > 800:
                    break
        words = _stems(" ".join(body))
        scores = [len(_stems(_TITLE_DATE.sub("", lines[i].text)) & words) for i in cands]
        good = [i for i, sc in zip(cands, scores, strict=True) if sc >= 2]
        if good:
            best = good[0]
        elif max(scores) >= 1:
            best = cands[scores.index(max(scores))]
    if lines[best].kind in (PROSE, LONG):
        lines[best].kind = HEADQ
    return best


def _headline_like(ln: _Line) -> bool:
    if not 3 <= ln.nwords <= TITLE_MAX_WORDS:
        return False
    text = _TITLE_DATE.sub("", ln.text)
    words = _words(text)
    if len(words) < 2:
        return False
    letters = [c for c in text if c.isalpha()]
    return not (letters and all(c.isupper() for c in letters) and len(words) < 4)


def _strip_title(title: str, sitename: str | None = None) -> str:
    """A headline without a trailing date ("Title - 2002-08-18") or site/section suffixes
    ("Title | World news | The Guardian")."""
    title = _TITLE_DATE.sub("", title).strip()
    site = (sitename or "").strip().lower()
    for _ in range(3):
        seps = list(_TITLE_SITE_SEP.finditer(title))
        if not seps:
            break
        cut = seps[-1]
        head, tail = title[: cut.start()].strip(), title[cut.end() :].strip()
        if not _is_site_part(tail, site) or len(_words(head)) < 3:
            break
        title = head
    for _ in range(3):  # leading "BBC NEWS | Asia-Pacific | ..."
        m = _TITLE_SITE_SEP.search(title)
        if not m:
            break
        head, tail = title[: m.start()].strip(), title[m.end() :].strip()
        if not _is_site_part(head, site) or len(_words(tail)) < 3:
            break
        title = tail
    return title.strip(" -|\u2013\u2014:")


def _is_site_part(part: str, site: str) -> bool:
    low = part.lower()
    words = low.replace("-", " ").split()
    if not 0 < len(words) <= 4:
        return False
    if site and (low == site or site in low):
        return True
    return _SITE_WORDS.search(part) is not None or all(w.strip(".,") in _NAV_WORDS for w in words)


def _render(lines: list[_Line], keep: set[str]) -> str:
    """Kept lines; blocks separated by a blank line.  A block of multi-sentence lines (one
    paragraph per line) is split into one paragraph per line."""
    blocks: dict[int, list[_Line]] = {}
    for ln in lines:
        if ln.kind in keep:
            blocks.setdefault(ln.block, []).append(ln)
    paras: list[str] = []
    for b in sorted(blocks):
        blk = blocks[b]
        multi = sum(1 for ln in blk if ln.multi)
        if len(blk) >= 2 and multi * 2 >= len(blk):
            paras.extend(ln.text for ln in blk)
        else:
            paras.append("\n".join(ln.text for ln in blk))
    return "\n\n".join(paras)


def _filter(text: str, cache: _Cache | None = None) -> tuple[str, list[_Line], int | None]:
    lines = _lines_of(text, cache)
    title_idx = _mark_headline(lines)
    _apply_context(lines)
    out = _render(lines, {PROSE, LONG})
    if not out and any(ln.kind == SHORT and ln.nwords >= 8 for ln in lines):
        # no sentence punctuation anywhere: keep the longer non-chrome lines instead
        for ln in lines:
            if ln.kind == SHORT and ln.nwords >= 8:
                ln.kind = LONG
        if title_idx is not None and lines[title_idx].kind == LONG:
            title_idx = None  # the headline-like line stays in the text; no title then
        out = _render(lines, {LONG})
    return out, lines, title_idx


def _header_lines(text: str, limit: int = HEADER_LINES) -> list[str]:
    out: list[str] = []
    for line in text.split("\n"):
        s = line.strip()
        if s:
            out.append(s[:300])
            if len(out) >= limit:
                break
    return out


def clean_text(text: str) -> Cleaned:
    """Clean scraped plain text: remove page chrome, detokenize PTB text, find the title."""
    if not isinstance(text, str):
        text = str(text or "")
    norm = _normalize(text)
    if is_ptb_tokenized(norm):
        norm = detokenize_ptb(norm)
    cache: _Cache = {}
    body, lines, title_idx = _filter(norm, cache)
    title = _strip_title(lines[title_idx].text) if title_idx is not None else None
    body = _fixpoint(body, cache)
    return Cleaned(text=body, title=title or None, header_lines=_text_header(norm, lines, title_idx))


def _text_header(norm: str, lines: list[_Line], title_idx: int | None) -> list[str]:
    """The first lines of the page.  When the page header (everything above the article body)
    is longer than that, its date lines and the headline replace the last of them, so a dateline
    under a long menu still reaches the dating stage."""
    header = _header_lines(norm)
    start = next((i for i, ln in enumerate(lines) if ln.kind in (PROSE, LONG)), len(lines))
    if start <= HEADER_LINES:
        return header
    extra = [
        ln.text[:300] for i, ln in enumerate(lines[HEADER_LINES:start], HEADER_LINES)
        if ln.kind == DATELINE or i == title_idx
    ][:5]
    if not extra:
        return header
    return header[: HEADER_LINES - len(extra)] + extra


def _fixpoint(body: str, cache: _Cache | None = None) -> str:
    """Apply (detokenize if PTB +) the filter until nothing changes: cleaning is idempotent."""
    cache = {} if cache is None else cache
    for _ in range(_MAX_PASSES):
        again = detokenize_ptb(body) if is_ptb_tokenized(body) else body
        again = _filter(again, cache)[0]
        if again == body:
            break
        body = again
    return body


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_DATE_CLASS = re.compile(r"date|time|posted|publish|updated|dateline|byline|meta", re.I)


def _meta_date(html: str, url: str | None) -> dt.date | None:
    try:
        from htmldate import find_date

        found = find_date(
            html, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d"
        )
    except Exception:
        return None
    if not found:
        return None
    try:
        return dt.date.fromisoformat(str(found)[:10])
    except ValueError:
        return None


def _visible_date_lines(tree) -> list[str]:
    """Texts of <time> elements and of small elements whose class/id says date/time."""
    out: list[str] = []
    try:
        for el in tree.iter():
            if len(out) >= 5:
                break
            tag = el.tag if isinstance(el.tag, str) else ""
            attrs = " ".join(str(el.get(a) or "") for a in ("class", "id", "itemprop"))
            if tag.lower() == "time" or (attrs and _DATE_CLASS.search(attrs)):
                txt = " ".join(" ".join(el.itertext()).split())
                if 4 <= len(txt) <= 120 and re.search(r"\d", txt) and parse_date(txt):
                    out.append(txt)
    except Exception:
        return out
    return out


def _parse_tree(html: str):
    try:
        import lxml.html

        src = _XML_DECL.sub("", html)
        if not src.strip():
            return None
        return lxml.html.fromstring(src)
    except Exception:
        return None


def _fallback_paragraphs(tree) -> str:
    """Paragraph texts straight from the tree when trafilatura finds no article."""
    if tree is None:
        return ""
    paras: list[str] = []
    try:
        for el in tree.iter("p"):
            txt = " ".join(" ".join(el.itertext()).split())
            if txt:
                paras.append(txt)
    except Exception:
        return ""
    return "\n\n".join(paras)


_NOT_TEXT = re.compile(r"<(script|style|noscript|template|textarea)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_P_OPEN = re.compile(r"<p\b[^>]*>", re.I)
_P_END = re.compile(r"</?(?:p|div|section|article|body|main|td|li|h[1-6])\b", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")


def _markup_paragraphs(html: str) -> str:
    """Paragraph texts read from the markup itself, for pages whose paragraphs the parser lost
    (libxml2 drops elements nested deeper than 255 levels).  Only called when neither
    trafilatura nor the parsed tree found any paragraph."""
    if "<p" not in html and "<P" not in html:
        return ""
    try:
        src = _NOT_TEXT.sub(" ", html)
        paras: list[str] = []
        for m in _P_OPEN.finditer(src):
            rest = src[m.end():m.end() + 20000]
            end = _P_END.search(rest)
            txt = html_lib.unescape(_ANY_TAG.sub(" ", rest[:end.start()] if end else rest))
            txt = " ".join(txt.split())
            if txt:
                paras.append(txt)
        return "\n\n".join(paras)
    except Exception:
        return ""


def _meta_title(tree) -> str | None:
    if tree is None:
        return None
    try:
        for xp in ('//meta[@property="og:title"]/@content', '//meta[@name="twitter:title"]/@content',
                   "//h1//text()", "//title/text()"):
            vals = [" ".join(str(v).split()) for v in tree.xpath(xp)]
            vals = [v for v in vals if v]
            if vals:
                return vals[0] if xp != "//h1//text()" else " ".join(vals)
    except Exception:
        return None
    return None


def clean_html(html: str, url: str | None = None) -> Cleaned:
    """Extract the article of an HTML page: body, title, site name, URL, metadata date.

    Never raises on malformed input; a page without an article gives empty ``text``.
    """
    if not isinstance(html, str):
        html = str(html or "")
    html = _CONTROL.sub("", html.replace("\x00", ""))
    meta_date = _meta_date(html, url) if html.strip() else None
    extracted: str = ""
    title: str | None = None
    sitename: str | None = None
    page_url: str | None = url
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(
            _XML_DECL.sub("", html),
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            deduplicate=False,
        )
    except Exception:
        doc = None
    if doc is not None:
        get = doc.get if isinstance(doc, dict) else (lambda k, d=None: getattr(doc, k, d))
        extracted = str(get("text") or "")
        title = get("title") or None
        sitename = get("sitename") or None
        page_url = get("url") or url
    tree = _parse_tree(html) if html.strip() else None
    if not extracted.strip():
        extracted = _fallback_paragraphs(tree) or _markup_paragraphs(html)
    if not title:
        title = _meta_title(tree)
    norm = _normalize(extracted)
    # trafilatura puts one paragraph per line
    norm = "\n\n".join(ln for ln in norm.split("\n") if ln.strip())
    body = _fixpoint(_filter(norm)[0]) if norm else ""
    if title:
        title = _strip_title(_normalize(str(title)).replace("\n", " "), sitename) or None
    header: list[str] = []
    if title:
        header.append(title)
    header.extend(_visible_date_lines(tree) if tree is not None else [])
    header.extend(_header_lines(_normalize(extracted), HEADER_LINES))
    header = list(dict.fromkeys(header))  # no repeats, order kept
    return Cleaned(
        text=body,
        title=title,
        meta_date=meta_date,
        url=page_url if isinstance(page_url, str) and page_url else None,
        sitename=str(sitename) if sitename else None,
        header_lines=header[:HEADER_LINES + 5],
    )


def _debug_classes(text: str) -> Sequence[tuple[str, str]]:
    """(kind, line) pairs of the first pass -- for tuning and tests."""
    lines = _lines_of(_normalize(text))
    _mark_headline(lines)
    _apply_context(lines)
    return [(ln.kind, ln.text) for ln in lines]
