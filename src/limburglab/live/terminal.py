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
from prompt_toolkit.filters import is_done, to_filter
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.layout import (
    BufferControl,
    ConditionalContainer,
    FormattedTextControl,
    HSplit,
    Window,
    walk,
)
from prompt_toolkit.layout.processors import Processor, Transformation, TransformationInput
from prompt_toolkit.layout.utils import explode_text_fragments
from prompt_toolkit.shortcuts import clear
from prompt_toolkit.utils import get_cwidth

from limburglab.flow.model import Section, format_seconds
from limburglab.live import asking
from limburglab.live.asking import GoBack, Options, Stop, Typing, hints, lines_of, sentence
from limburglab.live.plain import BACK, parse_number
from limburglab.messages import t, tn
from limburglab.session.display import number_text

_back_keys = KeyBindings()


@_back_keys.add("c-b")
def _go_back(event: Any) -> None:
    event.app.exit(exception=GoBack(event.app.current_buffer.text))


@_back_keys.add("c-c")
def _stop(event: Any) -> None:
    """Ctrl-C stops the session, keeping the text typed so far as a draft."""
    event.app.exit(exception=Stop(130, event.app.current_buffer.text))


_STYLE = questionary.Style(
    [
        ("qmark", "fg:#2a9d8f bold"),
        ("instruction", "fg:#888888 italic"),
        ("bottom-toolbar", "reverse"),
    ]
)


class TerminalPrompter:
    """Asks with questionary in a real terminal; Ctrl-B or `<` goes back.

    Each question of the walk redraws the screen (`frame`): the section's header, what it
    captured so far, messages since the last question, then the question with its help and
    key hints on their own lines above the input. Nothing is cut: long lines wrap at spaces.
    """

    def __init__(self) -> None:
        self.status: Callable[[], str] = lambda: t("run.status_keys")
        self.typing: Typing = lambda text, line: None
        self.header: list[tuple[str, str]] = []
        self.intro: list[tuple[str, str]] = []
        self.notes: list[tuple[str, str]] = []
        self.framed = False
        self.pasted_in_choice = False

    # --- output -----------------------------------------------------------------------------

    def set_status(self, status: Callable[[], str]) -> None:
        self.status = status

    def set_typing(self, typing: Typing) -> None:
        self.typing = typing

    def section(self, number: int, total: int, section: Section) -> None:
        timebox = f"  ·  {format_seconds(section.timebox)}" if section.timebox else ""
        title = f" {t('run.section', number=number, total=total, title=section.title)}{timebox} "
        width = _width()
        if len(title) + 4 <= width:
            rule = "─" * (width - len(title) - 2)
            self.header = [
                ("fg:ansicyan", "──"),
                ("bold fg:ansicyan", title),
                ("fg:ansicyan", rule),
            ]
        else:
            self.header = [("bold fg:ansicyan", _fill(title.strip(), width))]
        self.intro = _intro(section.intro, width) if section.intro else []
        self.intro += [("", "\n"), ("fg:ansibrightblack italic", _keys(t("run.keys_hint"), width))]
        _print(("", "\n"), *self.header)
        _print(*self.intro)

    def frame(self, lines: list[tuple[int, str]]) -> None:
        """Redraw: header, the answers so far (the last ones that fit), the messages since the
        last question. Going back shows the same view, never a second copy of it."""
        width = _width()
        rows = shutil.get_terminal_size().lines
        clear()
        out: list[tuple[str, str]] = [*self.header, ("", "\n")]
        if not lines:
            out += [*self.intro, ("", "\n")]
        room = max(3, rows - 12)
        if len(lines) > room:
            hidden = len(lines) - room + 1
            out.append(("fg:ansibrightblack", t("run.earlier_lines", count=hidden) + "\n"))
            lines = lines[hidden:]
        for depth, text in lines:
            indent = "  " * depth + "· "
            out.append(("fg:ansibrightblack" if depth else "", _clip(indent + text, width) + "\n"))
        for style, note in self.notes:
            out.append((style, _fill(note, width) + "\n"))
        self.notes = []
        _print(*out)
        self.framed = True

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
        self._note("", message)

    def warn(self, message: str) -> None:
        self._note("bold fg:ansiyellow", f"! {message}")

    def refuse(self, message: str) -> None:
        self.warn(message)

    def _note(self, style: str, message: str) -> None:
        """Said at once, and again under the next redraw (which would otherwise wipe it)."""
        _print((style, _fill(message, _width())))
        self.notes.append((style, message))

    # --- prompts ----------------------------------------------------------------------------

    def _lead(self, prompt: str, hint: str, depth: int) -> str:
        """The question and its hints on lines of their own; the input's mark."""
        width = _width()
        indent = "  " * depth
        parts: list[tuple[str, str]] = [
            ("class:qmark", indent + ("• " if depth else "? ")),
            ("bold", _fill(prompt, width, indent + "  ").lstrip()),
        ]
        for line in hint.split("\n") if hint else []:
            parts += [("", "\n"), ("fg:ansibrightblack italic", _fill(line, width, indent + "  "))]
        _print(*parts)
        return indent + "  ›"

    def _run(
        self,
        question: Any,
        indent: int = 0,
        *,
        choosing: bool = False,
        line: int | None = None,
        typed: Callable[[], str] | None = None,
    ) -> Any:
        """Run a prompt with the back key, wrapped lines, word wrap in the input (its wrapped
        lines start under its first column, `indent`) and the status line under it. A paste is
        text in the input, and nothing in a choice (see `keyboard`). What stands in a text
        input (or, in a choice, `typed`: the order of a ranking so far) is told to `typing` now
        and then, with `line`, the answer's line it corrects."""
        from limburglab.live.keyboard import PasteAwareInput

        application = question.application
        self.pasted_in_choice = False
        application.input = PasteAwareInput(
            application.input, choosing=choosing, pasted=self._pasted if choosing else None
        )
        application.key_bindings = merge_key_bindings([application.key_bindings, _back_keys])
        _wrap_windows(application.layout.container)
        for window in walk(application.layout.container):
            if isinstance(window, Window) and isinstance(window.content, BufferControl):
                control = window.content
                control.input_processors = [*(control.input_processors or []), WordWrap(indent)]
                window.get_line_prefix = _prefix(window.get_line_prefix, indent)
        container = application.layout.container
        if isinstance(container, HSplit):
            container.children.append(
                ConditionalContainer(
                    Window(
                        FormattedTextControl(self._toolbar),
                        wrap_lines=True,
                        dont_extend_height=True,
                    ),
                    filter=~is_done,
                )
            )
        application.refresh_interval = 1.0
        if typed is None and not choosing:
            typed = lambda: application.current_buffer.text  # noqa: E731
        if typed is not None:
            told = typed
            application.pre_run_callables.append(
                lambda: application.create_background_task(self._watch_typing(told, line))
            )
        try:
            answer = question.unsafe_ask()
            self.notes = []  # said before this answer, seen with it: not again after a redraw
            return answer
        except OSError:
            # A closed window (SIGHUP): the last redraw fails on the gone terminal; the stop
            # that the signal asked for, with its text, is what happened.
            if asking.stopping is not None:
                raise asking.stopping from None
            raise

    async def _watch_typing(self, typed: Callable[[], str], line: int | None) -> None:
        """Tell `typing` what stands in the input, twice a second while the prompt runs."""
        import asyncio

        while True:
            await asyncio.sleep(_TYPING_EVERY)
            self.typing(typed(), line)

    def _pasted(self, text: str) -> None:
        from prompt_toolkit.application import get_app_or_none

        self.pasted_in_choice = True
        application = get_app_or_none()
        if application is not None:
            application.invalidate()  # said at once, not at the next tick of the clock

    def _toolbar(self) -> FormattedText:
        """The section's clock and the keys; a short form of the keys when narrow. After a paste
        in a choice, the line says that a paste chooses nothing."""
        if self.pasted_in_choice:
            return FormattedText([("class:bottom-toolbar", " " + t("ask.paste_in_choice") + " ")])
        full = " " + self.status() + " "
        short_keys = full.replace(t("run.status_keys"), t("run.status_keys_short"))
        clock_only = short_keys.split(": ", 1)[-1] if ": " in short_keys else short_keys
        width = _width()
        text = next((x for x in (full, short_keys, " " + clock_only) if len(x) <= width), full)
        return FormattedText([("class:bottom-toolbar", text)])

    def _line(
        self,
        prompt: str,
        default: str,
        hint: str,
        depth: int,
        suggestion: str = "",
        line: int | None = None,
    ) -> str:
        """One line of input; `line` is the line of the answer it corrects (None: a new one),
        told with the text being typed and with an interruption or a step back."""
        mark = self._lead(prompt, hint, depth)
        question = questionary.text(
            "",
            default=default,
            qmark=mark,
            style=_STYLE,
            placeholder=FormattedText([("fg:ansibrightblack", suggestion)]) if suggestion else None,
        )
        try:
            answer = str(self._run(question, len(mark) + 2, line=line) or "")
        except (GoBack, Stop) as exc:
            exc.line = line
            raise
        if answer.strip() == BACK:
            raise GoBack
        if not answer.strip() and suggestion:
            return suggestion
        return answer

    def text(
        self, prompt: str, *, default: str, hint: str, depth: int, suggestion: str = ""
    ) -> str:
        return self._line(prompt, default, hint, depth, suggestion)

    def paragraph(
        self,
        prompt: str,
        *,
        default: str,
        hint: str,
        depth: int,
        keep: Callable[[list[str]], None] | None = None,
    ) -> str:
        """Lines until an empty line: no Esc-Enter to learn; each line is kept on Enter.

        The lines there already are offered one by one; one cleared with Enter is taken out, and
        the rest still come. `keep` receives the whole text as it stands after each Enter.
        """
        old = default.split("\n") if default else []
        lines: list[str] = []
        first = True
        while True:
            offered = old.pop(0) if old else None
            line = self._line(
                prompt if first else "…",
                offered or "",
                hints(hint, t("ask.paragraph_hint")) if first else "",
                depth,
                line=len(lines) if offered is not None else None,  # its place in what is kept
            )
            first = False
            if offered is None and not line.strip():
                return "\n".join(lines)
            if line.strip():
                lines.append(line)
            if keep is not None:
                keep([*lines, *old])

    def _pick(
        self,
        prompt: str,
        choices: list[Any],
        hint: str,
        depth: int,
        typed: Callable[[], str] | None = None,
        **kw: Any,
    ) -> Any:
        mark = self._lead(prompt, hint, depth)
        return self._run(
            questionary.select("", choices, qmark=mark, instruction=" ", style=_STYLE, **kw),
            choosing=True,
            typed=typed,
        )

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
        choices: list[Any] = [
            questionary.Choice(_label(label), value=value) for value, label in options
        ]
        known = {value for value, _ in options}
        if other:
            choices.append(questionary.Choice(t("ask.other"), value="\0other"))
        choices.append(questionary.Choice(t("ask.skip"), value="\0skip"))
        start = default if default in known else ("\0other" if default else None)
        answer = self._pick(
            prompt, choices, hints(hint, t("ask.select_keys")), depth, default=start
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
        keep: Callable[[list[str]], None] | None = None,
    ) -> list[str]:
        """The ticks, then (with `other`) one free answer per line, a comma belonging to the
        answer. Back from an "other" line returns to the ticks, with everything kept."""
        known = {value for value, _ in options}
        save = keep or (lambda value: None)
        while True:
            choices = [
                questionary.Choice(_label(label), value=value, checked=value in default)
                for value, label in options
            ]
            mark = self._lead(prompt, hints(hint, t("ask.checkbox_keys")), depth)
            ticked = list(
                self._run(
                    checkbox("", choices, qmark=mark, instruction=" ", style=_STYLE), choosing=True
                )
                or []
            )
            if not other:
                return ticked
            previous = [v for v in default if v not in known]
            extra: list[str] = []
            save(ticked + previous)
            offered: str | None = None
            try:
                while True:
                    offered = previous.pop(0) if previous else None
                    line = self._line(
                        t("ask.other_one"),
                        offered or "",
                        t("ask.other_one_hint"),
                        depth + 1,
                        line=len(ticked) + len(extra) if offered is not None else None,
                    ).strip()
                    if line:
                        extra += lines_of(line)  # pasted lines: one answer each
                    elif offered is None:
                        return ticked + extra
                    save(ticked + extra + previous)
            except GoBack:  # the line on offer is not lost by going back
                default = ticked + extra + ([offered] if offered else []) + previous

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
        try:
            while len(order) < len(options) and (limit is None or len(order) < limit):
                remaining = [
                    questionary.Choice(_label(labels[v]), value=v)
                    for v, _ in options
                    if v not in order
                ]
                if order:
                    remaining.append(questionary.Choice(t("ask.rank_done"), value="\0done"))
                elif default:
                    remaining.append(questionary.Choice(t("ask.rank_keep"), value="\0keep"))
                position = len(order) + 1
                try:
                    answer = self._pick(
                        t("ask.rank_position", prompt=prompt, position=position),
                        remaining,
                        hints(hint, t("ask.select_keys")),
                        depth,
                        typed=lambda: "\n".join(order),
                    )
                except GoBack:
                    if not order:
                        raise
                    order.pop()
                    self.typing("\n".join(order), None)
                    continue
                if answer == "\0keep":
                    return list(default)
                if answer == "\0done":
                    break
                order.append(str(answer))
                self.typing("\n".join(order), None)
        except Stop as stop:  # the order made so far is kept as a draft
            stop.buffer = "\n".join(order)
            raise
        except KeyboardInterrupt:  # Ctrl-C between two prompts, before the keys are ours
            raise Stop(130, "\n".join(order)) from None
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
                self.warn(
                    sentence(t("answer.vote_budget", budget=budget, total=budget - left + dots))
                )
                continue
            if limit is not None and dots > limit:
                self.warn(sentence(t("answer.vote_max", max=limit)))
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
        suggestion = "" if default is None else number_text(default)
        typed = ""
        while True:
            answer = self._line(prompt, typed, hint, depth, suggestion).strip()
            if not answer:
                return None
            value = parse_number(answer, whole)
            if value is not None:
                return value
            self.warn(sentence(t("ask.whole_number" if whole else "ask.number")))
            typed = answer

    def choose(self, prompt: str, actions: Options) -> str:
        choices = [questionary.Choice(_label(label), value=key) for key, label in actions]
        return str(self._pick(prompt, choices, t("ask.select_keys"), 0))


#: How often a text input tells what stands in it (written beside the session at most every 2 s).
_TYPING_EVERY = 0.5
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_BULLET = re.compile(r"^\s*(?:[-*]|\d+[.)])\s")


def _print(*parts: tuple[str, str]) -> None:
    """Styled text through prompt_toolkit, which the prompts have loaded already."""
    print_formatted_text(FormattedText(list(parts)))


def _width() -> int:
    return max(20, min(shutil.get_terminal_size().columns - 1, 100))


def _fill(text: str, width: int, indent: str = "") -> str:
    """Wrapped at spaces, each line of the text on its own; a word longer than a line breaks."""
    return "\n".join(
        textwrap.fill(line, width, initial_indent=indent, subsequent_indent=indent) or indent
        for line in text.split("\n")
    )


def _label(label: str) -> str:
    """A choice as shown in a list: wrapped at spaces under its own start, never cut."""
    return textwrap.fill(label, max(10, _width() - 6), subsequent_indent="    ")


def _clip(text: str, width: int) -> str:
    """One line of context: shortened with "…" when it does not fit."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _keys(text: str, width: int) -> str:
    """A line of key hints, broken only between hints (at " · "), never inside one."""
    lines: list[str] = []
    for part in text.split(" · "):
        if lines and len(lines[-1]) + 3 + len(part) <= width:
            lines[-1] += " · " + part
        else:
            lines.append(part)
    return "\n".join(lines)


def _prefix(first: Any, indent: int) -> Any:
    """The prompt before a line (prompt_toolkit's own prefix), spaces before its wrapped rows."""

    def prefix(line: int, wrap_count: int) -> Any:
        if wrap_count:
            return " " * indent
        return first(line, wrap_count) if first is not None else ""

    return prefix


class WordWrap(Processor):
    """Wraps the input at spaces, as a person writes: when the next word does not fit on the
    line, the space before it is widened to the line's end (on screen only, never in the text).
    A word longer than a whole line still breaks."""

    def __init__(self, indent: int = 0) -> None:
        self.indent = indent

    def apply_transformation(self, ti: TransformationInput) -> Transformation:
        width, indent = ti.width, self.indent
        if width <= indent + 1:
            return Transformation(ti.fragments)
        chars = explode_text_fragments(ti.fragments)
        text = "".join(c[1] for c in chars)
        out: list[Any] = []
        added = [0] * (len(chars) + 1)  # extra cells inserted before each position
        column, extra = indent, 0  # the prompt before the first row, or the indent after it
        for index, fragment in enumerate(chars):
            added[index] = extra
            char = fragment[1]
            if char == " " and column > indent:
                end = text.find(" ", index + 1)
                word = text[index + 1 : end if end >= 0 else len(text)]
                cells = get_cwidth(word)
                if 0 < cells <= width - indent and column + 1 + cells > width > column:
                    pad = width - column
                    out.append((fragment[0], " " * pad))
                    extra += pad - 1
                    column = indent
                    continue
            out.append(fragment)
            cells = get_cwidth(char)
            column = indent + cells if column + cells > width else column + cells
        added[len(chars)] = extra

        def to_display(position: int) -> int:
            return position + added[min(max(position, 0), len(chars))]

        def to_source(position: int) -> int:
            for index in range(len(chars), -1, -1):
                if index + added[index] <= position:
                    return index
            return 0

        return Transformation(out, source_to_display=to_display, display_to_source=to_source)


def _wrap_windows(container: Any) -> None:
    """Every window of a prompt wraps its lines (a long choice, a long prompt): nothing is cut;
    the continuation of a wrapped choice is indented under its text."""
    for window in walk(container):
        if isinstance(window, Window) and not isinstance(window.content, BufferControl):
            window.wrap_lines = to_filter(True)
            window.get_line_prefix = lambda line, wrap_count: "    " if wrap_count else ""


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
