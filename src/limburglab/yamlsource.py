"""Read YAML files with the line and column of every key and value, safely.

Facilitators and secretaries edit these files by hand, so every problem must point at a place.
PyYAML's node tree keeps positions; we build plain Python data from it ourselves, which also
lets us refuse duplicate keys and alias bombs before they are expanded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from limburglab.errors import Problem, ProblemsError
from limburglab.messages import t

Loc = tuple[int | str, ...]

#: More expanded nodes than this means aliases multiply the document ("billion laughs").
MAX_NODES = 200_000

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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

    if not path.exists():
        raise fail(t("file.missing"))
    if path.is_dir():
        raise fail(t("file.is_dir"))
    try:
        raw = path.read_bytes()
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


def load(path: Path, error: type[ProblemsError]) -> Document:
    """Read and parse `path` into a Document, or raise `error` with every problem found."""
    text, sha256 = read_text(path, error)
    return parse(text, path, error, sha256)


def parse(text: str, path: Path, error: type[ProblemsError], sha256: str = "") -> Document:
    """Parse the text of `path` into a Document, or raise `error` with every problem found."""
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
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and mark and mark.index >= len(text.rstrip()):
            mark = exc.context_mark  # a quote or bracket left open: point at where it opened
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = exc.problem or exc.context or "?"
        raise error([Problem(path, line, column, t("yaml.syntax", reason=reason))]) from None
    except yaml.YAMLError as exc:
        raise error([Problem(path, 1, 1, t("yaml.syntax", reason=str(exc)))]) from None
    doc = Document(path, None, sha256=sha256)
    builder = _Builder(doc)
    doc.data = builder.build(node, ())
    if builder.problems:
        raise error(builder.problems)
    return doc


class _TooBig(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0
        self.problems: list[Problem] = []
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node | None, loc: Loc) -> Any:
        if node is None:
            return None
        try:
            return self._node(node, loc)
        except _TooBig as exc:
            mark = exc.mark
            self.problems.append(
                Problem(self.doc.path, mark.line + 1, mark.column + 1, t("yaml.too_big"))
            )
            return None

    def _node(self, node: yaml.Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(node.start_mark)
        self.doc.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            explicit = sum(1 for key, _ in node.value if key.tag != "tag:yaml.org,2002:merge")
            self.constructor.flatten_mapping(node)
            merged = len(node.value) - explicit  # merged pairs come first; explicit keys win
            result: dict[Any, Any] = {}
            from_merge: set[Any] = set()
            for index, (key_node, value_node) in enumerate(node.value):
                key = self.constructor.construct_object(key_node, deep=True)
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
                result[key] = self._node(value_node, key_loc)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self._node(item, (*loc, index)) for index, item in enumerate(node.value)]
        value = self.constructor.construct_object(node, deep=True)
        if not isinstance(value, str) and isinstance(node, yaml.ScalarNode):
            self.doc.raw[loc] = node.value
        return value
