"""Everything that differs between Windows, macOS and Linux, one function per difference.

The rest of limburglab never asks `sys.platform` or `os.name`, and never touches `fcntl`,
`msvcrt`, `os.fchmod` or a signal that only one system has: it calls these functions. Each takes
the platform as a parameter (`sys.platform` by default), so that every branch is tested on any
machine. The leaders' laptops are mostly Windows, some macOS, rarely Linux.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import shlex
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

WINDOWS = "win32"
MACOS = "darwin"

#: How long a file that another program holds open is tried again before giving up.
REPLACE_PATIENCE = 1.0
#: Windows ends a process a few seconds after its console was closed (5 s): time to save.
CLOSE_PATIENCE = 4.5


def _module(name: str) -> ModuleType:
    """A module that only some systems have (`fcntl`, `msvcrt`), imported when asked for; typed
    loosely, so that the type checker accepts its use for every target platform."""
    return importlib.import_module(name)


# --- files ------------------------------------------------------------------------------------


class FileInUseError(PermissionError):
    """Another program (Word, Excel, a browser, a sync client) holds the file open (Windows)."""


class ReadOnlyFileError(PermissionError):
    """The file is marked read-only (Windows: the file's Read-only property), so it cannot be
    replaced; waiting does not change that."""


def set_mode(fd: int, path: str | Path, mode: int, *, platform: str = sys.platform) -> None:
    """Give the open file `fd` (at `path`) the permissions `mode`: `fchmod` where it exists,
    `chmod` by name on Windows (which only knows read-only or not)."""
    fchmod = getattr(os, "fchmod", None)
    if platform == WINDOWS or fchmod is None:
        os.chmod(path, mode)
    else:
        fchmod(fd, mode)


def flush_file(fd: int, *, platform: str = sys.platform) -> None:
    """Put the file's bytes on the disk itself. On macOS `fsync` only reaches the drive's cache;
    `F_FULLFSYNC` reaches the disk (and where a file system refuses it, `fsync` it is)."""
    if platform == MACOS:
        fcntl = _module("fcntl")
        full = getattr(fcntl, "F_FULLFSYNC", None)
        if full is not None:
            try:
                fcntl.fcntl(fd, full)
            except OSError:
                pass
            else:
                return
    os.fsync(fd)


def flush_folder(folder: Path, *, platform: str = sys.platform) -> None:
    """Put a rename in `folder` on the disk: fsync the folder where folders can be opened (not
    on Windows, where the rename is durable with the file)."""
    if platform == WINDOWS:
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def replace_file(
    source: str | Path,
    target: str | Path,
    *,
    platform: str = sys.platform,
    replace: Callable[[str | Path, str | Path], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    patience: float = REPLACE_PATIENCE,
) -> None:
    """Rename `source` over `target` in one step. On Windows a file that another program holds
    open (Word, Excel, the board's browser, a sync client) cannot be replaced for a moment: try
    again for `patience` seconds, then FileInUseError. A target marked read-only is refused at
    once there (ReadOnlyFileError): Windows does not replace it, however long one waits."""
    replace = replace or os.replace
    if platform != WINDOWS:
        replace(source, target)
        return
    give_up = clock() + patience
    while True:
        try:
            replace(source, target)
            return
        except PermissionError as exc:
            if read_only(target):
                raise ReadOnlyFileError(exc.errno, exc.strerror, str(target)) from None
            if clock() >= give_up:
                raise FileInUseError(exc.errno, exc.strerror, str(target)) from None
        sleep(0.05)


def read_only(path: str | Path) -> bool:
    """Whether the file at `path` exists and is marked read-only (no write bit for its owner:
    on Windows the Read-only property)."""
    try:
        return not os.stat(path).st_mode & stat.S_IWRITE
    except OSError:
        return False


def remove_file(path: str | Path, *, platform: str = sys.platform) -> None:
    """Remove a file of limburglab's own (a temporary file), if it is there and can be removed;
    never raises. On Windows a read-only file cannot be removed: its mark is taken off first."""
    if platform == WINDOWS:
        with contextlib.suppress(OSError):
            os.chmod(path, stat.S_IWRITE | stat.S_IREAD)
    with contextlib.suppress(OSError):
        os.remove(path)


def lock_held(lock_path: Path, *, platform: str = sys.platform) -> bool:
    """Whether a process holds the `filelock` lock on `lock_path` now, asked without taking it
    for longer than the question (the board asks; it changes nothing). `filelock` locks with
    `flock` on POSIX and with `msvcrt.locking` on the first byte on Windows: ask the same way."""
    try:
        fd = os.open(lock_path, os.O_RDONLY)
    except OSError:
        return False
    try:
        if platform == WINDOWS:
            msvcrt = _module("msvcrt")
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            except OSError:
                return True
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            return False
        fcntl = _module("fcntl")
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return True
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


# --- user folders -----------------------------------------------------------------------------


def _user_dirs(platform: str) -> Any:
    """platformdirs' folders for `platform` (its class for that system, not only this one's)."""
    if platform == WINDOWS:
        from platformdirs.windows import Windows

        return Windows(appname="limburglab", appauthor=False)
    if platform == MACOS:
        from platformdirs.macos import MacOS

        return MacOS(appname="limburglab", appauthor=False)
    from platformdirs.unix import Unix

    return Unix(appname="limburglab", appauthor=False)


def cache_folder(*, platform: str = sys.platform, environ: Mapping[str, str] = os.environ) -> Path:
    """Where limburglab keeps what it can make again (validated flows): `$XDG_CACHE_HOME` when
    set (on any system: a developer's or a test's choice), else `%LOCALAPPDATA%` on Windows,
    `~/Library/Caches` on macOS, `~/.cache` elsewhere."""
    return _xdg(environ, "XDG_CACHE_HOME") or Path(_user_dirs(platform).user_cache_dir)


def data_folder(*, platform: str = sys.platform, environ: Mapping[str, str] = os.environ) -> Path:
    """Where limburglab keeps what must last (rescue copies of sessions): `$XDG_DATA_HOME` when
    set, else `%LOCALAPPDATA%` on Windows, `~/Library/Application Support` on macOS,
    `~/.local/share` elsewhere."""
    return _xdg(environ, "XDG_DATA_HOME") or Path(_user_dirs(platform).user_data_dir)


def _xdg(environ: Mapping[str, str], name: str) -> Path | None:
    folder = environ.get(name, "").strip()
    return Path(folder) / "limburglab" if folder else None


# --- the terminal -----------------------------------------------------------------------------

#: TERM values of terminals that cannot move the cursor or draw a select (an editor's shell, a
#: serial line).
_INCAPABLE_TERMS = {"dumb", "unknown", "emacs", "cons25"}


def can_full_screen(environ: Mapping[str, str], *, platform: str = sys.platform) -> bool:
    """Whether the terminal can redraw (full-screen prompts), else the plain line protocol is
    used. POSIX terminals say so in TERM; a Windows console has no TERM and can, unless an
    editor's shell sets TERM to one that cannot."""
    term = environ.get("TERM", "").strip().lower()
    if platform == WINDOWS and not term:
        return True
    return bool(term) and term not in _INCAPABLE_TERMS


def input_waiting(fd: int, seconds: float, *, platform: str = sys.platform) -> bool:
    """Whether more input arrives on the terminal `fd` within `seconds` (the rest of a paste
    that comes in pieces). A Windows console handle cannot be waited on this way: there the
    answer is no, and a paste in pieces is taken piece by piece."""
    if platform == WINDOWS:
        return False
    import select

    try:
        ready, _, _ = select.select([fd], [], [], seconds)
    except (OSError, ValueError):
        return False
    return bool(ready)


def own_command(environ: Mapping[str, str] = os.environ) -> list[str]:
    """How the user starts limburglab again from the same folder: `uv run limburglab` when this
    process was started by `uv run` (as the README's quick start does; `limburglab` alone is
    then not a command of the shell), else `limburglab`."""
    if environ.get("UV_RUN_RECURSION_DEPTH"):
        return ["uv", "run", "limburglab"]
    return ["limburglab"]


#: Arguments that cmd.exe and PowerShell both take as they are.
_WINDOWS_PLAIN = re.compile(r"[\w\-.:\\/+=]+")


def shell_command(args: Sequence[str], *, platform: str = sys.platform) -> str:
    """`args` as one command line to copy into the user's shell: POSIX quoting (`'…'`) for
    sh, bash and zsh; double quotes where needed for cmd.exe and PowerShell on Windows, which
    do not understand single quotes."""
    if platform != WINDOWS:
        return " ".join(shlex.quote(arg) for arg in args)
    return " ".join(_windows_quote(arg) for arg in args)


def _windows_quote(arg: str) -> str:
    if _WINDOWS_PLAIN.fullmatch(arg):
        return arg
    # Backslashes before the closing quote would escape it (CommandLineToArgvW's rule).
    body = arg.rstrip("\\")
    doubled = "\\" * (2 * (len(arg) - len(body)))
    return f'"{body}{doubled}"'


# --- stop signals -----------------------------------------------------------------------------

#: Windows' console events that end the process: the window closed, log off, shut down.
_CONSOLE_ENDS = {2, 5, 6}


def stop_signal_names(*, platform: str = sys.platform) -> tuple[str, ...]:
    """The signals that ask a live session to stop and keep its draft: the window closed
    (SIGHUP) or the system asks (SIGTERM) on POSIX; Ctrl-Break on Windows, where closing the
    console is turned into it too (see `console_close_handler`)."""
    return ("SIGBREAK",) if platform == WINDOWS else ("SIGHUP", "SIGTERM")


def handle_stop_signals(handler: Any, *, platform: str = sys.platform) -> dict[int, Any]:
    """Handle the stop signals with `handler` (a function, or `signal.SIG_IGN`); the handlers
    before, for `restore_signals`. Only the main thread can handle signals: elsewhere (tests
    that drive a session from a thread) nothing."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    numbers = [
        getattr(signal, name)
        for name in stop_signal_names(platform=platform)
        if hasattr(signal, name)
    ]
    previous = {number: signal.signal(number, handler) for number in numbers}
    if platform == WINDOWS and numbers:
        _watch_console_close(numbers[0])
    return previous


def restore_signals(previous: dict[int, Any]) -> None:
    for number, handler in previous.items():
        signal.signal(number, handler)


def console_close_handler(
    number: int,
    *,
    interrupt: Callable[[int], None] | None = None,
    getsignal: Callable[[int], Any] = signal.getsignal,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    patience: float = CLOSE_PATIENCE,
) -> Callable[[int], bool]:
    """The Windows console-event handler: when the console is closed (or the user logs off, or
    the system shuts down), deliver signal `number` to the main thread, as SIGHUP is delivered on
    POSIX, and hold Windows off until the session has saved (Windows ends the process when this
    returns). Other events (Ctrl-C, Ctrl-Break) go on to the usual handlers."""
    deliver = interrupt or _interrupt_main

    def handle(event: int) -> bool:
        if event not in _CONSOLE_ENDS:
            return False
        if getsignal(number) in (signal.SIG_DFL, None):
            return False  # no session to save: end as usual
        deliver(number)
        give_up = clock() + patience
        # Handled, then SIG_IGN while saving; back to the default when the session has stopped.
        while getsignal(number) not in (signal.SIG_DFL, None) and clock() < give_up:
            sleep(0.05)
        return True

    return handle


def _interrupt_main(number: int) -> None:
    """Signal `number` for the main thread: its Python handler runs there, as for a real one."""
    import _thread

    _thread.interrupt_main(signal.Signals(number))


_console_watch: list[Any] = []  # the ctypes callback must live as long as the process


def _watch_console_close(number: int, *, kernel32: Any = None) -> None:
    """Register `console_close_handler` with Windows once (`SetConsoleCtrlHandler`)."""
    if _console_watch:
        return
    ctypes = _module("ctypes")
    function_type = getattr(ctypes, "WINFUNCTYPE", ctypes.CFUNCTYPE)
    routine = function_type(ctypes.c_int, ctypes.c_uint)
    handle = console_close_handler(number)
    callback = routine(lambda event: 1 if handle(event) else 0)
    if kernel32 is None:
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    if kernel32.SetConsoleCtrlHandler(callback, 1):
        _console_watch.append(callback)
