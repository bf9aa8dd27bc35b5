"""Every captured answer value as one flat row: what the spreadsheet formats list.

The merged report tells what the groups said together; these rows keep who said what, where
in the flow and in which session file, for counting and filtering in a spreadsheet. One row
per list entry (follow-ups beneath it get their own rows, with the entry as parent), per text,
per chosen value, per choice that received dots, per number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from limburglab.flow.model import (
    ConfirmQuestion,
    Flow,
    ListQuestion,
    MultiselectQuestion,
    NumberQuestion,
    ParagraphQuestion,
    Question,
    RankQuestion,
    ScaleQuestion,
    VoteQuestion,
    entry_text,
)
from limburglab.report.merge import Say
from limburglab.session.file import Session


@dataclass(frozen=True)
class Point:
    """One captured answer value and where it comes from."""

    section: str
    #: The question's label (its prompt when it has none).
    question: str
    #: Where the value sits in the session's answers: `drijfveren.drijfveren[1].effect`
    #: (list positions count from 1).
    path: str
    #: The text of the entry a follow-up answers, or the choice a number of dots went to.
    parent: str
    #: Text, or a number for number, scale and vote questions.
    value: str | int | float
    group: str
    round: int | None
    organisation: str
    #: Empty when the report leaves names out (`--no-names`).
    leader: str
    #: The session file, as it was given.
    session: str


def points(flow: Flow, sessions: list[Session], say: Say, *, names: bool = True) -> list[Point]:
    """The rows of all `sessions` (in report order), question by question in flow order."""
    rows: list[Point] = []
    for s in sessions:
        group = s.meta.group or (s.path.stem if s.path else "")
        leader = s.meta.leader if names else ""
        origin = (group, s.meta.round, s.meta.organisation, leader, str(s.path or ""))
        for section in flow.sections:
            answers = s.answers.get(section.id, {})
            for question in section.questions:
                if question.id in answers:
                    place = f"{section.id}.{question.id}"
                    for path, parent, title, value in _values(
                        question, answers[question.id], place, "", say
                    ):
                        rows.append(Point(section.title, title, path, parent, value, *origin))
    return rows


Row = tuple[str, str, str, "str | int | float"]


def _values(question: Question, value: Any, path: str, parent: str, say: Say) -> list[Row]:
    """(path, parent, question label, value) of one answer, follow-ups included."""
    title = question.title
    if value is None or value == "" or value == []:
        return []
    if isinstance(question, ListQuestion):
        rows: list[Row] = []
        for number, entry in enumerate(value if isinstance(value, list) else [value], start=1):
            text = entry_text(entry)
            here = f"{path}[{number}]"
            rows.append((here, parent, title, text))
            if isinstance(entry, dict):
                for followup in question.item:
                    if followup.id in entry:
                        rows += _values(
                            followup, entry[followup.id], f"{here}.{followup.id}", text, say
                        )
        return rows
    if isinstance(question, VoteQuestion) and isinstance(value, dict):
        return [
            (f"{path}.{choice}", str(choice), title, dots)
            for choice, dots in value.items()
            if isinstance(dots, int) and dots
        ]
    if isinstance(question, (MultiselectQuestion, RankQuestion)) and isinstance(value, list):
        return [
            (f"{path}[{number}]", parent, title, str(choice))
            for number, choice in enumerate(value, start=1)
        ]
    if isinstance(question, ConfirmQuestion) and isinstance(value, bool):
        return [(path, parent, title, say("report.yes" if value else "report.no"))]
    if isinstance(question, (NumberQuestion, ScaleQuestion)) and isinstance(value, (int, float)):
        return [(path, parent, title, value)]
    if isinstance(question, ParagraphQuestion):
        return [(path, parent, title, str(value).strip())]
    return [(path, parent, title, str(value))]
