"""The live session: a discussion leader walks a group through a flow; every answer is saved.

`run` starts a new session, `resume` continues one. Both walk the flow with the walker, ask each
question through an Asker, save the session after every confirmed answer, review each section
and the whole session, and keep the time per section.
"""

from __future__ import annotations

import os
import shlex
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from limburglab import flow as flows
from limburglab.errors import AnswersError, Interrupted, WriteError
from limburglab.flow import expressions
from limburglab.flow.model import Flow, ListQuestion, Section, entry_text, format_seconds
from limburglab.live import metadata
from limburglab.live.asking import Asker, GoBack, Prompter
from limburglab.messages import choose, t
from limburglab.session import rules, walker
from limburglab.session.file import (
    COMPLETE,
    IN_PROGRESS,
    Meta,
    Session,
    default_path,
    free_path,
    recorded_flow,
)
from limburglab.session.file import load as load_session
from limburglab.session.walker import Step

DEFAULT_FLOW = "samenwerken"
SESSIONS_FOLDER = Path("sessions")


# --- the commands -----------------------------------------------------------------------------


def run(
    flow_spec: str | None,
    *,
    session_path: Path | None = None,
    meta: dict[str, Any] | None = None,
    answers_file: Path | None = None,
    plain: bool = False,
    lang: str | None = None,
) -> Path:
    """Start a new session of a flow and walk it; returns the session file's path."""
    flow = flows.load(flow_spec or DEFAULT_FLOW)
    choose(lang, fallback=flow.language)
    interactive = sys.stdin.isatty()
    given = load_session(answers_file, flow, answers_only=True) if answers_file else None
    answers = given.answers if given else {}
    missing = [step.path for step in rules.missing_required(flow, answers)]
    if given and missing and not interactive:
        raise AnswersError(t("run.missing_required", paths="\n  ".join(missing)))
    complete_answers = given is not None and not missing
    prompter = _prompter(plain or not interactive)
    known = {
        k: v for k, v in (given.meta.as_dict() if given else {}).items() if v not in ("", None)
    }
    known.update({k: v for k, v in (meta or {}).items() if v is not None})
    metadata.check(known)
    if not complete_answers:
        known = metadata.ask(prompter, known)
    session_meta = Meta(workshop=flow.title, **metadata.fields(known))
    path = _new_path(session_path, session_meta, flow, prompter)
    session = Session.start(flow, session_meta, path)
    session.answers = answers
    live = LiveSession(flow, session, prompter)
    if complete_answers:
        live.finish()
        return path
    session.save()
    prompter.info(t("run.saving_to", path=path))
    with live.interrupts():
        if given:
            live.ask_missing()
            live.review_all()
        else:
            live.walk(walker.first(flow, session.answers))
    return path


def resume(
    session_path: Path,
    *,
    flow_spec: str | None = None,
    plain: bool = False,
    lang: str | None = None,
) -> Path:
    """Continue a session at its next open question, or review it when it is complete."""
    header = load_session(session_path)
    flow = flows.load(flow_spec) if flow_spec else recorded_flow(header)
    choose(lang, fallback=flow.language)
    session = load_session(session_path, flow)
    prompter = _prompter(plain or not sys.stdin.isatty())
    if session.flow.sha256 != flow.sha256:
        prompter.warn(t("run.flow_changed"))
        if session.dropped:
            prompter.warn(t("run.dropped", paths=", ".join(session.dropped)))
        session.flow.sha256, session.flow.version = flow.sha256, flow.version
    live = LiveSession(flow, session, prompter)
    with live.interrupts():
        if session.complete:
            live.review_all()
        else:
            current = walker.find(flow, session.answers, session.current)
            live.walk(current or walker.first_open(flow, session.answers), resume_list=True)
    return session_path


def _prompter(plain: bool) -> Prompter:
    if plain:
        from limburglab.live.plain import PlainPrompter

        return PlainPrompter()
    from limburglab.live.terminal import TerminalPrompter

    return TerminalPrompter()


def _new_path(given: Path | None, meta: Meta, flow: Flow, prompter: Prompter) -> Path:
    """The new session's file: `--session` if free, else a free name; a folder gets the usual."""
    if given is None or given.is_dir() or not given.name or str(given).endswith(os.sep):
        return default_path(given or SESSIONS_FOLDER, meta, flow.id)
    free = free_path(given)
    if free != given:
        prompter.warn(t("run.exists", path=given, free=free))
    return free


# --- walking ----------------------------------------------------------------------------------


class LiveSession:
    """One session being asked: walking, saving, reviewing, timing."""

    def __init__(
        self,
        flow: Flow,
        session: Session,
        prompter: Prompter,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.flow = flow
        self.session = session
        self.prompter = prompter
        self.asker = Asker(flow, prompter)
        self.clock = clock
        self.section: Section | None = None
        self.last_tick = clock()
        self.warned: set[str] = set()
        prompter.set_status(self.status)

    # timing

    def tick(self) -> None:
        """Add the time since the last tick to the current section."""
        now = self.clock()
        if self.section is not None:
            self.session.add_time(self.section.id, now - self.last_tick, self.section.timebox)
        self.last_tick = now

    def elapsed(self) -> float:
        if self.section is None:
            return 0.0
        recorded = self.session.timing.get(self.section.id, {}).get("actual", 0)
        return recorded + self.clock() - self.last_tick

    def status(self) -> str:
        """The bottom line while asking: time in this section against its timebox."""
        if self.section is None:
            return t("run.status_keys")
        elapsed = _clock_text(self.elapsed())
        planned = f" / {_clock_text(self.section.timebox)}" if self.section.timebox else ""
        over = " ⚠" if self.section.timebox and self.elapsed() > self.section.timebox else ""
        return f"{self.section.title}: {elapsed}{planned}{over}  ·  {t('run.status_keys')}"

    def _check_time(self) -> None:
        section = self.section
        if not section or not section.timebox or section.id in self.warned:
            return
        if self.elapsed() > section.timebox:
            self.warned.add(section.id)
            self.prompter.warn(t("run.over_time", time=format_seconds(section.timebox)))

    # saving

    def save(self) -> None:
        """Save now; if the disk refuses, say so and keep asking: the answers are still here."""
        self.tick()
        try:
            self.session.save()
        except WriteError as exc:
            self.prompter.warn(f"{exc} {t('run.save_failed')}")

    def _record(self, step: Step, value: Any) -> None:
        self.session.put(step.section.id, step.question.id, value)
        self.save()

    @contextmanager
    def interrupts(self) -> Iterator[None]:
        """Ctrl-C and end of input: save what was given and say how to resume."""
        try:
            yield
        except (KeyboardInterrupt, EOFError) as exc:
            if not self.session.complete:  # looking at a finished session changes nothing
                self.save()
            command = f"limburglab resume {shlex.quote(str(self.session.path))}"
            if isinstance(exc, KeyboardInterrupt):
                raise Interrupted(t("run.interrupted", command=command), 130) from None
            raise Interrupted(t("run.end_of_input", command=command), 1) from None

    # walking

    def _open(self, section: Section) -> None:
        self.tick()
        self.section = section
        self.last_tick = self.clock()
        present = {step.section.id for step in self._steps()}
        applicable = [s.id for s in self.flow.sections if s.id in present]
        number = applicable.index(section.id) + 1 if section.id in applicable else 1
        self.prompter.section(number, len(applicable), section)

    def _steps(self) -> list[Step]:
        return walker.steps(self.flow, self.session.answers)

    def _ask(self, step: Step, *, resume_list: bool = False) -> None:
        """Ask one step and save its answer (and each list entry as it is confirmed)."""
        if self.section is None or step.section.id != self.section.id:
            self._open(step.section)
        self.session.current = step.path
        section_id, question_id = step.section.id, step.question.id

        def publish(value: Any) -> None:
            self.session.put(section_id, question_id, value)
            self.save()

        value = self.asker.ask(
            step.question,
            walker.flat(self.session.answers),
            self.session.get(section_id, question_id),
            publish=publish,
            resume=resume_list and isinstance(step.question, ListQuestion),
        )
        self._record(step, value)
        self._check_time()

    def walk(self, step: Step | None, *, resume_list: bool = False) -> None:
        """Ask from `step` to the end, with going back and a review after each section."""
        while step is not None:
            try:
                self._ask(step, resume_list=resume_list)
            except GoBack:
                previous = walker.before(self.flow, self.session.answers, step.path)
                if previous is None:
                    self.prompter.info(t("run.at_start"))
                else:
                    step = previous
                continue
            finally:
                resume_list = False
            following = walker.after(self.flow, self.session.answers, step.path)
            if following is None or following.section.id != step.section.id:
                action = self.review_section(step.section)
                if action == "back":
                    continue
                if action == "redo":
                    step = walker.section_steps(self.flow, self.session.answers, step.section.id)[0]
                    continue
            step = walker.after(self.flow, self.session.answers, step.path)
        self.review_all()

    def ask_missing(self) -> None:
        """Ask only the required questions that have no answer yet."""
        while (step := next(iter(self._missing()), None)) is not None:
            try:
                self._ask(step)
            except GoBack:
                continue

    def _missing(self) -> list[Step]:
        return rules.missing_required(self.flow, self.session.answers)

    # reviewing

    def review_section(self, section: Section) -> str:
        """Show what the section captured; 'continue', 'redo' or 'back' (into the section)."""
        while True:
            self.prompter.review(self.section_lines(section))
            try:
                action = self.prompter.choose(
                    t("review.section_prompt", title=section.title),
                    [(key, t(f"review.{key}")) for key in ("continue", "edit", "redo")],
                )
            except GoBack:
                return "back"
            if action != "edit":
                return action
            self._edit(walker.section_steps(self.flow, self.session.answers, section.id))

    def review_all(self) -> None:
        """The whole session, with the option to edit any answer, then mark it complete."""
        while True:
            lines: list[tuple[int, str]] = []
            for section in self.flow.sections:
                if any(s.section.id == section.id for s in self._steps()):
                    lines.append((0, section.title))
                    lines += [(d + 1, text) for d, text in self.section_lines(section)]
            self.prompter.review(lines)
            try:
                action = self.prompter.choose(
                    t("review.final_prompt"),
                    [(key, t(f"review.{key}")) for key in ("finish", "edit")],
                )
            except GoBack:
                last = self._steps()[-1]
                self.session.status = IN_PROGRESS
                self.walk(last)
                return
            if action == "finish":
                missing = self._missing()
                if missing:
                    self.prompter.warn(
                        t("review.missing", paths=", ".join(s.path for s in missing))
                    )
                    self.ask_missing()
                    continue
                self.finish()
                return
            self._edit(self._steps())

    def finish(self) -> None:
        self.session.status = COMPLETE
        self.session.current = None
        self.save()
        self.prompter.info(t("run.complete", path=self.session.path))

    def _edit(self, candidates: list[Step]) -> None:
        options = [(s.path, f"{s.section.title} › {s.question.title}") for s in candidates]
        try:
            chosen = self.prompter.select(
                t("review.which"), options, default=None, other=False, hint="", depth=0
            )
        except GoBack:
            return
        step = next((s for s in candidates if s.path == chosen), None)
        if step is None:
            return
        try:
            self._ask(step)
        except GoBack:
            return

    def section_lines(self, section: Section) -> list[tuple[int, str]]:
        """The section's answers as indented lines (depth, text)."""
        lines: list[tuple[int, str]] = []
        for step in walker.section_steps(self.flow, self.session.answers, section.id):
            value = self.session.get(section.id, step.question.id)
            lines += _value_lines(
                self.flow, step.question, value, 0, walker.flat(self.session.answers)
            )
        return lines or [(0, t("review.nothing"))]


def _value_lines(
    flow: Flow, question: Any, value: Any, depth: int, context: dict[str, Any]
) -> list[tuple[int, str]]:
    """One answer as indented lines; a follow-up's title is rendered for its entry."""
    title = expressions.render(question.title, context)
    if value is None:
        return [(depth, f"{title}: —")]
    if isinstance(question, ListQuestion):
        lines = [(depth, f"{title}:")]
        followups = {f.id: f for f in question.item}
        for entry in value:
            lines.append((depth + 1, entry_text(entry)))
            if isinstance(entry, dict):
                for key, sub in entry.items():
                    if key != "text" and key in followups:
                        inner = {**context, "item": rules.entry_context(entry)}
                        lines += _value_lines(flow, followups[key], sub, depth + 2, inner)
        return lines
    if isinstance(value, bool):
        return [(depth, f"{title}: {t('review.yes') if value else t('review.no')}")]
    if isinstance(value, list):
        return [(depth, f"{title}: {', '.join(map(str, value))}")]
    if isinstance(value, dict):
        dots = ", ".join(f"{k} {v}" for k, v in value.items())
        return [(depth, f"{title}: {dots}")]
    if isinstance(value, float):
        value = rules.number_text(value)
    return [(depth, f"{title}: {value}")]


def _clock_text(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"
