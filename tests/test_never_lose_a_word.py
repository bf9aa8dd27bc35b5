"""Never lose a word: each way a confirmed word was once lost, as a real run in a terminal.

Every test drives the real `limburglab` in a pseudo-terminal (pexpect) or through its plain line
protocol, interrupts or disturbs it the way a room full of people does, and then reads the
session file: what was confirmed is there, and `resume` goes on where the work stopped.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import textwrap
import time
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml

from test_terminal_e2e import (
    BASIS,
    CONCLUSIE_DRIJFVEREN,
    CTRL_B,
    CTRL_C,
    DRIJFVEER,
    ENTER,
    LIMBURGLAB,
    META,
    MORE,
    WHAT_NOW,
    Terminal,
)

pytestmark = pytest.mark.posix  # a pseudo-terminal, SIGHUP and SIGKILL, a tmpfs

PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
TOELICHTING = "Toelichting bij „{}”"

SMALL_FLOW = """\
    id: kort
    title: Kort
    version: 1
    sections:
      - id: s
        title: Eén onderdeel
        timebox: 5m
        questions:
          - id: naam
            type: text
            prompt: Naam
          - id: plaats
            type: text
            prompt: Plaats
          - id: notitie
            type: text
            prompt: Notitie
"""

THEMES_FLOW = """\
    id: themas
    title: Thema's
    version: 1
    sections:
      - id: t
        title: Thema's
        questions:
          - id: themas
            type: multiselect
            prompt: Thema's
            choices: [Eenzaamheid, Armoede, Sociale cohesie]
          - id: prioriteit
            type: rank
            prompt: Volgorde
            choices_from: themas
            when: themas | length > 1
          - id: ideeen_cohesie
            type: paragraph
            label: "Sociale cohesie: ideeën"
            prompt: Ideeën bij sociale cohesie
            when: "'Sociale cohesie' in themas"
          - id: stemmen
            type: vote
            prompt: Stemmen
            budget: 3
            choices: [Ja, Nee]
            when: themas | length > 5
"""


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def first_section_empty(term: Terminal) -> None:
    """Drijfveren without answers, then on to Basis."""
    term.answer(DRIJFVEER, ENTER)
    term.answer(CONCLUSIE_DRIJFVEREN, ENTER)
    term.answer(WHAT_NOW, ENTER)


def write_flow(folder: Path, text: str, name: str = "flow.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def plain(cwd: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None) -> Any:
    return subprocess.run(
        [LIMBURGLAB, *args, "--plain"],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "LIMBURGLAB_LANG": "nl", **(env or {})},
    )


def spawn_plain(cwd: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    """The plain protocol in a pseudo-terminal, to be answered prompt by prompt."""
    return pexpect.spawn(
        LIMBURGLAB,
        [*args, "--plain"],
        cwd=str(cwd),
        env={**os.environ, "LIMBURGLAB_LANG": "nl", "NO_COLOR": "1", **(env or {})},
        encoding="utf-8",
        timeout=15,
    )


# --- 1. going back in a list ------------------------------------------------------------------


def test_going_back_in_a_list_keeps_the_later_entries(tmp_path: Path) -> None:
    term = Terminal(tmp_path, "run", "--session", "s.yaml", *META)
    first_section_empty(term)
    for number, text in enumerate(["X", "Y", "Z"], start=1):
        term.answer(f"punt {number}; leeg = klaar", text + ENTER)
    term.answer("punt 4; leeg = klaar", CTRL_B)
    term.answer("punt 3; leeg = klaar", CTRL_B)
    term.answer("punt 2; leeg = klaar", ENTER)  # Y, kept
    term.answer("punt 3; leeg = klaar", "")
    assert "Z" in term.child.before  # offered again in its place, drawn before the status line
    term.child.send(ENTER)
    term.answer("punt 4; leeg = klaar", CTRL_C)
    assert term.end() == 130
    assert load(tmp_path / "s.yaml")["answers"]["basis"]["basis"] == ["X", "Y", "Z"]


def test_going_back_to_the_first_entry_and_stopping_keeps_the_list(tmp_path: Path) -> None:
    term = Terminal(tmp_path, "run", "--session", "s.yaml", *META)
    term.answer(DRIJFVEER, "Overleven" + ENTER)
    term.answer("Voorbeeld bij „Overleven”", "Middag" + ENTER)
    term.answer("Wat was het effect van „Middag”?", "Opkomst beter" + ENTER)
    term.answer("Voorbeeld bij „Overleven”", ENTER)
    term.answer(DRIJFVEER, "Netwerk" + ENTER)
    term.answer("Voorbeeld bij „Netwerk”", "Samen folders" + ENTER)
    term.answer("Wat was het effect van „Samen folders”?", ENTER)
    term.answer("Voorbeeld bij „Netwerk”", CTRL_B)
    for prompt in (
        "Wat was het effect van „Samen folders”?",
        "Voorbeeld bij „Netwerk”",
        DRIJFVEER,
        "Voorbeeld bij „Overleven”",
        "Wat was het effect van „Middag”?",
        "Voorbeeld bij „Overleven”",
    ):
        term.answer(prompt, CTRL_B)
    term.answer(DRIJFVEER, CTRL_C)  # back at drijfveer 1
    assert term.end() == 130
    assert load(tmp_path / "s.yaml")["answers"]["drijfveren"]["drijfveren"] == [
        {"text": "Overleven", "voorbeelden": [{"text": "Middag", "effect": "Opkomst beter"}]},
        {"text": "Netwerk", "voorbeelden": ["Samen folders"]},
    ]


# --- 2. Ctrl-C in a paragraph -----------------------------------------------------------------


def test_ctrl_c_in_a_paragraph_keeps_its_confirmed_lines_and_the_line_being_typed(
    tmp_path: Path,
) -> None:
    term = Terminal(tmp_path, "run", "--session", "s.yaml", *META)
    term.answer(DRIJFVEER, ENTER)
    term.answer(CONCLUSIE_DRIJFVEREN, "Eerste regel" + ENTER)
    term.answer(MORE, "Tweede regel" + ENTER)
    term.answer(MORE, "Derde, half" + CTRL_C)
    assert term.end() == 130
    saved = load(tmp_path / "s.yaml")
    assert saved["answers"]["drijfveren"]["conclusie_drijfveren"] == "Eerste regel\nTweede regel"
    assert saved["draft"] == {"path": "drijfveren.conclusie_drijfveren", "text": "Derde, half"}

    term = Terminal(tmp_path, "resume", "s.yaml")
    term.answer(CONCLUSIE_DRIJFVEREN, ENTER)  # the first line, offered
    term.answer(MORE, ENTER)  # the second
    term.answer(MORE, " en af" + ENTER)  # the draft, offered to finish
    term.answer(MORE, ENTER)
    term.answer(WHAT_NOW, CTRL_C)
    assert term.end() == 130
    saved = load(tmp_path / "s.yaml")
    assert saved["answers"]["drijfveren"]["conclusie_drijfveren"] == (
        "Eerste regel\nTweede regel\nDerde, half en af"
    )
    assert "draft" not in saved


# --- 3. resume inside the follow-ups of an entry ----------------------------------------------


def test_resume_asks_the_remaining_follow_ups_of_the_interrupted_entry(tmp_path: Path) -> None:
    term = Terminal(tmp_path, "run", "--session", "s.yaml", *META)
    first_section_empty(term)
    term.answer(BASIS, ENTER)
    term.answer("Conclusie van de groep over de basis", ENTER)
    term.answer(WHAT_NOW, ENTER)
    term.answer("Welke voorwaarde voor samenwerking noemt de groep?", "Tijd" + ENTER)
    term.answer(TOELICHTING.format("Tijd"), "Niemand heeft" + CTRL_C)
    assert term.end() == 130

    term = Terminal(tmp_path, "resume", "s.yaml")
    term.answer(TOELICHTING.format("Tijd"), " tijd" + ENTER)  # the draft, then on
    term.answer(MORE, ENTER)
    term.answer("Subpunt bij „Tijd”", "Avonden" + ENTER)
    term.answer("Subpunt bij „Tijd”", ENTER)
    term.answer("Wat werd na discussie geconcludeerd over „Tijd”?", "Vrijwilligers" + ENTER)
    term.answer(MORE, ENTER)
    term.answer("Welke voorwaarde voor samenwerking noemt de groep?", CTRL_C)
    assert term.end() == 130
    assert load(tmp_path / "s.yaml")["answers"]["voorwaarden"]["voorwaarden"] == [
        {
            "text": "Tijd",
            "toelichting": "Niemand heeft tijd",
            "subpunten": ["Avonden"],
            "conclusie": "Vrijwilligers",
        }
    ]


def test_resume_after_kill_minus_nine_asks_the_follow_up_that_was_open(tmp_path: Path) -> None:
    term = Terminal(tmp_path, "run", "--session", "s.yaml", *META)
    first_section_empty(term)
    term.answer(BASIS, ENTER)
    term.answer("Conclusie van de groep over de basis", ENTER)
    term.answer(WHAT_NOW, ENTER)
    term.answer("Welke voorwaarde voor samenwerking noemt de groep?", "Tijd" + ENTER)
    term.expect(TOELICHTING.format("Tijd"))
    term.child.kill(signal.SIGKILL)
    term.child.close()

    term = Terminal(tmp_path, "resume", "s.yaml")
    term.expect(TOELICHTING.format("Tijd"))
    term.child.send(CTRL_C)
    assert term.end() == 130


# --- 4. resume never re-asks what was just answered --------------------------------------------


@pytest.mark.parametrize("name", ["SIGHUP", "SIGTERM", "SIGKILL"])
def test_resume_after_a_signal_asks_the_open_question_not_the_answered_one(
    tmp_path: Path, name: str
) -> None:
    stop: signal.Signals = getattr(signal, name)
    write_flow(tmp_path, SMALL_FLOW)
    child = spawn_plain(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META)
    child.expect_exact("? Naam")
    child.sendline("Jan")
    child.expect_exact("? Plaats")
    child.sendline("Maastricht")
    child.expect_exact("? Notitie")
    time.sleep(0.2)
    child.kill(stop)
    child.expect(pexpect.EOF)
    child.close()
    if stop != signal.SIGKILL:
        assert child.exitstatus == 128 + stop
        assert "limburglab resume s.yaml" in child.before
    result = plain(tmp_path, "resume", "s.yaml", stdin="een notitie\n\n\n")
    assert result.returncode == 0, result.stderr
    assert "? Notitie" in result.stderr
    assert "? Plaats" not in result.stderr
    assert load(tmp_path / "s.yaml")["answers"] == {
        "s": {"naam": "Jan", "plaats": "Maastricht", "notitie": "een notitie"}
    }


# --- 5. the flow of a session is the flow it was run with --------------------------------------


def test_resume_from_another_folder_finds_the_sessions_own_flow(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write_flow(project, SMALL_FLOW)
    other = tmp_path / "elders"
    write_flow(other, SMALL_FLOW.replace("id: kort", "id: ander"))
    result = plain(
        project, "run", "flow.yaml", "--session", "sessions/s.yaml", *META, stdin="Jan\n"
    )
    assert result.returncode == 1  # end of input after the first answer
    session = project / "sessions" / "s.yaml"
    assert load(session)["flow"]["source"] == "../flow.yaml"

    result = plain(other, "resume", str(session), stdin="Maastricht\n")
    assert "is veranderd sinds deze sessie begon" not in result.stderr
    assert load(session)["answers"]["s"] == {"naam": "Jan", "plaats": "Maastricht"}


def test_resume_with_a_flow_of_another_id_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    write_flow(tmp_path, SMALL_FLOW)
    other = write_flow(tmp_path, SMALL_FLOW.replace("id: kort", "id: ander"), "ander.yaml")
    plain(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META, stdin="Jan\n")
    before = (tmp_path / "s.yaml").read_bytes()
    result = plain(tmp_path, "resume", "s.yaml", "--flow", str(other), stdin="x\n")
    assert result.returncode == 1
    assert "hoort bij de flow `kort`, niet bij `ander`" in result.stderr
    assert (tmp_path / "s.yaml").read_bytes() == before


def test_resume_after_the_flow_lost_a_question_keeps_its_answer_in_the_file(
    tmp_path: Path,
) -> None:
    flow = write_flow(tmp_path, SMALL_FLOW)
    plain(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META, stdin="Jan\nMaastricht\n")
    flow.write_text(
        textwrap.dedent(SMALL_FLOW).replace(
            "      - id: plaats\n        type: text\n        prompt: Plaats\n", ""
        ),
        encoding="utf-8",
    )
    result = plain(tmp_path, "resume", "s.yaml", stdin="notitie\n")
    assert "worden niet gebruikt: s.plaats" in result.stderr
    assert load(tmp_path / "s.yaml")["answers"]["s"] == {
        "naam": "Jan",
        "plaats": "Maastricht",
        "notitie": "notitie",
    }


# --- 6. one owner at a time --------------------------------------------------------------------


def test_a_second_window_on_the_same_session_is_refused(tmp_path: Path) -> None:
    write_flow(tmp_path, SMALL_FLOW)
    plain(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META, stdin="Jan\n")
    first = spawn_plain(tmp_path, "resume", "s.yaml")
    first.expect_exact("? Plaats")
    second = plain(tmp_path, "resume", "s.yaml", stdin="Venlo\n")
    assert second.returncode == 1
    assert "is al geopend in een ander venster of proces (pid " in second.stderr
    assert "Traceback" not in second.stderr
    first.sendline("Maastricht")
    first.expect_exact("? Notitie")
    first.sendintr()
    first.expect(pexpect.EOF)
    assert load(tmp_path / "s.yaml")["answers"]["s"]["plaats"] == "Maastricht"


def test_a_session_changed_on_disk_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    write_flow(tmp_path, SMALL_FLOW)
    child = spawn_plain(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META)
    child.expect_exact("? Naam")
    session = tmp_path / "s.yaml"
    edited = session.read_text(encoding="utf-8").replace("group: Groep 1", "group: Groep 1b")
    time.sleep(0.05)
    session.write_text(edited, encoding="utf-8")  # a hand edit while the session runs
    child.sendline("Jan")
    child.expect_exact("s.yaml is buiten deze sessie om gewijzigd en wordt niet overschreven")
    child.expect_exact("? Plaats")
    child.sendline("Maastricht")
    child.expect_exact("? Notitie")
    child.sendintr()
    child.expect(pexpect.EOF)
    assert session.read_text(encoding="utf-8") == edited
    sides = list(tmp_path.glob("s.*.yaml"))
    assert len(sides) == 1
    assert f"limburglab resume {sides[0].name}" in child.before
    assert load(sides[0])["answers"]["s"]["plaats"] == "Maastricht"


# --- 7. "opgeslagen" only when it is ---------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Any:
    """A 1 MB file system of its own, to fill up; root only (CI runs as root)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_said_and_never_called_saved(small_disk: Path, tmp_path: Path) -> None:
    write_flow(small_disk, SMALL_FLOW)
    data = tmp_path / "data"
    child = spawn_plain(
        small_disk,
        "run",
        "flow.yaml",
        "--session",
        "s.yaml",
        *META,
        env={"XDG_DATA_HOME": str(data)},
    )
    child.expect_exact("? Naam")
    child.sendline("Jan")
    child.expect_exact("? Plaats")
    filler = os.open(small_disk / "vol", os.O_WRONLY | os.O_CREAT)
    try:  # fill the disk to the last byte
        while os.write(filler, b"\0" * 512):
            pass
    except OSError:
        pass
    finally:
        os.close(filler)
    child.sendline("Maastricht")
    child.expect_exact("Niet opgeslagen!")
    child.sendline("Notitie")
    child.expect_exact("Wat nu?")
    child.sendline("")
    child.expect_exact("Afronden?")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    output = child.before
    assert child.exitstatus == 1
    assert "Sessie afgerond en opgeslagen" not in output
    rescue = next((data / "limburglab" / "rescue").glob("s.*.yaml"))
    assert str(rescue) in output.replace("\r\n", "")
    flat = " ".join(output.split())
    # What happened, in the leader's words and what to do; not the system's English.
    assert "de schijf is vol; maak ruimte vrij" in flat
    assert "No space" not in flat
    # Going on is resuming the session file itself, which offers the copy.
    assert re.search(r"resume (\S*/)?s\.yaml Dan wordt de reservekopie aangeboden", flat), flat
    assert load(rescue)["answers"]["s"] == {
        "naam": "Jan",
        "plaats": "Maastricht",
        "notitie": "Notitie",
    }
    assert load(small_disk / "s.yaml")["answers"]["s"] == {"naam": "Jan"}


# --- 8. SIGHUP and SIGTERM keep the section's time ----------------------------------------------


@pytest.mark.parametrize("name", ["SIGHUP", "SIGTERM"])
def test_a_closed_window_saves_says_how_to_resume_and_keeps_the_time(
    tmp_path: Path, name: str
) -> None:
    stop: signal.Signals = getattr(signal, name)
    term = Terminal(tmp_path, "run", "--session", "s.yaml", *META)
    term.answer(DRIJFVEER, "Overleven")
    time.sleep(2.2)
    term.child.kill(stop)
    term.expect("limburglab resume s.yaml")
    assert term.end() == 128 + stop
    saved = load(tmp_path / "s.yaml")
    assert saved["timing"]["drijfveren"]["actual"] >= 2
    assert saved["draft"] == {"path": "drijfveren.drijfveren[0]", "text": "Overleven"}


# --- 9. pasting lines ---------------------------------------------------------------------------


def test_pasted_lines_become_one_entry_each_and_lines_of_a_paragraph(tmp_path: Path) -> None:
    term = Terminal(tmp_path, "run", "--session", "s.yaml", *META)
    first_section_empty(term)
    term.answer(BASIS, PASTE_START + "Elkaar ontmoeten\nElkaar kennen\nOpenstaan" + PASTE_END)
    term.child.send(ENTER)
    term.answer("punt 4; leeg = klaar", ENTER)
    term.answer("Conclusie van de groep over de basis", PASTE_START + "Regel een\nRegel twee")
    term.child.send(PASTE_END + ENTER)
    term.answer(MORE, ENTER)
    term.answer(WHAT_NOW, CTRL_C)
    assert term.end() == 130
    basis = load(tmp_path / "s.yaml")["answers"]["basis"]
    assert basis == {
        "basis": ["Elkaar ontmoeten", "Elkaar kennen", "Openstaan"],
        "conclusie_basis": "Regel een\nRegel twee",
    }


# --- 10 and 11. answers that no longer apply ----------------------------------------------------


def test_an_unticked_theme_is_taken_out_of_the_ranking_and_the_report(tmp_path: Path) -> None:
    write_flow(tmp_path, THEMES_FLOW)
    stdin = "\n".join(
        [
            "1,2,3",  # all three themes
            "3,1,2",  # Sociale cohesie first
            "Buurtfeest",  # ideeën bij sociale cohesie
            "",
            "2",  # review: change an answer
            "1",  # themas
            "1,2",  # without Sociale cohesie: the ranking is asked again
            "2,1",
            "",  # review: go on
            "",  # final review: finish
        ]
    )
    result = plain(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META, stdin=stdin + "\n")
    assert result.returncode == 0, result.stderr
    assert "„Volgorde” hangt af van het gewijzigde antwoord" in result.stderr
    answers = load(tmp_path / "s.yaml")["answers"]["t"]
    assert answers["prioriteit"] == ["Armoede", "Eenzaamheid"]
    assert answers["ideeen_cohesie"] == "Buurtfeest"  # kept, in case it is ticked again
    report = subprocess.run(
        [LIMBURGLAB, "report", "s.yaml"], cwd=tmp_path, capture_output=True, text=True
    )
    assert report.returncode == 0, report.stderr
    assert "Buurtfeest" not in report.stdout
    assert "Sociale cohesie: ideeën" not in report.stdout


def test_a_wrong_shape_under_a_question_that_does_not_apply_is_located(tmp_path: Path) -> None:
    write_flow(tmp_path, THEMES_FLOW)
    plain(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META, stdin="1\n\n\n\n")
    session = tmp_path / "s.yaml"
    text = session.read_text(encoding="utf-8").replace(
        "    themas:", "    stemmen: abc\n    themas:"
    )
    session.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    stemmen: abc") + 1
    for args in (["resume", "s.yaml", "--plain"], ["report", "s.yaml"]):
        result = subprocess.run([LIMBURGLAB, *args], cwd=tmp_path, capture_output=True, text=True)
        assert result.returncode == 1
        assert f"s.yaml:{line}:" in result.stderr
        assert "Traceback" not in result.stderr
    assert session.read_text(encoding="utf-8") == text


# --- 12. links and outputs ------------------------------------------------------------------------


def test_a_session_reached_through_a_link_is_written_through(tmp_path: Path) -> None:
    write_flow(tmp_path, SMALL_FLOW)
    real = tmp_path / "echt"
    real.mkdir()
    plain(tmp_path, "run", "flow.yaml", "--session", "echt/s.yaml", *META, stdin="Jan\n")
    (tmp_path / "s.yaml").symlink_to(real / "s.yaml")
    plain(tmp_path, "resume", "s.yaml", stdin="Maastricht\n")
    assert (tmp_path / "s.yaml").is_symlink()
    assert load(real / "s.yaml")["answers"]["s"]["plaats"] == "Maastricht"


def test_a_report_never_overwrites_a_session(tmp_path: Path) -> None:
    write_flow(tmp_path, SMALL_FLOW)
    for name in ("a.yaml", "b.yaml"):
        plain(tmp_path, "run", "flow.yaml", "--session", name, *META, stdin="Jan\n\n\n\n\n")
    before = {name: (tmp_path / name).read_bytes() for name in ("a.yaml", "b.yaml")}
    for output in ("a.yaml", "b.yaml"):
        result = subprocess.run(
            [LIMBURGLAB, "report", "a.yaml", "-o", output, "--format", "md"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 1
        assert "wordt niet overschreven" in result.stderr
    assert {name: (tmp_path / name).read_bytes() for name in before} == before


def test_ctrl_c_before_the_session_begins_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    term = Terminal(tmp_path, "run", "--session", "s.yaml")
    term.answer("Naam van de (sub)groep", "Groep" + CTRL_C)
    term.expect("Onderbroken voordat de sessie begon; er is niets opgeslagen.")
    assert term.end() == 130
    assert not (tmp_path / "s.yaml").exists()


# --- found by trying to break it ----------------------------------------------------------------

LIST_FLOW = """\
    id: lijst
    title: Lijst
    version: 1
    sections:
      - id: s
        title: S
        questions:
          - id: punten
            type: list
            prompt: Punt
          - id: toelichting
            type: paragraph
            prompt: Toelichting
"""
DOWN = "\x1b[B"
CLEAR_LINE = "\x15"  # Ctrl-U


def test_text_typed_for_an_insert_and_interrupted_never_replaces_an_entry(tmp_path: Path) -> None:
    write_flow(tmp_path, LIST_FLOW)
    term = Terminal(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META)
    for number, text in enumerate(["x1", "y2", "y3"], start=1):
        term.answer(f"punt {number}; leeg = klaar", text + ENTER)
    term.answer("punt 4; leeg = klaar", ENTER)
    term.answer("Toelichting", ENTER)
    term.answer(WHAT_NOW, DOWN + ENTER)  # change an answer
    term.answer("Welk antwoord", ENTER)  # the list
    term.answer("wat wilt u doen?", DOWN * 3 + ENTER)  # insert
    term.answer("Invoegen vóór welk punt?", DOWN + ENTER)  # before y2
    term.answer("punt 2", "ins half" + CTRL_C)
    assert term.end() == 130
    saved = load(tmp_path / "s.yaml")
    assert saved["answers"]["s"]["punten"] == ["x1", "y2", "y3"]
    assert saved["draft"] == {"path": "s.punten[3]", "text": "ins half"}

    term = Terminal(tmp_path, "resume", "s.yaml")
    term.answer("punt 4; leeg = klaar", "ert" + ENTER)  # offered at the end, never in y2's place
    term.answer("punt 5; leeg = klaar", CTRL_C)
    assert term.end() == 130
    assert load(tmp_path / "s.yaml")["answers"]["s"]["punten"] == ["x1", "y2", "y3", "ins halfert"]


def test_clearing_one_line_of_a_paragraph_takes_out_only_that_line(tmp_path: Path) -> None:
    write_flow(tmp_path, LIST_FLOW)
    term = Terminal(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META)
    term.answer("punt 1; leeg = klaar", ENTER)
    term.answer("Toelichting", "L1" + ENTER)
    for line in ("L2", "L3", "L4"):
        term.answer(MORE, line + ENTER)
    term.answer(MORE, CTRL_B)  # back to the list before it
    term.answer("punt 1; leeg = klaar", ENTER)  # and on: the paragraph's lines one by one
    term.answer("Toelichting", ENTER)  # L1
    term.answer(MORE, CLEAR_LINE + ENTER)  # L2 cleared
    term.answer(MORE, ENTER)  # L3
    term.answer(MORE, ENTER)  # L4
    term.answer(MORE, ENTER)  # the end
    term.answer(WHAT_NOW, CTRL_C)
    assert term.end() == 130
    assert load(tmp_path / "s.yaml")["answers"]["s"]["toelichting"] == "L1\nL3\nL4"


def test_closing_the_window_keeps_the_text_being_typed(tmp_path: Path) -> None:
    write_flow(tmp_path, LIST_FLOW)
    term = Terminal(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META)
    term.answer("punt 1; leeg = klaar", "Nieuw half")
    time.sleep(0.5)
    os.close(term.child.child_fd)  # the terminal window is gone
    _, status = os.waitpid(term.child.pid, 0)
    term.child.closed = True
    assert os.waitstatus_to_exitcode(status) == 129
    assert load(tmp_path / "s.yaml")["draft"] == {"path": "s.punten[0]", "text": "Nieuw half"}


def test_a_file_touched_but_not_changed_is_not_a_conflict(tmp_path: Path) -> None:
    write_flow(tmp_path, SMALL_FLOW)
    child = spawn_plain(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META)
    child.expect_exact("? Naam")
    time.sleep(0.05)
    os.utime(tmp_path / "s.yaml")  # a sync tool or `touch`
    child.sendline("Jan")
    child.expect_exact("? Plaats")
    child.sendintr()
    child.expect(pexpect.EOF)
    assert list(tmp_path.glob("s.*.yaml")) == []
    assert load(tmp_path / "s.yaml")["answers"]["s"]["naam"] == "Jan"


def test_a_report_of_a_folder_leaves_out_the_flow_beside_the_sessions(tmp_path: Path) -> None:
    write_flow(tmp_path, SMALL_FLOW)
    plain(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META, stdin="Jan\n\n\n\n\n")
    result = subprocess.run(
        [LIMBURGLAB, "report", "."], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "Jan" in result.stdout
    refused = subprocess.run(
        [LIMBURGLAB, "report", "s.yaml", "-o", "flow.yaml", "--format", "md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 1
    assert "wordt niet overschreven" in refused.stderr


def test_ticking_a_theme_again_asks_the_ranking_again(tmp_path: Path) -> None:
    write_flow(tmp_path, THEMES_FLOW)
    stdin = "\n".join(
        ["1,2", "2,1", "", "2", "1", "1,2,3", "3,2,1", "", "", ""]  # Sociale cohesie added
    )
    result = plain(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META, stdin=stdin + "\n")
    assert result.returncode == 0, result.stderr
    assert "„Volgorde” hangt af van het gewijzigde antwoord" in result.stderr
    assert load(tmp_path / "s.yaml")["answers"]["t"]["prioriteit"] == [
        "Sociale cohesie",
        "Armoede",
        "Eenzaamheid",
    ]


OTHER_FLOW = """\
    id: anders
    title: Anders
    version: 1
    sections:
      - id: s
        title: S
        questions:
          - id: vooraf
            type: text
            prompt: Iets vooraf
          - id: themas
            type: multiselect
            prompt: Thema's
            choices: [Eenzaamheid, Armoede]
            other: true
"""
SPACE = " "


def test_other_answers_are_saved_line_by_line_and_survive_going_back(tmp_path: Path) -> None:
    write_flow(tmp_path, OTHER_FLOW)
    term = Terminal(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META)
    term.answer("Iets vooraf", "x" + ENTER)
    term.answer("Thema's", SPACE + ENTER)  # Eenzaamheid
    term.answer("Anders, namelijk", "Armoede, vooral bij kinderen" + ENTER)
    term.answer("Anders, namelijk", "Wonen, zorg" + ENTER)
    term.answer("Anders, namelijk", CTRL_B)  # back to the ticks, nothing lost
    term.answer("Thema's", ENTER)
    term.answer("Anders, namelijk", ENTER)  # the first line, offered
    term.answer("Anders, namelijk", ENTER)  # the second
    term.answer("Anders, namelijk", "Half" + CTRL_C)
    assert term.end() == 130
    saved = load(tmp_path / "s.yaml")
    assert saved["answers"]["s"]["themas"] == [
        "Eenzaamheid",
        "Armoede, vooral bij kinderen",
        "Wonen, zorg",
    ]
    assert saved["draft"] == {"path": "s.themas", "text": "Half"}

    term = Terminal(tmp_path, "resume", "s.yaml")
    term.answer("Thema's", ENTER)
    term.answer("Anders, namelijk", ENTER)
    term.answer("Anders, namelijk", ENTER)
    term.answer("Anders, namelijk", " af" + ENTER)  # the draft, offered to finish
    term.answer("Anders, namelijk", ENTER)
    term.answer(WHAT_NOW, CTRL_C)
    assert term.end() == 130
    assert load(tmp_path / "s.yaml")["answers"]["s"]["themas"][-1] == "Half af"


def test_a_draft_survives_going_back_from_it_and_stopping(tmp_path: Path) -> None:
    write_flow(tmp_path, LIST_FLOW)
    term = Terminal(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META)
    term.answer("punt 1; leeg = klaar", "x" + ENTER)
    term.answer("punt 2; leeg = klaar", "half" + CTRL_C)
    assert term.end() == 130
    term = Terminal(tmp_path, "resume", "s.yaml")
    term.answer("punt 2; leeg = klaar", CTRL_B)  # the draft offered; back instead
    term.answer("punt 1; leeg = klaar", CTRL_C)  # and stop there, typing nothing
    assert term.end() == 130
    assert load(tmp_path / "s.yaml")["draft"] == {"path": "s.punten[1]", "text": "half"}


def test_going_back_from_an_offered_other_line_keeps_it(tmp_path: Path) -> None:
    write_flow(tmp_path, OTHER_FLOW)
    term = Terminal(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META)
    term.answer("Iets vooraf", "x" + ENTER)
    term.answer("Thema's", SPACE + ENTER)
    for line in ("Armoede, vooral bij kinderen", "Digitalisering, AI", "Wonen"):
        term.answer("Anders, namelijk", line + ENTER)
    term.answer("Anders, namelijk", CTRL_B)
    term.answer("Thema's", ENTER)
    term.answer("Anders, namelijk", ENTER)  # the first line, offered
    term.answer("Anders, namelijk", CTRL_B)  # back while the second is on offer
    term.answer("Thema's", ENTER)
    term.answer("Anders, namelijk", CTRL_C)
    assert term.end() == 130
    assert load(tmp_path / "s.yaml")["answers"]["s"]["themas"] == [
        "Eenzaamheid",
        "Armoede, vooral bij kinderen",
        "Digitalisering, AI",
        "Wonen",
    ]


def test_text_typed_before_going_back_waits_as_a_draft(tmp_path: Path) -> None:
    write_flow(tmp_path, LIST_FLOW)
    term = Terminal(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META)
    term.answer("punt 1; leeg = klaar", "x" + ENTER)
    term.answer("punt 2; leeg = klaar", "Communicatie" + CTRL_B)  # typed, then back
    term.answer("punt 1; leeg = klaar", ENTER)  # x kept
    term.answer("punt 2; leeg = klaar", " duidelijk" + ENTER)  # the text typed is offered
    term.answer("punt 3; leeg = klaar", CTRL_C)
    assert term.end() == 130
    saved = load(tmp_path / "s.yaml")
    assert saved["answers"]["s"]["punten"] == ["x", "Communicatie duidelijk"]
    assert "draft" not in saved


# --- issue 19, third pass ------------------------------------------------------------------------

UP = "\x1b[A"
YES = UP + ENTER  # Ja, above the Nee a delete starts on
RANK_FLOW = """\
    id: rang
    title: Rang
    version: 1
    sections:
      - id: s
        title: S
        questions:
          - id: punten
            type: list
            prompt: Punt
          - id: volgorde
            type: rank
            prompt: Volgorde
            choices: [Armoede, Eenzaamheid, Jongeren]
          - id: slot
            type: text
            prompt: Slotwoord
"""


def test_a_follow_up_entry_is_deleted_in_the_same_list_editor_with_its_answers(
    tmp_path: Path,
) -> None:
    term = Terminal(tmp_path, "run", "--session", "s.yaml", *META)
    term.answer(DRIJFVEER, "Overleven" + ENTER)
    term.answer("Voorbeeld bij „Overleven”", "Middag" + ENTER)
    term.answer("Wat was het effect van „Middag”?", "Opkomst" + ENTER)
    term.answer("Voorbeeld bij „Overleven”", "Per ongeluk" + ENTER)
    term.answer("Wat was het effect van „Per ongeluk”?", "Ook per ongeluk" + ENTER)
    term.answer("Voorbeeld bij „Overleven”", ENTER)
    term.answer(DRIJFVEER, ENTER)
    term.answer(CONCLUSIE_DRIJFVEREN, ENTER)
    term.answer(WHAT_NOW, DOWN + ENTER)  # change an answer
    term.answer("Welk antwoord", ENTER)  # Drijfveren
    term.expect("Drijfveren: wat wilt u doen?")
    term.answer("Vervolgpunten van een punt bewerken (Voorbeeld)", DOWN * 6 + ENTER)
    term.answer("Van welk punt?", ENTER)  # Overleven
    term.expect("2. Per ongeluk")
    term.answer("Voorbeeld · Overleven: wat wilt u doen?", DOWN * 4 + ENTER)  # the same keys
    term.answer("Welk punt verwijderen?", DOWN + ENTER)
    term.answer("Punt „Per ongeluk” verwijderen, met 1 vervolgantwoord eronder?", YES)
    term.answer("Voorbeeld · Overleven: wat wilt u doen?", ENTER)  # Klaar
    term.answer("Drijfveren: wat wilt u doen?", ENTER)
    term.answer(WHAT_NOW, CTRL_C)
    assert term.end() == 130
    assert load(tmp_path / "s.yaml")["answers"]["drijfveren"]["drijfveren"] == [
        {"text": "Overleven", "voorbeelden": [{"text": "Middag", "effect": "Opkomst"}]}
    ]


def test_an_entry_or_a_text_cleared_and_confirmed_goes_after_one_question(
    tmp_path: Path,
) -> None:
    term = Terminal(tmp_path, "run", "--session", "s.yaml", *META)
    term.answer(DRIJFVEER, "Overleven" + ENTER)
    term.answer("Voorbeeld bij „Overleven”", "Per ongeluk" + ENTER)
    term.answer("Wat was het effect van „Per ongeluk”?", "Weg" + ENTER)
    term.answer("Voorbeeld bij „Overleven”", "Middag" + ENTER)
    term.answer("Wat was het effect van „Middag”?", CTRL_B)
    term.answer("Voorbeeld bij „Overleven”", CTRL_B)  # Middag
    term.answer("Wat was het effect van „Per ongeluk”?", CLEAR_LINE + ENTER)
    term.answer("Antwoord „Weg” verwijderen?", ENTER)  # Nee: offered again
    term.answer("Wat was het effect van „Per ongeluk”?", CTRL_B)
    term.answer("Voorbeeld bij „Overleven”", CLEAR_LINE + ENTER)  # Per ongeluk, cleared
    term.answer("met 1 vervolgantwoord eronder?", YES)
    term.answer("Voorbeeld bij „Overleven”", ENTER)  # Middag, now the first: kept
    term.answer("Wat was het effect van „Middag”?", "Opkomst" + ENTER)
    term.answer("Voorbeeld bij „Overleven”", CTRL_C)
    assert term.end() == 130
    assert load(tmp_path / "s.yaml")["answers"]["drijfveren"]["drijfveren"] == [
        {"text": "Overleven", "voorbeelden": [{"text": "Middag", "effect": "Opkomst"}]}
    ]


def test_an_unbracketed_paste_is_text_in_the_input_and_never_answers_a_question(
    tmp_path: Path,
) -> None:
    from test_screen import Screen

    write_flow(tmp_path, RANK_FLOW)
    screen = Screen(tmp_path, 80, "run", "flow.yaml", "--session", "s.yaml", *META)
    try:
        screen.until("punt 1; leeg = klaar")
        screen.send("Een\rTwee\r\rDrie\rVier\r")  # five lines in one write, no paste markers
        time.sleep(0.5)
        screen.pump()
        assert "punt 1; leeg = klaar" in screen.flat()  # still the first point: nothing ended
        assert [w for w in ("Een", "Twee", "Drie", "Vier") if w not in screen.words()] == []
        assert "Volgorde" not in screen.flat()
        screen.send(ENTER)  # the leader confirms
        screen.until("punt 5; leeg = klaar")
        screen.send(ENTER)
        screen.until("Volgorde — plaats 1")
        screen.send("Armoede\r")  # pasted into the ranking: it chooses nothing
        time.sleep(0.5)
        screen.pump()
        assert "Geplakte tekst kiest niets" in screen.flat()
        assert "plaats 2" not in screen.flat()
        screen.send(CTRL_C)
        screen.child.expect(pexpect.EOF)
    finally:
        screen.close()
    saved = load(tmp_path / "s.yaml")
    assert saved["answers"]["s"] == {"punten": ["Een", "Twee", "Drie", "Vier"]}


def test_kill_minus_nine_while_typing_keeps_all_but_the_last_seconds(tmp_path: Path) -> None:
    term = Terminal(tmp_path, "run", "--session", "s.yaml", *META)
    term.answer(DRIJFVEER, ENTER)
    term.answer(CONCLUSIE_DRIJFVEREN, "Eerste regel" + ENTER)
    term.answer(MORE, "Tweede regel, nog niet bevestigd")
    time.sleep(3)  # the side file is written at most every 2 s
    side = tmp_path / ".s.yaml.draft"
    assert side.exists()
    assert "nog niet bevestigd" not in (tmp_path / "s.yaml").read_text(encoding="utf-8")
    term.child.kill(signal.SIGKILL)
    term.child.close()

    term = Terminal(tmp_path, "resume", "s.yaml")
    term.expect("nog niet was bevestigd, staat weer klaar om af te maken")
    term.answer(CONCLUSIE_DRIJFVEREN, ENTER)  # the confirmed line
    term.answer(MORE, " en af" + ENTER)  # the line being typed, offered to finish
    term.answer(MORE, ENTER)
    term.answer(WHAT_NOW, CTRL_C)
    assert term.end() == 130
    saved = load(tmp_path / "s.yaml")
    assert saved["answers"]["drijfveren"]["conclusie_drijfveren"] == (
        "Eerste regel\nTweede regel, nog niet bevestigd en af"
    )
    assert not side.exists()  # the answer is confirmed: the side file is gone


def test_an_interrupted_ranking_keeps_the_order_made_so_far(tmp_path: Path) -> None:
    write_flow(tmp_path, RANK_FLOW)
    term = Terminal(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META)
    term.answer("punt 1; leeg = klaar", ENTER)
    term.answer("Volgorde — plaats 1", DOWN * 2 + ENTER)  # Jongeren
    term.answer("Volgorde — plaats 2", ENTER)  # Armoede
    term.answer("Volgorde — plaats 3", CTRL_C)
    assert term.end() == 130
    saved = load(tmp_path / "s.yaml")
    assert saved["draft"] == {"path": "s.volgorde", "text": "Jongeren\nArmoede"}

    term = Terminal(tmp_path, "resume", "s.yaml")
    term.expect("Jongeren, Armoede")  # the order so far
    term.answer("Volgorde — plaats 1", DOWN * 3 + ENTER)  # keep it
    term.answer("Slotwoord", CTRL_C)
    assert term.end() == 130
    assert load(tmp_path / "s.yaml")["answers"]["s"]["volgorde"] == ["Jongeren", "Armoede"]


def test_kill_minus_nine_during_a_ranking_keeps_the_order_made_so_far(tmp_path: Path) -> None:
    write_flow(tmp_path, RANK_FLOW)
    term = Terminal(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META)
    term.answer("punt 1; leeg = klaar", ENTER)
    term.answer("Volgorde — plaats 1", DOWN + ENTER)  # Eenzaamheid
    term.expect("Volgorde — plaats 2")
    time.sleep(3)
    term.child.kill(signal.SIGKILL)
    term.child.close()

    term = Terminal(tmp_path, "resume", "s.yaml")
    term.expect("nog niet was bevestigd, staat weer klaar")
    term.expect("Eenzaamheid")  # the order so far, offered
    term.answer("Volgorde — plaats 1", CTRL_C)
    assert term.end() == 130
    assert load(tmp_path / "s.yaml")["draft"] == {"path": "s.volgorde", "text": "Eenzaamheid"}


def rescue_copy(tmp_path: Path, data: Path) -> Path:
    """A session of two answers, and a rescue copy of it written later, with a third."""
    write_flow(tmp_path, SMALL_FLOW)
    plain(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META, stdin="Jan\nMaastricht\n")
    session = load(tmp_path / "s.yaml")
    session["answers"]["s"]["notitie"] = "Gered"
    session["answers"]["s"]["plaats"] = "Venlo"
    session["updated_at"] = "2099-01-01T10:00:00+00:00"
    session["flow"]["source"] = str(tmp_path / "flow.yaml")
    folder = data / "limburglab" / "rescue"
    folder.mkdir(parents=True)
    copy = folder / "s.2099-01-01T10-00-00.yaml"
    copy.write_text(yaml.safe_dump(session, allow_unicode=True), encoding="utf-8")
    return copy


@pytest.mark.parametrize("take", [True, False])
def test_a_rescue_copy_is_offered_on_resume_with_its_time_and_taken_only_when_asked(
    tmp_path: Path, take: bool
) -> None:
    data = tmp_path / "data"
    copy = rescue_copy(tmp_path, data)
    result = plain(
        tmp_path,
        "resume",
        "s.yaml",
        stdin="j\n" if take else "n\n",
        env={"XDG_DATA_HOME": str(data)},
    )
    assert "Er is een latere kopie van deze sessie, van 01-01-2099 10:00" in result.stderr
    assert str(copy) in result.stderr.replace("\n", "")
    answers = load(tmp_path / "s.yaml")["answers"]["s"]
    if take:
        assert answers == {"naam": "Jan", "plaats": "Venlo", "notitie": "Gered"}
    else:
        assert answers == {"naam": "Jan", "plaats": "Maastricht"}
    assert copy.exists()  # the copy is never thrown away


def test_ctrl_c_while_correcting_a_paragraph_line_offers_only_the_correction(
    tmp_path: Path,
) -> None:
    write_flow(tmp_path, LIST_FLOW)
    term = Terminal(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META)
    term.answer("punt 1; leeg = klaar", ENTER)
    term.answer("Toelichting", "L1" + ENTER)
    for line in ("L2", "L3"):
        term.answer(MORE, line + ENTER)
    term.answer(MORE, CTRL_B)
    term.answer("punt 1; leeg = klaar", ENTER)
    term.answer("Toelichting", ENTER)  # L1
    term.answer(MORE, " verbeterd" + CTRL_C)  # L2 being corrected
    assert term.end() == 130
    saved = load(tmp_path / "s.yaml")
    assert saved["answers"]["s"]["toelichting"] == "L1\nL2\nL3"  # the correction is no answer yet
    assert saved["draft"] == {"path": "s.toelichting", "text": "L2 verbeterd", "line": 1}

    term = Terminal(tmp_path, "resume", "s.yaml")
    for _ in range(4):  # L1, the correction in L2's place, L3, the end
        term.answer(MORE if _ else "Toelichting", ENTER)
    term.answer(WHAT_NOW, CTRL_C)
    assert term.end() == 130
    assert load(tmp_path / "s.yaml")["answers"]["s"]["toelichting"] == "L1\nL2 verbeterd\nL3"


def test_ctrl_c_while_correcting_an_other_line_offers_only_the_correction(
    tmp_path: Path,
) -> None:
    write_flow(tmp_path, OTHER_FLOW)
    term = Terminal(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META)
    term.answer("Iets vooraf", "x" + ENTER)
    term.answer("Thema's", SPACE + ENTER)
    for line in ("Wonen", "Werk"):
        term.answer("Anders, namelijk", line + ENTER)
    term.answer("Anders, namelijk", CTRL_B)
    term.answer("Thema's", ENTER)
    term.answer("Anders, namelijk", " en zorg" + CTRL_C)  # Wonen being corrected
    assert term.end() == 130

    term = Terminal(tmp_path, "resume", "s.yaml")
    term.answer("Thema's", ENTER)
    term.answer("Anders, namelijk", ENTER)  # the correction, in Wonen's place
    term.answer("Anders, namelijk", ENTER)  # Werk
    term.answer("Anders, namelijk", ENTER)
    term.answer(WHAT_NOW, CTRL_C)
    assert term.end() == 130
    assert load(tmp_path / "s.yaml")["answers"]["s"]["themas"] == [
        "Eenzaamheid",
        "Wonen en zorg",
        "Werk",
    ]


def test_a_draft_whose_place_is_gone_is_said_in_full_and_kept(tmp_path: Path) -> None:
    flow = write_flow(tmp_path, SMALL_FLOW)
    term = Terminal(tmp_path, "run", "flow.yaml", "--session", "s.yaml", *META)
    term.answer("Naam", "Jan" + ENTER)
    term.answer("Plaats", "Maastricht" + ENTER)
    term.answer("Notitie", "Een notitie half" + CTRL_C)
    assert term.end() == 130
    flow.write_text(
        textwrap.dedent(SMALL_FLOW).replace(
            "      - id: notitie\n        type: text\n        prompt: Notitie\n", ""
        ),
        encoding="utf-8",
    )
    result = plain(tmp_path, "resume", "s.yaml")  # and stop at once
    assert "hoort bij een plek die er niet meer is (s.notitie): „Een notitie half”" in (
        " ".join(result.stderr.split())
    )
    assert load(tmp_path / "s.yaml")["draft"] == {"path": "s.notitie", "text": "Een notitie half"}
