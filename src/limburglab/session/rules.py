"""Answer values: their shape per question type, and the flow's rules for them.

Answers are kept as in the session file: by section id, then question id. A list entry is a plain
string, or a mapping `{text: ..., <follow-up id>: ...}` when it has follow-up answers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from limburglab.flow import expressions
from limburglab.flow.model import (
    ChoiceQuestion,
    ConfirmQuestion,
    Flow,
    ListQuestion,
    MultiselectQuestion,
    NumberQuestion,
    ParagraphQuestion,
    Question,
    RankQuestion,
    ScaleQuestion,
    SelectQuestion,
    TextQuestion,
    VoteQuestion,
)
from limburglab.messages import t
from limburglab.session.display import number_text
from limburglab.session.tree import Answers, Loc, entry_context, format_loc
from limburglab.session.walker import Step, flat, steps

__all__ = ["Answers", "Loc", "check", "entry_context", "format_loc", "missing_required"]


def as_text(value: Any) -> str | None:
    """A scalar a hand-edited file may hold where text is meant (`2024`, `3.5`) as text."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


# --- rules for a single value -----------------------------------------------------------------


def check_text(question: TextQuestion | ParagraphQuestion, value: str) -> str | None:
    """The flow's message when a text does not match, else None."""
    if isinstance(question, TextQuestion) and "\n" in value:
        return t("answer.one_line")
    if question.pattern and value and not re.fullmatch(question.pattern, value):
        return question.message or t("answer.pattern", pattern=question.pattern)
    return None


def check_count(low: int | None, high: int | None, count: int) -> str | None:
    if low is not None and count < low:
        return t("answer.too_few", min=low)
    if high is not None and count > high:
        return t("answer.too_many", max=high)
    return None


def check_number(question: NumberQuestion | ScaleQuestion, value: float) -> str | None:
    if not usable_number(value):
        return t("answer.number_finite")
    if isinstance(question, ScaleQuestion) and value != int(value):
        return t("answer.whole_number")
    if question.min is not None and value < question.min:
        return t("answer.number_min", min=number_text(question.min))
    if question.max is not None and value > question.max:
        return t("answer.number_max", max=number_text(question.max))
    return None


def check_vote(question: VoteQuestion, votes: dict[str, int]) -> str | None:
    total = sum(votes.values())
    if total > question.budget:
        return t("answer.vote_budget", budget=question.budget, total=total)
    if question.max is not None and any(v > question.max for v in votes.values()):
        return t("answer.vote_max", max=question.max)
    if any(v < 0 for v in votes.values()):
        return t("answer.vote_negative")
    return None


#: The largest whole number every part of limburglab (averages, the PDF's JSON, spreadsheets)
#: holds exactly: 2**53.
LARGEST = 2**53


def usable_number(value: float) -> bool:
    """Whether a number is one a report can show: finite, and no larger than LARGEST."""
    if isinstance(value, int):
        return abs(value) <= LARGEST
    return math.isfinite(value)


# --- checking whole answers files --------------------------------------------------------------


def check(flow: Flow, answers: Any) -> list[tuple[Loc, str]]:
    """Every answer that breaks the flow's rules, as (location, message).

    Every answer present is checked for its question's shape, also where a `when` does not
    hold (such an answer stays in the file and returns when the condition holds again); the
    flow's other rules (choices, minimum, pattern) only where the question applies.
    """
    if not isinstance(answers, dict):
        return [((), t("answer.sections_mapping"))]
    problems: list[tuple[Loc, str]] = []
    for section_id, section_answers in answers.items():
        section = flow.section(str(section_id))
        if section is None:
            problems.append(((section_id,), t("answer.unknown_section", id=section_id)))
        elif not isinstance(section_answers, dict):
            problems.append(((section_id,), t("answer.section_mapping")))
        else:
            known = {q.id for q in section.questions}
            problems += [
                ((section_id, qid), t("answer.unknown_question", id=qid, section=section_id))
                for qid in section_answers
                if qid not in known
            ]
    if problems:
        return problems
    context = flat(answers)
    applicable = {step.loc for step in steps(flow, answers)}
    for section, question in flow.questions():
        loc: Loc = (section.id, question.id)
        value = answers.get(section.id, {}).get(question.id)
        if value is None:
            continue
        problems += _check_value(flow, question, value, context, loc, loc in applicable)
    return problems


def _check_value(
    flow: Flow, question: Question, value: Any, context: dict[str, Any], loc: Loc, applies: bool
) -> Iterator[tuple[Loc, str]]:
    """The value's shape; with `applies`, the question's rules too."""
    if isinstance(question, (TextQuestion, ParagraphQuestion)):
        text = as_text(value)
        if text is None:
            yield loc, t("answer.expected_text")
        elif applies and (message := check_text(question, text)):
            yield loc, message
    elif isinstance(question, ListQuestion):
        yield from _check_list(flow, question, value, context, loc, applies)
    elif isinstance(question, ConfirmQuestion):
        if not isinstance(value, bool):
            yield loc, t("answer.expected_bool")
    elif isinstance(question, (NumberQuestion, ScaleQuestion)):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            yield loc, t("answer.expected_number")
        elif not usable_number(value):  # also where the question does not apply now
            yield loc, t("answer.number_finite")
        elif applies and (message := check_number(question, value)):
            yield loc, message
    elif applies:
        yield from _check_choices(flow, question, value, context, loc)
    else:
        yield from _check_choice_shape(question, value, loc)


def _check_choice_shape(question: Question, value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """The shape of a choice answer whose question does not apply now."""
    if isinstance(question, SelectQuestion):
        if not isinstance(value, str):
            yield loc, t("answer.expected_text")
    elif isinstance(question, VoteQuestion):
        if not isinstance(value, dict) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value.values()
        ):
            yield loc, t("answer.expected_votes")
    elif not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        yield loc, t("answer.expected_list")


def _check_list(
    flow: Flow,
    question: ListQuestion,
    value: Any,
    context: dict[str, Any],
    loc: Loc,
    applies: bool,
) -> Iterator[tuple[Loc, str]]:
    if not isinstance(value, list):
        yield loc, t("answer.expected_list")
        return
    if applies and (message := check_count(question.min, question.max, len(value))):
        yield loc, message
    followups = {f.id: f for f in question.item}
    for index, entry in enumerate(value):
        where: Loc = (*loc, index)
        if as_text(entry) is not None:
            continue
        if not isinstance(entry, dict) or as_text(entry.get("text")) is None:
            yield where, t("answer.entry_shape")
            continue
        item_context = {**context, "item": entry_context(entry)}
        for key, answer in entry.items():
            if key == "text":
                continue
            followup = followups.get(str(key))
            if followup is None:
                yield (*where, key), t("answer.unknown_followup", id=key)
            elif answer is not None:
                inner_applies = applies and expressions.holds(followup.when, item_context)
                yield from _check_value(
                    flow, followup, answer, item_context, (*where, key), inner_applies
                )


def _check_choices(
    flow: Flow, question: ChoiceQuestion, value: Any, context: dict[str, Any], loc: Loc
) -> Iterator[tuple[Loc, str]]:
    choices = flow.choices(question, context)
    values = {choice.value for choice in choices}
    other = getattr(question, "other", False)

    def unknown(candidate: Any) -> bool:
        return not isinstance(candidate, str) or (candidate not in values and not other)

    options = ", ".join(c.value for c in choices)
    if isinstance(question, SelectQuestion):
        if unknown(value):
            yield loc, t("answer.unknown_choice", value=value, options=options)
    elif isinstance(question, (MultiselectQuestion, RankQuestion)):
        if not isinstance(value, list):
            yield loc, t("answer.expected_list")
            return
        for index, candidate in enumerate(value):
            if unknown(candidate):
                yield (*loc, index), t("answer.unknown_choice", value=candidate, options=options)
        if len(set(map(str, value))) != len(value):
            yield loc, t("answer.duplicate_choice")
        low = question.min if isinstance(question, MultiselectQuestion) else None
        if message := check_count(low, question.max, len(value)):
            yield loc, message
    elif isinstance(question, VoteQuestion):
        if not isinstance(value, dict) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value.values()
        ):
            yield loc, t("answer.expected_votes")
            return
        for key in value:
            if key not in values:
                yield (*loc, key), t("answer.unknown_choice", value=key, options=options)
        if message := check_vote(question, value):
            yield loc, message


def missing_required(flow: Flow, answers: Answers) -> list[Step]:
    """The required questions that apply but have no answer."""
    return [
        step
        for step in steps(flow, answers)
        if step.question.required and answers.get(step.section.id, {}).get(step.question.id) is None
    ]
