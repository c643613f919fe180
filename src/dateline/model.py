"""The data model every stage speaks.

Data flows one way: ``RawInput`` (ingest) -> ``Document`` (clean, dating, temporal,
sentences) -> ``Timeline`` (select, summarize) -> render.  Stages are plain functions over
these dataclasses; none of them does I/O except ``ingest`` and ``render``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from dateline.config import Config as Config  # re-exported: the one Config lives there

Granularity = Literal["day", "month", "year"]
Status = Literal["used", "duplicate", "skipped", "failed"]
DateSource = Literal["stated", "metadata", "field", "url", "page", "filename", "inferred"]

SCHEMA = "dateline/1"
# the files a build writes (render.FILE_NAMES plus the manifest and the digest); a folder holding
# them with our manifest is an output folder, and its files are never read as articles
OUTPUT_FILES = ("timeline.json", "timeline.md", "timeline.txt", "timeline.html", "timelinejs.json",
                "timeline.csv", "timeline.xlsx", "documents.jsonl", "digest.json")


@dataclass(frozen=True)
class RawInput:
    """One input document as read from disk (or a JSONL line), not yet cleaned."""

    id: str
    path: str  # where it came from: a file path, or ``file.jsonl:LINE``
    kind: Literal["text", "html"]
    raw: str  # decoded content
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_field: str | None = None  # the ``published`` field of a JSONL record
    encoding: str | None = None


@dataclass(frozen=True)
class TimeMention:
    """A temporal expression in a sentence, resolved to a calendar period.

    ``start``/``end`` are character offsets into the sentence text.  ``date`` is the first
    day of the period; ``granularity`` says whether it is that day, its month or its year.
    """

    start: int
    end: int
    text: str
    value: str  # TIMEX3 value, e.g. 2002-08-18, 2000-10, 2002
    date: _dt.date
    granularity: Granularity

    def key(self) -> tuple[_dt.date, Granularity]:
        return (self.date, self.granularity)


@dataclass
class Sentence:
    doc_id: str
    index: int  # position in its document (0 = lead)
    text: str
    mentions: list[TimeMention] = field(default_factory=list)


@dataclass
class Document:
    """A cleaned, dated, sentence-split article."""

    id: str
    path: str
    text: str  # cleaned body text, paragraphs separated by blank lines
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: _dt.date | None = None
    date_source: DateSource | None = None
    date_confidence: float = 0.0
    date_evidence: str | None = None  # a short human-readable reason for the date
    sentences: list[Sentence] = field(default_factory=list)
    status: Status = "used"
    reason: str = ""
    duplicate_of: str | None = None
    warnings: list[str] = field(default_factory=list)
    fingerprint: bytes | None = None  # near-duplicate signature (dedup.fingerprint), per document

    @property
    def inferred(self) -> bool:
        return self.date_source == "inferred"


@dataclass
class ManifestRow:
    """One row of ``documents.jsonl``: every input appears exactly once."""

    id: str
    path: str
    status: Status
    reason: str = ""
    published: str | None = None
    date_source: str | None = None
    confidence: float | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    duplicate_of: str | None = None
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_document(cls, doc: Document) -> ManifestRow:
        return cls(
            id=doc.id,
            path=doc.path,
            status=doc.status,
            reason=doc.reason,
            published=doc.published.isoformat() if doc.published else None,
            date_source=doc.date_source,
            confidence=round(doc.date_confidence, 3) if doc.published else None,
            title=doc.title,
            source=doc.source,
            url=doc.url,
            duplicate_of=doc.duplicate_of,
            text=doc.text,
        )


@dataclass(frozen=True)
class Citation:
    """A timeline sentence and the article it comes from."""

    text: str
    doc_id: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    date_inferred: bool = False


@dataclass
class TimelineEntry:
    date: _dt.date
    granularity: Granularity
    summary: list[Citation]
    sources: int  # distinct articles that mention/report this date
    score: float = 0.0
    low_confidence: bool = False  # only articles with an uncertain inferred date support it
    date_inferred: bool = False  # the day rests on inferred publication dates only
    background: bool = False  # outside the story's period (see dateline.period)
    evidence: dict[str, Any] = field(default_factory=dict)  # why this date (see docs/schema.md)

    def flags(self) -> list[str]:
        """What a reader should know about this date, shown on its heading in every format."""
        out = []
        if self.background:
            out.append("background")
        if self.low_confidence:
            out.append("low confidence")
        elif self.date_inferred:
            out.append("date inferred")
        return out

    def label(self) -> str:
        if self.granularity == "year":
            return f"{self.date.year}"
        if self.granularity == "month":
            return self.date.strftime("%b %Y")
        return f"{self.date.day} {self.date.strftime('%B %Y')}"

    def iso(self) -> str:
        if self.granularity == "year":
            return f"{self.date.year:04d}"
        if self.granularity == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()


@dataclass
class Timeline:
    """The result of a run: dated entries plus the manifest of every input.

    Render it with :meth:`to_json`, :meth:`to_markdown`, :meth:`to_tilse`, :meth:`to_html`, or
    write every format at once with :meth:`write`.
    """

    title: str
    entries: list[TimelineEntry]
    documents: list[ManifestRow]
    config: dict[str, Any] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)
    coverage: list[tuple[str, int]] = field(default_factory=list)  # (iso day, articles published)
    digest: dict[str, Any] | None = None
    period: dict[str, Any] | None = None  # the story's period (dateline.period.StoryPeriod)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    changes: dict[str, Any] | None = None  # what is new since the previous build (dateline.changes)

    def __len__(self) -> int:
        return len(self.entries)

    def empty_window(self) -> str | None:
        """When a window (``--from``/``--to``) left no date: one sentence saying so, with the
        span the articles were published in (else None)."""
        start, end = (self.config or {}).get("start"), (self.config or {}).get("end")
        if self.entries or not (start or end):
            return None
        window = f"from {start}" if start and not end else (
            f"up to {end}" if end and not start else f"from {start} to {end}")
        days = sorted(str(d) for d, _n in self.coverage)
        published = f"; the articles were published {days[0]} to {days[-1]}" if days else ""
        return (f"no dated event in the window {window}{published}: widen or drop --from/--to "
                "(the digest below covers every article used)")

    def __iter__(self):
        return iter(self.entries)

    # Output conveniences.  The model imports no renderer: dateline.render registers its
    # functions here when it is imported (and importing the dateline package imports it).
    def to_dict(self) -> dict[str, Any]:
        return _output("dict")(self)

    def to_json(self) -> str:
        return _output("json")(self)

    def to_markdown(self) -> str:
        return _output("md")(self)

    def to_tilse(self) -> str:
        return _output("txt")(self)

    def to_html(self) -> str:
        return _output("html")(self)

    def write(self, outdir: str, formats: tuple[str, ...] | None = None) -> dict[str, str]:
        """Write the chosen formats (default: all) and the manifest into ``outdir``.

        Returns a mapping format -> written path.  Every write is atomic.
        """
        return _output("write")(self, outdir, formats)


_OUTPUTS: dict[str, Callable[..., Any]] = {}


def register_output(name: str, function: Callable[..., Any]) -> None:
    """Let ``Timeline.to_<name>`` / ``Timeline.write`` call ``function`` (used by dateline.render)."""
    _OUTPUTS[name] = function


def _output(name: str) -> Callable[..., Any]:
    try:
        return _OUTPUTS[name]
    except KeyError:
        raise RuntimeError(f"no output {name!r} registered: import dateline.render first") from None
