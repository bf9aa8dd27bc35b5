"""Asking one slot: a question or a list entry, with the flow's rules at entry time.

A prompter (the terminal one or the plain line-based one) only knows how to show a prompt and
read a raw answer; everything that is the same in both lives here, once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from limburglab.flow import expressions
from limburglab.flow.model import (
    Choice,
    ConfirmQuestion,
    Flow,
    ListQuestion,
    MultiselectQuestion,
    NumberQuestion,
    ParagraphQuestion,
    Question,
    RankQuestion,
    ScaleQuestion,
    Section,
    SelectQuestion,
    TextQuestion,
    VoteQuestion,
    entry_text,
)
from limburglab.messages import t, tn
from limburglab.session import rules
from limburglab.session.entries import nested_count

Options = list[tuple[str, str]]
Keep = Callable[[Any], None]
Typing = Callable[[str, int | None], None]


class GoBack(Exception):
    """The leader asked to go back one question; `buffer` is what the input held (kept as a
    draft, offered again when the leader comes back)."""

    def __init__(self, buffer: str = "", line: int | None = None) -> None:
        super().__init__()
        self.buffer = buffer
        self.line = line


#: The stop a signal asked for while a prompt was running (see `run._on_stop_signal`).
stopping: Stop | None = None


class Stop(Exception):
    """The session must stop now (Ctrl-C in the terminal, SIGHUP, SIGTERM).

    `code` is the exit code (128 + the signal's number); `buffer` the text still in the input,
    unconfirmed, to be kept as a draft; `line` the line of the answer that text corrects (an
    offered paragraph or "other" line), None for a new line.
    """

    def __init__(self, code: int, buffer: str = "", line: int | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.buffer = buffer
        self.line = line


class OutOfStep(Exception):
    """A line of input that is not typed live (a pipe, a file) does not fit the question: the
    input is out of step with the questions, and asking again would take the next line for an
    answer it was never meant to be. `line` is its number in the input."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


class EndOfInput(EOFError):
    """The input ended after `line` lines."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class Prompter(Protocol):
    """Shows one prompt and reads one raw answer; raises GoBack on the back key or `<`."""

    def set_status(self, status: Callable[[], str]) -> None:
        """Where to read the line shown while asking (the section's time)."""

    def set_typing(self, typing: Typing) -> None:
        """Whom to tell what stands in the input while it is typed (the text, and the line of
        the answer it corrects), now and then: kept beside the session as a draft."""

    def section(self, number: int, total: int, section: Section) -> None:
        """Open a section: number and total, title, intro and timebox."""

    def review(self, lines: list[tuple[int, str]]) -> None:
        """Show captured answers as indented lines (depth, text)."""

    def info(self, message: str) -> None: ...

    def warn(self, message: str) -> None: ...

    def refuse(self, message: str) -> None:
        """An answer that does not fit the question: said, and the question is asked again;
        a prompter whose input is not typed live raises OutOfStep instead."""

    def frame(self, lines: list[tuple[int, str]]) -> None:
        """Before a question of the walk: the section's answers so far (depth, text), as context.
        A terminal redraws its screen with them; a line protocol says nothing."""

    def text(
        self, prompt: str, *, default: str, hint: str, depth: int, suggestion: str = ""
    ) -> str:
        """One line. `default` is in the input, ready to correct (an earlier answer, a draft,
        what was typed before an error); `suggestion` is only shown: typing replaces it and an
        empty Enter accepts it. `hint` holds the help and key hints, one per line."""

    def paragraph(
        self,
        prompt: str,
        *,
        default: str,
        hint: str,
        depth: int,
        keep: Callable[[list[str]], None] | None = None,
    ) -> str:
        """Lines until an empty line; `keep` receives the lines so far after each Enter."""

    def select(
        self,
        prompt: str,
        options: Options,
        *,
        default: str | None,
        other: bool,
        hint: str,
        depth: int,
    ) -> str | None: ...

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
        """The chosen values, then free "other" answers one per line; `keep` receives the
        choice so far after the ticks and after each confirmed line."""

    def rank(
        self,
        prompt: str,
        options: Options,
        *,
        default: list[str],
        limit: int | None,
        hint: str,
        depth: int,
    ) -> list[str]: ...

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
    ) -> dict[str, int]: ...

    def confirm(
        self, prompt: str, *, default: bool | None, hint: str, depth: int
    ) -> bool | None: ...

    def number(
        self, prompt: str, *, default: float | None, whole: bool, hint: str, depth: int
    ) -> float | None:
        """A number (a whole number when `whole`); `default` is a suggestion, as for text."""

    def choose(self, prompt: str, actions: Options) -> str: ...


def _options(choices: list[Choice]) -> Options:
    return [(choice.value, choice.text) for choice in choices]


def hints(*parts: str | None) -> str:
    """Help and key hints, each on its own line."""
    return "\n".join(part for part in parts if part)


def sentence(message: str) -> str:
    """A message as a sentence: a capital at the start, a full stop at the end."""
    message = message.strip()
    if not message:
        return message
    first = message.split(" ", 1)[0]
    if first.isalpha():  # not a path or `code`, whose case matters
        message = message[0].upper() + message[1:]
    return message if message[-1] in ".?!:…" else message + "."


def short(text: str, limit: int = 60) -> str:
    """Text shown only as context, on one line and shortened with "…"."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def with_line(lines: list[str], draft: str, line: int | None) -> list[str]:
    """The lines of an answer with a draft in them: in place of the line it corrects, or, as a
    new line, at the end (never both the line and its correction)."""
    if line is not None and line < len(lines):
        return [*lines[:line], draft, *lines[line + 1 :]]
    return [*lines, draft]


def lines_of(text: str) -> list[str]:
    """Pasted or typed text as its non-empty lines, each stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class Asker:
    """Asks one slot at a time through a prompter, until the answer keeps the flow's rules.

    Lists are not asked here as a whole: the live session walks their entries and follow-ups
    slot by slot, asking each entry with `entry`.
    """

    def __init__(self, flow: Flow, prompter: Prompter) -> None:
        self.flow = flow
        self.prompter = prompter

    def _warn(self, message: str) -> None:
        """A wrong answer, said in one style: a sentence (see `Prompter.refuse`)."""
        self.prompter.refuse(sentence(message))

    def ask(
        self,
        question: Question,
        context: dict[str, Any],
        current: Any = None,
        *,
        depth: int = 0,
        draft: str | None = None,
        line: int | None = None,
        keep: Keep | None = None,
    ) -> Any:
        """The answer to a question that is not a list (None: skipped).

        `current` is offered for editing, or `draft` (text typed but not confirmed when the
        session stopped; in place of the answer's line `line` when it corrects one); `keep`
        receives a paragraph's text after each confirmed line, and a multiselect's values after
        the ticks and each "other" line.
        """
        assert not isinstance(question, ListQuestion), "lists are walked entry by entry"
        prompt = expressions.render(question.prompt, context)
        hint = question.help or ""
        if isinstance(question, (TextQuestion, ParagraphQuestion)):
            return self._text(question, prompt, hint, current, draft, line, depth, keep)
        if isinstance(question, ConfirmQuestion):
            default = current if isinstance(current, bool) else question.default
            while True:
                value = self.prompter.confirm(prompt, default=default, hint=hint, depth=depth)
                if value is None and question.required:
                    self._warn(t("answer.required"))
                    continue
                return value
        if isinstance(question, (NumberQuestion, ScaleQuestion)):
            return self._number(question, prompt, hint, current, depth)
        if isinstance(question, MultiselectQuestion) and question.other and draft:
            current = with_line(current if isinstance(current, list) else [], draft, line)
        elif isinstance(question, SelectQuestion) and question.other and draft:
            current = draft  # an "other" answer being typed
        elif isinstance(question, RankQuestion) and draft:
            current = draft.split("\n")  # the order made so far
        return self._choice(question, prompt, hint, context, current, depth, keep)

    # --- list entries -----------------------------------------------------------------------

    def entry(
        self,
        question: ListQuestion,
        context: dict[str, Any],
        *,
        number: int,
        count: int,
        existing: str | None,
        draft: str | None,
        depth: int,
        closing: bool = True,
    ) -> list[str]:
        """The text of entry `number` (1-based) of a list holding `count` entries.

        Several lines (a paste) are several entries. For an existing entry an empty answer
        keeps it; at the end of the list it closes the list, once `min` and `required` allow.
        """
        while True:
            typed = self.prompter.text(
                expressions.render(question.prompt, context),
                default=draft if draft is not None else (existing or ""),
                hint=hints(question.help, t("ask.list_hint", number=number)),
                depth=depth,
            )
            texts = lines_of(typed)
            if texts or existing is not None or not closing:
                return texts
            if question.min and count < question.min:
                self._warn(rules.check_count(question.min, None, count) or "")
            elif question.required and not count:
                self._warn(t("answer.required"))
            else:
                return []
            draft = None

    def show_entries(self, entries: list[Any]) -> None:
        numbered = (f"{n}. {entry_text(e)}" for n, e in enumerate(entries, start=1))
        self.prompter.info("\n".join(numbered) or t("ask.list_empty"))

    def pick(self, entries: list[Any], prompt: str) -> int:
        """The index of an entry the leader picks; GoBack when none is picked."""
        options = [(str(n), f"{n + 1}. {entry_text(e)}") for n, e in enumerate(entries)]
        chosen = self.prompter.select(prompt, options, default=None, other=False, hint="", depth=0)
        if chosen is None:
            raise GoBack
        return int(chosen)

    def pick_place(self, count: int) -> int:
        """A place 1…count, as an index; GoBack when none is given."""
        while True:
            value = self.prompter.number(
                t("ask.move_to", count=count), default=None, whole=True, hint="", depth=0
            )
            if value is None:
                raise GoBack
            if 1 <= value <= count:
                return int(value) - 1
            self._warn(t("ask.place_range", count=count))

    def confirm_delete(self, entry: Any) -> bool:
        """Whether an entry goes, asked once; with the number of answers that go with it."""
        count = nested_count(entry)
        text = entry_text(entry)
        question = (
            tn("ask.delete_confirm_nested", count, entry=text)
            if count
            else t("ask.delete_confirm", entry=text)
        )
        return bool(self.prompter.confirm(question, default=False, hint="", depth=0))

    def _confirm_removal(self, answer: str) -> bool:
        return bool(
            self.prompter.confirm(
                t("ask.remove_answer", answer=short(answer)), default=False, hint="", depth=0
            )
        )

    # --- text and numbers -------------------------------------------------------------------

    def _text(
        self,
        question: TextQuestion | ParagraphQuestion,
        prompt: str,
        hint: str,
        current: Any,
        draft: str | None,
        line: int | None,
        depth: int,
        keep: Keep | None,
    ) -> str | None:
        suggestion = ""
        if isinstance(current, str):
            default = current
        elif isinstance(question, TextQuestion) and draft is None:
            default, suggestion = "", question.default or ""
        else:
            default = question.default or ""
        if isinstance(question, ParagraphQuestion):
            old = default.split("\n") if default else []
            if draft:
                default = "\n".join(with_line(old, draft, line))

            def kept(lines: list[str]) -> None:
                if keep is not None:
                    keep("\n".join(lines_of("\n".join(lines))))

            ask: Callable[..., str] = lambda **kw: self.prompter.paragraph(  # noqa: E731
                prompt, keep=kept, **kw
            )
        else:
            default = draft if draft is not None else default
            ask = lambda **kw: self.prompter.text(prompt, suggestion=suggestion, **kw)  # noqa: E731
        while True:
            value = ask(default=default, hint=hint, depth=depth)
            value = (
                "\n".join(lines_of(value))
                if isinstance(question, ParagraphQuestion)
                else " ".join(value.split("\n")).strip()
            )
            if not value:
                if question.required:
                    self._warn(t("answer.required"))
                    continue
                # An answer cleared and confirmed goes once the leader says so (as an entry
                # does); else it is offered again. A paragraph goes line by line instead.
                cleared = isinstance(question, TextQuestion) and isinstance(current, str)
                if cleared and current and not self._confirm_removal(current):
                    default = current
                    continue
                return None
            message = rules.check_text(question, value)
            if message is None:
                return value
            self._warn(message)
            default = value

    def _number(
        self,
        question: NumberQuestion | ScaleQuestion,
        prompt: str,
        hint: str,
        current: Any,
        depth: int,
    ) -> float | int | None:
        default = current if isinstance(current, (int, float)) else question.default
        if isinstance(question, ScaleQuestion):
            hint = hints(hint, t("ask.scale", min=question.min, max=question.max))
        else:
            hint = hints(hint, t("ask.decimal"))
        while True:
            value = self.prompter.number(
                prompt,
                default=default,
                whole=isinstance(question, ScaleQuestion),
                hint=hint,
                depth=depth,
            )
            if value is None:
                if question.required:
                    self._warn(t("answer.required"))
                    continue
                return None
            message = rules.check_number(question, value)
            if message is None:
                return int(value) if float(value).is_integer() else value
            self._warn(message)
            default = value  # shown again, to correct

    # --- choices ----------------------------------------------------------------------------

    def _choice(
        self,
        question: Question,
        prompt: str,
        hint: str,
        context: dict[str, Any],
        current: Any,
        depth: int,
        keep: Keep | None = None,
    ) -> Any:
        assert isinstance(
            question, (SelectQuestion, MultiselectQuestion, RankQuestion, VoteQuestion)
        )
        options = _options(self.flow.choices(question, context))
        if not options:
            self.prompter.info(t("ask.no_choices", prompt=prompt))
            return None
        while True:
            value: Any
            message: str | None = None
            if isinstance(question, SelectQuestion):
                default = current if isinstance(current, str) else question.default
                value = self.prompter.select(
                    prompt, options, default=default, other=question.other, hint=hint, depth=depth
                )
            elif isinstance(question, MultiselectQuestion):
                default_list = current if isinstance(current, list) else (question.default or [])
                value = self.prompter.multiselect(
                    prompt,
                    options,
                    default=default_list,
                    other=question.other,
                    hint=hint,
                    depth=depth,
                    keep=keep,
                )
                message = (
                    rules.check_count(question.min, question.max, len(value)) if value else None
                )
            elif isinstance(question, RankQuestion):
                default_list = current if isinstance(current, list) else (question.default or [])
                value = self.prompter.rank(
                    prompt,
                    options,
                    default=[v for v in default_list if v in dict(options)],
                    limit=question.max,
                    hint=hint,
                    depth=depth,
                )
            else:
                votes = current if isinstance(current, dict) else (question.default or {})
                value = self.prompter.vote(
                    prompt,
                    options,
                    default=votes,
                    budget=question.budget,
                    limit=question.max,
                    hint=hint,
                    depth=depth,
                )
                value = {k: v for k, v in value.items() if v}
                message = rules.check_vote(question, value)
            if not value:
                if question.required:
                    self._warn(t("answer.required"))
                    continue
                return None
            if message is None:
                return value
            self._warn(message)
