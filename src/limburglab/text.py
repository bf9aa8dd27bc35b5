"""Text rules shared by the flow, the sessions and the report."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """The key under which two texts are the same point or choice: case, spaces and punctuation
    ignored."""
    key = _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()
    return key or text.strip()


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


def for_output(text: str) -> str:
    """Text as a report shows it: control characters dropped (`\\r\\n` as `\\n`), and text
    that holds right-to-left letters or direction marks isolated, so that an unclosed
    right-to-left override can never reverse what follows it."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if _BIDI.search(text):
        return FIRST_STRONG_ISOLATE + text + POP_DIRECTIONAL_ISOLATE
    return text
