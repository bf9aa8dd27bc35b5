"""The session file: one subgroup's answers, saved after every confirmed answer.

Plain YAML with a fixed key order, so that diffs stay clean and secretaries can fix a typo by
hand. Writes are atomic (see `files.write_atomic`): a crash at any instant leaves a file that
loads and holds every answer confirmed before it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from limburglab import yamlsource
from limburglab.errors import Problem, SessionFileError, WriteError
from limburglab.files import os_reason, write_atomic, write_in_place
from limburglab.flow.model import Flow, ListQuestion, ParagraphQuestion, TextQuestion
from limburglab.messages import t
from limburglab.session import rules as answer_rules
from limburglab.session import tree
from limburglab.session.tree import Answers, Loc
from limburglab.session.yamltext import Pieces, Unfaithful, rescue_text, same, session_text
from limburglab.session.yamltext import dump as dump  # the writer's, also for the edits file

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
    _pieces: Pieces = field(default_factory=Pieces, init=False, repr=False, compare=False)
    #: Whether the last rescue copy, read back, holds every answer as it is (it marks what no
    #: file can hold, such as half a UTF-16 pair, with U+FFFD).
    rescued_all: bool = field(default=True, init=False, repr=False, compare=False)

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
        path is returned (and kept for the next saves).

        The text is proven to read back as the session before it replaces the file (see
        `yamltext`), and the file is read back after: a save that returns is on disk, which is
        what the messages that say "opgeslagen" rely on. A file with more than one name (a hard
        link) is written in place, so that every name keeps showing the session (see
        `files.write_in_place`). Raises WriteError when the text cannot be proven, when the disk
        refuses, or when the file does not hold what was written; the old file is kept then.
        """
        target = path or self.path
        assert target is not None, "a session needs a path before it can be saved"
        if path is None and self.stamp is not None and not self._as_left(target):
            target = side_path(target)
        self.updated_at = timestamp()
        try:
            data = self._yaml().encode("utf-8")
        except Unfaithful as exc:
            raise WriteError(t("file.cannot_write", path=target, reason=exc)) from None
        if _links(target) > 1:
            write_in_place(target, data, saving_path(target))
        else:
            write_atomic(target, data)
        try:
            on_disk = target.read_bytes()
        except OSError as exc:
            on_disk, reason = b"", os_reason(exc)
        else:
            reason = t("session.not_as_written")
        if on_disk != data:
            raise WriteError(t("file.cannot_write", path=target, reason=reason))
        self.path = target
        self.stamp, self.digest = _stamp(target), hashlib.sha256(data).digest()
        return target

    def on_disk(self) -> bytes | None:
        """The session file's bytes now (None when there is none or it cannot be read): to
        compare with the file later (`changed_since`)."""
        try:
            return self.path.read_bytes() if self.path is not None else None
        except OSError:
            return None

    def changed_since(self, before: bytes | None) -> bool:
        """Whether the session file now holds other data than `before` (its bytes then): the
        answers, who and when, the status, a draft. The moment it was saved, the cursor and
        the clock do not count. For a message that says what happened to the file."""
        return _content(before) != _content(self.on_disk())

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
        """The file's text, by the one writer (`yamltext.session_text`): proven to read back as
        the answers; pieces of the last save are kept while their answer is the same."""
        return session_text(self.to_dict(), self._pieces)

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
        data = self.to_dict()
        text = rescue_text(data, self._pieces)
        for folder in rescue_folders():
            target = side_path(folder / name)
            try:
                write_atomic(target, text)
                self.rescued_all = _holds(target, data)
            except WriteError:
                continue
            return target
        return None


def _content(data: bytes | None) -> dict[str, Any] | None:
    """A session file's data but for `updated_at`, `current` and `timing` (None for none)."""
    if data is None:
        return None
    try:
        parsed = yamlsource.parse(data.decode("utf-8"), Path(), SessionFileError).data
    except (SessionFileError, UnicodeDecodeError):
        return {"unreadable": hashlib.sha256(data).hexdigest()}
    if not isinstance(parsed, dict):
        return {"unreadable": hashlib.sha256(data).hexdigest()}
    return {k: v for k, v in parsed.items() if k not in ("updated_at", "current", "timing")}


def _holds(path: Path, data: dict[str, Any]) -> bool:
    """Whether the file at `path`, read back, holds the answers and the rest of `data`."""
    try:
        written = yamlsource.load(path, SessionFileError).data
    except SessionFileError:
        return False
    return isinstance(written, dict) and same(written.get("answers"), data.get("answers"))


def saving_path(path: Path) -> Path:
    """Where a save in place keeps the whole new text until the file holds it."""
    return path.with_name(f".{path.name}.saving")


def _links(path: Path) -> int:
    """How many names the file at `path` has (0 when there is none)."""
    try:
        return path.stat().st_nlink
    except OSError:
        return 0


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


def newest_side(path: Path) -> Path | None:
    """The newest side file a session at `path` moved to (see `side_path`; a side file of a
    side file too), or None."""
    stamp = r"\.(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)(?:-(\d+))?"
    pattern = re.compile(rf"{re.escape(path.stem)}((?:{stamp})+){re.escape(path.suffix)}")
    newest: tuple[tuple[str, int], int] | None = None
    found = None
    try:
        names = [p.name for p in path.parent.iterdir()]
    except OSError:
        return None
    for name in names:
        match = pattern.fullmatch(name)
        if match is None:
            continue
        stamps = re.findall(stamp, match.group(1))
        moment, number = stamps[-1]
        key = ((moment, int(number or 1)), len(stamps))
        if newest is None or key > newest:
            newest, found = key, path.with_name(name)
    return found


def rescue_folders() -> list[Path]:
    """Where rescue copies go: the user's data folder, else the temporary folder."""
    import tempfile

    from limburglab.system import data_folder

    return [data_folder() / "rescue", Path(tempfile.gettempdir()) / "limburglab"]


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


# --- YAML in ----------------------------------------------------------------------------------


def load(path: Path, flow: Flow | None = None, *, answers_only: bool = False) -> Session:
    """Load a session (or, with `answers_only`, an answers file) with located errors.

    With `flow`, the answers are checked against the flow's rules too. The file is never
    changed here.
    """
    _check_interrupted_save(path)
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
    if answers_only and flow is not None and isinstance(raw_answers, dict):
        raw_answers = _without_empties(flow, raw_answers, skipped)
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
        answers=_texts_as_text(flow, _normalise(raw_answers)) if flow else _normalise(raw_answers),
        path=path,
        orphans=_normalise(orphans),
        stamp=_stamp(path),
        digest=bytes.fromhex(doc.sha256),
    )


def _check_interrupted_save(path: Path) -> None:
    """A save in place (see `files.write_in_place`) that stopped halfway leaves the whole new
    text beside the file; the file itself may then be cut off anywhere, even where it still
    reads. Refuse it, naming both, rather than read a part of the answers as the whole."""
    copy = saving_path(path)
    try:
        left = copy.read_bytes()
    except OSError:
        return
    try:
        same_text = path.read_bytes() == left
    except OSError:
        same_text = False
    if not same_text:
        raise SessionFileError([Problem(path, 1, 1, t("session.interrupted_save", copy=copy))])


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


def _without_empties(flow: Flow, raw: dict[Any, Any], skipped: set[Loc]) -> dict[Any, Any]:
    """An answers file's answers without those it leaves empty on purpose (`~`, `[]`, `{}` or
    `''`); their places go into `skipped`, as an empty answer given live would put them (a
    list's empty first entry for an empty list)."""

    def empty(value: Any) -> bool:
        return value is None or value in ("", [], {})

    def place(question: Any, loc: Loc) -> Loc:
        return (*loc, 0) if isinstance(question, ListQuestion) else loc

    def entries(question: ListQuestion, value: list[Any], loc: Loc) -> list[Any]:
        followups = {f.id: f for f in question.item}
        kept = []
        for index, entry in enumerate(value):
            if isinstance(entry, dict):
                entry = dict(entry)
                for key in [k for k in entry if k in followups and empty(entry[k])]:
                    skipped.add(place(followups[key], (*loc, index, key)))
                    del entry[key]
                for key, followup in followups.items():
                    if isinstance(followup, ListQuestion) and isinstance(entry.get(key), list):
                        entry[key] = entries(followup, entry[key], (*loc, index, key))
            kept.append(entry)
        return kept

    result: dict[Any, Any] = {}
    for section_id, answers in raw.items():
        section = flow.section(str(section_id))
        if section is None or not isinstance(answers, dict):
            result[section_id] = answers  # reported by the rules, with its line
            continue
        questions = {q.id: q for q in section.questions}
        result[section_id] = {}
        for key, value in answers.items():
            question = questions.get(str(key))
            loc: Loc = (str(section_id), str(key))
            if question is not None and empty(value):
                skipped.add(place(question, loc))
                continue
            if isinstance(question, ListQuestion) and isinstance(value, list):
                value = entries(question, value, loc)
            result[section_id][key] = value
        if answers and not result[section_id]:
            del result[section_id]  # every answer of the section left empty
    return result


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


def _texts_as_text(flow: Flow, answers: Answers) -> Answers:
    """Answers to text questions that YAML read as numbers (`hoofdstuk: 1.10`) as the text
    they were written as, so that they are written back as text, quoted: YAML 1.1 readers
    would read them as numbers (1.1), and `0123` even as 83."""
    result = dict(answers)
    for section in flow.sections:
        given = answers.get(section.id)
        if isinstance(given, dict):
            result[section.id] = _question_texts(section.questions, given)
    return result


def _question_texts(questions: Any, values: dict[str, Any]) -> dict[str, Any]:
    result = dict(values)
    for question in questions:
        value = values.get(question.id)
        if isinstance(question, (TextQuestion, ParagraphQuestion)):
            text = answer_rules.as_text(value)
            if text is not None and not isinstance(value, str):
                result[question.id] = text
        elif isinstance(question, ListQuestion) and isinstance(value, list):
            result[question.id] = [_entry_texts(question, entry) for entry in value]
    return result


def _entry_texts(question: ListQuestion, entry: Any) -> Any:
    if not isinstance(entry, dict):
        text = answer_rules.as_text(entry)
        return text if text is not None else entry
    result = _question_texts(question.item, entry)
    text = answer_rules.as_text(entry.get("text"))
    if text is not None:
        result["text"] = text
    return result


def _normalise(value: Any) -> Any:
    """Dates that YAML read as dates become text again; empty answers are dropped."""
    if isinstance(value, dict):
        return {str(k): _normalise(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
