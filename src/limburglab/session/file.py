"""The session file: one subgroup's answers, saved after every confirmed answer.

Plain YAML with a fixed key order, so that diffs stay clean and secretaries can fix a typo by
hand. Writes are atomic (see `files.write_atomic`): a crash at any instant leaves a file that
loads and holds every answer confirmed before it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from limburglab import yamlsource
from limburglab.errors import Problem, SessionFileError, UsageError
from limburglab.files import write_atomic
from limburglab.flow.model import Flow
from limburglab.messages import t
from limburglab.resources import data_dir
from limburglab.session import rules as answer_rules

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


@dataclass
class Session:
    """One subgroup's session."""

    flow: FlowRef
    meta: Meta = field(default_factory=Meta)
    status: str = IN_PROGRESS
    started_at: str = ""
    updated_at: str = ""
    current: str | None = None
    timing: dict[str, dict[str, int]] = field(default_factory=dict)
    answers: answer_rules.Answers = field(default_factory=dict)
    path: Path | None = None
    #: Answers dropped on loading because their question is no longer in the changed flow.
    dropped: list[str] = field(default_factory=list)

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
        section = self.answers.setdefault(section_id, {})
        if value is None or value == [] or value == "":
            section.pop(question_id, None)
            if not section:
                del self.answers[section_id]
        else:
            section[question_id] = value

    def add_time(self, section_id: str, seconds: float, planned: int | None) -> None:
        entry = self.timing.setdefault(section_id, {"planned": planned or 0, "actual": 0})
        entry["actual"] = round(entry.get("actual", 0) + seconds)

    def to_dict(self) -> dict[str, Any]:
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
            "timing": self.timing,
            "answers": self.answers,
        }
        if self.current is None or self.complete:
            del data["current"]
        return data

    def save(self, path: Path | None = None) -> None:
        """Write the session atomically to `path` (default: where it was loaded or started)."""
        target = path or self.path
        assert target is not None, "a session needs a path before it can be saved"
        self.updated_at = timestamp()
        write_atomic(target, dump(self.to_dict()))
        self.path = target


def recorded_flow(session: Session) -> Flow:
    """The flow a session recorded: a path (from here or from the session's folder), or the
    name of a bundled flow."""
    from limburglab import flow as flows

    source = session.flow.source or session.flow.id
    folder = session.path.parent if session.path else Path()
    for candidate in (Path(source), folder / source):
        if candidate.is_file():
            return flows.load(candidate)
    if "/" not in source and (data_dir("workshops") / f"{source}.yaml").is_file():
        return flows.load(source)
    raise UsageError(t("session.flow_not_found", path=session.path, source=source))


def timestamp() -> str:
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


def slug(text: str) -> str:
    """`Groep één` as `groep-een`: for file names."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "groep"


def default_path(folder: Path, meta: Meta, flow_id: str) -> Path:
    """`sessions/<date>-<flow id>-<group slug>.yaml`, or the first free name beside it."""
    stem = f"{meta.date}-{flow_id}-{slug(meta.group)}"
    return free_path(folder / f"{stem}.yaml")


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


def dump(data: Any) -> str:
    """YAML for humans: keys in the given order, Unicode as is, multi-line text as blocks."""
    text: str = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2
    )
    return text


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
    dropped: list[str] = []
    if flow is not None and isinstance(raw_answers, dict) and not answers_only:
        recorded = data.get("flow")
        if not isinstance(recorded, dict) or recorded.get("sha256") != flow.sha256:
            raw_answers, dropped = _prune(flow, raw_answers)
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
        timing=_timing(data.get("timing")),
        answers=_normalise(raw_answers),
        path=path,
        dropped=dropped,
    )


def _prune(flow: Flow, raw: dict[Any, Any]) -> tuple[dict[Any, Any], list[str]]:
    """Keep the answers of questions that still exist in a changed flow."""
    kept: dict[Any, Any] = {}
    dropped: list[str] = []
    for section_id, section_answers in raw.items():
        section = flow.section(str(section_id))
        if section is None or not isinstance(section_answers, dict):
            dropped.append(str(section_id))
            continue
        known = {q.id for q in section.questions}
        kept[section_id] = {k: v for k, v in section_answers.items() if k in known}
        dropped += [f"{section_id}.{k}" for k in section_answers if k not in known]
    return kept, dropped


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
