"""Which question comes next: the order of the flow under its `when` conditions. No I/O.

Two grains. A `Step` is one top-level question in its section. A `Slot` is one place where the
leader types or chooses: a question, one entry of a list, or a follow-up of an entry. The walk
goes slot by slot; the answers never change by walking, so going back and forth moves only a
cursor (a slot's location).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from limburglab.flow import Flow, ListQuestion, Question, Section, expressions
from limburglab.session import tree
from limburglab.session.tree import Answers, Loc


@dataclass(frozen=True)
class Step:
    """One top-level question in its section."""

    section: Section
    question: Question

    @property
    def path(self) -> str:
        return f"{self.section.id}.{self.question.id}"

    @property
    def loc(self) -> Loc:
        return (self.section.id, self.question.id)


@dataclass(frozen=True)
class Slot:
    """One place to type or choose.

    `loc` addresses its value in the answers (see `tree`). For an entry slot (`loc` ends in an
    index) `question` is the list; an index equal to the list's length is the empty line that
    adds an entry, or closes the list when left empty. `item` is the entry a follow-up (or an
    entry of a nested list) belongs to: the `item` of its prompt and condition.
    """

    loc: Loc
    section: Section
    question: Question
    item: Mapping[str, Any] | None = field(default=None, compare=False)

    @property
    def path(self) -> str:
        return tree.format_loc(self.loc)

    @property
    def is_entry(self) -> bool:
        return isinstance(self.loc[-1], int)

    @property
    def index(self) -> int:
        """The entry's index (entry slots only)."""
        index = self.loc[-1]
        assert isinstance(index, int)
        return index

    @property
    def list_loc(self) -> Loc:
        """The location of the list an entry slot belongs to."""
        return self.loc[:-1]

    @property
    def step_loc(self) -> Loc:
        return self.loc[:2]

    @property
    def depth(self) -> int:
        """How deep to indent: 0 for a question and the entries of its list, +1 per follow-up."""
        indices = sum(isinstance(part, int) for part in self.loc)
        return indices - (1 if self.is_entry else 0)


def flat(answers: Answers) -> dict[str, Any]:
    """All answers by question id: the names `when` conditions and prompts use."""
    return {qid: value for section in answers.values() for qid, value in section.items()}


def steps(flow: Flow, answers: Answers) -> list[Step]:
    """The questions that apply, in order, given the answers so far."""
    context = flat(answers)
    return [
        Step(section, question)
        for section in flow.sections
        if expressions.holds(section.when, context)
        for question in section.questions
        if expressions.holds(question.when, context)
    ]


def _index(all_steps: list[Step], path: str | None) -> int | None:
    return next((i for i, step in enumerate(all_steps) if step.path == path), None)


def first(flow: Flow, answers: Answers) -> Step | None:
    applicable = steps(flow, answers)
    return applicable[0] if applicable else None


def after(flow: Flow, answers: Answers, path: str) -> Step | None:
    """The step after `path`, or None at the end of the flow."""
    applicable = steps(flow, answers)
    index = _index(applicable, path)
    if index is None:
        return first_open(flow, answers)
    return applicable[index + 1] if index + 1 < len(applicable) else None


def before(flow: Flow, answers: Answers, path: str) -> Step | None:
    """The step before `path`, or None at the very first question."""
    applicable = steps(flow, answers)
    index = _index(applicable, path)
    return applicable[index - 1] if index else None


def find(flow: Flow, answers: Answers, path: str | None) -> Step | None:
    """The step at `path` if it still applies."""
    applicable = steps(flow, answers)
    index = _index(applicable, path)
    return applicable[index] if index is not None else None


def first_open(flow: Flow, answers: Answers) -> Step | None:
    """The first question that applies and has no answer yet."""
    return next(
        (s for s in steps(flow, answers) if s.question.id not in answers.get(s.section.id, {})),
        None,
    )


def section_steps(flow: Flow, answers: Answers, section_id: str) -> list[Step]:
    return [step for step in steps(flow, answers) if step.section.id == section_id]


# --- slots ------------------------------------------------------------------------------------


def slots(step: Step, answers: Answers) -> list[Slot]:
    """The slots of one step, in walk order: a question is one slot; a list is each entry
    followed by its follow-ups that apply, then the slot that adds an entry (unless full)."""
    if not isinstance(step.question, ListQuestion):
        return [Slot(step.loc, step.section, step.question)]
    context = flat(answers) if _has_conditions(step.question) else {}
    return list(_list_slots(step.section, step.question, step.loc, answers, None, context))


def _has_conditions(question: ListQuestion) -> bool:
    return any(
        f.when or (isinstance(f, ListQuestion) and _has_conditions(f)) for f in question.item
    )


def _list_slots(
    section: Section,
    question: ListQuestion,
    loc: Loc,
    answers: Answers,
    item: Mapping[str, Any] | None,
    context: dict[str, Any],
) -> Iterator[Slot]:
    current = tree.entries(answers, loc)
    for index, entry in enumerate(current):
        yield Slot((*loc, index), section, question, item)
        inner = tree.entry_context(entry)
        for followup in question.item:
            if followup.when and not expressions.holds(followup.when, {**context, "item": inner}):
                continue
            followup_loc = (*loc, index, followup.id)
            if isinstance(followup, ListQuestion):
                yield from _list_slots(section, followup, followup_loc, answers, inner, context)
            else:
                yield Slot(followup_loc, section, followup, inner)
    if question.max is None or len(current) < question.max:
        yield Slot((*loc, len(current)), section, question, item)


def is_open(slot: Slot, answers: Answers, skipped: set[Loc]) -> bool:
    """Not yet answered and not deliberately left empty: where the work goes on."""
    if slot.loc in skipped:
        return False
    if slot.is_entry:
        return slot.index >= len(tree.entries(answers, slot.list_loc))
    return tree.get(answers, slot.loc) is None


def slot_at(flow: Flow, answers: Answers, loc: Loc) -> Slot | None:
    """The slot at `loc` if it applies now."""
    step = _step(flow, answers, loc)
    if step is None:
        return None
    return next((slot for slot in slots(step, answers) if slot.loc == loc), None)


def slot_after(flow: Flow, answers: Answers, loc: Loc) -> Slot | None:
    """The slot after `loc` in walk order (None at the end of the flow).

    Computed on the answers as they are now, so after an entry was added its follow-ups come
    next. Found from the place itself, without listing every slot of a long list."""
    applicable = steps(flow, answers)
    position = next((i for i, s in enumerate(applicable) if s.loc == loc[:2]), None)
    if position is None:
        return None
    step = applicable[position]
    if isinstance(step.question, ListQuestion) and len(loc) > 2:
        inside = _Lists(step.section, answers).after(step.question, step.loc, None, loc[2:])
        if inside is not None:
            return inside
    return _first(applicable[position + 1], answers) if position + 1 < len(applicable) else None


def slot_before(flow: Flow, answers: Answers, loc: Loc) -> Slot | None:
    """The slot before `loc` in walk order (None at the very first one)."""
    applicable = steps(flow, answers)
    position = next((i for i, s in enumerate(applicable) if s.loc == loc[:2]), None)
    if position is None:
        return None
    step = applicable[position]
    if isinstance(step.question, ListQuestion) and len(loc) > 2:
        inside = _Lists(step.section, answers).before(step.question, step.loc, None, loc[2:])
        if inside is not None:
            return inside
    return _last(applicable[position - 1], answers) if position else None


def _first(step: Step, answers: Answers) -> Slot:
    if isinstance(step.question, ListQuestion):
        first = _Lists(step.section, answers).first_of_list(step.question, step.loc, None)
        if first is not None:
            return first
    return Slot(step.loc, step.section, step.question)


def _last(step: Step, answers: Answers) -> Slot:
    if isinstance(step.question, ListQuestion):
        last = _Lists(step.section, answers).last_of_list(step.question, step.loc, None)
        if last is not None:
            return last
    return Slot(step.loc, step.section, step.question)


class _Lists:
    """Moving one slot inside a list, from the place itself: the same order as `slots`, at the
    cost of the list's depth rather than its length."""

    def __init__(self, section: Section, answers: Answers) -> None:
        self.section = section
        self.answers = answers
        self._context: dict[str, Any] | None = None

    def applies(self, followup: Question, entry: Any) -> bool:
        if not followup.when:
            return True
        if self._context is None:
            self._context = flat(self.answers)
        return expressions.holds(
            followup.when, {**self._context, "item": tree.entry_context(entry)}
        )

    def entry_slot(
        self, question: ListQuestion, list_loc: Loc, index: int, item: Mapping[str, Any] | None
    ) -> Slot | None:
        """Entry `index`, or the add-an-entry slot when it is the length (unless full)."""
        length = len(tree.entries(self.answers, list_loc))
        if index < length or question.max is None or length < question.max:
            return Slot((*list_loc, index), self.section, question, item)
        return None

    def first_of_list(
        self, question: ListQuestion, list_loc: Loc, item: Mapping[str, Any] | None
    ) -> Slot | None:
        return self.entry_slot(question, list_loc, 0, item)

    def last_of_list(
        self, question: ListQuestion, list_loc: Loc, item: Mapping[str, Any] | None
    ) -> Slot | None:
        length = len(tree.entries(self.answers, list_loc))
        if question.max is None or length < question.max:
            return Slot((*list_loc, length), self.section, question, item)
        if not length:
            return None
        inner = self.in_entry(question, list_loc, length - 1, last=True)
        return inner or Slot((*list_loc, length - 1), self.section, question, item)

    def in_entry(
        self,
        question: ListQuestion,
        list_loc: Loc,
        index: int,
        *,
        last: bool = False,
        after: str | None = None,
        before: str | None = None,
    ) -> Slot | None:
        """The first (or `last`) slot inside entry `index`, among its follow-ups after `after`
        or before `before`."""
        entry = tree.entries(self.answers, list_loc)[index]
        item = tree.entry_context(entry)
        ids = [f.id for f in question.item]
        followups = list(question.item)
        if after is not None:
            followups = followups[ids.index(after) + 1 :]
        if before is not None:
            followups = followups[: ids.index(before)]
        for followup in reversed(followups) if last else followups:
            if not self.applies(followup, entry):
                continue
            followup_loc = (*list_loc, index, followup.id)
            if not isinstance(followup, ListQuestion):
                return Slot(followup_loc, self.section, followup, item)
            inner = (
                self.last_of_list(followup, followup_loc, item)
                if last
                else self.first_of_list(followup, followup_loc, item)
            )
            if inner is not None:
                return inner
        return None

    def after(
        self, question: ListQuestion, list_loc: Loc, item: Mapping[str, Any] | None, rest: Loc
    ) -> Slot | None:
        """The slot after `rest` (a place inside the list at `list_loc`), or None past it."""
        index = rest[0]
        length = len(tree.entries(self.answers, list_loc))
        if not isinstance(index, int) or index >= length:
            return None  # the add-an-entry slot (or a place gone): the list is done
        if len(rest) > 1:
            found = self._nested(self.after, question, list_loc, index, rest)
            if found is None:
                return None
            followup_id, inner = found
            if inner is not None:
                return inner
            following = self.in_entry(question, list_loc, index, after=followup_id)
        else:
            following = self.in_entry(question, list_loc, index)
        return following or self.entry_slot(question, list_loc, index + 1, item)

    def _nested(
        self,
        move: Callable[[ListQuestion, Loc, Mapping[str, Any] | None, Loc], Slot | None],
        question: ListQuestion,
        list_loc: Loc,
        index: int,
        rest: Loc,
    ) -> tuple[str, Slot | None] | None:
        """For a place in entry `index` at the follow-up `rest[1]`: that follow-up's id and the
        slot `move` finds inside it when it is a list (None there: past its edge); None for a
        follow-up the flow does not have."""
        followup_id = str(rest[1])
        followup = next((f for f in question.item if f.id == followup_id), None)
        if followup is None:
            return None
        if not isinstance(followup, ListQuestion) or len(rest) < 3:
            return followup_id, None
        item = tree.entry_context(tree.entries(self.answers, list_loc)[index])
        return followup_id, move(followup, (*list_loc, index, followup_id), item, rest[2:])

    def before(
        self, question: ListQuestion, list_loc: Loc, item: Mapping[str, Any] | None, rest: Loc
    ) -> Slot | None:
        """The slot before `rest` inside the list at `list_loc`, or None before its start."""
        index = rest[0]
        if not isinstance(index, int):
            return None
        length = len(tree.entries(self.answers, list_loc))
        if len(rest) > 1 and index < length:
            found = self._nested(self.before, question, list_loc, index, rest)
            if found is None:
                return None
            followup_id, inner = found
            if inner is not None:
                return inner
            preceding = self.in_entry(question, list_loc, index, last=True, before=followup_id)
            return preceding or Slot((*list_loc, index), self.section, question, item)
        index = min(index, length)
        if index == 0:
            return None
        inner = self.in_entry(question, list_loc, index - 1, last=True)
        return inner or Slot((*list_loc, index - 1), self.section, question, item)


def first_slot(flow: Flow, answers: Answers, section_id: str | None = None) -> Slot | None:
    """The first slot of the flow, or of one section."""
    for step in steps(flow, answers):
        if section_id is None or step.section.id == section_id:
            return slots(step, answers)[0]
    return None


def frontier(flow: Flow, answers: Answers, skipped: set[Loc]) -> Slot | None:
    """The first open slot in walk order: where a resumed session goes on (None: all done)."""
    for step in steps(flow, answers):
        for slot in slots(step, answers):
            if is_open(slot, answers, skipped):
                return slot
    return None


def _step(flow: Flow, answers: Answers, loc: Loc) -> Step | None:
    return next((s for s in steps(flow, answers) if s.loc == loc[:2]), None)


def active(flow: Flow, answers: Answers) -> Answers:
    """Only the answers whose question applies: those of questions and follow-ups whose `when`
    is false stay in the file but count nowhere (review, report, required checks)."""
    result: Answers = {}
    for step in steps(flow, answers):
        value = answers.get(step.section.id, {}).get(step.question.id)
        if value is None:
            continue
        if isinstance(step.question, ListQuestion):
            value = active_entries(step.question, value, flat(answers))
        result.setdefault(step.section.id, {})[step.question.id] = value
    return result


def active_entries(question: ListQuestion, value: Any, context: dict[str, Any]) -> Any:
    """The entries of a list, each with only the follow-up answers whose `when` holds."""
    if not isinstance(value, list):
        return value
    kept: list[Any] = []
    followups = {f.id: f for f in question.item}
    for entry in value:
        if not isinstance(entry, dict):
            kept.append(entry)
            continue
        inner = {**context, "item": tree.entry_context(entry)}
        new: dict[str, Any] = {}
        for key, sub in entry.items():
            followup = followups.get(key)
            if key == "text":
                new[key] = sub
            elif followup is not None and expressions.holds(followup.when, inner):
                new[key] = (
                    active_entries(followup, sub, context)
                    if isinstance(followup, ListQuestion)
                    else sub
                )
        kept.append(new if len(new) > 1 else new.get("text", entry))
    return kept
