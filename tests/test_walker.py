"""The walker (which question comes next) and the Asker (the flow's rules at entry time).

No terminal: a scripted prompter returns raw answers from a list, and `<` raises GoBack.
"""

from __future__ import annotations

import copy
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from limburglab import flow as flows
from limburglab.flow import Flow, Section
from limburglab.live.asking import Asker, GoBack, Options, sentence
from limburglab.live.run import LiveSession
from limburglab.messages import t
from limburglab.session import Meta, Session, walker

BACK = "<"
KEEP = object()  # the scripted answer "press Enter on the offered default"


class ScriptedPrompter:
    """A prompter without a terminal: every prompt takes the next scripted raw answer."""

    def __init__(self, script: list[Any], saved_at: Path | None = None) -> None:
        self.script = list(script)
        self.saved_at = saved_at
        self.calls: list[dict[str, Any]] = []
        self.warnings: list[str] = []
        self.infos: list[str] = []
        self.sections: list[tuple[int, int, str]] = []
        self.reviews: list[list[tuple[int, str]]] = []

    def _next(self, kind: str, prompt: str, default: Any = None, **extra: Any) -> Any:
        self.calls.append(
            {
                "kind": kind,
                "prompt": prompt,
                "default": default,
                "saved": self._saved(),
                **extra,
            }
        )
        assert self.script, f"no scripted answer left for {kind} {prompt!r}"
        answer = self.script.pop(0)
        if answer == BACK:
            raise GoBack
        if answer is KEEP:
            return default
        return answer

    def _saved(self) -> Any:
        """The answers in the session file as the prompt appears."""
        if self.saved_at is None or not self.saved_at.exists():
            return {}
        return yaml.safe_load(self.saved_at.read_text(encoding="utf-8")).get("answers", {})

    # output
    def set_status(self, status: Callable[[], str]) -> None:
        pass

    def section(self, number: int, total: int, section: Section) -> None:
        self.sections.append((number, total, section.id))

    def review(self, lines: list[tuple[int, str]]) -> None:
        self.reviews.append(lines)

    def info(self, message: str) -> None:
        self.infos.append(message)

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def refuse(self, message: str) -> None:
        self.warn(message)

    # prompts
    def frame(self, lines: list[tuple[int, str]]) -> None:
        pass

    def text(
        self, prompt: str, *, default: str, hint: str, depth: int, suggestion: str = ""
    ) -> str:
        return str(self._next("text", prompt, default or suggestion, hint=hint, depth=depth))

    def paragraph(
        self,
        prompt: str,
        *,
        default: str,
        hint: str,
        depth: int,
        keep: Callable[[list[str]], None] | None = None,
    ) -> str:
        return str(self._next("paragraph", prompt, default, hint=hint, depth=depth))

    def select(
        self,
        prompt: str,
        options: Options,
        *,
        default: str | None,
        other: bool,
        hint: str,
        depth: int,
    ) -> str | None:
        return self._next("select", prompt, default, options=options, depth=depth)  # type: ignore[no-any-return]

    def multiselect(
        self,
        prompt: str,
        options: Options,
        *,
        default: list[str],
        other: bool,
        hint: str,
        depth: int,
        keep: Callable[[list[str]], None] | None = None,
    ) -> list[str]:
        return self._next("multiselect", prompt, default, options=options)  # type: ignore[no-any-return]

    def rank(
        self,
        prompt: str,
        options: Options,
        *,
        default: list[str],
        limit: int | None,
        hint: str,
        depth: int,
    ) -> list[str]:
        return self._next("rank", prompt, default, options=options, limit=limit)  # type: ignore[no-any-return]

    def vote(
        self,
        prompt: str,
        options: Options,
        *,
        default: dict[str, int],
        budget: int,
        limit: int | None,
        hint: str,
        depth: int,
    ) -> dict[str, int]:
        return self._next("vote", prompt, default, options=options, budget=budget)  # type: ignore[no-any-return]

    def confirm(self, prompt: str, *, default: bool | None, hint: str, depth: int) -> bool | None:
        return self._next("confirm", prompt, default)  # type: ignore[no-any-return]

    def number(
        self, prompt: str, *, default: float | None, whole: bool, hint: str, depth: int
    ) -> float | None:
        return self._next("number", prompt, default, hint=hint, whole=whole)  # type: ignore[no-any-return]

    def choose(self, prompt: str, actions: Options) -> str:
        return self._next("choose", prompt, None, options=actions)  # type: ignore[no-any-return]

    # helpers for assertions
    def prompts(self) -> list[tuple[str, str, Any]]:
        return [(c["kind"], c["prompt"], c["default"]) for c in self.calls]


def distinct(states: list[Any]) -> list[Any]:
    """The published states without repeats of the same state in a row."""
    return [state for i, state in enumerate(states) if i == 0 or state != states[i - 1]]


def load_flow(tmp_path: Path, text: str) -> Flow:
    path = tmp_path / "flow.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return flows.load(path)


def question(flow: Flow, question_id: str) -> Any:
    found = flow.question(question_id)
    assert found is not None
    return found[1]


def paths(steps: list[walker.Step]) -> list[str]:
    return [step.path for step in steps]


# --- the walker -------------------------------------------------------------------------------

CONDITIONAL = """\
    id: voorwaardelijk
    title: Voorwaardelijk
    version: 1
    sections:
      - id: start
        title: Start
        questions:
          - id: soort
            type: select
            prompt: Soort gesprek
            choices: [kort, lang]
          - id: reden
            type: text
            prompt: Waarom lang?
            when: soort == 'lang'
      - id: extra
        title: Extra
        when: soort == 'lang'
        questions:
          - id: details
            type: list
            prompt: Detail
      - id: slot
        title: Slot
        questions:
          - id: themas
            type: multiselect
            prompt: Thema's
            choices:
              - value: arm
                label: Armoede
              - value: eenzaam
                label: Eenzaamheid
          - id: prio
            type: rank
            prompt: Volgorde
            choices_from: themas
            when: themas | length > 1
          - id: cijfer
            type: scale
            prompt: Cijfer
            min: 1
            max: 10
"""


@pytest.fixture
def conditional(tmp_path: Path) -> Flow:
    return load_flow(tmp_path, CONDITIONAL)


def test_steps_leave_out_questions_and_sections_whose_condition_does_not_hold(
    conditional: Flow,
) -> None:
    assert paths(walker.steps(conditional, {})) == ["start.soort", "slot.themas", "slot.cijfer"]
    short = {"start": {"soort": "kort"}, "slot": {"themas": ["arm"]}}
    assert paths(walker.steps(conditional, short)) == ["start.soort", "slot.themas", "slot.cijfer"]


def test_steps_include_questions_and_sections_whose_condition_holds(conditional: Flow) -> None:
    answers = {"start": {"soort": "lang"}, "slot": {"themas": ["arm", "eenzaam"]}}
    assert paths(walker.steps(conditional, answers)) == [
        "start.soort",
        "start.reden",
        "extra.details",
        "slot.themas",
        "slot.prio",
        "slot.cijfer",
    ]


def test_after_and_before_follow_the_applicable_order(conditional: Flow) -> None:
    long = {"start": {"soort": "lang"}}
    assert walker.after(conditional, long, "start.soort").path == "start.reden"  # type: ignore[union-attr]
    assert walker.after(conditional, long, "start.reden").path == "extra.details"  # type: ignore[union-attr]
    assert walker.before(conditional, long, "slot.themas").path == "extra.details"  # type: ignore[union-attr]
    short = {"start": {"soort": "kort"}}
    assert walker.after(conditional, short, "start.soort").path == "slot.themas"  # type: ignore[union-attr]
    assert walker.before(conditional, short, "slot.themas").path == "start.soort"  # type: ignore[union-attr]


def test_before_the_first_and_after_the_last_question_is_nothing(conditional: Flow) -> None:
    assert walker.before(conditional, {}, "start.soort") is None
    assert walker.after(conditional, {}, "slot.cijfer") is None
    assert walker.first(conditional, {}).path == "start.soort"  # type: ignore[union-attr]


def test_after_a_question_that_no_longer_applies_goes_to_the_first_open_one(
    conditional: Flow,
) -> None:
    answers = {"start": {"soort": "kort"}}
    # start.reden applied while soort was 'lang'; now it does not.
    assert walker.after(conditional, answers, "start.reden").path == "slot.themas"  # type: ignore[union-attr]


def test_find_returns_a_step_only_while_it_applies(conditional: Flow) -> None:
    assert walker.find(conditional, {"start": {"soort": "lang"}}, "extra.details") is not None
    assert walker.find(conditional, {"start": {"soort": "kort"}}, "extra.details") is None
    assert walker.find(conditional, {}, None) is None
    assert walker.find(conditional, {}, "start.nergens") is None


def test_first_open_skips_answered_and_inapplicable_questions(conditional: Flow) -> None:
    assert walker.first_open(conditional, {}).path == "start.soort"  # type: ignore[union-attr]
    answers = {"start": {"soort": "lang", "reden": "tijd"}}
    assert walker.first_open(conditional, answers).path == "extra.details"  # type: ignore[union-attr]
    answers = {"start": {"soort": "kort"}, "slot": {"themas": ["arm"], "cijfer": 7}}
    assert walker.first_open(conditional, answers) is None


def test_section_steps_are_the_applicable_questions_of_one_section(conditional: Flow) -> None:
    answers = {"slot": {"themas": ["arm", "eenzaam"]}}
    steps = walker.section_steps(conditional, answers, "slot")
    assert paths(steps) == ["slot.themas", "slot.prio", "slot.cijfer"]


def test_choices_from_a_multiselect_keep_its_labels(conditional: Flow) -> None:
    prio = question(conditional, "prio")
    answers = {"slot": {"themas": ["eenzaam", "arm", "Sport"]}}
    choices = conditional.choices(prio, walker.flat(answers))
    assert [(c.value, c.text) for c in choices] == [
        ("eenzaam", "Eenzaamheid"),
        ("arm", "Armoede"),
        ("Sport", "Sport"),
    ]


def test_choices_from_a_list_are_its_entry_texts(tmp_path: Path) -> None:
    flow = load_flow(
        tmp_path,
        """\
        id: lijst
        title: Lijst
        version: 1
        sections:
          - id: s
            title: S
            questions:
              - id: ideeen
                type: list
                prompt: Idee
                item:
                  - id: wie
                    type: text
                    prompt: Wie?
              - id: beste
                type: select
                prompt: Beste idee
                choices_from: ideeen
        """,
    )
    answers = {"s": {"ideeen": ["Eettafel", {"text": "Buurtbus", "wie": "Gemeente"}]}}
    prompter = ScriptedPrompter(["Buurtbus"])
    value = Asker(flow, prompter).ask(question(flow, "beste"), walker.flat(answers))
    assert value == "Buurtbus"
    assert prompter.calls[0]["options"] == [("Eettafel", "Eettafel"), ("Buurtbus", "Buurtbus")]


def test_choices_from_an_unanswered_question_skip_the_question(conditional: Flow) -> None:
    prompter = ScriptedPrompter([])
    assert Asker(conditional, prompter).ask(question(conditional, "prio"), {}) is None
    assert prompter.infos == [t("ask.no_choices", prompt="Volgorde")]


# --- the Asker: single values -----------------------------------------------------------------

SINGLE = """\
    id: enkel
    title: Enkel
    version: 1
    sections:
      - id: s
        title: S
        questions:
          - id: jaar
            type: text
            prompt: Welk jaar?
            pattern: "\\\\d{4}"
            message: Schrijf het jaar in vier cijfers.
          - id: naam
            type: text
            prompt: Naam
            required: true
          - id: opmerking
            type: paragraph
            prompt: Opmerking
          - id: themas
            type: multiselect
            prompt: Thema's
            choices: [A, B, C, D]
            min: 2
            max: 3
          - id: stippen
            type: vote
            prompt: Stippen
            choices: [X, Y, Z]
            budget: 5
            max: 3
          - id: cijfer
            type: scale
            prompt: Cijfer
            min: 1
            max: 5
          - id: aantal
            type: number
            prompt: Aantal
            min: 0
          - id: akkoord
            type: confirm
            prompt: Akkoord?
            required: true
          - id: kleur
            type: select
            prompt: Kleur
            choices: [rood, groen]
            required: true
"""


@pytest.fixture
def single(tmp_path: Path) -> Flow:
    return load_flow(tmp_path, SINGLE)


def ask(flow: Flow, question_id: str, script: list[Any], current: Any = None) -> tuple[Any, Any]:
    prompter = ScriptedPrompter(script)
    value = Asker(flow, prompter).ask(question(flow, question_id), {}, current)
    assert prompter.script == [], "not every scripted answer was asked for"
    return value, prompter


def test_text_not_matching_the_pattern_gets_the_flows_message_and_is_asked_again(
    single: Flow,
) -> None:
    value, prompter = ask(single, "jaar", ["zesentwintig", "2026"])
    assert value == "2026"
    assert prompter.warnings == ["Schrijf het jaar in vier cijfers."]
    # The wrong answer is offered again for editing rather than retyped.
    assert prompter.prompts() == [
        ("text", "Welk jaar?", ""),
        ("text", "Welk jaar?", "zesentwintig"),
    ]


def test_required_text_is_asked_again_when_left_empty(single: Flow) -> None:
    value, prompter = ask(single, "naam", ["", "   ", "Mieke"])
    assert value == "Mieke"
    assert prompter.warnings == [sentence(t("answer.required")), sentence(t("answer.required"))]


def test_optional_text_left_empty_is_no_answer(single: Flow) -> None:
    assert ask(single, "opmerking", [""])[0] is None


def test_text_answers_are_stripped_and_the_current_answer_is_offered(single: Flow) -> None:
    value, prompter = ask(single, "opmerking", ["  regel een\nregel twee  "], current="oud")
    assert value == "regel een\nregel twee"
    assert prompter.prompts() == [("paragraph", "Opmerking", "oud")]


def test_multiselect_keeps_min_and_max(single: Flow) -> None:
    value, prompter = ask(single, "themas", [["A"], ["A", "B", "C", "D"], ["A", "C"]])
    assert value == ["A", "C"]
    assert prompter.warnings == [
        sentence(t("answer.too_few", min=2)),
        sentence(t("answer.too_many", max=3)),
    ]


def test_multiselect_left_empty_is_no_answer_when_optional(single: Flow) -> None:
    assert ask(single, "themas", [[]])[0] is None


def test_vote_never_exceeds_the_budget_or_the_maximum_per_choice(single: Flow) -> None:
    value, prompter = ask(single, "stippen", [{"X": 3, "Y": 3}, {"X": 4}, {"X": 3, "Y": 0, "Z": 2}])
    assert value == {"X": 3, "Z": 2}
    assert prompter.warnings == [
        sentence(t("answer.vote_budget", budget=5, total=6)),
        sentence(t("answer.vote_max", max=3)),
    ]
    assert prompter.calls[0]["budget"] == 5


def test_scale_stays_in_its_range(single: Flow) -> None:
    value, prompter = ask(single, "cijfer", [0, 6, 4.0])
    assert value == 4
    assert isinstance(value, int)
    assert prompter.warnings == [
        sentence(t("answer.number_min", min=1)),
        sentence(t("answer.number_max", max=5)),
    ]
    assert prompter.calls[0]["whole"] is True
    assert t("ask.scale", min=1, max=5) in prompter.calls[0]["hint"]


def test_number_keeps_decimals_and_its_minimum(single: Flow) -> None:
    value, prompter = ask(single, "aantal", [-1, 7.5])
    assert value == 7.5
    assert prompter.warnings == [sentence(t("answer.number_min", min=0))]


def test_required_confirm_and_select_are_asked_again_without_an_answer(single: Flow) -> None:
    value, prompter = ask(single, "akkoord", [None, False])
    assert value is False
    assert prompter.warnings == [sentence(t("answer.required"))]
    value, prompter = ask(single, "kleur", [None, "groen"])
    assert value == "groen"
    assert prompter.warnings == [sentence(t("answer.required"))]


def test_back_at_a_single_question_reaches_the_caller(single: Flow) -> None:
    with pytest.raises(GoBack):
        ask(single, "naam", [BACK])


# --- the Asker: lists -------------------------------------------------------------------------

LISTS = """\
    id: lijsten
    title: Lijsten
    version: 1
    sections:
      - id: drijfveren
        title: Drijfveren
        questions:
          - id: drijfveren
            type: list
            prompt: Drijfveer?
            item:
              - id: voorbeelden
                type: list
                prompt: "Voorbeeld bij „{{ item.text }}”"
                item:
                  - id: effect
                    type: text
                    prompt: "Effect van „{{ item.text }}”?"
          - id: punten
            type: list
            prompt: Punt?
            item:
              - id: uitleg
                type: text
                prompt: "Uitleg bij {{ item.text }}"
              - id: wie
                type: text
                prompt: Wie?
          - id: kaal
            type: list
            prompt: Kaal punt?
          - id: twee
            type: list
            prompt: Minstens twee?
            min: 2
"""


@pytest.fixture
def lists(tmp_path: Path) -> Flow:
    return load_flow(tmp_path, LISTS)


def ask_list(
    flow: Flow,
    question_id: str,
    script: list[Any],
    tmp_path: Path,
    current: Any = None,
    *,
    edit: bool = False,
) -> tuple[Any, ScriptedPrompter]:
    """Walk one list question slot by slot (or, with `edit`, through the list editor) in a live
    session saved to `tmp_path`; every prompt records what the file held when it was shown."""
    prompter = ScriptedPrompter(script, saved_at=tmp_path / "s.yaml")
    session = Session.start(flow, Meta(workshop=flow.title, group="G"), tmp_path / "s.yaml")
    step = next(s for s in walker.steps(flow, {}) if s.question.id == question_id)
    if current is not None:
        session.answers = {step.section.id: {question_id: copy.deepcopy(current)}}
    live_session = LiveSession(flow, session, prompter, clock=lambda: 0.0)
    session.save()
    if edit:
        live_session._edit_list(step)
    else:
        start = next(
            slot
            for slot in walker.slots(step, session.answers)
            if walker.is_open(slot, session.answers, session.skipped)
        )
        live_session.walk(start, scope=step.loc)
    assert prompter.script == [], "not every scripted answer was asked for"
    return session.get(step.section.id, question_id), prompter


def test_nested_lists_with_follow_ups_take_the_drijfveren_shape(
    lists: Flow, tmp_path: Path
) -> None:
    value, prompter = ask_list(
        lists,
        "drijfveren",
        [
            "Overleven / bestaansrecht verzekeren",
            "Activiteiten naar de middag",
            "Betere opkomst",
            "Samen folders drukken",
            "",  # no effect
            "",  # no more voorbeelden
            "Netwerk",
            "",  # no voorbeelden
            "",  # no more drijfveren
        ],
        tmp_path,
    )
    assert value == [
        {
            "text": "Overleven / bestaansrecht verzekeren",
            "voorbeelden": [
                {"text": "Activiteiten naar de middag", "effect": "Betere opkomst"},
                "Samen folders drukken",
            ],
        },
        "Netwerk",
    ]
    asked = [(c["prompt"], c["depth"]) for c in prompter.calls]
    assert asked == [
        ("Drijfveer?", 0),
        ("Voorbeeld bij „Overleven / bestaansrecht verzekeren”", 1),
        ("Effect van „Activiteiten naar de middag”?", 2),
        ("Voorbeeld bij „Overleven / bestaansrecht verzekeren”", 1),
        ("Effect van „Samen folders drukken”?", 2),
        ("Voorbeeld bij „Overleven / bestaansrecht verzekeren”", 1),
        ("Drijfveer?", 0),
        ("Voorbeeld bij „Netwerk”", 1),
        ("Drijfveer?", 0),
    ]
    assert prompter.calls[0]["hint"] == t("ask.list_hint", number=1)
    assert prompter.calls[6]["hint"] == t("ask.list_hint", number=2)


def test_each_entry_is_on_disk_before_the_next_prompt(lists: Flow, tmp_path: Path) -> None:
    _, prompter = ask_list(lists, "kaal", ["een", "twee", ""], tmp_path)
    on_disk = [c["saved"].get("drijfveren", {}).get("kaal") for c in prompter.calls]
    assert on_disk == [None, ["een"], ["een", "twee"]]


def test_nested_entries_are_on_disk_before_their_follow_ups(lists: Flow, tmp_path: Path) -> None:
    _, prompter = ask_list(lists, "drijfveren", ["D", "V1", "E1", "V2", "", "", ""], tmp_path)
    effect_of_v2 = next(c for c in prompter.calls if c["prompt"] == "Effect van „V2”?")
    assert effect_of_v2["saved"]["drijfveren"]["drijfveren"] == [
        {"text": "D", "voorbeelden": [{"text": "V1", "effect": "E1"}, "V2"]}
    ]
    uitleg = next(c for c in prompter.calls if c["prompt"] == "Voorbeeld bij „D”")
    assert uitleg["saved"]["drijfveren"]["drijfveren"] == ["D"]


def test_entries_with_follow_ups_are_mappings_and_without_them_strings(
    lists: Flow, tmp_path: Path
) -> None:
    value, _ = ask_list(lists, "punten", ["a", "ua", "", "b", "", "", "c", "", "wc", ""], tmp_path)
    assert value == [{"text": "a", "uitleg": "ua"}, "b", {"text": "c", "wie": "wc"}]


def test_going_back_in_a_list_keeps_the_entries_after_it(lists: Flow, tmp_path: Path) -> None:
    # X, Y, Z; at punt 4 back twice (Y comes back), Enter, and Z is offered again, kept.
    value, prompter = ask_list(lists, "kaal", ["X", "Y", "Z", BACK, BACK, KEEP, KEEP, ""], tmp_path)
    assert value == ["X", "Y", "Z"]
    assert prompter.prompts()[3:8] == [
        ("text", "Kaal punt?", ""),
        ("text", "Kaal punt?", "Z"),
        ("text", "Kaal punt?", "Y"),
        ("text", "Kaal punt?", "Z"),  # still there, offered again in its place
        ("text", "Kaal punt?", ""),
    ]
    # Going back never took Z out of the file.
    assert all(c["saved"]["drijfveren"]["kaal"] == ["X", "Y", "Z"] for c in prompter.calls[4:])


def test_going_back_to_an_entry_keeps_later_entries_and_their_follow_ups(
    lists: Flow, tmp_path: Path
) -> None:
    script = ["een", "u1", "w1", "twee", "u2", "w2", BACK, BACK, BACK, BACK, BACK, BACK]
    script += ["EEN", KEEP, KEEP, KEEP, KEEP, KEEP, ""]
    value, _ = ask_list(lists, "punten", script, tmp_path)
    assert value == [
        {"text": "EEN", "uitleg": "u1", "wie": "w1"},
        {"text": "twee", "uitleg": "u2", "wie": "w2"},
    ]


def test_an_empty_answer_at_an_existing_entry_keeps_it(lists: Flow, tmp_path: Path) -> None:
    # Cleared, the entry would go: the leader is asked first, and says no.
    value, prompter = ask_list(
        lists, "kaal", ["a", "b", BACK, BACK, "", False, KEEP, KEEP, ""], tmp_path
    )
    assert value == ["a", "b"]
    assert ("confirm", "Punt „a” verwijderen?", False) in prompter.prompts()


def test_an_entry_cleared_and_confirmed_goes_with_its_follow_ups(
    lists: Flow, tmp_path: Path
) -> None:
    value, prompter = ask_list(
        lists,
        "punten",
        ["a", "u1", "", "b", "", "", *[BACK] * 6, "", True, KEEP, KEEP, KEEP, ""],
        tmp_path,
    )
    assert ("confirm", "Punt „a” verwijderen, met 1 vervolgantwoord eronder?", False) in (
        prompter.prompts()
    )
    assert value == ["b"]


def test_pasted_lines_are_one_entry_each(lists: Flow, tmp_path: Path) -> None:
    value, prompter = ask_list(
        lists, "punten", ["een\ntwee\n\ndrie", "u1", "", KEEP, "", "", KEEP, "", "", ""], tmp_path
    )
    assert value == [{"text": "een", "uitleg": "u1"}, "twee", "drie"]
    assert prompter.prompts()[3] == ("text", "Punt?", "twee")


def test_back_at_a_follow_up_goes_to_the_previous_follow_up_or_the_entry(
    lists: Flow, tmp_path: Path
) -> None:
    value, prompter = ask_list(
        lists, "punten", ["a", BACK, "a2", "x", BACK, KEEP, "z", ""], tmp_path
    )
    assert value == [{"text": "a2", "uitleg": "x", "wie": "z"}]
    assert prompter.prompts() == [
        ("text", "Punt?", ""),
        ("text", "Uitleg bij a", ""),
        ("text", "Punt?", "a"),  # back at the first follow-up: the entry, offered for editing
        ("text", "Uitleg bij a2", ""),
        ("text", "Wie?", ""),
        ("text", "Uitleg bij a2", "x"),  # back at the second follow-up: the first one
        ("text", "Wie?", ""),
        ("text", "Punt?", ""),
    ]


def test_back_in_a_nested_list_goes_to_the_previous_place(lists: Flow, tmp_path: Path) -> None:
    value, _ = ask_list(lists, "drijfveren", ["D", "V1", "E1", BACK, "E1b", "", ""], tmp_path)
    assert value == [{"text": "D", "voorbeelden": [{"text": "V1", "effect": "E1b"}]}]


def test_a_list_with_a_minimum_asks_for_more_entries(lists: Flow, tmp_path: Path) -> None:
    value, prompter = ask_list(lists, "twee", ["een", "", "twee", ""], tmp_path)
    assert value == ["een", "twee"]
    assert prompter.warnings == [sentence(t("answer.too_few", min=2))]


def test_resuming_a_list_continues_after_its_entries(lists: Flow, tmp_path: Path) -> None:
    value, prompter = ask_list(lists, "kaal", ["drie", ""], tmp_path, current=["een", "twee"])
    assert value == ["een", "twee", "drie"]
    assert prompter.calls[0]["hint"] == t("ask.list_hint", number=3)


# --- the list editor --------------------------------------------------------------------------


def test_list_editor_changes_one_entry_without_retyping_the_others(
    lists: Flow, tmp_path: Path
) -> None:
    current = [{"text": "a", "uitleg": "ua"}, "b", "c"]
    value, prompter = ask_list(
        lists, "punten", ["change", "1", "B", "uB", KEEP, "done"], tmp_path, current, edit=True
    )
    assert value == [{"text": "a", "uitleg": "ua"}, {"text": "B", "uitleg": "uB"}, "c"]
    change = prompter.prompts()[2:5]
    assert change == [("text", "Punt?", "b"), ("text", "Uitleg bij B", ""), ("text", "Wie?", "")]
    which = prompter.calls[1]
    assert which["options"] == [("0", "1. a"), ("1", "2. b"), ("2", "3. c")]
    assert prompter.calls[-1]["saved"]["drijfveren"]["punten"] == value


def test_list_editor_keeps_follow_ups_when_an_entry_is_changed(lists: Flow, tmp_path: Path) -> None:
    current = [{"text": "a", "uitleg": "ua", "wie": "wa"}]
    value, prompter = ask_list(
        lists, "punten", ["change", "0", "A", KEEP, KEEP, "done"], tmp_path, current, edit=True
    )
    assert value == [{"text": "A", "uitleg": "ua", "wie": "wa"}]
    assert prompter.prompts()[3:5] == [("text", "Uitleg bij A", "ua"), ("text", "Wie?", "wa")]


def test_list_editor_inserts_deletes_moves_and_adds(lists: Flow, tmp_path: Path) -> None:
    value, prompter = ask_list(
        lists,
        "kaal",
        [
            "insert", "0", "nul",  # [nul, a, b, c]
            "delete", "2", True,  # [nul, a, c]
            "move", "2", 1,  # [c, nul, a]
            "add", "d", "",  # [c, nul, a, d]
            "done",
        ],
        tmp_path,
        ["a", "b", "c"],
        edit=True,
    )  # fmt: skip
    assert value == ["c", "nul", "a", "d"]
    menus = [c["saved"]["drijfveren"]["kaal"] for c in prompter.calls if c["kind"] == "choose"]
    assert menus == [
        ["a", "b", "c"],
        ["nul", "a", "b", "c"],  # the new entry, in its place
        ["nul", "a", "c"],
        ["c", "nul", "a"],
        ["c", "nul", "a", "d"],
    ]
    actions = prompter.calls[0]["options"]
    assert [key for key, _ in actions] == ["done", "add", "change", "insert", "delete", "move"]
    assert prompter.prompts()[1][1] == t("ask.which_insert")


def test_list_editor_deletes_only_after_confirmation(lists: Flow, tmp_path: Path) -> None:
    value, _ = ask_list(
        lists, "kaal", ["delete", "0", False, "done"], tmp_path, ["a", "b"], edit=True
    )
    assert value == ["a", "b"]


def test_list_editor_back_while_picking_an_entry_returns_to_the_menu(
    lists: Flow, tmp_path: Path
) -> None:
    value, _ = ask_list(lists, "kaal", ["delete", BACK, "done"], tmp_path, ["a", "b"], edit=True)
    assert value == ["a", "b"]


def test_list_editor_deleting_every_entry_leaves_no_answer(lists: Flow, tmp_path: Path) -> None:
    value, _ = ask_list(lists, "kaal", ["delete", "0", True, "done"], tmp_path, ["a"], edit=True)
    assert value is None


# --- the live session with scripted answers ----------------------------------------------------


def live(flow: Flow, tmp_path: Path, script: list[Any]) -> tuple[LiveSession, ScriptedPrompter]:
    prompter = ScriptedPrompter(script)
    session = Session.start(flow, Meta(workshop=flow.title, group="G"), tmp_path / "s.yaml")
    return LiveSession(flow, session, prompter, clock=lambda: 0.0), prompter


def test_walk_goes_back_across_conditions_and_sections(conditional: Flow, tmp_path: Path) -> None:
    session, prompter = live(
        conditional,
        tmp_path,
        [
            "lang",  # start.soort
            "tijd",  # start.reden
            "continue",  # review of start
            BACK,  # extra.details, first entry: back to start.reden
            KEEP,  # start.reden, offered for editing
            "continue",
            "d1",
            "",
            "continue",
            ["arm"],  # slot.themas: one theme, so no prio
            7,
            "continue",
            "finish",
        ],
    )
    session.walk(walker.first_slot(conditional, {}))
    assert prompter.script == []
    assert session.session.answers == {
        "start": {"soort": "lang", "reden": "tijd"},
        "extra": {"details": ["d1"]},
        "slot": {"themas": ["arm"], "cijfer": 7},
    }
    assert session.session.status == "complete"
    assert ("text", "Waarom lang?", "tijd") in prompter.prompts()
    # The total counts the sections that apply: `extra` only once `soort` is 'lang'.
    assert prompter.sections == [
        (1, 2, "start"),
        (2, 3, "extra"),
        (1, 3, "start"),
        (2, 3, "extra"),
        (3, 3, "slot"),
    ]


def test_walk_back_at_the_very_first_question_says_so(conditional: Flow, tmp_path: Path) -> None:
    session, prompter = live(
        conditional, tmp_path, [BACK, "kort", "continue", [], None, "continue", "finish"]
    )
    session.walk(walker.first_slot(conditional, {}))
    assert t("run.at_start") in prompter.infos
    assert session.session.answers == {"start": {"soort": "kort"}}


def test_saved_file_holds_each_answer_when_the_next_is_asked(
    conditional: Flow, tmp_path: Path
) -> None:
    saved: list[Any] = []
    session, prompter = live(conditional, tmp_path, ["lang", "tijd", "continue", "d1", "d2", ""])
    original = prompter._next

    def spy(*args: Any, **kwargs: Any) -> Any:
        path = tmp_path / "s.yaml"
        saved.append(path.read_text(encoding="utf-8") if path.exists() else "")
        return original(*args, **kwargs)

    prompter._next = spy  # type: ignore[method-assign]
    with pytest.raises(AssertionError, match="no scripted answer left"):
        session.walk(walker.first_slot(conditional, {}))
    assert "soort: lang" in saved[1]
    assert "reden: tijd" in saved[2]
    assert "- d1" in saved[4]
    assert "- d2" in saved[5]


# --- moving one slot equals the listed order ------------------------------------------------

NAVIGATION = """\
    id: navigatie
    title: Navigatie
    version: 1
    sections:
      - id: s
        title: S
        questions:
          - id: voor
            type: text
            prompt: Voor
          - id: punten
            type: list
            prompt: Punt
            max: 4
            item:
              - id: uitleg
                type: text
                prompt: Uitleg
                when: "item.text != 'kaal'"
              - id: voorbeelden
                type: list
                prompt: Voorbeeld
                max: 2
                item:
                  - id: effect
                    type: text
                    prompt: Effect
              - id: wie
                type: text
                prompt: Wie
      - id: t
        title: T
        questions:
          - id: na
            type: text
            prompt: Na
"""

ENTRY_TEXT = st.sampled_from(["kaal", "vol", "x"])
EXAMPLE = st.one_of(ENTRY_TEXT, st.fixed_dictionaries({"text": ENTRY_TEXT, "effect": ENTRY_TEXT}))
ENTRY = st.one_of(
    ENTRY_TEXT,
    st.fixed_dictionaries(
        {"text": ENTRY_TEXT},
        optional={
            "uitleg": ENTRY_TEXT,
            "voorbeelden": st.lists(EXAMPLE, min_size=1, max_size=2),
            "wie": ENTRY_TEXT,
        },
    ),
)


@settings(max_examples=200, deadline=None)
@given(entries=st.lists(ENTRY, max_size=4))
def test_slot_after_and_before_follow_the_listed_order(
    entries: list[Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    flow = load_flow(tmp_path_factory.mktemp("nav"), NAVIGATION)
    answers: dict[str, Any] = {"s": {"punten": entries}} if entries else {}
    order = [slot for step in walker.steps(flow, answers) for slot in walker.slots(step, answers)]
    for here, following in zip(order, [*order[1:], None], strict=True):
        assert walker.slot_after(flow, answers, here.loc) == following
    for here, preceding in zip(order, [None, *order[:-1]], strict=True):
        assert walker.slot_before(flow, answers, here.loc) == preceding


VOTES = """\
    id: stemmen
    title: Stemmen
    version: 1
    sections:
      - id: s
        title: S
        questions:
          - id: ideeen
            type: list
            prompt: Idee
          - id: stippen
            type: vote
            prompt: Stippen
            choices_from: ideeen
            budget: 3
"""


def test_deleting_an_entry_that_has_votes_asks_the_votes_again(tmp_path: Path) -> None:
    flow = load_flow(tmp_path, VOTES)
    session, prompter = live(
        flow,
        tmp_path,
        [
            "A", "B", "",  # two ideas
            {"A": 2, "B": 1},  # three dots
            "edit", "s.ideeen", "delete", "1", True, "done",  # B goes
            {"A": 3},  # the dots are asked again, A's two offered
            "continue",
            "finish",
        ],
    )  # fmt: skip
    session.walk(walker.first_slot(flow, {}))
    assert prompter.script == []
    assert session.session.answers == {"s": {"ideeen": ["A"], "stippen": {"A": 3}}}
    assert t("run.recheck", title="Stippen") in prompter.warnings
    revote = [c for c in prompter.calls if c["kind"] == "vote"][-1]
    assert revote["default"] == {"A": 2}
    assert revote["options"] == [("A", "A")]


TWO_LISTS = """\
    id: twee
    title: Twee
    version: 1
    sections:
      - id: s
        title: S
        questions:
          - id: voorwaarden
            type: list
            prompt: Voorwaarde?
            item:
              - id: subpunten
                type: list
                label: Subpunten
                prompt: Subpunt?
                item:
                  - id: noot
                    type: text
                    prompt: Noot?
              - id: bronnen
                type: list
                label: Bronnen
                prompt: Bron?
"""


def test_the_list_editor_works_the_same_on_a_follow_up_list(tmp_path: Path) -> None:
    flow = load_flow(tmp_path, TWO_LISTS)
    current = [
        "Tijd",
        {
            "text": "Geld",
            "subpunten": ["s1", {"text": "fout", "noot": "n1"}, "s3"],
            "bronnen": ["b"],
        },
    ]
    value, prompter = ask_list(
        flow,
        "voorwaarden",
        [
            "nested", "1", "subpunten",  # Geld › Subpunten
            "delete", "1", True,  # fout, with its noot
            "move", "1", 1,  # [s3, s1]
            "add", "s4", "", "",  # a sub-point and its noot left empty, then the end
            "done",
            "done",
        ],
        tmp_path,
        current,
        edit=True,
    )  # fmt: skip
    assert value == ["Tijd", {"text": "Geld", "subpunten": ["s3", "s1", "s4"], "bronnen": ["b"]}]
    prompts = prompter.prompts()
    assert ("select", "Welke vervolgpunten?", None) in prompts
    assert ("confirm", "Punt „fout” verwijderen, met 1 vervolgantwoord eronder?", False) in prompts
    assert ("choose", "Subpunten · Geld: wat wilt u doen?", None) in prompts
