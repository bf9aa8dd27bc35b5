"""The session file's text: one writer for every save, proven by reading it back.

Session files travel between laptops and are opened in any YAML reader; PyYAML reads YAML 1.1
(where `no`, `1.10`, `010` and `1e5` are not the text they look like), limburglab reads the 1.2
core schema. So a text is written plain only where both would read that same text; anything
else is quoted, and text with characters YAML takes for line breaks (`\\r`, NEL, LS, PS) is
written with escapes.

Every piece of YAML written is read back, at once, by both readers in the place it will stand
in the file and followed by what may follow it there, and compared with what it must hold (type
and text). A piece that does not read back is tried in a plainer form (PyYAML's own emitter,
then every text double-quoted); if none reads back, the save fails (`Unfaithful`) and the file
is left as it was.

Speed: a list of thousands of entries is not written out anew on each confirmed line. Each list
entry, each other answer and each key at the top is a piece of its own, kept (with its proof)
while it holds the same value; only new pieces are written, and they are read back together in
one go. The pieces stand at a fixed indentation and each ends a line, and a piece's next line
is at most as far in as the piece itself, so no piece can change how another is read: proving
each piece in its place proves the file. (The property tests in tests/test_one_writer.py read
whole files back with both readers.)
"""

from __future__ import annotations

import copy
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from limburglab import yamlsource
from limburglab.errors import WriteError
from limburglab.messages import t

_STR = "tag:yaml.org,2002:str"
_CORE = yamlsource._CoreResolver()  # the reader's own schema

#: Characters YAML 1.1 readers take as line breaks or that a block scalar cannot hold as typed.
_BREAKS = re.compile("[\r\x85\u2028\u2029]")
#: Half of a UTF-16 pair: no character, cannot be written as UTF-8 by anyone.
_SURROGATE = re.compile("[\ud800-\udfff]")


class Unfaithful(WriteError):
    """The text written would not read back as the answers (the file is left as it was)."""


# --- dumpers ----------------------------------------------------------------------------------


class _BothReaders:
    """Implicit types as either reader sees them: a plain scalar that YAML 1.1 or the 1.2 core
    schema would read as anything but text is quoted."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        tag = super().resolve(kind, value, implicit)  # type: ignore[misc]
        if kind is yaml.ScalarNode and implicit[0] and tag == _STR:
            core = _CORE.resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
            if core != _STR:
                return core
        return tag


_CDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
#: PyYAML's `safe_load`, as a secretary's YAML 1.1 tool reads the file.
_OLDER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastDumper(_BothReaders, _CDumper):  # type: ignore[misc]
    """libyaml's emitter (fast; characters beyond the BMP travel hidden, see `_hide_astral`)."""


class _PureDumper(_BothReaders, yaml.SafeDumper):
    """PyYAML's own emitter: slower, keeps emoji as typed."""


class _QuotedDumper(_BothReaders, yaml.SafeDumper):
    """Every text double-quoted, with escapes: the last resort, and the rescue copy's form."""


def _represent_str(dumper: Any, value: str) -> Any:
    style = '"' if _BREAKS.search(value) else "|" if "\n" in value else None
    return dumper.represent_scalar(_STR, value, style=style)


def _represent_quoted(dumper: Any, value: str) -> Any:
    return dumper.represent_scalar(_STR, value, style='"')


def _represent_written(dumper: Any, value: yamlsource.WrittenInt | yamlsource.WrittenFloat) -> Any:
    """A number keeps the form it was written in (`1.10`, `+5`) where YAML 1.1 reads the same
    number from it too; else it is written as Python writes it (`010` as `10`, which YAML 1.1
    would read as eight)."""
    if _older_reads(value.written, value):
        tag = "int" if isinstance(value, int) else "float"
        return dumper.represent_scalar(f"tag:yaml.org,2002:{tag}", value.written)
    if isinstance(value, int):
        return dumper.represent_int(int(value))
    return dumper.represent_float(float(value))


def _older_reads(text: str, value: float) -> bool:
    try:
        read = yaml.load(text, Loader=_OLDER)
    except yaml.YAMLError:
        return False
    return same(read, int(value) if isinstance(value, int) else float(value))


for _dumper in (_FastDumper, _PureDumper, _QuotedDumper):
    _dumper.add_representer(str, _represent_quoted if _dumper is _QuotedDumper else _represent_str)
    _dumper.add_representer(yamlsource.WrittenInt, _represent_written)
    _dumper.add_representer(yamlsource.WrittenFloat, _represent_written)


def _emit(data: Any, dumper: type, width: int) -> str:
    text: str = yaml.dump(
        data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=width, indent=2
    )
    return text


def _fast(data: Any, width: int) -> str:
    """libyaml writes characters beyond the Basic Multilingual Plane (emoji) as `\\U0001F600`
    escapes; they travel through it as a pair of private-use characters that it keeps as they
    are, and come back afterwards. (Text that holds such characters itself is written by
    `_pure`: the proof below sees the difference.)"""
    private, astral = _unusual(data)
    if private:
        return _emit(data, _PureDumper, width)
    text = _emit(_hide_astral(data) if astral else data, _FastDumper, width)
    return _PAIR.sub(_astral, text) if astral else text


def _pure(data: Any, width: int) -> str:
    return _emit(data, _PureDumper, width)


def _quoted(data: Any, width: int) -> str:
    return _emit(data, _QuotedDumper, width)


#: The forms tried in turn; the first that reads back is written.
_FORMS: tuple[Callable[[Any, int], str], ...] = (_fast, _pure, _quoted)

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_PRIVATE = re.compile("[\ue000-\ue7ff]")
_PAIR = re.compile("([\ue000-\ue3ff])([\ue400-\ue7ff])")


def _hide(char: re.Match[str]) -> str:
    offset = ord(char.group()) - 0x10000
    return chr(0xE000 + (offset >> 10)) + chr(0xE400 + (offset & 0x3FF))


def _astral(pair: re.Match[str]) -> str:
    return chr(0x10000 + ((ord(pair.group(1)) - 0xE000) << 10) + ord(pair.group(2)) - 0xE400)


def _hide_astral(value: Any) -> Any:
    if isinstance(value, str):
        return _ASTRAL.sub(_hide, value)
    if isinstance(value, dict):
        return {_hide_astral(k): _hide_astral(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_hide_astral(v) for v in value]
    return value


def _unusual(value: Any) -> tuple[bool, bool]:
    """Whether any text holds private-use characters of the range used above, or characters
    beyond the Basic Multilingual Plane."""
    private = astral = False
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not item.isascii():
                private = private or bool(_PRIVATE.search(item))
                astral = astral or bool(_ASTRAL.search(item))
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return private, astral


# --- reading back -----------------------------------------------------------------------------


def same(a: Any, b: Any) -> bool:
    """Whether two values are the same data: the same types (text is never a number, a whole
    number never a fraction, `True` never 1) and the same texts, numbers, keys and order of
    entries. A number that is not finite is never the same as anything."""
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and str(a) == str(b)
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, int) or isinstance(b, int):
        return isinstance(a, int) and isinstance(b, int) and int(a) == int(b)
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, float) and isinstance(b, float) and math.isfinite(a) and a == b
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, dict) and isinstance(b, dict):
        return len(a) == len(b) and all(
            isinstance(k, str) and k in b and same(v, b[k]) for k, v in a.items()
        )
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return False


def read_both(text: str) -> tuple[Any, Any]:
    """What limburglab's reader (YAML 1.2 core) and PyYAML's `safe_load` (YAML 1.1) make of
    `text`; an exception where either refuses it."""
    core = yamlsource.read(text)
    older = yaml.load(text, Loader=_OLDER)
    return core, older


def _reads_back(text: str, expected: Any) -> bool:
    try:
        core, older = read_both(text)
    except Exception:  # any refusal by either reader is a piece that does not read back
        return False
    return same(core, expected) and same(older, expected)


def _unfaithful_reason(value: Any) -> str:
    texts = [text for text in _texts(value) if _SURROGATE.search(text)]
    if texts:
        return t(
            "session.unstorable_text",
            text=texts[0].encode("utf-8", "backslashreplace").decode("utf-8"),
        )
    return t("session.unfaithful")


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for k, v in value.items() for text in (*_texts(k), *_texts(v))]
    if isinstance(value, list):
        return [text for v in value for text in _texts(v)]
    return []


# --- the file ---------------------------------------------------------------------------------


def dump(data: Any, width: int = 100) -> str:
    """YAML for humans, proven to read back as `data`: keys in the given order, every
    character as typed, multi-line text as blocks, text quoted wherever YAML 1.1 or 1.2 would
    read something else. Without an end-of-document marker, so that more may be added after
    it (the edits file grows so)."""
    return _proven(data, lambda form: _without_end(form(data, width)))


@dataclass
class Pieces:
    """The pieces of the last text written, kept by the answer they hold."""

    #: id of a list entry → (the entry, a copy to notice a change in place, its piece).
    entries: dict[int, tuple[Any, Any, str]] = field(default_factory=dict)
    #: (section id, question id) → (the answer, a copy, its piece).
    answers: dict[tuple[str, str], tuple[Any, Any, str]] = field(default_factory=dict)
    #: A key at the top of the file (`meta`, `timing`, …) → (its value, a copy, its piece).
    head: dict[str, tuple[Any, Any, str]] = field(default_factory=dict)


def _kept(seen: tuple[Any, Any, str] | None, value: Any) -> tuple[Any, Any, str] | None:
    """The kept piece of `value`, if it is the same object as then, holding the same."""
    if seen is None or seen[0] is not value:
        return None
    if seen[1] is not None and value != seen[1]:
        return None  # a mapping or list changed in place after all
    return seen


def _keep(value: Any, piece: str) -> tuple[Any, Any, str]:
    return (value, copy.deepcopy(value) if isinstance(value, (dict, list)) else None, piece)


def _indented(text: str) -> str:
    """A piece of YAML written at column 0, moved to column 4 (without an end marker)."""
    text = _without_end(text)
    return "".join(line if line == "\n" else "    " + line for line in text.splitlines(True))


def session_text(data: dict[str, Any], kept: Pieces | None = None) -> str:
    """The session file's text for `data` (`Session.to_dict()`): the one writer of session
    files. With `kept`, the pieces of the last text are reused where their answer is the same,
    and `kept` holds the pieces of this one afterwards. Raises Unfaithful (a WriteError) when
    some value would not read back as it is."""
    data = dict(data)
    answers = data.pop("answers")
    previous = kept or Pieces()
    fresh = Pieces()
    head = _head(data, previous, fresh) if data else ""
    if not answers:
        if kept is not None:
            kept.entries, kept.answers, kept.head = {}, {}, fresh.head
        return head + "answers: {}\n"
    # First the places: a kept piece, or a new one to write (all new ones are written and
    # proven together, which is much faster than one by one for a whole file).
    layout: list[str | tuple[str, Any]] = [head, "answers:\n"]
    new_entries: list[Any] = []
    new_answers: dict[str, dict[str, Any]] = {}
    for section_id, section in answers.items():
        layout.append(f"  {_key(section_id)}:\n")
        for question_id, value in section.items():
            if isinstance(value, list) and value:
                layout.append(f"    {_key(question_id)}:\n")
                for entry in value:
                    seen = _kept(previous.entries.get(id(entry)), entry)
                    if seen is None:
                        new_entries.append(entry)
                        layout.append(("entry", entry))
                    else:
                        fresh.entries[id(entry)] = seen
                        layout.append(seen[2])
                continue
            where = (str(section_id), str(question_id))
            seen = _kept(previous.answers.get(where), value)
            if seen is None:
                new_answers.setdefault(str(section_id), {})[question_id] = value
                layout.append(("answer", where))
            else:
                fresh.answers[where] = seen
                layout.append(seen[2])
    entry_pieces = _entry_pieces(new_entries)
    answer_pieces = {
        (section_id, str(question_id)): piece
        for section_id, section in new_answers.items()
        for question_id, piece in _answer_pieces(section).items()
    }
    parts: list[str] = []
    entries = iter(entry_pieces)
    for item in layout:
        if isinstance(item, str):
            parts.append(item)
        elif item[0] == "entry":
            piece = next(entries)
            fresh.entries[id(item[1])] = _keep(item[1], piece)
            parts.append(piece)
        else:
            piece = answer_pieces[item[1]]
            section_id, question_id = item[1]
            fresh.answers[item[1]] = _keep(answers[section_id][question_id], piece)
            parts.append(piece)
    if kept is not None:
        kept.entries, kept.answers, kept.head = fresh.entries, fresh.answers, fresh.head
    return "".join(parts)


def _entry_pieces(entries: list[Any]) -> list[str]:
    """The pieces of `entries` (list entries, anywhere in the file), in order: written in one
    go by the fast emitter and proven in one read, one after the other as in a list; where
    that does not read back, each one on its own (`_entry_piece`)."""
    if not entries:
        return []
    try:
        pieces = _split_entries(_FORMS[0](entries, 96))
    except (yaml.YAMLError, UnicodeError):
        pieces = []
    if len(pieces) == len(entries) and _reads_back(
        "a:\n  b:\n    q:\n" + "".join(pieces) + "    - x\n",
        {"a": {"b": {"q": [*entries, "x"]}}},
    ):
        return pieces
    return [_entry_piece(entry) for entry in entries]


def _split_entries(text: str) -> list[str]:
    """A list written at column 0 as the pieces of its entries, each moved to column 4: an
    entry starts at a line that starts with `-` (its content lies further in)."""
    pieces: list[str] = []
    for line in _without_end(text).splitlines(True):
        if line.startswith("-"):
            pieces.append("")
        if not pieces:
            return []
        pieces[-1] += line if line == "\n" else "    " + line
    return pieces


def _answer_pieces(section: dict[Any, Any]) -> dict[Any, str]:
    """The pieces of the answers (no lists) of one section, by question id: each written on its
    own, proven together in one read; where that does not read back, each one on its own."""
    pieces = {}
    for question_id, value in section.items():
        try:
            pieces[question_id] = _indented(_FORMS[0]({question_id: value}, 96))
        except (yaml.YAMLError, UnicodeError):
            break
    else:
        if (
            _reads_back(
                "a:\n  b:\n" + "".join(pieces.values()) + "    zz: x\n",
                {"a": {"b": {**section, "zz": "x"}}},
            )
            and "zz" not in section
        ):
            return pieces
    return {
        question_id: _answer_piece(question_id, value) for question_id, value in section.items()
    }


def _head(data: dict[str, Any], previous: Pieces, fresh: Pieces) -> str:
    """Everything but the answers: a piece per key at the top, kept while its value is the
    same (most are; `updated_at` changes at every save). New pieces are written one by one
    and proven together, followed by a key as the next piece or `answers:` would follow."""
    parts: dict[str, str] = {}
    new: dict[str, Any] = {}
    for key, value in data.items():
        seen = previous.head.get(key)
        if seen is not None and same(seen[1] if seen[1] is not None else seen[0], value):
            fresh.head[key] = seen
            parts[key] = seen[2]
        else:
            new[key] = value
    if new:
        try:
            pieces = {key: _without_end(_FORMS[0]({key: value}, 100)) for key, value in new.items()}
        except (yaml.YAMLError, UnicodeError):
            pieces = {}
        if (
            len(pieces) != len(new)
            or "zz" in new
            or not _reads_back("".join(pieces.values()) + "zz: x\n", {**new, "zz": "x"})
        ):
            pieces = {key: _head_piece(key, value) for key, value in new.items()}
        for key, piece in pieces.items():
            fresh.head[key] = _keep(data[key], piece)
            parts[key] = piece
    return "".join(parts[key] for key in data)


def _head_piece(key: str, value: Any) -> str:
    """One key at the top of the file; proven with another key after it."""
    return _proven(
        {key: value, "zz": "x"},
        lambda form: _without_end(form({key: value}, 100)),
        after="zz: x\n",
    )


def _answer_piece(question_id: Any, value: Any) -> str:
    """One answer (not a list), under its section; proven with another answer after it."""
    return _proven(
        {"a": {"b": {question_id: value, "zz": "x"}}},
        lambda form: _indented(form({question_id: value}, 96)),
        before="a:\n  b:\n",
        after="    zz: x\n",
    )


def _entry_piece(entry: Any) -> str:
    """One list entry, under its question; proven with another entry after it."""
    return _proven(
        {"a": {"b": {"q": [entry, "x"]}}},
        lambda form: _indented(form([entry], 96)),
        before="a:\n  b:\n    q:\n",
        after="    - x\n",
    )


def _proven(
    expected: Any,
    make: Callable[[Callable[[Any, int], str]], str],
    before: str = "",
    after: str = "",
) -> str:
    """The first form made by `make` that reads back as `expected` where it stands: after
    `before` and followed by `after` (a piece of the file, with what may surround it there).
    Unfaithful when no form does."""
    for form in _FORMS:
        try:
            piece = make(form)
        except (yaml.YAMLError, UnicodeError):
            continue
        if _reads_back(before + piece + after, expected):
            return piece
    raise Unfaithful(_unfaithful_reason(expected))


def _without_end(text: str) -> str:
    """A piece without the end-of-document marker (`...` on a line of its own at its end) that
    the emitter adds after a text kept with its final line breaks: only the whole file may end
    there. (Not the `...` at the end of a text: `- Enzovoort...`.)"""
    return text[: -len("...\n")] if text == "...\n" or text.endswith("\n...\n") else text


@functools.lru_cache(maxsize=4096)
def _key(key: str) -> str:
    """A mapping key as YAML writes it (quoted where a reader would read something else)."""
    return dump([key])[2:].rstrip("\n")


def storable(text: str) -> str:
    """`text` with what no file can hold (halves of UTF-16 pairs) as U+FFFD: for a rescue copy
    only, which must keep whatever it can."""
    return _SURROGATE.sub("\ufffd", text)


def rescue_text(data: dict[str, Any], kept: Pieces | None = None) -> str:
    """The text of a rescue copy: as `session_text`, or, when that cannot be proven, every
    text double-quoted and anything no file can hold replaced by U+FFFD."""
    try:
        return session_text(data, kept)
    except Unfaithful:
        return _quoted(_storable_all(data), 100)


def _storable_all(value: Any) -> Any:
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, dict):
        return {_storable_all(k): _storable_all(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_storable_all(v) for v in value]
    return value
