"""Hostile or huge input never hangs and never fills the memory: limits on expressions, on
files, on event numbers and on how deep follow-up questions go, each with a clear message."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from limburglab.cli import app
from limburglab.flow import expressions

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "samenwerken"
LIMIT = (
    "rekent met te grote getallen of maakt te veel tekst (`*`, `**` of een te grote breedte); "
    "een voorwaarde of vraag maakt hoogstens 10000 tekens of punten"
)
FLOW = """\
id: test
title: Test
version: 1
sections:
  - id: a
    title: A
    questions:
      - id: naam
        type: text
        prompt: Naam?
      - id: q
        type: text
        {key}: "{value}"
        prompt: P
"""


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("when", "10**(10**10) > 1", f"`when` {LIMIT}"),
        ("when", "'x'*10**9", f"`when` {LIMIT}"),
        ("when", "naam ~ 2**100000", f"`when` {LIMIT}"),
        ("when", "naam|center(1000000000)", f"`when` {LIMIT}"),
        ("label", "x", None),
        (
            "prompt",
            "{% for a in range(99999) %}{% for b in range(99999) %}x{% endfor %}{% endfor %}",
            "`prompt` mag alleen tekst en `{{ … }}` bevatten, geen `{% … %}` (zoals for of if)",
        ),
        ("prompt", "{% if naam %}ja{% endif %}", "`prompt` mag alleen tekst en `{{ … }}`"),
        ("prompt", "{{ 'ab' * 10**8 }}", f"`prompt` {LIMIT}"),
        ("prompt", "{{ naam|indent(10**9) }}", f"`prompt` {LIMIT}"),
    ],
)
def test_validate_refuses_what_would_hang_within_a_second(
    tmp_path: Path, key: str, value: str, message: str | None
) -> None:
    path = tmp_path / "flow.yaml"
    text = FLOW.format(key=key, value=value)
    if key == "prompt":
        text = text.replace("        prompt: P\n", "")
    path.write_text(text, "utf-8")

    start = time.monotonic()
    result = CliRunner().invoke(app, ["validate", str(path)])

    assert time.monotonic() - start < 1.0
    if message is None:
        assert result.exit_code == 0, result.stdout
        return
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"{path}:13:")
    assert message in line


@pytest.mark.parametrize(
    "condition",
    [
        "x * 1000000000",
        "x ** 1000000 > 1",
        "(x ~ x ~ x ~ x) * 10000",
        "x|center(n)",
        "range(n)|list",
        "'%099999999d' % 1",
        "x|replace('a', 'aaaaaaaaaa')|replace('a', 'aaaaaaaaaa')|replace('a', 'aaaaaaaaaa')"
        "|replace('a', 'aaaaaaaaaa')|replace('a', 'aaaaaaaaaa')",
    ],
)
def test_a_condition_past_the_limits_does_not_hold_and_returns_at_once(condition: str) -> None:
    start = time.monotonic()
    assert not expressions.holds(condition, {"x": "aaa", "n": 10**9})
    assert time.monotonic() - start < 0.5


def test_conditions_and_prompts_within_the_limits_work_as_before() -> None:
    context = {"naam": "Groep", "punten": ["a", "b"], "cijfer": 7}
    assert expressions.holds("cijfer < 8 and punten | length > 1", context)
    assert expressions.holds("'x' * 3 == 'xxx' and 2 ** 10 == 1024", context)
    assert expressions.holds("range(3) | list == [0, 1, 2]", context)
    assert not expressions.holds("onbekend > 1", context)
    assert (
        expressions.render("Wie pakt „{{ naam * 2 }}” op?", context) == "Wie pakt „GroepGroep” op?"
    )
    # A statement is never run: the prompt is shown as written.
    looping = "{% for a in range(9999) %}{% for b in range(9999) %}x{% endfor %}{% endfor %}"
    start = time.monotonic()
    assert expressions.render(looping, context) == looping
    assert time.monotonic() - start < 0.5


def deep_flow(levels: int) -> str:
    text, indent = FLOW.split("      - id: naam")[0], "      "
    for level in range(levels):
        text += f"{indent}- id: q{level}\n{indent}  type: list\n{indent}  prompt: P\n"
        text += f"{indent}  item:\n"
        indent += "    "
    return text + f"{indent}- id: laatste\n{indent}  type: text\n{indent}  prompt: P\n"


def test_follow_ups_go_at_most_five_levels_deep(tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_text(deep_flow(5), "utf-8")
    (tmp_path / "deep.yaml").write_text(deep_flow(200), "utf-8")
    runner = CliRunner()

    assert runner.invoke(app, ["validate", str(tmp_path / "ok.yaml")]).exit_code == 0
    result = runner.invoke(app, ["validate", str(tmp_path / "deep.yaml")])
    shown = runner.invoke(app, ["show", str(tmp_path / "deep.yaml")])

    assert result.exit_code == 1
    assert result.stdout == (
        f"{tmp_path / 'deep.yaml'}:31:29: vervolgvragen mogen hoogstens 5 niveaus diep gaan; "
        "deze `item` is niveau 6\n"
    )
    assert shown.exit_code == 1 and "RecursionError" not in shown.output
    assert "niveaus diep" in shown.stderr


NOT_A_FILE = (
    "dit is geen gewoon bestand (maar bijvoorbeeld een apparaat of pipe); geef het pad van een "
    "bestand"
)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["report", "/dev/zero"], f"/dev/zero:1:1: {NOT_A_FILE}"),
        (["resume", "/dev/zero"], f"/dev/zero:1:1: {NOT_A_FILE}"),
        (["validate", "/dev/zero"], f"/dev/zero:1:1: {NOT_A_FILE}"),
        (["report", str(EXAMPLE), "--event", "/dev/zero"], f"/dev/zero:1:1: {NOT_A_FILE}"),
        (
            ["report", str(EXAMPLE), "--template", "/dev/zero", "--format", "md"],
            f"/dev/zero: sjabloon: {NOT_A_FILE}",
        ),
    ],
)
def test_only_regular_files_are_read(args: list[str], expected: str) -> None:
    result = CliRunner().invoke(app, args)
    output = result.stdout if args[0] == "validate" else result.stderr
    assert output.splitlines()[0] == expected
    assert result.exit_code == 1


def test_a_huge_session_without_aliases_is_refused_for_its_size(tmp_path: Path) -> None:
    session = (EXAMPLE / "2024-10-10-samenwerken-ronde-1-groep-2.yaml").read_text("utf-8")
    entries = "".join(f"    - Punt nummer {n} van een lange lijst\n" for n in range(220_000))
    big = tmp_path / "groot.yaml"
    big.write_text(session.replace("    basis:\n", "    basis:\n" + entries, 1), "utf-8")

    start = time.monotonic()
    result = CliRunner().invoke(app, ["report", str(big)])

    assert time.monotonic() - start < 2
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{big}:1:1: bestand is te groot (9.3 MB); limburglab leest bestanden tot 5 MB"
    )
    assert "anchors" not in result.stderr


def test_many_entries_without_aliases_are_no_alias_bomb(tmp_path: Path) -> None:
    session = (EXAMPLE / "2024-10-10-samenwerken-ronde-1-groep-2.yaml").read_text("utf-8")
    entries = "".join(f"    - P{n}\n" for n in range(210_000))
    path = tmp_path / "veel.yaml"
    path.write_text(session.replace("    basis:\n", "    basis:\n" + entries, 1), "utf-8")

    result = CliRunner().invoke(app, ["report", str(path), "--format", "md"])

    assert "anchors" not in result.output
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("rounds: 1000000000", "3:9: `rounds` is onredelijk groot; hoogstens 100"),
        ("subgroups: [4, 3000000]", "3:12: `subgroups` is onredelijk groot; hoogstens 100 × 1000"),
    ],
)
def test_event_numbers_have_a_sane_limit(tmp_path: Path, line: str, expected: str) -> None:
    event = tmp_path / "event.yaml"
    event.write_text(f"programme: Lab\ndate: 2024-10-10\n{line}\n", "utf-8")

    result = CliRunner().invoke(app, ["report", str(EXAMPLE), "--event", str(event)])

    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"{event}:{expected}"
