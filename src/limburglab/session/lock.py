"""One owner per session file: `run` and `resume` hold an exclusive lock while they ask.

The lock is an operating-system lock (through `filelock`) on a hidden file beside the session,
so it ends with the process that holds it, even after a crash; the file names the owner, so that
a second window can say who has the session open.
"""

from __future__ import annotations

import os
import socket
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import Any

from limburglab import system
from limburglab.errors import SessionBusyError
from limburglab.messages import t
from limburglab.session.file import timestamp

#: Where the owner is written in the lock file: after the first byte, which the lock covers on
#: Windows (`msvcrt.locking`), where no other process may read or write it while it is held.
_OWNER_AT = 1


class SessionLock:
    """`with SessionLock(path):` — or SessionBusyError naming the process that holds it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        real = path.resolve()  # a link and its target are one session
        self.lock_path = real.parent / f".{real.name}.lock"
        self._lock: Any = None

    def __enter__(self) -> SessionLock:
        from filelock import FileLock, Timeout

        with suppress(OSError):
            self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(self.lock_path, timeout=0)
        try:
            self._lock.acquire()
        except Timeout:
            raise SessionBusyError(
                t("session.busy", path=self.path, owner=self._owner() or "?")
            ) from None
        except OSError:  # a read-only folder: saving will say so; nothing to share here
            self._lock = None
            return self
        owner = f"pid {os.getpid()} · {socket.gethostname()} · {timestamp()}\n"
        with suppress(OSError), self.lock_path.open("r+b") as handle:
            handle.seek(_OWNER_AT)
            handle.write(owner.encode("utf-8"))
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._lock is not None:
            with suppress(OSError):
                self.lock_path.unlink()
            self._lock.release()

    def _owner(self) -> str:
        try:
            with self.lock_path.open("rb") as handle:
                handle.seek(_OWNER_AT)
                return handle.read(1000).decode("utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return ""


def is_held(path: Path) -> bool:
    """Whether a process holds the lock of the session at `path` now (read only: a viewer
    such as the board asks, and changes nothing)."""
    real = path.resolve()
    return system.lock_held(real.parent / f".{real.name}.lock")
