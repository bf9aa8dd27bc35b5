"""The live session as a state machine: random sequences of a leader's moves, and invariants.

Hypothesis drives a real LiveSession (in a thread, through a prompter that hands every prompt to
the test) with answers, typed and pasted lines, back, Enter on what is offered, an answer cleared,
the review and the list editor at every depth (change, delete, move, the follow-up list of an
entry), and interrupts of every kind — Ctrl-C with text still in the input, SIGHUP, end of input,
kill -9, kill -9 while typing — each followed by a resume. After every move:

- the session file loads and keeps the flow's rules;
- navigation never changes the answers;
- a confirmed line is in the file before the next prompt;
- a text leaves the file only when the leader replaced or deleted it;
- resume asks the first place that is neither answered nor deliberately left empty (or the one
  being typed when the session stopped, also after kill -9: the side file of the text typed);
- an answer cleared stays in the file until the leader confirms its removal;
- the report never shows an answer whose `when` does not hold.
"""

from __future__ import annotations

import queue
import shutil
import tempfile
import textwrap
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from limburglab import flow as flows
from limburglab.errors import Interrupted
from limburglab.flow import Flow, ListQuestion, ParagraphQuestion, TextQuestion
from limburglab.live.asking import GoBack, Options, Stop
from limburglab.live.run import LiveSession
from limburglab.report.command import ReportOptions, make
from limburglab.session import drafts, tree, walker
from limburglab.session import file as session_file
from limburglab.session.file import Meta, Session

FLOW = """\
    id: machine
    title: Machine
    version: 1
    sections:
      - id: a
        title: Eerste
        questions:
          - id: punten
            type: list
            prompt: Punt
            item:
              - id: uitleg
                type: text
                prompt: "Uitleg bij {{ item.text }}"
              - id: voorbeelden
                type: list
                prompt: Voorbeeld
          - id: verhaal
            type: paragraph
            prompt: Verhaal
      - id: b
        title: Tweede
        questions:
          - id: themas
            type: multiselect
            prompt: Thema's
            choices: [Rood, Groen, Blauw]
          - id: volgorde
            type: rank
            prompt: Volgorde
            choices_from: themas
            when: themas | length > 1
          - id: groen
            type: paragraph
            prompt: Over groen
            when: "'Groen' in themas"
          - id: slot
            type: text
            prompt: Slotwoord
"""

WORDS = st.sampled_from(["alpha", "bravo", "charlie", "delta", "éclair", "foxtrot", "golf"])
LINES = st.one_of(
    WORDS,
    st.lists(WORDS, min_size=2, max_size=3).map("\n".join),  # a paste of several lines
)


class Killed(BaseException):
    """kill -9: the process is gone at once, nothing runs after it."""


@dataclass
class Prompt:
    kind: str
    text: str
    default: Any
    options: Options = field(default_factory=list)
    slot: str | None = None


@dataclass
class Ended:
    """The session thread ended: finished, interrupted (and saved), or killed."""

    how: str


class HandOver:
    """A prompter whose every prompt is handed to the test, which replies with the answer."""

    def __init__(self) -> None:
        self.asked: queue.Queue[Prompt | Ended] = queue.Queue()
        self.replies: queue.Queue[Any] = queue.Queue()
        self.live: LiveSession | None = None

    def _exchange(self, kind: str, text: str, default: Any, options: Options | None = None) -> Any:
        asking_a_slot = kind not in ("choose", "select", "confirm", "number")  # menus here
        slot = self.live.slot.path if self.live and self.live.slot and asking_a_slot else None
        self.asked.put(Prompt(kind, text, default, options or [], slot))
        reply = self.replies.get(timeout=10)
        if isinstance(reply, BaseException):
            raise reply
        return reply

    # output
    def set_status(self, status: Callable[[], str]) -> None:
        pass

    def set_typing(self, typing: Callable[[str, int | None], None]) -> None:
        pass

    def section(self, number: int, total: int, section: Any) -> None:
        pass

    def review(self, lines: list[tuple[int, str]]) -> None:
        pass

    def info(self, message: str) -> None:
        pass

    def warn(self, message: str) -> None:
        pass

    def refuse(self, message: str) -> None:
        self.warn(message)

    # prompts
    def frame(self, lines: list[tuple[int, str]]) -> None:
        pass

    def text(
        self, prompt: str, *, default: str, hint: str, depth: int, suggestion: str = ""
    ) -> str:
        return str(self._exchange("text", prompt, default))

    def paragraph(
        self,
        prompt: str,
        *,
        default: str,
        hint: str,
        depth: int,
        keep: Callable[[list[str]], None] | None = None,
    ) -> str:
        """Line by line as in the terminal: each line offered; cleared, it goes."""
        old = default.split("\n") if default else []
        lines: list[str] = []
        while True:
            offered = old.pop(0) if old else None
            line = str(self._exchange("line", prompt, offered or ""))
            if offered is None and not line.strip():
                return "\n".join(lines)
            if line.strip():
                lines.append(line)
            if keep is not None:
                keep([*lines, *old])

    def select(
        self, prompt: str, options: Options, *, default: str | None, other: bool, hint: str,
        depth: int,
    ) -> str | None:  # fmt: skip
        return self._exchange("select", prompt, default, options)  # type: ignore[no-any-return]

    def multiselect(
        self, prompt: str, options: Options, *, default: list[str], other: bool, hint: str,
        depth: int,
        keep: Callable[[list[str]], None] | None = None,
    ) -> list[str]:  # fmt: skip
        return self._exchange("multiselect", prompt, default, options)  # type: ignore[no-any-return]

    def rank(
        self, prompt: str, options: Options, *, default: list[str], limit: int | None, hint: str,
        depth: int,
    ) -> list[str]:  # fmt: skip
        return self._exchange("rank", prompt, default, options)  # type: ignore[no-any-return]

    def vote(self, *args: Any, **kwargs: Any) -> dict[str, int]:
        raise AssertionError("no vote in this flow")

    def confirm(self, prompt: str, *, default: bool | None, hint: str, depth: int) -> bool | None:
        return self._exchange("confirm", prompt, default)  # type: ignore[no-any-return]

    def number(
        self, prompt: str, *, default: float | None, whole: bool, hint: str, depth: int
    ) -> float | None:
        return self._exchange("number", prompt, default)  # type: ignore[no-any-return]

    def choose(self, prompt: str, actions: Options) -> str:
        return self._exchange("choose", prompt, None, actions)  # type: ignore[no-any-return]


TEXTUAL = ("text", "line")


def texts_in(flow: Flow, answers: tree.Answers) -> Counter[str]:
    """Every typed text in the answers: entries, text answers and paragraph lines."""
    found: Counter[str] = Counter()

    def visit(question: Any, value: Any) -> None:
        if isinstance(question, ListQuestion) and isinstance(value, list):
            followups = {f.id: f for f in question.item}
            for entry in value:
                found[tree.entry_text(entry)] += 1
                if isinstance(entry, dict):
                    for key, sub in entry.items():
                        if key in followups:
                            visit(followups[key], sub)
        elif isinstance(question, (TextQuestion, ParagraphQuestion)) and isinstance(value, str):
            found.update(line for line in value.split("\n") if line)

    for section, question in flow.questions():
        visit(question, answers.get(section.id, {}).get(question.id))
    return found


class LiveMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="limburglab-machine-"))
        flow_path = self.folder / "flow.yaml"
        flow_path.write_text(textwrap.dedent(FLOW), encoding="utf-8")
        self.flow = flows.load(flow_path)
        self.path = self.folder / "s.yaml"
        session = Session.start(self.flow, Meta(workshop="Machine", group="G"), self.path)
        session.save()
        #: Places the leader left empty on purpose, as this test saw it (not as the tool says).
        self.skips: set[str] = set()
        #: An entry was deleted or moved: places inside entries may have moved along.
        self.renumbered = False
        #: The place of the answer cleared at the text prompt before a confirm.
        self.cleared: str | None = None
        self.start(session, resumed=False)

    # --- the session thread -----------------------------------------------------------------

    def start(self, session: Session, *, resumed: bool) -> None:
        self.hand = HandOver()
        live = LiveSession(self.flow, session, self.hand, clock=lambda: 0.0)
        self.hand.live = live

        def target() -> None:
            try:
                if resumed:
                    live.carry_on()
                else:
                    with live.interrupts():
                        live.walk(walker.first_slot(self.flow, session.answers))
                self.hand.asked.put(Ended("finished"))
            except Interrupted:
                self.hand.asked.put(Ended("interrupted"))
            except Killed:
                self.hand.asked.put(Ended("killed"))
            except BaseException as exc:  # any other error fails the test
                self.hand.asked.put(Ended(f"error: {exc!r}"))

        self.thread = threading.Thread(target=target, daemon=True)
        self.thread.start()
        self.current = self.hand.asked.get(timeout=10)

    def reply(self, answer: Any) -> None:
        """Answer the prompt in hand and wait for the next; note a place left empty."""
        prompt = self.current
        assert isinstance(prompt, Prompt)
        self.hand.replies.put(answer)
        self.current = self.hand.asked.get(timeout=10)
        if isinstance(self.current, Ended):
            self.thread.join(timeout=10)
            assert not self.current.how.startswith("error"), self.current.how
        moved = not isinstance(self.current, Prompt) or self.current.slot != prompt.slot
        loc = tree.parse_loc(prompt.slot) if prompt.slot else None
        if moved and loc is not None and not isinstance(answer, BaseException):
            answers = self.disk()
            slot = walker.slot_at(self.flow, answers, loc)
            if slot is not None and walker.is_open(slot, answers, set()):
                self.skips.add(slot.path)  # left empty on purpose

    def disk(self) -> tree.Answers:
        return session_file.load(self.path, self.flow).answers

    def teardown(self) -> None:
        if isinstance(self.current, Prompt):
            self.hand.replies.put(Killed())
            self.thread.join(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- moves ----------------------------------------------------------------------------

    def asking(self, *kinds: str) -> bool:
        return isinstance(self.current, Prompt) and (not kinds or self.current.kind in kinds)

    @precondition(lambda self: self.asking(*TEXTUAL))
    @rule(text=LINES)
    def type_a_line(self, text: str) -> None:
        """Type (or paste) text and press Enter: it is on disk before the next prompt."""
        assert isinstance(self.current, Prompt)
        before = self.disk()
        replaced = self.replaceable(self.current, before)
        self.current_slot_before, self.current_kind_before = self.current.slot, self.current.kind
        if "\n" in text:  # pasted lines are new entries: those after them move along
            self.renumbered = True
        self.reply(text)
        after = texts_in(self.flow, self.disk())
        loc = tree.parse_loc(self.current_slot_before) if self.current_slot_before else None
        one_line = (
            self.current_kind_before == "text" and loc is not None and isinstance(loc[-1], str)
        )
        for line in [" ".join(text.split("\n"))] if one_line else text.split("\n"):
            assert after[line] > 0, f"{line!r} confirmed but not in the file"
        lost = texts_in(self.flow, before) - after
        assert set(lost) <= replaced, f"lost {lost} by typing where {replaced} stood"

    def replaceable(self, prompt: Prompt, answers: tree.Answers) -> set[str]:
        """What typing at this prompt may replace: the text offered, and what stands there."""
        loc = tree.parse_loc(prompt.slot) if prompt.slot else None
        here = tree.get(answers, loc) if loc else None
        standing = tree.entry_text(here) if isinstance(here, (str, dict)) else ""
        return {prompt.default, *standing.split("\n")}

    @precondition(lambda self: self.asking(*TEXTUAL))
    @rule()
    def press_enter(self) -> None:
        """Enter on what is offered: keeps it (or, on an empty prompt, leaves the place empty)."""
        assert isinstance(self.current, Prompt)
        prompt = self.current
        before = self.disk()
        replaced = self.replaceable(prompt, before)
        self.reply(prompt.default)
        if prompt.default:  # the text offered is kept (a draft may take the place of an answer)
            lost = texts_in(self.flow, before) - texts_in(self.flow, self.disk())
            assert set(lost) <= replaced, f"lost {lost} by pressing Enter"

    @precondition(lambda self: self.asking(*TEXTUAL) and bool(self.current.default))
    @rule()
    def clear_the_input(self) -> None:
        """Clear what is offered and press Enter: an entry or an answer asks first whether it
        should go (a paragraph line goes at once, as the leader cleared only that line)."""
        assert isinstance(self.current, Prompt)
        kind, slot = self.current.kind, self.current.slot
        before = self.disk()
        self.reply("")
        if isinstance(self.current, Prompt) and self.current.kind == "confirm":
            assert self.disk() == before, "a cleared answer left the file before the question"
            self.cleared = slot
        elif kind == "text":
            assert self.disk() == before

    @precondition(lambda self: self.asking(*TEXTUAL))
    @rule(typed=st.sampled_from(["half a wo", "nog niet af"]))
    def kill_minus_nine_while_typing(self, typed: str) -> None:
        """Type without Enter, let the side file be written, kill -9, resume: the text typed is
        offered where it was typed, and nothing confirmed is lost."""
        assert isinstance(self.current, Prompt) and self.hand.live is not None
        prompt = self.current
        before = self.disk()
        new = typed not in self.replaceable(prompt, before)
        written = self.path.read_bytes()
        self.hand.live.typed.last = -drafts.EVERY  # as if the last write was long ago
        self.hand.live._typing(typed, None)  # what the terminal tells while one types
        side = drafts.read(self.path)
        if new and prompt.slot:
            assert side is not None
            assert (tree.format_loc(side[0].loc), side[0].text) == (prompt.slot, typed)
        assert self.path.read_bytes() == written, "typing changed the session file"
        side_file = drafts.side_path(self.path)
        left = side_file.read_bytes() if side_file.exists() else None
        self.reply(Killed())
        # kill -9 runs nothing more; the thread here unwinds through `finally` blocks that save:
        # the files go back to how the kill left them.
        self.path.write_bytes(written)
        if left is None:
            side_file.unlink(missing_ok=True)
        else:
            side_file.write_bytes(left)
        saved = session_file.load(self.path, self.flow)
        assert texts_in(self.flow, saved.answers) >= texts_in(self.flow, before)
        self.start(saved, resumed=True)
        if new and prompt.slot and isinstance(self.current, Prompt):
            assert self.current.slot == prompt.slot, "the text typed is not offered where it was"

    @precondition(lambda self: self.asking())
    @rule()
    def go_back(self) -> None:
        """Ctrl-B anywhere: the answers do not change."""
        before = self.disk()
        self.reply(GoBack())
        assert self.disk() == before

    @precondition(lambda self: self.asking("choose", "select", "multiselect", "rank"))
    @rule(data=st.data())
    def pick(self, data: st.DataObject) -> None:
        """A menu, a review, a choice: any of the options (a delete is confirmed separately)."""
        assert isinstance(self.current, Prompt)
        values = [value for value, _ in self.current.options]
        if self.current.kind in ("multiselect", "rank"):
            answer: Any = (
                data.draw(st.lists(st.sampled_from(values), unique=True)) if values else []
            )
        elif self.current.kind == "select":
            answer = data.draw(st.sampled_from([*values, None]))
        else:
            answer = data.draw(st.sampled_from(values))
        before = texts_in(self.flow, self.disk())
        self.reply(answer)
        assert texts_in(self.flow, self.disk()) == before, "a menu or a choice changed a text"

    @precondition(lambda self: self.asking("confirm", "number"))
    @rule(yes=st.booleans())
    def confirm_or_place(self, yes: bool) -> None:
        """Confirm a delete (or not); pick a place to move an entry to."""
        assert isinstance(self.current, Prompt)
        confirming = self.current.kind == "confirm"
        self.reply(yes if confirming else 1)
        if not confirming or yes:
            # Entries went or moved: the places left empty inside them moved along, which only
            # the tool's own record follows (see `resumed_where_the_work_stopped`).
            self.renumbered = True
        cleared, self.cleared = self.cleared, None
        loc = tree.parse_loc(cleared) if cleared and yes else None
        if loc is not None and not isinstance(loc[-1], int):  # an answer cleared: left empty
            self.skips.add(cleared)

    @precondition(lambda self: self.asking())
    @rule(
        how=st.sampled_from(["ctrl-c", "sighup", "end of input", "kill -9"]),
        typed=st.sampled_from(["", "half a wo"]),
    )
    def interrupt_and_resume(self, how: str, typed: str) -> None:
        """Stop the session in any way, then resume it as `limburglab resume` does."""
        assert isinstance(self.current, Prompt)
        before = self.disk()
        stopped = self.current
        buffer = typed if stopped.kind in TEXTUAL else ""
        stop: BaseException = {
            "ctrl-c": Stop(130, buffer),
            "sighup": Stop(129, buffer),
            "end of input": EOFError(),
            "kill -9": Killed(),
        }[how]
        self.reply(stop)
        assert isinstance(self.current, Ended)
        saved = session_file.load(self.path, self.flow)
        assert texts_in(self.flow, saved.answers) >= texts_in(self.flow, before)
        # (a buffer is typed at text prompts only; what stands there already is no draft)
        new_text = bool(buffer) and buffer not in self.replaceable(stopped, before)
        if buffer and new_text and how in ("ctrl-c", "sighup") and stopped.slot:
            assert saved.draft is not None
            assert (tree.format_loc(saved.draft.loc), saved.draft.text) == (stopped.slot, buffer)
        self.report_shows_only_what_applies()
        self.start(saved, resumed=True)
        self.resumed_where_the_work_stopped(saved)

    @precondition(lambda self: isinstance(self.current, Ended))
    @rule()
    def open_again(self) -> None:
        """After the end, `resume` opens the session again (a finished one at its review)."""
        self.start(session_file.load(self.path, self.flow), resumed=True)

    # --- invariants ---------------------------------------------------------------------------

    def resumed_where_the_work_stopped(self, saved: Session) -> None:
        if saved.complete or not isinstance(self.current, Prompt) or self.current.kind == "choose":
            return
        at = self.current.slot
        if saved.draft is not None:
            assert at == tree.format_loc(saved.draft.loc)
            return
        order = [
            slot
            for step in walker.steps(self.flow, saved.answers)
            for slot in walker.slots(step, saved.answers)
        ]
        paths = [slot.path for slot in order]
        assert at in paths
        for slot in order[: paths.index(at)]:
            answered = not walker.is_open(slot, saved.answers, set())
            # A list closed and then renumbered by the editor (or a place inside an entry that
            # moved): the tool's own record counts.
            closed = (slot.is_entry or self.renumbered) and slot.loc in saved.skipped
            assert answered or closed or slot.path in self.skips, f"resume passed over {slot.path}"
        assert walker.is_open(order[paths.index(at)], saved.answers, set())

    def report_shows_only_what_applies(self) -> None:
        saved = session_file.load(self.path, self.flow)
        if not walker.active(self.flow, saved.answers):
            return  # (no answer that applies: there is no report to make)
        output = self.folder / "verslag.md"
        make(ReportOptions(inputs=(self.path,), output=output, fmt="md"), tell=lambda _: None)
        report = output.read_text(encoding="utf-8")
        hidden = set(texts_in(self.flow, saved.answers)) - set(
            texts_in(self.flow, walker.active(self.flow, saved.answers))
        )
        for text in hidden:
            assert text not in report.replace("\\", ""), f"{text!r} reported though its when fails"

    @invariant()
    def the_file_always_loads(self) -> None:
        session_file.load(self.path, self.flow)


# 150 examples in all, in three parts, so that the parallel runner spreads them over the cores.
_SETTINGS = settings(
    max_examples=50,
    stateful_step_count=40,
    deadline=None,
    database=None,  # no example database in the repository
    suppress_health_check=[HealthCheck.too_slow],
)


class TestLiveMachinePart1(LiveMachine.TestCase):
    settings = _SETTINGS


class TestLiveMachinePart2(LiveMachine.TestCase):
    settings = _SETTINGS


class TestLiveMachinePart3(LiveMachine.TestCase):
    settings = _SETTINGS
