"""HTML through Jinja2 (autoescaped)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from limburglab.report.formats.jinja import jinja

if TYPE_CHECKING:
    from limburglab.report.model import Report


def render(report: Report, template: Path | None = None) -> bytes:
    return jinja(report, "html", template).encode("utf-8")
