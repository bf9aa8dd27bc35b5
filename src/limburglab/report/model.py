"""The conclusion report: the sessions of all subgroups merged into one model, computed once.

Every renderer (Markdown, HTML, PDF, a facilitator's own template) reads this one model, so the
rules for ordering, merging and counting live in Python only (the per-question rules in
`merge`). The model holds text, numbers and lists in the flow's language, ready to show;
`as_dict()` is the JSON that the PDF template reads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from limburglab.flow.model import Flow
from limburglab.report.event import Event
from limburglab.report.merge import Block, Merger, Note, Say, join, one_line, sayer, unique
from limburglab.report.points import Point, points
from limburglab.session.file import Session
from limburglab.text import for_output

# --- the model ---------------------------------------------------------------------------------


@dataclass
class SectionReport:
    number: int
    id: str
    title: str
    blocks: list[Block]


@dataclass
class Group:
    """One subgroup's session, as the report names it."""

    label: str
    name: str
    round: int | None
    leader: str
    organisation: str
    participants: int | None
    date: str
    complete: bool
    #: Everything but the label, as one line: leader, participants, unfinished.
    details: str


@dataclass
class Report:
    title: str
    language: str
    programme: str
    date: str
    place: str
    organisers: list[str]
    intro: list[str]
    sections: list[SectionReport]
    groups: list[Group]
    #: Headings and table headers, in the report's language.
    words: dict[str, str]
    #: Seconds since 1970 of the newest session: the PDF's date, so that its bytes repeat.
    timestamp: int
    #: Every captured answer value, session by session: the rows of the spreadsheet formats.
    points: list[Point] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The model as JSON-ready data, without `points` (no layout needs them)."""
        return dataclasses.asdict(dataclasses.replace(self, points=[]))


# Templates see these under their public home (a template error names the class).
SectionReport.__module__ = Group.__module__ = Report.__module__ = "limburglab.report"


# --- building it -------------------------------------------------------------------------------


def build(
    flow: Flow,
    sessions: list[Session],
    event: Event | None = None,
    *,
    title: str | None = None,
    names: bool = True,
    sources: bool = True,
    conclusions: dict[str, str] | None = None,
    language: str | None = None,
) -> Report:
    """Merge the sessions (already in report order) into one report in `language` (by default
    the flow's).

    `conclusions` are the secretary's cross-group conclusions by section id (from the edits
    file): each opens its section as an untitled paragraph, as in the seed report.
    """
    event = event or Event()
    conclusions = conclusions or {}
    language = language or flow.language
    say = sayer(language)
    groups = _groups(sessions, say, names)
    merger = Merger(flow, [g.label for g in groups], say, sources)
    sections: list[SectionReport] = []
    for section in flow.sections:
        blocks = []
        for question in section.questions:
            given = [
                (index, s.answers[section.id][question.id])
                for index, s in enumerate(sessions)
                if question.id in s.answers.get(section.id, {})
            ]
            if given:
                blocks.append(merger.block(question, given))
        for block in blocks:
            block.show_title = len(blocks) > 1
        if conclusions.get(section.id):
            blocks.insert(0, _conclusion(conclusions[section.id], say))
        if blocks:
            sections.append(SectionReport(len(sections) + 1, section.id, section.title, blocks))
    dates = (event.date and [event.date]) or unique(s.meta.date for s in sessions if s.meta.date)
    title = title or flow.title
    report = Report(
        title=title,
        language=language,
        programme=event.programme,
        date=join([_date_text(d, say) for d in dates], say),
        place=event.place,
        organisers=event.organisers or unique(g.organisation for g in groups if g.organisation),
        intro=_intro(flow.title, event, groups, say, names),
        sections=sections,
        groups=groups,
        words={key: say(f"report.word.{key}") for key in _WORDS},
        timestamp=_timestamp(sessions, event),
        points=points(flow, sessions, say, names=names),
    )
    _for_output(report)
    return report


def _for_output(node: Any) -> Any:
    """Every text of the model as a report shows it (see `text.for_output`), in place."""
    if isinstance(node, str):
        return for_output(node)
    if isinstance(node, list):
        node[:] = [_for_output(item) for item in node]
    elif isinstance(node, dict):
        for key, value in node.items():
            node[key] = _for_output(value)
    elif (
        dataclasses.is_dataclass(node)
        and not isinstance(node, type)
        and not type(node).__dataclass_params__.frozen  # type: ignore[attr-defined]
    ):  # frozen ones are raw data for spreadsheets, kept as typed
        for item in dataclasses.fields(node):
            setattr(node, item.name, _for_output(getattr(node, item.name)))
    return node


def _conclusion(text: str, say: Say) -> Block:
    note = Note("", text.strip(), [])
    block = Block("conclusion", "paragraphs", say("report.word.conclusion"), 0, show_title=False)
    block.paragraphs = [note]
    return block


# --- groups, intro and words -------------------------------------------------------------------

_WORDS = (
    "groups",
    "place",
    "choice",
    "ranked_by",
    "average_position",
    "points",
    "dots",
    "page",
    "count",
    "conclusion",
)


def _groups(sessions: list[Session], say: Say, names: bool) -> list[Group]:
    several_rounds = len({s.meta.round for s in sessions}) > 1
    seen: dict[str, int] = {}
    groups = []
    for s in sessions:
        meta = s.meta
        name = meta.group or (s.path.stem if s.path else "?")
        label = name
        if several_rounds and meta.round is not None:
            label = say("report.group_in_round", group=name, round=meta.round)
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            label = f"{label} ({seen[label]})"
        leader = meta.leader if names else ""
        details = []
        if leader or meta.organisation:
            who = say("report.leader_of", leader=leader, organisation=meta.organisation)
            details.append(who if leader and meta.organisation else leader or meta.organisation)
        if meta.participants is not None:
            key = "report.participants_one" if meta.participants == 1 else "report.participants"
            details.append(say(key, count=meta.participants))
        if not s.complete:
            details.append(say("report.unfinished"))
        groups.append(
            Group(
                label=label,
                name=name,
                round=meta.round,
                leader=leader,
                organisation=meta.organisation,
                participants=meta.participants,
                date=meta.date,
                complete=s.complete,
                details=", ".join(details),
            )
        )
    return groups


def _intro(title: str, event: Event, groups: list[Group], say: Say, names: bool) -> list[str]:
    """The opening paragraphs: the event's own text, then who gave the workshop, how, and
    which subgroups this report covers."""
    paragraphs = [one_line(p) for p in re.split(r"\n\s*\n", event.intro) if p.strip()]
    organisers = event.organisers or unique(g.organisation for g in groups if g.organisation)
    if organisers:
        key = "report.intro_given_by_one" if len(organisers) == 1 else "report.intro_given_by"
        given = say(key, organisers=join(organisers, say), title=title)
    else:
        given = say("report.intro_given", title=title)
    rounds = event.rounds or len(event.subgroups) or len({g.round for g in groups})
    if rounds > 1:
        given += say("report.intro_rounds", count=rounds)
    if event.date:
        given += say("report.intro_date", date=_date_text(event.date, say))
    if event.place:
        given += say("report.intro_place", place=event.place)
    sentences = [given + "."]
    if event.subgroups:
        counts = join([str(n) for n in event.subgroups], say, last="report.respectively")
        key = (
            "report.intro_subgroups_rounds"
            if len(event.subgroups) > 1
            else "report.intro_subgroups"
        )
        sentences.append(say(key, counts=counts))
    sentences.append(_covered(groups, say, names))
    participants = [g.participants for g in groups]
    if participants and all(p is not None for p in participants):
        total = sum(p or 0 for p in participants)
        key = "report.intro_participants_one" if total == 1 else "report.intro_participants"
        sentences.append(say(key, count=total))
    unfinished = [g.label for g in groups if not g.complete]
    if unfinished:
        key = "report.intro_unfinished_one" if len(unfinished) == 1 else "report.intro_unfinished"
        sentences.append(say(key, groups=join(unfinished, say)))
    return [*paragraphs, " ".join(sentences)]


def _covered(groups: list[Group], say: Say, names: bool) -> str:
    """ "Dit verslag bevat de conclusies van de 2 subgroepen die door … zijn geleid." """
    one = len(groups) == 1
    if names and any(g.leader for g in groups):
        leaders = unique(
            say("report.leader_of", leader=g.leader, organisation=g.organisation)
            if g.organisation
            else g.leader
            for g in groups
            if g.leader
        )
        led_by = join(leaders, say)
    else:
        organisations = unique(g.organisation for g in groups if g.organisation)
        key = "report.leaders_of_one" if one else "report.leaders_of"
        led_by = say(key, organisations=join(organisations, say)) if organisations else ""
    if not led_by:
        return say("report.covers_one" if one else "report.covers", count=len(groups))
    key = "report.covers_led_one" if one else "report.covers_led"
    return say(key, count=len(groups), leaders=led_by)


def _timestamp(sessions: list[Session], event: Event) -> int:
    moments = []
    for text in [s.updated_at for s in sessions] + [event.date]:
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.timezone.utc)
        moments.append(int(moment.timestamp()))
    return max(moments, default=0)


def _date_text(text: str, say: Say) -> str:
    """`2024-10-10` as `10 oktober 2024`; anything else as written."""
    try:
        date = dt.date.fromisoformat(text[:10])
    except ValueError:
        return text
    month = say("report.months").split()[date.month - 1]
    return f"{date.day} {month} {date.year}"
