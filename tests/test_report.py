"""The conclusion report: merging, de-duplication and tallies on small hand-made sessions, the
seed reproduced from the example sessions, and the `report` command's contract."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from limburglab import flow, session
from limburglab.cli import app
from limburglab.report import command, gather
from limburglab.report import model as report_model
from limburglab.report.command import ReportOptions
from limburglab.report.merge import Block, Entry, Numbers, normalise

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "samenwerken"
SEED = Path(__file__).parent / "data" / "limburg-lab-workshop-samenwerken.txt"  # the real report
GOLDEN = REPO / "tests" / "golden" / "samenwerken.md"

MINI_FLOW = """\
    id: mini
    title: Mini
    version: 1
    sections:
      - id: punten
        title: Punten
        questions:
          - id: punten
            type: list
            label: Punten
            prompt: Welk punt?
            item:
              - id: voorbeelden
                type: list
                label: Voorbeeld
                prompt: Voorbeeld?
                item:
                  - id: effect
                    type: text
                    label: Effect
                    prompt: Effect?
              - id: toelichting
                type: paragraph
                label: Toelichting
                prompt: Toelichting?
          - id: conclusie
            type: paragraph
            label: Conclusie
            prompt: Conclusie?
      - id: keuzes
        title: Keuzes
        questions:
          - {id: kleur, type: select, prompt: Kleur?, choices: [Rood, Groen, Blauw]}
          - id: themas
            type: multiselect
            prompt: Thema's?
            choices: [Armoede, Eenzaamheid, Sport]
            other: true
          - {id: eens, type: confirm, prompt: Eens?}
          - {id: cijfer, type: scale, prompt: Cijfer?, min: 1, max: 10}
          - {id: volgorde, type: rank, label: Prioriteit, prompt: Volgorde?, choices: [A, B, C, D]}
          - {id: stippen, type: vote, prompt: Stippen?, budget: 5, choices: [A, B, C]}
    """

MakeSession = Callable[..., Path]


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_text(textwrap.dedent(MINI_FLOW), encoding="utf-8")
    return path


@pytest.fixture
def make_session(tmp_path: Path, mini: Path) -> MakeSession:
    """`make_session(group, answers_yaml, round=1, status="complete", …)`: a session file of
    the mini flow in `tmp_path/sessions`, answers written as YAML under `answers:`."""

    def make(
        group: str,
        answers: str,
        *,
        round: int = 1,
        status: str = "complete",
        leader: str = "Anna Leider",
        organisation: str = "Humanitas",
        flow_id: str = "mini",
        name: str | None = None,
    ) -> Path:
        header = textwrap.dedent(
            f"""\
            format: 1
            flow: {{id: {flow_id}, version: '1', sha256: '', source: '{mini}'}}
            meta:
              group: {group}
              round: {round}
              leader: {leader}
              organisation: {organisation}
              date: '2025-03-01'
              participants: 5
            status: {status}
            started_at: '2025-03-01T10:00:00+01:00'
            updated_at: '2025-03-01T11:00:00+01:00'
            answers:
            """
        )
        folder = tmp_path / "sessions"
        folder.mkdir(exist_ok=True)
        path = folder / (name or f"r{round}-{group.lower().replace(' ', '-')}.yaml")
        path.write_text(header + textwrap.indent(textwrap.dedent(answers), "  "), "utf-8")
        return path

    return make


def build(paths: list[Path], **options: Any) -> report_model.Report:
    found = gather.find(paths)
    chosen = gather.choose(found, complete_only=False, warn=lambda message: None)
    return report_model.build(found.flow, chosen, **options)


def block(model: report_model.Report, question_id: str) -> Block:
    return next(b for s in model.sections for b in s.blocks if b.id == question_id)


def texts(entries: list[Entry]) -> list[tuple[str, list[str]]]:
    return [(e.text, e.groups) for e in entries]


# --- merging ----------------------------------------------------------------------------------


def test_equal_entries_merge_after_normalising_case_spaces_and_punctuation(
    make_session: MakeSession,
) -> None:
    a = make_session("Groep A", "punten: {punten: [Elkaar ontmoeten, Elkaar (leren) kennen]}")
    b = make_session(
        "Groep B", "punten: {punten: ['  elkaar   ontmoeten!', 'Elkaar leren kennen', Nieuw]}"
    )
    entries = block(build([a, b]), "punten").entries
    assert texts(entries) == [
        ("Elkaar ontmoeten", ["Groep A", "Groep B"]),
        ("Elkaar (leren) kennen", ["Groep A", "Groep B"]),
        ("Nieuw", ["Groep B"]),
    ]
    assert [e.sources for e in entries] == ["beide groepen", "beide groepen", "Groep B"]


def test_a_point_a_group_names_twice_counts_once(make_session: MakeSession) -> None:
    a = make_session("Groep A", "punten: {punten: [Vervoer, vervoer., Anders]}")
    entries = block(build([a]), "punten").entries
    assert texts(entries) == [("Vervoer", ["Groep A"]), ("Anders", ["Groep A"])]
    assert entries[0].sources == ""  # one group: nothing to tell apart


def test_follow_ups_merge_beneath_the_merged_entry(make_session: MakeSession) -> None:
    a = make_session(
        "Groep A",
        """\
        punten:
          punten:
          - text: Verandering van locatie
            voorbeelden:
            - {text: Naar een nieuw gebouw, effect: meer leden}
        """,
    )
    b = make_session(
        "Groep B",
        """\
        punten:
          punten:
          - text: verandering van locatie
            voorbeelden:
            - {text: naar een nieuw gebouw., effect: meer activiteiten}
            - {text: Samen met de bieb}
            toelichting: |-
              Eerste regel
              Tweede regel
        """,
    )
    [entry] = block(build([a, b]), "punten").entries
    assert entry.groups == ["Groep A", "Groep B"]
    [sub] = entry.lists
    assert sub.heading == "Voorbeeld"  # a paragraph stands beside it: each says what it is
    assert texts(sub.entries) == [
        ("Naar een nieuw gebouw", ["Groep A", "Groep B"]),
        ("Samen met de bieb", ["Groep B"]),
    ]
    building = sub.entries[0]
    assert [(n.label, n.text, n.sources) for n in building.notes] == [
        ("Effect", "meer leden", "Groep A"),
        ("Effect", "meer activiteiten", "Groep B"),
    ]
    assert [(p.text, p.sources) for p in building.parts] == [
        ("Naar een nieuw gebouw", ""),
        (". Effect: meer leden", "Groep A"),
        (". Effect: meer activiteiten", "Groep B"),
    ]
    assert [(p.label, p.text, p.sources) for p in entry.paragraphs] == [
        ("Toelichting", "Eerste regel\nTweede regel", "Groep B")
    ]
    assert entry.parts[-1].text.endswith(":")  # a lead-in to the examples beneath it
    assert [u.list.label if u.list else u.note.label for u in entry.below if u.list or u.note] == [
        "Voorbeeld",
        "Toelichting",
    ]  # the flow's order


def test_paragraphs_are_kept_per_group_and_equal_ones_merged(make_session: MakeSession) -> None:
    a = make_session("Groep A", "punten: {conclusie: Samen sterker.}")
    b = make_session("Groep B", "punten: {conclusie: Eerst elkaar leren kennen.}")
    c = make_session("Groep C", "punten: {conclusie: samen sterker}")
    paragraphs = block(build([a, b, c]), "conclusie").paragraphs
    assert [(p.text, p.groups) for p in paragraphs] == [
        ("Samen sterker.", ["Groep A", "Groep C"]),
        ("Eerst elkaar leren kennen.", ["Groep B"]),
    ]


def test_select_multiselect_and_confirm_are_counted(make_session: MakeSession) -> None:
    a = make_session("Groep A", "keuzes: {kleur: Rood, themas: [Armoede, Sport], eens: true}")
    b = make_session("Groep B", "keuzes: {kleur: Rood, themas: [Armoede, Buurthuis], eens: false}")
    c = make_session("Groep C", "keuzes: {kleur: Blauw, themas: [buurthuis], eens: true}")
    model = build([a, b, c])
    counts = {q: [(c.label, c.count) for c in block(model, q).counts] for q in ("kleur", "themas")}
    assert counts == {
        "kleur": [("Rood", 2), ("Groen", 0), ("Blauw", 1)],
        "themas": [("Armoede", 2), ("Eenzaamheid", 0), ("Sport", 1), ("Buurthuis", 2)],
    }
    eens = block(model, "eens").counts
    assert [(c.label, c.count, c.text) for c in eens] == [
        ("Ja", 2, "2 van 3 groepen"),
        ("Nee", 1, "1 van 3 groepen"),
    ]
    assert block(model, "eens").summary == "Ja (2), Nee (1)"


def test_numbers_give_lowest_mean_and_highest(make_session: MakeSession) -> None:
    paths = [make_session(f"Groep {n}", f"keuzes: {{cijfer: {n}}}") for n in (6, 7, 9)]
    numbers = block(build(paths), "cijfer")
    assert numbers.numbers == Numbers(3, 6.0, 22 / 3, 9.0)
    assert numbers.summary == "gemiddeld 7,3 (laagste 6, hoogste 9; 3 groepen)"


def test_rank_table_scores_borda_points_and_names_the_shared_top_two(
    make_session: MakeSession,
) -> None:
    a = make_session("Groep A", "keuzes: {volgorde: [A, B, C, D]}")
    b = make_session("Groep B", "keuzes: {volgorde: [B, A, D]}")
    c = make_session("Groep C", "keuzes: {volgorde: [A, B]}")
    ranking = block(build([a, b, c]), "volgorde")
    rows = [(r.place, r.label, len(r.groups), r.average_text, r.points) for r in ranking.ranking]
    # Four choices: a first place is worth 4 points, a second 3, a third 2, a fourth 1.
    assert rows == [
        (1, "A", 3, "1,3", 4 + 3 + 4),
        (2, "B", 3, "1,7", 3 + 4 + 3),
        (3, "D", 2, "3,5", 1 + 2),
        (4, "C", 1, "3", 2),
    ]
    assert [r.top_two for r in ranking.ranking] == [True, True, False, False]
    assert ranking.summary == "Alle groepen zetten A en B in hun top twee."
    assert ranking.ranking[0].text == "gemiddelde positie 1,3, 11 punten, 3 groepen"


def test_top_two_sentence_for_two_groups_and_when_nothing_is_shared(
    make_session: MakeSession,
) -> None:
    a = make_session("Groep A", "keuzes: {volgorde: [A, B]}")
    b = make_session("Groep B", "keuzes: {volgorde: [B, A]}")
    assert (
        block(build([a, b]), "volgorde").summary == "Beide groepen zetten A en B in hun top twee."
    )
    c = make_session("Groep C", "keuzes: {volgorde: [C, D]}")
    assert block(build([a, b, c]), "volgorde").summary == (
        "Geen keuze stond bij alle groepen in de top twee; de meeste punten gingen naar A."
    )


def test_votes_are_added_up_with_a_bar(make_session: MakeSession) -> None:
    a = make_session("Groep A", "keuzes: {stippen: {A: 3, B: 2}}")
    b = make_session("Groep B", "keuzes: {stippen: {B: 4, C: 1}}")
    votes = block(build([a, b]), "stippen").votes
    assert [(v.label, v.dots, v.text, v.groups) for v in votes] == [
        ("B", 6, "6 stippen", ["Groep A", "Groep B"]),
        ("A", 3, "3 stippen", ["Groep A"]),
        ("C", 1, "1 stip", ["Groep B"]),
    ]
    assert [v.bar for v in votes] == ["■" * 20, "■" * 10, "■" * 3]
    assert votes[0].share == 1.0


def test_sessions_are_ordered_by_round_then_group(make_session: MakeSession) -> None:
    paths = [
        make_session("Groep 10", "punten: {punten: [x]}", round=1),
        make_session("Groep 2", "punten: {punten: [x]}", round=2),
        make_session("Groep 2", "punten: {punten: [x]}", round=1),
    ]
    model = build(paths)
    assert [g.label for g in model.groups] == [
        "Groep 2, ronde 1",
        "Groep 10, ronde 1",
        "Groep 2, ronde 2",
    ]
    assert block(model, "punten").entries[0].sources == "alle groepen"


def test_intro_from_the_sessions_alone(make_session: MakeSession) -> None:
    a = make_session("Groep A", "punten: {punten: [x]}", leader="Mieke Bos")
    b = make_session("Groep B", "punten: {punten: [x]}", leader="Heidy Amory", organisation="FAM!")
    model = build([a, b])
    assert model.intro == [
        "Humanitas en FAM! hebben de workshop “Mini” gegeven. Dit verslag bevat de conclusies "
        "van de 2 subgroepen die door Mieke Bos van Humanitas en Heidy Amory van FAM! zijn "
        "geleid. Het aantal deelnemers was 10."
    ]
    assert model.organisers == ["Humanitas", "FAM!"]
    assert model.date == "1 maart 2025"


def test_no_names_leaves_every_leader_out_of_the_model(make_session: MakeSession) -> None:
    a = make_session("Groep A", "punten: {punten: [x]}", leader="Mieke Bos")
    b = make_session("Groep B", "punten: {punten: [y]}", leader="Heidy Amory", organisation="FAM!")
    model = build([a, b], names=False)
    dumped = json.dumps(model.as_dict(), ensure_ascii=False)
    assert "Mieke" not in dumped and "Heidy" not in dumped
    assert "die door gespreksleiders van Humanitas en FAM! zijn geleid" in model.intro[-1]


def test_no_sources_removes_every_group_tag(make_session: MakeSession) -> None:
    a = make_session("Groep A", "punten: {punten: [x, {text: y, toelichting: t}]}")
    b = make_session("Groep B", "punten: {punten: [y]}")
    model = build([a, b], sources=False)
    assert '"sources": ""' in json.dumps(model.as_dict())
    assert not re.search(r'"sources": "[^"]', json.dumps(model.as_dict()))


def test_normalise_ignores_case_spaces_and_punctuation_but_keeps_letters() -> None:
    assert normalise("  Elkaar (leren)  KENNEN! ") == "elkaar leren kennen"
    assert normalise("Heroriënteren") == "heroriënteren"
    # Signs that carry meaning are kept: these are two points each.
    assert normalise("+ meer leden") != normalise("- meer leden")
    assert normalise("C++ cursus") != normalise("C cursus")
    assert normalise("€50 bijdrage") != normalise("50% bijdrage")
    assert normalise("|") == "|"  # nothing but punctuation is still itself


# --- the seed, reproduced ---------------------------------------------------------------------


def plain_markdown(text: str) -> str:
    """The text a reader sees: escapes and hard breaks undone, whitespace and quotes evened."""
    text = text.replace("\\\n", " ")
    text = re.sub(r"\\(.)", r"\1", text)
    return even(text)


def even(text: str) -> str:
    text = text.translate(str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"}))
    return " ".join(text.split())


def seed_lines() -> tuple[list[str], list[str]]:
    """The seed's intro lines and body lines (bullets, sub-bullets and paragraph lines), each
    without its bullet and without the `:` or `;` that leads into sub-points."""
    lines = [even(line).lstrip("- ").rstrip(":;").strip() for line in SEED.read_text().split("\n")]
    lines = [line for line in lines if line]
    start = lines.index("1 Drijfveren om samen te werken")
    return lines[:start], lines[start:]


def test_example_sessions_load_against_the_bundled_flow() -> None:
    samenwerken = flow.load("samenwerken")
    for path in sorted(EXAMPLE.glob("2*.yaml")):
        loaded = session.load(path, samenwerken)
        assert loaded.complete
        assert loaded.flow.sha256 == samenwerken.sha256
        assert loaded.flow.source == "samenwerken"
        assert loaded.answers["themas"]["prioriteit"][:2] in (
            ["Eenzaamheid", "Armoede"],
            ["Armoede", "Eenzaamheid"],
        )


def test_the_example_report_contains_every_point_of_the_seed(runner: CliRunner) -> None:
    result = runner.invoke(app, ["report", str(EXAMPLE), "--no-sources"])
    assert result.exit_code == 0, result.stderr
    shown = plain_markdown(result.stdout)
    intro, body = seed_lines()
    missing = [line for line in body if line not in shown]
    assert not missing
    assert len(body) > 60
    assert intro[0] == "Limburg LAB; workshop samenwerken"
    assert intro[1] in shown
    for fact in (
        "In het kader van Limburg Lab hebben maatschappelijke organisaties diverse workshops "
        "voorbereid.",
        'Humanitas, FAM!, IKL en Huis van de Sport hebben de workshop "Samenwerken" gegeven in '
        "2 rondes",
        "in 4 respectievelijk 3 subgroepen verdeeld, met ieder een gespreksleider",
        "de 2 subgroepen die door Mieke Bos van Humanitas en Heidy Amory van FAM! zijn geleid",
        "Beide groepen zetten Eenzaamheid en Armoede in hun top twee.",
    ):
        assert fact in shown
    assert shown.startswith("# Samenwerken Limburg Lab")


def test_the_example_report_matches_the_golden_file(runner: CliRunner) -> None:
    """To change the report deliberately, regenerate the golden file and read its diff:
    limburglab report examples/samenwerken -o tests/golden/samenwerken.md"""
    result = runner.invoke(app, ["report", str(EXAMPLE)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


# --- the command ------------------------------------------------------------------------------


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_sessions_of_different_flows_are_an_error_naming_them(
    runner: CliRunner, make_session: MakeSession, in_tmp: Path
) -> None:
    make_session("Groep A", "punten: {punten: [x]}")
    make_session("Groep B", "punten: {punten: [x]}", flow_id="samenwerken")
    result = runner.invoke(app, ["report", "sessions"])
    assert result.exit_code == 1
    assert result.stderr == (
        "de sessies horen bij verschillende flows: mini (sessions/r1-groep-a.yaml); "
        "samenwerken (sessions/r1-groep-b.yaml). Maak per flow een apart verslag.\n"
    )


def test_a_missing_session_file_is_reported_where_it_should_be(
    runner: CliRunner, in_tmp: Path
) -> None:
    result = runner.invoke(app, ["report", "weg.yaml"])
    assert result.exit_code == 1
    assert result.stderr == "weg.yaml:1:1: bestand bestaat niet; controleer het pad\n"


def test_a_broken_session_file_is_reported_with_line_and_column(
    runner: CliRunner, make_session: MakeSession, in_tmp: Path
) -> None:
    make_session("Groep A", "punten: {punten: [x]}\nkeuzes: {kleur: Paars}\n")
    result = runner.invoke(app, ["report", "sessions/r1-groep-a.yaml"])
    assert result.exit_code == 1
    assert result.stderr == (
        "sessions/r1-groep-a.yaml:15:12: keuzes.kleur: `Paars` is geen keuze van deze vraag; "
        "kies uit: Rood, Groen, Blauw\n"
        "Herstel sessions/r1-groep-a.yaml en probeer het opnieuw; het bestand is niet gewijzigd.\n"
    )


def test_a_yaml_error_is_reported_with_line_and_column(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "kapot.yaml").write_text("format: 1\nflow: {id: mini\n", encoding="utf-8")
    result = runner.invoke(app, ["report", "kapot.yaml"])
    assert result.exit_code == 1
    assert re.fullmatch(r"kapot\.yaml:\d+:\d+: YAML-fout: .+\n", result.stderr)


def test_a_folder_without_sessions_is_an_error(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "leeg").mkdir()
    result = runner.invoke(app, ["report", "leeg"])
    assert result.exit_code == 1
    assert result.stderr == (
        "leeg: geen sessiebestanden (.yaml) in deze map; geef een map met sessies of de "
        "sessiebestanden zelf\n"
    )


def test_unfinished_sessions_are_included_with_a_warning(
    runner: CliRunner, make_session: MakeSession, in_tmp: Path
) -> None:
    make_session("Groep A", "punten: {punten: [Afgerond punt]}")
    make_session("Groep B", "punten: {punten: [Half punt]}", status="in_progress")
    result = runner.invoke(app, ["report", "sessions"])
    assert result.exit_code == 0
    assert result.stderr == (
        "let op: sessions/r1-groep-b.yaml is nog niet afgerond (status in_progress) en telt toch "
        "mee; gebruik --complete-only om alleen afgeronde sessies op te nemen\n"
    )
    assert "Half punt" in result.stdout
    assert "Let op: de sessie van Groep B was nog niet afgerond." in result.stdout


def test_complete_only_leaves_unfinished_sessions_out(
    runner: CliRunner, make_session: MakeSession, in_tmp: Path
) -> None:
    make_session("Groep A", "punten: {punten: [Afgerond punt]}")
    make_session("Groep B", "punten: {punten: [Half punt]}", status="in_progress")
    result = runner.invoke(app, ["report", "sessions", "--complete-only"])
    assert result.exit_code == 0
    assert result.stderr == (
        "let op: sessions/r1-groep-b.yaml is nog niet afgerond en is weggelaten (--complete-only)\n"
    )
    assert "Afgerond punt" in result.stdout
    assert "Half punt" not in result.stdout
    assert "Groep B" not in result.stdout


def test_complete_only_without_finished_sessions_is_an_error(
    runner: CliRunner, make_session: MakeSession, in_tmp: Path
) -> None:
    make_session("Groep B", "punten: {punten: [Half punt]}", status="in_progress")
    result = runner.invoke(app, ["report", "sessions", "--complete-only"])
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "geen afgeronde sessies om een verslag van te maken; laat --complete-only weg om ook "
        "onafgeronde sessies op te nemen\n"
    )


def test_no_names_keeps_leaders_out_of_every_format(runner: CliRunner, in_tmp: Path) -> None:
    from pypdf import PdfReader

    for name in ("verslag.md", "verslag.html", "verslag.pdf"):
        result = runner.invoke(app, ["report", str(EXAMPLE), "--no-names", "-o", name])
        assert result.exit_code == 0, result.stderr
        data = (in_tmp / name).read_bytes()
        shown = data.decode("utf-8") if not name.endswith(".pdf") else pdf_text(in_tmp / name)
        for leader in ("Mieke", "Bos", "Heidy", "Amory"):
            assert leader not in shown, (name, leader)
            assert leader.encode() not in data
        assert "Humanitas" in shown
    metadata = PdfReader(in_tmp / "verslag.pdf").metadata
    assert metadata is not None and "Mieke" not in str(dict(metadata))


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_format_follows_the_suffix_or_format(runner: CliRunner, in_tmp: Path) -> None:
    assert runner.invoke(app, ["report", str(EXAMPLE), "-o", "v.html"]).exit_code == 0
    assert (in_tmp / "v.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert runner.invoke(app, ["report", str(EXAMPLE), "-o", "v.pdf"]).exit_code == 0
    assert (in_tmp / "v.pdf").read_bytes().startswith(b"%PDF-")
    result = runner.invoke(app, ["report", str(EXAMPLE), "--format", "html"])
    assert result.stdout.startswith("<!DOCTYPE html>")
    result = runner.invoke(app, ["report", str(EXAMPLE), "-o", "v.pdf"])
    assert result.stderr == "Verslag geschreven: v.pdf (2 sessies)\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-o", "verslag.txt"],
            "verslag.txt: onbekende extensie; gebruik .md, .html, .pdf, .docx, .xlsx of .csv, of "
            "geef --format",
        ),
        (
            ["-o", "verslag.pdf", "--format", "md"],
            "--format md past niet bij verslag.pdf; laat --format weg of kies een bestandsnaam "
            "op .md",
        ),
        (["--format", "odt"], "onbekend formaat `odt`; kies md, html, pdf, docx, xlsx of csv"),
        (["--lang", "fr"], "onbekende taal `fr`; kies nl of en"),
        (["--template", "weg.md.j2"], "weg.md.j2: sjabloon bestaat niet; controleer het pad"),
    ],
)
def test_wrong_options_say_what_to_do(
    runner: CliRunner, in_tmp: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["report", str(EXAMPLE), *args])
    assert result.exit_code == 1
    assert result.stderr == message + "\n"
    assert not (in_tmp / "verslag.txt").exists()


def test_a_template_error_names_the_template_file_and_line(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "mijn.md.j2").write_text("# {{ report.title }}\n\n{{ report.titel }}\n", "utf-8")
    result = runner.invoke(app, ["report", str(EXAMPLE), "--template", "mijn.md.j2"])
    assert result.exit_code == 1
    assert result.stderr == (
        "mijn.md.j2:3: fout in het sjabloon: 'limburglab.report.Report object' has no attribute "
        "'titel'. Pas het sjabloon aan en probeer het opnieuw.\n"
    )
    (in_tmp / "kapot.md.j2").write_text("# titel\n{% if %}\n", "utf-8")
    result = runner.invoke(app, ["report", str(EXAMPLE), "--template", "kapot.md.j2"])
    assert result.exit_code == 1
    assert result.stderr.startswith("kapot.md.j2:2: fout in het sjabloon: ")


def test_a_failing_render_leaves_the_existing_output_untouched(
    runner: CliRunner, in_tmp: Path
) -> None:
    (in_tmp / "verslag.md").write_text("het vorige verslag\n", encoding="utf-8")
    (in_tmp / "kapot.md.j2").write_text("begin\n{{ report.sections[0].blocks[9] }}\n", "utf-8")
    result = runner.invoke(
        app, ["report", str(EXAMPLE), "--template", "kapot.md.j2", "-o", "verslag.md"]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("kapot.md.j2:2: fout in het sjabloon: ")
    assert (in_tmp / "verslag.md").read_text(encoding="utf-8") == "het vorige verslag\n"
    assert sorted(p.name for p in in_tmp.iterdir()) == ["kapot.md.j2", "verslag.md"]


def test_the_event_file_beside_the_sessions_is_used_and_not_read_as_a_session(
    runner: CliRunner, make_session: MakeSession, in_tmp: Path
) -> None:
    make_session("Groep A", "punten: {punten: [x]}")
    (in_tmp / "sessions" / "event.yaml").write_text(
        "programme: Limburg Lab\norganisers: [IKL]\nplace: Venlo\n", "utf-8"
    )
    result = runner.invoke(app, ["report", "sessions"])
    assert result.exit_code == 0, result.stderr
    assert "IKL heeft de workshop “Mini” gegeven in Venlo." in result.stdout


def test_an_event_file_is_checked_with_located_errors(
    runner: CliRunner, make_session: MakeSession, in_tmp: Path
) -> None:
    make_session("Groep A", "punten: {punten: [x]}")
    (in_tmp / "event.yaml").write_text(
        "programma: Limburg Lab\nrounds: 2\nsubgroups: [4, 3, 2]\n", "utf-8"
    )
    result = runner.invoke(app, ["report", "sessions", "--event", "event.yaml"])
    assert result.exit_code == 1
    assert result.stderr == (
        "event.yaml:1:1: onbekende sleutel `programma`; toegestaan: programme, organisers, date, "
        "place, rounds, subgroups, intro\n"
        "Herstel event.yaml en probeer het opnieuw.\n"
    )
    (in_tmp / "event.yaml").write_text("rounds: 2\nsubgroups: [4, 3, 2]\n", "utf-8")
    result = runner.invoke(app, ["report", "sessions", "--event", "event.yaml"])
    assert result.stderr == (
        "event.yaml:2:12: `subgroups` noemt 3 rondes, maar `rounds` is 2; geef per ronde één "
        "aantal\n"
        "Herstel event.yaml en probeer het opnieuw.\n"
    )


def test_flow_option_must_match_the_sessions(
    runner: CliRunner, make_session: MakeSession, in_tmp: Path
) -> None:
    make_session("Groep A", "punten: {punten: [x]}")
    result = runner.invoke(app, ["report", "sessions", "--flow", "samenwerken"])
    assert result.exit_code == 1
    assert result.stderr == (
        "sessions/r1-groep-a.yaml hoort bij flow `mini`, niet bij `samenwerken` (--flow); geef "
        "de flow van deze sessies\n"
    )


def test_a_flow_that_cannot_be_found_asks_for_flow(
    runner: CliRunner, make_session: MakeSession, in_tmp: Path, mini: Path
) -> None:
    make_session("Groep A", "punten: {punten: [x]}")
    mini.rename(in_tmp / "elders.yaml")
    result = runner.invoke(app, ["report", "sessions"])
    assert result.exit_code == 1
    assert result.stderr == (
        "sessions/r1-groep-a.yaml: de flow van deze sessie is niet gevonden: `mini`, versie 1. "
        f"Gezocht in:\n  {mini.as_posix()}\n  sessions/mini.yaml\n  sessions/flows/mini.yaml\n"
        "  mini.yaml\n  flows/mini.yaml\n  sessions/flows/*.yaml\n  flows/*.yaml\n"
        "  sessions/*.yaml\n  de meegeleverde flows (evaluatie, samenwerken)\n"
        "Leg het flow-bestand naast de sessie of in een map flows/ ernaast (`limburglab run … "
        "--copy-flow` doet dat bij de start), of geef het met --flow PAD-OF-NAAM.\n"
    )
    result = runner.invoke(app, ["report", "sessions", "--flow", "elders.yaml"])
    assert result.exit_code == 0, result.stderr


def test_two_hundred_sessions_make_one_pdf(tmp_path: Path) -> None:
    """Many sessions merge into one report (how fast is measured in benchmarks/run.py)."""
    import copy

    import yaml

    examples = [yaml.safe_load(p.read_text("utf-8")) for p in sorted(EXAMPLE.glob("2*.yaml"))]
    for number in range(200):
        data = copy.deepcopy(examples[number % 2])
        data["meta"].update(group=f"Groep {number % 10 + 1}", round=number // 10 + 1)
        data["answers"]["effecten"]["effecten"].append(f"Eigen effect {number}")
        (tmp_path / f"sessie-{number:03}.yaml").write_text(yaml.safe_dump(data), "utf-8")
    told: list[str] = []
    command.make(
        ReportOptions(inputs=(tmp_path,), output=tmp_path / "verslag.pdf"), tell=told.append
    )
    assert (tmp_path / "verslag.pdf").read_bytes().startswith(b"%PDF-")
    assert told == [f"Verslag geschreven: {tmp_path / 'verslag.pdf'} (200 sessies)"]


def test_an_english_flow_gets_an_english_report(make_session: MakeSession, mini: Path) -> None:
    mini.write_text(mini.read_text("utf-8").replace("version: 1\n", "version: 1\nlanguage: en\n"))
    a = make_session("Group A", "punten: {punten: [Meet]}\nkeuzes: {volgorde: [A, B]}")
    b = make_session("Group B", "punten: {punten: [meet!]}\nkeuzes: {volgorde: [B, A]}")
    model = build([a, b])
    assert model.intro == [
        "Humanitas gave the workshop “Mini”. This report holds the conclusions of the 2 "
        "subgroups led by Anna Leider of Humanitas. There were 10 participants."
    ]
    assert block(model, "punten").entries[0].sources == "both groups"
    assert block(model, "volgorde").summary == "Both groups put A and B in their top two."
    assert model.date == "1 March 2025"


def test_characters_the_pdf_cannot_draw_are_named_with_their_session_and_place(
    runner: CliRunner, make_session: MakeSession, in_tmp: Path
) -> None:
    make_session("Groep 中", "punten: {punten: [Blij 😀, {text: 'Thee 茶', toelichting: 𒀀}]}\n")
    make_session("Groep B", "punten: {punten: [Blij 😀 ሰላም]}\n")

    result = runner.invoke(app, ["report", "sessions", "-o", "v.pdf", "--title", "Verslag 𓀀"])

    assert result.exit_code == 0
    assert result.stderr == (
        "let op: sessions/r1-groep-中.yaml: de PDF heeft geen lettertype voor 中 (U+4E2D), "
        "茶 (U+8336), 𒀀 (U+12000); die tekens komen er als leeg vakje in (meta.group, "
        "punten.punten[2], punten.punten[2].toelichting). Markdown en HTML tonen ze wel\n"
        "let op: de PDF heeft geen lettertype voor 𓀀 (U+13000) in de titel, de inleiding of de "
        "bewerkingen; die tekens komen er als leeg vakje in. Markdown en HTML tonen ze wel\n"
        "Verslag geschreven: v.pdf (2 sessies)\n"
    )


def test_follow_ups_come_in_flow_order_each_with_its_label(
    make_session: MakeSession,
) -> None:
    from limburglab.report.formats.registry import render

    a = make_session(
        "Groep A",
        """\
        punten:
          punten:
          - text: Samen beginnen
            toelichting: Eerst kennismaken
            voorbeelden: [Oud zeer wegwerken, Samen brainstormen]
        """,
    )
    model = build([a])

    markdown = render(model, "md").decode("utf-8")
    pdf_text = pdf_lines(render(model, "pdf"))

    assert (
        "- Samen beginnen:\n\n"
        "  _Voorbeeld:_\n"
        "  - Oud zeer wegwerken\n"
        "  - Samen brainstormen\n\n"
        "  _Toelichting:_ Eerst kennismaken\n"
    ) in markdown
    order = [pdf_text.index(text) for text in ("Voorbeeld:", "Oud zeer", "Toelichting:")]
    assert order == sorted(order)


def pdf_lines(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_session_without_answers_is_left_out_with_a_note(
    runner: CliRunner, make_session: MakeSession, in_tmp: Path
) -> None:
    make_session("Groep A", "punten: {punten: [x]}\n")
    make_session("Groep B", "{}\n", status="in_progress")

    result = runner.invoke(app, ["report", "sessions"])

    assert result.exit_code == 0
    assert result.stderr == (
        "let op: sessions/r1-groep-b.yaml heeft geen antwoorden en is weggelaten (telt niet als "
        "subgroep en de deelnemers tellen niet mee)\n"
    )
    assert "Groep B" not in result.stdout
    assert "Dit verslag bevat de conclusies van de subgroep die door Anna" in result.stdout
    assert "Het aantal deelnemers was 5." in result.stdout


def test_only_sessions_without_answers_is_an_error(
    runner: CliRunner, make_session: MakeSession, in_tmp: Path
) -> None:
    make_session("Groep A", "punten: {punten: []}\n")

    result = runner.invoke(app, ["report", "sessions"])

    assert result.exit_code == 1
    assert result.stderr.endswith(
        "geen van de sessies heeft antwoorden; er is nog niets om een verslag van te maken\n"
    )


def test_a_copy_of_a_session_in_the_folder_is_warned_about(
    runner: CliRunner, make_session: MakeSession, in_tmp: Path
) -> None:
    make_session("Groep A", "punten: {punten: [x, y]}\n")
    make_session("Groep A", "punten: {punten: [x, y]}\n", name="r1-groep-a (kopie).yaml")
    make_session("Groep A", "punten: {punten: [x, y]}\n", round=2)

    result = runner.invoke(app, ["report", "sessions"])

    assert result.exit_code == 0
    assert result.stderr == (
        "let op: sessions/r1-groep-a.yaml heeft dezelfde groep (Groep A), ronde en antwoorden "
        "als sessions/r1-groep-a (kopie).yaml; is het een kopie? Dan telt die groep nu twee "
        "keer: haal de kopie uit de map\n"
    )


def test_one_participant_is_singular(make_session: MakeSession) -> None:
    path = make_session("Groep 1", "punten: {punten: [Iets]}")
    path.write_text(path.read_text("utf-8").replace("participants: 5", "participants: 1"), "utf-8")
    from limburglab.report.formats.registry import render

    text = render(build([path]), "md").decode("utf-8")
    assert "1 deelnemer" in text
    assert "1 deelnemers" not in text
    assert "Er was 1 deelnemer." in text
