"""Markdown through Jinja2, with answer text escaped by the `md` filter."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from limburglab.report.formats.jinja import jinja

if TYPE_CHECKING:
    from limburglab.report.model import Report


def render(report: Report, template: Path | None = None) -> bytes:
    return jinja(report, "md", template).encode("utf-8")
