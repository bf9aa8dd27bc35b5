"""The commands that show flows (`flows`, `show`, `schema`), the CLI's manners, and the bundled
flows themselves, checked on the loaded model rather than on their text."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

import limburglab
from limburglab import flow, messages
from limburglab.cli import app

REPO = Path(__file__).resolve().parents[1]
SCHEMA_FILE = REPO / "workshops" / "flow.schema.json"

SAMENWERKEN_SECTIONS = [
    "Drijfveren om samen te werken",
    "Basis voor samenwerking",
    "Voorwaarden voor samenwerking",
    "Effecten van samenwerken",
    "Thema’s voor samenwerking",
]
THEMES = ["Eenzaamheid", "Armoede", "Gezondheid", "Jongeren", "Sociale cohesie"]


def all_questions(questions: list[flow.Question]) -> Iterator[flow.Question]:
    """Every question, follow-ups (at any depth) included."""
    for question in questions:
        yield question
        if isinstance(question, flow.ListQuestion):
            yield from all_questions(question.item)


def every_question(loaded: flow.Flow) -> list[flow.Question]:
    return [q for section in loaded.sections for q in all_questions(section.questions)]


def table_rows(output: str) -> list[list[str]]:
    """The body rows of a rich table, as lists of stripped cells."""
    return [
        [cell.strip() for cell in line.strip("│").split("│")]
        for line in output.splitlines()
        if line.startswith("│")
    ]


# --- flows, show, schema -----------------------------------------------------------------------


def test_flows_lists_the_bundled_workshops(runner: CliRunner) -> None:
    result = runner.invoke(app, ["flows"])

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Meegeleverde workshops")
    rows = table_rows(result.stdout)
    assert ["evaluatie", "Evaluatie en vervolg", "2", "15m", "nl"] in rows
    assert ["samenwerken", "Samenwerken", "5", "1h", "nl"] in rows


def test_show_samenwerken(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "samenwerken"])

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(
        "Samenwerken (samenwerken, versie 1) — 5 onderdelen, 17 vragen, totaal 1h\n"
    )
    sections = [
        ("Drijfveren om samen te werken", "drijfveren", "10m"),
        ("Basis voor samenwerking", "basis", "10m"),
        ("Voorwaarden voor samenwerking", "voorwaarden", "15m"),
        ("Effecten van samenwerken", "effecten", "10m"),
        ("Thema’s voor samenwerking", "themas", "15m"),
    ]
    lines = [
        f"{n} {title} ({sid})  timebox {time}" for n, (title, sid, time) in enumerate(sections, 1)
    ]
    positions = [out.find(line) for line in lines]
    assert -1 not in positions, out
    assert positions == sorted(positions)
    # follow-ups, nested: drijfveren -> voorbeelden -> effect
    assert (
        "├── Drijfveren (drijfveren, list)\n"
        "│   │   └── per punt:\n"
        "│   │       └── Voorbeeld (voorbeelden, list)\n"
        "│   │           └── per punt:\n"
        "│   │               └── Effect (effect, text)\n"
    ) in out
    themes = ", ".join(THEMES)
    assert f"Thema’s (themas, multiselect)  {themes}" in out
    assert (
        "Prioriteit (prioriteit, rank)  keuzes uit: themas · alleen als: themas | length > 1" in out
    )


def test_show_counts_one_section_and_one_question_in_the_singular(
    runner: CliRunner, write_flow: Any
) -> None:
    path = write_flow(
        """\
        id: proef
        title: Proef
        version: 1
        sections:
          - id: look-back
            title: Terugblik
            questions:
              - {id: cijfer, type: scale, prompt: Cijfer?, min: 1, max: 10}
        """
    )
    result = runner.invoke(app, ["show", str(path)])

    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Proef (proef, versie 1) — 1 onderdeel, 1 vraag, totaal 0m\n"
        "└── 1 Terugblik (look-back)\n"
        "    └── Cijfer? (cijfer, scale)\n"
    )


def test_a_copied_flow_that_keeps_a_bundled_id_is_warned_about(
    runner: CliRunner, tmp_path: Path
) -> None:
    copied = tmp_path / "mijn-evaluatie.yaml"
    copied.write_bytes((REPO / "workshops" / "evaluatie.yaml").read_bytes())
    warning = (
        f"let op: {copied} heeft het id `evaluatie` van de meegeleverde flow `evaluatie`; in een "
        "verslag lijken de sessies van beide dan bij één flow te horen. Geef deze flow een eigen "
        "id, bijvoorbeeld `evaluatie-eigen`\n"
    )

    validated = runner.invoke(app, ["validate", str(copied)])
    shown = runner.invoke(app, ["show", str(copied)])
    bundled = runner.invoke(app, ["validate", "evaluatie"])

    assert (validated.exit_code, validated.stderr) == (0, warning)
    assert (shown.exit_code, shown.stderr) == (0, warning)
    assert (bundled.exit_code, bundled.stderr) == (0, "")


@pytest.mark.parametrize(
    ("name", "hint"),
    [("kerstborrel", ""), ("samenwerkn", " Bedoelde u `samenwerken`?")],
)
def test_show_an_unknown_flow(runner: CliRunner, name: str, hint: str) -> None:
    result = runner.invoke(app, ["show", name])

    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    assert result.stderr == (
        f"onbekende flow `{name}`; geef een pad naar een .yaml-bestand of een meegeleverde flow: "
        f"evaluatie, samenwerken.{hint}\n"
    )


def test_schema_prints_the_schema_kept_in_the_repository(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert result.stdout == SCHEMA_FILE.read_text(encoding="utf-8"), (
        "run `limburglab schema > workshops/flow.schema.json`"
    )


@pytest.mark.parametrize("path", flow.bundled_flows(), ids=lambda p: p.stem)
def test_bundled_flows_name_the_schema_on_their_first_line(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./flow.schema.json"
    assert (path.parent / "flow.schema.json").is_file()


# --- the JSON Schema, as an editor uses it ---------------------------------------------------


@pytest.fixture(scope="module")
def schema_validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_bundled_flows_are_found() -> None:
    names = [path.stem for path in flow.bundled_flows()]
    assert {"evaluatie", "samenwerken"} <= set(names)


@pytest.mark.parametrize("path", flow.bundled_flows(), ids=lambda p: p.stem)
def test_schema_accepts_the_bundled_flows(
    schema_validator: Draft202012Validator, path: Path
) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [error.message for error in schema_validator.iter_errors(data)] == []


SMALL_FLOW = yaml.safe_load(
    textwrap.dedent(
        """\
        id: test
        title: Test
        version: 1
        sections:
          - id: a
            title: A
            timebox: 1h30m
            questions:
              - id: q
                type: text
                prompt: P
        """
    )
)


def _question(data: dict[str, Any]) -> dict[str, Any]:
    question: dict[str, Any] = data["sections"][0]["questions"][0]
    return question


@pytest.mark.parametrize(
    "breakage",
    [
        pytest.param(lambda d: d.update(titel="x"), id="unknown-flow-key"),
        pytest.param(lambda d: _question(d).update(promt="x"), id="unknown-question-key"),
        pytest.param(lambda d: _question(d).update(type="txt"), id="unknown-type"),
        pytest.param(lambda d: _question(d).pop("prompt"), id="missing-prompt"),
        pytest.param(lambda d: _question(d).update(choices=["a"]), id="choices-on-text"),
        pytest.param(lambda d: d["sections"][0].update(timebox="10:00"), id="bad-timebox"),
        pytest.param(lambda d: d["sections"][0].update(questions=[]), id="no-questions"),
    ],
)
def test_schema_rejects_broken_flows(schema_validator: Draft202012Validator, breakage: Any) -> None:
    assert schema_validator.is_valid(SMALL_FLOW)
    broken = copy.deepcopy(SMALL_FLOW)
    breakage(broken)
    assert not schema_validator.is_valid(broken)


# --- the CLI's manners -------------------------------------------------------------------------


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])

    assert result.exit_code == 0
    assert result.stdout == f"limburglab {limburglab.__version__}\n"
    assert limburglab.__version__ == version("limburglab")


def test_the_app_has_help(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])

    assert result.exit_code == 0
    assert "Workshops begeleiden" in result.stdout


COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_the_flow_commands_exist() -> None:
    assert {"flows", "schema", "show", "validate"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(runner: CliRunner, name: str) -> None:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    assert command.help and command.help.strip()

    result = runner.invoke(app, [name, "--help"])

    assert result.exit_code == 0, result.output
    assert f"limburglab {name}" in result.stdout
    first_line = messages.t(command.help).strip().splitlines()[0]
    assert " ".join(first_line.split()) in " ".join(result.stdout.split())


@pytest.mark.parametrize(
    "args",
    [["show", "--bogus", "samenwerken"], ["flows", "-x"], ["--bogus"], ["validate"], ["bogus"]],
    ids=["unknown-option", "flows-option", "root-option", "missing-argument", "unknown-command"],
)
def test_a_wrong_option_exits_1_without_a_traceback(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)

    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "Gebruik: limburglab" in result.stderr


def test_importing_the_cli_stays_light() -> None:
    """`limburglab --help` must not pay for pydantic, questionary, typst or the report."""
    code = (
        "import json, sys, limburglab.cli; "
        "heavy = ('questionary', 'typst', 'pydantic', 'limburglab.report'); "
        "print(json.dumps(sorted(m for m in heavy if m in sys.modules)))"
    )
    child = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(child.stdout) == []


# --- the bundled flows, as the model sees them -------------------------------------------------


@pytest.fixture(scope="module")
def samenwerken() -> flow.Flow:
    return flow.load("samenwerken")


@pytest.fixture(scope="module")
def evaluatie() -> flow.Flow:
    return flow.load("evaluatie")


def test_samenwerken_sections(samenwerken: flow.Flow) -> None:
    assert samenwerken.title == "Samenwerken"
    assert [section.title for section in samenwerken.sections] == SAMENWERKEN_SECTIONS
    for section in samenwerken.sections:
        assert section.intro and section.intro.strip(), section.id
        assert section.timebox, section.id
    assert samenwerken.total_timebox == 3600


def test_samenwerken_nests_follow_ups(samenwerken: flow.Flow) -> None:
    found = samenwerken.question("drijfveren")
    assert found is not None
    drijfveren = found[1]
    assert isinstance(drijfveren, flow.ListQuestion)
    voorbeelden = next(q for q in drijfveren.item if q.id == "voorbeelden")
    assert isinstance(voorbeelden, flow.ListQuestion)
    assert [q.id for q in voorbeelden.item] == ["effect"]


def test_samenwerken_themes(samenwerken: flow.Flow) -> None:
    questions = every_question(samenwerken)
    (themes,) = [q for q in questions if isinstance(q, flow.MultiselectQuestion)]
    assert [choice.value for choice in themes.choices or []] == THEMES
    assert themes.other is True
    (rank,) = [q for q in questions if isinstance(q, flow.RankQuestion)]
    assert rank.choices is None
    assert rank.choices_from == themes.id


def test_evaluatie_uses_conditions_earlier_answers_a_grade_and_a_vote(
    evaluatie: flow.Flow,
) -> None:
    questions = every_question(evaluatie)
    assert any(q.when for q in questions)
    assert any(section.timebox for section in evaluatie.sections)
    grades = [q for q in questions if isinstance(q, flow.NumberQuestion)]
    assert [(q.id, q.min, q.max) for q in grades] == [("cijfer", 1, 10)]  # 7,5 is a grade too
    (vote,) = [q for q in questions if isinstance(q, flow.VoteQuestion)]
    assert vote.budget > 0
    assert vote.choices_from is not None
    source = evaluatie.question(vote.choices_from)
    assert source is not None and isinstance(source[1], flow.ListQuestion)
