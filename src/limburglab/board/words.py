"""The words on the board page, per language: served with the state, so the page holds none."""

from __future__ import annotations

NL: dict[str, str] = {
    "title": "Bord",
    "section_of": "Onderdeel {number} van {total}",
    "question_now": "Nu gevraagd",
    "nothing_yet": "Nog geen punten in dit onderdeel.",
    "over": "over tijd",
    "complete": "Sessie afgerond",
    "typing": "wordt getypt",
    "waiting": "Wachten op de sessie…",
    "no_sessions": "Nog geen sessies. Het bord vult zich zodra er sessiebestanden zijn.",
    "broken": "{file} is nu niet te lezen ({problem}). Het bord toont de laatste goede versie.",
    "left_out": "{file} is nu niet te lezen ({problem}) en staat nog niet op het bord.",
    "other_flow": "{file} hoort bij een andere flow ({flow}) en staat niet op het bord.",
    "offline": "Geen verbinding met limburglab; opnieuw verbinden…",
    "keys": "← → of PageUp/PageDown: ander onderdeel · T: licht/donker",
    "theme": "Licht of donker",
    "groups": "Groepen",
    "unfinished": "nog bezig",
    "place": "Plaats",
    "choice": "Keuze",
    "average": "Gem. positie",
    "points": "Punten",
    "dots": "Stippen",
    "empty_section": "Nog geen antwoorden in dit onderdeel.",
}

EN: dict[str, str] = {
    "title": "Board",
    "section_of": "Section {number} of {total}",
    "question_now": "Now asking",
    "nothing_yet": "No points in this section yet.",
    "over": "over",
    "complete": "Session complete",
    "typing": "being typed",
    "waiting": "Waiting for the session…",
    "no_sessions": "No sessions yet. The board fills as soon as there are session files.",
    "broken": "{file} cannot be read right now ({problem}). The board shows the last good version.",
    "left_out": "{file} cannot be read right now ({problem}) and is not on the board yet.",
    "other_flow": "{file} belongs to another flow ({flow}) and is not on the board.",
    "offline": "No connection to limburglab; reconnecting…",
    "keys": "← → or PageUp/PageDown: other section · T: light/dark",
    "theme": "Light or dark",
    "groups": "Groups",
    "unfinished": "in progress",
    "place": "Place",
    "choice": "Choice",
    "average": "Avg. position",
    "points": "Points",
    "dots": "Dots",
    "empty_section": "No answers in this section yet.",
}

CATALOGUES = {"nl": NL, "en": EN}


def words(language: str) -> dict[str, str]:
    """The page's words in `language` (Dutch for an unknown one)."""
    return CATALOGUES.get(language, NL)


def say(language: str, key: str, /, **values: object) -> str:
    text = words(language)[key]
    return text.format(**values) if values else text
