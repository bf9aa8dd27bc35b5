"""Text rules shared by the flow, the sessions and the report."""

from __future__ import annotations

import re
import unicodedata
from typing import TextIO


def normalise(text: str) -> str:
    """The key under which two texts are the same point or choice: case, spaces and punctuation
    ignored; signs that carry meaning kept (`+`, `=`, `€`, `%`, `#`, `@`, `&`), so that
    "+ meer leden" and "- meer leden" or "C++" and "C" stay two points."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(c if c.isalnum() or _meaningful(c) else " " for c in folded)
    return " ".join(kept.split()) or text.strip()


def _meaningful(char: str) -> bool:
    return unicodedata.category(char).startswith("S") or char in "%#@&"


#: Control characters that mean nothing in a report and can do harm in a terminal (NUL, BEL,
#: ESC …): C0 but tab and line feed, DEL and C1.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Characters that change the direction of the text around them, and strong right-to-left
#: letters (Hebrew, Arabic and the like).
_BIDI = re.compile(
    "[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def without_controls(text: str) -> str:
    """Text without control characters (`\r\n` and `\r` as `\n`): for every output."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def for_output(text: str) -> str:
    """Text as a report shows it: control characters dropped (`\\r\\n` as `\\n`), and text
    that holds right-to-left letters or direction marks isolated, so that an unclosed
    right-to-left override can never reverse what follows it."""
    text = without_controls(text)
    if _BIDI.search(text):
        return FIRST_STRONG_ISOLATE + text + POP_DIRECTIONAL_ISOLATE
    return text


#: What Python makes of bytes that are not UTF-8 in an argument or on standard input
#: (`surrogateescape`), and halves of UTF-16 pairs from a wrongly set terminal: text that can
#: never be written to a file.
_NOT_UTF8 = re.compile("[\ud800-\udfff]")


class NotUtf8(ValueError):
    """A line or argument that holds bytes that are not UTF-8."""

    def __init__(self, shown: str) -> None:
        super().__init__(shown)
        #: The text with each such byte written as `\xff`.
        self.shown = shown


def check_utf8(text: str) -> str:
    """`text`, or NotUtf8 when it holds bytes that are not UTF-8 (as surrogate escapes)."""
    if _NOT_UTF8.search(text):
        raw = "".join(
            char.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            if "\udc80" <= char <= "\udcff"
            else char.encode("utf-8", "backslashreplace").decode("ascii")
            if "\ud800" <= char <= "\udfff"
            else char
            for char in text
        )
        raise NotUtf8(raw)
    return text


def read_line(stream: TextIO) -> str:
    """The next line of `stream` ('' at its end), read as bytes where the stream has them, so
    that a line that is not UTF-8 raises NotUtf8 whatever the stream's own error handling,
    and costs no more than that line."""
    raw = getattr(stream, "buffer", None)
    if raw is None:
        return check_utf8(stream.readline())
    data: bytes = raw.readline()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise NotUtf8(data.rstrip(b"\r\n").decode("utf-8", "backslashreplace")) from None
