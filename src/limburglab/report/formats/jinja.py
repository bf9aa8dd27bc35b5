"""Markdown and HTML through Jinja2, and the template errors that every format reports.

Templates only arrange the model; they compute nothing. Answer text is data in every format:
the `md` filter escapes it for Markdown, HTML is autoescaped, and the Typst template reads the
model as JSON from `sys.inputs`, so no answer is ever parsed as markup. Every template, the
bundled ones too, runs in Jinja2's sandbox with StrictUndefined.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from limburglab.errors import ReportError
from limburglab.messages import t
from limburglab.resources import data_dir

if TYPE_CHECKING:
    from limburglab.report.model import Report

TEMPLATES = {"md": "report.md.j2", "html": "report.html.j2"}

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_ORDERED_MARKER = re.compile(r"\d{1,9}(?=[.)])")


def markdown_escape(value: object) -> str:
    """Text that CommonMark shows literally, whatever it holds: `# kop`, `* ster`, `[x](y)`,
    backticks, `|`, `<script>`. Line breaks stay line breaks; blank lines separate paragraphs."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))
    first, *rest = escaped.replace("\r\n", "\n").split("\n")
    paragraphs: list[list[str]] = [[_block_start(re.sub(r"^\s+", " ", first.rstrip()))]]
    for line in rest:
        line = line.strip()
        if line:
            paragraphs[-1].append(_block_start(line))
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("\\\n".join(lines) for lines in paragraphs if lines)


def _block_start(line: str) -> str:
    """Escape what would start a list, a heading underline or a quote at the start of a line."""
    body = line.lstrip()
    lead = line[: len(line) - len(body)]
    marker = _ORDERED_MARKER.match(body)
    if marker:
        return lead + marker.group() + "\\" + body[marker.end() :]
    if body[:1] in ("-", "+", "="):
        return lead + "\\" + body
    return line


def jinja(report: Report, fmt: str, template: Path | None = None) -> str:
    from jinja2 import StrictUndefined, TemplateSyntaxError
    from jinja2.sandbox import SandboxedEnvironment

    from limburglab.report.formats.confine import FolderLoader, deadline

    folders = [data_dir("templates")]
    if template is not None:
        folders.insert(0, template.parent)
    from limburglab.flow.expressions import ExpressionLimit, check_binop

    class Sandbox(SandboxedEnvironment):
        """`*` and `**` checked before they compute: `"x" * 10**10` must not eat the memory
        (the time limit cannot stop a process that is busy allocating)."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            try:
                check_binop(operator, left, right)
            except ExpressionLimit:
                raise ExpressionLimit(t("report.template_too_big", operator=operator)) from None
            return super().call_binop(context, operator, left, right)

    env = Sandbox(
        loader=FolderLoader(folders),
        autoescape=fmt == "html",
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_escape
    name = template.name if template else TEMPLATES[fmt]
    try:
        with deadline():
            return env.get_template(name).render(report=report)
    except TemplateSyntaxError as exc:
        raise template_error(exc.filename, template, exc.lineno, exc.message) from None
    except ReportError:
        raise
    except Exception as exc:  # a template is code: any error in it is the template's
        filename, line = _template_frame(exc.__traceback__, folders)
        raise template_error(filename, template, line, str(exc) or type(exc).__name__) from None


def _template_frame(tb: TracebackType | None, folders: list[Path]) -> tuple[str | None, int]:
    """The template file and line where a rendering error happened (Jinja2 rewrites the
    traceback so that its frames point into the templates)."""
    found: tuple[str | None, int] = (None, 0)
    roots = [str(folder.resolve()) for folder in folders]
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if any(str(Path(filename).resolve()).startswith(root) for root in roots):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def template_error(
    filename: str | None, template: Path | None, line: int | str, reason: str | None
) -> ReportError:
    """`FILE:LINE: …`, with the user's own spelling of their template's path."""
    if template is not None and (
        filename is None or Path(filename).resolve() == template.resolve()
    ):
        filename = str(template)
    reason = (reason or "").rstrip(". ")
    return ReportError(t("report.template_error", path=filename or "?", line=line, reason=reason))
