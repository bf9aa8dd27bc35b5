"""Shared fixtures: writing flow files, running the CLI, and Dutch, plain, deterministic output."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from limburglab import messages

WriteFlow = Callable[..., Path]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `posix` (a pty, SIGHUP, tmpfs) are skipped on Windows; elsewhere they run."""
    if os.name == "posix":
        return
    skip = pytest.mark.skip(reason="needs a POSIX system")
    for item in items:
        if "posix" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True, scope="session")
def own_flow_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Validated flows are cached under XDG_CACHE_HOME: keep the tests' cache to themselves."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("data"))  # rescue copies
    # `uv run pytest` (the README's test command) marks its processes; limburglab would then
    # tell the tests' sessions to resume with `uv run limburglab`.
    os.environ.pop("UV_RUN_RECURSION_DEPTH", None)


@pytest.fixture(autouse=True)
def dutch_plain_output(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Messages in Dutch, no colours and a fixed width, whatever the developer's terminal."""
    monkeypatch.setenv("LIMBURGLAB_LANG", "nl")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    before = messages.language()
    messages.set_language("nl")
    yield
    messages.set_language(before)


@pytest.fixture
def write_flow(tmp_path: Path) -> WriteFlow:
    """`write_flow(text, name="flow.yaml")`: write dedented text (or raw bytes), return the path."""

    def write(content: str | bytes, name: str = "flow.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
        return path

    return write


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
