"""Which flow a session answers: how the session records it, and finding it again.

Session folders travel (a USB stick, a synced folder, the secretary's laptop), so a session
records its flow by id, version and the sha256 of the flow file, and names the file by its path
relative to the session file, with `/` (a path written on Windows with `\\` is read too). The
flow is found again by what it is, not only by where it was: the recorded path, then beside the
session, in its folder's `flows/` and in the parent folder's, then among the bundled flows.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from limburglab import yamlsource
from limburglab.errors import FlowError, UsageError, WriteError
from limburglab.files import input_problem, write_atomic
from limburglab.flow.model import Flow
from limburglab.messages import t
from limburglab.resources import data_dir
from limburglab.session.file import Session, free_path

#: The folder beside the sessions where `run --copy-flow` puts the flow.
FLOWS_FOLDER = "flows"
_SUFFIXES = (".yaml", ".yml")


def record(flow: Flow, session_path: Path) -> str:
    """How a session names its flow file: a bundled flow by name, a file by its path relative
    to the session's folder with `/` (so that the folder can move), else absolute."""
    if not _is_path(flow.source):
        return flow.source
    return _relative(Path(flow.source), session_path)


def _relative(target: Path, session_path: Path) -> str:
    target = target.resolve()
    try:
        return Path(os.path.relpath(target, session_path.parent.resolve())).as_posix()
    except ValueError:  # another drive
        return target.as_posix()


def _is_path(source: str) -> bool:
    return bool(source) and ("/" in source or "\\" in source or source.endswith(_SUFFIXES))


@dataclass(frozen=True)
class _Candidate:
    path: Path
    #: Where it was looked for, as the error shows it: the file, or the folder searched.
    place: str
    bundled: bool = False

    @classmethod
    def file(cls, path: Path) -> _Candidate:
        """A file looked for by name (`usb/../flows/x.yaml` as `flows/x.yaml`)."""
        path = Path(os.path.normpath(path))
        return cls(path, path.as_posix())


def find(session: Session) -> Flow:
    """The flow a session was run with: the first file among the places it may be that has the
    recorded id, version and sha256, else the first with the same id and version (a changed
    flow: the caller compares `sha256` and says so). UsageError names every place looked at."""
    from limburglab.flow.loading import load as load_flow

    ref = session.flow
    seen: set[Path] = set()
    places: dict[str, str] = {}  # place -> the other version found there, if any
    same: Flow | None = None
    for candidate in _candidates(session):
        places.setdefault(candidate.place, "")
        key = candidate.path.resolve()
        if key in seen or input_problem(candidate.path) is not None:
            continue
        seen.add(key)
        try:
            raw = candidate.path.read_bytes()
        except OSError:
            continue
        exact = bool(ref.sha256) and hashlib.sha256(raw).hexdigest() == ref.sha256
        if not exact and (same is not None or _flow_id(candidate.path) != ref.id):
            continue
        try:
            flow = load_flow(candidate.path)
        except FlowError:
            continue  # a broken copy is no flow to answer with; another place may hold one
        if flow.id != ref.id:
            continue
        if candidate.bundled:  # a bundled flow is named by its name
            flow.source = candidate.path.stem
        if exact:
            return flow
        if ref.version and flow.version != ref.version:
            places[candidate.place] = places[candidate.place] or flow.version
            continue
        same = flow
    if same is not None:
        return same
    looked = [
        place + (t("flowref.other_version", version=version) if version else "")
        for place, version in places.items()
    ]
    raise UsageError(
        t(
            "flowref.not_found",
            path=session.path,
            id=ref.id,
            version=ref.version or "?",
            places="\n  ".join(looked),
        )
    )


def _candidates(session: Session) -> Iterator[_Candidate]:
    """The places the flow may be, in order: the recorded path, then the recorded file name
    (or `<id>.yaml`) beside the session, in its `flows/`, in the parent folder and its `flows/`,
    then every flow file in those `flows/` folders and beside the session, then the bundled
    flows."""
    ref = session.flow
    source = ref.source.replace("\\", "/")
    folder = session.path.parent if session.path else Path()
    parent = folder / ".." if folder.name in ("", "..") else folder.parent
    name = PurePosixPath(source).name if _is_path(source) else ""
    if name:
        yield _Candidate.file(
            Path(source) if PurePosixPath(source).is_absolute() else folder / source
        )
    for place in (folder, folder / FLOWS_FOLDER, parent, parent / FLOWS_FOLDER):
        for file_name in dict.fromkeys(n for n in (name, f"{ref.id}.yaml") if n):
            yield _Candidate.file(place / file_name)
    for place in (folder / FLOWS_FOLDER, parent / FLOWS_FOLDER, folder):
        label = (place / "*.yaml").as_posix()
        yield _Candidate(place, label)  # a folder is no flow: only its place is noted
        for path in _yaml_files(place):
            yield _Candidate(path, label)
    bundled = data_dir("workshops")
    label = t("flowref.bundled", names=", ".join(p.stem for p in _yaml_files(bundled)))
    for stem in dict.fromkeys((source, ref.id)):
        if stem and not _is_path(stem):
            yield _Candidate(bundled / f"{stem}.yaml", label, bundled=True)
    for path in _yaml_files(bundled):
        yield _Candidate(path, label, bundled=True)


def _yaml_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in _SUFFIXES and p.is_file())
    except OSError:
        return []


def _flow_id(path: Path) -> str | None:
    """The `id:` of a flow file, read without validating it (None for anything else, such as a
    session file beside it)."""
    try:
        data = yamlsource.load(path, FlowError).data
    except FlowError:
        return None
    if not isinstance(data, dict) or "sections" not in data:
        return None
    flow_id = data.get("id")
    return flow_id if isinstance(flow_id, str) else None


def copy_beside(flow: Flow, session_path: Path) -> tuple[str, str]:
    """`run --copy-flow`: the flow file in the `flows/` folder beside the session, so that a
    folder of sessions holds what it needs. A file of that name with other content is never
    replaced: the copy gets a free name beside it. Returns how the session names the copy
    (see `record`) and what was done, in words."""
    from limburglab.flow.loading import resolve

    original = Path(flow.source) if _is_path(flow.source) else resolve(flow.source)[0]
    try:
        data = original.read_bytes()
    except OSError as exc:  # gone since it was loaded
        reason = t("file.unreadable", reason=exc.strerror or exc)
        raise WriteError(f"{original}: {reason}; {t('flowref.copy_failed')}") from None
    folder = session_path.parent / FLOWS_FOLDER
    wanted = folder / (original.name if original.suffix in _SUFFIXES else f"{flow.id}.yaml")
    for existing in dict.fromkeys([wanted, *_yaml_files(folder)]):
        try:
            same = existing.read_bytes() == data
        except OSError:
            continue
        if same:
            return _relative(existing, session_path), t("flowref.copy_there", path=existing)
    target = free_path(wanted)
    try:
        write_atomic(target, data)
    except WriteError as exc:
        raise WriteError(f"{exc}; {t('flowref.copy_failed')}") from None
    if target != wanted:
        said = t("flowref.copied_beside", path=target, other=wanted)
    else:
        said = t("flowref.copied", path=target)
    return _relative(target, session_path), said
