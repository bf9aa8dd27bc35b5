"""A board beside `run` and `resume`: its own process, so the leader types while it serves.

Imports nothing heavy: `run --board` only pays for a subprocess.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
from pathlib import Path

from limburglab.messages import t


class Launched:
    """A board process started for one session; `stop` ends it with the session."""

    def __init__(self, process: subprocess.Popen[bytes], url: str) -> None:
        self.process = process
        self.url = url

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def sessions_folder(session: Path | None) -> Path:
    """The folder in which `run` will write its new session file (see `live.run._new_path`)."""
    if session is None:
        return Path("sessions")
    if session.is_dir() or not session.name or str(session).endswith(os.sep):
        return session
    return session.parent


def start(arguments: list[str], lang: str | None) -> Launched:
    port = free_port()
    command = [sys.executable, "-m", "limburglab", "board", "--port", str(port), *arguments]
    if lang:
        command += ["--lang", lang]
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # Ctrl-C in the terminal is for the session, not the board
    )
    url = f"http://127.0.0.1:{port}/"
    print(t("board.beside", url=url), file=sys.stderr, flush=True)
    return Launched(process, url)


def start_for(session: Path, lang: str | None = None) -> Launched:
    """The board of an existing session (`resume --board`)."""
    return start([str(session)], lang)


def start_for_new(session_option: Path | None, lang: str | None = None) -> Launched:
    """The board of the session that `run` is about to create (`run --board`)."""
    since = dt.datetime.now().astimezone().replace(microsecond=0).isoformat()
    folder = sessions_folder(session_option)
    return start(["--new-in", str(folder), "--since", since], lang)
