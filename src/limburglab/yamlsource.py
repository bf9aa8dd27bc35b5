"""Read YAML files with the line and column of every key and value, safely.

Facilitators and secretaries edit these files by hand, so every problem must point at a place.
PyYAML's node tree keeps positions; we build plain Python data from it ourselves, which also
lets us refuse duplicate keys and alias bombs before they are expanded.

Every file is read with the YAML 1.2 core schema, not PyYAML's YAML 1.1: `no`, `on`, `14:30`
and `2024-10-10` are text, `010` is ten. A number written in a form that Python would not give
back (`0123`, `1.10`) keeps that form as its text, for wherever text is meant.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from limburglab.errors import Problem, ProblemsError
from limburglab.files import read_input
from limburglab.messages import t

Loc = tuple[int | str, ...]

#: More nodes repeated through aliases than this means they multiply the document ("billion
#: laughs"). The size of a document without aliases is limited by the size of its file.
MAX_NODES = 200_000
#: How deeply mappings and lists may nest in a session, answers, edits or event file. None
#: comes near it (a session's deepest answer is a few levels down); much deeper would exhaust
#: Python's stack in the code that handles them (`load` itself builds without recursion).
MAX_DEPTH = 100
#: The same for a flow, whose own check says how deep follow-ups may go ("at most 5 levels"):
#: as deep as libyaml reads, so that that check can say it.
FLOW_MAX_DEPTH = 1000

_TAG = "tag:yaml.org,2002:"
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = ("", "~", "null", "Null", "NULL")


class _CoreResolver(yaml.resolver.BaseResolver):
    """The YAML 1.2 core schema's implicit types (and `<<`, which flows use to copy questions)."""


for _tag, _pattern, _first in (
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", _INT.pattern, list("-+0123456789")),
    ("float", _FLOAT.pattern, list("-+.0123456789")),
    ("merge", r"^<<$", ["<"]),
):
    _CoreResolver.add_implicit_resolver(_TAG + _tag, re.compile(_pattern), _first)

if yaml.__with_libyaml__:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _Loader(CParser, yaml.constructor.SafeConstructor, _CoreResolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _CoreResolver.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml

    class _Loader(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        yaml.constructor.SafeConstructor,
        _CoreResolver,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            _CoreResolver.__init__(self)


class WrittenInt(int):
    """A whole number that keeps the form it was written in (`0123`) as its text."""

    written: str

    def __str__(self) -> str:
        return self.written


class WrittenFloat(float):
    """A number that keeps the form it was written in (`1.10`) as its text."""

    written: str

    def __str__(self) -> str:
        return self.written


def _represent_written(dumper: Any, value: WrittenInt | WrittenFloat) -> Any:
    tag = _TAG + ("int" if isinstance(value, int) else "float")
    return dumper.represent_scalar(tag, value.written)


for _dumper in {yaml.SafeDumper, getattr(yaml, "CSafeDumper", yaml.SafeDumper)}:
    _dumper.add_representer(WrittenInt, _represent_written)
    _dumper.add_representer(WrittenFloat, _represent_written)


@dataclass
class Document:
    """Plain data from a YAML file, with positions (1-based line and column) by location."""

    path: Path
    data: Any
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    #: The text as written of scalars YAML did not read as text (`1.10` became 1.1).
    raw: dict[Loc, str] = field(default_factory=dict)
    sha256: str = ""

    def where(self, loc: Loc, *, key: bool = True) -> tuple[int, int]:
        """Position of the key (or value) at `loc`, or of the nearest enclosing node."""
        for end in range(len(loc), -1, -1):
            sub = tuple(loc[:end])
            if key and sub in self.keys:
                return self.keys[sub]
            if sub in self.values:
                return self.values[sub]
        return (1, 1)

    def problem(self, loc: Loc, message: str, *, key: bool = True) -> Problem:
        line, column = self.where(loc, key=key)
        return Problem(self.path, line, column, message)


def read_text(path: Path, error: type[ProblemsError]) -> tuple[str, str]:
    """The file's text as UTF-8 and its sha256, or a located error that says what is wrong."""

    def fail(message: str, line: int = 1, column: int = 1) -> ProblemsError:
        return error([Problem(path, line, column, message)])

    try:
        raw = read_input(path)
    except ValueError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(t("file.unreadable", reason=exc.strerror or str(exc))) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise fail(t("file.not_utf8"), line, column) from None
    return text.removeprefix("\ufeff"), hashlib.sha256(raw).hexdigest()


def load(path: Path, error: type[ProblemsError], *, max_depth: int = MAX_DEPTH) -> Document:
    """Read and parse `path` into a Document, or raise `error` with every problem found."""
    text, sha256 = read_text(path, error)
    return parse(text, path, error, sha256, max_depth=max_depth)


def parse(
    text: str,
    path: Path,
    error: type[ProblemsError],
    sha256: str = "",
    *,
    max_depth: int = MAX_DEPTH,
) -> Document:
    """Parse the text of `path` into a Document, or raise `error` with every problem found
    (mappings and lists nested deeper than `max_depth` among them)."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise error([Problem(path, 1, 1, t("file.empty"))])
    tabs = [
        Problem(path, number, line.index("\t") + 1, t("yaml.tab"))
        for number, line in enumerate(text.splitlines(), start=1)
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]
    ]
    if tabs:
        raise error(tabs)
    try:
        node = yaml.compose(text, Loader=_Loader)  # type: ignore[arg-type]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and mark and mark.index >= len(text.rstrip()):
            mark = exc.context_mark  # a quote or bracket left open: point at where it opened
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = exc.problem or exc.context or "?"
        raise error([Problem(path, line, column, _syntax(reason))]) from None
    except yaml.YAMLError as exc:
        raise error([Problem(path, 1, 1, _syntax(str(exc)))]) from None
    except RecursionError:  # pragma: no cover - only PyYAML's own composer recurses
        line, column = _too_deep_at(text, max_depth)
        raise error([Problem(path, line, column, t("yaml.too_deep", depth=max_depth))]) from None
    doc = Document(path, None, sha256=sha256)
    builder = _Builder(doc, max_depth)
    doc.data = builder.build(node, ())
    if builder.problems:
        raise error(builder.problems)
    return doc


def read(text: str) -> Any:
    """The data of a YAML text under the core schema, as `parse` builds it but without its
    checks and positions: to read back what the tool itself wrote. Raises yaml.YAMLError, or
    ValueError for a value that the schema refuses."""
    node = yaml.compose(text, Loader=_Loader)  # type: ignore[arg-type]
    builder = _Builder(Document(Path(), None))
    data = builder.build(node, ())
    if builder.problems:
        raise ValueError(builder.problems[0].message)
    return data


def _too_deep_at(text: str, max_depth: int) -> tuple[int, int]:
    """Where mappings and lists first nest deeper than `max_depth` (read as events, which
    needs no recursion)."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):  # type: ignore[arg-type]
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > max_depth and event.start_mark is not None:
                return event.start_mark.line + 1, event.start_mark.column + 1
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return 1, 1


class _TooBig(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _TooDeep(_TooBig):
    """Mappings and lists nested deeper than the limit."""


class _BadValue(Exception):
    """A scalar that its tag cannot construct, or a tag we do not read."""

    def __init__(self, node: yaml.Node, message: str) -> None:
        self.node = node
        self.message = message


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


def scalar(node: yaml.ScalarNode) -> Any:
    """The value of a scalar under the core schema; raises _BadValue for a wrong one."""
    tag, text = node.tag, node.value
    kind = tag.removeprefix(_TAG) if tag.startswith(_TAG) else None
    if kind == "str":
        return text
    if kind == "null" and text in _NULLS:
        return None
    if kind == "bool" and text in _BOOLS:
        return _BOOLS[text]
    if kind == "int" and _INT.match(text):
        try:
            number = (
                int(text[2:], 8)
                if text.startswith("0o")
                else int(text[2:], 16)
                if text.startswith("0x")
                else int(text)
            )
        except ValueError:  # more digits than Python converts
            raise _BadValue(node, t("yaml.bad_value", value=_clip(text), tag="!!int")) from None
        if str(number) == text:
            return number
        written = WrittenInt(number)
        written.written = text
        return written
    if kind == "float" and _FLOAT.match(text):
        lowered = text.lower().lstrip("+")
        value = (
            math.nan
            if lowered == ".nan"
            else math.copysign(math.inf, -1.0 if lowered.startswith("-") else 1.0)
            if lowered.endswith(".inf")
            else float(text)
        )
        if not math.isfinite(value):
            raise _BadValue(node, t("yaml.not_finite", value=_clip(text)))
        if str(value) == text:
            return value
        written_float = WrittenFloat(value)
        written_float.written = text
        return written_float
    if kind in ("null", "bool", "int", "float"):
        raise _BadValue(node, t("yaml.bad_value", value=_clip(text), tag=_short_tag(tag)))
    raise _BadValue(node, t("yaml.unknown_tag", tag=_short_tag(tag)))


def _clip(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


class _Builder:
    def __init__(self, doc: Document, max_depth: int = MAX_DEPTH) -> None:
        self.doc = doc
        self.max_depth = max_depth
        self.repeats = 0
        self.seen: set[int] = set()
        self.problems: list[Problem] = []
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node | None, loc: Loc) -> Any:
        if node is None:
            return None
        try:
            return self._node(node, loc)
        except _TooDeep as exc:
            mark = exc.mark
            self.problems.append(
                Problem(
                    self.doc.path,
                    mark.line + 1,
                    mark.column + 1,
                    t("yaml.too_deep", depth=self.max_depth),
                )
            )
            return None
        except _TooBig as exc:
            mark = exc.mark
            self.problems.append(
                Problem(self.doc.path, mark.line + 1, mark.column + 1, t("yaml.too_big"))
            )
            return None

    def _bad(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.doc.path, mark.line + 1, mark.column + 1, message))

    def _key(self, node: yaml.Node, depth: int) -> Any:
        if isinstance(node, yaml.ScalarNode):
            try:
                return scalar(node)
            except _BadValue as exc:
                self._bad(exc.node, exc.message)
                return node.value
        return str(self._node(node, ("\0key",), depth))

    def _node(self, node: yaml.Node, loc: Loc, depth: int = 0) -> Any:
        """The value of `node`, built without recursion (a file may nest deeper than Python's
        stack goes): each mapping and list is made first and filled as its items are built."""
        result: list[Any] = [None]
        todo: list[tuple[yaml.Node, Loc, int, Any, Any]] = [(node, loc, depth, result, 0)]
        while todo:
            current, where, level, parent, slot = todo.pop()
            value, children = self._one(current, where, level)
            parent[slot] = value
            todo.extend(reversed(children))
        return result[0]

    def _one(
        self, node: yaml.Node, loc: Loc, depth: int
    ) -> tuple[Any, list[tuple[yaml.Node, Loc, int, Any, Any]]]:
        """One node: a scalar's value, or a mapping or list with its scalars and the rest of
        its items to build."""
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, loc), []
        if depth > self.max_depth:
            raise _TooDeep(node.start_mark)
        self._visit(node, loc)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        assert isinstance(node, yaml.SequenceNode)
        if node.tag != _TAG + "seq":
            self._bad(node, t("yaml.unknown_tag", tag=_short_tag(node.tag)))
        items: list[Any] = [None] * len(node.value)
        later = []
        for index, item in enumerate(node.value):
            if isinstance(item, yaml.ScalarNode):  # built at once: most nodes are scalars
                items[index] = self._scalar(item, (*loc, index))
            else:
                later.append((item, (*loc, index), depth + 1, items, index))
        return items, later

    def _visit(self, node: yaml.Node, loc: Loc) -> None:
        """Count a node reached again through an alias; note where it stands."""
        if id(node) in self.seen:
            self.repeats += 1
            if self.repeats > MAX_NODES:
                raise _TooBig(node.start_mark)
        else:
            self.seen.add(id(node))
        self.doc.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)

    def _scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        self._visit(node, loc)
        try:
            value = scalar(node)
        except _BadValue as exc:
            self._bad(exc.node, exc.message)
            return node.value
        if not isinstance(value, str):
            self.doc.raw[loc] = node.value
        return value

    def _mapping(
        self, node: yaml.MappingNode, loc: Loc, depth: int
    ) -> tuple[Any, list[tuple[yaml.Node, Loc, int, Any, Any]]]:
        if node.tag != _TAG + "map":
            self._bad(node, t("yaml.unknown_tag", tag=_short_tag(node.tag)))
        explicit = sum(1 for key, _ in node.value if key.tag != _TAG + "merge")
        try:
            self.constructor.flatten_mapping(node)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or node.start_mark
            reason = exc.problem or "?"
            self.problems.append(
                Problem(self.doc.path, mark.line + 1, mark.column + 1, _syntax(reason))
            )
            return {}, []
        merged = len(node.value) - explicit  # merged pairs come first; explicit keys win
        result: dict[Any, Any] = {}
        values: dict[Any, tuple[yaml.Node, Loc]] = {}
        from_merge: set[Any] = set()
        for index, (key_node, value_node) in enumerate(node.value):
            key = self._key(key_node, depth + 1)
            if not isinstance(key, Hashable) or isinstance(key, (list, dict)):
                key = str(key)
            position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if index < merged:
                from_merge.add(key)
            elif key in from_merge:
                from_merge.discard(key)
                del result[key]
            if key in result:
                self.problems.append(
                    Problem(self.doc.path, *position, t("yaml.duplicate_key", key=key))
                )
                continue
            key_loc: Loc = (*loc, key)
            self.doc.keys[key_loc] = position
            result[key] = None  # its place in the order; the value is built next
            values[key] = (value_node, key_loc)
        return result, [
            (value_node, key_loc, depth + 1, result, key)
            for key, (value_node, key_loc) in values.items()
            if key in result
        ]


# --- YAML out ---------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """PyYAML's own emitter: libyaml's escapes every character outside the BMP (emoji) as
    `\\U0001F389`, even with `allow_unicode`; this one keeps them as typed."""


def _represent_text(dumper: Any, value: str) -> Any:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar(_TAG + "str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def dump(data: Any, width: int = 100) -> str:
    """YAML for humans: keys in the given order, every character as typed (emoji too), text of
    several lines as a block, numbers in the form they were read in; lines up to `width`."""
    text: str = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=width, indent=2
    )
    return text


_FOUND_CHARACTER = re.compile(r"found character (.+) that cannot start any token")
_EXPECTED = re.compile(r"expected (.+), but found (.+)")


def _syntax(reason: str) -> str:
    """PyYAML's reason (English) in the tool's language: the Dutch catalogue knows the common
    ones by their English text; the two with a value in them are matched here."""
    from limburglab.messages import library_gettext

    character = _FOUND_CHARACTER.fullmatch(reason)
    if character:
        reason = t("yaml.bad_character", character=character.group(1))
    elif _EXPECTED.fullmatch(reason):
        expected = _EXPECTED.fullmatch(reason)
        assert expected is not None
        reason = t("yaml.expected", expected=expected.group(1), found=expected.group(2))
    else:
        reason = library_gettext(reason)
    return t("yaml.syntax", reason=reason)
