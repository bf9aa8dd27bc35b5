"""`limburglab board`: check what to show, bind, say where, open the browser, serve."""

from __future__ import annotations

import ipaddress
import secrets
import socket
import sys
import threading
import webbrowser
from dataclasses import dataclass
from pathlib import Path

from limburglab.board.state import Board, Sources
from limburglab.errors import LimburglabError
from limburglab.messages import choose, env_language, language, set_language, t

DEFAULT_FOLDER = Path("sessions")


class BoardError(LimburglabError):
    """A board cannot be started with what was given."""


@dataclass(frozen=True, kw_only=True)
class BoardOptions:
    """What `limburglab board` was asked for."""

    inputs: tuple[Path, ...] = ()
    host: str = "127.0.0.1"
    #: None: a free port.
    port: int | None = None
    open_browser: bool = True
    lang: str | None = None
    #: Show the session started last in this folder, after `since` (for `run --board`).
    new_in: Path | None = None
    since: str = ""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def sources(options: BoardOptions) -> Sources:
    """The files to follow, checked: each given path must exist."""
    if options.new_in is not None:
        options.new_in.mkdir(parents=True, exist_ok=True)
        return Sources(paths=(), new_in=options.new_in, since=options.since)
    inputs = options.inputs or (DEFAULT_FOLDER,)
    for path in inputs:
        if not path.exists():
            key = "board.no_default_folder" if not options.inputs else "board.missing"
            raise BoardError(t(key, path=path))
        if not path.is_dir() and path.suffix not in (".yaml", ".yml"):
            raise BoardError(t("board.not_yaml", path=path))
    return Sources(paths=tuple(inputs))


def bind(host: str, port: int | None) -> socket.socket:
    """A listening socket: on `port`, or on a free one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port or 0))
    except OSError as exc:
        sock.close()
        key = "board.port_in_use" if port else "board.cannot_bind"
        raise BoardError(t(key, host=host, port=port, reason=exc.strerror or exc)) from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def address_for_others(host: str) -> str:
    """The address another device in the room uses: the given one, or this laptop's."""
    if host not in ("0.0.0.0", "::", ""):
        return host
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))  # no packet is sent: this only picks a route
        return str(probe.getsockname()[0])
    except OSError:
        return socket.gethostname()
    finally:
        probe.close()


def url_for(host: str, port: int, token: str | None) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def serve(options: BoardOptions) -> None:
    """Run the board until Ctrl-C."""
    import uvicorn

    from limburglab.board.app import LOOPBACK_NAMES, create_app

    choose(options.lang, fallback=language())
    board_sources = sources(options)
    board = Board(board_sources)
    if options.lang is None and env_language() is None:
        set_language(board.flow_language() or language())
    board_sources.lang = language()
    loopback = is_loopback(options.host)
    token = None if loopback else secrets.token_urlsafe(16)
    sock = bind(options.host, options.port)
    port = sock.getsockname()[1]
    url = url_for(address_for_others(options.host) if not loopback else options.host, port, token)
    print(t("board.url", url=url), flush=True)
    if not loopback:
        import segno

        print(t("board.qr"))
        segno.make(url, error="l").terminal(compact=True)
        print(t("board.token"), flush=True)
    print(t("board.stop"), flush=True)

    def opened() -> None:
        if options.open_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()

    app = create_app(
        board,
        token=token,
        allowed_hosts=[*LOOPBACK_NAMES, options.host] if loopback else None,
        on_start=opened,
    )
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=1,
        lifespan="on",
    )
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    print(t("board.stopped"), file=sys.stderr)
