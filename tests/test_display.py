"""One answer reads the same wherever it is shown (`session/display.py`): the live review and the
board give the same words for every question type, in Dutch and English; a choice by its label,
a decimal with the language's sign, yes and no in words."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

import pytest

from limburglab import messages
from limburglab.board import state
from limburglab.flow.loading import load as load_flow
from limburglab.flow.model import Flow
from limburglab.live.run import LiveSession
from limburglab.session.display import answer_text, number_text
from limburglab.session.file import Meta, Session
from test_walker import ScriptedPrompter

FLOW = """\
    id: alles
    title: Alles
    version: 1
    sections:
      - id: s
        title: Alles
        questions:
          - id: kleur
            type: select
            prompt: Kleur
            choices: [{value: r, label: Rood}, {value: g, label: Groen}]
            other: true
          - id: anders
            type: select
            prompt: Anders
            choices: [{value: r, label: Rood}]
            other: true
          - id: themas
            type: multiselect
            prompt: Thema's
            choices: [{value: arm, label: Armoede}, {value: een, label: Eenzaamheid}]
            other: true
          - id: volgorde
            type: rank
            prompt: Volgorde
            choices: [{value: arm, label: Armoede}, {value: een, label: Eenzaamheid}]
          - id: stippen
            type: vote
            prompt: Stippen
            budget: 5
            choices: [{value: arm, label: Armoede}, {value: een, label: Eenzaamheid}]
          - id: cijfer
            type: number
            prompt: Cijfer
          - id: schaal
            type: scale
            prompt: Schaal
            min: 1
            max: 5
          - id: akkoord
            type: confirm
            prompt: Akkoord?
          - id: naam
            type: text
            prompt: Naam
          - id: punten
            type: list
            prompt: Punt
            item:
              - id: soort
                type: select
                label: Soort
                prompt: Soort
                choices: [{value: k, label: Kort}, {value: l, label: Lang}]
              - id: gewicht
                type: number
                label: Gewicht
                prompt: Gewicht
"""

ANSWERS: dict[str, Any] = {
    "kleur": "g",
    "anders": "Paars",
    "themas": ["een", "arm", "Wonen"],
    "volgorde": ["een", "arm"],
    "stippen": {"een": 2, "arm": 3},
    "cijfer": 7.5,
    "schaal": 4,
    "akkoord": True,
    "naam": "Jan",
    "punten": [{"text": "Eerste", "soort": "l", "gewicht": 0.25}],
}

#: What every medium shows, by language.
WORDS = {
    "nl": {
        "kleur": "Groen",
        "anders": "Paars",
        "themas": "Eenzaamheid, Armoede, Wonen",
        "volgorde": "Eenzaamheid, Armoede",
        "stippen": "Armoede 3, Eenzaamheid 2",
        "cijfer": "7,5",
        "schaal": "4",
        "akkoord": "ja",
        "naam": "Jan",
    },
    "en": {
        "kleur": "Groen",
        "anders": "Paars",
        "themas": "Eenzaamheid, Armoede, Wonen",
        "volgorde": "Eenzaamheid, Armoede",
        "stippen": "Armoede 3, Eenzaamheid 2",
        "cijfer": "7.5",
        "schaal": "4",
        "akkoord": "yes",
        "naam": "Jan",
    },
}
FOLLOW_UPS = {"nl": ["Soort: Lang", "Gewicht: 0,25"], "en": ["Soort: Lang", "Gewicht: 0.25"]}


@pytest.fixture
def flow(tmp_path: Path) -> Flow:
    path = tmp_path / "alles.yaml"
    path.write_text(textwrap.dedent(FLOW), "utf-8")
    return load_flow(path)


@pytest.fixture(params=["nl", "en"])
def language(request: pytest.FixtureRequest) -> Any:
    messages.set_language(request.param)
    yield request.param
    messages.set_language("nl")


def session_of(flow: Flow, tmp_path: Path) -> Session:
    session = Session.start(flow, Meta(group="G"), tmp_path / "s.yaml")
    session.answers = {"s": dict(ANSWERS)}
    session.current = "s.naam"
    return session


def test_every_answer_in_words(flow: Flow, language: str) -> None:
    context = {key: value for key, value in ANSWERS.items()}
    for question in flow.sections[0].questions:
        if question.id in WORDS[language]:
            shown = answer_text(flow, question, ANSWERS[question.id], context)
            assert shown == WORDS[language][question.id], question.id


def test_the_live_review_and_the_board_say_the_same(
    flow: Flow, tmp_path: Path, language: str
) -> None:
    session = session_of(flow, tmp_path)
    live = LiveSession(flow, session, ScriptedPrompter([]), clock=lambda: 0.0)
    review = [text for _, text in live.section_lines(flow.sections[0])]
    moment = dt.datetime(2026, 11, 29, 14, 0, tzinfo=dt.timezone.utc)
    view = state.group_view(session, flow, {}, moment)
    board: dict[str, str] = {}
    for block in view["blocks"]:
        if block["kind"] == "votes":
            board[block["id"]] = ", ".join(f"{v['label']} {v['dots']}" for v in block["votes"])
        elif block["kind"] in ("choices", "rank"):
            board[block["id"]] = ", ".join(block["items"])
        elif block["kind"] == "text":
            board[block["id"]] = block["text"]
    for question in flow.sections[0].questions:
        if question.id not in WORDS[language]:
            continue
        words = WORDS[language][question.id]
        assert board[question.id] == words, question.id
        assert f"{question.prompt}: {words}" in review, question.id
    (entry,) = next(b for b in view["blocks"] if b["id"] == "punten")["entries"]
    notes = [f"{note['label']}: {note['text']}" for note in entry["notes"]]
    assert notes == FOLLOW_UPS[language]
    for line in FOLLOW_UPS[language]:
        assert line in review


@pytest.mark.parametrize(
    ("value", "places", "nl", "en"),
    [
        (7, None, "7", "7"),
        (7.0, None, "7", "7"),
        (7.5, None, "7,5", "7.5"),
        (0.25, None, "0,25", "0.25"),
        (-1.5, None, "-1,5", "-1.5"),
        (7.25, 1, "7,2", "7.2"),
        (7.96, 1, "8", "8"),
        (2 / 3, 1, "0,7", "0.7"),
    ],
)
def test_numbers_as_people_write_them(value: float, places: int | None, nl: str, en: str) -> None:
    assert number_text(value, lambda key: messages.say("nl", key), places=places) == nl
    assert number_text(value, lambda key: messages.say("en", key), places=places) == en
