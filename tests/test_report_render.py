"""The three formats: answer text is data in all of them, the PDF is A4 with metadata and
extractable Dutch text, its bytes repeat, and facilitators' own templates run sandboxed."""

from __future__ import annotations

import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader
from typer.testing import CliRunner

from limburglab.cli import app
from limburglab.errors import ReportError
from limburglab.report import event as events
from limburglab.report import gather
from limburglab.report import model as report
from limburglab.report.formats import jinja as render
from limburglab.report.formats.pdf import pdf

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "samenwerken"

HOSTILE = [
    "{{ 7*7 }}",
    "{% if %}",
    "#set text(red)",
    "<script>alert(1)</script>",
    "# kop",
    "* ster",
    "[x](y)",
    "`code` en ```blok```",
    "a | b | c",
    "- streep",
    "1. genummerd",
    "+ plus",
    "> citaat",
    "&amp; &copy;",
    "back\\slash\\",
    "_schuin_ en **vet**",
    "![beeld](x.png)",
    "=====",
]
HOSTILE_PARAGRAPH = "eerste regel\n# kop\n* ster\n\n2) nieuwe alinea\n    ingesprongen code"

FLOW = """\
    id: vijandig
    title: "Verslag {{ 7*7 }}"
    version: 1
    sections:
      - id: punten
        title: "Punten #set text(red)"
        questions:
          - id: punten
            type: list
            prompt: Punt?
            item:
              - {id: effect, type: text, label: Effect, prompt: Effect?}
              - {id: toelichting, type: paragraph, label: Toelichting, prompt: Toelichting?}
    """


@pytest.fixture
def hostile_report(tmp_path: Path) -> report.Report:
    import yaml

    flow_path = tmp_path / "vijandig.yaml"
    flow_path.write_text(textwrap.dedent(FLOW), encoding="utf-8")
    entries: list[object] = list(HOSTILE)
    entries[0] = {
        "text": HOSTILE[0],
        "effect": "`x` | <b>vet</b>",
        "toelichting": HOSTILE_PARAGRAPH,
    }
    data = {
        "format": 1,
        "flow": {"id": "vijandig", "version": "1", "sha256": "", "source": str(flow_path)},
        "meta": {"group": "Groep *1*", "leader": "Ann <i>", "organisation": "Org [x](y)"},
        "status": "complete",
        "answers": {"punten": {"punten": entries}},
    }
    session_path = tmp_path / "sessie.yaml"
    session_path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    found = gather.find([session_path])
    sessions = gather.choose(found, complete_only=False, warn=lambda message: None)
    return report.build(found.flow, sessions)


class Page(HTMLParser):
    """The tags and the text of an HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.skip = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.skip += tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("style", "title")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.text.append(data)

    @property
    def plain(self) -> str:
        return "".join(self.text)


def squeeze(text: str) -> str:
    return "".join(text.split())


def assert_literal(shown: str) -> None:
    for text in [*HOSTILE, *HOSTILE_PARAGRAPH.split("\n")]:
        assert squeeze(text) in squeeze(shown), text
    assert "49" not in shown


# --- answer text is data ----------------------------------------------------------------------


def test_hostile_text_comes_out_literally_in_markdown(hostile_report: report.Report) -> None:
    markdown = render.jinja(hostile_report, "md")
    page = Page(MarkdownIt("commonmark").render(markdown))
    assert_literal(page.plain)
    assert "Verslag {{ 7*7 }}" in page.plain
    # The structure is the template's: one title, one section, the groups, and one bullet per
    # point (plus the group), two paragraphs for the elaboration, nothing else.
    assert page.tags.count("h1") == 1
    assert page.tags.count("h2") == 2
    assert page.tags.count("li") == len(HOSTILE) + 1
    assert page.tags.count("ul") == 2
    assert set(page.tags) <= {"h1", "h2", "p", "ul", "li", "em", "br"}


def test_hostile_text_comes_out_literally_in_html(hostile_report: report.Report) -> None:
    html = render.jinja(hostile_report, "html")
    page = Page(html)
    assert_literal(page.plain)
    assert "script" not in page.tags and "b" not in page.tags and "i" not in page.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert page.tags.count("h1") == 1 and page.tags.count("h2") == 2
    assert page.tags.count("li") == len(HOSTILE) + 1
    assert "<title>Verslag {{ 7*7 }}</title>" in html


def test_hostile_text_comes_out_literally_in_pdf(hostile_report: report.Report) -> None:
    data = pdf(hostile_report)
    reader = PdfReader(__import__("io").BytesIO(data))
    shown = "\n".join(page.extract_text() for page in reader.pages)
    assert_literal(shown)
    assert "Punten #set text(red)" in shown
    assert reader.metadata is not None and reader.metadata.title == "Verslag {{ 7*7 }}"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Elkaar (leren) kennen.", "Elkaar (leren) kennen."),
        ("# kop", "\\# kop"),
        ("  # kop", " \\# kop"),
        ("* ster", "\\* ster"),
        ("- streep", "\\- streep"),
        ("12. mei", "12\\. mei"),
        ("[x](y)", "\\[x\\](y)"),
        ("<script>", "\\<script\\>"),
        ("a | b", "a \\| b"),
        ("`x`", "\\`x\\`"),
        ("a\\b", "a\\\\b"),
        ("een\ntwee", "een\\\ntwee"),
        ("een\n\n\ntwee", "een\n\ntwee"),
        ("een\n- twee", "een\\\n\\- twee"),
    ],
)
def test_markdown_escape(text: str, escaped: str) -> None:
    assert render.markdown_escape(text) == escaped


# --- the PDF ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_pdf() -> bytes:
    found = gather.find([EXAMPLE])
    sessions = gather.choose(found, complete_only=False, warn=lambda message: None)
    event = events.load(EXAMPLE / "event.yaml")
    return pdf(report.build(found.flow, sessions, event))


def test_pdf_text_has_the_sections_and_dutch_characters(example_pdf: bytes) -> None:
    import io

    reader = PdfReader(io.BytesIO(example_pdf))
    shown = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for title in (
        "1 Drijfveren om samen te werken",
        "2 Basis voor samenwerking",
        "3 Voorwaarden voor samenwerking",
        "4 Effecten van samenwerken",
        "5 Thema’s voor samenwerking",
    ):
        assert title in shown
    assert "Het bestuur moet zich heroriënteren." in shown
    assert "financiële waarde" in shown
    assert "“Good practises”" in shown
    assert "Pagina 1 / 3" in shown
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    metadata = reader.metadata
    assert metadata is not None
    assert metadata.title == "Samenwerken"
    assert metadata.author == "Humanitas, FAM!, IKL, Huis van de Sport"


def test_pdf_bytes_repeat_for_the_same_input(example_pdf: bytes, tmp_path: Path) -> None:
    runner = CliRunner()
    for name in ("een.pdf", "twee.pdf"):
        result = runner.invoke(app, ["report", str(EXAMPLE), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.stderr
    assert (tmp_path / "een.pdf").read_bytes() == (tmp_path / "twee.pdf").read_bytes()
    assert (tmp_path / "een.pdf").read_bytes() == example_pdf


def test_html_is_one_self_contained_file(example_pdf: bytes) -> None:
    found = gather.find([EXAMPLE])
    sessions = gather.choose(found, complete_only=False, warn=lambda message: None)
    html = render.jinja(report.build(found.flow, sessions), "html")
    page = Page(html)
    assert page.tags[:1] == ["html"] and "style" in page.tags
    assert not {"link", "script", "img", "iframe"} & set(page.tags)
    assert "http://" not in html and "https://" not in html
    assert "@media print" in html and "size: A4" in html


# --- facilitators' own templates --------------------------------------------------------------


def test_an_own_template_gets_the_model_and_the_md_filter(tmp_path: Path) -> None:
    template = tmp_path / "kort.md.j2"
    template.write_text(
        "{% for s in report.sections %}{{ s.number }}. {{ s.title | md }}\n{% endfor %}", "utf-8"
    )
    result = CliRunner().invoke(app, ["report", str(EXAMPLE), "--template", str(template)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "1. Drijfveren om samen te werken",
        "2. Basis voor samenwerking",
    ]


def test_an_own_template_runs_in_the_sandbox(tmp_path: Path) -> None:
    template = tmp_path / "stout.md.j2"
    template.write_text("ok\n{{ report.__class__.__init__.__globals__ }}\n", "utf-8")
    with pytest.raises(ReportError) as caught:
        render.jinja(_example_report(), "md", template)
    assert str(caught.value).startswith(f"{template}:2: fout in het sjabloon: ")


def test_an_own_typst_template_error_is_located(tmp_path: Path) -> None:
    template = tmp_path / "eigen.typ"
    template.write_text("#let r = json(bytes(sys.inputs.report))\n\n#r.titel\n", "utf-8")
    result = CliRunner().invoke(
        app, ["report", str(EXAMPLE), "--template", str(template), "-o", str(tmp_path / "v.pdf")]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f'{template}:3:3: fout in het sjabloon: dictionary does not contain key "titel". Pas het '
        "sjabloon aan en probeer het opnieuw.\n"
    )
    assert not (tmp_path / "v.pdf").exists()


def _example_report() -> report.Report:
    found = gather.find([EXAMPLE])
    return report.build(found.flow, found.sessions)


def test_an_own_template_cannot_build_something_huge(tmp_path: Path) -> None:
    template = tmp_path / "groot.md.j2"
    template.write_text('{{ "x" * 10**10 }}\n', "utf-8")
    with pytest.raises(ReportError) as caught:
        render.jinja(_example_report(), "md", template)
    assert "te groot" in str(caught.value)


def test_without_typst_a_pdf_is_refused_and_every_other_format_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typst has no wheel for Windows on ARM: limburglab installs there without it."""
    import importlib.util

    from limburglab.report.formats import pdf as pdf_format

    real = importlib.util.find_spec
    monkeypatch.setattr(
        pdf_format.importlib.util,
        "find_spec",
        lambda name, *rest: None if name == "typst" else real(name, *rest),
    )
    runner = CliRunner()
    refused = runner.invoke(app, ["report", str(EXAMPLE), "-o", str(tmp_path / "v.pdf")])
    assert refused.exit_code == 1
    assert "Een PDF kan op deze computer niet worden gemaakt" in refused.output
    assert not (tmp_path / "v.pdf").exists()
    for name in ("v.md", "v.html", "v.docx", "v.xlsx", "v.csv"):
        made = runner.invoke(app, ["report", str(EXAMPLE), "-o", str(tmp_path / name)])
        assert made.exit_code == 0, made.output
        assert (tmp_path / name).stat().st_size > 0
