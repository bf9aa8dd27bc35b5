"""The README is a promise: its commands exist and its examples are valid."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from typer.main import get_command
from typer.testing import CliRunner

from limburglab import flow
from limburglab.cli import app
from limburglab.session import rules as answers

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_quick_start_has_the_two_commands() -> None:
    shell = _blocks("sh")
    assert "uv run limburglab run\n" in shell
    assert "uv run --extra test pytest\n" in shell


def test_every_command_is_documented() -> None:
    for name in get_command(app).commands:  # type: ignore[attr-defined]
        assert f"`limburglab {name}" in README, name


def test_every_limburglab_command_in_the_readme_exists(runner: CliRunner) -> None:
    commands = set(get_command(app).commands)  # type: ignore[attr-defined]
    used = set(re.findall(r"(?:`|^|\$ |&& )limburglab ([a-z]+)", README, flags=re.M))
    assert used <= commands, used - commands


def test_the_flow_example_is_valid(tmp_path: Path) -> None:
    (example,) = [block for block in _blocks("yaml") if block.startswith("id: ")]
    path = tmp_path / "voorbeeld.yaml"
    path.write_text(example, encoding="utf-8")
    loaded = flow.load(path)
    assert [s.id for s in loaded.sections] == ["terugblik"]


def test_the_session_example_keeps_the_flow_rules() -> None:
    (example,) = [block for block in _blocks("yaml") if block.startswith("format: ")]
    data = yaml.safe_load(example)
    assert answers.check(flow.load("samenwerken"), data["answers"]) == []
