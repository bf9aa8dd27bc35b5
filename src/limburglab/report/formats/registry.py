"""The registry of output formats: which formats there are, which suffix means which, and the
checks of `--format`, `-o` and `--template` together; `render` hands the model to a format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from limburglab.errors import UsageError
from limburglab.files import input_problem
from limburglab.messages import t
from limburglab.report.formats import csv, docx, html, markdown, pdf, xlsx

if TYPE_CHECKING:
    from limburglab.report.model import Report


class Renderer(Protocol):
    """A format: the whole document in memory, from the bundled template or the user's own."""

    def __call__(self, report: Report, template: Path | None = None) -> bytes: ...


FORMATS: dict[str, Renderer] = {
    "md": markdown.render,
    "html": html.render,
    "pdf": pdf.render,
    "docx": docx.render,
    "xlsx": xlsx.render,
    "csv": csv.render,
}
SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".csv": "csv",
}
#: Formats that are not text: never to a terminal.
BINARY = ("pdf", "docx", "xlsx")
#: The suffix a template must have, by format; formats not listed take no template.
TEMPLATE_SUFFIXES = {"md": None, "html": None, "pdf": ".typ", "docx": ".docx"}


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
    if chosen == "pdf" and not pdf.available():
        raise UsageError(t("report.pdf_unavailable"))
    if chosen in BINARY and output is None and sys.stdout.isatty():
        key = "report.pdf_to_terminal" if chosen == "pdf" else "report.binary_to_terminal"
        raise UsageError(t(key, format=chosen))
    if template is not None:
        _check_template(template, chosen)
    return chosen


def _check_template(template: Path, chosen: str) -> None:
    if chosen not in TEMPLATE_SUFFIXES:
        raise UsageError(t("report.template_not_for_sheet", format=chosen))
    if not template.exists():
        raise UsageError(t("report.template_missing", path=template))
    problem = input_problem(template)
    if problem:
        raise UsageError(t("report.template_unusable", path=template, reason=problem))
    suffix = template.suffix.lower()
    if chosen == "pdf" and suffix != ".typ":
        raise UsageError(t("report.template_for_pdf", path=template))
    if chosen == "docx" and suffix != ".docx":
        raise UsageError(t("report.template_for_docx", path=template))
    if chosen != "pdf" and suffix == ".typ":
        raise UsageError(t("report.template_not_pdf", path=template))
    if chosen != "docx" and suffix == ".docx":
        raise UsageError(t("report.template_not_docx", path=template))


def render(report: Report, fmt: str, template: Path | None = None) -> bytes:
    """The whole document in memory, so that a failure never leaves half a file."""
    return FORMATS[fmt](report, template)
