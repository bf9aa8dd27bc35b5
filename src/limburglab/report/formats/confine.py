"""What a facilitator's own template may see, and how long it may take.

A template may read files in its own folder (a logo, a partial template), but never a hidden
file (`.ssh/id_rsa`), never through a symlink that leaves the folder, never anything outside it.
Jinja2 templates load through `FolderLoader`; a Typst template is compiled in a folder of its
own that holds copies of only the files it names. Rendering stops after RENDER_SECONDS.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from jinja2 import BaseLoader, Environment, TemplateNotFound

from limburglab.errors import ReportError
from limburglab.files import input_problem, read_input
from limburglab.messages import t

#: How long rendering a report may take; a template that loops longer is stopped.
RENDER_SECONDS = 30.0
#: The files a Typst template may name (and the files they name, and so on).
MAX_FILES = 200

_STRING = re.compile(r'"((?:[^"\\\n]|\\.){1,400})"')


def allowed_file(folder: Path, name: str) -> Path:
    """The file `name` (relative, with `/`) inside `folder`, or ValueError saying why not."""
    parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".")]
    if name.startswith(("/", "\\")) or not parts or any(part.startswith(".") for part in parts):
        raise ValueError(t("report.template_file_forbidden", name=name))
    root = folder.resolve()
    real = folder.joinpath(*parts).resolve()
    if not real.is_relative_to(root) or any(
        part.startswith(".") for part in real.relative_to(root).parts
    ):
        raise ValueError(t("report.template_file_forbidden", name=name))
    problem = input_problem(real)
    if problem:
        raise ValueError(f"{name}: {problem}")
    return real


class FolderLoader(BaseLoader):
    """Jinja2 templates from a few folders, each confined as `allowed_file` says."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        for folder in self.folders:
            if not (folder / template).exists():
                continue
            try:
                path = allowed_file(folder, template)
                source = read_input(path).decode("utf-8")
            except (ValueError, OSError) as exc:
                raise TemplateNotFound(template, str(exc)) from None
            return source, str(folder / template), lambda: True
        forbidden = template.startswith(("/", ".")) or "/." in template or ".." in template
        if forbidden:
            raise TemplateNotFound(template, t("report.template_file_forbidden", name=template))
        raise TemplateNotFound(template)


def copy_named_files(template: Path, root: Path) -> Path:
    """Copy `template`, and every file of its folder that it names in a string (and so on), into
    `root`; return the copy of the template. A Typst template compiled there sees nothing else."""
    folder = template.parent
    target = root / template.name
    shutil.copyfile(allowed_file(folder, template.name), target)
    pending, done = [template.name], {template.name}
    while pending and len(done) <= MAX_FILES:
        name = pending.pop()
        text = (root / name).read_text("utf-8", errors="replace")
        base = Path(name).parent
        for match in _STRING.finditer(text):
            named = (base / match.group(1)).as_posix()
            if named in done or match.group(1).startswith(("@", "http")):
                continue
            try:
                source = allowed_file(folder, named)
            except ValueError:
                continue  # Typst says it cannot find it, naming the place in the template
            done.add(named)
            (root / named).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, root / named)
            if named.endswith(".typ"):
                pending.append(named)
    return target


class _Timeout(BaseException):
    """Not an Exception: a template's own error handling must not swallow it."""


@contextmanager
def deadline(seconds: float | None = None) -> Iterator[None]:
    """Stop the Python code inside after `seconds` with ReportError, on any system and from any
    thread: a timer thread raises `_Timeout` in the rendering thread, which sees it at its next
    step (as a signal handler would be seen; one long step in C, such as a huge string, is not
    cut short: the sandbox refuses those before they start)."""
    limit = RENDER_SECONDS if seconds is None else seconds
    rendering = threading.get_ident()
    guard = threading.Lock()
    state = {"done": False, "fired": False}

    def expire() -> None:
        with guard:
            if not state["done"]:
                state["fired"] = True
                _raise_in(rendering, _Timeout)

    timer = threading.Timer(limit, expire)
    timer.daemon = True
    timer.start()
    try:
        try:
            yield
        finally:
            timer.cancel()
            with guard:
                state["done"] = True
                if state["fired"]:
                    _raise_in(rendering, None)  # not raised yet: take it back
    except _Timeout:
        state["fired"] = True
    if state["fired"]:
        raise ReportError(t("report.template_timeout", seconds=f"{limit:g}")) from None


def _raise_in(thread: int, error: type[BaseException] | None) -> None:
    """Raise `error` in the thread with ident `thread` at its next step (None: no longer)."""
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread), ctypes.py_object(error) if error else None
    )
