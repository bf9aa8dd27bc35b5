"""Validating a flow file: strict structure, rules across keys, and located messages.

Every problem is reported with the file, line and column of the key or value that causes it,
all at once. Pydantic checks the structure against the annotations of `limburglab.flow.model`;
the rules across keys (unique ids, references to earlier questions, expressions) are checked on
the raw data, so that they are reported even where the structure is broken.
"""

from __future__ import annotations

import dataclasses
import json
import re
from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from limburglab import yamlsource
from limburglab.errors import FlowError, Problem
from limburglab.flow import expressions
from limburglab.flow.model import QUESTION_TYPES, Choice, Flow, Section, _Question
from limburglab.messages import did_you_mean, library_gettext, t
from limburglab.text import normalise

#: How deep follow-up questions may go: the seed uses two levels (a driver, its examples, each
#: example's effect).
MAX_DEPTH = 5


@cache
def _adapter() -> TypeAdapter[Flow]:
    return TypeAdapter(Flow)


def validate(doc: yamlsource.Document) -> Flow:
    """The flow in a parsed document, or FlowError with every problem in it."""
    flow, problems = _validate(doc)
    if flow is None or problems:
        raise FlowError(problems)
    return flow


def check(doc: yamlsource.Document) -> list[Problem]:
    """Every problem in a parsed flow document, in file order."""
    return _validate(doc)[1]


def _validate(doc: yamlsource.Document) -> tuple[Flow | None, list[Problem]]:
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), t("flow.not_mapping"))]
    if isinstance(doc.data.get("version"), float):
        doc.data["version"] = doc.raw.get(("version",), doc.data["version"])
    flow: Flow | None = None
    problems: list[Problem] = []
    try:
        flow = _adapter().validate_python(doc.data)
    except ValidationError as exc:
        problems += _translate(doc, exc)
    problems += _Semantics(doc).run()
    unique = {(p.line, p.column, p.message): p for p in problems}
    return flow, sorted(unique.values(), key=lambda p: (p.line, p.column))


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
    "dataclass_type": "mapping",
    "dataclass_args_type": "mapping",
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
        return "flow", _keys(Flow)
    if len(loc) == 2 and loc[0] == "sections":
        return "section", _keys(Section)
    if len(loc) >= 2 and loc[-2] == "choices":
        return "choice", _keys(Choice)
    kind = node.get("type") if isinstance(node, dict) else None
    model = QUESTION_TYPES.get(kind) if isinstance(kind, str) else None
    if model is None:
        return "question", [*_keys(_Question), "type"]
    return str(kind), _keys(model)


def _keys(model: type[Any]) -> list[str]:
    """The keys a flow may give for `model`."""
    return [f.name for f in dataclasses.fields(model) if f.init]


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
        if kind in ("extra_forbidden", "unexpected_keyword_argument"):
            problems.append(doc.problem(loc, _unknown_key(doc.data, loc)))
        elif kind == "union_tag_invalid":
            problems.append(doc.problem((*loc, "type"), _unknown_type(str(ctx.get("tag")))))
            problems += _untyped_question(doc, loc)
        elif kind == "union_tag_not_found":
            problems.append(doc.problem(loc, t("flow.missing", key="type"), key=False))
            problems += _untyped_question(doc, loc)
        elif kind in _TYPE_NAMES:
            problems.append(doc.problem(loc, _wrong_type(doc, loc, kind), key=False))
        elif kind == "too_short":
            problems.append(doc.problem(loc, t("flow.empty_list", key=loc[-1]), key=False))
        elif kind == "literal_error":
            options = ctx.get("expected", "")
            problems.append(
                doc.problem(loc, t("flow.one_of", key=loc[-1], options=options), key=False)
            )
        elif kind == "string_pattern_mismatch":
            if loc == ("id",):
                message = t("flow.bad_slug", key="id")
            elif len(loc) == 3 and loc[0] == "sections":
                message = t("flow.bad_section_id", key="id")
            else:
                message = t("flow.bad_id", key=loc[-1])
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


def _wrong_type(doc: yamlsource.Document, loc: tuple[int | str, ...], kind: str) -> str:
    expected = t("type." + _TYPE_NAMES[kind])
    if len(loc) < 2 or not isinstance(loc[-1], int):
        message = t("flow.wrong_type", key=loc[-1] if loc else "", expected=expected)
    else:
        if loc[-2] == "choices":
            expected = t("type.text")
        message = t("flow.wrong_entry", number=loc[-1] + 1, key=loc[-2], expected=expected)
    written = doc.raw.get(loc)
    if expected == t("type.text") and written is not None:
        message += ". " + t("flow.quote_text", value=written)
    return message


def _unknown_key(data: Any, loc: tuple[int | str, ...]) -> str:
    key = str(loc[-1])
    kind, allowed = _fields_at(data, loc[:-1])
    if kind in QUESTION_TYPES:
        owners = [name for name, model in QUESTION_TYPES.items() if key in _keys(model)]
        if owners:
            return t("flow.key_not_for_type", key=key, type=kind, types=", ".join(owners))
    message = t(
        "flow.unknown_key",
        key=key,
        where=t(
            "kind." + kind if kind in ("flow", "section", "choice", "question") else "kind.question"
        ),
    )
    message += did_you_mean(key, allowed)
    return message + " " + t("flow.allowed_keys", keys=", ".join(allowed))


def _untyped_question(doc: yamlsource.Document, loc: tuple[int | str, ...]) -> list[Problem]:
    """The other problems of a question whose type is unknown, which pydantic leaves
    unchecked: keys that no question type has, and the keys every question needs."""
    node = _node(doc.data, loc)
    if not isinstance(node, dict):
        return []
    any_type = {key for model in QUESTION_TYPES.values() for key in _keys(model)}
    problems = [
        doc.problem((*loc, key), _unknown_key(doc.data, (*loc, key)))
        for key in node
        if key not in any_type and key != "type"
    ]
    for field in dataclasses.fields(_Question):
        needed = (
            field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        )
        if needed and field.name not in node:
            problems.append(doc.problem(loc, t("flow.missing", key=field.name), key=False))
    return problems


def _unknown_type(kind: str) -> str:
    message = t("flow.unknown_type", type=kind, types=", ".join(QUESTION_TYPES))
    return message + did_you_mean(kind, QUESTION_TYPES)


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
        self,
        q: dict[str, Any],
        loc: tuple[int | str, ...],
        siblings: set[str],
        item: bool,
        depth: int = 0,
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
            self._distinct_choices(q.get("choices"), (*loc, "choices"))
            if "choices" in q and "choices_from" in q:
                self.add((*loc, "choices_from"), t("flow.choices_both"), key=True)
            elif "choices" not in q and "choices_from" not in q:
                self.add(loc, t("flow.choices_missing"))
        followups = q.get("item")
        if isinstance(followups, list) and followups:
            if depth >= MAX_DEPTH:
                self.add((*loc, "item"), t("flow.too_deep", max=MAX_DEPTH, depth=depth + 1), True)
                return
            inner: set[str] = set()
            for fi, followup in enumerate(followups):
                if isinstance(followup, dict):
                    self._question(followup, (*loc, "item", fi), inner, item=True, depth=depth + 1)
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
        limit = expressions.problem_in(source, template=template)
        if limit == "statement":
            self.add(where, t("flow.expression_statement", key=key))
        elif limit:
            message = t("flow.expression_limit", key=key, size=expressions.MAX_SIZE)
            self.add(where, message)
        for name in sorted(names):
            if name in self.earlier or (item and name == "item"):
                continue
            if name in self.all_ids:
                self.add(where, t("flow.name_later", key=key, name=name))
            else:
                known = [*self.earlier, *(["item"] if item else [])]
                message = t("flow.name_unknown", key=key, name=name)
                self.add(where, message + did_you_mean(name, known))

    def _distinct_choices(self, choices: Any, loc: tuple[int | str, ...]) -> None:
        """Two choices that merging would take for one would lose the votes of one of them."""
        seen: dict[str, tuple[int, str]] = {}
        for index, choice in enumerate(choices if isinstance(choices, list) else []):
            value = choice.get("value") if isinstance(choice, dict) else choice
            if not isinstance(value, str):
                continue
            first = seen.setdefault(normalise(value), (index, value))
            if first[0] != index:
                message = t(
                    "flow.duplicate_choice", value=value, number=first[0] + 1, first=first[1]
                )
                self.add((*loc, index), message)

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
            message = t("flow.name_unknown", key="choices_from", name=source)
            self.add(where, message + did_you_mean(source, self.earlier))

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
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://limburglab.nl/schema/flow.schema.json",
        **_adapter().json_schema(),
    }
    schema = _in_words(schema)
    schema["title"] = t("schema.title")
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _in_words(node: Any) -> Any:
    """The schema with its descriptions in the current language; pydantic's titles (the field
    names again) left out, so an editor shows the key and its description."""
    if isinstance(node, dict):
        return {
            key: library_gettext(value)
            if key == "description" and isinstance(value, str)
            else _in_words(value)
            for key, value in node.items()
            if not (key == "title" and isinstance(value, str))
        }
    if isinstance(node, list):
        return [_in_words(value) for value in node]
    return node
