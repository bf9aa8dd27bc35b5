"""The plain line-based prompter: for pipes, scripts and screen readers.

Prompts and messages go to stderr; one input line per answer. `<` goes back one question; an
empty line skips an optional question or keeps the answer shown in [brackets]; `-` is an empty
answer (it clears the answer shown, or ends a list without taking what is offered).

Input that is not typed live (a pipe, a file: `strict`) cannot be asked again: the next line was
written for the next question. A line that does not fit stops the run (OutOfStep) instead.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import TextIO

from limburglab.flow.model import Section, format_seconds
from limburglab.live.asking import EndOfInput, GoBack, Options, OutOfStep, hints, sentence
from limburglab.messages import t
from limburglab.text import NotUtf8, read_line

BACK = "<"
CLEAR = "-"
_YES = {"j", "ja", "y", "yes"}
_NO = {"n", "nee", "no"}


class PlainPrompter:
    """Asks on stderr and reads lines from stdin."""

    def __init__(
        self, stdin: TextIO | None = None, stderr: TextIO | None = None, *, strict: bool = False
    ) -> None:
        self.stdin = stdin or sys.stdin
        self.out = stderr or sys.stderr
        #: Input lines read so far, to name a line that cannot be read.
        self.lines = 0
        #: The input is not typed live: a line that does not fit stops the run.
        self.strict = strict
        self.keys_said = False

    # --- output -----------------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def set_status(self, status: Callable[[], str]) -> None:
        """A screen reader should not hear a ticking clock: the time is said at section ends."""

    def set_typing(self, typing: Callable[[str, int | None], None]) -> None:
        """A line is read whole: nothing is seen of it before its Enter."""

    def section(self, number: int, total: int, section: Section) -> None:
        timebox = f" ({format_seconds(section.timebox)})" if section.timebox else ""
        self.say()
        self.say(t("run.section", number=number, total=total, title=section.title) + timebox)
        if not self.keys_said:
            self.keys_said = True
            self.say(f"({t('ask.plain_keys')})")
        if section.intro:
            self.say(section.intro.strip())

    def frame(self, lines: list[tuple[int, str]]) -> None:
        """A line protocol never repeats: what was captured was said when it was confirmed."""

    def review(self, lines: list[tuple[int, str]]) -> None:
        self.say()
        for depth, text in lines:
            self.say("  " * depth + "- " + text.replace("\n", "\n" + "  " * depth + "  "))

    def info(self, message: str) -> None:
        self.say(message)

    def warn(self, message: str) -> None:
        self.say(f"! {message}")

    def refuse(self, message: str) -> None:
        if self.strict:
            raise OutOfStep(self.lines, message)
        self.warn(message)

    def _ask(self, prompt: str, hint: str, depth: int, default: str = "") -> str:
        indent = "  " * depth
        shown = f" [{default}]" if default else ""
        self.say(f"{indent}? {prompt}{shown}")
        self._hint(hint, depth)
        return self._read()

    def _hint(self, hint: str, depth: int) -> None:
        """Help and key hints, each on a line of its own, in parentheses."""
        for line in hint.split("\n") if hint else []:
            self.say(f"{'  ' * depth}  ({line})")

    def _read(self) -> str:
        while True:
            self.out.write("> ")
            self.out.flush()
            self.lines += 1
            try:
                line = read_line(self.stdin)
                break
            except NotUtf8 as exc:
                if self.strict:
                    raise OutOfStep(
                        self.lines, sentence(t("ask.not_utf8_here", text=exc.shown))
                    ) from None
                self.warn(t("ask.not_utf8", line=self.lines, text=exc.shown))
        if not line:
            self.lines -= 1
            raise EndOfInput(self.lines)
        line = line.rstrip("\r\n")
        if line.strip() == BACK:
            raise GoBack
        return line

    def _options(self, options: Options, depth: int) -> None:
        for number, (_, label) in enumerate(options, start=1):
            self.say(f"{'  ' * depth}  {number}) {label}")

    # --- prompts ----------------------------------------------------------------------------

    def text(
        self, prompt: str, *, default: str, hint: str, depth: int, suggestion: str = ""
    ) -> str:
        line = self._ask(prompt, hint, depth, default or suggestion)
        if line.strip() == CLEAR:
            return ""
        return line if line.strip() else (default or suggestion)

    def paragraph(
        self,
        prompt: str,
        *,
        default: str,
        hint: str,
        depth: int,
        keep: Callable[[list[str]], None] | None = None,
    ) -> str:
        first = self._ask(
            prompt, hints(hint, t("ask.paragraph_hint")), depth, default.replace("\n", " / ")
        )
        if not first.strip():
            return default
        if first.strip() == CLEAR:
            return ""
        lines = [first]
        old = default.split("\n") if default else []
        while True:
            if keep is not None:
                keep([*lines, *old[len(lines) :]])
            line = self._read()
            if not line.strip():
                return "\n".join(lines)
            lines.append(line)

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
        self.say(f"{'  ' * depth}? {prompt}" + (f" [{default}]" if default else ""))
        self._options(options, depth)
        self._hint(hints(hint, t("ask.select_other_hint" if other else "ask.select_hint")), depth)
        while True:
            line = self._read().strip()
            if not line:
                return default
            if line == CLEAR:
                return None
            chosen = _match(line, options)
            if chosen is not None:
                return chosen
            if other and not line.isdigit():  # a number names a choice, never another answer
                return line
            self.refuse(sentence(t("ask.no_such_choice", answer=line)))

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
        known = {value for value, _ in options}
        save = keep or (lambda value: None)
        chosen = self._many(
            prompt,
            options,
            [v for v in default if v in known],
            False,
            hints(hint, t("ask.multi_hint")),
            depth,
        )
        if other:  # one free answer per line: a comma belongs to the answer
            previous = [v for v in default if v not in known]
            save(chosen + previous)
            while True:
                offered = previous.pop(0) if previous else ""
                line = self.text(
                    t("ask.other_one"),
                    default=offered,
                    hint=t("ask.other_one_hint"),
                    depth=depth + 1,
                ).strip()
                if not line:
                    break
                chosen.append(line)
                save(chosen + previous)
        return chosen

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
        while True:
            order = self._many(
                prompt, options, default, False, hints(hint, t("ask.rank_hint")), depth
            )
            if len(set(order)) != len(order):
                self.refuse(sentence(t("answer.duplicate_choice")))
            elif limit is not None and len(order) > limit:
                self.refuse(sentence(t("answer.too_many", max=limit)))
            else:
                return order

    def _many(
        self, prompt: str, options: Options, default: list[str], other: bool, hint: str, depth: int
    ) -> list[str]:
        self.say(f"{'  ' * depth}? {prompt}" + (f" [{', '.join(default)}]" if default else ""))
        self._options(options, depth)
        self._hint(hint, depth)
        while True:
            line = self._read().strip()
            if not line:
                return list(default)
            if line == CLEAR:
                return []
            chosen: list[str] = []
            unknown: list[str] = []
            for part in (p.strip() for p in line.split(",")):
                if part:
                    match = _match(part, options)
                    if match is None:
                        unknown.append(part)
                    else:
                        chosen.append(match)
            if unknown and not other:
                self.refuse(sentence(t("ask.no_such_choice", answer=", ".join(unknown))))
                continue
            return chosen + unknown

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
        self.say(f"{'  ' * depth}? {prompt}")
        self._options(options, depth)
        self._hint(hints(hint, t("ask.vote_hint", budget=budget)), depth)
        while True:
            line = self._read().strip()
            if not line:
                return dict(default)
            if line == CLEAR:
                return {}
            parts = [p.strip() or "0" for p in line.split(",")]
            if len(parts) > len(options) or not all(p.isdigit() for p in parts):
                self.refuse(sentence(t("ask.vote_format", count=len(options))))
                continue
            return {
                value: int(dots)
                for (value, _), dots in zip(options[: len(parts)], parts, strict=True)
            }

    def confirm(self, prompt: str, *, default: bool | None, hint: str, depth: int) -> bool | None:
        shown = "" if default is None else t("review.yes" if default else "review.no")
        line = self._ask(prompt, hints(hint, t("ask.confirm_hint")), depth, shown).strip().lower()
        while True:
            if not line:
                return default
            if line == CLEAR:
                return None
            if line in _YES:
                return True
            if line in _NO:
                return False
            self.refuse(sentence(t("ask.confirm_hint")))
            line = self._read().strip().lower()

    def number(
        self, prompt: str, *, default: float | None, whole: bool, hint: str, depth: int
    ) -> float | None:
        shown = "" if default is None else f"{default:g}"
        line = self._ask(prompt, hint, depth, shown).strip()
        while True:
            if not line:
                return default
            if line == CLEAR:
                return None
            value = parse_number(line, whole)
            if value is not None:
                return value
            self.refuse(sentence(t("ask.whole_number" if whole else "ask.number")))
            line = self._read().strip()

    def choose(self, prompt: str, actions: Options) -> str:
        self.say(f"? {prompt}")
        self._options(actions, 0)
        self.say(f"  ({t('ask.choose_hint')})")
        while True:
            line = self._read().strip()
            if not line:
                return actions[0][0]
            chosen = _match(line, actions)
            if chosen is not None:
                return chosen
            self.refuse(sentence(t("ask.no_such_choice", answer=line)))

    def unused_input(self) -> tuple[int, int, str] | None:
        """What is left of input that is not typed live once the session is done: how many
        lines with text, the number of the first and its text; None when nothing but blank
        lines is left (or the input is typed live)."""
        if not self.strict:
            return None
        count, first = 0, None
        while True:
            try:
                line = read_line(self.stdin)
            except NotUtf8 as exc:
                line = exc.shown + "\n"
            if not line:
                break
            self.lines += 1
            if line.strip():
                count += 1
                first = first or (self.lines, line.rstrip("\r\n"))
        return None if first is None else (count, *first)


def _match(answer: str, options: Options) -> str | None:
    """The option an answer names: its number, value or label (case-insensitive)."""
    if answer.isdigit() and 1 <= int(answer) <= len(options):
        return options[int(answer) - 1][0]
    folded = answer.casefold()
    for value, label in options:
        if folded in (value.casefold(), label.casefold()):
            return value
    return None


def parse_number(text: str, whole: bool) -> float | None:
    """`7`, `7,5` or `7.5`; None if it is no number (or no whole number when `whole`)."""
    text = text.strip().replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return None
    value = float(text)
    if whole and not value.is_integer():
        return None
    return value
