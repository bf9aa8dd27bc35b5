"""The fonts the PDF is set in, and which characters they can draw.

Typst's own fonts draw Latin, Greek and Cyrillic. The Noto fonts of the `manimgx-fonts` package
(SIL Open Font License) add emoji, symbols and the scripts of Arabic, Hebrew, Armenian,
Georgian, Ethiopic, Thai, Lao, Khmer, Myanmar, Sinhala and the Indian scripts; both are pinned in
`pyproject.toml`. A character that no font draws would come out as an empty box, which Typst
does not report: `missing` finds such characters from a table of what the fonts draw
(`glyphs.txt`, made by `python -m limburglab.report.formats.glyphs` from the fonts themselves),
so that the report can warn about them.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from limburglab.messages import t

if TYPE_CHECKING:
    from limburglab.flow.model import Flow
    from limburglab.report.model import Report
    from limburglab.session.file import Session

TABLE = Path(__file__).with_name("glyphs.txt")

#: Characters that are not drawn themselves: spaces, controls, format characters (joiners,
#: direction isolates) and variation selectors.
_NOT_DRAWN = ("Cc", "Cf", "Zs", "Zl", "Zp", "Cs")
_VARIATION = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def font_paths() -> list[str]:
    """The folders Typst finds the added fonts in."""
    import manimgx_fonts

    return [str(Path(manimgx_fonts.__file__).parent)]


def missing(text: str) -> str:
    """The characters of `text` that no font of the PDF draws, each once, in order."""
    starts, ends = _table()
    seen: dict[str, None] = {}
    for char in text:
        if char.isascii() or char in seen:
            continue
        if unicodedata.category(char) in _NOT_DRAWN or _VARIATION.match(char):
            continue
        code = ord(char)
        place = bisect.bisect_right(starts, code) - 1
        if place < 0 or code > ends[place]:
            seen[char] = None
    return "".join(seen)


def warnings(flow: Flow, sessions: list[Session], report: Report) -> list[str]:
    """A warning per session that holds characters the PDF cannot draw, naming them and where
    they are (`drijfveren.drijfveren[2].effect`, `meta.group`); one more for such characters
    elsewhere in the report (the title, the event's introduction, the edits)."""
    from limburglab.report.merge import sayer
    from limburglab.report.points import points

    told: set[str] = set()
    found: dict[str, tuple[dict[str, None], dict[str, None]]] = {}

    def note(session: str, place: str, text: str) -> None:
        lacking = missing(text)
        if lacking:
            chars, places = found.setdefault(session, ({}, {}))
            chars.update(dict.fromkeys(lacking))
            places[place] = None
            told.update(lacking)

    for s in sessions:
        for field in ("group", "leader", "organisation"):
            note(str(s.path or ""), f"meta.{field}", str(getattr(s.meta, field) or ""))
    for row in points(flow, sessions, sayer(flow.language)):
        if isinstance(row.value, str):
            note(row.session, row.path, row.value)
    said = [
        t("report.pdf_missing", path=session, chars=describe("".join(chars)), places=", ".join(p))
        for session, (chars, p) in found.items()
    ]
    rest = "".join(
        char for char in missing("".join(_strings(report.as_dict()))) if char not in told
    )
    if rest:
        said.append(t("report.pdf_missing_elsewhere", chars=describe(rest)))
    return said


def _strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [text for value in data.values() for text in _strings(value)]
    if isinstance(data, list):
        return [text for value in data for text in _strings(value)]
    return []


def describe(chars: str) -> str:
    """`𒀀 (U+12000), 中 (U+4E2D)`: each character with its code point, for a message."""
    return ", ".join(f"{char} (U+{ord(char):04X})" for char in chars)


@cache
def _table() -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for line in TABLE.read_text("ascii").split():
        first, _, last = line.partition("-")
        starts.append(int(first, 16))
        ends.append(int(last or first, 16))
    return starts, ends


def measure() -> list[tuple[int, int]]:
    """The code points that Typst's embedded fonts and the added fonts draw, as ranges.

    Needs fontTools (a test dependency). Typst keeps its own fonts inside its library, as the
    font files they are; they are read from there.
    """
    import io

    import typst
    from fontTools.ttLib import TTFont

    drawn: set[int] = set()
    library = Path(typst.__file__).parent
    for binary in sorted(library.glob("_typst*")):
        data = binary.read_bytes()
        for start in re.finditer(rb"OTTO|\x00\x01\x00\x00", data):
            end = _font_end(data, start.start())
            if end is None:
                continue
            try:
                font = TTFont(io.BytesIO(data[start.start() : end]), lazy=True)
                drawn |= set(font.getBestCmap() or {})
            except Exception:  # not a font after all: these bytes only looked like a header
                continue
    for folder in font_paths():
        for path in sorted(Path(folder).glob("*.[ot]tf")):
            drawn |= set(TTFont(path, lazy=True).getBestCmap() or {})
    ranges: list[tuple[int, int]] = []
    for code in sorted(drawn):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def _font_end(data: bytes, start: int) -> int | None:
    """Where the font file that starts at `start` ends, from its table directory; None when
    the bytes there are no table directory."""
    tables = int.from_bytes(data[start + 4 : start + 6], "big")
    if not 5 < tables < 40:
        return None
    end = start
    for number in range(tables):
        record = data[start + 12 + 16 * number : start + 28 + 16 * number]
        if len(record) < 16 or not re.fullmatch(rb"[A-Za-z0-9/ ]{4}", record[:4]):
            return None
        offset = int.from_bytes(record[8:12], "big")
        length = int.from_bytes(record[12:16], "big")
        end = max(end, start + offset + length)
    return end if end <= len(data) else None


def table_text(ranges: list[tuple[int, int]]) -> str:
    lines = [f"{a:04X}" if a == b else f"{a:04X}-{b:04X}" for a, b in ranges]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    TABLE.write_text(table_text(measure()), "ascii")
