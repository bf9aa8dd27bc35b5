"""The rows that the spreadsheet formats (.xlsx and .csv) share: a header and one row per point.

The columns are the same in both formats and in the report's language; the leader's column is
left out when the report leaves names out (`--no-names`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from limburglab.messages import say

if TYPE_CHECKING:
    from limburglab.report.model import Report

Cell = str | int | float
COLUMNS = (
    "section",
    "question",
    "path",
    "parent",
    "value",
    "group",
    "round",
    "organisation",
    "leader",
    "session",
)
#: The first characters that make a spreadsheet read a cell as a formula (or a DDE command).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def columns(report: Report) -> list[str]:
    """The attribute names of `Point` that are shown, in order: the leader's column only when
    some group has a leader (`--no-names` empties them all)."""
    named = any(group.leader for group in report.groups)
    return [column for column in COLUMNS if column != "leader" or named]


def header(report: Report) -> list[str]:
    return [say(report.language, f"sheet.{column}") for column in columns(report)]


def rows(report: Report) -> list[list[Cell]]:
    """One list of cells per point; a missing round is an empty cell."""
    shown = columns(report)
    table: list[list[Cell]] = []
    for point in report.points:
        row: list[Cell] = []
        for column in shown:
            value = getattr(point, column)
            row.append("" if value is None else value)
        table.append(row)
    return table


def looks_like_formula(value: Cell) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)
