"""The one decode: bytes -> text, for every reader (build, ingest, ``dateline tag``).

A BOM or valid UTF-8/UTF-16 wins; then the charset an HTML page declares, when the text it
gives is sensible; then charset-normalizer's guess.  Binary data (images, PDFs, archives,
executables) is recognised and not decoded.
"""

from __future__ import annotations

import re

SNIFF = 8192
_NOT_CONTROL = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 11, 12, 13, 27))
_BAD_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ufffd]")
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html\b|<\?xml[^>]*>\s*<(?:!doctype\s+)?html\b)", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF", b"\xd0\xcf\x11\xe0")
_WESTERN = frozenset({
    "ascii", "cp1252", "windows_1252", "latin_1", "iso8859_1", "iso8859_15", "cp1250", "iso8859_2",
    "cp1254", "iso8859_9", "cp1257", "iso8859_13", "iso8859_4", "iso8859_10", "iso8859_14",
    "iso8859_16", "mac_roman", "mac_latin2", "mac_iceland", "mac_turkish", "cp850", "cp437",
    "cp858", "cp1258", "cp775", "hp_roman8", "utf_16", "utf_16_be", "utf_16_le", "utf_32",
    "utf_32_be", "utf_32_le", "cp037", "cp500", "cp1140", "cp273", "cp1125", "cp852", "iso8859_3",
    "cp865", "cp863", "cp860", "cp861",
})


def looks_binary(data: bytes) -> bool:
    head = data[:SNIFF]
    if any(head.startswith(m) for m in _BINARY_MAGIC):
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False
    if b"\x00" in head:
        return _utf16_guess(head) is None
    ctrl = len(head.translate(None, _NOT_CONTROL))
    return ctrl > 0.05 * max(1, len(head))


def _utf16_guess(head: bytes) -> str | None:
    """utf-16-le/be for BOM-less UTF-16 text (NULs in every other byte), else None."""
    if len(head) < 4:
        return None
    even = head[0::2]
    odd = head[1::2]
    if odd.count(0) > 0.7 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.7 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _sensible(text: str) -> bool:
    """Few control characters / replacement characters: a plausible decoding."""
    if not text:
        return True
    sample = text[:20000]
    return len(_BAD_CHARS.findall(sample)) <= 0.02 * len(sample)


def decode_bytes(data: bytes, declared: str | None = None, html: bool = False) -> tuple[str, str] | None:
    """(text, encoding) of ``data``, or None when nothing sensible decodes it.

    Order: BOM (UTF-8/16/32), UTF-8, a declared charset (HTTP header or ``<meta charset>``),
    charset-normalizer detection (non-Western encodings), then cp1252, latin-1.
    This is the one decode of dateline: ``build``, ``ingest`` and ``tag`` all read bytes with it.
    """
    found = _decode_unicode(data)
    if found is not None:
        return found
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    if html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            candidates.append(m.group(1).decode("ascii", "ignore"))
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
        if _sensible(text):
            return text, _norm_enc(enc)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        enc = best.encoding if best is not None else None
    except Exception:
        enc = None
    if enc and _norm_enc(enc) not in _WESTERN:
        try:
            text = data.decode(enc)
            if _sensible(text):
                return text, _norm_enc(enc)
        except (LookupError, UnicodeDecodeError):
            pass
    for enc in ("cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _sensible(text):
            return text, enc
    return None


def _decode_unicode(data: bytes) -> tuple[str, str] | None:
    """A Unicode encoding: by its BOM, UTF-16 without one (NUL bytes in a pattern), UTF-8."""
    boms = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
            (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
    for bom, enc in boms:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                break
    guess16 = _utf16_guess(data[:SNIFF]) if b"\x00" in data[:SNIFF] else None
    if guess16:
        try:
            text = data.decode(guess16)
            if _sensible(text):
                return text, guess16
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return None


def decode_text(data: bytes) -> str:
    """``decode_bytes`` for a reader that must get text whatever the bytes are (``dateline tag``):
    what nothing decodes sensibly is read as UTF-8 with replacement characters."""
    found = decode_bytes(data)
    return found[0] if found is not None else data.decode("utf-8", errors="replace")


def _norm_enc(enc: str) -> str:
    try:
        import codecs

        return codecs.lookup(enc).name.replace("-", "_")
    except LookupError:
        return enc.lower()


def looks_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head))
