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
