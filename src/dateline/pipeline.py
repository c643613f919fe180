"""Wire the stages together: ingest -> clean -> dating -> temporal -> dedup -> select ->
summarize -> Timeline.

Per-document stages run in :func:`process_document` (parallel worker processes for larger
inputs); corpus-level stages work on the resulting :class:`~dateline.model.Document` records.
The pipeline owns ordering, parallelism, progress reporting and the manifest.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from dateline import clean as clean_stage
from dateline import dating, dedup, focus, select, summarize, temporal
from dateline.model import Config, Document, ManifestRow, RawInput, Sentence, Timeline
from dateline.progress import Reporter
from dateline.sentences import split_sentences

INLINE_BELOW = 40  # inputs below this count are processed in-process (no worker start-up)


class NoUsableInput(Exception):
    """Raised when a run has nothing to build a timeline from."""


def process_document(raw: RawInput) -> Document:
    """All per-document stages for one input: clean, date, split, tag."""
    try:
        cleaned = clean_stage.clean(raw)
    except Exception as exc:  # a cleaner bug must not lose the article silently
        return Document(id=raw.id, path=raw.path, text="", status="failed",
                        reason=f"cleaning failed: {type(exc).__name__}: {exc}")
    doc = Document(
        id=raw.id,
        path=raw.path,
        text=cleaned.text,
        title=raw.title or cleaned.title,
        url=raw.url or cleaned.url,
        source=raw.source or cleaned.sitename,
    )
    if not cleaned.text.strip():
        doc.status = "skipped"
        doc.reason = "no article text found (page chrome or markup only)"
        return doc
    found = dating.find_publication_date(
        field=raw.published_field,
        meta_date=cleaned.meta_date,
        header_lines=cleaned.header_lines,
        title=doc.title,
        path=raw.path,
    )
    if raw.published_field and (found is None or found.source != "field"):
        doc.warnings.append(f"could not read published field {raw.published_field!r}")
    if found:
        doc.published = found.date
        doc.date_source = found.source  # type: ignore[assignment]
        doc.date_confidence = found.confidence
        doc.date_evidence = found.evidence
    doc.sentences = tag_sentences(doc.id, split_sentences(cleaned.text), doc.published)
    return doc


def tag_sentences(doc_id: str, texts: Sequence[str], dct: dt.date | None) -> list[Sentence]:
    return [Sentence(doc_id, i, t, temporal.mentions(t, dct)) for i, t in enumerate(texts)]


def _records_to_raw(items: Sequence[Any]) -> tuple[list[str], list[RawInput | ManifestRow]]:
    """Split the inputs into paths (read by ingest) and in-memory records (dicts)."""
    from dateline.ingest import record_to_raw

    paths: list[str] = []
    records: list[RawInput | ManifestRow] = []
    for n, item in enumerate(items):
        if isinstance(item, dict):
            records.append(record_to_raw(item, f"<record {n + 1}>"))
        elif isinstance(item, RawInput):
            records.append(item)
        else:
            paths.append(os.fspath(item))
    return paths, records


def _iter_processed(
    raws: Iterable[RawInput | ManifestRow], jobs: int, reporter: Reporter
) -> Iterator[Document | ManifestRow]:
    """Process documents in order, in worker processes when there are enough of them."""
    it = iter(raws)
    head: list[RawInput | ManifestRow] = []
    for item in it:
        head.append(item)
        if len(head) >= INLINE_BELOW:
            break
    if jobs <= 1 or len(head) < INLINE_BELOW:
        for item in head + list(it):
            yield item if isinstance(item, ManifestRow) else process_document(item)
            reporter.advance("process")
        return
    window = jobs * 64  # bounded: at most this many documents in flight
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: list[Future[Document] | ManifestRow] = []

        def drain(keep: int) -> Iterator[Document | ManifestRow]:
            while len(pending) > keep:
                first = pending.pop(0)
                reporter.advance("process")
                yield first if isinstance(first, ManifestRow) else first.result()

        for item in _chain(head, it):
            pending.append(item if isinstance(item, ManifestRow) else pool.submit(process_document, item))
            if len(pending) >= window:
                yield from drain(window // 2)
        yield from drain(0)


def _chain(a: list, b: Iterator) -> Iterator:
    yield from a
    yield from b


def build_timeline(
    inputs: Sequence[Any] | str | os.PathLike[str],
    *,
    title: str | None = None,
    max_dates: int | None = None,
    sentences_per_date: int = 2,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    query: str | None = None,
    keywords: Sequence[str] = (),
    jobs: int = 0,
    progress: bool = False,
    config: Config | None = None,
    reporter: Reporter | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Timeline:
    """Build a timeline from files, folders and/or in-memory records.

    ``inputs`` items may be paths (files or folders, searched recursively) or dicts with at least
    ``text`` (and optionally ``title``, ``url``, ``published``, ``source``, ``id``, ``html``).

    >>> tl = build_timeline(["examples/corpus"], max_dates=5)   # doctest: +SKIP
    >>> print(tl.to_markdown())                                   # doctest: +SKIP

    Raises :class:`NoUsableInput` when no input yields a usable article.
    """
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    if isinstance(start, str):
        start = dating.parse_user_date(start)
    if isinstance(end, str):
        end = dating.parse_user_date(end)
    base = config or Config()
    cfg = replace(
        base,
        title=title if title is not None else base.title,
        max_dates=max_dates if max_dates is not None else base.max_dates,
        sentences_per_date=sentences_per_date if config is None else base.sentences_per_date,
        start=start or base.start,
        end=end or base.end,
        query=query or base.query,
        keywords=tuple(keywords) or base.keywords,
        jobs=jobs or base.jobs,
    )
    jobs_n = cfg.jobs or os.cpu_count() or 1
    rep = reporter or Reporter(enabled=progress)
    warn = on_warning or (lambda _msg: None)
    t0 = time.perf_counter()

    docs, rows, paths = process_inputs(inputs, cfg, jobs=jobs_n, reporter=rep, warn=warn)
    t_process = time.perf_counter() - t0
    tl = assemble_timeline(docs, rows, cfg, warn=warn, paths=paths)
    tl.timings = {"process": round(t_process, 3), **tl.timings,
                  "total": round(time.perf_counter() - t0, 3)}
    return tl


def process_inputs(
    inputs: Sequence[Any],
    cfg: Config,
    *,
    jobs: int = 1,
    reporter: Reporter | None = None,
    warn: Callable[[str], None] = lambda _m: None,
) -> tuple[list[Document], list[ManifestRow], list[str]]:
    """Read and process every input (the per-document stages, in parallel when worthwhile).

    Returns the processed documents, manifest rows of inputs that could not be read, and the
    input paths.  The result does not depend on any timeline option, so a caller may process a
    collection once and assemble several timelines from it (see :func:`assemble_timeline`).
    """
    from dateline.ingest import iter_inputs

    rep = reporter or Reporter(enabled=False)
    paths, records = _records_to_raw(list(inputs))
    raws: Iterable[RawInput | ManifestRow] = _chain(records, iter_inputs(paths, cfg) if paths else iter(()))
    rep.start("process", "Reading and processing articles")
    docs, rows = collect(_iter_processed(raws, max(1, jobs), rep), warn)
    rep.finish("process")
    return docs, rows, paths


def collect(
    items: Iterable[Document | ManifestRow], warn: Callable[[str], None] = lambda _m: None
) -> tuple[list[Document], list[ManifestRow]]:
    """Split processed items into documents and manifest rows of inputs that were not read."""
    rows: list[ManifestRow] = []
    docs: list[Document] = []
    for item in items:
        if isinstance(item, ManifestRow):
            rows.append(item)
            warn(f"{item.path}: {item.status}: {item.reason}")
            continue
        for w in item.warnings:
            warn(f"{item.path}: {w}")
        if item.status != "used":
            warn(f"{item.path}: {item.status}: {item.reason}")
        docs.append(item)
    return docs, rows


def prepare_documents(
    docs: Sequence[Document],
    cfg: Config,
    *,
    warn: Callable[[str], None] = lambda _m: None,
    timings: dict[str, float] | None = None,
) -> list[Document]:
    """Corpus-level preparation: infer missing publication dates, mark near-duplicates, set
    off-topic articles aside.  Returns the documents the timeline is built from (modifies the
    documents' dates and statuses in place)."""
    timings = {} if timings is None else timings
    # corpus stages see the documents in a canonical order: input order does not matter
    docs = sorted(docs, key=lambda d: d.id)
    used = [d for d in docs if d.status == "used"]

    t = time.perf_counter()
    by_id = {d.id: d for d in used}
    for doc_id, finding in dating.infer_publication_dates(used).items():
        d = by_id[doc_id]
        d.published = finding.date
        d.date_source = "inferred"
        d.date_confidence = finding.confidence
        d.date_evidence = finding.evidence
        d.sentences = tag_sentences(d.id, [s.text for s in d.sentences], d.published)
    for d in used:
        if d.published is None:
            d.warnings.append("no publication date found or inferable; only absolute dates in it are used")
            warn(f"{d.path}: no publication date found or inferable")
    timings["dating"] = time.perf_counter() - t

    t = time.perf_counter()
    dups = dedup.find_duplicates(used, cfg.dedup_threshold)
    for d in used:
        if d.id in dups:
            d.status = "duplicate"
            d.duplicate_of = dups[d.id]
            d.reason = f"near-duplicate of {dups[d.id]}"
    kept = [d for d in used if d.status == "used"]
    timings["dedup"] = time.perf_counter() - t

    keywords = focus.keywords_for(cfg)
    kept, off_topic = focus.split_on_topic(kept, keywords)
    if off_topic and kept:
        for d in off_topic:
            d.status = "skipped"
            d.reason = "off-topic: mentions none of the keywords " + ", ".join(keywords)
    elif off_topic:  # nothing matches: the keywords are wrong, not the articles
        warn("no article mentions any of the keywords " + ", ".join(keywords) + "; ignoring them")
        kept = off_topic

    return kept


def assemble_timeline(
    docs: list[Document],
    rows: list[ManifestRow],
    cfg: Config,
    *,
    warn: Callable[[str], None] = lambda _m: None,
    paths: Sequence[str] = (),
    ranker: Callable[[list[Any]], list[float]] | None = None,
    date_weights: select.DateWeights | None = None,
    summary_weights: summarize.SummaryWeights | None = None,
) -> Timeline:
    """The corpus-level stages: date inference, dedup, date selection, summaries, manifest.

    ``docs`` are processed documents (from :func:`process_document`, or read back from a store);
    ``rows`` are manifest rows of inputs that could not be read.  Documents are modified in place
    (inferred dates, duplicate status).
    """
    timings: dict[str, float] = {}
    docs = sorted(docs, key=lambda d: d.id)
    kept = prepare_documents(docs, cfg, warn=warn, timings=timings)

    if not kept:
        raise NoUsableInput(_nothing_usable_reason(rows, docs))

    t = time.perf_counter()
    if ranker is None and cfg.ranker == "learned":
        from dateline.ranker import default_ranker

        ranker = default_ranker()
    ranked = select.rank_dates(kept, cfg, date_weights or select.DateWeights(), ranker=ranker)
    limit = select.date_limit(cfg, len(kept), len(ranked))
    timings["select"] = time.perf_counter() - t
    t = time.perf_counter()
    entries = summarize.summarize(kept, ranked, cfg, limit, summary_weights or summarize.SummaryWeights())
    timings["summarize"] = time.perf_counter() - t

    manifest = sorted(rows + [ManifestRow.from_document(d) for d in docs], key=lambda r: (r.path, r.id))
    counts = Counter(r.status for r in manifest)
    coverage = Counter(d.published.isoformat() for d in kept if d.published)
    stats = {
        "inputs": len(manifest),
        "used": counts.get("used", 0),
        "duplicates": counts.get("duplicate", 0),
        "skipped": counts.get("skipped", 0),
        "failed": counts.get("failed", 0),
        "inferred_dates": sum(1 for d in kept if d.inferred),
        "dates_selected": len(entries),
        "sources": len({d.source for d in kept if d.source}),
    }
    config_out = {
        k: (v.isoformat() if isinstance(v, dt.date) else list(v) if isinstance(v, tuple) else v)
        for k, v in asdict(cfg).items()
        if k not in ("jobs", "formats")
    }
    return Timeline(
        title=cfg.title or _default_title(kept, cfg, paths),
        entries=entries,
        documents=manifest,
        config=config_out,
        stats=stats,
        coverage=sorted(coverage.items()),
        timings={k: round(v, 3) for k, v in timings.items()},
    )


def _nothing_usable_reason(rows: list[ManifestRow], docs: list[Document]) -> str:
    total = len(rows) + len(docs)
    if total == 0:
        return "no input documents found (looked for .txt, .html, .htm, .jsonl files)"
    reasons = Counter(r.reason.split(":")[0] for r in rows) + Counter(
        d.reason.split(":")[0] for d in docs if d.status != "used"
    )
    top = ", ".join(f"{n} {r}" for r, n in reasons.most_common(3))
    return f"none of the {total} inputs has usable article text ({top})"


def _default_title(docs: Sequence[Document], cfg: Config, paths: Sequence[str]) -> str:
    if cfg.query:
        return f"Timeline: {cfg.query}"
    if len(paths) == 1 and Path(paths[0]).is_dir():
        name = Path(paths[0]).resolve().name.replace("-", " ").replace("_", " ").strip()
        if name:
            return "Timeline: " + " ".join(w[:1].upper() + w[1:] for w in name.split())
    words: Counter[str] = Counter()
    for d in docs:
        if d.title:
            for w in {w.strip(",.:;'\"()").lower() for w in d.title.split()}:
                if len(w) > 3 and w not in dating._STOP:
                    words[w] += 1
    top = [w for w, n in sorted(words.items(), key=lambda x: (-x[1], x[0])) if n >= 2][:4]
    if top:
        return "Timeline: " + ", ".join(w.capitalize() if w.islower() else w for w in top)
    return "Timeline"


def write_timeline(tl: Timeline, outdir: str | Path, formats: Sequence[str] | None = None) -> dict[str, str]:
    return tl.write(str(outdir), tuple(formats) if formats else None)
