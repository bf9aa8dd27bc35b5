"""`kill -9` at any instant leaves a session file that loads and holds every confirmed answer.

A `--plain` run is fed one line at a time. An answer counts as confirmed once the prompt for the
next input line has appeared on stderr: the session must have been saved by then.
"""

from __future__ import annotations

import contextlib
import os
import random
import select
import signal
import subprocess
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from limburglab import flow as flows
from limburglab import session as sessions
from processes import LIMBURGLAB

pytestmark = pytest.mark.posix  # SIGKILL, and select() on a pipe

PROMPT = b"> "  # written right before each input line is read
META = [
    "--group", "G", "--leader", "L", "--organisation", "O",
    "--round", "1", "--participants", "5", "--date", "2026-11-29",
]  # fmt: skip

FLOW = """\
    id: kort
    title: Kort
    version: 1
    sections:
      - id: s
        title: Eén onderdeel
        questions:
          - id: naam
            type: text
            prompt: Naam
          - id: punten
            type: list
            prompt: Punt
          - id: plaats
            type: text
            prompt: Plaats
          - id: notitie
            type: text
            prompt: Notitie
"""
# (input line, the answers once it is confirmed)
SCRIPT: list[tuple[str, dict[str, Any]]] = [
    ("Jan", {"naam": "Jan"}),
    ("één", {"naam": "Jan", "punten": ["één"]}),
    ("twee", {"naam": "Jan", "punten": ["één", "twee"]}),
    ("drie", {"naam": "Jan", "punten": ["één", "twee", "drie"]}),
    ("", {"naam": "Jan", "punten": ["één", "twee", "drie"]}),  # end of the list
    ("Maastricht", {"naam": "Jan", "punten": ["één", "twee", "drie"], "plaats": "Maastricht"}),
    ("’t café", {"naam": "Jan", "punten": ["één", "twee", "drie"], "plaats": "Maastricht",
                 "notitie": "’t café"}),
    ("", None),  # the section review: go on
    ("", None),  # the final review: finish
]  # fmt: skip

FOLLOW_UP_FLOW = FLOW.replace(
    "            prompt: Punt\n",
    "            prompt: Punt\n"
    "            item:\n"
    "              - id: uitleg\n"
    "                type: text\n"
    "                prompt: Uitleg\n",
)
FOLLOW_UP_SCRIPT: list[tuple[str, dict[str, Any] | None]] = [
    ("Jan", {"naam": "Jan"}),
    ("één", {"naam": "Jan", "punten": ["één"]}),  # confirmed once its follow-up is asked
    ("u1", {"naam": "Jan", "punten": [{"text": "één", "uitleg": "u1"}]}),
    ("twee", {"naam": "Jan", "punten": [{"text": "één", "uitleg": "u1"}, "twee"]}),
    ("", {"naam": "Jan", "punten": [{"text": "één", "uitleg": "u1"}, "twee"]}),
    ("", {"naam": "Jan", "punten": [{"text": "één", "uitleg": "u1"}, "twee"]}),
]


def states(script: list[tuple[str, Any]]) -> list[dict[str, Any]]:
    """The answers after each line: state[0] before any line, state[i] after line i."""
    result: list[dict[str, Any]] = [{}]
    for _, answers in script:
        result.append(answers if answers is not None else result[-1])
    return result


class Run:
    """One `--plain` run of the flow with stdin and stderr as pipes."""

    def __init__(self, cwd: Path) -> None:
        env = {**os.environ, "NO_COLOR": "1", "LIMBURGLAB_LANG": "nl"}
        self.process = subprocess.Popen(
            [LIMBURGLAB, "run", "flow.yaml", "--plain", "--session", "s.yaml", *META],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=env,
        )
        self.err = b""

    def prompts(self) -> int:
        return self.err.count(PROMPT)

    def wait_for_prompt(self, count: int, timeout: float = 10.0) -> bool:
        """Read stderr until `count` input prompts have appeared; False if the run ended."""
        assert self.process.stderr is not None
        deadline = time.monotonic() + timeout
        while self.prompts() < count:
            left = deadline - time.monotonic()
            assert left > 0, f"no prompt {count} within {timeout}s:\n{self.err.decode()}"
            ready, _, _ = select.select([self.process.stderr], [], [], left)
            if ready:
                chunk = os.read(self.process.stderr.fileno(), 65536)
                if not chunk:
                    return False
                self.err += chunk
        return True

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write((line + "\n").encode("utf-8"))
        self.process.stdin.flush()

    def end_input(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        for pipe in (self.process.stdin, self.process.stderr):
            if pipe is not None:
                with contextlib.suppress(BrokenPipeError):
                    pipe.close()


def check_after_kill(folder: Path, flow: flows.Flow, allowed: list[dict[str, Any]]) -> None:
    """The file is whole, loads, and holds one of the `allowed` answer states (the first one is
    what was confirmed before the kill; a later one was in flight)."""
    leftovers = [
        p.name
        for p in folder.iterdir()
        if p.name not in ("flow.yaml", "s.yaml", ".s.yaml.lock")  # ends with its process
        and not (p.name.startswith(".s.yaml.") and p.name.endswith(".tmp"))
    ]
    assert leftovers == []
    path = folder / "s.yaml"
    if not path.exists():
        assert allowed[0] == {}, "answers were confirmed but no session file exists"
        return
    loaded = sessions.load(path, flow)
    held = loaded.answers.get("s", {})
    assert held in allowed, f"file holds {held}, confirmed: {allowed[0]}"


def kill_at(
    tmp_path: Path,
    number: int,
    flow_text: str,
    script: list[tuple[str, Any]],
    confirmed_lines: int,
    delay: float | None,
) -> None:
    """Confirm `confirmed_lines` lines, then (with `delay`) send one more and kill after
    `delay` seconds, or (without) kill at once."""
    folder = tmp_path / f"run{number}"
    folder.mkdir()
    (folder / "flow.yaml").write_text(textwrap.dedent(flow_text), encoding="utf-8")
    flow = flows.load(folder / "flow.yaml")
    answers = states(script)
    run = Run(folder)
    try:
        ended = False
        for index in range(confirmed_lines):
            assert run.wait_for_prompt(index + 1)
            run.send(script[index][0])
        if confirmed_lines == len(script):  # all said: the input ends, as a file's does
            run.end_input()
        if confirmed_lines and not run.wait_for_prompt(confirmed_lines + 1):
            ended = True  # the last line finished the session
        in_flight = confirmed_lines
        if delay is not None and not ended and confirmed_lines < len(script):
            if confirmed_lines == 0 and delay > 0.05:
                run.wait_for_prompt(1)
            if run.prompts() > confirmed_lines:
                run.send(script[confirmed_lines][0])
                in_flight += 1
            time.sleep(delay)
        if ended:
            assert run.process.wait(timeout=10) == 0
        else:
            run.kill()
    finally:
        if run.process.poll() is None:
            run.kill()
    check_after_kill(folder, flow, answers[confirmed_lines : in_flight + 1])
    if ended:
        saved = sessions.load(folder / "s.yaml", flow)
        assert saved.status == "complete"


def test_kill_minus_nine_after_every_line_and_while_writing(tmp_path: Path) -> None:
    rng = random.Random(int(os.environ.get("LIMBURGLAB_KILL_SEED", "20261129")))
    points: list[tuple[int, float | None]] = [(n, None) for n in range(len(SCRIPT) + 1)]
    # a kill at a random small delay after a line was sent: often in the middle of saving it
    points += [(rng.randrange(len(SCRIPT)), rng.uniform(0, 0.012)) for _ in range(24)]
    # and while the program is still starting
    points += [(0, rng.uniform(0, 0.25)) for _ in range(3)]
    assert len(points) >= 30
    for number, (lines, delay) in enumerate(points):
        kill_at(tmp_path, number, FLOW, SCRIPT, lines, delay)


def test_kill_minus_nine_keeps_a_list_entry_whose_follow_up_is_being_asked(
    tmp_path: Path,
) -> None:
    for lines in range(len(FOLLOW_UP_SCRIPT) + 1):
        kill_at(tmp_path, lines, FOLLOW_UP_FLOW, FOLLOW_UP_SCRIPT, lines, None)
