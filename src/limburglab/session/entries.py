"""Changing a session's answers: the one way the live session changes them.

Each function changes the answer tree (see `tree`) and keeps the session's records of places in
step with it (the places left empty, the draft), so that an entry that moves takes its skips and
its draft along, and one that goes takes them with it.
"""

from __future__ import annotations

from typing import Any

from limburglab.session import tree
from limburglab.session.file import Session
from limburglab.session.tree import Loc


def answer(session: Session, loc: Loc, value: Any) -> None:
    """Set the answer at `loc` (a question or a follow-up, never an entry); None removes it."""
    tree.put(session.answers, loc, value)


def set_text(session: Session, entry_loc: Loc, text: str) -> None:
    """Set the text of an entry, keeping its follow-ups (past the end: a new entry)."""
    tree.put_entry(session.answers, entry_loc, text)


def insert(session: Session, list_loc: Loc, index: int, texts: list[str]) -> None:
    """New entries before `index` (at the end when it is the list's length)."""
    length = len(tree.entries(session.answers, list_loc))
    session.renumber(list_loc, tree.shift(length, inserted=(index, len(texts))))
    tree.insert_entries(session.answers, list_loc, index, texts)


def delete(session: Session, list_loc: Loc, index: int) -> Any:
    """Take out the entry at `index` with all its follow-up answers; the entry taken out."""
    length = len(tree.entries(session.answers, list_loc))
    session.renumber(list_loc, tree.shift(length, deleted=index))
    return tree.delete_entry(session.answers, list_loc, index)


def move(session: Session, list_loc: Loc, source: int, target: int) -> None:
    length = len(tree.entries(session.answers, list_loc))
    session.renumber(list_loc, tree.shift(length, moved=(source, target)))
    tree.move_entry(session.answers, list_loc, source, target)


def nested_count(entry: Any) -> int:
    """How many answers hang under an entry: its follow-up answers, and the entries of its
    follow-up lists with all that hangs under them."""
    if not isinstance(entry, dict):
        return 0
    count = 0
    for key, value in entry.items():
        if key == "text":
            continue
        if isinstance(value, list):
            count += sum(1 + nested_count(sub) for sub in value)
        elif value is not None:
            count += 1
    return count
