"""The session file: one subgroup's answers, saved after every confirmed answer.

Plain YAML with a fixed key order, so that diffs stay clean and secretaries can fix a typo by
hand. Writes are atomic (see `files.write_atomic`): a crash at any instant leaves a file that
loads and holds every answer confirmed before it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from limburglab import yamlsource
from limburglab.errors import Problem, SessionFileError, UsageError, WriteError
from limburglab.files import write_atomic
from limburglab.flow.model import Flow
from limburglab.messages import t
from limburglab.resources import data_dir
from limburglab.session import rules as answer_rules
from limburglab.session import tree
from limburglab.session.tree import Answers, Loc

FORMAT = 1
IN_PROGRESS = "in_progress"
COMPLETE = "complete"
META_KEYS = ("workshop", "date", "round", "group", "leader", "organisation", "participants")
_TOP_KEYS = (
    "format",
    "flow",
    "meta",
    "status",
    "started_at",
    "updated_at",
    "current",
    "skipped",
    "draft",
    "timing",
    "answers",
)


@dataclass
class Meta:
    """Who, when and where: asked before the first question."""

    workshop: str = ""
    date: str = ""
    round: int | None = None
    group: str = ""
    leader: str = ""
    organisation: str = ""
    participants: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in META_KEYS}


@dataclass
class FlowRef:
    """Which flow the answers belong to."""

    id: str
    version: str
    sha256: str
    source: str


@dataclass(frozen=True)
class Draft:
    """Text typed but not confirmed when the session stopped, at the place it was typed (a
    paragraph's confirmed lines are its answer already; its draft may be empty).

    `line` is the line of the answer (of a paragraph, or of a multiselect's values) that the
    text corrects; None for a new line.
    """

    loc: Loc
    text: str
    line: int | None = None


@dataclass
class Session:
    """One subgroup's session.

    `current` is where the leader is now (a slot's path, for viewers); `skipped` holds the
    places deliberately left empty (an optional question, or the empty line that closed a
    list), so that `resume` goes on at the first place neither answered nor skipped; `draft`
    is what was being typed when the session stopped.
    """

    flow: FlowRef
    meta: Meta = field(default_factory=Meta)
    status: str = IN_PROGRESS
    started_at: str = ""
    updated_at: str = ""
    current: str | None = None
    skipped: set[Loc] = field(default_factory=set)
    draft: Draft | None = None
    timing: dict[str, dict[str, int]] = field(default_factory=dict)
    answers: Answers = field(default_factory=dict)
    path: Path | None = None
    #: Answers to questions that are not in the (changed) flow: kept in the file, unused.
    orphans: Answers = field(default_factory=dict)
    #: The file as last read or written here (size, mtime, inode; its sha256): to notice other
    #: writers.
    stamp: tuple[int, int, int] | None = field(default=None, compare=False)
    digest: bytes = field(default=b"", compare=False, repr=False)
    _entries: dict[int, tuple[Any, str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def start(cls, flow: Flow, meta: Meta, path: Path) -> Session:
        now = timestamp()
        return cls(
            flow=FlowRef(flow.id, flow.version, flow.sha256, flow.source),
            meta=meta,
            started_at=now,
            updated_at=now,
            path=path,
            timing={
                s.id: {"planned": s.timebox or 0, "actual": 0} for s in flow.sections if s.timebox
            },
        )

    @property
    def complete(self) -> bool:
        return self.status == COMPLETE

    def get(self, section_id: str, question_id: str) -> Any:
        return self.answers.get(section_id, {}).get(question_id)

    def put(self, section_id: str, question_id: str, value: Any) -> None:
        """Record an answer; None removes it (a skipped question is absent from the file)."""
        tree.put(self.answers, (section_id, question_id), value)

    def mark(self, loc: Loc, *, answered: bool) -> None:
        """Record that the place at `loc` was answered, or deliberately left empty."""
        if answered:
            self.skipped.discard(loc)
        else:
            self.skipped.add(loc)

    def renumber(self, list_loc: Loc, mapping: dict[int, int | None]) -> None:
        """Keep `skipped` and the draft in step with entries that move (see `tree.shift`)."""
        self.skipped = tree.renumber(self.skipped, list_loc, mapping)
        if self.draft is not None:
            moved = tree.renumber({self.draft.loc}, list_loc, mapping)
            draft = self.draft
            self.draft = Draft(next(iter(moved)), draft.text, draft.line) if moved else None

    def keep_draft(self, loc: Loc, text: str, line: int | None = None) -> None:
        self.draft = Draft(loc, text, line)

    def draft_text(self, loc: Loc) -> str | None:
        """The draft typed at `loc`, if there is one there."""
        return self.draft.text if self.draft is not None and self.draft.loc == loc else None

    def orphan_paths(self) -> list[str]:
        return [f"{sid}.{qid}" for sid, section in self.orphans.items() for qid in section]

    def add_time(self, section_id: str, seconds: float, planned: int | None) -> None:
        entry = self.timing.setdefault(section_id, {"planned": planned or 0, "actual": 0})
        entry["actual"] = round(entry.get("actual", 0) + seconds)

    def to_dict(self) -> dict[str, Any]:
        answers = {k: dict(v) for k, v in self.answers.items()}
        for section_id, section in self.orphans.items():
            answers.setdefault(section_id, {}).update(section)
        data: dict[str, Any] = {
            "format": FORMAT,
            "flow": {
                "id": self.flow.id,
                "version": self.flow.version,
                "sha256": self.flow.sha256,
                "source": self.flow.source,
            },
            "meta": self.meta.as_dict(),
            "status": self.status,
            "started_at": self.started_at,
            "updated_at": self.updated_at,
            "current": self.current,
            "skipped": sorted(tree.format_loc(loc) for loc in self._live_skips()),
            "draft": draft_dict(self.draft) if self.draft is not None else None,
            "timing": self.timing,
            "answers": answers,
        }
        for key in ("current", "skipped", "draft"):
            if not data[key] or self.complete:
                del data[key]
        return data

    def _live_skips(self) -> set[Loc]:
        """The skips that still mean something: an entry that now exists is no longer skipped."""
        return {
            loc
            for loc in self.skipped
            if not isinstance(loc[-1], int) or loc[-1] >= len(tree.entries(self.answers, loc[:-1]))
        }

    def save(self, path: Path | None = None) -> Path:
        """Write the session atomically to `path` (default: where it was loaded or started).

        A file changed on disk since it was last read or written here (a hand edit, a second
        copy of the tool) is never overwritten: the session goes to a side file beside it, whose
        path is returned (and kept for the next saves). Raises WriteError when the disk refuses.
        """
        target = path or self.path
        assert target is not None, "a session needs a path before it can be saved"
        if path is None and self.stamp is not None and not self._as_left(target):
            target = side_path(target)
        self.updated_at = timestamp()
        data = self._yaml().encode("utf-8")
        write_atomic(target, data)
        self.path = target
        self.stamp, self.digest = _stamp(target), hashlib.sha256(data).digest()
        return target

    def _as_left(self, path: Path) -> bool:
        """Whether the file is as this session last read or wrote it: the same size, time and
        inode, or else (a sync tool or `touch` may rewrite it unchanged) the same content."""
        if _stamp(path) == self.stamp:
            return True
        try:
            return hashlib.sha256(path.read_bytes()).digest() == self.digest
        except OSError:
            return False

    def _yaml(self) -> str:
        """The file's text: as `dump(self.to_dict())`, with the YAML of list entries kept from
        the last save while the entry is the same object (entries are never changed in place,
        see `tree`), so that a list of thousands of entries is not written out anew each time."""
        data = self.to_dict()
        answers = data.pop("answers")
        kept, self._entries = self._entries, {}
        parts = [dump(data), "answers:"]
        if not answers:
            return parts[0] + "answers: {}\n"
        parts.append("\n")
        for section_id, section in answers.items():
            parts.append(f"  {_key(section_id)}:\n")
            plain: dict[str, Any] = {}  # answers that are no list, written together
            for question_id, value in section.items():
                if not isinstance(value, list) or not value:
                    plain[question_id] = value
                    continue
                if plain:
                    parts.append(_indented(dump(plain, width=96)))
                    plain = {}
                parts.append(f"    {_key(question_id)}:\n")
                for entry in value:
                    seen = kept.get(id(entry))
                    text = seen[1] if seen and seen[0] is entry else _indented(dump([entry], 96))
                    self._entries[id(entry)] = (entry, text)
                    parts.append(text)
            if plain:
                parts.append(_indented(dump(plain, width=96)))
        return "".join(parts)

    def rescue(self) -> Path | None:
        """Write a copy where it can (the user's data folder, else the temporary folder) when
        the session file itself cannot be written; its path, or None if nothing would take it."""
        name = (self.path.name if self.path else "sessie.yaml") or "sessie.yaml"
        source = self.flow.source
        if (
            self.path
            and not Path(source).is_absolute()
            and ("/" in source or source.endswith((".yaml", ".yml")))
        ):  # the copy lives elsewhere: it names its flow file in full
            self.flow.source = str((self.path.resolve().parent / source).resolve())
        for folder in rescue_folders():
            target = side_path(folder / name)
            try:
                write_atomic(target, dump(self.to_dict()))
            except WriteError:
                continue
            return target
        return None


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def side_path(path: Path) -> Path:
    """A free name beside `path` for a copy that must not overwrite it:
    `name.2026-11-29T14-52-07.yaml`."""
    moment = dt.datetime.now().strftime("%Y-%m-%dT%H-%M-%S")
    return free_path(path.with_name(f"{path.stem}.{moment}{path.suffix}"))


def rescue_folders() -> list[Path]:
    """Where rescue copies go: the user's data folder, else the temporary folder."""
    import tempfile

    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return [Path(data_home) / "limburglab" / "rescue", Path(tempfile.gettempdir()) / "limburglab"]


def flow_source(flow: Flow, session_path: Path) -> str:
    """How a session names its flow: a bundled flow by name, a file by its path relative to
    the session's folder (so that `resume` finds it from anywhere), else absolute."""
    if not flow.source or ("/" not in flow.source and not flow.source.endswith((".yaml", ".yml"))):
        return flow.source
    target = Path(flow.source).resolve()
    try:
        return os.path.relpath(target, session_path.parent.resolve())
    except ValueError:  # another drive
        return str(target)


def recorded_flow(session: Session) -> Flow:
    """The flow a session recorded: a path relative to the session's folder (or absolute), or
    the name of a bundled flow. A file there with another flow id is not this session's flow."""
    from limburglab.flow.loading import load as load_flow

    source = session.flow.source or session.flow.id
    folder = session.path.resolve().parent if session.path else Path()
    candidate = folder / source
    if candidate.is_file():
        flow = load_flow(candidate)
        if flow.id == session.flow.id:
            return flow
    elif "/" not in source and (data_dir("workshops") / f"{source}.yaml").is_file():
        return load_flow(source)
    raise UsageError(t("session.flow_not_found", path=session.path, source=source))


def timestamp() -> str:
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


def slug(text: str) -> str:
    """`Groep één` as `groep-een`: for file names."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "groep"


def default_path(folder: Path, meta: Meta, flow_id: str) -> Path:
    """`sessions/<date>-<flow id>-ronde-<n>-<group slug>.yaml` (without the round when there
    is none); it may exist already: a second session of the same group is `another_path`."""
    round_part = f"-{ROUND_WORD}-{meta.round}" if meta.round is not None else ""
    return folder / f"{meta.date}-{flow_id}{round_part}-{slug(meta.group)}.yaml"


ROUND_WORD = "ronde"  # file names are the same in every language: the examples use them
SESSION_WORD = "sessie"


def another_path(path: Path) -> Path:
    """A new session beside an existing one of the same group: `…-sessie-2.yaml`, `-3`, …"""
    number = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{SESSION_WORD}-{number}{path.suffix}")
        if not candidate.exists():
            return candidate
        number += 1


def free_path(path: Path) -> Path:
    """`path`, or `path-2`, `path-3`, … if it exists: never overwrite a session."""
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


# --- YAML out ---------------------------------------------------------------------------------

_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc]
    pass


def _represent_str(dumper: Any, value: str) -> Any:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _key(key: str) -> str:
    """A mapping key as YAML writes it (quoted where YAML would read something else)."""
    return dump([key])[2:].rstrip("\n")


def _indented(text: str) -> str:
    """A piece of YAML written at column 0, moved to column 4 (without its end-of-document
    marker, which only the whole file may need)."""
    text = text.removesuffix("...\n")
    return "".join(line if line == "\n" else "    " + line for line in text.splitlines(True))


def dump(data: Any, width: int = 100) -> str:
    """YAML for humans: keys in the given order, every character as typed, multi-line text as
    blocks.

    libyaml's fast emitter writes characters beyond the Basic Multilingual Plane (emoji) as
    `\\U0001F600` escapes; they travel through it as a pair of private-use characters that it
    keeps as they are, and come back afterwards. Text that holds such private-use characters
    itself goes through PyYAML's own (slower) emitter instead.
    """
    private, astral = _unusual(data)
    if private:
        return yamlsource.dump(data, width)
    text: str = yaml.dump(
        _hide_astral(data) if astral else data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=width,
        indent=2,
    )
    return _PAIR.sub(_astral, text) if astral else text


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


# --- YAML in ----------------------------------------------------------------------------------


def load(path: Path, flow: Flow | None = None, *, answers_only: bool = False) -> Session:
    """Load a session (or, with `answers_only`, an answers file) with located errors.

    With `flow`, the answers are checked against the flow's rules too. The file is never
    changed here.
    """
    doc = yamlsource.load(path, SessionFileError)
    data = doc.data
    if not isinstance(data, dict):
        raise SessionFileError([doc.problem((), t("session.not_mapping"))])
    if "sections" in data and "answers" not in data:
        raise SessionFileError([doc.problem((), t("session.is_flow", path=path))])
    problems = [
        doc.problem((key,), t("session.unknown_key", key=key, keys=", ".join(_TOP_KEYS)))
        for key in data
        if key not in _TOP_KEYS
    ]
    if not answers_only:
        problems += _check_header(doc)
    meta = _meta(doc, problems)
    raw_answers = data.get("answers") or {}
    orphans: dict[Any, Any] = {}
    if flow is not None and isinstance(raw_answers, dict) and not answers_only:
        recorded = data.get("flow")
        if not isinstance(recorded, dict) or recorded.get("sha256") != flow.sha256:
            raw_answers, orphans = _prune(flow, raw_answers)
    skipped = _skipped(doc, problems)
    draft = _draft(doc, problems)
    if flow is not None:
        problems += [
            doc.problem(
                ("answers", *loc), f"{answer_rules.format_loc(loc)}: {message}" if loc else message
            )
            for loc, message in answer_rules.check(flow, raw_answers)
        ]
    elif not isinstance(raw_answers, dict):
        problems.append(doc.problem(("answers",), t("answer.sections_mapping"), key=False))
    if problems:
        raise SessionFileError(problems, t("session.fix_and_retry", path=path))
    flow_data = data.get("flow") or {}
    status = data.get("status", IN_PROGRESS)
    return Session(
        flow=FlowRef(
            id=str(flow_data.get("id", flow.id if flow else "")),
            version=str(flow_data.get("version", flow.version if flow else "")),
            sha256=str(flow_data.get("sha256", "")),
            source=str(flow_data.get("source", flow.source if flow else "")),
        ),
        meta=meta,
        status=status if not answers_only else IN_PROGRESS,
        started_at=str(data.get("started_at") or ""),
        updated_at=str(data.get("updated_at") or ""),
        current=data.get("current") if isinstance(data.get("current"), str) else None,
        skipped=skipped,
        draft=draft,
        timing=_timing(data.get("timing")),
        answers=_normalise(raw_answers),
        path=path,
        orphans=_normalise(orphans),
        stamp=_stamp(path),
        digest=bytes.fromhex(doc.sha256),
    )


def _prune(flow: Flow, raw: dict[Any, Any]) -> tuple[dict[Any, Any], dict[Any, Any]]:
    """Split the answers of a changed flow: those whose question still exists, and the rest
    (kept in the file, never silently dropped)."""
    kept: dict[Any, Any] = {}
    orphans: dict[Any, Any] = {}
    for section_id, section_answers in raw.items():
        section = flow.section(str(section_id))
        if not isinstance(section_answers, dict):
            kept[section_id] = section_answers  # a wrong shape is reported, not moved aside
            continue
        known = {q.id for q in section.questions} if section else set()
        for key, value in section_answers.items():
            target = kept if key in known else orphans
            target.setdefault(section_id, {})[key] = value
    return kept, orphans


def _skipped(doc: yamlsource.Document, problems: list[Problem]) -> set[Loc]:
    raw = doc.data.get("skipped") or []
    if not isinstance(raw, list):
        problems.append(doc.problem(("skipped",), t("session.skipped"), key=False))
        return set()
    skipped: set[Loc] = set()
    for index, path in enumerate(raw):
        loc = tree.parse_loc(path) if isinstance(path, str) else None
        if loc is None:
            problems.append(doc.problem(("skipped", index), t("session.skipped"), key=False))
        else:
            skipped.add(loc)
    return skipped


def _draft(doc: yamlsource.Document, problems: list[Problem]) -> Draft | None:
    raw = doc.data.get("draft")
    if raw is None:
        return None
    draft = draft_from(raw)
    if draft is None:
        problems.append(doc.problem(("draft",), t("session.draft"), key=False))
    return draft


def draft_dict(draft: Draft) -> dict[str, Any]:
    """A draft as written: its path and text, and the line it corrects if any."""
    data: dict[str, Any] = {"path": tree.format_loc(draft.loc), "text": draft.text}
    if draft.line is not None:
        data["line"] = draft.line
    return data


def draft_from(raw: Any) -> Draft | None:
    """The inverse of `draft_dict`; None for anything that is no draft."""
    path = raw.get("path") if isinstance(raw, dict) else None
    loc = tree.parse_loc(path) if isinstance(path, str) else None
    text = raw.get("text", "") if isinstance(raw, dict) else None
    line = raw.get("line") if isinstance(raw, dict) else None
    if loc is None or not isinstance(text, str):
        return None
    if line is not None and (not isinstance(line, int) or isinstance(line, bool) or line < 0):
        return None
    return Draft(loc, text, line)


def _check_header(doc: yamlsource.Document) -> list[Problem]:
    data = doc.data
    problems = []
    if data.get("format") not in (None, FORMAT):
        problems.append(doc.problem(("format",), t("session.format", version=FORMAT), key=False))
    flow_data = data.get("flow")
    if not isinstance(flow_data, dict) or not isinstance(flow_data.get("id"), str):
        problems.append(doc.problem(("flow",), t("session.flow_missing")))
    if data.get("status", IN_PROGRESS) not in (IN_PROGRESS, COMPLETE):
        problems.append(doc.problem(("status",), t("session.status"), key=False))
    return problems


def _meta(doc: yamlsource.Document, problems: list[Problem]) -> Meta:
    raw = doc.data.get("meta") or {}
    if not isinstance(raw, dict):
        problems.append(doc.problem(("meta",), t("session.meta_mapping"), key=False))
        return Meta()
    meta = Meta()
    for key, value in raw.items():
        if key not in META_KEYS:
            problems.append(
                doc.problem(
                    ("meta", key), t("session.unknown_meta", key=key, keys=", ".join(META_KEYS))
                )
            )
        elif value is None:
            continue
        elif key in ("round", "participants"):
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                setattr(meta, key, value)
            else:
                problems.append(
                    doc.problem(("meta", key), t("session.meta_number", key=key), key=False)
                )
        elif isinstance(value, (str, int, float, dt.date)) and not isinstance(value, bool):
            setattr(meta, key, value.isoformat() if isinstance(value, dt.date) else str(value))
        else:
            problems.append(doc.problem(("meta", key), t("session.meta_text", key=key), key=False))
    return meta


def _timing(raw: Any) -> dict[str, dict[str, int]]:
    if not isinstance(raw, dict):
        return {}
    timing = {}
    for section_id, entry in raw.items():
        if isinstance(entry, dict):
            timing[str(section_id)] = {
                k: int(v) for k, v in entry.items() if isinstance(v, (int, float))
            }
    return timing


def _normalise(value: Any) -> Any:
    """Dates that YAML read as dates become text again; empty answers are dropped."""
    if isinstance(value, dict):
        return {str(k): _normalise(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
