"""Word output: the seed's every line read back with python-docx, real styles (Title, Heading 1,
list levels, tables, grey group tags), document properties, house-style templates, hostile
text kept literal, and the same bytes for the same input."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from typer.testing import CliRunner

import test_report_render
from limburglab.cli import app
from limburglab.report import model as report
from limburglab.report.formats.docx import render
from test_report import EXAMPLE, even, seed_lines
from test_report_render import assert_literal

hostile_report = test_report_render.hostile_report


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def make_docx(runner: CliRunner, *args: str, name: str = "verslag.docx") -> Document:
    result = runner.invoke(app, ["report", str(EXAMPLE), "-o", name, *args])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Verslag geschreven: {name} (2 sessies)\n"
    return docx.Document(name)


def all_text(doc: Document) -> str:
    """What a reader sees: every paragraph, then every table cell."""
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(lines)


def styled(doc: Document) -> list[tuple[str, str]]:
    return [(p.style.name if p.style else "", p.text) for p in doc.paragraphs]


def test_the_example_report_in_word_contains_every_line_of_the_seed(
    runner: CliRunner, in_tmp: Path
) -> None:
    doc = make_docx(runner, "--no-sources")
    shown = even(all_text(doc))
    intro, body = seed_lines()
    assert [line for line in body if line not in shown] == []
    assert len(body) > 60
    assert intro[1] in shown
    assert "Beide groepen zetten Eenzaamheid en Armoede in hun top twee." in shown


def test_word_structure_is_made_of_real_styles(runner: CliRunner, in_tmp: Path) -> None:
    paragraphs = styled(make_docx(runner))
    assert paragraphs[0] == ("Title", "Samenwerken")
    assert paragraphs[1] == ("Subtitle", "Limburg Lab · 10 oktober 2024")
    assert [text for style, text in paragraphs if style == "Heading 1"] == [
        "1 Drijfveren om samen te werken",
        "2 Basis voor samenwerking",
        "3 Voorwaarden voor samenwerking",
        "4 Effecten van samenwerken",
        "5 Thema’s voor samenwerking",
        "Groepen",
    ]
    by_text = {text: style for style, text in paragraphs}
    assert by_text["Overleven / bestaansrecht verzekeren: (beide groepen)"] == "List Bullet"
    assert by_text["Oud zeer weg te werken (Groep 2, ronde 1)"] == "List Bullet 2"
    assert by_text["Activiteiten van de avond naar de middag verplaatsen (Groep 1, ronde 2). "
                   "Effect: opkomst is verbeterd"] == "List Bullet 2"  # fmt: skip
    explained = [(s, t) for s, t in paragraphs if t.startswith("Toelichting: ")]
    assert [s for s, _ in explained] == ["List Continue"]
    assert explained[0][1].split("\n")[1] == "Waar liggen de raakvlakken?"  # a line break
    assert not any(text.startswith(("•", "-", "*")) for _, text in paragraphs)
    assert [text for style, text in paragraphs if style == "Heading 2"] == [
        "Thema’s",
        "Prioriteit",
        "Eenzaamheid: ideeën en voorbeelden",
        "Conclusie",
    ]


def test_tallies_are_word_tables_and_group_tags_small_and_grey(
    runner: CliRunner, in_tmp: Path
) -> None:
    doc = make_docx(runner)
    counts, ranking = doc.tables
    assert [c.text for c in counts.rows[0].cells] == ["Keuze", "Aantal"]
    assert [c.text for c in counts.rows[4].cells] == [
        "Jongeren",
        "1 van 2 groepen (Groep 2, ronde 1)",
    ]
    assert [c.text for c in ranking.rows[0].cells] == [
        "Plaats",
        "Keuze",
        "Gem. positie",
        "Punten",
        "Groepen",
    ]
    assert [c.text for c in ranking.rows[1].cells] == ["1", "Eenzaamheid", "1,5", "9", "2"]
    line = next(p for p in doc.paragraphs if p.text.startswith("Elkaar ontmoeten"))
    text, tag = line.runs
    assert (text.text, tag.text) == ("Elkaar ontmoeten", " (beide groepen)")
    assert tag.style is not None and tag.style.name == "Groepen bij punt"
    assert tag.style.font.size is not None and tag.style.font.size.pt < 10
    assert str(tag.style.font.color.rgb) == "6B6B6B"


def test_document_properties_name_title_organisers_and_language(
    runner: CliRunner, in_tmp: Path
) -> None:
    props = make_docx(runner, "--no-names").core_properties
    assert props.title == "Samenwerken"
    assert props.author == "Humanitas, FAM!, IKL, Huis van de Sport"
    assert props.language == "nl-NL"
    assert props.last_modified_by == ""
    data = (in_tmp / "verslag.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = b"".join(package.read(name) for name in package.namelist())
    for leader in (b"Mieke", b"Heidy", b"python-docx"):
        assert leader not in xml
    assert b'w:lang w:val="nl-NL"' in xml


def test_an_english_report_says_en_gb(runner: CliRunner, in_tmp: Path) -> None:
    # The report speaks the flow's language; the word catalogues switch with it.
    model = report.build(*_example_model_input())
    model.language = "en"
    doc = docx.Document(io.BytesIO(render(model)))
    assert doc.core_properties.language == "en-GB"


def _example_model_input() -> tuple[object, ...]:
    from limburglab.report import gather

    found = gather.find([EXAMPLE])
    return (found.flow, gather.choose(found, complete_only=False, warn=lambda m: None))


def test_the_same_input_gives_the_same_bytes(runner: CliRunner, in_tmp: Path) -> None:
    make_docx(runner, name="een.docx")
    make_docx(runner, name="twee.docx")
    first = (in_tmp / "een.docx").read_bytes()
    assert first == (in_tmp / "twee.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(2024, 10, 10, 14, 12, 2)}
        core = package.read("docProps/core.xml").decode()
    assert "2024-10-10T14:12:03Z" in core


def test_hostile_text_comes_out_literally_in_word(hostile_report: report.Report) -> None:
    doc = docx.Document(io.BytesIO(render(hostile_report)))
    shown = all_text(doc)
    assert_literal(shown)
    assert doc.paragraphs[0].text == "Verslag {{ 7*7 }}"
    texts = [p.text for p in doc.paragraphs]
    assert "- streep" in texts and "# kop" in texts
    assert "- streep" in [
        p.text for p in doc.paragraphs if p.style and p.style.name == "List Bullet"
    ]


def test_control_characters_that_xml_cannot_hold_are_left_out(
    hostile_report: report.Report,
) -> None:
    hostile_report.title = "Verslag\x00 met\x0b stuurtekens"
    doc = docx.Document(io.BytesIO(render(hostile_report)))
    assert doc.paragraphs[0].text == "Verslag met stuurtekens"


def test_a_house_style_template_brings_its_styles_and_header(
    runner: CliRunner, in_tmp: Path
) -> None:
    from docx.shared import Pt, RGBColor

    house = docx.Document()
    house.styles["Heading 1"].font.color.rgb = RGBColor(0xC0, 0x00, 0x30)
    house.styles["Heading 1"].font.size = Pt(20)
    house.sections[0].header.paragraphs[0].text = "Humanitas Limburg"
    house.add_paragraph("Deze tekst hoort niet in het verslag.")
    house.save(str(in_tmp / "huisstijl.docx"))
    doc = make_docx(runner, "--template", "huisstijl.docx")
    assert doc.sections[0].header.paragraphs[0].text == "Humanitas Limburg"
    assert str(doc.styles["Heading 1"].font.color.rgb) == "C00030"
    assert "Deze tekst hoort niet" not in all_text(doc)
    assert doc.paragraphs[0].text == "Samenwerken"


def test_a_template_without_the_styles_still_gives_a_report(in_tmp: Path) -> None:
    bare = docx.Document()
    for name in ("List Bullet 2", "Subtitle"):
        bare.styles[name].delete()
    bare.save(str(in_tmp / "kaal.docx"))
    model = report.build(*_example_model_input())
    doc = docx.Document(io.BytesIO(render(model, in_tmp / "kaal.docx")))
    assert "Oud zeer weg te werken" in all_text(doc)


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "kapot.docx",
            "kapot.docx: geen geldig Word-bestand (.docx); sla het sjabloon in Word op "
            "als Word-document (.docx)",
        ),
        (
            "sjabloon.md.j2",
            "sjabloon.md.j2: een Word-verslag wordt met een Word-bestand (.docx) "
            "als sjabloon gemaakt; geef een .docx-bestand",
        ),
    ],
)
def test_a_wrong_template_is_an_error_and_leaves_the_old_report(
    runner: CliRunner, in_tmp: Path, template: str, message: str
) -> None:
    (in_tmp / template).write_text("geen zip", encoding="utf-8")
    (in_tmp / "verslag.docx").write_bytes(b"oud")
    result = runner.invoke(
        app, ["report", str(EXAMPLE), "-o", "verslag.docx", "--template", template]
    )
    assert result.exit_code == 1
    assert result.stderr == message + "\n"
    assert (in_tmp / "verslag.docx").read_bytes() == b"oud"
