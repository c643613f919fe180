"""``dateline serve``: the store in a browser (see :mod:`dateline.serve`)."""

from __future__ import annotations

import argparse
import os
import socket
import sys

from dateline.cli.options import add_common, positive_int
from dateline.errors import UsageError

TOKEN_ENV = "DATELINE_TOKEN"


def add_parser(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser(
        "serve",
        help="browse a store in a web browser: search, articles, timelines",
        description="Serve a store (read-only) as a local web app: search the archive, open an "
        "article with its manifest row, build and view the timeline of a query and window "
        "(the same HTML report as 'build'). Listens on 127.0.0.1 only, unless --host names "
        "another address and --allow-remote is given; a token is then required.",
    )
    s.add_argument("--store", default="dateline.db", metavar="DB", help="store file (default: %(default)s)")
    s.add_argument("--host", default="127.0.0.1", metavar="ADDR",
                   help="address to listen on (default: %(default)s, this machine only)")
    s.add_argument("--port", type=positive_int, default=8765, metavar="N",
                   help="port (default: %(default)s; 0 is not allowed)")
    s.add_argument("--allow-remote", action="store_true",
                   help="allow an address other machines can reach (then a token is required)")
    s.add_argument("--token", metavar="TOKEN",
                   help=f"the token other machines must give (default: ${TOKEN_ENV}, else a new random one)")
    add_common(s)


def run_serve(args: argparse.Namespace) -> int:
    from dateline.serve.security import is_loopback, new_token

    loopback = is_loopback(args.host)
    if not loopback and not args.allow_remote:
        raise UsageError(f"refusing to listen on {args.host}: other machines could read the "
                         "store; add --allow-remote to do so (a token is then required)")
    token = None if loopback else (args.token or os.environ.get(TOKEN_ENV) or new_token())
    if token is not None and len(token) < 16:
        raise UsageError("the token must be at least 16 characters long")
    try:
        import uvicorn
    except ImportError:
        raise UsageError("dateline serve needs uvicorn and starlette: pip install dateline "
                         "(they are its dependencies)") from None
    from dateline.serve import create_app

    app = create_app(args.store, token=token, loopback=loopback)  # a bad store fails here
    _check_port(args.host, args.port)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{'127.0.0.1' if loopback else shown}:{args.port}/"
    if token is not None:
        url += f"?token={token}"
    if not args.quiet:
        sys.stderr.write(f"dateline: serving {args.store} read-only at {url}\n"
                         "dateline: press Ctrl+C to stop\n")
    uvicorn.run(app, host=args.host, port=args.port, log_level="info" if args.verbose else "warning",
                access_log=args.verbose, server_header=False)
    return 0


def _check_port(host: str, port: int) -> None:
    """A one-line error for a port in use or an address not of this machine (uvicorn would log
    a traceback-like message and exit)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; "
                             "choose another --port or --host") from None
