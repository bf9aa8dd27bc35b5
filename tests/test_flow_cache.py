"""A flow that validated once is kept by its content, so a live session starts without pydantic;
a changed, broken or unreadable cache never changes what a flow means."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from limburglab import flow
from limburglab.errors import FlowError

GOOD = """\
id: test
title: Test
version: 1
sections:
  - id: a
    title: A
    questions:
      - id: q
        type: text
        prompt: P
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "limburglab"


def test_a_validated_flow_loads_later_without_pydantic(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text(GOOD)
    code = (
        "import sys; from pathlib import Path; from limburglab import flow; "
        f"f = flow.load(Path({str(path)!r})); print(f.id, f.sha256[:8], 'pydantic' in sys.modules)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache.parent)}
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert first.stdout.split()[2] == "True", first.stderr
    assert second.stdout.split() == [*first.stdout.split()[:2], "False"]


def test_a_changed_flow_is_validated_again(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text(GOOD)
    assert flow.load(path).sections[0].questions[0].prompt == "P"
    path.write_text(GOOD.replace("prompt: P", "promt: P"))
    with pytest.raises(FlowError, match="onbekende sleutel `promt`"):
        flow.load(path)


def test_a_broken_cache_entry_is_validated_again(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text(GOOD)
    flow.load(path)
    (entry,) = cache.iterdir()
    entry.write_bytes(b"not a pickle")
    loaded = flow.load(path)
    assert (loaded.id, loaded.source) == ("test", str(path))


def test_a_cache_that_cannot_be_written_only_costs_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "een-bestand"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    path = tmp_path / "flow.yaml"
    path.write_text(GOOD)
    assert flow.load(path).id == "test"


def test_a_flow_cached_by_another_python_or_library_is_checked_again(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache written by Python 3.11 once hid a flow model that crashed on 3.13: the key names
    the interpreter and the libraries installed beside pydantic."""
    from limburglab.flow import loading

    path = tmp_path / "flow.yaml"
    path.write_text(GOOD)
    flow.load(path)
    assert len(list(cache.iterdir())) == 1
    monkeypatch.setattr(sys.implementation, "cache_tag", "cpython-399")
    flow.load(path)
    assert len(list(cache.iterdir())) == 2
    monkeypatch.setattr(loading, "_installed_libraries", lambda: ["pydantic-9.9.dist-info"])
    flow.load(path)
    assert len(list(cache.iterdir())) == 3
