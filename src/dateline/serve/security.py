"""Who may use a served store: loopback by default; another address only when asked for
explicitly, and then only with the token (query ``?token=`` once, then a cookie; or an
``Authorization: Bearer`` header).  Every answer carries headers that keep pages from being
framed, sniffed or leaking their address (the token) in a Referer."""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

COOKIE = "dateline_token"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]],
                   Awaitable[None]]


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the server on this machine."""
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _host_of(header: str) -> str:
    if header.startswith("["):  # [::1]:8000
        return header[1:].partition("]")[0]
    return header.rpartition(":")[0] if header.count(":") == 1 else header


class Guard:
    """ASGI middleware: the Host check (loopback names only when serving on loopback, against
    DNS rebinding), the token when one is set, and the security headers on every answer."""

    def __init__(self, app: ASGIApp, *, token: str | None, loopback: bool) -> None:
        self.app = app
        self.token = token
        self.loopback = loopback

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if self.loopback and _host_of(headers.get("host", "")) not in LOOPBACK_NAMES:
            await _plain(send, 400, "this server answers to 127.0.0.1 and localhost only")
            return
        if self.token is not None:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            given = query.get("token")
            if given is not None and secrets.compare_digest(given, self.token):
                # once from the printed address: keep it in a cookie and drop it from the URL
                rest = urlencode([(k, v) for k, v in query.items() if k != "token"])
                where = scope.get("root_path", "") + scope["path"] + (f"?{rest}" if rest else "")
                await _redirect(send, where, self.token)
                return
            if not self._authorised(headers):
                await _plain(send, 401, "this server needs its token: open the address "
                             "'dateline serve' printed (it ends in ?token=...)")
                return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                         (b"x-frame-options", b"DENY"), (b"cross-origin-opener-policy", b"same-origin")]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _authorised(self, headers: dict[str, str]) -> bool:
        assert self.token is not None
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer ") and secrets.compare_digest(auth[7:].strip(), self.token):
            return True
        for part in headers.get("cookie", "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == COOKIE and secrets.compare_digest(value, self.token):
                return True
        return False


async def _plain(send: Any, status: int, text: str) -> None:
    body = (text + "\n").encode("utf-8")
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
        (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]})
    await send({"type": "http.response.body", "body": body})


async def _redirect(send: Any, where: str, token: str) -> None:
    cookie = f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
    await send({"type": "http.response.start", "status": 303, "headers": [
        (b"location", where.encode("latin-1")), (b"set-cookie", cookie.encode("latin-1")),
        (b"content-length", b"0"), (b"referrer-policy", b"no-referrer")]})
    await send({"type": "http.response.body", "body": b""})
