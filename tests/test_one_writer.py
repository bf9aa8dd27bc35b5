"""One writer for session files (issue 19, item 1): any text, anywhere in a session, is read back
exactly as typed — by limburglab (YAML 1.2 core) and by PyYAML's `safe_load` (YAML 1.1, as a
secretary's tool reads it) — survives resume and comes out of every report format; a text that
would not read back is a failed save that keeps the old file."""

from __future__ import annotations

import csv
import io
import textwrap
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from limburglab import flow as flows
from limburglab.errors import WriteError
from limburglab.report import model as reports
from limburglab.report.formats import table, xlsx
from limburglab.report.formats.registry import render
from limburglab.session import file as sessions
from limburglab.session import yamltext
from limburglab.text import for_output, without_controls

FLOW = """\
    id: echo
    title: Echo
    version: 1
    sections:
      - id: a
        title: A
        questions:
          - id: punten
            type: list
            prompt: Punt?
            item:
              - {id: uitleg, type: paragraph, prompt: Uitleg?}
              - id: voorbeelden
                type: list
                prompt: Voorbeeld?
                item:
                  - {id: effect, type: text, prompt: Effect?}
          - {id: kies, type: select, prompt: Kies?, choices: [Een, Twee], other: true}
          - {id: themas, type: multiselect, prompt: Thema?, choices: [Een, Twee], other: true}
          - {id: stemmen, type: vote, prompt: Stippen?, choices_from: punten, budget: 10}
          - {id: tekst, type: paragraph, prompt: Tekst?}
          - {id: regel, type: text, prompt: Regel?}
    """

#: Every text that YAML treats specially (issue 19), each tried alone, at the start, in the
#: middle and at the end of a text.
NASTY = [
    "---",
    "...",
    "Enzovoort...",
    "a ...",
    "#",
    "a #b",
    ": ",
    "a: b",
    "- ",
    "- a",
    "? ",
    "? a",
    "|",
    ">",
    "&",
    "&a",
    "*",
    "*a",
    "!",
    "!!int 3",
    "%",
    "%YAML 1.1",
    "@",
    "`",
    " ",
    " a",
    "a ",
    "'",
    '"',
    "''",
    "~",
    "null",
    "Null",
    "no",
    "No",
    "on",
    "yes",
    "y",
    "true",
    "010",
    "0123",
    "0o17",
    "0x1F",
    "1.10",
    "1e5",
    "1_000",
    "14:30",
    "2024-10-10",
    ".nan",
    ".inf",
    "-.inf",
    "=",
    "<<",
    "[a, b]",
    "{a: b}",
    "a\\",
    "\\",
    "\t",
    "a\tb",
    "\r",
    "a\r\nb",
    "\n",
    "a\n",
    "a\n\n",
    "\na",
    "a\n b",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\x00\x07\x1b",
    "😀",
    "\ue001😀",
    "\U0010fffd",
]
PLACED = sorted({form for text in NASTY for form in (text, f"{text}x", f"x {text} x", f"x{text}")})

#: Any Unicode text but halves of UTF-16 pairs (no file can hold them: see the test below).
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


def the_flow(tmp_path: Path) -> flows.Flow:
    path = tmp_path / "echo.yaml"
    if not path.exists():
        path.write_text(textwrap.dedent(FLOW), "utf-8")
    return flows.load(path)


def one_line(text: str) -> str:
    """A text question holds one line."""
    return text.replace("\n", " ")


def answers_with(text: str) -> dict[str, Any]:
    """`text` in every place a session holds text: list entries (alone and around others),
    entries with follow-ups, a nested list and its follow-up, a paragraph, a text question,
    `anders` lines (one choice, several) and a vote's key."""
    answers: dict[str, Any] = {
        "a": {
            "punten": [
                text,
                f"{text}{text}",
                {
                    "text": text,
                    "uitleg": text,
                    "voorbeelden": [text, {"text": text, "effect": one_line(text)}],
                },
            ],
            "kies": one_line(text),
            "themas": [one_line(text)],
            "tekst": text,
            "regel": one_line(text),
        }
    }
    if text.strip() == text:  # a choice is an entry's text as it stands
        answers["a"]["stemmen"] = {text: 2}
    return answers


def saved(tmp_path: Path, text: str, name: str = "s.yaml") -> tuple[flows.Flow, Path]:
    flow = the_flow(tmp_path)
    path = tmp_path / name
    path.unlink(missing_ok=True)
    session = sessions.Session.start(flow, sessions.Meta(group="G", leader=one_line(text)), path)
    session.answers = answers_with(text)
    session.keep_draft(("a", "punten", 3), text)
    session.save()
    return flow, path


def _share(part: float) -> int:
    """A part of the active Hypothesis profile's examples (100 by default, so 60 and 15 here):
    a profile for CI that raises them raises these too."""
    return max(5, int(settings().max_examples * part))


FAST = settings(
    max_examples=_share(0.6),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def nasty(test: Any) -> Any:
    for text in PLACED:
        test = example(text=text)(test)
    return test


@FAST
@given(text=ANY_TEXT)
@nasty
def test_any_text_reads_back_as_typed_in_both_readers_and_after_resume(
    tmp_path: Path, text: str
) -> None:
    flow, path = saved(tmp_path, text)
    written = path.read_text("utf-8")

    loaded = sessions.load(path, flow)
    assert loaded.answers == answers_with(text)
    assert loaded.meta.leader == one_line(text)
    assert loaded.draft == sessions.Draft(("a", "punten", 3), text)

    older = yaml.safe_load(written)  # PyYAML: YAML 1.1
    assert older["answers"] == answers_with(text)
    assert older["meta"]["leader"] == one_line(text)
    assert older["draft"]["text"] == text

    # Resumed and saved again: the same text, the same answers (only the time moves on).
    loaded.updated_at = "x"
    loaded.save()
    again = path.read_text("utf-8")
    assert again.replace(_line(again, "updated_at"), "") == written.replace(
        _line(written, "updated_at"), ""
    )
    assert sessions.load(path, flow).answers == answers_with(text)


def _line(text: str, key: str) -> str:
    return next(line for line in text.splitlines(True) if line.startswith(f"{key}:"))


@settings(
    max_examples=_share(0.15),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=ANY_TEXT)
@example(text="Enzovoort...")
@example(text="a ...\n...\n--- x")
@example(text=" 1.10 ")
@example(text="0123")
@example(text="no")
@example(text="a\tb\r\nc \x85d\u2028e\u2029")
@example(text="=1+1 `x` *y* <b>&amp;</b> #z")
@example(text="😀 \ue001 \x00\x07")
def test_any_text_comes_out_of_every_report_format(tmp_path: Path, text: str) -> None:
    """After the documented normalisation (`text.for_output`: control characters dropped, and
    in running text whitespace evened): the spreadsheet cells equal the answers, and the
    Markdown, HTML and Word reports hold every entry."""
    flow, path = saved(tmp_path, text)
    session = sessions.load(path, flow)
    session.status = sessions.COMPLETE
    model = reports.build(flow, [session])

    expected = {
        "a.punten[1]": text,
        "a.punten[3].uitleg": text.strip(),
        "a.punten[3].voorbeelden[2].effect": one_line(text),
        "a.kies": one_line(text),
        "a.tekst": text.strip(),
        "a.regel": one_line(text),
    }
    rows = list(csv.reader(io.StringIO(render(model, "csv").decode("utf-8-sig"), newline="")))
    cells = {row[2]: row[4] for row in rows[1:]}
    sheet = openpyxl.load_workbook(io.BytesIO(render(model, "xlsx"))).active
    assert sheet is not None
    book = {row[2]: row[4] for row in sheet.iter_rows(min_row=2, values_only=True)}
    for where, value in expected.items():
        if not value.strip():
            continue  # an empty paragraph is no point
        assert cells[where] == _csv(value), where
        assert (book[where] or "") == _xlsx(value), where

    entry = " ".join(for_output(" ".join(text.split())).split())
    if not entry:
        return
    markdown = _plain(render(model, "md").decode("utf-8"))
    page = _plain(_unhtml(render(model, "html").decode("utf-8")))
    word = _plain(
        "\n".join(p.text for p in docx.Document(io.BytesIO(render(model, "docx"))).paragraphs)
    )
    for output in (page, word):
        assert entry in output
    assert entry in markdown or entry in _unmarkdown(markdown)


def _csv(value: str) -> str:
    """A CSV cell: control characters dropped; a leading `'` where it looks like a formula."""
    cell = without_controls(value)
    return f"'{cell}" if table.looks_like_formula(cell) else cell


def _xlsx(value: str) -> str:
    """An .xlsx cell: as typed, but for the characters XML cannot hold."""
    return value.translate(xlsx._NOT_XML)


def _plain(text: str) -> str:
    return " ".join(text.split())


def _unhtml(page: str) -> str:
    import html

    return html.unescape(page)


def _unmarkdown(text: str) -> str:
    import re

    return re.sub(r"\\([\\`*_\[\]<>#|~&.)+=!-])", r"\1", text)


@pytest.mark.parametrize("text", ["\ud800", "a\udfffb", "\ud83d"])
def test_half_a_character_is_a_failed_save_that_keeps_the_old_file(
    tmp_path: Path, text: str
) -> None:
    """A half of a UTF-16 pair (from a wrongly set terminal) cannot be written as UTF-8: the
    save fails, saying so and where; the old file stays as it was; the rescue copy keeps every
    other character and marks the half one with U+FFFD."""
    flow, path = saved(tmp_path, "voor")
    before = path.read_bytes()
    session = sessions.load(path, flow)
    session.put("a", "tekst", f"goed {text} kwijt?")
    with pytest.raises(WriteError) as failure:
        session.save()
    assert str(path) in str(failure.value)
    assert "UTF-16" in str(failure.value) or "half" in str(failure.value)
    assert path.read_bytes() == before
    assert session.get("a", "tekst") == f"goed {text} kwijt?"  # kept in memory

    rescue = yamltext.rescue_text(session.to_dict())
    assert (
        yaml.safe_load(rescue)["answers"]["a"]["tekst"] == f"goed {yamltext.storable(text)} kwijt?"
    )


def test_a_piece_that_would_not_read_back_is_a_failed_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The proof, not the emitter, decides: an emitter that loses a word makes a failed save
    (the old file kept), never a changed answer on disk."""
    flow, path = saved(tmp_path, "eerste")
    before = path.read_bytes()
    session = sessions.load(path, flow)
    session.put("a", "tekst", "een nieuw woord")

    def losing(data: Any, width: int) -> str:
        return yamltext._pure(data, width).replace("woord", "")

    monkeypatch.setattr(yamltext, "_FORMS", (losing,))
    with pytest.raises(WriteError):
        session.save()
    assert path.read_bytes() == before


def test_kept_pieces_are_rewritten_when_an_entry_changed_in_place(tmp_path: Path) -> None:
    flow, path = saved(tmp_path, "a")
    session = sessions.load(path, flow)
    session.save()
    entry = session.answers["a"]["punten"][2]
    entry["uitleg"] = "in place"  # not how the program changes answers, but never stale
    session.save()
    assert sessions.load(path, flow).answers["a"]["punten"][2]["uitleg"] == "in place"


def test_numbers_keep_their_form_only_where_yaml_1_1_reads_the_same(tmp_path: Path) -> None:
    from limburglab import yamlsource
    from limburglab.errors import ProblemsError

    doc = yamlsource.parse(
        "a: 010\nb: 1.10\nc: +5\nd: 0o17\ne: 1e5\n", tmp_path / "x", ProblemsError
    )
    text = yamltext.dump(doc.data)
    assert text == "a: 10\nb: 1.10\nc: +5\nd: 15\ne: 100000.0\n"
    assert yaml.safe_load(text) == {"a": 10, "b": 1.1, "c": 5, "d": 15, "e": 100000.0}


@FAST
@given(first=ANY_TEXT, second=ANY_TEXT)
@example(first="a\n\n", second="b")
@example(first="...", second="---")
def test_a_list_written_after_another_reads_as_one_list(first: str, second: str) -> None:
    """The edits file grows by appending: what `dump` writes never ends its document."""
    text = yamltext.dump([{"conclusie": first}]) + yamltext.dump([{"conclusie": second}])
    both = [{"conclusie": first}, {"conclusie": second}]
    assert yaml.safe_load(text) == both
    assert yamltext.read_both(text)[0] == both
