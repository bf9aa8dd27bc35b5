"""Finding what a report covers: the session files, the one flow they answer, an event file.

A folder stands for the session files in it (`*.yaml`), except its event file (`event.yaml`)
and its edits file (`bewerkingen.yaml`), which are used when no `--event` or `--edits` is
given. All sessions must answer the same flow; it is found from what the sessions recorded
(see `session.flowref`), or given with `--flow`. Sessions are put in report order: by round,
then by group.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from limburglab import flow as flows
from limburglab.errors import ReportError
from limburglab.flow.model import Flow
from limburglab.messages import t
from limburglab.report import edits as edit_files
from limburglab.report import event as events
from limburglab.session import file as sessions
from limburglab.session import flowref, walker
from limburglab.session import rules as answer_rules
from limburglab.session.file import Session

SUFFIXES = (".yaml", ".yml")


@dataclass
class Found:
    flow: Flow
    #: In report order: by round, then by group.
    sessions: list[Session]
    #: The event file found beside the sessions, if any.
    event_path: Path | None
    #: The edits file (`bewerkingen.yaml`) found beside the sessions, if any.
    edits_path: Path | None = None


def find(paths: list[Path], flow_spec: str | None = None) -> Found:
    """Load the sessions at `paths` and their flow; raise if they answer different flows."""
    files, event_path, edits_path = _files(paths)
    loaded = [sessions.load(path) for path in files]
    by_flow: dict[str, list[str]] = {}
    for s in loaded:
        by_flow.setdefault(s.flow.id, []).append(str(s.path))
    if len(by_flow) > 1:
        listed = "; ".join(f"{flow_id} ({', '.join(names)})" for flow_id, names in by_flow.items())
        raise ReportError(t("report.different_flows", flows=listed))
    first = loaded[0]
    flow = flows.load(flow_spec) if flow_spec else flowref.find(first)
    if flow_spec and flow.id != first.flow.id:
        raise ReportError(
            t("report.flow_mismatch", path=first.path, found=first.flow.id, flow=flow.id)
        )
    return Found(flow, sorted(loaded, key=report_order), event_path, edits_path)


def choose(found: Found, *, complete_only: bool, warn: Callable[[str], None]) -> list[Session]:
    """The sessions to report, checked against the flow; unfinished ones with a warning."""
    chosen = []
    flow = found.flow
    for s in found.sessions:
        if s.flow.sha256 and s.flow.sha256 != flow.sha256:
            where = {"id": flow.id, "version": flow.version, "source": flow.source}
            warn(t("report.flow_changed", path=s.path, **where))
        if answer_rules.check(found.flow, s.answers):
            # Load again against the flow: it reports every problem with its line and column,
            # or leaves out the answers to questions that a changed flow no longer has.
            assert s.path is not None
            s = sessions.load(s.path, found.flow)
        if s.orphans:
            warn(t("report.dropped", path=s.path, answers=", ".join(s.orphan_paths())))
        s.answers = walker.active(found.flow, s.answers)
        if not _answered(s.answers):
            warn(t("report.no_answers", path=s.path))
            continue
        if not s.complete:
            warn(t("report.skipped" if complete_only else "report.in_progress", path=s.path))
            if complete_only:
                continue
        chosen.append(s)
    if not chosen:
        raise ReportError(t("report.none_complete" if complete_only else "report.none_answered"))
    _warn_about_copies(chosen, warn)
    return chosen


def _answered(answers: object) -> bool:
    """Whether any answer holds something: a session stopped at its first question has none."""
    if isinstance(answers, dict):
        return any(_answered(value) for value in answers.values())
    if isinstance(answers, list):
        return any(_answered(value) for value in answers)
    return answers not in (None, "")


def _warn_about_copies(chosen: list[Session], warn: Callable[[str], None]) -> None:
    """A session with the same group, round and answers as an earlier one is most likely a
    copy of it in the same folder: it would count twice."""
    first: dict[str, Session] = {}
    groups: dict[str, Session] = {}
    for s in chosen:
        key = json.dumps([s.meta.group, s.meta.round, s.answers], sort_keys=True, default=str)
        group = json.dumps([s.meta.group, s.meta.round], default=str)
        if key in first:
            warn(t("report.copy", path=s.path, original=first[key].path, group=s.meta.group))
        elif group in groups:  # a session continued in a side file, or a second run
            warn(t("report.same_group", path=s.path, other=groups[group].path, group=s.meta.group))
        first.setdefault(key, s)
        groups.setdefault(group, s)


def refuse_as_output(output: Path, found: Found) -> None:
    """A report never overwrites what it reads: an input, the event file or any session."""
    target = output.resolve()
    inputs = [s.path for s in found.sessions if s.path] + [found.event_path, found.edits_path]
    inputs.append(Path(found.flow.source) if Path(found.flow.source).is_file() else None)
    if any(path is not None and path.resolve() == target for path in inputs) or (
        output.is_file() and (_is_session(output) or _is_flow(output))
    ):
        raise ReportError(t("report.output_is_input", path=output))


def _head(path: Path) -> str:
    try:
        return path.read_bytes()[:4096].decode("utf-8", "replace")
    except OSError:
        return ""


def _is_session(path: Path) -> bool:
    head = _head(path)
    return bool(re.search(r"(?m)^answers:", head) and re.search(r"(?m)^flow:", head))


def _is_flow(path: Path) -> bool:
    """A flow file (kept beside the sessions it was run with), not a session."""
    head = _head(path)
    return bool(re.search(r"(?m)^sections:", head) and not re.search(r"(?m)^answers:", head))


def session_files(folder: Path) -> list[Path]:
    """The files in `folder` that stand for sessions: its YAML files but the event file, the
    edits file, a flow kept beside its sessions, and hidden ones (locks, drafts, temporary
    files). Raises OSError when the folder cannot be read."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in SUFFIXES
        and p.name not in events.FILE_NAMES
        and p.name not in edit_files.FILE_NAMES
        and not p.name.startswith(".")
        and p.is_file()
        and not _is_flow(p)
    )


def beside(folder: Path, names: tuple[str, ...]) -> Path | None:
    """The first of the files `names` (the event or the edits file) in `folder`, if any."""
    return next((folder / name for name in names if (folder / name).is_file()), None)


def _files(paths: list[Path]) -> tuple[list[Path], Path | None, Path | None]:
    files: list[Path] = []
    event_path = edits_path = None
    for path in paths:
        if not path.is_dir():
            files.append(path)  # a missing file is reported by the session loader, located
            continue
        inside = session_files(path)
        if not inside:
            raise ReportError(t("report.empty_folder", path=path))
        files += inside
        event_path = event_path or beside(path, events.FILE_NAMES)
        edits_path = edits_path or beside(path, edit_files.FILE_NAMES)
    seen: set[Path] = set()
    once = []
    for path in files:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            once.append(path)
    return once, event_path, edits_path


def report_order(s: Session) -> tuple[bool, int, list[str | int], str]:
    return (s.meta.round is None, s.meta.round or 0, _natural(s.meta.group), str(s.path))


def _natural(text: str) -> list[str | int]:
    """`Groep 2` before `Groep 10`."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", text)]
