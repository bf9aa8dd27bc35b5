"""User mistakes at the edges: wrong options, paths and files get a message in the tool's words,
exit 1, and never a traceback or a lost file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from limburglab import files
from limburglab.cli import app
from limburglab.errors import WriteError

META = ["--group", "G", "--leader", "L", "--organisation", "O", "--participants", "3"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["show", "--bogus", "samenwerken"], "onbekende optie --bogus."),
        (["run", "--rnd", "2"], "onbekende optie --rnd. Bedoelde u `--round`?"),
        (["validate"], "'FLOW...' ontbreekt."),
        (["run", "--round", "twee"], "ongeldige waarde voor '--round':"),
        (["bogus"], "onbekend commando `bogus`; `limburglab --help` toont ze allemaal."),
    ],
)
def test_usage_errors_are_said_in_dutch(runner: CliRunner, args: list[str], said: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert said in result.stderr
    assert "Traceback" not in result.output


def test_usage_errors_follow_the_language(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIMBURGLAB_LANG", "en")
    result = runner.invoke(app, ["run", "--rnd", "2"])
    assert "unknown option --rnd. Did you mean `--round`?" in result.stderr


@pytest.mark.parametrize(
    ("option", "said"),
    [
        (["--round", "-1"], "`round` moet een geheel getal van 0 of meer zijn, niet `-1`\n"),
        (["--participants", "-5"], "`participants` moet een geheel getal van 0 of meer zijn"),
        (["--date", "10/10/2024"], "ongeldige datum `10/10/2024`; schrijf de datum als jjjj-mm-dd"),
    ],
)
def test_metadata_options_are_checked_before_anything_is_asked(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: list[str], said: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["run", "--plain", *META, *option], input="")
    assert result.exit_code == 1
    assert said in result.stderr
    assert not (tmp_path / "sessions").exists()


def test_a_session_folder_gets_the_usual_file_name(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "groep").mkdir()
    args = ["run", "--plain", *META, "--round", "1", "--date", "2026-11-29", "--session", "groep"]
    result = runner.invoke(app, args, input="")
    assert result.exit_code == 1  # end of input after the session began
    assert (tmp_path / "groep" / "2026-11-29-samenwerken-ronde-1-g.yaml").is_file()


def test_a_session_that_cannot_be_written_is_a_message(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bestand").write_text("geen map")
    args = ["run", "--plain", *META, "--round", "1", "--date", "2026-11-29"]
    args += ["--session", "bestand/s.yaml"]
    result = runner.invoke(app, args, input="")
    assert result.exit_code == 1
    assert result.stderr.startswith("kan bestand/s.yaml niet opslaan: ")
    assert (tmp_path / "bestand").read_text() == "geen map"


def test_resuming_a_flow_says_it_is_no_session(runner: CliRunner, tmp_path: Path) -> None:
    flow = Path(__file__).parents[1] / "workshops" / "samenwerken.yaml"
    result = runner.invoke(app, ["resume", str(flow)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{flow}:2:1: dit is een flow, geen sessie; start een sessie")


def test_a_folder_named_like_a_bundled_flow_does_not_hide_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "samenwerken").mkdir()
    result = runner.invoke(app, ["show", "samenwerken"])
    assert result.exit_code == 0, result.stderr
    assert "Drijfveren om samen te werken" in result.stdout


# --- writing files ------------------------------------------------------------------------------


@pytest.mark.posix  # permission bits; Windows knows only read-only
def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        files.write_atomic(tmp_path / "verslag.md", "# Verslag\n")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "verslag.md").stat().st_mode) == 0o644


@pytest.mark.posix
def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "sessie.yaml"
    path.write_text("oud")
    path.chmod(0o640)
    files.write_atomic(path, "nieuw")
    assert path.read_text() == "nieuw"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sessie.yaml"
    path.write_text("oud")

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(WriteError, match=r"kan .*sessie.yaml niet opslaan: de schijf is vol"):
        files.write_atomic(path, "nieuw")
    assert path.read_text() == "oud"
    assert [p.name for p in tmp_path.iterdir()] == ["sessie.yaml"]
