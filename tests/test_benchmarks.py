"""The benchmark keeps working: one quick run, every figure's row printed.

Budgets are not asserted here (timings in a test suite are noise); `benchmarks/run.py` without
`--quick` judges them.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RUN = REPO / "benchmarks" / "run.py"

#: Every figure's row, as a pattern (sizes differ in quick mode) and how often it occurs.
ROWS = {
    r"floor: --help of a two-command Typer app": 1,
    r"limburglab --help ": 1,
    r"floor: python -c 'import typer' ": 1,
    r"limburglab --version ": 1,
    r"floor: python -c 'import typer, questionary, yaml, jinja2'": 1,
    r"limburglab run, start to first question": 1,
    r"record one confirmed line, \d+ answers held": 1,
    r"record one confirmed line, \d+-entry list": 1,
    r"one answer, \d+ questions with `when`, \d+ answers held": 1,
    r"limburglab validate, bundled flow": 1,
    r"limburglab validate, \d+ questions": 1,
    r"limburglab report Markdown, examples": 1,
    r"limburglab report PDF, examples": 1,
    r"limburglab report PDF, \d+ sessions": 2,
    r"limburglab report Word, \d+ sessions": 1,
    r"tidy suggestions, \d+ points": 1,
    r"limburglab board, session saved to change at the page": 1,
    r"limburglab board, the page": 1,
}


@pytest.mark.slow
@pytest.mark.posix  # the benchmarks drive the terminal through pexpect.spawn
def test_quick_benchmark_runs_and_prints_every_figure() -> None:
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for pattern, count in ROWS.items():
        assert len(re.findall(pattern, done.stdout)) == count, (pattern, done.stdout)
