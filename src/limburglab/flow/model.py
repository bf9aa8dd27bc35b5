"""The flow: a workshop's sections and questions, as facilitators write them in YAML.

The model is plain dataclasses. Their annotations carry the format's rules (`Rule`), which
`limburglab.flow.validation` turns into a strict pydantic validator with located, friendly
errors. The model imports nothing from the validation: `limburglab.flow.loading` brings the two
together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from limburglab.messages import t
from limburglab.text import normalise

IDENTIFIER = r"^[A-Za-z_][A-Za-z0-9_]*$"
SLUG = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
#: Section ids are never names in expressions: they may be slugs (`look-back`) as well.
SECTION_ID = r"^[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*$"
#: Unit words a timebox may use, in Dutch and English, with their length in seconds.
TIMEBOX_UNITS = {
    **dict.fromkeys(("h", "u", "uur", "uren", "hour", "hours", "hr", "hrs"), 3600),
    **dict.fromkeys(("m", "min", "mins", "minuut", "minuten", "minute", "minutes"), 60),
    **dict.fromkeys(("s", "sec", "secs", "seconde", "seconden", "second", "seconds"), 1),
}
_TIMEBOX_PART = re.compile(r"(\d{1,6})\s*([a-z]+)\s*")
_CLOCK = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")


def parse_timebox(value: Any) -> Any:
    """`90s`, `10m`, `1h30m`, `15 minuten`, `1 uur` or whole minutes, as seconds."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(t("flow.timebox"))
    if isinstance(value, int):
        if not 0 < value <= 100_000:
            raise ValueError(t("flow.timebox"))
        return value * 60
    text = value.strip().lower()
    if _CLOCK.match(text):
        raise ValueError(t("flow.timebox_clock", value=value.strip()))
    total, position = 0, 0
    seen: list[int] = []
    for match in _TIMEBOX_PART.finditer(text):
        if match.start() != position or match.group(2) not in TIMEBOX_UNITS:
            break
        unit = TIMEBOX_UNITS[match.group(2)]
        if seen and unit >= seen[-1]:  # `1h30m`, never `30m1h` or `10m10m`
            break
        seen.append(unit)
        total += int(match.group(1)) * unit
        position = match.end()
    else:
        if seen and position == len(text) and total > 0:
            return total
    raise ValueError(t("flow.timebox"))


_UNIT_WORDS = "|".join(sorted(TIMEBOX_UNITS, key=lambda word: (-len(word), word)))
_TIMEBOX_SCHEMA = rf"^\s*(\d+\s*({_UNIT_WORDS}|{_UNIT_WORDS.upper()})\s*)+$"


def format_seconds(seconds: float) -> str:
    """Seconds as `1h30m`, `10m` or `90s`, the way a flow writes a timebox."""
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [
        f"{hours}h" if hours else "",
        f"{minutes}m" if minutes else "",
        f"{secs}s" if secs else "",
    ]
    return "".join(parts) or "0m"


def _choice_shorthand(value: Any) -> Any:
    return {"value": value} if isinstance(value, str) else value


def _text_version(value: Any) -> Any:
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


class Rule:
    """A rule of the format on one annotation, made into pydantic metadata only when validating.

    `field` takes the keywords of `pydantic.Field`; `before` normalises shorthand before the
    type is checked; `json_schema` replaces the generated schema; `hidden` leaves it out.
    """

    def __init__(
        self,
        *,
        before: Callable[[Any], Any] | None = None,
        json_schema: dict[str, Any] | None = None,
        hidden: bool = False,
        **field: Any,
    ) -> None:
        self.before = before
        self.json_schema = json_schema
        self.hidden = hidden
        self.field = field

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        import pydantic
        from pydantic.json_schema import SkipJsonSchema

        metadata: list[Any] = []
        if self.before:
            metadata.append(pydantic.BeforeValidator(self.before))
        if self.field:
            metadata.append(pydantic.Field(**self.field))
        if self.json_schema:
            metadata.append(pydantic.WithJsonSchema(self.json_schema))
        if self.hidden:
            metadata.append(SkipJsonSchema())  # type: ignore[type-arg]
        arguments = (source, *metadata)
        annotated = Annotated[arguments]  # type: ignore[valid-type]
        return handler.generate_schema(annotated)


# YAML reads `5` as a number and `yes` as true: the format wants each value as written.
Text = Annotated[str, Rule(strict=True)]
Flag = Annotated[bool, Rule(strict=True)]
Whole = Annotated[int, Rule(strict=True)]
Number = Annotated[float, Rule(strict=True)]
Identifier = Annotated[str, Rule(strict=True, pattern=IDENTIFIER)]
Count = Annotated[int | None, Rule(strict=True, ge=0)]
PositiveCount = Annotated[int | None, Rule(strict=True, ge=1)]
Timebox = Annotated[
    int | None,
    Rule(
        before=lambda value: None if value is None else parse_timebox(value),
        json_schema={
            "anyOf": [
                {"type": "integer", "minimum": 1, "description": "minutes"},
                {"type": "string", "pattern": _TIMEBOX_SCHEMA},
            ],
            "examples": ["10m", "1h30m", "90s", "15 minuten", "1 uur", 15],
        },
    ),
]
Version = Annotated[
    str, Rule(before=_text_version, strict=True, json_schema={"type": ["string", "number"]})
]
_CHOICE_SCHEMA = {
    "anyOf": [
        {"type": "string"},
        {
            "type": "object",
            "properties": {"value": {"type": "string"}, "label": {"type": "string"}},
            "required": ["value"],
            "additionalProperties": False,
        },
    ]
}
_CONFIG = {"extra": "forbid"}


@dataclass(kw_only=True)
class Choice:
    """One option of a select, multiselect, rank or vote question."""

    __pydantic_config__ = _CONFIG

    value: Text
    label: Text | None = None

    @property
    def text(self) -> str:
        return self.label or self.value


ChoiceEntry = Annotated[Choice, Rule(before=_choice_shorthand, json_schema=_CHOICE_SCHEMA)]
Choices = Annotated[list[ChoiceEntry] | None, Rule(min_length=1)]


@dataclass(kw_only=True)
class _Question:
    __pydantic_config__ = _CONFIG

    id: Identifier
    prompt: Text
    label: Text | None = None
    help: Text | None = None
    required: Flag = False
    when: Text | None = None

    @property
    def title(self) -> str:
        """The short name used in reports and reviews."""
        return self.label or self.prompt


@dataclass(kw_only=True)
class _Pattern(_Question):
    default: Text | None = None
    pattern: Annotated[Text | None, Rule(before=lambda value: _compiles(value))] = None
    message: Text | None = None


def _compiles(pattern: Any) -> Any:
    if isinstance(pattern, str):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(t("flow.bad_pattern", reason=str(exc))) from None
    return pattern


@dataclass(kw_only=True)
class TextQuestion(_Pattern):
    """One line of text."""

    type: Literal["text"]


@dataclass(kw_only=True)
class ParagraphQuestion(_Pattern):
    """Several lines of text, such as an elaboration or a conclusion."""

    type: Literal["paragraph"]


@dataclass(kw_only=True)
class ListQuestion(_Question):
    """Bullet points, one entry at a time, each with optional follow-up questions."""

    type: Literal["list"]
    default: list[Text] | None = None
    min: Count = None
    max: PositiveCount = None
    item: list[Question] = field(default_factory=list)


@dataclass(kw_only=True)
class _Choices(_Question):
    choices: Choices = None
    choices_from: Identifier | None = None


@dataclass(kw_only=True)
class SelectQuestion(_Choices):
    """One choice."""

    type: Literal["select"]
    default: Text | None = None
    other: Flag = False


@dataclass(kw_only=True)
class MultiselectQuestion(_Choices):
    """Any number of choices."""

    type: Literal["multiselect"]
    default: list[Text] | None = None
    other: Flag = False
    min: Count = None
    max: PositiveCount = None


@dataclass(kw_only=True)
class RankQuestion(_Choices):
    """The choices in order, most important first."""

    type: Literal["rank"]
    default: list[Text] | None = None
    max: PositiveCount = None


@dataclass(kw_only=True)
class VoteQuestion(_Choices):
    """Dot voting: distribute `budget` dots over the choices."""

    type: Literal["vote"]
    default: dict[Text, Whole] | None = None
    budget: Annotated[int, Rule(strict=True, ge=1)]
    max: PositiveCount = None


@dataclass(kw_only=True)
class ConfirmQuestion(_Question):
    """Yes or no."""

    type: Literal["confirm"]
    default: Flag | None = None


@dataclass(kw_only=True)
class NumberQuestion(_Question):
    """A number, optionally between `min` and `max`."""

    type: Literal["number"]
    default: Number | None = None
    min: Number | None = None
    max: Number | None = None


@dataclass(kw_only=True)
class ScaleQuestion(_Question):
    """A whole number from `min` to `max`."""

    type: Literal["scale"]
    default: Whole | None = None
    min: Whole
    max: Whole


Question = Annotated[
    TextQuestion
    | ParagraphQuestion
    | ListQuestion
    | SelectQuestion
    | MultiselectQuestion
    | RankQuestion
    | VoteQuestion
    | ConfirmQuestion
    | NumberQuestion
    | ScaleQuestion,
    Rule(discriminator="type"),
]
ChoiceQuestion = SelectQuestion | MultiselectQuestion | RankQuestion | VoteQuestion
QUESTION_TYPES: dict[str, type[_Question]] = {
    "text": TextQuestion,
    "paragraph": ParagraphQuestion,
    "list": ListQuestion,
    "select": SelectQuestion,
    "multiselect": MultiselectQuestion,
    "rank": RankQuestion,
    "vote": VoteQuestion,
    "confirm": ConfirmQuestion,
    "number": NumberQuestion,
    "scale": ScaleQuestion,
}


@dataclass(kw_only=True)
class Section:
    """A part of the workshop with its own timebox."""

    __pydantic_config__ = _CONFIG

    id: Annotated[str, Rule(strict=True, pattern=SECTION_ID)]
    title: Text
    intro: Text | None = None
    timebox: Timebox = None
    when: Text | None = None
    questions: Annotated[list[Question], Rule(min_length=1)]


@dataclass(kw_only=True)
class Flow:
    """A whole workshop."""

    __pydantic_config__ = _CONFIG

    id: Annotated[str, Rule(strict=True, pattern=SLUG)]
    title: Text
    version: Version
    language: Literal["nl", "en"] = "nl"
    description: Text | None = None
    sections: Annotated[list[Section], Rule(min_length=1)]
    #: A bundled flow's name, or the path the flow was loaded from.
    source: Annotated[str, Rule(hidden=True)] = field(default="", init=False, repr=False)
    sha256: Annotated[str, Rule(hidden=True)] = field(default="", init=False, repr=False)

    @property
    def total_timebox(self) -> int:
        return sum(section.timebox or 0 for section in self.sections)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def questions(self) -> Iterator[tuple[Section, Question]]:
        """Every top-level question, in order, with its section."""
        for section in self.sections:
            for question in section.questions:
                yield section, question

    def question(self, question_id: str) -> tuple[Section, Question] | None:
        return next(((s, q) for s, q in self.questions() if q.id == question_id), None)

    def choices(self, question: ChoiceQuestion, answers: dict[str, Any]) -> list[Choice]:
        """The question's choices; for `choices_from`, the earlier answers (flat by id)."""
        if question.choices is not None:
            return list(question.choices)
        earlier = answers.get(question.choices_from or "")
        found = self.question(question.choices_from or "")
        labels: dict[str, str] = {}
        if found and isinstance(found[1], MultiselectQuestion) and found[1].choices:
            labels = {c.value: c.text for c in found[1].choices}
        values = [entry_text(entry) for entry in earlier] if isinstance(earlier, list) else []
        # An entry named twice is one choice: two would split the votes for it.
        distinct: dict[str, str] = {}
        for value in values:
            if value.strip():
                distinct.setdefault(normalise(value), value)
        return [Choice(value=v, label=labels.get(v)) for v in distinct.values()]


def entry_text(entry: Any) -> str:
    """The text of a list entry, which is a string or a mapping with `text`."""
    if isinstance(entry, dict):
        return str(entry.get("text", ""))
    return str(entry)
