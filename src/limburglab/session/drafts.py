"""The text being typed, kept beside the session while it is typed.

A confirmed answer is in the session file before the next prompt; what is still being typed is
not confirmed and never goes into that file while it is typed. It goes to a hidden side file,
`.NAME.yaml.draft` beside the session (as `.NAME.yaml.lock`), at most every two seconds and
atomically, so that a kill -9, a console window closed on Windows or a laptop out of battery
loses no more than the last seconds of typing. Every save of the session takes the side file
away again: by then what was typed is an answer, or the session's own draft. `resume` offers a
side file that is left as the starting text (see `adopt`).

JSON, not YAML: the file is read only by limburglab, and JSON gives back every text as it was.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from limburglab.errors import WriteError
from limburglab.files import write_atomic
from limburglab.session.file import Draft, Session, draft_dict, draft_from, timestamp

#: At most one write every so many seconds while typing.
EVERY = 2.0


def side_path(session_path: Path) -> Path:
    """`.NAME.yaml.draft` beside the session's real file (a link and its target are one)."""
    real = session_path.resolve()
    return real.parent / f".{real.name}.draft"


def write(session_path: Path, draft: Draft) -> None:
    """Write the draft beside the session, atomically; WriteError when the disk refuses."""
    data = {**draft_dict(draft), "saved_at": timestamp()}
    write_atomic(side_path(session_path), json.dumps(data, ensure_ascii=False) + "\n")


def read(session_path: Path) -> tuple[Draft, str] | None:
    """The draft left beside the session and when it was written, or None (no side file, or
    one that is not a draft: a half-written file cannot be, the write is atomic)."""
    try:
        raw: Any = json.loads(side_path(session_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    draft = draft_from(raw)
    if draft is None or not draft.text.strip():
        return None
    saved_at = raw.get("saved_at")
    return draft, saved_at if isinstance(saved_at, str) else ""


def remove(session_path: Path) -> None:
    with suppress(OSError):
        side_path(session_path).unlink(missing_ok=True)


def adopt(session: Session) -> str | None:
    """A draft left beside the session by a process that could not stop in order becomes the
    session's draft, offered at its place when the session goes on; when it was written, or
    None when there is none. It is later than anything in the session file: every save of the
    session takes the side file away."""
    if session.path is None:
        return None
    found = read(session.path)
    if found is None:
        return None
    session.draft, saved_at = found
    return saved_at


class Keeper:
    """Writes what is being typed to the side file, at most every `every` seconds.

    `typing` is called with the draft as it stands (None: nothing worth keeping, the input
    empty or as it was offered), on every change and now and then without one; `saved` after
    each save of the session, which holds all that was typed by then.
    """

    def __init__(
        self,
        where: Callable[[], Path | None],
        clock: Callable[[], float] = time.monotonic,
        every: float = EVERY,
    ) -> None:
        self.where = where
        self.clock = clock
        self.every = every
        self.written: Draft | None = None
        #: What waits to be written, in a 1-tuple (its draft may be None: take the file away).
        self.pending: tuple[Draft | None] | None = None
        self.last = -every

    def typing(self, draft: Draft | None) -> None:
        self.pending = None if draft == self.written else (draft,)
        if self.pending is not None and self.clock() - self.last >= self.every:
            self._write(self.pending[0])

    def _write(self, draft: Draft | None) -> None:
        path = self.where()
        self.pending = None
        self.last = self.clock()
        if path is None:
            return
        if draft is None:
            remove(path)
        else:
            with suppress(WriteError):  # the side file is a help; typing goes on regardless
                write(path, draft)
        self.written = draft

    def saved(self) -> None:
        """The session was saved: what was typed is in it; the side file goes."""
        path = self.where()
        if path is not None and (self.written is not None or side_path(path).exists()):
            remove(path)
        self.written, self.pending = None, None
