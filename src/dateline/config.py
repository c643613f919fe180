"""One configuration for every entry point.

:class:`Config` is frozen and passed down to every stage unchanged.  The tuning knobs of the date
ranking, the summaries and the story digest are nested parts of it (:class:`DateWeights`,
:class:`SummaryWeights`, :class:`DigestConfig`), reachable from the CLI as
``--set dates.NAME=VALUE`` / ``summary.NAME=VALUE`` / ``digest.NAME=VALUE``.

:class:`Options` are the keyword options every entry point takes; ``dateline.pipeline.resolve_config``
is the one resolver used by ``build_timeline``, ``store_build_timeline`` and the CLI (it lives
with the stages because it parses user dates: this module imports nothing of dateline but the
errors).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, TypedDict

from dateline.errors import UsageError


@dataclass(frozen=True)
class DateWeights:
    """How candidate dates are scored (see :mod:`dateline.dates`)."""

    mention_docs: float = 1.0
    later_docs: float = 1.0
    mentions: float = 0.3
    published: float = 0.2
    burst: float = 0.1
    coarse_discount: float = 0.5
    spread: float = 1.0  # score factor per date already chosen nearby (1.0: no spreading)
    spread_window: float = 0.5  # "nearby" = within this times (time span / number of dates) days
    period_margin_days: int = 7  # the story's period starts this long before its first articles
    background_articles: int = 3  # a day before the period needs this many articles naming it
    background_share: float = 0.02  # ... and at least this share of the corpus
    background_cap: float = 0.1  # background dates are at most this share of the default dates
    passing_corpus: int = 30  # from this many articles on, a day needs two supporting articles


@dataclass(frozen=True)
class SummaryWeights:
    """How the sentences of a date are chosen (see :mod:`dateline.summarize`)."""

    explicit: float = 0.25  # the sentence names the date
    lead: float = 0.15  # the sentence opens its article
    keyword: float = 0.15  # per query keyword present (capped)
    redundancy: float = 0.5  # cosine above which a sentence repeats one already chosen
    same_day_redundancy: float = 0.2  # the same, against a sentence chosen for the same date
    dependent: float = 0.3  # score factor of a sentence that leans on the one before it
    lead_sentences: int = 5  # leads of articles published that day taken as candidates
    lead_days_back: int = 1  # leads also stand for this many days before publication
    later: float = 0.8  # boost of sentences that name the day in a later article
    idf: str = "candidates"  # term weights from the candidate sentences or the whole "corpus"
    method: str = "centroid"  # rank by similarity to the centroid, or greedy CentroidOpt ("opt")


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


@dataclass(frozen=True)
class Config:
    """Everything a run can be told.  Frozen: passed down to every stage unchanged.

    ``digest`` is off in a bare ``Config()`` (a stage asked for nothing more does nothing more);
    every entry point (``build_timeline``, ``store_build_timeline``, the CLI) resolves its
    options through :func:`resolve_config`, which turns it on unless told otherwise.
    """

    title: str | None = None
    max_dates: int | None = None  # None: chosen from the corpus
    sentences_per_date: int = 2
    start: _dt.date | None = None  # restrict the timeline window (inclusive)
    end: _dt.date | None = None
    query: str | None = None  # what the user is interested in (optional)
    keywords: tuple[str, ...] = ()
    jobs: int = 0  # worker processes; 0 = number of cores
    max_bytes: int = 50_000_000  # larger inputs are skipped with a reason
    dedup_threshold: float = 0.8  # MinHash Jaccard above which two articles are duplicates
    formats: tuple[str, ...] = ("json", "md", "txt", "html")
    ranker: str = "heuristic"  # date ranking: "heuristic" or "learned" (shipped model)
    digest: bool = False  # build the story digest (dateline.digest)
    keep_background: bool = False  # keep every day outside the story's period (marked background)
    dates: DateWeights = field(default_factory=DateWeights)
    summary: SummaryWeights = field(default_factory=SummaryWeights)
    digest_options: DigestConfig = field(default_factory=DigestConfig)

    def record(self) -> dict[str, Any]:
        """The options of a run as written into ``timeline.json`` (``config``): the run-wide
        options, and the nested weights only where they differ from their defaults."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            if f.name in ("jobs", "formats", "digest"):
                continue
            if f.name in _PART_FIELD.values():
                changed = {k: x for k, x in asdict(v).items() if x != getattr(type(v)(), k)}
                if changed:
                    out[f.name] = changed
                continue
            out[f.name] = (v.isoformat() if isinstance(v, _dt.date)
                           else list(v) if isinstance(v, tuple) else v)
        return out


_PARTS = {"dates": DateWeights, "summary": SummaryWeights, "digest": DigestConfig}
_PART_FIELD = {"dates": "dates", "summary": "summary", "digest": "digest_options"}


class Options(TypedDict, total=False):
    """The keyword options every entry point takes (``build_timeline``, ``store_build_timeline``,
    ``resolve_config``); each one given overrides the base config."""

    title: str | None
    max_dates: int | None
    sentences_per_date: int | None
    start: _dt.date | str | None
    end: _dt.date | str | None
    query: str | None
    keywords: Sequence[str]
    jobs: int
    digest: bool | None
    keep_background: bool


OPTION_NAMES = frozenset(Options.__annotations__)


def apply_settings(config: Config, settings: Iterable[str]) -> Config:
    """``config`` with ``PART.NAME=VALUE`` settings applied (PART: dates, summary, digest), e.g.
    ``summary.redundancy=0.4``; values are read as the type of the setting's default.  Raises
    :class:`~dateline.errors.UsageError` naming a bad setting."""
    parts: dict[str, dict[str, Any]] = {}
    for item in settings:
        key, eq, value = item.partition("=")
        part, _, name = key.strip().partition(".")
        cls = _PARTS.get(part)
        if cls is None or not eq or name not in {f.name for f in dataclasses.fields(cls)}:
            choices = ", ".join(f"{p}.{{{','.join(f.name for f in dataclasses.fields(c))}}}"
                                for p, c in _PARTS.items())
            raise UsageError(f"bad setting {item!r}: use PART.NAME=VALUE, one of {choices}")
        parts.setdefault(part, {})[name] = _typed(getattr(cls(), name), value.strip(), item)
    changes = {_PART_FIELD[p]: dataclasses.replace(getattr(config, _PART_FIELD[p]), **v)
               for p, v in parts.items()}
    return dataclasses.replace(config, **changes)


def _typed(default: Any, value: str, item: str) -> Any:
    try:
        if isinstance(default, bool):
            if value.lower() not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError(value)
            return value.lower() in ("true", "1", "yes")
        return type(default)(value)
    except ValueError:
        raise UsageError(f"bad setting {item!r}: {value!r} is not a {type(default).__name__}") from None
