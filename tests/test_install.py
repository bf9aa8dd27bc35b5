"""The package as a user gets it: installed, not editable, in a fresh virtualenv, run elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
TIMEOUT = 600


def run(args: list[str | Path], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def test_installed_package_runs_from_another_directory(tmp_path: Path) -> None:
    env = {**os.environ, "LIMBURGLAB_LANG": "nl", "NO_COLOR": "1", "COLUMNS": "120"}
    for name in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"):
        env.pop(name, None)
    venv = tmp_path / "venv"
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")

    # uv (a test extra, as in the README) builds the wheel and installs it in a fresh venv.
    uv = [sys.executable, "-m", "uv"]
    run([*uv, "venv", "--quiet", "--python", sys.executable, venv], cwd=tmp_path, env=env)
    run(
        [*uv, "pip", "install", "--quiet", "--python", bin_dir / "python", REPO],
        cwd=tmp_path,
        env=env,
    )

    # The installed copy, with its own bundled workshops, is what runs: not the source tree.
    where = run(
        [
            bin_dir / "python",
            "-c",
            "from limburglab.resources import data_dir; print(data_dir('workshops'))",
        ],
        cwd=tmp_path,
        env=env,
    )
    assert Path(where.stdout.strip()).is_relative_to(venv)

    # The board's page travels in the wheel beside the code.
    page = run(
        [
            bin_dir / "python",
            "-c",
            "from limburglab.board.app import page_html; print(len(page_html()))",
        ],
        cwd=tmp_path,
        env=env,
    )
    assert int(page.stdout) > 1000

    flows = run([bin_dir / "limburglab", "flows"], cwd=tmp_path, env=env)
    assert "Samenwerken" in flows.stdout
    assert "Evaluatie en vervolg" in flows.stdout

    show = run([bin_dir / "limburglab", "show", "samenwerken"], cwd=tmp_path, env=env)
    assert show.stdout.startswith("Samenwerken (samenwerken, versie 1)")
    assert "Thema’s voor samenwerking" in show.stdout

    validate = run([bin_dir / "limburglab", "validate", "samenwerken"], cwd=tmp_path, env=env)
    assert validate.stdout == "samenwerken: in orde\n"
