"""Asking one question: the flow's rules at entry time, lists with follow-ups, list editing.

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
from limburglab.messages import t
from limburglab.session import rules

Options = list[tuple[str, str]]
Publish = Callable[[Any], None]


class GoBack(Exception):
    """The leader asked to go back one question."""


class Prompter(Protocol):
    """Shows one prompt and reads one raw answer; raises GoBack on the back key or `<`."""

    def set_status(self, status: Callable[[], str]) -> None:
        """Where to read the line shown while asking (the section's time)."""

    def section(self, number: int, total: int, section: Section) -> None:
        """Open a section: number and total, title, intro and timebox."""

    def review(self, lines: list[tuple[int, str]]) -> None:
        """Show captured answers as indented lines (depth, text)."""

    def info(self, message: str) -> None: ...

    def warn(self, message: str) -> None: ...

    def text(self, prompt: str, *, default: str, hint: str, depth: int) -> str: ...

    def paragraph(self, prompt: str, *, default: str, hint: str, depth: int) -> str: ...

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
    ) -> list[str]: ...

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
    ) -> float | None: ...

    def choose(self, prompt: str, actions: Options) -> str: ...


def _options(choices: list[Choice]) -> Options:
    return [(choice.value, choice.text) for choice in choices]


def _in_place(publish: Publish, before: list[Any], after: list[Any]) -> Publish:
    """Publish a growing entry in its place between `before` and `after`."""
    return lambda item: publish([*before, item, *after])


class Asker:
    """Asks questions of a flow through a prompter, until each answer keeps the flow's rules."""

    def __init__(self, flow: Flow, prompter: Prompter) -> None:
        self.flow = flow
        self.prompter = prompter

    def ask(
        self,
        question: Question,
        context: dict[str, Any],
        current: Any = None,
        *,
        depth: int = 0,
        publish: Publish | None = None,
        resume: bool = False,
    ) -> Any:
        """The answer to `question` (None: skipped); `current` is offered for editing.

        `publish` receives each intermediate state of a list, so that it can be saved as soon
        as an entry is confirmed; with `resume`, a list continues after its current entries.
        """
        prompt = expressions.render(question.prompt, context)
        hint = question.help or ""
        if isinstance(question, ListQuestion):
            entries = list(current or [])
            publish = publish or (lambda value: None)
            if entries and not resume:
                return self._edit_list(question, context, entries, depth, publish) or None
            if entries:
                self.prompter.info(t("ask.list_so_far", title=question.title))
                self._show_entries(entries)
            return self._add_entries(question, context, entries, depth, publish) or None
        if isinstance(question, (TextQuestion, ParagraphQuestion)):
            return self._text(question, prompt, hint, current, depth)
        if isinstance(question, ConfirmQuestion):
            default = current if isinstance(current, bool) else question.default
            while True:
                value = self.prompter.confirm(prompt, default=default, hint=hint, depth=depth)
                if value is None and question.required:
                    self.prompter.warn(t("answer.required"))
                    continue
                return value
        if isinstance(question, (NumberQuestion, ScaleQuestion)):
            return self._number(question, prompt, hint, current, depth)
        return self._choice(question, prompt, hint, context, current, depth)

    # --- text and numbers -------------------------------------------------------------------

    def _text(
        self,
        question: TextQuestion | ParagraphQuestion,
        prompt: str,
        hint: str,
        current: Any,
        depth: int,
    ) -> str | None:
        default = current if isinstance(current, str) else (question.default or "")
        ask = (
            self.prompter.paragraph
            if isinstance(question, ParagraphQuestion)
            else self.prompter.text
        )
        while True:
            value = ask(prompt, default=default, hint=hint, depth=depth).strip()
            if not value:
                if question.required:
                    self.prompter.warn(t("answer.required"))
                    continue
                return None
            message = rules.check_text(question, value)
            if message is None:
                return value
            self.prompter.warn(message)
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
            hint = (hint + " " if hint else "") + t("ask.scale", min=question.min, max=question.max)
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
                    self.prompter.warn(t("answer.required"))
                    continue
                return None
            message = rules.check_number(question, value)
            if message is None:
                return int(value) if float(value).is_integer() else value
            self.prompter.warn(message)

    # --- choices ----------------------------------------------------------------------------

    def _choice(
        self,
        question: Question,
        prompt: str,
        hint: str,
        context: dict[str, Any],
        current: Any,
        depth: int,
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
                )
                message = (
                    rules.check_count(question.min, question.max, len(value)) if value else None
                )
            elif isinstance(question, RankQuestion):
                default_list = current if isinstance(current, list) else (question.default or [])
                value = self.prompter.rank(
                    prompt,
                    options,
                    default=default_list,
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
                    self.prompter.warn(t("answer.required"))
                    continue
                return None
            if message is None:
                return value
            self.prompter.warn(message)

    # --- lists ------------------------------------------------------------------------------

    def _add_entries(
        self,
        question: ListQuestion,
        context: dict[str, Any],
        entries: list[Any],
        depth: int,
        publish: Publish,
    ) -> list[Any]:
        """Ask entries until an empty one; `<` on an empty entry reopens the one before."""
        reopened: Any = None
        while question.max is None or len(entries) < question.max:
            try:
                entry = self._entry(
                    question,
                    context,
                    reopened,
                    depth,
                    len(entries) + 1,
                    _in_place(publish, entries, []),
                )
            except GoBack:
                if not entries:
                    raise
                reopened = entries.pop()
                publish(entries)
                continue
            reopened = None
            if entry is None:
                if question.min and len(entries) < question.min:
                    self.prompter.warn(rules.check_count(question.min, None, len(entries)) or "")
                    continue
                if question.required and not entries:
                    self.prompter.warn(t("answer.required"))
                    continue
                break
            entries.append(entry)
            publish(entries)
        return entries

    def _entry(
        self,
        question: ListQuestion,
        context: dict[str, Any],
        existing: Any,
        depth: int,
        number: int,
        publish: Publish,
    ) -> Any:
        """One entry with its follow-ups; None when the leader leaves the entry empty.

        `publish` receives the entry as it grows, to be saved in its place in the list.
        """
        default = entry_text(existing) if existing is not None else ""
        old = existing if isinstance(existing, dict) else {}
        while True:
            text = self.prompter.text(
                expressions.render(question.prompt, context),
                default=default,
                hint=t("ask.list_hint", number=number),
                depth=depth,
            ).strip()
            if not text:
                return None
            publish({**old, "text": text} if old else text)  # saved before its follow-ups
            item: dict[str, Any] = {"text": text}
            index = 0
            applicable: list[int] = []
            while index < len(question.item):
                followup = question.item[index]
                inner = {**context, "item": dict(item)}
                if not expressions.holds(followup.when, inner):
                    index += 1
                    continue

                def publish_inner(
                    value: Any, key: str = followup.id, grown: dict[str, Any] = item
                ) -> None:
                    publish({**grown, key: value})

                try:
                    value = self.ask(
                        followup,
                        inner,
                        item.get(followup.id, old.get(followup.id)),
                        depth=depth + 1,
                        publish=publish_inner,
                    )
                except GoBack:
                    if not applicable:
                        default = text
                        break
                    index = applicable.pop()
                    continue
                if value is None:
                    item.pop(followup.id, None)
                else:
                    item[followup.id] = value
                publish(item if len(item) > 1 else item["text"])
                applicable.append(index)
                index += 1
            else:
                return item if len(item) > 1 else item["text"]

    def _edit_list(
        self,
        question: ListQuestion,
        context: dict[str, Any],
        entries: list[Any],
        depth: int,
        publish: Publish,
    ) -> list[Any]:
        """Change, delete, insert or move single entries without retyping the others."""
        while True:
            self._show_entries(entries)
            action = self.prompter.choose(
                t("ask.list_action", title=question.title),
                [
                    (key, t(f"ask.list_{key}"))
                    for key in ("done", "add", "change", "insert", "delete", "move")
                ],
            )
            if action == "done":
                return entries
            if action == "add":
                entries = self._add_entries(question, context, entries, depth, publish)
                continue
            if not entries:
                continue
            try:
                index = self._pick(entries, t("ask.which_entry"))
                before, after = entries[:index], entries[index:]
                if action == "change":
                    changed = self._entry(
                        question,
                        context,
                        entries[index],
                        depth,
                        index + 1,
                        _in_place(publish, before, after[1:]),
                    )
                    if changed is not None:
                        entries[index] = changed
                elif action == "insert":
                    new = self._entry(
                        question,
                        context,
                        None,
                        depth,
                        index + 1,
                        _in_place(publish, before, after),
                    )
                    if new is not None:
                        entries.insert(index, new)
                elif action == "delete":
                    entries.pop(index)
                elif action == "move":
                    target = self._pick(entries, t("ask.move_to"))
                    entries.insert(target, entries.pop(index))
            except GoBack:
                continue
            publish(entries)

    def _show_entries(self, entries: list[Any]) -> None:
        numbered = (f"{n}. {entry_text(e)}" for n, e in enumerate(entries, start=1))
        self.prompter.info("\n".join(numbered) or t("ask.list_empty"))

    def _pick(self, entries: list[Any], prompt: str) -> int:
        options = [(str(n), entry_text(e)) for n, e in enumerate(entries)]
        chosen = self.prompter.select(prompt, options, default=None, other=False, hint="", depth=0)
        if chosen is None:
            raise GoBack
        return int(chosen)
