"""The live screen as a person sees it: the real command in a pseudo-terminal, its output fed
to a terminal emulator (pyte) at 60, 80 and 120 columns. One test per item of issue 10."""

from __future__ import annotations

import os
import re
import subprocess
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from test_terminal_e2e import CTRL_B, ENTER, LIMBURGLAB, META

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")

pytestmark = pytest.mark.posix  # a pseudo-terminal (pexpect.spawn)

WIDTHS = [60, 80, 120]
LONG_CHOICE = (
    "Een vaste contactpersoon per organisatie die de afspraken bewaakt en voor elke bijeenkomst "
    "de agenda rondstuurt"
)
LONG_PROMPT = (
    "Welke van deze afspraken vindt de groep het belangrijkst om volgend jaar als eerste samen "
    "op te pakken?"
)
LONG_ANSWER = (
    "Overleven en bestaansrecht verzekeren in een tijd van krimpende subsidies, met meer "
    "vrijwilligers uit de wijk erbij"
)
FLOW = f"""\
    id: scherm
    title: Scherm
    version: 1
    sections:
      - id: s
        title: Afspraken
        timebox: 10m
        questions:
          - id: punten
            type: list
            label: Punten
            prompt: Welk punt noemt de groep?
            help: Eén punt per regel, bijvoorbeeld "Elkaar kennen".
            item:
              - id: uitleg
                type: text
                label: Uitleg
                prompt: "Uitleg bij „{{{{ item.text }}}}”"
          - id: afspraak
            type: select
            prompt: {LONG_PROMPT}
            choices: ["{LONG_CHOICE}", Kort]
          - id: cijfer
            type: number
            prompt: Cijfer
            min: 1
            max: 10
"""


class Screen:
    """The command in a pseudo-terminal of `width` columns, seen through a terminal emulator."""

    def __init__(self, cwd: Path, width: int, *args: str, term: str = "xterm") -> None:
        env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1", "TERM": term}
        env["LIMBURGLAB_LANG"] = "nl"
        env["LC_ALL"] = "C.UTF-8"
        env.pop("COLUMNS", None)  # the size is the pseudo-terminal's
        env.pop("LINES", None)
        self.screen = pyte.Screen(width, 40)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = b""
        self.child = pexpect.spawn(
            LIMBURGLAB, list(args), cwd=str(cwd), env=env, dimensions=(40, width), timeout=10
        )

    def pump(self) -> None:
        try:
            while True:
                data = self.child.read_nonblocking(65536, timeout=0.05)
                self.raw += data
                self.stream.feed(data)
        except (pexpect.TIMEOUT, pexpect.EOF):
            pass

    def until(self, text: str, timeout: float = 10) -> None:
        """Wait until `text` is on the screen (spaces and line ends as one space)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump()
            if text in self.flat():
                time.sleep(0.2)  # let the prompt settle
                self.pump()
                return
        raise AssertionError(f"{text!r} not on screen:\n" + "\n".join(self.lines()))

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def flat(self) -> str:
        return " ".join(" ".join(self.lines()).split())

    def words(self) -> set[str]:
        return {word for line in self.lines() for word in line.split()}

    def close(self) -> None:
        self.child.terminate(force=True)


@pytest.fixture
def flow_file(tmp_path: Path) -> Path:
    path = tmp_path / "scherm.yaml"
    path.write_text(textwrap.dedent(FLOW), encoding="utf-8")
    return path


def start(tmp_path: Path, width: int, *extra: str) -> Screen:
    return Screen(tmp_path, width, "run", "scherm.yaml", "--session", "s.yaml", *META, *extra)


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("width", WIDTHS)
def test_1_nothing_is_cut_choices_prompts_and_toolbar(
    tmp_path: Path, flow_file: Path, width: int
) -> None:
    screen = start(tmp_path, width)
    try:
        screen.until("Welk punt noemt de groep?")
        toolbar = "Afspraken:" if width >= 80 else "0:0"
        assert toolbar in screen.flat()
        assert "terug" in screen.words() and "stop" in screen.flat()
        screen.send(ENTER)  # no points
        screen.until("belangrijkst")
        flat = screen.flat()
        assert LONG_PROMPT in flat
        assert LONG_CHOICE in flat
        # every word whole on a line: wrapped at spaces, never inside a word
        assert set(LONG_CHOICE.split()) <= screen.words()
        assert set(LONG_PROMPT.split()) <= screen.words()
        assert all(len(line) <= width for line in screen.lines())
    finally:
        screen.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_2_answers_wrap_at_spaces_with_hints_above_the_input(
    tmp_path: Path, flow_file: Path, width: int
) -> None:
    screen = start(tmp_path, width)
    try:
        screen.until("Welk punt noemt de groep?")
        screen.send(LONG_ANSWER)
        screen.until("vrijwilligers uit de wijk erbij")
        assert set(LONG_ANSWER.split()) <= screen.words()  # no word broken over two lines
        lines = screen.lines()
        rows = [i for i, line in enumerate(lines) if "›" in line]
        assert len(rows) == 1, "\n".join(lines)
        input_row = rows[0]
        assert "Overleven" in lines[input_row]
        assert "leeg = klaar" in lines[input_row - 1]  # the hint on its own line, above
        assert "Eén punt per regel" in " ".join(lines[:input_row])
    finally:
        screen.close()


def test_3_the_help_of_a_list_question_is_shown_live_and_plain(
    tmp_path: Path, flow_file: Path
) -> None:
    screen = start(tmp_path, 80)
    try:
        screen.until('Eén punt per regel, bijvoorbeeld "Elkaar kennen".')
    finally:
        screen.close()
    result = subprocess.run(
        [LIMBURGLAB, "run", "scherm.yaml", "--plain", "--session", "p.yaml", *META],
        cwd=tmp_path,
        input="",
        capture_output=True,
        text=True,
        env={**os.environ, "LIMBURGLAB_LANG": "nl"},
    )
    assert '  (Eén punt per regel, bijvoorbeeld "Elkaar kennen".)\n' in result.stderr
    assert "  (punt 1; leeg = klaar)\n" in result.stderr


@pytest.mark.parametrize("width", WIDTHS)
def test_4_going_back_redraws_the_section_instead_of_appending(
    tmp_path: Path, flow_file: Path, width: int
) -> None:
    screen = start(tmp_path, width)
    try:
        screen.until("Welk punt noemt de groep?")
        screen.send(LONG_ANSWER + " " + LONG_ANSWER + ENTER)
        screen.until("Uitleg bij")
        # the long point is context: shortened in the list above and in the follow-up's prompt
        assert screen.flat().count("Overleven") == 2
        assert "…" in screen.flat()
        screen.send("Kort uitgelegd" + ENTER)
        screen.until("punt 2")
        screen.send("Netwerk" + ENTER)
        screen.until("Uitleg bij „Netwerk”")
        for _ in range(2):  # to Netwerk, then to the uitleg of the long point
            screen.send(CTRL_B)
            time.sleep(0.4)
        screen.until("Uitleg bij „Overleven")
        flat = screen.flat()
        assert flat.count("Onderdeel 1 van 1: Afspraken") == 1
        assert flat.count("Netwerk") == 1  # the point, once, in the list of points
        assert flat.count("Kort uitgelegd") == 2  # in the list, and in the input to correct
        assert flat.count("Uitleg bij") == 1  # one current question
    finally:
        screen.close()


def test_5_defaults_are_suggestions_and_a_wrong_entry_is_kept(
    tmp_path: Path, flow_file: Path
) -> None:
    screen = Screen(tmp_path, 80, "run", "scherm.yaml", "--session", "s.yaml", "--group", "G")
    try:
        screen.until("Gespreksleider")
        screen.send("Mieke" + ENTER)
        screen.until("Organisatie")
        screen.send("Humanitas" + ENTER)
        screen.until("Ronde")
        screen.send("2" + ENTER)  # replaces the suggested 1, never "12"
        screen.until("Aantal deelnemers")
        screen.send(ENTER)
        screen.until("Datum")
        screen.send("29-11" + ENTER)
        screen.until("Schrijf de datum als jjjj-mm-dd")
        input_line = next(line for line in screen.lines()[::-1] if "›" in line)
        assert "29-11" in input_line  # kept, to correct
        screen.send("\x15" + "2026-11-28" + ENTER)
        screen.until("Welk punt noemt de groep?")
        screen.send(ENTER)
        screen.until("belangrijkst")
        screen.send(ENTER)
        screen.until("Cijfer")
        screen.send("7,5" + ENTER)
        screen.until("Wat nu?")
    finally:
        screen.close()
    saved = load(tmp_path / "s.yaml")
    assert saved["meta"]["round"] == 2
    assert saved["meta"]["date"] == "2026-11-28"
    assert saved["answers"]["s"]["cijfer"] == 7.5


def plain(tmp_path: Path, *answers: str, flow: str = "scherm.yaml") -> Any:
    return subprocess.run(
        [LIMBURGLAB, "run", flow, "--plain", "--session", "p.yaml", *META],
        cwd=tmp_path,
        input="".join(f"{a}\n" for a in answers),
        capture_output=True,
        text=True,
        env={**os.environ, "LIMBURGLAB_LANG": "nl"},
    )


def test_6_list_editing_says_before_which_and_to_which_place(
    tmp_path: Path, flow_file: Path
) -> None:
    result = plain(
        tmp_path,
        *["a", "", "b", "", "", "", "", "", "2", "1"],  # two points; edit Punten
        *["4", "2", "c", ""],  # insert before b: c
        *["6", "1", "3"],  # move a to place 3
        *["5", "1", "n"],  # delete: asked, and refused
        "1",
    )
    err = result.stderr
    assert "? Invoegen vóór welk punt?" in err
    assert "? Welk punt verplaatsen?" in err
    assert "? Naar plaats (1–3)" in err
    assert "? Punt „c” verwijderen? [nee]" in err
    assert load(tmp_path / "p.yaml")["answers"]["s"]["punten"] == ["c", "b", "a"]


def test_7_a_second_run_offers_the_existing_session(tmp_path: Path, flow_file: Path) -> None:
    plain(tmp_path, "a")  # stopped after one point
    args = [LIMBURGLAB, "run", "scherm.yaml", "--plain", *META]
    first = subprocess.run(args, cwd=tmp_path, input="a\n", capture_output=True, text=True)
    second = subprocess.run(args, cwd=tmp_path, input="", capture_output=True, text=True)
    name = "sessions/2026-11-29-scherm-ronde-1-groep-1.yaml"
    assert f"Elk antwoord wordt direct opgeslagen in {name}" in first.stderr
    assert f"Er is al een sessie van deze flow, ronde en groep: {name}" in second.stderr
    assert "scherm-ronde-1-groep-1-sessie-2.yaml" in second.stderr


@pytest.mark.parametrize("term", ["dumb", "", "unknown"])
def test_8_a_dumb_terminal_gets_the_plain_protocol(
    tmp_path: Path, flow_file: Path, term: str
) -> None:
    screen = Screen(tmp_path, 80, "run", "scherm.yaml", "--session", "s.yaml", *META, term=term)
    try:
        screen.child.expect_exact(b"? Welk punt noemt de groep?")
        screen.child.expect_exact(b"> ")
        screen.send("Elkaar kennen\r")
        screen.child.expect_exact("? Uitleg bij „Elkaar kennen”".encode())
        screen.pump()
    finally:
        screen.close()
    assert not re.search(rb"\x1b\[\d*[ABCDHJ]", screen.child.before or b"")
    assert load(tmp_path / "s.yaml")["answers"]["s"]["punten"] == ["Elkaar kennen"]


def test_9_other_answers_keep_their_commas(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(
        textwrap.dedent("""\
            id: t
            title: T
            version: 1
            sections:
              - id: s
                title: S
                questions:
                  - id: themas
                    type: multiselect
                    prompt: Thema's
                    choices: [Eenzaamheid, Jongeren]
                    other: true
            """),
        encoding="utf-8",
    )
    plain(tmp_path, "1", "Armoede, vooral bij kinderen", "Sport", "", "", "", flow="t.yaml")
    assert load(tmp_path / "p.yaml")["answers"]["s"]["themas"] == [
        "Eenzaamheid",
        "Armoede, vooral bij kinderen",
        "Sport",
    ]


def test_10_a_number_takes_a_decimal_comma_and_the_evaluatie_grade_too(tmp_path: Path) -> None:
    result = plain(tmp_path, "7,5", flow="evaluatie")
    assert "(een getal; 7,5 of 7.5 mag ook)" in result.stderr
    assert load(tmp_path / "p.yaml")["answers"]["terugblik"]["cijfer"] == 7.5
    (tmp_path / "s.yaml").write_text(
        textwrap.dedent("""\
            id: s
            title: S
            version: 1
            sections:
              - id: s
                title: S
                questions:
                  - id: score
                    type: scale
                    prompt: Score
                    min: 1
                    max: 5
            """),
        encoding="utf-8",
    )
    result = plain(tmp_path, "3,5", "3", flow="s.yaml")
    assert "(een heel getal van 1 tot 5)" in result.stderr
    # Piped, the line is not asked again (issue 19): the next line was for the next question.
    assert "> Regel 1 van de invoer past niet bij vraag s.score: Typ een geheel getal.\n" in (
        result.stderr
    )
