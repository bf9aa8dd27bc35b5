"""The flow: a workshop's sections and questions, as facilitators write them in YAML.

Loading is strict (unknown keys are errors) and every problem is reported with the file, line and
column of the key or value that causes it, all at once. Shorthand (a choice as a plain string, a
timebox as `1h30m`) is normalised here, once, so the rest of the package sees one shape.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    WithJsonSchema,
    field_validator,
)

from limburglab import expressions, yamlsource
from limburglab.errors import FlowError, Problem, UsageError
from limburglab.messages import t
from limburglab.resources import data_dir

IDENTIFIER = r"^[A-Za-z_][A-Za-z0-9_]*$"
SLUG = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
_TIMEBOX = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")


def parse_timebox(value: Any) -> Any:
    """`90s`, `10m`, `1h30m` or whole minutes, as seconds."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(t("flow.timebox"))
    if isinstance(value, int):
        if value <= 0:
            raise ValueError(t("flow.timebox"))
        return value * 60
    if isinstance(value, str):
        match = _TIMEBOX.match(value.strip().replace(" ", ""))
        if match and any(match.groups()):
            hours, minutes, seconds = (int(part or 0) for part in match.groups())
            total = hours * 3600 + minutes * 60 + seconds
            if total > 0:
                return total
    raise ValueError(t("flow.timebox"))


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


Identifier = Annotated[str, Field(pattern=IDENTIFIER)]
Timebox = Annotated[
    int,
    BeforeValidator(parse_timebox),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "description": "minutes"},
                {"type": "string", "pattern": r"^(\d+h)?(\d+m)?(\d+s)?$"},
            ],
            "examples": ["10m", "1h30m", "90s", 15],
        }
    ),
]
Version = Annotated[
    str, BeforeValidator(_text_version), WithJsonSchema({"type": ["string", "number"]})
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Choice(_Model):
    """One option of a select, multiselect, rank or vote question."""

    value: str
    label: str | None = None

    @property
    def text(self) -> str:
        return self.label or self.value


ChoiceEntry = Annotated[
    Choice,
    BeforeValidator(_choice_shorthand),
    WithJsonSchema(
        {
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
    ),
]


class _Question(_Model):
    id: Identifier
    prompt: str
    label: str | None = None
    help: str | None = None
    required: bool = False
    when: str | None = None

    @property
    def title(self) -> str:
        """The short name used in reports and reviews."""
        return self.label or self.prompt


class _Pattern(_Question):
    default: str | None = None
    pattern: str | None = None
    message: str | None = None

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(t("flow.bad_pattern", reason=str(exc))) from None
        return value


class TextQuestion(_Pattern):
    """One line of text."""

    type: Literal["text"]


class ParagraphQuestion(_Pattern):
    """Several lines of text, such as an elaboration or a conclusion."""

    type: Literal["paragraph"]


class ListQuestion(_Question):
    """Bullet points, one entry at a time, each with optional follow-up questions."""

    type: Literal["list"]
    default: list[str] | None = None
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=1)
    item: list[Question] = Field(default_factory=list)


class _Choices(_Question):
    choices: list[ChoiceEntry] | None = Field(default=None, min_length=1)
    choices_from: Identifier | None = None


class SelectQuestion(_Choices):
    """One choice."""

    type: Literal["select"]
    default: str | None = None
    other: bool = False


class MultiselectQuestion(_Choices):
    """Any number of choices."""

    type: Literal["multiselect"]
    default: list[str] | None = None
    other: bool = False
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=1)


class RankQuestion(_Choices):
    """The choices in order, most important first."""

    type: Literal["rank"]
    default: list[str] | None = None
    max: int | None = Field(default=None, ge=1)


class VoteQuestion(_Choices):
    """Dot voting: distribute `budget` dots over the choices."""

    type: Literal["vote"]
    default: dict[str, int] | None = None
    budget: int = Field(ge=1)
    max: int | None = Field(default=None, ge=1)


class ConfirmQuestion(_Question):
    """Yes or no."""

    type: Literal["confirm"]
    default: bool | None = None


class NumberQuestion(_Question):
    """A number, optionally between `min` and `max`."""

    type: Literal["number"]
    default: float | None = None
    min: float | None = None
    max: float | None = None


class ScaleQuestion(_Question):
    """A whole number from `min` to `max`."""

    type: Literal["scale"]
    default: int | None = None
    min: int
    max: int


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
    Field(discriminator="type"),
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
ListQuestion.model_rebuild()


class Section(_Model):
    """A part of the workshop with its own timebox."""

    id: Identifier
    title: str
    intro: str | None = None
    timebox: Timebox | None = None
    when: str | None = None
    questions: list[Question] = Field(min_length=1)


class Flow(_Model):
    """A whole workshop."""

    id: Annotated[str, Field(pattern=SLUG)]
    title: str
    version: Version
    language: Literal["nl", "en"] = "nl"
    description: str | None = None
    sections: list[Section] = Field(min_length=1)

    _source: str = PrivateAttr(default="")
    _sha256: str = PrivateAttr(default="")

    @property
    def source(self) -> str:
        """A bundled flow's name, or the path the flow was loaded from."""
        return self._source

    @property
    def sha256(self) -> str:
        return self._sha256

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
        return [Choice(value=v, label=labels.get(v)) for v in values if v]


def entry_text(entry: Any) -> str:
    """The text of a list entry, which is a string or a mapping with `text`."""
    if isinstance(entry, dict):
        return str(entry.get("text", ""))
    return str(entry)


# --- finding and loading --------------------------------------------------------------------


def bundled_flows() -> list[Path]:
    return sorted(data_dir("workshops").glob("*.yaml"))


def resolve(spec: str) -> tuple[Path, str]:
    """A FLOW argument (a path or a bundled flow's name) as a path and how to name its source."""
    path = Path(spec)
    if path.exists() or "/" in spec or spec.endswith((".yaml", ".yml")):
        return path, str(path)
    bundled = data_dir("workshops") / f"{spec}.yaml"
    if bundled.is_file():
        return bundled, spec
    names = [p.stem for p in bundled_flows()]
    hint = difflib.get_close_matches(spec, names, n=1)
    raise UsageError(
        t("flow.unknown_name", name=spec, names=", ".join(names))
        + (" " + t("hint.did_you_mean", word=hint[0]) if hint else "")
    )


def load(spec: str | Path) -> Flow:
    """Load and validate a flow, or raise FlowError with every problem in it."""
    path, source = (spec, str(spec)) if isinstance(spec, Path) else resolve(spec)
    doc = yamlsource.load(path, FlowError)
    problems = check(doc)
    if problems:
        raise FlowError(problems)
    flow = Flow.model_validate(doc.data)
    flow._source = source
    flow._sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    return flow


def check(doc: yamlsource.Document) -> list[Problem]:
    """Every problem in a parsed flow document, in file order."""
    if not isinstance(doc.data, dict):
        return [doc.problem((), t("flow.not_mapping"))]
    if isinstance(doc.data.get("version"), float):
        doc.data["version"] = doc.raw.get(("version",), doc.data["version"])
    problems: list[Problem] = []
    try:
        Flow.model_validate(doc.data)
    except ValidationError as exc:
        problems += _translate(doc, exc)
    problems += _Semantics(doc).run()
    unique = {(p.line, p.column, p.message): p for p in problems}
    return sorted(unique.values(), key=lambda p: (p.line, p.column))


# --- turning pydantic's errors into a facilitator's messages ---------------------------------

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "integer",
    "int_from_float": "integer",
    "float_type": "number",
    "bool_type": "bool",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
}


def _data_loc(data: Any, loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """The part of pydantic's location that exists in the data (drops union and type tags)."""
    found: list[int | str] = []
    for part in loc:
        in_mapping = isinstance(data, dict) and part in data
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if in_mapping or in_list:
            data = data[part]
            found.append(part)
    return tuple(found)


def _node(data: Any, loc: tuple[int | str, ...]) -> Any:
    for part in loc:
        data = data[part]
    return data


def _fields_at(data: Any, loc: tuple[int | str, ...]) -> tuple[str, list[str]]:
    """What kind of mapping sits at `loc`, and which keys it accepts."""
    node = _node(data, loc)
    if not loc:
        return "flow", list(Flow.model_fields)
    if len(loc) == 2 and loc[0] == "sections":
        return "section", list(Section.model_fields)
    if len(loc) >= 2 and loc[-2] == "choices":
        return "choice", list(Choice.model_fields)
    kind = node.get("type") if isinstance(node, dict) else None
    model = QUESTION_TYPES.get(kind) if isinstance(kind, str) else None
    if model is None:
        return "question", [*_Question.model_fields, "type"]
    return str(kind), list(model.model_fields)


def _translate(doc: yamlsource.Document, exc: ValidationError) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        kind = error["type"]
        ctx = error.get("ctx", {})
        if kind == "missing":
            where = _data_loc(doc.data, error["loc"][:-1])
            problems.append(doc.problem(where, t("flow.missing", key=error["loc"][-1]), key=False))
            continue
        loc = _data_loc(doc.data, error["loc"])
        if kind == "extra_forbidden":
            problems.append(doc.problem(loc, _unknown_key(doc.data, loc)))
        elif kind == "union_tag_invalid":
            problems.append(doc.problem((*loc, "type"), _unknown_type(str(ctx.get("tag")))))
        elif kind == "union_tag_not_found":
            problems.append(doc.problem(loc, t("flow.missing", key="type"), key=False))
        elif kind in _TYPE_NAMES:
            problems.append(doc.problem(loc, _wrong_type(doc.data, loc, kind), key=False))
        elif kind == "too_short":
            problems.append(doc.problem(loc, t("flow.empty_list", key=loc[-1]), key=False))
        elif kind == "literal_error":
            options = ctx.get("expected", "")
            problems.append(
                doc.problem(loc, t("flow.one_of", key=loc[-1], options=options), key=False)
            )
        elif kind == "string_pattern_mismatch":
            message = t("flow.bad_slug" if loc == ("id",) else "flow.bad_id", key=loc[-1])
            problems.append(doc.problem(loc, message, key=False))
        elif kind in ("greater_than_equal", "greater_than"):
            limit = ctx.get("ge", ctx.get("gt"))
            message = t("flow.too_small", key=loc[-1], limit=limit)
            problems.append(doc.problem(loc, message, key=False))
        elif kind == "value_error":
            problems.append(doc.problem(loc, str(ctx.get("error", error["msg"])), key=False))
        else:
            problems.append(
                doc.problem(loc, f"{loc[-1] if loc else ''}: {error['msg']}", key=False)
            )
    return problems


def _wrong_type(data: Any, loc: tuple[int | str, ...], kind: str) -> str:
    expected = t("type." + _TYPE_NAMES[kind])
    if len(loc) < 2 or not isinstance(loc[-1], int):
        return t("flow.wrong_type", key=loc[-1] if loc else "", expected=expected)
    if loc[-2] == "choices":
        expected = t("type.text")
    message = t("flow.wrong_entry", number=loc[-1] + 1, key=loc[-2], expected=expected)
    if isinstance(_node(data, loc), bool):
        message += ". " + t("flow.quote_yes_no")
    return message


def _unknown_key(data: Any, loc: tuple[int | str, ...]) -> str:
    key = str(loc[-1])
    kind, allowed = _fields_at(data, loc[:-1])
    if kind in QUESTION_TYPES:
        owners = [name for name, model in QUESTION_TYPES.items() if key in model.model_fields]
        if owners:
            return t("flow.key_not_for_type", key=key, type=kind, types=", ".join(owners))
    hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    message = t(
        "flow.unknown_key",
        key=key,
        where=t(
            "kind." + kind if kind in ("flow", "section", "choice", "question") else "kind.question"
        ),
    )
    if hint:
        message += " " + t("hint.did_you_mean", word=hint[0])
    return message + " " + t("flow.allowed_keys", keys=", ".join(allowed))


def _unknown_type(kind: str) -> str:
    hint = difflib.get_close_matches(kind, list(QUESTION_TYPES), n=1)
    message = t("flow.unknown_type", type=kind, types=", ".join(QUESTION_TYPES))
    return message + (" " + t("hint.did_you_mean", word=hint[0]) if hint else "")


# --- rules across keys: ids, references, expressions, ranges ---------------------------------


class _Semantics:
    """Checks the raw data leniently, so that they run even where the structure is broken."""

    def __init__(self, doc: yamlsource.Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        sections = doc.data.get("sections")
        self.sections = sections if isinstance(sections, list) else []
        self.all_ids = {
            q.get("id")
            for s in self.sections
            if isinstance(s, dict)
            for q in (s.get("questions") or [])
            if isinstance(q, dict) and isinstance(s.get("questions"), list)
        }
        self.earlier: dict[str, str] = {}

    def add(self, loc: tuple[int | str, ...], message: str, key: bool = False) -> None:
        self.problems.append(self.doc.problem(loc, message, key=key))

    def run(self) -> list[Problem]:
        section_ids: set[str] = set()
        for si, section in enumerate(self.sections):
            if not isinstance(section, dict):
                continue
            loc: tuple[int | str, ...] = ("sections", si)
            self._unique(section.get("id"), section_ids, (*loc, "id"), "flow.duplicate_section")
            self._expression(section, loc, "when", item=False)
            questions = section.get("questions")
            for qi, question in enumerate(questions if isinstance(questions, list) else []):
                if isinstance(question, dict):
                    self._question(question, (*loc, "questions", qi), set(), item=False)
        return self.problems

    def _unique(self, value: Any, seen: set[str], loc: tuple[int | str, ...], key: str) -> None:
        if isinstance(value, str):
            if value in seen:
                self.add(loc, t(key, id=value))
            seen.add(value)

    def _question(
        self, q: dict[str, Any], loc: tuple[int | str, ...], siblings: set[str], item: bool
    ) -> None:
        qid = q.get("id")
        if item:
            self._unique(qid, siblings, (*loc, "id"), "flow.duplicate_followup")
        else:
            self._unique(qid, siblings | set(self.earlier), (*loc, "id"), "flow.duplicate_question")
        self._expression(q, loc, "when", item=item)
        self._expression(q, loc, "prompt", item=item, template=True)
        self._choices_from(q, loc)
        self._ranges(q, loc)
        if q.get("type") in ("select", "multiselect", "rank", "vote"):
            if "choices" in q and "choices_from" in q:
                self.add((*loc, "choices_from"), t("flow.choices_both"), key=True)
            elif "choices" not in q and "choices_from" not in q:
                self.add(loc, t("flow.choices_missing"))
        followups = q.get("item")
        if isinstance(followups, list):
            inner: set[str] = set()
            for fi, followup in enumerate(followups):
                if isinstance(followup, dict):
                    self._question(followup, (*loc, "item", fi), inner, item=True)
        if not item and isinstance(qid, str):
            self.earlier[qid] = str(q.get("type"))

    def _expression(
        self,
        node: dict[str, Any],
        loc: tuple[int | str, ...],
        key: str,
        *,
        item: bool,
        template: bool = False,
    ) -> None:
        source = node.get(key)
        if not isinstance(source, str):
            return
        where = (*loc, key)
        try:
            names = expressions.names_in(source, template=template)
        except expressions.ExpressionSyntaxError as exc:
            message = t("flow.jinja_syntax", key=key, reason=str(exc))
            if re.search(r"(?<![=!<>])=(?!=)", source) and not template:
                message += ". " + t("flow.single_equals")
            self.add(where, message)
            return
        for name in sorted(names):
            if name in self.earlier or (item and name == "item"):
                continue
            if name in self.all_ids:
                self.add(where, t("flow.name_later", key=key, name=name))
            else:
                known = [*self.earlier, *(["item"] if item else [])]
                hint = difflib.get_close_matches(name, known, n=1)
                self.add(
                    where,
                    t("flow.name_unknown", key=key, name=name)
                    + (" " + t("hint.did_you_mean", word=hint[0]) if hint else ""),
                )

    def _choices_from(self, q: dict[str, Any], loc: tuple[int | str, ...]) -> None:
        source = q.get("choices_from")
        if not isinstance(source, str):
            return
        where = (*loc, "choices_from")
        if source in self.earlier:
            if self.earlier[source] not in ("list", "multiselect"):
                self.add(where, t("flow.choices_from_type", name=source))
        elif source in self.all_ids:
            self.add(where, t("flow.name_later", key="choices_from", name=source))
        else:
            hint = difflib.get_close_matches(source, list(self.earlier), n=1)
            self.add(
                where,
                t("flow.name_unknown", key="choices_from", name=source)
                + (" " + t("hint.did_you_mean", word=hint[0]) if hint else ""),
            )

    def _ranges(self, q: dict[str, Any], loc: tuple[int | str, ...]) -> None:
        low, high = q.get("min"), q.get("max")
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (low, high)):
            return
        assert isinstance(low, (int, float)) and isinstance(high, (int, float))
        if low > high:
            self.add((*loc, "max"), t("flow.min_max", min=low, max=high), key=True)
        elif q.get("type") == "scale" and low == high:
            self.add((*loc, "max"), t("flow.scale_range", min=low, max=high), key=True)


def json_schema() -> str:
    """The JSON Schema of the flow format, as `limburglab schema` prints it."""
    import json

    schema = Flow.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://limburglab.nl/schema/flow.schema.json",
        **schema,
    }
    schema["title"] = "limburglab workshop flow"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
