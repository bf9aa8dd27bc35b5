"""The words on the board page, per language: served with the state, so the page holds none.

They live in the catalogues with the other words, as `page.<name>`.
"""

from __future__ import annotations

from limburglab import messages

NAMES = (
    "title",
    "section_of",
    "question_now",
    "nothing_yet",
    "over",
    "complete",
    "typing",
    "waiting",
    "no_sessions",
    "broken",
    "left_out",
    "other_flow",
    "offline",
    "keys",
    "theme",
    "groups",
    "unfinished",
    "place",
    "choice",
    "average",
    "points",
    "dots",
    "empty_section",
)


def words(language: str) -> dict[str, str]:
    """The page's words in `language` (Dutch for an unknown one)."""
    language = language if language in messages.LANGUAGES else "nl"
    return {name: messages.say(language, f"page.{name}") for name in NAMES}


def say(language: str, key: str, /, **values: object) -> str:
    language = language if language in messages.LANGUAGES else "nl"
    return messages.say(language, f"page.{key}", **values)
