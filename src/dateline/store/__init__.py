"""The article store: an embedded SQLite file that keeps processed documents between runs.

``dateline ingest`` runs the per-document stages (decode, clean, date, sentences, temporal
tagging: :func:`dateline.pipeline.process_document`) once per input and keeps the result here;
``dateline search`` and ``dateline build --store`` read it back without re-processing.

* **One file** (default ``./dateline.db``), WAL journal: readers (search, build) go on while an
  ingest writes, and see the last committed state.
* **Exact round trip**: :meth:`Store.load_documents` returns the very ``Document`` /
  ``Sentence`` / ``TimeMention`` objects that were stored, so a timeline assembled from the
  store equals one built from the files.
* **Incremental**: each input is identified by where it came from (``source_key``: the absolute
  path, plus ``:LINE`` for a JSONL record) and fingerprinted by ``content_hash`` (SHA-256 of the
  decoded input and its metadata plus :func:`pipeline_version`).  Unchanged inputs are not
  processed again; a changed one replaces its old rows (same id).  A new input whose id is
  taken by another input gets ``id~2`` (``~3``, ...), as ingest does within one run.
* **Crash safe**: documents are written in transactions of a batch of whole documents (the
  document row, its sentences and their full-text index entries together), so killing an
  ingest at any point loses at most the uncommitted batch; running it again completes the job.
* **Versioned schema**: ``meta.schema_version`` and :data:`MIGRATIONS` (SQL steps keyed by
  version); opening an older store migrates it in one transaction.

Modules: :mod:`~dateline.store.db` (:class:`Store`: opening, counts, writing, reading),
:mod:`~dateline.store.schema` (the schema and its migrations), :mod:`~dateline.store.rows`
(rows <-> objects), :mod:`~dateline.store.ingest` (``Store.ingest``),
:mod:`~dateline.store.search` (FTS5 search), :mod:`~dateline.store.timeline` (``build
--store``).

Tables: ``documents`` (one row per processed input), ``sentences`` (document, index, text, time
mentions as compact JSON), ``manifest`` (inputs that could not be read), and the FTS5 indexes
``documents_fts`` (title, text) and ``sentences_fts`` (text), external-content tables kept in
sync by triggers.
"""

from __future__ import annotations

from dateline.errors import StoreError as StoreError
from dateline.errors import StoreUsageError as StoreUsageError
from dateline.fingerprint import content_hash as content_hash
from dateline.fingerprint import pipeline_version as pipeline_version
from dateline.fingerprint import source_key as source_key
from dateline.store.db import DEFAULT_STORE as DEFAULT_STORE
from dateline.store.db import Store as Store
from dateline.store.ingest import IngestStats as IngestStats
from dateline.store.query import match_expression as match_expression
from dateline.store.query import parse_query as parse_query
from dateline.store.query import story_filter as story_filter
from dateline.store.rows import mentions_from_json as mentions_from_json
from dateline.store.rows import mentions_to_json as mentions_to_json
from dateline.store.schema import FTS_TOKENIZE as FTS_TOKENIZE
from dateline.store.schema import MIGRATIONS as MIGRATIONS
from dateline.store.schema import SCHEMA_VERSION as SCHEMA_VERSION
from dateline.store.schema import migrate as migrate
from dateline.store.schema import schema_version as schema_version
from dateline.store.search import Hit as Hit
from dateline.store.search import fts_query as fts_query
from dateline.store.timeline import store_build_timeline as store_build_timeline
from dateline.store.timeline import timeline_from_store as timeline_from_store
