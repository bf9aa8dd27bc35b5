"""Rendering the report model: Markdown and HTML through Jinja2, PDF through Typst.

Templates only arrange the model; they compute nothing. Answer text is data in every format:
the `md` filter escapes it for Markdown, HTML is autoescaped, and the Typst template reads the
model as JSON from `sys.inputs`, so no answer is ever parsed as markup. Every template, the
bundled ones too, runs in Jinja2's sandbox with StrictUndefined.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from types import TracebackType

from limburglab.errors import ReportError, UsageError
from limburglab.files import write_atomic
from limburglab.messages import t
from limburglab.report import Report
from limburglab.resources import data_dir

FORMATS = ("md", "html", "pdf")
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}
TEMPLATES = {"md": "report.md.j2", "html": "report.html.j2", "pdf": "report.typ"}

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_ORDERED_MARKER = re.compile(r"\d{1,9}(?=[.)])")
_TYPST_PLACE = re.compile(r"┌─ (.+?):(\d+):(\d+)")


def output_format(output: Path | None, fmt: str | None, template: Path | None) -> str:
    """The format to write: `--format`, else the suffix of `-o`, else Markdown (to stdout)."""
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(t("report.unknown_format", format=fmt))
    from_suffix = SUFFIXES.get(output.suffix.lower()) if output else None
    if fmt and from_suffix and fmt != from_suffix:
        raise UsageError(t("report.format_conflict", format=fmt, path=output))
    chosen = fmt or from_suffix or ("md" if output is None else None)
    if chosen is None:
        raise UsageError(t("report.unknown_suffix", path=output))
    if chosen == "pdf" and output is None and sys.stdout.isatty():
        raise UsageError(t("report.pdf_to_terminal"))
    if template is not None:
        if not template.is_file():
            raise UsageError(t("report.template_missing", path=template))
        if chosen == "pdf" and template.suffix != ".typ":
            raise UsageError(t("report.template_for_pdf", path=template))
        if chosen != "pdf" and template.suffix == ".typ":
            raise UsageError(t("report.template_not_pdf", path=template))
    return chosen


def render(report: Report, fmt: str, template: Path | None = None) -> bytes:
    """The whole document in memory, so that a failure never leaves half a file."""
    if fmt == "pdf":
        return pdf(report, template)
    return jinja(report, fmt, template).encode("utf-8")


def write(data: bytes, output: Path | None) -> None:
    """Write atomically to `output`, or to standard output."""
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomic(output, data)


# --- Markdown and HTML -------------------------------------------------------------------------


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
    from jinja2 import FileSystemLoader, StrictUndefined, TemplateSyntaxError
    from jinja2.sandbox import SandboxedEnvironment

    folders = [data_dir("templates")]
    if template is not None:
        folders.insert(0, template.parent)
    env = SandboxedEnvironment(
        loader=FileSystemLoader(folders),
        autoescape=fmt == "html",
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_escape
    name = template.name if template else TEMPLATES[fmt]
    try:
        return env.get_template(name).render(report=report)
    except TemplateSyntaxError as exc:
        raise _template_error(exc.filename, template, exc.lineno, exc.message) from None
    except Exception as exc:  # a template is code: any error in it is the template's
        filename, line = _template_frame(exc.__traceback__, folders)
        raise _template_error(filename, template, line, str(exc) or type(exc).__name__) from None


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


def _template_error(
    filename: str | None, template: Path | None, line: int | str, reason: str | None
) -> ReportError:
    """`FILE:LINE: …`, with the user's own spelling of their template's path."""
    if template is not None and (
        filename is None or Path(filename).resolve() == template.resolve()
    ):
        filename = str(template)
    reason = (reason or "").rstrip(". ")
    return ReportError(t("report.template_error", path=filename or "?", line=line, reason=reason))


# --- PDF ---------------------------------------------------------------------------------------


def pdf(report: Report, template: Path | None = None) -> bytes:
    import typst

    source = template or data_dir("templates") / TEMPLATES["pdf"]
    data = json.dumps(report.as_dict(), ensure_ascii=False)
    try:
        result: bytes = typst.compile(
            str(source),
            sys_inputs={"report": data},
            # Only the fonts inside typst: the same bytes on every machine.
            ignore_system_fonts=True,
            timestamp=report.timestamp,
        )
    except typst.TypstError as exc:
        place = _TYPST_PLACE.search(getattr(exc, "diagnostic", "") or "")
        filename = _typst_file(place.group(1), source) if place else str(source)
        line = f"{place.group(2)}:{place.group(3)}" if place else "1"
        message = getattr(exc, "message", "") or str(exc)
        raise _template_error(filename, template, line, message) from None
    return result


def _typst_file(shown: str, source: Path) -> str:
    """Typst names the file relative to the working folder (or to the template's folder)."""
    return shown if Path(shown).exists() else str(source.parent / shown)
