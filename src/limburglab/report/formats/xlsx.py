"""A spreadsheet of every point (.xlsx) through openpyxl: a header row with filters, frozen
under the header, columns wide enough to read, and text that is never read as a formula."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from limburglab.report.formats.package import ZIP_EPOCH, fixed_zip
from limburglab.report.formats.table import header, looks_like_formula, rows

if TYPE_CHECKING:
    from limburglab.report.model import Report

#: Characters, not pixels: Excel's unit of column width.
MIN_WIDTH = 8
MAX_WIDTH = 60
#: Characters that XML 1.0 (and so openpyxl) cannot hold; left out rather than fail the report.
_NOT_XML = {code: None for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))}


def render(report: Report, template: Path | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    sheet = book.active
    sheet.title = report.words["points"][:31]
    titles = header(report)
    sheet.append(titles)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(text) for text in titles]
    for number, row in enumerate(rows(report), start=2):
        for column, value in enumerate(row, start=1):
            if isinstance(value, str):
                value = value.translate(_NOT_XML)
            cell = sheet.cell(row=number, column=column, value=value)
            if looks_like_formula(value):
                cell.data_type = "s"  # text as typed: `=1+1` stays `=1+1`, never a formula
            if isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            longest = max((len(line) for line in str(value).split("\n")), default=0)
            widths[column - 1] = max(widths[column - 1], longest)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(
            max(width + 2, MIN_WIDTH), MAX_WIDTH
        )
    last = get_column_letter(len(titles))
    sheet.auto_filter.ref = f"A1:{last}{max(sheet.max_row, 1)}"
    sheet.freeze_panes = "A2"
    moment = dt.datetime.fromtimestamp(max(report.timestamp, ZIP_EPOCH), dt.timezone.utc)
    book.properties.title = report.title
    book.properties.creator = ", ".join(report.organisers)
    book.properties.language = {"nl": "nl-NL", "en": "en-GB"}.get(report.language)
    book.properties.created = moment.replace(tzinfo=None)
    book.properties.modified = moment.replace(tzinfo=None)
    buffer = io.BytesIO()
    # Not `book.save`: it stamps the file with the time of saving, and the bytes would differ.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return fixed_zip(buffer.getvalue(), report.timestamp)
