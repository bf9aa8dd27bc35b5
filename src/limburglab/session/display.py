"""An answer in words, the same wherever it is shown: the live review, the board and the report.

A choice is shown by its label, never its value (`Appel`, not `a`); a text typed under "anders"
as typed; a number with the language's decimal sign (`7,5` in Dutch); yes or no in words; dot
votes as `label count`, the most first. Each caller passes the `say` of its language (the
report may speak another language than the tool), so that one answer reads the same in every
medium.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from limburglab.flow.model import ChoiceQuestion, ConfirmQuestion, Flow, Question
from limburglab.messages import t

Say = Callable[..., str]


def number_text(value: float, say: Say = t, *, places: int | None = None) -> str:
    """A number as people write it: `7`, `7,5` (Dutch) or `7.5`; `places` rounds (a mean)."""
    if places is not None:
        value = round(float(value), places)
    if float(value).is_integer():
        return str(int(value))
    text = f"{value:.{places}f}" if places is not None else repr(float(value))
    return text.replace(".", say("report.decimal_point"))


def choice_labels(flow: Flow, question: Question, context: dict[str, Any]) -> dict[Any, str]:
    """The labels of a choice question's choices by value (`context`: the answers, flat by id,
    for choices taken from an earlier answer); empty for other questions."""
    if isinstance(question, ChoiceQuestion):
        return {choice.value: choice.text for choice in flow.choices(question, context)}
    return {}


def answer_text(
    flow: Flow, question: Question, value: Any, context: dict[str, Any], say: Say = t
) -> str:
    """One answer that is not a list of points, as one line of words."""
    labels = choice_labels(flow, question, context)
    if isinstance(question, ConfirmQuestion) or isinstance(value, bool):
        return say("review.yes" if value else "review.no")
    if isinstance(value, list):
        return ", ".join(labels.get(item, str(item)) for item in value)
    if isinstance(value, dict):  # dots per choice: the most first, as on the board
        most_first = sorted(value.items(), key=lambda pair: -_count(pair[1]))
        return ", ".join(f"{labels.get(k, k)} {_plain(v, say)}" for k, v in most_first)
    return labels.get(value, _plain(value, say))


def _count(value: Any) -> float:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


def _plain(value: Any, say: Say) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number_text(value, say)
    return str(value)
