"""Which question comes next: the order of the flow under its `when` conditions. No I/O."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from limburglab.flow import expressions
from limburglab.flow.model import Flow, Question, Section

Answers = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Step:
    """One top-level question in its section."""

    section: Section
    question: Question

    @property
    def path(self) -> str:
        return f"{self.section.id}.{self.question.id}"


def flat(answers: Answers) -> dict[str, Any]:
    """All answers by question id: the names `when` conditions and prompts use."""
    return {qid: value for section in answers.values() for qid, value in section.items()}


def steps(flow: Flow, answers: Answers) -> list[Step]:
    """The questions that apply, in order, given the answers so far."""
    context = flat(answers)
    return [
        Step(section, question)
        for section in flow.sections
        if expressions.holds(section.when, context)
        for question in section.questions
        if expressions.holds(question.when, context)
    ]


def _index(all_steps: list[Step], path: str | None) -> int | None:
    return next((i for i, step in enumerate(all_steps) if step.path == path), None)


def first(flow: Flow, answers: Answers) -> Step | None:
    applicable = steps(flow, answers)
    return applicable[0] if applicable else None


def after(flow: Flow, answers: Answers, path: str) -> Step | None:
    """The step after `path`, or None at the end of the flow."""
    applicable = steps(flow, answers)
    index = _index(applicable, path)
    if index is None:
        return first_open(flow, answers)
    return applicable[index + 1] if index + 1 < len(applicable) else None


def before(flow: Flow, answers: Answers, path: str) -> Step | None:
    """The step before `path`, or None at the very first question."""
    applicable = steps(flow, answers)
    index = _index(applicable, path)
    return applicable[index - 1] if index else None


def find(flow: Flow, answers: Answers, path: str | None) -> Step | None:
    """The step at `path` if it still applies."""
    applicable = steps(flow, answers)
    index = _index(applicable, path)
    return applicable[index] if index is not None else None


def first_open(flow: Flow, answers: Answers) -> Step | None:
    """The first question that applies and has no answer yet."""
    return next(
        (s for s in steps(flow, answers) if s.question.id not in answers.get(s.section.id, {})),
        None,
    )


def section_steps(flow: Flow, answers: Answers, section_id: str) -> list[Step]:
    return [step for step in steps(flow, answers) if step.section.id == section_id]
