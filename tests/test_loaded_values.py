"""Every loaded value is one the rest of the program can use (issue 19, item 3): numbers are
finite, nesting is limited, and either is refused with FILE:LINE:COL — in sessions, answers
files, flows and edits files — so that no report, board or spreadsheet meets them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from limburglab import yamlsource
from limburglab.board.app import create_app
from limburglab.board.state import Board, Sources
from limburglab.cli import app
from limburglab.errors import ProblemsError
from limburglab.flow import load as load_flow
from limburglab.session import file as sessions

SESSION = """\
    format: 1
    flow: {id: evaluatie, version: '1', sha256: '', source: evaluatie}
    meta: {group: G, date: '2026-01-01'}
    status: complete
    answers:
      terugblik:
        cijfer: 7
        goed:
        - Goed punt
    """
NOT_FINITE = [".nan", ".NaN", ".inf", "-.inf", "+.Inf", "1e999", "-1e999"]


def session_with(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(textwrap.dedent(SESSION).replace(old, new), "utf-8")
    return path


@pytest.mark.parametrize("number", NOT_FINITE)
def test_a_number_that_is_not_finite_is_refused_in_a_session_with_its_place(
    runner: CliRunner, tmp_path: Path, number: str
) -> None:
    path = session_with(tmp_path, "cijfer: 7", f"cijfer: {number}")
    before = path.read_bytes()

    for fmt in ("pdf", "xlsx", "md"):
        result = runner.invoke(app, ["report", str(path), "-o", str(tmp_path / f"r.{fmt}")])
        assert result.exit_code == 1
        assert f"{path}:7:13: {number} is geen eindig getal" in result.stderr
        assert "report.typ" not in result.stderr and "Traceback" not in result.stderr
        assert not (tmp_path / f"r.{fmt}").exists()
    resumed = runner.invoke(app, ["resume", str(path), "--plain"], input="")
    assert resumed.exit_code == 1
    assert f"{path}:7:13: {number} is geen eindig getal" in resumed.stderr
    assert path.read_bytes() == before  # refused, never changed


def test_the_board_names_the_file_and_place_of_a_number_that_is_not_finite(
    tmp_path: Path,
) -> None:
    path = session_with(tmp_path, "cijfer: 7", "cijfer: .nan")
    board = TestClient(
        create_app(Board(Sources(paths=(path,))), watch=False), base_url="http://127.0.0.1"
    )

    state = board.get("/state")

    assert state.status_code == 200
    assert "s.yaml:7:13: .nan is geen eindig getal" in " ".join(state.json()["notices"])


def test_a_number_that_is_not_finite_is_refused_in_an_answers_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    answers = tmp_path / "antwoorden.yaml"
    answers.write_text("answers:\n  terugblik:\n    cijfer: .inf\n", "utf-8")
    result = runner.invoke(
        app,
        ["run", "evaluatie", "--answers", str(answers), "--session", str(tmp_path / "s.yaml")],
    )
    assert result.exit_code == 1
    assert f"{answers}:3:13: .inf is geen eindig getal" in result.stderr
    assert not (tmp_path / "s.yaml").exists()


def test_a_number_that_is_not_finite_is_refused_in_a_flow(
    runner: CliRunner, tmp_path: Path
) -> None:
    flow = tmp_path / "flow.yaml"
    flow.write_text(
        textwrap.dedent(
            """\
            id: f
            title: F
            version: 1
            sections:
              - id: a
                title: A
                questions:
                  - {id: n, type: number, prompt: N?, max: .inf}
            """
        ),
        "utf-8",
    )
    result = runner.invoke(app, ["validate", str(flow)])
    assert result.exit_code == 1
    assert f"{flow}:8:48: .inf is geen eindig getal" in result.stdout + result.stderr


def test_a_number_that_is_not_finite_is_refused_in_an_edits_file(tmp_path: Path) -> None:
    from limburglab.report import edits

    path = tmp_path / "bewerkingen.yaml"
    path.write_text("- {merge: [a, b], into: c, weight: .nan}\n", "utf-8")
    with pytest.raises(ProblemsError, match=r"bewerkingen.yaml:1:36: \.nan is geen eindig getal"):
        edits.load(path, load_flow("evaluatie"))


def test_a_number_typed_as_nan_infinity_or_beyond_2_53_is_asked_again() -> None:
    from limburglab.session import rules

    question = load_flow("evaluatie").sections[0].questions[0]
    for value in (float("nan"), float("inf"), float("-inf"), 10**400, -(2**53) - 1):
        assert rules.check_number(question, value) == (  # type: ignore[arg-type]
            "Dat is geen getal dat een verslag kan tonen; typ een gewoon getal."
        )
    assert rules.check_number(question, 7) is None  # type: ignore[arg-type]


def test_a_whole_number_too_large_to_show_is_refused_with_its_place_where_a_number_is_meant(
    runner: CliRunner, tmp_path: Path
) -> None:
    """(Not by the reader: a long row of digits is fine text, `0612345678901234567890`.)"""
    huge = "9" * 400
    path = session_with(tmp_path, "cijfer: 7", f"cijfer: {huge}")
    result = runner.invoke(app, ["report", str(path), "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 1
    assert f"{path}:7:5: terugblik.cijfer: Dat is geen getal dat een verslag kan tonen" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr and "OverflowError" not in result.stderr


@pytest.mark.parametrize("depth", [101, 450, 500, 600, 990, 5000])
def test_nesting_at_any_depth_is_refused_with_its_place(
    runner: CliRunner, tmp_path: Path, depth: int
) -> None:
    path = session_with(tmp_path, "- Goed punt", "- " + "[" * depth + "]" * depth)
    result = runner.invoke(app, ["report", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    assert result.stderr.startswith(f"{path}:9:")
    assert "genest" in result.stderr


@pytest.mark.parametrize("depth", [150, 450, 600, 990, 5000])
def test_nesting_in_a_flow_is_refused_with_its_place(
    runner: CliRunner, tmp_path: Path, depth: int
) -> None:
    flow = tmp_path / "flow.yaml"
    flow.write_text("id: f\ntitle: " + "{a: " * depth + "x" + "}" * depth + "\n", "utf-8")
    result = runner.invoke(app, ["validate", str(flow)])
    said = result.stdout + result.stderr
    assert result.exit_code == 1
    assert "Traceback" not in said and "RecursionError" not in said
    assert said.startswith(f"{flow}:") and f"{flow}:2:" in said


@pytest.mark.parametrize("levels", [250, 330])
def test_follow_ups_nested_hundreds_of_levels_get_the_flow_s_own_message(
    runner: CliRunner, tmp_path: Path, levels: int
) -> None:
    """500–990 levels of YAML (two per follow-up level) are read without recursion, so that
    the flow's own rule can say where it goes too deep."""
    from test_limits import deep_flow

    flow = tmp_path / "deep.yaml"
    flow.write_text(deep_flow(levels), "utf-8")
    result = runner.invoke(app, ["validate", str(flow)])
    assert result.exit_code == 1
    assert result.stdout.startswith(
        f"{flow}:31:29: vervolgvragen mogen hoogstens 5 niveaus diep gaan; "
        "deze `item` is niveau 6\n"
    )
    assert all(line.startswith(f"{flow}:") for line in result.stdout.splitlines())
    assert "Traceback" not in result.stdout + result.stderr
    shown = runner.invoke(app, ["show", str(flow)])
    assert shown.exit_code == 1 and "niveaus diep" in shown.stderr


def test_the_deepest_place_a_session_needs_is_far_within_the_limit(tmp_path: Path) -> None:
    """The deepest answer of the bundled flow (a driver's example's effect) is 6 levels down."""
    path = session_with(
        tmp_path,
        "- Goed punt",
        "- {text: a, voorbeelden: [{text: b, effect: c}]}",
    )
    doc = yamlsource.load(path, ProblemsError)
    assert doc.data["answers"]["terugblik"]["goed"][0]["voorbeelden"][0]["effect"] == "c"
    assert yamlsource.MAX_DEPTH >= 50


def test_a_session_read_back_has_only_finite_numbers(tmp_path: Path) -> None:
    path = session_with(tmp_path, "cijfer: 7", "cijfer: 7.5")
    loaded = sessions.load(path, load_flow("evaluatie"))
    assert loaded.get("terugblik", "cijfer") == 7.5
