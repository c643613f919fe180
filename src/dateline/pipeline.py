"""Wire the stages together: ingest -> clean -> dating -> temporal -> dedup -> dates ->
summarize -> Timeline.

Per-document stages run in :func:`process_document` (parallel worker processes for larger
inputs); corpus-level stages work on the resulting :class:`~dateline.model.Document` records.
The pipeline owns ordering, parallelism, progress reporting and the manifest.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Unpack

from dateline import clean as clean_stage
from dateline import dates, dating, dedup, focus, lang, period, summarize, temporal
from dateline.config import OPTION_NAMES, Config, Options
from dateline.errors import NoUsableInput
from dateline.ingest import PendingFile, load_pending
from dateline.model import Document, ManifestRow, RawInput, Sentence, Timeline
from dateline.runtime import local
from dateline.runtime.local import CHUNK_BYTES as CHUNK_BYTES  # re-exported
from dateline.runtime.local import CHUNK_DOCS as CHUNK_DOCS
from dateline.runtime.local import CHUNKS_PER_WORKER as CHUNKS_PER_WORKER
from dateline.runtime.local import INLINE_BELOW as INLINE_BELOW
from dateline.runtime.local import chain
from dateline.runtime.progress import Reporter
from dateline.sentences import split_sentences
from dateline.temporal import syntax

MAX_TEXT_CHARS = 300_000  # cleaned text beyond this is cut (longer than any news article)

Item = RawInput | ManifestRow | PendingFile


def process_document(raw: RawInput) -> Document:
    """All per-document stages for one input: clean, date, split, tag."""
    try:
        cleaned = clean_stage.clean(raw)
    except Exception as exc:  # a cleaner bug must not lose the article silently
        return Document(id=raw.id, path=raw.path, text="", status="failed",
                        reason=f"cleaning failed: {type(exc).__name__}: {exc}")
    text, cut = _cut_text(cleaned.text, MAX_TEXT_CHARS)
    doc = Document(
        id=raw.id,
        path=raw.path,
        text=text,
        title=raw.title or cleaned.title,
        url=raw.url or cleaned.url,
        source=raw.source or cleaned.sitename,
    )
    if cut:
        doc.warnings.append(cut)
    if not text.strip():
        doc.status = "skipped"
        doc.reason = "no article text found (page chrome or markup only)"
        return doc
    found = dating.find_publication_date(
        field=raw.published_field,
        meta_date=cleaned.meta_date,
        searched_date=cleaned.searched_date,
        url=doc.url,
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
    doc.sentences = tag_sentences(doc.id, split_sentences(text), doc.published)
    doc.fingerprint = dedup.fingerprint(doc.text)
    return doc


def _cut_text(text: str, limit: int) -> tuple[str, str]:
    """``text`` cut to at most ``limit`` characters at a paragraph, sentence or word end, and
    a warning saying so ("" when it is short enough)."""
    if len(text) <= limit:
        return text, ""
    head = text[:limit]
    for sep in ("\n\n", ". ", "\n", " "):
        k = head.rfind(sep)
        if k >= limit // 2:
            head = head[: k + (1 if sep == ". " else 0)]
            break
    head = head.rstrip()
    return head, f"article text cut to its first {len(head):,} characters (of {len(text):,})"


def tag_sentences(doc_id: str, texts: Sequence[str], dct: dt.date | None) -> list[Sentence]:
    if dct is not None:
        syntax.prepare(texts)  # the sentences whose weekdays ask the parser, in one batch
    return [Sentence(doc_id, i, t, temporal.mentions(t, dct)) for i, t in enumerate(texts)]


def records_to_raw(items: Sequence[Any]) -> tuple[list[str], list[RawInput | ManifestRow]]:
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


def iter_processed(
    raws: Iterable[Item], jobs: int, reporter: Reporter
) -> Iterator[Document | ManifestRow]:
    """Process inputs (``RawInput``, ``PendingFile`` or ``ManifestRow``) in order, in worker
    processes when there are enough of them (:func:`dateline.runtime.local.iter_processed`).
    Streams: at most ``jobs * CHUNKS_PER_WORKER`` chunks of inputs are in flight.  Never raises
    for one bad input: a document whose processing fails (even by crashing its worker process)
    becomes a ``failed`` row."""
    return local.iter_processed(raws, jobs, reporter, process_item)


_iter_processed = iter_processed  # its old name (tests/test_parallel.py calls it so)


def process_item(item: Item) -> Document | ManifestRow:
    """One input through the per-document stages (reading it first if it is pending)."""
    try:
        if isinstance(item, PendingFile):
            item = load_pending(item)
        if isinstance(item, ManifestRow):
            return item
        return process_document(item)
    except Exception as exc:  # a bug in a stage must not stop the run or lose the article
        msg = " ".join(str(exc).split())[:160]
        return ManifestRow(id=item.id, path=item.path, status="failed",
                           reason=f"processing failed: {type(exc).__name__}: {msg}".rstrip(": "))


def resolve_config(config: Config | None = None, **options: Unpack[Options]) -> Config:
    """The :class:`Config` of a run, for every entry point (``build_timeline``,
    ``store_build_timeline``, the CLI): ``config`` (default ``Config()``) with every option given
    applied (options given win; unset ones are None or empty).  ``start``/``end`` may be strings
    like ``2002-08``.  The story digest is on unless ``digest=False`` or a base config says
    otherwise."""
    unknown = set(options) - OPTION_NAMES
    if unknown:
        raise TypeError(f"unexpected option(s): {', '.join(sorted(unknown))}")
    base = config or Config()
    changes: dict[str, Any] = {}
    for name in ("title", "max_dates", "sentences_per_date", "query"):
        if options.get(name) is not None:
            changes[name] = options[name]  # type: ignore[literal-required]
    for name in ("start", "end"):
        value = options.get(name)  # type: ignore[misc]
        if isinstance(value, str):  # "2008" means 1 Jan 2008 as a start, 31 Dec 2008 as an end
            value = dating.parse_user_date(value, end=name == "end")
        if value:
            changes[name] = value
    if options.get("keywords"):
        changes["keywords"] = tuple(options["keywords"])
    if options.get("jobs"):
        changes["jobs"] = options["jobs"]
    if options.get("keep_background"):
        changes["keep_background"] = True
    digest = options.get("digest")
    changes["digest"] = digest if digest is not None else (base.digest if config is not None else True)
    return replace(base, **changes)


def build_timeline(
    inputs: Sequence[Any] | str | os.PathLike[str],
    *,
    config: Config | None = None,
    progress: bool = False,
    reporter: Reporter | None = None,
    on_warning: Callable[[str], None] | None = None,
    **options: Unpack[Options],
) -> Timeline:
    """Build a timeline from files, folders and/or in-memory records.

    ``inputs`` items may be paths (files or folders, searched recursively) or dicts with at least
    ``text`` (and optionally ``title``, ``url``, ``published``, ``source``, ``id``, ``html``).
    ``options`` (:class:`dateline.config.Options`: ``title``, ``max_dates``,
    ``sentences_per_date``, ``start``, ``end``, ``query``, ``keywords``, ``jobs``, ``digest``)
    override ``config``; see :func:`resolve_config`.

    >>> tl = build_timeline(["examples/corpus"], max_dates=5)   # doctest: +SKIP
    >>> print(tl.to_markdown())                                   # doctest: +SKIP

    ``digest`` (default: on, unless ``config`` says otherwise) adds the story digest
    (:mod:`dateline.digest`): actors, figures over time, disagreements between sources.

    Raises :class:`~dateline.errors.NoUsableInput` when no input yields a usable article.
    """
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    cfg = resolve_config(config, **options)
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
    from dateline.ingest import Meter, iter_inputs

    rep = reporter or Reporter(enabled=False)
    paths, records = records_to_raw(list(inputs))
    meter = Meter(paths)  # the bar's total and share: bytes of the input files
    # files are read and decoded by the workers (defer): the parent only walks and splits.
    # Paths in a canonical order: ids given to clashing names (story, story~2) do not depend on
    # the order of the arguments.
    raws: Iterable[Item] = chain(records, iter_inputs(sorted(paths), cfg, defer=True, meter=meter)
                                 if paths else iter(()))
    rep.start("process", "Reading and processing articles", meter=meter if meter.measures else None)
    docs, rows = collect(_metered(iter_processed(_metered(raws, meter.read), max(1, jobs), rep),
                                  meter.done), warn)
    rep.finish("process")
    return docs, rows, paths


def _metered(items: Iterable[Any], note: Callable[[str], None]) -> Iterator[Any]:
    """``items`` as they are, each one's id told to ``note`` (a :class:`~dateline.ingest.Meter`
    step) as it passes."""
    for item in items:
        note(item.id)
        yield item


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
    story = focus.story_for(cfg, kept)
    kept, off_topic = focus.split_on_topic(kept, keywords, story)
    if off_topic and kept:
        pat = focus.keyword_pattern(keywords)
        for d in off_topic:
            d.status = "skipped"
            if pat is not None and not (pat.search(d.title or "") or pat.search(d.text)):
                d.reason = "off-topic: mentions none of the keywords " + ", ".join(keywords)
            else:
                d.reason = f"off-topic: not about the story {cfg.query!r} (names it too rarely)"
    elif off_topic:  # nothing matches: the keywords are wrong, not the articles
        warn("no article is about " + (repr(cfg.query) if story is not None else "any of the keywords "
                                        + ", ".join(keywords)) + "; ignoring them")
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
        manifest = sorted(rows + [ManifestRow.from_document(d) for d in docs], key=lambda r: (r.path, r.id))
        raise NoUsableInput(_nothing_usable_reason(rows, docs), rows=manifest)

    t = time.perf_counter()
    if ranker is None and cfg.ranker == "learned":
        from dateline.ranker import default_ranker

        ranker = default_ranker()
        if ranker is None:
            warn("no learned date ranker is installed (dateline/data/date_ranker.json); "
                 "dates are ranked by the heuristic weights")
    dweights = cfg.dates
    span = period.story_period(kept, cfg.start, cfg.end, dweights)
    ranked = dates.rank_dates(kept, cfg, dweights, ranker=ranker, period=span)
    limit = dates.date_limit(cfg, len(kept), len(ranked))
    spread_lo, spread_hi = ((span.start, span.end) if span and span.basis == "publications"
                            else (cfg.start, cfg.end))
    ranked = dates.spread_out(ranked, limit, dweights, spread_lo, spread_hi)
    timings["select"] = time.perf_counter() - t
    t = time.perf_counter()
    entries = summarize.summarize(kept, ranked, cfg, limit, cfg.summary)
    timings["summarize"] = time.perf_counter() - t
    story = None
    if cfg.digest:
        t = time.perf_counter()
        story = _story_digest(kept, entries, cfg, warn)
        timings["digest"] = time.perf_counter() - t

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
        "background_dates": sum(1 for e in entries if e.background),
        "sources": len({d.source for d in kept if d.source}),
    }
    config_out = cfg.record()
    return Timeline(
        title=cfg.title or _default_title(kept, cfg, paths),
        entries=entries,
        documents=manifest,
        config=config_out,
        stats=stats,
        coverage=sorted(coverage.items()),
        digest=story,
        period=span.to_dict() if span else None,
        timings={k: round(v, 3) for k, v in timings.items()},
    )


def _story_digest(kept: list[Document], entries: list[Any], cfg: Config,
                  warn: Callable[[str], None]) -> Any:
    """The story digest, or None with a warning when it cannot be built (never fails the run)."""
    from dateline.digest import DigestUnavailable, build_digest

    try:
        return build_digest(kept, entries, config=cfg.digest_options,
                            parallel=(cfg.jobs or os.cpu_count() or 1) > 1)
    except DigestUnavailable as exc:
        warn(f"no story digest: {exc}")
    except Exception as exc:  # a digest bug must not cost the user the timeline
        warn(f"no story digest: {type(exc).__name__}: {exc}")
    return None


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
    """The query, else the keywords, else the one folder or file named (or the folder holding a
    generically named file: ``syria/articles.jsonl.gz``), else the commonest title words, else
    the names the articles mention most."""
    if cfg.query:
        return f"Timeline: {cfg.query}"
    if cfg.keywords:
        return "Timeline: " + ", ".join(cfg.keywords[:4])
    name = _path_name(paths)
    if name:
        return "Timeline: " + " ".join(w[:1].upper() + w[1:] for w in name.split())
    words: Counter[str] = Counter()
    for d in docs:
        if d.title:
            for w in {w.strip(",.:;'\"()").lower() for w in d.title.split()}:
                if len(w) > 3 and w not in lang.stop_words("content"):
                    words[w] += 1
    top = [w for w, n in sorted(words.items(), key=lambda x: (-x[1], x[0])) if n >= 2][:4]
    if top:
        return "Timeline: " + ", ".join(w.capitalize() if w.islower() else w for w in top)
    names = _common_names(docs)
    return "Timeline: " + ", ".join(names) if names else "Timeline"


def _path_name(paths: Sequence[str]) -> str:
    """The story's name from the one input path given ("" when it says nothing)."""
    from dateline.ingest import split_suffix

    real = [p for p in paths if p != "-"]
    if len(real) != 1:
        return ""
    generic = lang.load().words("generic_folders")
    path = Path(real[0]).resolve()
    for part in ([] if path.is_dir() else [split_suffix(path.name)[0]]) + [
            path.name if path.is_dir() else path.parent.name]:
        name = part.replace("-", " ").replace("_", " ").strip()
        if name and name.lower() not in generic and any(c.isalpha() for c in name):
            return name
    return ""


_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")


def _common_names(docs: Sequence[Document], top: int = 3) -> list[str]:
    """The capitalised names (not at a sentence start) most articles mention, at least three."""
    counts: Counter[str] = Counter()
    stop = lang.stop_words("content")
    for d in docs:
        found = {m.group(0) for m in _NAME.finditer(d.text[:20_000])}
        counts.update(n for n in found if n.lower() not in stop and len(n) > 2)
    return [n for n, c in sorted(counts.items(), key=lambda x: (-x[1], x[0])) if c >= 3][:top]


def write_timeline(tl: Timeline, outdir: str | Path, formats: Sequence[str] | None = None) -> dict[str, str]:
    return tl.write(str(outdir), tuple(formats) if formats else None)
