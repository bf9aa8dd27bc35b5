"""The spreadsheet of every point (.xlsx and .csv): one row per captured value with where it
came from, header, filters and widths, names left out on request, and no formula ever run."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import test_report
from limburglab.cli import app
from test_report import EXAMPLE, MakeSession

HEADER = [
    "Onderdeel",
    "Vraag",
    "Pad",
    "Bij punt",
    "Antwoord",
    "Groep",
    "Ronde",
    "Organisatie",
    "Gespreksleider",
    "Sessiebestand",
]
FORMULAS = ["=1+1", "+31 6 1234", "-streep", "@SUM(A1)", '=HYPERLINK("http://x")']


mini = test_report.mini
make_session = test_report.make_session


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def report_to(runner: CliRunner, name: str, *args: str) -> Path:
    result = runner.invoke(app, ["report", *args, "-o", name])
    assert result.exit_code == 0, result.stderr
    return Path(name)


def csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert text.count("\r\n") == len(rows)  # CRLF ends each record; a text's own breaks stay
    return rows


def test_every_captured_value_is_a_row_with_its_origin(runner: CliRunner, in_tmp: Path) -> None:
    rows = csv_rows(report_to(runner, "punten.csv", str(EXAMPLE)))
    assert rows[0] == HEADER
    by_path = {(r[2], r[5]): r for r in rows[1:]}
    session = str(EXAMPLE / "2024-10-10-samenwerken-ronde-2-groep-1.yaml")
    assert by_path["drijfveren.drijfveren[1].voorbeelden[1].effect", "Groep 1"] == [
        "Drijfveren om samen te werken",
        "Effect",
        "drijfveren.drijfveren[1].voorbeelden[1].effect",
        "Activiteiten van de avond naar de middag verplaatsen",
        "opkomst is verbeterd",
        "Groep 1",
        "2",
        "FAM!",
        "Heidy Amory",
        session,
    ]
    assert by_path["themas.prioriteit[2]", "Groep 2"][4] == "Armoede"
    toelichting = by_path["voorwaarden.voorwaarden[3].toelichting", "Groep 2"][4]
    assert toelichting.split("\n")[1] == "Waar liggen de raakvlakken?"
    # 5 + 5 list entries, 12 + 15 drivers' rows, …: every value once, none merged away.
    assert sum(1 for r in rows[1:] if r[2].startswith("effecten.effecten[")) == 11
    assert len(rows) == 76


def test_the_workbook_has_a_header_filters_widths_and_intact_text(
    runner: CliRunner, in_tmp: Path
) -> None:
    sheet = openpyxl.load_workbook(report_to(runner, "punten.xlsx", str(EXAMPLE))).active
    assert sheet.title == "Punten"
    assert [c.value for c in sheet[1]] == HEADER
    assert all(c.font.bold for c in sheet[1])
    assert sheet.auto_filter.ref == f"A1:J{sheet.max_row}"
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 76
    widths = {col: sheet.column_dimensions[col].width for col in "ABCDEFGHIJ"}
    assert all(8 <= width <= 60 for width in widths.values())
    assert widths["E"] == 60 and widths["G"] == 8  # long answers, short rounds
    values = [c.value for c in sheet["E"]]
    assert "Ruimte geven aan elkaar(s organisatie) m.n. de rol van de besturen is hierin " \
        "belangrijk. Het bestuur moet zich heroriënteren." in values  # fmt: skip
    assert "“Good practises” van elders delen" in values
    assert sheet["G2"].value == 1  # rounds are numbers to filter and sort on


def test_formula_like_text_stays_text(
    runner: CliRunner, make_session: MakeSession, in_tmp: Path
) -> None:
    listed = ", ".join(f"'{f}'" if not f.startswith("=H") else repr(f) for f in FORMULAS)
    make_session("Groep A", f"punten: {{punten: [{listed}, 'emoji 🎉 en é']}}")
    sheet = openpyxl.load_workbook(report_to(runner, "p.xlsx", "sessions")).active
    cells = [c for c in sheet["E"][1:]]
    assert [c.value for c in cells] == [*FORMULAS, "emoji 🎉 en é"]
    assert {c.data_type for c in cells} == {"s"}
    rows = csv_rows(report_to(runner, "p.csv", "sessions"))
    assert [r[4] for r in rows[1:]] == [*(f"'{f}" for f in FORMULAS), "emoji 🎉 en é"]


def test_numbers_choices_and_votes_have_their_own_rows(
    runner: CliRunner, make_session: MakeSession, in_tmp: Path
) -> None:
    make_session(
        "Groep A",
        """\
        keuzes:
          kleur: Rood
          eens: false
          cijfer: 7
          stippen: {A: 3, B: 0, C: 2}
        """,
    )
    rows = csv_rows(report_to(runner, "p.csv", "sessions"))
    assert [(r[1], r[2], r[3], r[4]) for r in rows[1:]] == [
        ("Kleur?", "keuzes.kleur", "", "Rood"),
        ("Eens?", "keuzes.eens", "", "Nee"),
        ("Cijfer?", "keuzes.cijfer", "", "7"),
        ("Stippen?", "keuzes.stippen.A", "A", "3"),
        ("Stippen?", "keuzes.stippen.C", "C", "2"),
    ]


def test_no_names_leaves_the_leader_column_out(runner: CliRunner, in_tmp: Path) -> None:
    for name in ("p.csv", "p.xlsx"):
        path = report_to(runner, name, str(EXAMPLE), "--no-names")
        if name.endswith(".csv"):
            rows = csv_rows(path)
        else:
            rows = [[c.value for c in row] for row in openpyxl.load_workbook(path).active.rows]
        assert "Gespreksleider" not in rows[0]
        assert len(rows[0]) == len(HEADER) - 1
        assert b"Mieke" not in path.read_bytes()


def test_the_same_input_gives_the_same_workbook(runner: CliRunner, in_tmp: Path) -> None:
    first = report_to(runner, "een.xlsx", str(EXAMPLE)).read_bytes()
    assert report_to(runner, "twee.xlsx", str(EXAMPLE)).read_bytes() == first


def test_a_template_for_a_spreadsheet_is_refused(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "t.docx").write_bytes(b"x")
    result = runner.invoke(app, ["report", str(EXAMPLE), "-o", "p.xlsx", "--template", "t.docx"])
    assert result.exit_code == 1
    assert result.stderr == "een xlsx-bestand heeft geen sjabloon; laat --template weg\n"
    assert not (in_tmp / "p.xlsx").exists()


def test_control_characters_never_reach_the_csv(
    runner: CliRunner, make_session: MakeSession, in_tmp: Path
) -> None:
    make_session("Groep A", 'punten: {punten: ["NUL\\x00ESC\\x1b[31mBEL\\x07end"]}')
    rows = csv_rows(report_to(runner, "p.csv", "sessions"))
    assert rows[1][4] == "NULESC[31mBELend"
