"""One language at a time, from the first screen to the last page: --lang, then
LIMBURGLAB_LANG, then Dutch; Click's and Typer's own words included."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from limburglab.cli import app

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]

#: Words that give the other language away (whole words; `en` and `of` are both).
TELLTALE = {
    "nl": [
        "Usage",
        "Options",
        "Arguments",
        "Commands",
        "Show this message",
        "required",
        "default",
        "Error",
        "Try",
        "TEXT",
        "PATH",
        "INTEGER",
        "the",
        "and",
        "for",
        "with",
    ],
    "en": [
        "Gebruik",
        "Opties",
        "Argumenten",
        "Commando's",
        "verplicht",
        "standaard",
        "Fout",
        "Typ",
        "TEKST",
        "PAD",
        "GETAL",
        "de",
        "het",
        "een",
        "van",
        "voor",
        "Toon",
        "met",
    ],
}


def telltales(text: str, language: str) -> list[str]:
    return [w for w in TELLTALE[language] if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", [None, *COMMANDS])
def test_help_speaks_one_language(runner: CliRunner, name: str | None, language: str) -> None:
    args = [name] if name else []
    result = runner.invoke(app, [*args, "--help", "--lang", language])

    assert result.exit_code == 0, result.output
    assert telltales(result.stdout, language) == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_help_follows_limburglab_lang(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.setenv("LIMBURGLAB_LANG", language)
    result = runner.invoke(app, ["report", "--help"])

    assert telltales(result.stdout, language) == []


def test_lang_wins_over_limburglab_lang(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIMBURGLAB_LANG", "nl")
    result = runner.invoke(app, ["run", "--lang", "en", "--help"])

    assert result.stdout.startswith("Usage: limburglab run [OPTIONS] [FLOW]")


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "nl",
            "Gebruik: limburglab run [OPTIES] [FLOW]\nTyp 'limburglab run -h' voor hulp.\n\n"
            "Fout: ongeldige waarde voor '--round': `twee` is geen geheel getal\n",
        ),
        (
            "en",
            "Usage: limburglab run [OPTIONS] [FLOW]\nTry 'limburglab run -h' for help.\n\n"
            "Error: invalid value for '--round': `twee` is not a whole number\n",
        ),
    ],
)
def test_a_wrong_value_is_said_wholly_in_one_language(
    runner: CliRunner, language: str, said: str
) -> None:
    result = runner.invoke(app, ["run", "--lang", language, "--round", "twee"])

    assert result.exit_code == 1
    assert result.stderr == said


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["show", "a", "b"], "Fout: onverwacht extra argument: b.\n"),
        (["run", "--round"], "Fout: optie --round heeft een waarde nodig.\n"),
    ],
)
def test_other_usage_errors_are_dutch(runner: CliRunner, args: list[str], said: str) -> None:
    result = runner.invoke(app, args)

    assert result.exit_code == 1
    assert result.stderr.endswith(said)


def test_show_counts_in_the_singular_and_plural(runner: CliRunner) -> None:
    dutch = runner.invoke(app, ["show", "evaluatie"]).stdout
    english = runner.invoke(app, ["show", "evaluatie", "--lang", "en"]).stdout

    assert "(evaluatie, versie 1) — 2 onderdelen, 8 vragen, totaal 15m" in dutch
    assert "(evaluatie, version 1) — 2 sections, 8 questions, 15m in all" in " ".join(
        english.split()
    )


def test_the_schema_describes_in_both_languages(runner: CliRunner) -> None:
    dutch = runner.invoke(app, ["schema"]).stdout
    english = runner.invoke(app, ["schema", "--lang", "en"]).stdout

    assert '"description": "Ja of nee."' in dutch
    assert '"description": "Yes or no."' in english
    assert "Yes or no." not in dutch


# --- the report ---------------------------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "samenwerken"
#: The tool's own Dutch words; the flow and the answers in the examples are Dutch, and stay so.
DUTCH_TOOL_WORDS = [
    "(beide groepen)",
    "(alle groepen)",
    "ronde",
    "rondes",
    "respectievelijk",
    "oktober",
    "hebben de workshop",
    "Dit verslag",
    "deelnemers",
    "gespreksleider",
    "Groepen",
    "Stippen",
    "Punten",
    "Gem. positie",
    "Keuze",
    "Plaats",
    "Ja",
    "Nee",
]
ENGLISH_WORDS = ["both groups", "round 1", "10 October 2024", "This report holds", "Groups"]


def report_text(path: Path) -> str:
    if path.suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        props = document.core_properties
        return "\n".join([p.text for p in document.paragraphs] + cells + [props.language or ""])
    return path.read_text("utf-8")


@pytest.mark.parametrize("suffix", [".md", ".html", ".docx"])
def test_the_report_speaks_english_when_asked(
    runner: CliRunner, tmp_path: Path, suffix: str
) -> None:
    output = tmp_path / f"report{suffix}"
    result = runner.invoke(app, ["report", str(EXAMPLES), "-o", str(output), "--lang", "en"])

    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Report written")
    text = report_text(output)
    assert [w for w in ENGLISH_WORDS if w not in text] == []
    found = [w for w in DUTCH_TOOL_WORDS if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
    assert found == []
    if suffix == ".docx":
        assert "en-GB" in text
    if suffix == ".html":
        assert '<html lang="en">' in text


def test_the_report_follows_the_flow_without_lang(runner: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "verslag.md"
    result = runner.invoke(app, ["report", str(EXAMPLES), "-o", str(output)])

    assert result.exit_code == 0, result.output
    assert "beide groepen" in output.read_text("utf-8")


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("nl", "YAML-fout: het bestand houdt onverwacht op"),
        ("en", "YAML error: found unexpected end of stream"),
    ],
)
def test_yaml_reasons_are_said_in_the_language(
    runner: CliRunner, tmp_path: Path, language: str, said: str
) -> None:
    flow = tmp_path / "flow.yaml"
    flow.write_text('id: x\ntitle: "open\n', encoding="utf-8")

    result = runner.invoke(app, ["validate", "--lang", language, str(flow)])

    assert result.exit_code == 1
    assert said in result.stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["flows"], "Bundled workshops"),
        (["show", "evaluatie"], "Evaluatie en vervolg (evaluatie, version 1)"),
        (["validate", "evaluatie"], "evaluatie: valid"),
    ],
)
def test_lang_before_the_command_holds_for_the_command(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: list[str], said: str
) -> None:
    monkeypatch.setenv("LIMBURGLAB_LANG", "nl")
    english = runner.invoke(app, ["--lang", "en", *args])
    assert english.exit_code == 0, english.output
    assert said in english.stdout
    dutch = runner.invoke(app, args)  # the next command without it: the environment's again
    assert said not in dutch.stdout
