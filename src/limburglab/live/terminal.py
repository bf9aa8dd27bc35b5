"""The terminal prompter: questionary prompts with a back key and the section's clock.

Imported only when a live session asks questions in a real terminal (questionary is slow to
import). `unsafe_ask` is used throughout: `ask` would swallow Ctrl-C, and Ctrl-C must save.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Callable
from typing import Any

import questionary
from prompt_toolkit import print_formatted_text
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

from limburglab.flow.model import Section, format_seconds
from limburglab.live.asking import GoBack, Options, Stop
from limburglab.live.plain import BACK, parse_number
from limburglab.messages import t, tn

_back_keys = KeyBindings()


@_back_keys.add("c-b")
def _go_back(event: Any) -> None:
    event.app.exit(exception=GoBack())


@_back_keys.add("c-c")
def _stop(event: Any) -> None:
    """Ctrl-C stops the session, keeping the text typed so far as a draft."""
    event.app.exit(exception=Stop(130, event.app.current_buffer.text))


_STYLE = questionary.Style([("qmark", "fg:#2a9d8f bold"), ("instruction", "fg:#888888 italic")])


class TerminalPrompter:
    """Asks with questionary in a real terminal; Ctrl-B or `<` goes back."""

    def __init__(self) -> None:
        self.status: Callable[[], str] = lambda: t("run.status_keys")

    # --- output -----------------------------------------------------------------------------

    def set_status(self, status: Callable[[], str]) -> None:
        self.status = status

    def section(self, number: int, total: int, section: Section) -> None:
        timebox = f"  ·  {format_seconds(section.timebox)}" if section.timebox else ""
        title = f" {t('run.section', number=number, total=total, title=section.title)}{timebox} "
        width = _width()
        _print(
            ("", "\n"),
            ("fg:ansicyan", "──"),
            ("bold fg:ansicyan", title),
            ("fg:ansicyan", "─" * max(2, width - len(title) - 2)),
        )
        if section.intro:
            _print(*_intro(section.intro, width))
        _print(("fg:ansibrightblack italic", textwrap.fill(t("run.keys_hint"), width)))

    def review(self, lines: list[tuple[int, str]]) -> None:
        from rich.console import Console  # only here: rich is slow to import
        from rich.markup import escape
        from rich.tree import Tree

        tree = Tree(f"[bold]{escape(t('review.title'))}[/]")
        stack = [tree]
        for depth, text in lines:
            del stack[depth + 1 :]
            node = stack[-1].add(escape(text))
            stack.append(node)
        Console(highlight=False).print(tree)

    def info(self, message: str) -> None:
        _print(("", message))

    def warn(self, message: str) -> None:
        _print(("bold fg:ansiyellow", f"! {message}"))

    # --- prompts ----------------------------------------------------------------------------

    def _run(self, question: Any) -> Any:
        application = question.application
        application.key_bindings = merge_key_bindings([application.key_bindings, _back_keys])
        return question.unsafe_ask()

    def _line(self, prompt: str, default: str, hint: str, depth: int) -> str:
        question = questionary.text(
            prompt,
            default=default,
            qmark="  " * depth + ("•" if depth else "?"),
            instruction=hint or None,
            style=_STYLE,
            bottom_toolbar=lambda: " " + self.status(),
            refresh_interval=1.0,
        )
        answer = str(self._run(question) or "")
        if answer.strip() == BACK:
            raise GoBack
        return answer

    def text(self, prompt: str, *, default: str, hint: str, depth: int) -> str:
        return self._line(prompt, default, hint, depth)

    def paragraph(
        self,
        prompt: str,
        *,
        default: str,
        hint: str,
        depth: int,
        keep: Callable[[list[str]], None] | None = None,
    ) -> str:
        """Lines until an empty line: no Esc-Enter to learn; each line is kept on Enter."""
        old = default.split("\n") if default else []
        hint = (hint + " " if hint else "") + t("ask.paragraph_hint")
        lines = [self._line(prompt, old[0] if old else "", hint, depth)]
        if not lines[0].strip():
            return ""
        while True:
            if keep is not None:
                keep(lines)
            index = len(lines)
            line = self._line("…", old[index] if index < len(old) else "", "", depth)
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
        choices: list[Any] = [questionary.Choice(label, value=value) for value, label in options]
        known = {value for value, _ in options}
        if other:
            choices.append(questionary.Choice(t("ask.other"), value="\0other"))
        choices.append(questionary.Choice(t("ask.skip"), value="\0skip"))
        start = default if default in known else ("\0other" if default else None)
        answer = self._run(
            questionary.select(
                prompt,
                choices,
                default=start,
                qmark="  " * depth + "?",
                instruction=hint or t("ask.select_keys"),
                style=_STYLE,
            )
        )
        if answer == "\0skip":
            return None
        if answer == "\0other":
            previous = default if default and default not in known else ""
            text = self._line(t("ask.other"), previous, "", depth)
            return text.strip() or None
        return str(answer)

    def multiselect(
        self,
        prompt: str,
        options: Options,
        *,
        default: list[str],
        other: bool,
        hint: str,
        depth: int,
    ) -> list[str]:
        known = {value for value, _ in options}
        choices = [
            questionary.Choice(label, value=value, checked=value in default)
            for value, label in options
        ]
        chosen = list(
            self._run(
                checkbox(
                    prompt,
                    choices,
                    qmark="  " * depth + "?",
                    instruction=hint or t("ask.checkbox_keys"),
                    style=_STYLE,
                )
            )
            or []
        )
        if other:
            previous = ", ".join(v for v in default if v not in known)
            extra = self._line(t("ask.other_many"), previous, "", depth + 1)
            chosen += [part.strip() for part in extra.split(",") if part.strip()]
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
        """Pick the most important, then the next, until done or `limit`."""
        labels = dict(options)
        order: list[str] = []
        if default:
            self.info(t("ask.rank_current", order=", ".join(labels.get(v, v) for v in default)))
        while len(order) < len(options) and (limit is None or len(order) < limit):
            remaining = [
                questionary.Choice(labels[v], value=v) for v, _ in options if v not in order
            ]
            if order:
                remaining.append(questionary.Choice(t("ask.rank_done"), value="\0done"))
            elif default:
                remaining.append(questionary.Choice(t("ask.rank_keep"), value="\0keep"))
            position = len(order) + 1
            try:
                answer = self._run(
                    questionary.select(
                        t("ask.rank_position", prompt=prompt, position=position),
                        remaining,
                        qmark="  " * depth + "?",
                        instruction=hint or t("ask.select_keys"),
                        style=_STYLE,
                    )
                )
            except GoBack:
                if not order:
                    raise
                order.pop()
                continue
            if answer == "\0keep":
                return list(default)
            if answer == "\0done":
                break
            order.append(str(answer))
        return order

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
        self.info(f"{prompt} — {t('ask.vote_budget', budget=budget)}")
        votes: dict[str, int] = {}
        index = 0
        while index < len(options):
            value, label = options[index]
            left = budget - sum(votes.values())
            try:
                number = self.number(
                    t("ask.vote_for", label=label, left=left),
                    default=float(default[value]) if default.get(value) else None,
                    whole=True,
                    hint=hint,
                    depth=depth + 1,
                )
            except GoBack:
                if index == 0:
                    raise
                index -= 1
                votes.pop(options[index][0], None)
                continue
            dots = int(number or 0)
            if dots > left:
                self.warn(t("answer.vote_budget", budget=budget, total=budget - left + dots))
                continue
            if limit is not None and dots > limit:
                self.warn(t("answer.vote_max", max=limit))
                continue
            votes[value] = dots
            index += 1
        return votes

    def confirm(self, prompt: str, *, default: bool | None, hint: str, depth: int) -> bool | None:
        """Ja / Nee as a choice: questionary's own confirm only knows the keys y and n."""
        options = [("ja", t("review.yes").capitalize()), ("nee", t("review.no").capitalize())]
        start = {True: "ja", False: "nee", None: None}[default]
        answer = self.select(prompt, options, default=start, other=False, hint=hint, depth=depth)
        return None if answer is None else answer == "ja"

    def number(
        self, prompt: str, *, default: float | None, whole: bool, hint: str, depth: int
    ) -> float | None:
        shown = "" if default is None else f"{default:g}"
        while True:
            answer = self._line(prompt, shown, hint, depth).strip()
            if not answer:
                return None
            value = parse_number(answer, whole)
            if value is not None:
                return value
            self.warn(t("ask.whole_number" if whole else "ask.number"))
            shown = answer

    def choose(self, prompt: str, actions: Options) -> str:
        choices = [questionary.Choice(label, value=key) for key, label in actions]
        return str(
            self._run(
                questionary.select(prompt, choices, instruction=t("ask.select_keys"), style=_STYLE)
            )
        )


_BOLD = re.compile(r"\*\*(.+?)\*\*")
_BULLET = re.compile(r"^\s*(?:[-*]|\d+[.)])\s")


def _print(*parts: tuple[str, str]) -> None:
    """Styled text through prompt_toolkit, which the prompts have loaded already."""
    print_formatted_text(FormattedText(list(parts)))


def _width() -> int:
    return min(shutil.get_terminal_size().columns, 100)


def _intro(intro: str, width: int) -> list[tuple[str, str]]:
    """A section intro as styled text: lines reflowed to the width, bullets kept, `**bold**`."""
    lines: list[str] = []
    for line in intro.strip().splitlines():
        if lines and lines[-1] and line.strip() and not _BULLET.match(line):
            lines[-1] += " " + line.strip()
        else:
            lines.append(line.strip())
    text = "\n".join(textwrap.fill(line, width) if line else "" for line in lines)
    pieces = _BOLD.split(text)  # text, bold, text, bold, …
    return [("bold" if index % 2 else "", piece) for index, piece in enumerate(pieces) if piece]


_DONE = re.compile(r"done(?: \((\d+) selections\))?")


def checkbox(*args: Any, **kwargs: Any) -> Any:
    """questionary's checkbox, which says `done (3 selections)` once answered, in our words.

    questionary has no setting for those words: the tokens of this one prompt are translated
    as its layout is made (prompts.common.create_inquirer_layout, swapped only meanwhile).
    """
    from prompt_toolkit.formatted_text import to_formatted_text
    from questionary.prompts import common

    def ours(tokens: Callable[[], Any]) -> Callable[[], Any]:
        def translated() -> Any:
            result = []
            for style, text, *rest in to_formatted_text(tokens()):
                done = _DONE.fullmatch(text) if style == "class:answer" else None
                if done:
                    count = int(done.group(1) or 0)
                    text = tn("ask.checkbox_done", count) if count else t("ask.checkbox_none")
                result.append((style, text, *rest))
            return result

        return translated

    original = common.create_inquirer_layout

    def layout(control: Any, tokens: Callable[[], Any], **options: Any) -> Any:
        return original(control, ours(tokens), **options)

    common.create_inquirer_layout = layout  # type: ignore[assignment]
    try:
        return questionary.checkbox(*args, **kwargs)
    finally:
        common.create_inquirer_layout = original
