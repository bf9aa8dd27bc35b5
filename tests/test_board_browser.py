"""The board in a real browser (headless Chromium): what the group sees on the wall.

These tests fail, never skip, without Chromium: `.ci/run` installs Debian's `chromium` and
`chromium-driver` when they are missing.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import chromium
from screenshots import board, session_in_progress

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "samenwerken"
META = [
    *("--group", "Groep 3", "--leader", "Mieke Bos", "--organisation", "Humanitas"),
    *("--round", "1", "--participants", "6", "--date", "2026-11-29"),
]
HOSTILE = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "{{ 7*7 }}"]
ENTRIES_JS = "return [...document.querySelectorAll('#fit .entry')].map(e => e.firstChild.data)"


def wait_for(check: Callable[[], Any], timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


class Lines:
    """A process's stderr, line by line, read in a thread."""

    def __init__(self, stream: Any) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: Any) -> None:
        for line in stream:
            self.lines.put(line)

    def until(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            self.seen.append(line)
            if text in line:
                return line


@pytest.fixture
def run_with_board(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Lines, str]]:
    """`limburglab run --plain --board` with its input piped, and the board's URL."""
    env = {**os.environ, "LIMBURGLAB_LANG": "nl", "NO_COLOR": "1", "BROWSER": "true"}
    process = subprocess.Popen(
        [sys.executable, "-m", "limburglab", "run", "samenwerken", "--plain", "--board", *META],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    assert process.stderr is not None
    lines = Lines(process.stderr)
    try:
        url = lines.until("Het bord van deze sessie:").split(": ", 1)[1].split()[0]
        yield process, lines, url
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def answer(process: subprocess.Popen[str], line: str) -> None:
    assert process.stdin is not None
    process.stdin.write(line + "\n")
    process.stdin.flush()


def answers_nothing(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=1).close()
    except OSError:
        return True
    return False


def test_a_point_typed_in_run_appears_on_the_board(
    run_with_board: tuple[subprocess.Popen[str], Lines, str],
) -> None:
    process, lines, url = run_with_board
    lines.until("Welke drijfveer")
    with chromium() as browser:
        wait_for(lambda: not answers_nothing(url))
        browser.get(url)
        title = "Drijfveren om samen te werken"
        wait_for(
            lambda: (
                browser.execute_script("return document.querySelector('h1')?.textContent") == title
            )
        )
        question = browser.execute_script(
            "return document.querySelector('footer .ask').textContent"
        )
        assert "Welke drijfveer om samen te werken noemt de groep?" in question

        answer(process, "Samen sterker staan")
        typed = time.monotonic()
        wait_for(lambda: browser.execute_script(ENTRIES_JS) == ["Samen sterker staan"], 5)
        assert time.monotonic() - typed < 2.0
        active = browser.execute_script(
            "return document.querySelector('.entry.active').firstChild.data"
        )
        assert active == "Samen sterker staan"

        for text in HOSTILE:
            lines.until("Voorbeeld bij")
            answer(process, "")  # no example
            lines.until("Welke drijfveer")
            answer(process, text)
        wait_for(lambda: browser.execute_script(ENTRIES_JS) == ["Samen sterker staan", *HOSTILE], 5)
        made = browser.execute_script(
            "return document.querySelectorAll('body img, body script').length"
        )
        assert made == 1  # the page's own script, and nothing from an answer
        assert browser.execute_script("return document.querySelectorAll('#fit *').length") > 0
        assert [
            m for m in browser.get_log("browser") if "Content Security Policy" in m["message"]
        ] == []

    assert process.stdin is not None
    process.stdin.close()  # end of input: the session is saved and run stops, with its board
    assert process.wait(timeout=30) == 1
    wait_for(lambda: answers_nothing(url), 10)


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_the_plenary_view_moves_by_section_and_fits_the_screen(width: int, height: int) -> None:
    with board(EXAMPLES) as url, chromium(width, height) as browser:
        browser.get(url)
        heading = "return document.querySelector('h1')?.textContent"
        wait_for(lambda: browser.execute_script(heading) == "Drijfveren om samen te werken")
        tags = browser.execute_script(
            "return [...document.querySelectorAll('#fit .tag')].map(t => t.textContent)"
        )
        assert "Groep 2, ronde 1" in tags

        body = browser.find_element("tag name", "body")
        body.send_keys("\ue00f")  # PageDown
        wait_for(lambda: browser.execute_script(heading) == "Basis voor samenwerking")
        body.send_keys("\ue014", "\ue014", "\ue014")  # ArrowRight ×3
        wait_for(lambda: browser.execute_script(heading) == "Thema’s voor samenwerking")
        assert browser.execute_script("return document.querySelectorAll('table tr').length") > 1
        body.send_keys("\ue00e")  # PageUp
        wait_for(lambda: browser.execute_script(heading) == "Effecten van samenwerken")

        for number in range(1, 6):
            browser.execute_script(f"location.hash = '#{number}'")
            time.sleep(0.2)
            overflow = browser.execute_script(
                "return document.getElementById('fit').scrollHeight"
                " - document.querySelector('main').clientHeight"
            )
            assert overflow <= 0, number

        dark = "return document.documentElement.classList.contains('dark')"
        before = browser.execute_script(dark)
        body.send_keys("t")
        assert browser.execute_script(dark) is (not before)


def test_the_clock_turns_red_past_the_timebox(tmp_path: Path) -> None:
    path = session_in_progress(tmp_path)
    text = path.read_text(encoding="utf-8").replace("actual: 772", "actual: 1033")
    path.write_text(text, encoding="utf-8")
    with board(path) as url, chromium() as browser:
        browser.get(url)
        clock = "const c = document.getElementById('clock'); return [c?.className, c?.textContent]"
        wait_for(lambda: browser.execute_script(clock)[0])
        kind, shown = browser.execute_script(clock)
        assert kind == "clock red"
        assert shown.startswith("+2:1") and " over tijd" in shown
