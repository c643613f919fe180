"""The web application of ``dateline serve``: pages over a read-only store.

Routes (all ``GET``):

* ``/``: the store at a glance and the search form; with ``q``, the matching articles (or
  sentences) best first, as ``dateline search`` lists them;
* ``/article/{id}``: one stored article, its manifest row, date evidence and sentences with
  their time mentions marked (``?s=N`` marks sentence N);
* ``/timeline?q=&from=&to=&max_dates=``: the timeline of that query and window, built from the
  store as ``dateline build --store`` builds it and shown as the same HTML report
  (``&format=json|md|txt|csv|timelinejs`` downloads it instead);
* ``/unreadable``: the inputs ingest could not read, with their reasons;
* ``/api/search``: the search results as JSON (the objects of ``dateline search --json``).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from dateline.errors import DatelineError, NoUsableInput, UsageError
from dateline.model import ManifestRow, Timeline
from dateline.render.html import safe_url
from dateline.serve.security import Guard
from dateline.store import Store

PAGE_CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            "base-uri 'none'; frame-ancestors 'none'")
LIMITS = (20, 50, 100)
CACHED_TIMELINES = 8
_MEDIA = {"json": "application/json", "md": "text/markdown", "txt": "text/plain",
          "csv": "text/csv", "timelinejs": "application/json", "html": "text/html",
          "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(loader=PackageLoader("dateline.serve", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@lru_cache(maxsize=1)
def _css() -> bytes:
    return (resources.files("dateline.serve") / "templates" / "serve.css").read_bytes()


def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = _env().get_template(name).render(**context)
    return HTMLResponse(html, status_code=status, headers={"content-security-policy": PAGE_CSP})


def _segments(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """``text`` cut into (piece, note) pairs: a note (a time mention's value) marks a span."""
    out: list[tuple[str, str | None]] = []
    at = 0
    for start, end, note in sorted(spans):
        if start < at:
            continue  # overlapping spans: the first wins
        out.append((text[at:start], None))
        out.append((text[start:end], note))
        at = end
    out.append((text[at:], None))
    return [p for p in out if p[0]]


def _snippet(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet (matches between \\x02 and \\x03) as (piece, matched) pairs."""
    parts = snippet.replace("\x03", "\x02").split("\x02")
    return [(p, i % 2 == 1) for i, p in enumerate(parts) if p]


@dataclass(frozen=True)
class Form:
    """The query a page was asked for, read from its URL (the same on every page)."""

    q: str = ""
    any_term: bool = False
    sentences: bool = False
    start: dt.date | None = None
    end: dt.date | None = None
    start_text: str = ""
    end_text: str = ""
    limit: int = 20
    max_dates: int | None = None

    @classmethod
    def read(cls, request: Request) -> Form:
        """The form of ``request``; a bad date or number is a :class:`UsageError`."""
        from dateline.dating import parse_user_date

        p = request.query_params
        start_text, end_text = p.get("from", "").strip(), p.get("to", "").strip()
        start = parse_user_date(start_text) if start_text else None
        end = parse_user_date(end_text, end=True) if end_text else None
        for name, text, value in (("from", start_text, start), ("to", end_text, end)):
            if text and value is None:
                raise UsageError(f"'{name}' {text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
        if start and end and start > end:
            raise UsageError(f"'from' {start} is after 'to' {end}")
        limit = p.get("limit", "20")
        max_dates = p.get("max_dates", "").strip()
        if not limit.isdigit() or int(limit) not in LIMITS:
            raise UsageError(f"limit must be one of {', '.join(map(str, LIMITS))}")
        if max_dates and (not max_dates.isdigit() or not 1 <= int(max_dates) <= 1000):
            raise UsageError("max dates must be a whole number from 1 to 1000")
        return cls(q=" ".join(p.get("q", "").split())[:500], any_term=p.get("any") == "1",
                   sentences=p.get("sentences") == "1", start=start, end=end,
                   start_text=start_text, end_text=end_text, limit=int(limit),
                   max_dates=int(max_dates) if max_dates else None)

    def timeline_params(self) -> dict[str, str]:
        out = {"q": self.q, "from": self.start_text, "to": self.end_text,
               "max_dates": str(self.max_dates or "")}
        return {k: v for k, v in out.items() if v}

    def search_params(self, **changes: Any) -> dict[str, str]:
        out = {"q": self.q, "any": "1" if self.any_term else "",
               "sentences": "1" if self.sentences else "", "from": self.start_text,
               "to": self.end_text, "limit": str(self.limit), **changes}
        return {k: str(v) for k, v in out.items() if v and (k != "limit" or v != "20")}


class Archive:
    """The served store: a read-only connection per request, and a few built timelines kept."""

    def __init__(self, path: str) -> None:
        self.path = path
        with self.open() as store:  # fail at start, not at the first request
            store.count()
        self._timelines: OrderedDict[tuple[Any, ...], Timeline] = OrderedDict()
        self._build_lock = threading.Lock()

    def open(self) -> Store:
        store = Store.open(self.path, create=False, readonly=True)
        store.conn.execute("PRAGMA query_only = ON")  # no request can write to the store
        return store

    def state(self, store: Store) -> tuple[Any, ...]:
        """What changes when an ingest adds or replaces documents (keys the timeline cache)."""
        return tuple(store.conn.execute(
            "SELECT count(*), max(doc), max(ingested_at) FROM documents").fetchone())

    def overview(self) -> dict[str, Any]:
        with self.open() as store:
            counts = store.counts()
            first, last, sources = store.conn.execute(
                "SELECT min(published), max(published), count(DISTINCT source) FROM documents "
                "WHERE status = 'used'").fetchone()
        return {"counts": counts, "first": first, "last": last, "sources": sources}

    def timeline(self, form: Form) -> Timeline:
        """The timeline of ``form``'s query and window, built once per store state."""
        from dateline.pipeline import resolve_config
        from dateline.store.timeline import timeline_from_store

        cfg = resolve_config(query=form.q or None, start=form.start, end=form.end,
                             max_dates=form.max_dates)
        with self._build_lock:  # one build at a time; the others wait and find it built
            with self.open() as store:
                key = (form.q, form.start, form.end, form.max_dates, self.state(store))
                if key in self._timelines:
                    self._timelines.move_to_end(key)
                    return self._timelines[key]
                tl = timeline_from_store(store, cfg)
            self._timelines[key] = tl
            while len(self._timelines) > CACHED_TIMELINES:
                self._timelines.popitem(last=False)
            return tl


# ------------------------------------------------------------------------------------ pages


def _error(exc: DatelineError, form: Form | None, archive: Archive) -> HTMLResponse:
    status = 404 if isinstance(exc, NoUsableInput) else 400
    return _page("message.html.j2", status, title="Nothing to show" if status == 404 else "Bad request",
                 message=str(exc), form=form or Form(), store=archive.path)


async def index(request: Request) -> Response:
    archive: Archive = request.app.state.archive
    try:
        form = Form.read(request)
    except UsageError as exc:
        return _error(exc, None, archive)
    hits = []
    seconds = 0.0
    if form.q:
        t0 = time.perf_counter()
        hits = await run_in_threadpool(_search, archive, form)
        seconds = time.perf_counter() - t0
    return _page("index.html.j2", form=form, store=archive.path, overview=archive.overview(),
                 hits=[{**h.to_dict(), "parts": _snippet(h.snippet)} for h in hits],
                 seconds=seconds, timeline_params=form.timeline_params(),
                 more_params=form.search_params(limit=LIMITS[-1]))


def _search(archive: Archive, form: Form) -> list[Any]:
    with archive.open() as store:
        return store.search(form.q, start=form.start, end=form.end, limit=form.limit,
                            sentences=form.sentences, any_term=form.any_term)


async def api_search(request: Request) -> Response:
    archive: Archive = request.app.state.archive
    try:
        form = Form.read(request)
    except UsageError as exc:
        return JSONResponse({"error": str(exc)}, status_code=400)
    hits = await run_in_threadpool(_search, archive, form) if form.q else []
    return JSONResponse([h.to_dict() for h in hits])


def _article_view(store: Store, doc_id: str) -> dict[str, Any] | None:
    row = store.conn.execute("SELECT doc, ingested_at, content_hash, source_key FROM documents "
                             "WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        bad = store.conn.execute("SELECT row, ingested_at, content_hash, source_key FROM manifest "
                                 "WHERE id = ?", (doc_id,)).fetchone()
        if bad is None:
            return None
        manifest = json.loads(bad[0])
        return {"id": doc_id, "title": manifest.get("title") or doc_id, "manifest": manifest,
                "stored": {"ingested": bad[1], "content hash": bad[2], "source key": bad[3]},
                "sentences": [], "evidence": None, "warnings": [], "url": None}
    doc = store.load_documents([row[0]])[0]
    manifest = ManifestRow.from_document(doc).to_dict()
    manifest.pop("text", None)
    sentences = [{"idx": s.index,
                  "parts": _segments(s.text, [(m.start, m.end, f"{m.text}: {m.value}")
                                              for m in s.mentions]),
                  "dated": bool(s.mentions)} for s in doc.sentences]
    return {"id": doc.id, "title": doc.title or doc.id, "manifest": manifest,
            "stored": {"ingested": row[1], "content hash": row[2], "source key": row[3]},
            "sentences": sentences, "evidence": doc.date_evidence, "warnings": doc.warnings,
            "url": safe_url(doc.url)}


async def article(request: Request) -> Response:
    archive: Archive = request.app.state.archive
    doc_id = request.path_params["doc_id"]
    with archive.open() as store:
        view = _article_view(store, doc_id)
    if view is None:
        return _page("message.html.j2", 404, title="No such article", form=Form(),
                     store=archive.path, message=f"the store holds no article with id {doc_id!r}")
    mark = request.query_params.get("s", "")
    return _page("article.html.j2", a=view, form=Form(), store=archive.path,
                 mark=int(mark) if mark.isdigit() else None)


async def unreadable(request: Request) -> Response:
    archive: Archive = request.app.state.archive
    with archive.open() as store:
        rows = [json.loads(r[0]) for r in store.conn.execute(
            "SELECT row FROM manifest ORDER BY path, id LIMIT 1000")]
        total = store.counts()["unreadable"]
    return _page("unreadable.html.j2", rows=rows, total=total, form=Form(), store=archive.path)


async def timeline(request: Request) -> Response:
    from dateline.render import REGISTRY

    archive: Archive = request.app.state.archive
    fmt = request.query_params.get("format", "html")
    if fmt not in REGISTRY:
        return _error(UsageError(f"unknown format {fmt!r}: one of {', '.join(REGISTRY)}"), None, archive)
    try:
        form = Form.read(request)
        tl = await run_in_threadpool(archive.timeline, form)
    except DatelineError as exc:
        return _error(exc, None, archive)
    out = REGISTRY[fmt]
    body = await run_in_threadpool(out.render, tl)
    headers = {}
    if fmt != "html":
        headers["content-disposition"] = f'attachment; filename="{out.file_name}"'
    return Response(body, media_type=_MEDIA.get(fmt, "text/plain"), headers=headers)


async def _failed(request: Request, exc: Exception) -> Response:
    """An unexpected failure: a page that says so (the server's log has the traceback)."""
    return _page("message.html.j2", 500, title="Something went wrong", form=Form(),
                 store=request.app.state.archive.path,
                 message=f"this page could not be made ({type(exc).__name__}: {exc}); the "
                 "server's log has the details")


async def stylesheet(request: Request) -> Response:
    return Response(_css(), media_type="text/css", headers={"cache-control": "max-age=3600"})


def create_app(store_path: str, *, token: str | None = None, loopback: bool = True) -> Starlette:
    """The ASGI application serving the store at ``store_path`` (read-only).  ``loopback``:
    answer only requests addressed to 127.0.0.1 or localhost; ``token``: require it.  Raises
    :class:`dateline.errors.StoreUsageError` / ``StoreError`` for a missing or unusable store."""
    routes = [
        Route("/", index),
        Route("/api/search", api_search),
        Route("/article/{doc_id:path}", article),
        Route("/timeline", timeline),
        Route("/unreadable", unreadable),
        Route("/static/serve.css", stylesheet),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(Guard, token=token, loopback=loopback)],
                    exception_handlers={Exception: _failed})
    app.state.archive = Archive(store_path)
    return app
