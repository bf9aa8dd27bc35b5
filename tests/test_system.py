"""What differs between systems (`limburglab.system`): every branch, with the platform passed in.

The Windows and macOS branches run here on any machine: the modules only those systems have
(`msvcrt`, macOS' `fcntl.F_FULLFSYNC`, `kernel32`) are replaced by fakes that record the calls.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import sys
import threading
import types
from pathlib import Path
from typing import Any

import pytest

from limburglab import files, system
from limburglab.errors import WriteError

POSIX_SYSTEMS = ["linux", "darwin", "freebsd14"]


# --- set_mode ---------------------------------------------------------------------------------


@pytest.mark.parametrize("platform", ["win32", pytest.param("linux", marks=pytest.mark.posix)])
def test_set_mode_gives_the_file_its_permissions(tmp_path: Path, platform: str) -> None:
    path = tmp_path / "f.yaml"
    with path.open("wb") as handle:
        system.set_mode(handle.fileno(), path, 0o600, platform=platform)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_set_mode_on_windows_goes_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no os.fchmod: chmod by the file's name."""
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(os, "fchmod", lambda *a: calls.append(("fchmod", *a)), raising=False)
    monkeypatch.setattr(os, "chmod", lambda *a: calls.append(("chmod", *a)))
    system.set_mode(7, tmp_path / "f", 0o644, platform="win32")
    system.set_mode(7, tmp_path / "f", 0o644, platform="linux")
    assert calls == [("chmod", tmp_path / "f", 0o644), ("fchmod", 7, 0o644)]


def test_set_mode_without_fchmod_goes_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, ...]] = []
    monkeypatch.delattr(os, "fchmod", raising=False)
    monkeypatch.setattr(os, "chmod", lambda *a: calls.append(a))
    system.set_mode(7, "f", 0o644, platform="linux")
    assert calls == [("f", 0o644)]


# --- flush_file, flush_folder -----------------------------------------------------------------


class FakeFcntl(types.ModuleType):
    """macOS' fcntl, where F_FULLFSYNC exists."""

    F_FULLFSYNC = 51

    def __init__(self, refuse: bool = False) -> None:
        super().__init__("fcntl")
        self.calls: list[tuple[int, int]] = []
        self.refuse = refuse

    def fcntl(self, fd: int, command: int) -> int:
        self.calls.append((fd, command))
        if self.refuse:
            raise OSError(errno.ENOTSUP, "not supported")
        return 0


@pytest.fixture
def fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    monkeypatch.setattr(os, "fsync", calls.append)
    return calls


def test_flush_file_on_macos_asks_for_a_full_fsync(
    monkeypatch: pytest.MonkeyPatch, fsyncs: list[int]
) -> None:
    fake = FakeFcntl()
    monkeypatch.setitem(sys.modules, "fcntl", fake)
    system.flush_file(5, platform="darwin")
    assert fake.calls == [(5, FakeFcntl.F_FULLFSYNC)]
    assert fsyncs == []


def test_flush_file_on_macos_falls_back_to_fsync_where_refused(
    monkeypatch: pytest.MonkeyPatch, fsyncs: list[int]
) -> None:
    """A USB stick's file system may refuse F_FULLFSYNC: fsync is still better than nothing."""
    fake = FakeFcntl(refuse=True)
    monkeypatch.setitem(sys.modules, "fcntl", fake)
    system.flush_file(5, platform="darwin")
    assert fake.calls == [(5, FakeFcntl.F_FULLFSYNC)]
    assert fsyncs == [5]


@pytest.mark.parametrize("platform", ["linux", "win32"])
def test_flush_file_elsewhere_is_fsync(
    monkeypatch: pytest.MonkeyPatch, fsyncs: list[int], platform: str
) -> None:
    fake = FakeFcntl()
    monkeypatch.setitem(sys.modules, "fcntl", fake)
    system.flush_file(5, platform=platform)
    assert fsyncs == [5]
    assert fake.calls == []


@pytest.mark.posix
def test_flush_folder_fsyncs_the_folder_on_posix(tmp_path: Path, fsyncs: list[int]) -> None:
    system.flush_folder(tmp_path, platform="linux")
    assert len(fsyncs) == 1


def test_flush_folder_does_nothing_on_windows(tmp_path: Path, fsyncs: list[int]) -> None:
    """Windows cannot open a folder as a file; a rename there is durable with the file."""
    system.flush_folder(tmp_path, platform="win32")
    assert fsyncs == []


def test_flush_folder_of_a_missing_folder_is_quiet(tmp_path: Path, fsyncs: list[int]) -> None:
    system.flush_folder(tmp_path / "weg", platform="linux")
    assert fsyncs == []


# --- replace_file -----------------------------------------------------------------------------


class Clock:
    """A clock that moves only when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def held_for(attempts: int) -> tuple[list[tuple[Any, Any]], Any]:
    """A replace that fails as Windows does while another program holds the target, `attempts`
    times, then succeeds."""
    calls: list[tuple[Any, Any]] = []

    def replace(source: Any, target: Any) -> None:
        calls.append((source, target))
        if len(calls) <= attempts:
            raise PermissionError(errno.EACCES, "Access is denied", str(target))

    return calls, replace


def test_replace_on_windows_waits_for_the_other_program() -> None:
    calls, replace = held_for(3)
    clock = Clock()
    system.replace_file("a", "b", platform="win32", replace=replace, sleep=clock.sleep, clock=clock)
    assert calls == [("a", "b")] * 4
    assert len(clock.sleeps) == 3


def test_replace_on_windows_gives_up_after_about_a_second() -> None:
    calls, replace = held_for(1000)
    clock = Clock()
    with pytest.raises(system.FileInUseError) as caught:
        system.replace_file(
            "a", "verslag.docx", platform="win32", replace=replace, sleep=clock.sleep, clock=clock
        )
    assert caught.value.filename == "verslag.docx"
    assert 0.9 <= clock.now <= 1.1
    assert 15 <= len(calls) <= 25


@pytest.mark.parametrize("platform", POSIX_SYSTEMS)
def test_replace_on_posix_does_not_wait(platform: str) -> None:
    """A PermissionError there is the folder's permissions, which waiting does not change."""
    calls, replace = held_for(1)
    clock = Clock()
    with pytest.raises(PermissionError) as caught:
        system.replace_file(
            "a", "b", platform=platform, replace=replace, sleep=clock.sleep, clock=clock
        )
    assert not isinstance(caught.value, system.FileInUseError)
    assert calls == [("a", "b")]
    assert clock.sleeps == []


def test_other_errors_are_not_waited_for_on_windows() -> None:
    clock = Clock()

    def replace(source: Any, target: Any) -> None:
        raise FileNotFoundError(errno.ENOENT, "gone")

    with pytest.raises(FileNotFoundError):
        system.replace_file(
            "a", "b", platform="win32", replace=replace, sleep=clock.sleep, clock=clock
        )
    assert clock.sleeps == []


def test_a_file_held_open_is_named_in_the_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """write_atomic says which file, and that another program has it open; the old file stays
    and no temporary file is left."""
    target = tmp_path / "verslag.docx"
    target.write_text("oud", "utf-8")

    def held(source: Any, target: Any, **options: Any) -> None:
        raise system.FileInUseError(errno.EACCES, "Access is denied", str(target))

    monkeypatch.setattr(system, "replace_file", held)
    with pytest.raises(WriteError) as caught:
        files.write_atomic(target, "nieuw")
    assert str(caught.value) == (
        f"kan {target} niet opslaan: een ander programma heeft het bestand open (bijvoorbeeld "
        "Word, Excel, de browser of een synchronisatieprogramma zoals OneDrive). Sluit het "
        "bestand daar en probeer het opnieuw"
    )
    assert target.read_text("utf-8") == "oud"
    assert os.listdir(tmp_path) == ["verslag.docx"]


def test_a_file_held_open_in_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from limburglab import messages

    def held(source: Any, target: Any, **options: Any) -> None:
        raise system.FileInUseError(errno.EACCES, "Access is denied", str(target))

    monkeypatch.setattr(system, "replace_file", held)
    messages.set_language("en")
    with pytest.raises(WriteError) as caught:
        files.write_atomic(tmp_path / "v.xlsx", "nieuw")
    assert str(caught.value).startswith(
        f"cannot save {tmp_path / 'v.xlsx'}: another program has the file open"
    )


def test_a_read_only_file_on_windows_is_refused_at_once_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows does not replace a file marked read-only, however long one waits: said as that
    (not as "another program has it open"), at once; the old file stays and the temporary
    file, which took the read-only mark over, is removed all the same."""
    target = tmp_path / "sessie.yaml"
    target.write_text("oud", "utf-8")
    target.chmod(0o444)
    clock = Clock()
    real_replace = system.replace_file
    real_remove = system.remove_file

    def refuse(source: Any, target: Any) -> None:
        raise PermissionError(errno.EACCES, "Access is denied", str(target))

    monkeypatch.setattr(
        system,
        "replace_file",
        lambda s, t: real_replace(
            s, t, platform="win32", replace=refuse, sleep=clock.sleep, clock=clock
        ),
    )
    monkeypatch.setattr(system, "remove_file", lambda path: real_remove(path, platform="win32"))
    with pytest.raises(WriteError) as caught:
        files.write_atomic(target, "nieuw")
    assert str(caught.value) == (
        f"kan {target} niet opslaan: het bestand is alleen-lezen. Zet in de eigenschappen van "
        "het bestand het vinkje bij „Alleen-lezen” uit en probeer het opnieuw"
    )
    assert clock.sleeps == []
    assert target.read_text("utf-8") == "oud"
    assert os.listdir(tmp_path) == ["sessie.yaml"]


@pytest.mark.parametrize("platform", ["win32", "linux", "darwin"])
def test_remove_file_takes_a_read_only_mark_off_on_windows_and_never_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    path = tmp_path / ".sessie.yaml.tmp"
    path.write_text("x")
    path.chmod(0o444)
    changed: list[int] = []
    real_chmod = os.chmod
    monkeypatch.setattr(os, "chmod", lambda p, mode: (changed.append(mode), real_chmod(p, mode)))
    system.remove_file(path, platform=platform)
    assert not path.exists()
    assert bool(changed) == (platform == "win32")
    system.remove_file(path, platform=platform)  # gone already: nothing to say


def test_read_only_is_the_owners_write_bit(tmp_path: Path) -> None:
    path = tmp_path / "f"
    assert not system.read_only(path)  # none there
    path.write_text("x")
    assert not system.read_only(path)
    path.chmod(0o444)
    assert system.read_only(path)


@pytest.mark.parametrize(
    ("number", "said"),
    [
        (errno.ENOSPC, "de schijf is vol; maak ruimte vrij"),
        (errno.EACCES, "limburglab mag hier niet schrijven; kies een map"),
        (errno.EPERM, "limburglab mag hier niet schrijven; kies een map"),
        (errno.EROFS, "de schijf of USB-stick kan alleen gelezen worden"),
        (errno.EISDIR, "met die naam bestaat al een map"),
        (errno.ENOENT, "de map bestaat niet (meer)"),
        (errno.ENOTDIR, "een deel van de plek is een bestand, geen map"),
        (errno.ENAMETOOLONG, "de naam van het bestand of de map is te lang"),
        (errno.EIO, "de schijf gaf een fout bij lezen of schrijven"),
    ],
)
def test_the_systems_refusals_are_said_in_the_users_words(number: int, said: str) -> None:
    reason = files.os_reason(OSError(number, os.strerror(number)))
    assert reason.startswith(said)
    assert os.strerror(number) not in reason


def test_a_refusal_without_words_of_ours_names_the_systems_code() -> None:
    reason = files.os_reason(OSError(errno.EBUSY, "Device or resource busy"))
    assert reason == "het systeem weigert (EBUSY: Device or resource busy)"


def test_write_atomic_saves_as_windows_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole save with Windows' branches (no fchmod, retrying replace, no folder fsync)."""
    real_replace = system.replace_file
    monkeypatch.delattr(os, "fchmod", raising=False)
    monkeypatch.setattr(system, "replace_file", lambda s, t: real_replace(s, t, platform="win32"))
    monkeypatch.setattr(system, "flush_folder", lambda folder: None)
    target = tmp_path / "sessie.yaml"
    files.write_atomic(target, "één\n")
    files.write_atomic(target, "twee\n")
    assert target.read_text("utf-8") == "twee\n"
    assert os.listdir(tmp_path) == ["sessie.yaml"]


# --- lock_held --------------------------------------------------------------------------------


@pytest.mark.posix
def test_lock_held_on_posix(tmp_path: Path) -> None:
    """flock locks belong to an open file, so a second open sees the lock as another process
    would."""
    from filelock import FileLock

    lock_path = tmp_path / ".s.yaml.lock"
    assert not system.lock_held(lock_path, platform="linux")  # no file
    lock_path.touch()
    assert not system.lock_held(lock_path, platform="linux")  # a file left behind
    with FileLock(lock_path):
        assert system.lock_held(lock_path, platform="linux")
    assert not system.lock_held(lock_path, platform="linux")


class FakeMsvcrt(types.ModuleType):
    """Windows' msvcrt: `locking` on the first byte, as filelock's WindowsFileLock does."""

    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4

    def __init__(self, held: bool) -> None:
        super().__init__("msvcrt")
        self.held = held
        self.calls: list[tuple[int, int]] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        self.calls.append((mode, nbytes))
        if self.held and mode == self.LK_NBLCK:
            raise PermissionError(errno.EACCES, "Permission denied")


@pytest.mark.parametrize("held", [True, False])
def test_lock_held_on_windows_asks_msvcrt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held: bool
) -> None:
    fake = FakeMsvcrt(held)
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    lock_path = tmp_path / ".s.yaml.lock"
    assert not system.lock_held(lock_path, platform="win32")
    assert fake.calls == []
    lock_path.touch()
    assert system.lock_held(lock_path, platform="win32") is held
    unlock = [] if held else [(FakeMsvcrt.LK_UNLCK, 1)]
    assert fake.calls == [(FakeMsvcrt.LK_NBLCK, 1), *unlock]


# --- user folders -----------------------------------------------------------------------------


@pytest.fixture
def no_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    return tmp_path


def test_user_folders_on_linux_follow_xdg(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, no_xdg: Path
) -> None:
    assert system.cache_folder(platform="linux") == no_xdg / ".cache" / "limburglab"
    assert system.data_folder(platform="linux") == no_xdg / ".local" / "share" / "limburglab"
    blank = {"XDG_CACHE_HOME": " ", "XDG_DATA_HOME": ""}  # not set, as the XDG spec says
    assert system.cache_folder(platform="linux", environ=blank) == no_xdg / ".cache" / "limburglab"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "d"))
    assert system.cache_folder(platform="linux") == tmp_path / "c" / "limburglab"
    assert system.data_folder(platform="linux") == tmp_path / "d" / "limburglab"


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_xdg_folders_are_honoured_on_every_system(platform: str, tmp_path: Path) -> None:
    """A developer's or a test's choice (and what the tests use to keep to themselves)."""
    environ = {"XDG_CACHE_HOME": str(tmp_path / "c"), "XDG_DATA_HOME": str(tmp_path / "d")}
    assert system.cache_folder(platform=platform, environ=environ) == tmp_path / "c" / "limburglab"
    assert system.data_folder(platform=platform, environ=environ) == tmp_path / "d" / "limburglab"


def test_user_folders_on_macos(no_xdg: Path) -> None:
    library = no_xdg / "Library"
    assert system.cache_folder(platform="darwin") == library / "Caches" / "limburglab"
    assert system.data_folder(platform="darwin") == (library / "Application Support" / "limburglab")


def test_user_folders_on_windows(monkeypatch: pytest.MonkeyPatch, no_xdg: Path) -> None:
    """In the local (not roaming) AppData: a rescue copy belongs to this laptop."""
    import platformdirs.windows

    local = r"C:\Users\Mieke Bos\AppData\Local"
    folders = {"CSIDL_LOCAL_APPDATA": local, "CSIDL_APPDATA": r"C:\Users\Mieke Bos\Roaming"}
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", folders.__getitem__)
    cache = str(system.cache_folder(platform="win32")).replace("\\", "/")
    data = str(system.data_folder(platform="win32")).replace("\\", "/")
    assert cache == "C:/Users/Mieke Bos/AppData/Local/limburglab/Cache"
    assert data == "C:/Users/Mieke Bos/AppData/Local/limburglab"


def test_the_flow_cache_and_rescue_copies_live_in_the_user_folders(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from limburglab.flow import loading
    from limburglab.session import file

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "d"))
    assert loading._cache_file("abc").parent == system.cache_folder()
    assert file.rescue_folders()[0] == system.data_folder() / "rescue"


# --- can_full_screen --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("xterm-256color", True),
        ("screen", True),
        ("linux", True),
        (" XTERM ", True),
        ("dumb", False),
        ("emacs", False),
        ("unknown", False),
        ("", False),
        (None, False),
    ],
)
@pytest.mark.parametrize("platform", POSIX_SYSTEMS)
def test_can_full_screen_on_posix_reads_term(
    platform: str, term: str | None, expected: bool
) -> None:
    environ = {} if term is None else {"TERM": term}
    assert system.can_full_screen(environ, platform=platform) is expected


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        (None, True),  # cmd.exe, PowerShell, Windows Terminal: no TERM, and full screen works
        ("", True),
        ("xterm-256color", True),  # Git Bash inside Windows Terminal
        ("dumb", False),  # an editor's shell
        ("emacs", False),
    ],
)
def test_can_full_screen_on_windows_without_term(term: str | None, expected: bool) -> None:
    environ = {} if term is None else {"TERM": term}
    assert system.can_full_screen(environ, platform="win32") is expected


def test_run_asks_the_terminal_through_system(monkeypatch: pytest.MonkeyPatch) -> None:
    from limburglab.live import run

    monkeypatch.setenv("TERM", "dumb")
    assert not run.capable_terminal()
    monkeypatch.setenv("TERM", "xterm")
    assert run.capable_terminal()


# --- shell_command ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("sessies/groep-1.yaml", "limburglab resume sessies/groep-1.yaml"),
        ("ronde 1/groep 2.yaml", "limburglab resume 'ronde 1/groep 2.yaml'"),
        ("Mieke's sessie.yaml", "limburglab resume 'Mieke'\"'\"'s sessie.yaml'"),
        ("$HOME & co.yaml", "limburglab resume '$HOME & co.yaml'"),
    ],
)
@pytest.mark.parametrize("platform", POSIX_SYSTEMS)
def test_shell_command_on_posix(platform: str, path: str, expected: str) -> None:
    assert system.shell_command(["limburglab", "resume", path], platform=platform) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (r"sessies\groep-1.yaml", r"sessies\groep-1.yaml"),
        (r"C:\Users\Jan\sessie.yaml", r"C:\Users\Jan\sessie.yaml"),
        (r"C:\Users\Mieke Bos\groep 1.yaml", r'"C:\Users\Mieke Bos\groep 1.yaml"'),
        (r"D:\Limburg Lab\Mieke's sessie.yaml", r'''"D:\Limburg Lab\Mieke's sessie.yaml"'''),
        ("Cafe & co.yaml", '"Cafe & co.yaml"'),
        ("zoë.yaml", "zoë.yaml"),
        ("", '""'),
        ("map met spatie\\", '"map met spatie\\\\"'),
    ],
)
def test_shell_command_on_windows(path: str, expected: str) -> None:
    """Double quotes where needed: cmd.exe and PowerShell both take them; single quotes mean
    nothing to cmd.exe."""
    command = system.shell_command(["limburglab", "resume", path], platform="win32")
    assert command == f"limburglab resume {expected}"


@pytest.mark.parametrize(
    "path",
    [r"C:\Users\Mieke Bos\groep 1.yaml", "map met spatie\\", "a&b (1).yaml", "", r"\\nas\a b"],
)
def test_windows_quoting_reads_back_as_the_same_arguments(path: str) -> None:
    """A Windows program splits its command line by CommandLineToArgvW's rules: the quoted
    command gives the same arguments back."""
    args = ["limburglab", "resume", path]
    assert command_line_to_argv(system.shell_command(args, platform="win32")) == args


def command_line_to_argv(line: str) -> list[str]:
    """CommandLineToArgvW's rules: whitespace splits outside quotes; 2n backslashes before a
    quote are n and the quote opens or closes; 2n+1 are n and a literal quote."""
    args: list[str] = []
    current, quoted, started, i = "", False, False, 0
    while i < len(line):
        char = line[i]
        if char == "\\":
            run = len(line[i:]) - len(line[i:].lstrip("\\"))
            if line[i + run : i + run + 1] == '"':
                current += "\\" * (run // 2) + ('"' if run % 2 else "")
                quoted = quoted if run % 2 else not quoted
                i += run + 1
            else:
                current += "\\" * run
                i += run
            started = True
            continue
        if char == '"':
            quoted, started = not quoted, True
        elif char in " \t" and not quoted:
            if started:
                args.append(current)
            current, started = "", False
        else:
            current, started = current + char, True
        i += 1
    if started:
        args.append(current)
    return args


# --- stop signals -----------------------------------------------------------------------------


def test_stop_signals_per_system() -> None:
    assert system.stop_signal_names(platform="linux") == ("SIGHUP", "SIGTERM")
    assert system.stop_signal_names(platform="darwin") == ("SIGHUP", "SIGTERM")
    assert system.stop_signal_names(platform="win32") == ("SIGBREAK",)


@pytest.mark.posix
def test_handle_stop_signals_on_posix_and_restore() -> None:
    def handler(number: int, frame: Any) -> None:
        pass

    before = {n: signal.getsignal(n) for n in (signal.SIGHUP, signal.SIGTERM)}
    previous = system.handle_stop_signals(handler, platform="linux")
    try:
        assert previous == before
        assert signal.getsignal(signal.SIGHUP) is handler
        assert signal.getsignal(signal.SIGTERM) is handler
    finally:
        system.restore_signals(previous)
    assert {n: signal.getsignal(n) for n in before} == before


def test_handle_stop_signals_only_on_the_main_thread() -> None:
    found: list[dict[int, Any]] = []
    thread = threading.Thread(
        target=lambda: found.append(system.handle_stop_signals(signal.SIG_IGN, platform="linux"))
    )
    thread.start()
    thread.join()
    assert found == [{}]


def test_handle_stop_signals_on_windows_watches_the_console(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SIGBREAK (Ctrl-Break) is handled, and closing the console is turned into it."""
    watched: list[int] = []
    stand_in = getattr(signal, "SIGBREAK", None) or signal.SIGUSR1  # Linux has no SIGBREAK
    monkeypatch.setattr(signal, "SIGBREAK", stand_in, raising=False)
    monkeypatch.setattr(system, "_watch_console_close", watched.append)

    def handler(number: int, frame: Any) -> None:
        pass

    previous = system.handle_stop_signals(handler, platform="win32")
    try:
        assert signal.getsignal(stand_in) is handler
        assert watched == [stand_in]
    finally:
        system.restore_signals(previous)


CTRL_C_EVENT, CTRL_BREAK_EVENT, CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT = (
    0,
    1,
    2,
    5,
    6,
)


class SignalStates:
    """The signal's handler as a live session moves it: handled, ignored while it saves, then
    back to the default when it has stopped."""

    def __init__(self, states: list[Any]) -> None:
        self.states = states
        self.delivered: list[int] = []

    def getsignal(self, number: int) -> Any:
        return self.states.pop(0) if len(self.states) > 1 else self.states[0]


@pytest.mark.parametrize("event", [CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT])
def test_closing_the_console_stops_the_session_and_waits_for_the_save(event: int) -> None:
    handler = lambda number, frame: None  # noqa: E731
    session = SignalStates([handler, handler, signal.SIG_IGN, signal.SIG_IGN, signal.SIG_DFL])
    clock = Clock()
    handle = system.console_close_handler(
        21,
        interrupt=session.delivered.append,
        getsignal=session.getsignal,
        sleep=clock.sleep,
        clock=clock,
    )
    assert handle(event) is True
    assert session.delivered == [21]
    assert session.states == [signal.SIG_DFL]  # it waited until the session had stopped
    assert clock.now < 1


def test_closing_the_console_waits_no_longer_than_windows_allows() -> None:
    handler = lambda number, frame: None  # noqa: E731
    session = SignalStates([handler])  # a session that never gets to stop
    clock = Clock()
    handle = system.console_close_handler(
        21,
        interrupt=session.delivered.append,
        getsignal=session.getsignal,
        sleep=clock.sleep,
        clock=clock,
    )
    assert handle(CTRL_CLOSE_EVENT) is True
    assert system.CLOSE_PATIENCE <= clock.now < 5  # Windows ends the process after 5 s


@pytest.mark.parametrize("event", [CTRL_C_EVENT, CTRL_BREAK_EVENT])
def test_ctrl_c_and_ctrl_break_go_to_their_usual_handlers(event: int) -> None:
    session = SignalStates([lambda number, frame: None])
    handle = system.console_close_handler(
        21, interrupt=session.delivered.append, getsignal=session.getsignal
    )
    assert handle(event) is False
    assert session.delivered == []


def test_closing_the_console_outside_a_session_ends_as_usual() -> None:
    session = SignalStates([signal.SIG_DFL])
    handle = system.console_close_handler(
        21, interrupt=session.delivered.append, getsignal=session.getsignal
    )
    assert handle(CTRL_CLOSE_EVENT) is False
    assert session.delivered == []


def test_the_console_handler_is_registered_once_through_ctypes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Through a ctypes callback, as kernel32's SetConsoleCtrlHandler calls it."""
    registered: list[tuple[Any, int]] = []

    class Kernel32:
        def SetConsoleCtrlHandler(self, callback: Any, add: int) -> int:
            registered.append((callback, add))
            return 1

    monkeypatch.setattr(system, "_console_watch", [])
    monkeypatch.setattr(system, "_interrupt_main", lambda number: None)
    system._watch_console_close(signal.SIGTERM, kernel32=Kernel32())
    system._watch_console_close(signal.SIGTERM, kernel32=Kernel32())
    assert len(registered) == 1
    callback, add = registered[0]
    assert add == 1
    assert callback(CTRL_C_EVENT) == 0  # not ours: Python's own handler turns it into Ctrl-C
    assert system._console_watch == [callback]


def test_a_busy_session_names_its_owner_written_past_the_locked_byte(tmp_path: Path) -> None:
    """Windows locks the lock file's first byte for reading too: the owner is written after it,
    so that a second window can say who has the session open on every system."""
    from limburglab.errors import SessionBusyError
    from limburglab.session.lock import SessionLock

    path = tmp_path / "s.yaml"
    with SessionLock(path) as lock:
        with lock.lock_path.open("rb") as handle:
            handle.seek(1)
            assert handle.read().decode("utf-8").startswith(f"pid {os.getpid()} · ")
        with pytest.raises(SessionBusyError) as caught:
            SessionLock(path).__enter__()
    assert f"is al geopend in een ander venster of proces (pid {os.getpid()} · " in str(
        caught.value
    )
    assert not lock.lock_path.exists()


# --- the resume command, as a session that stops says it --------------------------------------


def test_a_stopped_session_says_how_to_resume_in_the_users_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from limburglab.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "ronde 1").mkdir()
    args = ["run", "--plain", "--group", "G", "--leader", "L", "--organisation", "O"]
    args += ["--participants", "3", "--round", "1", "--date", "2026-11-29"]
    result = CliRunner().invoke(app, [*args, "--session", "ronde 1/groep g.yaml"], input="")
    assert result.exit_code == 1  # end of input after the session began
    command = system.shell_command(["limburglab", "resume", str(Path("ronde 1", "groep g.yaml"))])
    assert command in {
        "limburglab resume 'ronde 1/groep g.yaml'",  # POSIX
        'limburglab resume "ronde 1\\groep g.yaml"',  # Windows
    }
    assert f"  {command}\n" in result.stderr


# --- the rest of a paste ----------------------------------------------------------------------


@pytest.mark.posix  # select() waits on pipes only on POSIX
def test_input_waiting_on_posix_sees_bytes_on_their_way() -> None:
    read, write = os.pipe()
    try:
        assert system.input_waiting(read, 0.01, platform="linux") is False
        os.write(write, b"rest of the paste")
        assert system.input_waiting(read, 0.01, platform="darwin") is True
    finally:
        os.close(read)
        os.close(write)


@pytest.mark.posix
def test_input_waiting_on_a_closed_handle_is_no() -> None:
    read, write = os.pipe()
    os.close(read)
    os.close(write)
    assert system.input_waiting(read, 0.01, platform="linux") is False


def test_input_waiting_on_windows_is_no_without_waiting() -> None:
    read, write = os.pipe()
    try:
        os.write(write, b"x")
        assert system.input_waiting(read, 10, platform="win32") is False
    finally:
        os.close(read)
        os.close(write)


# --- how limburglab is started again ----------------------------------------------------------


def test_own_command_is_uv_run_when_started_by_uv_run() -> None:
    started_by_uv = {"UV": "/usr/bin/uv", "UV_RUN_RECURSION_DEPTH": "1", "VIRTUAL_ENV": "/x/.venv"}
    assert system.own_command(started_by_uv) == ["uv", "run", "limburglab"]
    assert system.shell_command([*system.own_command(started_by_uv), "resume", "s.yaml"]) == (
        "uv run limburglab resume s.yaml"
    )


def test_own_command_is_the_command_itself_otherwise() -> None:
    assert system.own_command({"VIRTUAL_ENV": "/x/.venv"}) == ["limburglab"]
    assert system.own_command({}) == ["limburglab"]
