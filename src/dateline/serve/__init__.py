"""``dateline serve``: a local web view of a store (Starlette, served by uvicorn).

Search the archive, read the matching articles with their dates and manifest rows, and build
the timeline of a query and a window, shown as the same HTML report ``dateline build`` writes
(and downloadable in every output format).  The store is opened read-only (``PRAGMA
query_only``): nothing a request does can write to it; builds run in memory.

:func:`create_app` makes the ASGI application (usable from a notebook or another ASGI server);
the command in :mod:`dateline.cli.serve` binds it to 127.0.0.1 unless told otherwise, and then
asks for a token (:mod:`dateline.serve.security`).
"""

from __future__ import annotations

from dateline.serve.app import create_app as create_app
