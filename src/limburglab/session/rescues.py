"""Rescue copies: a session that could not be saved where it lives was written elsewhere
(`Session.rescue`, or beside it when the file was changed meanwhile); the next `resume` of that
session offers the copy, and takes its answers over only when the leader says so.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from limburglab.errors import LimburglabError
from limburglab.flow import Flow, ListQuestion
from limburglab.session import tree
from limburglab.session.file import Session, load, rescue_folders


def moment(stamp: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(stamp)
    except ValueError:
        return None


def find(session: Session) -> list[Session]:
    """Copies of this session (the same flow, start and group) written later than the session
    file itself, newest first: rescue copies, and the file beside it that the session went on
    in when the session file was changed by someone else meanwhile."""
    if session.path is None:
        return []
    own = moment(session.updated_at)
    name = session.path.name
    found: list[tuple[dt.datetime, Session]] = []
    for folder in [*rescue_folders(), session.path.parent]:  # (beside: a file changed meanwhile)
        for path in sorted(folder.glob(f"{Path(name).stem}.*{Path(name).suffix}")):
            copy = _read(path)
            if copy is None or not _same(session, copy):
                continue
            written = moment(copy.updated_at)
            if written is not None and (own is None or _later(written, own)):
                found.append((written, copy))
    return [copy for _, copy in sorted(found, key=lambda pair: _key(pair[0]), reverse=True)]


def _read(path: Path) -> Session | None:
    try:
        return load(path)
    except (LimburglabError, OSError):
        return None


def _same(session: Session, copy: Session) -> bool:
    return (
        copy.flow.id == session.flow.id
        and copy.started_at == session.started_at
        and copy.meta.group == session.meta.group
    )


def _key(when: dt.datetime) -> float:
    return when.timestamp() if when.tzinfo else when.replace(tzinfo=dt.timezone.utc).timestamp()


def _later(one: dt.datetime, other: dt.datetime) -> bool:
    return _key(one) > _key(other)


def merge(session: Session, copy: Session, flow: Flow) -> None:
    """Take the rescue copy's answers over: its answer wins where both have one, an answer only
    the session has stays, and a list keeps the entries of both (the copy's first, then those
    of the session that the copy does not have). Places left empty, the draft (when the session
    has none) and the time spent come along."""
    lists = {(s.id, q.id) for s, q in flow.questions() if isinstance(q, ListQuestion)}
    for section_id, answers in copy.answers.items():
        for question_id, value in answers.items():
            mine = session.get(section_id, question_id)
            if (section_id, question_id) in lists:
                value = _entries(value, mine)
            session.put(section_id, question_id, value)
    session.skipped |= {loc for loc in copy.skipped if tree.get(session.answers, loc) is None}
    if session.draft is None:
        session.draft = copy.draft
    for section_id, timing in copy.timing.items():
        own = session.timing.setdefault(section_id, dict(timing))
        own["actual"] = max(own.get("actual", 0), timing.get("actual", 0))


def _entries(theirs: Any, mine: Any) -> Any:
    if isinstance(theirs, list) and isinstance(mine, list):
        texts = {tree.entry_text(entry) for entry in theirs if isinstance(entry, (str, dict))}
        extra = [
            entry
            for entry in mine
            if not isinstance(entry, (str, dict)) or tree.entry_text(entry) not in texts
        ]
        return [*theirs, *extra]
    return theirs
