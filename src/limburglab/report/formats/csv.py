"""Every point as CSV: RFC 4180 (comma, double quotes, CRLF line ends) in UTF-8.

A byte order mark opens the file, so that Excel reads the accents and emoji as UTF-8. CSV has
no cell types: a text that starts like a formula (`=`, `+`, `-`, `@`) gets a leading `'`, the
usual way to keep a spreadsheet from running it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

from limburglab.report.formats.table import header, looks_like_formula, rows
from limburglab.text import without_controls

if TYPE_CHECKING:
    from limburglab.report.model import Report

BOM = "\ufeff"


def render(report: Report, template: Path | None = None) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header(report))
    for row in rows(report):
        cells = [without_controls(v) if isinstance(v, str) else v for v in row]
        writer.writerow([f"'{v}" if looks_like_formula(v) else v for v in cells])
    return (BOM + out.getvalue()).encode("utf-8")
