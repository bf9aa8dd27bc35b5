"""The live session: a discussion leader walks a group through a flow; every word is saved.

`run` starts a new session, `resume` continues one. Both walk the flow slot by slot (a question,
an entry of a list, a follow-up of an entry) with a cursor: going back or forward moves the
cursor and never the answers. Every confirmed line is on disk before the next prompt appears,
together with the cursor; an interruption (Ctrl-C, end of input, SIGHUP, SIGTERM) keeps the text
still being typed as a draft, and while it is typed it is kept beside the session (see
`session.drafts`) for an end without a word (kill -9, a power cut).
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import Any

from limburglab import system
from limburglab.errors import (
    AnswersError,
    Interrupted,
    LimburglabError,
    UsageError,
    WriteError,
)
from limburglab.flow import (
    ChoiceQuestion,
    Flow,
    ListQuestion,
    MultiselectQuestion,
    ParagraphQuestion,
    RankQuestion,
    Section,
    expressions,
    format_seconds,
)
from limburglab.flow import load as load_flow
from limburglab.live import asking, metadata
from limburglab.live.asking import Asker, GoBack, OutOfStep, Prompter, Stop, short
from limburglab.messages import choose, t, tn
from limburglab.session import drafts, entries, flowref, rescues, rules, tree, walker
from limburglab.session.display import answer_text
from limburglab.session.file import (
    COMPLETE,
    IN_PROGRESS,
    Draft,
    Meta,
    Session,
    another_path,
    default_path,
    free_path,
    newest_side,
)
from limburglab.session.file import load as load_session
from limburglab.session.lock import SessionLock
from limburglab.session.tree import Loc
from limburglab.session.walker import Slot, Step

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
    copy_flow: bool = False,
) -> Path:
    """Start a new session of a flow and walk it; returns the session file's path. With
    `copy_flow`, the flow file goes into the `flows/` folder beside the session first."""
    flow = load_flow(flow_spec or DEFAULT_FLOW)
    choose(lang, fallback=flow.language)
    interactive = sys.stdin.isatty()
    plain = plain or not interactive or not capable_terminal()
    given = load_session(answers_file, flow, answers_only=True) if answers_file else None
    answers = given.answers if given else {}
    missing = [step.path for step in rules.missing_required(flow, answers)]
    if given and missing and not interactive:
        raise AnswersError(t("run.missing_required", paths="\n  ".join(missing)))
    complete_answers = given is not None and not missing
    prompter = _prompter(plain, strict=not interactive)
    known = {
        k: v for k, v in (given.meta.as_dict() if given else {}).items() if v not in ("", None)
    }
    known.update({k: v for k, v in (meta or {}).items() if v is not None})
    metadata.check(known)
    if not complete_answers:
        known = metadata.ask(prompter, known)
    session_meta = Meta(workshop=flow.title, **metadata.fields(known))
    path = _new_path(session_path, session_meta, flow, prompter)
    existing = newest_side(path) or (path if path.exists() else None)
    if existing is not None:
        if not complete_answers and not _start_anew(existing, prompter):
            return resume(existing, flow_spec=flow_spec or DEFAULT_FLOW, plain=plain, lang=lang)
        path = another_path(path)
        prompter.info(t("run.new_beside", path=path))
    with SessionLock(path):
        session = Session.start(flow, session_meta, path)
        session.flow.source = flowref.record(flow, path)
        if copy_flow:
            session.flow.source, done = flowref.copy_beside(flow, path)
            prompter.info(done)
        session.answers = answers
        session.skipped = set(given.skipped) if given else set()  # left empty on purpose
        live = LiveSession(flow, session, prompter)
        with live.interrupts():
            if complete_answers:
                live.finish()
            else:
                session.save()  # a file that cannot even be made is an error before any answer
                prompter.info(t("run.saving_to", path=path))
                if given:
                    live.ask_missing()
                    live.review_all()
                else:
                    live.walk(walker.first_slot(flow, session.answers))
        _all_input_used(prompter, session)
    return path


def resume(
    session_path: Path,
    *,
    flow_spec: str | None = None,
    plain: bool = False,
    lang: str | None = None,
) -> Path:
    """Continue a session where the work stopped, or review it when it is complete."""
    with SessionLock(session_path):
        header = load_session(session_path)
        flow = _resume_flow(header, flow_spec)
        choose(lang, fallback=flow.language)
        session = load_session(session_path, flow)
        interactive = sys.stdin.isatty()
        prompter = _prompter(plain or not interactive or not capable_terminal(), not interactive)
        if session.flow.sha256 != flow.sha256:
            where = {"id": flow.id, "version": flow.version, "source": flow.source}
            prompter.warn(t("run.flow_changed", **where))
            if session.orphans:
                prompter.warn(t("run.orphans", paths=", ".join(session.orphan_paths())))
            session.flow.sha256, session.flow.version = flow.sha256, flow.version
        session.flow.source = flowref.record(flow, session.path or session_path)  # found here
        LiveSession(flow, session, prompter).carry_on()
        _all_input_used(prompter, session)
    return session.path or session_path


def _all_input_used(prompter: Prompter, session: Session) -> None:
    """Input that is not typed live and has lines with text left once the session is done was
    out of step somewhere: an answer may stand at the wrong question. Said, with exit code 1;
    the session stays as it was saved, for the leader to look over."""
    left = getattr(prompter, "unused_input", lambda: None)()
    if left is not None:
        count, line, text = left
        command = _resume_command(session.path)
        raise Interrupted(tn("run.input_left", count, line=line, text=text, command=command), 1)


def _resume_flow(header: Session, flow_spec: str | None) -> Flow:
    """The flow the session was run with: `--flow`, else the recorded one; never a flow with
    another id, whose questions would not be these answers' questions."""
    flow = load_flow(flow_spec) if flow_spec else flowref.find(header)
    if flow.id != header.flow.id:
        raise UsageError(t("run.other_flow", path=header.path, id=header.flow.id, other=flow.id))
    return flow


def capable_terminal() -> bool:
    """Whether the terminal can redraw; else the plain line protocol is used."""
    return system.can_full_screen(os.environ)


def _start_anew(existing: Path, prompter: Prompter) -> bool:
    """A session of this flow, round and group exists: go on with it (False) or start anew."""
    try:
        complete = load_session(existing).complete
    except LimburglabError:  # not a session we can read: never touched, a new file beside it
        return True
    state = t("run.existing_complete" if complete else "run.existing_in_progress")
    actions = [
        ("resume", t("run.existing_review" if complete else "run.existing_resume")),
        ("new", t("run.existing_new", path=another_path(existing))),
    ]
    while True:
        try:
            return prompter.choose(t("run.existing", path=existing, state=state), actions) == "new"
        except GoBack:
            continue
        except OutOfStep as exc:
            raise metadata.early_out_of_step(exc, t("run.place_existing")) from None
        except EOFError:
            raise Interrupted(t("run.end_of_input_early"), 1) from None
        except (KeyboardInterrupt, Stop) as exc:
            code = exc.code if isinstance(exc, Stop) else 130
            raise Interrupted(t("run.interrupted_early"), code) from None


def _prompter(plain: bool, strict: bool) -> Prompter:
    """The terminal prompter, or the plain one; `strict` when the input is not typed live."""
    if plain:
        from limburglab.live.plain import PlainPrompter

        return PlainPrompter(strict=strict)
    from limburglab.live.terminal import TerminalPrompter

    return TerminalPrompter()


def _new_path(given: Path | None, meta: Meta, flow: Flow, prompter: Prompter) -> Path:
    """The new session's file: `--session` if free, else a free name; a folder gets the usual."""
    if given is None or given.is_dir() or not given.name or str(given).endswith(os.sep):
        return default_path(given or SESSIONS_FOLDER, meta, flow.id)  # may exist: see run
    free = free_path(given)
    if free != given:
        prompter.warn(t("run.exists", path=given, free=free))
    return free


# --- walking ----------------------------------------------------------------------------------


class LiveSession:
    """One session being asked: the cursor, saving, reviewing, timing."""

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
        self.slot: Slot | None = None
        self.last_tick = clock()
        self.warned: set[str] = set()
        #: The last confirmed answer is not on disk yet (a failed save, retried at the next).
        self.unsaved = False
        #: How many entries the last answer held (several when lines were pasted).
        self.pasted = 0
        #: The last entry asked was cleared and taken out: the walk goes on at its place.
        self.removed = False
        #: The questions other questions take their choices from (`choices_from`).
        self.sources = {
            q.choices_from
            for _, q in flow.questions()
            if isinstance(q, ChoiceQuestion) and q.choices_from
        }
        #: Answers that lost a choice by an edit, to be asked again (by path).
        self.to_recheck: dict[str, Step] = {}
        #: Locks on side files the session moved to (released when the process ends).
        self.locks: list[SessionLock] = []
        #: What is being asked, in words: to say where input stopped or fell out of step.
        self.place = ""
        #: The session file as it was when this began (None when there was none), to tell
        #: whether anything was changed in it.
        self.opened = session.on_disk()
        #: What is being typed, kept beside the session file while it is typed, and where.
        self.typed = drafts.Keeper(lambda: self.session.path)
        self.typing_at: Slot | None = None
        prompter.set_status(self.status)
        tell = getattr(prompter, "set_typing", None)  # a scripted prompter types nothing
        if tell is not None:
            tell(self._typing)

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

    def save(self) -> bool:
        """Save now. A refusal is said at once and retried at the next save; the answers stay
        in memory meanwhile. A file changed by someone else is never overwritten."""
        self.tick()
        before = self.session.path
        try:
            self.session.save()
        except WriteError as exc:
            self._tell(self.prompter.warn, t("run.save_failed", problem=exc))
            self.unsaved = True
            return False
        if self.session.path != before and self.session.path is not None:
            self._tell(
                self.prompter.warn, t("run.changed_on_disk", path=before, side=self.session.path)
            )
            with suppress(LimburglabError):  # the side file has one owner too
                self.locks.append(SessionLock(self.session.path).__enter__())
        if self.unsaved:
            self._tell(self.prompter.info, t("run.saved_again", path=self.session.path))
            self.unsaved = False
        self.typed.saved()
        return True

    def _typing(self, text: str, line: int | None) -> None:
        """What stands in the input now: kept beside the session when it is new text typed at
        a place of the walk (not a menu's number, such as the place to move an entry to)."""
        slot = self.typing_at
        if slot is None:
            return
        new = bool(text.strip()) and not self._standing(text)
        self.typed.typing(Draft(slot.loc, text, line) if new else None)

    @contextmanager
    def _typing_here(self, slot: Slot) -> Iterator[None]:
        self.typing_at = slot
        try:
            yield
        finally:
            self.typing_at = None

    @staticmethod
    def _tell(say: Callable[[str], None], message: str) -> None:
        """Say it, unless the terminal is gone (a closed window): saving goes on regardless."""
        with suppress(OSError):
            say(message)

    def _save_at(self, slot: Slot | None) -> None:
        """Save with the cursor at `slot`: the position and the answers in one write."""
        self.session.current = slot.path if slot else None
        self.save()

    @contextmanager
    def interrupts(self) -> Iterator[None]:
        """Ctrl-C, end of input, SIGHUP and SIGTERM: keep what is being typed, save, and say
        how to resume (or where the rescue copy is, when the disk refuses)."""
        previous = system.handle_stop_signals(_on_stop_signal)
        try:
            yield
        except OutOfStep as exc:
            lead = t("run.out_of_step", line=exc.line, place=self.place, reason=exc.reason)
            raise Interrupted(f"{lead}\n{self._stop('', 1, out_of_step=True)}", 1) from None
        except (KeyboardInterrupt, EOFError, Stop) as exc:
            code = exc.code if isinstance(exc, Stop) else 130
            lead = ""
            if isinstance(exc, EOFError):
                code = 1
                line = getattr(exc, "line", None)
                if line is not None and self.place:
                    lead = t("run.stopped_at", place=self.place, line=line) + "\n"
            message = self._stop(getattr(exc, "buffer", ""), code, getattr(exc, "line", None))
            raise Interrupted(lead + message, code) from None
        finally:
            system.restore_signals(previous)

    def _stop(
        self, buffer: str, code: int, line: int | None = None, *, out_of_step: bool = False
    ) -> str:
        """Save what there is; the message to leave with."""
        ignore = system.handle_stop_signals(signal.SIG_IGN)
        try:
            if self.slot is not None and buffer.strip() and not self._standing(buffer):
                self.session.keep_draft(self.slot.loc, buffer, line)
                self.session.status = IN_PROGRESS  # to be finished: resume offers the draft
            elif self.session.complete and not self.unsaved:
                changed = self.session.changed_since(self.opened)
                key = "run.stopped_complete_changed" if changed else "run.stopped_complete"
                return t(key, path=self.session.path)
            saved = self.save()
            command = _resume_command(self.session.path)
            if saved:
                key = {130: "run.interrupted", 1: "run.end_of_input"}.get(code, "run.hangup")
                return t("run.out_of_step_saved" if out_of_step else key, command=command)
            rescue = self.session.rescue()
            if rescue is None:
                return t("run.lost", path=self.session.path)
            return _rescued(self.session, rescue)
        finally:
            system.restore_signals(ignore)

    def _standing(self, buffer: str) -> bool:
        """Whether the input only held what stands at the current place already (an answer
        offered for editing, untouched): no draft then, and an earlier draft stays."""
        assert self.slot is not None
        here = tree.get(self.session.answers, self.slot.loc)
        text = tree.entry_text(here) if isinstance(here, (str, dict)) else ""
        return buffer.strip() in {line.strip() for line in text.split("\n")}

    # the cursor

    def carry_on(self) -> None:
        """Resume: go on where the work stopped, or review a complete session."""
        with self.interrupts():
            self.take_up_what_was_left()
            if self.session.complete:
                self.review_all()
            else:
                self.walk(self.resume_slot())

    def take_up_what_was_left(self) -> None:
        """What an earlier run left outside the session file: a rescue copy from a failed save
        (its answers taken over only when the leader says so) and the text being typed when
        the process ended without a word (offered at its place)."""
        for copy in rescues.find(self.session)[:1]:
            try:
                take = self.prompter.confirm(
                    t("run.rescue_found", path=copy.path, time=_moment_text(copy.updated_at)),
                    default=None,
                    hint=t("run.rescue_hint"),
                    depth=0,
                )
            except GoBack:
                take = False
            if take:
                rescues.merge(self.session, copy, self.flow)
                self.session.status = IN_PROGRESS
                if self.save():
                    self.prompter.info(t("run.rescue_merged", path=copy.path))
        saved_at = drafts.adopt(self.session)
        if saved_at is not None:
            self.session.status = IN_PROGRESS  # to be finished, as after Ctrl-C
            self.prompter.info(t("run.draft_offered", time=_moment_text(saved_at)))

    def resume_slot(self) -> Slot | None:
        """Where a resumed session goes on: the question being typed when it stopped, else the
        first slot that is neither answered nor deliberately left empty. A draft whose place
        is gone (an entry past the end of its list goes to the list's end) is said in full,
        and stays in the file until new text is typed."""
        draft = self.session.draft
        if draft is not None:
            slot = walker.slot_at(self.flow, self.session.answers, draft.loc)
            if slot is None and isinstance(draft.loc[-1], int):
                end = (*draft.loc[:-1], len(tree.entries(self.session.answers, draft.loc[:-1])))
                slot = walker.slot_at(self.flow, self.session.answers, end)
                if slot is not None and draft.text.strip():
                    self.session.draft = Draft(end, draft.text)
            if slot is not None:
                return slot
            if draft.text.strip():
                where = tree.format_loc(draft.loc)
                self.prompter.warn(t("run.draft_no_place", path=where, text=draft.text))
        return walker.frontier(self.flow, self.session.answers, self.session.skipped)

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

    def walk(self, slot: Slot | None, *, scope: Loc | None = None) -> None:
        """Ask slot by slot from `slot` to the end, with a review after each section.

        With `scope`, only the slots inside that location (an entry being changed, a list being
        added to) and no reviews; going back before the first returns to the caller.
        """
        first = slot
        if scope is None and slot is not None and self.session.current != slot.path:
            self._save_at(slot)  # viewers of the file (the board) see where the leader is
        while slot is not None:
            try:
                self._ask(slot)
            except GoBack as back:
                if back.buffer.strip() and not self._standing(back.buffer):
                    self.session.keep_draft(slot.loc, back.buffer, back.line)
                previous = walker.slot_before(self.flow, self.session.answers, slot.loc)
                if scope is not None and (previous is None or not _inside(previous.loc, scope)):
                    if slot == first:
                        return
                    previous = first
                if previous is None:
                    self.prompter.info(t("run.at_start"))
                else:
                    slot = previous
                    self._save_at(slot)
                continue
            following = walker.slot_after(self.flow, self.session.answers, self._past(slot))
            if self.removed:  # the entry is gone: what followed it stands at its place now
                self.removed = False
                if scope is not None and _inside(scope, slot.loc):
                    self._save_at(None)
                    return
                following = walker.slot_at(self.flow, self.session.answers, slot.loc) or following
            if scope is not None:
                if following is None or not _inside(following.loc, scope):
                    self._save_at(self.slot)
                    return
            elif following is None or following.section.id != slot.section.id:
                self._save_at(following)
                action = self.review_section(slot.section)
                if action == "back":
                    continue
                if action == "redo":
                    slot = walker.first_slot(self.flow, self.session.answers, slot.section.id)
                    continue
                following = walker.slot_after(self.flow, self.session.answers, slot.loc)
            slot = following
            self._save_at(slot)
        if scope is None:
            self.review_all()

    def _ask(self, slot: Slot) -> None:
        """Ask one slot and put its answer in the session (saved by the caller, together with
        the cursor's next position)."""
        if self.section is None or slot.section.id != self.section.id:
            self._open(slot.section)
        self.slot = slot
        self.place = t("run.place_question", id=slot.path)
        answers = self.session.answers
        self.prompter.frame(self.context_lines(slot.section))
        context = walker.flat(answers)
        if slot.item is not None:  # a long entry is shown in full above, not in each prompt
            item = dict(slot.item)
            if isinstance(item.get("text"), str):
                item["text"] = short(item["text"])
            context = {**context, "item": item}
        draft = self.session.draft_text(slot.loc)
        line = self.session.draft.line if draft is not None and self.session.draft else None
        with self._typing_here(slot):
            self._ask_value(slot, context, draft, line)
        self._recheck_dependents(slot.step_loc)
        if draft is not None or self._marked(slot):
            self.session.draft = None  # answered; a draft elsewhere waits for its own place
        self._check_time()

    def _ask_value(
        self, slot: Slot, context: dict[str, Any], draft: str | None, line: int | None
    ) -> None:
        """The asking itself: an entry, or the answer to a question or follow-up."""
        answers = self.session.answers
        if slot.is_entry:
            self._ask_entry(slot, context, draft)
        else:
            several_lines = (ParagraphQuestion, MultiselectQuestion)
            keep = self._keeper(slot) if isinstance(slot.question, several_lines) else None
            value = self.asker.ask(
                slot.question,
                context,
                tree.get(answers, slot.loc),
                depth=slot.depth,
                draft=draft,
                line=line,
                keep=keep,
            )
            entries.answer(self.session, slot.loc, value)
            self.session.mark(slot.loc, answered=value is not None)

    def _marked(self, slot: Slot) -> bool:
        """Whether the draft is the mark of an answer of several lines typed at `slot`."""
        draft = self.session.draft
        return draft is not None and draft.loc == slot.loc and not draft.text

    def _past(self, slot: Slot) -> Loc:
        """Where the walk goes on from: after pasted entries without follow-ups, past them all."""
        pasted = self.pasted
        self.pasted = 0
        question = slot.question
        plain_list = isinstance(question, ListQuestion) and not question.item
        if slot.is_entry and pasted > 1 and plain_list:
            return (*slot.list_loc, slot.index + pasted - 1)
        return slot.loc

    def _ask_entry(self, slot: Slot, context: dict[str, Any], draft: str | None) -> None:
        assert isinstance(slot.question, ListQuestion)
        answers = self.session.answers
        current = tree.entries(answers, slot.list_loc)
        existing = current[slot.index] if slot.index < len(current) else None
        while True:
            texts = self.asker.entry(
                slot.question,
                context,
                number=slot.index + 1,
                count=len(current),
                existing=None if existing is None else tree.entry_text(existing),
                draft=draft,
                depth=slot.depth,
            )
            if texts or existing is None:
                break
            # An entry cleared and confirmed goes, with what hangs under it, once the leader
            # says so; else it is offered again as it was.
            if self.asker.confirm_delete(existing):
                entries.delete(self.session, slot.list_loc, slot.index)
                self.removed = True
                return
            draft = None
        self.pasted = len(texts)
        if not texts:
            if existing is None:  # the empty line at the end closes the list
                self.session.mark(slot.loc, answered=False)
            return
        if existing is None:
            entries.insert(self.session, slot.list_loc, slot.index, texts)
            return
        entries.set_text(self.session, slot.loc, texts[0])
        if texts[1:]:
            entries.insert(self.session, slot.list_loc, slot.index + 1, texts[1:])

    def _keeper(self, slot: Slot) -> Callable[[Any], None]:
        """Saves an answer of several lines (a paragraph, a multiselect with its "other" lines)
        line by line as it is typed, marked as still being typed."""

        def keep(value: Any) -> None:
            entries.answer(self.session, slot.loc, value or None)
            draft = self.session.draft  # a draft typed elsewhere is not given up for this mark
            if draft is None or draft.loc == slot.loc or not draft.text:
                self.session.keep_draft(slot.loc, "")
            self._save_at(slot)

        return keep

    def _recheck_dependents(self, changed: Loc) -> None:
        """Answers whose choices come from the changed answer keep only the choices that are
        still there, in the same write; those that lost one are noted in `self.to_recheck`,
        to be asked again."""
        changed_id = changed[1]
        if changed_id not in self.sources:
            return
        context = walker.flat(self.session.answers)
        for step in self._steps():
            question = step.question
            if not isinstance(question, ChoiceQuestion) or question.choices_from != changed_id:
                continue
            value = self.session.get(step.section.id, question.id)
            if value is None:
                continue
            valid = {c.value for c in self.flow.choices(question, context)}
            kept = _keep_choices(value, valid, getattr(question, "other", False))
            if kept != value:
                entries.answer(self.session, step.loc, kept)
                self.to_recheck[step.path] = step
            elif isinstance(question, RankQuestion) and question.max is None and valid - set(value):
                self.to_recheck[step.path] = step  # a new choice to place in the order

    def ask_missing(self) -> None:
        """Ask only the required questions that have no answer yet."""
        while (step := next(iter(self._missing()), None)) is not None:
            self._edit_step(step)

    def _missing(self) -> list[Step]:
        return rules.missing_required(self.flow, self.session.answers)

    # reviewing and editing

    def review_section(self, section: Section) -> str:
        """Show what the section captured; 'continue', 'redo' or 'back' (into the section)."""
        while True:
            self.prompter.review(self.section_lines(section))
            self.place = t("run.place_review", title=section.title)
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
            self.place = t("run.place_final")
            try:
                action = self.prompter.choose(
                    t("review.final_prompt"),
                    [(key, t(f"review.{key}")) for key in ("finish", "edit")],
                )
            except GoBack:
                steps = self._steps()
                if not steps:
                    continue
                self.session.status = IN_PROGRESS
                self.walk(walker.slots(steps[-1], self.session.answers)[-1])
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
        """Mark the session complete; only said to be saved when it is on disk."""
        self.session.status = COMPLETE
        self.session.current = None
        self.session.draft = None
        if not self.save():
            self.session.status = IN_PROGRESS
            rescue = self.session.rescue()
            raise WriteError(
                t("run.lost", path=self.session.path)
                if rescue is None
                else _rescued(self.session, rescue)
            )
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
        if step is not None:
            self._edit_step(step)

    def _edit_step(self, step: Step) -> None:
        """Change one answer (a list through the list editor), then the answers that depend
        on it and no longer fit."""
        self.to_recheck.clear()
        if isinstance(step.question, ListQuestion):
            self._edit_list(step)
        else:
            try:
                self._ask(walker.slots(step, self.session.answers)[0])
            except GoBack:
                return
            finally:
                self._save_at(None)
        for dependent in list(self.to_recheck.values()):
            self.prompter.warn(t("run.recheck", title=dependent.question.title))
            self._edit_step(dependent)

    def _edit_list(self, step: Step) -> None:
        assert isinstance(step.question, ListQuestion)
        self._edit_entries(step.loc, step.section, step.question, step.question.title, None)

    def _edit_entries(
        self,
        list_loc: Loc,
        section: Section,
        question: ListQuestion,
        title: str,
        item: dict[str, Any] | None,
    ) -> None:
        """The list editor, the same at every depth: add, change, insert, delete or move single
        entries without retyping the others, and open the follow-up list of an entry (examples
        of a driver, sub-points of a condition) in this same editor. `item` is the entry the
        list belongs to, for its prompts."""
        nested = [f for f in question.item if isinstance(f, ListQuestion)]
        keys = [
            "done",
            "add",
            "change",
            "insert",
            "delete",
            "move",
            *(["nested"] if nested else []),
        ]
        while True:
            current = tree.entries(self.session.answers, list_loc)
            self.prompter.frame([(0, f"{title}:")])  # one calm list, never piles
            self.asker.show_entries(current)
            self.place = t("run.place_list", id=tree.format_loc(list_loc))
            labels = ", ".join(f.title for f in nested)
            try:
                action = self.prompter.choose(
                    t("ask.list_action", title=title),
                    [(key, t(f"ask.list_{key}", labels=labels)) for key in keys],
                )
            except GoBack:
                return
            if action == "done":
                return
            try:
                self._list_action(list_loc, section, question, item, action, current)
            except GoBack:
                continue
            finally:
                self._save_at(None)

    def _list_action(
        self,
        list_loc: Loc,
        section: Section,
        question: ListQuestion,
        item: dict[str, Any] | None,
        action: str,
        current: list[Any],
    ) -> None:
        answers = self.session.answers
        if action == "add" or not current:
            self.walk(walker.slot_at(self.flow, answers, (*list_loc, len(current))), scope=list_loc)
            return
        index = self.asker.pick(current, t(f"ask.which_{action}"))
        if action == "change":
            self.walk(
                walker.slot_at(self.flow, answers, (*list_loc, index)), scope=(*list_loc, index)
            )
        elif action == "insert":
            # Text typed here and interrupted is kept as a new entry at the end of the list, never
            # in the place of the entry it was to go before (see `_stop`).
            self.slot = walker.Slot((*list_loc, len(current)), section, question, item)
            context = walker.flat(answers)
            with self._typing_here(self.slot):
                texts = self.asker.entry(
                    question,
                    {**context, "item": item} if item is not None else context,
                    number=index + 1,
                    count=len(current),
                    existing=None,
                    draft=None,
                    depth=0,
                    closing=False,
                )
            if texts:
                entries.insert(self.session, list_loc, index, texts)
                self._save_at(None)
                entry = walker.slot_at(self.flow, answers, (*list_loc, index))
                following = entry and walker.slot_after(self.flow, answers, entry.loc)
                if following is not None and _inside(following.loc, (*list_loc, index)):
                    self.walk(following, scope=(*list_loc, index))
        elif action == "delete":
            if self.asker.confirm_delete(current[index]):
                entries.delete(self.session, list_loc, index)
                self._recheck_dependents(list_loc)
        elif action == "move":
            target = self.asker.pick_place(len(current))
            entries.move(self.session, list_loc, index, target)
            self._recheck_dependents(list_loc)
        elif action == "nested":
            self._edit_followups(list_loc, section, question, index, current[index])

    def _edit_followups(
        self, list_loc: Loc, section: Section, question: ListQuestion, index: int, entry: Any
    ) -> None:
        """The list editor on a follow-up list of one entry (which one, when there are more)."""
        nested = [f for f in question.item if isinstance(f, ListQuestion)]
        followup = nested[0]
        if len(nested) > 1:
            chosen = self.prompter.select(
                t("ask.which_list"),
                [(f.id, f.title) for f in nested],
                default=None,
                other=False,
                hint="",
                depth=0,
            )
            if chosen is None:
                raise GoBack
            followup = next(f for f in nested if f.id == chosen)
        title = f"{followup.title} · {short(tree.entry_text(entry))}"
        inner = (*list_loc, index, followup.id)
        self._edit_entries(inner, section, followup, title, tree.entry_context(entry))

    def context_lines(self, section: Section, most: int = 80) -> list[tuple[int, str]]:
        """What the section captured so far, as the context above the current question: only
        the answers given that apply, each on one line (long ones shortened with "…"), at most
        the newest `most` lines (a screen shows fewer; a list of thousands costs no more)."""
        context = walker.flat(self.session.answers)
        lines: list[tuple[int, str]] = []
        for step in reversed(walker.section_steps(self.flow, self.session.answers, section.id)):
            value = self.session.get(section.id, step.question.id)
            if value is None:
                continue
            if isinstance(step.question, ListQuestion) and isinstance(value, list):
                value = walker.active_entries(step.question, value[-most:], context)
            lines = _value_lines(self.flow, step.question, value, 0, context) + lines
            if len(lines) >= most:
                break
        shown = lines[-most:]
        return [(depth, short(text, 200)) for depth, text in shown if not text.endswith(": —")]

    def section_lines(self, section: Section) -> list[tuple[int, str]]:
        """The section's answers that apply, as indented lines (depth, text)."""
        lines: list[tuple[int, str]] = []
        answers = walker.active(self.flow, self.session.answers)
        context = walker.flat(answers)
        for step in walker.section_steps(self.flow, self.session.answers, section.id):
            value = answers.get(section.id, {}).get(step.question.id)
            lines += _value_lines(self.flow, step.question, value, 0, context)
        return lines or [(0, t("review.nothing"))]


def _resume_command(path: Path | None) -> str:
    """The command that continues the session at `path`, quoted for the user's shell."""
    return system.shell_command([*system.own_command(), "resume", str(path)])


def _rescued(session: Session, rescue: Path) -> str:
    """What the leader is told when the answers went to a rescue copy: where they are, and how
    to go on. With the session file where there is one (its `resume` offers the copy, so the
    session stays in its folder); with the copy when the session file was never written."""
    original = session.path is not None and session.path.is_file()
    key = "run.rescued" if session.rescued_all else "run.rescued_partly"
    command = _resume_command(session.path if original else rescue)
    told = t(key, path=session.path, rescue=rescue, command=command)
    return f"{told}\n{t('run.rescue_offered')}" if original else told


def _on_stop_signal(number: int, frame: FrameType | None) -> None:
    """A stop signal (the window closed: SIGHUP, or on Windows the console closed; SIGTERM;
    Ctrl-Break): stop the prompt in hand with its text, as Ctrl-C does."""
    stop = asking.stopping = Stop(128 + number)
    if "prompt_toolkit" in sys.modules:
        from prompt_toolkit.application import get_app_or_none

        app = get_app_or_none()
        if app is not None and app.is_running and app.future and not app.future.done():
            stop.buffer = app.current_buffer.text
            with suppress(Exception):
                app.exit(exception=stop)
                return
    raise stop


def _inside(loc: Loc, scope: Loc) -> bool:
    return loc[: len(scope)] == scope


def _keep_choices(value: Any, valid: set[str], other: bool) -> Any:
    if other:
        return value
    if isinstance(value, list):
        return [v for v in value if v in valid] or None
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k in valid} or None
    return value if value in valid else None


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
            lines.append((depth + 1, tree.entry_text(entry)))
            if isinstance(entry, dict):
                inner = {**context, "item": tree.entry_context(entry)}
                for followup_id, followup in followups.items():
                    if followup_id in entry:
                        lines += _value_lines(flow, followup, entry[followup_id], depth + 2, inner)
        return lines
    return [(depth, f"{title}: {answer_text(flow, question, value, context)}")]


def _moment_text(stamp: str) -> str:
    """A moment from the session's files as people read it: `03-12-2026 07:51`."""
    when = rescues.moment(stamp)
    return when.strftime("%d-%m-%Y %H:%M") if when else stamp


def _clock_text(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"
