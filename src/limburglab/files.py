"""Writing user files so that a crash at any instant leaves the old or the new file, whole."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from limburglab.errors import WriteError
from limburglab.messages import t


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
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        raise WriteError(t("file.cannot_write", path=path, reason=exc.strerror or exc)) from None
    except BaseException:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def _mode_for(path: Path) -> int:
    """The permissions of the file being replaced, or those of a new file under the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
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
