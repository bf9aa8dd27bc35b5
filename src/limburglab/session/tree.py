"""The answers as a tree: read or change the one place a location names.

Answers are kept as in the session file: by section id, then question id. A list is a list of
entries; an entry is a plain string, or a mapping `{text: ..., <follow-up id>: ...}` once it has
follow-up answers. A location (`Loc`) walks that tree: `("voorwaarden", "voorwaarden", 1,
"toelichting")` is the toelichting of the second voorwaarde; written as a path it reads
`voorwaarden.voorwaarden[1].toelichting` (entries count from 0).
"""

from __future__ import annotations

import re
from typing import Any

from limburglab.flow.model import entry_text

__all__ = ["Answers", "Loc", "entry_context", "entry_text", "format_loc", "get", "parse_loc"]

Answers = dict[str, dict[str, Any]]
Loc = tuple[str | int, ...]

_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def format_loc(loc: Loc) -> str:
    """`('drijfveren', 'drijfveren', 2, 'effect')` as `drijfveren.drijfveren[2].effect`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def parse_loc(path: str) -> Loc | None:
    """The inverse of `format_loc`; None for text that is no location."""
    parts: list[str | int] = []
    position = 0
    while position < len(path):
        match = _PART.match(path, position)
        if match is None or (match.group(2) and parts and not match.group(0).startswith(".")):
            return None
        parts.append(int(match.group(1)) if match.group(1) is not None else match.group(2))
        position = match.end()
    if len(parts) < 2 or not all(isinstance(p, str) for p in parts[:2]):
        return None
    return tuple(parts)


def entry_context(entry: Any) -> dict[str, Any]:
    """A list entry as `item` in follow-up conditions and prompts."""
    return dict(entry) if isinstance(entry, dict) else {"text": str(entry)}


def get(answers: Answers, loc: Loc) -> Any:
    """The value at `loc` (an entry for a location that ends in an index), or None."""
    node: Any = answers.get(str(loc[0]), {})
    for part in loc[1:]:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return None
            node = node[part]
        else:
            if not isinstance(node, dict):
                return None
            node = node.get(part)
    return node


def entries(answers: Answers, list_loc: Loc) -> list[Any]:
    """The entries of the list at `list_loc` (empty when it has none)."""
    value = get(answers, list_loc)
    return value if isinstance(value, list) else []


def put(answers: Answers, loc: Loc, value: Any) -> None:
    """Set the answer at `loc` (a question, never an entry); None removes it.

    An entry that gets its first follow-up answer becomes a mapping; one that loses its last
    becomes a plain string again. An empty section disappears.
    """
    if len(loc) == 2:
        section_id, question_id = str(loc[0]), str(loc[1])
        section = answers.setdefault(section_id, {})
        if _empty(value):
            section.pop(question_id, None)
            if not section:
                del answers[section_id]
        else:
            section[question_id] = value
        return
    key = str(loc[-1])

    def with_followup(entry: Any) -> Any:
        changed = entry_context(entry)
        if _empty(value):
            changed.pop(key, None)
        else:
            changed[key] = value
        return changed if len(changed) > 1 else changed["text"]

    _change_entry(answers, loc[:-1], with_followup)


def put_entry(answers: Answers, loc: Loc, text: str) -> None:
    """Set the text of the entry at `loc`, keeping its follow-ups; the index just past the end
    adds an entry."""
    list_loc, index = loc[:-1], loc[-1]
    assert isinstance(index, int)
    current = entries(answers, list_loc)
    if index >= len(current):
        _set_list(answers, list_loc, [*current, text])
        return
    _change_entry(
        answers, loc, lambda entry: {**entry, "text": text} if isinstance(entry, dict) else text
    )


def _change_entry(answers: Answers, entry_loc: Loc, change: Any) -> None:
    """Replace the entry at `entry_loc` by `change(entry)`.

    Every list and entry on the way is a new object, so an entry object never changes in place:
    the session's writer keeps the YAML of entries it has seen (see `file.Session.save`).
    """
    list_loc, index = entry_loc[:-1], entry_loc[-1]
    current = list(entries(answers, list_loc))
    assert isinstance(index, int) and index < len(current), f"no entry at {entry_loc}"
    current[index] = change(current[index])
    put(answers, list_loc, current)


def insert_entries(answers: Answers, list_loc: Loc, index: int, texts: list[str]) -> None:
    """Insert new entries before `index` (at the end when it is the list's length)."""
    current = entries(answers, list_loc)
    _set_list(answers, list_loc, [*current[:index], *texts, *current[index:]])


def delete_entry(answers: Answers, list_loc: Loc, index: int) -> Any:
    """Remove and return the entry at `index`; an emptied list is no answer."""
    current = list(entries(answers, list_loc))
    removed = current.pop(index)
    _set_list(answers, list_loc, current)
    return removed


def move_entry(answers: Answers, list_loc: Loc, source: int, target: int) -> None:
    current = list(entries(answers, list_loc))
    current.insert(target, current.pop(source))
    _set_list(answers, list_loc, current)


def _set_list(answers: Answers, list_loc: Loc, value: list[Any]) -> None:
    put(answers, list_loc, value or None)


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == "" or value == {}


# --- keeping locations in step with a list whose entries move ---------------------------------


def renumber(locs: set[Loc], list_loc: Loc, mapping: dict[int, int | None]) -> set[Loc]:
    """`locs` after the entries of the list at `list_loc` moved: index `old` becomes
    `mapping[old]` (None: deleted, and every location inside it goes). Indices not in
    `mapping` stay."""
    depth = len(list_loc)
    result: set[Loc] = set()
    for loc in locs:
        if len(loc) <= depth or loc[:depth] != list_loc or not isinstance(loc[depth], int):
            result.add(loc)
            continue
        old = loc[depth]
        assert isinstance(old, int)
        new = mapping.get(old, old)
        if new is not None:
            result.add((*list_loc, new, *loc[depth + 1 :]))
    return result


def shift(
    length: int,
    *,
    deleted: int | None = None,
    inserted: tuple[int, int] | None = None,
    moved: tuple[int, int] | None = None,
) -> dict[int, int | None]:
    """The index mapping of one list change over a list of `length` entries (the index
    `length` itself, the add-an-entry place, moves along)."""
    order = list(range(length + 1))
    if deleted is not None:
        return {old: (None if old == deleted else old - (old > deleted)) for old in order}
    if inserted is not None:
        at, count = inserted
        return {old: old + count if old >= at else old for old in order}
    assert moved is not None
    source, target = moved
    items = list(range(length))
    items.insert(target, items.pop(source))
    mapping: dict[int, int | None] = {old: new for new, old in enumerate(items)}
    mapping[length] = length
    return mapping
