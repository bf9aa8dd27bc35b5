"""Writing user files so that a crash at any instant leaves the old or the new file, whole."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from limburglab import system
from limburglab.errors import WriteError
from limburglab.messages import t

#: The largest file limburglab reads: far beyond any flow, session or template, far below
#: what would fill the memory.
MAX_INPUT_BYTES = 5 * 1024 * 1024


def input_problem(path: Path, limit: int = MAX_INPUT_BYTES) -> str | None:
    """Why `path` cannot be read as an input file (missing, a folder, a device or pipe, too
    big), or None when it can."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return t("file.missing")
    except OSError as exc:
        return t("file.unreadable", reason=os_reason(exc))
    if stat.S_ISDIR(info.st_mode):
        return t("file.is_dir")
    if not stat.S_ISREG(info.st_mode):
        return t("file.not_regular")
    if info.st_size > limit:
        return t("file.too_big", size=megabytes(info.st_size), limit=megabytes(limit))
    return None


def read_input(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of an input file of at most `limit` bytes; OSError or ValueError (with the
    message to show) when it cannot be read."""
    problem = input_problem(path, limit)
    if problem:
        raise ValueError(problem)
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:  # it grew while we looked
        raise ValueError(t("file.too_big", size=megabytes(len(data)), limit=megabytes(limit)))
    return data


#: What the system's refusal means for the user, and what to do, by its error number (the
#: system's own text is English, and speaks of calls rather than of the user's files).
_REASONS = {
    "ENOSPC": "os.disk_full",
    "EDQUOT": "os.disk_full",
    "EFBIG": "os.disk_full",
    "EACCES": "os.no_permission",
    "EPERM": "os.no_permission",
    "EROFS": "os.read_only_disk",
    "EISDIR": "os.is_folder",
    "ENOENT": "os.no_folder",
    "ENOTDIR": "os.not_folder",
    "ENAMETOOLONG": "os.name_too_long",
    "EIO": "os.disk_error",
    "ENODEV": "os.disk_gone",
    "ENXIO": "os.disk_gone",
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, in the user's language, with what to do about it."""
    name = errno.errorcode.get(exc.errno or 0, "")
    key = _REASONS.get(name)
    if key is not None:
        return t(key)
    return t("os.other", code=name or exc.errno or "?", text=exc.strerror or exc)


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB".replace(".0 MB", " MB")


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write `data` to `path` via a temporary file in the same folder, fsync and rename.

    A symbolic link is written through: its target is replaced and the link stays.

    The new file keeps the old one's permissions (or gets the usual ones for a new file);
    any failure leaves `path` as it was and raises WriteError.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    if path.is_symlink():  # write through to the file the link points at, keep the link
        path = Path(os.path.realpath(path))
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = _mode_for(path)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            system.set_mode(handle.fileno(), temporary, mode)
            system.flush_file(handle.fileno())
        system.replace_file(temporary, path)
    except OSError as exc:
        if temporary:
            system.remove_file(temporary)
        if isinstance(exc, system.FileInUseError):
            raise WriteError(t("file.in_use", path=path)) from None
        if isinstance(exc, system.ReadOnlyFileError):
            raise WriteError(t("file.read_only", path=path)) from None
        raise WriteError(t("file.cannot_write", path=path, reason=os_reason(exc))) from None
    except BaseException:
        if temporary:
            system.remove_file(temporary)
        raise
    system.flush_folder(path.parent)


def _mode_for(path: Path) -> int:
    """The permissions of the file being replaced, or those of a new file under the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_in_place(path: Path, data: bytes, copy: Path) -> None:
    """Write `data` into the existing file at `path`, keeping the file itself: for a file with
    more than one name (a hard link), which a replace would split into an old and a new file.

    A copy of the new text is written and synced to `copy` first, and removed once the file
    holds the new text, so that a crash or a refusal halfway leaves the whole new text on disk
    (and whoever reads the file next can tell). Raises WriteError when the disk refuses.
    """
    try:
        with copy.open("wb") as handle:
            handle.write(data)
            handle.flush()
            system.flush_file(handle.fileno())
    except OSError as exc:  # the file is untouched: no copy is left to puzzle anyone
        system.remove_file(copy)
        raise WriteError(t("file.cannot_write", path=path, reason=os_reason(exc))) from None
    try:
        with path.open("r+b") as handle:
            handle.write(data)
            handle.truncate()
            handle.flush()
            system.flush_file(handle.fileno())
    except OSError as exc:  # the file may be cut off: the copy holds the whole text
        raise WriteError(t("file.cannot_write", path=path, reason=os_reason(exc))) from None
    copy.unlink(missing_ok=True)
