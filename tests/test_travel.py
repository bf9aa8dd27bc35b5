"""Sessions that travel (issue 19, items 6 and 9): a folder of sessions copied to a USB stick, a
synced folder or the secretary's laptop finds its flow again, by id, version and sha256."""

from __future__ import annotations

import hashlib
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from processes import limburglab as cli

META = ["--group", "Groep 1", "--leader", "An", "--organisation", "O", "--round", "1"]
META += ["--participants", "4", "--date", "2026-11-29"]
FLOW = """\
    id: kort
    title: Kort
    version: 1
    sections:
      - id: s
        title: S
        questions:
          - id: naam
            type: text
            prompt: Naam
          - id: plaats
            type: text
            prompt: Plaats
"""
SESSION = "2026-11-29-kort-ronde-1-groep-1.yaml"
NOT_FOUND_END = (
    "Leg het flow-bestand naast de sessie of in een map flows/ ernaast (`limburglab run … "
    "--copy-flow` doet dat bij de start), of geef het met --flow PAD-OF-NAAM.\n"
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    """A workshop folder with its flow in `flows/` and one complete session in `sessions/`."""
    folder = tmp_path / "workshop"
    write(folder / "flows" / "kort.yaml", FLOW)
    result = cli(folder, "run", "flows/kort.yaml", *META, stdin="Jan\nMaastricht\n\n\n")
    assert result.returncode == 0, result.stderr
    return folder


def test_a_session_records_its_flow_by_id_version_hash_and_a_relative_path_with_slashes(
    workshop: Path,
) -> None:
    recorded = load(workshop / "sessions" / SESSION)["flow"]
    data = (workshop / "flows" / "kort.yaml").read_bytes()
    assert recorded == {
        "id": "kort",
        "version": "1",
        "sha256": hashlib.sha256(data).hexdigest(),
        "source": "../flows/kort.yaml",
    }


def test_a_copied_folder_of_sessions_finds_the_flow_in_its_own_flows_folder(
    workshop: Path, tmp_path: Path
) -> None:
    stick = tmp_path / "usb" / "verslag"
    shutil.copytree(workshop / "sessions", stick)
    (stick / "flows").mkdir()
    shutil.copy(workshop / "flows" / "kort.yaml", stick / "flows" / "kort.yaml")
    shutil.rmtree(workshop)

    report = cli(tmp_path, "report", stick)
    assert report.returncode == 0, report.stderr
    assert report.stderr == ""
    assert "Maastricht" in report.stdout

    resume = cli(tmp_path, "resume", stick / SESSION, "--plain", stdin="\n")
    assert resume.returncode == 0, resume.stderr
    assert "veranderd" not in resume.stderr
    assert load(stick / SESSION)["flow"]["source"] == "flows/kort.yaml"  # where it is now


def test_a_flow_file_beside_the_session_is_found_under_another_name(
    workshop: Path, tmp_path: Path
) -> None:
    laptop = tmp_path / "secretaris"
    laptop.mkdir()
    shutil.copy(workshop / "sessions" / SESSION, laptop / SESSION)
    shutil.copy(workshop / "flows" / "kort.yaml", laptop / "de flow.yml")
    result = cli(tmp_path, "report", laptop)
    assert result.returncode == 0, result.stderr
    assert "Maastricht" in result.stdout


def test_a_path_written_on_windows_is_read_on_any_system(workshop: Path) -> None:
    session = workshop / "sessions" / SESSION
    text = session.read_text(encoding="utf-8")
    session.write_text(text.replace("../flows/kort.yaml", "..\\flows\\kort.yaml"), "utf-8")
    assert "..\\flows\\kort.yaml" in load(session)["flow"]["source"]
    shutil.move(workshop / "flows" / "kort.yaml", workshop / "flows" / "andere-naam.yaml")
    result = cli(workshop, "report", "sessions")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_a_flow_that_is_nowhere_names_its_id_version_and_every_place_looked(
    workshop: Path, tmp_path: Path
) -> None:
    stick = tmp_path / "usb"
    shutil.copytree(workshop / "sessions", stick)
    result = cli(tmp_path, "report", "usb")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"usb/{SESSION}: de flow van deze sessie is niet gevonden: `kort`, versie 1. Gezocht in:\n"
        "  flows/kort.yaml\n"
        "  usb/kort.yaml\n"
        "  usb/flows/kort.yaml\n"
        "  kort.yaml\n"
        "  usb/flows/*.yaml\n"
        "  flows/*.yaml\n"
        "  usb/*.yaml\n"
        "  de meegeleverde flows (evaluatie, samenwerken)\n" + NOT_FOUND_END
    )
    english = cli(stick, "resume", SESSION, "--plain", lang="en")
    assert english.returncode == 1
    assert english.stderr.startswith(
        f"{SESSION}: the flow of this session was not found: `kort`, version 1. Looked in:\n"
        "  ../flows/kort.yaml\n"
    )
    assert english.stderr.endswith(
        "  the bundled flows (evaluatie, samenwerken)\n"
        "Put the flow file beside the session or in a flows/ folder beside it (`limburglab run … "
        "--copy-flow` does that at the start), or give it with --flow PATH-OR-NAME.\n"
    )


def test_another_version_of_the_flow_is_not_taken_for_it_and_is_named(workshop: Path) -> None:
    flow = workshop / "flows" / "kort.yaml"
    flow.write_text(flow.read_text("utf-8").replace("version: 1", "version: 2"), "utf-8")
    result = cli(workshop, "report", "sessions")
    assert result.returncode == 1
    assert "  flows/kort.yaml (daar staat versie 2)\n" in result.stderr
    with_flow = cli(workshop, "report", "sessions", "--flow", "flows/kort.yaml")
    assert with_flow.returncode == 0, with_flow.stderr


def test_a_changed_flow_with_the_same_id_and_version_is_found_and_named(workshop: Path) -> None:
    flow = workshop / "flows" / "kort.yaml"
    flow.write_text(flow.read_text("utf-8").replace("prompt: Plaats", "prompt: Waar?"), "utf-8")
    report = cli(workshop, "report", "sessions")
    assert report.returncode == 0, report.stderr
    assert report.stderr == (
        f"sessions/{SESSION}: let op, de flow `kort` (versie 1, flows/kort.yaml) is "
        "veranderd sinds deze sessie begon; antwoorden op vragen die er niet meer in staan tellen "
        "niet mee.\n"
    )
    resume = cli(workshop, "resume", f"sessions/{SESSION}", "--plain", stdin="\n")
    assert resume.returncode == 0, resume.stderr
    assert resume.stderr.startswith(
        "! Let op: de flow `kort` (versie 1, flows/kort.yaml) is veranderd sinds deze "
        "sessie begon; de antwoorden op vragen die nog bestaan blijven bewaard.\n"
    )


def test_the_unchanged_flow_wins_over_a_changed_one_at_the_recorded_path(
    workshop: Path,
) -> None:
    flow = workshop / "flows" / "kort.yaml"
    shutil.copy(flow, workshop / "sessions" / "origineel.yaml")
    flow.write_text(flow.read_text("utf-8").replace("prompt: Plaats", "prompt: Waar?"), "utf-8")
    report = cli(workshop, "report", "sessions")
    assert report.returncode == 0, report.stderr
    assert report.stderr == ""


def test_copy_flow_makes_a_folder_of_sessions_that_holds_its_flow(
    workshop: Path, tmp_path: Path
) -> None:
    result = cli(workshop, "run", "flows/kort.yaml", *META[:-2], "--date", "2026-11-30",
                 "--copy-flow", stdin="Piet\nVenlo\n\n\n")  # fmt: skip
    assert result.returncode == 0, result.stderr
    copy = workshop / "sessions" / "flows" / "kort.yaml"
    assert (
        "De flow is gekopieerd naar sessions/flows/kort.yaml; deze sessie wijst ernaar, zodat de "
        "map alles bevat wat nodig is.\n"
    ) in result.stderr
    assert copy.read_bytes() == (workshop / "flows" / "kort.yaml").read_bytes()
    session = workshop / "sessions" / "2026-11-30-kort-ronde-1-groep-1.yaml"
    assert load(session)["flow"]["source"] == "flows/kort.yaml"

    again = cli(workshop, "run", "flows/kort.yaml", "--group", "Groep 2", *META[2:],
                "--copy-flow", stdin="Kees\nVenlo\n\n\n")  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert (
        "De flow staat al in sessions/flows/kort.yaml; deze sessie wijst ernaar.\n" in again.stderr
    )

    (workshop / "sessions" / SESSION).unlink()  # run before --copy-flow existed
    shutil.copytree(workshop / "sessions", tmp_path / "usb")
    shutil.rmtree(workshop)
    report = cli(tmp_path, "report", "usb")
    assert report.returncode == 0, report.stderr
    assert report.stderr == ""


def test_copy_flow_never_overwrites_another_file_of_the_same_name(workshop: Path) -> None:
    other = write(workshop / "sessions" / "flows" / "kort.yaml", "iets anders\n")
    result = cli(workshop, "run", "flows/kort.yaml", *META[:-2], "--date", "2026-11-30",
                 "--copy-flow", stdin="Piet\nVenlo\n\n\n")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert other.read_text("utf-8") == "iets anders\n"
    assert (
        "sessions/flows/kort.yaml bestaat al met een andere inhoud en blijft zoals het is; de flow "
        "is gekopieerd naar sessions/flows/kort-2.yaml en deze sessie wijst ernaar.\n"
    ) in result.stderr
    session = workshop / "sessions" / "2026-11-30-kort-ronde-1-groep-1.yaml"
    assert load(session)["flow"]["source"] == "flows/kort-2.yaml"


def test_copy_flow_copies_a_bundled_flow_too(tmp_path: Path) -> None:
    result = cli(tmp_path, "run", "evaluatie", *META, "--copy-flow", stdin="")
    assert result.returncode == 1  # end of input at the first question
    copy = tmp_path / "sessions" / "flows" / "evaluatie.yaml"
    assert copy.is_file()
    assert "De flow is gekopieerd naar sessions/flows/evaluatie.yaml" in result.stderr
    session = next((tmp_path / "sessions").glob("*.yaml"))
    assert load(session)["flow"]["source"] == "flows/evaluatie.yaml"


def test_an_old_session_that_names_a_bundled_flow_still_reads(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parents[1] / "examples" / "samenwerken"
    shutil.copytree(examples, tmp_path / "oud")
    result = cli(tmp_path, "report", "oud")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


# --- a session that moved to a side file (issue 19, item 9) ------------------------------------


def test_a_later_run_offers_the_newest_side_file_of_the_group(workshop: Path) -> None:
    session = workshop / "sessions" / SESSION
    stem = session.stem
    (workshop / "sessions" / f"{stem}.2026-11-29T14-52-07.yaml").write_bytes(session.read_bytes())
    newest = workshop / "sessions" / f"{stem}.2026-11-29T15-10-00.yaml"
    text = session.read_text("utf-8").replace("status: complete", "status: in_progress")
    newest.write_text(text, "utf-8")
    (workshop / "sessions" / f"{stem}-sessie-2.2026-11-29T16-00-00.yaml").write_text("x", "utf-8")

    result = cli(workshop, "run", "flows/kort.yaml", *META, stdin="1\n\n\n\n")
    assert result.returncode == 0, result.stderr
    assert (
        f"? Er is al een sessie van deze flow, ronde en groep: sessions/{newest.name} (nog niet "
        "afgerond). Wat wilt u doen?\n"
    ) in result.stderr
    assert load(newest)["status"] == "complete"
    assert load(session)["status"] == "complete"


def test_newest_side_orders_by_the_last_time_in_the_name(tmp_path: Path) -> None:
    from limburglab.session.file import newest_side

    base = tmp_path / "s.yaml"
    assert newest_side(base) is None
    for name in (
        "s.2026-11-29T14-52-07.yaml",
        "s.2026-11-29T14-52-07-2.yaml",
        "s.2026-11-29T14-00-00.2026-11-29T14-30-00.yaml",
        "s-2.2026-11-29T18-00-00.yaml",
        "s.kopie.yaml",
    ):
        (tmp_path / name).write_text("", "utf-8")
    assert newest_side(base) == tmp_path / "s.2026-11-29T14-52-07-2.yaml"
    (tmp_path / "s.2026-11-29T14-52-07-2.2026-11-29T15-00-00.yaml").write_text("", "utf-8")
    assert newest_side(base) == tmp_path / "s.2026-11-29T14-52-07-2.2026-11-29T15-00-00.yaml"
