"""HTML pages: the article through trafilatura (body, title, site name), the metadata date
through htmldate, fallbacks read from the tree or the markup; the text then goes through the
page filter."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re

from dateline.clean.lines import _alt
from dateline.clean.normalize import _CONTROL, _normalize
from dateline.clean.page import (
    HEADER_LINES,
    Cleaned,
    _filter,
    _fixpoint,
    _header_lines,
    _strip_title,
)
from dateline.dating import parse_date

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# class/id/itemprop words of the elements that show a date
_DATE_CLASS = re.compile(_alt("date_attribute_words"), re.I)


_NEW_YEAR = re.compile(r"(?<!\d)(?:0?1[-/.]0?1(?!\d)|\d{4}[-/]01[-/]01)|\b(?:1(?:st)?\s+Jan|Jan(?:uary|\.)?\s+1(?:st)?\b)", re.I)


def _htmldate(html: str, url: str | None, extensive: bool) -> dt.date | None:
    try:
        from htmldate import find_date

        found = find_date(
            html, url=url, original_date=True, extensive_search=extensive, outputformat="%Y-%m-%d"
        )
    except Exception:
        return None
    if not found:
        return None
    try:
        return dt.date.fromisoformat(str(found)[:10])
    except ValueError:
        return None


# the publication date a page declares as such (Open Graph / schema.org): it wins over any
# modification date htmldate may prefer
_DECLARED = re.compile(
    r"""<meta\s[^>]*?(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|"""
    r"""datePublished|pubdate|publish[-_]?date|dc\.date\.issued)["'][^>]*?content\s*=\s*["']"""
    r"""(?P<a>\d{4}-\d\d-\d\d)|"datePublished"\s*:\s*"(?P<b>\d{4}-\d\d-\d\d)""",
    re.I,
)


def _declared_date(html: str) -> dt.date | None:
    """The first publication date the page declares in its metadata (<meta> or JSON-LD)."""
    for m in _DECLARED.finditer(html, 0, min(len(html), 400_000)):
        try:
            return dt.date.fromisoformat(m["a"] or m["b"])
        except ValueError:
            continue
    return None


def _meta_date(html: str, url: str | None) -> tuple[dt.date | None, dt.date | None]:
    """(date from the page's metadata, date from htmldate's extensive search of the page and its
    URL): the second only when the first finds nothing."""
    declared = _declared_date(html)
    if declared:
        return declared, None
    fast = _htmldate(html, url, extensive=False)
    if fast:
        return fast, None
    found = _htmldate(html, url, extensive=True)
    if found and (found.month, found.day) == (1, 1) and not _NEW_YEAR.search(html + " " + (url or "")):
        found = None  # the extensive search fills a bare year in as 1 January: not a day
    return None, found


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
    meta_date, searched_date = _meta_date(html, url) if html.strip() else (None, None)
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
        searched_date=searched_date,
        url=page_url if isinstance(page_url, str) and page_url else None,
        sitename=str(sitename) if sitename else None,
        header_lines=header[:HEADER_LINES + 5],
    )
