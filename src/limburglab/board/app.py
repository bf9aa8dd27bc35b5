"""The board's web app: the page, the state as JSON, and a stream of changes. Read-only.

Three GET routes, none of which takes a path or changes a file. The page is one static file
with its script and style inline, allowed by their hashes in a strict Content-Security-Policy.
On a host other than the loopback, every request needs the board's random token.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import re
import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib import resources

import anyio
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from limburglab.board.state import Board

#: Seconds between keep-alive comments on the stream (a closed tab is noticed by then).
PING_SECONDS = 15.0
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]


def page_html() -> str:
    return (resources.files("limburglab.board") / "page.html").read_text(encoding="utf-8")


def _hashes(html: str, tag: str) -> list[str]:
    blocks = re.findall(rf"<{tag}>(.*?)</{tag}>", html, flags=re.S)
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() + "'"
        for b in blocks
    ]


def content_security_policy(html: str) -> str:
    """Only the page's own inline script and style, and connections back to this server."""
    return "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(_hashes(html, "script")),
            "style-src " + " ".join(_hashes(html, "style")),
            "connect-src 'self'",
            "img-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


class Hub:
    """The board's current view, and the open streams that get every new one."""

    def __init__(self, board: Board) -> None:
        self.board = board
        self.streams: set[asyncio.Queue[str | None]] = set()
        self.last = ""

    def current(self) -> str:
        """The view as JSON, built now (the clock's elapsed time is as of this moment)."""
        return json.dumps(self.board.view(), ensure_ascii=False, separators=(",", ":"))

    def changed(self) -> None:
        """Files changed: build the view once and send it to every open stream."""
        data = self.current()
        self.last = data
        for queue in self.streams:
            queue.put_nowait(data)

    def close(self) -> None:
        for queue in self.streams:
            queue.put_nowait(None)

    async def stream(self) -> AsyncIterator[str]:
        """Server-Sent Events: the view now, then each new view, with keep-alive comments."""
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        self.streams.add(queue)
        try:
            yield "retry: 1000\n\n"
            yield f"data: {self.current()}\n\n"
            while True:
                try:
                    data = await asyncio.wait_for(queue.get(), PING_SECONDS)
                except asyncio.TimeoutError:
                    yield ": ping\n\n"
                    continue
                if data is None:
                    return
                yield f"data: {data}\n\n"
        finally:
            self.streams.discard(queue)


class Guard:
    """Security headers on every response; with a token, 403 for requests without it."""

    def __init__(self, app: ASGIApp, token: str | None, policy: str) -> None:
        self.app = app
        self.token = token
        self.headers = [
            (b"content-security-policy", policy.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"cache-control", b"no-store"),
            (b"x-frame-options", b"DENY"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.headers]
            await send(message)

        if self.token is not None and not self._has_token(scope):
            response = PlainTextResponse("403", status_code=403)
            await response(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def _has_token(self, scope: Scope) -> bool:
        from urllib.parse import parse_qs

        assert self.token is not None
        given = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [""])
        return secrets.compare_digest(given[0].encode(), self.token.encode())


def create_app(
    board: Board,
    *,
    token: str | None = None,
    allowed_hosts: list[str] | None = None,
    watch: bool = True,
    on_start: Callable[[], None] | None = None,
) -> Starlette:
    """The board's ASGI app. `allowed_hosts` guards a loopback board against DNS rebinding."""
    html = page_html()
    hub = Hub(board)

    async def page(request: Request) -> Response:
        return Response(html, media_type="text/html; charset=utf-8")

    async def state(request: Request) -> Response:
        return JSONResponse(board.view())

    async def events(request: Request) -> Response:
        return StreamingResponse(
            hub.stream(),
            media_type="text/event-stream",
            headers={"x-accel-buffering": "no"},
        )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        from limburglab.board.watch import follow

        stop = anyio.Event()
        async with anyio.create_task_group() as tasks:
            if watch:
                tasks.start_soon(follow, board, hub.changed, stop)
            if on_start is not None:
                on_start()
            try:
                yield
            finally:
                stop.set()
                hub.close()
                tasks.cancel_scope.cancel()

    middleware = [Middleware(Guard, token=token, policy=content_security_policy(html))]
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    app = Starlette(
        routes=[
            Route("/", page, methods=["GET"]),
            Route("/state", state, methods=["GET"]),
            Route("/events", events, methods=["GET"]),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )
    app.state.hub = hub
    return app
