"""Merging one question's answers from all subgroups: the rules of the conclusion report.

Entries that are the same point after ignoring case, spaces and punctuation become one, tagged
with the groups that named it; their follow-ups are merged beneath them by the same rules.
Choices are counted, numbers summarised, rankings scored, dots added up. One pass over the
answers, with dictionaries keyed by the normalised text: no comparing every entry with every
other.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from limburglab.flow.model import (
    ChoiceQuestion,
    ConfirmQuestion,
    Flow,
    ListQuestion,
    MultiselectQuestion,
    NumberQuestion,
    ParagraphQuestion,
    Question,
    RankQuestion,
    ScaleQuestion,
    SelectQuestion,
    TextQuestion,
    VoteQuestion,
    entry_text,
)
from limburglab.messages import say
from limburglab.session.display import number_text
from limburglab.text import normalise

#: An answer and the index of the group that gave it.
Contribution = tuple[int, Any]
Say = Callable[..., str]

BAR_WIDTH = 20
_SENTENCE_END = (".", "!", "?", ":", ";", "…")


# --- what merging gives ------------------------------------------------------------------------


@dataclass
class Part:
    """A piece of an entry's line: the entry's own text, or a short follow-up ("Effect: …")."""

    text: str
    sources: str = ""


@dataclass
class Note:
    """A follow-up answer (or a paragraph answer) and the groups that gave it."""

    label: str
    text: str
    groups: list[str]
    #: The groups to show beside it: empty when they say nothing new (see `Report.sources`).
    sources: str = ""


@dataclass
class SubList:
    """The entries of a list follow-up beneath an entry."""

    label: str
    #: The label to show above the entries: empty when it is the entry's only list.
    heading: str
    entries: list[Entry]


@dataclass
class Below:
    """One follow-up answer shown under an entry's line: a paragraph or a sub-list."""

    note: Note | None = None
    list: SubList | None = None


@dataclass
class Entry:
    """A point named by one or more groups, with its follow-ups merged beneath it."""

    text: str
    groups: list[str]
    sources: str
    #: The line to show: the text, then the short follow-ups ("Effect: opkomst is verbeterd").
    parts: list[Part]
    notes: list[Note]
    #: Paragraph follow-ups (an elaboration, a conclusion), shown under the line.
    paragraphs: list[Note]
    lists: list[SubList]
    #: The paragraphs and lists together, in the flow's order: what is shown under the line.
    below: list[Below] = field(default_factory=list)


@dataclass
class Count:
    """How many groups chose one choice of a select, multiselect or confirm question."""

    label: str
    count: int
    share: float
    text: str
    groups: list[str]
    sources: str


@dataclass
class Rank:
    """One choice of a rank question, over all groups."""

    place: int
    label: str
    groups: list[str]
    average: float
    average_text: str
    points: int
    #: Every group put it in its top two.
    top_two: bool
    text: str


@dataclass
class Votes:
    """The dots all groups gave one choice."""

    label: str
    dots: int
    share: float
    bar: str
    text: str
    groups: list[str]


@dataclass
class Numbers:
    """Lowest, mean and highest answer to a number or scale question."""

    count: int
    minimum: float
    mean: float
    maximum: float


@dataclass
class Block:
    """One question's answers from all groups. `kind` says which of the lists is filled."""

    id: str
    kind: str  # list | paragraphs | counts | numbers | ranking | votes
    title: str
    answered: int
    summary: str = ""
    show_title: bool = True
    entries: list[Entry] = field(default_factory=list)
    paragraphs: list[Note] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    ranking: list[Rank] = field(default_factory=list)
    votes: list[Votes] = field(default_factory=list)
    numbers: Numbers | None = None


# --- merging ---------------------------------------------------------------------------------


def one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass
class _Pending:
    """An entry while the groups' answers are gathered under it."""

    text: str
    groups: list[int] = field(default_factory=list)
    followups: dict[str, list[Contribution]] = field(default_factory=dict)


class Merger:
    """Merges one question's answers from all groups; follow-ups recursively, beneath entries."""

    def __init__(self, flow: Flow, labels: list[str], say: Say, sources: bool) -> None:
        self.flow = flow
        self.labels = labels
        self.say = say
        self.show_sources = sources and len(labels) > 1

    def block(self, question: Question, given: list[Contribution]) -> Block:
        answered = len({group for group, _ in given})
        block = Block(question.id, "list", question.title, answered)
        if isinstance(question, (ListQuestion, TextQuestion)):
            block.entries = self.entries(question, given, None)
        elif isinstance(question, ParagraphQuestion):
            block.kind = "paragraphs"
            block.paragraphs = self.notes("", given, None, lines=True)
        elif isinstance(question, (SelectQuestion, MultiselectQuestion, ConfirmQuestion)):
            block.kind = "counts"
            block.counts = self.counts(question, given)
            block.summary = ", ".join(f"{c.label} ({c.count})" for c in block.counts if c.count)
        elif isinstance(question, (NumberQuestion, ScaleQuestion)):
            block.kind = "numbers"
            block.numbers = self.numbers(given)
            block.summary = self.say(
                "report.numbers",
                mean=number_text(block.numbers.mean, self.say, places=1),
                min=number_text(block.numbers.minimum, self.say),
                max=number_text(block.numbers.maximum, self.say),
                groups=self.group_count(block.numbers.count),
            )
        elif isinstance(question, RankQuestion):
            block.kind = "ranking"
            block.ranking = self.ranking(question, given)
            block.summary = self.top_two(given, block.ranking)
        elif isinstance(question, VoteQuestion):
            block.kind = "votes"
            block.votes = self.votes(question, given)
            block.summary = ", ".join(f"{v.label} ({v.dots})" for v in block.votes if v.dots)
        return block

    # lists and text

    def entries(
        self,
        question: ListQuestion | TextQuestion,
        given: list[Contribution],
        parent: Collection[int] | None,
    ) -> list[Entry]:
        merged: dict[str, _Pending] = {}
        for group, value in given:
            for raw in value if isinstance(value, list) else [value]:
                text = one_line(entry_text(raw))
                if not text:
                    continue
                key = normalise(text)
                pending = merged.get(key)
                if pending is None:
                    pending = merged[key] = _Pending(text)
                if not pending.groups or pending.groups[-1] != group:
                    pending.groups.append(group)
                if isinstance(raw, dict):
                    for followup_id, answer in raw.items():
                        if followup_id != "text" and answer not in (None, "", []):
                            pending.followups.setdefault(followup_id, []).append((group, answer))
        return [self.entry(question, pending, parent) for pending in merged.values()]

    def entry(
        self,
        question: ListQuestion | TextQuestion,
        pending: _Pending,
        parent: Collection[int] | None,
    ) -> Entry:
        groups = pending.groups
        items = question.item if isinstance(question, ListQuestion) else []
        # A sub-list is headed by its label unless it is all that can stand under the line.
        headed = sum(isinstance(f, (ListQuestion, ParagraphQuestion)) for f in items) > 1
        notes: list[Note] = []
        paragraphs: list[Note] = []
        lists: list[SubList] = []
        below: list[Below] = []
        for followup in items:
            given = pending.followups.get(followup.id)
            if not given:
                continue
            if isinstance(followup, ListQuestion):
                heading = followup.title if headed else ""
                sub = self.entries(followup, given, groups)
                lists.append(SubList(followup.title, heading, sub))
                below.append(Below(list=lists[-1]))
            elif isinstance(followup, ParagraphQuestion):
                added = self.notes(followup.title, given, groups, lines=True)
                paragraphs += added
                below += [Below(note=note) for note in added]
            elif isinstance(followup, TextQuestion):
                notes += self.notes(followup.title, given, groups, lines=False)
            else:
                answered = unique(group for group, _ in given)
                summary = self.block(followup, given).summary
                notes.append(self.note(followup.title, summary, answered, groups))
        sources = self.sources(groups, parent)
        return Entry(
            text=pending.text,
            groups=[self.labels[g] for g in groups],
            sources=sources,
            parts=_line(pending.text, sources, notes, bool(lists)),
            notes=notes,
            paragraphs=paragraphs,
            lists=lists,
            below=below,
        )

    def notes(
        self, label: str, given: list[Contribution], parent: Collection[int] | None, *, lines: bool
    ) -> list[Note]:
        """Texts with duplicates merged; `lines` keeps line breaks (paragraphs)."""
        merged: dict[str, tuple[str, list[int]]] = {}
        for group, value in given:
            text = str(value).strip() if lines else one_line(str(value))
            if text:
                _, groups = merged.setdefault(normalise(text), (text, []))
                if not groups or groups[-1] != group:
                    groups.append(group)
        return [self.note(label, text, groups, parent) for text, groups in merged.values()]

    def note(
        self, label: str, text: str, groups: list[int], parent: Collection[int] | None
    ) -> Note:
        return Note(label, text, [self.labels[g] for g in groups], self.sources(groups, parent))

    def sources(self, groups: list[int], parent: Collection[int] | None) -> str:
        """Which groups to show: none when they are the groups of the entry it hangs under."""
        if not self.show_sources or (parent is not None and len(groups) == len(parent)):
            return ""
        if len(groups) == len(self.labels):
            return self.say("report.sources_both" if len(groups) == 2 else "report.sources_all")
        return "; ".join(self.labels[g] for g in groups)

    def group_count(self, count: int) -> str:
        return self.say("report.groups_one" if count == 1 else "report.groups_many", count=count)

    # choices

    def labels_of(self, question: ChoiceQuestion | ConfirmQuestion) -> dict[Any, str]:
        """The choices' labels by value, in the flow's order."""
        if isinstance(question, ConfirmQuestion):
            return {True: self.say("report.yes"), False: self.say("report.no")}
        if question.choices:
            return {c.value: c.text for c in question.choices}
        found = self.flow.question(question.choices_from or "")
        source = found[1] if found else None
        if isinstance(source, MultiselectQuestion) and source.choices:
            return {c.value: c.text for c in source.choices}
        return {}

    def tally(
        self, question: ChoiceQuestion | ConfirmQuestion, values: Iterable[Any]
    ) -> tuple[dict[Any, str], Callable[[Any], Any]]:
        """Labels for every value given (known choices first), and the key of a value."""
        labels = self.labels_of(question)

        def key(value: Any) -> Any:
            return value if value in labels else normalise(str(value))

        for value in values:
            labels.setdefault(key(value), str(value))
        return labels, key

    def counts(
        self,
        question: SelectQuestion | MultiselectQuestion | ConfirmQuestion,
        given: list[Contribution],
    ) -> list[Count]:
        chosen = [
            (g, v) for g, value in given for v in (value if isinstance(value, list) else [value])
        ]
        labels, key = self.tally(question, (v for _, v in chosen))
        groups: dict[Any, list[int]] = {k: [] for k in labels}
        for group, value in chosen:
            if not groups[key(value)] or groups[key(value)][-1] != group:
                groups[key(value)].append(group)
        answered = unique(group for group, _ in given)
        return [
            Count(
                label=labels[k],
                count=len(members),
                share=len(members) / len(answered),
                text=self.say(
                    "report.count_of", count=len(members), groups=self.group_count(len(answered))
                ),
                groups=[self.labels[g] for g in members],
                sources=self.sources(members, answered) if members else "",
            )
            for k, members in groups.items()
        ]

    def numbers(self, given: list[Contribution]) -> Numbers:
        values = [float(v) for _, v in given if isinstance(v, (int, float))]
        return Numbers(len(values), min(values), sum(values) / len(values), max(values))

    def ranking(self, question: RankQuestion, given: list[Contribution]) -> list[Rank]:
        """Borda count: with N choices a group's first gets N points, its second N-1, …"""
        labels, key = self.tally(question, (v for _, value in given for v in value))
        positions: dict[Any, list[tuple[int, int]]] = {}
        for group, value in given:
            for position, choice in enumerate(value, start=1):
                positions.setdefault(key(choice), []).append((group, position))
        size = len(labels)
        order = {choice: index for index, choice in enumerate(labels)}
        tops = [{key(choice) for choice in value[:2]} for _, value in given if value]
        common = set.intersection(*tops) if tops else set()
        rows = sorted(
            positions.items(),
            key=lambda item: (
                -sum(size + 1 - p for _, p in item[1]),
                sum(p for _, p in item[1]) / len(item[1]),
                order[item[0]],
            ),
        )
        ranking = []
        for place, (choice, ranked) in enumerate(rows, start=1):
            average = sum(p for _, p in ranked) / len(ranked)
            points = sum(size + 1 - p for _, p in ranked)
            ranking.append(
                Rank(
                    place=place,
                    label=labels[choice],
                    groups=[self.labels[g] for g, _ in ranked],
                    average=average,
                    average_text=number_text(average, self.say, places=1),
                    points=points,
                    top_two=choice in common,
                    text=self.say(
                        "report.rank_row",
                        average=number_text(average, self.say, places=1),
                        points=self.say(
                            "report.points_one" if points == 1 else "report.points", count=points
                        ),
                        groups=self.group_count(len(ranked)),
                    ),
                )
            )
        return ranking

    def top_two(self, given: list[Contribution], ranking: list[Rank]) -> str:
        """The sentence naming the choices that every group put in its top two."""
        answered = [group for group, value in given if value]
        if not answered:
            return ""
        chosen = [r.label for r in ranking if r.top_two]
        if not chosen:
            return self.say("report.top_two_none", first=ranking[0].label)
        if len(answered) == 1:
            who = self.labels[answered[0]]
        else:
            who = self.say("report.sources_both" if len(answered) == 2 else "report.sources_all")
        return self.say(
            "report.top_two_one" if len(answered) == 1 else "report.top_two",
            groups=who[:1].upper() + who[1:],
            choices=join(chosen, self.say),
        )

    def votes(self, question: VoteQuestion, given: list[Contribution]) -> list[Votes]:
        labels, key = self.tally(question, (v for _, value in given for v in value))
        dots: dict[Any, int] = dict.fromkeys(labels, 0)
        voters: dict[Any, list[int]] = {k: [] for k in labels}
        for group, value in given:
            for choice, count in value.items():
                dots[key(choice)] += count
                if count:
                    voters[key(choice)].append(group)
        most = max(dots.values(), default=0) or 1
        order = {choice: index for index, choice in enumerate(labels)}
        rows = sorted(labels, key=lambda k: (-dots[k], order[k]))
        return [
            Votes(
                label=labels[k],
                dots=dots[k],
                share=dots[k] / most,
                bar="■" * round(BAR_WIDTH * dots[k] / most),
                text=self.say("report.dots_one" if dots[k] == 1 else "report.dots", count=dots[k]),
                groups=[self.labels[g] for g in voters[k]],
            )
            for k in rows
        ]


def _line(text: str, sources: str, notes: list[Note], has_lists: bool) -> list[Part]:
    """An entry and its short follow-ups as one sentence: "Tekst. Effect: …" """
    parts = [Part(text, sources)]
    for note in notes:
        separator = " " if parts[-1].text.endswith(_SENTENCE_END) else ". "
        parts.append(Part(f"{separator}{note.label}: {note.text}", note.sources))
    if has_lists and not parts[-1].text.endswith(_SENTENCE_END):
        parts[-1].text += ":"
    return parts


def sayer(language: str) -> Say:
    """`t`, but in the report's language rather than the tool's."""
    return partial(say, language)


def join(items: list[str], say: Say, last: str = "report.and") -> str:
    """`A, B en C` (or, with `last="report.respectively"`, `4 respectievelijk 3`)."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + say(last) + items[-1]


def unique(items: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(items))
