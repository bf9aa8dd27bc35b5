"""Every file is read as YAML 1.2 (core schema): values are what they look like, a number keeps
the form it was written in where text is meant, and a tag that cannot make its value is a
located message, never a traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from limburglab import yamlsource
from limburglab.cli import app
from limburglab.errors import ProblemsError

LIMBURGLAB = [sys.executable, "-m", "limburglab"]


def parse(text: str) -> Any:
    return yamlsource.parse(textwrap.dedent(text), Path("x.yaml"), ProblemsError).data


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("no", "no"),
        ("on", "on"),
        ("Yes", "Yes"),
        ("y", "y"),
        ("14:30", "14:30"),
        ("1:02:03", "1:02:03"),
        ("2024-10-10", "2024-10-10"),
        ("2024-02-30", "2024-02-30"),
        ("2024-10-10 14:30:00", "2024-10-10 14:30:00"),
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        ("true", True),
        ("FALSE", False),
        ("~", None),
        ("null", None),
        ("10", 10),
        ("-3", -3),
        ("010", 10),
        ("0o17", 15),
        ("0x1F", 31),
        ("1.5", 1.5),
        ("1.10", 1.1),
        ("1e3", 1000.0),
        ("'010'", "010"),
        ('"true"', "true"),
        ("!!str 10", "10"),
        ("!!int '42'", 42),
        ("!!float 1", 1.0),
        ("!!bool true", True),
        ("!!null ''", None),
    ],
)
def test_scalars_follow_the_yaml_1_2_core_schema(written: str, value: Any) -> None:
    parsed = parse(f"key: {written}\n")["key"]
    assert parsed == value
    assert type(parsed) is type(value) or isinstance(parsed, type(value))


@pytest.mark.parametrize("written", ["010", "0123", "1.10", "+5", "0x1F", "1e3", ".5", "2.50"])
def test_a_number_keeps_the_form_it_was_written_in_as_its_text(written: str) -> None:
    parsed = parse(f"key: {written}\n")["key"]
    assert isinstance(parsed, (int, float)) and not isinstance(parsed, bool)
    assert str(parsed) == written
    # … and writes back as written, so that a session saved again reads the same.
    again = parse(yaml.safe_dump({"key": parsed}))["key"]
    assert again == parsed and str(again) == written


def test_infinity_and_nan_are_read_as_numbers_and_refused_with_their_place() -> None:
    """Issue 19: the core schema reads `.inf` and `.nan` as numbers, and no file limburglab
    reads may hold one (a report, the board and a spreadsheet cannot show them)."""
    with pytest.raises(ProblemsError) as refused:
        parse("a: .inf\nb: -.Inf\nc: .NaN\nd: 1e999\n")
    assert [(p.line, p.column) for p in refused.value.problems] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert all("geen eindig getal" in p.message for p in refused.value.problems)


def test_merge_keys_still_copy_a_mapping() -> None:
    data = parse(
        """\
        base: &base {a: 1, b: 2}
        copy:
          <<: *base
          b: 3
        """
    )
    assert data["copy"] == {"a": 1, "b": 3}


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("date: !!int abc\n", (1, 7), "`abc` past niet bij !!int"),
        ("- !!float x\n", (1, 3), "`x` past niet bij !!float"),
        ("a:\n  b: !!bool maybe\n", (2, 6), "`maybe` past niet bij !!bool"),
        ("a: !!timestamp nope\n", (1, 4), "de tag `!!timestamp` wordt niet gelezen"),
        ("a: !foo bar\n", (1, 4), "de tag `!foo` wordt niet gelezen"),
        ("a: !!python/name:os.system ''\n", (1, 4), "de tag `!!python/name:os.system`"),
        ("!!python/object:os.system {}\n", (1, 1), "de tag `!!python/object:os.system`"),
        ("a: !!int 1" + "0" * 5000 + "\n", (1, 4), "past niet bij !!int"),
        ("a:\n  <<: 5\n", (2, 7), "YAML-fout"),
    ],
)
def test_a_value_its_tag_cannot_make_is_a_located_problem(
    text: str, where: tuple[int, int], message: str
) -> None:
    with pytest.raises(ProblemsError) as caught:
        parse(text)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == where
    assert message in problem.message


SMALL_FLOW = """\
    id: klein
    title: Klein
    version: 1
    sections:
      - id: a
        title: A
        questions:
          - {id: begintijd, type: text, prompt: Begintijd?}
          - {id: hoofdstuk, type: text, prompt: Hoofdstuk?}
          - {id: kamer, type: text, prompt: Kamer?}
          - {id: antwoord, type: text, prompt: Antwoord?}
          - {id: data, type: list, prompt: Datum?}
          - {id: aantal, type: number, prompt: Aantal?}
    """


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*LIMBURGLAB, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"LIMBURGLAB_LANG": "nl", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        timeout=60,
    )


def test_answers_from_a_file_are_kept_as_written_into_session_and_report(
    tmp_path: Path,
) -> None:
    (tmp_path / "flow.yaml").write_text(textwrap.dedent(SMALL_FLOW), "utf-8")
    (tmp_path / "antwoorden.yaml").write_text(
        textwrap.dedent(
            """\
            answers:
              a:
                begintijd: 14:30
                hoofdstuk: 1.10
                kamer: 0123
                antwoord: no
                data:
                - 2024-10-10
                aantal: 010
            """
        ),
        "utf-8",
    )
    meta = ["--group", "G", "--leader", "L", "--organisation", "O", "--round", "1"]
    meta += ["--participants", "3", "--date", "2024-10-10"]
    result = run(
        tmp_path, "run", "flow.yaml", "--answers", "antwoorden.yaml", "--session", "s.yaml", *meta
    )
    assert result.returncode == 0, result.stderr

    session = yamlsource.load(tmp_path / "s.yaml", ProblemsError).data
    answers = session["answers"]["a"]
    assert {k: str(v) for k, v in answers.items() if k != "data"} == {
        "begintijd": "14:30",
        "hoofdstuk": "1.10",
        "kamer": "0123",
        "antwoord": "no",
        # A number keeps its form only where YAML 1.1 reads the same number: `010` is 8 there.
        "aantal": "10",
    }
    assert answers["aantal"] == 10
    assert answers["data"] == ["2024-10-10"]
    # A secretary's YAML 1.1 reader (PyYAML) reads the same answers.
    older = yaml.safe_load((tmp_path / "s.yaml").read_text("utf-8"))["answers"]["a"]
    assert older == {
        "begintijd": "14:30",
        "hoofdstuk": "1.10",
        "kamer": "0123",
        "antwoord": "no",
        "data": ["2024-10-10"],
        "aantal": 10,
    }

    resumed = run(tmp_path, "resume", "s.yaml", "--plain")
    assert "Traceback" not in resumed.stderr
    report = run(tmp_path, "report", "s.yaml", "--format", "html")
    assert report.returncode == 0, report.stderr
    for text in ("14:30", "1.10", "0123", "no", "2024-10-10"):
        assert text in report.stdout


@pytest.mark.parametrize(
    "value", ["!!int abc", "!!timestamp nope", "!!python/name:os.system ''", "!foo bar"]
)
def test_a_bad_tag_in_a_session_or_event_file_exits_1_with_its_place(
    tmp_path: Path, value: str
) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "samenwerken"
    session = tmp_path / "s.yaml"
    text = (example / "2024-10-10-samenwerken-ronde-1-groep-2.yaml").read_text("utf-8")
    session.write_text(text.replace("group: Groep 2", f"group: {value}"), "utf-8")
    event = tmp_path / "e.yaml"
    event.write_text(f"programme: Lab\nplace: {value}\n", "utf-8")
    runner = CliRunner()

    broken_session = runner.invoke(app, ["report", str(session)])
    broken_event = runner.invoke(app, ["report", str(example), "--event", str(event)])

    assert broken_session.exit_code == 1 and isinstance(broken_session.exception, SystemExit)
    assert broken_session.stderr.startswith(f"{session}:11:10: ")
    assert broken_event.exit_code == 1 and isinstance(broken_event.exception, SystemExit)
    assert broken_event.stderr.startswith(f"{event}:2:8: ")


def test_an_event_date_that_does_not_exist_is_located(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "samenwerken"
    event = tmp_path / "e.yaml"
    event.write_text("programme: Lab\ndate: 2024-02-30\n", "utf-8")

    result = CliRunner().invoke(app, ["report", str(example), "--event", str(event)])

    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{event}:2:7: `2024-02-30` is geen bestaande datum; schrijf de datum als jjjj-mm-dd, "
        "bijvoorbeeld 2024-10-10"
    )


def test_dump_keeps_every_character_as_typed_and_reads_back_the_same() -> None:
    data = {"group": "Team 🎉", "answer": "Blij 😀\nregel twee", "version": parse("v: 010\n")["v"]}

    text = yamlsource.dump(data)

    assert "Team 🎉" in text and "Blij 😀" in text and "\\U" not in text
    assert "version: 010" in text
    assert parse(text) == data
