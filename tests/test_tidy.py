"""Tidying: near-duplicate points found per question, the secretary's decisions kept in
`bewerkingen.yaml` beside the sessions (which are never written), and the report applying the
edits, with a warning for an edit that matches nothing and located errors for a broken file."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

import test_report
from limburglab import system
from limburglab.cli import app
from limburglab.report import gather
from limburglab.report.tidy import similar, suggest
from test_report import EXAMPLE, MakeSession

mini = test_report.mini
make_session = test_report.make_session


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def examples(in_tmp: Path) -> Path:
    folder = in_tmp / "samenwerken"
    shutil.copytree(EXAMPLE, folder)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("2*.yaml")}


def test_tidy_proposes_the_obvious_pair_in_the_examples(examples: Path) -> None:
    found = gather.find([examples])
    pairs = suggest(found.flow, found.sessions)
    assert [(p.question, p.first, p.second) for p in pairs] == [
        (
            "effecten",
            "Meer activiteiten organiseren",
            "Duurdere activiteiten organiseren / samen bekostigen",
        )
    ]


def test_near_duplicates_are_found_and_unrelated_points_are_not() -> None:
    keys = [
        "elkaar ontmoeten",
        "elkaar ontmoeten en kennen",
        "groter bereik doelgroep",
        "groter bereik",
        "vervoer regelen voor minder validen",
        "vervoer regelen voor mindervaliden",
        "armoede",
        "armoede bestrijden samen met de buurt en de gemeente",
        "netwerk versterken",
    ]
    assert sorted((keys[i], keys[j]) for i, j, _ in similar(keys)) == [
        ("elkaar ontmoeten", "elkaar ontmoeten en kennen"),
        ("groter bereik doelgroep", "groter bereik"),
        ("vervoer regelen voor minder validen", "vervoer regelen voor mindervaliden"),
    ]


def test_decisions_go_to_the_edits_file_and_change_the_report(
    runner: CliRunner, make_session: MakeSession, in_tmp: Path
) -> None:
    make_session("Groep A", "punten: {punten: [Elkaar ontmoeten, Groter bereik / doelgroep]}")
    make_session("Groep B", "punten: {punten: [elkaar ontmoeten en kennen, groter bereik]}")
    before = snapshot(in_tmp / "sessions")
    # first pair: keep A's wording; second pair: a new wording
    result = runner.invoke(app, ["tidy", "sessions"], input="1\n3\nGroter bereik\n")
    assert result.exit_code == 0, result.stderr
    assert "[1/2] Punten" in result.stderr
    assert "A: Elkaar ontmoeten (Groep A)" in result.stderr
    assert result.stderr.endswith(
        "2 besluiten opgeslagen in sessions/bewerkingen.yaml. Het verslag maken: "
        "limburglab report sessions\n"
    )
    assert snapshot(in_tmp / "sessions") == before
    edits = (in_tmp / "sessions" / "bewerkingen.yaml").read_text(encoding="utf-8")
    assert edits.startswith("# Bewerkingen van de notulist")
    assert edits.endswith(
        textwrap.dedent(
            """\
            - merge:
              - Elkaar ontmoeten
              - elkaar ontmoeten en kennen
              text: Elkaar ontmoeten
              question: punten
            - merge:
              - Groter bereik / doelgroep
              - groter bereik
              text: Groter bereik
              question: punten
            """
        )
    )
    report = runner.invoke(app, ["report", "sessions"])
    assert report.exit_code == 0, report.stderr
    assert report.stderr == ""
    assert "- Elkaar ontmoeten _(beide groepen)_\n- Groter bereik _(beide groepen)_\n" in (
        report.stdout
    )
    assert "kennen" not in report.stdout and "doelgroep" not in report.stdout
    again = runner.invoke(app, ["tidy", "sessions"], input="")
    assert again.stderr == "Geen punten gevonden die op elkaar lijken; er is niets te doen.\n"


def test_different_is_remembered_and_end_of_input_stops(
    runner: CliRunner, make_session: MakeSession, in_tmp: Path
) -> None:
    make_session("Groep A", "punten: {punten: [Elkaar ontmoeten, Groter bereik / doelgroep]}")
    make_session("Groep B", "punten: {punten: [elkaar ontmoeten en kennen, groter bereik]}")
    result = runner.invoke(app, ["tidy", "sessions"], input="4\n")  # then end of input
    assert result.exit_code == 0
    assert "1 besluit opgeslagen" in result.stderr
    result = runner.invoke(app, ["tidy", "sessions"], input="5\n")  # decide later
    assert "1 paar punten dat op elkaar lijkt" in result.stderr
    assert "A: Groter bereik / doelgroep (Groep A)" in result.stderr
    assert "0 besluiten opgeslagen" in result.stderr


def test_the_examples_report_follows_a_hand_written_edits_file(
    runner: CliRunner, examples: Path
) -> None:
    (examples / "bewerkingen.yaml").write_text(
        textwrap.dedent(
            """\
            # met de hand
            - correct: Groter bereik / doelgroep
              text: Groter bereik en nieuwe doelgroepen
            - omit: blijven bestaan
              question: effecten
            - conclusion: |
                De notulist vat samen:
                samen sterker.
              section: basis
            - omit: Een punt dat niemand noemde
              question: effecten
            """
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["report", "samenwerken"])
    assert result.exit_code == 0
    assert result.stderr == (
        "let op: samenwerken/bewerkingen.yaml:10: „Een punt dat niemand noemde” komt in geen "
        "enkele sessie (meer) voor; deze bewerking doet niets. Pas hem aan of haal hem weg.\n"
    )
    assert "- Groter bereik en nieuwe doelgroepen _(beide groepen)_" in result.stdout
    assert "Blijven bestaan" not in result.stdout
    assert (
        "## 2 Basis voor samenwerking\n\nDe notulist vat samen:\\\nsamen sterker.\n\n- Elkaar"
        in result.stdout
    )
    # the spreadsheet follows the edits too; --edits picks another file
    (examples / "leeg.yaml").write_text("# nog niets\n", encoding="utf-8")
    shutil.move(examples / "leeg.yaml", examples.parent / "leeg.yaml")
    other = runner.invoke(app, ["report", "samenwerken", "--edits", "leeg.yaml"])
    assert other.stderr == "" and "Blijven bestaan" in other.stdout


def test_a_broken_edits_file_is_located_and_exits_1(runner: CliRunner, examples: Path) -> None:
    (examples / "bewerkingen.yaml").write_text(
        textwrap.dedent(
            """\
            - merge: Elkaar ontmoeten
            - correct: Groter bereik
            - omit: x
              question: bestaatniet
            - conclusion: Tekst
              section: nergens
            - omti: x
            """
        ),
        encoding="utf-8",
    )
    (examples / "verslag.md").write_text("oud", encoding="utf-8")
    for command in (
        ["report", "samenwerken", "-o", "samenwerken/verslag.md"],
        ["tidy", "samenwerken"],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 1
        lines = result.stderr.splitlines()
        assert lines[0] == (
            "samenwerken/bewerkingen.yaml:1:10: `merge` moet een lijst van ten minste twee "
            "punten zijn, bijvoorbeeld `[Elkaar ontmoeten, elkaar ontmoeten en kennen]`"
        )
        assert lines[1] == "samenwerken/bewerkingen.yaml:2:3: `correct` heeft ook `text:` nodig"
        assert lines[2].startswith(
            "samenwerken/bewerkingen.yaml:4:13: `bestaatniet` is geen lijstvraag van deze flow; "
            "kies uit: drijfveren, drijfveren.voorbeelden, basis,"
        )
        assert lines[3].startswith(
            "samenwerken/bewerkingen.yaml:6:12: onbekend onderdeel `nergens`; kies uit: "
        )
        assert lines[4:] == [
            "samenwerken/bewerkingen.yaml:7:3: onbekende sleutel `omti`; toegestaan: merge, "
            "correct, omit, different, conclusion, text, question, section",
            "samenwerken/bewerkingen.yaml:7:3: een bewerking heeft precies één van deze "
            "sleutels: merge, correct, omit, different, conclusion",
            "Herstel samenwerken/bewerkingen.yaml en probeer het opnieuw.",
        ]
    assert (examples / "verslag.md").read_text(encoding="utf-8") == "oud"


def test_tidy_needs_a_folder(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["tidy", "weg"])
    assert result.exit_code == 1
    assert result.stderr == "weg: geen map; geef de map met de sessiebestanden\n"


def test_the_readme_example_of_an_edits_file_is_valid(tmp_path: Path) -> None:
    import re

    from limburglab import flow
    from limburglab.report import edits

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    (example,) = [b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if b.startswith("- ")]
    path = tmp_path / "bewerkingen.yaml"
    path.write_text(example, encoding="utf-8")
    loaded = edits.load(path, flow.load("samenwerken"))
    assert [e.kind for e in loaded.edits] == ["merge", "correct", "omit", "different", "conclusion"]
    assert loaded.conclusions()["themas"].startswith("Geconcludeerd werd door beide groepen")


def test_the_report_command_after_tidy_is_quoted_for_the_shell(
    runner: CliRunner, in_tmp: Path
) -> None:
    shutil.copytree(EXAMPLE, in_tmp / "ronde 1")
    result = runner.invoke(app, ["tidy", "ronde 1"], input="1\n")
    assert result.exit_code == 0, result.stderr
    command = system.shell_command(["limburglab", "report", "ronde 1"])  # 'ronde 1' on POSIX
    assert command in {"limburglab report 'ronde 1'", 'limburglab report "ronde 1"'}
    assert result.stderr.endswith(f"Het verslag maken: {command}\n")
