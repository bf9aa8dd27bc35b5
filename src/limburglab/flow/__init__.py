"""The flow: a workshop's sections and questions, as facilitators write them in YAML.

`model` holds the dataclasses, `loading` finds, loads and caches flows, `validation` checks a
flow file (with pydantic, only when needed), `expressions` evaluates `when` and prompt templates,
and `outline` shows flows to facilitators.
"""

from limburglab.flow.loading import bundled_flows, check_file, load, resolve
from limburglab.flow.model import (
    QUESTION_TYPES,
    Choice,
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
    Section,
    SelectQuestion,
    TextQuestion,
    VoteQuestion,
    entry_text,
    format_seconds,
    parse_timebox,
)

__all__ = [
    "QUESTION_TYPES",
    "Choice",
    "ChoiceQuestion",
    "ConfirmQuestion",
    "Flow",
    "ListQuestion",
    "MultiselectQuestion",
    "NumberQuestion",
    "ParagraphQuestion",
    "Question",
    "RankQuestion",
    "ScaleQuestion",
    "Section",
    "SelectQuestion",
    "TextQuestion",
    "VoteQuestion",
    "bundled_flows",
    "check_file",
    "entry_text",
    "format_seconds",
    "load",
    "parse_timebox",
    "resolve",
]
