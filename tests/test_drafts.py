"""What is typed but not confirmed: the side file beside a session, a paste read as text, rescue
copies taken over. The parts, without a terminal; the whole runs in test_never_lose_a_word."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from prompt_toolkit.key_binding import KeyPress
from prompt_toolkit.keys import Keys

from limburglab import flow as flows
from limburglab.live.keyboard import as_typed
from limburglab.session import drafts, entries, rescues
from limburglab.session.file import Draft, Meta, Session

NASTY = ["no", "14:30", "010", "1.10", "~", "- x", "# x", "a: b", "‘’„”", "😀 éé", "a\tb", "x\ny"]


def keys(text: str) -> list[KeyPress]:
    return [KeyPress(Keys.ControlM, "\r") if c == "\r" else KeyPress(c) for c in text]


# --- a paste is text --------------------------------------------------------------------------


def test_a_line_and_its_enter_is_typing() -> None:
    typed = keys("Overleven\r")
    assert as_typed(typed, choosing=False) == (typed, "")


def test_lines_with_a_blank_one_are_one_paste_without_an_enter() -> None:
    typed, text = as_typed(keys("Een\rTwee\r\rDrie\r"), choosing=False)
    assert text == "Een\nTwee\n\nDrie\n"
    assert typed == [KeyPress(Keys.BracketedPaste, "Een\nTwee\n\nDrie\n")]


def test_a_paste_in_a_choice_chooses_nothing() -> None:
    assert as_typed(keys("Armoede\r"), choosing=True) == ([], "Armoede\r".replace("\r", "\n"))
    assert as_typed(keys("\r\r"), choosing=True)[0] == []


def test_keys_a_person_presses_in_a_choice_are_kept() -> None:
    for typed in (keys(" \r"), keys("\r"), [KeyPress(Keys.Down), KeyPress(Keys.ControlM, "\r")]):
        assert as_typed(typed, choosing=True) == (typed, "")


# --- the side file ----------------------------------------------------------------------------


@given(
    text=st.sampled_from(NASTY) | st.text(min_size=1).filter(str.strip),
    line=st.none() | st.integers(0, 50),
)
@example(text="😀\r\n\x00 „x”", line=3)
def test_a_draft_reads_back_as_it_was_written(
    tmp_path_factory: pytest.TempPathFactory, text: str, line: int | None
) -> None:
    session = tmp_path_factory.mktemp("draft") / "s.yaml"
    draft = Draft(("s", "punten", 2, "uitleg"), text, line)
    drafts.write(session, draft)
    found = drafts.read(session)
    assert found is not None and found[0] == draft
    assert drafts.side_path(session).name == ".s.yaml.draft"


def test_the_keeper_writes_at_most_every_two_seconds_and_goes_at_a_save(tmp_path: Path) -> None:
    now = [100.0]
    session = tmp_path / "s.yaml"
    keeper = drafts.Keeper(lambda: session, clock=lambda: now[0])
    loc = ("s", "notitie")
    keeper.typing(Draft(loc, "H"))  # the first keys: at once
    assert drafts.read(session) == (Draft(loc, "H"), drafts.read(session)[1])  # type: ignore[index]
    now[0] += 1
    keeper.typing(Draft(loc, "Half"))
    assert drafts.read(session)[0].text == "H"  # type: ignore[index]
    now[0] += 1.5
    keeper.typing(Draft(loc, "Half"))  # the same text, told again: now it is due
    assert drafts.read(session)[0].text == "Half"  # type: ignore[index]
    keeper.saved()
    assert not drafts.side_path(session).exists()


# --- changing entries and taking a rescue copy over -------------------------------------------

FLOW = """\
    id: kort
    title: Kort
    version: 1
    sections:
      - id: s
        title: S
        questions:
          - id: punten
            type: list
            prompt: Punt
            item:
              - id: voorbeelden
                type: list
                prompt: Voorbeeld
                item:
                  - id: effect
                    type: text
                    prompt: Effect
          - id: naam
            type: text
            prompt: Naam
"""


def test_nested_answers_are_counted_for_the_delete_question() -> None:
    entry = {"text": "a", "voorbeelden": [{"text": "v", "effect": "e"}, "w"]}
    assert entries.nested_count(entry) == 3
    assert entries.nested_count("a") == 0


def test_a_rescue_copy_adds_its_answers_and_keeps_the_entries_of_both(tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text(textwrap.dedent(FLOW), encoding="utf-8")
    flow = flows.load(path)
    session = Session.start(flow, Meta(group="G"), tmp_path / "s.yaml")
    session.answers = {"s": {"punten": ["a", "later"], "naam": "Jan"}}
    copy = Session.start(flow, Meta(group="G"), tmp_path / "s.yaml")
    copy.answers = {"s": {"punten": ["a", {"text": "b", "voorbeelden": ["v"]}], "naam": "Piet"}}
    rescues.merge(session, copy, flow)
    assert session.answers == {
        "s": {"punten": ["a", {"text": "b", "voorbeelden": ["v"]}, "later"], "naam": "Piet"}
    }
