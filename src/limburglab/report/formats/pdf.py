"""PDF through Typst: the template reads the model as JSON from `sys.inputs`, so no answer is
ever parsed as markup, and the same input gives the same bytes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from limburglab.report.formats.jinja import _template_error
from limburglab.resources import data_dir

if TYPE_CHECKING:
    from limburglab.report.model import Report

TEMPLATE = "report.typ"

_TYPST_PLACE = re.compile(r"┌─ (.+?):(\d+):(\d+)")


def render(report: Report, template: Path | None = None) -> bytes:
    return pdf(report, template)


def pdf(report: Report, template: Path | None = None) -> bytes:
    import typst

    source = template or data_dir("templates") / TEMPLATE
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
