"""The plain line protocol, end to end through the real CLI with stdin as text."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import subprocess
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from limburglab import messages
from processes import LIMBURGLAB
from processes import limburglab as cli

META = [
    "--group",
    "Groep één",
    "--leader",
    "Mieke Bos",
    "--organisation",
    "Zonnebloem",
    "--round",
    "1",
    "--participants",
    "5",
    "--date",
    "2026-11-29",
]

FLOW = """\
    id: alles
    title: Alles
    version: 1
    sections:
      - id: a
        title: Eerste
        timebox: 5m
        questions:
          - id: naam
            type: text
            label: Naam
            prompt: Hoe heet het project?
            required: true
          - id: verhaal
            type: paragraph
            prompt: Verhaal
          - id: punten
            type: list
            prompt: Punt
            item:
              - id: uitleg
                type: text
                label: Uitleg
                prompt: "Uitleg bij {{ item.text }}"
      - id: b
        title: Tweede
        timebox: 10m
        questions:
          - id: kleur
            type: select
            prompt: Kleur
            choices: [Rood, Groen, Blauw]
          - id: vorm
            type: select
            prompt: Vorm
            choices: [Rond, Vierkant]
          - id: themas
            type: multiselect
            prompt: Thema's
            choices: [Armoede, Eenzaamheid, Jongeren]
            other: true
          - id: volgorde
            type: rank
            prompt: Volgorde
            choices_from: themas
          - id: stippen
            type: vote
            prompt: Stippen
            choices: [X, Y, Z]
            budget: 5
          - id: akkoord
            type: confirm
            prompt: Akkoord
          - id: nogmaals
            type: confirm
            prompt: Nogmaals
          - id: aantal
            type: number
            prompt: Aantal
          - id: cijfer
            type: scale
            prompt: Cijfer
            min: 1
            max: 10
            required: true
"""

# One line per answer, in flow order, for FLOW.
SECTION_A = [
    "Buurtkamer",  # naam
    "regel één",  # verhaal, first line
    "regel twee",
    "",  # end of the paragraph
    "alpha",  # punten[0]
    "uitleg a",  # its uitleg
    "beta",  # punten[1]
    "",  # no uitleg
    "",  # end of the list
]
REVIEW = [""]  # after a section: go on
SECTION_B = [
    "2",  # kleur by number
    "vierkant",  # vorm by text, any case
    "1, 3",  # themas by number
    "Sport",  # another, on its own line
    "",  # no more others
    "Sport, 1",  # volgorde by text and number
    "2,0,3",  # stippen in choice order
    "j",  # akkoord
    "nee",  # nogmaals
    "7,5",  # aantal
    "8",  # cijfer
]
ANSWERS = {
    "a": {
        "naam": "Buurtkamer",
        "verhaal": "regel één\nregel twee",
        "punten": [{"text": "alpha", "uitleg": "uitleg a"}, "beta"],
    },
    "b": {
        "kleur": "Groen",
        "vorm": "Vierkant",
        "themas": ["Armoede", "Jongeren", "Sport"],
        "volgorde": ["Sport", "Armoede"],
        "stippen": {"X": 2, "Z": 3},
        "akkoord": True,
        "nogmaals": False,
        "aantal": 7.5,
        "cijfer": 8,
    },
}
EVERYTHING = [*SECTION_A, *REVIEW, *SECTION_B, *REVIEW, *REVIEW]
OUT_OF_STEP = (
    "De invoer loopt niet gelijk met de vragen, dus limburglab is gestopt; alles vóór die regel "
    "is opgeslagen. Verbeter de invoer en ga verder met:\n  limburglab resume s.yaml\n"
)


def lines(*answers: str) -> str:
    return "".join(f"{answer}\n" for answer in answers)


@pytest.fixture
def flow_file(tmp_path: Path) -> Path:
    path = tmp_path / "flow.yaml"
    path.write_text(textwrap.dedent(FLOW), encoding="utf-8")
    return path


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def prompts(stderr: str) -> list[str]:
    """The question lines shown, without their `> ` input marker."""
    return [line.split("? ", 1)[1] for line in stderr.splitlines() if "? " in line]


def run_plain(tmp_path: Path, stdin: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return cli(
        tmp_path, "run", "flow.yaml", "--plain", "--session", "s.yaml", *META, *extra, stdin=stdin
    )


def in_terminal(cwd: Path, *args: str | Path, stdin: str | bytes) -> tuple[int, str]:
    """`limburglab ARGS` with `--plain` typed in a terminal (a pseudo-terminal): the exit code
    and what it said (stdout and stderr, as one)."""
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "LIMBURGLAB_LANG": "nl"}
    child = pexpect.spawn(
        LIMBURGLAB, [*map(str, args)], cwd=str(cwd), env=env, echo=False, timeout=30
    )
    child.send(stdin.encode("utf-8") if isinstance(stdin, str) else stdin)
    child.expect(pexpect.EOF)
    child.close()
    said = child.before.decode("utf-8", "replace").replace("\r\n", "\n")
    return child.exitstatus, said


def plain_in_terminal(tmp_path: Path, stdin: str | bytes, *extra: str) -> tuple[int, str]:
    return in_terminal(
        tmp_path, "run", "flow.yaml", "--plain", "--session", "s.yaml", *META, *extra, stdin=stdin
    )


# --- a whole session --------------------------------------------------------------------------


def test_every_question_type_is_answered_line_by_line(tmp_path: Path, flow_file: Path) -> None:
    result = run_plain(tmp_path, lines(*EVERYTHING))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    saved = load(tmp_path / "s.yaml")
    assert saved["answers"] == ANSWERS
    assert saved["status"] == "complete"
    assert saved["meta"] == {
        "workshop": "Alles",
        "date": "2026-11-29",
        "round": 1,
        "group": "Groep één",
        "leader": "Mieke Bos",
        "organisation": "Zonnebloem",
        "participants": 5,
    }
    assert "Sessie afgerond en opgeslagen in s.yaml" in result.stderr


def test_prompts_and_reviews_go_to_stderr(tmp_path: Path, flow_file: Path) -> None:
    result = run_plain(tmp_path, lines(*EVERYTHING))
    err = result.stderr
    assert err.startswith("Elk antwoord wordt direct opgeslagen in s.yaml\n")
    assert "Onderdeel 1 van 2: Eerste (5m)" in err
    assert "Onderdeel 2 van 2: Tweede (10m)" in err
    assert prompts(err)[:6] == [
        "Hoe heet het project?",
        "Verhaal",
        "Punt",
        "Uitleg bij alpha",
        "Punt",
        "Uitleg bij beta",
    ]
    assert "  ? Uitleg bij alpha" in err  # a follow-up is indented
    assert "  (punt 2; leeg = klaar)" in err
    assert "  1) Rood\n  2) Groen\n  3) Blauw\n" in err
    # The review of the first section shows what was captured.
    assert "- Naam: Buurtkamer\n- Verhaal: regel één\n  regel twee\n- Punt:\n  - alpha\n" in err
    assert "? Einde van „Eerste”. Wat nu?" in err
    assert "? Dit is de hele sessie. Afronden?" in err


def test_session_file_format(tmp_path: Path, flow_file: Path) -> None:
    run_plain(tmp_path, lines(*EVERYTHING))
    text = (tmp_path / "s.yaml").read_text(encoding="utf-8")
    saved = yaml.safe_load(text)
    assert list(saved) == [
        "format",
        "flow",
        "meta",
        "status",
        "started_at",
        "updated_at",
        "timing",
        "answers",
    ]
    assert saved["format"] == 1
    assert saved["flow"] == {
        "id": "alles",
        "version": "1",
        "sha256": hashlib.sha256(flow_file.read_bytes()).hexdigest(),
        "source": "flow.yaml",
    }
    assert list(saved["meta"]) == [
        "workshop",
        "date",
        "round",
        "group",
        "leader",
        "organisation",
        "participants",
    ]
    assert list(saved["answers"]) == ["a", "b"]
    assert list(saved["answers"]["a"]) == ["naam", "verhaal", "punten"]
    for stamp in (saved["started_at"], saved["updated_at"]):
        assert dt.datetime.fromisoformat(stamp).tzinfo is not None
    assert set(saved["timing"]) == {"a", "b"}
    assert saved["timing"]["a"]["planned"] == 300
    assert saved["timing"]["b"]["planned"] == 600
    assert all(isinstance(entry["actual"], int) for entry in saved["timing"].values())
    # Human-readable: Unicode as is, multi-line text as a block, entries as plain strings.
    assert "group: Groep één" in text
    assert "    verhaal: |-\n      regel één\n      regel twee\n" in text
    assert "    - text: alpha\n      uitleg: uitleg a\n    - beta\n" in text


def _text_or_nothing(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def test_timing_records_the_actual_seconds_per_section(tmp_path: Path, flow_file: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "LIMBURGLAB_LANG": "nl"}
    process = subprocess.Popen(
        [LIMBURGLAB, "run", "flow.yaml", "--plain", "--session", "s.yaml", *META],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
        env=env,
        text=True,
    )
    assert process.stdin is not None
    process.stdin.write(lines("Buurtkamer"))
    process.stdin.flush()
    # The section's clock runs from its first question: wait until that was answered (on a busy
    # machine the process may take a while to start), then let two more seconds pass.
    deadline = time.monotonic() + 60
    while "Buurtkamer" not in _text_or_nothing(tmp_path / "s.yaml"):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)
    time.sleep(2.2)
    process.stdin.write(lines(*EVERYTHING[1:]))
    process.stdin.close()
    assert process.wait(timeout=60) == 0
    timing = load(tmp_path / "s.yaml")["timing"]
    assert timing["a"]["planned"] == 300
    assert 2 <= timing["a"]["actual"] <= 30
    assert timing["b"] == {"planned": 600, "actual": 0}


def test_skipping_optional_questions_leaves_them_out(tmp_path: Path, flow_file: Path) -> None:
    # (Volgorde has no choices without Thema's, so it is not asked.)
    stdin = lines("Buurtkamer", "", "", "", "", "", "", "", "", "", "", "", "3", "", "")
    result = run_plain(tmp_path, stdin)
    assert result.returncode == 0, result.stderr
    assert load(tmp_path / "s.yaml")["answers"] == {"a": {"naam": "Buurtkamer"}, "b": {"cijfer": 3}}


def test_wrong_answers_typed_in_a_terminal_are_said_and_asked_again(
    tmp_path: Path, flow_file: Path
) -> None:
    stdin = lines(
        *SECTION_A,
        *REVIEW,
        "Paars",  # no such choice
        "2",
        "vierkant",
        "1, 3",
        "Sport",
        "",
        "Sport, Fiets",  # no such choice
        "Sport, Sport",  # twice
        "Sport, 1",
        "4,4",  # over the budget
        "2,0,3",
        "misschien",
        "j",
        "nee",
        "veel",
        "7,5",
        "11",  # out of range
        "8",
        *REVIEW,
        *REVIEW,
    )
    code, said = plain_in_terminal(tmp_path, stdin)
    assert code == 0, said
    assert load(tmp_path / "s.yaml")["answers"] == ANSWERS
    warnings = [line for line in said.splitlines() if line.startswith(("> ! ", "! "))]
    assert [w.removeprefix("> ") for w in warnings] == [
        "! `Paars` is geen van de keuzes; typ een nummer uit de lijst.",
        "! `Fiets` is geen van de keuzes; typ een nummer uit de lijst.",
        "! Elke keuze mag maar één keer voorkomen.",
        "! Er zijn 5 stippen te verdelen; nu 8.",
        "! J of n.",
        "! Typ een getal.",
        "! Het getal mag hoogstens 10 zijn.",
    ]


def test_required_questions_typed_in_a_terminal_are_asked_again(
    tmp_path: Path, flow_file: Path
) -> None:
    code, said = plain_in_terminal(tmp_path, lines("", "Buurtkamer", *EVERYTHING[1:]))
    assert code == 0, said
    assert "! Deze vraag is verplicht." in said
    assert load(tmp_path / "s.yaml")["answers"] == ANSWERS


# --- going back -------------------------------------------------------------------------------


def test_back_goes_to_the_previous_question_with_its_answer_offered(
    tmp_path: Path, flow_file: Path
) -> None:
    stdin = lines(
        "Buurtkamer",
        "<",  # at verhaal: back to naam
        "",  # keep "Buurtkamer"
        *SECTION_A[1:],
        *REVIEW,
        "2",
        "<",  # at vorm: back to kleur
        "3",  # Blauw instead of Groen
        *SECTION_B[1:],
        *REVIEW,
        *REVIEW,
    )
    result = run_plain(tmp_path, stdin)
    assert result.returncode == 0, result.stderr
    asked = prompts(result.stderr)
    assert asked[:3] == ["Hoe heet het project?", "Verhaal", "Hoe heet het project? [Buurtkamer]"]
    assert "Kleur [Groen]" in asked
    saved = load(tmp_path / "s.yaml")["answers"]
    assert saved == {**ANSWERS, "b": {**ANSWERS["b"], "kleur": "Blauw"}}


def test_back_in_a_list_reopens_the_previous_entry(tmp_path: Path, flow_file: Path) -> None:
    stdin = lines(
        "Buurtkamer", "", "alpha", "uitleg a", "beta", "", "<", "<", "bèta", "uitleg b", "",
        *REVIEW, *SECTION_B, *REVIEW, *REVIEW,
    )  # fmt: skip
    result = run_plain(tmp_path, stdin)
    assert result.returncode == 0, result.stderr
    assert "? Punt [beta]" in result.stderr
    assert load(tmp_path / "s.yaml")["answers"]["a"]["punten"] == [
        {"text": "alpha", "uitleg": "uitleg a"},
        {"text": "bèta", "uitleg": "uitleg b"},
    ]


def test_back_at_a_section_review_goes_back_into_the_section(
    tmp_path: Path, flow_file: Path
) -> None:
    stdin = lines(
        *SECTION_A,
        "<",  # at the review of the first section: back to its last place, the empty punt 3
        "<",  # the uitleg of beta
        "<",  # beta itself
        "Beta",
        "",  # still no uitleg
        "",  # punt 3 stays empty: the list is done again
        *REVIEW,
        *SECTION_B,
        *REVIEW,
        *REVIEW,
    )
    result = run_plain(tmp_path, stdin)
    assert result.returncode == 0, result.stderr
    assert "? Punt [beta]" in result.stderr
    assert load(tmp_path / "s.yaml")["answers"]["a"]["punten"] == [
        {"text": "alpha", "uitleg": "uitleg a"},
        "Beta",
    ]


def test_an_answer_is_edited_from_the_final_review(tmp_path: Path, flow_file: Path) -> None:
    stdin = lines(
        *SECTION_A, *REVIEW, *SECTION_B, *REVIEW,
        "2",  # final review: edit an answer
        "Tweede › Cijfer",  # which one, by its text
        "9",
        "",  # finish
    )  # fmt: skip
    result = run_plain(tmp_path, stdin)
    assert result.returncode == 0, result.stderr
    assert "? Cijfer [8]" in result.stderr
    saved = load(tmp_path / "s.yaml")
    assert saved["answers"]["b"]["cijfer"] == 9
    assert saved["status"] == "complete"


# --- input that falls out of step (issue 19, item 4) -------------------------------------------


def test_a_piped_line_that_is_no_choice_stops_the_run_where_it_is(
    tmp_path: Path, flow_file: Path
) -> None:
    """One line too few: the themes land on Vorm, where they fit no choice."""
    stdin = lines(*SECTION_A, *REVIEW, "2", *SECTION_B[2:], *REVIEW, *REVIEW)
    result = run_plain(tmp_path, stdin)
    assert result.returncode == 1
    line = len(SECTION_A) + len(REVIEW) + 2
    assert result.stderr.endswith(
        f"> Regel {line} van de invoer past niet bij vraag b.vorm: `1, 3` is geen van de keuzes; "
        "typ een nummer uit de lijst.\n" + OUT_OF_STEP
    )
    saved = load(tmp_path / "s.yaml")
    assert saved["status"] == "in_progress"
    assert saved["current"] == "b.vorm"
    assert saved["answers"] == {"a": ANSWERS["a"], "b": {"kleur": "Groen"}}


@pytest.mark.parametrize(
    ("wrong", "at", "reason"),
    [
        ("7", "b.kleur", "`7` is geen van de keuzes; typ een nummer uit de lijst."),
        ("veel", "b.aantal", "Typ een getal."),
        ("misschien", "b.akkoord", "J of n."),
        ("11", "b.cijfer", "Het getal mag hoogstens 10 zijn."),
        ("", "b.cijfer", "Deze vraag is verplicht."),
        ("4,4", "b.stippen", "Er zijn 5 stippen te verdelen; nu 8."),
    ],
)
def test_a_piped_line_that_does_not_fit_is_never_asked_again(
    tmp_path: Path, flow_file: Path, wrong: str, at: str, reason: str
) -> None:
    ids = ["kleur", "vorm", "themas", "other", "end", "stippen", "akkoord", "nogmaals"]
    ids += ["aantal", "cijfer"]
    ids.insert(5, "volgorde")
    key = at.removeprefix("b.")
    before = SECTION_B[: ids.index(key)]
    stdin = lines(*SECTION_A, *REVIEW, *before, wrong, SECTION_B[len(before)], *REVIEW, *REVIEW)
    result = run_plain(tmp_path, stdin)
    assert result.returncode == 1
    line = len(SECTION_A) + len(REVIEW) + len(before) + 1
    assert result.stderr.endswith(
        f"> Regel {line} van de invoer past niet bij vraag {at}: {reason}\n" + OUT_OF_STEP
    )
    saved = load(tmp_path / "s.yaml")
    assert saved["status"] == "in_progress"
    assert saved["current"] == at
    assert key not in saved["answers"].get("b", {})


def test_a_blank_line_too_many_does_not_complete_the_session(
    tmp_path: Path, flow_file: Path
) -> None:
    """An extra blank line ends the list early; the next point lands on the review."""
    stdin = lines(*SECTION_A[:4], "", *SECTION_A[4:], *REVIEW, *SECTION_B, *REVIEW, *REVIEW)
    result = run_plain(tmp_path, stdin)
    assert result.returncode == 1
    assert result.stderr.endswith(
        "> Regel 6 van de invoer past niet bij het overzicht van „Eerste”: `alpha` is geen van "
        "de keuzes; typ een nummer uit de lijst.\n" + OUT_OF_STEP
    )
    saved = load(tmp_path / "s.yaml")
    assert saved["status"] == "in_progress"
    assert "punten" not in saved["answers"]["a"]


@pytest.mark.parametrize("extra", [["volgende groep"], ["", "a", "", "b", ""]])
def test_input_left_after_the_session_is_said(
    tmp_path: Path, flow_file: Path, extra: list[str]
) -> None:
    """Lines with text after the last answer mean the input was out of step somewhere: the
    session is saved as it was given, and the leader is told which line was left over."""
    result = run_plain(tmp_path, lines(*EVERYTHING, *extra))
    assert result.returncode == 1
    first = next(text for text in extra if text)
    number = len(EVERYTHING) + extra.index(first) + 1
    count = sum(1 for text in extra if text)
    assert result.stderr.endswith(
        f"De invoer had daarna nog {count} regel{'s' if count > 1 else ''} met tekst over ("
        f"{'de eerste is ' if count > 1 else ''}regel {number}: „{first}”). Misschien staat een "
        "antwoord bij de verkeerde vraag; kijk de sessie na met:\n  limburglab resume s.yaml\n"
    )
    assert load(tmp_path / "s.yaml")["answers"] == ANSWERS


def test_blank_lines_left_after_the_session_are_no_matter(tmp_path: Path, flow_file: Path) -> None:
    result = run_plain(tmp_path, lines(*EVERYTHING, "", "  "))
    assert result.returncode == 0, result.stderr
    assert load(tmp_path / "s.yaml")["status"] == "complete"


def test_end_of_input_at_the_final_review_never_completes(tmp_path: Path, flow_file: Path) -> None:
    result = run_plain(tmp_path, lines(*EVERYTHING[:-1]))
    assert result.returncode == 1
    assert result.stderr.endswith(
        f"> Gestopt bij het overzicht van de hele sessie, na regel {len(EVERYTHING) - 1} van de "
        "invoer.\nEinde van de invoer; de gegeven antwoorden zijn opgeslagen. Verder gaan met:\n"
        "  limburglab resume s.yaml\n"
    )
    saved = load(tmp_path / "s.yaml")
    assert saved["status"] == "in_progress"
    assert saved["answers"] == ANSWERS


def test_a_piped_line_that_does_not_fit_the_metadata_stops_before_anything_is_saved(
    tmp_path: Path, flow_file: Path
) -> None:
    stdin = lines("29-11-2026", *EVERYTHING)
    result = cli(
        tmp_path, "run", "flow.yaml", "--plain", "--session", "s.yaml", *META[:-2], stdin=stdin
    )
    assert result.returncode == 1
    assert result.stderr.endswith(
        "> Regel 1 van de invoer past niet bij vraag meta.date: Schrijf de datum als jjjj-mm-dd, "
        "bijvoorbeeld 2026-03-14.\nDe invoer loopt niet gelijk met de vragen, dus limburglab is "
        "gestopt voordat de sessie begon; er is niets opgeslagen.\n"
    )
    assert not (tmp_path / "s.yaml").exists()


def test_out_of_step_is_said_in_english(tmp_path: Path, flow_file: Path) -> None:
    result = cli(
        tmp_path, "run", "flow.yaml", "--plain", "--session", "s.yaml", *META,
        stdin=lines("", "Buurtkamer"), lang="en",
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.endswith(
        "> Line 1 of the input does not fit question a.naam: This question is required.\n"
        "The input is out of step with the questions, so limburglab stopped; everything before "
        "that line is saved. Correct the input and go on with:\n  limburglab resume s.yaml\n"
    )


# --- an empty answer: `-` (issue 19, item 5) ----------------------------------------------------

DEFAULTS = """\
    id: standaard
    title: Standaard
    version: 1
    sections:
      - id: s
        title: S
        questions:
          - id: naam
            type: text
            prompt: Naam
            default: Buurtkamer
          - id: kleur
            type: select
            prompt: Kleur
            choices: [Rood, Groen]
            default: Rood
          - id: punten
            type: list
            prompt: Punt
          - id: klaar
            type: confirm
            prompt: Klaar
            default: true
          - id: aantal
            type: number
            prompt: Aantal
            default: 3
"""


def test_a_dash_is_an_empty_answer_where_an_empty_line_keeps_the_default(tmp_path: Path) -> None:
    (tmp_path / "flow.yaml").write_text(textwrap.dedent(DEFAULTS), encoding="utf-8")
    kept = run_plain(tmp_path, lines("", "", "", "", "", "", ""))
    assert kept.returncode == 0, kept.stderr
    assert load(tmp_path / "s.yaml")["answers"] == {
        "s": {"naam": "Buurtkamer", "kleur": "Rood", "klaar": True, "aantal": 3}
    }
    (tmp_path / "s.yaml").unlink()
    cleared = run_plain(tmp_path, lines("-", "-", "een", "-", "-", "-", "", ""))
    assert cleared.returncode == 0, cleared.stderr
    saved = load(tmp_path / "s.yaml")
    assert saved["answers"] == {"s": {"punten": ["een"]}}
    assert saved["status"] == "complete"
    assert (
        "(één regel per antwoord; leeg = het antwoord tussen [haken] houden of overslaan; - = "
        "leeg antwoord (wissen, lijst klaar); < = terug)\n"
    ) in cleared.stderr


def test_a_dash_clears_an_answer_given_before(tmp_path: Path, flow_file: Path) -> None:
    stdin = lines(*SECTION_A, *REVIEW, "2", "<", "-", *SECTION_B[1:], *REVIEW, *REVIEW)
    result = run_plain(tmp_path, stdin)
    assert result.returncode == 0, result.stderr
    assert "? Kleur [Groen]" in result.stderr
    assert "kleur" not in load(tmp_path / "s.yaml")["answers"]["b"]


def test_a_number_out_of_range_is_no_other_answer(tmp_path: Path) -> None:
    (tmp_path / "flow.yaml").write_text(
        textwrap.dedent(DEFAULTS).replace("default: Rood", "other: true"), encoding="utf-8"
    )
    result = run_plain(tmp_path, lines("", "3", "Paars"))
    assert result.returncode == 1
    assert "Regel 2 van de invoer past niet bij vraag s.kleur: `3` is geen van de keuzes" in (
        result.stderr
    )


# --- metadata ---------------------------------------------------------------------------------


def test_metadata_not_given_is_asked_first_in_order(tmp_path: Path, flow_file: Path) -> None:
    stdin = lines("Groep één", "Mieke Bos", "Zonnebloem", "", "6", "", *EVERYTHING)
    result = cli(tmp_path, "run", "flow.yaml", "--plain", stdin=stdin)
    assert result.returncode == 0, result.stderr
    today = dt.date.today().isoformat()
    assert prompts(result.stderr)[:7] == [
        "Naam van de (sub)groep",
        "Gespreksleider",
        "Organisatie van de gespreksleider",
        "Ronde [1]",
        "Aantal deelnemers",
        f"Datum (jjjj-mm-dd) [{today}]",
        "Hoe heet het project?",
    ]
    path = tmp_path / "sessions" / f"{today}-alles-ronde-1-groep-een.yaml"
    saved = load(path)
    assert saved["meta"] == {
        "workshop": "Alles",
        "date": today,
        "round": 1,
        "group": "Groep één",
        "leader": "Mieke Bos",
        "organisation": "Zonnebloem",
        "participants": 6,
    }
    assert saved["answers"] == ANSWERS


def test_only_the_metadata_not_given_as_options_is_asked(tmp_path: Path, flow_file: Path) -> None:
    stdin = lines("Mieke Bos", "2026-11-29", *EVERYTHING)
    result = cli(
        tmp_path, "run", "flow.yaml", "--plain", "--group", "G1", "--organisation", "O",
        "--round", "2", "--participants", "4", stdin=stdin,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert prompts(result.stderr)[:3] == [
        "Gespreksleider",
        f"Datum (jjjj-mm-dd) [{dt.date.today().isoformat()}]",
        "Hoe heet het project?",
    ]
    assert (tmp_path / "sessions" / "2026-11-29-alles-ronde-2-g1.yaml").exists()


def test_a_wrong_date_typed_in_a_terminal_is_asked_again(tmp_path: Path, flow_file: Path) -> None:
    stdin = lines("29-11-2026", "2026-11-29", *EVERYTHING)
    code, said = in_terminal(
        tmp_path, "run", "flow.yaml", "--plain", "--session", "s.yaml", *META[:-2], stdin=stdin
    )
    assert code == 0, said
    assert "! Schrijf de datum als jjjj-mm-dd, bijvoorbeeld 2026-03-14." in said
    assert load(tmp_path / "s.yaml")["meta"]["date"] == "2026-11-29"


def test_back_in_the_metadata_offers_the_previous_answer(tmp_path: Path, flow_file: Path) -> None:
    stdin = lines(
        "Groep één", "Mieke Bos", "<", "", "Zonnebloem", "", "", "2026-11-29", *EVERYTHING
    )
    result = cli(tmp_path, "run", "flow.yaml", "--plain", "--session", "s.yaml", stdin=stdin)
    assert "Gespreksleider [Mieke Bos]" in prompts(result.stderr)
    assert load(tmp_path / "s.yaml")["meta"]["leader"] == "Mieke Bos"


# --- end of input and resuming ----------------------------------------------------------------


def test_end_of_input_saves_and_says_how_to_resume(tmp_path: Path, flow_file: Path) -> None:
    result = run_plain(tmp_path, lines(*SECTION_A[:6]))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.endswith(
        "Einde van de invoer; de gegeven antwoorden zijn opgeslagen. Verder gaan met:\n"
        "  limburglab resume s.yaml\n"
    )
    saved = load(tmp_path / "s.yaml")
    assert saved["status"] == "in_progress"
    assert saved["current"] == "a.punten[1]"
    assert saved["answers"] == {
        "a": {
            "naam": "Buurtkamer",
            "verhaal": "regel één\nregel twee",
            "punten": [{"text": "alpha", "uitleg": "uitleg a"}],
        }
    }
    assert list(saved) == [
        "format",
        "flow",
        "meta",
        "status",
        "started_at",
        "updated_at",
        "current",
        "timing",
        "answers",
    ]


def test_resume_continues_at_the_open_question_and_completes(
    tmp_path: Path, flow_file: Path
) -> None:
    run_plain(tmp_path, lines(*SECTION_A[:6]))
    result = cli(
        tmp_path,
        "resume",
        "s.yaml",
        "--plain",
        stdin=lines(*SECTION_A[6:], *REVIEW, *SECTION_B, *REVIEW, *REVIEW),
    )
    assert result.returncode == 0, result.stderr
    # The list goes on after its saved entries.
    assert prompts(result.stderr)[0] == "Punt"
    assert "(punt 2; leeg = klaar)" in result.stderr
    saved = load(tmp_path / "s.yaml")
    assert saved["answers"] == ANSWERS
    assert saved["status"] == "complete"
    assert "current" not in saved
    assert saved["meta"]["group"] == "Groep één"


def test_resume_after_a_whole_section(tmp_path: Path, flow_file: Path) -> None:
    run_plain(tmp_path, lines(*SECTION_A, *REVIEW, "2"))
    result = cli(
        tmp_path, "resume", "s.yaml", "--plain", stdin=lines(*SECTION_B[1:], *REVIEW, *REVIEW)
    )
    assert result.returncode == 0, result.stderr
    assert prompts(result.stderr)[0] == "Vorm"
    assert load(tmp_path / "s.yaml")["answers"] == ANSWERS


def test_resuming_a_complete_session_opens_the_review(tmp_path: Path, flow_file: Path) -> None:
    run_plain(tmp_path, lines(*EVERYTHING))
    before = load(tmp_path / "s.yaml")
    result = cli(tmp_path, "resume", "s.yaml", "--plain", stdin=lines(""))
    assert result.returncode == 0, result.stderr
    assert prompts(result.stderr) == ["Dit is de hele sessie. Afronden?"]
    assert "  - Naam: Buurtkamer" in result.stderr
    after = load(tmp_path / "s.yaml")
    assert after["answers"] == before["answers"]
    assert after["status"] == "complete"


def test_a_broken_session_file_is_reported_with_its_lines_and_never_changed(
    tmp_path: Path, flow_file: Path
) -> None:
    run_plain(tmp_path, lines(*SECTION_A, *REVIEW, "2", "vierkant"))
    path = tmp_path / "s.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("kleur: Groen", "kleur: Paars").replace(
        "naam: Buurtkamer", "naam: [Buurtkamer"
    )
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    result = cli(tmp_path, "resume", "s.yaml", "--plain", stdin=lines(*EVERYTHING))
    assert result.returncode == 1
    assert path.read_bytes() == before
    line = text.splitlines().index("    naam: [Buurtkamer") + 1
    # The parser notices the unclosed `[` on the next line.
    assert re.fullmatch(rf"s\.yaml:{line + 1}:\d+: YAML-fout: [^\n]+\n", result.stderr)
    assert not list(tmp_path.glob(".*.tmp"))


def test_every_rule_a_hand_edited_session_breaks_is_reported(
    tmp_path: Path, flow_file: Path
) -> None:
    run_plain(tmp_path, lines(*SECTION_A, *REVIEW, "2", "vierkant"))
    path = tmp_path / "s.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("kleur: Groen", "kleur: Paars").replace("uitleg: uitleg a", "uitlegg: x")
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    result = cli(tmp_path, "resume", "s.yaml", "--plain", stdin=lines(*EVERYTHING))
    assert result.returncode == 1
    assert path.read_bytes() == before
    rows = text.splitlines()
    uitlegg = rows.index("      uitlegg: x") + 1
    kleur = rows.index("    kleur: Paars") + 1
    assert result.stderr.splitlines() == [
        f"s.yaml:{uitlegg}:7: a.punten[0].uitlegg: onbekende vervolgvraag `uitlegg`",
        f"s.yaml:{kleur}:5: b.kleur: `Paars` is geen keuze van deze vraag; kies uit: "
        "Rood, Groen, Blauw",
        "Herstel s.yaml en probeer het opnieuw; het bestand is niet gewijzigd.",
    ]


def test_resume_after_the_flow_changed_keeps_the_answers_that_still_fit(
    tmp_path: Path, flow_file: Path
) -> None:
    run_plain(tmp_path, lines(*SECTION_A, *REVIEW, "2"))
    changed = textwrap.dedent(FLOW).replace(
        "      - id: verhaal\n        type: paragraph\n        prompt: Verhaal\n", ""
    )
    assert changed != textwrap.dedent(FLOW)
    flow_file.write_text(changed, encoding="utf-8")
    result = cli(
        tmp_path, "resume", "s.yaml", "--plain", stdin=lines(*SECTION_B[1:], *REVIEW, *REVIEW)
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(
        "! Let op: de flow `alles` (versie 1, flow.yaml) is veranderd sinds deze sessie begon; "
        "de antwoorden op vragen die nog bestaan blijven bewaard.\n! Niet meer in de flow; deze "
        "antwoorden blijven in het bestand staan maar worden niet gebruikt: a.verhaal\n"
    )
    saved = load(tmp_path / "s.yaml")
    assert saved["flow"]["sha256"] == hashlib.sha256(changed.encode()).hexdigest()
    assert saved["answers"] == ANSWERS  # the answer to the removed question stays in the file


def test_an_existing_session_file_is_never_overwritten(tmp_path: Path, flow_file: Path) -> None:
    (tmp_path / "s.yaml").write_text("van iemand anders\n", encoding="utf-8")
    result = run_plain(tmp_path, lines(*EVERYTHING))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "s.yaml").read_text(encoding="utf-8") == "van iemand anders\n"
    assert "! s.yaml bestaat al en wordt niet overschreven; deze sessie komt in s-2.yaml" in (
        result.stderr
    )
    assert load(tmp_path / "s-2.yaml")["answers"] == ANSWERS


def test_a_second_run_for_the_same_group_offers_to_go_on(tmp_path: Path, flow_file: Path) -> None:
    """Issue 10, item 7: the round is in the name; a second `run` for the same flow, round and
    group offers the existing session first, or a new one named so the difference is clear."""
    args = ["run", "flow.yaml", "--plain", *META]
    cli(tmp_path, *args, stdin=lines(*SECTION_A[:1]))  # stopped after one answer
    folder = tmp_path / "sessions"
    first = folder / "2026-11-29-alles-ronde-1-groep-een.yaml"
    assert [p.name for p in folder.iterdir()] == [first.name]

    result = cli(tmp_path, *args, stdin=lines("", *SECTION_A[1:], *REVIEW, *SECTION_B, "", ""))
    assert result.returncode == 0, result.stderr
    assert (
        "? Er is al een sessie van deze flow, ronde en groep: "
        f"sessions/{first.name} (nog niet afgerond). Wat wilt u doen?\n"
        "  1) Verder gaan met die sessie\n"
        "  2) Een nieuwe sessie beginnen, in "
        "sessions/2026-11-29-alles-ronde-1-groep-een-sessie-2.yaml\n"
    ) in result.stderr
    assert [p.name for p in folder.iterdir()] == [first.name]
    assert load(first)["answers"] == ANSWERS

    result = cli(tmp_path, *args, stdin=lines("2", *EVERYTHING))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "2026-11-29-alles-ronde-1-groep-een-sessie-2.yaml",
        first.name,
    ]
    assert load(folder / "2026-11-29-alles-ronde-1-groep-een-sessie-2.yaml")["answers"] == ANSWERS


# --- answers files ----------------------------------------------------------------------------


def write_answers(tmp_path: Path, answers: Any, meta: Any = None) -> Path:
    path = tmp_path / "antwoorden.yaml"
    data = {"meta": meta, "answers": answers} if meta else {"answers": answers}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_answers_file_with_every_answer_completes_without_asking(
    tmp_path: Path, flow_file: Path
) -> None:
    write_answers(tmp_path, ANSWERS)
    result = cli(
        tmp_path, "run", "flow.yaml", "--answers", "antwoorden.yaml", "--session", "s.yaml", *META
    )
    assert result.returncode == 0, result.stderr
    assert prompts(result.stderr) == []
    saved = load(tmp_path / "s.yaml")
    assert saved["answers"] == ANSWERS
    assert saved["status"] == "complete"
    assert saved["meta"]["group"] == "Groep één"


def test_answers_file_meta_is_used(tmp_path: Path, flow_file: Path) -> None:
    write_answers(
        tmp_path, ANSWERS, meta={"group": "Groep 7", "leader": "An", "date": "2026-01-02"}
    )
    result = cli(tmp_path, "run", "flow.yaml", "--answers", "antwoorden.yaml")
    assert result.returncode == 0, result.stderr
    saved = load(tmp_path / "sessions" / "2026-01-02-alles-groep-7.yaml")
    assert saved["meta"]["leader"] == "An"
    assert saved["answers"] == ANSWERS


def test_a_complete_session_file_works_as_answers_file(tmp_path: Path, flow_file: Path) -> None:
    run_plain(tmp_path, lines(*EVERYTHING))
    result = cli(tmp_path, "run", "flow.yaml", "--answers", "s.yaml", "--session", "kopie.yaml")
    assert result.returncode == 0, result.stderr
    copy = load(tmp_path / "kopie.yaml")
    assert copy["answers"] == ANSWERS
    assert copy["meta"] == load(tmp_path / "s.yaml")["meta"]
    assert copy["status"] == "complete"


def test_an_answers_file_leaves_an_answer_empty_with_a_tilde(
    tmp_path: Path, flow_file: Path
) -> None:
    """`~` (or `[]`, `{}`, `''`) is an empty answer on purpose: left out of the session, and its
    place counted as skipped, so that `resume` never asks it."""
    from limburglab.flow import load as load_flow
    from limburglab.session import file as sessions

    answers = tmp_path / "antwoorden.yaml"
    answers.write_text(
        textwrap.dedent(
            """\
            answers:
              a:
                naam: Buurtkamer
                verhaal: ~
                punten: []
              b:
                kleur: ''
                themas: []
                stippen: {}
                cijfer: 8
            """
        ),
        encoding="utf-8",
    )
    result = cli(
        tmp_path, "run", "flow.yaml", "--answers", "antwoorden.yaml", "--session", "s.yaml", *META
    )
    assert result.returncode == 0, result.stderr
    saved = load(tmp_path / "s.yaml")
    assert saved["answers"] == {"a": {"naam": "Buurtkamer"}, "b": {"cijfer": 8}}
    assert saved["status"] == "complete"

    given = sessions.load(answers, load_flow(str(flow_file)), answers_only=True)
    assert given.answers == {"a": {"naam": "Buurtkamer"}, "b": {"cijfer": 8}}
    assert given.skipped == {
        ("a", "verhaal"),
        ("a", "punten", 0),
        ("b", "kleur"),
        ("b", "themas"),
        ("b", "stippen"),
    }
    answers.write_text("answers:\n  a: {naam: x}\n  b: {kleur: ~}\n", encoding="utf-8")
    given = sessions.load(answers, load_flow(str(flow_file)), answers_only=True)
    assert given.answers == {"a": {"naam": "x"}}  # no empty section either


def test_answers_that_break_the_rules_are_all_reported(tmp_path: Path, flow_file: Path) -> None:
    broken = {
        "a": {
            "naam": "Buurtkamer",
            "punten": ["alpha", {"text": "beta", "uitleg": ["geen", "tekst"]}],
        },
        "b": {"kleur": "Paars", "stippen": {"X": 6}, "cijfer": 11, "akkoord": "ja"},
    }
    write_answers(tmp_path, broken)
    result = cli(
        tmp_path, "run", "flow.yaml", "--answers", "antwoorden.yaml", "--session", "s.yaml", *META
    )
    assert result.returncode == 1
    errors = [line.split(": ", 1)[1] for line in result.stderr.splitlines()[:-1]]
    assert errors == [
        "a.punten[1].uitleg: verwacht tekst; zet de tekst eventueel tussen aanhalingstekens",
        "b.kleur: `Paars` is geen keuze van deze vraag; kies uit: Rood, Groen, Blauw",
        "b.stippen: er zijn 5 stippen te verdelen; nu 6",
        "b.akkoord: verwacht true of false",
        "b.cijfer: het getal mag hoogstens 10 zijn",
    ]
    assert all(line.startswith("antwoorden.yaml:") for line in result.stderr.splitlines()[:-1])
    assert not (tmp_path / "s.yaml").exists()


def test_missing_required_answers_without_a_terminal_are_an_error(
    tmp_path: Path, flow_file: Path
) -> None:
    write_answers(tmp_path, {"b": {"kleur": "Rood"}})
    result = cli(
        tmp_path, "run", "flow.yaml", "--answers", "antwoorden.yaml", "--session", "s.yaml", *META
    )
    assert result.returncode == 1
    assert result.stderr == (
        "Deze verplichte vragen hebben geen antwoord:\n  a.naam\n  b.cijfer\n"
        "Vul ze aan in het antwoordenbestand, of start zonder --answers in een terminal.\n"
    )
    assert not (tmp_path / "s.yaml").exists()


# --- language ---------------------------------------------------------------------------------


META_KEYS = [f"meta.{k}" for k in ("group", "leader", "organisation", "round", "participants")]
META_KEYS += ["meta.date"]


def test_lang_option_gives_english_prompts(tmp_path: Path, flow_file: Path) -> None:
    stdin = lines("G1", "An", "O", "", "", "2026-11-29", "Buurtkamer")
    result = cli(tmp_path, "run", "flow.yaml", "--plain", "--lang", "en", stdin=stdin)
    assert result.returncode == 1
    en = {key: messages.say("en", key) for key in ("run.end_of_input", *META_KEYS)}
    assert prompts(result.stderr)[:7] == [
        en["meta.group"],
        en["meta.leader"],
        en["meta.organisation"],
        en["meta.round"] + " [1]",
        en["meta.participants"],
        en["meta.date"] + f" [{dt.date.today().isoformat()}]",
        "Hoe heet het project?",
    ]
    command = "limburglab resume sessions/2026-11-29-alles-ronde-1-g1.yaml"
    said = messages.say("en", "run.end_of_input", command=command)
    assert result.stderr.endswith(said + "\n")


def test_end_of_input_during_the_metadata_is_said_in_the_tools_words(
    tmp_path: Path, flow_file: Path
) -> None:
    result = cli(tmp_path, "run", "flow.yaml", "--plain", stdin=lines("G1"))
    assert result.returncode == 1
    assert "Aborted" not in result.stderr
    assert "Traceback" not in result.stderr


def test_environment_language_gives_english_prompts(tmp_path: Path, flow_file: Path) -> None:
    result = cli(
        tmp_path, "run", "flow.yaml", "--plain", "--session", "s.yaml", *META,
        stdin=lines(*EVERYTHING), lang="en",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Section 1 of 2: Eerste (5m)" in result.stderr
    assert "Section 2 of 2: Tweede (10m)" in result.stderr
    assert messages.say("en", "review.final_prompt") in result.stderr
    assert load(tmp_path / "s.yaml")["answers"] == ANSWERS


def test_without_a_language_setting_the_flows_language_is_used(
    tmp_path: Path, flow_file: Path
) -> None:
    english = textwrap.dedent(FLOW).replace("version: 1\n", "version: 1\nlanguage: en\n", 1)
    flow_file.write_text(english, encoding="utf-8")
    result = cli(tmp_path, "run", "flow.yaml", "--plain", stdin=lines("G1"), lang=None)
    assert prompts(result.stderr)[0] == messages.say("en", "meta.group")
    dutch = cli(tmp_path, "run", "flow.yaml", "--plain", stdin=lines("G1"), lang="nl")
    assert prompts(dutch.stderr)[0] == messages.say("nl", "meta.group")


def test_english_confirm_default_is_shown_in_english(tmp_path: Path, flow_file: Path) -> None:
    stdin = lines(*EVERYTHING[:-5], "<", "")  # back from nogmaals to akkoord (answered j)
    result = cli(
        tmp_path,
        "run",
        "flow.yaml",
        "--plain",
        "--session",
        "s.yaml",
        *META,
        stdin=stdin,
        lang="en",
    )
    assert "Akkoord [yes]" in prompts(result.stderr)


def test_an_unknown_language_is_refused(tmp_path: Path, flow_file: Path) -> None:
    result = cli(tmp_path, "run", "flow.yaml", "--plain", "--lang", "fr", stdin="")
    assert result.returncode == 1
    assert "onbekende taal `fr`; kies nl of en" in result.stderr


def test_review_never_shows_a_raw_prompt_template(tmp_path: Path) -> None:
    (tmp_path / "flow.yaml").write_text(
        textwrap.dedent(
            """\
            id: sjabloon
            title: Sjabloon
            version: 1
            sections:
              - id: s
                title: S
                questions:
                  - id: punten
                    type: list
                    prompt: Punt
                    item:
                      - id: effect
                        type: text
                        prompt: "Effect van {{ item.text }}?"
            """
        ),
        encoding="utf-8",
    )
    result = run_plain(tmp_path, lines("een", "groot", "", "", ""))
    assert result.returncode == 0, result.stderr
    assert "{{" not in result.stderr


# --- bytes that are not UTF-8 ------------------------------------------------------------------


@pytest.mark.parametrize("errors", ["surrogateescape", "strict"])
def test_a_piped_input_line_that_is_not_utf8_stops_the_run_with_its_number(
    tmp_path: Path, flow_file: Path, errors: str
) -> None:
    """However Python was told to read standard input, the line is named, nothing is lost; the
    next line was written for the next question, so it is not taken for this one."""
    stdin = "Buurt\udcffkamer\n".encode("utf-8", "surrogateescape")
    stdin += lines(*SECTION_A[:6]).encode("utf-8")
    env = {**os.environ, "NO_COLOR": "1", "LIMBURGLAB_LANG": "nl"}
    env["PYTHONIOENCODING"] = f"utf-8:{errors}"

    result = subprocess.run(
        [LIMBURGLAB, "run", "flow.yaml", "--plain", "--session", "s.yaml", *META],
        input=stdin,
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=30,
        check=False,
    )

    stderr = result.stderr.decode("utf-8")
    assert "Traceback" not in stderr
    assert stderr.endswith(
        "> Regel 1 van de invoer past niet bij vraag a.naam: Deze regel is geen UTF-8-tekst "
        "(`Buurt\\xffkamer`); zet de terminal of het invoerbestand op UTF-8 en probeer het "
        "opnieuw.\n" + OUT_OF_STEP
    )
    assert result.returncode == 1
    assert load(tmp_path / "s.yaml")["answers"] == {}


def test_a_typed_line_that_is_not_utf8_is_said_and_asked_again(
    tmp_path: Path, flow_file: Path
) -> None:
    stdin = "Buurt\udcffkamer\n".encode("utf-8", "surrogateescape")
    stdin += lines(*SECTION_A[:6]).encode("utf-8") + b"\x04"  # Ctrl-D: the end of the input
    code, said = plain_in_terminal(tmp_path, stdin)
    assert (
        "! regel 1 van de invoer is geen UTF-8-tekst (`Buurt\\xffkamer`) en is niet opgeslagen; "
        "zet de terminal of het invoerbestand op UTF-8 en geef het antwoord opnieuw\n"
    ) in said
    assert code == 1  # end of input, as without the wrong line
    assert load(tmp_path / "s.yaml")["answers"]["a"] == {
        "naam": "Buurtkamer",
        "verhaal": "regel één\nregel twee",
        "punten": [{"text": "alpha", "uitleg": "uitleg a"}],
    }


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--group", b"Caf\xe9"], "--group"),
        ([b"--leader=Jos\xe9"], "--leader"),
        (["--plain", b"fl\xf6w.yaml"], "een argument"),
    ],
)
def test_an_argument_that_is_not_utf8_is_named_before_anything_is_done(
    tmp_path: Path, flow_file: Path, args: list[str | bytes], named: str
) -> None:
    env = {**os.environ, "LIMBURGLAB_LANG": "nl"}
    result = subprocess.run(
        [LIMBURGLAB, "run", *args],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=30,
        check=False,
    )

    shown = next(a for a in args if isinstance(a, bytes)).partition(b"=")
    text = (shown[2] or shown[0]).decode("utf-8", "backslashreplace")
    assert result.returncode == 1
    assert result.stderr.decode("utf-8") == (
        f"{named}: `{text}` is geen UTF-8-tekst; zet de terminal op UTF-8 (zoals "
        "LANG=nl_NL.UTF-8) en typ het opnieuw. Er is nog niets gedaan.\n"
    )
    assert not (tmp_path / "sessions").exists()
