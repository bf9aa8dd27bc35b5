"""What the board shows: session files read into the JSON view models that the page renders.

Only reads files. A file that cannot be read (a hand edit broken half-way, a sync that is still
copying) never takes the board down: its last good reading stays on the board, with a notice.
The view models are plain dictionaries of text and numbers; the page inserts every text with
`textContent`, so answer text can never become markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from limburglab.board import words as page_words
from limburglab.errors import LimburglabError, ProblemsError
from limburglab.flow import expressions
from limburglab.flow.model import (
    Flow,
    ListQuestion,
    MultiselectQuestion,
    Question,
    RankQuestion,
    Section,
    VoteQuestion,
    entry_text,
)
from limburglab.report import gather
from limburglab.session import file as session_file
from limburglab.session import flowref, moments, rules, tree, walker
from limburglab.session.display import answer_text, choice_labels
from limburglab.session.file import IN_PROGRESS, Session

#: Top-level keys that newer session files may carry; read here even where the loader does not
#: know them yet.


View = dict[str, Any]
Clock = Callable[[], dt.datetime]
Say = Callable[..., str]


def now() -> dt.datetime:
    return dt.datetime.now().astimezone()


# --- reading one file -------------------------------------------------------------------------


@dataclass
class Reading:
    """One session file as last read well, and what is wrong with it now (if anything)."""

    session: Session | None = None
    extras: dict[str, Any] = field(default_factory=dict)
    problem: str = ""
    stamp: tuple[int, int] = (0, 0)
    #: The session checked against a flow, by the flow's sha256 (or the problem found).
    checked: dict[str, Session | str] = field(default_factory=dict)


def _open(session: Session) -> bool:
    """Whether `run` or `resume` has the session open now (it holds the session's lock)."""
    from limburglab.session.lock import is_held

    return session.path is None or is_held(session.path)


def read_session(path: Path) -> tuple[Session, dict[str, Any]]:
    """Load a session with the session loader; also its `draft` as raw values (path, text)."""
    session = session_file.load(path)
    extras: dict[str, Any] = {}
    if session.draft is not None:
        extras["draft"] = {"path": tree.format_loc(session.draft.loc), "text": session.draft.text}
    return session, extras


def first_problem(exc: Exception) -> str:
    """The first line of an error, without the folder: short enough for a notice."""
    if isinstance(exc, ProblemsError) and exc.problems:
        problem = exc.problems[0]
        return f"{Path(str(problem.path)).name}:{problem.line}:{problem.column}: {problem.message}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


class Reader:
    """Reads session files, remembering each one's last good reading."""

    def __init__(self) -> None:
        self.readings: dict[Path, Reading] = {}
        self.flows: dict[tuple[str, Path], Flow] = {}

    def read(self, path: Path) -> Reading:
        reading = self.readings.setdefault(path, Reading())
        try:
            info = path.stat()
            stamp = (info.st_mtime_ns, info.st_size)
        except OSError:
            stamp = (0, 0)
        if stamp == reading.stamp and stamp != (0, 0):
            return reading
        reading.stamp = stamp
        try:
            reading.session, reading.extras = read_session(path)
            reading.problem = ""
            reading.checked = {}
        except (LimburglabError, OSError, UnicodeDecodeError) as exc:
            reading.problem = first_problem(exc)
        return reading

    def flow(self, session: Session) -> Flow:
        """The session's recorded flow, loaded once per board."""
        folder = session.path.parent if session.path else Path()
        ref = session.flow
        key = (f"{ref.source}\0{ref.id}\0{ref.version}\0{ref.sha256}", folder)
        if key not in self.flows:
            self.flows[key] = flowref.find(session)
        return self.flows[key]

    def against(self, reading: Reading, flow: Flow) -> Session | str:
        """The reading's session checked against `flow` (answers it no longer has left out),
        or the problem that keeps it off the board."""
        assert reading.session is not None
        if flow.sha256 not in reading.checked:
            session = reading.session
            result: Session | str = session
            if rules.check(flow, session.answers):
                try:
                    assert session.path is not None
                    result = session_file.load(session.path, flow)
                except (LimburglabError, OSError) as exc:
                    result = first_problem(exc)
            reading.checked[flow.sha256] = result
        return reading.checked[flow.sha256]


# --- paths in a session ------------------------------------------------------------------------


@dataclass
class Place:
    """Where `current` points: the question asked, its entry context and the active entries."""

    section: Section
    question: Question
    context: dict[str, Any]
    #: Indexes of the entries being worked on, from the top-level list down, as
    #: (question id, index) pairs.
    active: list[tuple[str, int]]


def locate(flow: Flow, answers: dict[str, Any], path: str | None) -> Place | None:
    """The question at `path` (a top-level question, or a follow-up of a list entry)."""
    if not path:
        return None
    parts = tree.parse_loc(path)
    if parts is None:
        return None
    section = flow.section(str(parts[0]))  # (a place starts with two ids: `parse_loc`)
    if section is None:
        return None
    question = next((q for q in section.questions if q.id == parts[1]), None)
    if question is None:
        return None
    context = walker.flat(answers)
    value = answers.get(section.id, {}).get(question.id)
    active: list[tuple[str, int]] = []
    rest = list(parts[2:])
    while rest:
        index, *rest = rest
        if not isinstance(index, int) or not isinstance(question, ListQuestion):
            break
        entries = value if isinstance(value, list) else []
        entry = entries[index] if 0 <= index < len(entries) else {}
        active.append((question.id, index))
        context = {**context, "item": rules.entry_context(entry)}
        if not rest or not isinstance(rest[0], str):
            break
        followup_id, *rest = rest
        followup = next((f for f in question.item if f.id == followup_id), None)
        if followup is None:
            break
        question = followup
        value = entry.get(followup_id) if isinstance(entry, dict) else None
    if isinstance(question, ListQuestion) and isinstance(value, list) and value:
        active.append((question.id, len(value) - 1))  # a list being added to: its newest entry
    return Place(section, question, context, active)


# --- the group view ----------------------------------------------------------------------------


def _node(
    flow: Flow,
    question: ListQuestion,
    entry: Any,
    context: dict[str, Any],
    active: list[tuple[str, int]],
    index: int,
) -> View:
    """One list entry with its follow-ups beneath it."""
    here = bool(active) and active[0] == (question.id, index)
    inner = {**context, "item": rules.entry_context(entry)}
    notes: list[View] = []
    lists: list[View] = []
    if isinstance(entry, dict):
        for followup in question.item:
            value = entry.get(followup.id)
            if value in (None, "", []):
                continue
            label = expressions.render(followup.title, inner)
            if isinstance(followup, ListQuestion) and isinstance(value, list):
                deeper = active[1:] if here else []
                entries = [
                    _node(flow, followup, sub, inner, deeper, i) for i, sub in enumerate(value)
                ]
                lists.append({"label": label, "entries": entries})
            else:
                notes.append({"label": label, "text": answer_text(flow, followup, value, inner)})
    return {"text": entry_text(entry), "notes": notes, "lists": lists, "active": here}


def _block(
    flow: Flow,
    question: Question,
    value: Any,
    answers: dict[str, Any],
    place: Place | None,
) -> View:
    """One question's answer in the current section."""
    context = walker.flat(answers)
    title = expressions.render(question.title, context)
    current = place is not None and place.active and place.active[0][0] == question.id
    block: View = {"id": question.id, "title": title, "kind": "text", "current": False}
    if place is not None and place.question is question:
        block["current"] = True
    if isinstance(question, ListQuestion) and isinstance(value, list):
        active = place.active if place is not None and current else []
        block["kind"] = "list"
        block["entries"] = [
            _node(flow, question, entry, context, active, i) for i, entry in enumerate(value)
        ]
    elif isinstance(question, VoteQuestion) and isinstance(value, dict):
        labels = choice_labels(flow, question, context)
        most = max((v for v in value.values() if isinstance(v, int)), default=0) or 1
        block["kind"] = "votes"
        block["votes"] = [
            {"label": labels.get(k, str(k)), "dots": v, "share": v / most}
            for k, v in sorted(value.items(), key=lambda kv: -kv[1])
            if isinstance(v, int)
        ]
    elif isinstance(question, (MultiselectQuestion, RankQuestion)) and isinstance(value, list):
        labels = choice_labels(flow, question, context)
        block["kind"] = "rank" if isinstance(question, RankQuestion) else "choices"
        block["items"] = [labels.get(v, str(v)) for v in value]
    else:
        block["text"] = answer_text(flow, question, value, context)
    return block


def _applicable_sections(flow: Flow, answers: dict[str, Any]) -> list[Section]:
    present = {step.section.id for step in walker.steps(flow, answers)}
    return [s for s in flow.sections if s.id in present]


def group_view(session: Session, flow: Flow, extras: dict[str, Any], moment: dt.datetime) -> View:
    """The projector view of one session: its current section, clock, points and question."""
    answers = session.answers
    place = None
    if not session.complete:
        # Before the first answer is saved, `current` is not written yet: the first open
        # question is the one being asked (as `resume` would ask it).
        opening = walker.first_open(flow, answers)
        place = locate(flow, answers, session.current or (opening.path if opening else None))
    sections = _applicable_sections(flow, answers) or list(flow.sections)
    if place is not None:
        section = place.section
    elif session.complete:
        answered = [s for s in sections if answers.get(s.id)]
        section = answered[-1] if answered else sections[-1]
    else:
        section = next((s for s in sections if not answers.get(s.id)), sections[0])
    number = sections.index(section) + 1 if section in sections else 1
    timing = session.timing.get(section.id, {})
    planned = timing.get("planned") or section.timebox or 0
    elapsed = float(timing.get("actual", 0))
    # A session that stopped (Ctrl-C, a closed laptop) is in progress but its clock stands still.
    running = session.status == IN_PROGRESS and place is not None and _open(session)
    saved = moments.moment(session.updated_at)
    if running and saved is not None:
        elapsed += max(0.0, (moment - saved).total_seconds())
    blocks = [
        _block(flow, step.question, answers[section.id][step.question.id], answers, place)
        for step in walker.section_steps(flow, answers, section.id)
        if step.question.id in answers.get(section.id, {})
    ]
    question: View | None = None
    if place is not None:
        question = {
            "prompt": expressions.render(place.question.prompt, place.context),
            "help": place.question.help or "",
        }
    draft = extras.get("draft")
    draft_text = ""
    if isinstance(draft, dict) and isinstance(draft.get("text"), str):
        draft_path = str(draft.get("path") or "")
        if not draft_path or draft_path.split(".")[0].split("[")[0] == section.id:
            draft_text = draft["text"]
    meta = session.meta
    return {
        "view": "group",
        "workshop": meta.workshop or flow.title,
        "group": meta.group,
        "round": meta.round,
        "complete": session.complete,
        "section": {
            "id": section.id,
            "number": number,
            "total": len(sections),
            "title": section.title,
        },
        "clock": {"elapsed": round(elapsed, 1), "planned": planned, "running": running},
        "blocks": blocks,
        "question": question,
        "draft": draft_text,
    }


# --- the plenary view --------------------------------------------------------------------------


def plenary_view(
    flow: Flow, sessions: list[Session], event_path: Path | None, edits_path: Path | None
) -> View:
    """All sessions merged into the report model, section by section, with the event and the
    secretary's edits as the report has them; a file among those that cannot be read is a
    notice, and the rest is shown without it."""
    from limburglab.report import edits
    from limburglab.report import event as events
    from limburglab.report.command import merged

    notices: list[str] = []
    event = changes = None
    try:
        event = events.load(event_path) if event_path is not None else None
    except (LimburglabError, OSError) as exc:
        notices.append(first_problem(exc))
    try:
        changes = edits.load(edits_path, flow) if edits_path is not None else None
    except (LimburglabError, OSError) as exc:
        notices.append(first_problem(exc))
    report = merged(flow, sessions, event, changes, warn=notices.append).as_dict()
    return {
        "view": "plenary",
        "title": report["title"],
        "date": report["date"],
        "groups": [{"label": g["label"], "complete": g["complete"]} for g in report["groups"]],
        "sections": report["sections"],
        "report_words": report["words"],
        "problems": notices,
    }


# --- the board ---------------------------------------------------------------------------------


@dataclass
class Sources:
    """What a board shows: session files and folders, or (for `run --board`) the first session
    file that appears in a folder after the board started."""

    paths: tuple[Path, ...]
    new_in: Path | None = None
    #: With `new_in`: only sessions started at or after this moment (ISO time) count.
    since: str = ""
    lang: str = "nl"


class Board:
    """The files a board follows and the view they make, rebuilt on every change."""

    def __init__(self, sources: Sources, clock: Clock = now) -> None:
        self.sources = sources
        self.clock = clock
        self.reader = Reader()

    @property
    def group_mode(self) -> bool:
        paths = self.sources.paths
        return self.sources.new_in is not None or (len(paths) == 1 and not paths[0].is_dir())

    def folders(self) -> list[Path]:
        """The folders to watch: a file's own folder too, since a save replaces the file."""
        folders = [p if p.is_dir() else p.parent for p in self.sources.paths]
        if self.sources.new_in is not None:
            folders.append(self.sources.new_in)
        return list(dict.fromkeys(f.resolve() for f in folders))

    def concerns(self, changed: Path) -> bool:
        """Whether a changed path can change the view (lock and temporary files cannot)."""
        if changed.name.startswith(".") or changed.suffix not in gather.SUFFIXES:
            return False
        if self.sources.new_in is not None and changed.parent.resolve() == (
            self.sources.new_in.resolve()
        ):
            return True
        for path in self.sources.paths:
            if path.is_dir() and changed.parent.resolve() == path.resolve():
                return True
            if changed.resolve() == path.resolve():
                return True
        return False

    @staticmethod
    def _in_folder(folder: Path) -> list[Path]:
        try:
            return gather.session_files(folder)
        except OSError:
            return []

    def files(self) -> list[Path]:
        if self.sources.new_in is not None:
            return self._newest_started(self.sources.new_in)
        files: list[Path] = []
        for path in self.sources.paths:
            files += self._in_folder(path) if path.is_dir() else [path]
        return list(dict.fromkeys(files))

    def _newest_started(self, folder: Path) -> list[Path]:
        """The session started last in `folder`, if it started after `since`."""
        since = moments.moment(self.sources.since) if self.sources.since else None
        started: list[tuple[dt.datetime, Path]] = []
        for path in self._in_folder(folder):
            session = self.reader.read(path).session
            moment = moments.moment(session.started_at) if session is not None else None
            if moment is not None and (since is None or moment >= since):
                started.append((moment, path))
        return [max(started)[1]] if started else []

    def event_path(self) -> Path | None:
        from limburglab.report.event import FILE_NAMES

        return self._beside(FILE_NAMES)

    def edits_path(self) -> Path | None:
        from limburglab.report.edits import FILE_NAMES

        return self._beside(FILE_NAMES)

    def _beside(self, names: tuple[str, ...]) -> Path | None:
        folders = (folder for folder in self.sources.paths if folder.is_dir())
        return next((found for f in folders if (found := gather.beside(f, names))), None)

    def flow_language(self) -> str | None:
        """The language of the flow of the first readable session, if there is one."""
        for path in self.files():
            reading = self.reader.read(path)
            if reading.session is not None:
                try:
                    return self.reader.flow(reading.session).language
                except (LimburglabError, OSError):
                    return None
        return None

    def view(self) -> View:
        """The view to show now; never raises for a problem in the files."""
        lang = self.sources.lang
        say: Say = partial(page_words.say, lang)
        notices: list[str] = []
        readings = []
        for path in self.files():
            reading = self.reader.read(path)
            if reading.problem:
                key = "broken" if reading.session is not None else "left_out"
                notices.append(say(key, file=path.name, problem=reading.problem))
            if reading.session is not None:
                readings.append(reading)
        view: View
        try:
            view = self._build(readings, notices, say)
        except (LimburglabError, OSError) as exc:
            notices.append(first_problem(exc))
            view = {"view": "waiting", "message": say("waiting")}
        view["notices"] = notices
        view["lang"] = lang
        view["words"] = page_words.words(lang)
        return view

    def _build(self, readings: list[Reading], notices: list[str], say: Say) -> View:
        if not readings:
            message = say("waiting" if self.group_mode else "no_sessions")
            return {"view": "waiting", "message": message}
        if self.group_mode:
            reading = readings[0]
            assert reading.session is not None
            flow = self.reader.flow(reading.session)
            return group_view(reading.session, flow, reading.extras, self.clock())
        first = readings[0].session
        assert first is not None
        flow = self.reader.flow(first)
        sessions: list[Session] = []
        for reading in readings:
            session = reading.session
            assert session is not None and session.path is not None
            if session.flow.id != flow.id:
                notices.append(say("other_flow", file=session.path.name, flow=session.flow.id))
                continue
            checked = self.reader.against(reading, flow)
            if isinstance(checked, str):
                notices.append(say("left_out", file=session.path.name, problem=checked))
            else:
                sessions.append(checked)
        if not sessions:
            return {"view": "waiting", "message": say("no_sessions")}
        view = plenary_view(
            flow, sorted(sessions, key=gather.report_order), self.event_path(), self.edits_path()
        )
        notices += view.pop("problems")
        return view
