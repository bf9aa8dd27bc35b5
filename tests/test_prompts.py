"""The terminal prompter's questionary prompts, driven through prompt_toolkit pipe input."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import suppress
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from limburglab.live.asking import GoBack
from limburglab.live.terminal import TerminalPrompter

ENTER = "\r"
CTRL_B = "\x02"
DOWN = "\x1b[B"
UP = "\x1b[A"
SPACE = " "
OPTIONS = [("arm", "Armoede"), ("eenzaam", "Eenzaamheid"), ("jong", "Jongeren")]


@pytest.fixture
def prompter() -> TerminalPrompter:
    return TerminalPrompter()


@pytest.fixture
def keys() -> Iterator[Callable[[str, Callable[[], Any]], Any]]:
    """`keys(typed, ask)`: run `ask()` with `typed` as the keyboard."""

    def run(typed: str, ask: Callable[[], Any]) -> Any:
        opened = create_pipe_input()
        pipe = opened.__enter__()
        try:
            with create_app_session(input=pipe, output=DummyOutput()):
                pipe.send_text(typed)
                # A prompt still waiting for keys after a few seconds gets end of input
                # (EOFError) instead of hanging the test run.
                watchdog = threading.Timer(3.0, pipe.close)
                watchdog.start()
                try:
                    return ask()
                finally:
                    watchdog.cancel()
        finally:
            with suppress(OSError):  # the watchdog may have closed the pipe already
                opened.__exit__(None, None, None)

    yield run


def test_text_returns_what_was_typed(prompter: TerminalPrompter, keys: Any) -> None:
    answer = keys(
        "Buurtkamer ë’é" + ENTER, lambda: prompter.text("Naam", default="", hint="", depth=0)
    )
    assert answer == "Buurtkamer ë’é"


def test_text_offers_the_previous_answer_for_editing(prompter: TerminalPrompter, keys: Any) -> None:
    answer = keys(" erbij" + ENTER, lambda: prompter.text("Naam", default="oud", hint="", depth=0))
    assert answer == "oud erbij"


def test_text_enter_keeps_the_offered_answer(prompter: TerminalPrompter, keys: Any) -> None:
    assert keys(ENTER, lambda: prompter.text("Naam", default="oud", hint="", depth=1)) == "oud"


@pytest.mark.parametrize("typed", ["<" + ENTER, " < " + ENTER, CTRL_B, "half getypt" + CTRL_B])
def test_text_back_by_typed_command_or_ctrl_b(
    prompter: TerminalPrompter, keys: Any, typed: str
) -> None:
    with pytest.raises(GoBack):
        keys(typed, lambda: prompter.text("Naam", default="", hint="", depth=0))


def test_paragraph_takes_lines_until_an_empty_line(prompter: TerminalPrompter, keys: Any) -> None:
    typed = "regel één" + ENTER + "regel twee" + ENTER + ENTER
    answer = keys(typed, lambda: prompter.paragraph("Conclusie", default="", hint="", depth=0))
    assert answer == "regel één\nregel twee"


def test_paragraph_offers_each_previous_line(prompter: TerminalPrompter, keys: Any) -> None:
    typed = ENTER + "!" + ENTER + ENTER
    answer = keys(typed, lambda: prompter.paragraph("Conclusie", default="a\nb", hint="", depth=0))
    assert answer == "a\nb!"


def test_number_reads_a_decimal_comma(prompter: TerminalPrompter, keys: Any) -> None:
    answer = keys(
        "veel" + ENTER + "\x7f" * 4 + "7,5" + ENTER,
        lambda: prompter.number("Aantal", default=None, whole=False, hint="", depth=0),
    )
    assert answer == 7.5


def test_number_left_empty_is_no_answer(prompter: TerminalPrompter, keys: Any) -> None:
    assert (
        keys(ENTER, lambda: prompter.number("Aantal", default=None, whole=True, hint="", depth=0))
        is None
    )


def test_select_with_arrow_keys_and_enter(prompter: TerminalPrompter, keys: Any) -> None:
    ask = lambda: prompter.select("Thema", OPTIONS, default=None, other=False, hint="", depth=0)  # noqa: E731
    assert keys(ENTER, ask) == "arm"
    assert keys(DOWN + ENTER, ask) == "eenzaam"
    assert keys(DOWN + DOWN + UP + ENTER, ask) == "eenzaam"


def test_select_starts_at_the_current_answer(prompter: TerminalPrompter, keys: Any) -> None:
    answer = keys(
        DOWN + ENTER,
        lambda: prompter.select("Thema", OPTIONS, default="eenzaam", other=False, hint="", depth=0),
    )
    assert answer == "jong"


def test_select_skip_is_no_answer(prompter: TerminalPrompter, keys: Any) -> None:
    answer = keys(
        DOWN * 3 + ENTER,
        lambda: prompter.select("Thema", OPTIONS, default=None, other=False, hint="", depth=0),
    )
    assert answer is None


def test_select_other_asks_for_the_text(prompter: TerminalPrompter, keys: Any) -> None:
    answer = keys(
        DOWN * 3 + ENTER + "Sport" + ENTER,
        lambda: prompter.select("Thema", OPTIONS, default=None, other=True, hint="", depth=0),
    )
    assert answer == "Sport"


def test_select_back_with_ctrl_b(prompter: TerminalPrompter, keys: Any) -> None:
    with pytest.raises(GoBack):
        keys(
            DOWN + CTRL_B,
            lambda: prompter.select("Thema", OPTIONS, default=None, other=False, hint="", depth=0),
        )


def test_multiselect_ticks_with_space(prompter: TerminalPrompter, keys: Any) -> None:
    answer = keys(
        SPACE + DOWN + DOWN + SPACE + ENTER,
        lambda: prompter.multiselect("Thema's", OPTIONS, default=[], other=False, hint="", depth=0),
    )
    assert answer == ["arm", "jong"]


def test_multiselect_starts_with_the_current_answer_ticked(
    prompter: TerminalPrompter, keys: Any
) -> None:
    answer = keys(
        SPACE + ENTER,  # untick the first
        lambda: prompter.multiselect(
            "Thema's", OPTIONS, default=["arm", "jong"], other=False, hint="", depth=0
        ),
    )
    assert answer == ["jong"]


def test_multiselect_other_adds_typed_answers(prompter: TerminalPrompter, keys: Any) -> None:
    answer = keys(
        DOWN + SPACE + ENTER + "Armoede, vooral bij kinderen" + ENTER + "Cultuur" + ENTER + ENTER,
        lambda: prompter.multiselect("Thema's", OPTIONS, default=[], other=True, hint="", depth=0),
    )
    assert answer == ["eenzaam", "Armoede, vooral bij kinderen", "Cultuur"]


def test_confirm_is_a_choice_of_ja_and_nee(prompter: TerminalPrompter, keys: Any) -> None:
    def ask(default: bool | None) -> Callable[[], Any]:
        return lambda: prompter.confirm("Akkoord?", default=default, hint="", depth=0)

    assert keys(ENTER, ask(None)) is True  # Ja comes first
    assert keys(DOWN + ENTER, ask(None)) is False
    assert keys(ENTER, ask(False)) is False  # starts at the current answer
    assert keys(UP + ENTER, ask(False)) is True
    assert keys(DOWN + DOWN + ENTER, ask(None)) is None  # (overslaan)


def test_confirm_back_with_ctrl_b(prompter: TerminalPrompter, keys: Any) -> None:
    with pytest.raises(GoBack):
        keys(CTRL_B, lambda: prompter.confirm("Akkoord?", default=True, hint="", depth=0))


def test_rank_picks_the_most_important_first(prompter: TerminalPrompter, keys: Any) -> None:
    # third, then first, then the last remaining one
    answer = keys(
        DOWN + DOWN + ENTER + ENTER + ENTER,
        lambda: prompter.rank("Volgorde", OPTIONS, default=[], limit=None, hint="", depth=0),
    )
    assert answer == ["jong", "arm", "eenzaam"]


def test_rank_can_stop_early(prompter: TerminalPrompter, keys: Any) -> None:
    # pick the second, then choose "done" (after the two remaining options)
    answer = keys(
        DOWN + ENTER + DOWN + DOWN + ENTER,
        lambda: prompter.rank("Volgorde", OPTIONS, default=[], limit=None, hint="", depth=0),
    )
    assert answer == ["eenzaam"]


def test_rank_stops_at_its_limit(prompter: TerminalPrompter, keys: Any) -> None:
    answer = keys(
        ENTER + ENTER,
        lambda: prompter.rank("Volgorde", OPTIONS, default=[], limit=2, hint="", depth=0),
    )
    assert answer == ["arm", "eenzaam"]


def test_rank_back_undoes_the_last_pick(prompter: TerminalPrompter, keys: Any) -> None:
    answer = keys(
        ENTER + CTRL_B + DOWN + ENTER + ENTER + ENTER,
        lambda: prompter.rank("Volgorde", OPTIONS, default=[], limit=None, hint="", depth=0),
    )
    assert answer == ["eenzaam", "arm", "jong"]


def test_rank_can_keep_the_current_order(prompter: TerminalPrompter, keys: Any) -> None:
    answer = keys(
        UP + ENTER,  # the last choice: keep the current order
        lambda: prompter.rank(
            "Volgorde", OPTIONS, default=["jong", "arm"], limit=None, hint="", depth=0
        ),
    )
    assert answer == ["jong", "arm"]


def test_vote_asks_dots_per_choice_within_the_budget(prompter: TerminalPrompter, keys: Any) -> None:
    erase = "\x7f"
    typed = erase + "4" + ENTER + erase + "2" + ENTER + erase + "1" + ENTER + erase + "0" + ENTER
    answer = keys(
        typed,
        lambda: prompter.vote(
            "Stippen", OPTIONS, default={}, budget=5, limit=None, hint="", depth=0
        ),
    )
    # 4 + 2 is over the budget, so the second choice is asked again
    assert answer == {"arm": 4, "eenzaam": 1, "jong": 0}


def test_a_prompt_waiting_for_more_keys_does_not_hang_the_tests(
    prompter: TerminalPrompter, keys: Any
) -> None:
    with pytest.raises(EOFError):
        keys("half", lambda: prompter.text("Naam", default="", hint="", depth=0))


def test_choose_returns_the_action_key(prompter: TerminalPrompter, keys: Any) -> None:
    actions = [("continue", "Doorgaan"), ("edit", "Een antwoord wijzigen")]
    assert keys(DOWN + ENTER, lambda: prompter.choose("Wat nu?", actions)) == "edit"


@pytest.mark.parametrize(("language", "said"), [("nl", "2 gekozen"), ("en", "2 chosen")])
def test_multiselect_says_what_was_chosen_in_our_words(
    prompter: TerminalPrompter, language: str, said: str
) -> None:
    import io

    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.output.vt100 import Vt100_Output

    from limburglab import messages

    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=24, columns=80), term="xterm")
    messages.set_language(language)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
        pipe.send_text(SPACE + DOWN + DOWN + SPACE + ENTER)
        prompter.multiselect("Thema's", OPTIONS, default=[], other=False, hint="", depth=0)

    assert said in screen.getvalue()
    assert "selections" not in screen.getvalue()
