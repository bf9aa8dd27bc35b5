"""PDF through Typst: the template reads the model as JSON from `sys.inputs`, so no answer is
ever parsed as markup, and the same input gives the same bytes.

The bundled template is compiled here. A facilitator's own template is compiled in a child
process, in a folder that holds copies of only the files it names (see `confine`), and the
child is stopped after `confine.RENDER_SECONDS`: Typst runs outside Python, where no alarm
reaches it.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from limburglab.errors import ReportError
from limburglab.messages import t
from limburglab.report.formats.glyphs import font_paths
from limburglab.report.formats.jinja import template_error
from limburglab.resources import data_dir

if TYPE_CHECKING:
    from limburglab.report.model import Report

TEMPLATE = "report.typ"

_TYPST_PLACE = re.compile(r"┌─ (.+?):(\d+):(\d+)")
_CHILD = "import sys; from limburglab.report.formats.pdf import _child; sys.exit(_child())"


def render(report: Report, template: Path | None = None) -> bytes:
    return pdf(report, template)


def available() -> bool:
    """Whether Typst is installed: it has no wheel for Windows on ARM or 32-bit Windows, where
    limburglab installs without it."""
    return importlib.util.find_spec("typst") is not None


def options(report: Report, root: Path) -> dict[str, Any]:
    """typst.compile's keywords: the data, the root the template may read, the fonts."""
    return {
        "root": str(root),
        "sys_inputs": {"report": json.dumps(report.as_dict(), ensure_ascii=False)},
        # Only the fonts inside typst and the pinned ones beside it: the same bytes on every
        # machine.
        "ignore_system_fonts": True,
        "font_paths": font_paths(),
        "timestamp": report.timestamp,
    }


def pdf(report: Report, template: Path | None = None) -> bytes:
    if template is None:
        source = data_dir("templates") / TEMPLATE
        return _compile(source, options(report, source.parent), None)
    from limburglab.report.formats.confine import RENDER_SECONDS, copy_named_files

    with tempfile.TemporaryDirectory(prefix="limburglab-") as folder:
        root = Path(folder)
        try:
            copy = copy_named_files(template, root)
        except ValueError as exc:
            raise template_error(str(template), template, 1, str(exc)) from None
        request = {"input": str(copy), **options(report, root)}
        try:
            done = subprocess.run(
                [sys.executable, "-c", _CHILD],
                input=json.dumps(request).encode("utf-8"),
                capture_output=True,
                timeout=RENDER_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired:
            seconds = f"{RENDER_SECONDS:g}"
            raise ReportError(t("report.template_timeout", seconds=seconds)) from None
        if done.returncode == 0:
            return done.stdout
        try:
            failure = json.loads(done.stderr.decode("utf-8"))
        except ValueError:
            failure = {"message": done.stderr.decode("utf-8", "replace").strip()}
        shown = _place(failure.get("diagnostic", ""), copy, root, template)
        raise template_error(shown[0], template, shown[1], failure.get("message", "")) from None


def _compile(source: Path, keywords: dict[str, Any], template: Path | None) -> bytes:
    import typst

    try:
        result: bytes = typst.compile(str(source), **keywords)
    except typst.TypstError as exc:
        diagnostic = getattr(exc, "diagnostic", "") or ""
        filename, line = _place(diagnostic, source, source.parent, template or source)
        raise template_error(filename, template, line, _message(exc)) from None
    return result


def _message(exc: Exception) -> str:
    return getattr(exc, "message", "") or str(exc)


def _place(diagnostic: str, source: Path, root: Path, shown_as: Path) -> tuple[str, str]:
    """The file and line a Typst diagnostic names, as the user knows that file."""
    place = _TYPST_PLACE.search(diagnostic or "")
    if not place:
        return str(shown_as), "1"
    named = Path(place.group(1))
    if not named.is_absolute():  # Typst names a file relative to the working directory
        named = _working_directory() / named
    try:
        relative = named.resolve().relative_to(root.resolve())
        filename = str(shown_as.parent / relative)
    except ValueError:
        filename = str(named)
    return filename, f"{place.group(2)}:{place.group(3)}"


def _working_directory() -> Path:
    """The folder Typst names files relative to (the child runs in ours)."""
    try:
        return Path.cwd()
    except OSError:  # removed while we ran: Typst could only have named files absolutely
        return Path("/")


def _child() -> int:
    """Compile the request on standard input; the PDF to standard output, or the error as JSON
    to standard error."""
    import typst

    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    source = request.pop("input")
    try:
        result = typst.compile(source, **request)
    except typst.TypstError as exc:
        failure = {"message": _message(exc), "diagnostic": getattr(exc, "diagnostic", "") or ""}
        sys.stderr.write(json.dumps(failure))
        return 3
    sys.stdout.buffer.write(result)
    return 0
