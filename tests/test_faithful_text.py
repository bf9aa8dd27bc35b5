"""Every character as typed: any Unicode text survives an answer → session file → load →
report in Markdown, HTML and PDF, literally; direction overrides and control characters cannot
disturb what follows them."""

from __future__ import annotations

import html
import io
import re
import textwrap
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from limburglab import flow as flows
from limburglab.report import model as reports
from limburglab.report.formats import glyphs
from limburglab.report.formats.registry import render
from limburglab.session import file as sessions
from limburglab.text import for_output

FLOW = """\
    id: echo
    title: Echo
    version: 1
    sections:
      - id: a
        title: A
        questions:
          - {id: punten, type: list, prompt: Punt?}
    """
#: Everything but surrogates, control characters and unassigned code points: all planes,
#: combining marks, right-to-left letters, emoji, quotes, Markdown/HTML/Typst syntax.
ANY_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co", "Zl", "Zp")), min_size=1
).filter(lambda text: text.strip() != "")
#: What the PDF's fonts draw and a PDF reader gives back in typed order: Latin, Greek, Cyrillic,
#: Armenian, Georgian, Ethiopic, symbols, emoji and the syntax of every format. (Right-to-left
#: and shaped scripts are drawn too, but come back from the PDF in visual order.)
PDF_TEXT = st.text(
    st.sampled_from(
        "abcxyzABCXYZ0189éëïöüçñßøåÆŒ€αβγΔΩжЖщЯ<>&\"'`*_[]()#{}$\\|~!?.,;:-+=/@%^"
        "ԱբգՖგამარჯობაሰላምዓለ★⇒☺♻✓😀👍🎉🙂🚲🌍❤🍰"
    ),
    min_size=1,
    max_size=25,
).filter(lambda text: text.strip() != "")

#: A Markdown escape, or a hard line break (a backslash before the end of a line): read in one
#: pass from the left, so that an escaped backslash before a line break is not taken for one.
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_\[\]<>#|~&.)+=\n-])")


def report_of(tmp_path: Path, text: str) -> reports.Report:
    flow_path = tmp_path / "echo.yaml"
    flow_path.write_text(textwrap.dedent(FLOW), "utf-8")
    flow = flows.load(flow_path)
    session = sessions.Session.start(flow, sessions.Meta(group="G"), tmp_path / "s.yaml")
    session.put("a", "punten", [text])
    session.status = sessions.COMPLETE
    session.save()
    loaded = sessions.load(tmp_path / "s.yaml", flow)
    return reports.build(flow, [loaded])


def shown(text: str) -> str:
    """The entry as a report holds it: whitespace evened, then made safe for output."""
    return for_output(" ".join(text.split()))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=ANY_TEXT)
@example(text="\\")
def test_any_text_comes_out_literally_in_markdown_and_html(tmp_path: Path, text: str) -> None:
    model = report_of(tmp_path, text)
    expected = shown(text)

    markdown = render(model, "md").decode("utf-8")
    page = render(model, "html").decode("utf-8")

    assert expected in _MARKDOWN_ESCAPE.sub(r"\1", markdown)
    assert expected in html.unescape(page)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=PDF_TEXT)
def test_text_comes_out_literally_in_pdf(tmp_path: Path, text: str) -> None:
    model = report_of(tmp_path, text)

    pdf = render(model, "pdf")
    extracted = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)

    assert "".join(text.split()) in "".join(extracted.replace("\u200b", "").split())


def test_an_unclosed_override_and_control_characters_stay_inside_their_value(
    tmp_path: Path,
) -> None:
    model = report_of(tmp_path, "Leider \u202egnol\x00\x1b[31m\x07 rood")
    entry = model.sections[0].blocks[0].entries[0]

    assert entry.text == "\u2068Leider \u202egnol[31m rood\u2069"
    for fmt in ("md", "html"):
        output = render(model, fmt).decode("utf-8")
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", output)
        assert output.count("\u2068") == output.count("\u2069") >= 1


def test_a_long_word_breaks_inside_the_margin(tmp_path: Path) -> None:
    url = "https://example.org/" + "abcdefghij" * 11
    model = report_of(tmp_path, url + " " + "_" * 110)

    reader = PdfReader(io.BytesIO(render(model, "pdf")))
    lines = reader.pages[0].extract_text().splitlines()

    assert url in "".join(lines).replace("\u200b", "")
    assert all(len(line) < 100 for line in lines), lines


def test_emoji_and_scripts_beyond_latin_are_drawn_in_the_pdf(tmp_path: Path) -> None:
    text = "Blij 😀👍🎉 مرحبا ሰላም שלום नमस्ते Բարեւ გამარჯობა สวัสดี ★"
    model = report_of(tmp_path, text)

    pdf = render(model, "pdf")
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(io.BytesIO(pdf)).pages
        for font in (page["/Resources"]["/Font"].get_object().values())
    }

    assert glyphs.missing(text) == ""
    assert any("NotoEmoji" in font for font in fonts), fonts
    assert any("NotoSansArabic" in font for font in fonts), fonts
    assert render(model, "pdf") == pdf


def test_the_table_of_drawn_characters_is_that_of_the_pinned_fonts() -> None:
    assert glyphs.table_text(glyphs.measure()) == glyphs.TABLE.read_text("ascii"), (
        "the fonts have changed: run python -m limburglab.report.formats.glyphs"
    )


def test_characters_no_font_draws_are_named(tmp_path: Path) -> None:
    assert glyphs.missing("Team 中文 🎉 𒀀 中 \u200d\ufe0f\u2068") == "中文𒀀"
    assert glyphs.describe("中𒀀") == "中 (U+4E2D), 𒀀 (U+12000)"
