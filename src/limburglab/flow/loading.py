"""Finding and loading a flow: a bundled flow's name or a path, read, validated and cached.

A flow that validated once is kept in a small cache keyed by its content, like a `.pyc` file,
so a live session starts without importing pydantic at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import pickle
import sys
from pathlib import Path

from limburglab import system, yamlsource
from limburglab.errors import FlowError, Problem, UsageError, WriteError
from limburglab.files import write_atomic
from limburglab.flow.model import Flow
from limburglab.messages import did_you_mean, t
from limburglab.resources import data_dir


def bundled_flows() -> list[Path]:
    return sorted(data_dir("workshops").glob("*.yaml"))


def resolve(spec: str) -> tuple[Path, str]:
    """A FLOW argument (a path or a bundled flow's name) as a path and how to name its source."""
    path = Path(spec)
    if path.is_file() or "/" in spec or spec.endswith((".yaml", ".yml")):
        return path, str(path)
    bundled = data_dir("workshops") / f"{spec}.yaml"
    if bundled.is_file():
        return bundled, spec
    if path.exists():
        return path, str(path)  # a folder: loading it says so
    names = [p.stem for p in bundled_flows()]
    message = t("flow.unknown_name", name=spec, names=", ".join(names))
    raise UsageError(message + did_you_mean(spec, names))


def load(spec: str | Path) -> Flow:
    """Load a flow, or raise FlowError with every problem in it."""
    path, source = (spec, str(spec)) if isinstance(spec, Path) else resolve(spec)
    text, sha256 = yamlsource.read_text(path, FlowError)
    flow = _cached(sha256)
    if flow is None:
        from limburglab.flow.validation import validate  # pydantic: new or changed flows only

        flow = validate(
            yamlsource.parse(text, path, FlowError, sha256, max_depth=yamlsource.FLOW_MAX_DEPTH)
        )
        _store(sha256, flow)
    flow.source, flow.sha256 = source, sha256
    return flow


def check_file(spec: str) -> list[Problem]:
    """Every problem in a flow file (a path or a bundled flow's name), never from a cache."""
    from limburglab.flow.validation import check  # pydantic: only when validating

    path = Path(spec) if Path(spec).exists() else resolve(spec)[0]
    try:
        return check(yamlsource.load(path, FlowError, max_depth=yamlsource.FLOW_MAX_DEPTH))
    except FlowError as exc:
        return exc.problems


def bundled_id_warning(spec: str, flow_id: str | None = None) -> str | None:
    """A warning when a flow file that is not bundled has the id of a bundled flow (a copy that
    kept it): its sessions would pass for sessions of the bundled flow in a report. The id is
    read from the file when it is not given."""
    path = Path(spec) if Path(spec).exists() else resolve(spec)[0]
    bundled = {p.resolve(): p.stem for p in bundled_flows()}
    if not path.is_file() or path.resolve() in bundled:
        return None
    if flow_id is None:
        try:
            data = yamlsource.load(path, FlowError, max_depth=yamlsource.FLOW_MAX_DEPTH).data
        except FlowError:
            return None  # its problems are reported on their own
        flow_id = data.get("id") if isinstance(data, dict) else None
    if flow_id not in bundled.values():
        return None
    return t("flow.bundled_id", path=spec, id=flow_id)


def _cache_file(sha256: str) -> Path:
    """Where a validated flow is kept: by its content and the code that validated it."""
    return system.cache_folder() / f"flow-{_code_key()}-{sha256}.pickle"


def _code_key() -> str:
    """Changes with any module of the package, the interpreter, and any library installed beside
    pydantic, so a cached flow never outlives the code that checked it (a flow checked by another
    Python or another pydantic is checked again)."""
    package = Path(__file__).parent.parent
    digest = hashlib.sha256(f"{sys.implementation.cache_tag} {sys.version}".encode())
    for module in sorted(package.rglob("*.py")):
        digest.update(module.relative_to(package).as_posix().encode())
        digest.update(module.read_bytes())
    digest.update(" ".join(_installed_libraries()).encode())
    return digest.hexdigest()[:16]


def _installed_libraries() -> list[str]:
    """The names (with versions) of the distributions in the folder pydantic is installed in,
    read from the folder without importing pydantic."""
    spec = importlib.util.find_spec("pydantic")
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(next(iter(spec.submodule_search_locations))).parent
    return sorted(entry.name for entry in folder.glob("*.dist-info"))


def _cached(sha256: str) -> Flow | None:
    try:
        flow = pickle.loads(_cache_file(sha256).read_bytes())
    except Exception:  # no cache, or one that no longer fits: validate again
        return None
    return flow if isinstance(flow, Flow) else None


def _store(sha256: str, flow: Flow) -> None:
    with contextlib.suppress(WriteError):  # a read-only home only costs speed
        write_atomic(_cache_file(sha256), pickle.dumps(flow))
