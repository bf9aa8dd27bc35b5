"""The event file: what a report says about the workshop as a whole.

Optional, and written by the secretary: the programme, the organisers, when and where, how many
rounds and subgroups there were, and free intro text. A folder of session files may hold one as
`event.yaml`; it is then used without `--event`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from limburglab import yamlsource
from limburglab.errors import Problem, ProblemsError
from limburglab.messages import t

#: The name an event file has in a folder of session files.
FILE_NAMES = ("event.yaml", "event.yml")
#: Far beyond any workshop: a larger number is a typing error, not an event.
MAX_ROUNDS = 100
MAX_SUBGROUPS = 1000
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
KEYS = ("programme", "organisers", "date", "place", "rounds", "subgroups", "intro")


class EventFileError(ProblemsError):
    """An event file cannot be loaded."""


@dataclass
class Event:
    """The workshop as a whole; every field is optional."""

    programme: str = ""
    organisers: list[str] = field(default_factory=list)
    date: str = ""
    place: str = ""
    rounds: int | None = None
    #: The number of subgroups in each round, in order.
    subgroups: list[int] = field(default_factory=list)
    intro: str = ""


def load(path: Path) -> Event:
    """Load and check an event file, or raise EventFileError with every problem in it."""
    doc = yamlsource.load(path, EventFileError)
    if not isinstance(doc.data, dict):
        raise EventFileError([doc.problem((), t("event.not_mapping"))])
    event = Event()
    problems: list[Problem] = []
    for key, value in doc.data.items():
        if value is None:
            continue
        problem = _set(event, key, value)
        if problem:
            problems.append(doc.problem((key,), problem, key=key not in KEYS))
    if event.rounds and len(event.subgroups) == 1:
        event.subgroups *= event.rounds  # one number: the same in every round
    if not problems and event.rounds and event.subgroups and len(event.subgroups) != event.rounds:
        message = t("event.rounds_mismatch", count=len(event.subgroups), rounds=event.rounds)
        problems.append(doc.problem(("subgroups",), message, key=False))
    if problems:
        raise EventFileError(problems, t("event.fix_and_retry", path=path))
    return event


def _set(event: Event, key: Any, value: Any) -> str | None:
    """Store one key's value on `event`, or return what is wrong with it."""
    if key in ("programme", "place", "intro", "date"):
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return t("event.text", key=key)
        text = str(value).strip()
        if key == "date" and _ISO_DATE.match(text):
            try:
                dt.date.fromisoformat(text)
            except ValueError:
                return t("event.bad_date", date=text)
        setattr(event, key, text)
    elif key == "organisers":
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            return t("event.names", key=key)
        event.organisers = [n.strip() for n in names]
    elif key == "rounds":
        if not _positive(value):
            return t("event.count", key=key)
        if value > MAX_ROUNDS:
            return t("event.too_many", key=key, limit=MAX_ROUNDS)
        event.rounds = int(value)
    elif key == "subgroups":
        counts = [value] if _positive(value) else value
        if not isinstance(counts, list) or not counts or not all(map(_positive, counts)):
            return t("event.counts", key=key)
        if len(counts) > MAX_ROUNDS or max(counts) > MAX_SUBGROUPS:
            return t("event.too_many", key=key, limit=f"{MAX_ROUNDS} × {MAX_SUBGROUPS}")
        event.subgroups = [int(count) for count in counts]
    else:
        return t("event.unknown_key", key=key, keys=", ".join(KEYS))
    return None


def _positive(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0
